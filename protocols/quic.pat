# QUIC - IETF QUIC v1/v2 and its drafts, Facebook mvfst, Google QUIC
# Pattern attributes: good veryfast
# Protocol groups: secure streaming_video ietf_proposed_standard
# Reference: RFC 9000 section 17.2 (long header: form and fixed bits set,
#   32-bit version, DCID length at most 20) and 17.2.2 (Initial); RFC 8999
#   (version-independent properties); RFC 9369 (v2: 6b3343cf); draft
#   versions ff0000xx; Google QUIC Q0xx/T0xx versions and its public header
#   (flags 0x09/0x0d, 8-byte connection ID, version)
#
# The client's first packet is a long header Initial (type 0 in v1, 1 in
# v2).  A version's zero bytes are dropped (v1 00000001 shows as 01).
# Clients choose a destination connection ID of 8 bytes (RFC 9000 7.2
# requires at least 8); 16, 18 and 20 are accepted too.

quic
^([\xc0-\xcf](\x01|\xff[\x01-\x22]|\xfa\xce\xb0.?)[\x08\x10\x12\x14]|[\xd0-\xdf]\x6b\x33\x43\xcf[\x08-\x14]|[\xc0-\xdf][qt]0[4-9][0-9]|[\x08-\x0f].?.?.?.?.?.?.?.?q0[0-9][0-9])
