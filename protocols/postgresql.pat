# PostgreSQL - frontend/backend protocol
# Pattern attributes: great veryfast
# Protocol groups: database
# Reference: PostgreSQL documentation, "Frontend/Backend Protocol", message
#   formats: StartupMessage (length, protocol 3.0 = 196608, then name/value
#   pairs such as "user"), SSLRequest (80877103), GSSENCRequest (80877104),
#   CancelRequest (80877102)
#
# NUL bytes are dropped: 00 03 00 00 shows as 03, and the request codes
# 04 d2 16 2f/30/2e stay whole.

postgresql
^.?.?(\x03\x02?(user|database|application_name|client_encoding|options|replication)|\x08\x04\xd2\x16[./0]|\x10\x04\xd2\x16\.)
