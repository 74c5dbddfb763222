/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Connection tracking for the tools, as nf_conntrack (6.1, 6.12, default
 * sysctls) groups packets: both directions of a tuple are one
 * connection, the first packet's sender is the client.  TCP follows
 * conntrack's state table and timeouts (a SYN reopens a connection in
 * TIME_WAIT, or in CLOSE after a FIN or after a RST from the SYN's own
 * side; other SYNs are ignored and a SYN/ACK answering them carries the
 * new handshake on the old entry); UDP and ICMP queries their
 * timeouts.  ICMP queries are keyed by type and identifier.  A packet
 * conntrack would leave untracked (a TCP packet its state table calls
 * invalid, a first packet other than a SYN or an ACK, an ICMP reply
 * without its query) belongs to no connection.  Not followed: TCP
 * window checks.  Conntrack helpers are followed when the caller
 * assigns them (t->helpers, lib/l7helpers.h): a connection a helper
 * expected becomes a child of its master and, as in xt_layer7, shares
 * its root master's l7_conn while keeping its own l7_flow.  Without
 * helpers an FTP data connection is its own flow.  See l7flows.c.
 */
#ifndef L7FLOWS_H
#define L7FLOWS_H

#include "lib/l7decode.h"
#include "lib/l7expect.h"
#include "lib/l7helpers.h"
#include "core/l7conn.h"

struct l7_helper_ct;

struct l7_flowrec {
	u8 family, l4;
	u8 cli[16], srv[16];
	u16 cport, sport;
	unsigned long packets;
	unsigned long long bytes;	/* IP bytes, both directions */
	u8 itype;			/* ICMP: the query's type */
	/* TCP, as conntrack's ct->proto.tcp (see l7flows.c) */
	u8 tcp_state, last_index, last_dir, ct_flags;
	/*
	 * Where xt_layer7 lets an undecided connection give up after this
	 * packet: conntrack is in TIME_WAIT or CLOSE, and the flow is a
	 * root with no child alive (a child never closes its root's conn;
	 * a root with children waits for them, see l7flows.c).
	 */
	u8 ended;
	u8 replied;			/* a packet seen from the server */
	u8 gone;			/* conntrack dropped it (out of the hash) */
	u8 close_pending;		/* a root: closed, waits for its children */
	u64 first_us, expires_us;	/* creation, conntrack timeout */
	u64 recheck_us;			/* close_pending: no child ends before */
	struct l7_conn conn;		/* a child's is unused: see l7_flowrec_conn */
	struct l7_flow flow;
	struct l7_flowrec *hnext;	/* hash chain */
	/* Helpers; NULL unless the caller assigned some: */
	struct l7_helper_ct *help;	/* this connection's helper */
	struct l7_flowrec *root;	/* a child: its root master */
	struct l7_flowrec *next_child;	/* a child: the root's next child */
	struct l7_flowrec *children;	/* a root: its children, newest first */
};

struct l7_flowtab {
	struct l7_flowrec **hash;
	unsigned int hsize;		/* power of two */
	struct l7_flowrec **all;	/* every flow, in order of creation */
	size_t count, alloc;
	u64 now_us;			/* latest packet time seen */
	unsigned long untracked;	/* packets conntrack leaves untracked */
	bool nomem;
	/* Helpers (lib/l7helpers.h): set by the caller, NULL for none. */
	const struct l7_helper_conf *helpers;
	struct l7_expect **exp_hash;	/* pending expectations (l7expect.c) */
	struct l7_flowrec **pending;	/* closed roots waiting for children */
	size_t npending, apending;
	unsigned long children;		/* flows that became children */
};

/* No helper assigned: set t->helpers afterwards to follow some. */
void l7_flows_init(struct l7_flowtab *t);
/* Releases every flow's l7_conn and l7_flow too; keeps t->helpers. */
void l7_flows_free(struct l7_flowtab *t);
/*
 * The flow @p belongs to, created if new; *@dir is 0 when @p travels
 * from client to server.  Counts the packet and its bytes and follows
 * TCP's state.  NULL when conntrack would leave @p untracked (counted
 * in t->untracked), or when out of memory (t->nomem set).
 */
struct l7_flowrec *l7_flows_packet(struct l7_flowtab *t,
				   const struct l7_pkt *p, u8 *dir);
/* The l7_conn @f's packets go to: its root master's for a child. */
static inline struct l7_conn *l7_flowrec_conn(struct l7_flowrec *f)
{
	return f->root ? &f->root->conn : &f->conn;
}

/* Whether conntrack still holds @f at @now. */
static inline bool l7_flow_alive(const struct l7_flowrec *f, u64 now)
{
	return !f->gone && now <= f->expires_us;
}

/* "ADDR:PORT", IPv6 as "[ADDR]:PORT", into @buf (at least 64 bytes). */
void l7_endpoint_str(char *buf, size_t size, u8 family, const u8 *addr,
		     u16 port);

#endif /* L7FLOWS_H */
