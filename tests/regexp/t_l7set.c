// SPDX-License-Identifier: GPL-2.0
/*
 * The 2009-05-28 pattern package ($L7_SHARED/l7-protocols-2009-05-28):
 * all 145 files read, prepare and compile; each program gives the same
 * answers with and without its DFA, one shot and streamed, on random
 * printable and binary data and on crafted protocol openings; the
 * ogg pattern that took the original over 20 s on 2 KiB stays linear.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/l7patfile.h"
#include "regexp/l7prep.h"
#include "regexp/l7re_int.h"
#include "t.h"

/* Openings that make some 2009 patterns match (prepared: lowercase). */
static const char *const openings[] = {
	"get / http/1.1\r\nhost: x\r\n\r\nhttp/1.1 200 ok\r\n",
	"ssh-2.0-openssh_9.2\r\n",
	"220 ftp server ready\r\nuser anonymous\r\n",
	"+ok pop3 ready\r\n",
	"* ok imap4rev1\r\n",
	"220 mail esmtp\r\nehlo x\r\n",
	"\x13" "bittorrent protocol",
	"oggs\x01vorbis",
	"login: root name: x directory: ",
};

static void fill(u8 *s, size_t len, int kind)
{
	size_t i;

	for (i = 0; i < len; i++)
		s[i] = kind ? 1 + t_rnd(255) : 32 + t_rnd(95);
}

/* Answers of two programs on one subject, one shot and streamed. */
static void compare(const char *name, struct l7re_prog *a,
		    struct l7re_prog *b, void *st, const u8 *s, size_t len)
{
	bool ra = l7re_match(a, st, s, len), rb = l7re_match(b, st, s, len);
	size_t off, n;
	int r = 0;

	t_ok(ra == rb, "%s: dfa %d nfa %d on \"%s\"", name, ra, rb,
	     t_show(s, len > 60 ? 60 : len));
	l7re_stream_init(a, st);
	for (off = 0; off < len; off += n) {
		n = 1 + t_rnd(200);
		if (n > len - off)
			n = len - off;
		r = l7re_stream_feed(a, st, s + off, n);
	}
	if (!len)
		r = l7re_stream_feed(a, st, s, 0);
	t_ok((r == L7RE_MATCH) == ra, "%s: streamed %d, one shot %d", name,
	     r, ra);
}

static void ogg_linear(struct l7re_prog *nfa, void *st)
{
	unsigned long steps[2];
	u8 s[4096];
	size_t i, len;
	int k;

	/* Many "oggs" starts, each followed by up to 24 live .? threads. */
	for (k = 0; k < 2; k++) {
		len = k ? 4094 : 2047;
		for (i = 0; i < len; i++)
			s[i] = "oggs"[i % 4];
		l7re_steps = 0;
		l7re_match(nfa, st, s, len);
		steps[k] = l7re_steps;
	}
	t_ok(steps[1] <= steps[0] * 21 / 10 + 1000,
	     "ogg: %lu steps on 2047 bytes, %lu on 4094: not linear",
	     steps[0], steps[1]);
	t_ok(steps[0] <= 2047UL * 2 * nfa->nnodes,
	     "ogg: %lu steps exceed 2 x bytes x nodes", steps[0]);
	printf("# ogg on 2047 bytes: %lu NFA steps (%u nodes)\n", steps[0],
	       nfa->nnodes);
}

int main(void)
{
	const char *shared = getenv("L7_SHARED");
	char dir[4096], err[L7_PAT_ERR_MAX];
	static char prep[L7RE_MAX_REGEX_LEN + 1];
	struct l7_patdef *defs;
	size_t n, i, k, withdfa = 0, maxprog = 0, total = 0;
	static u8 s[2047];

	snprintf(dir, sizeof(dir), "%s/l7-protocols-2009-05-28",
		 shared ? shared : "../shared");
	if (l7_patfile_list(dir, &defs, &n, err)) {
		printf("SKIP: the 2009 pattern set is not available (%s)\n",
		       err);
		t_skip++;
		return t_done();
	}
	t_ok(n == 145, "%zu definitions in %s, want 145", n, dir);
	for (i = 0; i < n; i++) {
		struct l7re_prog *dfa, *nfa;
		struct l7re_diag diag;
		size_t sz;
		long len;
		void *st;
		int e;

		len = l7_prepare_pattern(prep, sizeof(prep), defs[i].regex,
					 defs[i].regex_len);
		t_ok(len >= 0, "%s: prepared pattern too long", defs[i].path);
		if (len < 0)
			continue;
		e = l7re_compile(&dfa, prep, len, &diag);
		t_ok(!e, "%s: %s at offset %zu", defs[i].path,
		     l7re_strerror(diag.reason), diag.offset);
		if (e)
			continue;
		e = l7re_compile_flags(&nfa, prep, len, &diag, L7RE_F_NODFA);
		t_ok(!e, "%s: NFA-only compile: %s", defs[i].path,
		     l7re_strerror(diag.reason));
		if (e) {
			l7re_free(dfa);
			continue;
		}
		withdfa += dfa->ndfa != 0;
		total += l7re_prog_size(dfa);
		if (l7re_prog_size(dfa) > maxprog)
			maxprog = l7re_prog_size(dfa);
		sz = l7re_stream_size(nfa);
		st = malloc(sz > l7re_stream_size(dfa) ? sz :
			    l7re_stream_size(dfa));
		for (k = 0; k < 40; k++) {
			size_t len2 = t_rnd(sizeof(s) + 1);

			fill(s, len2, k & 1);
			if (k < 2 * sizeof(openings) / sizeof(openings[0])) {
				const char *o = openings[k / 2];
				size_t ol = strlen(o);

				memcpy(s, o, ol < len2 ? ol : len2);
			}
			compare(defs[i].name, dfa, nfa, st, s, len2);
		}
		if (!strcmp(defs[i].name, "ogg"))
			ogg_linear(nfa, st);
		if (!strcmp(defs[i].name, "skypeout"))
			t_ok(defs[i].regex_len == 6321,
			     "skypeout: %zu regex bytes, want 6321",
			     defs[i].regex_len);
		free(st);
		l7re_free(dfa);
		l7re_free(nfa);
	}
	printf("# %zu of %zu programs have a DFA; largest %zu bytes, all %zu bytes\n",
	       withdfa, n, maxprog, total);
	l7_patfile_list_free(defs, n);
	return t_done();
}
