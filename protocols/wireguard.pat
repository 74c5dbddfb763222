# WireGuard - handshake
# Pattern attributes: good veryfast undermatch
# Protocol groups: tunnel vpn secure
# Reference: "WireGuard: Next Generation Kernel Network Tunnel" (Donenfeld,
#   NDSS 2017) section 5.4: handshake initiation (type 1, 148 bytes),
#   response (type 2, 92 bytes), transport data (type 4)
#
# Initiation then response, the response ending the data so far ($):
# the fixed message sizes are what tell WireGuard from low-entropy binary
# protocols (a third fixed byte, the data packet's type 4, was found at
# the right distance in an LDP session).  Without a cookie the
# initiation's last 16 bytes (mac2) are zero and dropped, leaving the
# type byte and 128 random bytes (up to 3 of which may be zero); the
# response leaves 72.  A capture that starts after the handshake is not
# recognised (undermatch).

wireguard
^\x01..............................................................................................................................?.?.?\x02......................................................................?.?.?$
