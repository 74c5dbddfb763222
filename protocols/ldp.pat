# LDP - Label Distribution Protocol (MPLS)
# Pattern attributes: great veryfast
# Protocol groups: networking ietf_draft_standard
# Reference: RFC 5036 sections 3.1 (PDU header: version 1, PDU length,
#   LDP identifier: LSR ID and label space), 3.4 (message header: type,
#   length, message ID), 3.5.2 (Hello 0x0100 with the Common Hello
#   Parameters TLV 0x0400, length 4) and 3.5.3 (Initialization 0x0200
#   with the Common Session Parameters TLV 0x0500, length 14, protocol
#   version 1)
#
# Discovery (UDP) by its Hello, sessions (TCP) by their Initialization.
# The zero bytes of types, lengths and identifiers are dropped.

ldp
^\x01.?.?.?.?.?.?.?.?(\x01.?.?.?.?.?.?\x04\x04|\x02.?.?.?.?.?.?\x05\x0e\x01)
