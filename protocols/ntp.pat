# NTP - Network Time Protocol (and SNTP)
# Pattern attributes: ok veryfast
# Protocol groups: time_synchronization ietf_proposed_standard
# Reference: RFC 5905 section 7.3 (packet header: LI/VN/Mode byte, stratum,
#   poll, precision, ..., transmit timestamp; section 7.4, kiss-o'-death
#   codes in the reference ID of a stratum 0 reply); RFC 4330 section 5
#   (SNTP: a request may leave every field zero but LI, VN and mode, the
#   transmit timestamp being optional; the server copies VN and poll);
#   RFC 1305 appendix B (mode 6 control messages: opcode, response bit
#   in the reply); mode 7 from the reference implementation's
#   ntp_request.h (implementation 2/3, request codes 0-45, 42 =
#   MON_GETLIST_1)
#
# Versions 1 to 4 for SNTP requests (a reply has the request's
# version), 3 and 4 for a full header seen alone.
# 1. A client (mode 3) or server (mode 4) header of version 3 or 4,
#    leap indicator 0 or 3, whose stratum (1-15), poll exponent (3-17)
#    and precision (-32..-6) are plausible.
# 2. An SNTP request (zero fields dropped: the first byte alone, or with
#    a transmit timestamp of era 0, 2002-2027), answered by a server
#    header of the same version with a plausible stratum and precision
#    (the poll copied from the request may be zero), or by a
#    kiss-o'-death (stratum 0, a kiss code as reference ID).
# 3. Such a request with its timestamp alone in its packet ($: the data
#    so far ends there; the match is tried after each packet).  A
#    request of all zeros alone is a single byte: it waits for its reply.
# 4. A mode 7 ("private", ntpdc) request (codes 1-45; code 0 is a zero
#    byte) alone in its packet, or the response to MON_GETLIST (the
#    "monlist" amplification attack).  With implementation 3, codes 1 to
#    4 read as a TLS application data record (17 03 01): tls and ssl
#    come first in ORDER.
# 5. A server header of stratum 0 (unsynchronised) whose root delay and
#    dispersion, reference ID, reference and origin timestamps are zero
#    and dropped, so two or three era-0 timestamps follow the precision
#    and end the packet (a fraction may be zero).
# 6. A mode 6 control request of ntpq (READSTAT 1, READVAR 2, the MRU
#    list's nonce 12 and READ_MRU 10; sequence, status, association,
#    offset and count, all but 4 bytes zero) answered by its response
#    (same version and opcode, response bit set, the server's leap
#    indicator).
# Symmetric (modes 1, 2) and broadcast (5) headers are not recognised:
# NTP has no magic number, and each first byte added to the first
# alternative adds about one random binary stream in 700,000 to its
# matches.  This is the weakest of the definitions.

ntp
^([\x1b\x1c\x23\x24\xdb\xdc\xe3\xe4][\x01-\x0f][\x03-\x11][\xe0-\xfa]|([\x23\xe3]([\xc0-\xef]....?.?.?.?)?[\x24\x64\xa4\xe4]|[\x1b\xdb]([\xc0-\xef]....?.?.?.?)?[\x1c\x5c\x9c\xdc]|[\x13\xd3]([\xc0-\xef]....?.?.?.?)?[\x14\x54\x94\xd4]|[\x0b\xcb]([\xc0-\xef]....?.?.?.?)?[\x0c\x4c\x8c\xcc])([\x01-\x0f][\x01-\x11]?[\xe0-\xfa]|[\x01-\x11]?.?.?.?.?.?.?.?.?.?(acst|auth|auto|bcst|cryp|deny|drop|rstr|init|mcst|nkey|rate|rmot|step))|[\x0b\x13\x1b\x23\xcb\xd3\xdb\xe3][\xc0-\xef]....?.?.?.?$|[\x17\x1f\x27][\x02\x03][\x01-\x2d]$|[\x97\x9f\xa7\xd7\xdf\xe7][\x01-\x7f]?[\x02\x03]\*|[\x1c\x24\xdc\xe4][\x03-\x11][\xe0-\xfa]([\xc0-\xef]....?.?.?.?)?[\xc0-\xef]....?.?.?.?[\xc0-\xef]....?.?.?.?$|\x16\x01.?.?.?.?[\x16\x56\x96\xd6][\x81\xa1\xc1\xe1]|\x16\x02.?.?.?.?[\x16\x56\x96\xd6][\x82\xa2\xc2\xe2]|\x16\x0a.?.?.?.?[\x16\x56\x96\xd6][\x8a\xaa\xca\xea]|\x16\x0c.?.?.?.?[\x16\x56\x96\xd6][\x8c\xac\xcc\xec]|\x1e\x01.?.?.?.?[\x1e\x5e\x9e\xde][\x81\xa1\xc1\xe1]|\x1e\x02.?.?.?.?[\x1e\x5e\x9e\xde][\x82\xa2\xc2\xe2]|\x1e\x0a.?.?.?.?[\x1e\x5e\x9e\xde][\x8a\xaa\xca\xea]|\x1e\x0c.?.?.?.?[\x1e\x5e\x9e\xde][\x8c\xac\xcc\xec]|\x26\x01.?.?.?.?[\x26\x66\xa6\xe6][\x81\xa1\xc1\xe1]|\x26\x02.?.?.?.?[\x26\x66\xa6\xe6][\x82\xa2\xc2\xe2]|\x26\x0a.?.?.?.?[\x26\x66\xa6\xe6][\x8a\xaa\xca\xea]|\x26\x0c.?.?.?.?[\x26\x66\xa6\xe6][\x8c\xac\xcc\xec])
