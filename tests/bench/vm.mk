# Kernel benchmarks in the VM (issue 4, "Performance"): bulk throughput,
# short connections per second and memory per connection, with and
# without 20 layer7 rules.  Part of `make bench`, not of `make check`:
# about three minutes (qemu icount, see vm-run.sh).  Table:
# build/bench/vm.txt.  tests/bench/vm-profile.sh profiles the same
# traffic with perf inside the VM.
BENCH_TARGETS += bench-vm

.PHONY: bench-vm
bench-vm: $(DEPS_STAMP) vm-helpers
	@$(TOP)/tests/bench/vm-run.sh --kernel $(VM_KVER)
