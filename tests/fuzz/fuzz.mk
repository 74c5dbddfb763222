# libFuzzer targets of lib/ and core/ (mk/fuzz.mk says how a line makes
# one).  The capture seeds are captures tests/classify/mkcaps writes; the
# conn seeds are what tests/fuzz/mkconn.py writes, plus the inputs the
# target found bugs with (found-*).
$(eval $(call l7_fuzz,patfile,$(TOP)/tests/fuzz/fuzz_patfile.c \
	$(TOP)/lib/l7patfile.c $(FUZZ_ENGINE_SRCS),,\
	-dict=$(TOP)/tests/fuzz/patfile.dict -max_len=4096))
$(eval $(call l7_fuzz,capture,$(TOP)/tests/fuzz/fuzz_capture.c \
	$(L7_CAPTURE_SRCS) $(TOP)/core/l7conn.c $(FUZZ_ENGINE_SRCS),-lpcap,\
	-max_len=8192))
# The conn target includes core/l7conn.c itself (it lowers L7_MAX_STREAMS).
$(eval $(call l7_fuzz,conn,$(TOP)/tests/fuzz/fuzz_conn.c \
	$(FUZZ_ENGINE_SRCS),,-max_len=4096))
$(FUZZ_BIN_conn): $(TOP)/core/l7conn.c
