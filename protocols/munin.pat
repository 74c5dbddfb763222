# Munin - munin-node monitoring protocol
# Pattern attributes: great veryfast
# Protocol groups: monitoring
# Reference: Munin documentation, "Munin-node protocol" (the node greets
#   with "# munin node at HOSTNAME", then answers list, nodes, config,
#   fetch, version, cap and quit)

munin
^# munin node at [!-~]
