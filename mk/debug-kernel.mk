# KVER=debug: the module against the debug kernel of the VM test bed
# (mk/debug-kernel.sh builds it; tests/vm/vmdebug.mk has its targets).
#
#   make kmod KVER=debug [W=1]   build/kmod/RELEASE/xt_layer7.ko, RELEASE
#                                being the debug kernel's uname -r, where
#                                tests/vm/run --kernel debug looks for it
#
# Set here, before kernel/kernel.mk names its targets after KMOD_DIR.
ifeq ($(KVER),debug)
DEBUG_KTREE := $(shell $(TOP)/mk/debug-kernel.sh --dir $(CACHE))
KDIR := $(DEBUG_KTREE)/src
override KMOD_DIR = $(BUILD)/kmod/$(shell $(TOP)/mk/debug-kernel.sh --release $(CACHE))
# The kernel has no debug info (a much shorter build); the module has, so
# that scripts/faddr2line turns a report's xt_layer7 frames into lines.
export KCFLAGS += -g
endif
