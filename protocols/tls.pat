# TLS - Transport Layer Security 1.0 to 1.3, ClientHello
# Pattern attributes: great veryfast
# Protocol groups: secure ietf_proposed_standard
# Reference: RFC 8446 sections 4.1.2 and 5.1 (TLS 1.3: record type 22,
#   legacy_record_version 03 01..03 03, handshake type 1 ClientHello,
#   legacy_version 03 03; record types 20, 21 and 23); RFC 5246 sections
#   6.2.1 and 7.4.1.2 (TLS 1.2); RFC 4346, RFC 2246 (TLS 1.1, 1.0)
#
# Matches the ClientHello with or without SNI, a ServerHello first (the
# client's packet was not seen), and a change_cipher_spec, alert or
# application_data record of version 03 01..03 03 at the start of a
# capture that began mid-connection (the record version alone tells TLS
# from SSL 3.0, 03 00).  The length fields may contain zero bytes, which
# are dropped, hence the optional bytes.
# Superset note: ssl (the classic name) also matches everything tls
# matches; put tls before ssl when both are used.

tls
^(\x16\x03[\x01-\x03].?.?[\x01\x02].?.?.?\x03[\x01-\x03]|[\x14\x15\x17]\x03[\x01-\x03])
