# make demo: build everything, boot the VM on KVER, classify, shape and
# count real traffic (tests/vm/demo.sh).
demo: build-all
	@$(TOP)/tests/vm/run --kernel $(KVER) --timeout 110 $(TOP)/tests/vm/demo.sh
