# NBNS - NetBIOS Name Service (WINS)
# Pattern attributes: great veryfast
# Protocol groups: networking ietf_internet_standard
# Reference: RFC 1002 section 4.2.1 (name service header and question
#   section) and RFC 1001 section 14.1 (first-level encoding: a 32-byte
#   label of letters A to P)
#
# One encoded name after a header of at most 12 bytes whose last nonzero
# byte is a count of 1 (every name service packet holds one question or
# one resource record, and the zero counts are dropped).  A datagram's
# name follows its length instead, and a session request starts with 81:
# netbios, not nbns (a datagram of length 1 mod 256 aside: put netbios
# before nbns).

nbns
^.?.?.?.?.?.?.?.?.?.?.?\x01\x20[a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p]
