# SSH - Secure SHell
# Pattern attributes: great veryfast
# Protocol groups: remote_access secure ietf_proposed_standard
# Reference: RFC 4253 section 4.2 (protocol version exchange:
#   "SSH-protoversion-softwareversion"), including 1.99 and 1.5 peers
#
# Both sides send the identification string, whichever arrives first.

ssh
^ssh-[12]\.[0-9][0-9]?-[!-~]
