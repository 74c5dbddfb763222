// SPDX-License-Identifier: GPL-2.0
/*
 * Subset construction at compile time, bounded in states, cells and
 * work; the caller falls back to the NFA when a bound is hit.
 *
 * A DFA state is the set of NFA SET nodes alive after the epsilon
 * closure (the start is re-added at every offset: "matches anywhere")
 * plus whether the data may end there ($).  A closure that reaches
 * MATCH without $ is the sticky MATCH state.  The NUL byte has a class
 * of its own whose column holds the final answer, as V8's subject
 * ended at a NUL.  States that can no longer reach a match are folded
 * into DEAD afterwards so that streams stop early.
 */
#include "l7re_int.h"

struct builder {
	const struct l7re_prog *prog;
	struct l7re_closure c;
	u8 rep[256];		/* one byte of each class */
	u64 *setmask;		/* bit n: node n is a SET node */
	u16 *pool;		/* state kernels, back to back */
	u32 pool_len, pool_cap;
	u32 *kofs;		/* [state] kernel offset, [state + 1] end */
	u32 *hash;		/* [state] */
	u16 *next;
	u8 *eol;
	u32 nstates, cap;
	u16 *table;		/* open addressing, state ids */
	u32 tmask;
	unsigned long work, max_work;
	u32 max_states;
};

#define NO_STATE	0xffff

static bool grow(void **p, size_t used, size_t want)
{
	void *n = l7_alloc(want);

	if (!n)
		return false;
	if (*p)
		memcpy(n, *p, used);
	l7_free(*p);
	*p = n;
	return true;
}

static u32 kernel_hash(const u16 *k, u32 n, bool eol)
{
	u32 h = 2166136261u ^ eol;
	u32 i;

	for (i = 0; i < n; i++)
		h = (h ^ k[i]) * 16777619u;
	return h;
}

/*
 * Canonical kernel: the SET nodes the closure visited, in index order,
 * read off the visited bits (O(nodes / 64 + kernel), no sort).
 */
static void canonical(struct builder *b)
{
	size_t words = (b->prog->nnodes + 63) / 64, w;
	struct l7re_closure *c = &b->c;

	c->nout = 0;
	for (w = 0; w < words; w++) {
		u64 bits = c->visited[w] & b->setmask[w];

		while (bits) {
			c->out[c->nout++] = w * 64 + __builtin_ctzll(bits);
			bits &= bits - 1;
		}
	}
}

static int rehash(struct builder *b, u32 size)
{
	u32 i;

	l7_free(b->table);
	b->table = l7_alloc(size * sizeof(*b->table));
	if (!b->table)
		return -ENOMEM;
	memset(b->table, 0xff, size * sizeof(*b->table));
	b->tmask = size - 1;
	for (i = L7RE_DFA_INIT; i < b->nstates; i++) {
		u32 j = b->hash[i] & b->tmask;

		while (b->table[j] != NO_STATE)
			j = (j + 1) & b->tmask;
		b->table[j] = i;
	}
	return 0;
}

static int add_state(struct builder *b, u32 h, bool eol)
{
	u32 ncls = b->prog->nclasses, id = b->nstates;
	const struct l7re_closure *c = &b->c;

	if (id >= b->max_states)
		return -E2BIG;
	if (id + 1 >= b->cap) {
		u32 cap = 2 * b->cap;

		if (!grow((void **)&b->next, (size_t)b->cap * ncls * 2,
			  (size_t)cap * ncls * 2) ||
		    !grow((void **)&b->eol, b->cap, cap) ||
		    !grow((void **)&b->hash, b->cap * 4, (size_t)cap * 4) ||
		    !grow((void **)&b->kofs, b->cap * 4, (size_t)cap * 4))
			return -ENOMEM;
		b->cap = cap;
	}
	if (b->pool_len + c->nout > b->pool_cap) {
		u32 cap = 2 * (b->pool_len + c->nout);

		if (!grow((void **)&b->pool, b->pool_len * 2, (size_t)cap * 2))
			return -ENOMEM;
		b->pool_cap = cap;
	}
	memcpy(b->pool + b->pool_len, c->out, c->nout * 2);
	b->kofs[id] = b->pool_len;
	b->pool_len += c->nout;
	b->kofs[id + 1] = b->pool_len;
	b->hash[id] = h;
	b->eol[id] = eol;
	b->nstates++;
	b->work += c->nout;
	if (2 * b->nstates > b->tmask)
		return rehash(b, 2 * (b->tmask + 1));
	return 0;
}

/* The state for the closure just computed: found or added. */
static int intern(struct builder *b, bool fresh)
{
	struct l7re_closure *c = &b->c;
	u32 h, j;
	int err;

	if (c->match)
		return L7RE_DFA_MATCH;
	if (!c->nout && !c->eol_match)
		return L7RE_DFA_DEAD;
	canonical(b);
	h = kernel_hash(c->out, c->nout, c->eol_match);
	j = h & b->tmask;
	/* The initial state is never shared: only there may ^ match. */
	while (!fresh && b->table[j] != NO_STATE) {
		u32 s = b->table[j];
		u32 n = b->kofs[s + 1] - b->kofs[s];

		if (b->hash[s] == h && n == c->nout &&
		    b->eol[s] == c->eol_match &&
		    !memcmp(b->pool + b->kofs[s], c->out, n * 2))
			return s;
		j = (j + 1) & b->tmask;
	}
	err = add_state(b, h, c->eol_match);
	if (err)
		return err;
	if (!fresh)
		b->table[j] = b->nstates - 1;
	return b->nstates - 1;
}

/*
 * The state of the start thread alone: at offset 0 (never shared, as
 * only there may ^ match), or at any later offset.
 */
static int start_state(struct builder *b, bool at_start)
{
	l7re_closure_begin(b->prog, &b->c);
	l7re_closure_add(b->prog, &b->c, b->prog->start, at_start);
	return intern(b, at_start);
}

static int expand(struct builder *b, u32 s)
{
	const struct l7re_prog *prog = b->prog;
	u32 ncls = prog->nclasses, cls, k;
	u32 k0 = b->kofs[s], k1 = b->kofs[s + 1];
	int t;

	for (cls = 0; cls < ncls; cls++) {
		u8 byte = b->rep[cls];

		if (!byte) {
			/* The data ends at a NUL: final answer. */
			b->next[s * ncls + cls] = b->eol[s] ? L7RE_DFA_MATCH :
							      L7RE_DFA_DEAD;
			continue;
		}
		l7re_closure_begin(prog, &b->c);
		for (k = k0; k < k1; k++) {
			const struct l7re_node *n = &prog->nodes[b->pool[k]];

			if (l7re_set_has(&prog->sets[n->arg], byte))
				l7re_closure_add(prog, &b->c, n->out, false);
		}
		l7re_closure_add(prog, &b->c, prog->start, false);
		/* Real cost: kernel scan, closure steps, canonical(). */
		b->work += k1 - k0 + b->c.steps + prog->nnodes / 64;
		if (b->work > b->max_work)
			return -E2BIG;
		t = intern(b, false);
		if (t < 0)
			return t;
		b->next[s * ncls + cls] = t;
	}
	return 0;
}

/*
 * Fold states that cannot reach a match into DEAD: reverse edges in
 * CSR form, then a breadth-first walk back from the accepting states.
 */
static int prune(struct builder *b, struct l7re_dfa *dfa)
{
	u32 ncls = b->prog->nclasses, n = b->nstates;
	u32 *start = l7_zalloc((n + 1) * sizeof(u32));
	u16 *src = l7_alloc((size_t)n * ncls * sizeof(u16));
	u8 *live = l7_zalloc(n);
	u16 *queue = l7_alloc(n * sizeof(u16));
	u32 s, i, head = 0, tail = 0;
	int err = -ENOMEM;

	if (!start || !src || !live || !queue)
		goto out;
	for (s = L7RE_DFA_INIT; s < n; s++)
		for (i = 0; i < ncls; i++)
			start[b->next[s * ncls + i]]++;
	for (s = 1; s <= n; s++)
		start[s] += start[s - 1];
	for (s = L7RE_DFA_INIT; s < n; s++)
		for (i = 0; i < ncls; i++)
			src[--start[b->next[s * ncls + i]]] = s;
	for (s = L7RE_DFA_MATCH; s < n; s++) {
		if (s == L7RE_DFA_MATCH || b->eol[s]) {
			live[s] = 1;
			queue[tail++] = s;
		}
	}
	while (head < tail) {
		u32 t = queue[head++];

		for (i = start[t]; i < start[t + 1]; i++) {
			if (!live[src[i]]) {
				live[src[i]] = 1;
				queue[tail++] = src[i];
			}
		}
	}
	for (s = L7RE_DFA_INIT; s < n; s++)
		for (i = 0; i < ncls; i++)
			if (!live[b->next[s * ncls + i]])
				b->next[s * ncls + i] = L7RE_DFA_DEAD;
	/* A start that cannot lead to a match is DEAD from the outset. */
	if (!live[dfa->init])
		dfa->init = L7RE_DFA_DEAD;
	if (!live[dfa->any])
		dfa->any = L7RE_DFA_DEAD;
	err = 0;
out:
	l7_free(start);
	l7_free(src);
	l7_free(live);
	l7_free(queue);
	return err;
}

int l7re_dfa_build(const struct l7re_prog *prog, struct l7re_dfa *dfa,
		   unsigned long max_work, size_t max_cells,
		   const bool *stop, unsigned long *work)
{
	size_t words = (prog->nnodes + 63) / 64;
	struct builder b;
	u32 s, i;
	int err = -ENOMEM;

	memset(&b, 0, sizeof(b));
	memset(dfa, 0, sizeof(*dfa));
	b.prog = prog;
	b.max_work = max_work;
	b.max_states = max_cells / prog->nclasses;
	if (b.max_states > L7RE_DFA_MAX_STATES)
		b.max_states = L7RE_DFA_MAX_STATES;
	for (i = 256; i-- > 0;)
		b.rep[prog->classmap[i]] = i;
	b.setmask = l7_zalloc(words * sizeof(u64));
	b.c.visited = l7_zalloc(2 * words * sizeof(u64));
	b.c.stack = l7_alloc(prog->nlistmax * sizeof(u16));
	b.c.out = l7_alloc((prog->nsetnodes + 1) * sizeof(u16));
	for (i = 0; b.setmask && i < prog->nnodes; i++)
		if (prog->nodes[i].op == L7RE_OP_SET)
			b.setmask[i / 64] |= 1ULL << (i % 64);
	b.cap = 16;
	b.next = l7_zalloc((size_t)b.cap * prog->nclasses * 2);
	b.eol = l7_zalloc(b.cap);
	b.hash = l7_zalloc(b.cap * 4);
	b.kofs = l7_zalloc(b.cap * 4);
	b.pool_cap = 64;
	b.pool = l7_alloc(b.pool_cap * 2);
	if (!b.pool || !b.setmask || !b.c.visited || !b.c.stack ||
	    !b.c.out || !b.next || !b.eol || !b.hash || !b.kofs ||
	    rehash(&b, 64))
		goto out;

	/* Rows DEAD and MATCH loop on themselves; nothing is read there. */
	b.nstates = L7RE_DFA_INIT;
	err = start_state(&b, true);
	if (err < 0)
		goto out;
	/* MATCH or DEAD before any byte: no row to expand. */
	dfa->init = err;
	/* "any" gets its row now: the matcher's prefilter starts there. */
	err = start_state(&b, false);
	if (err < 0)
		goto out;
	dfa->any = err;
	for (s = L7RE_DFA_INIT; s < b.nstates; s++) {
		err = expand(&b, s);
		if (err)
			goto out;
		/* Up to L7RE_DFA_MAX_WORK steps: a fraction of a second. */
		l7_cond_resched();
		if (stop && l7_read_once(*stop)) {
			err = -EINTR;
			goto out;
		}
	}
	err = prune(&b, dfa);
	if (err)
		goto out;
	for (i = 0; i < prog->nclasses; i++) {
		b.next[L7RE_DFA_DEAD * prog->nclasses + i] = L7RE_DFA_DEAD;
		b.next[L7RE_DFA_MATCH * prog->nclasses + i] = L7RE_DFA_MATCH;
	}
	b.eol[L7RE_DFA_DEAD] = 0;
	b.eol[L7RE_DFA_MATCH] = 1;
	dfa->next = b.next;
	dfa->eol = b.eol;
	dfa->nstates = b.nstates;
	b.next = NULL;
	b.eol = NULL;
out:
	if (work)
		*work = b.work;
	l7_free(b.setmask);
	l7_free(b.c.visited);
	l7_free(b.c.stack);
	l7_free(b.c.out);
	l7_free(b.next);
	l7_free(b.eol);
	l7_free(b.hash);
	l7_free(b.kofs);
	l7_free(b.pool);
	l7_free(b.table);
	return err;
}
