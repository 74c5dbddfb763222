# MGCP - Media Gateway Control Protocol
# Pattern attributes: great veryfast
# Protocol groups: voip ietf_informational
# Reference: RFC 3435 sections 3.2.1 (command line: verb, transaction
#   id, endpoint name local@domain, "MGCP" and the protocol version) and
#   2.3 (the verbs EPCF, CRCX, MDCX, DLCX, RQNT, NTFY, AUEP, AUCX, RSIP);
#   RFC 3991 (MESG)
#
# The call agent's or the gateway's first command; a capture that starts
# with a response (a return code and the transaction id) is not
# recognised.

mgcp
^(epcf|crcx|mdcx|dlcx|rqnt|ntfy|auep|aucx|rsip|mesg) [0-9]+ [!-~]+@[!-~]+ mgcp [0-9]\.[0-9]
