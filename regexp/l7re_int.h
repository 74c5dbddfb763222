/* SPDX-License-Identifier: GPL-2.0 */
/*
 * l7re internals, shared by the compiler, the matcher and the tests.
 *
 *   regex ──parse──> Thompson NFA (nodes[], byte sets[])
 *                      │ class map: bytes no set can tell apart share a class
 *                      ├─subset construction, bounded──> DFA table
 *                      └─required bytes at fixed offsets──> prefilter
 *
 * A program always holds the NFA.  It also holds a DFA when the subset
 * construction stayed within L7RE_DFA_MAX_CELLS and L7RE_DFA_MAX_WORK;
 * streams then carry only the DFA state.  Otherwise streams carry the
 * NFA's thread list and scratch (see l7re_nfa.c), sized from the program.
 */
#ifndef L7RE_INT_H
#define L7RE_INT_H

#include "l7re.h"

enum l7re_op {
	L7RE_OP_SET,	/* consume one byte in sets[arg], go to out */
	L7RE_OP_SPLIT,	/* go to out and out1 */
	L7RE_OP_NOP,	/* go to out */
	L7RE_OP_BOL,	/* ^: only at offset 0 */
	L7RE_OP_EOL,	/* $: only at the current end of data */
	L7RE_OP_MATCH,
};

struct l7re_node {
	u16 op;
	u16 arg;
	u16 out;
	u16 out1;
};

/* 256-bit byte set; bit 0 (NUL) is never set, see l7re_stream_feed(). */
struct l7re_set {
	u64 w[4];
};

static inline bool l7re_set_has(const struct l7re_set *s, u8 c)
{
	return (s->w[c >> 6] >> (c & 63)) & 1;
}

/*
 * Node indexes fit in 15 bits: the closure stack marks "after $" in
 * bit 15.  A regex of L7RE_MAX_REGEX_LEN bytes needs at most about two
 * nodes per byte, far below this.
 */
#define L7RE_MAX_NODES		32767

/* DFA bounds: beyond them the program runs as an NFA. */
#define L7RE_DFA_MAX_CELLS	(128 * 1024)	/* states x classes */
#define L7RE_DFA_MAX_STATES	65535
#define L7RE_DFA_MAX_WORK	(40UL * 1000 * 1000)

/*
 * Acceleration: a state that only NUL and at most three other bytes
 * leave, or at most three printable bytes and non-printable ones, is
 * skipped through 8 bytes at a time (see l7re.c).  Its two extra cells
 * hold the bytes and a flag: escape0 | escape1 << 8, escape2 | flag << 8.
 */
#define L7RE_ACCEL_BYTES	3
#define L7RE_ACCEL_CELLS	2
#define L7RE_ESC_STRIDE		(L7RE_ACCEL_BYTES + 1)
#define L7RE_ESC_NONPRINT	0x100	/* also stop outside 0x20-0x7e */

/*
 * Prefilter of the unanchored start state (l7re_pre.c): two offsets
 * from a match's first byte and up to L7RE_PRE_BYTES bytes each (unused
 * slots repeat a byte); the first is the rarer, searched word-wise.
 */
#define L7RE_PRE_BYTES		3

struct l7re_pre {
	bool active;
	bool single;		/* the first set holds one byte */
	u8 off[2];
	u8 bytes[2][L7RE_PRE_BYTES];
};

int l7re_prefilter(const struct l7re_prog *prog, struct l7re_pre *pre);

/*
 * From @data[@i], the first offset (or @len) whose byte may leave the
 * accelerated DFA row @s (@s >= dfa_accel and not the prefiltered
 * start state): the bytes before it leave the state unchanged.
 */
size_t l7re_dfa_skip(const struct l7re_prog *prog, u32 s, const u8 *data,
		     size_t i, size_t len);
/* The same for escape cells @e, @e3 as an accelerated row holds them. */
size_t l7re_skip(u32 e, u32 e3, const u8 *data, size_t i, size_t len);


/* Offsets examined: a match's first L7RE_PRE_SPAN bytes. */
#define L7RE_PRE_SPAN	16
/*
 * The byte sets every match has at offsets 0 .. *@span - 1 from its
 * first byte (@sets holds L7RE_PRE_SPAN), for unanchored starts.
 */
int l7re_pre_sets(const struct l7re_prog *prog, struct l7re_set *sets,
		  u32 *span);
/* Estimated frequency of byte @c in prepared traffic, per mille. */
u32 l7re_byte_weight(u8 c);

/* Fixed DFA states: the answer no longer changes once there. */
#define L7RE_DFA_DEAD		0
#define L7RE_DFA_MATCH		1
#define L7RE_DFA_INIT		2

struct l7re_prog {
	size_t size;		/* bytes of this allocation */
	u32 nnodes;
	u32 nsets;
	u32 nsetnodes;		/* nodes with op SET: bound of a thread list */
	u32 nlistmax;		/* closure list bound: nnodes, twice with a $ */
	u32 start;		/* first node */
	u32 nclasses;
	u32 ndfa;		/* DFA states, 0 when there is no DFA */
	u32 dfa_init;		/* row offset of the state at offset 0 */
	u32 dfa_width;		/* cells per row: nclasses + L7RE_ACCEL_CELLS */
	u32 dfa_accel;		/* rows from this offset on are accelerated */
	u32 dfa_pre;		/* row of the prefiltered start state, or ~0 */
	u32 dfa_any;		/* row of the unanchored start state, or ~0 */
	u32 pre_reach;		/* bytes one word test reads: last offset + 8 */
	struct l7re_pre pre;
	u64 pre_mask[L7RE_PRE_BYTES];	/* pre.bytes[0], each in every lane */
	u8 classmap[256];
	const struct l7re_node *nodes;
	const struct l7re_set *sets;
	/*
	 * [ndfa * dfa_width]: row offset (state * dfa_width) of the next
	 * state, so the inner loop does no multiplication; u16 entries
	 * when every offset fits (dfa16), else u32 (dfa32).  Rows
	 * L7RE_DFA_DEAD and L7RE_DFA_MATCH come first, accelerated states
	 * last; the two cells after a row's classes hold its escape bytes.
	 */
	const u16 *dfa16;
	const u32 *dfa32;
	/*
	 * Without a DFA: the closure at offset 0, computed once here
	 * rather than per stream (2009's skypeout opens 255 branches).
	 */
	const u16 *init_list;	/* [ninit] SET nodes alive */
	u32 ninit;
	bool init_match, init_eol;
	/*
	 * Without a DFA, when it fits in L7RE_FIRST_MAX nodes: the state
	 * after each possible first byte, so that byte costs no scan of
	 * init_list (2009's skypeout: 255 threads at offset 0, a handful
	 * after it).  first_nodes[first_ofs[b] .. first_ofs[b + 1]) are
	 * the threads after byte b; first_flags[b] bit 0: MATCH reached,
	 * bit 1: MATCH through $.  One block, first_size bytes.
	 */
	const u32 *first_ofs;	/* [257], or NULL */
	const u16 *first_nodes;
	const u8 *first_flags;	/* [256] */
	size_t first_size;
	/* nodes, sets, dfa and init_list follow in the same allocation */
};

/*
 * Epsilon closure, shared by the DFA construction and the NFA matcher.
 * Scratch sized for the program: visited bits for both modes and the
 * list of (node, mode) pairs visited, nlistmax entries; the list is
 * the work queue and tells l7re_closure_begin() which bits to clear,
 * so a byte costs what it visits, not the program size.  The visited
 * bits must be zero and nlist 0 before the first use.
 */
struct l7re_closure {
	u64 *visited;		/* 2 * ceil(nnodes / 64) words */
	u16 *stack;		/* the visited list, nlistmax entries */
	u32 nlist;
	u32 steps;		/* nodes visited since l7re_closure_begin() */
	u16 *out;		/* receives SET nodes; nsetnodes entries */
	u32 nout;
	bool match;		/* MATCH reached without $ */
	bool eol_match;		/* MATCH reached through a $ */
};

void l7re_closure_begin(const struct l7re_prog *prog, struct l7re_closure *c);
void l7re_closure_add(const struct l7re_prog *prog, struct l7re_closure *c,
		      u32 node, bool at_start);

/* Parser output, before the final program is laid out. */
struct l7re_nfa {
	struct l7re_node *nodes;
	u32 nnodes, nodes_cap;
	struct l7re_set *sets;
	u32 nsets, sets_cap;
	u32 start;
};

/* As l7re_compile(): 0, -EINVAL, -E2BIG or -ENOMEM, and @diag. */
int l7re_parse(struct l7re_nfa *nfa, const char *re, size_t len,
	       struct l7re_diag *diag);
void l7re_nfa_release(struct l7re_nfa *nfa);

/*
 * DFA build into tables allocated with l7_alloc (state ids, not yet
 * row offsets).  Returns 0, -E2BIG when a bound was hit (no
 * DFA then), or -ENOMEM.
 */
struct l7re_dfa {
	u16 *next;
	u8 *eol;
	u32 nstates;
	u32 init;	/* state at offset 0 */
	u32 any;	/* state where only the start thread is alive */
};
int l7re_dfa_build(const struct l7re_prog *prog, struct l7re_dfa *dfa,
		   unsigned long max_work, size_t max_cells,
		   const bool *stop, unsigned long *work);

/*
 * Compile time, programs without a DFA: fills init_list (l7_alloc'ed,
 * the caller frees it), ninit, init_match and init_eol of @prog.
 */
int l7re_nfa_start(struct l7re_prog *prog);

/* Cell @k of @p's DFA table (a row offset), whichever its width. */
static inline u32 l7re_dfa_cell(const struct l7re_prog *p, u32 k)
{
	return p->dfa16 ? p->dfa16[k] : p->dfa32[k];
}

/*
 * The stream answer (enum l7re_result) in DFA row @s: the NUL column
 * (class 0) holds what the data would give if it ended here, so $
 * needs no table of its own.
 */
static inline int l7re_dfa_answer(const struct l7re_prog *prog, u32 s)
{
	u32 last = L7RE_DFA_MATCH * prog->dfa_width;

	if (s == L7RE_DFA_DEAD)
		return L7RE_DEAD;
	if (s == last)
		return L7RE_MATCH;
	return l7re_dfa_cell(prog, s) == last ? L7RE_MATCH : L7RE_PENDING;
}

/* NFA stream layout (after struct l7re_stream). */
size_t l7re_nfa_stream_size(const struct l7re_prog *prog);
void l7re_nfa_init(const struct l7re_prog *prog, void *stream);
/* Stops with L7RE_OVER once *@steps (threads tested and nodes visited) runs out. */
int l7re_nfa_feed(const struct l7re_prog *prog, void *stream,
		  const u8 *data, size_t len, unsigned long *steps);

/* Every stream starts with this header. */
struct l7re_stream {
	u32 state;		/* DFA state, or enum l7re_result for the NFA */
	u32 flags;
};
#define L7RE_SF_EOL	0x1	/* NFA: the data so far ends in a $ match */
#define L7RE_SF_START	0x2	/* NFA: no byte fed yet */

/* Threads kept in the first-byte table of a program, and closure steps
 * spent building it, at most. */
#define L7RE_FIRST_MAX	16384
#define L7RE_FIRST_WORK	(4UL * 1000 * 1000)

#ifdef L7RE_COUNT_STEPS
/* Tests only: closure node visits, to prove linear time. */
extern unsigned long l7re_steps;
#define L7RE_STEP()	(l7re_steps++)
#else
#define L7RE_STEP()	do { } while (0)
#endif

#endif /* L7RE_INT_H */
