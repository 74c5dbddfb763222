# Dropbox LAN sync discovery broadcast
# Pattern attributes: great veryfast
# Protocol groups: file_transfer
# Reference: Dropbox, "Inside LAN Sync" (Dropbox tech blog, 2015): a UDP
#   broadcast on port 17500 carrying a JSON object with host_int, version,
#   displayname, port and namespaces

dropbox
^\{([ -~]*, )?"host_int": [0-9]
