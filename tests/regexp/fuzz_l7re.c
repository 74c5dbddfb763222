// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: compile + match.  Input: byte 0 bit 7 = prepare the
 * regex as a pattern line first; bits 0-6 = regex length; then the
 * regex, then the subject.  The DFA program, the NFA-only program and,
 * when it answers within its budget, the oracle must agree, one shot
 * and streamed in pieces whose sizes come from the subject itself.
 * Both programs, with a few fixed ones, also go into an l7re_multi
 * (small cell bound, so groups split) fed the same pieces: each
 * member's answer must be the program's own (one without a DFA may be
 * known DEAD by the multi while its own stream says PENDING).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "regexp/l7prep.h"
#include "regexp/l7re_int.h"
#include "regexp/l7re_multi.h"
#include "ref.h"

#define CHECK(c)	do { if (!(c)) __builtin_trap(); } while (0)

static int streamed(const struct l7re_prog *p, void *st, const u8 *s,
		    size_t len)
{
	size_t off = 0, n;
	int r;

	l7re_stream_init(p, st);
	r = l7re_stream_feed(p, st, s, 0);
	while (off < len) {
		n = 1 + s[off] % 7;
		if (n > len - off)
			n = len - off;
		r = l7re_stream_feed(p, st, s + off, n);
		off += n;
	}
	return r;
}

static const char *const fixed_res[] = { "^ab", "b.*c$", "xy", "^[^a]*a" };
#define NFIXED	(sizeof(fixed_res) / sizeof(fixed_res[0]))

static void multi_check(struct l7re_prog *dfa, struct l7re_prog *nfa,
			const u8 *s, size_t len)
{
	static struct l7re_prog *fixed[NFIXED];
	const struct l7re_prog *progs[2 + NFIXED] = { dfa, nfa };
	u8 want[2 + NFIXED], got[2 + NFIXED];
	struct l7re_multi *m;
	size_t i, off = 0, n, sz = 0;
	void *st, *mst;

	for (i = 0; i < NFIXED; i++) {
		if (!fixed[i])
			CHECK(!l7re_compile(&fixed[i], fixed_res[i],
					    strlen(fixed_res[i]), NULL));
		progs[2 + i] = fixed[i];
	}
	for (i = 0; i < 2 + NFIXED; i++)
		if (l7re_stream_size(progs[i]) > sz)
			sz = l7re_stream_size(progs[i]);
	CHECK(!l7re_multi_compile_cells(&m, progs, 2 + NFIXED,
					len ? 64 << (s[0] & 7) : 4096));
	st = malloc(sz);
	mst = malloc(l7re_multi_stream_size(m));
	l7re_multi_stream_init(m, mst);
	while (off < len) {
		n = 1 + s[off] % 7;
		if (n > len - off)
			n = len - off;
		l7re_multi_stream_feed(m, mst, s + off, n);
		off += n;
	}
	l7re_multi_results(m, mst, got);
	for (i = 0; i < 2 + NFIXED; i++) {
		want[i] = streamed(progs[i], st, s, len);
		/* A multi may build the DFA a program lacks: DEAD sooner. */
		CHECK(want[i] == got[i] ||
		      (!progs[i]->ndfa && want[i] == L7RE_PENDING &&
		       got[i] == L7RE_DEAD));
	}
	l7re_multi_free(m);
	free(mst);
	free(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char prep[L7RE_MAX_REGEX_LEN + 1];
	struct l7re_prog *dfa, *nfa;
	struct ref_re *ref;
	const char *re;
	struct l7re_diag d1, d2;
	size_t relen, slen, sz;
	const u8 *s;
	int e1, e2, e3, r;
	bool m1, m2;
	void *st;

	if (!size)
		return 0;
	relen = data[0] & 0x7f;
	if (relen > size - 1)
		relen = size - 1;
	re = (const char *)data + 1;
	s = data + 1 + relen;
	slen = size - 1 - relen;
	if (data[0] & 0x80) {
		long n = l7_prepare_pattern(prep, sizeof(prep), re, relen);

		CHECK(n >= 0 && (size_t)n <= relen);
		re = prep;
		relen = n;
	}
	e1 = l7re_compile_flags(&dfa, re, relen, &d1, 0);
	e2 = l7re_compile_flags(&nfa, re, relen, &d2, L7RE_F_NODFA);
	CHECK(e1 == e2);
	CHECK(!e1 || (d1.reason == d2.reason && d1.offset == d2.offset));
	CHECK(!e1 || e1 == -EINVAL || e1 == -E2BIG);
	if (e1)
		return 0;
	sz = l7re_stream_size(nfa);
	if (l7re_stream_size(dfa) > sz)
		sz = l7re_stream_size(dfa);
	st = malloc(sz);
	m1 = l7re_match(dfa, st, s, slen);
	m2 = l7re_match(nfa, st, s, slen);
	CHECK(m1 == m2);
	CHECK((streamed(dfa, st, s, slen) == L7RE_MATCH) == m1);
	CHECK((streamed(nfa, st, s, slen) == L7RE_MATCH) == m1);
	multi_check(dfa, nfa, s, slen);
	/* The oracle is exponential: only small cases. */
	if (relen <= 40 && slen <= 64) {
		e3 = ref_compile(&ref, re, strnlen(re, relen));
		CHECK(!e3);
		r = ref_match(ref, s, slen);
		CHECK(r == REF_GAVEUP || (r == REF_MATCH) == m1);
		ref_free(ref);
	}
	free(st);
	l7re_free(dfa);
	l7re_free(nfa);
	return 0;
}
