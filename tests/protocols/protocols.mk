# protocols/: every definition compiles, matches its samples and no
# other protocol's, has a coverage table in protocols/README citing its
# samples, never matches random streams, and the recommended order
# classifies the manifest's capture flows as nDPI does.
TPROTO := $(BUILD)/tests/protocols/t_protocols
TPROTO_SAMPLES = $(sort $(wildcard $(TOP)/tests/protocols/samples/*.sample))

$(TPROTO): $(TOP)/tests/protocols/t_protocols.c $(BUILD)/libl7.a
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -o $@ $< $(BUILD)/libl7.a

CHECK_SUITES += protocols
.PHONY: check-protocols bench-protocols
check-protocols: $(TPROTO) $(L7CLASSIFY)
	@mkdir -p $(RESULTS)
	@$(TOP)/tests/protocols/run.sh $(TPROTO) $(L7CLASSIFY) $(TOP)/protocols \
		$(TOP)/../shared $(TPROTO_SAMPLES) > $(RESULTS)/protocols.log 2>&1; \
		rc=$$?; grep -E '^FAIL' $(RESULTS)/protocols.log; \
		tail -n1 $(RESULTS)/protocols.log; [ $$rc -eq 0 ]

# Each definition's MB/s on random streams (the speed attribute's source).
BENCH_TARGETS += bench-protocols
bench-protocols: $(TPROTO)
	@$(TPROTO) --bench $(TOP)/protocols
