# EtherNet/IP - CIP over TCP (industrial automation)
# Pattern attributes: good veryfast undermatch
# Protocol groups: industrial
# Reference: ODVA, The CIP Networks Library volume 2, EtherNet/IP
#   Adaptation of CIP, chapter 2: a 24-byte encapsulation header
#   (command, length, session handle, status, 8-byte sender context,
#   options, little-endian); RegisterSession 0x65 with 4 bytes of data
#   (protocol version 1, options 0); SendUnitData 0x70: interface
#   handle 0, timeout, then a Common Packet Format of 2 items, the
#   Connected Address item 0x00a1 (length 4) and the Connected Data
#   item 0x00b1
#
# A session from its RegisterSession request (28 bytes: it ends the
# data, $), or from any SendUnitData (up to 14 non-zero header bytes,
# then the two items).  Sessions captured during other commands
# (SendRRData, ListIdentity) are not recognised.

ethernetip
^(\x65\x04.?.?.?.?.?.?.?.?\x01$|\x70.?.?.?.?.?.?.?.?.?.?.?.?.?.?\x02\xa1\x04.?.?.?.?\xb1)
