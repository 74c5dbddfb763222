# l7match: the engine on a file, as the kernel would run it.
L7MATCH := $(BUILD)/bin/l7match
ALL_TARGETS += $(L7MATCH)

$(L7MATCH): $(TOP)/tools/l7match.c $(BUILD)/libl7.a
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -o $@ $< $(BUILD)/libl7.a $(LDFLAGS)
