# Spotify - LAN discovery and the access point connection
# Pattern attributes: good veryfast
# Protocol groups: streaming_audio
# Reference: no public specification; the Spotify desktop client's UDP
#   broadcast on port 57621 starts with "SpotUdp" (as Wireshark's and
#   nDPI's dissectors describe it); the access point protocol as
#   librespot reverse-engineered it (core/src/connection/handshake.rs,
#   protocol/proto/keyexchange.proto): the client opens with 00 04, a
#   32-bit length and a ClientHello protobuf whose first field is
#   build_info (tag 52) holding product (tag 50), product_flags (tag
#   a0 01), platform (tag f0 01) and version (tag c0 02); nDPI's
#   dissector checks the same first bytes
#
# The discovery tag (lowercased), or the ClientHello's frame and
# build_info (zero values, a zero product or platform, dropped; 52 and
# 50 are seen lowercased as r and p).  Spotify's web API, and the
# access point when reached over TLS, are tls; Spotify Connect's
# discovery is mdns and http.

spotify
^(spotudp|\x04.?.?.?.?r.p[\x01-\x05]?(\xa0\x01\x01?)?\xf0\x01[\x01-\x17]?\xc0\x02)
