# Riot Games (League of Legends, Valorant) game traffic over UDP
# Pattern attributes: good veryfast
# Protocol groups: game proprietary
# Reference: no public specification; nDPI's reverse-engineered
#   dissector (src/lib/protocols/riotgames.c): packets ending with
#   aa aa aa aa bb bb bb bb, or 53-byte packets ending with
#   3c b1 1f 2d ea 23 46 0c
#
# The eight trailing bytes at the end of the first packet ($: the data
# so far ends there); the 53-byte length is not checked.  Not anchored
# at the start: the trailer follows a variable header.

riotgames
^.*(\xaa\xaa\xaa\xaa\xbb\xbb\xbb\xbb|\x3c\xb1\x1f\x2d\xea\x23\x46\x0c)$
