# memcached - text protocol
# Pattern attributes: good veryfast
# Protocol groups: database
# Reference: memcached doc/protocol.txt (storage, retrieval and statistics
#   commands and their replies VALUE, END, STORED, STAT, VERSION; the
#   meta commands mg, ms, md, ma, me, mn and their replies VA, HD, EN,
#   NF, NS, EX, MN; over UDP an 8-byte frame header: request ID,
#   sequence number, number of datagrams, reserved)
#
# A retrieval line alone looks like an HTTP request line, so the server's
# reply is required.  Retrievals and statistics also over UDP (the
# frame header's zero bytes dropped; the reply has its own).  The binary
# protocol (magic 80, opcode, lengths: after NUL removal two or three
# small numbers) is not recognised.

memcached
^(.?.?\x01)?((gets?|gats?) [!-~]+[ -~]*\x0d\x0a.?.?.?.?(value |end\x0d\x0a)|stats[ -~]*\x0d\x0a.?.?.?.?stat )|^(set|add|replace|append|prepend|cas) [!-~]+ [0-9]+ [0-9]+ [0-9]+[ -~]*\x0d\x0a.*(stored|not_stored|exists|not_found)\x0d\x0a|^version\x0d\x0aversion [0-9]|^m[gsdae] [!-~]+[ -~]*\x0d\x0a.*(va [0-9]|hd[ \x0d]|en\x0d|nf[ \x0d]|ns[ \x0d]|ex[ \x0d])|^mn\x0d\x0amn\x0d
