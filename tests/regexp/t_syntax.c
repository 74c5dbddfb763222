// SPDX-License-Identifier: GPL-2.0
/*
 * V8 syntax and semantics, case by case: every corner case in which
 * Henry Spencer's V8 regexp, as the original l7-filter ran it, differs
 * from what a reader of POSIX or PCRE would expect, each also checked
 * against the oracle (tests/regexp/ref.c), with and without the DFA.
 */
#include <stdlib.h>
#include <string.h>

#include "regexp/l7re.h"
#include "ref.h"
#include "t.h"

/* Compile errors as negative reasons: Y and N are 1 and 0. */
#define ERR(e)	(-L7RE_REASON_##e)
#define Y	1	/* matches */
#define N	0	/* does not match */

struct tcase {
	const char *re;
	const char *subject;	/* NULL: only the compile result matters */
	int want;		/* Y, N, or a (negative) compile error */
	size_t sublen;		/* 0: strlen(subject) */
};

static const struct tcase cases[] = {
	/* literals, concatenation, alternation, groups */
	{ "abc", "xxabcxx", Y },
	{ "abc", "abxc", N },
	{ "a|b", "b", Y },
	{ "a|b", "c", N },
	{ "(ab|cd)e", "cde", Y },
	{ "(ab|cd)e", "ace", N },
	{ "((a)(b(c)))", "abc", Y },
	{ "(((((((((a)))))))))", "a", Y },
	{ "((((((((((a))))))))))", NULL, ERR(GROUPS) },
	{ "(a)(b)(c)(d)(e)(f)(g)(h)(i)", "abcdefghi", Y },
	{ "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)", NULL, ERR(GROUPS) },
	/* repetition */
	{ "ab*c", "ac", Y },
	{ "ab*c", "abbbc", Y },
	{ "ab+c", "ac", N },
	{ "ab+c", "abbc", Y },
	{ "ab?c", "abbc", N },
	{ "ab?c", "ac", Y },
	{ "(ab)+$", "xabab", Y },
	{ "(a*b)*c", "aabbabc", Y },
	{ "*a", NULL, ERR(NOTHING) },
	{ "+", NULL, ERR(NOTHING) },
	{ "?", NULL, ERR(NOTHING) },
	{ "(*a)", NULL, ERR(NOTHING) },
	{ "a|*b", NULL, ERR(NOTHING) },
	{ "^*", NULL, ERR(EMPTYREP) },
	{ "$+", NULL, ERR(EMPTYREP) },
	{ "()*", NULL, ERR(EMPTYREP) },
	{ "(a|)*", NULL, ERR(EMPTYREP) },
	{ "(a?)+", NULL, ERR(EMPTYREP) },
	{ "(a*)*", NULL, ERR(EMPTYREP) },
	{ "(a*)*b", NULL, ERR(EMPTYREP) },
	{ "(^a)*", "a", Y },
	{ "^?a", "ba", Y },
	{ "$?a", "a", Y },
	{ "()?x", "x", Y },
	{ "(a|)?b", "b", Y },
	{ "a**", NULL, ERR(NESTED) },
	{ "a+?", NULL, ERR(NESTED) },
	{ "a??", NULL, ERR(NESTED) },
	{ "a*+", NULL, ERR(NESTED) },
	{ "(a)*?", NULL, ERR(NESTED) },
	/* empty alternatives match the empty string */
	{ "a|", "zzz", Y },
	{ "a|", "", Y },
	{ "|a", "", Y },
	{ "a||b", "c", Y },
	{ "()", "", Y },
	{ "(|a)b", "b", Y },
	{ "(|a)b", "c", N },
	{ "", "", Y },
	{ "", "x", Y },
	/* anchors are anchors everywhere */
	{ "^ab", "ab", Y },
	{ "^ab", "cab", N },
	{ "ab$", "cab", Y },
	{ "ab$", "abc", N },
	{ "a^b", "ab", N },
	{ "a^b", "a^b", N },
	{ "a$b", "a$b", N },
	{ "a$", "a\n", N },
	{ "^$", "", Y },
	{ "^$", "x", N },
	{ "$^", "", Y },
	{ "(^|x)a", "xa", Y },
	{ "(^|x)a", "ya", N },
	{ "a(b|$)", "a", Y },
	{ "a(b|$)", "ac", N },
	{ ".", "\n", Y },
	{ ".", "\r", Y },
	{ "a.c", "a\nc", Y },
	/* brackets */
	{ "[]a]", "]", Y },
	{ "[]a]", "a", Y },
	{ "[]a]", "b", N },
	{ "[^]a]", "]", N },
	{ "[^]a]", "b", Y },
	{ "[^]]", "]", N },
	{ "[^]]", "x", Y },
	{ "[a-]", "-", Y },
	{ "[-a]", "-", Y },
	{ "[a-c-e]", "d", Y },
	{ "[a-c-e]", "f", N },
	{ "[a-z-9]", NULL, ERR(RANGE) },
	{ "[z-a]", NULL, ERR(RANGE) },
	{ "[a-a]", "a", Y },
	{ "[\\]]", "\\]", Y },
	{ "[\\]]", "]", N },
	{ "[\\]]", "\\", N },
	{ "[a-z0-9\\-_]", "^", Y },	/* 2009 finger: range \ .. _ */
	{ "[a-z0-9\\-_]", "-", N },
	{ "[]", NULL, ERR(BRACKET) },
	{ "[^]", NULL, ERR(BRACKET) },
	{ "[abc", NULL, ERR(BRACKET) },
	{ "[]abc]", "]", Y },
	{ "[.]", "x", N },
	{ "[.]", ".", Y },
	{ "[*+?(|)]+", "*+?(|)", Y },
	{ "[^a]", "a", N },
	{ "[[:alpha:]]", ":]", Y },	/* no POSIX classes: [[:alph] then ] */
	{ "[[:alpha:]]", "a", N },
	/* backslash: the next byte, always literal */
	{ "\\.", "a", N },
	{ "\\.", ".", Y },
	{ "\\n", "n", Y },
	{ "\\n", "\n", N },
	{ "\\d", "d", Y },
	{ "\\(a\\)", "(a)", Y },
	{ "\\\\", "\\", Y },
	{ "a\\", NULL, ERR(TRAILBS) },
	{ "\\", NULL, ERR(TRAILBS) },
	/* braces are literal */
	{ "a{2}", "aa", N },
	{ "a{2}", "a{2}", Y },
	{ "{", "{", Y },
	{ "x{1,3}}", "x{1,3}}", Y },
	/* parentheses */
	{ "(a", NULL, ERR(PAREN) },
	{ "a)", NULL, ERR(PAREN) },
	{ ")", NULL, ERR(PAREN) },
	{ "((a)", NULL, ERR(PAREN) },
	/* NUL ends the subject as it ended V8's C string */
	{ "a$", "a\0b", Y, 3 },
	{ "b", "a\0b", N, 3 },
	{ "^a.*b", "a\0b", N, 3 },
	{ ".", "\0", N, 1 },
	{ "[^a]", "\0", N, 1 },
	{ "^$", "\0x", Y, 2 },
	/* bytes >= 0x80 are ordinary bytes */
	{ "\xe9", "caf\xe9", Y },
	{ "[\x80-\xff]", "\x90", Y },
	{ "[\x80-\xff]", "\x7f", N },
	{ "[^\x80-\xff]+$", "ab\xff", N },
	{ ".", "\xff", Y },
	{ "[\xff-\x80]", NULL, ERR(RANGE) },
	/* case matters (l7 mode lowercases both sides beforehand) */
	{ "abc", "ABC", N },
};

static int engine_result(const char *re, const struct tcase *c,
			 unsigned int flags)
{
	struct l7re_diag diag;
	struct l7re_prog *prog;
	size_t len;
	void *st;
	int err;
	bool hit;

	err = l7re_compile_flags(&prog, re, strlen(re), &diag, flags);
	if (err) {
		t_ok(err == (diag.reason == L7RE_REASON_TOOLONG ? -E2BIG :
			     diag.reason == L7RE_REASON_NOMEM ? -ENOMEM :
			     -EINVAL),
		     "/%s/: returned %d for reason %d", t_show(re, strlen(re)),
		     err, diag.reason);
		return -diag.reason;
	}
	if (!c->subject) {
		l7re_free(prog);
		return 0;
	}
	len = c->sublen ? c->sublen : strlen(c->subject);
	st = malloc(l7re_stream_size(prog));
	hit = l7re_match(prog, st, (const u8 *)c->subject, len);
	free(st);
	l7re_free(prog);
	return hit ? Y : N;
}

/* Where l7re_compile() says the error is, and what it returns. */
static void diagnoses(void)
{
	static const struct {
		const char *re;
		int err, reason;
		size_t offset;
	} c[] = {
		{ "a(b|c)", 0, L7RE_REASON_NONE, 0 },
		{ "x(ab", -EINVAL, L7RE_REASON_PAREN, 1 },	/* the "(" */
		{ "ab)c", -EINVAL, L7RE_REASON_PAREN, 2 },
		{ "ab[z-a]", -EINVAL, L7RE_REASON_RANGE, 5 },
		{ "ab[cd", -EINVAL, L7RE_REASON_BRACKET, 5 },
		{ "a**", -EINVAL, L7RE_REASON_NESTED, 2 },
		{ "ab\\", -EINVAL, L7RE_REASON_TRAILBS, 2 },
	};
	struct l7re_diag diag;
	struct l7re_prog *prog;
	size_t i;
	int err;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		diag.reason = -1;
		diag.offset = 99;
		err = l7re_compile(&prog, c[i].re, strlen(c[i].re), &diag);
		t_ok(err == c[i].err && diag.reason == c[i].reason &&
		     diag.offset == c[i].offset && !err == !!prog,
		     "/%s/: %d, reason %d at %zu; want %d, %d at %zu",
		     c[i].re, err, diag.reason, diag.offset, c[i].err,
		     c[i].reason, c[i].offset);
		l7re_free(prog);
	}
	t_ok(!strcmp(l7re_strerror(L7RE_REASON_RANGE), "invalid [] range") &&
	     !strcmp(l7re_strerror(L7RE_REASON_COUNT), "unknown reason") &&
	     !strcmp(l7re_strerror(-EINVAL), "unknown reason"),
	     "l7re_strerror() takes a reason");
}

int main(void)
{
	size_t i;

	diagnoses();

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct tcase *c = &cases[i];
		size_t len = c->subject ? (c->sublen ? c->sublen :
					  strlen(c->subject)) : 0;
		struct ref_re *ref;
		int r, o;

		r = engine_result(c->re, c, 0);
		t_ok(r == c->want, "/%s/ on \"%s\": got %d, want %d",
		     t_show(c->re, strlen(c->re)),
		     c->subject ? t_show(c->subject, len) : "", r, c->want);
		r = engine_result(c->re, c, L7RE_F_NODFA);
		t_ok(r == c->want, "NFA /%s/ on \"%s\": got %d, want %d",
		     t_show(c->re, strlen(c->re)),
		     c->subject ? t_show(c->subject, len) : "", r, c->want);
		/* The oracle must agree with the table too. */
		o = -ref_compile(&ref, c->re, strlen(c->re));
		if (!o && c->subject)
			o = ref_match(ref, (const u8 *)c->subject, len) ==
			    REF_MATCH ? Y : N;
		ref_free(ref);
		t_ok(o == c->want, "oracle /%s/: got %d, want %d",
		     t_show(c->re, strlen(c->re)), o, c->want);
	}
	return t_done();
}
