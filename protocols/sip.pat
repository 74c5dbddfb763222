# SIP - Session Initiation Protocol
# Pattern attributes: great veryfast
# Protocol groups: voip ietf_proposed_standard
# Reference: RFC 3261 section 7.1 (Request-Line) and 7.2 (Status-Line);
#   methods from RFC 3261, 3262, 3265, 3311, 3428, 3515, 3903, 2976

sip
^(invite|register|options|ack|bye|cancel|subscribe|notify|refer|message|info|prack|update|publish) [!-~]+ sip/2\.0\x0d?\x0a|^sip/2\.0 [1-6][0-9][0-9][ \x0d]
