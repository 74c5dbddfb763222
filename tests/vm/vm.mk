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

# The host's side: its TSC rate, which a TCG guest is told (tests/vm/run).
VM_TSC_KHZ := $(BUILD)/vm-host/tsc-khz
vm-helpers: $(VM_TSC_KHZ)

$(VM_TSC_KHZ): $(TOP)/tests/vm/tsc-khz.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -o $@ $<

# The end of a suite's recipe: the verdict lines of its log $(1), and
# the status of the command before.
vm_verdicts = rc=$$?; grep -E '^(PASS|FAIL|SKIP): |^[0-9]+ passed' $(1); exit $$rc

# VM scenarios: tests/vm/t/*.sh, one boot each, on VM_KVER (Makefile).
CHECK_SUITES += vmbed vm

.PHONY: check-vm check-vmbed
check-vm: $(DEPS_STAMP) vm-helpers
	@mkdir -p $(RESULTS)
	@$(TOP)/tests/vm/check-vm --kernel $(VM_KVER) > $(RESULTS)/vm.log 2>&1; \
		$(call vm_verdicts,$(RESULTS)/vm.log)

# The same scenarios on Debian 12's other kernels: 6.12, and its
# PREEMPT_RT flavour, where spinlocks sleep and BH-disabled sections can
# be preempted, so the module's locking and per-CPU state are tried
# there too.  Versions resolved by mk/kver-612; each suite installs its
# kernel's headers and fetches its image first (mk/deps.sh).
#
# Not all of them: make check has 30 minutes.  6.12 runs all but the
# l7-qos scenarios (a shell tool, whose use of tc and iptables is the
# same on every kernel; 6.1 runs them).  PREEMPT_RT changes locking and
# preemption, which only the module's own code paths meet: it runs the
# k-* scenarios.  VM_SCENARIOS="..." chooses others.
CHECK_SUITES += vm612 vmrt
KVER_vm612 = $(shell $(TOP)/mk/kver-612 amd64)
KVER_vmrt = $(shell $(TOP)/mk/kver-612 rt-amd64)
VM_SCENARIOS_ALL := $(basename $(notdir $(wildcard $(TOP)/tests/vm/t/*.sh)))
VM_SCENARIOS_vm612 := $(filter-out l7qos%,$(VM_SCENARIOS_ALL))
VM_SCENARIOS_vmrt := $(filter k-%,$(VM_SCENARIOS_ALL))

.PHONY: check-vm612 check-vmrt
check-vm612 check-vmrt: check-%: $(DEPS_STAMP) vm-helpers
	@mkdir -p $(RESULTS)
	@kv=$(KVER_$*); echo "kernel $$kv" > $(RESULTS)/$*.log; \
	$(TOP)/mk/deps.sh $$kv $(CACHE) >> $(RESULTS)/$*.log 2>&1 && \
	VM_SCENARIOS="$${VM_SCENARIOS:-$(VM_SCENARIOS_$*)}" \
		$(TOP)/tests/vm/check-vm --kernel $$kv >> $(RESULTS)/$*.log 2>&1; \
		$(call vm_verdicts,$(RESULTS)/$*.log)

# Hostile tenants, floods and lifecycle (issue 13): tests/vm/tenant/, on
# the VM's kernel only: they are long (a flood, fifty namespaces, an
# instruction-counting clock) and exercise the module's bounds rather
# than what differs between kernels.
CHECK_SUITES += vmtenant
.PHONY: check-vmtenant
check-vmtenant: $(DEPS_STAMP) vm-helpers
	@mkdir -p $(RESULTS)
	@$(TOP)/tests/vm/check-vm --kernel $(VM_KVER) $(TOP)/tests/vm/tenant > $(RESULTS)/vmtenant.log 2>&1; \
		$(call vm_verdicts,$(RESULTS)/vmtenant.log)

# The test bed itself, driven from the host.
check-vmbed: $(DEPS_STAMP) vm-helpers
	@mkdir -p $(RESULTS)
	@$(TOP)/tests/vm/selftest.sh $(VM_KVER) > $(RESULTS)/vmbed.log 2>&1; \
		rc=$$?; grep -E '^(FAIL|SKIP): |^[0-9]+ passed' $(RESULTS)/vmbed.log; exit $$rc
