// SPDX-License-Identifier: GPL-2.0
/*
 * Prefilter for the unanchored start state: two byte sets that every
 * match has at fixed offsets from its first byte.
 *
 * While a DFA stream sits in "any", the state where no thread but the
 * start is alive, a position p can begin a match only if the bytes at
 * p + off[0] and p + off[1] belong to the required sets.  The matcher
 * (l7re.c) tests 8 positions per step with word arithmetic and resumes
 * the DFA, from "any", at the first position that passes or holds a
 * NUL.  That is exact: threads started at the positions skipped could
 * never reach MATCH, so leaving them out changes no answer, $ and the
 * NUL column included (a match through $ is a match, it has the bytes).
 * Positions too close to the end of the data for a full test are left
 * to the DFA, byte by byte, so nothing is carried between feeds.
 *
 * The sets come from a breadth-first walk of the NFA from the start
 * (^ cannot match there): the set at offset m is the union of the
 * byte sets of the SET nodes alive after m bytes, valid while no match
 * can end before offset m + 1.  The two offsets with the rarest sets
 * of at most L7RE_PRE_BYTES bytes win, rarity by a fixed estimate of
 * byte frequencies in prepared traffic (lowercased, no NUL).
 */
#include "l7re_int.h"

/* Whether NUL-terminated @s holds @c (@c is never NUL here). */
static bool in_string(const char *s, u8 c)
{
	for (; *s; s++)
		if ((u8)*s == c)
			return true;
	return false;
}

/*
 * How often byte @c shows up in prepared traffic, per mille, rounded
 * into groups: a mix of text protocols (lowercased) and binary ones,
 * where small integers and '0'-'3' are common.
 */
u32 l7re_byte_weight(u8 c)
{
	if (in_string("etaoinsrc", c))
		return 20;
	if (c == ' ' || c == 0x01)
		return 16;
	if (in_string("pldugmh.-0123", c) || (c >= 2 && c <= 6))
		return 12;
	if (in_string(":/\r\nfbkwvxyzqj456789", c))
		return 7;
	if (c >= 0x07 && c < 0x20)
		return 4;
	if (c > 0x20 && c < 0x7f)
		return 3;
	return 2;
}

struct pre_walk {
	struct l7re_closure c;
	u16 *alive;		/* SET nodes alive, copied out of c.out */
};

/*
 * Required sets at offsets 0..*@span - 1: @span ends where a match may
 * end, no thread is left, or L7RE_PRE_SPAN is reached.
 */
static void required_sets(const struct l7re_prog *prog, struct pre_walk *w,
			  struct l7re_set *sets, u32 *span)
{
	struct l7re_closure *c = &w->c;
	u32 m, k, j, nalive;

	l7re_closure_begin(prog, c);
	l7re_closure_add(prog, c, prog->start, false);
	for (m = 0; m < L7RE_PRE_SPAN; m++) {
		if (c->match || c->eol_match || !c->nout)
			break;
		memset(&sets[m], 0, sizeof(sets[m]));
		nalive = c->nout;
		memcpy(w->alive, c->out, nalive * sizeof(*w->alive));
		for (k = 0; k < nalive; k++) {
			const struct l7re_set *s =
				&prog->sets[prog->nodes[w->alive[k]].arg];

			for (j = 0; j < 4; j++)
				sets[m].w[j] |= s->w[j];
		}
		l7re_closure_begin(prog, c);
		for (k = 0; k < nalive; k++)
			l7re_closure_add(prog, c,
					 prog->nodes[w->alive[k]].out, false);
	}
	*span = m;
}

int l7re_pre_sets(const struct l7re_prog *prog, struct l7re_set *sets,
		  u32 *span)
{
	size_t words = (prog->nnodes + 63) / 64;
	struct pre_walk w;
	int err = -ENOMEM;

	memset(&w, 0, sizeof(w));
	*span = 0;
	w.c.visited = l7_zalloc(2 * words * sizeof(u64));
	w.c.stack = l7_alloc(prog->nlistmax * sizeof(u16));
	w.c.out = l7_alloc((prog->nsetnodes + 1) * sizeof(u16));
	w.alive = l7_alloc((prog->nsetnodes + 1) * sizeof(u16));
	if (w.c.visited && w.c.stack && w.c.out && w.alive) {
		required_sets(prog, &w, sets, span);
		err = 0;
	}
	l7_free(w.c.visited);
	l7_free(w.c.stack);
	l7_free(w.c.out);
	l7_free(w.alive);
	return err;
}

/* Sum of the weights of @s, or 0 when it has more than L7RE_PRE_BYTES. */
static u32 set_cost(const struct l7re_set *s, u8 *bytes)
{
	u32 n = 0, cost = 0, b;

	for (b = 1; b < 256; b++) {
		if (!l7re_set_has(s, b))
			continue;
		if (n == L7RE_PRE_BYTES)
			return 0;
		bytes[n++] = b;
		cost += l7re_byte_weight(b);
	}
	/* Unused slots repeat a byte: the matcher always tests all. */
	for (b = n; b < L7RE_PRE_BYTES; b++)
		bytes[b] = bytes[0];
	return n ? cost : 0;
}

int l7re_prefilter(const struct l7re_prog *prog, struct l7re_pre *pre)
{
	size_t words = (prog->nnodes + 63) / 64;
	u8 bytes[L7RE_PRE_SPAN][L7RE_PRE_BYTES];
	u32 cost[L7RE_PRE_SPAN], span, a, b, total = 0, best = 0;
	struct l7re_set *sets;
	struct pre_walk w;
	int err = -ENOMEM;

	memset(pre, 0, sizeof(*pre));
	memset(&w, 0, sizeof(w));
	sets = l7_alloc(L7RE_PRE_SPAN * sizeof(*sets));
	w.c.visited = l7_zalloc(2 * words * sizeof(u64));
	w.c.stack = l7_alloc(prog->nlistmax * sizeof(u16));
	w.c.out = l7_alloc((prog->nsetnodes + 1) * sizeof(u16));
	w.alive = l7_alloc((prog->nsetnodes + 1) * sizeof(u16));
	if (!sets || !w.c.visited || !w.c.stack || !w.c.out || !w.alive)
		goto out;
	required_sets(prog, &w, sets, &span);
	for (a = 1; a < 256; a++)
		total += l7re_byte_weight(a);
	for (a = 0; a < span; a++)
		cost[a] = set_cost(&sets[a], bytes[a]);
	/*
	 * Costs estimate how often a position passes (times total
	 * squared); one usable offset alone is tested twice.
	 */
	for (a = 0; a < span; a++) {
		for (b = a; b < span; b++) {
			u32 c = cost[a] * (b == a ? total : cost[b]);

			if (!cost[a] || !cost[b] || (best && c >= best))
				continue;
			best = c;
			pre->off[0] = a;
			pre->off[1] = b;
		}
	}
	if (best) {
		/* The rarer set is searched, the other checked per hit. */
		if (cost[pre->off[1]] < cost[pre->off[0]]) {
			a = pre->off[0];
			pre->off[0] = pre->off[1];
			pre->off[1] = a;
		}
		pre->active = true;
		memcpy(pre->bytes[0], bytes[pre->off[0]], L7RE_PRE_BYTES);
		memcpy(pre->bytes[1], bytes[pre->off[1]], L7RE_PRE_BYTES);
		pre->single = pre->bytes[0][1] == pre->bytes[0][0] &&
			      pre->bytes[0][2] == pre->bytes[0][0];
	}
	err = 0;
out:
	l7_free(sets);
	l7_free(w.c.visited);
	l7_free(w.c.stack);
	l7_free(w.c.out);
	l7_free(w.alive);
	return err;
}
