# mDNS - Multicast DNS (Bonjour, Avahi)
# Pattern attributes: good veryfast
# Protocol groups: networking ietf_proposed_standard
# Reference: RFC 6762 section 18 (header: ID zero, flags 0 for queries and
#   84 00 for responses), section 3 (".local" names); RFC 6763 (DNS-SD
#   service names under .local); reverse lookups end in ".arpa"
#
# The zero ID and flags are dropped, so the counts come first.  Put mdns
# after dns.

mdns
^\x84?[\x01-\x1f]?[\x01-\x1f]?[\x01-\x1f]?[\x01-\x1f]?([\x01-\x3f][^\x01-\x1f]+)+(\x05local|\x04arpa)
