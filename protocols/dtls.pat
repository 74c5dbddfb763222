# DTLS - Datagram Transport Layer Security 1.0 and 1.2, ClientHello
# Pattern attributes: great veryfast
# Protocol groups: secure ietf_proposed_standard
# Reference: RFC 6347 section 4.1 (record: type 22, version fe ff or fe fd,
#   epoch 0, 48-bit sequence, length) and section 4.2.2 (ClientHello,
#   handshake type 1); RFC 9147 (DTLS 1.3 ClientHello keeps this header)
#
# Also the pre-RFC version 01 00 (OpenSSL's DTLS1_BAD_VER, still used by
# Cisco AnyConnect).  The zero epoch and sequence number bytes are dropped.
# A capture that missed the ClientHello opens with the server's
# ServerHello (2) or HelloVerifyRequest (3, section 4.2.1); one that
# began mid-connection with a change_cipher_spec, alert or
# application_data record (20, 21, 23) of version fe ff or fe fd.
# DTLS 1.3's encrypted records use a unified header (RFC 9147 4.1) with
# no fixed byte: not recognised alone.

dtls
^(\x16(\xfe[\xfd\xff]|\x01).?.?.?.?.?.?.?.?[\x01-\x03]|[\x14\x15\x17]\xfe[\xfd\xff])
