# DLEP - Dynamic Link Exchange Protocol (radio to router)
# Pattern attributes: good veryfast
# Protocol groups: networking ietf_proposed_standard
# Reference: RFC 8175: UDP signals carry the prefix "DLEP", then a
#   16-bit type and length (Peer Discovery 1, Peer Offer 2); TCP
#   messages have a 16-bit type and length (Session Initialization 1),
#   then data items of 16-bit type and length; an Initialization holds
#   a Heartbeat Interval (type 5, length 4) and a Peer Type (type 4)
#
# Discovery by its prefix and signal type, sessions by an
# Initialization that opens with the Heartbeat Interval and then the
# Peer Type item (zero bytes dropped).  An Initialization whose items
# come in another order is not recognised.

dlep
^(dlep[\x01\x02]|\x01.?.?\x05\x04.?.?.?.?\x04.)
