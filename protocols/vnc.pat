# VNC - RFB, the Remote Framebuffer protocol
# Pattern attributes: great veryfast
# Protocol groups: remote_access ietf_informational
# Reference: RFC 6143 section 7.1.1 (ProtocolVersion "RFB 003.008\n")

vnc
^rfb 00[0-9]\.00[0-9]\x0a
