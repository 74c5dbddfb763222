# MySQL / MariaDB - client/server protocol
# Pattern attributes: great veryfast
# Protocol groups: database
# Reference: MySQL Client/Server Protocol, "Protocol::HandshakeV10": packet
#   header (3-byte length, sequence 0), protocol version 10, server version
#   string such as "8.0.36" or "5.5.5-10.6.12-MariaDB"
#
# The server speaks first.  The length's zero bytes are dropped, hence
# the optional bytes before the version byte.

mysql
^.?.?\x0a[1-9][0-9]?\.[0-9][0-9]?\.[0-9]
