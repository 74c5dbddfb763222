// SPDX-License-Identifier: GPL-2.0
/*
 * Group automata for l7re_multi (see l7re_multi.h).
 *
 * Each member DFA is first rewritten so that its sticky MATCH state is
 * transient: entering it sets the member's bit in the state's "just"
 * mask, and the next byte leaves it for DEAD.  A stream ORs the just
 * masks it enters into its own matched mask.  Members that finished
 * (matched or died) are then all in state DEAD, so the product of two
 * such automata only distinguishes the members still running, and its
 * states stay few once the anchored members fall away.  Each state
 * also carries the mask of members whose data may end there ($, the
 * NUL column of their DFA) and of members still running.
 *
 * Groups are filled greedily in member order: a member joins the
 * current group when the product stays within the cell bound, else it
 * opens the next group.  Work is bounded by that product size per
 * member.  No recursion; l7_cond_resched() between products.
 */
#include "l7re_int.h"
#include "l7re_multi.h"
#include "l7re_mpre.h"

#define MAX_GROUP_MEMBERS	64

/*
 * Extra cells after each row's classes: just, eol, alive (64 bits
 * each), then escape bytes as an accelerated l7re row holds them.
 */
#define MASK_CELLS		8
#define CELL_JUST		0
#define CELL_EOL		2
#define CELL_ALIVE		4
#define CELL_ESC		6

/* An automaton under construction: state ids, DEAD is state 0. */
struct mdfa {
	u32 n, cap, ncls;
	u32 init;
	u8 map[256];
	u32 *next;		/* [n * ncls] state ids */
	u64 *just, *eol, *alive;	/* [n] member bits */
	u32 nmem;
	u16 mem[MAX_GROUP_MEMBERS];
};

struct mgroup {
	u32 ncls, width;
	u32 init, accel, special, dead;	/* row offsets */
	u32 nmem;
	u16 mem[MAX_GROUP_MEMBERS];
	u8 map[256];
	u32 *next;
};

struct l7re_multi {
	size_t size;
	u32 n, ngroups, nnfa;
	struct mgroup *groups;
	struct l7re_mpre *mpre;		/* unanchored members, or NULL */
	size_t mpre_off;		/* its offset in the stream */
	/* Members that run their own stream (no DFA, no usable pair). */
	const struct l7re_prog **nfa;	/* [nnfa] */
	u16 *nfa_member;		/* [nnfa] their member index */
	u32 *nfa_off;			/* [nnfa] offset in the stream */
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

/* Per member without a DFA: its last answer, then its own stream. */
struct nstream {
	u32 result;
	u32 pad;
};

static void mdfa_release(struct mdfa *d)
{
	l7_free(d->next);
	l7_free(d->just);
	l7_free(d->eol);
	l7_free(d->alive);
	memset(d, 0, sizeof(*d));
}

static int mdfa_reserve(struct mdfa *d, u32 want)
{
	u32 cap = d->cap ? d->cap : 64, *next;
	u64 *just, *eol, *alive;

	if (want <= d->cap)
		return 0;
	while (cap < want)
		cap *= 2;
	next = l7_alloc((size_t)cap * d->ncls * sizeof(u32));
	just = l7_alloc(cap * sizeof(u64));
	eol = l7_alloc(cap * sizeof(u64));
	alive = l7_alloc(cap * sizeof(u64));
	if (!next || !just || !eol || !alive) {
		l7_free(next);
		l7_free(just);
		l7_free(eol);
		l7_free(alive);
		return L7RE_ERR_NOMEM;
	}
	if (d->n) {
		memcpy(next, d->next, (size_t)d->n * d->ncls * sizeof(u32));
		memcpy(just, d->just, d->n * sizeof(u64));
		memcpy(eol, d->eol, d->n * sizeof(u64));
		memcpy(alive, d->alive, d->n * sizeof(u64));
	}
	l7_free(d->next);
	l7_free(d->just);
	l7_free(d->eol);
	l7_free(d->alive);
	d->next = next;
	d->just = just;
	d->eol = eol;
	d->alive = alive;
	d->cap = cap;
	return 0;
}

static u32 prog_cell(const struct l7re_prog *p, u32 row, u32 cls)
{
	u32 v = p->dfa16 ? p->dfa16[row + cls] : p->dfa32[row + cls];

	return v / p->dfa_width;
}

/* State @s's successor on class @c: in @big if given, else in @p's table. */
static u32 src_cell(const struct l7re_prog *p, const struct l7re_dfa *big,
		    u32 s, u32 c)
{
	if (big)
		return big->next[s * p->nclasses + c];
	return prog_cell(p, s * p->dfa_width, c);
}

/*
 * Member @member's DFA with MATCH made transient: @p's own, or @big,
 * built for the multi when @p has none (see classify()).
 */
static int mdfa_from_prog(struct mdfa *d, const struct l7re_prog *p,
			  const struct l7re_dfa *big, unsigned int member)
{
	u32 s, c, nul = p->classmap[0], n = big ? big->nstates : p->ndfa;
	int err;

	memset(d, 0, sizeof(*d));
	d->ncls = p->nclasses;
	memcpy(d->map, p->classmap, sizeof(d->map));
	err = mdfa_reserve(d, n);
	if (err)
		return err;
	d->n = n;
	d->nmem = 1;
	d->mem[0] = member;
	d->init = big ? big->init : p->dfa_init / p->dfa_width;
	for (s = 0; s < d->n; s++) {
		bool running = s >= L7RE_DFA_INIT;

		for (c = 0; c < d->ncls; c++)
			d->next[s * d->ncls + c] = running ?
				src_cell(p, big, s, c) : L7RE_DFA_DEAD;
		d->just[s] = s == L7RE_DFA_MATCH;
		d->alive[s] = running;
		d->eol[s] = running &&
			    src_cell(p, big, s, nul) == L7RE_DFA_MATCH;
	}
	return 0;
}

struct pairs {
	u32 *a, *b;		/* [state] the pair it stands for */
	u32 *table;		/* open addressing: state + 1, 0 empty */
	u32 tmask;
};

static u32 pair_hash(u32 a, u32 b)
{
	return (a * 0x9e3779b1u) ^ (b * 0x85ebca77u);
}

/* Id of (a, b), adding it as state d->n when new; ~0U on a bound. */
static u32 pair_id(struct pairs *pr, struct mdfa *d, u32 a, u32 b,
		   u32 max_states, int *err)
{
	u32 h = pair_hash(a, b) & pr->tmask, id;

	while ((id = pr->table[h])) {
		if (pr->a[id - 1] == a && pr->b[id - 1] == b)
			return id - 1;
		h = (h + 1) & pr->tmask;
	}
	if (d->n >= max_states) {
		*err = L7RE_ERR_TOOBIG;
		return ~0U;
	}
	*err = mdfa_reserve(d, d->n + 1);
	if (*err)
		return ~0U;
	pr->a[d->n] = a;
	pr->b[d->n] = b;
	pr->table[h] = d->n + 1;
	return d->n++;
}

/*
 * Product of @x and @y into @d, members of @x first.  L7RE_ERR_TOOBIG
 * when it would exceed @max_cells.  The pair (DEAD, DEAD) is state 0,
 * so DEAD stays 0.
 */
static int mdfa_product(struct mdfa *d, const struct mdfa *x,
			const struct mdfa *y, size_t max_cells)
{
	u8 rep[256];
	u16 *cls = NULL;
	struct pairs pr = { NULL, NULL, NULL, 0 };
	u32 max_states, s, c, i, shift = x->nmem, tsize;
	int err = 0;

	memset(d, 0, sizeof(*d));
	cls = l7_alloc((size_t)x->ncls * y->ncls * sizeof(u16));
	if (!cls)
		return L7RE_ERR_NOMEM;
	memset(cls, 0xff, (size_t)x->ncls * y->ncls * sizeof(u16));
	for (i = 0; i < 256; i++) {
		u16 *k = &cls[x->map[i] * y->ncls + y->map[i]];

		if (*k == 0xffff) {
			*k = d->ncls;
			rep[d->ncls++] = i;
		}
		d->map[i] = *k;
	}
	l7_free(cls);
	max_states = max_cells / d->ncls;
	if (max_states < 2)
		return L7RE_ERR_TOOBIG;
	for (tsize = 64; tsize < 2 * max_states; tsize *= 2)
		;
	pr.a = l7_alloc(max_states * sizeof(u32));
	pr.b = l7_alloc(max_states * sizeof(u32));
	pr.table = l7_zalloc(tsize * sizeof(u32));
	pr.tmask = tsize - 1;
	if (!pr.a || !pr.b || !pr.table) {
		err = L7RE_ERR_NOMEM;
		goto out;
	}
	d->nmem = x->nmem + y->nmem;
	memcpy(d->mem, x->mem, x->nmem * sizeof(u16));
	memcpy(d->mem + x->nmem, y->mem, y->nmem * sizeof(u16));
	pair_id(&pr, d, 0, 0, max_states, &err);
	if (!err)
		d->init = pair_id(&pr, d, x->init, y->init, max_states, &err);
	/* Breadth first: the state list is the work queue. */
	for (s = 0; !err && s < d->n; s++) {
		u32 a = pr.a[s], b = pr.b[s];

		d->just[s] = x->just[a] | y->just[b] << shift;
		d->eol[s] = x->eol[a] | y->eol[b] << shift;
		d->alive[s] = x->alive[a] | y->alive[b] << shift;
		for (c = 0; c < d->ncls && !err; c++) {
			u32 na = x->next[a * x->ncls + x->map[rep[c]]];
			u32 nb = y->next[b * y->ncls + y->map[rep[c]]];
			u32 t = pair_id(&pr, d, na, nb, max_states, &err);

			/* pair_id() may have moved d->next. */
			if (!err)
				d->next[s * d->ncls + c] = t;
		}
	}
out:
	l7_free(pr.a);
	l7_free(pr.b);
	l7_free(pr.table);
	if (err)
		mdfa_release(d);
	return err;
}

static void put_mask(u32 *cell, u64 m)
{
	cell[0] = (u32)m;
	cell[1] = (u32)(m >> 32);
}

static u64 get_mask(const u32 *cell)
{
	return cell[0] | (u64)cell[1] << 32;
}

/*
 * Final table: states renumbered so that those entering a match come
 * after the others and DEAD last, so one comparison per byte tells
 * that something happened; offsets premultiplied by the row width.
 */
/*
 * Whether few bytes leave state @s: at most L7RE_ACCEL_BYTES, or that
 * many printable ones besides non-printable ones; fills @esc as the
 * escape cells of an accelerated row (unused slots repeat a byte; NUL
 * always escapes, see l7re_skip()).
 */
static bool group_escapes(const struct mdfa *d, u32 s, u32 *esc)
{
	u8 all[L7RE_ACCEL_BYTES], print[L7RE_ACCEL_BYTES];
	u32 nall = 0, nprint = 0, b;
	const u8 *e;
	bool nonprint;

	for (b = 1; b < 256; b++) {
		if (d->next[s * d->ncls + d->map[b]] == s)
			continue;
		if (nall < L7RE_ACCEL_BYTES)
			all[nall] = b;
		nall++;
		if (b >= 0x20 && b < 0x7f) {
			if (nprint == L7RE_ACCEL_BYTES)
				return false;
			print[nprint++] = b;
		}
	}
	nonprint = nall > L7RE_ACCEL_BYTES;
	e = nonprint ? print : all;
	b = nonprint ? nprint : nall;
	if (!b) {
		esc[0] = esc[1] = nonprint ? L7RE_ESC_NONPRINT : 0;
		return true;
	}
	esc[0] = e[0] | (b > 1 ? e[1] : e[0]) << 8;
	esc[1] = (b > 2 ? e[2] : e[0]) | (nonprint ? L7RE_ESC_NONPRINT : 0);
	return true;
}

/*
 * Final table: states renumbered so that accelerated ones come after
 * the others, those entering a match after them and DEAD last, so one
 * comparison per byte tells that something is to be done; offsets
 * premultiplied by the row width.
 */
static int group_layout(struct mgroup *g, const struct mdfa *d)
{
	u32 *id = l7_alloc(d->n * sizeof(u32));
	u32 *esc = l7_alloc(d->n * 2 * sizeof(u32));
	u8 *fast = l7_alloc(d->n);
	u32 s, c, k = 0, w = d->ncls + MASK_CELLS, start[3];
	int pass;

	memset(g, 0, sizeof(*g));
	g->next = l7_alloc((size_t)d->n * w * sizeof(u32));
	if (!id || !esc || !fast || !g->next) {
		l7_free(id);
		l7_free(esc);
		l7_free(fast);
		l7_free(g->next);
		g->next = NULL;
		return L7RE_ERR_NOMEM;
	}
	for (s = 1; s < d->n; s++)
		fast[s] = !d->just[s] && group_escapes(d, s, esc + 2 * s);
	/* Pass 0: plain, 1: accelerated, 2: entering a match. */
	for (pass = 0; pass < 3; pass++) {
		start[pass] = k;
		for (s = 1; s < d->n; s++)
			if ((d->just[s] ? 2 : fast[s]) == pass)
				id[s] = k++;
	}
	id[0] = k;
	g->ncls = d->ncls;
	g->width = w;
	g->accel = start[1] * w;
	g->special = start[2] * w;
	g->dead = k * w;
	g->init = id[d->init] * w;
	g->nmem = d->nmem;
	memcpy(g->mem, d->mem, sizeof(g->mem));
	memcpy(g->map, d->map, sizeof(g->map));
	for (s = 0; s < d->n; s++) {
		u32 *row = g->next + (size_t)id[s] * w;

		for (c = 0; c < d->ncls; c++)
			row[c] = id[d->next[s * d->ncls + c]] * w;
		put_mask(row + d->ncls + CELL_JUST, d->just[s]);
		put_mask(row + d->ncls + CELL_EOL, d->eol[s]);
		put_mask(row + d->ncls + CELL_ALIVE, d->alive[s]);
		row[d->ncls + CELL_ESC] = s && fast[s] ? esc[2 * s] : 0;
		row[d->ncls + CELL_ESC + 1] = s && fast[s] ? esc[2 * s + 1] : 0;
	}
	l7_free(id);
	l7_free(esc);
	l7_free(fast);
	return 0;
}

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
	l7_free(m->nfa);
	l7_free(m->nfa_member);
	l7_free(m->nfa_off);
	l7_free(m);
}

static int flush_group(struct l7re_multi *m, struct mdfa *cur)
{
	struct mgroup *g = &m->groups[m->ngroups];
	int err;

	if (!cur->n)
		return 0;
	err = group_layout(g, cur);
	mdfa_release(cur);
	if (err)
		return err;
	m->ngroups++;
	m->size += (size_t)g->dead / g->width * g->width * sizeof(u32) +
		   g->width * sizeof(u32);
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
 * Returns 1, 0, or L7RE_ERR_NOMEM.
 */
static int cyclic(const struct l7re_prog *p)
{
	u32 n = p->ndfa, w = p->dfa_width, s, c, t, head = 0, tail = 0;
	u32 *indeg = l7_zalloc(n * sizeof(u32));
	u32 *queue = l7_alloc(n * sizeof(u32));
	int ret = L7RE_ERR_NOMEM;

	if (!indeg || !queue)
		goto out;
	for (s = L7RE_DFA_INIT; s < n; s++)
		for (c = 0; c < p->nclasses; c++) {
			t = prog_cell(p, s * w, c);
			if (t >= L7RE_DFA_INIT)
				indeg[t]++;
		}
	for (s = L7RE_DFA_INIT; s < n; s++)
		if (!indeg[s])
			queue[tail++] = s;
	while (head < tail) {
		s = queue[head++];
		for (c = 0; c < p->nclasses; c++) {
			t = prog_cell(p, s * w, c);
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
 * Greedy grouping in member order, in two passes: anchored DFAs that
 * die within a bounded number of bytes, then those that may live on
 * (a loop such as [ -~]*), so that the groups alive after the first
 * bytes are few.
 */
static int build_groups(struct l7re_multi *m,
			const struct l7re_prog *const *progs, size_t max_cells)
{
	struct mdfa cur, one, prod;
	unsigned int i, pass;
	int err = 0;

	memset(&cur, 0, sizeof(cur));
	for (pass = KIND_GROUP; pass <= KIND_GROUP_BIG && !err; pass++) {
		for (i = 0; i < m->n && !err; i++) {
			if (m->kind[i] != pass)
				continue;
			err = mdfa_from_prog(&one, progs[i],
					     pass == KIND_GROUP_BIG ?
					     &m->big[i] : NULL, i);
			if (err)
				break;
			if (!cur.n) {
				cur = one;
				continue;
			}
			err = cur.nmem < MAX_GROUP_MEMBERS ?
			      mdfa_product(&prod, &cur, &one, max_cells) :
			      L7RE_ERR_TOOBIG;
			if (!err) {
				mdfa_release(&cur);
				mdfa_release(&one);
				cur = prod;
			} else if (err == L7RE_ERR_TOOBIG) {
				err = flush_group(m, &cur);
				cur = one;
			} else {
				mdfa_release(&one);
			}
			l7_cond_resched();
		}
		if (!err)
			err = flush_group(m, &cur);
	}
	mdfa_release(&cur);
	return err;
}

/*
 * Anchored DFAs go into product groups; unanchored ones that have a
 * usable pair of required byte sets are woken by the shared pair scan;
 * the rest (no DFA, or no such pair) run alone.
 */
static int classify(struct l7re_multi *m, const struct l7re_prog *const *progs)
{
	u16 *pairs = l7_alloc((m->n ? m->n : 1) * sizeof(u16));
	u32 i, np = 0;
	int err = 0;

	if (!pairs)
		return L7RE_ERR_NOMEM;
	for (i = 0; i < m->n && err >= 0; i++) {
		m->kind[i] = KIND_SOLO;
		if (!progs[i]->ndfa) {
			/*
			 * Too big for a program of its own (2009's skypeout:
			 * 255 alternatives of 256 byte classes), but one
			 * multi can afford a bigger table than every rule.
			 */
			err = l7re_dfa_build(progs[i], &m->big[i],
					     L7RE_MULTI_BIG_WORK,
					     L7RE_MULTI_BIG_CELLS);
			if (!err)
				m->kind[i] = KIND_GROUP_BIG;
			else if (err == L7RE_ERR_TOOBIG)
				err = 0;
			continue;
		}
		if (anchored(progs[i])) {
			err = cyclic(progs[i]);
			m->kind[i] = err > 0 ? KIND_GROUP_LOOP : KIND_GROUP;
			continue;
		}
		err = l7re_mpre_usable(progs[i]);
		if (err > 0) {
			m->kind[i] = KIND_PAIRS;
			pairs[np++] = i;
		}
	}
	if (err >= 0 && np)
		err = l7re_mpre_build(&m->mpre, progs, pairs, np);
	l7_free(pairs);
	return err < 0 ? err : 0;
}

int l7re_multi_compile_cells(struct l7re_multi **mp,
			     const struct l7re_prog *const *progs,
			     unsigned int n, size_t max_cells)
{
	struct l7re_multi *m;
	size_t off;
	unsigned int i;
	int err;

	*mp = NULL;
	m = l7_zalloc(sizeof(*m));
	if (!m)
		return L7RE_ERR_NOMEM;
	m->n = n;
	m->size = sizeof(*m);
	/* At most one group per member; shrunk by nothing, it is small. */
	m->groups = l7_zalloc((n ? n : 1) * sizeof(*m->groups));
	m->nfa = l7_zalloc((n ? n : 1) * sizeof(*m->nfa));
	m->nfa_member = l7_zalloc((n ? n : 1) * sizeof(*m->nfa_member));
	m->nfa_off = l7_zalloc((n ? n : 1) * sizeof(*m->nfa_off));
	m->kind = l7_zalloc(n ? n : 1);
	m->big = l7_zalloc((n ? n : 1) * sizeof(*m->big));
	if (!m->groups || !m->nfa || !m->nfa_member || !m->nfa_off ||
	    !m->kind || !m->big) {
		err = L7RE_ERR_NOMEM;
		goto fail;
	}
	m->size += n * (sizeof(*m->groups) + sizeof(*m->nfa) +
			sizeof(*m->nfa_member) + sizeof(*m->nfa_off));
	err = classify(m, progs);
	if (err)
		goto fail;
	err = build_groups(m, progs, max_cells);
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
		if (m->kind[i] != KIND_SOLO)
			continue;
		m->nfa[m->nnfa] = progs[i];
		m->nfa_member[m->nnfa] = i;
		m->nfa_off[m->nnfa] = off;
		off += sizeof(struct nstream) +
		       ((l7re_stream_size(progs[i]) + 7) & ~(size_t)7);
		m->nnfa++;
	}
	m->stream_size = off ? off : sizeof(struct mstream);
	*mp = m;
	return 0;
fail:
	l7re_multi_free(m);
	return err;
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
		ms[g].matched = get_mask(masks(&m->groups[g],
					       ms[g].state) + CELL_JUST);
	}
	if (m->mpre)
		l7re_mpre_init(m->mpre, (u8 *)stream + m->mpre_off);
	for (k = 0; k < m->nnfa; k++) {
		struct nstream *ns = (void *)((u8 *)stream + m->nfa_off[k]);

		l7re_stream_init(m->nfa[k], ns + 1);
		ns->result = l7re_stream_feed(m->nfa[k], ns + 1, NULL, 0);
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
	l->ms->matched |= get_mask(masks(l->g, l->s) + CELL_JUST);
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

int l7re_multi_stream_feed(const struct l7re_multi *m, void *stream,
			   const u8 *data, size_t len)
{
	struct mstream *ms = stream;
	struct lane ln[LANES];
	unsigned int live = 0;
	bool final = true;
	u32 g, k;

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
	for (k = 0; k < m->nnfa; k++) {
		struct nstream *ns = (void *)((u8 *)stream + m->nfa_off[k]);

		if (ns->result != L7RE_DEAD)
			ns->result = l7re_stream_feed(m->nfa[k], ns + 1,
						      data, len);
		/* A match may depend on $: only DEAD is surely final. */
		final &= ns->result == L7RE_DEAD;
	}
	return final ? L7RE_DEAD : L7RE_PENDING;
}

/* Members of group @g matching now, as bits. */
static u64 group_matching(const struct mgroup *g, const struct mstream *ms)
{
	return ms->matched | get_mask(masks(g, ms->state) + CELL_EOL);
}

void l7re_multi_results(const struct l7re_multi *m, const void *stream,
			u8 *res)
{
	const struct mstream *ms = stream;
	u32 g, b, k;

	for (g = 0; g < m->ngroups; g++) {
		const struct mgroup *gr = &m->groups[g];
		u64 match = group_matching(gr, &ms[g]);
		u64 alive = get_mask(masks(gr, ms[g].state) + CELL_ALIVE);

		for (b = 0; b < gr->nmem; b++)
			res[gr->mem[b]] = (match >> b) & 1 ? L7RE_MATCH :
					  (alive >> b) & 1 ? L7RE_PENDING :
					  L7RE_DEAD;
	}
	for (k = 0; k < m->nnfa; k++) {
		const struct nstream *ns = (const void *)((const u8 *)stream +
							  m->nfa_off[k]);

		res[m->nfa_member[k]] = ns->result;
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
	for (k = 0; k < m->nnfa; k++) {
		const struct nstream *ns = (const void *)((const u8 *)stream +
							  m->nfa_off[k]);

		if (ns->result == L7RE_MATCH &&
		    (first < 0 || m->nfa_member[k] < first))
			first = m->nfa_member[k];
	}
	if (m->mpre) {
		int f = l7re_mpre_first(m->mpre,
					(const u8 *)stream + m->mpre_off);

		if (f >= 0 && (first < 0 || f < first))
			first = f;
	}
	return first;
}
