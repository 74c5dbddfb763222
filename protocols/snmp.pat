# SNMP - Simple Network Management Protocol v1, v2c, v3
# Pattern attributes: great veryfast
# Protocol groups: monitoring ietf_internet_standard
# Reference: RFC 1157 section 4 (Message: SEQUENCE { version INTEGER,
#   community OCTET STRING, PDU }), RFC 3416 section 3 (PDU tags a0-a8),
#   RFC 3412 section 6 (v3 message: version 3 then msgGlobalData SEQUENCE)
#
# BER: 30 = SEQUENCE ("0"), 02 01 = INTEGER of one byte (version 0 is
# dropped with the NUL bytes), 04 = OCTET STRING.

snmp
^0[\x01-\x7f\x81\x82].?.?\x02\x01[\x01\x03]?(\x04[\x01-\x7f][!-~]*[\xa0-\xa8]|0)
