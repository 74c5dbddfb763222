# SSL and TLS - any version from SSL 2.0 to TLS 1.3 (the classic name)
# Pattern attributes: great veryfast superset
# Protocol groups: secure ietf_proposed_standard
# Reference: draft-hickman-netscape-ssl-00 (SSL 2.0 CLIENT-HELLO: 2-byte
#   record header with the high bit set, message type 1); RFC 6101 (SSL 3.0
#   records and handshake); RFC 8446 section 5.1 (record types 20-23)
#
# Superset of tls: also SSL 2.0 and 3.0 hellos, a ServerHello first (the
# client's packet was not seen) and application data or an alert at the
# start of a capture that began mid-connection.  Put tls before ssl.

ssl
^(\x16\x03[\x01-\x04]?.?.?[\x01\x02]|[\x80\x81].?\x01(\x02|\x03[\x01-\x03]?)|[\x15\x17]\x03[\x01-\x04])
