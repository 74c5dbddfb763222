# Avast - the antivirus' update and telemetry connections
# Pattern attributes: good veryfast
# Protocol groups: proprietary
# Reference: no public specification; nDPI's reverse-engineered
#   dissector (src/lib/protocols/avast.c): messages start with "NOSA"
#   and a 16-bit length equal to the message's (TCP port 80)
#
# "nosa" (lowercased) and at least one byte of the length; the length
# cannot be compared with the packet's size by a pattern.

avast
^nosa.
