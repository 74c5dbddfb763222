# `make accuracy`: precision and recall of protocols/ and of the 2009
# set against nDPI's labelled captures in ../shared (a report, not a
# pass/fail suite; skipped with a message when ../shared is absent).
# Its third table splits the captures by a hash of their file name into
# the half protocols/ is tuned on and the half it is not (accuracy.py,
# half_of(); protocols/README, "Two halves of the captures").
ACCURACY_OUT := $(BUILD)/accuracy

accuracy: $(L7CLASSIFY)
	@python3 $(TOP)/tests/accuracy/accuracy.py --tool $(L7CLASSIFY) \
		--shared $(TOP)/../shared --ours $(TOP)/protocols \
		--out $(ACCURACY_OUT) | tee $(ACCURACY_OUT).txt
