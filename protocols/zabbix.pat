# Zabbix - agent and server protocol
# Pattern attributes: great veryfast
# Protocol groups: monitoring
# Reference: Zabbix manual, "Zabbix protocols / Header": "ZBXD", flags
#   (01 protocol, 02 compression, 04 large packet), data length

zabbix
^zbxd[\x01-\x07]
