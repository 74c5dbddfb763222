# LLMNR - Link-Local Multicast Name Resolution
# Pattern attributes: ok veryfast
# Protocol groups: networking ietf_informational
# Reference: RFC 4795 section 2.1.1 (DNS header with RD clear; flags 0 for
#   a query, C/TC/T bits), 2.4 (single-label names)
#
# A query for a single-label name with RD clear.  A non-recursive DNS
# query for a one-label name looks the same: put llmnr after dns.

llmnr
^.?.?\x80?\x01\x01?[\x02-\x3f][-_0-9a-z\x80-\xff][-_0-9a-z\x80-\xff]+[\x01\x1c\xff]\x01
