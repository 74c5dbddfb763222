# core/: per-connection semantics shared by the module and the tools.
L7_SRCS += $(TOP)/core/l7conn.c
