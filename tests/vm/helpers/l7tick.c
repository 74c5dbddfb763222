// SPDX-License-Identifier: GPL-2.0
/*
 * l7tick: how late a sleeping task wakes up while the CPU it runs on
 * does other work (VM tests: tests/vm/t/k-tenant-stall.sh).
 *
 *   l7tick SECS [INTERVAL_MS]
 *
 * Sleeps INTERVAL_MS (default 5) at a time, to absolute deadlines, for
 * SECS seconds, and measures how long after each deadline it ran again.
 * A CPU held in the kernel (softirq, a spinlock) delays it by as long as
 * it is held.  Prints one line:
 *
 *   ticks N max_ms M p99_ms P over50 K
 *
 * (K: wakeups more than 50 ms late).  Pin it with taskset to the CPU
 * under test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long long ns_of(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 0;
	long long step = (argc > 2 ? atoll(argv[2]) : 5) * 1000000LL;
	long long next, end, late, max = 0, *lat;
	long n = 0, cap, over = 0;
	struct timespec t;

	if (secs <= 0 || step <= 0) {
		fprintf(stderr, "usage: l7tick SECS [INTERVAL_MS]\n");
		return 2;
	}
	cap = (long)(secs * 1e9 / step) + 2;
	lat = calloc((size_t)cap, sizeof(*lat));
	if (!lat)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t);
	next = ns_of(&t);
	end = next + (long long)(secs * 1e9);
	while (next < end && n < cap) {
		next += step;
		t.tv_sec = next / 1000000000LL;
		t.tv_nsec = next % 1000000000LL;
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL);
		clock_gettime(CLOCK_MONOTONIC, &t);
		late = ns_of(&t) - next;
		lat[n++] = late;
		if (late > max)
			max = late;
		if (late > 50000000LL)
			over++;
		/* after a long delay, tick from now: count one delay once */
		if (late > step)
			next = ns_of(&t);
	}
	qsort(lat, (size_t)n, sizeof(*lat), cmp);
	printf("ticks %ld max_ms %.1f p99_ms %.1f over50 %ld\n", n, max / 1e6,
	       n ? lat[n * 99 / 100] / 1e6 : 0.0, over);
	return 0;
}
