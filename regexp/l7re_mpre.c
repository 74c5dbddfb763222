// SPDX-License-Identifier: GPL-2.0
/*
 * Unanchored members of an l7re_multi, woken by one shared scan.
 *
 * An unanchored pattern never dies: alone, it scans every byte (its
 * own prefilter skips, see l7re_pre.c, but fifty of them still read
 * each byte fifty times).  Here each such member picks two consecutive
 * offsets a, a + 1 at which every match has bytes from small sets
 * (the rarest pair by l7re_byte_weight()), and one table of all 65536
 * byte pairs tells, for each position, whether it may hold such a pair
 * for some member (bucketed: one bit per group of members).  A member
 * sits idle in its "any" state (only the start thread alive) until a
 * pair at p passes its own sets; then its DFA runs from p - a, in the
 * stream's history when p - a lies in an earlier feed, until it is
 * back in "any", dead or matched.
 *
 * Exact: a match starting at q has its pair at q + a, and no match can
 * end before q + a + 2 (the sets are valid up to that span), so a pair
 * not yet complete at the end of a feed cannot change an answer yet;
 * it is tested when its second byte arrives.  Starts the DFA already
 * ran over are never taken again.  At offset 0 every member runs its
 * DFA from the initial state (^ may match there) until it reaches
 * "any".  A feed that holds a NUL byte (raw mode only: prepared data
 * has none) runs every member's DFA over it, as NUL ends the subject.
 *
 * Stream offsets are u32: a stream is at most 4 GiB.
 */
#include "l7re_int.h"
#include "l7re_mpre.h"

/* Pairs one member may set in the table, at most. */
#define MAX_PAIRS	256

/* Required sets besides the pair, checked before a member is woken. */
#define EXTRA_CHECKS	4

struct l7re_mmember {
	const struct l7re_prog *prog;
	u32 any;		/* row of the unanchored start state */
	u32 last;		/* row of MATCH: rows up to it are final */
	u16 member;		/* index in the multi */
	u8 a;			/* offset of the pair from a match's start */
	u8 nextra;
	u8 extra_off[EXTRA_CHECKS];
	struct l7re_set s0, s1;	/* bytes at a and a + 1 */
	struct l7re_set extra[EXTRA_CHECKS];
};

struct l7re_mpre {
	u32 n;
	u32 words;		/* of each member bit mask: (n + 63) / 64 */
	struct l7re_mmember *mem;	/* in member order */
	void *init;		/* a stream as l7re_mpre_init() leaves it */
	size_t stream_size;
	/*
	 * By pair [first | second << 8]: whether any member has it (a bit
	 * map that stays in the first level cache), and which members:
	 * list_members[list_ofs[l] .. list_ofs[l + 1]) for l = list[pair]
	 * - 1 (0: none).
	 */
	u64 any_pair[65536 / 64];
	u16 list[65536];
	u32 *list_ofs;
	u16 *list_members;
	u32 nlists, nentries;
};

/*
 * Per stream: the history for starts in an earlier feed, then bit
 * masks over the members (running: a DFA run not yet back in "any";
 * done: answer final; match: answer MATCH; touched: scratch of one
 * feed), then each member's state.  Only members running or woken in
 * a feed are visited in it.
 */
struct mpre_stream {
	u32 fed;		/* bytes fed so far */
	u32 ndone;		/* members whose answer is final */
	u8 hist[L7RE_PRE_SPAN];	/* the last bytes fed, oldest first */
};

enum { MASK_RUNNING, MASK_DONE, MASK_MATCH, MASK_TOUCHED, NMASKS };

struct mmember_state {
	u32 s;			/* DFA row; any: idle */
	u32 covered;		/* starts before this offset were run */
};

static void init_image(const struct l7re_mpre *mp, void *stream);

/*
 * The cheapest pair of consecutive required sets, from each set's
 * byte count @n and weight @w, or -1: cost is the estimated chance of
 * a position passing.
 */
static int pick_pair(const u32 *n, const u32 *w, u32 span)
{
	u32 a, best = 0, cost;
	int at = -1;

	for (a = 0; a + 1 < span; a++) {
		if (!n[a] || !n[a + 1] || n[a] * n[a + 1] > MAX_PAIRS)
			continue;
		cost = w[a] * w[a + 1];
		if (at < 0 || cost < best) {
			best = cost;
			at = a;
		}
	}
	return at;
}

static u32 set_weight(const struct l7re_set *set, u32 *n)
{
	u32 b, w = 0;

	*n = 0;
	for (b = 1; b < 256; b++)
		if (l7re_set_has(set, b)) {
			w += l7re_byte_weight(b);
			(*n)++;
		}
	return w;
}

/*
 * Fills @mm's pair and extra checks from @p's required sets: 1, 0 when
 * @p cannot be woken by pairs, or -ENOMEM.
 */
static int member_sets(const struct l7re_prog *p, struct l7re_mmember *mm)
{
	struct l7re_set *sets;
	u32 span = 0, m, e, n[L7RE_PRE_SPAN], w[L7RE_PRE_SPAN];
	u32 cost[L7RE_PRE_SPAN];
	int err, at;

	if (!p->ndfa || p->dfa_any == ~0U)
		return 0;
	sets = l7_alloc(L7RE_PRE_SPAN * sizeof(*sets));
	if (!sets)
		return -ENOMEM;
	err = l7re_pre_sets(p, sets, &span);
	for (m = 0; m < span; m++)
		w[m] = set_weight(&sets[m], &n[m]);
	at = err ? -1 : pick_pair(n, w, span);
	if (at >= 0) {
		mm->a = at;
		mm->s0 = sets[at];
		mm->s1 = sets[at + 1];
		/* The rarest other sets: a pair alone wakes too often. */
		for (m = 0; m < span; m++)
			cost[m] = m == (u32)at || m == (u32)at + 1 ||
				  n[m] > 128 ? ~0U : w[m];
		for (mm->nextra = 0; mm->nextra < EXTRA_CHECKS; mm->nextra++) {
			u32 best = ~0U, bm = 0;

			for (m = 0; m < span; m++)
				if (cost[m] < best) {
					best = cost[m];
					bm = m;
				}
			if (best == ~0U)
				break;
			e = mm->nextra;
			mm->extra_off[e] = bm;
			mm->extra[e] = sets[bm];
			cost[bm] = ~0U;
		}
	}
	l7_free(sets);
	return err ? err : at >= 0;
}

static bool member_has_pair(const struct l7re_mmember *mm, u32 v)
{
	return l7re_set_has(&mm->s0, v & 0xff) && l7re_set_has(&mm->s1, v >> 8);
}

/* The pair table, bit map and member lists of @mp's members. */
static int pair_lists(struct l7re_mpre *mp)
{
	u32 v, k, e = 0;

	for (v = 0; v < 65536; v++)
		for (k = 0; k < mp->n; k++)
			if ((v & 0xff) && (v >> 8) &&
			    member_has_pair(&mp->mem[k], v)) {
				if (!mp->list[v])
					mp->list[v] = ++mp->nlists;
				mp->nentries++;
			}
	mp->list_ofs = l7_alloc((mp->nlists + 1) * sizeof(u32));
	mp->list_members = l7_alloc((mp->nentries ? mp->nentries : 1) *
				    sizeof(u16));
	if (!mp->list_ofs || !mp->list_members)
		return -ENOMEM;
	for (v = 0; v < 65536; v++) {
		if (!mp->list[v])
			continue;
		mp->any_pair[v >> 6] |= 1ULL << (v & 63);
		mp->list_ofs[mp->list[v] - 1] = e;
		for (k = 0; k < mp->n; k++)
			if (member_has_pair(&mp->mem[k], v))
				mp->list_members[e++] = k;
	}
	mp->list_ofs[mp->nlists] = e;
	return 0;
}

int l7re_mpre_build(struct l7re_mpre **out,
		    const struct l7re_prog *const *progs,
		    const u16 *members, unsigned int n, u8 *taken)
{
	struct l7re_mpre *mp;
	u32 i;
	int err = -ENOMEM;

	*out = NULL;
	mp = l7_zalloc(sizeof(*mp));
	if (!mp)
		return err;
	mp->mem = l7_zalloc((n ? n : 1) * sizeof(*mp->mem));
	if (!mp->mem)
		goto fail;
	for (i = 0; i < n; i++) {
		struct l7re_mmember *mm = &mp->mem[mp->n];
		const struct l7re_prog *p = progs[members[i]];

		err = member_sets(p, mm);
		if (err < 0)
			goto fail;
		taken[i] = err;
		if (!err)
			continue;
		mm->prog = p;
		mm->member = members[i];
		mm->any = p->dfa_any;
		mm->last = L7RE_DFA_MATCH * p->dfa_width;
		mp->n++;
	}
	if (!mp->n) {
		l7re_mpre_free(mp);
		return 0;
	}
	n = mp->n;
	err = pair_lists(mp);
	if (err)
		goto fail;
	mp->words = (n + 63) / 64;
	mp->stream_size = sizeof(struct mpre_stream) +
			  NMASKS * mp->words * sizeof(u64) +
			  n * sizeof(struct mmember_state);
	mp->init = l7_alloc(mp->stream_size);
	if (!mp->init) {
		err = -ENOMEM;
		goto fail;
	}
	init_image(mp, mp->init);
	*out = mp;
	return 0;
fail:
	l7re_mpre_free(mp);
	return err;
}

void l7re_mpre_free(struct l7re_mpre *mp)
{
	if (!mp)
		return;
	l7_free(mp->mem);
	l7_free(mp->list_ofs);
	l7_free(mp->list_members);
	l7_free(mp->init);
	l7_free(mp);
}

size_t l7re_mpre_size(const struct l7re_mpre *mp)
{
	return sizeof(*mp) + mp->stream_size + mp->n * sizeof(*mp->mem) +
	       (mp->nlists + 1) * sizeof(u32) + mp->nentries * sizeof(u16);
}

size_t l7re_mpre_stream_size(const struct l7re_mpre *mp)
{
	return mp->stream_size;
}

static u64 *mask(const struct l7re_mpre *mp, void *stream, int which)
{
	return (u64 *)((struct mpre_stream *)stream + 1) + which * mp->words;
}

static struct mmember_state *states(const struct l7re_mpre *mp,
				    void *stream)
{
	return (struct mmember_state *)mask(mp, stream, NMASKS);
}

static void mark_member(u64 *m, u32 k, bool on)
{
	if (on)
		m[k / 64] |= 1ULL << (k % 64);
	else
		m[k / 64] &= ~(1ULL << (k % 64));
}

void l7re_mpre_init(const struct l7re_mpre *mp, void *stream)
{
	memcpy(stream, mp->init, mp->stream_size);
}

static u32 cell(const struct l7re_prog *p, u32 s, u8 c)
{
	return l7re_dfa_cell(p, s + p->classmap[c]);
}

static bool final_row(const struct l7re_mmember *mm, u32 s)
{
	return s <= mm->last;
}

static int answer(const struct l7re_mmember *mm, u32 s)
{
	return l7re_dfa_answer(mm->prog, s);
}

/* Bits of member @k after its state changed in this feed. */
static void update(const struct l7re_mpre *mp, void *stream, u32 k)
{
	struct mpre_stream *ps = stream;
	const struct l7re_mmember *mm = &mp->mem[k];
	u32 s = states(mp, stream)[k].s;
	bool done = final_row(mm, s);

	if (done && !(mask(mp, stream, MASK_DONE)[k / 64] >> (k % 64) & 1)) {
		mark_member(mask(mp, stream, MASK_DONE), k, true);
		ps->ndone++;
	}
	mark_member(mask(mp, stream, MASK_RUNNING), k, !done && s != mm->any);
	mark_member(mask(mp, stream, MASK_TOUCHED), k, true);
}

/*
 * The stream before any byte: members whose pattern has a ^ run from
 * the initial state (a match may begin at offset 0 only there); the
 * others wait in "any" like at any later offset.
 */
static void init_image(const struct l7re_mpre *mp, void *stream)
{
	struct mmember_state *ms = states(mp, stream);
	u32 k, j;

	memset(stream, 0, mp->stream_size);
	for (k = 0; k < mp->n; k++) {
		const struct l7re_mmember *mm = &mp->mem[k];
		const struct l7re_prog *p = mm->prog;
		bool bol = false;

		for (j = 0; j < p->nnodes; j++)
			bol |= p->nodes[j].op == L7RE_OP_BOL;
		ms[k].s = bol ? p->dfa_init : mm->any;
		ms[k].covered = 0;
		update(mp, stream, k);
		mark_member(mask(mp, stream, MASK_MATCH), k,
			answer(mm, ms[k].s) == L7RE_MATCH);
	}
	memset(mask(mp, stream, MASK_TOUCHED), 0, mp->words * sizeof(u64));
}

/*
 * Runs member @mm from its state over @d[@i..@len) (absolute offset
 * of @d[0] is @base) until it is idle again, final, or the data ends.
 */
static void run(const struct l7re_mmember *mm, struct mmember_state *st,
		const u8 *d, u32 i, u32 len, u32 base, bool stay)
{
	u32 s = st->s, accel = mm->prog->dfa_accel;

	while (i < len) {
		/* States few bytes leave (header lines, say) skip ahead. */
		if (s >= accel && s != mm->any) {
			i = l7re_dfa_skip(mm->prog, s, d, i, len);
			if (i >= len)
				break;
		}
		s = cell(mm->prog, s, d[i++]);
		if (final_row(mm, s) || (s == mm->any && !stay))
			break;
	}
	st->s = s;
	st->covered = base + i;
}

/*
 * Member @k's start @q (absolute) may begin a match: run its DFA from
 * "any" there, through the history when @q is before this feed.
 */
static void wake(const struct l7re_mpre *mp, void *stream, u32 k, u32 q,
		 const u8 *data, u32 len, bool stay)
{
	const struct l7re_mmember *mm = &mp->mem[k];
	struct mmember_state *st = &states(mp, stream)[k];
	const struct mpre_stream *ps = stream;
	u32 before = ps->fed;

	if (final_row(mm, st->s) || q < st->covered)
		return;
	st->s = mm->any;
	if (q < before) {
		u32 h = L7RE_PRE_SPAN - (before - q);

		/* Through the history without idling: it is short. */
		run(mm, st, ps->hist, h, L7RE_PRE_SPAN,
		    before - L7RE_PRE_SPAN, true);
		q = before;
	}
	if (!final_row(mm, st->s))
		run(mm, st, data, q - before, len, before, stay);
	update(mp, stream, k);
}

/*
 * The other required bytes of a match starting at @q, where the data
 * holds them already (a byte not yet fed is no reason to wait: the
 * member is woken and its DFA decides).
 */
static bool extra_ok(const struct l7re_mmember *mm, const void *stream,
		     u32 q, const u8 *data, u32 len)
{
	const struct mpre_stream *ps = stream;
	u32 e, pos, base = ps->fed;
	u8 c;

	for (e = 0; e < mm->nextra; e++) {
		pos = q + mm->extra_off[e];
		if (pos < base)
			c = ps->hist[L7RE_PRE_SPAN - (base - pos)];
		else if (pos - base < len)
			c = data[pos - base];
		else
			continue;
		if (!l7re_set_has(&mm->extra[e], c))
			return false;
	}
	return true;
}

/* The pair at absolute offset @p is @x @y: wake the members it may start. */
static void test_pair(const struct l7re_mpre *mp, void *stream, u32 p,
		      u8 x, u8 y, const u8 *data, u32 len)
{
	u32 l = mp->list[x | y << 8], j;

	if (!l--)
		return;
	for (j = mp->list_ofs[l]; j < mp->list_ofs[l + 1]; j++) {
		u32 k = mp->list_members[j];
		const struct l7re_mmember *mm = &mp->mem[k];

		if (p >= mm->a && extra_ok(mm, stream, p - mm->a, data, len))
			wake(mp, stream, k, p - mm->a, data, len, false);
	}
}

static void keep_history(struct mpre_stream *ps, const u8 *data, u32 len)
{
	if (len >= L7RE_PRE_SPAN) {
		memcpy(ps->hist, data + len - L7RE_PRE_SPAN, L7RE_PRE_SPAN);
	} else {
		memmove(ps->hist, ps->hist + len, L7RE_PRE_SPAN - len);
		memcpy(ps->hist + L7RE_PRE_SPAN - len, data, len);
	}
	ps->fed += len;
}

static inline u64 has_pair(const struct l7re_mpre *mp, u8 x, u8 y)
{
	u32 v = x | y << 8;

	return mp->any_pair[v >> 6] >> (v & 63) & 1;
}

/* has_pair() of the two bytes at @p, read as one 16-bit word. */
static inline u64 has_pair_at(const struct l7re_mpre *mp, const u8 *p)
{
	u16 v;

	memcpy(&v, p, 2);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap16(v);
#endif
	return mp->any_pair[v >> 6] >> (v & 63) & 1;
}

/*
 * @k runs over the members whose bit is set in @m, each word as it was
 * when the loop reached it.
 */
#define FOR_EACH_MEMBER(mp, m, k)					\
	for (u32 w_ = 0; w_ < (mp)->words; w_++)			\
		for (u64 b_ = (m)[w_];					\
		     b_ && ((k) = w_ * 64 + __builtin_ctzll(b_), 1);	\
		     b_ &= b_ - 1)

bool l7re_mpre_feed(const struct l7re_mpre *mp, void *stream,
		    const u8 *data, size_t size)
{
	struct mpre_stream *ps = stream;
	struct mmember_state *ms = states(mp, stream);
	u64 *touched = mask(mp, stream, MASK_TOUCHED);
	u64 *done = mask(mp, stream, MASK_DONE);
	u32 len = size, base = ps->fed, i, k, from;
	bool nul = memchr(data, 0, len) != NULL;

	if (ps->ndone == mp->n)
		return true;
	/* Members still running from an earlier start go on first. */
	FOR_EACH_MEMBER(mp, mask(mp, stream, MASK_RUNNING), k) {
		run(&mp->mem[k], &ms[k], data, 0, len, base, nul);
		update(mp, stream, k);
	}
	if (nul) {
		/*
		 * NUL ends the subject: every idle member runs the starts
		 * it has not run whose match could still complete.
		 */
		for (k = 0; k < mp->n; k++) {
			if ((done[k / 64] >> (k % 64) & 1) ||
			    ms[k].s != mp->mem[k].any)
				continue;
			from = base > L7RE_PRE_SPAN - 1 ?
			       base - (L7RE_PRE_SPAN - 1) : 0;
			if (from < ms[k].covered)
				from = ms[k].covered;
			wake(mp, stream, k, from, data, len, true);
		}
	} else if (len) {
		if (base)
			test_pair(mp, stream, base - 1,
				  ps->hist[L7RE_PRE_SPAN - 1], data[0],
				  data, len);
		for (i = 0; i + 1 < len; i++) {
			/* Four positions per test: most have no pair. */
			while (i + 4 < len &&
			       !(has_pair_at(mp, data + i) |
				 has_pair_at(mp, data + i + 1) |
				 has_pair_at(mp, data + i + 2) |
				 has_pair_at(mp, data + i + 3)))
				i += 4;
			if (i + 1 >= len)
				break;
			if (unlikely(has_pair(mp, data[i], data[i + 1])))
				test_pair(mp, stream, base + i, data[i],
					  data[i + 1], data, len);
		}
	}
	keep_history(ps, data, len);
	FOR_EACH_MEMBER(mp, touched, k)
		mark_member(mask(mp, stream, MASK_MATCH), k,
			answer(&mp->mem[k], ms[k].s) == L7RE_MATCH);
	memset(touched, 0, mp->words * sizeof(u64));
	return ps->ndone == mp->n;
}

void l7re_mpre_results(const struct l7re_mpre *mp, const void *stream,
		       u8 *res)
{
	const struct mmember_state *ms = states(mp, (void *)stream);
	u32 k;

	for (k = 0; k < mp->n; k++)
		res[mp->mem[k].member] = answer(&mp->mem[k], ms[k].s);
}

int l7re_mpre_first(const struct l7re_mpre *mp, const void *stream)
{
	const u64 *match = mask(mp, (void *)stream, MASK_MATCH);
	u32 w;

	/* Members are in member order: the lowest bit is the first. */
	for (w = 0; w < mp->words; w++)
		if (match[w])
			return mp->mem[w * 64 + __builtin_ctzll(match[w])].member;
	return -1;
}
