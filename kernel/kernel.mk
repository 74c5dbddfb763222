# xt_layer7.ko
#
#   make                      kernel/xt_layer7.ko for KVER, built in place
#   make kmod KVER=X          build/kmod/X/xt_layer7.ko, built in a copy of
#                             the sources under build/kmod/X/src so that
#                             several kernels never share object files
#
# Kbuild (top level) lists the objects; kbuild itself notices when the
# kernel or the flags change, so the module targets always ask it.

ALL_TARGETS += $(TOP)/kernel/xt_layer7.ko

.PHONY: kmod FORCE kernel/xt_layer7.ko
kernel/xt_layer7.ko: $(TOP)/kernel/xt_layer7.ko

$(TOP)/kernel/xt_layer7.ko: FORCE
	@test -d $(KDIR) || { echo "kernel headers missing: $(KDIR) (run make deps)"; exit 1; }
	$(MAKE) -C $(KDIR) M=$(TOP) modules

KMOD_DIR = $(BUILD)/kmod/$(KVER)

kmod: $(KMOD_DIR)/xt_layer7.ko

$(KMOD_DIR)/xt_layer7.ko: FORCE
	@test -d $(KDIR) || { echo "kernel headers missing: $(KDIR) (run make deps)"; exit 1; }
	@$(TOP)/mk/kmod-sources $(TOP) $(KMOD_DIR)/src
	$(MAKE) -C $(KDIR) M=$(KMOD_DIR)/src modules
	cp -p $(KMOD_DIR)/src/kernel/xt_layer7.ko $@

