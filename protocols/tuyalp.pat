# Tuya local protocol (smart-home devices on the LAN)
# Pattern attributes: good veryfast
# Protocol groups: iot
# Reference: Tuya's LAN protocol as documented by the tinytuya project
#   ("Tuya protocol"): every message framed by the prefix 00 00 55 AA and
#   the suffix 00 00 AA 55 (ports 6666/6667), in protocol 3.5 by the
#   prefix 00 00 66 99 and the suffix 00 00 99 66
#
# A message from its prefix to its suffix, which ends the packet ($:
# the data so far ends there), their zero bytes dropped (55 is seen
# lowercased).

tuyalp
^(\x55\xaa.*\xaa\x55|\x66\x99.*\x99\x66)$
