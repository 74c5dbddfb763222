# DNS - Domain Name System, recursive queries and their answers
# Pattern attributes: good veryfast
# Protocol groups: networking ietf_internet_standard
# Reference: RFC 1035 section 4.1.1 (header: ID, flags, QDCOUNT...),
#   4.1.2 (question: QNAME labels, QTYPE, QCLASS) and 4.2.2 (TCP: 2-byte
#   length prefix); RFC 6891 (EDNS adds one additional record); RFC 1123
#   section 2.1 and RFC 8552 section 1.1 (labels are letters, digits and
#   hyphens; an underscore only starts a label); RFC 6762 section 3 and
#   RFC 6763 section 7 (service names under .local are multicast DNS)
#
# Requires the RD bit (every stub resolver sets it, and answers copy it):
# that is what tells DNS from mDNS and LLMNR, which use the same format
# with RD clear.  NUL bytes are dropped: a QDCOUNT of 1 shows as 01 and
# QTYPE A, class IN as 01 01.  Put mdns and llmnr after dns, and nbns
# before it: a NetBIOS name query has the DNS layout too (the query
# flags' CD bit is not accepted because NBNS broadcasts set that bit, nor
# QTYPE 32, NetBIOS's NB and DNS's long obsolete NIMLOC).
# A dropped zero ID lets an mDNS answer's flags pass for an ID: names
# ending in _tcp.local or _udp.local (DNS-SD over mDNS) are therefore not
# dns, while other .local names (Active Directory domains, the SOA
# "local." probe) are.  An underscore inside a label is not a host name
# (it kept a Thrift call "anonymous_command_on" out).

dns
^.?.?.?.?(\x01\x20?\x01\x01?|[\x81\x83\x85\x87][\x01-\x05\x80-\x85\xa0-\xa5]?\x01.?.?.?)(([\x01-\x3f]_?[-0-9a-z]+)*[\x01-\x3f]_?([-0-9a-z][-0-9a-z]?[-0-9a-z]?[-0-9a-z]?|[-0-9a-z][-0-9a-z][-0-9a-z][-0-9a-z][-0-9a-z][-0-9a-z]+|[-0-9a-km-z][-0-9a-z][-0-9a-z][-0-9a-z][-0-9a-z]|l[-0-9a-np-z][-0-9a-z][-0-9a-z][-0-9a-z]|lo[-0-9abd-z][-0-9a-z][-0-9a-z]|loc[-0-9b-z][-0-9a-z]|loca[-0-9a-km-z])|(([\x01-\x3f]_?[-0-9a-z]+)*[\x01-\x3f]([-0-9a-z]+|_([-0-9a-z][-0-9a-z]?|[-0-9a-sv-z][-0-9a-z][-0-9a-z]|t[-0-9abd-z][-0-9a-z]|tc[-0-9a-oq-z]|u[-0-9a-ce-z][-0-9a-z]|ud[-0-9a-oq-z]|[-0-9a-z][-0-9a-z][-0-9a-z][-0-9a-z]+)))?\x05local)[^\x20]\x01
