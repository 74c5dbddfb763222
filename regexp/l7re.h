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
 * Semantics are those of Henry Spencer's V8 regexp, which the original
 * l7-filter ran (tests/regexp/t_syntax.c lists the corner cases): ^ and
 * $ anchor the whole subject, . and every bracket exclude NUL, and a
 * NUL byte in the subject ends it as it ended V8's C string: the
 * answer at that NUL is final.  What V8 refused only for size (programs over 32767 bytes)
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

/*
 * Why l7re_compile() refused a regex, in struct l7re_diag; the return
 * value is the errno class (-EINVAL, -E2BIG or -ENOMEM) beside it.
 * The comments give V8's message for each syntax error.
 */
enum l7re_reason {
	L7RE_REASON_NONE = 0,
	L7RE_REASON_NOMEM,	/* -ENOMEM: out of memory */
	L7RE_REASON_TOOLONG,	/* -E2BIG: longer than L7RE_MAX_REGEX_LEN */
	L7RE_REASON_PAREN,	/* -EINVAL: unmatched ( or ) */
	L7RE_REASON_BRACKET,	/* -EINVAL: unmatched [ or empty [] / [^] */
	L7RE_REASON_RANGE,	/* -EINVAL: invalid [] range */
	L7RE_REASON_NOTHING,	/* -EINVAL: ?+* follows nothing */
	L7RE_REASON_NESTED,	/* -EINVAL: nested *?+ */
	L7RE_REASON_EMPTYREP,	/* -EINVAL: *+ operand could be empty */
	L7RE_REASON_TRAILBS,	/* -EINVAL: trailing \ */
	L7RE_REASON_GROUPS,	/* -EINVAL: too many () (V8 allows 9) */
	L7RE_REASON_COUNT
};

/**
 * struct l7re_diag - what l7re_compile() found wrong with a regex
 * @reason: an enum l7re_reason; L7RE_REASON_NONE after success
 * @offset: the offset in the regex of the byte the engine stopped at
 *	(an unmatched "(": that "("; too long: L7RE_MAX_REGEX_LEN), 0
 *	for success and -ENOMEM
 */
struct l7re_diag {
	int reason;
	size_t offset;
};

/* Result of feeding a stream. */
enum l7re_result {
	L7RE_PENDING	= 0,	/* no match in the data so far; one may follow */
	L7RE_MATCH	= 1,	/* the data fed so far matches */
	L7RE_DEAD	= 2,	/* no match so far, and no continuation can match */
	L7RE_OVER	= 3,	/* the work budget ran out: the stream is unusable */
};

struct l7re_prog;

/**
 * l7re_strerror() - a regex refusal in words
 * @reason: struct l7re_diag.reason as l7re_compile() set it
 *
 * Return: a static string, never NULL ("unknown reason" for a value
 * outside enum l7re_reason).
 */
const char *l7re_strerror(int reason);

/**
 * l7re_compile() - compile a regex into an immutable program
 * @progp: receives the program on success, NULL on failure
 * @re: the regex; need not be NUL terminated, and a NUL byte ends it
 *	as it ended V8's C string
 * @len: bytes at @re
 * @diag: if not NULL, receives the reason and offset of a refusal
 *
 * Bounded time and memory; no recursion.  In the kernel the
 * allocations use GFP_KERNEL_ACCOUNT: call from process context.
 *
 * Return: 0; -EINVAL for a syntax error, -E2BIG for a regex longer
 * than L7RE_MAX_REGEX_LEN, -ENOMEM; @diag says which and where.
 */
int l7re_compile(struct l7re_prog **progp, const char *re, size_t len,
		 struct l7re_diag *diag);

/**
 * l7re_free() - free a compiled program
 * @prog: from l7re_compile(), or NULL
 */
void l7re_free(struct l7re_prog *prog);

/* l7re_compile_flags() @flags; the default is 0. */
#define L7RE_F_NODFA	0x1	/* no DFA: streams run the NFA (tests) */
#define L7RE_F_NOPRE	0x2	/* no prefilter in the DFA (tests, bench) */

/**
 * l7re_compile_flags() - l7re_compile() with construction flags
 * @progp: as for l7re_compile()
 * @re: as for l7re_compile()
 * @len: as for l7re_compile()
 * @diag: as for l7re_compile()
 * @flags: L7RE_F_* bits; the answers never depend on them, only the
 *	costs do
 *
 * Return: as l7re_compile().
 */
int l7re_compile_flags(struct l7re_prog **progp, const char *re, size_t len,
		       struct l7re_diag *diag, unsigned int flags);

/**
 * l7re_stream_size() - bytes of per-stream state a program needs
 * @prog: a compiled program
 *
 * Stream buffers must be 8-byte aligned (any allocator's are).
 *
 * Return: the size, constant for the program's lifetime.
 */
size_t l7re_stream_size(const struct l7re_prog *prog);

/**
 * l7re_prog_size() - bytes the compiled program occupies
 * @prog: a compiled program
 *
 * Return: the size, for memory accounting.
 */
size_t l7re_prog_size(const struct l7re_prog *prog);

/**
 * l7re_stream_init() - start a stream at offset 0 of a subject
 * @prog: the program the stream runs
 * @stream: l7re_stream_size() bytes, 8-byte aligned
 */
void l7re_stream_init(const struct l7re_prog *prog, void *stream);

/**
 * l7re_stream_feed() - feed the next piece of the subject
 * @prog: the program @stream was initialised for
 * @stream: the stream's state
 * @data: the next bytes of the subject
 * @len: bytes at @data (0 is fine)
 *
 * The answer is for the concatenation of everything fed so far ($
 * matches at its current end).  Once L7RE_MATCH is returned for a
 * match that does not depend on $, or L7RE_DEAD, further feeds return
 * the same at O(1) cost.  Work is O(@len x program size), and every
 * byte is examined once.  Never allocates, never sleeps.
 *
 * Return: an enum l7re_result.
 */
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

/**
 * l7re_match() - one shot: does a program match a subject
 * @prog: a compiled program
 * @stream: scratch of l7re_stream_size() bytes
 * @data: the subject
 * @len: bytes at @data
 *
 * Return: true if @prog matches @data.
 */
bool l7re_match(const struct l7re_prog *prog, void *stream,
		const u8 *data, size_t len);

#endif /* L7RE_H */
