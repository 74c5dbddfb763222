# Pseudo protocol: the connection is still undecided
# Pattern attributes: great veryfast
# Protocol groups: pseudo
# Reference: l7-filter semantics; the kernel module gives this name its
#   special meaning (`--l7proto unset` matches while no rule decided)
#
# The regex is not used for matching; it is here because every definition
# file has one.

unset
.
