# make demo: build everything, boot the VM on VM_KVER, classify, shape and
# count real traffic (tests/vm/demo.sh).
# The kernel's own console lines (boot, reboot) are kept out of the
# demonstration and in build/demo.log; vm-run still reports a kernel
# problem in a line of its own, and fails.
demo: build-all
	@set -o pipefail; $(TOP)/tests/vm/run --kernel $(VM_KVER) --timeout 110 \
		$(TOP)/tests/vm/demo.sh | tee $(BUILD)/demo.log | \
		grep -av '^\[ *[0-9]*\.[0-9]*\] '; rc=$$?; \
	echo "(the whole console, kernel messages included: build/demo.log)"; exit $$rc
