# MongoDB - wire protocol
# Pattern attributes: good veryfast
# Protocol groups: database
# Reference: MongoDB Wire Protocol: standard message header (messageLength,
#   requestID, responseTo, opCode), OP_QUERY = 2004 (d4 07) on a
#   "<db>.$cmd" collection, OP_MSG = 2013 (dd 07) with a BSON command body

mongodb
^.?.?.?.?.?.?.?.?(\xd4\x07.?.?.?.?[_0-9a-z]+\.\$cmd|\xdd\x07.?.?.?.?.?.?.?[\x01-\x13](hello|ismaster|buildinfo|saslstart|ping|find|insert|aggregate|getmore|listdatabases|endsessions))
