# DTLS - Datagram Transport Layer Security 1.0 and 1.2, ClientHello
# Pattern attributes: great veryfast
# Protocol groups: secure ietf_proposed_standard
# Reference: RFC 6347 section 4.1 (record: type 22, version fe ff or fe fd,
#   epoch 0, 48-bit sequence, length) and section 4.2.2 (ClientHello,
#   handshake type 1); RFC 9147 (DTLS 1.3 ClientHello keeps this header)
#
# Also the pre-RFC version 01 00 (OpenSSL's DTLS1_BAD_VER, still used by
# Cisco AnyConnect).  The zero epoch and sequence number bytes are dropped.

dtls
^\x16(\xfe[\xfd\xff]|\x01).?.?.?.?.?.?.?.?\x01
