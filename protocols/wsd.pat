# WS-Discovery (Web Services Dynamic Discovery: WSD printers, scanners,
# Windows network discovery)
# Pattern attributes: great veryfast
# Protocol groups: networking
# Reference: OASIS Web Services Dynamic Discovery 1.1 (2009), sections 2
#   and 4 (SOAP over UDP, port 3702, namespace
#   http://docs.oasis-open.org/ws-dd/ns/discovery/2009/01), and the 2005
#   Microsoft draft (namespace http://schemas.xmlsoap.org/ws/2005/04/discovery)
#
# A SOAP envelope whose start tag declares the discovery namespace.

wsd
^(<\?xml[^>]*>)?[\x09-\x0d ]*<([a-z0-9]+:)?envelope[\x09-\x0d ][^>]*(schemas\.xmlsoap\.org/ws/2005/04/discovery|docs\.oasis-open\.org/ws-dd/ns/discovery/)
