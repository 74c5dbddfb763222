# Telnet - option negotiation at the start of a session
# Pattern attributes: good veryfast
# Protocol groups: remote_access ietf_internet_standard
# Reference: RFC 854 (IAC commands WILL 251, WONT 252, DO 253, DONT 254),
#   RFC 855 (option negotiation)
#
# Two negotiations in a row are required: one IAC sequence is only three
# bytes.  Option 0 (binary) disappears with the NUL bytes, hence the
# optional option byte.

telnet
^\xff[\xfb-\xfe].?\xff[\xfb-\xfe]
