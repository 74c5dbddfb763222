// SPDX-License-Identifier: GPL-2.0
/*
 * TEMPORARY stand-in for regexp/ while the real engine is written in
 * parallel: literal patterns with optional ^ and $, enough for the core
 * tests.  Linked only into the core test binary, and only while no
 * regexp/ source is in L7_SRCS (see tests/core/core.mk).
 */
#include <stdio.h>
#include "regexp/l7re.h"
#include "regexp/l7prep.h"

unsigned long l7_alloc_fail_at;
static unsigned long l7_alloc_count;

void *l7_env_malloc(size_t n, int zero)
{
	if (l7_alloc_fail_at && ++l7_alloc_count == l7_alloc_fail_at)
		return NULL;
	return zero ? calloc(1, n) : malloc(n);
}

void *l7_env_realloc(void *p, size_t n)
{
	if (l7_alloc_fail_at && ++l7_alloc_count == l7_alloc_fail_at)
		return NULL;
	return realloc(p, n);
}

size_t l7_prepare_data(u8 *out, const u8 *in, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		u8 c = in[i];

		if (!c)
			continue;
		out[o++] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
	}
	return o;
}

struct l7re_prog {
	int bol, eol;
	size_t n;
	u8 lit[];
};

struct standin_state {
	size_t total;
	int matched;
	u8 win[];		/* last n bytes, circular */
};

const char *l7re_strerror(int err)
{
	return err ? "stand-in error" : "ok";
}

int l7re_compile(struct l7re_prog **progp, const char *re, size_t len,
		 size_t *erroff)
{
	struct l7re_prog *p = malloc(sizeof(*p) + len + 1);

	(void)erroff;
	if (!p)
		return L7RE_ERR_NOMEM;
	p->bol = len && re[0] == '^';
	if (p->bol) {
		re++;
		len--;
	}
	p->eol = len && re[len - 1] == '$';
	if (p->eol)
		len--;
	memcpy(p->lit, re, len);
	p->n = len;
	*progp = p;
	return 0;
}

void l7re_free(struct l7re_prog *prog)
{
	free(prog);
}

size_t l7re_stream_size(const struct l7re_prog *prog)
{
	return sizeof(struct standin_state) + prog->n + 1;
}

size_t l7re_prog_size(const struct l7re_prog *prog)
{
	return sizeof(*prog) + prog->n;
}

void l7re_stream_init(const struct l7re_prog *prog, void *stream)
{
	memset(stream, 0, l7re_stream_size(prog));
}

/* Do the last n bytes seen equal the literal? */
static int tail_is_lit(const struct l7re_prog *p, const struct standin_state *s)
{
	size_t i;

	if (s->total < p->n)
		return 0;
	for (i = 0; i < p->n; i++)
		if (s->win[(s->total - p->n + i) % (p->n + 1)] != p->lit[i])
			return 0;
	return 1;
}

int l7re_stream_feed(const struct l7re_prog *p, void *stream,
		     const u8 *data, size_t len)
{
	struct standin_state *s = stream;
	size_t i;

	for (i = 0; i < len && !s->matched; i++) {
		s->win[s->total % (p->n + 1)] = data[i];
		s->total++;
		if (p->eol)
			continue;
		if (tail_is_lit(p, s) && (!p->bol || s->total == p->n))
			s->matched = 1;
	}
	if (p->n == 0 && !p->bol && !p->eol)
		s->matched = 1;
	if (s->matched)
		return L7RE_MATCH;
	if (p->eol) {
		if (tail_is_lit(p, s) && (!p->bol || s->total == p->n))
			return L7RE_MATCH;
		return p->bol && s->total > p->n ? L7RE_DEAD : L7RE_PENDING;
	}
	if (p->bol && s->total >= p->n)
		return L7RE_DEAD;
	return L7RE_PENDING;
}

bool l7re_match(const struct l7re_prog *prog, void *stream,
		const u8 *data, size_t len)
{
	l7re_stream_init(prog, stream);
	return l7re_stream_feed(prog, stream, data, len) == L7RE_MATCH;
}
