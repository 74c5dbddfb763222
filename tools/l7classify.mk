# l7classify: captures classified with the kernel's own core/l7conn.c.
L7CLASSIFY := $(BUILD)/bin/l7classify
ALL_TARGETS += $(L7CLASSIFY)

$(L7CLASSIFY): $(TOP)/tools/l7classify.c $(BUILD)/libl7.a
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -o $@ $< $(BUILD)/libl7.a -lpcap $(LDFLAGS)
