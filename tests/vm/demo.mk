# make demo: build everything, boot the VM on VM_KVER, classify, shape and
# count real traffic (tests/vm/demo.sh).
demo: build-all
	@$(TOP)/tests/vm/run --kernel $(VM_KVER) --timeout 110 $(TOP)/tests/vm/demo.sh
