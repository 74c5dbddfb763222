# HTTP - HyperText Transfer Protocol 1.0 and 1.1
# Pattern attributes: great veryfast
# Protocol groups: document_retrieval ietf_internet_standard
# Reference: RFC 9112 section 3 (request line) and section 4 (status line);
#   methods from RFC 9110 section 9, RFC 4918 (WebDAV), RFC 4791 (CalDAV)
#
# Matches the client's request line, so a request without a response is
# classified too (the 2009 pattern waited for the server's status line).
# A status line at the start covers captures that begin mid-connection.
# Order: ipp, ssdp, bittorrent (tracker requests) and gnutella must come
# before http: they are HTTP-shaped and more specific.

http
^(get|post|head|put|delete|options|patch|trace|connect|propfind|proppatch|mkcol|copy|move|lock|unlock|report|search|mkcalendar|purge) [!-~]+ http/1\.[01]|^http/1\.[01] [1-5][0-9][0-9]
