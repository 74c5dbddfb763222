# QUIC - IETF QUIC v1/v2 and its drafts, Facebook mvfst, Google QUIC
# Pattern attributes: good veryfast
# Protocol groups: secure streaming_video ietf_proposed_standard
# Reference: RFC 8999 (version-independent properties: the long header's
#   first bit, 32-bit version, connection ID lengths and IDs); RFC 9000
#   sections 6 (version negotiation, forced with a reserved version),
#   7.2 (a client's first Destination Connection ID is at least 8 bytes),
#   15 (versions 0x?a?a?a?a are reserved for forcing negotiation) and
#   17.2.2 (Initial: form and fixed bits set, type 0); RFC 9369 (v2:
#   6b3343cf, Initial type 1), the IANA QUIC version registry (drafts
#   ff0000xx, the v2 draft codepoint 709a50c4, mvfst faceb00x, Google
#   Q0xx/T0xx); Google QUIC's public header (flags with the version bit
#   and 8-byte connection ID, PN length bits 0x30, then the version);
#   Google's "QUIC Crypto" design document (the handshake messages in
#   clear before Q046: tags CHLO, REJ, SHLO)
#
# The client's first datagram opens with a long header Initial.  A
# version's zero bytes are dropped (v1 00000001 shows as 01).  The
# first byte's four low bits are masked by header protection.  The
# destination connection ID is 8 to 20 bytes (RFC 9000 7.2, 17.2); for
# v1 and the drafts, whose version leaves one or two bytes after NUL
# removal, only the lengths clients choose (8: Chrome, Firefox, msquic,
# lsquic; 16, 18, 20: quiche, ngtcp2): each other length would add
# about one random binary stream in 1.3 million to the matches, and the
# lengths 9 to 15 took one of the random suite's 20,000.
# An Initial of a reserved version (any first byte with the form bit:
# the other bits are version-specific) forces a Version Negotiation
# packet; the Initial decides.  Google QUIC before Q046 answers without
# the version: its REJ or SHLO tag, within the first 50 bytes of a
# packet whose flags have no version bit, covers a capture that missed
# the client's first packet.  Versions outside the registry are not
# recognised: once its version is unknown a long header keeps one
# fixed bit and a length byte.

quic
^([\xc0-\xcf](\x01|\xff[\x01-\x22])[\x08\x10\x12\x14]|[\xc0-\xcf]\xfa\xce\xb0.?[\x08-\x14]|[\xd0-\xdf](\x6b\x33\x43\xcf|\x70\x9a\x50\xc4)[\x08-\x14]|[\x80-\xff][\x0a\x1a\x2a\x3a\x4a\x5a\x6a\x7a\x8a\x9a\xaa\xba\xca\xda\xea\xfa][\x0a\x1a\x2a\x3a\x4a\x5a\x6a\x7a\x8a\x9a\xaa\xba\xca\xda\xea\xfa][\x0a\x1a\x2a\x3a\x4a\x5a\x6a\x7a\x8a\x9a\xaa\xba\xca\xda\xea\xfa][\x0a\x1a\x2a\x3a\x4a\x5a\x6a\x7a\x8a\x9a\xaa\xba\xca\xda\xea\xfa][\x08-\x14]|[\xc0-\xdf][qt]0[4-9][0-9]|[\x08-\x0f\x19\x1d\x29\x2d\x39\x3d].?.?.?.?.?.?.?.?q0[0-9][0-9]|[\x08\x0c\x18\x1c].................?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?(rej|shlo))
