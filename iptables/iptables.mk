# libxt_layer7.so: the iptables/ip6tables extension (legacy and nft).
# The engine, the preparation and the pattern-file reader come from
# libl7_pic.a; --exclude-libs keeps their symbols private to the .so.
# xtables callbacks have fixed signatures: unused parameters are normal.

ALL_TARGETS += $(TOP)/iptables/libxt_layer7.so

LIBXT_LAYER7_OBJ := $(BUILD)/pic/iptables/libxt_layer7.o

$(LIBXT_LAYER7_OBJ): $(TOP)/iptables/libxt_layer7.c $(TOP)/kernel/xt_layer7.h
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -Wno-unused-parameter $(XTABLES_CFLAGS) -fPIC -MMD -MP -c -o $@ $<

$(TOP)/iptables/libxt_layer7.so: $(LIBXT_LAYER7_OBJ) $(BUILD)/libl7_pic.a
	$(CC) -shared -o $@ $(LIBXT_LAYER7_OBJ) $(BUILD)/libl7_pic.a \
		-Wl,--exclude-libs,ALL -Wl,-z,defs -lxtables -lc $(LDFLAGS)

# tests/vm/run asks for it by its relative name
.PHONY: iptables/libxt_layer7.so
iptables/libxt_layer7.so: $(TOP)/iptables/libxt_layer7.so

-include $(LIBXT_LAYER7_OBJ:.o=.d)

# Parse/check path of the extension on the host (no kernel needed).
CHECK_SUITES += libxt
.PHONY: check-libxt
check-libxt: $(TOP)/iptables/libxt_layer7.so
	@mkdir -p $(RESULTS)
	@$(TOP)/iptables/test-libxt.sh $(TOP) > $(RESULTS)/libxt.log 2>&1; \
		rc=$$?; grep -E '^(FAIL|SKIP): |^[0-9]+ passed' $(RESULTS)/libxt.log; exit $$rc
