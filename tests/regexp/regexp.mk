# Engine tests.  The engine is built again here with step counting
# (L7RE_COUNT_STEPS) so that tests can prove linear time.
TRE_DIR := $(BUILD)/tests/regexp
TRE_ENGINE_SRCS := $(addprefix $(TOP)/regexp/,$(L7RE_SRCS) \
	$(L7RE_USER_SRCS)) $(TOP)/lib/l7patfile.c
TRE_ENGINE_OBJS := $(patsubst $(TOP)/%.c,$(TRE_DIR)/engine/%.o,$(TRE_ENGINE_SRCS))
TRE_TESTS := t_syntax t_diff t_pre t_multi t_l7set t_linear t_limits t_alloc t_prep t_patfile
TRE_BINS := $(addprefix $(TRE_DIR)/,$(TRE_TESTS))

$(TRE_DIR)/engine/%.o: $(TOP)/%.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -DL7RE_COUNT_STEPS -MMD -MP -c -o $@ $<

TRE_HELPERS := $(addprefix $(TOP)/tests/regexp/,ref.c steps.c)
# Case tables leave trailing fields zero on purpose.
TRE_CFLAGS := $(USER_CFLAGS) -Wno-missing-field-initializers \
	-DL7RE_COUNT_STEPS -I$(TOP)/tests/regexp

$(TRE_DIR)/%: $(TOP)/tests/regexp/%.c $(TRE_HELPERS) \
		$(TOP)/tests/regexp/t.h $(TOP)/tests/regexp/ref.h $(TRE_ENGINE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(TRE_CFLAGS) -o $@ $< $(TRE_HELPERS) $(TRE_ENGINE_OBJS)

.SECONDARY: $(TRE_ENGINE_OBJS)

-include $(TRE_ENGINE_OBJS:.o=.d)

CHECK_SUITES += regexp
.PHONY: check-regexp
check-regexp: $(TRE_BINS) $(L7MATCH)
	@mkdir -p $(RESULTS)
	@L7_SHARED=$(TOP)/../shared L7MATCH=$(L7MATCH) $(TOP)/tests/regexp/run \
		$(addprefix $(TRE_DIR)/,$(filter-out t_alloc t_patfile,$(TRE_TESTS))) \
		vg:$(TRE_DIR)/t_alloc vg:$(TRE_DIR)/t_patfile \
		$(TOP)/tests/regexp/t_l7match.sh \
		$(TOP)/tests/regexp/t_kerneldoc.sh > $(RESULTS)/regexp.log 2>&1; \
		grep '^FAIL' $(RESULTS)/regexp.log; tail -n1 $(RESULTS)/regexp.log

# libFuzzer target of the engine (mk/fuzz.mk): suite fuzz-regexp.
$(eval $(call l7_fuzz,regexp,$(TOP)/tests/regexp/fuzz_l7re.c \
	$(TOP)/tests/regexp/ref.c $(FUZZ_ENGINE_SRCS),,\
	-dict=$(TOP)/tests/regexp/fuzz.dict -max_len=512))

# Benchmark (bench-only dependencies: libpcre2-dev, libhyperscan-dev).
TRE_BENCH := $(TRE_DIR)/bench_l7re
BENCH_TARGETS += bench-regexp
.PHONY: bench-regexp

$(TRE_BENCH): $(TOP)/tests/regexp/bench_l7re.c $(BUILD)/libl7.a
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) $(shell pkg-config --cflags libhs libpcre2-8) -o $@ \
		$< $(BUILD)/libl7.a -lpcap \
		$(shell pkg-config --libs libhs libpcre2-8) -lstdc++ -lm

bench-regexp: $(TRE_BENCH)
	@mkdir -p $(RESULTS)
	$(TRE_BENCH) $(TOP)/../shared/l7-protocols-2009-05-28 \
		$(TOP)/../shared/captures/pcap | tee $(RESULTS)/bench-regexp.txt
