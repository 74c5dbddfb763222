# Installing: make install and uninstall.
#
#   check-install  make install and uninstall into a scratch DESTDIR: what
#                  goes where, changed definitions kept, uninstall exact

CHECK_SUITES += install
.PHONY: check-install

check-install: build-all
	@mkdir -p $(RESULTS)
	@$(TOP)/tests/pkg/install.sh $(TOP) $(KVER) > $(RESULTS)/install.log 2>&1; \
		rc=$$?; grep -E '^(FAIL|SKIP)' $(RESULTS)/install.log; \
		tail -n1 $(RESULTS)/install.log; [ $$rc -eq 0 ]
