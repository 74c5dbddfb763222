// SPDX-License-Identifier: GPL-2.0
/*
 * l7rst: open a TCP connection by hand over a raw socket and end it with
 * a RST that carries data (VM tests: no socket API sends one).
 *
 *   l7rst SRC SPORT DST DPORT TEXT
 *
 * SYN, wait for the SYN/ACK, ACK, then RST|ACK with TEXT as payload, in
 * sequence.  Packets leave with mark 7, so that the scenario can drop
 * the RST the local stack answers the SYN/ACK with (no socket owns
 * SPORT) and let ours pass:
 *   iptables -A OUTPUT -p tcp --tcp-flags RST RST -m mark ! --mark 7 -j DROP
 * Exit status 0 once the RST was sent.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define F_SYN	0x02
#define F_RST	0x04
#define F_ACK	0x10

static struct in_addr src, dst;
static uint16_t sport, dport;
static int fd;

static uint32_t sum16(const uint8_t *p, size_t n, uint32_t s)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	return s;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static int send_seg(uint8_t flags, uint32_t seq, uint32_t ack,
		    const char *data)
{
	uint8_t seg[1500], pseudo[12];
	size_t dlen = strlen(data), len = 20 + dlen;
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_addr = dst };
	uint32_t s;

	if (len > sizeof(seg))
		return -1;
	memset(seg, 0, 20);
	put16(seg, sport);
	put16(seg + 2, dport);
	put32(seg + 4, seq);
	put32(seg + 8, ack);
	seg[12] = 5 << 4;
	seg[13] = flags;
	put16(seg + 14, 64240);
	memcpy(seg + 20, data, dlen);
	memcpy(pseudo, &src, 4);
	memcpy(pseudo + 4, &dst, 4);
	pseudo[8] = 0;
	pseudo[9] = IPPROTO_TCP;
	put16(pseudo + 10, len);
	s = sum16(seg, len, sum16(pseudo, 12, 0));
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	put16(seg + 16, ~s);
	if (sendto(fd, seg, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
		return -1;
	return 0;
}

/* The server's ISN from its SYN/ACK to our SYN (ISN @isn); 3 s at most. */
static int wait_synack(uint32_t isn, uint32_t *sisn)
{
	uint8_t buf[2048];
	struct pollfd p = { .fd = fd, .events = POLLIN };

	while (poll(&p, 1, 3000) > 0) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		const uint8_t *th;
		size_t ihl;

		if (n < 20)
			continue;
		ihl = (buf[0] & 0xf) * 4;
		if ((size_t)n < ihl + 20 || memcmp(buf + 12, &dst, 4))
			continue;
		th = buf + ihl;
		if ((th[0] << 8 | th[1]) != dport ||
		    (th[2] << 8 | th[3]) != sport)
			continue;
		if ((th[13] & (F_SYN | F_ACK)) == (F_SYN | F_ACK) &&
		    get32(th + 8) == isn + 1) {
			*sisn = get32(th + 4);
			return 0;
		}
	}
	return -1;
}

int main(int argc, char **argv)
{
	uint32_t isn = 0x10000000, sisn;
	int mark = 7;

	if (argc != 6 || !inet_aton(argv[1], &src) ||
	    !inet_aton(argv[3], &dst)) {
		fprintf(stderr, "usage: l7rst SRC SPORT DST DPORT TEXT\n");
		return 2;
	}
	sport = atoi(argv[2]);
	dport = atoi(argv[4]);
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_TCP);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_MARK, &mark, sizeof(mark))) {
		perror("l7rst: raw socket");
		return 1;
	}
	if (send_seg(F_SYN, isn, 0, "") || wait_synack(isn, &sisn)) {
		fprintf(stderr, "l7rst: no SYN/ACK from %s:%u\n", argv[3], dport);
		return 1;
	}
	if (send_seg(F_ACK, isn + 1, sisn + 1, "") ||
	    send_seg(F_RST | F_ACK, isn + 1, sisn + 1, argv[5])) {
		perror("l7rst: send");
		return 1;
	}
	return 0;
}
