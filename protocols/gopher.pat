# Gopher - the Internet Gopher protocol
# Pattern attributes: great veryfast
# Protocol groups: document_retrieval ietf_informational
# Reference: RFC 1436 section 3.8 (selector CRLF; directory entity lines:
#   type, display string TAB selector TAB host TAB port)

gopher
^[\x09 -~]*\x0d\x0a[0-9+ghist:;<dp8][^\x09\x0d\x0a]*\x09[^\x09\x0d\x0a]*\x09[^\x09\x0d\x0a]*\x09[0-9]
