# Discord voice - IP discovery of a voice UDP connection
# Pattern attributes: good veryfast
# Protocol groups: chat voip proprietary
# Reference: Discord Developer Documentation, "Voice Connections", IP
#   Discovery: a request of type 1, length 70, the SSRC, a 64-byte
#   address left zero and a port; the response of type 2, length 70,
#   the same SSRC and the client's address as a NUL-terminated string;
#   for the voice servers' latency probes (8 bytes: 13 37 ca fe and a
#   counter, echoed), whose format Discord does not publish, nDPI's
#   reverse-engineered dissector (src/lib/protocols/discord.c)
#
# The zero bytes are dropped: 01 46 (lowercased to 'f') and at most six
# SSRC and port bytes, then 02 46, the SSRC and a dotted IPv4 address.
# Voice packets (RTP with payload type 120, encrypted) that come later
# are not recognised, so a capture that starts after the discovery is
# not either.  A latency probe is recognised alone in its packet ($).

discord
^(\x01f.?.?.?.?.?.?\x02f.?.?.?.?[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+|\x13\x37\xca\xfe.?.?.?.?$)
