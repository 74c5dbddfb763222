// SPDX-License-Identifier: GPL-2.0
/*
 * A chained hash keyed by the unordered 5-tuple.  Every connection
 * stays in the hash until conntrack would drop it (its timeout, or a
 * SYN reopening it), so late ACKs and retransmitted FINs still count
 * for it.
 *
 * TCP follows nf_conntrack_proto_tcp.c's nf_conntrack_tcp_packet() in
 * 6.1 and 6.12 without its window checks (tcp_in_window()): the state
 * table tcp_conntracks[dir][index][state], the SYN that reopens an
 * entry in TIME_WAIT or CLOSE only when a FIN had begun the close
 * (IP_CT_TCP_FLAG_CLOSE_INIT) or the last packet was a RST from the
 * SYN's side (else the SYN is ignored, and a SYN/ACK answering it
 * re-syncs the old entry to SYN_RECV: the new handshake lives on the
 * old ct, and xt_layer7 sees one connection), the RFC 5961 challenge
 * ACK in LAST_ACK, the entry killed by a RST before any reply, and the
 * per-state timeouts.  tcp_new() only creates an entry from a SYN or
 * (nf_conntrack_tcp_loose=1) an ACK; other first packets, and packets
 * the table calls invalid, get no ct: xt_layer7 never sees them.
 *
 * UDP follows nf_conntrack_proto_udp.c's default timeouts: each packet
 * sets the entry's expiry to 30 s (udp_timeout), or to 120 s
 * (udp_timeout_stream) once a reply was seen and the entry is more
 * than 2 s old (UDP-Lite: as soon as a reply was seen); the first
 * packet after the expiry starts a new connection, its sender the new
 * client.  ICMP queries the same with 30 s (nf_conntrack_proto_icmp.c,
 * icmpv6.c), refreshed by every packet.  A capture's time only moves
 * forward here (t->now_us): a packet stamped earlier than one before it
 * (captures of several interfaces merged) counts as of the latest time
 * seen, so it neither expires a connection nor pulls an expiry back.
 *
 * Helpers (t->helpers): a new connection first looks for an expectation
 * (init_conntrack()), which it uses up even when conntrack then refuses
 * to track it; if one claims it, it is a child: ct->master, its root
 * the first connection up the chain (as l7k_table.c walks it).  Else it
 * gets the helper the caller assigned to its first packet's port.  A
 * helped connection's packets go to its helper after conntrack's own
 * handling, as nf_confirm() calls helper->help() once the packet passed
 * the rules.  A child's l7_conn is its root's (l7_flowrec_conn()); a
 * child never closes it, and a root closes it only when no child of
 * its is alive: xt_layer7 holds a root's entry as long as a child's,
 * which lives as long as the child's conntrack entry.  A root that
 * closed while children were alive waits in t->pending; the module's
 * sweep closes it seconds (up to conntrack's own garbage collection)
 * after the last child's entry timed out, this model at the first packet
 * after that timeout.  A root that conntrack dropped meanwhile is never
 * closed: its entry leaves the table and its children keep its l7_conn.
 */
#include <stdio.h>
#include <arpa/inet.h>
#include "lib/l7help_int.h"

#define L7_FLOWS_HASH_MIN	1024
#define L7_UDP_TIMEOUT_US	(30 * 1000000ULL)
#define L7_UDP_STREAM_US	(120 * 1000000ULL)
#define L7_UDP_STREAM_AGE_US	(2 * 1000000ULL)
#define L7_ICMP_TIMEOUT_US	(30 * 1000000ULL)
#define SEC			1000000ULL

/* conntrack's enum tcp_conntrack, then its sIV and sIG */
enum { sNO, sSS, sSR, sES, sFW, sCW, sLA, sTW, sCL, sS2, sIV, sIG };
/* enum tcp_bit_set */
enum { I_SYN, I_SYNACK, I_FIN, I_ACK, I_RST, I_NONE };
/* ct->proto.tcp.last_flags and seen[].flags bits we need */
#define CT_CLOSE_INIT	0x01	/* a FIN began the close */
#define CT_CHALLENGE	0x02	/* a SYN ignored in LAST_ACK */
#define CT_SIMOPEN	0x04	/* simultaneous open */

/* tcp_conntracks[dir][index][old state] of 6.1 and 6.12 */
static const u8 tcp_next[2][6][10] = { {
	/*          NO   SS   SR   ES   FW   CW   LA   TW   CL   S2 */
	/*syn*/  { sSS, sSS, sIG, sIG, sIG, sIG, sIG, sSS, sSS, sS2 },
	/*synack*/{ sIV, sIV, sSR, sIV, sIV, sIV, sIV, sIV, sIV, sSR },
	/*fin*/  { sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV },
	/*ack*/  { sES, sIV, sES, sES, sCW, sCW, sTW, sTW, sCL, sIV },
	/*rst*/  { sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL },
	/*none*/ { sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV },
}, {
	/*syn*/  { sIV, sS2, sIV, sIV, sIV, sIV, sIV, sSS, sIV, sS2 },
	/*synack*/{ sIV, sSR, sIG, sIG, sIG, sIG, sIG, sIG, sIG, sSR },
	/*fin*/  { sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV },
	/*ack*/  { sIV, sIG, sSR, sES, sCW, sCW, sTW, sTW, sCL, sIG },
	/*rst*/  { sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL },
	/*none*/ { sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV },
} };

/* tcp_timeouts[]: nf_conntrack_tcp_timeout_* defaults */
static const u64 tcp_timeout[10] = {
	[sSS] = 120 * SEC, [sSR] = 60 * SEC, [sES] = 432000 * SEC,
	[sFW] = 120 * SEC, [sCW] = 60 * SEC, [sLA] = 30 * SEC,
	[sTW] = 120 * SEC, [sCL] = 10 * SEC, [sS2] = 120 * SEC,
};
#define TCP_UNACK_US	(300 * SEC)

/* What conntrack does with a TCP packet of a connection. */
enum { TCP_TRACKED, TCP_INVALID, TCP_REOPEN, TCP_KILLED };

void l7_flows_init(struct l7_flowtab *t)
{
	memset(t, 0, sizeof(*t));
}

void l7_flows_free(struct l7_flowtab *t)
{
	const struct l7_helper_conf *helpers = t->helpers;
	size_t i;

	l7_expect_free_all(t);		/* they point at their masters */
	for (i = 0; i < t->count; i++) {
		l7_conn_release(&t->all[i]->conn);
		l7_flow_release(&t->all[i]->flow);
		l7_helper_detach(t->all[i]);
		free(t->all[i]);
	}
	free(t->all);
	free(t->hash);
	free(t->pending);
	l7_flows_init(t);
	t->helpers = helpers;
}

static unsigned int alen(u8 family)
{
	return family == 4 ? 4 : 16;
}

/* Same hash for both directions: combine the two endpoints' hashes. */
static unsigned int endpoint_hash(const u8 *addr, unsigned int n, u16 port)
{
	unsigned int h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ addr[i]) * 16777619u;
	return (h ^ port) * 16777619u;
}

static unsigned int tuple_hash(const struct l7_pkt *p)
{
	unsigned int n = alen(p->family);

	return (endpoint_hash(p->src, n, p->sport) +
		endpoint_hash(p->dst, n, p->dport) + p->l4) * 2654435761u;
}

static bool is_icmp(u8 l4)
{
	return l4 == L7_L4_ICMP || l4 == L7_L4_ICMPV6;
}

/*
 * The reply type of ICMP query @type (icmp_invert_tuple()'s invmap), -1
 * when @type is not a query conntrack creates an entry for (icmp_new(),
 * nf_conntrack_icmp_packet(): valid_new[]).  ICMPv6's node information
 * queries are not decoded.
 */
static int icmp_reply_type(u8 l4, u8 type)
{
	if (l4 == L7_L4_ICMPV6)
		return type == 128 ? 129 : -1;
	switch (type) {
	case 8:		/* echo */
		return 0;
	case 13:	/* timestamp */
	case 15:	/* information */
	case 17:	/* address mask */
		return type + 1;
	}
	return -1;
}

/*
 * Does @f carry @p?  Sets *@dir.  ICMP's tuple holds the type: a query
 * travels as the original direction, its reply type as the reply.
 */
static bool same_tuple(const struct l7_flowrec *f, const struct l7_pkt *p,
		       u8 *dir)
{
	unsigned int n = alen(p->family);
	bool icmp = is_icmp(p->l4);

	if (f->family != p->family || f->l4 != p->l4)
		return false;
	if (f->cport == p->sport && f->sport == p->dport &&
	    !memcmp(f->cli, p->src, n) && !memcmp(f->srv, p->dst, n) &&
	    (!icmp || p->icmp_type == f->itype)) {
		*dir = 0;
		return true;
	}
	if (f->cport == p->dport && f->sport == p->sport &&
	    !memcmp(f->cli, p->dst, n) && !memcmp(f->srv, p->src, n) &&
	    (!icmp || p->icmp_type == icmp_reply_type(f->l4, f->itype))) {
		*dir = 1;
		return true;
	}
	return false;
}

static u8 tcp_index(u8 flags)
{
	if (flags & L7_TCP_RST)
		return I_RST;
	if (flags & L7_TCP_SYN)
		return flags & L7_TCP_ACK ? I_SYNACK : I_SYN;
	if (flags & L7_TCP_FIN)
		return I_FIN;
	return flags & L7_TCP_ACK ? I_ACK : I_NONE;
}

/* Would conntrack create an entry for @p (tcp_new(), icmp_new())? */
static bool may_create(const struct l7_pkt *p)
{
	if (p->l4 == L7_L4_TCP)
		return tcp_next[0][tcp_index(p->tcp_flags)][sNO] != sIV;
	if (is_icmp(p->l4))
		return icmp_reply_type(p->l4, p->icmp_type) >= 0;
	return true;
}

/*
 * nf_conntrack_tcp_packet() for packet @idx in direction @dir of @f,
 * minus tcp_in_window(): every packet counts as in window.
 */
static int tcp_track(struct l7_flowrec *f, u8 idx, u8 dir, u64 now)
{
	u8 old = f->tcp_state, new = tcp_next[dir][idx][old];
	u64 timeout;

	switch (new) {
	case sSS:
		if (old < sTW)
			break;
		if ((f->ct_flags & CT_CLOSE_INIT) ||
		    (f->last_dir == dir && f->last_index == I_RST))
			return TCP_REOPEN;	/* nf_ct_kill, NF_REPEAT */
		/* fallthrough */
	case sIG:
		if (idx == I_SYNACK && f->last_index == I_SYN &&
		    f->last_dir != dir) {
			/*
			 * It answers the SYN ignored before (conntrack
			 * also checks that it acks that SYN): both ends
			 * are in sync, the entry follows them.  The
			 * close flags belong to the seen[] state reset.
			 */
			old = sSS;
			new = sSR;
			f->ct_flags &= ~(CT_CHALLENGE | CT_CLOSE_INIT);
			break;
		}
		f->last_index = idx;
		f->last_dir = dir;
		if (idx == I_SYN && dir == 0)
			f->ct_flags = (f->ct_flags & CT_CLOSE_INIT) |
				      (old == sLA ? CT_CHALLENGE : 0);
		return TCP_TRACKED;	/* ignored: no state, no refresh */
	case sIV:
		return TCP_INVALID;
	case sTW:
		if (old == sLA && idx == I_ACK && f->last_dir != dir &&
		    f->last_index == I_SYN && (f->ct_flags & CT_CHALLENGE)) {
			/* the peer's RFC 5961 challenge ACK, not the last ACK */
			f->ct_flags &= ~CT_CHALLENGE;
			return TCP_TRACKED;
		}
		break;
	case sS2:
		f->ct_flags |= CT_SIMOPEN;
		break;
	case sSR:
		if (dir == 1 && idx == I_ACK && (f->ct_flags & CT_SIMOPEN))
			new = sES;
		break;
	}
	f->last_index = idx;
	f->last_dir = dir;
	f->tcp_state = new;
	if (old != new && new == sFW)
		f->ct_flags |= CT_CLOSE_INIT;
	timeout = idx == I_RST ? tcp_timeout[sCL] : tcp_timeout[new];
	if (!f->replied) {
		/* "If only reply is a RST ... delete the conntrack" */
		if (idx == I_RST)
			return TCP_KILLED;
		/* a retransmitted SYN does not renew the timeout */
		if (idx == I_SYN && old == sSS)
			return TCP_TRACKED;
		/* picked up mid-stream, no reply yet */
		if (new == sES && timeout > TCP_UNACK_US)
			timeout = TCP_UNACK_US;
	}
	f->expires_us = now + timeout;
	return TCP_TRACKED;
}

static bool grow_hash(struct l7_flowtab *t)
{
	unsigned int size = t->hsize ? t->hsize * 2 : L7_FLOWS_HASH_MIN, i;
	struct l7_flowrec **h = calloc(size, sizeof(*h));

	if (!h)
		return false;
	for (i = 0; i < t->hsize; i++) {
		struct l7_flowrec *f = t->hash[i], *next;

		for (; f; f = next) {
			struct l7_pkt k = { .family = f->family, .l4 = f->l4,
					    .sport = f->cport, .dport = f->sport };
			unsigned int b;

			next = f->hnext;
			memcpy(k.src, f->cli, 16);
			memcpy(k.dst, f->srv, 16);
			b = tuple_hash(&k) & (size - 1);
			f->hnext = h[b];
			h[b] = f;
		}
	}
	free(t->hash);
	t->hash = h;
	t->hsize = size;
	return true;
}

static struct l7_flowrec *new_flow(struct l7_flowtab *t,
				   const struct l7_pkt *p)
{
	struct l7_flowrec *f;

	if (t->count == t->alloc) {
		size_t n = t->alloc ? t->alloc * 2 : 256;
		struct l7_flowrec **all = realloc(t->all, n * sizeof(*all));

		if (!all)
			return NULL;
		t->all = all;
		t->alloc = n;
	}
	f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->family = p->family;
	f->l4 = p->l4;
	memcpy(f->cli, p->src, 16);
	memcpy(f->srv, p->dst, 16);
	f->cport = p->sport;
	f->sport = p->dport;
	f->itype = p->icmp_type;
	l7_conn_init(&f->conn);
	l7_flow_init(&f->flow);
	t->all[t->count++] = f;
	return f;
}

/* Out of the hash: conntrack dropped it, a packet of the tuple is new. */
static void unlink_flow(struct l7_flowtab *t, struct l7_flowrec *f)
{
	struct l7_flowrec **pp;
	struct l7_pkt k = { .family = f->family, .l4 = f->l4,
			    .sport = f->cport, .dport = f->sport };

	memcpy(k.src, f->cli, 16);
	memcpy(k.dst, f->srv, 16);
	for (pp = &t->hash[tuple_hash(&k) & (t->hsize - 1)]; *pp;
	     pp = &(*pp)->hnext)
		if (*pp == f) {
			*pp = f->hnext;
			break;
		}
	f->gone = 1;
}

/* ct->master: @f is what @master's helper expected. */
static void adopt(struct l7_flowtab *t, struct l7_flowrec *f,
		  struct l7_flowrec *master)
{
	struct l7_flowrec *root = master->root ? master->root : master;

	f->root = root;
	f->next_child = root->children;
	root->children = f;
	t->children++;
}

/* The latest timeout among @root's children alive at @now; 0 if none. */
static u64 children_until(const struct l7_flowrec *root, u64 now)
{
	const struct l7_flowrec *c;
	u64 until = 0;

	for (c = root->children; c; c = c->next_child)
		if (l7_flow_alive(c, now) && c->expires_us > until)
			until = c->expires_us;
	return until;
}

static bool tcp_closed(const struct l7_flowrec *f)
{
	return f->tcp_state == sTW || f->tcp_state == sCL;
}

/*
 * @f's TCP connection is closed: whether xt_layer7 closes its conn now.
 * A root with children alive waits for them in t->pending.
 */
static bool close_now(struct l7_flowtab *t, struct l7_flowrec *f)
{
	struct l7_flowrec **p;

	if (f->root)
		return false;
	if (!children_until(f, t->now_us))
		return true;
	if (f->gone || f->close_pending)
		return false;
	if (t->npending == t->apending) {
		size_t n = t->apending ? t->apending * 2 : 16;

		p = realloc(t->pending, n * sizeof(*p));
		if (!p) {
			t->nomem = true;
			return false;
		}
		t->pending = p;
		t->apending = n;
	}
	f->close_pending = 1;
	f->recheck_us = 0;
	t->pending[t->npending++] = f;
	return false;
}

/*
 * Roots waiting for their children: closed once none is alive, dropped
 * from the wait when conntrack dropped or reopened them, or their
 * connection is decided or unknown.
 */
static void settle_pending(struct l7_flowtab *t)
{
	u64 now = t->now_us, until;
	size_t i = 0;

	while (i < t->npending) {
		struct l7_flowrec *r = t->pending[i];

		if (now <= r->recheck_us) {
			i++;
			continue;
		}
		if (l7_flow_alive(r, now) && tcp_closed(r) &&
		    !l7_conn_proto(&r->conn)) {
			until = children_until(r, now);
			if (until) {
				r->recheck_us = until;
				i++;
				continue;
			}
			l7_conn_close(&r->conn, &r->flow);
		}
		r->close_pending = 0;
		t->pending[i] = t->pending[--t->npending];
	}
}

/*
 * A connection conntrack creates for @p (init_conntrack()): the child of
 * the master whose expectation it fulfils, or helped as assigned.  NULL
 * when conntrack leaves @p untracked (the expectation is used up all
 * the same) or memory ran out.
 */
static struct l7_flowrec *create(struct l7_flowtab *t, const struct l7_pkt *p)
{
	struct l7_flowrec *master = l7_expect_take(t, p), *f;
	u8 kind;

	if (!may_create(p)) {
		t->untracked++;
		return NULL;
	}
	f = new_flow(t, p);
	if (!f) {
		t->nomem = true;
		return NULL;
	}
	if (master) {
		adopt(t, f, master);
	} else {
		kind = l7_helper_assign(t->helpers, p);
		if (kind && l7_helper_attach(f, kind)) {
			t->nomem = true;
			return NULL;
		}
	}
	return f;
}

/* The flow of @p in bucket @b of @p's tuple. */
static struct l7_flowrec *lookup(struct l7_flowtab *t, unsigned int b,
				 const struct l7_pkt *p, u8 *dir)
{
	struct l7_flowrec *f = t->hash[b];

	for (; f; f = f->hnext)
		if (same_tuple(f, p, dir))
			return f;
	return NULL;
}

struct l7_flowrec *l7_flows_packet(struct l7_flowtab *t,
				   const struct l7_pkt *p, u8 *dir)
{
	struct l7_flowrec *f;
	unsigned int b;
	int track = TCP_TRACKED;
	bool established;
	u64 now;

	if (t->count >= t->hsize && !grow_hash(t)) {
		t->nomem = true;
		return NULL;
	}
	if (p->ts_us > t->now_us)
		t->now_us = p->ts_us;
	now = t->now_us;
	if (t->npending)
		settle_pending(t);
	b = tuple_hash(p) & (t->hsize - 1);
	f = lookup(t, b, p, dir);
	if (f && now > f->expires_us) {
		unlink_flow(t, f);	/* the old connection is history */
		f = NULL;
	}
	if (f && f->l4 == L7_L4_TCP) {
		track = tcp_track(f, tcp_index(p->tcp_flags), *dir, now);
		if (track == TCP_INVALID) {
			t->untracked++;
			return NULL;
		}
		if (track == TCP_REOPEN) {
			unlink_flow(t, f);
			f = NULL;
		}
	}
	if (!f) {
		f = create(t, p);
		if (!f)
			return NULL;
		f->hnext = t->hash[b];
		t->hash[b] = f;
		f->first_us = now;
		*dir = 0;
		if (f->l4 == L7_L4_TCP)
			track = tcp_track(f, tcp_index(p->tcp_flags), 0, now);
	}
	if (f->l4 == L7_L4_UDP || f->l4 == L7_L4_UDPLITE) {
		/* The reply bit counts from the packet after the first reply,
		 * as conntrack sets it after the protocol's packet handler;
		 * UDP-Lite's handler does not wait for the 2 s. */
		bool stream = f->replied &&
			      (f->l4 == L7_L4_UDPLITE ||
			       now > f->first_us + L7_UDP_STREAM_AGE_US);

		f->expires_us = now + (stream ? L7_UDP_STREAM_US :
					       L7_UDP_TIMEOUT_US);
	} else if (f->l4 != L7_L4_TCP) {
		f->expires_us = now + L7_ICMP_TIMEOUT_US;
	}
	/* IP_CT_ESTABLISHED(_REPLY), as a helper sees the packet */
	established = *dir || f->replied;
	f->replied |= *dir;
	f->packets++;
	f->bytes += p->iplen;
	if (track == TCP_KILLED)
		unlink_flow(t, f);
	else if (f->help)
		l7_helper_packet(t, f, p, *dir, established);
	if (f->l4 == L7_L4_TCP)
		f->ended = (tcp_closed(f) || track == TCP_KILLED) &&
			   close_now(t, f);
	if (f->root && f->root->close_pending)
		f->root->recheck_us = 0;	/* its timeout moved */
	return t->nomem ? NULL : f;
}

void l7_endpoint_str(char *buf, size_t size, u8 family, const u8 *addr,
		     u16 port)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(family == 4 ? AF_INET : AF_INET6, addr, a, sizeof(a));
	snprintf(buf, size, family == 4 ? "%s:%u" : "[%s]:%u", a, port);
}
