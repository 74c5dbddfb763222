# rlogin - BSD remote login
# Pattern attributes: ok veryfast undermatch
# Protocol groups: remote_access ietf_informational
# Reference: RFC 1282 (client sends NUL, local user, NUL, remote user, NUL,
#   terminal type/speed, NUL)
#
# With the NUL separators dropped the user names run together; the
# terminal type and "/speed" are what identifies the protocol, so only
# common terminal types are recognised (undermatch).

rlogin
^[-._0-9a-z]+(xterm|vt[0-9][0-9][0-9]|linux|ansi|screen|dumb|network|rxvt|tmux|sun|dtterm|cons25)[-.0-9a-z]*/[1-9][0-9]+
