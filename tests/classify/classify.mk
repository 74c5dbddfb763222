# l7classify on crafted captures generated at test time.
MKCAPS := $(BUILD)/tests/classify/mkcaps

$(MKCAPS): $(addprefix $(TOP)/tests/classify/,mkcaps.c mkhelpers.c mkcaps.h)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -Wno-missing-field-initializers -o $@ \
		$(filter %.c,$^)

CHECK_SUITES += classify
.PHONY: check-classify
check-classify: $(L7CLASSIFY) $(MKCAPS)
	@mkdir -p $(RESULTS)
	@L7_SHARED=$(TOP)/../shared L7_PROTOCOLS=$(TOP)/protocols \
		$(TOP)/tests/classify/run.sh $(L7CLASSIFY) $(MKCAPS) \
		$(BUILD)/tests/classify/work > $(RESULTS)/classify.log 2>&1; \
		rc=$$?; grep -E '^(FAIL|SKIP)' $(RESULTS)/classify.log; \
		tail -n1 $(RESULTS)/classify.log; [ $$rc -eq 0 ]
