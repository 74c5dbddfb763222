# Ubiquiti device discovery (UBNT AirControl 2, UniFi; UDP 10001)
# Pattern attributes: good veryfast undermatch
# Protocol groups: networking proprietary
# Reference: Wireshark's Ubiquiti Discovery Protocol dissector
#   (packet-ubdp.c) and nmap's ubiquiti-discovery script: version 2,
#   a command byte (06, 08, 09, 0b), a 16-bit length, then TLVs of a
#   type byte and a 16-bit length; type 01 is the MAC address (length 6),
#   type 02 MAC and IPv4 address (length 10)
#
# Version 2 announcements whose first TLV is 01 or 02; the version 1
# request (01 00 00 00) has nothing fixed once its zero bytes are
# dropped.

ubntac2
^\x02[\x06\x08\x09\x0b].?.?(\x01\x06|\x02\x0a)
