# Bitcoin - peer-to-peer protocol
# Pattern attributes: great veryfast
# Protocol groups: p2p
# Reference: Bitcoin developer reference, "P2P Network": message header
#   (4-byte start string, 12-byte NUL-padded command name, payload size,
#   checksum) and "version", the first message of either side; start
#   strings of mainnet f9 be b4 d9, testnet3 0b 11 09 07, testnet4
#   1c 16 3f 28, signet 0a 03 cf 40 and regtest fa bf b5 da (Bitcoin
#   Core, src/kernel/chainparams.cpp, pchMessageStart)
#
# testnet4's 3f 28 are written \? and \( (a decoded \xHH would be a live
# metacharacter).

bitcoin
^(\xf9\xbe\xb4\xd9|\x0b\x11\x09\x07|\x1c\x16\?\(|\x0a\x03\xcf\x40|\xfa\xbf\xb5\xda)version
