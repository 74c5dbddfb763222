# SSH - Secure SHell
# Pattern attributes: great veryfast
# Protocol groups: remote_access secure ietf_proposed_standard
# Reference: RFC 4253 section 4.2 (protocol version exchange:
#   "SSH-protoversion-softwareversion"), including 1.99 and 1.5 peers
#
# Both sides send the identification string, whichever arrives first;
# the server may send other lines before it (RFC 4253 4.2: they do not
# begin with "SSH-").

ssh
^([\x09\x0d -~\x80-\xff]*\x0a)*ssh-[12]\.[0-9][0-9]?-[!-~]
