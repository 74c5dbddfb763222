# LLMNR - Link-Local Multicast Name Resolution
# Pattern attributes: ok veryfast
# Protocol groups: networking ietf_informational
# Reference: RFC 4795 section 2.1.1 (DNS header with RD clear; flags 0 for
#   a query, C/TC/T bits), 2.4 (single-label names), 2.1 (names in
#   UTF-8); RFC 3629 section 1 (UTF-8 never uses the bytes c0, c1 and
#   f5-ff)
#
# A query (or its response, flags 80) for a single-label name with RD
# clear, of QTYPE A, AAAA or ANY, class IN.  A non-recursive DNS query
# for a one-label name looks the same: put llmnr after dns.  The label's
# length byte cannot be compared with the label: a DTLS record's fe ff
# once passed for a two-byte label before UTF-8's excluded bytes were
# left out.

llmnr
^.?.?\x80?\x01\x01?[\x02-\x3f][-_0-9a-z\x80-\xbf\xc2-\xf4][-_0-9a-z\x80-\xbf\xc2-\xf4]+[\x01\x1c\xff]\x01
