// SPDX-License-Identifier: GPL-2.0
/*
 * l7conv: play one side of a scripted TCP or UDP conversation (VM tests).
 *
 *   l7conv [-6] [-u] [-k] -l PORT STEP...          server
 *   l7conv [-6] [-u] [-N COUNT] -c ADDR PORT STEP...  client
 *
 * -u UDP (the server connects to the first peer it hears from), -6 IPv6,
 * -k serve connections forever (TCP: a process each), -N run the client's
 * conversation COUNT times, one connection each, and print the rate.
 *
 * Steps, in order:
 *   s:TEXT  send TEXT (escapes \n \r \t \\ \xHH)
 *   r       receive once (waits up to 3 s; a UDP server's first, 60 s)
 *   r:N     receive until N bytes in total arrived
 *   d       receive until the peer closes (TCP)
 *   b:N     send N bytes of filler text ("bulk"), print the rate; TCP:
 *           then half-close and wait until the peer closes
 *   g:N     send N bytes of pseudo-random binary data
 *   w:MS    sleep MS milliseconds
 * Exit status 0 when every step succeeded.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int family = AF_INET, type = SOCK_STREAM;
static int connected;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int die(const char *what)
{
	fprintf(stderr, "l7conv: %s: %s\n", what, strerror(errno));
	return 1;
}

static size_t unescape(const char *in, char *out)
{
	size_t n = 0;
	unsigned int v;

	while (*in) {
		if (*in != '\\' || !in[1]) {
			out[n++] = *in++;
			continue;
		}
		in++;
		switch (*in) {
		case 'n': out[n++] = '\n'; in++; break;
		case 'r': out[n++] = '\r'; in++; break;
		case 't': out[n++] = '\t'; in++; break;
		case 'x':
			if (sscanf(in + 1, "%2x", &v) == 1) {
				out[n++] = (char)v;
				in += 3;
				break;
			}
			/* fall through */
		default: out[n++] = *in++; break;
		}
	}
	return n;
}

static int send_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return die("send");
		}
		p += n;
		len -= n;
	}
	return 0;
}

/* Receive once; returns bytes, 0 at EOF, -1 on error or timeout. */
static ssize_t recv_once(int fd, char *buf, size_t size)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct sockaddr_storage peer;
	socklen_t plen = sizeof(peer);
	ssize_t n;

	/*
	 * A UDP server's first datagram comes when the test has seen the
	 * socket and started the client: under an emulated, loaded machine
	 * that takes more than the usual 3 s.
	 */
	int ms = type == SOCK_DGRAM && !connected ? 60000 : 3000;

	if (poll(&p, 1, ms) != 1) {
		fprintf(stderr, "l7conv: receive: timeout\n");
		return -1;
	}
	n = recvfrom(fd, buf, size, 0, (struct sockaddr *)&peer, &plen);
	if (n < 0)
		return die("recv"), -1;
	if (type == SOCK_DGRAM && !connected) {
		if (connect(fd, (struct sockaddr *)&peer, plen))
			return die("connect to peer"), -1;
		connected = 1;
	}
	return n;
}

static int bulk(int fd, unsigned long long total, int random)
{
	static char buf[65536];
	unsigned long long left = total;
	unsigned int seed = 12345;
	double t0 = now(), dt;
	size_t i;

	for (i = 0; i < sizeof(buf); i++) {
		seed = seed * 1103515245 + 12345;
		buf[i] = random ? (char)(seed >> 16) : "abcdefghij\n"[i % 11];
	}
	while (left) {
		size_t n = left < sizeof(buf) ? left : sizeof(buf);

		if (type == SOCK_DGRAM && n > 1400)
			n = 1400;
		if (send_all(fd, buf, n))
			return 1;
		left -= n;
	}
	/* TCP: measure until the peer has it all (it closes after "d") */
	if (!random && type == SOCK_STREAM) {
		shutdown(fd, SHUT_WR);
		while (recv_once(fd, buf, sizeof(buf)) > 0)
			;
	}
	dt = now() - t0;
	if (!random)
		printf("sent %llu bytes in %.3f s: %.1f Mbit/s\n", total, dt,
		       dt > 0 ? total * 8 / dt / 1e6 : 0.0);
	return 0;
}

static int run_steps(int fd, int nsteps, char **steps)
{
	static char buf[65536], text[65536];
	int i;

	for (i = 0; i < nsteps; i++) {
		const char *s = steps[i];
		unsigned long long want, got;
		ssize_t n;

		switch (s[0]) {
		case 's':
			if (send_all(fd, text, unescape(s + 2, text)))
				return 1;
			break;
		case 'r':
			want = s[1] == ':' ? strtoull(s + 2, NULL, 0) : 1;
			for (got = 0; got < want; got += n) {
				n = recv_once(fd, buf, sizeof(buf));
				if (n <= 0) {
					fprintf(stderr, "l7conv: step %s: got %llu bytes\n",
						s, got);
					return 1;
				}
			}
			break;
		case 'd':
			while ((n = recv_once(fd, buf, sizeof(buf))) > 0)
				;
			if (n < 0)
				return 1;
			break;
		case 'b':
		case 'g':
			if (bulk(fd, strtoull(s + 2, NULL, 0), s[0] == 'g'))
				return 1;
			break;
		case 'w':
			usleep(atoi(s + 2) * 1000);
			break;
		default:
			fprintf(stderr, "l7conv: unknown step %s\n", s);
			return 1;
		}
	}
	return 0;
}

static socklen_t make_addr(struct sockaddr_storage *ss, const char *addr,
			   int port)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons(port);
		if (addr && inet_pton(AF_INET6, addr, &a->sin6_addr) != 1)
			return 0;
		return sizeof(*a);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;

		a->sin_family = AF_INET;
		a->sin_port = htons(port);
		if (addr && inet_pton(AF_INET, addr, &a->sin_addr) != 1)
			return 0;
		return sizeof(*a);
	}
}

static int server(int port, int keep, int nsteps, char **steps)
{
	struct sockaddr_storage ss;
	socklen_t len = make_addr(&ss, NULL, port);
	int one = 1, fd, c, rc;

	fd = socket(family, type, 0);
	if (fd < 0)
		return die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, len))
		return die("bind");
	if (type == SOCK_DGRAM)
		return run_steps(fd, nsteps, steps);
	if (listen(fd, 128))
		return die("listen");
	if (!keep) {
		c = accept(fd, NULL, NULL);
		if (c < 0)
			return die("accept");
		rc = run_steps(c, nsteps, steps);
		close(c);
		return rc;
	}
	/* -k: one child per connection, so that clients never queue */
	signal(SIGCHLD, SIG_IGN);
	for (;;) {
		c = accept(fd, NULL, NULL);
		if (c < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			return die("accept");
		}
		if (fork() == 0) {
			close(fd);
			_exit(run_steps(c, nsteps, steps));
		}
		close(c);
	}
}

static int client(const char *addr, int port, int count, int nsteps,
		  char **steps)
{
	struct sockaddr_storage ss;
	socklen_t len = make_addr(&ss, addr, port);
	double t0 = now(), dt;
	int i, fd;

	if (!len) {
		fprintf(stderr, "l7conv: bad address %s\n", addr);
		return 1;
	}
	for (i = 0; i < count; i++) {
		fd = socket(family, type, 0);
		if (fd < 0)
			return die("socket");
		if (connect(fd, (struct sockaddr *)&ss, len))
			return die("connect");
		connected = 1;
		if (run_steps(fd, nsteps, steps))
			return 1;
		close(fd);
	}
	dt = now() - t0;
	if (count > 1)
		printf("%d conversations in %.3f s: %.1f/s\n", count, dt,
		       dt > 0 ? count / dt : 0.0);
	return 0;
}

int main(int argc, char **argv)
{
	int opt, keep = 0, count = 1;

	while ((opt = getopt(argc, argv, "+6ukN:lc")) != -1) {
		switch (opt) {
		case '6': family = AF_INET6; break;
		case 'u': type = SOCK_DGRAM; break;
		case 'k': keep = 1; break;
		case 'N': count = atoi(optarg); break;
		case 'l':
			if (optind >= argc)
				goto usage;
			return server(atoi(argv[optind]), keep,
				      argc - optind - 1, argv + optind + 1);
		case 'c':
			if (optind + 1 >= argc)
				goto usage;
			return client(argv[optind], atoi(argv[optind + 1]),
				      count, argc - optind - 2,
				      argv + optind + 2);
		default:
			goto usage;
		}
	}
usage:
	fprintf(stderr, "usage: l7conv [-6] [-u] [-k] -l PORT STEP...\n"
		"       l7conv [-6] [-u] [-N COUNT] -c ADDR PORT STEP...\n");
	return 2;
}
