# NTP - Network Time Protocol (and SNTP)
# Pattern attributes: ok veryfast
# Protocol groups: time_synchronization ietf_proposed_standard
# Reference: RFC 5905 section 7.3 (packet header: LI/VN/Mode byte, stratum,
#   poll, precision, ..., transmit timestamp) and RFC 4330 (SNTP: a client
#   request may leave every field but the transmit timestamp zero)
#
# First alternative: a full header (version 1-4, modes 1-5, leap indicator
# 0 or 3) whose stratum (0-15, 0 is dropped), poll exponent (3-17) and
# precision (-32..-6) are plausible.  Second: an SNTP request, whose zero
# fields are dropped so its transmit timestamp (era 0, 2004-2036) comes
# right after the first byte, answered by a server (mode 4), or alone in
# its packet ($: the data so far ends there; the match is tried after
# each packet).
# NTP has no magic number: this is the weakest of the definitions.

ntp
^([\x09-\x0d\x11-\x15\x19-\x1d\x21-\x25\xc9-\xcd\xd1-\xd5\xd9-\xdd\xe1-\xe5][\x01-\x0f]?[\x03-\x11][\xe0-\xfa]|[\x0b\x13\x1b\x23\xcb\xd3\xdb\xe3][\xc0-\xef]......?.?(.?[\x0c\x14\x1c\x24\xcc\xd4\xdc\xe4][\x01-\x0f]|$))
