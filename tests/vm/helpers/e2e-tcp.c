/* e2e-tcp: TCP peers for the VM scenarios.
 *
 *   e2e-tcp -l PORT [-6] [-b BANNER] [-n BYTES]
 *	Serve forever (one child per connection): send BANNER (C escapes
 *	allowed), then BYTES bytes of bulk data, then read until the peer
 *	closes.  With -n the server ends its side after sending (a
 *	download).
 *
 *   e2e-tcp HOST PORT [-s TEXT] [-r SIZE -p COUNT | -u BYTES] [-e EXPECT]
 *	   [-w SECS]
 *	Connect, send TEXT, then COUNT packets of SIZE garbage bytes (the
 *	same bytes every run), 20 ms apart, or BYTES of them as fast as the
 *	connection takes them (an upload); close the sending side and read
 *	until EOF.  Prints "received N bytes in T s, R kbit/s", or with -u
 *	"sent N bytes in T s, R kbit/s" (T ends at the server's EOF, after
 *	it read everything).  Exit 0, or 1 when the connection failed, timed
 *	out (SECS, default 10) or the data received does not start with
 *	EXPECT.
 */
#include <errno.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e-common.h"

static void serve_one(int c, const char *banner, size_t blen, long bulk)
{
	static char buf[65536];

	if (blen && e2e_write_all(c, banner, blen))
		return;
	if (bulk > 0) {
		uint32_t st = 1;

		while (bulk > 0) {
			size_t n = bulk > (long)sizeof(buf) ? sizeof(buf) : (size_t)bulk;

			e2e_garbage((unsigned char *)buf, n, &st);
			if (e2e_write_all(c, buf, n))
				return;
			bulk -= (long)n;
		}
		/* EOF for the client, and no RST for what it sent */
		shutdown(c, SHUT_WR);
	}
	while (read(c, buf, sizeof(buf)) > 0)
		;
}

static int server(const char *port, int v6, char *banner, long bulk)
{
	struct sockaddr_storage ss;
	socklen_t sl = e2e_addr(v6 ? "::" : "0.0.0.0", port, &ss);
	size_t blen = banner ? e2e_unescape(banner) : 0;
	int one = 1, s;

	if (!sl) {
		fprintf(stderr, "e2e-tcp: bad port %s\n", port);
		return 2;
	}
	signal(SIGCHLD, SIG_IGN);
	s = socket(ss.ss_family, SOCK_STREAM, 0);
	if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(s, (struct sockaddr *)&ss, sl) || listen(s, 16)) {
		perror("e2e-tcp: listen");
		return 1;
	}
	for (;;) {
		int c = accept(s, NULL, NULL);

		if (c < 0) {
			if (errno == EINTR)
				continue;
			perror("e2e-tcp: accept");
			return 1;
		}
		if (fork() == 0) {
			close(s);
			serve_one(c, banner, blen, bulk);
			close(c);
			_exit(0);
		}
		close(c);
	}
}

static int client(const char *host, const char *port, char *text, long rsize,
		  long rcount, long upload, char *expect, int secs)
{
	struct sockaddr_storage ss;
	socklen_t sl = e2e_addr(host, port, &ss);
	static char buf[65536];
	char head[256];
	size_t hlen = 0, elen = expect ? e2e_unescape(expect) : 0;
	unsigned long long got = 0, sent = 0;
	uint32_t st = 1;
	double t0, t1, deadline;
	int one = 1, s, uploading = upload > 0;

	if (!sl) {
		fprintf(stderr, "e2e-tcp: bad address %s port %s\n", host, port);
		return 2;
	}
	s = socket(ss.ss_family, SOCK_STREAM, 0);
	if (s < 0) {
		perror("e2e-tcp: socket");
		return 1;
	}
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	{
		struct timeval tv = { .tv_sec = secs };

		setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	}
	t0 = e2e_now();
	deadline = t0 + secs;
	if (connect(s, (struct sockaddr *)&ss, sl)) {
		perror("e2e-tcp: connect");
		return 1;
	}
	if (text) {
		size_t n = e2e_unescape(text);

		if (e2e_write_all(s, text, n)) {
			perror("e2e-tcp: write");
			return 1;
		}
		sent += n;
	}
	while (upload > 0) {
		size_t n = upload > (long)sizeof(buf) ? sizeof(buf) : (size_t)upload;

		e2e_garbage((unsigned char *)buf, n, &st);
		if (e2e_write_all(s, buf, n)) {
			perror("e2e-tcp: write");
			return 1;
		}
		sent += n;
		upload -= (long)n;
	}
	for (long k = 0; k < rcount; k++) {
		size_t n = rsize > (long)sizeof(buf) ? sizeof(buf) : (size_t)rsize;

		if (k)
			usleep(20000);
		e2e_garbage((unsigned char *)buf, n, &st);
		if (e2e_write_all(s, buf, n)) {
			perror("e2e-tcp: write");
			return 1;
		}
	}
	shutdown(s, SHUT_WR);
	for (;;) {
		struct pollfd pfd = { .fd = s, .events = POLLIN };
		int left = (int)((deadline - e2e_now()) * 1000);
		ssize_t r;

		if (left <= 0 || poll(&pfd, 1, left) <= 0) {
			fprintf(stderr, "e2e-tcp: timeout after %d s (%llu bytes received)\n",
				secs, got);
			return 1;
		}
		r = read(s, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			perror("e2e-tcp: read");
			return 1;
		}
		if (r == 0)
			break;
		if (hlen < sizeof(head)) {
			size_t n = sizeof(head) - hlen < (size_t)r ? sizeof(head) - hlen : (size_t)r;

			memcpy(head + hlen, buf, n);
			hlen += n;
		}
		got += (unsigned long long)r;
	}
	t1 = e2e_now();
	close(s);
	if (uploading)
		got = sent;
	printf("%s %llu bytes in %.3f s, %.0f kbit/s\n",
	       uploading ? "sent" : "received", got, t1 - t0,
	       t1 > t0 ? (double)got * 8 / 1000 / (t1 - t0) : 0.0);
	if (elen && (hlen < elen || memcmp(head, expect, elen))) {
		fprintf(stderr, "e2e-tcp: the reply does not start as expected\n");
		return 1;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: e2e-tcp -l PORT [-6] [-b BANNER] [-n BYTES]\n"
		"       e2e-tcp HOST PORT [-s TEXT] [-r SIZE -p COUNT | -u BYTES] [-e EXPECT]\n"
		"               [-w SECS]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	char *listen_port = NULL, *banner = NULL, *text = NULL, *expect = NULL;
	long bulk = 0, rsize = 0, rcount = 0, upload = 0;
	int v6 = 0, secs = 10, opt;

	while ((opt = getopt(argc, argv, "l:6b:n:s:r:p:u:e:w:")) != -1) {
		switch (opt) {
		case 'l': listen_port = optarg; break;
		case '6': v6 = 1; break;
		case 'b': banner = optarg; break;
		case 'n': bulk = strtol(optarg, NULL, 10); break;
		case 's': text = optarg; break;
		case 'r': rsize = strtol(optarg, NULL, 10); break;
		case 'p': rcount = strtol(optarg, NULL, 10); break;
		case 'u': upload = strtol(optarg, NULL, 10); break;
		case 'e': expect = optarg; break;
		case 'w': secs = atoi(optarg); break;
		default: usage();
		}
	}
	if (listen_port)
		return optind == argc ? server(listen_port, v6, banner, bulk) : 2;
	if (argc - optind != 2 || secs <= 0 || (rcount && rsize <= 0) ||
	    upload < 0 || (upload && rcount))
		usage();
	return client(argv[optind], argv[optind + 1], text, rsize, rcount,
		      upload, expect, secs);
}
