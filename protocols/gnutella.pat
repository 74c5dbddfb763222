# Gnutella - handshake and HTTP-style file requests
# Pattern attributes: great veryfast
# Protocol groups: p2p file_transfer
# Reference: The Gnutella Protocol Specification v0.6 (RFC-Gnutella 0.6),
#   section 2.2 (handshake "GNUTELLA CONNECT/0.6" and "GNUTELLA/0.6 200"),
#   section 3.1.3 (0.4: "GNUTELLA CONNECT/0.4", "GNUTELLA OK");
#   gtk-gnutella's UDP "GND" header (semi-reliable UDP, "G2/GND" layer);
#   Mojito DHT messages (LimeWire/gtk-gnutella: a 16-byte GUID, function
#   0x44, version, length, opcode, vendor code GTKG or LIME)
#
# File transfers (GET /uri-res/N2R?urn:sha1:...) are plain HTTP and are
# left to http.

gnutella
^(gnutella connect/0\.[46]\x0d?\x0a|gnutella/0\.6 [1-5][0-9][0-9]|gnutella ok|gnd[\x01-\x3f]|..............?.?.?d.?.?[\x01-\x0c](gtkg|lime))
