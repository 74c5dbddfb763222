# NetBIOS over TCP/IP - session request and datagram service
# Pattern attributes: great veryfast
# Protocol groups: networking ietf_internet_standard
# Reference: RFC 1002 section 4.3.2 (SESSION REQUEST, type 0x81: called and
#   calling names) and section 4.4.1 (DIRECT_UNIQUE/GROUP and BROADCAST
#   datagrams, types 0x10-0x12: source and destination names); RFC 1001
#   section 14.1 (name encoding)
#
# Two encoded names back to back (the terminating zero between them is
# dropped) near the start.  SMB sessions on port 139 open with a session
# request and are therefore classified netbios.  Put netbios before nbns.

netbios
^(\x81|[\x10-\x12].?.?.?.?.?.?.?.?.?.?.?.?).?.?.?\x20[a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p].?\x20[a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p]
