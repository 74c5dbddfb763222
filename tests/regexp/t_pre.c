// SPDX-License-Identifier: GPL-2.0
/*
 * The DFA's skipping (regexp/l7re_pre.c's prefilter, accelerated
 * states) against the oracle and the NFA, with fixed seeds: random
 * regexes rich in literals, every other one built from tokens with
 * printable-text loops ([\t-\r -~]*), and random long subjects (mostly
 * filler that is skipped; NULs and bytes outside 0x20-0x7e sometimes),
 * fed in random pieces of 0 to 40 bytes so that candidates and NULs
 * straddle feeds.  Every answer of the DFA must equal the oracle's (the
 * NFA's where the oracle gives up) at every cut, and a large share of
 * the regexes must actually get a prefilter or such loops.
 */
#include <stdlib.h>
#include <string.h>

#include "regexp/l7re_int.h"
#include "ref.h"
#include "t.h"

static const char re_alpha[] = "aaabbbcccdxyz..||()*+?[]^$-";
static const char *const re_tokens[] = {
	"a", "b", "c", "xy", "a*", "b+", "c?", ".", "|", "(", ")", "^", "$",
	"[\t-\r -~]*", "[ -~]*", "[ -~]+", "[\x01-\x7f]*", "[^a]*",
};
static const unsigned char subj_alpha[] = "abcdxyz-\n\t\r\x7f\x80\xff\x01";

static size_t gen_re(char *re, size_t max, bool tokens)
{
	size_t len = 1 + t_rnd(max), i, o = 0, n;

	for (i = 0; i < len && !tokens; i++)
		re[o++] = re_alpha[t_rnd(sizeof(re_alpha) - 1)];
	for (i = 0; i < len / 2 && tokens; i++) {
		const char *t = re_tokens[t_rnd(sizeof(re_tokens) /
						sizeof(re_tokens[0]))];

		n = strlen(t);
		if (o + n > max)
			break;
		memcpy(re + o, t, n);
		o += n;
	}
	return o;
}

static size_t gen_subject(unsigned char *s, size_t max)
{
	size_t len = t_rnd(max + 1), i;

	for (i = 0; i < len; i++) {
		unsigned int r = t_rnd(300);

		s[i] = r < 2 ? 0 : r < 180 ? 'q' :
		       subj_alpha[t_rnd(sizeof(subj_alpha) - 1)];
	}
	return len;
}

/* Whether some DFA state of @prog runs the non-printable stop. */
static bool has_nonprint(const struct l7re_prog *prog)
{
	u32 s;

	if (!prog->dfa16)
		return false;
	for (s = 0; s < prog->ndfa; s++)
		if (prog->dfa16[s * prog->dfa_width + prog->nclasses + 1] &
		    L7RE_ESC_NONPRINT)
			return true;
	return false;
}

struct stats {
	unsigned long compiled, prefiltered, nonprint, cuts, matched;
};

/* The answer at every cut of one random split, checked against want(). */
static void split_run(unsigned long seed, const char *re, size_t relen,
		      const struct l7re_prog *prog, const struct l7re_prog *nfa,
		      const struct ref_re *ref, const unsigned char *s,
		      size_t len, void *st, void *nst, struct stats *stats)
{
	size_t off, cut;
	int r, w, n;

	l7re_stream_init(prog, st);
	l7re_stream_init(nfa, nst);
	for (off = 0; ; off = cut) {
		cut = off + t_rnd(41);
		if (cut > len)
			cut = len;
		r = l7re_stream_feed(prog, st, s + off, cut - off);
		n = l7re_stream_feed(nfa, nst, s + off, cut - off);
		w = ref ? ref_match(ref, s, cut) : REF_GAVEUP;
		if (w == REF_GAVEUP)
			w = n == L7RE_MATCH;
		stats->cuts++;
		stats->matched += w == REF_MATCH;
		t_ok((r == L7RE_MATCH) == (w == REF_MATCH) &&
		     (n == L7RE_MATCH) == (w == REF_MATCH),
		     "seed %lu /%s/ on \"%s\" (cut %zu): dfa %d, nfa %d, want %d",
		     seed, t_show(re, relen), t_show(s, cut), cut, r, n, w);
		if (r == L7RE_DEAD)
			t_ok(n != L7RE_MATCH,
			     "seed %lu /%s/: DEAD but the NFA matches \"%s\"",
			     seed, t_show(re, relen), t_show(s, cut));
		if (cut == len)
			break;
	}
}

int main(int argc, char **argv)
{
	unsigned long seeds = argc > 1 ? strtoul(argv[1], NULL, 0) : 20000;
	struct stats stats = { 0 };
	unsigned long seed;

	for (seed = 1; seed <= seeds; seed++) {
		struct l7re_prog *prog, *nfa;
		struct ref_re *ref;
		unsigned char s[2048];
		char re[40];
		size_t relen, len;
		void *st, *nst;
		int k;

		t_rng = seed * 0x9e3779b97f4a7c15ULL;
		relen = gen_re(re, 16 + (seed & 1) * 20, seed & 1);
		if (ref_compile(&ref, re, relen))
			continue;
		if (l7re_compile(&prog, re, relen, NULL)) {
			t_ok(0, "seed %lu /%s/: the oracle compiles it", seed,
			     t_show(re, relen));
			ref_free(ref);
			continue;
		}
		if (l7re_compile_flags(&nfa, re, relen, NULL, L7RE_F_NODFA)) {
			t_ok(0, "seed %lu /%s/: NFA-only compile failed", seed,
			     t_show(re, relen));
			l7re_free(prog);
			ref_free(ref);
			continue;
		}
		stats.compiled++;
		stats.prefiltered += prog->dfa_pre != ~0U;
		stats.nonprint += has_nonprint(prog);
		st = malloc(l7re_stream_size(prog));
		nst = malloc(l7re_stream_size(nfa));
		/* Short subjects against the oracle, long ones the NFA. */
		for (k = 0; k < 6; k++) {
			len = gen_subject(s, 160);
			split_run(seed, re, relen, prog, nfa, ref, s, len, st,
				  nst, &stats);
		}
		len = gen_subject(s, sizeof(s));
		split_run(seed, re, relen, prog, nfa, NULL, s, len, st, nst,
			  &stats);
		free(st);
		free(nst);
		l7re_free(prog);
		l7re_free(nfa);
		ref_free(ref);
	}
	/* A generator that never gets a prefilter proves nothing. */
	t_ok(stats.compiled > seeds / 4, "only %lu of %lu regexes compiled",
	     stats.compiled, seeds);
	t_ok(stats.prefiltered > stats.compiled / 4,
	     "only %lu of %lu programs have a prefilter", stats.prefiltered,
	     stats.compiled);
	t_ok(stats.nonprint > stats.compiled / 20,
	     "only %lu of %lu programs stop at non-printable bytes",
	     stats.nonprint, stats.compiled);
	t_ok(stats.matched > stats.cuts / 10 &&
	     stats.matched < stats.cuts * 9 / 10,
	     "unbalanced: %lu of %lu cuts match", stats.matched, stats.cuts);
	printf("# %lu regexes, %lu with a prefilter, %lu with non-printable stops, %lu cuts, %lu matching\n",
	       stats.compiled, stats.prefiltered, stats.nonprint, stats.cuts,
	       stats.matched);
	return t_done();
}
