# DNSCrypt - encrypted DNS (version 2, UDP or TCP)
# Pattern attributes: good veryfast
# Protocol groups: networking secure
# Reference: DNSCrypt version 2 protocol specification (dnscrypt.info,
#   DNSCRYPT-V2-PROTOCOL.txt): every resolver response starts with the
#   resolver magic 72 36 66 6e 76 57 6a 38 ("r6fnvWj8"); a query starts
#   with the client magic of the certificate it uses, and is encrypted
#
# The resolver magic, lowercased, wherever the first response starts
# (after a query of any length; not anchored).  The certificate fetch
# before it is a plain DNS TXT query and classified dns (dns comes
# first in ORDER).  DNSCrypt over TLS (DoH) is tls.

dnscrypt
^.*r6fnvwj8
