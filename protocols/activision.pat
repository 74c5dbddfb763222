# Activision (Call of Duty) game traffic over UDP
# Pattern attributes: good veryfast
# Protocol groups: game proprietary
# Reference: no public specification; nDPI's reverse-engineered
#   dissector (src/lib/protocols/activision.c): the first packet of one
#   side starts with 0c 02, the other side's with 0d 02 (29-byte
#   handshake packets)
#
# One side's 0c 02 or 0d 02, up to 27 more bytes, then the other
# side's: both handshake packets are required.

activision
^(\x0d\x02.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?\x0c\x02|\x0c\x02.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?\x0d\x02)
