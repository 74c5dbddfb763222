# Telegram - voice and video calls' UDP reflector framing, MTProto's
# first message
# Pattern attributes: good veryfast undermatch
# Protocol groups: chat voip
# Reference: libtgvoip (github.com/grishka/libtgvoip, VoIPController):
#   every packet to or from a Telegram reflector starts with the call's
#   16-byte peer tag; service packets then carry three -1 words (12 bytes
#   ff) and a word naming the request: -2 (fe ff ff ff) in the client's
#   public-endpoint request, TLID_UDP_REFLECTOR_SELF_INFO (0xc01572c7,
#   little-endian) in the reflector's answer; nDPI's dissector
#   (src/lib/protocols/telegram.c) keys on the same 12 bytes ff;
#   MTProto (core.telegram.org, "MTProto transports": abridged opens
#   with ef, intermediate with ee ee ee ee, padded intermediate with dd
#   dd dd dd, full with a 32-bit length and sequence number; "Creating
#   an authorization key": the first message is unencrypted, auth key
#   ID 0, a 64-bit message ID, length 20 and req_pq_multi#be7e8ef1 (or
#   the older req_pq#60469778) with a 128-bit nonce)
#
# Up to 16 peer-tag bytes (zero bytes dropped), the 12 bytes ff, then
# the request or answer word: the 0xff run alone is also a BGP marker
# and G.711 silence in RTP.  MTProto's key exchange by the transport's
# tag (if any), the message ID (its low bytes may be zero) and the
# length and constructor of req_pq_multi or req_pq (little-endian).
# Calls captured after their first service packet, and MTProto
# obfuscated (random from the first byte, as the apps use it), are not
# recognised.

telegram
^(.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff(\xfe\xff\xff\xff|\xc7\x72\x15\xc0)|(\xef|\xee\xee\xee\xee|\xdd\xdd\xdd\xdd)?.?.?.?.?.?.?.?.?.?.?.?.?\x14(\xf1\x8e\x7e\xbe|\x78\x97\x46\x60))
