# DHCP - Dynamic Host Configuration Protocol (and BOOTP)
# Pattern attributes: great veryfast
# Protocol groups: networking ietf_draft_standard
# Reference: RFC 2131 section 2 (op 1/2, htype 1, hlen 6) and section 3
#   (magic cookie 63 82 53 63); RFC 2132 section 9.6 (option 53, DHCP
#   message type 1-8, and later types 9-18 from RFC 3203, 4388, 6926)

dhcp
^[\x01\x02]\x01\x06.*\x63\x82\x53\x63\x35\x01[\x01-\x12]
