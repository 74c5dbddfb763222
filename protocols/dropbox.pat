# Dropbox LAN sync discovery broadcast
# Pattern attributes: great veryfast
# Protocol groups: file_transfer
# Reference: Dropbox, "Inside LAN Sync" (Dropbox tech blog, 2015): a UDP
#   broadcast on port 17500 carrying a JSON object with host_int, version,
#   displayname, port and namespaces; the transfers between clients run
#   over TLS (tcp/17500); RFC 8259 (JSON: whitespace around every token,
#   members in any order)
#
# The object's host_int member, first or after other members (the
# client decides their order), with or without the spaces Python's
# json module writes.  The transfers are tls, Dropbox's service https.

dropbox
^[\x09\x0a\x0d ]*\{([\x09-\x0d -~]*,)?[\x09\x0a\x0d ]*"host_int"[\x09\x0a\x0d ]*:[\x09\x0a\x0d ]*[0-9]
