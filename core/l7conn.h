/* SPDX-License-Identifier: GPL-2.0 */
/*
 * l7conn: what happens to a connection's bytes.
 *
 * One implementation, called by xt_layer7.ko for every (packet, rule)
 * pair and by l7classify for every packet of a capture, so the two can
 * never disagree.  It knows nothing of skbs or pcap: payload arrives
 * through a block reader.  The caller serialises all calls for one
 * connection (the kernel holds the entry's lock) and owns the memory
 * of struct l7_conn and struct l7_flow.
 *
 *   packet ──> l7_conn_match(conn, flow, pkt, rule, params) ──> bool
 *                 │ first call for pkt->key: count packet, append payload
 *                 │ decided?  compare names
 *                 │ too many packets?  become "unknown", free the data
 *                 └ else feed only the new bytes to rule's stream
 */
#ifndef L7CONN_H
#define L7CONN_H

#include "../regexp/l7re.h"
#include "../regexp/l7re_multi.h"

#define L7_MAXDATALEN_DEFAULT	2048
#define L7_MAXDATALEN_MAX	65536
#define L7_NUM_PACKETS_DEFAULT	10
#define L7_NUM_PACKETS_MAX	99

struct l7_params {
	unsigned int maxdatalen;	/* buffer keeps at most maxdatalen-1 bytes */
	unsigned int num_packets;	/* give up after this many packets */
};

#define L7_RULE_INVERT	0x1

/*
 * A rule's pattern as member @index of a combined l7re_multi: a caller
 * that knows its rule set (l7classify; the module, per namespace)
 * combines the patterns so that a connection's bytes are scanned once
 * for all rules.  Same answers as the pattern alone.  Immutable; it
 * lives as long as @multi.
 */
struct l7_member {
	const struct l7re_multi *multi;
	unsigned int index;
	u64 multi_id;		/* as l7_rule.prog_id, for @multi */
};

/* What one rule contributes: immutable while the rule exists, @member aside. */
struct l7_rule {
	const char *proto;		/* NUL-terminated protocol name */
	const struct l7re_prog *prog;	/* ignored for "unset" and "unknown" */
	unsigned int flags;		/* L7_RULE_* */
	/*
	 * Identifies @prog for the lifetime of the caller (0: the pointer
	 * alone does).  Connections keep per-pattern stream state keyed
	 * by (prog, prog_id); a program freed and another allocated at the
	 * same address must get a new id, or a stale stream would be fed
	 * to the wrong program.
	 */
	u64 prog_id;
	/*
	 * Optional: @prog inside a combined multi (NULL: scanned alone).
	 * The one field a caller may change while the rule is in use
	 * (the module recombines a namespace's patterns when its rules
	 * change): the core reads it once per evaluation, and a stream
	 * kept for an older multi is simply never fed again.
	 */
	const struct l7_member *member;
};

/*
 * Per conntrack entry state that is not shared with related
 * connections: TCP sequence tracking and the identity of the last
 * packet seen.  A child connection (FTP data) has its own l7_flow but
 * shares its root master's l7_conn.
 */
struct l7_flow;

/* One packet as the core sees it. */
struct l7_packet {
	u64 key;		/* same value for the same packet at every rule */
	u8 dir;			/* 0 = original direction, 1 = reply */
	u8 l4proto;		/* IPPROTO_TCP, IPPROTO_UDP, ... */
	u8 tcp_syn;		/* TCP SYN flag set */
	u8 tcp_fin;		/* TCP FIN flag set */
	u32 tcp_seq;		/* TCP: sequence number of the segment */
	unsigned int len;	/* payload bytes */
	/*
	 * Payload access in blocks, like skb_seq_read(): returns the number
	 * of contiguous bytes available at payload offset @off and points
	 * *@data at them; 0 when @off >= len or on error.
	 */
	unsigned int (*read)(void *ctx, unsigned int off, const u8 **data);
	void *ctx;
};

/* A payload that is one flat byte range (tools, held TCP segments). */
struct l7_flat {
	const u8 *p;
	unsigned int len;
};
/* l7_packet.read for ctx = struct l7_flat *. */
unsigned int l7_flat_read(void *ctx, unsigned int off, const u8 **data);

enum l7_conn_state {
	L7_UNDECIDED = 0,
	L7_DECIDED,		/* a rule's pattern matched: proto is its name */
	L7_UNKNOWN,		/* gave up after num_packets packets */
};

#ifndef L7CONN_STRUCTS
#define L7CONN_STRUCTS
struct l7_data;		/* undecided only: buffer and per-pattern streams */
struct l7_ooo;		/* held out-of-order TCP segments */

/*
 * The packet being evaluated is known per direction: the kernel takes
 * the connection's lock per rule, so two CPUs can interleave the rules
 * of a packet each way; one "last packet" for both would count them
 * again and append their bytes twice.  But a key may come back: the
 * kernel's key of a datagram without IP id (IPv6 UDP) is its skb's
 * address, lengths and a payload sample, so a repeated request can bring
 * the key of the one before it.  After a packet going the other way, the
 * key met again at the rule that counted it is a new packet; at any
 * other rule it is the same packet meeting its later rules (so a repeat
 * whose first layer7 rule is another, say one behind --ctstate NEW,
 * still passes for the packet before it).
 */
struct l7_flow {
	u64 last_key[2];	/* pkt->key of the last packet counted, per dir */
	/* the rule that counted last_key[d]: compared, never dereferenced */
	const struct l7_rule *counted_by[2];
	u32 next_seq[2];	/* TCP: next expected sequence per direction */
	u8 seq_known;		/* bit d set: next_seq[d] is valid */
	u8 key_valid;		/* bit d set: last_key[d] is valid */
	u8 added;		/* bit d set: packet last_key[d] added data */
	u8 crossed;		/* bit d set: the other way counted one since */
	struct l7_ooo *ooo;	/* NULL unless segments are held */
};

struct l7_conn {
	u8 state;		/* enum l7_conn_state */
	u8 packets;		/* saturates at 255 (num_packets <= 99) */
	const char *proto;	/* DECIDED: own copy; UNKNOWN: "unknown" */
	struct l7_data *data;	/* UNDECIDED: NULL until the first data */
};
#endif

void l7_conn_init(struct l7_conn *conn);
/* Frees what the core allocated for @conn; it may be initialised again. */
void l7_conn_release(struct l7_conn *conn);
void l7_flow_init(struct l7_flow *flow);
void l7_flow_release(struct l7_flow *flow);
/*
 * The transport closed (TCP TIME_WAIT or CLOSE): no more bytes will come,
 * so an undecided connection gives up as if past num_packets: "unknown",
 * its data and @flow's held segments freed.  Decided or unknown: no-op.
 */
void l7_conn_close(struct l7_conn *conn, struct l7_flow *flow);

/*
 * Evaluate one rule for one packet.  Returns whether the rule matches,
 * invert applied.  The first call for a new pkt->key counts the packet
 * and appends its payload; later calls for the same packet (more rules,
 * more hooks) only evaluate, even with calls for a packet going the
 * other way in between (the last packet is remembered per direction).
 * After those, the key met again at the rule that counted it is a new
 * packet (see struct l7_flow).  Allocates with l7_alloc_atomic(); on
 * failure the rule does not match and the connection stays undecided.
 */
bool l7_conn_match(struct l7_conn *conn, struct l7_flow *flow,
		   const struct l7_packet *pkt, const struct l7_rule *rule,
		   const struct l7_params *params);

/*
 * The answer of @rule (invert applied) for a connection that is decided
 * or unknown: 1 (match) or 0; -1 while it is undecided.  A value, not an
 * out-parameter, which would cost the kernel's per-packet path a stack
 * slot and its canary.  l7_conn_match() answers final connections with
 * it, so the rule semantics live in one place.  It reads only
 * conn->state and conn->proto, which never change once final (until
 * l7_conn_release), and changes nothing: a caller that learnt, with the
 * right ordering, that the connection is final may call it without its
 * lock, and skip l7_conn_match() for that packet.  What it then does
 * not do: count the packet (conn->packets stops at the decision) and
 * free segments a sibling flow still holds (the caller checks there are
 * none).
 */
int l7_conn_final_answer(const struct l7_conn *conn,
			 const struct l7_rule *rule);

/* Whether l7_conn_match() counted the packet @key going @dir on @flow. */
static inline bool l7_flow_counted(const struct l7_flow *flow, u8 dir,
				   u64 key)
{
	dir &= 1;
	return (flow->key_valid >> dir & 1) && flow->last_key[dir] == key;
}

/* Whether the packet @key going @dir was counted and added bytes. */
static inline bool l7_flow_added(const struct l7_flow *flow, u8 dir, u64 key)
{
	return l7_flow_counted(flow, dir, key) && (flow->added >> (dir & 1) & 1);
}

/*
 * Whether l7_conn_match() takes @pkt at @rule for the packet it counted
 * last going that way (and so reads none of its payload).
 */
static inline bool l7_flow_same(const struct l7_flow *flow,
				const struct l7_packet *pkt,
				const struct l7_rule *rule)
{
	u8 dir = pkt->dir & 1;

	return l7_flow_counted(flow, dir, pkt->key) &&
	       (!(flow->crossed >> dir & 1) || flow->counted_by[dir] != rule);
}

/*
 * Whether l7_conn_match() takes the packet @key going @dir as the one it
 * counted, at every rule, and that packet added no bytes.
 */
static inline bool l7_flow_quiet(const struct l7_flow *flow, u8 dir, u64 key)
{
	return l7_flow_counted(flow, dir, key) &&
	       !(flow->added >> (dir & 1) & 1) &&
	       !(flow->crossed >> (dir & 1) & 1);
}

/*
 * While undecided, after an evaluation of a rule that is member of
 * @m->multi: which members' patterns match the bytes kept so far, bit i
 * for member i < 64, in *@hits.  False when the connection's stream for
 * that multi has not been fed all of them (or does not exist).  Lets a
 * caller answer the packet's later rules of the same multi without the
 * core: a clear bit is "no match" for as long as no byte is added.
 */
bool l7_conn_multi_hits(const struct l7_conn *conn, const struct l7_member *m,
			u64 *hits);

/* Decided name, "unknown", or NULL while undecided. */
const char *l7_conn_proto(const struct l7_conn *conn);
/*
 * While undecided: the bytes kept so far, as the patterns see them, and
 * their number in *@len; NULL (and 0) otherwise.  For tools and
 * benchmarks that want a connection's subject.
 */
const u8 *l7_conn_data(const struct l7_conn *conn, unsigned int *len);
/* Bytes the core allocated for @conn (its struct not included). */
size_t l7_conn_mem(const struct l7_conn *conn);
/* Bytes the core allocated for @flow: held out-of-order TCP segments. */
size_t l7_flow_mem(const struct l7_flow *flow);

#endif /* L7CONN_H */
