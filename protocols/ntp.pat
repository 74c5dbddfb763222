# NTP - Network Time Protocol (and SNTP)
# Pattern attributes: ok veryfast
# Protocol groups: time_synchronization ietf_proposed_standard
# Reference: RFC 5905 section 7.3 (packet header: LI/VN/Mode byte, stratum,
#   poll, precision, ..., transmit timestamp) and RFC 4330 (SNTP: a client
#   request may leave every field but the transmit timestamp zero); mode 7
#   from the reference implementation's ntp_request.h (RM_VERSION_MASK,
#   implementation 2/3, request code 42 = MON_GETLIST_1)
#
# First alternative: a client (mode 3) or server (mode 4) header of
# version 3 or 4, leap indicator 0 or 3, whose stratum (1-15), poll
# exponent (3-17) and precision (-32..-6) are plausible.  Second: an SNTP request, whose zero
# fields are dropped so its transmit timestamp (era 0, 2004-2036) comes
# right after the first byte, answered by a server header as above, or alone in
# its packet ($: the data so far ends there; the match is tried after
# each packet).
# Third: the mode 7 (ntpdc, "private") MON_GETLIST request code 42 of the
# reference implementation, alone in its packet, or its response (the
# "monlist" amplification attack).
# Fourth: a server header of stratum 0 ("unspecified or invalid", RFC
# 5905 section 7.3: an unsynchronised server) whose root delay and
# dispersion, reference ID, reference and origin timestamps are zero and
# dropped, so two or three era-0 timestamps (origin, receive, transmit)
# follow the precision and end the packet (a fraction may be zero).
# NTP has no magic number: this is the weakest of the definitions.

ntp
^([\x1b\x1c\x23\x24\xdb\xdc\xe3\xe4][\x01-\x0f][\x03-\x11][\xe0-\xfa]|[\x1b\x23\xdb\xe3][\xc0-\xef]......?.?(.?[\x1c\x24\xdc\xe4][\x01-\x0f][\x03-\x11][\xe0-\xfa]|$)|[\x17\x1f\x27][\x02\x03]\*$|[\x97\x9f\xa7\xd7\xdf\xe7][\x01-\x7f]?[\x02\x03]\*|[\x1c\x24\xdc\xe4][\x03-\x11][\xe0-\xfa]([\xc0-\xef]....?.?.?.?)?[\xc0-\xef]....?.?.?.?[\xc0-\xef]....?.?.?.?$)
