# DHCPv6 - Dynamic Host Configuration Protocol for IPv6, client messages
# Pattern attributes: good veryfast undermatch
# Protocol groups: networking ietf_proposed_standard
# Reference: RFC 8415 sections 8 (message type and 3-byte transaction
#   ID), 7.3 (client message types Solicit 1, Request 3, Renew 5, Rebind
#   6, Release 8, Information-request 11), 21.2 (Client Identifier
#   option, code 1), 21.9 (Elapsed Time option, code 8) and 11.2, 11.4
#   (DUID-LLT and DUID-LL, hardware type 1: Ethernet)
#
# A client message whose first option is the Client Identifier, or
# Elapsed Time then the Client Identifier, as clients send them (a zero
# byte in the transaction ID, 1 in 85, is not allowed for).  The
# zero bytes of option codes and lengths are dropped.  DUID-EN and
# DUID-UUID client identifiers have too few fixed bytes (a Radmin
# session looked like one) and are left out.

dhcpv6
^[\x01\x03\x05\x06\x08\x0b]...(\x08\x02.?.?)?\x01(\x0e\x01\x01|\x0a\x03\x01)
