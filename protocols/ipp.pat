# IPP - Internet Printing Protocol over HTTP
# Pattern attributes: great veryfast
# Protocol groups: printer ietf_proposed_standard
# Reference: RFC 8010 section 3 (encoding) and RFC 8010 section 4 (transport:
#   HTTP POST with Content-Type application/ipp); RFC 8011
#
# Superset note: every IPP request is an HTTP request: put ipp before http.

ipp
^post [!-~]+ http/1\.[01]\x0d\x0a[\x09-\x0d -~]*content-type: *application/ipp
