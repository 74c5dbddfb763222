// SPDX-License-Identifier: GPL-2.0
/*
 * core/l7conn.c, table driven: each case is a packet sequence; each
 * packet is counted once (l7_conn_packet), then a subset of the case's
 * rules answers in order (l7_conn_rule), and every answer, the verdict
 * afterwards, and optionally the bytes fed to the engine are checked.
 * A rule "=TEXT" is a probe: its pattern is ^TEXT$, so it matches
 * exactly when the buffer holds TEXT.
 *
 * Every case runs twice: each pattern alone, then all combined in one
 * set scanned as the packet comes (l7_rule.member), as the module and
 * l7classify do.  The second run also checks what the module relies on
 * to answer rules without the core: before each rule, the set's hits
 * (l7_conn_set_hits) tell its answer.
 */
#include <stdio.h>
#include "core/l7conn.h"

#define TCP 6
#define UDP 17
#define MAXR 6
#define MAXS 16

struct rdef {
	const char *name;
	const char *re;
	unsigned int flags;
};

struct sdef {
	u8 dir, l4, syn;
	u32 seq;
	const char *data;
	unsigned int len;	/* 0: strlen(data) */
	const char *want;	/* per rule: '1', '0', or '.' (not evaluated) */
	const char *proto;	/* verdict after the packet; NULL = undecided */
	int repeat;		/* evaluate the rules this many extra times */
};

struct cdef {
	const char *name;
	unsigned int maxdatalen, num_packets;	/* 0: defaults */
	struct rdef rules[MAXR];
	struct sdef steps[MAXS];
	long fed;		/* FED(n): n bytes fed to streams in all */
};

static long bytes_fed;

int __real_l7re_stream_feed_steps(const struct l7re_prog *prog, void *stream,
				  const u8 *data, size_t len,
				  unsigned long *steps);
int __wrap_l7re_stream_feed_steps(const struct l7re_prog *prog, void *stream,
				  const u8 *data, size_t len,
				  unsigned long *steps)
{
	bytes_fed += len;
	return __real_l7re_stream_feed_steps(prog, stream, data, len, steps);
}

struct flat {
	const u8 *p;
	unsigned int len;
	unsigned int chunk;	/* serve at most this many bytes per read */
};

static unsigned int flat_read(void *ctx, unsigned int off, const u8 **data)
{
	struct flat *f = ctx;
	unsigned int n;

	if (off >= f->len)
		return 0;
	*data = f->p + off;
	n = f->len - off;
	return n > f->chunk ? f->chunk : n;
}

static int passed, failed;

static void fail(const char *c, const char *fmt, int a, int b)
{
	printf("FAIL: %s: ", c);
	printf(fmt, a, b);
	printf("\n");
	failed++;
}

struct rt {
	struct l7_rule rule[MAXR];
	struct l7re_prog *prog[MAXR];
	char re[MAXR][80];
	int n;
	struct l7re_multi *multi;	/* combined run only */
	struct l7_set set;
	struct l7_member member[MAXR];
};

/* The rules that scan (not unset, unknown) as members of one multi. */
static int combine_rules(const struct cdef *c, struct rt *rt)
{
	const struct l7re_prog *progs[MAXR];
	int i, n = 0, idx[MAXR];

	for (i = 0; i < rt->n; i++) {
		const char *name = rt->rule[i].proto;

		idx[i] = -1;
		if (!rt->prog[i] || !strcmp(name, "unset") ||
		    !strcmp(name, "unknown"))
			continue;
		idx[i] = n;
		progs[n++] = rt->prog[i];
	}
	if (l7re_multi_compile(&rt->multi, progs, n)) {
		printf("FAIL: %s: patterns do not combine\n", c->name);
		return -1;
	}
	rt->set.multi = rt->multi;
	rt->set.id = 7;
	for (i = 0; i < rt->n; i++) {
		if (idx[i] < 0)
			continue;
		rt->member[i].set = &rt->set;
		rt->member[i].index = idx[i];
		rt->rule[i].member = &rt->member[i];
	}
	return 0;
}

static int compile_rules(const struct cdef *c, struct rt *rt)
{
	int i;

	memset(rt, 0, sizeof(*rt));
	for (i = 0; i < MAXR && c->rules[i].name; i++) {
		const struct rdef *r = &c->rules[i];
		const char *name = r->name;

		if (name[0] == '=') {
			snprintf(rt->re[i], sizeof(rt->re[i]), "^%s$", name + 1);
			name = "probe";
		} else if (r->re) {
			snprintf(rt->re[i], sizeof(rt->re[i]), "%s", r->re);
		}
		rt->rule[i].proto = name;
		rt->rule[i].flags = r->flags;
		if (rt->re[i][0] && l7re_compile(&rt->prog[i], rt->re[i],
						 strlen(rt->re[i]), NULL)) {
			printf("FAIL: %s: rule %d does not compile\n",
			       c->name, i);
			return -1;
		}
		rt->rule[i].prog = rt->prog[i];
	}
	rt->n = i;
	return 0;
}

static void free_rules(struct rt *rt)
{
	int i;

	l7re_multi_free(rt->multi);
	for (i = 0; i < rt->n; i++)
		l7re_free(rt->prog[i]);
}

static void params_of(const struct cdef *c, struct l7_params *p)
{
	l7_params_default(p, c->maxdatalen ? c->maxdatalen :
					     L7_MAXDATALEN_DEFAULT);
	if (c->num_packets)
		p->num_packets = c->num_packets;
}

static void make_pkt(const struct sdef *s, int k, struct flat *f,
		     struct l7_packet *pkt)
{
	f->p = (const u8 *)(s->data ? s->data : "");
	f->len = s->len ? s->len : strlen((const char *)f->p);
	f->chunk = 3;	/* several blocks per packet, as skb_seq_read */
	(void)k;
	memset(pkt, 0, sizeof(*pkt));
	pkt->dir = s->dir;
	pkt->l4proto = s->l4 ? s->l4 : UDP;
	pkt->tcp_syn = s->syn;
	pkt->tcp_seq = s->seq;
	pkt->len = f->len;
	pkt->read = flat_read;
	pkt->ctx = f;
}

/*
 * Combined run, before rule @i of @rt answers: what the set's hits
 * predict of its answer before inversion (1 or 0), or -1 when they do
 * not tell (no set stream over all the bytes, or a rule that does not
 * scan).
 */
static int predicted(const struct rt *rt, int i, const struct l7_conn *conn)
{
	const struct l7_member *m = rt->rule[i].member;
	u64 hits;

	if (!m || conn->state != L7_UNDECIDED || !conn->data ||
	    !l7_conn_set_hits(conn, &rt->set, &hits))
		return -1;
	return hits >> m->index & 1;
}

static void run_case(const struct cdef *c, bool combined)
{
	struct l7_conn conn;
	struct l7_flow flow;
	struct l7_params params;
	struct rt rt;
	int k, i, r, bad = 0;
	char cname[120];

	snprintf(cname, sizeof(cname), "%s%s", c->name,
		 combined ? " (combined)" : "");
	if (compile_rules(c, &rt) || (combined && combine_rules(c, &rt))) {
		free_rules(&rt);
		failed++;
		return;
	}
	params_of(c, &params);
	l7_conn_init(&conn);
	l7_flow_init(&flow);
	bytes_fed = 0;
	for (k = 0; k < MAXS && c->steps[k].want; k++) {
		const struct sdef *s = &c->steps[k];
		const char *got;
		struct l7_packet pkt;
		struct flat f;

		make_pkt(s, k, &f, &pkt);
		l7_conn_packet(&conn, &flow, &pkt, combined ? &rt.set : NULL,
			       &params);
		for (r = 0; r <= s->repeat; r++) {
			for (i = 0; i < rt.n && s->want[i]; i++) {
				int want = -1;
				bool m;

				if (s->want[i] == '.')
					continue;
				if (combined)
					want = predicted(&rt, i, &conn);
				m = l7_conn_rule(&conn, &flow, &rt.rule[i],
						 &params);
				if (m != (s->want[i] == '1')) {
					fail(cname, "packet %d rule %d",
					     k + 1, i + 1);
					bad = 1;
				}
				if (want >= 0 && (m ^ !!(rt.rule[i].flags &
							  L7_RULE_INVERT)) != want) {
					fail(cname, "packet %d rule %d answered "
					     "against the set's hits", k + 1, i + 1);
					bad = 1;
				}
			}
		}
		if (conn.packets != (k + 1 < 255 ? k + 1 : 255)) {
			fail(cname, "%d packets counted after packet %d",
			     conn.packets, k + 1);
			bad = 1;
		}
		got = l7_conn_proto(&conn);
		if ((got == NULL) != (s->proto == NULL) ||
		    (got && strcmp(got, s->proto))) {
			printf("FAIL: %s: after packet %d verdict %s, want %s\n",
			       cname, k + 1, got ? got : "(undecided)",
			       s->proto ? s->proto : "(undecided)");
			failed++;
			bad = 1;
		}
	}
	/* the multi's feed is not counted: only the patterns alone */
	if (c->fed && !combined && bytes_fed != c->fed - 1) {
		fail(cname, "fed %d bytes to the engine, want %d",
		     (int)bytes_fed, (int)c->fed - 1);
		bad = 1;
	}
	if (conn.state != L7_UNDECIDED && l7_flow_mem(&flow)) {
		fail(cname, "%d bytes of segments still held%.0d",
		     (int)l7_flow_mem(&flow), 0);
		bad = 1;
	}
	if (conn.state != L7_UNDECIDED && conn.data) {
		fail(cname, "data kept after the verdict%.0d%.0d", 0, 0);
		bad = 1;
	}
	l7_conn_release(&conn);
	l7_flow_release(&flow);
	free_rules(&rt);
	if (!bad)
		passed++;
}

#define P(d, s)		{ .data = (d), .want = (s) }
#define PV(d, s, v)	{ .data = (d), .want = (s), .proto = (v) }
#define T(di, sy, sq, d, s) \
	{ .dir = (di), .l4 = TCP, .syn = (sy), .seq = (sq), .data = (d), \
	  .want = (s) }
#define TV(di, sy, sq, d, s, v) \
	{ .dir = (di), .l4 = TCP, .syn = (sy), .seq = (sq), .data = (d), \
	  .want = (s), .proto = (v) }
#define FED(n)		.fed = (n) + 1

static const struct cdef cases[] = {
	{ "decide then compare names", 0, 0,
	  { { "http", "^get " }, { "ssh", "^ssh-" } },
	  { PV("GET / HTTP/1.0", "10", "http"), PV("SSH-2.0", "10", "http") },
	  FED(14) },
	{ "invert on every path", 0, 0,
	  { { "http", "^get ", L7_RULE_INVERT }, { "ssh", "^ssh-", L7_RULE_INVERT } },
	  { P("", "11"), PV("GET /", "01", "http") }, FED(5) },
	{ "unset and unknown", 0, 2,
	  { { "unset" }, { "unknown" }, { "unset", NULL, L7_RULE_INVERT },
	    { "unknown", NULL, L7_RULE_INVERT } },
	  { P("abc", "1001"), P("", "1001"), PV("x", "0110", "unknown"),
	    PV("y", "0110", "unknown") }, FED(0) },
	{ "an empty packet: answers from the bytes as they stand", 0, 0,
	  { { "b", "b" }, { "unset" }, { "unset", NULL, L7_RULE_INVERT } },
	  { P("a", "010"), P("", "010"), PV("b", "1..", "b") }, FED(2) },
	{ "an empty packet decides for a rule the data packet missed", 0, 0,
	  { { "a", "a" }, { "b", "b" } },
	  { P("xb", "0."), PV("", "01", "b") }, FED(2 + 2) },
	{ "decision on the first data after empty packets", 0, 0,
	  { { "http", "^get " } },
	  { P("", "0"), P("", "0"), PV("GET /", "1", "http") }, FED(5) },
	{ "num_packets: packet 10 tried", 0, 0,
	  { { "z", "z" }, { "unknown" } },
	  { P("a", "00"), P("a", "00"), P("a", "00"), P("a", "00"),
	    P("a", "00"), P("a", "00"), P("a", "00"), P("a", "00"),
	    P("a", "00"), PV("z", "10", "z") }, FED(10) },
	{ "num_packets: packet 11 unknown", 0, 0,
	  { { "z", "z" }, { "unknown" } },
	  { P("a", "00"), P("a", "00"), P("a", "00"), P("a", "00"),
	    P("a", "00"), P("", "00"), P("a", "00"), P("a", "00"),
	    P("a", "00"), P("a", "00"), PV("z", "01", "unknown") }, FED(9) },
	{ "num_packets counts each packet once", 0, 2,
	  { { "z", "z" }, { "unset" } },
	  { { .data = "a", .want = "01", .repeat = 3 },
	    { .data = "b", .want = "01", .repeat = 2 },
	    { .data = "z", .want = "00", .proto = "unknown" } }, FED(2) },
	{ "lowercase, NULs dropped", 0, 0,
	  { { "=get ab" } },
	  { { .data = "GeT\0 A\0B", .len = 8, .want = "1",
	      .proto = "probe" } }, FED(6) },
	{ "maxdatalen: input capped to the room, NULs included", 8, 0,
	  { { "=abcdexy" }, { "unset" } },
	  { { .data = "ab\0\0cdefgh", .len = 10, .want = "01" },
	    PV("XYZ", "1.", "probe") }, FED(7) },
	{ "maxdatalen: full buffer adds nothing", 4, 0,
	  { { "never", "q" }, { "unset" } },
	  { P("abcdef", "01"), P("q", "01"), P("q", "01") }, FED(3) },
	{ "maxdatalen 1 keeps nothing", 1, 3,
	  { { "a", "a" }, { "unset" } },
	  { P("a", "01"), P("a", "01"), P("a", "01"),
	    PV("a", "00", "unknown") }, FED(0) },
	{ "both directions in arrival order (udp)", 0, 0,
	  { { "=abcdef" } },
	  { { .dir = 0, .data = "abc", .want = "0" },
	    { .dir = 1, .data = "def", .want = "1", .proto = "probe" } },
	  FED(6) },
	{ "priority: the first matching rule decides", 0, 0,
	  { { "first", "x" }, { "second", "x" }, { "third", "y" } },
	  { PV("xy", "100", "first"), PV("xy", "100", "first") }, FED(2) },
	{ "a rule reached first at packet 3 scans from byte 0", 0, 0,
	  { { "a", "zz" }, { "late", "^hello" } },
	  { P("hel", "0."), P("lo", "0."), PV("!", "01", "late") },
	  FED(6 + 6) },
	{ "streams see each byte once", 0, 0,
	  { { "a", "zz" }, { "b", "yy" } },
	  { P("0123456789", "00"), P("0123456789", "00"),
	    P("0123456789", "00"), P("0123456789", "00") }, FED(80) },
	{ "dead stream is not fed again", 0, 0,
	  { { "anch", "^get " }, { "float", "zz" } },
	  { P("post ", "00"), P("xxxxx", "00"), P("get x", "00") },
	  FED(5 + 15) },
	{ "tcp: syn consumes a sequence number", 0, 0,
	  { { "=hello" } },
	  { T(0, 1, 100, "", "0"), T(1, 1, 900, "", "0"),
	    T(0, 0, 101, "hel", "0"), TV(0, 0, 104, "lo", "1", "probe") } },
	{ "tcp: retransmission adds nothing", 0, 0,
	  { { "=hello world" }, { "unset" } },
	  { T(0, 1, 100, "", "01"), T(0, 0, 101, "hello ", "01"),
	    T(0, 0, 101, "hello ", "01"),
	    { .dir = 0, .l4 = TCP, .seq = 107, .data = "world", .want = "1.",
	      .proto = "probe" } } },
	{ "tcp: overlap appends only new bytes", 0, 0,
	  { { "=hello" } },
	  { T(0, 1, 100, "", "0"), T(0, 0, 101, "hel", "0"),
	    { .l4 = TCP, .seq = 101, .data = "hello", .want = "1",
	      .proto = "probe" } } },
	{ "tcp: reordered segment held until the gap fills", 0, 0,
	  { { "=hello world" }, { "unset" } },
	  { T(0, 1, 100, "", "01"), T(0, 0, 101, "hel", "01"),
	    T(0, 0, 107, "world", "01"), T(0, 0, 107, "world", "01"),
	    { .l4 = TCP, .seq = 104, .data = "lo ", .want = "1.",
	      .proto = "probe" } } },
	{ "tcp: gap never filled, data dropped on decision", 0, 0,
	  { { "ab", "ab" } },
	  { T(0, 1, 100, "", "0"), T(0, 0, 110, "zz", "0"),
	    { .l4 = TCP, .seq = 101, .data = "ab", .want = "1",
	      .proto = "ab" } } },
	{ "tcp: gap never filled, data dropped when giving up", 0, 3,
	  { { "ab", "ab" } },
	  { T(0, 1, 100, "", "0"), T(0, 0, 110, "zz", "0"),
	    T(0, 0, 120, "zz", "0"),
	    { .l4 = TCP, .seq = 101, .data = "ab", .want = "0",
	      .proto = "unknown" } } },
	{ "tcp: first segment without syn sets the start, per direction",
	  0, 0, { { "=abcxyzdef" } },
	  { T(0, 0, 5000, "abc", "0"), T(1, 0, 70000, "xyz", "0"),
	    T(1, 0, 70000, "xyz", "0"), TV(0, 0, 5003, "def", "1", "probe") } },
	{ "tcp: sequence numbers wrap", 0, 0,
	  { { "=abcdef" } },
	  { T(0, 0, 0xfffffffe, "abc", "0"), T(0, 0, 3, "f", "0"),
	    TV(0, 0, 1, "de", "1", "probe") } },
	{ "tcp: syn with payload", 0, 0,
	  { { "=abcd" } },
	  { T(0, 1, 100, "ab", "0"), T(0, 1, 100, "ab", "0"),
	    TV(0, 0, 103, "cd", "1", "probe") } },
	{ "a pattern that matches the empty subject, no byte kept", 0, 0,
	  { { "e", "x*" } },
	  { { .data = "\0\0", .len = 2, .want = "0" },
	    { .l4 = TCP, .data = "\0", .len = 1, .want = "0" },
	    PV("a", "1", "e") } },
	{ "tcp: held data bounded by the room", 6, 0,
	  { { "=abcde" } },
	  { T(0, 1, 100, "", "0"), T(0, 0, 103, "cdefgh", "0"),
	    TV(0, 0, 101, "ab", "1", "probe") } },
};

/* Counts @pkt, then evaluates @rules[0..n); returns the last answer. */
static bool one_packet(struct l7_conn *conn, struct l7_flow *flow,
		       const struct l7_packet *pkt, const struct l7_set *set,
		       const struct l7_rule *rules, int n,
		       const struct l7_params *params)
{
	bool m = false;
	int i;

	l7_conn_packet(conn, flow, pkt, set, params);
	for (i = 0; i < n; i++)
		m = l7_conn_rule(conn, flow, &rules[i], params);
	return m;
}

/*
 * Every allocation of a run fails once in turn (l7_alloc_fail_at = k:
 * the k-th allocation fails, then the variable reads 0), until a run
 * has fewer than k allocations.  The call that meets the failure does
 * not match and leaves the connection undecided; the TCP
 * retransmission or the next packet recovers, and the verdict is the
 * one without failures.
 */
static void test_alloc_failures(void)
{
	static const struct cdef c = { "alloc", 0, 0,
		{ { "other", "zzz" }, { "http", "^get / http" } } };
	static const struct sdef s[] = {
		T(0, 1, 100, "", ""), T(0, 0, 101, "GET / HTTP/1.0", ""),
		T(0, 0, 101, "GET / HTTP/1.0", ""), T(0, 0, 115, "\r\n", ""),
	};
	struct l7_params params;
	struct rt rt;
	unsigned long k;
	bool hit = true;

	if (compile_rules(&c, &rt)) {
		failed++;
		return;
	}
	params_of(&c, &params);
	for (k = 1; hit; k++) {
		struct l7_conn conn;
		struct l7_flow flow;
		int step, r, bad = 0;
		char name[64];

		snprintf(name, sizeof(name), "allocation %lu fails", k);
		l7_conn_init(&conn);
		l7_flow_init(&flow);
		hit = false;
		l7_alloc_fail_at = k;
		for (step = 0; step < 4; step++) {
			struct l7_packet pkt;
			struct flat f;
			bool armed = l7_alloc_fail_at != 0;

			make_pkt(&s[step], step, &f, &pkt);
			l7_conn_packet(&conn, &flow, &pkt, NULL, &params);
			if (armed && !l7_alloc_fail_at) {
				hit = true;
				armed = false;
			}
			for (r = 0; r < 2; r++) {
				bool m;

				armed = l7_alloc_fail_at != 0;
				m = l7_conn_rule(&conn, &flow, &rt.rule[r],
						 &params);
				if (!armed || l7_alloc_fail_at)
					continue;
				hit = true;
				if (m || l7_conn_proto(&conn)) {
					fail(name, "packet %d rule %d matched",
					     step + 1, r + 1);
					bad = 1;
				}
			}
		}
		l7_alloc_fail_at = 0;
		if (!l7_conn_proto(&conn) ||
		    strcmp(l7_conn_proto(&conn), "http")) {
			fail(name, "no recovery%.0d%.0d", 0, 0);
			bad = 1;
		}
		if (!bad)
			passed++;
		l7_conn_release(&conn);
		l7_flow_release(&flow);
	}
	if (k < 6)	/* data, buffer, two streams, the name: at least 5 */
		fail("alloc", "only %d allocations to fail%.0d", (int)k - 2, 0);
	free_rules(&rt);
}

/* A fresh connection for @c's rules; nonzero (counted failed) if none. */
static int open_conn(const struct cdef *c, struct rt *rt,
		     struct l7_params *params, struct l7_conn *conn,
		     struct l7_flow *flow)
{
	if (compile_rules(c, rt)) {
		failed++;
		return -1;
	}
	params_of(c, params);
	l7_conn_init(conn);
	l7_flow_init(flow);
	return 0;
}

/* Memory grows in steps and is given back on the verdict. */
static void test_memory(void)
{
	static const struct cdef c = { "memory", 0, 0,
		{ { "http", "^get / http/1.0\r\nhost:" } } };
	static char big[1500];
	struct l7_params params;
	struct l7_conn conn;
	struct l7_flow flow;
	struct rt rt;
	struct sdef s = { .data = "GET / HTTP/1.0\r\n", .want = "0" };
	struct l7_packet pkt;
	struct flat f;
	size_t small, large;
	const u8 *data;
	unsigned int len;

	if (open_conn(&c, &rt, &params, &conn, &flow))
		return;
	make_pkt(&s, 0, &f, &pkt);
	one_packet(&conn, &flow, &pkt, NULL, rt.rule, 1, &params);
	small = l7_conn_mem(&conn);
	data = l7_conn_data(&conn, &len);
	if (len != 16 || memcmp(data, "get / http/1.0\r\n", 16))
		fail("memory", "l7_conn_data: %d bytes%.0d", (int)len, 0);
	else
		passed++;
	memset(big, 'x', sizeof(big));
	s.data = big;
	s.len = sizeof(big);
	make_pkt(&s, 1, &f, &pkt);
	one_packet(&conn, &flow, &pkt, NULL, rt.rule, 1, &params);
	large = l7_conn_mem(&conn);
	/* One stream state, the struct, and the buffer: 256 then 2047. */
	small -= l7re_stream_size(rt.prog[0]);
	if (small < 256 || small > 256 + 256)
		fail("memory", "%d bytes besides the stream for 16 bytes%.0d",
		     (int)small, 0);
	else
		passed++;
	if (large - l7re_stream_size(rt.prog[0]) - small != 2047 - 256)
		fail("memory", "grew by %d bytes, want %d",
		     (int)(large - l7re_stream_size(rt.prog[0]) - small),
		     2047 - 256);
	else
		passed++;
	l7_conn_release(&conn);
	if (l7_conn_data(&conn, &len) || len)
		fail("memory", "l7_conn_data after release: %d bytes%.0d",
		     (int)len, 0);
	else
		passed++;
	if (l7_conn_mem(&conn))
		fail("memory", "%d bytes after release%.0d",
		     (int)l7_conn_mem(&conn), 0);
	else
		passed++;
	l7_flow_release(&flow);
	free_rules(&rt);
}

/*
 * A closed undecided connection gives up: "unknown", no data, no memory,
 * and "unknown" rules match it from then on; a decided one is untouched.
 */
static void test_close(void)
{
	static const struct cdef c = { "close", 0, 0,
		{ { "http", "^get / http/1.0\r\nhost:" }, { "unknown" } } };
	struct sdef s = { .data = "GET / HTTP/1.0\r\n", .want = "0" };
	struct l7_params params;
	struct l7_conn conn;
	struct l7_flow flow;
	struct l7_packet pkt;
	struct flat f;
	struct rt rt;
	const char *p;
	unsigned int len;

	if (open_conn(&c, &rt, &params, &conn, &flow))
		return;
	make_pkt(&s, 0, &f, &pkt);
	one_packet(&conn, &flow, &pkt, NULL, rt.rule, 1, &params);
	if (!l7_conn_mem(&conn))
		fail("close", "no data before close%.0d%.0d", 0, 0);
	l7_conn_close(&conn, &flow);
	p = l7_conn_proto(&conn);
	if (!p || strcmp(p, "unknown") || conn.gave_up != L7_GAVE_UP_CLOSED)
		fail("close", "not unknown after close%.0d%.0d", 0, 0);
	else if (l7_conn_mem(&conn) || l7_conn_data(&conn, &len) || len)
		fail("close", "%d bytes kept after close%.0d",
		     (int)l7_conn_mem(&conn), 0);
	else
		passed++;
	s.data = "host: x\r\n";
	make_pkt(&s, 1, &f, &pkt);
	l7_conn_packet(&conn, &flow, &pkt, NULL, &params);
	if (l7_conn_rule(&conn, &flow, &rt.rule[0], &params) ||
	    !l7_conn_rule(&conn, &flow, &rt.rule[1], &params))
		fail("close", "a closed connection still classified%.0d%.0d",
		     0, 0);
	else
		passed++;
	l7_conn_release(&conn);

	l7_conn_init(&conn);
	s.data = "GET / HTTP/1.0\r\nHost: x";
	make_pkt(&s, 2, &f, &pkt);
	one_packet(&conn, &flow, &pkt, NULL, rt.rule, 1, &params);
	l7_conn_close(&conn, &flow);
	p = l7_conn_proto(&conn);
	if (!p || strcmp(p, "http"))
		fail("close", "close changed a decided connection%.0d%.0d",
		     0, 0);
	else
		passed++;
	l7_conn_release(&conn);
	l7_flow_release(&flow);
	free_rules(&rt);
}

/*
 * The answers of a final connection, as the kernel's lockless path reads
 * them (l7_conn_final_answer), against the semantics: names compare,
 * "unknown" names the given-up state, "unset" never matches once final,
 * "!" inverts; -1 while undecided.
 */
static void test_final_answer(void)
{
	static const struct {
		const char *proto;
		unsigned int flags;
		int undecided, http, unknown;
	} t[] = {
		{ "http", 0, -1, 1, 0 },
		{ "http", L7_RULE_INVERT, -1, 0, 1 },
		{ "ssh", 0, -1, 0, 0 },
		{ "ssh", L7_RULE_INVERT, -1, 1, 1 },
		{ "unknown", 0, -1, 0, 1 },
		{ "unknown", L7_RULE_INVERT, -1, 1, 0 },
		{ "unset", 0, -1, 0, 0 },
		{ "unset", L7_RULE_INVERT, -1, 1, 1 },
	};
	struct l7_conn conn;
	size_t i;
	int s;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct l7_rule rule = { .proto = t[i].proto, .flags = t[i].flags };

		for (s = 0; s < 3; s++) {
			int want = s == 0 ? t[i].undecided :
				   s == 1 ? t[i].http : t[i].unknown;
			int got;

			l7_conn_init(&conn);
			if (s) {
				conn.state = s == 1 ? L7_DECIDED : L7_UNKNOWN;
				conn.proto = s == 1 ? "http" : "unknown";
			}
			got = l7_conn_final_answer(&conn, &rule);
			if (got != want)
				fail("final answer", "rule %d: %d", (int)i, got);
			else
				passed++;
		}
	}
}

/*
 * Rules only read: however many times they answer, the packet counts
 * once and its bytes go in once (the kernel's hook counts, its rules
 * ask), and a rule reached only after several packets sees them all.
 */
static void test_rules_only_read(void)
{
	static const struct cdef c = { "rules only read", 0, 0,
		{ { "never", "zz" }, { "=abcdef" } } };
	static const u8 l4s[] = { UDP, TCP };
	struct l7_params params;
	struct rt rt;
	unsigned int i;

	if (compile_rules(&c, &rt)) {
		failed++;
		return;
	}
	params_of(&c, &params);
	for (i = 0; i < sizeof(l4s); i++) {
		struct sdef sa = { .dir = 0, .l4 = l4s[i], .seq = 100,
				   .data = "abc" };
		struct sdef sb = { .dir = 1, .l4 = l4s[i], .seq = 900,
				   .data = "def" };
		struct l7_packet pkt;
		struct l7_conn conn;
		struct l7_flow flow;
		unsigned int len;
		struct flat f;
		int k, bad = 0;

		l7_conn_init(&conn);
		l7_flow_init(&flow);
		make_pkt(&sa, 0, &f, &pkt);
		l7_conn_packet(&conn, &flow, &pkt, NULL, &params);
		for (k = 0; k < 5; k++)
			if (l7_conn_rule(&conn, &flow, &rt.rule[0], &params))
				bad = 1;
		make_pkt(&sb, 1, &f, &pkt);
		l7_conn_packet(&conn, &flow, &pkt, NULL, &params);
		l7_conn_data(&conn, &len);
		if (len != 6 || conn.packets != 2)
			bad = 1;
		if (!l7_conn_rule(&conn, &flow, &rt.rule[1], &params) ||
		    !l7_conn_proto(&conn) ||
		    strcmp(l7_conn_proto(&conn), "probe"))
			bad = 1;
		if (bad)
			fail("rules only read", "l4 %d: %d packets counted",
			     l4s[i], conn.packets);
		else
			passed++;
		l7_conn_release(&conn);
		l7_flow_release(&flow);
	}
	free_rules(&rt);
}

/*
 * More distinct patterns than the connection keeps streams for: the
 * ones past the cap are scanned one-shot, still from byte 0, and the
 * memory stops growing with the number of patterns.
 */
static void test_stream_cap(void)
{
	enum { N = 260, CAP = 256 };
	static struct l7re_prog *progs[N];
	static struct l7_rule rules[N];
	static char names[N][8];
	struct l7_params params;
	struct l7_conn conn;
	struct l7_flow flow;
	struct flat f;
	struct sdef s = { .data = "abc" };
	struct l7_packet pkt;
	size_t mem_cap = 0;
	int i, k, bad = 0;

	l7_params_default(&params, L7_MAXDATALEN_DEFAULT);
	params.num_packets = 99;
	for (i = 0; i < N; i++) {
		char re[16];

		snprintf(re, sizeof(re), "x%dy", i);
		snprintf(names[i], sizeof(names[i]), "p%d", i);
		if (l7re_compile(&progs[i], re, strlen(re), NULL)) {
			fail("stream cap", "pattern %d does not compile%.0d", i, 0);
			return;
		}
		rules[i] = (struct l7_rule){ names[i], progs[i], 0, i + 1 };
	}
	l7_conn_init(&conn);
	l7_flow_init(&flow);
	for (k = 0; k < 3; k++) {
		s.data = k < 2 ? "abc" : "x259y";
		make_pkt(&s, k, &f, &pkt);
		l7_conn_packet(&conn, &flow, &pkt, NULL, &params);
		for (i = 0; i < N; i++) {
			bool m = l7_conn_rule(&conn, &flow, &rules[i], &params);

			if (m != (k == 2 && i == N - 1)) {
				fail("stream cap", "packet %d pattern %d", k + 1, i);
				bad = 1;
			}
			if (k == 0 && i == CAP - 1)
				mem_cap = l7_conn_mem(&conn);
			if (k < 2 && i >= CAP && l7_conn_mem(&conn) != mem_cap) {
				fail("stream cap", "memory grew at pattern %d%.0d",
				     i, 0);
				bad = 1;
				break;
			}
		}
	}
	if (!l7_conn_proto(&conn) || strcmp(l7_conn_proto(&conn), "p259")) {
		fail("stream cap", "pattern 260 did not decide%.0d%.0d", 0, 0);
		bad = 1;
	}
	if (!bad)
		passed++;
	l7_conn_release(&conn);
	l7_flow_release(&flow);
	for (i = 0; i < N; i++)
		l7re_free(progs[i]);
}

/*
 * The module recombines a namespace's patterns when its rules change,
 * and changes l7_rule.member under connections that are undecided: a
 * pattern alone, then in a set, sees every byte kept, the ones before
 * the change included.
 */
static void test_member_change(void)
{
	static const char *const re[2] = { "tok04;", "never" };
	struct l7_params params;
	const struct l7re_prog *both[2];
	struct l7re_prog *progs[2];
	struct l7re_multi *m1 = NULL, *m2 = NULL;
	struct l7_set set1, set2;
	struct l7_member mem1, mem2[2];
	struct l7_rule rules[2];
	struct l7_conn conn;
	struct l7_flow flow;
	struct sdef s = { .data = "tok0" };
	struct l7_packet pkt;
	struct flat f;
	u64 hits = 0;
	int i, bad = 0;

	l7_params_default(&params, L7_MAXDATALEN_DEFAULT);
	for (i = 0; i < 2; i++) {
		if (l7re_compile(&progs[i], re[i], strlen(re[i]), NULL)) {
			fail("member change", "pattern %d does not compile%.0d",
			     i, 0);
			return;
		}
		both[i] = progs[i];
		rules[i] = (struct l7_rule){ re[i], progs[i], 0, i + 1 };
	}
	if (l7re_multi_compile(&m1, &both[1], 1) ||
	    l7re_multi_compile(&m2, both, 2)) {
		fail("member change", "patterns do not combine%.0d%.0d", 0, 0);
		goto out;
	}
	/* before: "tok04;" alone, "never" in set 1 */
	set1 = (struct l7_set){ m1, 1 };
	mem1 = (struct l7_member){ &set1, 0 };
	rules[1].member = &mem1;
	l7_conn_init(&conn);
	l7_flow_init(&flow);
	make_pkt(&s, 0, &f, &pkt);
	if (one_packet(&conn, &flow, &pkt, &set1, rules, 2, &params))
		bad = 1;
	if (!l7_conn_set_hits(&conn, &set1, &hits) || hits)
		bad = 1;
	/* after: both in set 2, in the other order */
	set2 = (struct l7_set){ m2, 2 };
	mem2[0] = (struct l7_member){ &set2, 0 };
	mem2[1] = (struct l7_member){ &set2, 1 };
	rules[0].member = &mem2[0];
	rules[1].member = &mem2[1];
	if (l7_conn_set_hits(&conn, &set2, &hits))
		bad = 1;	/* no stream for set 2 yet */
	s.data = "4;";
	make_pkt(&s, 1, &f, &pkt);
	l7_conn_packet(&conn, &flow, &pkt, &set2, &params);
	if (!l7_conn_set_hits(&conn, &set2, &hits) || hits != 1)
		bad = 1;
	if (!l7_conn_rule(&conn, &flow, &rules[0], &params))
		bad = 1;
	if (!l7_conn_proto(&conn) || strcmp(l7_conn_proto(&conn), re[0]))
		bad = 1;
	if (bad)
		fail("member change", "a pattern moved into a set missed "
		     "bytes kept before%.0d%.0d", 0, 0);
	else
		passed++;
	l7_conn_release(&conn);
	l7_flow_release(&flow);
out:
	l7re_multi_free(m1);
	l7re_multi_free(m2);
	for (i = 0; i < 2; i++)
		l7re_free(progs[i]);
}

/*
 * Rules changing again and again under an undecided connection: it keeps
 * one combined stream, the newest, not one per combination (which would
 * also reach the 64 streams and rescan every pattern).
 */
static void test_member_churn(void)
{
	enum { ROUNDS = 70 };
	struct l7_params params;
	const struct l7re_prog *cprog;
	struct l7re_prog *prog;
	struct l7re_multi *m[ROUNDS] = { NULL };
	struct l7_set sets[ROUNDS];
	struct l7_member mem[ROUNDS];
	struct l7_rule rule;
	struct l7_conn conn;
	struct l7_flow flow;
	struct sdef s = { .data = "x" };
	struct l7_packet pkt;
	struct flat f;
	size_t first = 0;
	int k, bad = 0;

	l7_params_default(&params, L7_MAXDATALEN_DEFAULT);
	params.num_packets = 99;
	if (l7re_compile(&prog, "never", 5, NULL)) {
		fail("member churn", "pattern does not compile%.0d%.0d", 0, 0);
		return;
	}
	cprog = prog;
	rule = (struct l7_rule){ "never", prog, 0, 1 };
	l7_conn_init(&conn);
	l7_flow_init(&flow);
	for (k = 0; k < ROUNDS && !bad; k++) {
		if (l7re_multi_compile(&m[k], &cprog, 1)) {
			bad = 1;
			break;
		}
		sets[k] = (struct l7_set){ m[k], 100 + k };
		mem[k] = (struct l7_member){ &sets[k], 0 };
		rule.member = &mem[k];
		make_pkt(&s, k, &f, &pkt);
		if (one_packet(&conn, &flow, &pkt, &sets[k], &rule, 1, &params))
			bad = 1;
		if (k == 0)
			first = l7_conn_mem(&conn);
		else if (l7_conn_mem(&conn) != first)
			bad = 1;
	}
	if (bad)
		fail("member churn", "memory %d bytes after %d combinations",
		     (int)l7_conn_mem(&conn), k);
	else
		passed++;
	l7_conn_release(&conn);
	l7_flow_release(&flow);
	for (k = 0; k < ROUNDS; k++)
		l7re_multi_free(m[k]);
	l7re_free(prog);
}

/*
 * The bounds of struct l7_params: a pattern without a DFA whose scan
 * needs more steps than a packet or a connection may take, and a
 * connection that would hold more than mem_max, give up ("unknown",
 * data freed, the reason kept); within the bounds nothing changes.
 */
static void test_bounds(void)
{
	/* an NFA with many threads alive at every byte */
	static const char re[] = "(a|b|c|d|e|f|g|h)*(a|b)(a|b)(a|b)(a|b)z";
	static char data[1400];
	struct l7re_prog *prog;
	struct l7_rule rules[2];
	struct l7_params params;
	struct l7_conn conn;
	struct l7_flow flow;
	struct sdef s = { 0 };
	struct l7_packet pkt;
	struct flat f;
	unsigned int round;
	int bad = 0;

	if (l7re_compile_flags(&prog, re, strlen(re), NULL, L7RE_F_NODFA)) {
		fail("bounds", "pattern does not compile%.0d%.0d", 0, 0);
		return;
	}
	memset(data, 'a', sizeof(data));
	rules[0] = (struct l7_rule){ "slow", prog, 0, 1 };
	rules[1] = (struct l7_rule){ "unknown" };
	s.data = data;
	s.len = sizeof(data);
	for (round = 0; round < 4; round++) {
		static const u8 want[4] = { L7_GAVE_UP_NONE, L7_GAVE_UP_STEPS,
					    L7_GAVE_UP_STEPS,
					    L7_GAVE_UP_MEMORY };
		const char *p;

		l7_params_default(&params, L7_MAXDATALEN_DEFAULT);
		if (round == 1)
			params.steps_packet = 5000;	/* a packet needs more */
		if (round == 2)
			params.steps_conn = 5000;
		if (round == 3)
			params.mem_max = 1024;
		l7_conn_init(&conn);
		l7_flow_init(&flow);
		make_pkt(&s, 0, &f, &pkt);
		one_packet(&conn, &flow, &pkt, NULL, rules, 2, &params);
		p = l7_conn_proto(&conn);
		if (conn.gave_up != want[round] ||
		    (want[round] && (!p || strcmp(p, "unknown") ||
				     l7_conn_mem(&conn))) ||
		    (!want[round] && p)) {
			fail("bounds", "round %d: gave up for reason %d",
			     round, conn.gave_up);
			bad = 1;
		}
		if (want[round] &&
		    !l7_conn_rule(&conn, &flow, &rules[1], &params)) {
			fail("bounds", "round %d: \"unknown\" does not match%.0d",
			     round, 0);
			bad = 1;
		}
		l7_conn_release(&conn);
		l7_flow_release(&flow);
	}
	if (!bad)
		passed++;
	l7re_free(prog);
}

/* Serves at most 3 bytes of any payload, as a read failing part way. */
static unsigned int read_3(void *ctx, unsigned int off, const u8 **data)
{
	const struct flat *f = ctx;

	if (off >= f->len || off >= 3)
		return 0;
	*data = f->p + off;
	return 3 - off;
}

/*
 * What the core accounts for a connection and a flow is what it holds
 * (l7_alloc_live, which counts every allocation of the shared code),
 * also when a segment held after a gap cannot be read whole.
 */
static void test_held_short_read(void)
{
	struct sdef syn = T(0, 1, 100, "", "");
	struct sdef seg = T(0, 0, 110, "abcdefgh", "");
	struct l7_params params;
	struct l7_conn conn;
	struct l7_flow flow;
	struct l7_packet pkt;
	struct flat f;
	size_t live = l7_alloc_live, held;

	l7_params_default(&params, L7_MAXDATALEN_DEFAULT);
	l7_conn_init(&conn);
	l7_flow_init(&flow);
	make_pkt(&syn, 0, &f, &pkt);
	l7_conn_packet(&conn, &flow, &pkt, NULL, &params);
	make_pkt(&seg, 1, &f, &pkt);
	pkt.read = read_3;
	l7_conn_packet(&conn, &flow, &pkt, NULL, &params);
	held = l7_alloc_live - live;
	if (held != l7_conn_mem(&conn) + l7_flow_mem(&flow))
		fail("held short read", "%d bytes held, %d accounted",
		     (int)held, (int)(l7_conn_mem(&conn) + l7_flow_mem(&flow)));
	else
		passed++;
	l7_conn_release(&conn);
	l7_flow_release(&flow);
}

/*
 * A connection shared by two flows (a root and its FTP data child):
 * when one makes it final, the other's held segments go at its next
 * call, its close included.
 */
static void test_close_sibling_final(void)
{
	static const struct cdef c = { "close sibling", 0, 0,
		{ { "ab", "ab" } } };
	struct sdef s[] = { T(0, 1, 100, "", ""), T(0, 0, 110, "zz", ""),
			    P("ab", "") };
	struct l7_params params;
	struct l7_conn conn;
	struct l7_flow root, child;
	struct l7_packet pkt;
	struct flat f;
	struct rt rt;

	if (open_conn(&c, &rt, &params, &conn, &root))
		return;
	l7_flow_init(&child);
	make_pkt(&s[0], 0, &f, &pkt);
	l7_conn_packet(&conn, &child, &pkt, NULL, &params);
	make_pkt(&s[1], 1, &f, &pkt);
	l7_conn_packet(&conn, &child, &pkt, NULL, &params);
	make_pkt(&s[2], 2, &f, &pkt);
	one_packet(&conn, &root, &pkt, NULL, rt.rule, 1, &params);
	if (!l7_conn_proto(&conn) || !l7_flow_mem(&child)) {
		fail("close sibling", "setup: verdict %d, %d bytes held",
		     conn.state, (int)l7_flow_mem(&child));
	} else {
		l7_conn_close(&conn, &child);
		if (l7_flow_mem(&child))
			fail("close sibling", "%d bytes held after close%.0d",
			     (int)l7_flow_mem(&child), 0);
		else
			passed++;
	}
	l7_conn_release(&conn);
	l7_flow_release(&root);
	l7_flow_release(&child);
	free_rules(&rt);
}

/*
 * A decision keeps only the rule's name, but a name can be longer than
 * the bytes it frees: with mem_max lowered (the module's namespace
 * nearly full) a 255-byte name gives up as over memory, a short one
 * decides.
 */
static void test_decide_name_room(void)
{
	static char long_name[256];
	const char *const names[2] = { long_name, "http" };
	struct sdef s[] = { P("ge", ""), P("t / ", "") };
	struct l7re_prog *prog;
	struct l7_params params;
	struct l7_conn conn;
	struct l7_flow flow;
	struct l7_packet pkt;
	struct l7_rule rule;
	struct flat f;
	int round;

	memset(long_name, 'n', sizeof(long_name) - 1);
	if (l7re_compile(&prog, "^get ", 5, NULL)) {
		fail("name room", "pattern does not compile%.0d%.0d", 0, 0);
		return;
	}
	for (round = 0; round < 2; round++) {
		rule = (struct l7_rule){ names[round], prog, 0, 1 };
		/* a small buffer: the data weighs less than the name */
		l7_params_default(&params, 8);
		l7_conn_init(&conn);
		l7_flow_init(&flow);
		make_pkt(&s[0], 0, &f, &pkt);
		one_packet(&conn, &flow, &pkt, NULL, &rule, 1, &params);
		/* no room past what it holds: the next bytes fit its buffer */
		params.mem_max = l7_conn_mem(&conn);
		make_pkt(&s[1], 1, &f, &pkt);
		one_packet(&conn, &flow, &pkt, NULL, &rule, 1, &params);
		if (l7_conn_mem(&conn) > params.mem_max ||
		    conn.state != (round ? L7_DECIDED : L7_UNKNOWN) ||
		    (!round && conn.gave_up != L7_GAVE_UP_MEMORY))
			fail("name room", "round %d: %d bytes held", round,
			     (int)l7_conn_mem(&conn));
		else
			passed++;
		l7_conn_release(&conn);
		l7_flow_release(&flow);
	}
	l7re_free(prog);
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cdef c = cases[i];

		run_case(&c, false);
		run_case(&c, true);
	}
	test_alloc_failures();
	test_memory();
	test_close();
	test_final_answer();
	test_rules_only_read();
	test_stream_cap();
	test_member_change();
	test_member_churn();
	test_bounds();
	test_held_short_read();
	test_close_sibling_final();
	test_decide_name_room();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
