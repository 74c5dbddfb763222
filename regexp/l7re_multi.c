// SPDX-License-Identifier: GPL-2.0
/*
 * l7re_multi (see l7re_multi.h): which member goes where, and streams.
 *
 * Anchored member DFAs are combined into product groups (l7re_mgroup.c).
 * Groups are filled greedily in member order: a member joins the
 * current group when the product stays within the cell bound, else it
 * opens the next group.  Work is bounded by that product size per
 * member.  No recursion; l7_cond_resched() between products.
 */
#include "l7re_multi.h"
#include "l7re_mpre.h"
#include "l7re_mgroup.h"

struct l7re_multi {
	size_t size;
	u32 n, ngroups, nsolo;
	u32 npairs;			/* members of kind KIND_PAIRS */
	struct mgroup *groups;
	struct l7re_mpre *mpre;		/* unanchored members, or NULL */
	size_t mpre_off;		/* its offset in the stream */
	/*
	 * Members that run their own stream: unanchored without a usable
	 * pair, or without a DFA even at L7RE_MULTI_BIG_CELLS.
	 */
	const struct l7re_prog **solo;	/* [nsolo] */
	u16 *solo_member;		/* [nsolo] their member index */
	u32 *solo_off;			/* [nsolo] offset in the stream */
	size_t stream_size;
	u8 *kind;			/* [n] enum kind, compile time only */
	struct l7re_dfa *big;		/* [n] KIND_GROUP_BIG's, compile time */
};

enum kind {
	KIND_GROUP,	/* anchored, dies within ndfa bytes: product group */
	KIND_GROUP_LOOP,	/* anchored, may live on: product group */
	KIND_GROUP_BIG,	/* no DFA of its own, one built for the multi */
	KIND_PAIRS,	/* unanchored, woken by byte pairs (l7re_mpre.c) */
	KIND_SOLO,	/* its own stream */
};

/* Per group in the stream. */
struct mstream {
	u32 state;
	u32 pad;
	u64 matched;
};

/* Per solo member: its last answer, then its own stream. */
struct nstream {
	u32 result;
	u32 pad;
};

static void release_big(struct l7re_multi *m)
{
	u32 i;

	for (i = 0; m->big && i < m->n; i++) {
		l7_free(m->big[i].next);
		l7_free(m->big[i].eol);
	}
	l7_free(m->big);
	m->big = NULL;
}

void l7re_multi_free(struct l7re_multi *m)
{
	u32 g;

	if (!m)
		return;
	for (g = 0; m->groups && g < m->ngroups; g++)
		l7_free(m->groups[g].next);
	l7_free(m->groups);
	l7re_mpre_free(m->mpre);
	release_big(m);
	l7_free(m->kind);
	l7_free(m->solo);
	l7_free(m->solo_member);
	l7_free(m->solo_off);
	l7_free(m);
}

static int flush_group(struct l7re_multi *m, struct mdfa *cur)
{
	struct mgroup *g = &m->groups[m->ngroups];
	int err;

	if (!cur->n)
		return 0;
	err = l7re_mgroup_layout(g, cur);
	l7re_mdfa_release(cur);
	if (err)
		return err;
	m->ngroups++;
	/* Rows up to DEAD, the last one. */
	m->size += (size_t)(g->dead + g->width) * sizeof(u32);
	return 0;
}

static bool anchored(const struct l7re_prog *p)
{
	return p->dfa_any == ~0U;
}

/*
 * Whether @p's DFA can loop among running states, i.e. may live on
 * any number of bytes; an acyclic one dies or matches within ndfa
 * bytes.  Kahn's algorithm: peel off states nothing running leads to.
 * Returns 1, 0, or -ENOMEM.
 */
static int cyclic(const struct l7re_prog *p)
{
	u32 n = p->ndfa, w = p->dfa_width, s, c, t, head = 0, tail = 0;
	u32 *indeg = l7_zalloc(n * sizeof(u32));
	u32 *queue = l7_alloc(n * sizeof(u32));
	int ret = -ENOMEM;

	if (!indeg || !queue)
		goto out;
	for (s = L7RE_DFA_INIT; s < n; s++)
		for (c = 0; c < p->nclasses; c++) {
			t = l7re_prog_cell(p, s * w, c);
			if (t >= L7RE_DFA_INIT)
				indeg[t]++;
		}
	for (s = L7RE_DFA_INIT; s < n; s++)
		if (!indeg[s])
			queue[tail++] = s;
	while (head < tail) {
		s = queue[head++];
		for (c = 0; c < p->nclasses; c++) {
			t = l7re_prog_cell(p, s * w, c);
			if (t >= L7RE_DFA_INIT && !--indeg[t])
				queue[tail++] = t;
		}
	}
	ret = tail < n - L7RE_DFA_INIT;
out:
	l7_free(indeg);
	l7_free(queue);
	return ret;
}

/*
 * Greedy grouping in member order, one pass per kind: anchored DFAs
 * that die within a bounded number of bytes, then those that may live
 * on (a loop such as [ -~]*), so that the groups alive after the first
 * bytes are few, then the DFAs built for the multi (big, each likely a
 * group of its own).
 */
static int build_groups(struct l7re_multi *m,
			const struct l7re_prog *const *progs,
			const struct l7re_multi_limits *lim)
{
	struct mdfa cur, one, prod;
	unsigned int i, pass;
	int err = 0;

	memset(&cur, 0, sizeof(cur));
	for (pass = KIND_GROUP; pass <= KIND_GROUP_BIG && !err; pass++) {
		for (i = 0; i < m->n && !err; i++) {
			if (m->kind[i] != pass)
				continue;
			err = l7re_mdfa_from_prog(&one, progs[i],
					     pass == KIND_GROUP_BIG ?
					     &m->big[i] : NULL, i);
			if (err)
				break;
			if (!cur.n) {
				cur = one;
				continue;
			}
			err = cur.nmem < MAX_GROUP_MEMBERS ?
			      l7re_mdfa_product(&prod, &cur, &one,
						lim->max_cells) :
			      -E2BIG;
			if (!err) {
				l7re_mdfa_release(&cur);
				l7re_mdfa_release(&one);
				cur = prod;
			} else if (err == -E2BIG) {
				err = flush_group(m, &cur);
				cur = one;
			} else {
				l7re_mdfa_release(&one);
			}
			l7_cond_resched();
			if (!err && lim->stop && l7_read_once(*lim->stop))
				err = -EINTR;
		}
		if (!err)
			err = flush_group(m, &cur);
	}
	l7re_mdfa_release(&cur);
	return err;
}

/*
 * Anchored DFAs, and DFAs built here for programs that have none, go
 * into product groups; unanchored ones that have a usable pair of
 * required byte sets are woken by the shared pair scan; the rest run
 * alone.
 */
static int classify(struct l7re_multi *m, const struct l7re_prog *const *progs,
		    const struct l7re_multi_limits *lim)
{
	u16 *cand = l7_alloc((m->n ? m->n : 1) * sizeof(u16));
	u8 *taken = l7_alloc(m->n ? m->n : 1);
	unsigned long left = lim->max_work, work;
	u32 i, nc = 0;
	int err = 0;

	if (!cand || !taken) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < m->n && err >= 0; i++) {
		m->kind[i] = KIND_SOLO;
		if (!progs[i]->ndfa) {
			/*
			 * Too big for a program of its own (2009's skypeout:
			 * 255 alternatives of 256 byte classes), but one
			 * multi can afford a bigger table than every rule.
			 */
			work = 0;
			err = l7re_dfa_build(progs[i], &m->big[i],
					     left < L7RE_MULTI_BIG_WORK ?
					     left : L7RE_MULTI_BIG_WORK,
					     L7RE_MULTI_BIG_CELLS, lim->stop,
					     &work);
			left -= work < left ? work : left;
			if (!err)
				m->kind[i] = KIND_GROUP_BIG;
			else if (err == -E2BIG)
				err = 0;	/* its own stream, then */
			continue;
		}
		if (anchored(progs[i])) {
			err = cyclic(progs[i]);
			m->kind[i] = err > 0 ? KIND_GROUP_LOOP : KIND_GROUP;
			continue;
		}
		cand[nc++] = i;
	}
	if (err >= 0 && nc)
		err = l7re_mpre_build(&m->mpre, progs, cand, nc, taken);
	for (i = 0; err >= 0 && i < nc; i++)
		if (taken[i])
			m->kind[cand[i]] = KIND_PAIRS;
out:
	l7_free(cand);
	l7_free(taken);
	return err < 0 ? err : 0;
}

int l7re_multi_compile_limits(struct l7re_multi **mp,
			      const struct l7re_prog *const *progs,
			      unsigned int n,
			      const struct l7re_multi_limits *lim)
{
	struct l7re_multi *m;
	size_t off;
	unsigned int i;
	int err;

	*mp = NULL;
	if (n > L7RE_MULTI_MAX_MEMBERS)
		return -E2BIG;
	m = l7_zalloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->n = n;
	m->size = sizeof(*m);
	/* At most one group per member; shrunk by nothing, it is small. */
	m->groups = l7_zalloc((n ? n : 1) * sizeof(*m->groups));
	m->solo = l7_zalloc((n ? n : 1) * sizeof(*m->solo));
	m->solo_member = l7_zalloc((n ? n : 1) * sizeof(*m->solo_member));
	m->solo_off = l7_zalloc((n ? n : 1) * sizeof(*m->solo_off));
	m->kind = l7_zalloc(n ? n : 1);
	m->big = l7_zalloc((n ? n : 1) * sizeof(*m->big));
	if (!m->groups || !m->solo || !m->solo_member || !m->solo_off ||
	    !m->kind || !m->big) {
		err = -ENOMEM;
		goto fail;
	}
	m->size += n * (sizeof(*m->groups) + sizeof(*m->solo) +
			sizeof(*m->solo_member) + sizeof(*m->solo_off));
	err = classify(m, progs, lim);
	if (err)
		goto fail;
	err = build_groups(m, progs, lim);
	release_big(m);
	if (err)
		goto fail;
	off = m->ngroups * sizeof(struct mstream);
	if (m->mpre) {
		m->mpre_off = off;
		off += (l7re_mpre_stream_size(m->mpre) + 7) & ~(size_t)7;
		m->size += l7re_mpre_size(m->mpre);
	}
	for (i = 0; i < n; i++) {
		m->npairs += m->kind[i] == KIND_PAIRS;
		if (m->kind[i] != KIND_SOLO)
			continue;
		m->solo[m->nsolo] = progs[i];
		m->solo_member[m->nsolo] = i;
		m->solo_off[m->nsolo] = off;
		off += sizeof(struct nstream) +
		       ((l7re_stream_size(progs[i]) + 7) & ~(size_t)7);
		m->nsolo++;
	}
	m->stream_size = off ? off : sizeof(struct mstream);
	*mp = m;
	return 0;
fail:
	l7re_multi_free(m);
	return err;
}

int l7re_multi_compile_cells(struct l7re_multi **mp,
			     const struct l7re_prog *const *progs,
			     unsigned int n, size_t max_cells)
{
	const struct l7re_multi_limits lim = {
		.max_cells = max_cells,
		.max_work = ~0UL,
	};

	return l7re_multi_compile_limits(mp, progs, n, &lim);
}

int l7re_multi_compile(struct l7re_multi **mp,
		       const struct l7re_prog *const *progs, unsigned int n)
{
	return l7re_multi_compile_cells(mp, progs, n, L7RE_MULTI_MAX_CELLS);
}

unsigned int l7re_multi_members(const struct l7re_multi *m)
{
	return m->n;
}

unsigned int l7re_multi_groups(const struct l7re_multi *m)
{
	return m->ngroups;
}

size_t l7re_multi_size(const struct l7re_multi *m)
{
	return m->size;
}

size_t l7re_multi_stream_size(const struct l7re_multi *m)
{
	return m->stream_size;
}

static const u32 *masks(const struct mgroup *g, u32 s)
{
	return g->next + s + g->ncls;
}

void l7re_multi_stream_init(const struct l7re_multi *m, void *stream)
{
	struct mstream *ms = stream;
	u32 g, k;

	for (g = 0; g < m->ngroups; g++) {
		ms[g].state = m->groups[g].init;
		ms[g].pad = 0;
		ms[g].matched = l7re_mask_get(masks(&m->groups[g],
					       ms[g].state) + CELL_JUST);
	}
	if (m->mpre)
		l7re_mpre_init(m->mpre, (u8 *)stream + m->mpre_off);
	for (k = 0; k < m->nsolo; k++) {
		struct nstream *ns = (void *)((u8 *)stream + m->solo_off[k]);

		l7re_stream_init(m->solo[k], ns + 1);
		ns->result = l7re_stream_feed(m->solo[k], ns + 1, NULL, 0);
		ns->pad = 0;
	}
}

/*
 * A lane whose group died runs on this one-state table instead, which
 * never reports anything, so the shared loop needs no test for it.
 */
static const u32 idle_next[1];
static const u8 idle_map[256];

#define LANES	4

struct lane {
	const u32 *next;
	const u8 *map;
	u32 accel;
	u32 special;
	u32 s;
	const struct mgroup *g;
	struct mstream *ms;
};

/* Lane @l entered a special state: a match, or its group died. */
static bool lane_event(struct lane *l)
{
	if (l->s == l->g->dead) {
		l->ms->state = l->g->dead;
		l->next = idle_next;
		l->map = idle_map;
		l->special = ~0U;
		l->accel = ~0U;
		l->s = 0;
		return true;
	}
	l->ms->matched |= l7re_mask_get(masks(l->g, l->s) + CELL_JUST);
	return false;
}

/*
 * Up to LANES groups walk the data together: their table loads do not
 * depend on each other, so the CPU overlaps them, where one group at a
 * time waits for each load in turn.  One table load per byte and group;
 * states at or past a group's special row entered a match or DEAD.
 */
/* Moves the live lanes to the front of @ln, in order. */
static void compact_lanes(struct lane *ln)
{
	struct lane tmp;
	int k, j = 0;

	for (k = 0; k < LANES; k++) {
		if (ln[k].next == idle_next)
			continue;
		if (k != j) {
			tmp = ln[j];
			ln[j] = ln[k];
			ln[k] = tmp;
		}
		j++;
	}
}

/*
 * The loops keep each lane's state and table in locals (registers):
 * ln[] is touched only when a lane enters a special state.
 */
#define LANE_LOAD(k)							\
	do {								\
		s##k = ln[k].s;						\
		n##k = ln[k].next;					\
		m##k = ln[k].map;					\
		sp##k = ln[k].special;					\
	} while (0)

static void feed_lanes(struct lane *ln, unsigned int live,
		       const u8 *data, size_t len)
{
	const u32 *n0, *n1, *n2, *n3;
	const u8 *m0, *m1, *m2, *m3;
	u32 s0, s1, s2, s3, sp0, sp1, sp2, sp3;
	size_t i = 0;
	int k;

	LANE_LOAD(0);
	LANE_LOAD(1);
	LANE_LOAD(2);
	LANE_LOAD(3);
	for (; i < len && live > 2; i++) {
		u8 c = data[i];

		s0 = n0[s0 + m0[c]];
		s1 = n1[s1 + m1[c]];
		s2 = n2[s2 + m2[c]];
		s3 = n3[s3 + m3[c]];
		if (likely(s0 < sp0 && s1 < sp1 && s2 < sp2 && s3 < sp3))
			continue;
		ln[0].s = s0;
		ln[1].s = s1;
		ln[2].s = s2;
		ln[3].s = s3;
		for (k = 0; k < LANES; k++)
			if (ln[k].s >= ln[k].special)
				live -= lane_event(&ln[k]);
		LANE_LOAD(0);
		LANE_LOAD(1);
		LANE_LOAD(2);
		LANE_LOAD(3);
	}
	ln[0].s = s0;
	ln[1].s = s1;
	ln[2].s = s2;
	ln[3].s = s3;
	/* Two groups left (the common case past the first bytes): two loads. */
	compact_lanes(ln);
	LANE_LOAD(0);
	LANE_LOAD(1);
	for (; i < len && live == 2; i++) {
		u8 c = data[i];

		s0 = n0[s0 + m0[c]];
		s1 = n1[s1 + m1[c]];
		if (likely(s0 < sp0 && s1 < sp1))
			continue;
		ln[0].s = s0;
		ln[1].s = s1;
		for (k = 0; k < 2; k++)
			if (ln[k].s >= ln[k].special)
				live -= lane_event(&ln[k]);
		LANE_LOAD(0);
		LANE_LOAD(1);
	}
	ln[0].s = s0;
	ln[1].s = s1;
	/* One group left (often an anchored one that lives long): alone. */
	compact_lanes(ln);
	LANE_LOAD(0);
	while (live == 1 && i < len) {
		u32 acc = ln[0].accel;

		s0 = n0[s0 + m0[data[i++]]];
		if (likely(s0 < acc))
			continue;
		ln[0].s = s0;
		if (s0 >= sp0) {
			if (lane_event(&ln[0]))
				break;
			LANE_LOAD(0);
			continue;
		}
		/* Few bytes leave this state: skip to the next of them. */
		i = l7re_skip(n0[s0 + ln[0].g->ncls + CELL_ESC],
			      n0[s0 + ln[0].g->ncls + CELL_ESC + 1],
			      data, i, len);
	}
	if (live == 1)
		ln[0].s = s0;
	for (k = 0; k < LANES; k++)
		if (ln[k].g && ln[k].next != idle_next)
			ln[k].ms->state = ln[k].s;
}

static bool group_final(const struct mgroup *g, const struct mstream *ms)
{
	return ms->state == g->dead;
}

int l7re_multi_stream_feed_steps(const struct l7re_multi *m, void *stream,
				 const u8 *data, size_t len,
				 unsigned long *steps)
{
	struct mstream *ms = stream;
	struct lane ln[LANES];
	unsigned int live = 0;
	bool final = true;
	unsigned long cost;
	u32 g, k;

	/*
	 * Groups and byte-pair members: a table load per byte each at
	 * most, charged before; solo members count their own work.
	 */
	cost = (unsigned long)len * (m->ngroups + m->npairs);
	if (cost > *steps)
		return L7RE_OVER;
	*steps -= cost;

	for (g = 0; g <= m->ngroups; g++) {
		const struct mgroup *gr = &m->groups[g];

		if (g < m->ngroups && !group_final(gr, &ms[g])) {
			ln[live].next = gr->next;
			ln[live].map = gr->map;
			ln[live].special = gr->special;
			ln[live].accel = gr->accel;
			ln[live].s = ms[g].state;
			ln[live].g = gr;
			ln[live].ms = &ms[g];
			live++;
		}
		if (live == LANES || (g == m->ngroups && live)) {
			for (k = live; k < LANES; k++) {
				ln[k].next = idle_next;
				ln[k].map = idle_map;
				ln[k].special = ~0U;
				ln[k].accel = ~0U;
				ln[k].s = 0;
				ln[k].g = NULL;
			}
			feed_lanes(ln, live, data, len);
			live = 0;
		}
	}
	for (g = 0; g < m->ngroups; g++)
		final &= group_final(&m->groups[g], &ms[g]);
	if (m->mpre)
		final &= l7re_mpre_feed(m->mpre, (u8 *)stream + m->mpre_off,
					data, len);
	for (k = 0; k < m->nsolo; k++) {
		struct nstream *ns = (void *)((u8 *)stream + m->solo_off[k]);

		if (ns->result != L7RE_DEAD) {
			int r = l7re_stream_feed_steps(m->solo[k], ns + 1,
						       data, len, steps);

			if (r == L7RE_OVER)
				return L7RE_OVER;
			ns->result = r;
		}
		/* A match may depend on $: only DEAD is surely final. */
		final &= ns->result == L7RE_DEAD;
	}
	return final ? L7RE_DEAD : L7RE_PENDING;
}

int l7re_multi_stream_feed(const struct l7re_multi *m, void *stream,
			   const u8 *data, size_t len)
{
	unsigned long unbounded = ~0UL;

	return l7re_multi_stream_feed_steps(m, stream, data, len, &unbounded);
}

/* Members of group @g matching now, as bits. */
static u64 group_matching(const struct mgroup *g, const struct mstream *ms)
{
	return ms->matched | l7re_mask_get(masks(g, ms->state) + CELL_EOL);
}

void l7re_multi_results(const struct l7re_multi *m, const void *stream,
			u8 *res)
{
	const struct mstream *ms = stream;
	u32 g, b, k;

	for (g = 0; g < m->ngroups; g++) {
		const struct mgroup *gr = &m->groups[g];
		u64 match = group_matching(gr, &ms[g]);
		u64 alive = l7re_mask_get(masks(gr, ms[g].state) + CELL_ALIVE);

		for (b = 0; b < gr->nmem; b++)
			res[gr->mem[b]] = (match >> b) & 1 ? L7RE_MATCH :
					  (alive >> b) & 1 ? L7RE_PENDING :
					  L7RE_DEAD;
	}
	for (k = 0; k < m->nsolo; k++) {
		const struct nstream *ns = (const void *)((const u8 *)stream +
							  m->solo_off[k]);

		res[m->solo_member[k]] = ns->result;
	}
	if (m->mpre)
		l7re_mpre_results(m->mpre, (const u8 *)stream + m->mpre_off,
				  res);
}

int l7re_multi_first(const struct l7re_multi *m, const void *stream)
{
	const struct mstream *ms = stream;
	int first = -1;
	u32 g, k;

	for (g = 0; g < m->ngroups; g++) {
		const struct mgroup *gr = &m->groups[g];
		u64 bits = group_matching(gr, &ms[g]);

		while (bits) {
			int mem = gr->mem[__builtin_ctzll(bits)];

			if (first < 0 || mem < first)
				first = mem;
			bits &= bits - 1;
		}
	}
	for (k = 0; k < m->nsolo; k++) {
		const struct nstream *ns = (const void *)((const u8 *)stream +
							  m->solo_off[k]);

		if (ns->result == L7RE_MATCH &&
		    (first < 0 || m->solo_member[k] < first))
			first = m->solo_member[k];
	}
	if (m->mpre) {
		int f = l7re_mpre_first(m->mpre,
					(const u8 *)stream + m->mpre_off);

		if (f >= 0 && (first < 0 || f < first))
			first = f;
	}
	return first;
}
