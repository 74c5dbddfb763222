# Git - the git:// transport (git daemon)
# Pattern attributes: great veryfast
# Protocol groups: version_control
# Reference: Git Documentation/gitprotocol-pack.txt ("Git Transport": a
#   pkt-line "git-upload-pack /path\0host=...\0") and gitprotocol-common
#   (pkt-line: four hexadecimal length digits)
#
# Git over SSH is ssh and over HTTPS is tls; smart HTTP is http.

git
^[0-9a-f][0-9a-f][0-9a-f][0-9a-f]git-(upload-pack|receive-pack|upload-archive) [!-~]
