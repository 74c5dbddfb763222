# Manual pages: every page of the tree (a section 1-8 file one directory
# down, such as tools/l7-qos.8) renders without a warning.
# iptables/libxt_layer7.man is no page but a part of iptables-extensions(8).
MAN_PAGES = $(sort $(wildcard $(TOP)/*/*.[1-8]))
CHECK_SUITES += man

.PHONY: check-man
check-man:
	@mkdir -p $(RESULTS)
	@$(TOP)/tests/man/run.sh $(MAN_PAGES) > $(RESULTS)/man.log 2>&1; \
		rc=$$?; grep -E '^(FAIL|SKIP)' $(RESULTS)/man.log; \
		tail -n1 $(RESULTS)/man.log; [ $$rc -eq 0 ]
