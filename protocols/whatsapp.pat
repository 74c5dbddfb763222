# WhatsApp - the messenger's chat connection (TCP 443 or 5222)
# Pattern attributes: good veryfast
# Protocol groups: chat
# Reference: WhatsApp Encryption Overview (client-server transport: the
#   Noise Pipes framework); the connection's prologue as nDPI's
#   reverse-engineered dissector (src/lib/protocols/whatsapp.c) knows
#   it: "ED" 00 01 00 00 04 08 (current), "ED" 00 01 00 00 02 08, or
#   the older "WA" 01 05
#
# The zero bytes dropped and the letters lowercased: ed 01 04 08,
# ed 01 02 08, wa 01 05.  Calls (UDP) are STUN then SRTP and classified
# stun.

whatsapp
^(ed\x01[\x02\x04]\x08|wa\x01\x05)
