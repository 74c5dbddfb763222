# RDP - Remote Desktop Protocol
# Pattern attributes: great veryfast
# Protocol groups: remote_access
# Reference: [MS-RDPBCGR] 2.2.1.1 (X.224 Connection Request in TPKT:
#   03 00 length, LI, CR code e0, then an optional "Cookie: mstshash=" or
#   routing token, and RDP_NEG_REQ type 01 length 8); [MS-RDPEUDP] 2.2.2.1
#   and 2.2.2.5 (UDP SYN: snSourceAck -1, then upstream/downstream MTU
#   1132-1232)

rdp
^(\x03.?.?.\xe0.?.?.?(cookie: ms|\x01[\x01-\x0f]?\x08)|\xff\xff\xff\xff.?.?.?.?.?.?.?.?.?.?\x04[\x6c-\xd0]\x04[\x6c-\xd0])
