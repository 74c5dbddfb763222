# NBNS - NetBIOS Name Service (WINS)
# Pattern attributes: great veryfast superset
# Protocol groups: networking ietf_internet_standard
# Reference: RFC 1002 section 4.2.1 (name service header and question
#   section) and RFC 1001 section 14.1 (first-level encoding: a 32-byte
#   label of letters A to P)
#
# One encoded name after a header of at most 12 bytes.  Datagram and
# session packets carry two encoded names: put netbios before nbns.

nbns
^.?.?.?.?.?.?.?.?.?.?.?.?\x20[a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p][a-p]
