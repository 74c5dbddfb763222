# OpenVPN - control channel reset handshake, UDP or TCP
# Pattern attributes: good veryfast
# Protocol groups: tunnel vpn secure
# Reference: OpenVPN protocol description (openvpn/doc/doxygen/
#   doc_protocol_overview.h and ssl_pkt.h): packet = opcode<<3 | key id,
#   session id (8 bytes), optional tls-auth HMAC (SHA1/256/512) with packet
#   id and time, ack array, message packet id; P_CONTROL_HARD_RESET_CLIENT_V2
#   = 7 (38), _V3 = 10 (50), P_CONTROL_HARD_RESET_SERVER_V2 = 8 (40); over
#   TCP each packet has a 2-byte length prefix
#
# The client's hard reset, then the server's hard reset acknowledging it
# (ack array length 1).  The reset packets have a fixed size for each HMAC
# length, which places the server's opcode (a retransmitted client reset
# may come first).  With tls-crypt the session
# id is followed at once by the packet id 1 and the time (a first byte
# from 5f to 6f: late 2020 to 2029).  Without tls-crypt the control
# channel carries the TLS handshake in clear: a client reset followed by
# a ClientHello, or (a capture that only saw the server) a server reset
# followed by a ServerHello, is OpenVPN too.

openvpn
^(.?[\x38p]((.......?.?.?[\x40\x48].......?.?\x01)|(...........................?.?\x01....(.?\x38...........................?.?[\x01-\x0f]....)?.?[\x40\x48]...........................?.?\x01....\x01)|(.......................................?.?\x01....(.?\x38.......................................?.?[\x01-\x0f]....)?.?[\x40\x48].......................................?.?\x01....\x01)|(.......................................................................?.?\x01....(.?\x38.......................................................................?.?[\x01-\x0f]....)?.?[\x40\x48].......................................................................?.?\x01....\x01)|.......?.?\x01[\x5f-\x6f])|.?\x38.*\x16\x03[\x01-\x03].?.?\x01.?.?.?\x03[\x01-\x03]|.?\x40.*\x16\x03[\x01-\x03].?.?\x02.?.?.?\x03[\x01-\x03])
