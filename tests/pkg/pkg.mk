# Installing: make install/uninstall (staged), DKMS.
#
#   check-install  make install and uninstall into a scratch DESTDIR: what
#                  goes where, changed definitions kept, uninstall exact
#   check-dkms     make dkms-install for the VM's kernel and 6.12 in
#                  private DKMS trees; a VM boots the module DKMS built

CHECK_SUITES += install dkms
.PHONY: check-install check-dkms

check-install: build-all
	@mkdir -p $(RESULTS)
	@$(TOP)/tests/pkg/install.sh $(TOP) $(KVER) > $(RESULTS)/install.log 2>&1; \
		rc=$$?; grep -E '^(FAIL|SKIP)' $(RESULTS)/install.log; \
		tail -n1 $(RESULTS)/install.log; [ $$rc -eq 0 ]

check-dkms: $(DEPS_STAMP) vm-helpers
	@mkdir -p $(RESULTS)
	@$(TOP)/tests/pkg/dkms.sh $(TOP) $(VM_KVER) $(KVER_vm612) > $(RESULTS)/dkms.log 2>&1; \
		rc=$$?; grep -E '^(FAIL|SKIP)' $(RESULTS)/dkms.log; \
		tail -n1 $(RESULTS)/dkms.log; [ $$rc -eq 0 ]
