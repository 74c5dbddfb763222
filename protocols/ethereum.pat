# Ethereum devp2p - node discovery (UDP) and the RLPx handshake (TCP)
# Pattern attributes: good veryfast
# Protocol groups: p2p
# Reference: devp2p specifications (github.com/ethereum/devp2p):
#   discv4.md (a 32-byte hash, a 65-byte signature, the packet type,
#   then RLP data: Ping 1 [version 4, from, to, expiration], Pong 2
#   [to, ping hash, expiration], FindNode 3 [64-byte target], Neighbors
#   4 [nodes], ENRRequest 5 [expiration], ENRResponse 6 [hash, record];
#   an endpoint is [ip (0x84 or 0x90), udp port, tcp port]) and rlpx.md
#   with EIP-8 (auth and auth-ack: a 2-byte size, then an ECIES message
#   opening with the 0x04 of its ephemeral public key; the auth body
#   alone is at least 282 bytes); RLP: the Yellow Paper, appendix B
#
# Discovery: the 97 bytes of hash and signature are random, so the
# type byte is found 94 to 97 bytes in (up to three of those bytes may
# be zero and dropped), followed by the RLP shape of its packet.
# Version 5 pings are seen in the wild and accepted.  RLPx: the auth's
# size (01 or 02 high byte) and 04, then at least 270 more bytes, then
# the auth-ack's size and 04: three bytes each, so both messages are
# required (a capture with the auth alone stays undecided).  Discovery
# v5 masks its header and the RLPx frames after the handshake are
# encrypted: neither is recognised.  Order: late (before teredo and
# ntp); a TLS flow captured mid-stream can show the RLPx shape.

ethereum
^(...............................................................................................?.?.?(\x01[\xc0-\xf8].?[\x04\x05][\xc0-\xf7][\x84\x90]|\x02[\xc0-\xf8].?[\xc0-\xf7]\x84.?.?.?.?\x82|\x03\xf8\x47\xb8\x40|\x04\xf9.?.?\xf9|\x05\xc5\x84|\x06[\xf8\xf9].?.?\xa0)|[\x01\x02].?\x04...............................................................................................................................................................................................................................................................................*[\x01\x02].?\x04)
