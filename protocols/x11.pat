# X11 - X Window System protocol
# Pattern attributes: good veryfast
# Protocol groups: remote_access
# Reference: X Window System Protocol, X11R7, chapter 8 "Connection Setup":
#   byte order 'B' or 'l', protocol major version 11, authorization
#   protocol name (e.g. MIT-MAGIC-COOKIE-1); the server's reply starts with
#   1 (success) and major version 11

x11
^[bl]\x0b.?.?(mit-magic-cookie-1|xdm-authorization-1|sun-des-1|mit-kerberos-5|\x01\x0b)
