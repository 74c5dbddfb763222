# Redis - RESP, the Redis serialization protocol
# Pattern attributes: great veryfast
# Protocol groups: database
# Reference: Redis protocol specification (RESP2/RESP3): a client command
#   is an array of bulk strings, "*<count>CRLF$<len>CRLF<name>CRLF";
#   Redis Cluster specification (the cluster bus, node port + 10000:
#   every message opens with "RCmb", a 32-bit length and version 1)
#
# Inline commands (a command name and arguments in plain text, as
# telnet users type them) are one line of text like many protocols'
# and are not recognised.

redis
^(\*[1-9][0-9]?[0-9]?\x0d\x0a\$[1-9][0-9]?\x0d\x0a[a-z]|rcmb.?.?.?.?\x01)
