# Build and test dependencies (mk/deps.sh does the work).
#
# DEPS_STAMP is touched once everything for KVER is present; it is rebuilt
# when mk/deps.list (or the script) is newer, so `make`, `make check` and
# `make demo` install what a fresh machine lacks and are quiet afterwards.
# `make deps` always checks.

KCACHE = $(CACHE)/kernel/$(KVER)
DEPS_STAMP = $(CACHE)/stamps/deps-$(KVER)

deps:
	@$(TOP)/mk/deps.sh $(KVER) $(CACHE)
	@mkdir -p $(dir $(DEPS_STAMP)) && touch $(DEPS_STAMP)

$(DEPS_STAMP): $(TOP)/mk/deps.list $(TOP)/mk/deps.sh
	@$(TOP)/mk/deps.sh $(KVER) $(CACHE)
	@mkdir -p $(dir $@) && touch $@
