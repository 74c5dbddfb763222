# AMQP - Advanced Message Queuing Protocol
# Pattern attributes: great veryfast
# Protocol groups: messaging
# Reference: AMQP 0-9-1 section 4.2.2 (protocol header "AMQP" 0 0 9 1);
#   OASIS AMQP 1.0 part 2.2 (header "AMQP" id major minor revision, id 0
#   for AMQP, 2 for TLS, 3 for SASL); AMQP 0-9-1 section 4.2.3 (frames:
#   type, channel, size, payload, frame-end ce) and 4.2.6 (a Basic method
#   frame, class 60, is followed by a content header frame, type 2)
#
# The second alternative recognises a capture that starts mid-session.

amqp
^(amqp[\x01-\x03]?[\x01\x09]|\x01[\x01-\xff]?.?.?<.?[^\xce]*\xce\x02)
