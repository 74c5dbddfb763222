/* bench-tcp: TCP traffic for the kernel benchmarks (tests/bench/vm-guest.sh).
 *
 *   bench-tcp serve PORT [-b REPLY] [-n BYTES] [-k]
 *	One process (epoll), thousands of connections, no fork: what is
 *	measured is the network path, not process creation.  Per
 *	connection: wait for the client's first bytes, send REPLY (C
 *	escapes) and BYTES bulk bytes (-1: until the client goes away),
 *	then end our side unless -k (keep it open); discard whatever the
 *	client sends; close when it closes.
 *
 *   bench-tcp bulk HOST PORT (-s REQ | -r SIZE) -t SECS
 *	One connection: send the request, then read for SECS seconds.
 *	Prints "bulk BYTES SECS MBIT_PER_S", counted from the first byte
 *	received.
 *
 *   bench-tcp rr HOST PORT (-s REQ | -r SIZE) -t SECS [-c PAR]
 *	PAR processes (default 1), each one connection after the other
 *	for SECS seconds: connect, send the request, read until the server
 *	closes, close.  Prints "rr CONNS SECS CONNS_PER_S FAILED".
 *
 *   bench-tcp hold HOST PORT (-s REQ | -r SIZE) -c N [-t SECS]
 *	Open N connections and send the request on each; print "held N"
 *	once all of them are open, then keep them for SECS seconds
 *	(default 60) or until killed.
 *
 * -r SIZE sends SIZE bytes of the e2e garbage stream: the same bytes in
 * every run, matching no sensible protocol pattern.  Exit 0, or 1 when a
 * connection failed (rr: when any did).
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/time.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e-common.h"

#define BULK_CHUNK	65536
#define MAX_FDS		16384

static unsigned char bulk[BULK_CHUNK];

static void raise_nofile(void)
{
	struct rlimit rl = { MAX_FDS, MAX_FDS };

	/* root in the guest: the hard limit may be raised too */
	if (setrlimit(RLIMIT_NOFILE, &rl)) {
		getrlimit(RLIMIT_NOFILE, &rl);
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* ---- server ------------------------------------------------------------ */

struct sconn {
	unsigned char open, started, sending;
	long long pos;		/* bytes of reply + bulk sent */
};

struct server {
	int ep;
	const char *reply;
	size_t rlen;
	long long bulk;		/* -1: unlimited */
	int keep;
	struct sconn *c;	/* indexed by fd */
};

static void sclose(struct server *s, int fd)
{
	epoll_ctl(s->ep, EPOLL_CTL_DEL, fd, NULL);
	close(fd);
	s->c[fd].open = 0;
}

static void swatch(struct server *s, int fd, uint32_t ev)
{
	struct epoll_event e = { .events = ev, .data.fd = fd };

	epoll_ctl(s->ep, EPOLL_CTL_MOD, fd, &e);
}

/*
 * Send until the socket is full or everything is out.  The reply and
 * the first bulk bytes leave in one call: two small writes would wait
 * for Nagle and the peer's delayed ACK, a stall of 40 ms or more per
 * connection that has nothing to do with the path measured.
 */
static void ssend(struct server *s, int fd)
{
	struct sconn *c = &s->c[fd];
	long long total = s->bulk < 0 ? -1 : (long long)s->rlen + s->bulk;

	while (total < 0 || c->pos < total) {
		struct iovec iov[2];
		struct msghdr msg = { .msg_iov = iov };
		long long bpos = c->pos - (long long)s->rlen;
		size_t off, n;
		ssize_t w;

		if (bpos < 0) {
			iov[0].iov_base = (char *)s->reply + c->pos;
			iov[0].iov_len = (size_t)-bpos;
			msg.msg_iovlen = 1;
			bpos = 0;
		}
		off = (size_t)(bpos % BULK_CHUNK);
		n = BULK_CHUNK - off;
		if (total >= 0 && (long long)n > s->bulk - bpos)
			n = (size_t)(s->bulk - bpos);
		if (n) {
			iov[msg.msg_iovlen].iov_base = bulk + off;
			iov[msg.msg_iovlen].iov_len = n;
			msg.msg_iovlen++;
		}
		w = sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			swatch(s, fd, EPOLLIN | EPOLLOUT);
			return;
		}
		if (w <= 0) {
			sclose(s, fd);
			return;
		}
		c->pos += w;
	}
	c->sending = 0;
	if (!s->keep)
		shutdown(fd, SHUT_WR);
	swatch(s, fd, EPOLLIN);
}

static void sread(struct server *s, int fd)
{
	static char buf[65536];
	struct sconn *c = &s->c[fd];
	int first = 0;

	for (;;) {
		ssize_t r = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (r <= 0) {
			sclose(s, fd);
			return;
		}
		first = !c->started;
	}
	if (first) {
		c->started = 1;
		c->sending = 1;
		ssend(s, fd);
	}
}

static int serve(const char *port, char *reply, long long nbulk, int keep)
{
	struct sockaddr_storage ss;
	socklen_t sl = e2e_addr("0.0.0.0", port, &ss);
	struct epoll_event ev = { .events = EPOLLIN };
	struct server s = { .reply = reply, .bulk = nbulk, .keep = keep };
	int one = 1, l;

	if (!sl) {
		fprintf(stderr, "bench-tcp: bad port %s\n", port);
		return 2;
	}
	s.rlen = reply ? e2e_unescape(reply) : 0;
	s.c = calloc(MAX_FDS, sizeof(*s.c));
	l = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	s.ep = epoll_create1(0);
	if (!s.c || l < 0 || s.ep < 0 ||
	    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(l, (struct sockaddr *)&ss, sl) || listen(l, 4096)) {
		perror("bench-tcp: listen");
		return 1;
	}
	ev.data.fd = l;
	epoll_ctl(s.ep, EPOLL_CTL_ADD, l, &ev);
	for (;;) {
		struct epoll_event evs[64];
		int n = epoll_wait(s.ep, evs, 64, -1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			perror("bench-tcp: epoll_wait");
			return 1;
		}
		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;

			if (fd == l) {
				int c;

				while ((c = accept4(l, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
					struct epoll_event ce = { .events = EPOLLIN, .data.fd = c };

					if (c >= MAX_FDS) {
						close(c);
						continue;
					}
					s.c[c] = (struct sconn){ .open = 1 };
					epoll_ctl(s.ep, EPOLL_CTL_ADD, c, &ce);
				}
				continue;
			}
			if (!s.c[fd].open)
				continue;
			if (evs[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP))
				sread(&s, fd);
			if (s.c[fd].open && s.c[fd].sending &&
			    (evs[i].events & EPOLLOUT))
				ssend(&s, fd);
		}
	}
}

/* ---- clients ----------------------------------------------------------- */

struct req {
	struct sockaddr_storage ss;
	socklen_t sl;
	const char *p;
	size_t len;
};

/* Connect and send the request; the socket, or -1. */
static int open_one(const struct req *rq)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	/*
	 * A connection that stalls (a lost segment the peer never resends,
	 * a server that missed the request) fails the run after a while
	 * instead of hanging the benchmark until the VM's timeout.
	 */
	struct timeval stall = { .tv_sec = 10 };

	if (s < 0)
		return -1;
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &stall, sizeof(stall));
	setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &stall, sizeof(stall));
	if (connect(s, (const struct sockaddr *)&rq->ss, rq->sl) ||
	    e2e_write_all(s, rq->p, rq->len)) {
		close(s);
		return -1;
	}
	return s;
}

static int bulk_client(const struct req *rq, double secs)
{
	static char buf[262144];
	unsigned long long got = 0;
	double t0 = 0, end, now;
	int s = open_one(rq);

	if (s < 0) {
		perror("bench-tcp: bulk connection");
		return 1;
	}
	end = e2e_now() + secs;
	while ((now = e2e_now()) < end) {
		struct pollfd pfd = { .fd = s, .events = POLLIN };
		ssize_t r;

		if (poll(&pfd, 1, (int)((end - now) * 1000) + 1) <= 0)
			continue;
		r = read(s, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			fprintf(stderr, "bench-tcp: the server stopped sending\n");
			return 1;
		}
		if (!t0)
			t0 = e2e_now();	/* slow start and the reply are noise */
		else
			got += (unsigned long long)r;
	}
	close(s);
	now = e2e_now();
	if (!t0 || now <= t0) {
		fprintf(stderr, "bench-tcp: nothing received\n");
		return 1;
	}
	printf("bulk %llu %.3f %.1f\n", got, now - t0,
	       (double)got * 8 / 1e6 / (now - t0));
	return 0;
}

/* One request/response connection; 0 when it completed. */
static int rr_one(const struct req *rq)
{
	char buf[4096];
	int s = open_one(rq);
	ssize_t r;

	if (s < 0)
		return -1;
	while ((r = read(s, buf, sizeof(buf))) > 0 || (r < 0 && errno == EINTR))
		;
	if (r < 0) {
		static int told;

		if (!told++)
			perror("bench-tcp: rr connection (first failure)");
	}
	close(s);
	return r == 0 ? 0 : -1;
}

static int rr_client(const struct req *rq, double secs, int par)
{
	unsigned long long conns = 0, failed = 0;
	int fds[2];
	double t0 = e2e_now(), t1;

	if (pipe(fds)) {
		perror("bench-tcp: pipe");
		return 1;
	}
	for (int i = 0; i < par; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("bench-tcp: fork");
			return 1;
		}
		if (pid == 0) {
			unsigned long long r[2] = { 0, 0 };
			double end = t0 + secs;

			close(fds[0]);
			while (e2e_now() < end)
				r[rr_one(rq) ? 1 : 0]++;
			if (write(fds[1], r, sizeof(r)) != sizeof(r))
				_exit(1);
			_exit(0);
		}
	}
	close(fds[1]);
	for (int i = 0; i < par; i++) {
		unsigned long long r[2];

		if (read(fds[0], r, sizeof(r)) != sizeof(r)) {
			fprintf(stderr, "bench-tcp: a client process died\n");
			return 1;
		}
		conns += r[0];
		failed += r[1];
	}
	while (wait(NULL) > 0)
		;
	t1 = e2e_now();
	printf("rr %llu %.3f %.1f %llu\n", conns, t1 - t0,
	       (double)conns / (t1 - t0), failed);
	return failed ? 1 : 0;
}

static int hold_client(const struct req *rq, int n, double secs)
{
	for (int i = 0; i < n; i++) {
		if (open_one(rq) < 0) {
			fprintf(stderr, "bench-tcp: connection %d: %s\n", i + 1,
				strerror(errno));
			return 1;
		}
	}
	printf("held %d\n", n);
	fflush(stdout);
	sleep((unsigned int)secs);
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: bench-tcp serve PORT [-b REPLY] [-n BYTES] [-k]\n"
		"       bench-tcp bulk HOST PORT (-s REQ | -r SIZE) -t SECS\n"
		"       bench-tcp rr HOST PORT (-s REQ | -r SIZE) -t SECS [-c PAR]\n"
		"       bench-tcp hold HOST PORT (-s REQ | -r SIZE) -c N [-t SECS]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	char *reply = NULL, *text = NULL, *mode;
	long long nbulk = 0;
	long rsize = 0, count = 0;
	double secs = 0;
	int keep = 0, opt;
	uint32_t st = 1;
	struct req rq;

	if (argc < 2)
		usage();
	mode = argv[1];
	optind = 2;
	while ((opt = getopt(argc, argv, "b:n:ks:r:t:c:")) != -1) {
		switch (opt) {
		case 'b': reply = optarg; break;
		case 'n': nbulk = strtoll(optarg, NULL, 10); break;
		case 'k': keep = 1; break;
		case 's': text = optarg; break;
		case 'r': rsize = strtol(optarg, NULL, 10); break;
		case 't': secs = strtod(optarg, NULL); break;
		case 'c': count = strtol(optarg, NULL, 10); break;
		default: usage();
		}
	}
	raise_nofile();
	/* a peer that went away is an error return, not a signal */
	signal(SIGPIPE, SIG_IGN);
	e2e_garbage(bulk, sizeof(bulk), &st);
	if (!strcmp(mode, "serve")) {
		if (argc - optind != 1)
			usage();
		return serve(argv[optind], reply, nbulk, keep);
	}
	if (argc - optind != 2 || (!text) == (rsize <= 0) || rsize > BULK_CHUNK)
		usage();
	rq.sl = e2e_addr(argv[optind], argv[optind + 1], &rq.ss);
	if (!rq.sl || rq.ss.ss_family != AF_INET)
		usage();
	if (text) {
		rq.len = e2e_unescape(text);
		rq.p = text;
	} else {
		/* the bulk stream's own bytes: never a protocol's greeting */
		rq.len = (size_t)rsize;
		rq.p = (const char *)bulk;
	}
	if (!strcmp(mode, "bulk") && secs > 0)
		return bulk_client(&rq, secs);
	if (!strcmp(mode, "rr") && secs > 0)
		return rr_client(&rq, secs, count > 0 ? (int)count : 1);
	if (!strcmp(mode, "hold") && count > 0)
		return hold_client(&rq, (int)count, secs > 0 ? secs : 60);
	usage();
	return 2;
}
