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

/*
 * Members of one multi, at most: member indexes are 16 bits inside.
 * A rule set is far smaller (the module combines 64 patterns).
 */
#define L7RE_MULTI_MAX_MEMBERS	65535

struct l7re_multi;

/**
 * l7re_multi_compile() - combine programs into one scan
 * @mp: receives the multi on success, NULL on failure
 * @progs: the member programs, member i is @progs[i]; they must
 *	outlive the multi
 * @n: number of members, 0 to L7RE_MULTI_MAX_MEMBERS
 *
 * Bounded time and memory; GFP_KERNEL_ACCOUNT in the kernel (process
 * context).
 *
 * Return: 0, -E2BIG for more than L7RE_MULTI_MAX_MEMBERS members, or
 * -ENOMEM.
 */
int l7re_multi_compile(struct l7re_multi **mp,
		       const struct l7re_prog *const *progs, unsigned int n);

/**
 * l7re_multi_compile_cells() - l7re_multi_compile() with a group bound
 * @mp: as for l7re_multi_compile()
 * @progs: as for l7re_multi_compile()
 * @n: as for l7re_multi_compile()
 * @max_cells: cells of one group automaton, at most (smaller groups:
 *	less memory, more groups to feed per byte)
 *
 * Return: as l7re_multi_compile().
 */
int l7re_multi_compile_cells(struct l7re_multi **mp,
			     const struct l7re_prog *const *progs,
			     unsigned int n, size_t max_cells);

/**
 * struct l7re_multi_limits - what one combination may cost
 * @max_cells: cells of one group automaton, at most
 * @max_work: DFA construction steps, in all, for members that have no
 *	DFA of their own (at most L7RE_MULTI_BIG_WORK each); members past
 *	it run their own stream inside the multi
 * @stop: if not NULL, checked between steps of bounded size: once it
 *	reads true the compile gives up
 */
struct l7re_multi_limits {
	size_t max_cells;
	unsigned long max_work;
	const bool *stop;
};

/**
 * l7re_multi_compile_limits() - l7re_multi_compile() within limits
 * @mp: as for l7re_multi_compile()
 * @progs: as for l7re_multi_compile()
 * @n: as for l7re_multi_compile()
 * @lim: the limits
 *
 * Return: as l7re_multi_compile(), or -EINTR when *@lim->stop became
 * true.
 */
int l7re_multi_compile_limits(struct l7re_multi **mp,
			      const struct l7re_prog *const *progs,
			      unsigned int n,
			      const struct l7re_multi_limits *lim);

/**
 * l7re_multi_free() - free a multi (not its member programs)
 * @m: from l7re_multi_compile(), or NULL
 */
void l7re_multi_free(struct l7re_multi *m);

/**
 * l7re_multi_members() - number of members
 * @m: a multi
 *
 * Return: the @n it was compiled with.
 */
unsigned int l7re_multi_members(const struct l7re_multi *m);

/**
 * l7re_multi_groups() - number of group automata a byte is fed to
 * @m: a multi
 *
 * Return: the number of groups (statistics and tests).
 */
unsigned int l7re_multi_groups(const struct l7re_multi *m);

/**
 * l7re_multi_size() - bytes the multi occupies
 * @m: a multi
 *
 * Return: the size, member programs not included (for accounting).
 */
size_t l7re_multi_size(const struct l7re_multi *m);

/**
 * l7re_multi_stream_size() - bytes of per-stream state
 * @m: a multi
 *
 * 16 bytes a group plus the streams of members that run alone; buffers
 * must be 8-byte aligned.
 *
 * Return: the size, constant for the multi's lifetime.
 */
size_t l7re_multi_stream_size(const struct l7re_multi *m);

/**
 * l7re_multi_stream_init() - start a stream at offset 0 of a subject
 * @m: the multi the stream runs
 * @stream: l7re_multi_stream_size() bytes, 8-byte aligned
 */
void l7re_multi_stream_init(const struct l7re_multi *m, void *stream);

/**
 * l7re_multi_stream_feed() - feed the next piece of the subject to
 *	every member
 * @m: the multi @stream was initialised for
 * @stream: the stream's state
 * @data: the next bytes of the subject
 * @len: bytes at @data (0 is fine)
 *
 * Never allocates, never sleeps.  Once it returned L7RE_DEAD further
 * feeds are O(1).
 *
 * Return: L7RE_DEAD once no member's answer can change any more (each
 * one matched for good or died), else L7RE_PENDING.
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

/**
 * l7re_multi_results() - every member's answer at once
 * @m: a multi
 * @stream: its stream
 * @res: receives an enum l7re_result per member: @res[i] for member i
 */
void l7re_multi_results(const struct l7re_multi *m, const void *stream,
			u8 *res);

/**
 * l7re_multi_first() - the first member in order that matches
 * @m: a multi
 * @stream: its stream
 *
 * Return: the lowest member index matching the data fed so far, or -1.
 */
int l7re_multi_first(const struct l7re_multi *m, const void *stream);

#endif /* L7RE_MULTI_H */
