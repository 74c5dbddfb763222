// SPDX-License-Identifier: GPL-2.0
/*
 * Epsilon closure and the NFA matcher (used when a program has no DFA).
 *
 * Linear time: within one input byte, each (node, mode) pair is pushed
 * at most once (the visited bit is set on push), so a byte costs
 * O(nodes) whatever the regex; there is no backtracking and no
 * recursion.  Mode 1 means "a $ was crossed": only the end of the data
 * can follow, so such paths only tell whether MATCH is reachable there.
 *
 * NFA stream layout, all sized from the program:
 *
 *   struct l7re_stream | ncur, nlist | visited[2][words] | list[nlistmax]
 *                      | cur[nsetnodes] | next[nsetnodes]
 */
#include "l7re_int.h"

#define MODE_EOL	0x8000

static size_t visited_words(const struct l7re_prog *prog)
{
	return (prog->nnodes + 63) / 64;
}

void l7re_closure_begin(const struct l7re_prog *prog, struct l7re_closure *c)
{
	size_t words = visited_words(prog);
	u32 i;

	for (i = 0; i < c->nlist; i++) {
		u32 x = c->stack[i];
		u32 n = x & ~MODE_EOL;

		c->visited[((x & MODE_EOL) ? words : 0) + n / 64] = 0;
	}
	c->nlist = 0;
	c->nout = 0;
	c->steps = 0;
	c->match = false;
	c->eol_match = false;
}

static inline void push(struct l7re_closure *c, size_t words, u32 x)
{
	u64 *v = c->visited + ((x & MODE_EOL) ? words : 0);
	u32 n = x & ~MODE_EOL;

	if (v[n >> 6] & (1ULL << (n & 63)))
		return;
	v[n >> 6] |= 1ULL << (n & 63);
	c->stack[c->nlist++] = x;
}

/* Breadth first: for a yes/no answer the order does not matter. */
void l7re_closure_add(const struct l7re_prog *prog, struct l7re_closure *c,
		      u32 node, bool at_start)
{
	size_t words = visited_words(prog);
	u32 head = c->nlist;

	push(c, words, node);
	while (head < c->nlist) {
		u32 x = c->stack[head++];
		u32 mode = x & MODE_EOL;
		const struct l7re_node *n = &prog->nodes[x & ~MODE_EOL];

		L7RE_STEP();
		c->steps++;
		switch (n->op) {
		case L7RE_OP_SET:
			/* After a $ no byte can follow. */
			if (!mode)
				c->out[c->nout++] = x;
			break;
		case L7RE_OP_SPLIT:
			push(c, words, n->out1 | mode);
			push(c, words, n->out | mode);
			break;
		case L7RE_OP_NOP:
			push(c, words, n->out | mode);
			break;
		case L7RE_OP_BOL:
			if (at_start)
				push(c, words, n->out | mode);
			break;
		case L7RE_OP_EOL:
			push(c, words, n->out | MODE_EOL);
			break;
		case L7RE_OP_MATCH:
			if (mode)
				c->eol_match = true;
			else
				c->match = true;
			break;
		}
	}
}

struct nfa_stream {
	struct l7re_stream h;
	u32 ncur;
	u32 nlist;		/* the closure's visited list, kept to clear it */
	u64 visited[];
};

static void nfa_parts(const struct l7re_prog *prog, struct nfa_stream *ns,
		      struct l7re_closure *c, u16 **cur)
{
	size_t words = visited_words(prog);

	c->visited = ns->visited;
	c->stack = (u16 *)(ns->visited + 2 * words);
	c->nlist = ns->nlist;
	*cur = c->stack + prog->nlistmax;
	c->out = *cur + prog->nsetnodes;
}

size_t l7re_nfa_stream_size(const struct l7re_prog *prog)
{
	return sizeof(struct nfa_stream) +
	       2 * visited_words(prog) * sizeof(u64) +
	       (prog->nlistmax + 2 * prog->nsetnodes) * sizeof(u16);
}

/* Keeps the closure as the new thread list; returns the answer so far. */
static int nfa_settle(struct nfa_stream *ns, struct l7re_closure *c,
		      u16 *cur)
{
	if (c->match) {
		ns->h.state = L7RE_MATCH;
		return L7RE_MATCH;
	}
	memcpy(cur, c->out, c->nout * sizeof(*cur));
	ns->ncur = c->nout;
	ns->nlist = c->nlist;
	ns->h.flags = c->eol_match ? L7RE_SF_EOL : 0;
	/* The start is re-added at every offset: empty means never. */
	if (!c->nout && !c->eol_match) {
		ns->h.state = L7RE_DEAD;
		return L7RE_DEAD;
	}
	return c->eol_match ? L7RE_MATCH : L7RE_PENDING;
}

/*
 * The first-byte table (see l7re_int.h), built with the closure scratch
 * @c; left out (first_ofs NULL) when it would exceed L7RE_FIRST_MAX.
 */
static int nfa_first(struct l7re_prog *prog, struct l7re_closure *c)
{
	u32 *ofs = l7_alloc(257 * sizeof(u32));
	u16 *nodes = l7_alloc(L7RE_FIRST_MAX * sizeof(u16));
	u8 flags[256];
	u32 b, k, total = 0;
	unsigned long work = 0;
	u8 *block;
	int err = -ENOMEM;

	if (!ofs || !nodes)
		goto out;
	for (b = 0; b < 256; b++) {
		ofs[b] = total;
		flags[b] = 0;
		/* NUL ends the subject before the table is consulted. */
		if (!b)
			continue;
		l7re_closure_begin(prog, c);
		for (k = 0; k < prog->ninit; k++) {
			const struct l7re_node *n =
				&prog->nodes[prog->init_list[k]];

			if (l7re_set_has(&prog->sets[n->arg], b))
				l7re_closure_add(prog, c, n->out, false);
		}
		l7re_closure_add(prog, c, prog->start, false);
		work += c->steps + prog->ninit;
		if (total + c->nout > L7RE_FIRST_MAX || work > L7RE_FIRST_WORK) {
			err = 0;	/* too big: feed scans init_list */
			goto out;
		}
		memcpy(nodes + total, c->out, c->nout * sizeof(u16));
		total += c->nout;
		flags[b] = c->match | c->eol_match << 1;
	}
	ofs[256] = total;
	prog->first_size = 257 * sizeof(u32) + total * sizeof(u16) + 256;
	block = l7_alloc(prog->first_size);
	if (!block)
		goto out;
	memcpy(block, ofs, 257 * sizeof(u32));
	memcpy(block + 257 * sizeof(u32), nodes, total * sizeof(u16));
	memcpy(block + 257 * sizeof(u32) + total * sizeof(u16), flags, 256);
	prog->first_ofs = (const u32 *)block;
	err = 0;
out:
	l7re_closure_begin(prog, c);
	l7_free(ofs);
	l7_free(nodes);
	return err;
}

int l7re_nfa_start(struct l7re_prog *prog)
{
	size_t words = visited_words(prog);
	struct l7re_closure c;
	u16 *list;
	int err = -ENOMEM;

	memset(&c, 0, sizeof(c));
	c.visited = l7_zalloc(2 * words * sizeof(u64));
	c.stack = l7_alloc(prog->nlistmax * sizeof(u16));
	list = l7_alloc((prog->nsetnodes + 1) * sizeof(u16));
	c.out = list;
	if (!c.visited || !c.stack || !list)
		goto out;
	l7re_closure_add(prog, &c, prog->start, true);
	prog->init_list = list;
	prog->ninit = c.nout;
	prog->init_match = c.match;
	prog->init_eol = c.eol_match;
	list = NULL;
	c.out = l7_alloc((prog->nsetnodes + 1) * sizeof(u16));
	err = c.out ? nfa_first(prog, &c) : -ENOMEM;
	l7_free(c.out);
	c.out = NULL;
out:
	l7_free(c.visited);
	l7_free(c.stack);
	l7_free(list);
	return err;
}

void l7re_nfa_init(const struct l7re_prog *prog, void *stream)
{
	struct nfa_stream *ns = stream;
	struct l7re_closure c;
	u16 *cur;

	memset(ns->visited, 0, 2 * visited_words(prog) * sizeof(u64));
	ns->nlist = 0;
	nfa_parts(prog, ns, &c, &cur);
	ns->h.state = L7RE_PENDING;
	/* The closure at offset 0 as compiled: no visited bit is set. */
	c.nlist = 0;
	c.out = (u16 *)prog->init_list;
	c.nout = prog->ninit;
	c.match = prog->init_match;
	c.eol_match = prog->init_eol;
	nfa_settle(ns, &c, cur);
	if (ns->h.state == L7RE_PENDING)
		ns->h.flags |= L7RE_SF_START;
}

int l7re_nfa_feed(const struct l7re_prog *prog, void *stream,
		  const u8 *data, size_t len, unsigned long *steps)
{
	struct nfa_stream *ns = stream;
	struct l7re_closure c;
	unsigned long cost;
	size_t i;
	u16 *cur;
	int r;

	if (ns->h.state != L7RE_PENDING)
		return ns->h.state;
	nfa_parts(prog, ns, &c, &cur);
	for (i = 0; i < len; i++) {
		u8 b = data[i];
		u32 k;

		/* V8 saw a C string: a NUL ends the subject for good. */
		if (!b) {
			ns->h.state = (ns->h.flags & L7RE_SF_EOL) ?
				      L7RE_MATCH : L7RE_DEAD;
			return ns->h.state;
		}
		l7re_closure_begin(prog, &c);
		if ((ns->h.flags & L7RE_SF_START) && prog->first_ofs) {
			/* The first byte's closure, computed at compile time. */
			c.out = (u16 *)prog->first_nodes + prog->first_ofs[b];
			c.nout = prog->first_ofs[b + 1] - prog->first_ofs[b];
			c.match = prog->first_flags[b] & 1;
			c.eol_match = prog->first_flags[b] >> 1;
			if (c.nout > *steps)
				return L7RE_OVER;
			*steps -= c.nout;
			r = nfa_settle(ns, &c, cur);
			c.out = cur + prog->nsetnodes;
			if (r != L7RE_PENDING && ns->h.state != L7RE_PENDING)
				return r;
			continue;
		}
		for (k = 0; k < ns->ncur; k++) {
			const struct l7re_node *n = &prog->nodes[cur[k]];

			if (l7re_set_has(&prog->sets[n->arg], b))
				l7re_closure_add(prog, &c, n->out, false);
		}
		l7re_closure_add(prog, &c, prog->start, false);
		/* the threads tested and the nodes the closure visited */
		cost = ns->ncur + c.steps;
		if (cost > *steps) {
			ns->nlist = c.nlist;	/* the visited bits to clear */
			return L7RE_OVER;
		}
		*steps -= cost;
		r = nfa_settle(ns, &c, cur);
		if (r != L7RE_PENDING && ns->h.state != L7RE_PENDING)
			return r;
	}
	return (ns->h.flags & L7RE_SF_EOL) ? L7RE_MATCH : L7RE_PENDING;
}
