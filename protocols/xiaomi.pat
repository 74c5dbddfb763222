# Xiaomi - the devices' push and sync connection (TCP 5222)
# Pattern attributes: good veryfast
# Protocol groups: iot proprietary
# Reference: no public specification; nDPI's reverse-engineered
#   dissector (src/lib/protocols/xiaomi.c): c2 fe 00 05, a 32-bit length
#   (the message's minus 12), then 00 02 00 16, then TLV metadata
#
# c2 fe 05 (the zero byte dropped), up to four length bytes, 02 16.

xiaomi
^\xc2\xfe\x05.?.?.?.?\x02\x16
