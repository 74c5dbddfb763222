// SPDX-License-Identifier: GPL-2.0
/*
 * Writes the crafted captures of the classify tests into the current
 * directory, and next to each one NAME.expect: the lines l7classify must
 * print for it.  The generator knows what it wrote: tuples, packets and
 * IP bytes are tallied here as the frames are built, independently of
 * the tool's decoder; each flow's verdict is declared with the flow,
 * from the test's pattern files (see run.sh):
 *   greet ^hello    http ^get /abc/d e http/1\.0    ssh ^ssh-
 *   ping ^ping-
 * The captures of conntrack helpers (mkhelpers.c) have two: with the
 * helpers of NAME.args assigned (NAME.expect) and without (NAME.alone,
 * where no connection is a child), both with the options of NAME.opts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include "mkcaps.h"

struct row {
	char line[256];
	const struct conv *c;
	unsigned long pk;
	unsigned long long by;
};

struct cap cap;
bool helped;
static struct row rows[64], arows[64];
static int nrows, narows;
static char capname[64];

static void put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(u8 *p, u32 v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

static void wr(const void *p, size_t n)
{
	if (fwrite(p, 1, n, cap.f) != n) {
		perror("mkcaps");
		exit(1);
	}
}

static void wr32(u32 v)
{
	wr(&v, 4);	/* host order: the magic tells readers which */
}

void cap_open(const char *name, int dlt, int ng)
{
	memset(&cap, 0, sizeof(cap));
	snprintf(capname, sizeof(capname), "%s", name);
	cap.f = fopen(name, "wb");
	if (!cap.f) {
		perror(name);
		exit(1);
	}
	cap.dlt = dlt;
	cap.ng = ng;
	memset(rows, 0, sizeof(rows));
	memset(arows, 0, sizeof(arows));
	nrows = narows = 0;
	helped = false;
	if (ng) {
		u16 ver[2] = { 1, 0 };
		u16 idb[2] = { (u16)dlt, 0 };

		wr32(0x0a0d0d0a); wr32(28); wr32(0x1a2b3c4d); wr(ver, 4);
		wr32(0xffffffff); wr32(0xffffffff); wr32(28);
		wr32(1); wr32(20); wr(idb, 4); wr32(65535); wr32(20);
	} else {
		u16 ver[2] = { 2, 4 };

		wr32(0xa1b2c3d4); wr(ver, 4); wr32(0); wr32(0);
		wr32(65535); wr32(dlt);
	}
}

/* Writes one record; returns its offset in the file. */
static long cap_record(const u8 *d, u32 len)
{
	long off = ftell(cap.f);
	static const u8 pad[4];

	cap.ts++;
	if (cap.ng) {
		u32 padded = (len + 3) & ~3u;

		wr32(6); wr32(32 + padded); wr32(0); wr32(0); wr32(cap.ts);
		wr32(len); wr32(len); wr(d, len); wr(pad, padded - len);
		wr32(32 + padded);
	} else {
		wr32(cap.ts); wr32(0); wr32(len); wr32(len); wr(d, len);
	}
	return off;
}

/* Link header for a network packet of ethertype @type, then the packet. */
static long cap_frame(u16 type, const u8 *pkt, u32 len)
{
	u8 f[2048];
	u32 o = 0;
	int i;

	memset(f, 0, 64);
	switch (cap.dlt) {
	case 1:		/* Ethernet */
		memcpy(f, "\x02\0\0\0\0\x02\x02\0\0\0\0\x01", 12);
		o = 12;
		for (i = 0; i < cap.nvlan; i++) {
			put16(f + o, cap.vlan[i]);
			put16(f + o + 2, 100 + i);
			o += 4;
		}
		put16(f + o, type);
		o += 2;
		break;
	case 113:	/* Linux cooked v1 */
		put16(f + 2, 1);
		put16(f + 4, 6);
		put16(f + 14, type);
		o = 16;
		break;
	case 276:	/* Linux cooked v2 */
		put16(f, type);
		put32(f + 4, 2);
		put16(f + 8, 1);
		f[11] = 6;
		o = 20;
		break;
	case 101:	/* raw IP */
	case 147:	/* a user link type: unsupported */
		break;
	}
	memcpy(f + o, pkt, len);
	return cap_record(f, o + len);
}

static void addr(int fam, const char *s, u8 *out)
{
	if (inet_pton(fam == 4 ? AF_INET : AF_INET6, s, out) != 1) {
		fprintf(stderr, "mkcaps: bad address %s\n", s);
		exit(1);
	}
}

/* "l4 TAB client TAB server" of @c, its first packet going a to b. */
static void conv_tuple(const struct conv *c, char *buf, size_t size)
{
	const char *l4n = c->l4 == 6 ? "tcp" : c->l4 == 17 ? "udp" :
			  c->l4 == 136 ? "udplite" : "icmp";
	int icmp = c->l4 == 1 || c->l4 == 58;
	const char *fmt = c->fam == 4 ? "%s\t%s:%u\t%s:%u" :
					"%s\t[%s]:%u\t[%s]:%u";

	snprintf(buf, size, fmt, l4n, c->a, icmp ? 0 : c->pa, c->b,
		 icmp ? 0 : c->pb);
}

/* Counts a packet of @tot IP bytes for @c in @tab (@alone: arow). */
static void tally(struct row *tab, int *n, struct conv *c, int alone,
		  u32 tot)
{
	int *idx = alone ? &c->arow : &c->row;
	struct row *r;

	if (*idx < 0) {
		*idx = (*n)++;
		r = &tab[*idx];
		conv_tuple(c, r->line, sizeof(r->line));
		r->c = c;
	}
	r = &tab[*idx];
	r->pk++;
	r->by += tot;
}

/* One packet of @c in direction @dir (0: client to server). */
long send_pkt(struct conv *c, int dir, u8 flags, u32 seq,
	       const char *data, u32 dlen)
{
	u8 p[1600], *l4;
	u32 hl = c->fam == 4 ? 20 : 40, l4len, tot;
	u16 sp = dir ? c->pb : c->pa, dp = dir ? c->pa : c->pb;
	const char *src = dir ? c->b : c->a, *dst = dir ? c->a : c->b;

	memset(p, 0, sizeof(p));
	if (c->fam == 6 && c->ext6)
		hl += 16;
	l4 = p + hl;
	switch (c->l4) {
	case 6:
		l4len = 20;
		put16(l4, sp);
		put16(l4 + 2, dp);
		put32(l4 + 4, seq);
		l4[12] = 5 << 4;
		l4[13] = flags;
		put16(l4 + 14, 65535);
		break;
	case 17:
	case 136:	/* UDP-Lite: coverage 0, the whole datagram */
		l4len = 8;
		put16(l4, sp);
		put16(l4 + 2, dp);
		if (c->l4 == 17)
			put16(l4 + 4, 8 + dlen);
		break;
	default:	/* ICMP echo request / reply, identifier in pa */
		l4len = 8;
		l4[0] = c->l4 == 1 ? (dir ? 0 : 8) : (dir ? 129 : 128);
		if (c->itype)
			l4[0] = c->itype;
		put16(l4 + 4, c->pa);
		put16(l4 + 6, seq);
		break;
	}
	memcpy(l4 + l4len, data, dlen);
	tot = hl + l4len + dlen;
	if (c->fam == 4) {
		p[0] = 0x45;
		put16(p + 2, tot);
		p[8] = 64;
		p[9] = c->l4;
		addr(4, src, p + 12);
		addr(4, dst, p + 16);
	} else {
		p[0] = 0x60;
		put16(p + 4, tot - 40);
		p[6] = c->ext6 ? 0 : c->l4;
		p[7] = 64;
		addr(6, src, p + 8);
		addr(6, dst, p + 24);
		if (c->ext6) {
			/* hop-by-hop, then dest opts or mobility */
			p[40] = c->ext6 == 2 ? 135 : 60;
			p[42] = 1;		/* PadN, 4 bytes */
			p[43] = 4;
			p[48] = c->l4;
			p[50] = 1;
			p[51] = 4;
		}
	}
	tally(rows, &nrows, c->same_ct ? c->same_ct : c, 0, tot);
	if (helped)
		tally(arows, &narows, c, 1, tot);
	return cap_frame(c->fam == 4 ? 0x0800 : 0x86dd, p, tot);
}

long tcp(struct conv *c, int dir, u8 flags, u32 seq, const char *s)
{
	return send_pkt(c, dir, flags, seq, s, strlen(s));
}

/* NAME.expect; for a helper capture NAME.alone too. */
void cap_close(void)
{
	char name[80], master[256];
	FILE *e;
	int i;

	fclose(cap.f);
	snprintf(name, sizeof(name), "%s.expect", capname);
	e = fopen(name, "w");
	if (!e) {
		perror(name);
		exit(1);
	}
	for (i = 0; i < nrows; i++) {
		const struct conv *c = rows[i].c;

		fprintf(e, "%s\t%lu\t%llu\t%s", rows[i].line, rows[i].pk,
			rows[i].by, c->verdict);
		if (helped && c->master) {
			conv_tuple(c->master, master, sizeof(master));
			fprintf(e, "\tchild\t%s", master);
		}
		fprintf(e, "\n");
	}
	fclose(e);
	if (!helped)
		return;
	snprintf(name, sizeof(name), "%s.alone", capname);
	e = fopen(name, "w");
	if (!e) {
		perror(name);
		exit(1);
	}
	for (i = 0; i < narows; i++)
		fprintf(e, "%s\t%lu\t%llu\t%s\n", arows[i].line, arows[i].pk,
			arows[i].by,
			arows[i].c->alone ? arows[i].c->alone :
					    arows[i].c->verdict);
	fclose(e);
}

/* A TCP handshake; client ISN @ci, server ISN @si. */
void handshake(struct conv *c, u32 ci, u32 si)
{
	tcp(c, 0, SYN, ci, "");
	tcp(c, 1, SYN | ACK, si, "");
	tcp(c, 0, ACK, ci + 1, "");
}

/* Ethernet, IPv4: TCP reordering and retransmission, ICMP, num_packets. */
static void eth(void)
{
	struct conv web = { 4, 6, "10.0.0.1", "10.0.0.2", 40000, 80, 0,
			    "http", -1 };
	struct conv junk = { 4, 17, "10.0.0.1", "10.0.0.3", 5353, 9999, 0,
			     "unknown", -1 };
	struct conv echo = { 4, 1, "10.0.0.1", "10.0.0.2", 7, 0, 0, "ping", -1 };
	struct conv unreach = { 4, 1, "10.0.0.3", "10.0.0.1", 0, 0, 0, "", -1,
				.itype = 3 };	/* an error: not a flow */
	int i;

	cap_open("eth.pcap", 1, 0);
	handshake(&web, 1000, 5000);
	tcp(&web, 0, PSH | ACK, 1001, "GET /a");
	tcp(&web, 0, PSH | ACK, 1013, " HTTP/1.0\r\n");	/* after a gap */
	tcp(&web, 0, PSH | ACK, 1001, "GET /a");	/* retransmitted */
	for (i = 0; i < 11; i++)
		send_pkt(&junk, i & 1, 0, 0, "xyz", 3);
	tcp(&web, 0, PSH | ACK, 1007, "bc/d e");	/* fills the gap */
	tcp(&web, 1, PSH | ACK, 5001, "HTTP/1.0 200 OK\r\n");
	send_pkt(&echo, 0, 0, 1, "ping-payload", 12);
	send_pkt(&echo, 1, 0, 1, "ping-payload", 12);
	send_pkt(&unreach, 1, 0, 0, "ping-xxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 32);
	nrows--;
	cap_close();
}

/* 802.1Q, and 802.1ad + 802.1Q (QinQ); a non-IP frame is skipped. */
static void vlan(void)
{
	struct conv one = { 4, 17, "192.168.1.1", "192.168.1.2", 1234, 53, 0,
			    "greet", -1 };
	struct conv two = { 4, 17, "192.168.1.1", "192.168.1.2", 1235, 53, 0,
			    "greet", -1 };
	static const u8 arp[28] = { 0, 1, 8, 0, 6, 4, 0, 1 };

	cap_open("vlan.pcap", 1, 0);
	cap.nvlan = 1;
	cap.vlan[0] = 0x8100;
	send_pkt(&one, 0, 0, 0, "Hello", 5);
	cap_frame(0x0806, arp, sizeof(arp));
	cap.nvlan = 2;
	cap.vlan[0] = 0x88a8;
	cap.vlan[1] = 0x8100;
	send_pkt(&two, 0, 0, 0, "hello again", 11);
	send_pkt(&two, 1, 0, 0, "reply", 5);
	cap_close();
}

/* Linux cooked v1, IPv6 with extension headers; a fragment skipped. */
static void sll(void)
{
	struct conv ssh = { 6, 6, "2001:db8::1", "2001:db8::2", 40001, 22, 1,
			    "ssh", -1 };
	/* past a mobility header, which conntrack and ipv6_find_hdr()
	 * take for the transport: not TCP for the kernel, not a flow */
	struct conv mob = { 6, 6, "2001:db8::1", "2001:db8::3", 40002, 22, 2,
			    "", -1 };
	u8 frag[48] = { 0x60, 0, 0, 0, 0, 8, 44, 64 };

	cap_open("sll.pcap", 113, 0);
	handshake(&ssh, 7, 70000);
	tcp(&ssh, 1, PSH | ACK, 70001, "SSH-2.0-test\r\n");
	tcp(&mob, 0, PSH | ACK, 5, "SSH-2.0-mob\r\n");
	nrows--;
	frag[40] = 6;		/* a non-first fragment: no TCP header */
	put16(frag + 42, 8 << 3);
	cap_frame(0x86dd, frag, sizeof(frag));
	cap_close();
}

static void sll2(void)
{
	struct conv u = { 4, 17, "172.16.0.1", "172.16.0.2", 4000, 4001, 0,
			  "greet", -1 };

	cap_open("sll2.pcap", 276, 0);
	send_pkt(&u, 0, 0, 0, "hello sll2", 10);
	cap_close();
}

/* Raw IP: TCP seen mid-stream (no SYN), ICMPv6 echo. */
static void raw(void)
{
	struct conv t = { 4, 6, "10.1.1.1", "10.1.1.2", 3333, 4444, 0,
			  "greet", -1 };
	struct conv e = { 6, 58, "2001:db8::5", "2001:db8::6", 9, 0, 0,
			  "ping", -1 };

	cap_open("raw.pcap", 101, 0);
	tcp(&t, 0, PSH | ACK, 123456, "hel");
	tcp(&t, 0, PSH | ACK, 123459, "lo raw");
	send_pkt(&e, 0, 0, 1, "ping-6", 6);
	send_pkt(&e, 1, 0, 1, "ping-6", 6);
	cap_close();
}

/*
 * One 5-tuple, three connections: closed by FINs, then by the client's
 * RST (a SYN from the side that sent the RST reopens it).
 */
static void reuse(void)
{
	struct conv c1 = { 4, 6, "10.0.0.1", "10.0.0.2", 40000, 80, 0,
			   "greet", -1 };
	struct conv c2 = c1, c3 = c1;

	c2.verdict = "http";
	c3.verdict = "unset";
	cap_open("reuse.pcap", 1, 0);
	handshake(&c1, 100, 200);
	tcp(&c1, 0, PSH | ACK, 101, "hello one");
	tcp(&c1, 0, FIN | ACK, 110, "");
	tcp(&c1, 1, FIN | ACK, 201, "");
	tcp(&c1, 0, ACK, 111, "");
	handshake(&c2, 9000, 9500);
	tcp(&c2, 0, PSH | ACK, 9001, "GET /abc/d e HTTP/1.0\r\n");
	tcp(&c2, 0, RST, 9024, "");
	handshake(&c3, 30000, 31000);
	tcp(&c3, 0, PSH | ACK, 30001, "quit");
	cap_close();
}

/*
 * TCP connections that close undecided give up as in xt_layer7: when
 * conntrack reaches TIME_WAIT (the ACK after FINs both ways) or CLOSE
 * (a RST); a capture that ends between the FINs and that ACK leaves the
 * connection undecided.  A RST's own data is still tested by every rule.
 */
static void closing(void)
{
	struct conv c1 = { 4, 6, "10.5.5.1", "10.5.5.2", 41000, 7000, 0,
			   "unknown", -1 };
	struct conv c2 = c1, c3 = c1, c4 = c1;

	c2.pa = 41001;
	c2.verdict = "unset";
	c3.pa = 41002;
	c4.pa = 41003;
	c4.verdict = "ssh";	/* the RST's data, for a rule after others */
	cap_open("closing.pcap", 1, 0);
	handshake(&c1, 100, 200);
	tcp(&c1, 0, PSH | ACK, 101, "quit");
	tcp(&c1, 0, FIN | ACK, 105, "");
	tcp(&c1, 1, FIN | ACK, 201, "");
	tcp(&c1, 0, ACK, 106, "");
	handshake(&c3, 500, 600);
	tcp(&c3, 0, PSH | ACK, 501, "nope");
	tcp(&c3, 1, RST, 601, "");
	handshake(&c2, 300, 400);
	tcp(&c2, 0, PSH | ACK, 301, "quit");
	tcp(&c2, 0, FIN | ACK, 305, "");
	tcp(&c2, 1, FIN | ACK, 401, "");
	handshake(&c4, 700, 800);
	tcp(&c4, 0, RST | ACK, 701, "SSH-2.0-x");
	cap_close();
}

/*
 * SYNs on a closing or closed 5-tuple, as nf_conntrack_tcp_packet()
 * takes them: a SYN after the server's RST (no FIN before) or before
 * the last ACK of a close is ignored, and the SYN/ACK answering it
 * moves the old entry to SYN_RECV: one connection for xt_layer7, the
 * old one's verdict.  After CLOSE's 10 s the entry is gone.  A FIN
 * retransmitted before any FIN from the peer also reaches LAST_ACK,
 * and the next ACK TIME_WAIT: the connection gives up.
 */
static void reopen(void)
{
	struct conv a = { 4, 6, "10.8.8.1", "10.8.8.2", 42000, 8000, 0,
			  "greet", -1 };
	struct conv b1 = a, b2 = a, c = a, d = a;

	b1.pa = 42001;
	b1.verdict = "unknown";
	b2.pa = 42001;
	c.pa = 42002;
	c.verdict = "unset";	/* "quit" then "hello c": one buffer */
	d.pa = 42003;
	d.verdict = "unknown";
	cap_open("reopen.pcap", 1, 0);
	handshake(&a, 100, 200);
	tcp(&a, 0, PSH | ACK, 101, "hello a");
	tcp(&a, 1, RST | ACK, 201, "");
	handshake(&a, 5000, 6000);			/* 1 s later: resync */
	tcp(&a, 0, PSH | ACK, 5001, "GET /abc/d e HTTP/1.0\r\n");
	handshake(&b1, 300, 400);
	tcp(&b1, 0, PSH | ACK, 301, "nope");
	tcp(&b1, 1, RST | ACK, 401, "");
	cap.ts += 10;
	handshake(&b2, 7000, 8000);			/* 11 s later: new */
	tcp(&b2, 0, PSH | ACK, 7001, "hello b");
	handshake(&c, 500, 600);
	tcp(&c, 0, PSH | ACK, 501, "quit");
	tcp(&c, 0, FIN | ACK, 505, "");
	tcp(&c, 1, FIN | ACK, 601, "");			/* LAST_ACK */
	handshake(&c, 9000, 9500);			/* resync */
	tcp(&c, 0, PSH | ACK, 9001, "hello c");
	handshake(&d, 700, 800);
	tcp(&d, 0, PSH | ACK, 701, "quit");
	tcp(&d, 0, FIN | ACK, 705, "");
	tcp(&d, 0, FIN | ACK, 705, "");			/* retransmitted */
	tcp(&d, 1, ACK, 801, "");			/* TIME_WAIT */
	cap_close();
}

/* A packet of @c that conntrack leaves untracked: no flow, not counted. */
static void untracked_pkt(const struct conv *c, int dir, u8 flags,
			  const char *data)
{
	struct conv tmp = *c;

	tmp.row = -1;
	send_pkt(&tmp, dir, flags, 1, data, strlen(data));
	memset(&rows[--nrows], 0, sizeof(rows[0]));
}

/*
 * What tcp_new() and icmp_new() create no entry for: a first TCP packet
 * other than a SYN or an ACK (the client's ACK after a SYN/ACK the
 * capture starts with picks the connection up, its sender the client),
 * an echo reply without its request.  ICMP tuples hold the type: an
 * echo and a timestamp request with one identifier are two entries.
 */
static void untracked(void)
{
	struct conv t = { 4, 6, "10.9.1.1", "10.9.1.2", 43000, 9000, 0,
			  "greet", -1 };
	struct conv lone = { 4, 6, "10.9.1.1", "10.9.1.2", 43001, 9000, 0,
			     "", -1 };
	struct conv reply = { 4, 1, "10.9.1.1", "10.9.1.2", 77, 0, 0, "", -1 };
	struct conv echo = { 4, 1, "10.9.1.1", "10.9.1.2", 5, 0, 0, "ping",
			     -1 };
	struct conv ts = { 4, 1, "10.9.1.1", "10.9.1.2", 5, 0, 0, "unset",
			   -1, .itype = 13 };

	cap_open("untracked.pcap", 1, 0);
	untracked_pkt(&t, 1, SYN | ACK, "");
	tcp(&t, 0, ACK, 1, "");
	tcp(&t, 0, PSH | ACK, 1, "hello t");
	untracked_pkt(&lone, 0, FIN | ACK, "");
	untracked_pkt(&lone, 1, RST, "");
	untracked_pkt(&reply, 1, 0, "ping-lone");	/* echo reply */
	send_pkt(&echo, 0, 0, 1, "ping-e", 6);
	send_pkt(&ts, 0, 0, 1, "xxxxxxxxxxxx", 12);
	send_pkt(&echo, 1, 0, 1, "ping-e", 6);
	cap_close();
}

/*
 * One UDP 5-tuple, split as conntrack's timeouts split it: 30 s without
 * a reply, 30 s while the entry is at most 2 s old, 120 s after (the
 * reply counts from the packet after it).  Records are 1 s apart
 * unless a gap is added.
 */
static void udptimeout(void)
{
	struct conv c1 = { 4, 17, "10.4.4.1", "10.4.4.2", 5000, 5001, 0,
			   "greet", -1 };
	struct conv c2 = c1, c3 = c1;
	struct conv c4 = { 4, 17, "10.4.4.2", "10.4.4.1", 5001, 5000, 0,
			   "greet", -1 };		/* the server speaks first */

	cap_open("udptimeout.pcap", 1, 0);
	send_pkt(&c1, 0, 0, 0, "hello 1", 7);		/* t 1 */
	cap.ts += 3;
	send_pkt(&c1, 0, 0, 0, "again", 5);		/* t 5: unreplied */
	cap.ts += 30;
	send_pkt(&c2, 0, 0, 0, "hello 2", 7);		/* t 36: 31 s later */
	send_pkt(&c2, 1, 0, 0, "back", 4);
	send_pkt(&c2, 0, 0, 0, "young", 5);		/* t 38: age 2 s */
	cap.ts += 30;
	send_pkt(&c3, 0, 0, 0, "hello 3", 7);		/* t 69: 31 s later */
	send_pkt(&c3, 1, 0, 0, "back", 4);
	cap.ts += 1;
	send_pkt(&c3, 0, 0, 0, "stream", 6);		/* t 72: age 3 s */
	cap.ts += 119;
	send_pkt(&c3, 1, 0, 0, "120 s", 5);		/* t 192: still it */
	cap.ts += 120;
	send_pkt(&c4, 0, 0, 0, "hello 4", 7);		/* t 313: 121 s later */
	cap_close();
}

/*
 * ICMP queries time out as conntrack's (30 s, each packet refreshing
 * it).  A record stamped earlier than the one before it (captures of
 * several interfaces merged) neither expires a connection nor pulls
 * its expiry back.
 */
static void icmptimeout(void)
{
	struct conv e1 = { 4, 1, "10.6.6.1", "10.6.6.2", 9, 0, 0, "unset",
			   -1 };
	struct conv e2 = { 4, 1, "10.6.6.1", "10.6.6.2", 9, 0, 0, "ping",
			   -1 };
	struct conv u = { 4, 17, "10.6.6.1", "10.6.6.2", 6000, 6001, 0,
			  "greet", -1 };

	cap_open("icmptimeout.pcap", 1, 0);
	send_pkt(&e1, 0, 0, 1, "xxxx", 4);		/* t 1 */
	cap.ts += 28;
	send_pkt(&e1, 1, 0, 1, "xxxx", 4);		/* t 30: 29 s later */
	cap.ts += 30;
	send_pkt(&e2, 0, 0, 2, "ping-2", 6);		/* t 61: 31 s later */
	send_pkt(&u, 0, 0, 0, "hello u", 7);		/* t 62 */
	cap.ts += 19;
	send_pkt(&u, 0, 0, 0, "two", 3);		/* t 82: until 112 */
	cap.ts -= 20;
	send_pkt(&u, 0, 0, 0, "early", 5);		/* t 63, stamped back */
	cap.ts += 36;
	send_pkt(&u, 0, 0, 0, "late", 4);		/* t 100: 18 s after 82 */
	cap_close();
}

/*
 * UDP-Lite, which xt_layer7 classifies like UDP; conntrack's timeouts
 * are UDP's, but a reply makes it a stream at once (no 2 s age).
 */
static void udplite(void)
{
	struct conv c1 = { 4, 136, "10.7.7.1", "10.7.7.2", 8000, 8001, 0,
			   "greet", -1 };
	struct conv c2 = { 6, 136, "fd07::1", "fd07::2", 8000, 8001, 0,
			   "unset", -1 };
	struct conv c3 = c2;

	c3.verdict = "greet";
	cap_open("udplite.pcap", 1, 0);
	send_pkt(&c1, 0, 0, 0, "hello lite", 10);
	send_pkt(&c1, 1, 0, 0, "back", 4);
	send_pkt(&c2, 0, 0, 0, "hi", 2);		/* t 3 */
	send_pkt(&c2, 1, 0, 0, "back", 4);		/* t 4 */
	send_pkt(&c2, 0, 0, 0, "x", 1);		/* t 5: a stream, 120 s */
	cap.ts += 100;
	send_pkt(&c2, 0, 0, 0, "y", 1);		/* t 106: still it */
	cap.ts += 120;
	send_pkt(&c3, 0, 0, 0, "hello 6", 7);		/* t 227: 121 s later */
	cap_close();
}

static void ng(void)
{
	struct conv u = { 4, 17, "10.9.9.1", "10.9.9.2", 7000, 7001, 0,
			  "greet", -1 };

	cap_open("ng.pcapng", 1, 1);
	send_pkt(&u, 0, 0, 0, "hello ng", 8);
	send_pkt(&u, 1, 0, 0, "pong", 4);
	cap_close();
}

/* Cut in the middle of the third record: two packets stay readable. */
static void truncated(void)
{
	struct conv u = { 4, 17, "10.2.2.1", "10.2.2.2", 1111, 2222, 0,
			  "greet", -1 };
	FILE *e;
	long off;

	cap_open("truncated.pcap", 1, 0);
	send_pkt(&u, 0, 0, 0, "hello t", 7);
	send_pkt(&u, 1, 0, 0, "back", 4);
	off = send_pkt(&u, 0, 0, 0, "lost in the cut", 15);
	rows[u.row].pk--;
	rows[u.row].by -= 20 + 8 + 15;
	cap_close();
	if (truncate("truncated.pcap", off + 16 + 10)) {
		perror("truncate");
		exit(1);
	}
	e = fopen("truncated.pcap.offset", "w");
	if (!e) {
		perror("truncated.pcap.offset");
		exit(1);
	}
	fprintf(e, "%ld\n", off);
	fclose(e);
}

static void badlink(void)
{
	struct conv u = { 4, 17, "10.3.3.1", "10.3.3.2", 1, 2, 0, "", -1 };

	cap_open("badlink.pcap", 147, 0);
	send_pkt(&u, 0, 0, 0, "hello", 5);
	nrows = 0;	/* nothing may be printed */
	cap_close();
}

/*
 * mkcaps --mutate IN OUT SEED: IN with a few bytes after the file
 * header replaced by pseudo-random ones (robustness runs).
 */
static int mutate(const char *in, const char *out, unsigned int seed)
{
	static u8 buf[1 << 16];
	FILE *f = fopen(in, "rb");
	size_t n, i;

	if (!f)
		return 1;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	srand(seed);
	for (i = 0; i < 4 && n > 24; i++)
		buf[24 + (size_t)rand() % (n - 24)] = (u8)rand();
	f = fopen(out, "wb");
	if (!f || fwrite(buf, 1, n, f) != n)
		return 1;
	return fclose(f) ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "--mutate"))
		return mutate(argv[2], argv[3], (unsigned int)atoi(argv[4]));
	helper_captures();
	eth();
	vlan();
	sll();
	sll2();
	raw();
	reuse();
	closing();
	reopen();
	untracked();
	udptimeout();
	icmptimeout();
	udplite();
	ng();
	truncated();
	badlink();
	return 0;
}
