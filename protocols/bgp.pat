# BGP - Border Gateway Protocol
# Pattern attributes: great veryfast
# Protocol groups: networking ietf_draft_standard
# Reference: RFC 4271 section 4.1 (16-byte marker of ones, 2-byte length,
#   type 1-4) and RFC 2918 (type 5, ROUTE-REFRESH)

bgp
^\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff.?[\x13-\xff][\x01-\x05]
