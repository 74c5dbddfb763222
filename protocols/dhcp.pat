# DHCP - Dynamic Host Configuration Protocol (and BOOTP)
# Pattern attributes: great veryfast
# Protocol groups: networking ietf_draft_standard
# Reference: RFC 2131 section 2 (op 1/2, htype, hlen, hops, xid, ...,
#   chaddr, sname, file) and section 3 (magic cookie 63 82 53 63, then
#   options in any order; every DHCP message carries option 53); RFC
#   2132 section 9.6 (option 53, DHCP message type 1-8), RFC 3203, 4388,
#   6926 and 7724 (types 9-20); RFC 1700 / IANA ARP hardware types
#   (Ethernet 1, IEEE 802 6, InfiniBand 32 with hlen 0, RFC 4390)
#
# The op code, then the cookie (after the fixed fields, mostly zeros
# and dropped) and option 53 among the options that follow.  BOOTP
# without the cookie and option 53 (RFC 951) has only the op code and
# the hardware type and length fixed: not recognised.

dhcp
^[\x01\x02].*\x63\x82\x53\x63.*\x35\x01[\x01-\x14]
