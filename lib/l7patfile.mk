# Pattern files (userspace only: the kernel never reads files).
L7_SRCS += $(TOP)/lib/l7patfile.c
