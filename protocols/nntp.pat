# NNTP - Network News Transfer Protocol (Usenet)
# Pattern attributes: great veryfast
# Protocol groups: chat ietf_proposed_standard
# Reference: RFC 3977 section 5.1 (200/201 greeting) and section 3.1
#   (commands); RFC 4643 (AUTHINFO)

nntp
^20[01][\x09-\x0d -~]*\x0d\x0a(mode (reader|stream)|capabilities|authinfo|group|list|article|head|body|stat|post|ihave|check |takethis |newnews|newgroups|xover|over|date|help|quit)
