# STUN - Session Traversal Utilities for NAT (and TURN)
# Pattern attributes: good veryfast undermatch
# Protocol groups: networking ietf_proposed_standard
# Reference: RFC 8489 section 5 (header: type, length, magic cookie
#   21 12 a4 42) and RFC 8656 (TURN methods); RFC 4571 framing over TCP;
#   RFC 3489 sections 11.1 and 11.2 (classic header: type, length, 16-byte
#   transaction ID; attributes: MAPPED-ADDRESS 1, RESPONSE-ADDRESS 2,
#   CHANGE-REQUEST 3, USERNAME 6, MESSAGE-INTEGRITY 8; a Binding Request
#   may carry RESPONSE-ADDRESS, CHANGE-REQUEST, USERNAME and
#   MESSAGE-INTEGRITY, a Binding Response opens with MAPPED-ADDRESS)
#
# STUN with the magic cookie (RFC 5389 and later: every method, request,
# response or indication) is recognised by the cookie.  The classic RFC
# 3489 header has no fixed bytes (the 2009 pattern matched almost
# anything for that reason), so of it only these are recognised:
# - a Binding Request (00 01) whose message length is a multiple of 4
#   from 8 to 64 and whose first attribute is one a request carries,
#   with the length its type has: CHANGE-REQUEST 4, RESPONSE-ADDRESS 8,
#   MESSAGE-INTEGRITY 20, USERNAME a multiple of 4 up to 32, and Zoom's
#   unregistered 01 01 of length 20 (the zero high bytes of type and
#   lengths are dropped, each is one byte to the pattern);
# - a Binding Response (01 01) opening with MAPPED-ADDRESS (length 8,
#   family 1), alone or after the request it answers, which may then
#   have no attribute at all.
# The transaction ID is 16 random bytes: at least 12 must be non-zero
# (a request is lost only if 5 of them are zero).  Classic Shared
# Secret requests run over TLS (tls); other proprietary variants are not
# recognised.

stun
^(.?.?.?.?.?.?!\x12\xa4\x42|\x01[\x08\x0c\x10\x14\x18\x1c\x20\x24\x28\x2c\x30\x34\x38\x3c\x40].............?.?.?.?(\x03\x04|\x02\x08|\x08\x14|\x06[\x04\x08\x0c\x10\x14\x18\x1c\x20]|\x01\x01\x14)|(\x01.............?.?.?.?)?\x01\x01[\x08\x0c\x10\x14\x18\x1c\x20\x24\x28\x2c\x30\x34\x38\x3c\x40].............?.?.?.?\x01\x08\x01)
