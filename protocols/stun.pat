# STUN - Session Traversal Utilities for NAT (and TURN)
# Pattern attributes: good veryfast undermatch
# Protocol groups: networking ietf_proposed_standard
# Reference: RFC 8489 section 5 (header: type, length, magic cookie
#   21 12 a4 42) and RFC 8656 (TURN methods); RFC 4571 framing over TCP;
#   RFC 3489 sections 10.1, 11.1 and 11.2.4 (classic header, CHANGE-REQUEST)
#
# STUN with the magic cookie (RFC 5389 and later).  The classic RFC 3489
# header has no fixed bytes to recognise (the 2009 pattern matched
# almost anything for that reason); of it only the NAT discovery request
# of RFC 3489 section 10.1 is recognised: a Binding Request (00 01,
# length 8) whose one attribute is CHANGE-REQUEST (00 03, length 4,
# flags 0, 2, 4 or 6) and ends the packet ($).  Proprietary variants
# (Zoom's requests carry an attribute 0x0101 no RFC defines) are not.

stun
^(.?.?.?.?.?.?!\x12\xa4\x42|\x01\x08.............?.?.?.?\x03\x04[\x02\x04\x06]?$)
