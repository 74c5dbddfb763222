# HTTP - HyperText Transfer Protocol 1.0 and 1.1
# Pattern attributes: great veryfast
# Protocol groups: document_retrieval ietf_internet_standard
# Reference: RFC 9112 section 3 (request line) and section 4 (status line);
#   methods from the IANA HTTP Method Registry: RFC 9110 section 9, RFC
#   5789 (PATCH), RFC 4918 (WebDAV), RFC 3253 (DeltaV: CHECKIN, MERGE,
#   MKACTIVITY, ...), RFC 3648 (ORDERPATCH), RFC 3744 (ACL), RFC 4791
#   (CalDAV), RFC 5323 (SEARCH), RFC 5842 (BIND), RFC 2068 (LINK), RFC
#   4437 (redirect references); PURGE (caches); UPnP Device Architecture
#   2.0 section 4 (GENA's SUBSCRIBE, UNSUBSCRIBE and NOTIFY over TCP)
#
# Matches the client's request line, so a request without a response is
# classified too (the 2009 pattern waited for the server's status line).
# A status line at the start covers captures that begin mid-connection.
# GENA's NOTIFY names a path; SSDP's NOTIFY * is ssdp's.  HTTP/0.9's
# simple request ("GET /path" without a version) is not recognised.
# Order: ipp, ssdp, bittorrent (local service discovery) and gnutella
# must come before http: they are HTTP-shaped and more specific.

http
^((get|post|head|put|delete|options|patch|trace|connect|propfind|proppatch|mkcol|copy|move|lock|unlock|report|search|mkcalendar|purge|acl|bind|rebind|unbind|link|unlink|checkin|checkout|uncheckout|label|merge|update|version-control|baseline-control|mkactivity|mkworkspace|mkredirectref|updateredirectref|orderpatch|subscribe|unsubscribe) [!-~]+|notify /[!-~]*) http/1\.[01]|^http/1\.[01] [1-5][0-9][0-9]
