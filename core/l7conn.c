// SPDX-License-Identifier: GPL-2.0
/*
 * l7conn: what happens to a connection's bytes (see l7conn.h).
 *
 * Semantics, compatible with l7-filter 2.22 except where marked (+):
 *
 *  1. Each packet is counted once (l7_conn_packet(); all packets, both
 *     directions, empty ones too; saturating) and, while the connection
 *     is undecided, its payload is appended to the connection's buffer:
 *     NULs dropped, ASCII lowercased, never more than maxdatalen - 1
 *     bytes kept.  As in the original, a packet may read at most "room
 *     left" input bytes, NULs included, so a packet with NULs can stop
 *     short of a full buffer and the next one continues.
 *     (+) The buffer is allocated on the first packet with payload and
 *     grows 256, 512, ... up to maxdatalen - 1 bytes, so a quick
 *     decision costs little memory.
 *  2. (+) TCP payload is appended in sequence order per direction.  A
 *     SYN consumes one sequence number; the first segment seen in a
 *     direction without SYN sets the start.  Retransmitted or
 *     overlapping bytes are appended once.  A segment after a gap is
 *     held (at most L7_OOO_MAX segments, never more bytes than the
 *     buffer's room) and appended when the gap fills; held data is
 *     dropped when the connection is final.  Other protocols: arrival
 *     order, as the original.
 *  3. Decided: a rule matches iff its name is the decided name.
 *  4. Undecided after more than num_packets packets: "unknown" for
 *     good, the data is freed; a rule named "unknown" matches from then.
 *     (+) The same when the caller reports the connection closed
 *     (l7_conn_close), since no byte can decide it any more, and when
 *     the connection would cause more engine work or hold more memory
 *     than struct l7_params allows.
 *  5. Undecided: "unknown" never matches, "unset" matches without
 *     deciding, and a pattern is tested against the bytes kept so far
 *     (none kept: no match).  (+) The answer does not depend on the
 *     packet that brings the rule to ask; the original answered "no
 *     match" at the first layer7 rule a packet without new data met.
 *  6. (+) Every pattern sees each byte once: each connection keeps one
 *     scan state per pattern (or for the set the caller combined its
 *     patterns into: the newest only, when it recombines them) with its
 *     consumed offset; a pattern met for the first time scans from byte
 *     0, so a rule reached late still sees everything.  A match decides
 *     for good (the data is freed at once); a dead scan is never fed
 *     again.  Past L7_MAX_STREAMS patterns on one connection a pattern
 *     is scanned one-shot over the whole buffer with a temporary state:
 *     slower, never wrong.
 *  7. Allocation failure: the bytes are not kept (l7_conn_packet) or
 *     the rule does not match (l7_conn_rule), and the connection stays
 *     undecided; no byte is half appended; a TCP segment that could not
 *     be appended can still be added by its retransmission.
 *
 * Every `!` rule applies invert to the final answer, on every path.
 * All work per call is bounded by the packet's bytes, maxdatalen, the
 * step budgets and the fixed limits below; nothing recurses.
 */
#include "l7conn.h"
#include "../regexp/l7prep.h"

#define L7_BUF_MIN	256	/* first buffer size; doubles up to the limit */
/*
 * Scan states kept per connection: as many as the step budget covers.
 * The fuzz target lowers it to reach the one-shot path.
 */
#ifndef L7_MAX_STREAMS
#define L7_MAX_STREAMS	256
#endif
#define L7_OOO_MAX	8	/* held out-of-order TCP segments per flow */
#define L7_TCP		6	/* IPPROTO_TCP, without a libc or kernel header */

/* Sequence arithmetic: is the distance a - b negative (mod 2^32)? */
static inline bool l7_seq_neg(u32 diff)
{
	return diff & 0x80000000u;
}

static const char l7_unknown[] = "unknown";

/*
 * One pattern's scan, or a set's: then state[] is followed by the
 * members' answers after the last feed.
 */
struct l7_stream {
	struct l7_stream *next;
	const struct l7re_prog *prog;	/* NULL for a set */
	const struct l7re_multi *multi;	/* a set's combination */
	u64 id;			/* prog_id, or the set's id */
	size_t size;		/* bytes of state[] */
	unsigned int answers;	/* bytes of answers after state[] */
	unsigned int fed;	/* buffer bytes this scan has consumed */
	u8 result;		/* enum l7re_result after the last feed */
	u64 state[];		/* scan state, then members' answers */
};

struct l7_data {
	u8 *buf;
	struct l7_stream *streams;
	/*
	 * The stream l7_stream_get() returned last.  Rules come in the same
	 * order at every packet and streams are linked in the order they
	 * were first asked for, so the next rule's is nearly always the one
	 * after it: no walk through twenty streams for the twentieth rule.
	 */
	struct l7_stream *last;
	unsigned int len;	/* prepared bytes kept */
	unsigned int cap;	/* bytes allocated at buf */
	unsigned int nstreams;
	/*
	 * The counters below stay under their l7_params bounds (mem_max,
	 * steps_conn, steps_packet: at most 2^26 for maxdatalen 65536), so
	 * 32 bits hold them; every undecided connection has this struct.
	 */
	unsigned int mem;	/* everything allocated under this struct */
	u32 steps;		/* engine work in all */
	u32 steps_packet;	/* engine work since the last packet */
};

struct l7_ooo_seg {
	u32 seq;
	unsigned int len;
	u8 dir;
	u8 *bytes;		/* raw payload: NULs count against the room */
};

struct l7_ooo {
	unsigned int count;
	unsigned int bytes;	/* sum of seg[].len */
	struct l7_ooo_seg seg[L7_OOO_MAX];
};

unsigned int l7_flat_read(void *ctx, unsigned int off, const u8 **data)
{
	const struct l7_flat *f = ctx;

	if (off >= f->len)
		return 0;
	*data = f->p + off;
	return f->len - off;
}

void l7_conn_init(struct l7_conn *conn)
{
	memset(conn, 0, sizeof(*conn));
}

void l7_flow_init(struct l7_flow *flow)
{
	memset(flow, 0, sizeof(*flow));
}

static void l7_data_free(struct l7_data *d)
{
	struct l7_stream *s, *next;

	if (!d)
		return;
	for (s = d->streams; s; s = next) {
		next = s->next;
		l7_free_atomic(s);
	}
	l7_free_atomic(d->buf);
	l7_free_atomic(d);
}

static void l7_ooo_free(struct l7_flow *flow)
{
	struct l7_ooo *q = flow->ooo;
	unsigned int i;

	if (!q)
		return;
	for (i = 0; i < q->count; i++)
		l7_free_atomic(q->seg[i].bytes);
	l7_free_atomic(q);
	flow->ooo = NULL;
}

void l7_conn_release(struct l7_conn *conn)
{
	l7_data_free(conn->data);
	if (conn->state == L7_DECIDED)
		l7_free_atomic((void *)conn->proto);
	l7_conn_init(conn);
}

void l7_flow_release(struct l7_flow *flow)
{
	l7_ooo_free(flow);
	l7_flow_init(flow);
}

const char *l7_conn_proto(const struct l7_conn *conn)
{
	return conn->state == L7_UNDECIDED ? NULL : conn->proto;
}

const u8 *l7_conn_data(const struct l7_conn *conn, unsigned int *len)
{
	const struct l7_data *d = conn->state == L7_UNDECIDED ? conn->data : NULL;

	*len = d ? d->len : 0;
	return d ? d->buf : NULL;
}

size_t l7_conn_mem(const struct l7_conn *conn)
{
	if (conn->state == L7_DECIDED)
		return strlen(conn->proto) + 1;
	return conn->data ? conn->data->mem : 0;
}

size_t l7_flow_mem(const struct l7_flow *flow)
{
	const struct l7_ooo *q = flow->ooo;

	return q ? sizeof(*q) + q->bytes : 0;
}

/* Whether @conn and @flow may hold @more bytes. */
static bool l7_mem_room(const struct l7_conn *conn,
			const struct l7_flow *flow, size_t more,
			const struct l7_params *params)
{
	return l7_conn_mem(conn) + l7_flow_mem(flow) + more <= params->mem_max;
}

/* Final, for good: the data and @flow's held segments go. */
static void l7_conn_settle(struct l7_conn *conn, struct l7_flow *flow,
			   enum l7_conn_state state, const char *proto)
{
	l7_data_free(conn->data);
	conn->data = NULL;
	conn->state = state;
	conn->proto = proto;
	l7_ooo_free(flow);
}

static void l7_give_up(struct l7_conn *conn, struct l7_flow *flow,
		       enum l7_give_up why)
{
	l7_conn_settle(conn, flow, L7_UNKNOWN, l7_unknown);
	conn->gave_up = why;
}

void l7_conn_close(struct l7_conn *conn, struct l7_flow *flow)
{
	if (conn->state == L7_UNDECIDED)
		l7_give_up(conn, flow, L7_GAVE_UP_CLOSED);
	else
		l7_ooo_free(flow);	/* a sibling flow made it final */
}

/* Bytes the buffer may hold: maxdatalen - 1, maxdatalen clamped. */
static unsigned int l7_limit(const struct l7_params *params)
{
	unsigned int m = params->maxdatalen;

	if (m > L7_MAXDATALEN_MAX)
		m = L7_MAXDATALEN_MAX;
	return m ? m - 1 : 0;
}

static unsigned int l7_room(const struct l7_conn *conn, unsigned int limit)
{
	unsigned int len = conn->data ? conn->data->len : 0;

	return len < limit ? limit - len : 0;
}

/*
 * Make room for @need more bytes.  Returns 0, -1 when memory ran out
 * (nothing changed), or 1 when the connection may not grow so much.
 */
static int l7_reserve(struct l7_conn *conn, const struct l7_flow *flow,
		      unsigned int need, unsigned int limit,
		      const struct l7_params *params)
{
	struct l7_data *d = conn->data;
	unsigned int want, cap;
	u8 *buf;

	if (!d) {
		if (!l7_mem_room(conn, flow, sizeof(*d), params))
			return 1;
		d = l7_zalloc_atomic(sizeof(*d));
		if (!d)
			return -1;
		d->mem = sizeof(*d);
		conn->data = d;
	}
	want = d->len + need;
	if (want <= d->cap)
		return 0;
	cap = d->cap ? d->cap : L7_BUF_MIN;
	while (cap < want)
		cap *= 2;
	if (cap > limit)
		cap = limit;
	if (!l7_mem_room(conn, flow, cap - d->cap, params))
		return 1;
	buf = l7_realloc_atomic(d->buf, cap);
	if (!buf)
		return -1;
	d->mem += cap - d->cap;
	d->buf = buf;
	d->cap = cap;
	return 0;
}

/*
 * Append up to @count payload bytes read from offset @off, at most the
 * room left, NULs included (the original's per-packet cap).  Returns
 * the input bytes consumed, -1 when memory ran out (nothing added), or
 * -2 when the connection may not grow so much.  *@added grows by the
 * bytes kept.
 */
static long l7_append(struct l7_conn *conn, const struct l7_flow *flow,
		      unsigned int (*rd)(void *, unsigned int, const u8 **),
		      void *ctx, unsigned int off, unsigned int count,
		      const struct l7_params *params, unsigned int *added)
{
	unsigned int limit = l7_limit(params);
	unsigned int room = l7_room(conn, limit), done = 0;
	struct l7_data *d;
	int err;

	if (count > room)
		count = room;
	if (!count)
		return 0;
	err = l7_reserve(conn, flow, count, limit, params);
	if (err)
		return err < 0 ? -1 : -2;
	d = conn->data;
	while (done < count) {
		const u8 *p;
		unsigned int n = rd(ctx, off + done, &p);
		size_t kept;

		if (!n)
			break;
		if (n > count - done)
			n = count - done;
		kept = l7_prepare_data(d->buf + d->len, p, n);
		d->len += kept;
		*added += kept;
		done += n;
	}
	return done;
}

static void l7_ooo_drop(struct l7_ooo *q, unsigned int i)
{
	q->bytes -= q->seg[i].len;
	l7_free_atomic(q->seg[i].bytes);
	q->seg[i] = q->seg[--q->count];
}

/*
 * Hold a segment that starts after a gap; dropped if it does not fit
 * (its retransmission brings it again).
 */
static void l7_ooo_hold(const struct l7_conn *conn, struct l7_flow *flow,
			const struct l7_packet *pkt, u32 seq,
			const struct l7_params *params)
{
	unsigned int room = l7_room(conn, l7_limit(params));
	struct l7_ooo *q = flow->ooo;
	struct l7_ooo_seg *seg;
	unsigned int len = pkt->len, done = 0;

	if (q && (q->count == L7_OOO_MAX || q->bytes >= room))
		return;
	if (len > room - (q ? q->bytes : 0))
		len = room - (q ? q->bytes : 0);
	if (!len || !l7_mem_room(conn, flow, (q ? 0 : sizeof(*q)) + len,
				 params))
		return;
	if (!q) {
		q = l7_zalloc_atomic(sizeof(*q));
		if (!q)
			return;
		flow->ooo = q;
	}
	seg = &q->seg[q->count];
	seg->bytes = l7_alloc_atomic(len);
	if (!seg->bytes)
		return;
	while (done < len) {
		const u8 *p;
		unsigned int n = pkt->read(pkt->ctx, done, &p);

		if (!n)
			break;
		if (n > len - done)
			n = len - done;
		memcpy(seg->bytes + done, p, n);
		done += n;
	}
	if (done < len) {
		/*
		 * The payload failed part way: held, the segment would
		 * account fewer bytes than it holds.  Its retransmission
		 * brings it again.
		 */
		l7_free_atomic(seg->bytes);
		return;
	}
	seg->seq = seq;
	seg->len = done;
	seg->dir = pkt->dir & 1;
	q->bytes += done;
	q->count++;
}

/*
 * Append held segments of direction @dir that the stream now reaches.
 * Returns false when the connection may not grow so much.
 */
static bool l7_ooo_drain(struct l7_conn *conn, struct l7_flow *flow, u8 dir,
			 const struct l7_params *params, unsigned int *added)
{
	struct l7_ooo *q = flow->ooo;
	bool progress = true;
	unsigned int i;

	/* Each pass removes at least one segment: at most L7_OOO_MAX passes. */
	while (q && progress) {
		progress = false;
		for (i = 0; i < q->count; i++) {
			struct l7_ooo_seg *seg = &q->seg[i];
			u32 skip = flow->next_seq[dir] - seg->seq;
			struct l7_flat flat = { seg->bytes, seg->len };
			long n;

			if (seg->dir != dir || l7_seq_neg(skip))
				continue;
			if (skip < seg->len) {
				n = l7_append(conn, flow, l7_flat_read, &flat,
					      skip, seg->len - skip, params,
					      added);
				if (n == -2)
					return false;
				if (n < 0)
					return true;	/* kept for a later try */
				flow->next_seq[dir] += n;
			}
			l7_ooo_drop(q, i);
			progress = true;
			break;
		}
	}
	return true;
}

/* Returns false when the connection may not grow so much. */
static bool l7_add_tcp(struct l7_conn *conn, struct l7_flow *flow,
		       const struct l7_packet *pkt,
		       const struct l7_params *params, unsigned int *added)
{
	u8 dir = pkt->dir & 1, bit = 1 << dir;
	u32 start = pkt->tcp_seq + (pkt->tcp_syn ? 1 : 0);
	u32 skip;
	long n;

	if (!(flow->seq_known & bit)) {
		flow->next_seq[dir] = start;
		flow->seq_known |= bit;
	}
	if (!pkt->len)
		return true;
	skip = flow->next_seq[dir] - start;
	if (l7_seq_neg(skip)) {
		l7_ooo_hold(conn, flow, pkt, start, params);
		return true;
	}
	if (skip >= pkt->len)
		return true;	/* retransmission: every byte was appended */
	n = l7_append(conn, flow, pkt->read, pkt->ctx, skip, pkt->len - skip,
		      params, added);
	if (n == -2)
		return false;
	if (n <= 0)
		return true;
	flow->next_seq[dir] += n;
	return l7_ooo_drain(conn, flow, dir, params, added);
}

/* Engine work the connection may still do in this call. */
static unsigned long l7_steps_left(const struct l7_data *d,
				   const struct l7_params *params)
{
	unsigned long packet = 0, conn = 0;

	if (params->steps_packet > d->steps_packet)
		packet = params->steps_packet - d->steps_packet;
	if (params->steps_conn > d->steps)
		conn = params->steps_conn - d->steps;
	return packet < conn ? packet : conn;
}

/*
 * A caller recombined its patterns: the streams of the older sets will
 * not be asked for again, bar a rule in flight, which would just scan
 * afresh.  Dropping them keeps one combined stream per connection
 * however often the rules change.
 */
static void l7_streams_drop_sets(struct l7_data *d)
{
	struct l7_stream **pp = &d->streams, *s;

	while ((s = *pp)) {
		if (!s->multi) {
			pp = &s->next;
			continue;
		}
		*pp = s->next;
		if (d->last == s)
			d->last = NULL;
		d->nstreams--;
		d->mem -= sizeof(*s) + s->size + s->answers;
		l7_free_atomic(s);
	}
}

static bool l7_stream_is(const struct l7_stream *s,
			 const struct l7re_prog *prog,
			 const struct l7re_multi *multi, u64 id)
{
	return s->prog == prog && s->multi == multi && s->id == id;
}

/* @d's stream for a program or a set (@prog NULL), trying @hint first. */
static struct l7_stream *l7_stream_find(const struct l7_data *d,
					struct l7_stream *hint,
					const struct l7re_prog *prog,
					const struct l7re_multi *multi, u64 id)
{
	struct l7_stream *s;

	if (hint && l7_stream_is(hint, prog, multi, id))
		return hint;
	for (s = d->streams; s; s = s->next)
		if (l7_stream_is(s, prog, multi, id))
			return s;
	return NULL;
}

/*
 * The stream of @prog (@set NULL) or of @set, created if needed.  NULL
 * with *@why set: 0 for too many streams, -1 for no memory, 1 when the
 * connection may not grow so much.
 */
static struct l7_stream *l7_stream_get(struct l7_conn *conn,
				       const struct l7_flow *flow,
				       const struct l7_rule *rule,
				       const struct l7_set *set,
				       const struct l7_params *params,
				       int *why)
{
	struct l7_data *d = conn->data;
	const struct l7re_multi *multi = set ? set->multi : NULL;
	const struct l7re_prog *prog = set ? NULL : rule->prog;
	u64 id = set ? set->id : rule->prog_id;
	struct l7_stream *s;
	size_t size, answers = 0;

	s = l7_stream_find(d, d->last ? d->last->next : NULL, prog, multi, id);
	if (s)
		goto found;
	if (set)
		l7_streams_drop_sets(d);
	if (d->nstreams >= L7_MAX_STREAMS) {
		*why = 0;
		return NULL;
	}
	if (set) {
		size = l7re_multi_stream_size(multi);
		answers = l7re_multi_members(multi);
	} else {
		size = l7re_stream_size(prog);
	}
	if (!l7_mem_room(conn, flow, sizeof(*s) + size + answers, params)) {
		*why = 1;
		return NULL;
	}
	s = l7_alloc_atomic(sizeof(*s) + size + answers);
	if (!s) {
		*why = -1;
		return NULL;
	}
	s->prog = prog;
	s->multi = multi;
	s->id = id;
	s->size = size;
	s->answers = answers;
	s->fed = 0;
	s->result = L7RE_PENDING;
	if (set) {
		l7re_multi_stream_init(multi, s->state);
		/*
		 * Not the start state's answers: a member that matches the
		 * empty subject would match before any byte, which a pattern
		 * alone never does (its result starts PENDING).
		 */
		memset((u8 *)s->state + size, L7RE_PENDING, answers);
	} else {
		l7re_stream_init(prog, s->state);
	}
	if (d->last) {
		s->next = d->last->next;
		d->last->next = s;
	} else {
		s->next = d->streams;
		d->streams = s;
	}
	d->nstreams++;
	d->mem += sizeof(*s) + size + answers;
found:
	d->last = s;
	return s;
}

/*
 * Feeds @s what it has not seen of @d, within the step budget.
 * Returns false when the budget ran out first (the stream is unusable).
 */
static bool l7_stream_catch_up(struct l7_data *d, struct l7_stream *s,
			       const struct l7_params *params)
{
	unsigned long before, left;
	int r;

	if (s->result == L7RE_DEAD || s->fed >= d->len)
		return true;
	before = l7_steps_left(d, params);
	left = before;
	if (s->multi) {
		r = l7re_multi_stream_feed_steps(s->multi, s->state,
						 d->buf + s->fed,
						 d->len - s->fed, &left);
		if (r != L7RE_OVER)
			l7re_multi_results(s->multi, s->state,
					   (u8 *)s->state + s->size);
	} else {
		r = l7re_stream_feed_steps(s->prog, s->state, d->buf + s->fed,
					   d->len - s->fed, &left);
	}
	d->steps += before - left;
	d->steps_packet += before - left;
	if (r == L7RE_OVER)
		return false;
	s->result = r;
	s->fed = d->len;
	return true;
}

/* Member @m's answer in set stream @s, or @s's own answer. */
static bool l7_stream_hit(const struct l7_stream *s, const struct l7_member *m)
{
	if (s->multi)
		return ((const u8 *)s->state + s->size)[m->index] == L7RE_MATCH;
	return s->result == L7RE_MATCH;
}

/*
 * Does @rule's pattern match the buffer?  Feeds only unseen bytes.
 * Returns 1, 0, or -1 when the connection gave up meanwhile.
 */
static int l7_pattern_matches(struct l7_conn *conn, struct l7_flow *flow,
			      const struct l7_rule *rule,
			      const struct l7_params *params)
{
	const struct l7_member *m = l7_read_once(rule->member);
	struct l7_data *d = conn->data;
	struct l7_stream *s;
	size_t size;
	bool ok, hit;
	int why;

	s = l7_stream_get(conn, flow, rule, m ? m->set : NULL, params, &why);
	if (s) {
		if (!l7_stream_catch_up(d, s, params)) {
			l7_give_up(conn, flow, L7_GAVE_UP_STEPS);
			return -1;
		}
		return l7_stream_hit(s, m);
	}
	if (why > 0) {
		l7_give_up(conn, flow, L7_GAVE_UP_MEMORY);
		return -1;
	}
	if (why < 0)
		return 0;	/* no memory for the stream */
	/* Too many streams: the pattern alone, once over the buffer. */
	size = l7re_stream_size(rule->prog);
	if (!l7_mem_room(conn, flow, sizeof(*s) + size, params)) {
		l7_give_up(conn, flow, L7_GAVE_UP_MEMORY);
		return -1;
	}
	s = l7_alloc_atomic(sizeof(*s) + size);
	if (!s)
		return 0;
	s->prog = rule->prog;
	s->multi = NULL;
	s->size = size;
	s->answers = 0;
	s->fed = 0;
	s->result = L7RE_PENDING;
	l7re_stream_init(rule->prog, s->state);
	ok = l7_stream_catch_up(d, s, params);
	hit = s->result == L7RE_MATCH;
	l7_free_atomic(s);
	if (!ok) {
		l7_give_up(conn, flow, L7_GAVE_UP_STEPS);
		return -1;
	}
	return hit;
}

bool l7_conn_set_hits(const struct l7_conn *conn, const struct l7_set *set,
		      u64 *hits)
{
	const struct l7_data *d = conn->data;
	const struct l7_stream *s;
	unsigned int i, n;
	const u8 *answers;

	if (conn->state != L7_UNDECIDED || !set)
		return false;
	/* nothing kept yet: l7_conn_rule() tries no pattern on nothing */
	if (!d) {
		*hits = 0;
		return true;
	}
	/* the stream fed last, nearly always */
	s = l7_stream_find(d, d->last, NULL, set->multi, set->id);
	/* a dead stream is not fed any more, but its answers are final */
	if (!s || (s->fed != d->len && s->result != L7RE_DEAD))
		return false;
	answers = (const u8 *)s->state + s->size;
	n = l7re_multi_members(set->multi);
	*hits = 0;
	for (i = 0; i < n && i < 64; i++)
		if (answers[i] == L7RE_MATCH)
			*hits |= 1ULL << i;
	return true;
}

bool l7_conn_packet(struct l7_conn *conn, struct l7_flow *flow,
		    const struct l7_packet *pkt, const struct l7_set *set,
		    const struct l7_params *params)
{
	unsigned int added = 0;
	struct l7_stream *s;
	int why;

	if (conn->packets < 255)
		conn->packets++;
	if (conn->state != L7_UNDECIDED) {
		l7_ooo_free(flow);	/* a sibling flow made it final */
		return false;
	}
	if (conn->packets > params->num_packets) {
		l7_give_up(conn, flow, L7_GAVE_UP_PACKETS);
		return false;
	}
	if (conn->data)
		conn->data->steps_packet = 0;
	if (pkt->l4proto == L7_TCP) {
		if (!l7_add_tcp(conn, flow, pkt, params, &added))
			goto too_big;
	} else if (pkt->len) {
		if (l7_append(conn, flow, pkt->read, pkt->ctx, 0, pkt->len,
			      params, &added) == -2)
			goto too_big;
	}
	if (!added || !set)
		return added;
	s = l7_stream_get(conn, flow, NULL, set, params, &why);
	if (!s) {
		if (why > 0)
			goto too_big;
		return true;	/* the rules scan it themselves */
	}
	if (!l7_stream_catch_up(conn->data, s, params))
		l7_give_up(conn, flow, L7_GAVE_UP_STEPS);
	return true;

too_big:
	l7_give_up(conn, flow, L7_GAVE_UP_MEMORY);
	return added;
}

static void l7_decide(struct l7_conn *conn, struct l7_flow *flow,
		      const char *name, const struct l7_params *params)
{
	size_t n = strlen(name) + 1;
	char *copy;

	/* the name is all it keeps, but a long one can outweigh the data */
	if (n > params->mem_max) {
		l7_give_up(conn, flow, L7_GAVE_UP_MEMORY);
		return;
	}
	copy = l7_alloc_atomic(n);
	if (!copy)
		return;
	memcpy(copy, name, n);
	l7_conn_settle(conn, flow, L7_DECIDED, copy);
}

static bool l7_answer(const struct l7_rule *rule, bool hit)
{
	return hit ^ !!(rule->flags & L7_RULE_INVERT);
}

int l7_conn_final_answer(const struct l7_conn *conn,
			 const struct l7_rule *rule)
{
	if (conn->state == L7_UNDECIDED)
		return -1;
	return l7_answer(rule, strcmp(rule->proto, conn->proto) == 0);
}

bool l7_conn_rule(struct l7_conn *conn, struct l7_flow *flow,
		  const struct l7_rule *rule, const struct l7_params *params)
{
	int answer;

	if (conn->state == L7_UNDECIDED) {
		if (strcmp(rule->proto, "unset") == 0)
			return l7_answer(rule, true);
		if (rule->prog && conn->data &&
		    strcmp(rule->proto, l7_unknown) != 0 &&
		    l7_pattern_matches(conn, flow, rule, params) == 1)
			l7_decide(conn, flow, rule->proto, params);
	}
	answer = l7_conn_final_answer(conn, rule);
	if (answer < 0)
		return l7_answer(rule, false);
	l7_ooo_free(flow);	/* a sibling flow made it final */
	return answer;
}
