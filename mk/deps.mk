# Build and test dependencies (mk/deps.sh does the work).
#
# `make deps` installs mk/deps.list and, for every kernel a suite boots
# or builds for (the VM's default, Debian 12's 6.12 and its PREEMPT_RT
# flavour), its headers and its image in the cache: all up front, so
# that the first `make check` skips nothing.  KVER's own headers are
# there already unless KVER was given, and then it is the VM's kernel.
# DEPS_STAMP is touched once all of it is present and rebuilt when
# mk/deps.list (or the script) is newer, so `make check` and `make demo`
# install what a fresh machine lacks and are quiet afterwards; the
# per-kernel stamps tell tests/vm/run which kernels are ready.  `make`
# itself never installs (mk/builddeps.sh).  The debug kernel is built,
# not installed: tests/vm/vmdebug.mk adds it to `make deps`.

DEPS_KVERS = $(sort $(filter-out debug,$(VM_KVER)) $(shell $(TOP)/mk/kver-612 amd64) $(shell $(TOP)/mk/kver-612 rt-amd64))
DEPS_STAMP = $(CACHE)/stamps/deps

define deps_install
	@mkdir -p $(CACHE)/stamps
	@for k in $(DEPS_KVERS); do \
		$(TOP)/mk/deps.sh $$k $(CACHE) || exit 1; \
		touch $(CACHE)/stamps/deps-$$k; \
	done
	@touch $(DEPS_STAMP)
endef

deps:
	$(deps_install)

$(DEPS_STAMP): $(TOP)/mk/deps.list $(TOP)/mk/deps.sh
	$(deps_install)
