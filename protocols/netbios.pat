# NetBIOS over TCP/IP - session and datagram services
# Pattern attributes: great veryfast
# Protocol groups: networking ietf_internet_standard
# Reference: RFC 1002 sections 4.3.1 and 4.3.2 (session packet types:
#   SESSION REQUEST 0x81 with called and calling names, positive,
#   negative and retarget responses 0x82-0x84, keep alive 0x85, session
#   message 0x00) and 4.4 (datagram header: type, flags, ID, source
#   address and port; DIRECT_UNIQUE/GROUP and BROADCAST datagrams 0x10-
#   0x12 with source and destination names, DATAGRAM ERROR 0x13 with an
#   error code 0x82-0x84, QUERY REQUEST and its responses 0x14-0x16 with
#   the destination name); RFC 1001 section 14.1 (name encoding: a
#   32-byte label of letters A to P, then the scope's labels)
#
# A session request or a 0x10-0x12 datagram: two encoded names back to
# back (the terminating zero between them dropped, a NetBIOS scope's
# labels allowed) near the start.  A datagram query or its response by
# its header, ending with the source port 138, and one encoded name
# (an NBNS query has the same shape but a count of 1 before the name).
# A datagram error alone in its packet ($), by the port and its code.  The session
# responses and keep alives are one to seven bytes answering a request
# (not recognised alone); a session message is SMB: a capture that
# missed the request is smb.  Put netbios before nbns.

netbios
^((\x81|[\x10-\x12].?.?.?.?.?.?.?.?.?.?.?.?).?.?.?\x20[a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p]([\x01-\x3f][!-~]+)*.?\x20[a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p]|[\x14-\x16][\x01-\x0f]?.?.?.?.?.?.?\x8a\x20[a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p]|\x13[\x01-\x0f]?.?.?.?.?.?.?\x8a[\x82-\x84]$)
