# Core (core/l7conn.c) unit tests.  The test binary compiles the core
# itself with ASan/UBSan and wraps the engine's feed to count the bytes
# it is given.

CORE_TEST := $(BUILD)/tests/core/test_l7conn
CORE_TEST_CFLAGS := $(USER_CFLAGS) -fsanitize=address,undefined \
	-fno-sanitize-recover=all -Wno-missing-field-initializers
CORE_TEST_WRAP := -Wl,--wrap=l7re_stream_feed_steps

CORE_TEST_ENGINE := $(BUILD)/libl7.a

$(CORE_TEST): $(TOP)/tests/core/test_l7conn.c $(TOP)/core/l7conn.c \
		$(TOP)/core/l7conn.h $(CORE_TEST_ENGINE)
	@mkdir -p $(dir $@)
	$(CC) $(CORE_TEST_CFLAGS) -o $@ $(TOP)/tests/core/test_l7conn.c \
		$(TOP)/core/l7conn.c $(CORE_TEST_ENGINE) $(CORE_TEST_WRAP)

CHECK_SUITES += core
.PHONY: check-core
check-core: $(CORE_TEST)
	@mkdir -p $(RESULTS)
	@$(CORE_TEST) > $(RESULTS)/core.log 2>&1; rc=$$?; \
		grep -E '^FAIL' $(RESULTS)/core.log; tail -n1 $(RESULTS)/core.log; \
		[ $$rc -eq 0 ]
