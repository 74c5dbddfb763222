# Agora SD-RTN - Software Defined Real-Time Network (real-time voice and
# video of apps built on the Agora SDK)
# Pattern attributes: good veryfast
# Protocol groups: voip streaming_video proprietary
# Reference: no public specification; nDPI's reverse-engineered
#   dissector (src/lib/protocols/sd_rtn.c): byte 6 is 0x21, bytes 12-15
#   are 04 "SNI", then a 16-bit length, a zero byte and the edge
#   server's host name
#
# The zero bytes of the first 12 are dropped; the host name must start
# with a host-name character.  Media packets after the first are not
# recognised.

sd-rtn
^.?.?.?.?.?.?\x21.?.?.?.?.?\x04sni.?.?[-.0-9a-z]
