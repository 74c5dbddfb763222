# make deb: build/deb/*.deb (mk/deb.sh; needs debhelper and dh-dkms).
.PHONY: deb
deb:
	@$(TOP)/mk/deb.sh $(TOP) $(BUILD)/deb
