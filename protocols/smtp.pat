# SMTP - Simple Mail Transfer Protocol (and LMTP)
# Pattern attributes: great veryfast
# Protocol groups: mail ietf_internet_standard
# Reference: RFC 5321 sections 3.1 (220 greeting) and 4.1.1.1 (EHLO/HELO);
#   RFC 2033 (LMTP's LHLO)
#
# Waits for the client's EHLO/HELO after the 220 greeting (FTP also greets
# with 220).

smtp
^220[\x09-\x0d -~]*\x0d\x0a(ehlo|helo|lhlo)[ \x0d]
