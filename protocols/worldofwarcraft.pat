# World of Warcraft - game (world server) connection
# Pattern attributes: great veryfast
# Protocol groups: game proprietary
# Reference: the connection initialisation strings of the world server
#   protocol as documented by the TrinityCore server emulator
#   (src/server/game/Server/WorldSocket.cpp, ServerConnectionInitialize
#   and ClientConnectionInitialize): clients from 4.x send a 16-bit
#   size then "WORLD OF WARCRAFT CONNECTION - SERVER TO CLIENT" (server
#   first) or "... CLIENT TO SERVER", NUL-terminated; later clients
#   send the same strings with " - V2" and a newline, without the size
#
# The classic login server (port 3724, AUTH_LOGON_CHALLENGE) and the
# Battle.net login (TLS) are not recognised.

worldofwarcraft
^.?.?world of warcraft connection - (server to client|client to server)
