# Stratum - cryptocurrency mining pool protocol (JSON-RPC over TCP)
# Pattern attributes: great veryfast
# Protocol groups: p2p
# Reference: Braiins, "Stratum V1" documentation (newline-delimited
#   JSON-RPC: mining.subscribe, mining.authorize); BIP 310
#   (mining.configure); the EthProxy variant's eth_submitLogin; XMRig,
#   doc/STRATUM.md (CryptoNote pools: "login" with params.login)
#
# The miner's first request, one JSON line: its method, or for
# CryptoNote pools a login method whose params open with the login key.

stratum
^\{[^\x0a]*"method": ?"(mining\.(subscribe|authorize|configure)|eth_submitlogin|login", ?"params": ?\{ ?"login)"
