// SPDX-License-Identifier: GPL-2.0
/* The oracle: see ref.h.  Recursion is fine here (tests only). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "regexp/l7re.h"
#include "ref.h"

enum { R_SET, R_BOL, R_EOL, R_EMPTY, R_CAT, R_ALT, R_STAR, R_QUEST };

struct rnode {
	int type;
	struct rnode *a, *b;
	unsigned char set[256];
};

struct ref_re {
	struct rnode *root;
	struct rnode *pool;
	size_t npool, cap;
};

/* V8 regcomp flags */
#define HASWIDTH	1

struct parser {
	struct ref_re *re;
	const unsigned char *p;	/* NUL-terminated copy */
	int err;
	int npar;
};

static struct rnode *node(struct parser *ps, int type, struct rnode *a,
			  struct rnode *b)
{
	struct rnode *n = &ps->re->pool[ps->re->npool++];

	memset(n, 0, sizeof(*n));
	n->type = type;
	n->a = a;
	n->b = b;
	return n;
}

static struct rnode *reg(struct parser *ps, int paren, int *flagp);

#define FAIL(e) do { ps->err = (e); return NULL; } while (0)
#define ISMULT(c) ((c) == '*' || (c) == '+' || (c) == '?')

static struct rnode *regatom(struct parser *ps, int *flagp)
{
	struct rnode *n;
	int c = *ps->p++, flags;

	*flagp = 0;
	switch (c) {
	case '^':
		return node(ps, R_BOL, NULL, NULL);
	case '$':
		return node(ps, R_EOL, NULL, NULL);
	case '.':
		n = node(ps, R_SET, NULL, NULL);
		memset(n->set, 1, 256);
		n->set[0] = 0;
		*flagp = HASWIDTH;
		return n;
	case '[': {
		int neg = 0, lo, hi;

		n = node(ps, R_SET, NULL, NULL);
		if (*ps->p == '^') {
			neg = 1;
			ps->p++;
		}
		if (*ps->p == ']' || *ps->p == '-')
			n->set[*ps->p++] = 1;
		while (*ps->p && *ps->p != ']') {
			if (*ps->p == '-') {
				ps->p++;
				if (*ps->p == ']' || !*ps->p) {
					n->set['-'] = 1;
				} else {
					lo = ps->p[-2] + 1;
					hi = ps->p[0];
					if (lo > hi + 1)
						FAIL(L7RE_REASON_RANGE);
					for (; lo <= hi; lo++)
						n->set[lo] = 1;
					ps->p++;
				}
			} else {
				n->set[*ps->p++] = 1;
			}
		}
		if (*ps->p != ']')
			FAIL(L7RE_REASON_BRACKET);
		ps->p++;
		if (neg)
			for (c = 0; c < 256; c++)
				n->set[c] = !n->set[c];
		n->set[0] = 0;
		*flagp = HASWIDTH;
		return n;
	}
	case '(':
		n = reg(ps, 1, &flags);
		if (!n)
			return NULL;
		*flagp = flags & HASWIDTH;
		return n;
	case '|': case ')': case 0:
		FAIL(REF_ERR_INTERNAL);
	case '?': case '+': case '*':
		FAIL(L7RE_REASON_NOTHING);
	case '\\':
		if (!*ps->p)
			FAIL(L7RE_REASON_TRAILBS);
		c = *ps->p++;
		/* fall through */
	default:
		n = node(ps, R_SET, NULL, NULL);
		n->set[c] = 1;
		*flagp = HASWIDTH;
		return n;
	}
}

static struct rnode *regpiece(struct parser *ps, int *flagp)
{
	struct rnode *a;
	int flags, op;

	a = regatom(ps, &flags);
	if (!a)
		return NULL;
	op = *ps->p;
	if (!ISMULT(op)) {
		*flagp = flags;
		return a;
	}
	if (!(flags & HASWIDTH) && op != '?')
		FAIL(L7RE_REASON_EMPTYREP);
	*flagp = op == '+' ? HASWIDTH : 0;
	ps->p++;
	if (ISMULT(*ps->p))
		FAIL(L7RE_REASON_NESTED);
	if (op == '*')
		return node(ps, R_STAR, a, NULL);
	if (op == '?')
		return node(ps, R_QUEST, a, NULL);
	return node(ps, R_CAT, a, node(ps, R_STAR, a, NULL));
}

static struct rnode *regbranch(struct parser *ps, int *flagp)
{
	struct rnode *chain = NULL, *latest;
	int flags;

	*flagp = 0;
	while (*ps->p && *ps->p != '|' && *ps->p != ')') {
		latest = regpiece(ps, &flags);
		if (!latest)
			return NULL;
		*flagp |= flags & HASWIDTH;
		chain = chain ? node(ps, R_CAT, chain, latest) : latest;
	}
	return chain ? chain : node(ps, R_EMPTY, NULL, NULL);
}

static struct rnode *reg(struct parser *ps, int paren, int *flagp)
{
	struct rnode *ret, *br;
	int flags;

	*flagp = HASWIDTH;
	if (paren) {
		if (ps->npar >= 10)
			FAIL(L7RE_REASON_GROUPS);
		ps->npar++;
	}
	ret = regbranch(ps, &flags);
	if (!ret)
		return NULL;
	if (!(flags & HASWIDTH))
		*flagp &= ~HASWIDTH;
	while (*ps->p == '|') {
		ps->p++;
		br = regbranch(ps, &flags);
		if (!br)
			return NULL;
		ret = node(ps, R_ALT, ret, br);
		if (!(flags & HASWIDTH))
			*flagp &= ~HASWIDTH;
	}
	if (paren && *ps->p++ != ')')
		FAIL(L7RE_REASON_PAREN);
	if (!paren && *ps->p)
		FAIL(*ps->p == ')' ? L7RE_REASON_PAREN : REF_ERR_INTERNAL);
	return ret;
}

int ref_compile(struct ref_re **out, const char *pat, size_t len)
{
	struct ref_re *re = calloc(1, sizeof(*re));
	unsigned char *copy = malloc(len + 1);
	struct parser ps;
	int flags;

	memcpy(copy, pat, len);
	copy[len] = 0;
	re->cap = 5 * len + 8;
	re->pool = calloc(re->cap, sizeof(*re->pool));
	ps.re = re;
	ps.p = copy;
	ps.err = 0;
	ps.npar = 1;	/* V8's regnpar starts at 1, NSUBEXP is 10 */
	re->root = reg(&ps, 0, &flags);
	free(copy);
	if (!re->root) {
		ref_free(re);
		*out = NULL;
		return ps.err;
	}
	*out = re;
	return 0;
}

void ref_free(struct ref_re *re)
{
	if (re)
		free(re->pool);
	free(re);
}

struct k {
	const struct rnode *n;
	const struct k *next;
};

struct run {
	const unsigned char *s;
	size_t len;
	unsigned long budget;
};

static bool m(struct run *r, const struct rnode *n, size_t i,
	      const struct k *k);

static bool cont(struct run *r, size_t i, const struct k *k)
{
	return !k || m(r, k->n, i, k->next);
}

static bool m(struct run *r, const struct rnode *n, size_t i,
	      const struct k *k)
{
	struct k kk;

	if (!r->budget || !--r->budget)
		return false;
	switch (n->type) {
	case R_SET:
		return i < r->len && n->set[r->s[i]] && cont(r, i + 1, k);
	case R_BOL:
		return i == 0 && cont(r, i, k);
	case R_EOL:
		return i == r->len && cont(r, i, k);
	case R_EMPTY:
		return cont(r, i, k);
	case R_CAT:
		kk.n = n->b;
		kk.next = k;
		return m(r, n->a, i, &kk);
	case R_ALT:
		return m(r, n->a, i, k) || m(r, n->b, i, k);
	case R_QUEST:
		return m(r, n->a, i, k) || cont(r, i, k);
	case R_STAR:
		/* The operand has width (V8 checked), so this ends. */
		kk.n = n;
		kk.next = k;
		return m(r, n->a, i, &kk) || cont(r, i, k);
	}
	return false;
}

int ref_match(const struct ref_re *re, const unsigned char *s, size_t len)
{
	struct run r = { s, 0, 2000000 };
	size_t i;

	while (r.len < len && s[r.len])
		r.len++;
	for (i = 0; i <= r.len; i++) {
		if (m(&r, re->root, i, NULL))
			return REF_MATCH;
		if (!r.budget)
			return REF_GAVEUP;
	}
	return REF_NOMATCH;
}
