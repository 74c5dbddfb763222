# Redis - RESP, the Redis serialization protocol
# Pattern attributes: great veryfast
# Protocol groups: database
# Reference: Redis protocol specification (RESP2/RESP3): a client command
#   is an array of bulk strings, "*<count>CRLF$<len>CRLF<name>CRLF"

redis
^\*[1-9][0-9]?[0-9]?\x0d\x0a\$[1-9][0-9]?\x0d\x0a[a-z]
