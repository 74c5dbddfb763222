/*
 * The host's TSC rate in kHz, for tests/vm/run: under TCG qemu gives the
 * guest the host's TSC, and a guest that calibrates it against its
 * emulated PIT on a loaded host can be off by a factor of 20 (the kernel
 * then prefers the PIT over the HPET: "PIT calibration deviates from
 * HPET").  Its clock runs that much too fast, sleeps end early and the
 * lockup watchdogs fire after a second.  The guest gets this figure as
 * tsc_early_khz= instead; its own later refinement against the HPET
 * makes it exact.
 *
 * Each end of the interval is a TSC read on both sides of the clock read;
 * a pair the scheduler split (too far apart) is read again.
 */
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <x86intrin.h>

struct stamp {
	uint64_t tsc;
	uint64_t ns;
};

static uint64_t mono_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC_RAW, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int stamp(struct stamp *s)
{
	uint64_t best = UINT64_MAX;
	int i;

	for (i = 0; i < 1000; i++) {
		uint64_t a = __rdtsc();
		uint64_t ns = mono_ns();
		uint64_t b = __rdtsc();

		if (b - a < best) {
			best = b - a;
			s->tsc = a + (b - a) / 2;
			s->ns = ns;
		}
		/* A few microseconds at any TSC rate of today's CPUs. */
		if (best < 20000 && i >= 10)
			return 0;
	}
	return best < 200000 ? 0 : -1;
}

int main(void)
{
	struct timespec pause = { 0, 100 * 1000 * 1000 };
	struct stamp a, b;

	if (stamp(&a) != 0)
		return 1;
	nanosleep(&pause, NULL);
	if (stamp(&b) != 0 || b.ns <= a.ns)
		return 1;
	printf("%llu\n", (unsigned long long)((b.tsc - a.tsc) * 1000000u / (b.ns - a.ns)));
	return 0;
}
