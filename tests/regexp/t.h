/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal test harness: one line per failure, then "N passed, M failed"
 * (and ", K skipped" when something was skipped); exit 1 on failure.
 */
#ifndef T_H
#define T_H

#include <stdio.h>
#include <stdarg.h>

static unsigned long t_pass, t_fail, t_skip;

static inline void t_ok(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline void t_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	if (cond) {
		t_pass++;
		return;
	}
	t_fail++;
	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static inline int t_done(void)
{
	if (t_skip)
		printf("%lu passed, %lu failed, %lu skipped\n", t_pass, t_fail,
		       t_skip);
	else
		printf("%lu passed, %lu failed\n", t_pass, t_fail);
	return t_fail ? 1 : 0;
}

/* Fixed-seed xorshift: tests set t_rng, then draw from [0, n). */
static unsigned long long t_rng = 88172645463325252ULL;

static inline unsigned int t_rnd(unsigned int n)
{
	t_rng ^= t_rng << 13;
	t_rng ^= t_rng >> 7;
	t_rng ^= t_rng << 17;
	return (unsigned int)(t_rng % n);
}

/* Printable form of a byte string for failure lines (static buffer). */
static inline const char *t_show(const void *p, size_t len)
{
	static char buf[4][1024];
	static int which;
	const unsigned char *s = p;
	char *b = buf[which++ & 3];
	size_t o = 0, i;

	for (i = 0; i < len && o < sizeof(buf[0]) - 8; i++) {
		if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '\\')
			b[o++] = s[i];
		else
			o += sprintf(b + o, "\\x%02x", s[i]);
	}
	b[o] = 0;
	return b;
}

#endif /* T_H */
