# DNSCrypt - encrypted DNS (versions 1 and 2, UDP or TCP)
# Pattern attributes: good veryfast
# Protocol groups: networking secure
# Reference: DNSCrypt version 2 protocol specification (dnscrypt.info,
#   DNSCRYPT-V2-PROTOCOL.txt): a session opens with a plain DNS TXT query
#   for <protocol-major-version>.dnscrypt-cert.<zone>, answered by
#   certificates ("DNSC", es-version 00 01 or 00 02, minor version 00 00,
#   signature, ...); every resolver response starts with the resolver
#   magic 72 36 66 6e 76 57 6a 38 ("r6fnvWj8"), a query with the client
#   magic of the certificate it uses; ANONYMIZED-DNSCRYPT.txt (a relayed
#   query opens with ff x 10, 00 00, the server's IPv6 or IPv4-mapped
#   address and port); version 1 (2011) has the same resolver magic and
#   certificate magic, and its servers' default client magic "q6fnvWj9"
#   (dnscrypt-wrapper's and OpenDNS's first implementations)
#
# The certificate fetch (UDP, or TCP after the 2-byte length) by its
# name's first two labels, a single digit then dnscrypt-cert; a
# certificate by its string length, 124 (7c: the specification defines
# no extensions), before "dnsc" and the es-version, found anywhere in
# the answer (the provider may use any name, as avast_securedns.pcapng's
# "2.securedns.avast.com" does; a wider length class made the
# definition five times slower, every byte above 7b opening a try); the
# resolver magic wherever the first response starts (after a query of
# any length); v1's default client magic; a relayed query by its ten
# ff bytes (12 with an IPv4-mapped address) and a first address byte
# other than ff (BGP's marker is 16 ff).  Put dnscrypt before dns: the
# certificate fetch is a DNS query.  DNSCrypt over TLS (DoH) is tls.

dnscrypt
^(.?.?.?.?.?.?.?.?.?.?.?.?\x01[1-9]\x0ddnscrypt-cert[\x01-\x3f]|.*(\|dnsc[\x01\x02]|r6fnvwj8)|q6fnvwj9|\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff(\xff\xff)?[^\xff])
