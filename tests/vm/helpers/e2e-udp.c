/* e2e-udp: UDP peers for the VM scenarios (busybox nc has no UDP).
 *
 *   e2e-udp -l PORT [-6]
 *	Answer every datagram: a DNS query gets its header back with QR set
 *	(a minimal response), anything else is echoed.
 *
 *   e2e-udp HOST PORT (-d NAME | -s TEXT | -r SIZE) [-p COUNT] [-w SECS]
 *	Send COUNT datagrams (default 1), 50 ms apart: a DNS A query for
 *	NAME (RFC 1035 4.1), TEXT (C escapes allowed) or SIZE garbage bytes;
 *	wait for each answer.  Exit 0 when every datagram was answered.
 */
#include <errno.h>
#include <poll.h>
#include <unistd.h>

#include "e2e-common.h"

static int server(const char *port, int v6)
{
	struct sockaddr_storage ss, peer;
	socklen_t sl = e2e_addr(v6 ? "::" : "0.0.0.0", port, &ss), pl;
	unsigned char buf[2048];
	int s;

	if (!sl) {
		fprintf(stderr, "e2e-udp: bad port %s\n", port);
		return 2;
	}
	s = socket(ss.ss_family, SOCK_DGRAM, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&ss, sl)) {
		perror("e2e-udp: bind");
		return 1;
	}
	for (;;) {
		ssize_t n;

		pl = sizeof(peer);
		n = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&peer, &pl);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("e2e-udp: recvfrom");
			return 1;
		}
		/* a query (QR clear, one question): answer "no error, no data" */
		if (n >= 12 && !(buf[2] & 0x80) && buf[4] == 0 && buf[5] == 1)
			buf[2] |= 0x80;
		sendto(s, buf, (size_t)n, 0, (struct sockaddr *)&peer, pl);
	}
}

/* A standard query for NAME, type A, class IN; returns the length. */
static size_t dns_query(unsigned char *q, size_t cap, const char *name, unsigned id)
{
	size_t n = 12;

	memset(q, 0, 12);
	q[0] = (unsigned char)(id >> 8);
	q[1] = (unsigned char)id;
	q[2] = 0x01;		/* RD */
	q[5] = 1;		/* QDCOUNT */
	while (*name) {
		const char *dot = strchr(name, '.');
		size_t l = dot ? (size_t)(dot - name) : strlen(name);

		if (l == 0 || l > 63 || n + l + 6 > cap)
			return 0;
		q[n++] = (unsigned char)l;
		memcpy(q + n, name, l);
		n += l;
		name += l + (dot ? 1 : 0);
	}
	q[n++] = 0;
	q[n++] = 0;
	q[n++] = 1;		/* QTYPE A */
	q[n++] = 0;
	q[n++] = 1;		/* QCLASS IN */
	return n;
}

int main(int argc, char **argv)
{
	char *lport = NULL, *name = NULL, *text = NULL;
	long rsize = 0, count = 1;
	int v6 = 0, secs = 3, opt, s;
	unsigned char msg[2048], ans[2048];
	struct sockaddr_storage ss;
	socklen_t sl;
	uint32_t st = 1;

	while ((opt = getopt(argc, argv, "l:6d:s:r:p:w:")) != -1) {
		switch (opt) {
		case 'l': lport = optarg; break;
		case '6': v6 = 1; break;
		case 'd': name = optarg; break;
		case 's': text = optarg; break;
		case 'r': rsize = strtol(optarg, NULL, 10); break;
		case 'p': count = strtol(optarg, NULL, 10); break;
		case 'w': secs = atoi(optarg); break;
		default: goto usage;
		}
	}
	if (lport)
		return server(lport, v6);
	if (argc - optind != 2 || !!name + !!text + !!rsize != 1 || count < 1 ||
	    rsize < 0 || rsize > (long)sizeof(msg) || secs <= 0)
		goto usage;
	sl = e2e_addr(argv[optind], argv[optind + 1], &ss);
	if (!sl)
		goto usage;
	s = socket(ss.ss_family, SOCK_DGRAM, 0);
	if (s < 0 || connect(s, (struct sockaddr *)&ss, sl)) {
		perror("e2e-udp: connect");
		return 1;
	}
	for (long k = 0; k < count; k++) {
		struct pollfd pfd = { .fd = s, .events = POLLIN };
		size_t n;

		if (name) {
			n = dns_query(msg, sizeof(msg), name, 0x4a00u + (unsigned)k);
			if (!n) {
				fprintf(stderr, "e2e-udp: bad name %s\n", name);
				return 2;
			}
		} else if (text) {
			n = strlen(text);
			memcpy(msg, text, n + 1);
			n = e2e_unescape((char *)msg);
		} else {
			n = (size_t)rsize;
			e2e_garbage(msg, n, &st);
		}
		if (k)
			usleep(50000);
		if (send(s, msg, n, 0) < 0) {
			perror("e2e-udp: send");
			return 1;
		}
		if (poll(&pfd, 1, secs * 1000) <= 0 || recv(s, ans, sizeof(ans), 0) < 0) {
			fprintf(stderr, "e2e-udp: no answer to datagram %ld\n", k + 1);
			return 1;
		}
	}
	printf("%ld datagram(s) answered\n", count);
	return 0;
usage:
	fprintf(stderr,
		"usage: e2e-udp -l PORT [-6]\n"
		"       e2e-udp HOST PORT (-d NAME | -s TEXT | -r SIZE) [-p COUNT] [-w SECS]\n");
	return 2;
}
