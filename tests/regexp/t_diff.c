// SPDX-License-Identifier: GPL-2.0
/*
 * Randomized differential tests against the oracle, with fixed seeds
 * (printed on failure): random regexes over an alphabet rich in
 * metacharacters and random subjects over the bytes those regexes
 * mention.  Checked: the same accept/reject decision and error, the
 * same answer one shot (DFA and NFA), and, fed in random pieces, the
 * oracle's answer for every prefix; DEAD is never followed by a match.
 */
#include <stdlib.h>
#include <string.h>

#include "regexp/l7re.h"
#include "ref.h"
#include "t.h"

static const char re_alpha[] = "aaabbbcc..^$||(())**++??[[]]--\\{\xe9";
static const unsigned char subj_alpha[] = "aaaabbbbcc-]\\{\n\xe9";

static size_t gen_re(char *re, size_t max)
{
	size_t len = t_rnd(max + 1), i;

	for (i = 0; i < len; i++)
		re[i] = re_alpha[t_rnd(sizeof(re_alpha) - 1)];
	return len;
}

static size_t gen_subject(unsigned char *s, size_t max)
{
	size_t len = t_rnd(max + 1), i;

	for (i = 0; i < len; i++)
		s[i] = t_rnd(50) ?
		       subj_alpha[t_rnd(sizeof(subj_alpha) - 1)] : 0;
	return len;
}

struct stats {
	unsigned long compiled, matched, cases, gaveup;
};

static void one_subject(unsigned long seed, const char *re, size_t relen,
			struct l7re_prog *dfa, struct l7re_prog *nfa,
			const struct ref_re *ref, const unsigned char *s,
			size_t len, void *st, struct stats *stats)
{
	int want = ref_match(ref, s, len);
	struct l7re_prog *progs[2] = { dfa, nfa };
	size_t off, cut;
	int p, r = L7RE_PENDING, w;

	if (want == REF_GAVEUP) {
		stats->gaveup++;
		return;
	}
	stats->cases++;
	stats->matched += want == REF_MATCH;
	for (p = 0; p < 2; p++) {
		bool hit = l7re_match(progs[p], st, s, len);

		t_ok(hit == (want == REF_MATCH),
		     "seed %lu %s /%s/ on \"%s\": engine %d, oracle %d", seed,
		     p ? "nfa" : "dfa", t_show(re, relen), t_show(s, len),
		     hit, want);
		/* Streaming in random pieces: the answer at every cut. */
		l7re_stream_init(progs[p], st);
		for (off = 0; off <= len; off = cut) {
			cut = off + t_rnd(4);
			if (cut > len)
				cut = len;
			w = ref_match(ref, s, cut);
			if (r == L7RE_DEAD) {
				t_ok(w == REF_NOMATCH,
				     "seed %lu %s /%s/: DEAD before \"%s\" matched",
				     seed, p ? "nfa" : "dfa",
				     t_show(re, relen), t_show(s, cut));
			}
			r = l7re_stream_feed(progs[p], st, s + off, cut - off);
			if (w != REF_GAVEUP)
				t_ok((r == L7RE_MATCH) == (w == REF_MATCH),
				     "seed %lu %s stream /%s/ on \"%s\": %d, oracle %d",
				     seed, p ? "nfa" : "dfa", t_show(re, relen),
				     t_show(s, cut), r, w);
			if (cut == len)
				break;
		}
		r = L7RE_PENDING;
	}
}

int main(int argc, char **argv)
{
	unsigned long seeds = argc > 1 ? strtoul(argv[1], NULL, 0) : 100000;
	struct stats stats = { 0 };
	unsigned long seed;

	for (seed = 1; seed <= seeds; seed++) {
		struct l7re_prog *dfa, *nfa;
		struct ref_re *ref;
		unsigned char s[32];
		char re[32];
		struct l7re_diag d2, d3;
		size_t relen, len, sz;
		int e1, e2, e3, k;
		void *st;

		t_rng = seed * 0x9e3779b97f4a7c15ULL;
		relen = gen_re(re, 14);
		e1 = ref_compile(&ref, re, relen);
		e2 = l7re_compile_flags(&dfa, re, relen, &d2, 0) ? d2.reason : 0;
		e3 = l7re_compile_flags(&nfa, re, relen, &d3, L7RE_F_NODFA) ?
		     d3.reason : 0;
		t_ok(e1 == e2 && e2 == e3,
		     "seed %lu /%s/: oracle %d, dfa %d, nfa %d", seed,
		     t_show(re, relen), e1, e2, e3);
		if (e1 || e2 || e3)
			goto next;
		stats.compiled++;
		sz = l7re_stream_size(dfa);
		if (l7re_stream_size(nfa) > sz)
			sz = l7re_stream_size(nfa);
		st = malloc(sz);
		for (k = 0; k < 12; k++) {
			len = gen_subject(s, sizeof(s) - 1);
			one_subject(seed, re, relen, dfa, nfa, ref, s, len, st,
				    &stats);
		}
		free(st);
next:
		ref_free(ref);
		l7re_free(dfa);
		l7re_free(nfa);
	}
	/* A generator that never compiles or never matches proves nothing. */
	t_ok(stats.compiled > seeds / 10, "only %lu of %lu regexes compiled",
	     stats.compiled, seeds);
	t_ok(stats.matched > stats.cases / 10 &&
	     stats.matched < stats.cases * 9 / 10,
	     "unbalanced: %lu of %lu cases match", stats.matched, stats.cases);
	printf("# %lu regexes compiled, %lu cases, %lu matching, %lu oracle give-ups\n",
	       stats.compiled, stats.cases, stats.matched, stats.gaveup);
	return t_done();
}
