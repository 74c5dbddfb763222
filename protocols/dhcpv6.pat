# DHCPv6 - Dynamic Host Configuration Protocol for IPv6
# Pattern attributes: good veryfast undermatch
# Protocol groups: networking ietf_proposed_standard
# Reference: RFC 8415 sections 8 (message type and 3-byte transaction
#   ID), 7.3 (message types 1-11: Solicit, Advertise, Request, Confirm,
#   Renew, Rebind, Reply, Release, Decline, Reconfigure,
#   Information-request), 21.2 and 21.3 (Client and Server Identifier
#   options, codes 1 and 2), 21.9 (Elapsed Time option, code 8) and
#   11.2, 11.4 (DUID-LLT and DUID-LL, hardware type 1: Ethernet)
#
# A client or server message whose first option is a Client or Server
# Identifier holding a DUID-LLT or DUID-LL, or Elapsed Time then one of
# them, as implementations send them (a zero byte in the transaction
# ID, 1 in 85, is not allowed for).  The zero bytes of option codes and
# lengths are dropped.  DUID-EN and DUID-UUID identifiers have too few
# fixed bytes (a Radmin session looked like one) and are left out, as
# are messages opening with other options (RFC 8415 fixes no order)
# and relay messages (12, 13: two addresses, then the client's message
# inside a Relay Message option).

dhcpv6
^[\x01-\x0b]...(\x08\x02.?.?)?[\x01\x02](\x0e\x01\x01|\x0a\x03\x01)
