# rsync - the rsync daemon protocol
# Pattern attributes: great veryfast
# Protocol groups: file_transfer
# Reference: rsync's clientserver.c and the rsyncd protocol description:
#   both sides open with "@RSYNCD: <version>[.<subversion>]\n"

rsync
^@rsyncd: [1-9][0-9]*(\.[0-9]+)?( [!-~]+)*\x0a
