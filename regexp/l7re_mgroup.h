/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal to l7re_multi: product automata of member DFAs and their
 * final tables (l7re_mgroup.c).
 */
#ifndef L7RE_MGROUP_H
#define L7RE_MGROUP_H

#include "l7re_int.h"

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

/* A group's final table: row offsets, masks and escapes after each row. */
struct mgroup {
	u32 ncls, width;
	u32 init, accel, special, dead;	/* row offsets */
	u32 nmem;
	u16 mem[MAX_GROUP_MEMBERS];
	u8 map[256];
	u32 *next;
};

/* @p's DFA row @row (an offset), class @cls: the next state's id. */
u32 l7re_prog_cell(const struct l7re_prog *p, u32 row, u32 cls);
/*
 * Member @member's DFA with MATCH made transient: @p's own, or @big,
 * built for the multi when @p has none.
 */
int l7re_mdfa_from_prog(struct mdfa *d, const struct l7re_prog *p,
			const struct l7re_dfa *big, unsigned int member);
/* Product of @x and @y, members of @x first; -E2BIG past @max_cells. */
int l7re_mdfa_product(struct mdfa *d, const struct mdfa *x,
		      const struct mdfa *y, size_t max_cells);
void l7re_mdfa_release(struct mdfa *d);
/* The final table of @d. */
int l7re_mgroup_layout(struct mgroup *g, const struct mdfa *d);

static inline u64 l7re_mask_get(const u32 *cell)
{
	return cell[0] | (u64)cell[1] << 32;
}

#endif /* L7RE_MGROUP_H */
