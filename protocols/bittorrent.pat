# BitTorrent - peer wire protocol, DHT and HTTP tracker requests
# Pattern attributes: great veryfast
# Protocol groups: p2p file_transfer
# Reference: BEP 3 (handshake: 19, "BitTorrent protocol"; tracker GET
#   /announce with info_hash); BEP 5 (DHT KRPC: bencoded dictionaries
#   "d1:ad2:id20:" queries and "d1:rd2:id20:" responses, "d1:e" errors);
#   BEP 48 (scrape)
#
# Tracker announces are HTTP requests: put bittorrent before http.

bittorrent
^(\x13bittorrent protocol|d1:[ar]d2:id20:|d1:el[0-9]|get /[!-~]*(announce|scrape)[!-~]*\?[!-~]*info_hash=)
