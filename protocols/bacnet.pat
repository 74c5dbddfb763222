# BACnet/IP - building automation
# Pattern attributes: good veryfast
# Protocol groups: industrial
# Reference: ANSI/ASHRAE 135 Annex J.2 (BVLL: type 81, function, 2-byte
#   length; Original-Unicast/Broadcast-NPDU 0a/0b, Distribute-Broadcast 09,
#   Forwarded-NPDU 04 with a 6-byte B/IP address; the BBMD management
#   messages of fixed length: Read-BDT 02 and Read-FDT 06 (4 bytes),
#   Register-Foreign-Device 05 (6: a time-to-live), Delete-FDT-Entry 08
#   (10: a B/IP address)), Annex U.2 (BACnet/IPv6: type 82,
#   Original-Unicast-NPDU 01 with source and destination virtual
#   addresses of 3 bytes, Original-Broadcast-NPDU 02 with the source's)
#   and clause 6.2 (NPDU: protocol version 1, control octet)
#
# An NPDU after its BVLL header (zero length bytes dropped), or a
# management message of fixed length alone in its packet ($).  BVLC
# results and the table reads' answers follow a request; Write-BDT has
# a variable length; Secure-BVLL (0c) is encrypted.

bacnet
^(\x81([\x09-\x0b].?.?|\x04.?.?.?.?.?.?.?.?)\x01[\x01-\x2c\x80]?|\x81(\x02\x04|\x06\x04|\x05\x06.?.?|\x08\x0a.?.?.?.?.?.?)$|\x82(\x01.?.?.?.?.?.?.?.?|\x02.?.?.?.?.?)\x01[\x01-\x2c\x80]?)
