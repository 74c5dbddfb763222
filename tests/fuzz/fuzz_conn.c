// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: core/l7conn.c driven as the module drives it, with
 * every promise of l7conn.h checked after every call.
 *
 * One input is one connection: its limits, up to six rules (names,
 * patterns from a fixed list or short ones from the input, inverted or
 * not, alone or combined into a set), one or two flows sharing the
 * conn (a root and a child, as FTP data), then operations until the
 * input ends: a packet (flow, direction, TCP or UDP, SYN, sequence
 * number at, before or after the flow's last byte or anywhere, payload
 * read in blocks, sometimes failing part way), rules in order, a close,
 * an allocation failure, a recombined set, a lowered memory bound.
 *
 * The TCP bytes of each direction come from one text per direction,
 * indexed by sequence number, so retransmissions and overlaps carry
 * the same bytes and the bytes the core appends can be checked exactly
 * (a packet marked "foreign" carries bytes of its own instead, and
 * checks of its direction stop there).  After every call:
 *  - what the core accounts (l7_conn_mem, l7_flow_mem) is what it holds
 *    (l7_alloc_live), never grown past mem_max for the conn and the
 *    call's flow, and a call never changes another flow's memory (by
 *    design mem_max bounds a conn and one flow: a sibling's held
 *    segments come on top; and within a call the core briefly holds
 *    more: a buffer's old and new copy in a realloc, the data and the
 *    name it decides);
 *  - the bytes kept are at most maxdatalen - 1, prepared (no NUL, no
 *    capital), only ever appended to, only by packets; UDP appends the
 *    packet's bytes up to the room, TCP its direction's text from the
 *    next sequence number on, never past bytes sent;
 *  - a final verdict and its reason never change; only a rule decides,
 *    with its own name; a final connection holds no bytes, and the flow
 *    of the call holds no segments;
 *  - conn.packets is the number of l7_conn_packet() calls (saturating);
 *  - a rule's answer on an undecided connection is the one-shot
 *    engine's on the bytes kept (none: no match), inverted by "!";
 *    "unset" matches and "unknown" does not; a match decides unless an
 *    allocation failed or a bound gave up; a final connection answers
 *    by name; l7_conn_final_answer() agrees;
 *  - the hits of a live set agree with the one-shot engine per member,
 *    and a packet scanned with a set leaves hits to read;
 *  - the engine work stays within the step budgets;
 *  - everything is freed at the end (l7_alloc_live, and ASan's leak
 *    check).
 * FUZZ_CONN_TRACE=1 in the environment prints each call and what it
 * left, to read a crashing input; tests/fuzz/mkconn.py writes the seeds.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Low enough for six rules and a set to pass it: the one-shot path. */
#define L7_MAX_STREAMS	3
#include "core/l7conn.c"

#define CHECK(c)	do { if (!(c)) die(#c, __LINE__); } while (0)

#define MAXR		6	/* rules */
#define MAXFP		2	/* patterns from the input */
#define MAXFP_LEN	10
#define MAXSENT		128	/* TCP segments remembered per direction */
#define MAXLEN		512	/* a packet's payload */
#define L7_UDP		17

static void die(const char *what, int line)
{
	fprintf(stderr, "fuzz_conn: line %d: %s\n", line, what);
	abort();
}

/* FUZZ_CONN_TRACE=1 in the environment: each call and what it left. */
static bool tracing;

static void trace(const struct l7_conn *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void trace(const struct l7_conn *c, const char *fmt, ...)
{
	unsigned int len, i;
	const u8 *d;
	va_list ap;

	if (!tracing)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	d = l7_conn_data(c, &len);
	fprintf(stderr, " -> packets %u state %u (%s) mem %zu live %zu data \"",
		c->packets, c->state, l7_conn_proto(c) ?: "", l7_conn_mem(c),
		l7_alloc_live);
	for (i = 0; i < len; i++)
		fprintf(stderr, d[i] >= ' ' && d[i] < 127 && d[i] != '\\' &&
				d[i] != '"' ? "%c" : "\\x%02x", d[i]);
	fprintf(stderr, "\"\n");
}

/* Patterns shared by every input, compiled once. */
static const struct {
	const char *re;
	unsigned int flags;
} vocab[] = {
	{ "^get ", 0 },
	{ "ssh-[12]", 0 },
	{ "a$", 0 },		/* its answer depends on where the bytes end */
	{ "^ab*c", 0 },
	{ "x*", 0 },		/* matches the empty string */
	{ "^", 0 },
	{ "(ab|ba)+z", 0 },
	{ "[a-c]+d$", 0 },
	{ "hello.*world", 0 },
	{ "\xff.\xfe", 0 },
	{ "q", 0 },
	/* no DFA: the NFA's cost per byte, and the step budgets */
	{ "(a|b|c|d|e|f|g|h)*(a|b)(a|b)(a|b)(a|b)z", L7RE_F_NODFA },
	{ "^(a|b)*c$", L7RE_F_NODFA },
	{ "ab", L7RE_F_NODFA },
};
#define NVOCAB	(sizeof(vocab) / sizeof(vocab[0]))
#define NPROGS	(NVOCAB + MAXFP)

/* The longest name a rule can carry (XT_LAYER7_MAX_PROTOCOL_SIZE - 1). */
static char long_name[256];
static const char *const names[] = {
	"http", "ssh", "ftp", long_name, "unset", "unknown",
};
#define NNAMES	(sizeof(names) / sizeof(names[0]))

static struct l7re_prog *vocab_prog[NVOCAB];
static u64 next_set_id = 1;

/* Byte reader: zeros once the input is used up. */
struct input {
	const u8 *p;
	size_t n;
};

static u8 take(struct input *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

/* A payload read in blocks, failing at @err as skb_seq_read() may. */
struct payload {
	const u8 *p;
	unsigned int len, chunk, err;
};

static unsigned int payload_read(void *ctx, unsigned int off, const u8 **data)
{
	const struct payload *pl = ctx;
	unsigned int n;

	if (off >= pl->len || off >= pl->err)
		return 0;
	*data = pl->p + off;
	n = pl->err - off;
	return n > pl->chunk ? pl->chunk : n;
}

/* A pattern as a set's key: its regex (up to a NUL) and flags. */
struct pat {
	char re[48];
	unsigned int flags;
};

struct fset {
	struct l7_set set;
	struct l7_member member[MAXR];
	int has[MAXR];		/* rule i's prog is member[i].index */
	const struct l7re_prog *const *progs;	/* the members */
	unsigned int n;
};

struct seg {
	u32 start, len;
};

struct fz {
	struct l7_params params;
	unsigned int maxdatalen, nflows;
	struct l7_conn conn;
	struct l7_flow flow[2];
	struct l7_rule rule[MAXR];
	unsigned int nrules;
	struct l7re_prog *own[MAXFP];	/* patterns from the input */
	const struct l7re_prog *prog[NPROGS];
	struct pat pat[NPROGS];
	unsigned int nprogs;
	unsigned int rule_pat[MAXR];	/* rule i's index in prog[] */
	struct fset sets[2];
	struct fset *cur, *prev;	/* the set packets get, the one before */
	size_t baseline;		/* l7_alloc_live held by programs, sets */
	void *scratch;			/* one-shot engine's stream */
	/* the model */
	unsigned long calls;		/* l7_conn_packet() calls */
	u8 text[2][64];
	unsigned int textlen[2];
	u32 isn[2][2], cursor[2][2];
	bool foreign[2][2];
	struct seg sent[2][2][MAXSENT];
	unsigned int nsent[2][2];
	/* as the last check left it */
	u8 data[L7_MAXDATALEN_MAX];
	unsigned int len;
	bool final;
	char proto[256];
	u8 state, gave_up;
};

static const char *pattern_of(const struct fz *z,
			      const struct l7re_prog *prog)
{
	unsigned int i;

	for (i = 0; i < z->nprogs && z->prog[i] != prog; i++)
		;
	return i < z->nprogs ? z->pat[i].re : "?";
}

static unsigned int limit_of(const struct fz *z)
{
	return z->maxdatalen - 1;
}

static size_t call_mem(const struct fz *z, unsigned int f)
{
	return l7_conn_mem(&z->conn) + l7_flow_mem(&z->flow[f]);
}

static bool special(const char *name)
{
	return !strcmp(name, "unset") || !strcmp(name, "unknown");
}

/* The one-shot engine on the bytes kept: none kept, no match. */
static bool oracle(struct fz *z, const struct l7re_prog *prog)
{
	unsigned int len;
	const u8 *d = l7_conn_data(&z->conn, &len);

	return len && l7re_match(prog, z->scratch, d, len);
}

static bool rule_hit(const struct l7_rule *r, bool hit)
{
	return hit ^ !!(r->flags & L7_RULE_INVERT);
}

/* What every call leaves true; @f is the call's flow, or -1. */
static void check_state(struct fz *z, int f)
{
	const struct l7_conn *c = &z->conn;
	const struct l7_data *d = c->data;
	unsigned int len, i, k;
	const u8 *data = l7_conn_data(c, &len);
	const char *proto = l7_conn_proto(c);

	CHECK(l7_alloc_live - z->baseline ==
	      l7_conn_mem(c) + l7_flow_mem(&z->flow[0]) +
	      l7_flow_mem(&z->flow[1]));
	CHECK(c->packets == (z->calls < 255 ? z->calls : 255));
	for (k = 0; k < 2; k++) {
		const struct l7_ooo *q = z->flow[k].ooo;

		CHECK(!q || (q->count <= L7_OOO_MAX &&
			     q->bytes <= limit_of(z)));
	}
	if (c->state == L7_UNDECIDED) {
		CHECK(!proto && c->gave_up == L7_GAVE_UP_NONE);
		CHECK(len <= limit_of(z) && (!len || data));
		for (i = 0; i < len; i++)
			CHECK(data[i] && (data[i] < 'A' || data[i] > 'Z'));
		if (d) {
			CHECK(d->steps <= z->params.steps_conn);
			CHECK(d->steps_packet <= z->params.steps_packet);
		}
	} else {
		CHECK(proto && !c->data && !data && !len);
		CHECK(f < 0 || !l7_flow_mem(&z->flow[f]));
		if (c->state == L7_DECIDED) {
			CHECK(!special(proto) && c->gave_up == L7_GAVE_UP_NONE);
			CHECK(l7_conn_mem(c) == strlen(proto) + 1);
		} else {
			CHECK(c->state == L7_UNKNOWN && !strcmp(proto, "unknown"));
			CHECK(c->gave_up >= L7_GAVE_UP_PACKETS &&
			      c->gave_up <= L7_GAVE_UP_MEMORY);
			CHECK(!l7_conn_mem(c));
		}
	}
	/* a final verdict never changes */
	if (z->final)
		CHECK(c->state == z->state && c->gave_up == z->gave_up &&
		      !strcmp(proto, z->proto));
	/* the bytes kept only grow, at the end */
	if (c->state == L7_UNDECIDED)
		CHECK(len >= z->len &&
		      (!z->len || !memcmp(data, z->data, z->len)));
	for (i = 0; i < z->nrules; i++) {
		const struct l7_rule *r = &z->rule[i];
		int want = c->state == L7_UNDECIDED ? -1 :
			   rule_hit(r, !strcmp(r->proto, proto));

		CHECK(l7_conn_final_answer(c, r) == want);
	}
	for (k = 0; k < 2; k++) {
		const struct fset *s = k ? z->prev : z->cur;
		u64 hits;

		if (!s || !l7_conn_set_hits(c, &s->set, &hits))
			continue;
		CHECK(c->state == L7_UNDECIDED);
		for (i = 0; i < s->n; i++)
			CHECK((hits >> i & 1) == oracle(z, s->progs[i]));
	}
	/* remember */
	z->final = c->state != L7_UNDECIDED;
	z->state = c->state;
	z->gave_up = c->gave_up;
	if (proto)
		snprintf(z->proto, sizeof(z->proto), "%s", proto);
	z->len = len;
	if (len)
		memcpy(z->data, data, len);
}

/* Around each call: memory it may change, and how. */
struct before {
	size_t mem, other;
	bool undecided, had_data;
	unsigned long fail_at;
	u32 next_seq[2];
	u8 seq_known;
	unsigned int len;
};

static void before_call(const struct fz *z, unsigned int f, struct before *b)
{
	b->mem = call_mem(z, f);
	b->other = l7_flow_mem(&z->flow[!f]);
	b->undecided = z->conn.state == L7_UNDECIDED;
	b->had_data = z->conn.data != NULL;
	b->fail_at = l7_alloc_fail_at;
	b->next_seq[0] = z->flow[f].next_seq[0];
	b->next_seq[1] = z->flow[f].next_seq[1];
	b->seq_known = z->flow[f].seq_known;
	b->len = z->len;
}

/* Whether an injected allocation failure fired during the call. */
static bool failed(const struct before *b)
{
	return b->fail_at && !l7_alloc_fail_at;
}

static void after_call(const struct fz *z, unsigned int f,
		       const struct before *b)
{
	size_t mem = call_mem(z, f);

	CHECK(mem <= b->mem || mem <= z->params.mem_max);
	if (z->nflows == 2)
		CHECK(l7_flow_mem(&z->flow[!f]) == b->other);
}

/* Byte @seq of direction @dir of flow @f in the model (SYN at isn). */
static u8 text_at(const struct fz *z, unsigned int f, unsigned int dir,
		  u32 seq)
{
	return z->text[dir][(u32)(seq - z->isn[f][dir] - 1) %
			    z->textlen[dir]];
}

static bool was_sent(const struct fz *z, unsigned int f, unsigned int dir,
		     u32 seq)
{
	unsigned int i;

	for (i = 0; i < z->nsent[f][dir]; i++) {
		const struct seg *s = &z->sent[f][dir][i];

		if ((u32)(seq - s->start) < s->len)
			return true;
	}
	return false;
}

/* The bytes a TCP packet appended: its direction's text, in order. */
static void check_tcp(struct fz *z, unsigned int f, unsigned int dir,
		      u32 start, unsigned int eff, const struct before *b,
		      unsigned int room)
{
	const struct l7_flow *fl = &z->flow[f];
	unsigned int len, n = 0;
	const u8 *data = l7_conn_data(&z->conn, &len);
	u32 old, new, s;

	/* this direction known from now on, the other one untouched */
	CHECK(fl->seq_known == (b->seq_known | 1 << dir));
	CHECK(fl->next_seq[!dir] == b->next_seq[!dir]);
	if (z->foreign[f][dir] || z->conn.state != L7_UNDECIDED)
		return;
	old = b->seq_known & (1 << dir) ? b->next_seq[dir] : start;
	new = fl->next_seq[dir];
	/*
	 * Each append reads at most the room left, NULs included: the
	 * packet's own bytes, then each held segment it lets in.
	 */
	CHECK((u32)(new - old) <= room * (1 + L7_OOO_MAX));
	for (s = old; s != new; s++) {
		u8 c = text_at(z, f, dir, s);

		CHECK(was_sent(z, f, dir, s));
		if (!l7_prepare_data(&c, &c, 1))
			continue;
		CHECK(b->len + n < len && data[b->len + n] == c);
		n++;
	}
	CHECK(len - b->len == n);
	/* a packet that reaches the next byte brings it in */
	if ((u32)(old - start) < eff && room && !failed(b))
		CHECK(new != old);
}

static void do_packet(struct fz *z, struct input *in, u8 how)
{
	static u8 bytes[MAXLEN];
	unsigned int f = how & (z->nflows - 1), dir = how >> 1 & 1;
	bool udp = how >> 2 & 1, syn = how >> 3 & 1, foreign = how >> 6 & 1;
	const struct l7_set *set = NULL;
	struct payload pl = { bytes, 0, MAXLEN, MAXLEN };
	struct l7_packet pkt = { 0 };
	unsigned int len, i, room;
	struct before b;
	u32 start = 0;
	u8 l, sq;
	bool added;

	switch (how >> 4 & 3) {
	case 0:
	case 1:
		set = z->cur ? &z->cur->set : NULL;
		break;
	case 3:
		set = z->prev ? &z->prev->set : NULL;
		break;
	}
	if (!udp) {
		sq = take(in);
		switch (sq & 3) {
		case 0:
			start = z->cursor[f][dir];
			break;
		case 1:		/* a retransmission, an overlap */
			start = z->cursor[f][dir] - (sq >> 2);
			break;
		case 2:		/* after a gap */
			start = z->cursor[f][dir] + (sq >> 2);
			break;
		case 3:		/* anywhere */
			for (i = 0; i < 4; i++)
				start = start << 8 | take(in);
			break;
		}
	}
	l = take(in);
	len = l < 240 ? l % 40 : (l - 240) * 32u;
	if (udp || foreign) {
		if (len > in->n)
			len = in->n;
		if (len) {
			memcpy(bytes, in->p, len);
			in->p += len;
			in->n -= len;
		}
	} else {
		for (i = 0; i < len; i++)
			bytes[i] = text_at(z, f, dir, start + i);
	}
	pl.len = len;
	pl.err = len;
	if (how & 0x80) {
		u8 c = take(in);

		pl.chunk = 1 + (c & 7);
		if (c & 0x80)
			pl.err = take(in) % (len + 1);
	}
	pkt.dir = dir;
	pkt.l4proto = udp ? L7_UDP : L7_TCP;
	pkt.tcp_syn = syn;
	pkt.tcp_seq = start - syn;
	pkt.len = len;
	pkt.read = payload_read;
	pkt.ctx = &pl;
	if (!udp) {
		if (foreign)
			z->foreign[f][dir] = true;
		if (z->nsent[f][dir] < MAXSENT)
			z->sent[f][dir][z->nsent[f][dir]++] =
				(struct seg){ start, pl.err };
		else
			z->foreign[f][dir] = true;	/* no longer checked */
		if ((int32_t)(start + len - z->cursor[f][dir]) > 0)
			z->cursor[f][dir] = start + len;
	}

	room = limit_of(z) - z->len;
	before_call(z, f, &b);
	added = l7_conn_packet(&z->conn, &z->flow[f], &pkt, set, &z->params);
	z->calls++;
	trace(&z->conn, "packet flow %u dir %u %s%s seq %u len %u (read %u, "
	      "blocks of %u) set %llu: %d", f, dir, udp ? "udp" : "tcp",
	      syn ? " syn" : "", pkt.tcp_seq, len, pl.err, pl.chunk,
	      set ? (unsigned long long)set->id : 0ULL, added);
	after_call(z, f, &b);
	if (!b.undecided) {
		CHECK(!added);
	} else if (z->conn.packets > z->params.num_packets) {
		CHECK(z->conn.state == L7_UNKNOWN &&
		      z->conn.gave_up == L7_GAVE_UP_PACKETS);
	} else if (z->conn.state != L7_UNDECIDED) {
		/* only a rule decides */
		CHECK(z->conn.state == L7_UNKNOWN &&
		      (z->conn.gave_up == L7_GAVE_UP_STEPS ||
		       z->conn.gave_up == L7_GAVE_UP_MEMORY));
	} else {
		unsigned int now;
		const u8 *data = l7_conn_data(&z->conn, &now);

		CHECK(added == (now > b.len));
		if (udp) {
			u8 want[L7_MAXDATALEN_MAX];
			unsigned int n = len < room ? len : room;

			if (n > pl.err)
				n = pl.err;
			n = l7_prepare_data(want, bytes, n);
			CHECK((now - b.len == n &&
			       (!n || !memcmp(data + b.len, want, n))) ||
			      (failed(&b) && now == b.len));
			CHECK(z->flow[f].seq_known == b.seq_known);
		} else {
			check_tcp(z, f, dir, start, pl.err, &b, room);
		}
		/* the rules can read the set's hits over every byte */
		if (set && now && !failed(&b) &&
		    z->conn.data->nstreams < L7_MAX_STREAMS) {
			u64 hits;

			CHECK(!added || l7_conn_set_hits(&z->conn, set, &hits));
		}
	}
	check_state(z, f);
}

static void do_rule(struct fz *z, unsigned int f, unsigned int i)
{
	const struct l7_rule *r = &z->rule[i];
	const struct l7_conn *c = &z->conn;
	bool want = false, answer;
	struct before b;

	if (c->state == L7_UNDECIDED && r->prog && c->data && !special(r->proto))
		want = oracle(z, r->prog);
	before_call(z, f, &b);
	answer = l7_conn_rule(&z->conn, &z->flow[f], r, &z->params);
	trace(c, "rule %u%s %.8s /%s/ set %llu flow %u: %d", i,
	      r->flags & L7_RULE_INVERT ? " !" : "", r->proto,
	      r->prog ? pattern_of(z, r->prog) : "",
	      r->member ? (unsigned long long)r->member->set->id : 0ULL, f,
	      answer);
	after_call(z, f, &b);
	if (!b.undecided) {
		CHECK(answer == rule_hit(r, !strcmp(r->proto, z->proto)));
	} else if (!strcmp(r->proto, "unset")) {
		CHECK(answer == rule_hit(r, true) && c->state == L7_UNDECIDED &&
		      call_mem(z, f) == b.mem);
	} else if (special(r->proto) || !r->prog || !b.had_data) {
		CHECK(answer == rule_hit(r, false) &&
		      c->state == L7_UNDECIDED && call_mem(z, f) == b.mem);
	} else if (c->state == L7_DECIDED) {
		CHECK(want && !strcmp(l7_conn_proto(c), r->proto) &&
		      answer == rule_hit(r, true));
	} else if (c->state == L7_UNKNOWN) {
		CHECK((c->gave_up == L7_GAVE_UP_STEPS ||
		       c->gave_up == L7_GAVE_UP_MEMORY) &&
		      answer == rule_hit(r, false));
	} else {
		CHECK(answer == rule_hit(r, false) && (!want || failed(&b)));
	}
	check_state(z, f);
	/* rules only read: no byte added */
	if (c->state == L7_UNDECIDED)
		CHECK(z->len == b.len);
}

static void do_close(struct fz *z, unsigned int f)
{
	struct before b;

	before_call(z, f, &b);
	l7_conn_close(&z->conn, &z->flow[f]);
	trace(&z->conn, "close flow %u", f);
	after_call(z, f, &b);
	if (b.undecided)
		CHECK(z->conn.state == L7_UNKNOWN &&
		      z->conn.gave_up == L7_GAVE_UP_CLOSED &&
		      !l7_conn_mem(&z->conn));
	check_state(z, f);
}

/*
 * Combinations, kept across inputs by their patterns: combining costs
 * more than running a whole connection.  An entry holds its own copy
 * of a pattern from an input (the same regex compiles to the same
 * program).  A slot's combination is freed when the slot is needed
 * again, so a freed set's address comes back, under a new id, as in
 * the module.
 */
#define NCACHE	256
static struct cached {
	unsigned int n;
	struct pat pat[MAXR];
	struct l7re_prog *copy[MAXR];
	const struct l7re_prog *progs[MAXR];
	struct l7re_multi *multi;
	size_t bytes;
} cache[NCACHE];
static unsigned int cache_next;
static size_t cache_bytes;	/* l7_alloc_live the cache holds */

static void cache_drop(struct cached *c)
{
	unsigned int i;

	l7re_multi_free(c->multi);
	for (i = 0; i < c->n; i++)
		l7re_free(c->copy[i]);
	cache_bytes -= c->bytes;
	memset(c, 0, sizeof(*c));
}

static bool cache_fill(struct cached *c, const struct pat *pat,
		       unsigned int n)
{
	static const struct l7re_multi_limits lim = {
		.max_cells = 4096, .max_work = 200000,
	};
	size_t live = l7_alloc_live;
	unsigned int i, k;

	c->n = n;
	memcpy(c->pat, pat, n * sizeof(*pat));
	for (i = 0; i < n; i++) {
		for (k = 0; k < NVOCAB; k++)
			if (!strcmp(pat[i].re, vocab[k].re) &&
			    pat[i].flags == vocab[k].flags)
				break;
		if (k < NVOCAB)
			c->progs[i] = vocab_prog[k];
		else if (!l7re_compile_flags(&c->copy[i], pat[i].re,
					     strlen(pat[i].re), NULL,
					     pat[i].flags))
			c->progs[i] = c->copy[i];
		else
			break;
	}
	if (i == n &&
	    !l7re_multi_compile_limits(&c->multi, c->progs, n, &lim)) {
		c->bytes = l7_alloc_live - live;
		cache_bytes += c->bytes;
		return true;
	}
	c->bytes = l7_alloc_live - live;
	cache_bytes += c->bytes;
	cache_drop(c);
	return false;
}

/* The combination of @pat[0..n) in the cache, or NULL. */
static const struct cached *combination(const struct fz *z,
					const struct pat *pat, unsigned int n)
{
	struct cached *c;
	unsigned int k;

	for (k = 0; k < NCACHE; k++) {
		c = &cache[k];
		if (c->multi && c->n == n &&
		    !memcmp(c->pat, pat, n * sizeof(*pat)))
			return c;
	}
	/* a slot no set of this input uses */
	do
		c = &cache[cache_next++ % NCACHE];
	while (c->multi && (c->multi == z->sets[0].set.multi ||
			    c->multi == z->sets[1].set.multi));
	cache_drop(c);
	return cache_fill(c, pat, n) ? c : NULL;
}

static int pat_cmp(const struct pat *a, const struct pat *b)
{
	int d = strcmp(a->re, b->re);

	return d ? d : (int)a->flags - (int)b->flags;
}

/*
 * A set of the patterns of the rules in @mask, as the module combines
 * a namespace's patterns; rule i joins it unless bit i of @alone.
 */
static void combine(struct fz *z, struct fset *s, u8 mask, u8 alone)
{
	struct pat pat[MAXR];
	const struct cached *c;
	unsigned int i, j, n = 0;
	int d = 1;

	memset(s, 0, sizeof(*s));
	memset(pat, 0, sizeof(pat));
	/* distinct, in one order: one key per combination */
	for (i = 0; i < z->nrules; i++) {
		const struct pat *p = &z->pat[z->rule_pat[i]];

		if (!(mask >> i & 1) || !z->rule[i].prog)
			continue;
		for (j = 0; j < n && (d = pat_cmp(&pat[j], p)) < 0; j++)
			;
		if (j < n && !d)
			continue;
		memmove(&pat[j + 1], &pat[j], (n - j) * sizeof(pat[0]));
		pat[j] = *p;
		n++;
	}
	c = combination(z, pat, n);
	if (!c)
		return;
	for (i = 0; i < z->nrules; i++) {
		const struct pat *p = &z->pat[z->rule_pat[i]];

		for (j = 0; j < n && pat_cmp(&pat[j], p); j++)
			;
		if (j == n || !(mask >> i & 1) || !z->rule[i].prog)
			continue;
		s->member[i].set = &s->set;
		s->member[i].index = j;
		s->has[i] = !(alone >> i & 1);
	}
	s->progs = c->progs;
	s->n = n;
	s->set.multi = c->multi;
	s->set.id = next_set_id++;
}

/* Rules point at @z->cur's members, some at @z->prev's (in flight). */
static void point_rules(struct fz *z, u8 old)
{
	unsigned int i;

	for (i = 0; i < z->nrules; i++) {
		const struct fset *s = (old >> i & 1) && z->prev ? z->prev :
				       z->cur;

		z->rule[i].member = s && s->has[i] ? &s->member[i] : NULL;
	}
}

/* The module recombines when rules change: a new set, a new id. */
static void do_recombine(struct fz *z, u8 mask, u8 alone, u8 old)
{
	size_t live = l7_alloc_live;
	unsigned long fail = l7_alloc_fail_at;
	struct fset *s;

	l7_alloc_fail_at = 0;
	s = z->prev ? z->prev : &z->sets[0] == z->cur ? &z->sets[1] :
							&z->sets[0];
	z->prev = z->cur;
	combine(z, s, mask, alone);
	z->cur = s->set.multi ? s : NULL;
	if (z->prev == z->cur)
		z->prev = NULL;
	point_rules(z, old);
	z->baseline += l7_alloc_live - live;
	trace(&z->conn, "set %llu of %u patterns, previous %llu",
	      z->cur ? (unsigned long long)z->cur->set.id : 0ULL,
	      z->cur ? z->cur->n : 0,
	      z->prev ? (unsigned long long)z->prev->set.id : 0ULL);
	l7_alloc_fail_at = fail;
	check_state(z, -1);
}

static void setup(void)
{
	size_t i;

	memset(long_name, 'n', sizeof(long_name) - 1);
	tracing = getenv("FUZZ_CONN_TRACE") != NULL;
	for (i = 0; i < NVOCAB; i++)
		CHECK(!l7re_compile_flags(&vocab_prog[i], vocab[i].re,
					  strlen(vocab[i].re), NULL,
					  vocab[i].flags));
}

static void decode(struct fz *z, struct input *in)
{
	unsigned int i, f, d, nfp;
	size_t scratch = 0;
	u8 b;

	b = take(in);
	z->maxdatalen = 1 + take(in) + (b & 1 ? 256 : 0);
	l7_params_default(&z->params, z->maxdatalen);
	if (b & 2)
		z->params.steps_packet = 1 + take(in) * 4u;
	if (b & 4)
		z->params.steps_conn = 1 + take(in) * 16u;
	if (b & 8)
		z->params.mem_max = take(in) * 8u;
	z->params.num_packets = 1 + take(in) % 20;
	if (b & 16)
		z->params.num_packets = L7_NUM_PACKETS_MAX;
	z->nflows = b & 32 ? 2 : 1;
	for (d = 0; d < 2; d++) {
		z->textlen[d] = 1 + take(in) % 64;
		for (i = 0; i < z->textlen[d]; i++)
			z->text[d][i] = take(in);
		for (f = 0; f < 2; f++) {
			z->isn[f][d] = take(in) * 16777259u;
			z->cursor[f][d] = z->isn[f][d] + 1;
		}
	}
	for (i = 0; i < NVOCAB; i++) {
		snprintf(z->pat[i].re, sizeof(z->pat[i].re), "%s", vocab[i].re);
		z->pat[i].flags = vocab[i].flags;
		z->prog[z->nprogs++] = vocab_prog[i];
	}
	nfp = take(in) % (MAXFP + 1);
	for (i = 0; i < nfp; i++) {
		char re[MAXFP_LEN];
		u8 l = take(in);
		unsigned int n = (l & 0x7f) % (MAXFP_LEN + 1), k;

		struct pat *pt = &z->pat[z->nprogs];

		for (k = 0; k < n; k++)
			re[k] = take(in);
		/* a NUL ends a regex: the key holds what the engine reads */
		memcpy(pt->re, re, n);
		pt->re[n] = 0;
		pt->flags = l & 0x80 ? L7RE_F_NODFA : 0;
		if (!l7re_compile_flags(&z->own[i], re, n, NULL, pt->flags))
			z->prog[z->nprogs++] = z->own[i];
	}
	z->nrules = 1 + take(in) % MAXR;
	for (i = 0; i < z->nrules; i++) {
		struct l7_rule *r = &z->rule[i];
		unsigned int p = take(in) % z->nprogs;
		u8 fl = take(in);

		r->proto = names[fl % NNAMES];
		r->prog = z->prog[p];
		z->rule_pat[i] = p;
		r->flags = fl & 0x80 ? L7_RULE_INVERT : 0;
		r->prog_id = fl & 0x40 ? 0 : p + 1;
		/* the module has no program for these */
		if (special(r->proto) && (fl & 0x20))
			r->prog = NULL;
	}
	for (i = 0; i < z->nprogs; i++)
		if (l7re_stream_size(z->prog[i]) > scratch)
			scratch = l7re_stream_size(z->prog[i]);
	z->scratch = malloc(scratch);
	CHECK(z->scratch);
	b = take(in);
	if (b & 1) {
		u8 mask = ~take(in);

		combine(z, &z->sets[0], mask, take(in));
		z->cur = z->sets[0].set.multi ? &z->sets[0] : NULL;
		point_rules(z, 0);
	}
}

static void trace_setup(const struct fz *z)
{
	unsigned int i;

	if (!tracing)
		return;
	fprintf(stderr, "maxdatalen %u num_packets %u steps %lu/%lu mem_max %zu, "
		"%u flows, set %llu\n", z->maxdatalen, z->params.num_packets,
		z->params.steps_packet, z->params.steps_conn,
		z->params.mem_max, z->nflows,
		z->cur ? (unsigned long long)z->cur->set.id : 0ULL);
	for (i = 0; i < z->nrules; i++) {
		const struct l7_rule *r = &z->rule[i];

		fprintf(stderr, "rule %u: %s%.8s /%s/ id %llu member %d\n", i,
			r->flags & L7_RULE_INVERT ? "! " : "", r->proto,
			r->prog ? pattern_of(z, r->prog) : "",
			(unsigned long long)r->prog_id,
			r->member ? (int)r->member->index : -1);
	}
}

static void run(struct fz *z, struct input *in)
{
	while (in->n) {
		u8 op = take(in), a, b;
		unsigned int i, f;

		switch (op & 15) {
		default:	/* 0-5 */
			do_packet(z, in, take(in));
			break;
		case 6:	/* a packet, then every rule, as l7classify */
		case 7:
			a = take(in);
			do_packet(z, in, a);
			for (i = 0; i < z->nrules; i++)
				do_rule(z, a & (z->nflows - 1), i);
			break;
		case 8:	/* the rules a packet meets, in order */
		case 9:
			a = take(in);
			f = a >> 6 & (z->nflows - 1);
			for (i = 0; i < z->nrules; i++)
				if (!(a & 0x3f) || (a >> i & 1)) {
					do_rule(z, f, i);
					if (a & 0x80)
						do_rule(z, f, i);
				}
			break;
		case 10:
			do_close(z, take(in) & (z->nflows - 1));
			break;
		case 11:
			l7_alloc_fail_at = 1 + take(in) % 8;
			trace(&z->conn, "allocation %lu fails",
			      l7_alloc_fail_at);
			break;
		case 12:
			a = ~take(in);
			b = take(in);
			do_recombine(z, a, b, take(in));
			break;
		case 13:	/* the namespace's room, num_packets changed */
			a = take(in);
			z->params.mem_max = a & 1 ?
				z->maxdatalen + L7_CONN_MEM_EXTRA : (a >> 1) * 8u;
			a = take(in);
			if (a & 0x80)
				z->params.num_packets = 1 + (a & 0x7f) % 20;
			trace(&z->conn, "mem_max %zu num_packets %u",
			      z->params.mem_max, z->params.num_packets);
			break;
		case 14:	/* empty packets, up to saturation */
			a = take(in);
			for (i = 0; i < a; i++)
				do_packet(z, &(struct input){ 0 },
					  (op >> 4) | 0x20);
			break;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fz z;
	struct input in = { data, size };
	size_t start, cached;
	unsigned int i;

	if (!vocab_prog[0])
		setup();
	l7_alloc_fail_at = 0;
	start = l7_alloc_live;
	cached = cache_bytes;
	memset(&z, 0, sizeof(z));
	decode(&z, &in);
	l7_conn_init(&z.conn);
	l7_flow_init(&z.flow[0]);
	l7_flow_init(&z.flow[1]);
	z.baseline = l7_alloc_live;
	trace_setup(&z);
	run(&z, &in);
	l7_alloc_fail_at = 0;
	l7_conn_release(&z.conn);
	l7_flow_release(&z.flow[0]);
	l7_flow_release(&z.flow[1]);
	CHECK(l7_alloc_live == z.baseline);
	for (i = 0; i < MAXFP; i++)
		l7re_free(z.own[i]);
	free(z.scratch);
	CHECK(l7_alloc_live - cache_bytes == start - cached);
	return 0;
}
