# The VM scenarios on the debug kernel: Debian's 6.1 source with KASAN,
# lockdep, PROVE_RCU, kmemleak, UBSAN, DEBUG_OBJECTS and the lockup
# watchdogs (tests/vm/debug.config), built once per machine into
# $(CACHE)/debug-kernel by mk/debug-kernel.sh.  Each scenario boots it
# with 2 vCPUs; after the scenario the guest unloads xt_layer7 and scans
# for leaks, and any report fails the scenario (tests/vm/run).

.PHONY: debug-kernel check-vmdebug
# `make deps` builds it too, after the packages its build needs.
deps: debug-kernel
debug-kernel:
	@$(TOP)/mk/debug-kernel.sh $(CACHE) > /dev/null
ifeq ($(KVER),debug)
$(KMOD_DIR)/xt_layer7.ko: debug-kernel
else
debug-kernel: $(DEPS_STAMP)
endif
# The test bed's own tests provoke the debug kernel's checkers too.
check-vmbed: debug-kernel

# `make check` runs VMDEBUG_QUICK of them (suite vmdebug-quick): on this
# 2-core TCG host one scenario takes minutes on this kernel (boot, two
# leak scans, the scenarios' own work several times slower), all of them
# an hour and more, and `make check` has 30 minutes.  k-lifecycle loads
# and unloads the module around namespaces with rules, combinations and
# connections: the code where a leak, a use-after-free or a lock-order
# problem would be; k-stress changes rules, sets and namespaces while
# traffic runs on both vCPUs: where a race would be (210 s here).
# `make check-vmdebug` runs them all.
VMDEBUG_QUICK ?= k-lifecycle k-stress
CHECK_SUITES += vmdebug-quick
.PHONY: check-vmdebug-quick
check-vmdebug-quick: debug-kernel vm-helpers
	@mkdir -p $(RESULTS)
	@VM_JOBS=1 VM_TIMEOUT=$${VM_TIMEOUT:-900} VM_SCENARIOS="$(VMDEBUG_QUICK)" \
		$(TOP)/tests/vm/check-vm --kernel debug > $(RESULTS)/vmdebug-quick.log 2>&1; \
		$(call vm_verdicts,$(RESULTS)/vmdebug-quick.log)

# One guest at a time: each has 2 vCPUs, which is all this machine's
# cores, and the checkers make the guest CPU-bound.  Twice the usual time
# limit: the scenarios run several times slower than on Debian's kernel.
check-vmdebug: debug-kernel vm-helpers
	@mkdir -p $(RESULTS)
	@VM_JOBS=1 VM_TIMEOUT=$${VM_TIMEOUT:-600} \
		$(TOP)/tests/vm/check-vm --kernel debug > $(RESULTS)/vmdebug.log 2>&1; \
		$(call vm_verdicts,$(RESULTS)/vmdebug.log)
