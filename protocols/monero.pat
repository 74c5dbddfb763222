# Monero - peer-to-peer protocol (Levin)
# Pattern attributes: great veryfast
# Protocol groups: p2p
# Reference: Monero source, contrib/epee/include/net/levin_base.h (bucket
#   header: signature 0x0101010101012101 little endian, then body size,
#   have_to_return, command, return code, flags, protocol version)
#
# The 8-byte signature opens every Levin message, handshake (command
# 1001) first.  Other CryptoNote coins built on the same library use it
# too.

monero
^\x01!\x01\x01\x01\x01\x01\x01
