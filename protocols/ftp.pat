# FTP - File Transfer Protocol, control connection
# Pattern attributes: good veryfast
# Protocol groups: file_transfer ietf_internet_standard
# Reference: RFC 959 sections 4.1 and 4.2 (commands, 220 greeting);
#   RFC 4217 (AUTH TLS), RFC 2389 (FEAT, OPTS), RFC 2228 (PBSZ), RFC 2640
#   (LANG), RFC 7151 (HOST)
#
# The server's 220 greeting alone does not tell FTP from SMTP, so the
# pattern waits for the client's first command, which is never an SMTP
# one.  Data connections are no pattern's job: with the ftp conntrack
# helper assigned they inherit the control connection's verdict.

ftp
^220[\x09-\x0d -~]*\x0d\x0a(user [!-~]|auth (tls|ssl)|feat\x0d|syst\x0d|opts utf8|clnt |host |pbsz |lang[ \x0d])
