# Nintendo Switch online game sessions (peer-to-peer UDP)
# Pattern attributes: good veryfast
# Protocol groups: game proprietary
# Reference: no public specification; nDPI's reverse-engineered
#   dissector (src/lib/protocols/nintendo.c): UDP payloads longer than
#   48 bytes starting with 32 ab 98 64 02
#
# The five bytes, at the start of the data.

nintendo
^\x32\xab\x98\x64\x02
