# SoftEther VPN - NAT traversal and rendezvous (UDP)
# Pattern attributes: good veryfast undermatch
# Protocol groups: tunnel vpn
# Reference: SoftEther VPN sources (github.com/SoftEtherVPN): the NAT-T
#   client's one-byte probe "A" answered "IP=a.b.c.d,PORT=n"; requests
#   to the NAT-T server are Packs (Mayaqua's serialisation: an element
#   count, then each element's name length and name, type, value count)
#   whose first element is "opcode" (PackAddStr(p, "opcode", ...));
#   nDPI's dissector (src/lib/protocols/softether.c) for the same
#
# The probe's answer (lowercased), or a Pack opening with a string
# element "opcode" (name length 7, type 2, one value).  The VPN tunnel
# itself runs over TLS (tcp/443, 992, 5555) and is classified tls.

softether
^(a?ip=[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+,port=[0-9]|.?.?.?.?\x07opcode\x02\x01)
