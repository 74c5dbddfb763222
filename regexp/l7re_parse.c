// SPDX-License-Identifier: GPL-2.0
/*
 * V8 regexp syntax -> Thompson NFA, in one left-to-right pass without
 * recursion.
 *
 * V8 allows at most 9 groups, so nesting is at most 10 levels deep and
 * the group stack is a fixed array.  A fragment's dangling exits are
 * chained through their own out fields (as in Thompson's and Cox's
 * constructions), so concatenation, alternation and repetition patch
 * in O(1) and no list is ever allocated.
 *
 * Every accept/reject decision mirrors V8's regcomp(); the comments name
 * the V8 message.  Semantics: a byte set never contains NUL, because V8
 * saw its subject as a C string.
 */
#include "l7re_int.h"

#define V8_MAX_GROUPS	9
#define SLOT_NIL	0xffff

/* A dangling exit: node index * 2 + (0: out, 1: out1). */
static u16 *slot_ptr(struct l7re_nfa *nfa, u16 slot)
{
	struct l7re_node *n = &nfa->nodes[slot >> 1];

	return (slot & 1) ? &n->out1 : &n->out;
}

struct frag {
	u16 start;
	u16 head;	/* dangling exits, chained through the slots */
	u16 tail;
	bool width;	/* V8's HASWIDTH: cannot match the empty string */
};

static void patch(struct l7re_nfa *nfa, const struct frag *f, u16 to)
{
	u16 s = f->head;

	while (s != SLOT_NIL) {
		u16 *p = slot_ptr(nfa, s);

		s = *p;
		*p = to;
	}
}

static void join_exits(struct l7re_nfa *nfa, struct frag *a,
		       const struct frag *b)
{
	if (a->head == SLOT_NIL) {
		a->head = b->head;
		a->tail = b->tail;
	} else if (b->head != SLOT_NIL) {
		*slot_ptr(nfa, a->tail) = b->head;
		a->tail = b->tail;
	}
}

/* Caller guarantees room: the node array is sized from the regex length. */
static u16 new_node(struct l7re_nfa *nfa, u16 op, u16 arg)
{
	struct l7re_node *n = &nfa->nodes[nfa->nnodes];

	n->op = op;
	n->arg = arg;
	n->out = SLOT_NIL;
	n->out1 = SLOT_NIL;
	return nfa->nnodes++;
}

/* A node whose single exit (out) dangles. */
static struct frag frag1(struct l7re_nfa *nfa, u16 op, u16 arg, bool width)
{
	struct frag f;

	f.start = new_node(nfa, op, arg);
	f.head = f.tail = f.start << 1;
	f.width = width;
	return f;
}

/*
 * Byte sets are deduplicated through a small open-addressing table so
 * that the class map and the DFA see each distinct set once.
 */
struct setdedup {
	u16 *slots;
	u32 mask;
};

static u32 set_hash(const struct l7re_set *s)
{
	u64 h = s->w[0] * 0x9e3779b97f4a7c15ULL;

	h ^= s->w[1] + (h << 6) + (h >> 2);
	h ^= s->w[2] * 0xc2b2ae3d27d4eb4fULL;
	h ^= s->w[3] + (h << 6) + (h >> 2);
	return (u32)(h ^ (h >> 32));
}

static u16 intern_set(struct l7re_nfa *nfa, struct setdedup *d,
		      const struct l7re_set *s)
{
	u32 i = set_hash(s) & d->mask;

	while (d->slots[i] != SLOT_NIL) {
		if (!memcmp(&nfa->sets[d->slots[i]], s, sizeof(*s)))
			return d->slots[i];
		i = (i + 1) & d->mask;
	}
	nfa->sets[nfa->nsets] = *s;
	d->slots[i] = nfa->nsets;
	return nfa->nsets++;
}

static void set_add_range(struct l7re_set *s, unsigned int lo,
			  unsigned int hi)
{
	for (; lo <= hi; lo++)
		s->w[lo >> 6] |= 1ULL << (lo & 63);
}

/*
 * V8's bracket rules: a leading ] or - is literal, a - before ] is
 * literal, a range starts at the byte before the -, even when that byte
 * ended the previous range ([a-c-e] is a-e); backslash is literal.
 * Returns the offset after the closing ], or minus an l7re_reason.
 */
static long parse_bracket(const u8 *re, size_t len, size_t p,
			  struct l7re_set *s, size_t *erroff)
{
	bool neg = false;

	memset(s, 0, sizeof(*s));
	if (p < len && re[p] == '^') {
		neg = true;
		p++;
	}
	if (p < len && (re[p] == ']' || re[p] == '-'))
		set_add_range(s, re[p], re[p]), p++;
	while (p < len && re[p] != ']') {
		if (re[p] != '-') {
			set_add_range(s, re[p], re[p]);
			p++;
			continue;
		}
		p++;
		if (p >= len || re[p] == ']') {
			set_add_range(s, '-', '-');
			continue;
		}
		if (re[p - 2] > re[p]) {
			*erroff = p;
			return -L7RE_REASON_RANGE;	/* "invalid [] range" */
		}
		set_add_range(s, re[p - 2], re[p]);
		p++;
	}
	if (p >= len) {
		*erroff = p;
		return -L7RE_REASON_BRACKET;	/* "unmatched []" */
	}
	if (neg) {
		s->w[0] = ~s->w[0];
		s->w[1] = ~s->w[1];
		s->w[2] = ~s->w[2];
		s->w[3] = ~s->w[3];
	}
	s->w[0] &= ~1ULL;
	return p + 1;
}

/* One open group (or the whole regex, level 0). */
struct level {
	bool has_cat, has_pend, pend_quant, has_alt;
	bool branch_width, group_width;
	struct frag cat, pend;
	u16 alt_start, alt_hole;
	struct frag alt_exits;
	size_t open_off;
};

static void level_init(struct level *l, size_t off)
{
	memset(l, 0, sizeof(*l));
	l->group_width = true;
	l->alt_hole = SLOT_NIL;
	l->alt_exits.head = l->alt_exits.tail = SLOT_NIL;
	l->open_off = off;
}

static void flush_pending(struct l7re_nfa *nfa, struct level *l)
{
	if (!l->has_pend)
		return;
	if (l->pend.width)
		l->branch_width = true;
	if (l->has_cat) {
		patch(nfa, &l->cat, l->pend.start);
		l->cat.head = l->pend.head;
		l->cat.tail = l->pend.tail;
	} else {
		l->cat = l->pend;
		l->has_cat = true;
	}
	l->has_pend = false;
}

/* Ends the current branch; an empty branch matches the empty string. */
static struct frag end_branch(struct l7re_nfa *nfa, struct level *l)
{
	struct frag b;

	flush_pending(nfa, l);
	if (l->has_cat)
		b = l->cat;
	else
		b = frag1(nfa, L7RE_OP_NOP, 0, false);
	if (!l->branch_width)
		l->group_width = false;
	l->has_cat = false;
	l->branch_width = false;
	return b;
}

static void alt_push(struct l7re_nfa *nfa, struct level *l)
{
	struct frag b = end_branch(nfa, l);
	u16 s = new_node(nfa, L7RE_OP_SPLIT, 0);

	nfa->nodes[s].out = b.start;
	if (l->has_alt)
		*slot_ptr(nfa, l->alt_hole) = s;
	else
		l->alt_start = s;
	l->has_alt = true;
	l->alt_hole = (s << 1) | 1;
	join_exits(nfa, &l->alt_exits, &b);
}

static struct frag alt_end(struct l7re_nfa *nfa, struct level *l)
{
	struct frag b = end_branch(nfa, l);
	struct frag r;

	if (!l->has_alt) {
		b.width = l->group_width;
		return b;
	}
	*slot_ptr(nfa, l->alt_hole) = b.start;
	r = l->alt_exits;
	join_exits(nfa, &r, &b);
	r.start = l->alt_start;
	r.width = l->group_width;
	return r;
}

static int quantify(struct l7re_nfa *nfa, struct level *l, u8 op)
{
	struct frag *f = &l->pend;
	u16 s;

	if (!l->has_pend)
		return L7RE_REASON_NOTHING;	/* "?+* follows nothing" */
	if (l->pend_quant)
		return L7RE_REASON_NESTED;	/* "nested *?+" */
	if (!f->width && op != '?')
		return L7RE_REASON_EMPTYREP;	/* "*+ operand could be empty" */
	s = new_node(nfa, L7RE_OP_SPLIT, 0);
	nfa->nodes[s].out = f->start;
	switch (op) {
	case '*':
		patch(nfa, f, s);
		f->start = s;
		f->head = f->tail = (s << 1) | 1;
		f->width = false;
		break;
	case '+':
		patch(nfa, f, s);
		f->head = f->tail = (s << 1) | 1;
		break;
	default: /* '?' */
		*slot_ptr(nfa, (s << 1) | 1) = f->head;
		f->head = (s << 1) | 1;
		f->start = s;
		f->width = false;
		break;
	}
	l->pend_quant = true;
	return 0;
}

static void set_pending(struct l7re_nfa *nfa, struct level *l,
			struct frag f)
{
	flush_pending(nfa, l);
	l->pend = f;
	l->has_pend = true;
	l->pend_quant = false;
}

/* V8 has no escapes: \\c is the byte c, whatever c is. */
static struct frag literal(struct l7re_nfa *nfa, struct setdedup *d, u8 c)
{
	struct l7re_set set;

	memset(&set, 0, sizeof(set));
	set_add_range(&set, c, c);
	return frag1(nfa, L7RE_OP_SET, intern_set(nfa, d, &set), true);
}

/* Returns 0, or an l7re_reason with *@erroff at the byte refused. */
static int parse(struct l7re_nfa *nfa, struct setdedup *d, const u8 *re,
		 size_t len, size_t *erroff)
{
	struct level stack[V8_MAX_GROUPS + 1];
	struct l7re_set set;
	unsigned int depth = 0, groups = 0;
	struct frag f, m;
	size_t i = 0;
	long r;
	int err;

	level_init(&stack[0], 0);
	while (i < len) {
		struct level *l = &stack[depth];
		u8 c = re[i];

		*erroff = i;
		switch (c) {
		case '*': case '+': case '?':
			err = quantify(nfa, l, c);
			if (err)
				return err;
			i++;
			continue;
		case '|':
			alt_push(nfa, l);
			i++;
			continue;
		case '(':
			if (groups >= V8_MAX_GROUPS)
				return L7RE_REASON_GROUPS; /* "too many ()" */
			groups++;
			flush_pending(nfa, l);
			level_init(&stack[++depth], i);
			i++;
			continue;
		case ')':
			if (depth == 0)
				return L7RE_REASON_PAREN; /* "unmatched ()" */
			f = alt_end(nfa, l);
			depth--;
			set_pending(nfa, &stack[depth], f);
			i++;
			continue;
		case '^':
			f = frag1(nfa, L7RE_OP_BOL, 0, false);
			i++;
			break;
		case '$':
			f = frag1(nfa, L7RE_OP_EOL, 0, false);
			i++;
			break;
		case '.':
			memset(&set, 0xff, sizeof(set));
			set.w[0] &= ~1ULL;
			f = frag1(nfa, L7RE_OP_SET, intern_set(nfa, d, &set),
				  true);
			i++;
			break;
		case '[':
			r = parse_bracket(re, len, i + 1, &set, erroff);
			if (r < 0)
				return -r;
			f = frag1(nfa, L7RE_OP_SET, intern_set(nfa, d, &set),
				  true);
			i = r;
			break;
		case '\\':
			if (i + 1 >= len)
				return L7RE_REASON_TRAILBS; /* "trailing \\" */
			f = literal(nfa, d, re[i + 1]);
			i += 2;
			break;
		default:
			f = literal(nfa, d, c);
			i++;
			break;
		}
		set_pending(nfa, l, f);
	}
	if (depth) {
		*erroff = stack[depth].open_off;
		return L7RE_REASON_PAREN;
	}
	f = alt_end(nfa, &stack[0]);
	m = frag1(nfa, L7RE_OP_MATCH, 0, false);
	patch(nfa, &f, m.start);
	nfa->start = f.start;
	return 0;
}

void l7re_nfa_release(struct l7re_nfa *nfa)
{
	l7_free(nfa->nodes);
	l7_free(nfa->sets);
	nfa->nodes = NULL;
	nfa->sets = NULL;
}

int l7re_parse(struct l7re_nfa *nfa, const char *re, size_t len,
	       struct l7re_diag *diag)
{
	struct setdedup d;
	size_t n, i;
	int err;

	for (n = 0; n < len && re[n]; n++)
		;
	diag->reason = L7RE_REASON_NONE;
	diag->offset = 0;
	memset(nfa, 0, sizeof(*nfa));
	if (n > L7RE_MAX_REGEX_LEN) {
		diag->reason = L7RE_REASON_TOOLONG;
		diag->offset = L7RE_MAX_REGEX_LEN;
		return -E2BIG;
	}
	/*
	 * Each regex byte adds at most two nodes (an atom and its SPLIT, or
	 * an empty branch's NOP and the alternation's SPLIT) and one set.
	 */
	nfa->nodes_cap = 2 * n + 2;
	nfa->sets_cap = n + 1;
	for (i = 1; i < 2 * nfa->sets_cap; i <<= 1)
		;
	d.mask = i - 1;
	nfa->nodes = l7_alloc(nfa->nodes_cap * sizeof(*nfa->nodes));
	nfa->sets = l7_alloc(nfa->sets_cap * sizeof(*nfa->sets));
	d.slots = l7_alloc(i * sizeof(*d.slots));
	if (!nfa->nodes || !nfa->sets || !d.slots) {
		diag->reason = L7RE_REASON_NOMEM;
		err = -ENOMEM;
		goto out;
	}
	memset(d.slots, 0xff, i * sizeof(*d.slots));
	/* Whatever V8 rejected is a syntax error. */
	diag->reason = parse(nfa, &d, (const u8 *)re, n, &diag->offset);
	err = diag->reason ? -EINVAL : 0;
	if (!err)
		diag->offset = 0;
out:
	l7_free(d.slots);
	if (err)
		l7re_nfa_release(nfa);
	return err;
}
