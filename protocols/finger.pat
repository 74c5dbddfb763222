# Finger - user information protocol
# Pattern attributes: ok veryfast
# Protocol groups: ietf_draft_standard
# Reference: RFC 1288 section 2.3 (query: optional "/W", user, optional
#   @host, CRLF) and section 2.5 (the reply is free text)
#
# The query alone is too plain to trust (a bare CRLF is a valid query), so
# the pattern also wants field names that finger servers print.  Put it
# after whois, which has the same query shape.

finger
^(/w ?)?[-._@0-9a-z]*\x0d\x0a[\x09-\x0d -~]*(login: |no such user|plan:|no one logged on|directory: )
