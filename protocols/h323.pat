# H.323 - call signalling (H.225.0 / Q.931 over TPKT)
# Pattern attributes: good veryfast
# Protocol groups: voip itu_t_recommendation
# Reference: ITU-T H.225.0 section 7 and Q.931 section 4 (protocol
#   discriminator 08, call reference length 1-2, message type: alerting 01,
#   call proceeding 02, setup 05, connect 07, release complete 5a,
#   facility 62, ...); RFC 1006 (TPKT: 03 00 length); H.225.0 RAS and
#   H.245 messages open with their protocol identifier, the object
#   identifiers 0.0.8.2250.0.v and 0.0.8.245.0.v (06 00 08 91 4a 00 0v and
#   06 00 08 81 75 00 0v), which identifies RAS on UDP and H.245 too

h323
^(\x03.?.?\x08[\x01\x02].?.?[\x01-\x07\x5a\x62\x6e\x7b\x7d]|.?.?.?.?.?.?.?.?\x06\x08(\x91\x4a|\x81\x75)[\x01-\x0f])
