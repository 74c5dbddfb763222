# BACnet/IP - building automation
# Pattern attributes: good veryfast
# Protocol groups: industrial
# Reference: ANSI/ASHRAE 135 Annex J.2 (BVLL: type 81, function, 2-byte
#   length; Original-Unicast/Broadcast-NPDU 0a/0b, Distribute-Broadcast 09,
#   Forwarded-NPDU 04 with a 6-byte B/IP address) and clause 6.2 (NPDU:
#   protocol version 1, control octet)

bacnet
^\x81([\x09-\x0b].?.?|\x04.?.?.?.?.?.?.?.?)\x01[\x01-\x2c\x80]?
