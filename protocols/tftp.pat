# TFTP - Trivial File Transfer Protocol
# Pattern attributes: good veryfast
# Protocol groups: file_transfer ietf_internet_standard
# Reference: RFC 1350 section 5 (opcodes RRQ 1, WRQ 2, DATA 3, ACK 4,
#   ERROR 5; a request is the filename, 0, mode "netascii", "octet" or
#   "mail", 0; DATA carries a block number from 1 and up to 512 bytes,
#   ACK the block number, ERROR a code 0-7 and a message), section 4
#   (the server answers from a new port: a read with DATA block 1, a
#   write with ACK block 0); RFC 2347 (options after the mode, OACK
#   opcode 6, error code 8), RFC 2348, 2349 and 7440 (blksize, tsize,
#   timeout, windowsize)
#
# A request: the opcode (its zero byte dropped), a filename, the mode.
# The transfer runs from the server's new port: conntrack's tftp helper
# makes it a child of the request, which, with the helper assigned
# (HOWTO section 5), takes the request's verdict.  Without it the
# transfer is a connection of its own, recognised by its first
# exchange: DATA block 1 then its ACK ending the data so far ($), ACK
# block 0, DATA block 1 and its ACK (a write), an OACK listing an
# option, or an ERROR with a code and a printable message alone in its
# packet.  A transfer captured after its first blocks is not recognised
# (a block is two small numbers and data).

tftp
^([\x01\x02][!-~\x80-\xff][ -~\x80-\xff]*(netascii|octet|mail)|\x06(blksize|tsize|timeout|windowsize)[0-9]|\x04?\x03\x01.*\x04\x01$|\x05[\x01-\x08][ -~][ -~][ -~]+$)
