# xt_layer7 top-level build.
#
#   make            module, iptables extension, tools
#   make deps       install what is missing from Debian's packages
#   make check      all tests (unit, compatibility, VM scenarios)
#   make demo       the main job, visibly, in a VM
#   make bench      benchmarks
#
# Each directory adds its own targets in its *.mk fragment; this file only
# holds the shared conventions:
#   ALL_TARGETS     files `make` builds
#   CHECK_SUITES    names of test suites; suite NAME is run by the phony
#                   target check-NAME, which must write its output to
#                   build/results/NAME.log ending in "N passed, M failed"
#   BENCH_TARGETS   phony targets run by `make bench`
#   L7_SRCS         shared C sources (regexp/, core/, lib/) built into
#                   build/libl7.a and, position independent, build/libl7_pic.a

SHELL := /bin/bash
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD := $(TOP)/build
RESULTS := $(BUILD)/results
CACHE := $(TOP)/cache

# Kernel the module is built for: the running one when its headers are
# installed, else Debian's current one (mk/kver-build), unless KVER or
# KDIR say otherwise.  Resolved once per run and handed to sub-makes:
# asking apt takes seconds.
ifeq ($(origin KVER),undefined)
KVER := $(shell $(TOP)/mk/kver-build)
L7_KVER_AUTO := 1
export KVER L7_KVER_AUTO
endif
KDIR ?= $(or $(wildcard /usr/src/linux-headers-$(KVER)),/lib/modules/$(KVER)/build)
# The kernel the VM test bed boots (make check, demo, bench): KVER when
# given, else Debian's current one, resolved at its first use only.
ifneq ($(L7_KVER_AUTO),)
VM_KVER = $(eval VM_KVER := $$(shell $(TOP)/mk/kver-default))$(VM_KVER)
else
VM_KVER ?= $(KVER)
endif

CC ?= gcc
# CPPFLAGS, CFLAGS and LDFLAGS from the environment come last: a package
# build hands in Debian's hardening flags that way (dpkg-buildflags).
USER_CFLAGS := -O2 -g -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE \
	-I$(TOP) -fno-strict-aliasing $(CPPFLAGS) $(CFLAGS)
XTABLES_CFLAGS = $(shell pkg-config --cflags xtables 2>/dev/null)
XTABLES_LIBDIR = $(shell pkg-config --variable=xtlibdir xtables 2>/dev/null)

ALL_TARGETS :=
CHECK_SUITES :=
BENCH_TARGETS :=
L7_SRCS :=

.PHONY: all deps check check-unit check-vm demo bench fuzz accuracy clean install uninstall FORCE
all: build-all

include $(sort $(wildcard $(TOP)/mk/*.mk))
include $(sort $(wildcard $(TOP)/regexp/*.mk $(TOP)/core/*.mk $(TOP)/lib/*.mk))
include $(sort $(wildcard $(TOP)/tools/*.mk $(TOP)/iptables/*.mk $(TOP)/kernel/*.mk))
include $(sort $(wildcard $(TOP)/protocols/*.mk $(TOP)/tests/*.mk $(TOP)/tests/*/*.mk))

L7_OBJS := $(patsubst $(TOP)/%.c,$(BUILD)/obj/%.o,$(abspath $(L7_SRCS)))
L7_PIC_OBJS := $(patsubst $(TOP)/%.c,$(BUILD)/pic/%.o,$(abspath $(L7_SRCS)))

$(BUILD)/obj/%.o: $(TOP)/%.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/pic/%.o: $(TOP)/%.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -fPIC -MMD -MP -c -o $@ $<

$(BUILD)/libl7.a: $(L7_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/libl7_pic.a: $(L7_PIC_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

-include $(L7_OBJS:.o=.d) $(L7_PIC_OBJS:.o=.d)

build-all: $(ALL_TARGETS)

# `make` never installs: a missing compiler, library or kernel header
# stops it with one line naming the packages.  `make check` and `make
# demo` install them first (mk/deps.mk); under make -j nothing compiles
# before that.
# Goals that never build the module need no kernel headers.
NO_KMOD_GOALS := userspace install-user uninstall dkms-src deb clean
.PHONY: build-deps
build-deps: | $(if $(filter check demo,$(MAKECMDGOALS)),$(DEPS_STAMP))
	@$(eval L7_MISSING := $(shell $(TOP)/mk/builddeps.sh $(KVER) \
		$(if $(filter-out $(NO_KMOD_GOALS),$(or $(MAKECMDGOALS),all)),$(KDIR))))$(if \
		$(L7_MISSING),$(error $(L7_MISSING)))
$(ALL_TARGETS) $(L7_OBJS) $(L7_PIC_OBJS): | build-deps

# Every suite runs even when an earlier one failed; the summary decides.
check: $(DEPS_STAMP) build-all
	@rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	@for s in $(CHECK_SUITES); do \
		echo "=== suite $$s"; t=$$(date +%s); \
		$(MAKE) --no-print-directory check-$$s || true; \
		echo "$$s $$(( $$(date +%s) - t )) s" >> $(RESULTS)/times; \
	done
	@echo "seconds per suite: $$(tr '\n' ' ' < $(RESULTS)/times)"
	@$(TOP)/tests/summarize $(RESULTS) $(CHECK_SUITES)

bench: build-all $(BENCH_TARGETS)

clean:
	rm -rf $(BUILD)
	$(if $(wildcard $(KDIR)),$(MAKE) -C $(KDIR) M=$(TOP) clean,)
