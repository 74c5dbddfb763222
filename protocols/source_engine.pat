# Source engine (Valve) server queries
# Pattern attributes: great veryfast
# Protocol groups: game
# Reference: Valve Developer Community, "Server queries": packets start
#   with the header FF FF FF FF, then A2S_INFO "TSource Engine Query",
#   A2S_PLAYER 'U', A2S_RULES 'V', challenge request 'W', or the replies
#   'I' (info), 'A' (challenge), 'D' (players), 'E' (rules)
#
# Game traffic itself (split packets FE FF FF FF and the netchannel) is
# not recognised.

source_engine
^\xff\xff\xff\xff(tsource engine query|[uvw]|[adei])
