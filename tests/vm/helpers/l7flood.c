// SPDX-License-Identifier: GPL-2.0
/*
 * l7flood: connection attempts from random addresses and ports, as a
 * SYN or UDP flood sends them (VM tests: tests/vm/t/k-flood.sh).
 *
 *   l7flood -s SRC/LEN -d DST/LEN [-n COUNT] [-T SECS] [-u PERCENT]
 *           [-l BYTES] [-p PORT] [-r SEED]
 *
 * Sends COUNT IPv4 packets (default 100000; 0: no limit but SECS), or
 * as many as fit in SECS, through a raw socket: TCP SYNs without
 * payload, and PERCENT of them (default 0) UDP datagrams of BYTES
 * bytes of payload (default 0).  Every packet has a source address
 * drawn from SRC/LEN, a destination from DST/LEN (the routes decide
 * where they go) and random ports (the destination port is PORT if
 * given), so each is a new conntrack entry.  The run is deterministic
 * for a SEED.  Prints "sent N in S s: R/s".
 *
 * Checksums are right, so conntrack tracks every packet.  Batches of 64
 * per sendmmsg(): under an emulated CPU the syscall is the cost.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH		64
#define MAX_PAYLOAD	1400
#define PKT_MAX		(20 + 20 + MAX_PAYLOAD)

struct net4 {
	uint32_t base;		/* host order */
	uint32_t mask;		/* host bits */
};

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(void)
{
	/* xorshift64*: fast and good enough for addresses and ports */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 0x2545f4914f6cdd1dull) >> 32);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int parse_net(const char *s, struct net4 *n)
{
	char buf[64], *slash;
	struct in_addr a;
	unsigned long len;

	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (!slash)
		return -1;
	*slash = 0;
	len = strtoul(slash + 1, NULL, 10);
	if (inet_pton(AF_INET, buf, &a) != 1 || len < 1 || len > 32)
		return -1;
	n->mask = len == 32 ? 0 : 0xffffffffu >> len;
	n->base = ntohl(a.s_addr) & ~n->mask;
	return 0;
}

/* A host address of @n: neither the network's nor its broadcast. */
static uint32_t pick(const struct net4 *n)
{
	uint32_t h;

	if (n->mask < 3)
		return n->base | (rnd() & n->mask);
	do
		h = rnd() & n->mask;
	while (h == 0 || h == n->mask);
	return n->base | h;
}

static uint32_t sum16(const void *p, size_t len, uint32_t sum)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)b[i] << 8 | b[i + 1];
	if (len & 1)
		sum += (uint32_t)b[len - 1] << 8;
	return sum;
}

static uint16_t fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* The L4 checksum over the pseudo header and @l4 (@len bytes). */
static uint16_t l4sum(uint32_t src, uint32_t dst, uint8_t proto,
		      const uint8_t *l4, size_t len)
{
	uint32_t sum = 0;

	sum += src >> 16;
	sum += src & 0xffff;
	sum += dst >> 16;
	sum += dst & 0xffff;
	sum += proto;
	sum += (uint32_t)len;
	return fold(sum16(l4, len, sum));
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

/* One packet into @p; returns its length, its destination in *@dst. */
static size_t build(uint8_t *p, const struct net4 *sn, const struct net4 *dn,
		    int udp, size_t plen, int dport, uint32_t *dst)
{
	uint32_t src = pick(sn);
	uint8_t *l4 = p + 20;
	size_t l4len = udp ? 8 + plen : 20;
	uint16_t sport = (uint16_t)(1024 + rnd() % 64512);
	uint16_t dp = (uint16_t)(dport ? (uint32_t)dport : 1 + rnd() % 65535);
	size_t i;

	*dst = pick(dn);
	memset(p, 0, 40);
	p[0] = 0x45;
	put16(p + 2, (uint16_t)(20 + l4len));
	p[8] = 64;
	p[9] = udp ? IPPROTO_UDP : IPPROTO_TCP;
	put32(p + 12, src);
	put32(p + 16, *dst);	/* the kernel fills id and checksum */
	put16(l4, sport);
	put16(l4 + 2, dp);
	if (udp) {
		put16(l4 + 4, (uint16_t)l4len);
		for (i = 0; i < plen; i++)
			l4[8 + i] = (uint8_t)('a' + rnd() % 26);
	} else {
		put32(l4 + 4, rnd());	/* sequence number */
		l4[12] = 5 << 4;	/* header length */
		l4[13] = 0x02;		/* SYN */
		put16(l4 + 14, 64240);	/* window */
	}
	put16(l4 + (udp ? 6 : 16), l4sum(src, *dst, p[9], l4, l4len));
	return 20 + l4len;
}

static int usage(void)
{
	fprintf(stderr, "usage: l7flood -s SRC/LEN -d DST/LEN [-n COUNT] [-T SECS]"
		" [-u PERCENT] [-l BYTES] [-p PORT] [-r SEED]\n");
	return 2;
}

int main(int argc, char **argv)
{
	static uint8_t pkts[BATCH][PKT_MAX];
	struct sockaddr_in to[BATCH];
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	struct net4 sn = { 0 }, dn = { 0 };
	long count = 100000, sent = 0, errors = 0;
	int opt, fd, udp_pct = 0, dport = 0, have_s = 0, have_d = 0;
	double secs = 0, t0, end, dt;
	size_t plen = 0;

	while ((opt = getopt(argc, argv, "s:d:n:T:u:l:p:r:")) != -1) {
		switch (opt) {
		case 's': have_s = !parse_net(optarg, &sn); break;
		case 'd': have_d = !parse_net(optarg, &dn); break;
		case 'n': count = atol(optarg); break;
		case 'T': secs = atof(optarg); break;
		case 'u': udp_pct = atoi(optarg); break;
		case 'l': plen = strtoul(optarg, NULL, 10); break;
		case 'p': dport = atoi(optarg); break;
		case 'r': rng ^= strtoull(optarg, NULL, 0) * 0x100000001b3ull; break;
		default: return usage();
		}
	}
	if (count == 0 && secs > 0)
		count = 1L << 62;
	if (!have_s || !have_d || count < 1 || plen > MAX_PAYLOAD ||
	    udp_pct < 0 || udp_pct > 100 || dport < 0 || dport > 65535)
		return usage();
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);	/* IP_HDRINCL */
	if (fd < 0) {
		perror("l7flood: raw socket");
		return 1;
	}
	t0 = now();
	end = secs > 0 ? t0 + secs : 0;
	while (sent < count && (!end || now() < end)) {
		int n = count - sent < BATCH ? (int)(count - sent) : BATCH;
		int i, r;

		for (i = 0; i < n; i++) {
			uint32_t dst;
			int udp = (int)(rnd() % 100) < udp_pct;

			iov[i].iov_base = pkts[i];
			iov[i].iov_len = build(pkts[i], &sn, &dn, udp, plen,
					       dport, &dst);
			memset(&to[i], 0, sizeof(to[i]));
			to[i].sin_family = AF_INET;
			to[i].sin_addr.s_addr = htonl(dst);
			memset(&msgs[i], 0, sizeof(msgs[i]));
			msgs[i].msg_hdr.msg_name = &to[i];
			msgs[i].msg_hdr.msg_namelen = sizeof(to[i]);
			msgs[i].msg_hdr.msg_iov = &iov[i];
			msgs[i].msg_hdr.msg_iovlen = 1;
		}
		r = sendmmsg(fd, msgs, (unsigned int)n, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			/* a full queue or a neighbour not resolved yet */
			if (errno == ENOBUFS || errno == EAGAIN) {
				if (++errors > 100000) {
					perror("l7flood: sendmmsg");
					return 1;
				}
				usleep(1000);
				continue;
			}
			perror("l7flood: sendmmsg");
			return 1;
		}
		sent += r;
	}
	dt = now() - t0;
	printf("sent %ld in %.2f s: %.0f/s\n", sent, dt, dt > 0 ? sent / dt : 0.0);
	return 0;
}
