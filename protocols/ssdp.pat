# SSDP - Simple Service Discovery Protocol (UPnP discovery)
# Pattern attributes: great veryfast
# Protocol groups: networking
# Reference: UPnP Device Architecture 2.0, section 1 (Discovery): M-SEARCH
#   and NOTIFY requests in HTTPU, and the unicast search response with ST/USN
#
# SSDP uses HTTP syntax over UDP: put ssdp before http, otherwise a search
# response alone would be classified as http.

ssdp
^(m-search|notify) \* http/1\.1\x0d\x0a|^http/1\.1 200 ok\x0d\x0a[\x09-\x0d -~]*\x0d\x0a(st|usn):
