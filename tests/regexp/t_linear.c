// SPDX-License-Identifier: GPL-2.0
/*
 * Linear time, counted in steps, not timed: patterns that make
 * backtrackers exponential cost the NFA at most 2 x nodes closure steps
 * per byte, and doubling the subject at most doubles the steps.  With
 * a DFA, feeding does no closure work at all.
 */
#include <stdlib.h>
#include <string.h>

#include "regexp/l7re_int.h"
#include "t.h"

struct lcase {
	const char *re;
	const char *unit;	/* the subject repeats this */
};

static const struct lcase cases[] = {
	{ "(a|aa)*b", "a" },
	{ "(a+)+b", "a" },
	{ "(x+x+)+y", "x" },
	{ ".?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?x", "a" },
	{ "(.*a)(.*a)(.*a)(.*a)(.*a)(.*a)(.*a)(.*a)(.*a)b", "a" },
	{ "^(a|b|ab|ba)*c$", "ab" },
	{ "(a|a|a|a|a|a|a|a)*(b|$)x", "a" },
	{ "oggs.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?.?\x01vorbis", "oggs" },
};

static unsigned long steps_for(struct l7re_prog *prog, void *st,
			       const char *unit, size_t len)
{
	u8 *s = malloc(len);
	size_t i, ul = strlen(unit);

	for (i = 0; i < len; i++)
		s[i] = unit[i % ul];
	l7re_stream_init(prog, st);
	l7re_steps = 0;
	l7re_stream_feed(prog, st, s, len);
	free(s);
	return l7re_steps;
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct lcase *c = &cases[i];
		struct l7re_prog *nfa, *dfa;
		unsigned long s1, s2, d;
		struct l7re_diag diag;
		void *st;
		int e;

		e = l7re_compile_flags(&nfa, c->re, strlen(c->re), &diag,
				       L7RE_F_NODFA);
		t_ok(!e, "/%s/: %s", c->re, l7re_strerror(diag.reason));
		if (e)
			continue;
		st = malloc(l7re_stream_size(nfa));
		s1 = steps_for(nfa, st, c->unit, 4000);
		s2 = steps_for(nfa, st, c->unit, 8000);
		/* The first bytes may start fewer threads: allow 5%. */
		t_ok(s2 <= 2 * s1 + s1 / 10,
		     "/%s/: %lu steps for 4000 bytes, %lu for 8000", c->re,
		     s1, s2);
		t_ok(s2 <= 8001UL * 2 * nfa->nnodes,
		     "/%s/: %lu steps for 8000 bytes, over 2 x bytes x %u nodes",
		     c->re, s2, nfa->nnodes);
		t_ok(s1 >= 4000, "/%s/: %lu steps for 4000 bytes: not counting",
		     c->re, s1);
		printf("# /%s/: %u nodes, %lu steps per 1000 bytes\n", c->re,
		       nfa->nnodes, s2 / 8);
		free(st);
		l7re_free(nfa);

		e = l7re_compile(&dfa, c->re, strlen(c->re), NULL);
		t_ok(!e && dfa->ndfa, "/%s/: no DFA", c->re);
		if (e)
			continue;
		st = malloc(l7re_stream_size(dfa));
		d = steps_for(dfa, st, c->unit, 8000);
		t_ok(!d, "/%s/: DFA feed did %lu closure steps", c->re, d);
		t_ok(l7re_stream_size(dfa) == 8, "/%s/: DFA stream of %zu bytes",
		     c->re, l7re_stream_size(dfa));
		free(st);
		l7re_free(dfa);
	}
	return t_done();
}
