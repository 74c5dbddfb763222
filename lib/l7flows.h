/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Connection tracking for the tools, as conntrack groups packets: both
 * directions of a 5-tuple are one connection, the first packet's
 * sender is the client, and a TCP SYN (without ACK) after the old
 * connection closed (FIN both ways, or RST) starts a new one, as does a
 * UDP or ICMP packet after the old connection's conntrack timeout (see
 * l7flows.c).  No other timeouts and no helpers (an FTP data connection
 * is its own flow).
 */
#ifndef L7FLOWS_H
#define L7FLOWS_H

#include "lib/l7decode.h"
#include "core/l7conn.h"

struct l7_flowrec {
	u8 family, l4;
	u8 cli[16], srv[16];
	u16 cport, sport;
	unsigned long packets;
	unsigned long long bytes;	/* IP bytes, both directions */
	u8 fin;				/* bit d: FIN seen in direction d */
	u8 closed;			/* FIN both ways or RST */
	/*
	 * Conntrack would be in TIME_WAIT (a packet after FINs both
	 * ways: the last ACK) or CLOSE (a RST) once this packet passed:
	 * where xt_layer7 lets an undecided connection give up.
	 */
	u8 ended;
	u8 replied;			/* a packet seen from the server */
	u64 first_us, expires_us;	/* UDP, ICMP: creation, conntrack timeout */
	struct l7_conn conn;
	struct l7_flow flow;
	struct l7_flowrec *hnext;	/* hash chain */
};

struct l7_flowtab {
	struct l7_flowrec **hash;
	unsigned int hsize;		/* power of two */
	struct l7_flowrec **all;	/* every flow, in order of creation */
	size_t count, alloc;
	u64 now_us;			/* latest packet time seen */
};

void l7_flows_init(struct l7_flowtab *t);
/* Releases every flow's l7_conn and l7_flow too. */
void l7_flows_free(struct l7_flowtab *t);
/*
 * The flow @p belongs to, created if new; *@dir is 0 when @p travels
 * from client to server.  Counts the packet and its bytes and follows
 * TCP FIN/RST.  NULL when out of memory.
 */
struct l7_flowrec *l7_flows_packet(struct l7_flowtab *t,
				   const struct l7_pkt *p, u8 *dir);
/* "ADDR:PORT", IPv6 as "[ADDR]:PORT", into @buf (at least 64 bytes). */
void l7_endpoint_str(char *buf, size_t size, u8 family, const u8 *addr,
		     u16 port);

#endif /* L7FLOWS_H */
