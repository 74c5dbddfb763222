// SPDX-License-Identifier: GPL-2.0
/*
 * A chained hash keyed by the unordered 5-tuple.  A closed TCP
 * connection stays in the hash until a SYN replaces it, so late ACKs
 * and retransmitted FINs still count for it, as in conntrack's
 * TIME_WAIT.
 *
 * UDP follows nf_conntrack_proto_udp.c's default timeouts: each packet
 * sets the entry's expiry to 30 s (udp_timeout), or to 120 s
 * (udp_timeout_stream) once a reply was seen and the entry is more
 * than 2 s old (UDP-Lite: as soon as a reply was seen); the first
 * packet after the expiry starts a new connection, its sender the new
 * client.  ICMP queries the same with 30 s (nf_conntrack_proto_icmp.c,
 * icmpv6.c), refreshed by every packet.  A capture's time only moves forward here (t->now_us): a
 * packet stamped earlier than one before it (captures of several
 * interfaces merged) counts as of the latest time seen, so it neither
 * expires a connection nor pulls an expiry back.
 */
#include <stdio.h>
#include <arpa/inet.h>
#include "lib/l7flows.h"

#define L7_FLOWS_HASH_MIN	1024
#define L7_UDP_TIMEOUT_US	(30 * 1000000ULL)
#define L7_UDP_STREAM_US	(120 * 1000000ULL)
#define L7_UDP_STREAM_AGE_US	(2 * 1000000ULL)
#define L7_ICMP_TIMEOUT_US	(30 * 1000000ULL)

void l7_flows_init(struct l7_flowtab *t)
{
	memset(t, 0, sizeof(*t));
}

void l7_flows_free(struct l7_flowtab *t)
{
	size_t i;

	for (i = 0; i < t->count; i++) {
		l7_conn_release(&t->all[i]->conn);
		l7_flow_release(&t->all[i]->flow);
		free(t->all[i]);
	}
	free(t->all);
	free(t->hash);
	l7_flows_init(t);
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

/* Does @f carry @p?  Sets *@dir. */
static bool same_tuple(const struct l7_flowrec *f, const struct l7_pkt *p,
		       u8 *dir)
{
	unsigned int n = alen(p->family);

	if (f->family != p->family || f->l4 != p->l4)
		return false;
	if (f->cport == p->sport && f->sport == p->dport &&
	    !memcmp(f->cli, p->src, n) && !memcmp(f->srv, p->dst, n)) {
		*dir = 0;
		return true;
	}
	if (f->cport == p->dport && f->sport == p->sport &&
	    !memcmp(f->cli, p->dst, n) && !memcmp(f->srv, p->src, n)) {
		*dir = 1;
		return true;
	}
	return false;
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
	l7_conn_init(&f->conn);
	l7_flow_init(&f->flow);
	t->all[t->count++] = f;
	return f;
}

struct l7_flowrec *l7_flows_packet(struct l7_flowtab *t,
				   const struct l7_pkt *p, u8 *dir)
{
	struct l7_flowrec **pp, *f;
	unsigned int b;
	bool syn = p->l4 == L7_L4_TCP &&
		   (p->tcp_flags & (L7_TCP_SYN | L7_TCP_ACK)) == L7_TCP_SYN;
	u64 now;

	if (t->count >= t->hsize && !grow_hash(t))
		return NULL;
	if (p->ts_us > t->now_us)
		t->now_us = p->ts_us;
	now = t->now_us;
	b = tuple_hash(p) & (t->hsize - 1);
	for (pp = &t->hash[b]; (f = *pp); pp = &f->hnext)
		if (same_tuple(f, p, dir))
			break;
	if (f && ((f->closed && syn) ||
		  (f->l4 != L7_L4_TCP && now > f->expires_us))) {
		*pp = f->hnext;		/* the old connection is history */
		f = NULL;
	}
	if (!f) {
		f = new_flow(t, p);
		if (!f)
			return NULL;
		f->hnext = t->hash[b];
		t->hash[b] = f;
		f->first_us = now;
		*dir = 0;
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
		f->replied |= *dir;
	} else if (f->l4 != L7_L4_TCP) {
		f->expires_us = now + L7_ICMP_TIMEOUT_US;
	}
	f->packets++;
	f->bytes += p->iplen;
	if (p->l4 == L7_L4_TCP) {
		if (f->fin == 3 || (p->tcp_flags & L7_TCP_RST))
			f->ended = 1;
		if (p->tcp_flags & L7_TCP_FIN)
			f->fin |= 1 << *dir;
		if ((p->tcp_flags & L7_TCP_RST) || f->fin == 3)
			f->closed = 1;
	}
	return f;
}

void l7_endpoint_str(char *buf, size_t size, u8 family, const u8 *addr,
		     u16 port)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(family == 4 ? AF_INET : AF_INET6, addr, a, sizeof(a));
	snprintf(buf, size, family == 4 ? "%s:%u" : "[%s]:%u", a, port);
}
