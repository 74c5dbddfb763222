# TP-Link Smart Home Protocol (Kasa plugs, switches and bulbs)
# Pattern attributes: great veryfast
# Protocol groups: iot proprietary
# Reference: softScheck, "Reverse Engineering the TP-Link HS110" (2016)
#   and its tplink-smarthome-api notes: JSON commands on port 9999,
#   "encrypted" with an autokey XOR whose first key is 171, over UDP
#   (discovery) or over TCP after a 4-byte big-endian length
#
# A command or an answer starts {"MODULE":{ ; the ciphertext of that
# prefix is fixed per module: system, emeter, schedule, time, cnCloud,
# netif, count_down, anti_theft and the smartlife.iot.* modules.

tplink_shp
^.?.?\xd0\xf2(\x81\xf8\x8b\xff\x9a\xf7|\x97\xfa\x9f\xeb\x8e\xfc|\x81\xe2\x8a\xef\x8b\xfe|\x86\xef\x82\xe7|\x91\xff\xbc\xd0\xbf\xca|\x9c\xf9\x8d\xe4\x82|\x91\xfe\x8b\xe5\x91\xce|\x93\xfd\x89\xe0\xbf\xcb|\x81\xec\x8d\xff\x8b\xe7)
