/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DOC: l7conn: what happens to a connection's bytes
 *
 * One implementation, called by xt_layer7.ko and by l7classify, so the
 * two can never disagree.  It knows nothing of skbs or pcap: payload
 * arrives through a block reader.  The caller serialises all calls for
 * one connection and owns the memory of struct l7_conn and struct
 * l7_flow.
 *
 *   each packet, once ──> l7_conn_packet()   count it, keep its bytes
 *                          │                 (TCP in sequence order),
 *                          │                 scan them with the set
 *                          v
 *   each rule it meets ──> l7_conn_rule()    answer from the bytes kept;
 *                                            the first rule whose pattern
 *                                            matches decides for good
 *
 * A rule's answer depends on the connection, not on the packet that
 * brings the rule to ask: on the bytes kept so far while undecided, on
 * the verdict once final.  Work and memory per connection are bounded
 * (struct l7_params); past a bound the connection gives up, as it does
 * after num_packets packets.
 */
#ifndef L7CONN_H
#define L7CONN_H

#include "../regexp/l7re.h"
#include "../regexp/l7re_multi.h"

#define L7_MAXDATALEN_DEFAULT	2048
#define L7_MAXDATALEN_MAX	65536
#define L7_NUM_PACKETS_DEFAULT	10
#define L7_NUM_PACKETS_MAX	99

/*
 * Engine work (l7re steps: a table load, or a thread or node an NFA
 * visits) per byte the buffer can hold (maxdatalen): what one packet
 * of a connection may cause, its scan and every rule's catch-up until
 * the next packet, and what a connection may cause in all.  A DFA costs
 * one step per byte and per group of a combination or pattern scanned
 * alone, and each pattern scans a connection's bytes once: a whole
 * buffer scanned by 256 patterns alone fits in one packet's budget,
 * and the project's 106 definitions combined take about 14 steps per
 * byte.  Only patterns without a DFA (which a tenant can write on
 * purpose) come near these bounds.  With the default maxdatalen, 2048:
 * 524,288 steps per packet, 2,097,152 per connection.
 */
#define L7_STEPS_PACKET_PER_BYTE	256UL
#define L7_STEPS_CONN_PER_BYTE		1024UL
/*
 * Memory one connection may hold besides its buffer (maxdatalen - 1
 * bytes): scan states and held TCP segments.  A combination of our
 * definitions needs a few hundred bytes; a pattern without a DFA needs
 * 4 to 6 bytes per regex byte.
 */
#define L7_CONN_MEM_EXTRA	(64UL * 1024)

/**
 * struct l7_params - limits of a connection
 * @maxdatalen: the buffer keeps at most maxdatalen - 1 bytes
 * @num_packets: an undecided connection gives up after this many packets
 * @steps_packet: engine work per packet (L7_STEPS_PACKET_PER_BYTE)
 * @steps_conn: engine work per connection (L7_STEPS_CONN_PER_BYTE)
 * @mem_max: bytes the core may hold for one connection and its flow
 *	(the kernel lowers it to what its namespace has left)
 */
struct l7_params {
	unsigned int maxdatalen;
	unsigned int num_packets;
	unsigned long steps_packet;
	unsigned long steps_conn;
	size_t mem_max;
};

/**
 * l7_params_default() - the defaults, for @maxdatalen
 * @p: filled in
 * @maxdatalen: bytes buffered per connection, plus one
 */
static inline void l7_params_default(struct l7_params *p,
				     unsigned int maxdatalen)
{
	p->maxdatalen = maxdatalen;
	p->num_packets = L7_NUM_PACKETS_DEFAULT;
	p->steps_packet = L7_STEPS_PACKET_PER_BYTE * maxdatalen;
	p->steps_conn = L7_STEPS_CONN_PER_BYTE * maxdatalen;
	p->mem_max = maxdatalen + L7_CONN_MEM_EXTRA;
}

/**
 * struct l7_set - a caller's rule patterns combined into one scan
 * @multi: the combination; immutable
 * @id: identifies @multi for as long as any connection may remember
 *	it: a set freed and another allocated at the same address must
 *	get a new id
 *
 * The module combines a namespace's patterns, l7classify those of its
 * rule list, so that a connection's bytes are scanned once for all the
 * rules.  Same answers as each pattern alone.
 */
struct l7_set {
	const struct l7re_multi *multi;
	u64 id;
};

/**
 * struct l7_member - a rule's pattern as a member of a set
 * @set: the set; lives at least as long as the member
 * @index: member index in @set->multi
 */
struct l7_member {
	const struct l7_set *set;
	unsigned int index;
};

#define L7_RULE_INVERT	0x1

/**
 * struct l7_rule - what one rule asks of a connection
 * @proto: NUL-terminated protocol name; "unset" and "unknown" are special
 * @prog: the pattern, ignored for "unset" and "unknown"
 * @flags: L7_RULE_*
 * @prog_id: identifies @prog for the lifetime of the caller (0: the
 *	pointer alone does); connections keep per-pattern scan state
 *	keyed by (@prog, @prog_id)
 * @member: @prog in a set, or NULL (scanned alone).  The one field a
 *	caller may change while the rule is in use (the module recombines
 *	a namespace's patterns when its rules change); read once per call.
 */
struct l7_rule {
	const char *proto;
	const struct l7re_prog *prog;
	unsigned int flags;
	u64 prog_id;
	const struct l7_member *member;
};

/**
 * struct l7_packet - one packet as the core sees it
 * @dir: 0 for the original direction, 1 for the reply
 * @l4proto: IPPROTO_TCP, IPPROTO_UDP, ...
 * @tcp_syn: TCP SYN flag set
 * @tcp_seq: TCP sequence number of the segment
 * @len: payload bytes
 * @read: payload access in blocks, like skb_seq_read(): returns the
 *	number of contiguous bytes available at payload offset @off and
 *	points *@data at them; 0 when @off >= @len or on error
 * @ctx: for @read
 */
struct l7_packet {
	u8 dir;
	u8 l4proto;
	u8 tcp_syn;
	u32 tcp_seq;
	unsigned int len;
	unsigned int (*read)(void *ctx, unsigned int off, const u8 **data);
	void *ctx;
};

/**
 * struct l7_flat - a payload that is one flat byte range
 * @p: the bytes
 * @len: their number
 */
struct l7_flat {
	const u8 *p;
	unsigned int len;
};

/**
 * l7_flat_read() - &l7_packet.read for a struct l7_flat
 * @ctx: the struct l7_flat
 * @off: payload offset
 * @data: set to the bytes at @off
 *
 * Return: bytes available at @off, 0 past the end.
 */
unsigned int l7_flat_read(void *ctx, unsigned int off, const u8 **data);

enum l7_conn_state {
	L7_UNDECIDED = 0,
	L7_DECIDED,		/* a rule's pattern matched: proto is its name */
	L7_UNKNOWN,		/* gave up */
};

/* Why an undecided connection gave up (struct l7_conn.gave_up). */
enum l7_give_up {
	L7_GAVE_UP_NONE = 0,
	L7_GAVE_UP_PACKETS,	/* more than num_packets packets */
	L7_GAVE_UP_CLOSED,	/* l7_conn_close(): no byte will come */
	L7_GAVE_UP_STEPS,	/* engine work over steps_packet or steps_conn */
	L7_GAVE_UP_MEMORY,	/* would hold more than mem_max */
};

struct l7_data;		/* undecided only: buffer and scan states */
struct l7_ooo;		/* held out-of-order TCP segments */

/**
 * struct l7_flow - per conntrack entry state: TCP order per direction
 * @next_seq: TCP: next expected sequence number per direction
 * @seq_known: bit d set: @next_seq[d] is valid
 * @ooo: held out-of-order segments, or NULL
 *
 * A child connection (FTP data) has its own flow but shares its root
 * master's struct l7_conn.
 */
struct l7_flow {
	u32 next_seq[2];
	u8 seq_known;
	struct l7_ooo *ooo;
};

/**
 * struct l7_conn - per connection state, shared by its children
 * @state: enum l7_conn_state
 * @packets: packets counted, saturating at 255 (num_packets <= 99)
 * @gave_up: enum l7_give_up, when @state is L7_UNKNOWN
 * @proto: DECIDED: own copy of the name; UNKNOWN: "unknown"
 * @data: UNDECIDED: buffer and scan states, NULL until the first byte
 */
struct l7_conn {
	u8 state;
	u8 packets;
	u8 gave_up;
	const char *proto;
	struct l7_data *data;
};

/**
 * l7_conn_init() - a new connection
 * @conn: to initialise
 */
void l7_conn_init(struct l7_conn *conn);

/**
 * l7_conn_release() - free what the core allocated for a connection
 * @conn: may be initialised again afterwards
 */
void l7_conn_release(struct l7_conn *conn);

/**
 * l7_flow_init() - a new flow
 * @flow: to initialise
 */
void l7_flow_init(struct l7_flow *flow);

/**
 * l7_flow_release() - free the segments a flow holds
 * @flow: may be initialised again afterwards
 */
void l7_flow_release(struct l7_flow *flow);

/**
 * l7_conn_packet() - a packet of the connection, counted once
 * @conn: the connection (a child's root master's)
 * @flow: the packet's own conntrack entry's flow
 * @pkt: the packet
 * @set: the caller's combined patterns, scanned over the new bytes at
 *	once; NULL if none
 * @params: limits
 *
 * Counts the packet.  While undecided: gives up past num_packets;
 * otherwise keeps its payload (NULs dropped, ASCII lowercased, TCP in
 * sequence order per direction) and scans the new bytes with @set.
 * Decides nothing: only a rule does.  Allocates with
 * l7_alloc_atomic(); on failure the bytes are not kept (a TCP segment
 * can still come back in its retransmission).
 *
 * Return: whether the packet added bytes.
 */
bool l7_conn_packet(struct l7_conn *conn, struct l7_flow *flow,
		    const struct l7_packet *pkt, const struct l7_set *set,
		    const struct l7_params *params);

/**
 * l7_conn_rule() - a rule's answer for a connection
 * @conn: the connection
 * @flow: the flow of the packet that brings the rule (its held
 *	segments go once the connection is final)
 * @rule: the rule
 * @params: limits
 *
 * Final connection: the answer of l7_conn_final_answer().  Undecided:
 * "unset" matches, "unknown" does not, and a pattern matches when it
 * matches the bytes kept so far (none kept: no match); then the
 * connection is decided for good as @rule->proto (or gives up, when
 * the copy of that name alone would exceed mem_max).  Scans only bytes
 * the rule's pattern has not seen, from byte 0 for a pattern met for
 * the first time.
 *
 * Return: whether the rule matches, invert applied.
 */
bool l7_conn_rule(struct l7_conn *conn, struct l7_flow *flow,
		  const struct l7_rule *rule, const struct l7_params *params);

/**
 * l7_conn_final_answer() - a rule's answer for a final connection
 * @conn: the connection
 * @rule: the rule
 *
 * Reads only @conn->state and @conn->proto, which never change once
 * final (until l7_conn_release()), and changes nothing: a caller that
 * learnt with the right ordering that the connection is final may call
 * it without serialising with the other calls.
 *
 * Return: 1 (match) or 0, invert applied; -1 while undecided.
 */
int l7_conn_final_answer(const struct l7_conn *conn,
			 const struct l7_rule *rule);

/**
 * l7_conn_set_hits() - which members of a set match the bytes kept
 * @conn: an undecided connection
 * @set: the set
 * @hits: bit i set for member i < 64 that matches
 *
 * For callers that answer rules without serialising with the core: a
 * clear bit is "no match" until bytes are added.  Before the first byte
 * no member matches, so the packets that open a connection need no lock.
 *
 * Return: false when @conn has no scan of @set over all its bytes.
 */
bool l7_conn_set_hits(const struct l7_conn *conn, const struct l7_set *set,
		      u64 *hits);

/**
 * l7_conn_close() - the transport closed: no byte will come any more
 * @conn: the connection
 * @flow: the flow that closed (its held segments are freed)
 *
 * An undecided connection gives up, as past num_packets, and frees its
 * data.  Decided or unknown: the verdict stays.
 */
void l7_conn_close(struct l7_conn *conn, struct l7_flow *flow);

/**
 * l7_conn_proto() - the verdict's name
 * @conn: the connection
 *
 * Return: the decided name, "unknown", or NULL while undecided.
 */
const char *l7_conn_proto(const struct l7_conn *conn);

/**
 * l7_conn_data() - the bytes kept, as the patterns see them
 * @conn: the connection
 * @len: set to their number
 *
 * Return: the bytes while undecided, else NULL (and *@len 0).
 */
const u8 *l7_conn_data(const struct l7_conn *conn, unsigned int *len);

/**
 * l7_conn_mem() - bytes the core allocated for a connection
 * @conn: the connection (its struct not included)
 *
 * Return: buffer and scan states while undecided, the name once decided.
 */
size_t l7_conn_mem(const struct l7_conn *conn);

/**
 * l7_flow_mem() - bytes the core allocated for a flow
 * @flow: the flow
 *
 * Return: held out-of-order TCP segments.
 */
size_t l7_flow_mem(const struct l7_flow *flow);

#endif /* L7CONN_H */
