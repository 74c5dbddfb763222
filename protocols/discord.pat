# Discord voice - IP discovery of a voice UDP connection
# Pattern attributes: good veryfast undermatch
# Protocol groups: chat voip proprietary
# Reference: Discord Developer Documentation, "Voice Connections", IP
#   Discovery: a request of type 1, length 70, the SSRC, a 64-byte
#   address left zero and a port; the response of type 2, length 70,
#   the same SSRC and the client's address as a NUL-terminated string
#
# The zero bytes are dropped: 01 46 (lowercased to 'f') and at most six
# SSRC and port bytes, then 02 46, the SSRC and a dotted IPv4 address.
# Voice packets (RTP with payload type 120, encrypted) that come later
# are not recognised, so a capture that starts after the discovery is
# not either; nor are the 8-byte latency probes to voice servers (13 37
# ca fe and a counter, echoed), whose format Discord does not publish.

discord
^\x01f.?.?.?.?.?.?\x02f.?.?.?.?[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+
