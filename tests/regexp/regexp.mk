# Engine tests.  The engine is built again here with step counting
# (L7RE_COUNT_STEPS) so that tests can prove linear time.
TRE_DIR := $(BUILD)/tests/regexp
TRE_ENGINE_SRCS := $(addprefix $(TOP)/regexp/,l7re.c l7re_parse.c \
	l7re_nfa.c l7re_dfa.c l7prep.c l7re_env_user.c) $(TOP)/lib/l7patfile.c
TRE_ENGINE_OBJS := $(patsubst $(TOP)/%.c,$(TRE_DIR)/engine/%.o,$(TRE_ENGINE_SRCS))
TRE_TESTS := t_syntax t_diff t_l7set t_linear t_limits t_alloc t_prep t_patfile
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
		$(TOP)/tests/regexp/t_l7match.sh > $(RESULTS)/regexp.log 2>&1; \
		grep '^FAIL' $(RESULTS)/regexp.log; tail -n1 $(RESULTS)/regexp.log
