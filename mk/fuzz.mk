# libFuzzer targets: clang with ASan and UBSan; a crash, a leak, a
# sanitizer report or a slow input (-timeout) fails.  One line adds one:
#
#   $(eval $(call l7_fuzz,NAME,SOURCES,LIBS,OPTIONS))
#
#   NAME     suite fuzz-NAME: `make check` (check-fuzz-NAME) runs it
#            FUZZ_CHECK_TIME seconds, `make fuzz` (or fuzz-NAME)
#            FUZZ_TIME seconds
#   SOURCES  the target's own file first, then every source it links
#            (FUZZ_ENGINE_SRCS: the regex engine)
#   LIBS     link flags (-lpcap)
#   OPTIONS  libFuzzer options (-dict=..., -max_len=...)
#
# Seeds are the small files of tests/fuzz/corpus/NAME/, kept in the
# repository; what a run adds goes to build/fuzz/NAME/corpus (kept
# between runs), a crashing input to build/fuzz/NAME/.  tests/fuzz/run
# does the run and sums it up (executions, coverage) in the log.
FUZZ_TIME ?= 600
FUZZ_CHECK_TIME ?= 10
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_CFLAGS := -g -O1 -std=gnu11 -D_GNU_SOURCE -I$(TOP) \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
# Recursive: regexp/engine.mk comes later than this file.
FUZZ_ENGINE_SRCS = $(addprefix $(TOP)/regexp/,$(L7RE_SRCS) $(L7RE_USER_SRCS))

define l7_fuzz
FUZZ_BIN_$(1) := $(FUZZ_DIR)/$(1)/fuzz_$(1)
$$(FUZZ_BIN_$(1)): $(2) $$(wildcard $(TOP)/regexp/*.h $(TOP)/core/*.h $(TOP)/lib/*.h)
	@mkdir -p $$(dir $$@)
	clang $(FUZZ_CFLAGS) -o $$@ $(2) $(3)
CHECK_SUITES += fuzz-$(1)
.PHONY: check-fuzz-$(1) fuzz-$(1)
check-fuzz-$(1): $$(FUZZ_BIN_$(1))
	@mkdir -p $(RESULTS)
	@$(TOP)/tests/fuzz/run $$< $(FUZZ_CHECK_TIME) \
		$(TOP)/tests/fuzz/corpus/$(1) $(FUZZ_DIR)/$(1) \
		$(RESULTS)/fuzz-$(1).log $(4)
fuzz: fuzz-$(1)
fuzz-$(1): $$(FUZZ_BIN_$(1))
	@mkdir -p $(RESULTS)
	@$(TOP)/tests/fuzz/run $$< $(FUZZ_TIME) \
		$(TOP)/tests/fuzz/corpus/$(1) $(FUZZ_DIR)/$(1) \
		$(RESULTS)/fuzz-$(1)-long.log $(4)
endef
