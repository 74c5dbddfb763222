# eDonkey / eMule - client and server TCP protocol
# Pattern attributes: good veryfast
# Protocol groups: p2p file_transfer
# Reference: Kulbak and Bickson, "The eMule Protocol Specification" (2005),
#   section 6.1 (header: protocol e3 eDonkey / c5 eMule / d4 packed,
#   4-byte little-endian size, opcode) and 6.2.1/6.4.1 (login 01 and
#   client hello 01, each starting with a 16-byte user hash: size 10)

edonkey
^[\xe3\xc5\xd4].?.?.?.?\x01\x10
