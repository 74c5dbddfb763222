/* SPDX-License-Identifier: GPL-2.0 */
/*
 * l7re_multi: many compiled patterns scanned in one pass.
 *
 * A rule set asks the same question of every pattern over the same
 * bytes.  Scanning them one by one costs a table load per byte per
 * pattern; here the patterns' DFAs are combined (product construction)
 * into a few group automata, each at most L7RE_MULTI_MAX_CELLS cells,
 * so a byte costs one load per group.  A pattern that matched, or can
 * no longer match, leaves its group's state, which keeps the products
 * small: most patterns are anchored and die within a few bytes.
 * A pattern without a DFA (too big for one program, see l7re.h) gets
 * one of up to L7RE_MULTI_BIG_CELLS for the multi, or runs its own
 * stream.
 *
 * The answers are exactly those of l7re_stream_feed() for each member
 * over the same concatenated data (tests/regexp/t_multi.c checks),
 * except that a member without a DFA of its own may say DEAD where its
 * NFA still says PENDING (neither ever matches).
 * Like a program, a multi is immutable and shared by any number of
 * CPUs; the caller keeps the member programs alive while it exists.
 */
#ifndef L7RE_MULTI_H
#define L7RE_MULTI_H

#include "l7re.h"

/* Cells (states x byte classes) of one group automaton, at most. */
#define L7RE_MULTI_MAX_CELLS	(1024 * 1024)
/* Cells and closure steps (~0.1 s) of a DFA built for a member that
 * has none of its own. */
#define L7RE_MULTI_BIG_CELLS	(1024 * 1024)
#define L7RE_MULTI_BIG_WORK	(100UL * 1000 * 1000)

struct l7re_multi;

/*
 * Combine @n programs (members 0..n-1, in this order).  Returns 0 or
 * L7RE_ERR_NOMEM.  Bounded time and memory; GFP_KERNEL_ACCOUNT in the
 * kernel.
 */
int l7re_multi_compile(struct l7re_multi **mp,
		       const struct l7re_prog *const *progs, unsigned int n);
/* As l7re_multi_compile(), group automata at most @max_cells each. */
int l7re_multi_compile_cells(struct l7re_multi **mp,
			     const struct l7re_prog *const *progs,
			     unsigned int n, size_t max_cells);
void l7re_multi_free(struct l7re_multi *m);

unsigned int l7re_multi_members(const struct l7re_multi *m);
unsigned int l7re_multi_groups(const struct l7re_multi *m);
/* Bytes the multi occupies (member programs not included). */
size_t l7re_multi_size(const struct l7re_multi *m);

/* Per-stream state, 8-byte aligned: 16 bytes a group plus NFA members. */
size_t l7re_multi_stream_size(const struct l7re_multi *m);
void l7re_multi_stream_init(const struct l7re_multi *m, void *stream);
/*
 * Feeds every member.  Returns L7RE_DEAD once no member's answer can
 * change any more (each one matched for good or died), else
 * L7RE_PENDING; further feeds are then O(1).
 */
int l7re_multi_stream_feed(const struct l7re_multi *m, void *stream,
			   const u8 *data, size_t len);
/**
 * l7re_multi_stream_feed_steps() - l7re_multi_stream_feed() within a budget
 * @m: the multi
 * @stream: its stream state
 * @data: the next bytes of the subject
 * @len: their number
 * @steps: work left, decremented: one step per byte and group or
 *	byte-pair member, and what members with their own stream spend
 *	(see l7re_stream_feed_steps())
 *
 * Return: as l7re_multi_stream_feed(), or L7RE_OVER when *@steps would
 * not cover the work (do not feed the stream again).
 */
int l7re_multi_stream_feed_steps(const struct l7re_multi *m, void *stream,
				 const u8 *data, size_t len,
				 unsigned long *steps);
/* Every member's answer at once: @res[i] for member i. */
void l7re_multi_results(const struct l7re_multi *m, const void *stream,
			u8 *res);
/* The lowest member that matches the data fed so far, or -1. */
int l7re_multi_first(const struct l7re_multi *m, const void *stream);

#endif /* L7RE_MULTI_H */
