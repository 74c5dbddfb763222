# Teredo - IPv6 over UDP through NATs
# Pattern attributes: good veryfast
# Protocol groups: tunnel networking ietf_proposed_standard
# Reference: RFC 4380, the packet formats (an optional authentication
#   indicator 00 01, ID and AU lengths, an 8-byte nonce, a confirmation
#   byte; an optional origin indication 00 00, port and address, then
#   an IPv6 packet; Teredo addresses are 2001:0::/32, the
#   qualification router solicitations are sent from fe80::)
#
# The indicators (zero bytes dropped) then an IPv6 header: version 6,
# up to five flow label and length bytes, next header TCP, UDP, ICMPv6
# or none (bubbles), the hop limit and a source address in fe80::/16
# or 2001::/16.  Order: late (before ntp); only the IPv6 header is
# fixed, so other IPv6-in-UDP tunnels (e.g. AYIYA) may match.

teredo
^(\x01.?.?.?.?.?.?.?.?.?.?.?)?(.?.?.?.?.?.?)?\x60.?.?.?.?.?[\x06\x11\x3a\x3b].(\xfe\x80|\x20\x01)
