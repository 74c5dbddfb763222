# Tuya local protocol (smart-home devices on the LAN)
# Pattern attributes: good veryfast
# Protocol groups: iot
# Reference: Tuya's LAN protocol as documented by the tinytuya project
#   ("Tuya protocol"): every message framed by the prefix 00 00 55 AA and
#   the suffix 00 00 AA 55 (ports 6666/6667)

tuyalp
^\x55\xaa.*\xaa\x55
