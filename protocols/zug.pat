# ZUG consensus protocol (UDP)
# Pattern attributes: good veryfast
# Protocol groups: p2p
# Reference: nDPI's dissector (src/lib/protocols/zug.c): payloads start
#   with 00 "ZUG" and the byte 0x10
#
# The zero byte dropped, "zug" lowercased, then 0x10.

zug
^zug\x10
