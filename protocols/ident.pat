# Ident - Identification Protocol (auth, port 113)
# Pattern attributes: good veryfast
# Protocol groups: ietf_proposed_standard
# Reference: RFC 1413 section 6 (query "port , port" CRLF; reply
#   "port , port : USERID|ERROR : ...")
#
# The query line alone is specific enough: two port numbers and a comma.

ident
^[1-9][0-9]?[0-9]?[0-9]?[0-9]? *, *[1-9][0-9]?[0-9]?[0-9]?[0-9]? *\x0d?\x0a
