// SPDX-License-Identifier: GPL-2.0
/*
 * l7re_multi against its members run one by one: after every feed of
 * random pieces, each member's answer in the multi equals its own
 * stream's, l7re_multi_first() is the lowest matching member, and once
 * the multi says DEAD no answer changes any more.
 *
 * Random sets mix anchored patterns (product groups), unanchored ones
 * (the byte-pair scan, with starts in earlier feeds and NUL bytes) and
 * NFA-only programs (their own streams), with small cell bounds so that
 * groups split.  Then the 145 files of 2009 ($L7_SHARED) as one multi
 * on random printable and binary data, as l7-filter feeds them.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/l7patfile.h"
#include "regexp/l7prep.h"
#include "regexp/l7re_int.h"
#include "regexp/l7re_multi.h"
#include "t.h"

static bool l7re_prog_has_dfa(const struct l7re_prog *p)
{
	return p->ndfa != 0;
}

#define MAX_MEMBERS	40

static const char re_alpha[] = "aaabbbccd..^$||(())**++??[]-";
static const u8 subj_alpha[] = "aaaabbbbccd-";

static size_t gen_re(char *re, size_t max)
{
	size_t len = 1 + t_rnd(max), i = 0;

	/* A third anchored, the rest mostly unanchored literals. */
	if (!t_rnd(3))
		re[i++] = '^';
	for (; i < len; i++)
		re[i] = t_rnd(3) ? "abcd"[t_rnd(4)] :
			re_alpha[t_rnd(sizeof(re_alpha) - 1)];
	return len;
}

struct set {
	const struct l7re_prog *progs[MAX_MEMBERS];
	char res[MAX_MEMBERS][L7_PAT_NAME_MAX + 1];
	unsigned int n;
	void *st[MAX_MEMBERS];
};

/* Feeds @s in random pieces to @m and to each member, comparing. */
static void run_subject(const char *what, struct set *set,
			const struct l7re_multi *m, void *mst,
			const u8 *s, size_t len, unsigned int max_piece)
{
	u8 got[MAX_MEMBERS], want[MAX_MEMBERS], at_dead[MAX_MEMBERS];
	size_t off = 0, n;
	bool dead = false;
	unsigned int k;
	int first, r;

	l7re_multi_stream_init(m, mst);
	for (k = 0; k < set->n; k++) {
		l7re_stream_init(set->progs[k], set->st[k]);
		want[k] = l7re_stream_feed(set->progs[k], set->st[k], s, 0);
	}
	do {
		n = len - off < max_piece ? len - off : 1 + t_rnd(max_piece);
		if (n > len - off)
			n = len - off;
		r = l7re_multi_stream_feed(m, mst, s + off, n);
		for (k = 0; k < set->n; k++)
			want[k] = l7re_stream_feed(set->progs[k], set->st[k],
						   s + off, n);
		off += n;
		l7re_multi_results(m, mst, got);
		first = -1;
		for (k = 0; k < set->n; k++) {
			/* The multi may know an NFA-only member is dead. */
			if (!l7re_prog_has_dfa(set->progs[k]) &&
			    got[k] == L7RE_DEAD && want[k] == L7RE_PENDING)
				want[k] = L7RE_DEAD;
			t_ok(got[k] == want[k],
			     "%s member %u /%s/ at %zu of \"%s\": multi %d, alone %d",
			     what, k, set->res[k], off, t_show(s, len),
			     got[k], want[k]);
			if (first < 0 && want[k] == L7RE_MATCH)
				first = k;
			if (dead)
				t_ok(got[k] == at_dead[k],
				     "%s member %u changed after DEAD", what, k);
		}
		t_ok(l7re_multi_first(m, mst) == first,
		     "%s: first %d, want %d", what, l7re_multi_first(m, mst),
		     first);
		if (r == L7RE_DEAD && !dead) {
			dead = true;
			memcpy(at_dead, got, set->n);
		}
	} while (off < len);
}

static void random_sets(unsigned long seeds)
{
	unsigned long seed, members = 0, groups = 0;
	u8 s[96];

	for (seed = 1; seed <= seeds; seed++) {
		struct set set = { .n = 0 };
		struct l7re_multi *m;
		unsigned int want = 2 + t_rnd(MAX_MEMBERS - 1), k, j;
		size_t cells;
		void *mst;

		t_rng = seed * 0x9e3779b97f4a7c15ULL;
		while (set.n < want) {
			char re[16];
			size_t len = gen_re(re, 10);
			struct l7re_prog *p;

			if (l7re_compile_flags(&p, re, len, NULL,
					       t_rnd(8) ? 0 : L7RE_F_NODFA))
				continue;
			memcpy(set.res[set.n], re, len);
			set.res[set.n][len] = 0;
			set.st[set.n] = malloc(l7re_stream_size(p));
			set.progs[set.n++] = p;
		}
		cells = t_rnd(2) ? 64 << t_rnd(10) : L7RE_MULTI_MAX_CELLS;
		if (l7re_multi_compile_cells(&m, set.progs, set.n, cells)) {
			t_ok(0, "seed %lu: multi compile failed", seed);
			continue;
		}
		members += set.n;
		groups += l7re_multi_groups(m);
		mst = malloc(l7re_multi_stream_size(m));
		for (k = 0; k < 6; k++) {
			size_t len = t_rnd(sizeof(s));

			for (j = 0; j < len; j++)
				s[j] = t_rnd(60) ? subj_alpha[t_rnd(
					sizeof(subj_alpha) - 1)] : 0;
			run_subject("random", &set, m, mst, s, len,
				    1 + t_rnd(k < 3 ? 4 : 40));
		}
		free(mst);
		l7re_multi_free(m);
		for (k = 0; k < set.n; k++) {
			free(set.st[k]);
			l7re_free((struct l7re_prog *)set.progs[k]);
		}
	}
	printf("# %lu random sets, %lu members in %lu groups\n", seeds,
	       members, groups);
}

static void set_2009(const char *shared)
{
	static struct set set;
	struct l7_patdef *defs;
	struct l7re_multi *m;
	char dir[4096], err[L7_PAT_ERR_MAX];
	static char re[L7RE_MAX_REGEX_LEN + 1];
	static u8 s[2047];
	size_t n, i;
	void *mst;
	int k;

	snprintf(dir, sizeof(dir), "%s/l7-protocols-2009-05-28", shared);
	if (l7_patfile_list(dir, &defs, &n, err)) {
		printf("SKIP: the 2009 pattern set is not available (%s)\n",
		       err);
		t_skip++;
		return;
	}
	/* MAX_MEMBERS at a time: the set type is shared with the above. */
	for (i = 0; i < n; ) {
		set.n = 0;
		for (; i < n && set.n < MAX_MEMBERS; i++) {
			long len = l7_prepare_pattern(re, sizeof(re),
						      defs[i].regex,
						      defs[i].regex_len);
			struct l7re_prog *p;

			if (len < 0 || l7re_compile(&p, re, len, NULL))
				continue;
			snprintf(set.res[set.n], sizeof(set.res[0]), "%s",
				 defs[i].name);
			set.st[set.n] = malloc(l7re_stream_size(p));
			set.progs[set.n++] = p;
		}
		if (l7re_multi_compile(&m, set.progs, set.n)) {
			t_ok(0, "2009: multi compile failed");
			break;
		}
		mst = malloc(l7re_multi_stream_size(m));
		for (k = 0; k < 40; k++) {
			size_t len = 1 + t_rnd(sizeof(s)), j;

			for (j = 0; j < len; j++)
				s[j] = k & 1 ? 1 + t_rnd(255) : 32 + t_rnd(95);
			run_subject("2009", &set, m, mst, s, len, 200);
		}
		free(mst);
		l7re_multi_free(m);
		while (set.n--) {
			free(set.st[set.n]);
			l7re_free((struct l7re_prog *)set.progs[set.n]);
		}
	}
	l7_patfile_list_free(defs, n);
}

int main(void)
{
	const char *shared = getenv("L7_SHARED");

	random_sets(3000);
	set_2009(shared ? shared : "../shared");
	return t_done();
}
