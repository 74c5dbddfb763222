// SPDX-License-Identifier: GPL-2.0
/*
 * l7conn: what happens to a connection's bytes (see l7conn.h).
 *
 * Semantics, compatible with l7-filter 2.22 except where marked (+):
 *
 *  1. The first call for a new pkt->key counts the packet (all packets,
 *     both directions, empty ones too; saturating) and, while the
 *     connection is undecided, appends its payload to the connection's
 *     buffer: NULs dropped, ASCII lowercased, never more than
 *     maxdatalen - 1 bytes kept.  As in the original, a packet may read
 *     at most "room left" input bytes, NULs included, so a packet with
 *     NULs can stop short of a full buffer and the next one continues.
 *     (+) The buffer is allocated on the first packet with payload, not
 *     only on packet 1 (the original never classified a connection
 *     whose first packet missed the rule), and grows 256, 512, ... up to
 *     maxdatalen - 1 bytes, so a quick decision costs little memory.
 *  2. (+) TCP payload is appended in sequence order per direction.  A
 *     SYN consumes one sequence number; the first segment seen in a
 *     direction without SYN sets the start.  Retransmitted or
 *     overlapping bytes are appended once.  A segment after a gap is
 *     held (at most L7_OOO_MAX segments, never more bytes than the
 *     buffer's room) and appended when the gap fills; held data is
 *     dropped when the connection is decided or gives up.  Other
 *     protocols: arrival order, as the original.
 *  3. Decided: a rule matches iff its name is the decided name.
 *  4. Undecided after more than num_packets packets: "unknown" for
 *     good, the data is freed; a rule named "unknown" matches from then.
 *     (+) The same when the caller reports the connection closed
 *     (l7_conn_close), since no byte can decide it any more.
 *  5. Undecided and this packet added no data: no rule matches.
 *  6. Undecided: "unknown" never matches, "unset" matches without
 *     deciding.
 *  7. (+) Otherwise the rule's pattern is fed only the bytes it has not
 *     seen: each connection keeps one stream state per pattern (or for
 *     the l7re_multi the caller combined its rules' patterns into; the
 *     newest only, when it recombines them) with its consumed offset;
 *     a pattern met for the first time scans from byte 0, so a rule
 *     reached late still sees everything.  A match
 *     decides for good (the data is freed at once); a dead stream is
 *     never fed again.  Past L7_MAX_STREAMS patterns on one connection
 *     a pattern is scanned one-shot over the whole buffer with a
 *     temporary state: slower, never wrong.
 *  8. Allocation failure: the rule does not match, the connection
 *     stays undecided, and no byte is half appended; a TCP segment that
 *     could not be appended can still be added by its retransmission.
 *
 * Every `!` rule applies invert to the final answer, on every path.
 * All work per call is bounded by the packet's bytes, maxdatalen and
 * the fixed limits below; nothing recurses.
 */
#include "l7conn.h"
#include "../regexp/l7prep.h"

#define L7_BUF_MIN	256	/* first buffer size; doubles up to the limit */
#define L7_MAX_STREAMS	64	/* stream states kept per connection */
#define L7_OOO_MAX	8	/* held out-of-order TCP segments per flow */
#define L7_TCP		6	/* IPPROTO_TCP, without a libc or kernel header */

/* Sequence arithmetic: is the distance a - b negative (mod 2^32)? */
static inline bool l7_seq_neg(u32 diff)
{
	return diff & 0x80000000u;
}

static const char l7_unknown[] = "unknown";

/*
 * One pattern's stream, or a multi's: then state[] is followed by the
 * members' answers after the last feed.
 */
struct l7_stream {
	struct l7_stream *next;
	const struct l7re_prog *prog;	/* NULL for a multi */
	const struct l7re_multi *multi;
	u64 id;			/* prog_id or multi_id */
	size_t size;		/* bytes of state[] */
	/* bytes of answers after state[]; the multi may be gone by then */
	unsigned int answers;
	unsigned int fed;	/* buffer bytes this stream has consumed */
	u8 result;		/* enum l7re_result after the last feed */
	u64 state[];		/* stream state, then members' answers */
};

struct l7_data {
	u8 *buf;
	unsigned int len;	/* prepared bytes kept */
	unsigned int cap;	/* bytes allocated at buf */
	unsigned int nstreams;
	struct l7_stream *streams;
	/*
	 * The stream l7_stream_get() returned last.  Rules come in the same
	 * order at every packet and streams are linked in the order they
	 * were first asked for, so the next rule's is nearly always the one
	 * after it: no walk through twenty streams for the twentieth rule.
	 */
	struct l7_stream *last;
	size_t mem;		/* everything allocated under this struct */
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

/* Make room for @need more bytes; false (nothing changed) on failure. */
static bool l7_reserve(struct l7_conn *conn, unsigned int need,
		       unsigned int limit)
{
	struct l7_data *d = conn->data;
	unsigned int want, cap;
	u8 *buf;

	if (!d) {
		d = l7_zalloc_atomic(sizeof(*d));
		if (!d)
			return false;
		d->mem = sizeof(*d);
		conn->data = d;
	}
	want = d->len + need;
	if (want <= d->cap)
		return true;
	cap = d->cap ? d->cap : L7_BUF_MIN;
	while (cap < want)
		cap *= 2;
	if (cap > limit)
		cap = limit;
	buf = l7_realloc_atomic(d->buf, cap);
	if (!buf)
		return false;
	d->mem += cap - d->cap;
	d->buf = buf;
	d->cap = cap;
	return true;
}

/*
 * Append up to @count payload bytes read from offset @off, at most the
 * room left, NULs included (the original's per-packet cap).  Returns
 * the input bytes consumed, or -1 when memory ran out (nothing added).
 * *@added grows by the bytes kept.
 */
static long l7_append(struct l7_conn *conn,
		      unsigned int (*rd)(void *, unsigned int, const u8 **),
		      void *ctx, unsigned int off, unsigned int count,
		      unsigned int limit, unsigned int *added)
{
	unsigned int room = l7_room(conn, limit), done = 0;
	struct l7_data *d;

	if (count > room)
		count = room;
	if (!count)
		return 0;
	if (!l7_reserve(conn, count, limit))
		return -1;
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

/* Hold a segment that starts after a gap; dropped if it does not fit. */
static void l7_ooo_hold(struct l7_flow *flow, const struct l7_packet *pkt,
			u32 seq, unsigned int off, unsigned int room)
{
	struct l7_ooo *q = flow->ooo;
	struct l7_ooo_seg *seg;
	unsigned int len = pkt->len - off, done = 0;

	if (q && (q->count == L7_OOO_MAX || q->bytes >= room))
		return;
	if (len > room - (q ? q->bytes : 0))
		len = room - (q ? q->bytes : 0);
	if (!len)
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
		unsigned int n = pkt->read(pkt->ctx, off + done, &p);

		if (!n)
			break;
		if (n > len - done)
			n = len - done;
		memcpy(seg->bytes + done, p, n);
		done += n;
	}
	seg->seq = seq;
	seg->len = done;
	seg->dir = pkt->dir & 1;
	q->bytes += done;
	q->count++;
}

/* Append held segments of direction @dir that the stream now reaches. */
static void l7_ooo_drain(struct l7_conn *conn, struct l7_flow *flow, u8 dir,
			 unsigned int limit, unsigned int *added)
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
				n = l7_append(conn, l7_flat_read, &flat, skip,
					      seg->len - skip, limit, added);
				if (n < 0)
					return;	/* kept for a later try */
				flow->next_seq[dir] += n;
			}
			l7_ooo_drop(q, i);
			progress = true;
			break;
		}
	}
}

static void l7_add_tcp(struct l7_conn *conn, struct l7_flow *flow,
		       const struct l7_packet *pkt, unsigned int limit,
		       unsigned int *added)
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
		return;
	skip = flow->next_seq[dir] - start;
	if (l7_seq_neg(skip)) {
		l7_ooo_hold(flow, pkt, start, 0, l7_room(conn, limit));
		return;
	}
	if (skip >= pkt->len)
		return;		/* retransmission: every byte was appended */
	n = l7_append(conn, pkt->read, pkt->ctx, skip, pkt->len - skip,
		      limit, added);
	if (n <= 0)
		return;
	flow->next_seq[dir] += n;
	l7_ooo_drain(conn, flow, dir, limit, added);
}

/* First call for a packet: count it and append its payload. */
static void l7_new_packet(struct l7_conn *conn, struct l7_flow *flow,
			  const struct l7_packet *pkt,
			  const struct l7_rule *rule,
			  const struct l7_params *params)
{
	unsigned int limit = l7_limit(params), added = 0;
	u8 dir = pkt->dir & 1, bit = 1 << dir;

	flow->last_key[dir] = pkt->key;
	flow->counted_by[dir] = rule;
	flow->key_valid |= bit;
	flow->crossed = (flow->crossed & ~bit) | 1 << (dir ^ 1);
	if (conn->packets < 255)
		conn->packets++;
	if (conn->state == L7_UNDECIDED &&
	    conn->packets <= params->num_packets) {
		if (pkt->l4proto == L7_TCP)
			l7_add_tcp(conn, flow, pkt, limit, &added);
		else if (pkt->len)
			l7_append(conn, pkt->read, pkt->ctx, 0, pkt->len,
				  limit, &added);
	}
	if (added)
		flow->added |= bit;
	else
		flow->added &= ~bit;
}

static void l7_conn_settle(struct l7_conn *conn, struct l7_flow *flow,
			   enum l7_conn_state state, const char *proto)
{
	l7_data_free(conn->data);
	conn->data = NULL;
	conn->state = state;
	conn->proto = proto;
	l7_ooo_free(flow);
}

void l7_conn_close(struct l7_conn *conn, struct l7_flow *flow)
{
	if (conn->state == L7_UNDECIDED)
		l7_conn_settle(conn, flow, L7_UNKNOWN, l7_unknown);
}

/*
 * A caller recombined its patterns (l7_rule.member changed): the streams
 * of the older multis will not be asked for again, bar a packet in
 * flight, which would just scan afresh.  Dropping them keeps one
 * combined stream per connection however often the rules change.
 */
static void l7_streams_drop_multis(struct l7_data *d)
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

/* @d's stream for a program or a multi (@prog NULL), trying @hint first. */
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

static struct l7_stream *l7_stream_get(struct l7_data *d,
				       const struct l7_rule *rule,
				       const struct l7_member *m, bool *full)
{
	const struct l7re_multi *multi = m ? m->multi : NULL;
	const struct l7re_prog *prog = multi ? NULL : rule->prog;
	u64 id = multi ? m->multi_id : rule->prog_id;
	struct l7_stream *s;
	size_t size, answers = 0;

	s = l7_stream_find(d, d->last ? d->last->next : NULL, prog, multi, id);
	if (s)
		goto found;
	if (multi)
		l7_streams_drop_multis(d);
	if (d->nstreams >= L7_MAX_STREAMS) {
		*full = true;
		return NULL;
	}
	if (multi) {
		size = l7re_multi_stream_size(multi);
		answers = l7re_multi_members(multi);
	} else {
		size = l7re_stream_size(prog);
	}
	s = l7_alloc_atomic(sizeof(*s) + size + answers);
	if (!s)
		return NULL;
	s->prog = prog;
	s->multi = multi;
	s->id = id;
	s->size = size;
	s->answers = answers;
	s->fed = 0;
	s->result = L7RE_PENDING;
	if (multi) {
		l7re_multi_stream_init(multi, s->state);
		l7re_multi_results(multi, s->state, (u8 *)s->state + size);
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

/* Feeds @s what it has not seen of @d; its answer after (member @m's). */
static bool l7_stream_catch_up(struct l7_data *d, struct l7_stream *s,
			       const struct l7_member *m)
{
	u8 *answers = (u8 *)s->state + s->size;

	if (s->result != L7RE_DEAD && s->fed < d->len) {
		if (s->multi) {
			s->result = l7re_multi_stream_feed(s->multi, s->state,
							   d->buf + s->fed,
							   d->len - s->fed);
			l7re_multi_results(s->multi, s->state, answers);
		} else {
			s->result = l7re_stream_feed(s->prog, s->state,
						     d->buf + s->fed,
						     d->len - s->fed);
		}
		s->fed = d->len;
	}
	if (s->multi)
		return answers[m->index] == L7RE_MATCH;
	return s->result == L7RE_MATCH;
}

/* Does @rule's pattern match the buffer?  Feeds only unseen bytes. */
static bool l7_pattern_matches(struct l7_data *d, const struct l7_rule *rule)
{
	const struct l7_member *m = l7_read_once(rule->member);
	struct l7_stream *s, *tmp;
	bool full = false, hit;
	size_t size;

	s = l7_stream_get(d, rule, m, &full);
	if (s)
		return l7_stream_catch_up(d, s, m);
	if (!full)
		return false;	/* no memory for the stream */
	/* Too many streams: the pattern alone, once over the buffer. */
	size = l7re_stream_size(rule->prog);
	tmp = l7_alloc_atomic(sizeof(*tmp) + size);
	if (!tmp)
		return false;
	tmp->prog = rule->prog;
	tmp->multi = NULL;
	tmp->size = size;
	tmp->answers = 0;
	tmp->fed = 0;
	tmp->result = L7RE_PENDING;
	l7re_stream_init(rule->prog, tmp->state);
	hit = l7_stream_catch_up(d, tmp, NULL);
	l7_free_atomic(tmp);
	return hit;
}

bool l7_conn_multi_hits(const struct l7_conn *conn, const struct l7_member *m,
			u64 *hits)
{
	const struct l7_data *d = conn->data;
	const struct l7_stream *s;
	unsigned int i, n;
	const u8 *answers;

	if (conn->state != L7_UNDECIDED || !d || !m)
		return false;
	/* the stream evaluated last, nearly always */
	s = l7_stream_find(d, d->last, NULL, m->multi, m->multi_id);
	/* a dead stream is not fed any more, but its answers are final */
	if (!s || (s->fed != d->len && s->result != L7RE_DEAD))
		return false;
	answers = (const u8 *)s->state + s->size;
	n = l7re_multi_members(m->multi);
	*hits = 0;
	for (i = 0; i < n && i < 64; i++)
		if (answers[i] == L7RE_MATCH)
			*hits |= 1ULL << i;
	return true;
}

static bool l7_decide(struct l7_conn *conn, struct l7_flow *flow,
		      const char *name)
{
	size_t n = strlen(name) + 1;
	char *copy = l7_alloc_atomic(n);

	if (!copy)
		return false;
	memcpy(copy, name, n);
	l7_conn_settle(conn, flow, L7_DECIDED, copy);
	return true;
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

/* An undecided connection: rules 5 to 7. */
static bool l7_eval(struct l7_conn *conn, struct l7_flow *flow,
		    const struct l7_packet *pkt, const struct l7_rule *rule)
{
	if (!l7_flow_added(flow, pkt->dir, pkt->key) || !conn->data)
		return false;
	if (strcmp(rule->proto, "unknown") == 0)
		return false;
	if (strcmp(rule->proto, "unset") == 0)
		return true;
	if (!rule->prog || !l7_pattern_matches(conn->data, rule))
		return false;
	return l7_decide(conn, flow, rule->proto);
}

bool l7_conn_match(struct l7_conn *conn, struct l7_flow *flow,
		   const struct l7_packet *pkt, const struct l7_rule *rule,
		   const struct l7_params *params)
{
	int answer;

	if (!l7_flow_same(flow, pkt, rule))
		l7_new_packet(conn, flow, pkt, rule, params);
	if (conn->state == L7_UNDECIDED &&
	    conn->packets > params->num_packets)
		l7_conn_settle(conn, flow, L7_UNKNOWN, l7_unknown);
	answer = l7_conn_final_answer(conn, rule);
	if (answer >= 0) {
		if (flow->ooo)	/* a sibling flow decided it */
			l7_ooo_free(flow);
		return answer;
	}
	return l7_answer(rule, l7_eval(conn, flow, pkt, rule));
}
