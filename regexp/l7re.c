// SPDX-License-Identifier: GPL-2.0
/*
 * l7re: compile (parse, byte classes, DFA when it fits) and the stream
 * API.  See l7re_int.h for the pipeline.
 *
 * Per-stream state: 8 bytes when the program has a DFA (the current
 * state; true for 144 of the 145 patterns of 2009), else the NFA's thread lists and scratch, about
 * 4 * nodes + 4 * SET nodes + nodes / 4 bytes (l7re_stream_size()).
 */
#include "l7re_int.h"

static const char *const errors[] = {
	[-L7RE_OK]		= "success",
	[-L7RE_ERR_NOMEM]	= "out of memory",
	[-L7RE_ERR_TOOLONG]	= "regex too long",
	[-L7RE_ERR_TOOBIG]	= "regex too big",
	[-L7RE_ERR_PAREN]	= "unmatched ()",
	[-L7RE_ERR_BRACKET]	= "unmatched []",
	[-L7RE_ERR_RANGE]	= "invalid [] range",
	[-L7RE_ERR_NOTHING]	= "?+* follows nothing",
	[-L7RE_ERR_NESTED]	= "nested *?+",
	[-L7RE_ERR_EMPTYREP]	= "*+ operand could be empty",
	[-L7RE_ERR_TRAILBS]	= "trailing \\",
	[-L7RE_ERR_GROUPS]	= "too many () (at most 9)",
	[-L7RE_ERR_INTERNAL]	= "internal error",
};

const char *l7re_strerror(int err)
{
	if (err > 0 || -err >= (int)(sizeof(errors) / sizeof(errors[0])))
		return "unknown error";
	return errors[-err];
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
		u16 total[256], inside[256];
		u8 to[256];

		memset(total, 0, sizeof(total));
		memset(inside, 0, sizeof(inside));
		for (b = 0; b < 256; b++) {
			total[map[b]]++;
			inside[map[b]] += l7re_set_has(set, b);
		}
		for (b = 0; b < n; b++)
			to[b] = b;
		for (b = 0; b < 256; b++) {
			u8 k = map[b];

			if (!l7re_set_has(set, b) || inside[k] == total[k])
				continue;
			if (to[k] == k)
				to[k] = n++;
			map[b] = to[k];
		}
	}
	prog->nclasses = n;
}

static int layout(struct l7re_prog **progp, const struct l7re_prog *tmp,
		  const struct l7re_dfa *dfa)
{
	size_t nodes = tmp->nnodes * sizeof(struct l7re_node);
	size_t sets = tmp->nsets * sizeof(struct l7re_set);
	size_t cells = (size_t)dfa->nstates * tmp->nclasses;
	bool narrow = cells <= 0x10000;
	size_t cell = narrow ? sizeof(u16) : sizeof(u32);
	size_t size = sizeof(*tmp) + sets + cells * cell + nodes +
		      dfa->nstates;
	struct l7re_prog *prog;
	u8 *p;
	size_t i;

	prog = l7_alloc(size);
	if (!prog)
		return L7RE_ERR_NOMEM;
	*prog = *tmp;
	prog->size = size;
	p = (u8 *)(prog + 1);
	/* Most aligned first: sets (u64), DFA, nodes (u16), eol (u8). */
	memcpy(p, tmp->sets, sets);
	prog->sets = (const struct l7re_set *)p;
	p += sets;
	prog->dfa16 = NULL;
	prog->dfa32 = NULL;
	prog->ndfa = dfa->nstates;
	prog->dfa_init = dfa->init * tmp->nclasses;
	for (i = 0; i < cells; i++) {
		u32 off = (u32)dfa->next[i] * tmp->nclasses;

		if (narrow)
			((u16 *)p)[i] = off;
		else
			((u32 *)p)[i] = off;
	}
	if (cells && narrow)
		prog->dfa16 = (const u16 *)p;
	else if (cells)
		prog->dfa32 = (const u32 *)p;
	p += cells * cell;
	memcpy(p, tmp->nodes, nodes);
	prog->nodes = (const struct l7re_node *)p;
	p += nodes;
	if (dfa->nstates)
		memcpy(p, dfa->eol, dfa->nstates);
	prog->dfa_eol = p;
	*progp = prog;
	return 0;
}

int l7re_compile_flags(struct l7re_prog **progp, const char *re, size_t len,
		       size_t *erroff, unsigned int flags)
{
	struct l7re_prog tmp;
	struct l7re_nfa nfa;
	struct l7re_dfa dfa;
	size_t off;
	u32 i;
	int err;

	*progp = NULL;
	err = l7re_parse(&nfa, re, len, erroff ? erroff : &off);
	if (err)
		return err;
	memset(&tmp, 0, sizeof(tmp));
	tmp.nodes = nfa.nodes;
	tmp.nnodes = nfa.nnodes;
	tmp.sets = nfa.sets;
	tmp.nsets = nfa.nsets;
	tmp.start = nfa.start;
	for (i = 0; i < nfa.nnodes; i++)
		tmp.nsetnodes += nfa.nodes[i].op == L7RE_OP_SET;
	make_classes(&tmp);

	memset(&dfa, 0, sizeof(dfa));
	if (!(flags & L7RE_F_NODFA)) {
		err = l7re_dfa_build(&tmp, &dfa, L7RE_DFA_MAX_WORK);
		/* Too big for a DFA is fine: the NFA takes over. */
		if (err == L7RE_ERR_TOOBIG)
			err = 0;
		if (err)
			goto out;
	}
	err = layout(progp, &tmp, &dfa);
out:
	l7_free(dfa.next);
	l7_free(dfa.eol);
	l7re_nfa_release(&nfa);
	return err;
}

int l7re_compile(struct l7re_prog **progp, const char *re, size_t len,
		 size_t *erroff)
{
	return l7re_compile_flags(progp, re, len, erroff, 0);
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

static int dfa_answer(const struct l7re_prog *prog, u32 s)
{
	if (s == L7RE_DFA_DEAD)
		return L7RE_DEAD;
	if (s == L7RE_DFA_MATCH * prog->nclasses)
		return L7RE_MATCH;
	return prog->dfa_eol[s / prog->nclasses] ? L7RE_MATCH : L7RE_PENDING;
}

/*
 * The DFA loop: one table load per byte.  DEAD and MATCH are the first
 * two rows, so one comparison tells that the answer is final.  The NUL
 * column of every row already holds the final answer.
 */
#define DFA_LOOP(next)							\
	do {								\
		for (i = 0; i < len; i++) {				\
			s = (next)[s + map[data[i]]];			\
			if (unlikely(s <= last))			\
				break;					\
		}							\
	} while (0)

static int dfa_feed(const struct l7re_prog *prog, struct l7re_stream *st,
		    const u8 *data, size_t len)
{
	const u8 *map = prog->classmap;
	u32 last = L7RE_DFA_MATCH * prog->nclasses;
	u32 s = st->state;
	size_t i;

	if (s > last) {
		if (prog->dfa16)
			DFA_LOOP(prog->dfa16);
		else
			DFA_LOOP(prog->dfa32);
		st->state = s;
	}
	return dfa_answer(prog, s);
}

int l7re_stream_feed(const struct l7re_prog *prog, void *stream,
		     const u8 *data, size_t len)
{
	if (has_dfa(prog))
		return dfa_feed(prog, stream, data, len);
	return l7re_nfa_feed(prog, stream, data, len);
}

bool l7re_match(const struct l7re_prog *prog, void *stream,
		const u8 *data, size_t len)
{
	l7re_stream_init(prog, stream);
	return l7re_stream_feed(prog, stream, data, len) == L7RE_MATCH;
}
