# Manual pages: every page of the tree (a section 1-8 file one directory
# down, such as tools/l7-qos.8) renders without a warning.
# iptables/libxt_layer7.man is no page but a part of iptables-extensions(8).
# The pages the project promises are named too, so that one gone missing
# fails instead of dropping out of the wildcard.
MAN_PAGES = $(sort $(wildcard $(TOP)/*/*.[1-8]) $(addprefix $(TOP)/tools/,\
	xt_layer7.8 l7-protocols.5 l7match.1 l7classify.1 l7-qos.8))
CHECK_SUITES += man

.PHONY: check-man
check-man:
	@mkdir -p $(RESULTS)
	@$(TOP)/tests/man/run.sh $(MAN_PAGES) > $(RESULTS)/man.log 2>&1; \
		rc=$$?; grep -E '^(FAIL|SKIP)' $(RESULTS)/man.log; \
		tail -n1 $(RESULTS)/man.log; [ $$rc -eq 0 ]
