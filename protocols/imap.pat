# IMAP - Internet Message Access Protocol
# Pattern attributes: great veryfast
# Protocol groups: mail ietf_proposed_standard
# Reference: RFC 9051 section 7.1 (untagged OK/PREAUTH/BYE greeting),
#   RFC 3501 (IMAP4rev1)

imap
^\* (ok|preauth|bye)[ \x0d][\x09-\x0d -~]*\x0d\x0a
