# Kerberos V5
# Pattern attributes: great veryfast
# Protocol groups: authentication ietf_proposed_standard
# Reference: RFC 4120 section 5.4.1 (KDC-REQ: [APPLICATION 10/12], pvno 5,
#   msg-type 10/12), 5.5.1 (AP-REQ [APPLICATION 14]), 5.9.1 (KRB-ERROR
#   [APPLICATION 30]) and 7.2.2 (TCP: 4-byte length prefix)

kerberos
^.?.?.?.?[\x6a-\x6e\x7e].?.?.?0.?.?.?[\xa0\xa1]\x03\x02\x01\x05[\xa1\xa2]\x03\x02\x01[\x0a-\x0e\x1e]
