# HTTP/2 with prior knowledge (cleartext, the client connection preface)
# Pattern attributes: great veryfast
# Protocol groups: document_retrieval ietf_proposed_standard
# Reference: RFC 9113 section 3.4 (HTTP/2 connection preface)
#
# HTTP/2 over TLS is negotiated by ALPN inside the encrypted handshake and
# is classified as tls; an h2c upgrade starts as an HTTP/1.1 request and is
# classified as http.  The preface's method "PRI" is no HTTP/1 method, so
# http and http2 never match the same data.

http2
^pri \* http/2\.0\x0d\x0a\x0d\x0asm\x0d\x0a\x0d\x0a
