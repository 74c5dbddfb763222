# SOCKS - SOCKS 4, 4a and 5 proxies
# Pattern attributes: good veryfast
# Protocol groups: proxy ietf_proposed_standard
# Reference: RFC 1928 section 3 (v5 greeting: 05, number of methods,
#   methods; reply 05, method) and section 4 (request: 05, command 1-3, 0,
#   address type 1/3/4); "SOCKS: A protocol for TCP proxy across firewalls"
#   (SOCKS 4: 04, command 1/2, port, address, user id, 0; reply 0, 90-93)
#
# Method 00 (no authentication) is a zero byte and disappears, so the v5
# pattern spans the greeting, the reply and the start of the request.

socks
^(\x05[\x01-\x0a][\x01-\x03\x80-\xfe]?[\x01-\x03\x80-\xfe]?[\x01-\x03\x80-\xfe]?[\x01-\x03\x80-\xfe]?\x05([\x01\x02\xff]|\x05[\x01-\x03][\x01\x03\x04])|\x04[\x01\x02].?.?.?.?.?.?[ -~]*(z|\[))
