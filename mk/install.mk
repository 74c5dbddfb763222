# make install: the module for KVER, the extension, the definitions, the
# tools and their man pages.  DESTDIR= stages an install (packaging).

PREFIX ?= /usr/local
L7_PROTO_DIR ?= /etc/l7-protocols
MODDIR = /lib/modules/$(KVER)/extra

.PHONY: install
install: build-all
	install -D -m 644 $(TOP)/kernel/xt_layer7.ko $(DESTDIR)$(MODDIR)/xt_layer7.ko
	@[ -n "$(XTABLES_LIBDIR)" ] || { echo "pkg-config xtables: no xtlibdir (run make deps)"; exit 1; }
	install -D -m 644 $(TOP)/iptables/libxt_layer7.so $(DESTDIR)$(XTABLES_LIBDIR)/libxt_layer7.so
	install -d $(DESTDIR)$(L7_PROTO_DIR)
	install -m 644 $(TOP)/protocols/*.pat $(TOP)/protocols/ORDER $(TOP)/protocols/README $(DESTDIR)$(L7_PROTO_DIR)/
	install -D -m 755 $(BUILD)/bin/l7match $(DESTDIR)$(PREFIX)/bin/l7match
	install -D -m 755 $(BUILD)/bin/l7classify $(DESTDIR)$(PREFIX)/bin/l7classify
	install -D -m 644 $(TOP)/tools/l7match.1 $(DESTDIR)$(PREFIX)/share/man/man1/l7match.1
	install -D -m 644 $(TOP)/tools/l7classify.1 $(DESTDIR)$(PREFIX)/share/man/man1/l7classify.1
	$(if $(DESTDIR),,depmod -a $(KVER))
