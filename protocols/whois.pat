# WHOIS - domain and network registration queries
# Pattern attributes: ok veryfast
# Protocol groups: ietf_draft_standard
# Reference: RFC 3912 section 2 (one query line ending in CRLF, free text
#   reply); reply keywords from the registries' published formats
#
# The reply format is not standardised: the pattern looks for the comment
# marks and field names registries use.  Put whois after every other
# text protocol and before finger.

whois
^[!-~][ -~]*\x0d\x0a(%|#|[\x09 ]*(domain name|domain:|refer:|whois server|registrar|registry|inetnum|inet6num|netrange|nethandle|as-block|aut-num|no match|not found|no entries found))
