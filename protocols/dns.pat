# DNS - Domain Name System, recursive queries and their answers
# Pattern attributes: good veryfast
# Protocol groups: networking ietf_internet_standard
# Reference: RFC 1035 section 4.1.1 (header: ID, flags, QDCOUNT...),
#   4.1.2 (question: QNAME labels, QTYPE, QCLASS) and 4.2.2 (TCP: 2-byte
#   length prefix); RFC 6891 (EDNS adds one additional record)
#
# Requires the RD bit (every stub resolver sets it, and answers copy it):
# that is what tells DNS from mDNS and LLMNR, which use the same format
# with RD clear.  NUL bytes are dropped: a QDCOUNT of 1 shows as 01 and
# QTYPE A, class IN as 01 01.  Put mdns and llmnr after dns, and nbns
# before it: a NetBIOS name query has the DNS layout too (the query
# flags' CD bit is not accepted because NBNS broadcasts set that bit, nor
# QTYPE 32, NetBIOS's NB and DNS's long obsolete NIMLOC).

dns
^.?.?.?.?(\x01\x20?\x01\x01?|[\x81\x83\x85\x87][\x01-\x05\x80-\x85\xa0-\xa5]?\x01.?.?.?)([\x01-\x3f][-_0-9a-z]+)+[^\x20]\x01
