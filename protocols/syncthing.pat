# Syncthing - local discovery announcements
# Pattern attributes: great veryfast
# Protocol groups: file_transfer
# Reference: Syncthing documentation, "Local Discovery Protocol v4":
#   UDP broadcast / multicast (port 21027) of the magic 0x2EA7D90B, then
#   the Announce protobuf message whose field 1 is the 32-byte device ID
#   (tag 0a, length 20)
#
# The sync connections themselves are TLS and classified tls.

syncthing
^\.\xa7\xd9\x0b\x0a\x20
