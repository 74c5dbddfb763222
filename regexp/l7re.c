// SPDX-License-Identifier: GPL-2.0
/*
 * l7re: compile (parse, byte classes, DFA when it fits) and the stream
 * API.  See l7re_int.h for the pipeline.
 *
 * Per-stream state: 8 bytes when the program has a DFA (the current
 * state; true for 144 of the 145 patterns of 2009), else the NFA's
 * thread lists and scratch: 2 or 4 bytes per node (4 with a $),
 * 4 per SET node and 2 bits per node (l7re_stream_size()).
 */
#include "l7re_int.h"

static const char *const reasons[L7RE_REASON_COUNT] = {
	[L7RE_REASON_NONE]	= "no error",
	[L7RE_REASON_NOMEM]	= "out of memory",
	[L7RE_REASON_TOOLONG]	= "regex too long",
	[L7RE_REASON_PAREN]	= "unmatched ()",
	[L7RE_REASON_BRACKET]	= "unmatched []",
	[L7RE_REASON_RANGE]	= "invalid [] range",
	[L7RE_REASON_NOTHING]	= "?+* follows nothing",
	[L7RE_REASON_NESTED]	= "nested *?+",
	[L7RE_REASON_EMPTYREP]	= "*+ operand could be empty",
	[L7RE_REASON_TRAILBS]	= "trailing \\",
	[L7RE_REASON_GROUPS]	= "too many () (at most 9)",
};

const char *l7re_strerror(int reason)
{
	if (reason < 0 || reason >= L7RE_REASON_COUNT)
		return "unknown reason";
	return reasons[reason];
}

/*
 * Bytes that belong to exactly the same sets share a class.  NUL gets
 * a class of its own: it ends the subject (see l7re_stream_feed()).
 */
static void make_classes(struct l7re_prog *prog)
{
	u8 *map = prog->classmap;
	u32 n = 2, s;
	unsigned int b;

	memset(map, 1, 256);
	map[0] = 0;
	for (s = 0; s < prog->nsets; s++) {
		const struct l7re_set *set = &prog->sets[s];
		u64 out[4] = { 0 };	/* classes with bytes outside set */
		u8 to[256];

		/* A class splits when the set holds some of its bytes only. */
		for (b = 0; b < 256; b++) {
			u8 k = map[b];

			if (!l7re_set_has(set, b))
				out[k / 64] |= 1ULL << (k % 64);
		}
		for (b = 0; b < n; b++)
			to[b] = b;
		for (b = 0; b < 256; b++) {
			u8 k = map[b];

			if (!l7re_set_has(set, b) ||
			    !(out[k / 64] & (1ULL << (k % 64))))
				continue;
			if (to[k] == k)
				to[k] = n++;
			map[b] = to[k];
		}
	}
	prog->nclasses = n;
}

/*
 * Bytes other than NUL that leave DFA state @s (NUL always does: its
 * column holds the final answer), into @esc.  Returns how many, or
 * L7RE_ACCEL_BYTES + 1 when there are more.  With more, a state whose
 * escapes are at most L7RE_ACCEL_BYTES printable bytes (0x20-0x7e) and
 * any number of others (a loop over printable text) gets those in
 * @esc[0..L7RE_ACCEL_BYTES) and @esc[L7RE_ACCEL_BYTES] = 1: the matcher
 * then stops at every byte outside 0x20-0x7e too, a superset of the
 * escapes, which is exact.
 */
static unsigned int escapes(const struct l7re_prog *tmp,
			    const struct l7re_dfa *dfa, u32 s, u8 *esc)
{
	u8 all[L7RE_ACCEL_BYTES];
	unsigned int n = 0, np = 0, b;

	for (b = 1; b < 256; b++) {
		if (dfa->next[s * tmp->nclasses + tmp->classmap[b]] == s)
			continue;
		if (b >= 0x20 && b < 0x7f) {
			if (np == L7RE_ACCEL_BYTES)
				return L7RE_ACCEL_BYTES + 1;
			esc[np++] = b;
		}
		if (n < L7RE_ACCEL_BYTES)
			all[n] = b;
		n++;
	}
	if (n <= L7RE_ACCEL_BYTES) {
		memcpy(esc, all, n);
		memset(esc + n, 0, L7RE_ACCEL_BYTES - n);
		return n;
	}
	memset(esc + np, 0, L7RE_ACCEL_BYTES - np);
	esc[L7RE_ACCEL_BYTES] = 1;
	return np;
}

/*
 * Final DFA table: states renumbered so that accelerated ones come
 * last (one comparison per byte tells them apart), offsets
 * premultiplied by the row width, escape bytes after each row.
 */
static int dfa_table(struct l7re_prog *prog, const struct l7re_dfa *dfa,
		     const struct l7re_pre *pre, void *table, bool narrow)
{
	u32 n = dfa->nstates, ncls = prog->nclasses, w = prog->dfa_width;
	u32 *id = l7_alloc(n * sizeof(u32));
	u8 *esc = l7_zalloc(n * L7RE_ESC_STRIDE);
	u32 s, c, next = L7RE_DFA_INIT, accel;
	int pass;

	if (!id || !esc) {
		l7_free(id);
		l7_free(esc);
		return -ENOMEM;
	}
	id[L7RE_DFA_DEAD] = L7RE_DFA_DEAD;
	id[L7RE_DFA_MATCH] = L7RE_DFA_MATCH;
	accel = n;
	for (pass = 0; pass < 2; pass++) {
		if (pass)
			accel = next;
		for (s = L7RE_DFA_INIT; s < n; s++) {
			bool fast = escapes(prog, dfa, s,
					    esc + s * L7RE_ESC_STRIDE) <=
				    L7RE_ACCEL_BYTES;

			/* The prefilter runs where acceleration would. */
			if (pre->active && s == dfa->any)
				fast = true;

			if (fast == pass)
				id[s] = next++;
		}
	}
	for (s = 0; s < n; s++) {
		u32 row = id[s] * w;
		const u8 *e = esc + s * L7RE_ESC_STRIDE;
		u32 extra[L7RE_ACCEL_CELLS] = { e[0] | e[1] << 8,
						 e[2] | e[3] << 8 };

		for (c = 0; c < w; c++) {
			u32 v = c < ncls ? id[dfa->next[s * ncls + c]] * w :
					   extra[c - ncls];

			if (narrow)
				((u16 *)table)[row + c] = v;
			else
				((u32 *)table)[row + c] = v;
		}
	}
	prog->dfa_init = id[dfa->init] * w;
	prog->dfa_accel = accel < n ? accel * w : ~0U;
	prog->dfa_any = dfa->any >= L7RE_DFA_INIT ? id[dfa->any] * w : ~0U;
	if (pre->active) {
		prog->dfa_pre = id[dfa->any] * w;
		prog->pre = *pre;
		prog->pre_reach = 8 + (pre->off[0] > pre->off[1] ?
				       pre->off[0] : pre->off[1]);
		for (c = 0; c < L7RE_PRE_BYTES; c++)
			prog->pre_mask[c] = pre->bytes[0][c] *
					    0x0101010101010101ULL;
	}
	l7_free(id);
	l7_free(esc);
	return 0;
}

static int layout(struct l7re_prog **progp, const struct l7re_prog *tmp,
		  const struct l7re_dfa *dfa, const struct l7re_pre *pre)
{
	size_t nodes = tmp->nnodes * sizeof(struct l7re_node);
	size_t sets = tmp->nsets * sizeof(struct l7re_set);
	u32 width = tmp->nclasses + L7RE_ACCEL_CELLS;
	size_t cells = (size_t)dfa->nstates * width;
	bool narrow = cells <= 0x10000;
	size_t cell = narrow ? sizeof(u16) : sizeof(u32);
	size_t init = tmp->ninit * sizeof(u16);
	size_t size = sizeof(*tmp) + sets + cells * cell + nodes + init +
		      (tmp->first_ofs ? tmp->first_size + 3 : 0);
	struct l7re_prog *prog;
	void *table;
	u8 *p;
	int err;

	prog = l7_alloc(size);
	if (!prog)
		return -ENOMEM;
	*prog = *tmp;
	prog->size = size;
	p = (u8 *)(prog + 1);
	/* Most aligned first: sets (u64), DFA, nodes and init (u16). */
	memcpy(p, tmp->sets, sets);
	prog->sets = (const struct l7re_set *)p;
	p += sets;
	table = p;
	p += cells * cell;
	memcpy(p, tmp->nodes, nodes);
	prog->nodes = (const struct l7re_node *)p;
	p += nodes;
	if (init)
		memcpy(p, tmp->init_list, init);
	prog->init_list = (const u16 *)p;
	p += init;
	if (tmp->first_ofs) {
		p = (u8 *)(((unsigned long)p + 3) & ~3UL);
		memcpy(p, tmp->first_ofs, tmp->first_size);
		prog->first_ofs = (const u32 *)p;
		prog->first_nodes = (const u16 *)(prog->first_ofs + 257);
		prog->first_flags = (const u8 *)(prog->first_nodes +
						 prog->first_ofs[256]);
	}
	prog->dfa16 = NULL;
	prog->dfa32 = NULL;
	prog->dfa_pre = ~0U;
	prog->dfa_any = ~0U;
	prog->ndfa = dfa->nstates;
	prog->dfa_width = width;
	if (dfa->nstates) {
		err = dfa_table(prog, dfa, pre, table, narrow);
		if (err) {
			l7_free(prog);
			return err;
		}
		if (narrow)
			prog->dfa16 = table;
		else
			prog->dfa32 = table;
	}
	*progp = prog;
	return 0;
}

int l7re_compile_flags(struct l7re_prog **progp, const char *re, size_t len,
		       struct l7re_diag *diag, unsigned int flags)
{
	struct l7re_diag unused;
	struct l7re_prog tmp;
	struct l7re_nfa nfa;
	struct l7re_dfa dfa;
	struct l7re_pre pre;
	u32 i;
	int err;

	*progp = NULL;
	if (!diag)
		diag = &unused;
	err = l7re_parse(&nfa, re, len, diag);
	if (err)
		return err;
	memset(&tmp, 0, sizeof(tmp));
	tmp.nodes = nfa.nodes;
	tmp.nnodes = nfa.nnodes;
	tmp.sets = nfa.sets;
	tmp.nsets = nfa.nsets;
	tmp.start = nfa.start;
	/* Mode "after $" (l7re_nfa.c) needs list room only with a $. */
	tmp.nlistmax = nfa.nnodes;
	for (i = 0; i < nfa.nnodes; i++) {
		tmp.nsetnodes += nfa.nodes[i].op == L7RE_OP_SET;
		if (nfa.nodes[i].op == L7RE_OP_EOL)
			tmp.nlistmax = 2 * nfa.nnodes;
	}
	make_classes(&tmp);

	memset(&dfa, 0, sizeof(dfa));
	memset(&pre, 0, sizeof(pre));
	if (!(flags & L7RE_F_NODFA)) {
		err = l7re_dfa_build(&tmp, &dfa, L7RE_DFA_MAX_WORK,
				     L7RE_DFA_MAX_CELLS, NULL, NULL);
		/* Too big for a DFA is fine: the NFA takes over. */
		if (err == -E2BIG)
			err = 0;
		if (err)
			goto out;
	}
	if (dfa.nstates && dfa.any >= L7RE_DFA_INIT &&
	    !(flags & L7RE_F_NOPRE)) {
		err = l7re_prefilter(&tmp, &pre);
		if (err)
			goto out;
	}
	if (!dfa.nstates) {
		err = l7re_nfa_start(&tmp);
		if (err)
			goto out;
	}
	err = layout(progp, &tmp, &dfa, &pre);
out:
	l7_free((void *)tmp.init_list);
	l7_free((void *)tmp.first_ofs);
	l7_free(dfa.next);
	l7_free(dfa.eol);
	l7re_nfa_release(&nfa);
	/* Past the parser, allocations are all that can fail. */
	if (err) {
		diag->reason = L7RE_REASON_NOMEM;
		diag->offset = 0;
	}
	return err;
}

int l7re_compile(struct l7re_prog **progp, const char *re, size_t len,
		 struct l7re_diag *diag)
{
	return l7re_compile_flags(progp, re, len, diag, 0);
}

static bool has_dfa(const struct l7re_prog *prog)
{
	return prog->dfa16 || prog->dfa32;
}

void l7re_free(struct l7re_prog *prog)
{
	l7_free(prog);
}

size_t l7re_stream_size(const struct l7re_prog *prog)
{
	if (has_dfa(prog))
		return sizeof(struct l7re_stream);
	return l7re_nfa_stream_size(prog);
}

size_t l7re_prog_size(const struct l7re_prog *prog)
{
	return prog->size;
}

void l7re_stream_init(const struct l7re_prog *prog, void *stream)
{
	struct l7re_stream *st = stream;

	st->flags = 0;
	if (has_dfa(prog))
		st->state = prog->dfa_init;
	else
		l7re_nfa_init(prog, stream);
}


#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

/*
 * High bit set in each byte of @x that is 0 or equals a byte of @m1,
 * @m2, @m3 (repeated); a byte above (more significant than) a real hit
 * may be flagged too, never one below.
 */
static inline u64 escapes_in(u64 x, u64 m1, u64 m2, u64 m3)
{
	u64 a = x ^ m1, b = x ^ m2, c = x ^ m3;

	return (((x - ONES) & ~x) | ((a - ONES) & ~a) | ((b - ONES) & ~b) |
		((c - ONES) & ~c)) & HIGHS;
}

/*
 * High bit set in each byte of @x outside 0x20-0x7e: below 0x20 as in
 * escapes_in() (bytes above a real hit may be flagged too), 0x7f and
 * above exactly.
 */
static inline u64 nonprint_in(u64 x)
{
	return (((x - 0x20 * ONES) & ~x) |
		(((x & ~HIGHS) + ONES) | x)) & HIGHS;
}

/* Bytes before the first escape in memory order: exact on little endian. */
static inline unsigned int clean_bytes(u64 hits)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return __builtin_ctzll(hits) / 8;
#else
	/* Big endian: flagged bytes may precede the real one. */
	(void)hits;
	return 0;
#endif
}

static inline bool pre_has(const u8 *set, u8 c)
{
	return c == set[0] || c == set[1] || c == set[2];
}

/*
 * Whether position @p needs the DFA: it holds a NUL, or has both
 * prefilter bytes (the caller made sure they are in the data).
 */
static inline bool pre_candidate(const struct l7re_pre *pre, const u8 *p)
{
	return !p[0] || (pre_has(pre->bytes[0], p[pre->off[0]]) &&
			 pre_has(pre->bytes[1], p[pre->off[1]]));
}

/*
 * The prefilter (l7re_pre.c): from @i, the first position that may
 * begin a match or holds a NUL, or the first too close to the end for
 * a full test.  A word at @i flags NULs, the word at @i + off[0] the
 * rarer set (escapes_in() flags a superset of the real hits), and each
 * flagged lane is checked exactly, so no candidate is ever passed.
 */
static inline size_t pre_skip(const struct l7re_prog *prog, const u8 *data,
			      size_t i, size_t len)
{
	const struct l7re_pre *pre = &prog->pre;
	const u64 *m = prog->pre_mask;
	u64 x, y, hits;

	for (; i + prog->pre_reach <= len; i += 8) {
		memcpy(&x, data + i, 8);
		memcpy(&y, data + i + pre->off[0], 8);
		y ^= m[0];
		hits = ((x - ONES) & ~x) | ((y - ONES) & ~y);
		if (!pre->single) {
			u64 b = y ^ m[0] ^ m[1], c = y ^ m[0] ^ m[2];

			hits |= ((b - ONES) & ~b) | ((c - ONES) & ~c);
		}
		hits &= HIGHS;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		for (; hits; hits &= hits - 1) {
			size_t p = i + __builtin_ctzll(hits) / 8;

			if (pre_candidate(pre, data + p))
				return p;
		}
#else
		/* Big endian: lanes are not in memory order; let the DFA see. */
		if (hits)
			return i;
#endif
	}
	return i;
}

/* Skips whole words without an escape byte; @test is escapes_in(). */
#define SKIP_WORDS(test)						\
	do {								\
		for (; i + 8 <= len; i += 8) {				\
			memcpy(&x, data + i, 8);			\
			hits = (test);					\
			if (hits) {					\
				i += clean_bytes(hits);			\
				break;					\
			}						\
		}							\
	} while (0)

size_t l7re_skip(u32 e, u32 e3, const u8 *data, size_t i, size_t len)
{
	u64 m1 = (e & 0xff) * ONES, m2 = (e >> 8) * ONES;
	u64 m3 = (e3 & 0xff) * ONES;
	u64 x, hits;

	if (e3 & L7RE_ESC_NONPRINT)
		SKIP_WORDS(escapes_in(x, m1, m2, m3) | nonprint_in(x));
	else if (m2 | m3)
		SKIP_WORDS(escapes_in(x, m1, m2, m3));
	else
		SKIP_WORDS(escapes_in(x, m1, 0, 0));
	return i;
}

size_t l7re_dfa_skip(const struct l7re_prog *prog, u32 s, const u8 *data,
		     size_t i, size_t len)
{
	u32 ncls = prog->nclasses;

	return l7re_skip(l7re_dfa_cell(prog, s + ncls),
			 l7re_dfa_cell(prog, s + ncls + 1), data, i, len);
}

/*
 * The DFA loop: one table load per byte.  DEAD and MATCH are the first
 * two rows, so one comparison tells that the answer is final; another
 * tells an accelerated state, where whole words that hold none of its
 * escape bytes leave it unchanged and are skipped (most states escape
 * on one byte besides NUL: a cheaper test); the unanchored start state
 * runs the prefilter instead when it has one.  The NUL column of every
 * row already holds the final answer.
 */
#define DFA_LOOP(next)							\
	do {								\
		while (i < len) {					\
			if (s >= accel && s == pre) {			\
				i = pre_skip(prog, data, i, len);	\
				if (i >= len)				\
					break;				\
			} else if (s >= accel) {			\
				i = l7re_skip((next)[s + ncls],		\
					      (next)[s + ncls + 1],	\
					      data, i, len);		\
				if (i >= len)				\
					break;				\
			}						\
			s = (next)[s + map[data[i++]]];			\
			if (unlikely(s <= last))			\
				break;					\
		}							\
	} while (0)

static int dfa_feed(const struct l7re_prog *prog, struct l7re_stream *st,
		    const u8 *data, size_t len)
{
	const u8 *map = prog->classmap;
	u32 last = L7RE_DFA_MATCH * prog->dfa_width;
	u32 accel = prog->dfa_accel, ncls = prog->nclasses;
	u32 pre = prog->dfa_pre, s = st->state;
	size_t i = 0;

	if (s > last) {
		if (prog->dfa16)
			DFA_LOOP(prog->dfa16);
		else
			DFA_LOOP(prog->dfa32);
		st->state = s;
	}
	return l7re_dfa_answer(prog, s);
}

int l7re_stream_feed_steps(const struct l7re_prog *prog, void *stream,
			   const u8 *data, size_t len, unsigned long *steps)
{
	if (has_dfa(prog)) {
		if (len > *steps)
			return L7RE_OVER;
		*steps -= len;
		return dfa_feed(prog, stream, data, len);
	}
	return l7re_nfa_feed(prog, stream, data, len, steps);
}

int l7re_stream_feed(const struct l7re_prog *prog, void *stream,
		     const u8 *data, size_t len)
{
	unsigned long unbounded = ~0UL;

	return l7re_stream_feed_steps(prog, stream, data, len, &unbounded);
}

bool l7re_match(const struct l7re_prog *prog, void *stream,
		const u8 *data, size_t len)
{
	l7re_stream_init(prog, stream);
	return l7re_stream_feed(prog, stream, data, len) == L7RE_MATCH;
}
