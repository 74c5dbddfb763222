# Capture reading, frame decoding and connection tracking (userspace:
# l7classify, its tests, the benchmarks).  Linking l7pcap.o needs -lpcap.
L7_CAPTURE_SRCS := $(addprefix $(TOP)/lib/,l7decode.c l7pcap.c l7flows.c \
	l7walk.c l7expect.c l7helpers.c l7help_parse.c l7help_ftp.c \
	l7help_misc.c l7help_sip.c)
L7_SRCS += $(L7_CAPTURE_SRCS)
