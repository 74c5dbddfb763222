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

# Not in CHECK_SUITES yet: on this 2-core TCG host one scenario takes 4 to
# 15 minutes on this kernel (boot, two leak scans, and the scenarios' own
# work several times slower), the set hours, and `make check` has 30
# minutes.  It joins once the scenarios scale their work down on it.

# One guest at a time: each has 2 vCPUs, which is all this machine's
# cores, and the checkers make the guest CPU-bound.  Twice the usual time
# limit: the scenarios run several times slower than on Debian's kernel.
check-vmdebug: debug-kernel vm-helpers
	@mkdir -p $(RESULTS)
	@VM_JOBS=1 VM_TIMEOUT=$${VM_TIMEOUT:-600} \
		$(TOP)/tests/vm/check-vm --kernel debug > $(RESULTS)/vmdebug.log 2>&1; \
		rc=$$?; grep -E '^(PASS|FAIL|SKIP): |^[0-9]+ passed' $(RESULTS)/vmdebug.log; exit $$rc
