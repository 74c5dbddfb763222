# LDAP - Lightweight Directory Access Protocol (and CLDAP)
# Pattern attributes: good veryfast
# Protocol groups: ietf_proposed_standard
# Reference: RFC 4511 section 4.1.1 (LDAPMessage: SEQUENCE, messageID
#   INTEGER, protocolOp) and sections 4.2 (BindRequest [APPLICATION 0],
#   version 3), 4.5.1 (SearchRequest [APPLICATION 3]), 4.12 (ExtendedRequest
#   [APPLICATION 23], e.g. StartTLS)

ldap
^0.?.?.?.?\x02[\x01-\x04].?.?.?.?(\x60.?.?.?\x02\x01[\x02\x03]|\x63.?.?.?\x04|\x77.?.?.?\x80)
