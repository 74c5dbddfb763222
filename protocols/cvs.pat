# CVS - Concurrent Versions System pserver
# Pattern attributes: great veryfast
# Protocol groups: version_control
# Reference: "The CVS client/server protocol" (cvsclient.texi), section
#   "Connection and Authentication": BEGIN AUTH/VERIFICATION/GSSAPI REQUEST

cvs
^begin (auth|verification|gssapi) request\x0a
