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
