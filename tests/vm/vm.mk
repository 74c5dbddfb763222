# The VM test bed (tests/vm/run) and its scenarios.
#
# Static helpers: every tests/vm/helpers/*.c becomes a static binary in
# build/vm-helpers/, installed in the guest's /usr/local/bin.

VM_HELPER_SRCS := $(wildcard $(TOP)/tests/vm/helpers/*.c)
VM_HELPERS := $(patsubst $(TOP)/tests/vm/helpers/%.c,$(BUILD)/vm-helpers/%,$(VM_HELPER_SRCS))
ALL_TARGETS += $(VM_HELPERS)

.PHONY: vm-helpers
vm-helpers: $(VM_HELPERS)

$(BUILD)/vm-helpers/%: $(TOP)/tests/vm/helpers/%.c $(wildcard $(TOP)/tests/vm/helpers/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -static -o $@ $< $(VM_HELPER_LDLIBS)

# VM scenarios: tests/vm/t/*.sh, one boot each, on the default kernel.
CHECK_SUITES += vmbed vm

.PHONY: check-vm check-vmbed
check-vm: $(DEPS_STAMP) vm-helpers
	@mkdir -p $(RESULTS)
	@$(TOP)/tests/vm/check-vm --kernel $(KVER) > $(RESULTS)/vm.log 2>&1; \
		rc=$$?; grep -E '^(PASS|FAIL|SKIP): |^[0-9]+ passed' $(RESULTS)/vm.log; exit $$rc

# The test bed itself, driven from the host.
check-vmbed: $(DEPS_STAMP) vm-helpers
	@mkdir -p $(RESULTS)
	@$(TOP)/tests/vm/selftest.sh $(KVER) > $(RESULTS)/vmbed.log 2>&1; \
		rc=$$?; grep -E '^(FAIL|SKIP): |^[0-9]+ passed' $(RESULTS)/vmbed.log; exit $$rc
