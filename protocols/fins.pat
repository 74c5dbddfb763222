# FINS - OMRON Factory Interface Network Service (PLC communication)
# Pattern attributes: good veryfast
# Protocol groups: industrial
# Reference: OMRON FINS Commands Reference Manual (W227): the FINS
#   header (ICF 80/81/c0/c1, RSV 0, GCT 02, DNA, DA1, DA2, SNA, SA1,
#   SA2, SID) then a two-byte command code (MRC 01-07, 09, 0c, 21-23);
#   OMRON Ethernet Unit Operation Manual (W421), FINS/TCP: a 16-byte
#   header opening with "FINS"; nDPI's dissector (src/lib/protocols/
#   fins.c) for the same checks
#
# FINS/TCP by its magic (lowercased); FINS/UDP by ICF, GCT, up to seven
# address bytes (zero ones dropped) and the command code.

fins
^(fins.|[\x80\x81\xc0\xc1]\x02.?.?.?.?.?.?.?[\x01-\x07\x09\x0c\x21-\x23][\x01-\x0f\x20\x40ab])
