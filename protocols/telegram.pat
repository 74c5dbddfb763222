# Telegram voice and video calls - UDP reflector framing
# Pattern attributes: good veryfast undermatch
# Protocol groups: chat voip
# Reference: libtgvoip (github.com/grishka/libtgvoip, VoIPController):
#   every packet to or from a Telegram reflector starts with the call's
#   16-byte peer tag; service packets then carry three -1 words (12 bytes
#   ff) and a word naming the request: -2 (fe ff ff ff) in the client's
#   public-endpoint request, TLID_UDP_REFLECTOR_SELF_INFO (0xc01572c7,
#   little-endian) in the reflector's answer; nDPI's dissector
#   (src/lib/protocols/telegram.c) keys on the same 12 bytes ff
#
# Up to 16 peer-tag bytes (zero bytes dropped), the 12 bytes ff, then
# the request or answer word: the 0xff run alone is also a BGP marker
# and G.711 silence in RTP.  Calls captured after their first service
# packet, and Telegram's MTProto over TCP (obfuscated, random from the
# first byte), are not recognised.

telegram
^.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff(\xfe\xff\xff\xff|\xc7\x72\x15\xc0)
