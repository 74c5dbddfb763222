# DKMS: dkms.conf (top level) builds xt_layer7.ko from the module's
# sources (mk/kmod-sources) for every installed kernel.
#
#   make dkms-src        build/dkms/xt-layer7-VERSION: what DKMS expects in
#                        /usr/src/xt-layer7-VERSION (the xt-layer7-dkms
#                        package holds the same)
#   make dkms-install    (root) that tree into /usr/src, registered with
#                        DKMS, built and installed for every kernel whose
#                        headers are installed
#   make dkms-uninstall  (root) the module out of DKMS and /usr/src again
#
# DKMS_FLAGS passes options to every dkms call (check-dkms uses a private
# --dkmstree, --sourcetree and --installtree).  VERSION is
# debian/changelog's: one version for the package and DKMS.

L7_VERSION := $(patsubst (%),%,$(word 2,$(file <$(TOP)/debian/changelog)))
DKMS_NAME := xt-layer7
DKMS_SRC ?= $(BUILD)/dkms/$(DKMS_NAME)-$(L7_VERSION)
DKMS_SOURCE_TREE ?= /usr/src
DKMS_FLAGS ?=

.PHONY: dkms-src dkms-install dkms-uninstall
dkms-src:
	@rm -rf $(DKMS_SRC)
	@$(TOP)/mk/kmod-sources $(TOP) $(DKMS_SRC)
	@sed 's/#MODULE_VERSION#/$(L7_VERSION)/' $(TOP)/dkms.conf > $(DKMS_SRC)/dkms.conf
	@echo "dkms-src: $(DKMS_SRC)"

dkms-install: dkms-src
	@$(TOP)/mk/dkms.sh install $(DKMS_NAME) $(L7_VERSION) $(DKMS_SRC) $(DKMS_SOURCE_TREE) $(DKMS_FLAGS)

dkms-uninstall:
	@$(TOP)/mk/dkms.sh uninstall $(DKMS_NAME) $(L7_VERSION) - $(DKMS_SOURCE_TREE) $(DKMS_FLAGS)
