# BitTorrent - peer wire protocol, DHT and HTTP tracker requests
# Pattern attributes: great veryfast
# Protocol groups: p2p file_transfer
# Reference: BEP 3 (handshake: 19, "BitTorrent protocol"); BEP 5 (DHT
#   KRPC: bencoded dictionaries "d1:ad2:id20:" queries and "d1:rd2:id20:"
#   responses, "d1:e" errors); BEP 14 (local service discovery:
#   "BT-SEARCH * HTTP/1.1" multicast)
#
# Tracker announces are plain HTTP requests and are left to http.

bittorrent
^(\x13bittorrent protocol|d1:[ar]d2:id20:|d1:el[0-9]|bt-search \* http/1\.1\x0d\x0a)
