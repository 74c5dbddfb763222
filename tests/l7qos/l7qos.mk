# l7-qos with stand-ins for iptables, ip6tables, tc and ip
# (tests/l7qos/run.sh): refusals, --dry-run, apply, apply again, clear,
# undoing a failed setup; under dash and under busybox sh, the guest's.
CHECK_SUITES += l7qos

.PHONY: check-l7qos
check-l7qos:
	@mkdir -p $(RESULTS)
	@$(TOP)/tests/l7qos/run.sh $(TOP) $(BUILD)/tests/l7qos dash "busybox sh" \
		> $(RESULTS)/l7qos.log 2>&1; \
		rc=$$?; grep -E '^(FAIL|SKIP)' $(RESULTS)/l7qos.log; \
		tail -n1 $(RESULTS)/l7qos.log; [ $$rc -eq 0 ]
