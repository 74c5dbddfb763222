# IRC - Internet Relay Chat
# Pattern attributes: good veryfast
# Protocol groups: chat ietf_informational
# Reference: RFC 2812 section 3.1 (connection registration: PASS, NICK,
#   USER), IRCv3 capability negotiation (CAP LS), RFC 1459 and 2812
#   section 2.3 (a server's message: prefix, NOTICE, PRIVMSG or a
#   three-digit reply, target, trailing parameter)

irc
^(cap ls[ \x0d\x0a]|(pass [!-~]+\x0d?\x0a)?(nick [!-~]+\x0d?\x0auser [!-~]+ [!-~]+ [!-~]+ :|user [!-~]+ [!-~]+ [!-~]+ :[\x09 -~]*\x0d?\x0anick [!-~])|:[!-~]+ (notice|privmsg|[0-9][0-9][0-9]) [!-~]+ :)
