# BitTorrent - peer wire protocol over TCP and uTP, DHT, UDP trackers
# Pattern attributes: great veryfast
# Protocol groups: p2p file_transfer
# Reference: BEP 3 (handshake: 19, "BitTorrent protocol"; bencoding:
#   dictionary keys sorted); BEP 5 (DHT KRPC over UDP: a bencoded
#   dictionary whose first key is "a" for a query, "r" for a response,
#   "e" for an error, a list of an integer code and a message); BEP 42
#   (a response may open with "ip", the requester's compact address, 6
#   or 18 bytes); BEP 29 (uTP: a 20-byte header, SYN, STATE, then DATA
#   carrying the peer wire handshake); BEP 14 (local service discovery:
#   "BT-SEARCH * HTTP/1.1" multicast); BEP 15 (UDP tracker: a connect
#   request opens with the protocol id 0x41727101980); BEP 7 and 32
#   (IPv6: the same messages, 18-byte compact addresses)
#
# The handshake anywhere in the first packets: at the start over TCP,
# after uTP's SYN, STATE and DATA headers over UDP (a uTP header has
# only its type and version byte fixed, the connection ID and
# timestamps being random: uTP alone is not recognised).  The
# protocol id's zero bytes are dropped.  Encrypted connections (MSE)
# are random from the first byte.  Tracker announces over HTTP are
# plain HTTP requests and are left to http.

bittorrent
^(.*\x13bittorrent protocol|d1:[ar]d[1-9][0-9]?:[a-z]|d2:ip1?[68]:|d1:eli[0-9]|bt-search \* http/1\.1\x0d\x0a|\x04\x17\x27\x10\x19\x80)
