# libFuzzer targets of lib/ (mk/fuzz.mk says how a line makes one).
# The capture seeds are captures tests/classify/mkcaps writes.
$(eval $(call l7_fuzz,patfile,$(TOP)/tests/fuzz/fuzz_patfile.c \
	$(TOP)/lib/l7patfile.c $(FUZZ_ENGINE_SRCS),,\
	-dict=$(TOP)/tests/fuzz/patfile.dict -max_len=4096))
$(eval $(call l7_fuzz,capture,$(TOP)/tests/fuzz/fuzz_capture.c \
	$(L7_CAPTURE_SRCS) $(TOP)/core/l7conn.c $(FUZZ_ENGINE_SRCS),-lpcap,\
	-max_len=8192))
