# LDAP - Lightweight Directory Access Protocol (and CLDAP)
# Pattern attributes: good veryfast
# Protocol groups: ietf_proposed_standard
# Reference: RFC 4511 section 4.1.1 (LDAPMessage: SEQUENCE, messageID
#   INTEGER, protocolOp) and sections 4.2 (BindRequest [APPLICATION 0],
#   version 3), 4.5.1 (SearchRequest [APPLICATION 3]), 4.12 (ExtendedRequest
#   [APPLICATION 23], e.g. StartTLS) and the responses a capture that
#   missed the request opens with: BindResponse [APPLICATION 1],
#   SearchResultDone [5] and ExtendedResponse [24], each opening with
#   the resultCode ENUMERATED (4.1.9), SearchResultEntry [4] with the
#   objectName

ldap
^0.?.?.?.?\x02[\x01-\x04].?.?.?.?(\x60.?.?.?\x02\x01[\x02\x03]|\x63.?.?.?\x04|\x77.?.?.?\x80|[\x61\x65\x78].?.?.?\x0a\x01|\x64.?.?.?\x04)
