# FIX - Financial Information eXchange
# Pattern attributes: great veryfast
# Protocol groups: finance
# Reference: FIX Session Protocol (FIXT 1.1) / FIX 4.x, "Standard Message
#   Header": BeginString (8), BodyLength (9), MsgType (35) as the first
#   three fields, each "tag=value" ending in SOH (01)

fix
^8=[!-~]+\x019=[0-9]+\x0135=
