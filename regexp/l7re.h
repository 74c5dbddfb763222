/* SPDX-License-Identifier: GPL-2.0 */
/*
 * l7re: Spencer V8 regular expressions, linear time, streaming.
 *
 * The answer is boolean: does the regex match anywhere in the subject.
 * A compiled program is immutable and may be used by any number of CPUs
 * at once.  All mutable search state lives in a caller-provided stream
 * buffer of l7re_stream_size() bytes, so matching never allocates and
 * never recurses.  The same source is built into xt_layer7.ko and into
 * userspace (see l7re_env.h).
 *
 * Semantics are V8's (shared/notes/l7-filter-facts.md): ^ and $ anchor
 * the whole subject, . and every bracket exclude NUL, and a NUL byte in
 * the subject ends it as it ended V8's C string: the answer at that NUL
 * is final.  What V8 refused only for size (programs over 32767 bytes)
 * is accepted.
 *
 * Costs: a compiled program holds an NFA and, when it fits (144 of the
 * 145 patterns of 2009), a DFA with at most 128 Ki cells.  A stream is
 * then 8 bytes and each byte one table load (states that few bytes
 * leave skip 8 bytes per step, and while only the unanchored start is
 * alive, a prefilter skips to positions holding two bytes that every
 * match has at fixed offsets from its start).  Without a DFA a stream holds the NFA's
 * thread list and scratch (4 to 6 bytes per regex byte: 21 KiB for
 * the 2009 skypeout) and each byte costs O(program size).
 *
 * Many programs over the same data (a rule set): see l7re_multi.h.
 */
#ifndef L7RE_H
#define L7RE_H

#include "l7re_env.h"

/* Longest regex accepted, in bytes (the original ABI's pattern[8192]). */
#define L7RE_MAX_REGEX_LEN	8191

/* Errors from l7re_compile(); all negative. */
enum l7re_error {
	L7RE_OK			=  0,
	L7RE_ERR_NOMEM		= -1,	/* out of memory */
	L7RE_ERR_TOOLONG	= -2,	/* regex longer than L7RE_MAX_REGEX_LEN */
	L7RE_ERR_TOOBIG		= -3,	/* compiled program over the engine's limit */
	L7RE_ERR_PAREN		= -4,	/* unmatched ( or ) */
	L7RE_ERR_BRACKET	= -5,	/* unmatched [ or empty [] / [^] */
	L7RE_ERR_RANGE		= -6,	/* invalid [] range */
	L7RE_ERR_NOTHING	= -7,	/* ?+* follows nothing */
	L7RE_ERR_NESTED		= -8,	/* nested *?+ */
	L7RE_ERR_EMPTYREP	= -9,	/* *+ operand could be empty */
	L7RE_ERR_TRAILBS	= -10,	/* trailing \ */
	L7RE_ERR_GROUPS		= -11,	/* too many () (V8 allows 9) */
	L7RE_ERR_INTERNAL	= -12,	/* engine bug: never expected */
};

/* Result of feeding a stream. */
enum l7re_result {
	L7RE_PENDING	= 0,	/* no match in the data so far; one may follow */
	L7RE_MATCH	= 1,	/* the data fed so far matches */
	L7RE_DEAD	= 2,	/* no match so far, and no continuation can match */
	L7RE_OVER	= 3,	/* the work budget ran out: the stream is unusable */
};

struct l7re_prog;

/* Human readable text for an l7re_error. Never NULL. */
const char *l7re_strerror(int err);

/*
 * Compile @len bytes at @re (need not be NUL terminated; a NUL byte ends
 * the regex as it ended V8's C string).  Returns 0 and sets *@progp, or
 * a negative l7re_error; then *@erroff (if non-NULL) is the offset of
 * the offending byte.  Bounded time and memory; no recursion.
 * In the kernel the allocations use GFP_KERNEL_ACCOUNT: call from
 * process context.
 */
int l7re_compile(struct l7re_prog **progp, const char *re, size_t len,
		 size_t *erroff);
void l7re_free(struct l7re_prog *prog);

/* l7re_compile() with flags; the default is 0. */
#define L7RE_F_NODFA	0x1	/* no DFA: streams run the NFA (tests) */
#define L7RE_F_NOPRE	0x2	/* no prefilter in the DFA (tests, bench) */
int l7re_compile_flags(struct l7re_prog **progp, const char *re, size_t len,
		       size_t *erroff, unsigned int flags);

/*
 * Bytes of per-stream state this program needs; constant per program.
 * Stream buffers must be 8-byte aligned (any allocator's are).
 */
size_t l7re_stream_size(const struct l7re_prog *prog);
/* Bytes the compiled program occupies (for accounting). */
size_t l7re_prog_size(const struct l7re_prog *prog);

/*
 * Streaming: init once, then feed the subject in pieces of any size.
 * Each call returns the answer for the concatenation of everything fed
 * so far ($ matches at its current end).  Once L7RE_MATCH is returned
 * for a match that does not depend on $, or L7RE_DEAD, further feeds
 * return the same at O(1) cost.  Work is O(len x program size) per call,
 * and every byte is examined once.
 */
void l7re_stream_init(const struct l7re_prog *prog, void *stream);
int l7re_stream_feed(const struct l7re_prog *prog, void *stream,
		     const u8 *data, size_t len);

/**
 * l7re_stream_feed_steps() - l7re_stream_feed() within a work budget
 * @prog: the program
 * @stream: its stream state
 * @data: the next bytes of the subject
 * @len: their number
 * @steps: work left; decremented by the work done.  A DFA costs one step
 *	per byte; an NFA one per thread tested and per node visited.
 *
 * Return: as l7re_stream_feed(), or L7RE_OVER when *@steps would not
 * cover the work (the stream may then hold any state: do not feed it
 * again).
 */
int l7re_stream_feed_steps(const struct l7re_prog *prog, void *stream,
			   const u8 *data, size_t len, unsigned long *steps);

/* One shot: does @prog match @data?  @stream is scratch of stream size. */
bool l7re_match(const struct l7re_prog *prog, void *stream,
		const u8 *data, size_t len);

#endif /* L7RE_H */
