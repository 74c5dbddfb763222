# Spotify LAN discovery broadcast
# Pattern attributes: good veryfast
# Protocol groups: streaming_audio
# Reference: no public specification; the Spotify desktop client's UDP
#   broadcast on port 57621 starts with the 8-byte tag "SpotUdp0" (as
#   described by Wireshark's and nDPI's dissectors)
#
# Spotify's streaming itself runs over TLS and is classified tls.

spotify
^spotudp0
