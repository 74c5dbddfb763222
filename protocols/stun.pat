# STUN - Session Traversal Utilities for NAT (and TURN)
# Pattern attributes: good veryfast undermatch
# Protocol groups: networking ietf_proposed_standard
# Reference: RFC 8489 section 5 (header: type, length, magic cookie
#   21 12 a4 42) and RFC 8656 (TURN methods); RFC 4571 framing over TCP
#
# Only STUN with the magic cookie (RFC 5389 and later): the classic
# RFC 3489 header has no fixed bytes to recognise (the 2009 pattern
# matched almost anything for that reason).

stun
^.?.?.?.?.?.?!\x12\xa4\x42
