# MQTT - Message Queuing Telemetry Transport
# Pattern attributes: great veryfast
# Protocol groups: messaging
# Reference: OASIS MQTT 3.1.1 section 3.1 and MQTT 5.0 section 3.1 (CONNECT:
#   byte 0x10, remaining length, protocol name "MQTT" level 4 or 5); MQTT
#   3.1 ("MQIsdp" level 3); section 3.12/3.13 (PINGREQ c0 00, PINGRESP d0 00)
#
# A capture that starts mid-session is recognised by a PINGREQ answered
# by PINGRESP and followed by a PUBLISH, SUBSCRIBE or another PINGREQ.

mqtt
^(\x10.?.?.?.?(\x04mqtt[\x03-\x05]|\x06mqisdp\x03)|\xc0\xd0[\x30-\x3f\x82\xc0])
