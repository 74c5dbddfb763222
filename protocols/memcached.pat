# memcached - text protocol
# Pattern attributes: good veryfast
# Protocol groups: database
# Reference: memcached doc/protocol.txt (storage, retrieval and statistics
#   commands and their replies VALUE, END, STORED, STAT, VERSION)
#
# A retrieval line alone looks like an HTTP request line, so the server's
# reply is required.

memcached
^(gets?|gats?) [!-~]+[ -~]*\x0d\x0a(value |end\x0d\x0a)|^(set|add|replace|append|prepend|cas) [!-~]+ [0-9]+ [0-9]+ [0-9]+[ -~]*\x0d\x0a.*(stored|not_stored|exists|not_found)\x0d\x0a|^stats[ -~]*\x0d\x0astat |^version\x0d\x0aversion [0-9]
