# Apache Cassandra - CQL native protocol and the internode protocol
# Pattern attributes: great veryfast
# Protocol groups: database
# Reference: Apache Cassandra, doc/native_protocol_v4.spec (and v1-v3,
#   v5) sections 2 (frame header: version 01-05 for requests, 81-85 for
#   responses, flags, stream (one byte before v3), opcode, length), 4.1.1 STARTUP (opcode 1,
#   a string map with CQL_VERSION), 4.1.3 OPTIONS (opcode 5) and 4.2.4
#   SUPPORTED (opcode 6: COMPRESSION, CQL_VERSION, PROTOCOL_VERSIONS);
#   net/MessagingService.java (internode PROTOCOL_MAGIC 0xCA552DFA)
#
# A client's STARTUP, or OPTIONS answered by SUPPORTED, up to the first
# map key; or a node-to-node connection's magic.  The zero bytes of the
# lengths and counts are dropped.

cassandra
^([\x01-\x05].?.?.?(\x05[\x81-\x85].?.?.?\x06|\x01).?.?.?.?.?.?.?.?(compression|cql_version|protocol_versions|driver_name|driver_version)|\xca\x55\x2d\xfa)
