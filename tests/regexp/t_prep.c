// SPDX-License-Identifier: GPL-2.0
/* The l7 preparation of pattern lines and of connection data. */
#include <string.h>

#include "regexp/l7prep.h"
#include "regexp/l7re.h"
#include "t.h"

struct pcase {
	const char *line;
	const char *want;	/* NULL: does not fit */
	size_t outsize;		/* 0: large */
};

static const struct pcase pcases[] = {
	{ "^GET /", "^get /" },
	{ "\\x2a", "*" },			/* decoded metacharacter lives */
	{ "a\\x7cb", "a|b" },
	{ "\\\\x41", "\\a" },			/* \\x41 still decodes */
	{ "\\X41", "\\x41" },			/* not decoded, then lowercased */
	{ "\\x4", "\\x4" },			/* needs exactly two digits */
	{ "\\x4g", "\\x4g" },
	{ "\\xFf", "\xff" },
	{ "\\x41\\x42", "ab" },			/* decoded bytes lowercased */
	{ "[Z-a]", "[z-a]" },
	{ "ab\\x00cd", "ab" },			/* decoded NUL ends it */
	{ "\xc9T\xe9", "\xc9t\xe9" },		/* >= 0x80 unchanged */
	{ "finger ", "finger " },		/* trailing space kept */
	{ "a\r", "a\r" },
	{ "abc", "abc", 4 },
	{ "abcd", NULL, 4 },
	{ "\\x41bc", "abc", 4 },
	{ "", "", 1 },
};

static void pattern_cases(void)
{
	size_t i;

	for (i = 0; i < sizeof(pcases) / sizeof(pcases[0]); i++) {
		const struct pcase *c = &pcases[i];
		size_t size = c->outsize ? c->outsize : 100;
		char out[100];
		long n;

		memset(out, 'X', sizeof(out));
		n = l7_prepare_pattern(out, size, c->line, strlen(c->line));
		if (!c->want) {
			t_ok(n == -1, "\"%s\" in %zu: %ld, want -1",
			     t_show(c->line, strlen(c->line)), size, n);
			continue;
		}
		t_ok(n == (long)strlen(c->want) && !strcmp(out, c->want),
		     "\"%s\": got %ld \"%s\", want \"%s\"",
		     t_show(c->line, strlen(c->line)), n,
		     n >= 0 ? t_show(out, n) : "", t_show(c->want,
							  strlen(c->want)));
	}
}

static void data_cases(void)
{
	static const u8 in[] = "A\0bC\0\0\xc9z\x80Zq";
	u8 out[sizeof(in)], same[sizeof(in)];
	static const u8 want[] = "abc\xc9z\x80zq";
	size_t n;

	n = l7_prepare_data(out, in, sizeof(in) - 1);
	t_ok(n == sizeof(want) - 1 && !memcmp(out, want, n),
	     "data: got \"%s\"", t_show(out, n));
	memcpy(same, in, sizeof(in));
	n = l7_prepare_data(same, same, sizeof(in) - 1);
	t_ok(n == sizeof(want) - 1 && !memcmp(same, want, n),
	     "data in place: got \"%s\"", t_show(same, n));
	/* The caller's cap counts input bytes, NULs included. */
	n = l7_prepare_data(out, in, 3);
	t_ok(n == 2 && !memcmp(out, "ab", 2), "data capped: got %zu", n);
	t_ok(l7_prepare_data(out, in, 0) == 0, "empty data");
}

/* Prepared, then compiled: what the kernel really runs. */
static void compiled_cases(void)
{
	static const struct {
		const char *line, *subject;
		int want;	/* 1 match, 0 none, < 0 minus a reason */
	} c[] = {
		{ "^a\\x2ab$", "b", 1 },	/* decoded * is an operator */
		{ "a\\x7cz", "z", 1 },	/* decoded | too */
		{ "[Z-a]", "", -L7RE_REASON_RANGE },	/* lowercased: z-a */
		{ "\\X41", "\\x41", 1 },	/* literal x41 after \\ */
		{ "\\\\x41", "a", 1 },	/* \\a: the literal a */
		{ "USER", "user", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		char re[64];
		long n = l7_prepare_pattern(re, sizeof(re), c[i].line,
					    strlen(c[i].line));
		struct l7re_prog *prog;
		struct l7re_diag diag;
		int r = n < 0 ? -L7RE_REASON_TOOLONG :
			l7re_compile(&prog, re, n, &diag) ? -diag.reason : 0;
		u8 st[64];

		if (!r) {
			t_ok(l7re_stream_size(prog) <= sizeof(st),
			     "\"%s\": stream too big for the test", c[i].line);
			r = l7re_match(prog, st, (const u8 *)c[i].subject,
				       strlen(c[i].subject));
			l7re_free(prog);
		}
		t_ok(r == c[i].want, "\"%s\" on \"%s\": %d, want %d",
		     c[i].line, c[i].subject, r, c[i].want);
	}
}

int main(void)
{
	pattern_cases();
	data_cases();
	compiled_cases();
	return t_done();
}
