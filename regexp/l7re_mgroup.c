// SPDX-License-Identifier: GPL-2.0
/*
 * Product automata for l7re_multi (see l7re_multi.h, l7re_mgroup.h).
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
 */
#include "l7re_mgroup.h"

void l7re_mdfa_release(struct mdfa *d)
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
		return -ENOMEM;
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

u32 l7re_prog_cell(const struct l7re_prog *p, u32 row, u32 cls)
{
	return l7re_dfa_cell(p, row + cls) / p->dfa_width;
}

/* State @s's successor on class @c: in @big if given, else in @p's table. */
static u32 src_cell(const struct l7re_prog *p, const struct l7re_dfa *big,
		    u32 s, u32 c)
{
	if (big)
		return big->next[s * p->nclasses + c];
	return l7re_prog_cell(p, s * p->dfa_width, c);
}

/*
 * Member @member's DFA with MATCH made transient: @p's own, or @big,
 * built for the multi when @p has none (see classify()).
 */
int l7re_mdfa_from_prog(struct mdfa *d, const struct l7re_prog *p,
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
		*err = -E2BIG;
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
 * Product of @x and @y into @d, members of @x first.  -E2BIG
 * when it would exceed @max_cells.  The pair (DEAD, DEAD) is state 0,
 * so DEAD stays 0.
 */
int l7re_mdfa_product(struct mdfa *d, const struct mdfa *x,
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
		return -ENOMEM;
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
		return -E2BIG;
	for (tsize = 64; tsize < 2 * max_states; tsize *= 2)
		;
	pr.a = l7_alloc(max_states * sizeof(u32));
	pr.b = l7_alloc(max_states * sizeof(u32));
	pr.table = l7_zalloc(tsize * sizeof(u32));
	pr.tmask = tsize - 1;
	if (!pr.a || !pr.b || !pr.table) {
		err = -ENOMEM;
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
		l7re_mdfa_release(d);
	return err;
}

static void put_mask(u32 *cell, u64 m)
{
	cell[0] = (u32)m;
	cell[1] = (u32)(m >> 32);
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
int l7re_mgroup_layout(struct mgroup *g, const struct mdfa *d)
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
		return -ENOMEM;
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

