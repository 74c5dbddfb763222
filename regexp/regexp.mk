# The regex engine (regexp/engine.mk lists it) in the userspace library.
L7_SRCS += $(addprefix $(TOP)/regexp/,$(L7RE_SRCS) $(L7RE_USER_SRCS))
