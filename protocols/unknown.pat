# Pseudo protocol: no definition matched within the packet limit
# Pattern attributes: great veryfast
# Protocol groups: pseudo
# Reference: l7-filter semantics; the kernel module gives this name its
#   special meaning (`--l7proto unknown` matches once it gave up)
#
# The regex is not used for matching; it is here because every definition
# file has one.

unknown
.
