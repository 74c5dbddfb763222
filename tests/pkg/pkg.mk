# Installing: make install/uninstall (staged), DKMS, the Debian packages.
#
#   check-install  make install and uninstall into a scratch DESTDIR: what
#                  goes where, changed definitions kept, uninstall exact
#   check-dkms     make dkms-install for the VM's kernel and 6.12 in
#                  private DKMS trees; a VM boots the module DKMS built
#   check-deb      make deb, lintian, the packages' contents; as root,
#                  dpkg -i on this machine (DKMS builds for every kernel
#                  with headers), conffiles, dpkg --purge, machine restored

CHECK_SUITES += install dkms deb
.PHONY: check-install check-dkms check-deb

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

check-deb: $(DEPS_STAMP)
	@mkdir -p $(RESULTS)
	@$(TOP)/tests/pkg/deb.sh $(TOP) > $(RESULTS)/deb.log 2>&1; \
		rc=$$?; grep -E '^(FAIL|SKIP)' $(RESULTS)/deb.log; \
		tail -n1 $(RESULTS)/deb.log; [ $$rc -eq 0 ]
