# TFTP - Trivial File Transfer Protocol
# Pattern attributes: good veryfast
# Protocol groups: file_transfer ietf_internet_standard
# Reference: RFC 1350 section 5 (RRQ opcode 1 / WRQ opcode 2, filename,
#   0, mode "netascii", "octet" or "mail", 0); RFC 2347 (options)

tftp
^[\x01\x02][!-~][ -~]*(netascii|octet|mail)
