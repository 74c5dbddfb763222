# STUN - Session Traversal Utilities for NAT (and TURN)
# Pattern attributes: good veryfast undermatch
# Protocol groups: networking ietf_proposed_standard
# Reference: RFC 8489 section 5 (header: type, length, magic cookie
#   21 12 a4 42) and RFC 8656 (TURN methods); RFC 4571 framing over TCP;
#   RFC 3489 sections 11.1 and 11.2 (classic header and attributes)
#
# STUN with the magic cookie (RFC 5389 and later) is recognised by the
# cookie.  The classic RFC 3489 header (type, length, 16-byte
# transaction ID) has no fixed bytes (the 2009 pattern matched almost
# anything for that reason), so of it only Binding Requests (00 01)
# carrying exactly one attribute are recognised, whatever its type:
# the attribute's length is the message length minus its 4-byte
# type/length header (RFC 3489 section 11.1: the TLV lengths sum to
# the message length).  That covers the NAT discovery request of
# section 10.1 (CHANGE-REQUEST, length 8) and Zoom's requests, which
# carry one attribute of the unregistered type 0x0101 (length 20).
# Each message length from 8 to 32 that is a multiple of 4 (RFC 3489
# keeps attributes on word boundaries: every attribute it defines has
# a length that is a multiple of 4, section 11.2) is an alternative
# paired with its attribute length: the high bytes of both are 0, so
# dropped, and each is one byte to the pattern.  At least 12 of the
# 18 bytes of transaction ID and attribute type must be non-zero: that
# halves the matches on random binary streams (from 9 to 5 per
# million, t_protocols --random) and loses a request only if 6 of its
# 16 random ID bytes are zero (no attribute type is 0).  Classic
# requests with several attributes or longer than 52 bytes, and other
# proprietary variants, are not recognised.

stun
^(.?.?.?.?.?.?!\x12\xa4\x42|\x01(\x08.............?.?.?.?.?.?\x04|\x0c.............?.?.?.?.?.?\x08|\x10.............?.?.?.?.?.?\x0c|\x14.............?.?.?.?.?.?\x10|\x18.............?.?.?.?.?.?\x14|\x1c.............?.?.?.?.?.?\x18|\x20.............?.?.?.?.?.?\x1c))
