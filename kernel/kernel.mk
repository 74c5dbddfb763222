# xt_layer7.ko
#
#   make                      kernel/xt_layer7.ko for KVER, built in place
#   make kmod KVER=X          build/kmod/X/xt_layer7.ko, built in a copy of
#                             the sources under build/kmod/X/src so that
#                             several kernels never share object files
#
# Kbuild (top level) lists the objects; kbuild itself notices when the
# kernel or the flags change, so the module targets always ask it.

KMOD_SRC_DIRS := kernel regexp core
# Kbuild includes the engine's source list
KMOD_BUILD_FILES := Kbuild regexp/engine.mk
KMOD_SRCS = $(wildcard $(addprefix $(TOP)/,$(addsuffix /*.[ch],$(KMOD_SRC_DIRS)))) \
	$(addprefix $(TOP)/,$(KMOD_BUILD_FILES))

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
	@mkdir -p $(KMOD_DIR)/src
	@# *.mod.c is kbuild's output for one kernel: never a source to copy
	@cd $(TOP) && for f in $(KMOD_BUILD_FILES) $(KMOD_SRC_DIRS:%=%/*.[ch]); do \
		[ -f "$$f" ] || continue; \
		case $$f in *.mod.c) continue;; esac; \
		mkdir -p $(KMOD_DIR)/src/$$(dirname $$f); \
		cmp -s $$f $(KMOD_DIR)/src/$$f || cp -p $$f $(KMOD_DIR)/src/$$f; \
	done
	@# sources deleted upstream must not linger in the copy
	@cd $(KMOD_DIR)/src && for f in $(KMOD_SRC_DIRS:%=%/*.[ch]); do \
		case $$f in *.mod.c) continue;; esac; \
		[ -f "$$f" ] && [ ! -f $(TOP)/$$f ] && rm -f $$f; true; \
	done
	$(MAKE) -C $(KDIR) M=$(KMOD_DIR)/src modules
	cp -p $(KMOD_DIR)/src/kernel/xt_layer7.ko $@

