// SPDX-License-Identifier: GPL-2.0
/*
 * Size limits: the longest regex (8191 bytes) compiles whatever its
 * shape, one more byte is refused; what V8 refused for size only is
 * accepted; DFA blow-ups fall back to the NFA within the work bound.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "regexp/l7re_int.h"
#include "t.h"

static char re[L7RE_MAX_REGEX_LEN + 2];

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* Repeats @unit into re up to @len bytes (then @tail). */
static size_t build(const char *head, const char *unit, const char *tail,
		    size_t len)
{
	size_t o = strlen(head), ul = strlen(unit), tl = strlen(tail);

	memcpy(re, head, o);
	while (o + ul + tl <= len) {
		memcpy(re + o, unit, ul);
		o += ul;
	}
	memcpy(re + o, tail, tl);
	return o + tl;
}

static void check(const char *what, size_t len, int want_err,
		  const char *subject, int want_match, int want_dfa)
{
	struct l7re_diag diag;
	struct l7re_prog *prog;
	double t0 = now();
	void *st;
	int e;

	l7re_steps = 0;
	e = l7re_compile(&prog, re, len, &diag);
	t_ok(e == want_err, "%s (%zu bytes): %d (%s), want %d", what, len,
	     e, l7re_strerror(diag.reason), want_err);
	/* Compile work is bounded: the last closure may overshoot. */
	t_ok(l7re_steps <= L7RE_DFA_MAX_WORK + L7RE_FIRST_WORK +
			   3 * L7RE_MAX_NODES,
	     "%s: %lu closure steps to compile", what, l7re_steps);
	if (e)
		return;
	printf("# %s: %zu bytes, %u nodes, %s, %.1f ms, program %zu bytes\n",
	       what, len, prog->nnodes, prog->ndfa ? "DFA" : "NFA",
	       (now() - t0) * 1e3, l7re_prog_size(prog));
	if (want_dfa >= 0)
		t_ok(!!prog->ndfa == want_dfa, "%s: DFA %u states, want %s",
		     what, prog->ndfa, want_dfa ? "a DFA" : "none");
	st = malloc(l7re_stream_size(prog));
	t_ok(l7re_match(prog, st, (const u8 *)subject, strlen(subject)) ==
	     want_match, "%s: wrong answer on \"%s\"", what, subject);
	free(st);
	l7re_free(prog);
}

int main(void)
{
	const size_t max = L7RE_MAX_REGEX_LEN;
	size_t len;

	len = build("", "a", "", max);
	check("8191 x a", len, 0, "a", 0, -1);
	len = build("", "a", "", max + 1);
	check("8192 x a", len, -E2BIG, "", 0, -1);
	len = build("", "|", "", max);
	check("8191 x |", len, 0, "x", 1, -1);
	len = build("", "a?", "", max);
	check("4095 x a?", len, 0, "b", 1, -1);
	len = build("^", "[ -~]", "$", 340 * 5 + 2);
	/* V8 refused this (program over 32767 bytes); harmless to accept. */
	check("^, 340 x [ -~], $", len, 0, "", 0, 1);
	len = build("(((((((((", "ab|", "c)))))))))", max);
	check("9 groups, 2726 branches", len, 0, "zzc", 1, -1);
	/* The n-th byte from the end: 2^n DFA states, refused politely. */
	len = build("[ab]*a", "[ab]", "", 6 + 4 * 14);
	check("[ab]*a[ab]{14}", len, 0, "babaaaaaaaaaaaaaaa", 1, 1);
	len = build("[ab]*a", "[ab]", "", 6 + 4 * 17);
	check("[ab]*a[ab]{17}", len, 0, "babaaaaaaaaaaaaaaaaaaa", 1, 0);
	len = build("[ab]*a", "[ab]", "", max);
	check("[ab]*a[ab]{2046}", len, 0, "ab", 0, 0);
	len = build("", "[ab]*a.?.?.?.?", "", max);
	check("585 x [ab]*a.?.?.?.?", len, 0, "ab", 0, -1);
	/* Long epsilon chains in every closure count as work too. */
	len = build("(", "|", ")[ab]*a[ab][ab][ab][ab][ab][ab][ab][ab][ab][ab]"
		    "[ab][ab][ab][ab]", max);
	check("(8000 x |)[ab]*a[ab]{14}", len, 0, "abbbbbbbbbbbbbb", 1, 0);
	/* A NUL ends the regex as it ended V8's C string. */
	memcpy(re, "ab\0(", 4);
	check("ab NUL (", 4, 0, "ab", 1, 1);
	return t_done();
}
