# Syslog - messages over UDP or TCP
# Pattern attributes: good veryfast
# Protocol groups: monitoring ietf_proposed_standard
# Reference: RFC 5424 section 6 (PRI 0-191, VERSION 1, timestamp);
#   RFC 3164 section 4.1 (PRI, "Mmm dd hh:mm:ss" timestamp); RFC 6587
#   (TCP octet counting); the ISO timestamp without VERSION that rsyslog
#   and syslog-ng send; the sequence number Cisco IOS puts after the PRI
#   ("<189>30: *Sep 22 ...") and the RFC 3164 section 4.1.3 TAG without a
#   timestamp ("<30>snmpd[6956]: ...")

syslog
^([1-9][0-9]* )?<(1[0-8][0-9]|19[01]|[1-9]?[0-9])>(1 |[0-9][0-9]*:? |[a-z][a-z][a-z]  ?[0-9]?[0-9] [0-9][0-9]:[0-9][0-9]:| ?[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9][t ]|[a-z][-._0-9a-z]*(\[[0-9]+\])?: )
