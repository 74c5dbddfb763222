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
#   item 0x00b1; SendRRData 0x6f: the same, a Null Address item (all
#   zero) and an Unconnected Data item 0x00b2 holding a CIP request
#   (vol. 1, 2-4: a service code, the request path's size in words, a
#   path opening with a logical class segment 20 or 21 or a symbolic
#   segment 91); ListIdentity 0x63 (no data) answered by one CIP
#   Identity item 0x000c (protocol version 1, a socket address: family
#   2, port 44818 = af 12, ...); ListServices
#   0x04 answered by one Communications item 0x0100 (length 20, version
#   1, flags, name "Communications")
#
# A session from its RegisterSession request (28 bytes: it ends the
# data, $), or from any SendUnitData or SendRRData (up to 14 or 16
# non-zero header bytes, then the items).  The ListIdentity and
# ListServices requests are a command byte and zeros: they are
# recognised by their answers.

ethernetip
^(\x65\x04.?.?.?.?.?.?.?.?\x01$|\x70.?.?.?.?.?.?.?.?.?.?.?.?.?.?\x02\xa1\x04.?.?.?.?\xb1|\x6f.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?\x02\xb2.?.?[\x01-\x7f][\x01-\x20][\x20\x21\x91]|(\x63.?.?.?.?.?.?.?.?)?\x63.?.?.?.?.?.?.?.?.?.?\x01\x0c.?.?\x01\x02\xaf\x12|\x04.?.?.?.?.?.?.?.?.?.?\x01\x01\x14\x01.?.?communications)
