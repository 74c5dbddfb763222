# DNP3 - Distributed Network Protocol 3 over TCP/UDP
# Pattern attributes: good veryfast
# Protocol groups: industrial
# Reference: IEEE 1815-2012 section 9.2 (data link frame: start bytes 05 64,
#   length 5-255, control, addresses, CRC)
#
# A frame carrying an application fragment: after the 8-byte header
# (zero bytes of addresses and CRC dropped) the transport header, an
# application control byte with FIR and FIN set, and a function code
# (request 01-21, response 81-83).  IEEE 1815-2012 sections 8.2 and 4.2.2.
# Or a frame of the link layer alone (length 5, header only) alone in
# its packet ($): a master's reset or link status request (primary bit
# set), an outstation's link status (function 11), as a session may
# open (section 9.2.4).

dnp3
^\x05\x64([\x05-\xff][\x01-\xff].?.?.?.?.?.?[\x40-\xff][\xc0-\xff][\x01-\x21\x81-\x83]|\x05[\x0b\x8b\x40-\x7f\xc0-\xff].?.?.?.?.?.?$)
