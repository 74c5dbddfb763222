# POP3 - Post Office Protocol version 3
# Pattern attributes: great veryfast
# Protocol groups: mail ietf_internet_standard
# Reference: RFC 1939 section 4 (+OK greeting) and sections 5-7 (commands);
#   RFC 2449 (CAPA), RFC 5034 (AUTH), RFC 2595 (STLS)

pop3
^\+ok[\x09-\x0d -~]*\x0d\x0a(user|apop|auth|capa|stls|quit|uidl|stat|list)
