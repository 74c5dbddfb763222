# MQTT - Message Queuing Telemetry Transport
# Pattern attributes: great veryfast
# Protocol groups: messaging
# Reference: OASIS MQTT 3.1.1 section 3.1 and MQTT 5.0 section 3.1 (CONNECT:
#   byte 0x10, remaining length, protocol name "MQTT" level 4 or 5); MQTT
#   3.1 ("MQIsdp" level 3); section 3.12/3.13 (PINGREQ c0 00, PINGRESP d0 00);
#   sections 3.3 to 3.5 (PUBLISH 0011 DUP QoS RETAIN, remaining length,
#   topic name, packet identifier; PUBACK 40 02 and PUBREC 50 02 with the
#   identifier; MQTT 5.0 adds a reason code and properties)
#
# A capture that starts mid-session is recognised by a PINGREQ answered
# by PINGRESP and followed by a PUBLISH, SUBSCRIBE or another PINGREQ, or
# by a PUBLISH of QoS 1 or 2 (a topic of at least 3 printable bytes)
# whose PUBACK or PUBREC ends the data so far ($).

mqtt
^(\x10.?.?.?.?(\x04mqtt[\x03-\x05]|\x06mqisdp\x03)|\xc0\xd0[\x30-\x3f\x82\xc0]|[\x32\x33\x3a\x3b].?.?.?.?.?.?[ -~][ -~][ -~].*\x40[\x02-\x04].?.?.?.?$|[\x34\x35\x3c\x3d].?.?.?.?.?.?[ -~][ -~][ -~].*\x50[\x02-\x04].?.?.?.?$)
