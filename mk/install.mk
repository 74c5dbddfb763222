# make install / make uninstall, and the userspace half on its own:
#
#   make install        the module for KVER (+ depmod) and everything below
#   make install-user   extension, definitions, tools, man pages (what the
#                       xtables-layer7 package holds)
#   make uninstall      removes exactly what install put there
#
# DESTDIR= stages an install; PREFIX (default /usr/local) places the
# tools and man pages.  The module, the extension and the definitions go
# where the kernel, iptables and the extension look for them: /lib/modules,
# the xtables folder (pkg-config xtables), /etc/l7-protocols.  mk/install.sh
# does the work and keeps INSTALL_MANIFEST, the list uninstall reads; a
# definition the administrator changed is never overwritten.

PREFIX ?= /usr/local
L7_PROTO_DIR ?= /etc/l7-protocols
MODDIR = /lib/modules/$(KVER)/extra
INSTALL_MANIFEST ?= $(PREFIX)/share/xt-layer7/installed-files

# The one list, SOURCE:DEST:MODE[:conf].  Man pages and l7-qos: whichever
# exist (section from the suffix).
L7_MAN_PAGES = $(wildcard $(addprefix $(TOP)/,$(addsuffix /*.[1-8],tools iptables kernel protocols doc)))
INSTALL_USER_LIST = \
	$(TOP)/iptables/libxt_layer7.so:$(XTABLES_LIBDIR)/libxt_layer7.so:644 \
	$(BUILD)/bin/l7match:$(PREFIX)/bin/l7match:755 \
	$(BUILD)/bin/l7classify:$(PREFIX)/bin/l7classify:755 \
	$(foreach f,$(wildcard $(TOP)/tools/l7-qos),$(f):$(PREFIX)/sbin/l7-qos:755) \
	$(foreach f,$(L7_MAN_PAGES),$(f):$(PREFIX)/share/man/man$(subst .,,$(suffix $(f)))/$(notdir $(f)):644) \
	$(foreach f,$(wildcard $(TOP)/protocols/*.pat) $(TOP)/protocols/ORDER $(TOP)/protocols/README,\
		$(f):$(L7_PROTO_DIR)/$(notdir $(f)):644:conf)
INSTALL_KMOD_LIST = $(TOP)/kernel/xt_layer7.ko:$(MODDIR)/xt_layer7.ko:644

# What the xtables-layer7 package builds: no kernel headers needed.
USERSPACE_TARGETS = $(TOP)/iptables/libxt_layer7.so $(BUILD)/bin/l7match $(BUILD)/bin/l7classify

.PHONY: install install-user uninstall userspace
userspace: $(USERSPACE_TARGETS)

install: build-all
	@[ -n "$(XTABLES_LIBDIR)" ] || { echo "pkg-config xtables: no xtlibdir (apt-get install libxtables-dev)"; exit 1; }
	@DESTDIR=$(DESTDIR) $(TOP)/mk/install.sh install "$(INSTALL_MANIFEST)" \
		$(INSTALL_KMOD_LIST) $(INSTALL_USER_LIST)

install-user: $(USERSPACE_TARGETS)
	@[ -n "$(XTABLES_LIBDIR)" ] || { echo "pkg-config xtables: no xtlibdir (apt-get install libxtables-dev)"; exit 1; }
	@DESTDIR=$(DESTDIR) $(TOP)/mk/install.sh install "$(INSTALL_MANIFEST)" $(INSTALL_USER_LIST)

uninstall:
	@DESTDIR=$(DESTDIR) $(TOP)/mk/install.sh uninstall "$(INSTALL_MANIFEST)"
