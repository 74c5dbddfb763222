# NetEase Games (Lost Light, Badlanders, Naraka: Bladepoint) over UDP
# Pattern attributes: good veryfast
# Protocol groups: game proprietary
# Reference: no public specification; nDPI's reverse-engineered
#   dissector (src/lib/protocols/netease_games.c): a 12-byte client
#   packet 01, any byte, d0 01 (16-bit little-endian 0x1d0), four bytes,
#   00 01 01 01; Lost Light's packets start b3 af 8d e8; Naraka's
#   07 08 08 0c
#
# The 12-byte packet ends the data so far ($); its zero bytes are
# dropped.  The other two by their first four bytes.

neteasegames
^(\x01.?\xd0\x01.?.?.?.?\x01\x01\x01$|\xb3\xaf\x8d\xe8|\x07\x08\x08\x0c)
