# LPD - Line Printer Daemon protocol
# Pattern attributes: ok veryfast
# Protocol groups: printer ietf_informational
# Reference: RFC 1179 sections 5.2-5.4 (daemon commands 02 receive job,
#   03/04 queue state) and 6.2-6.3 (receive control/data file subcommands
#   "02 count SP cfA..." / "03 count SP dfA...")

lpd
^(\x02[-_.0-9a-z]+\x0a[\x02\x03][0-9]+ [cd]fa[0-9][0-9][0-9]|[\x03\x04][-_.0-9a-z][-_.0-9a-z]+( [!-~]+)*\x0a)
