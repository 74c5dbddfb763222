// SPDX-License-Identifier: GPL-2.0
/*
 * l7ftpd: the least FTP server busybox ftpget can download from, for
 * the passive-FTP scenario (the data connection is a conntrack child of
 * the control connection once the ftp helper is assigned).
 *
 *   l7ftpd PORT SIZE     serve forever; every file is SIZE bytes
 *
 * Passive mode only (PASV, EPSV); IPv4 and IPv6.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static unsigned long long fsize;

static void reply(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) < 0)
		perror("l7ftpd: write");
}

static int passive(int ctl, int extended, char *out, size_t outlen)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	const unsigned char *a;
	int fd, port;

	if (getsockname(ctl, (struct sockaddr *)&ss, &len))
		return -1;
	if (ss.ss_family == AF_INET6)
		((struct sockaddr_in6 *)&ss)->sin6_port = 0;
	else
		((struct sockaddr_in *)&ss)->sin_port = 0;
	fd = socket(ss.ss_family, SOCK_STREAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&ss, len) || listen(fd, 1) ||
	    getsockname(fd, (struct sockaddr *)&ss, &len))
		return -1;
	if (ss.ss_family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		port = ntohs(s6->sin6_port);
		/* an IPv4 client on the dual-stack socket: ::ffff:a.b.c.d */
		if (!IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr))
			extended = 1;
		a = s6->sin6_addr.s6_addr + 12;
	} else {
		port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
		a = (const unsigned char *)&((struct sockaddr_in *)&ss)->sin_addr;
	}
	if (extended) {
		snprintf(out, outlen, "229 Entering Extended Passive Mode (|||%d|)\r\n", port);
	} else {
		snprintf(out, outlen, "227 Entering Passive Mode (%d,%d,%d,%d,%d,%d)\r\n",
			 a[0], a[1], a[2], a[3], port >> 8, port & 255);
	}
	return fd;
}

static void send_file(int lfd)
{
	static char buf[16384];
	unsigned long long left = fsize;
	int fd = accept(lfd, NULL, NULL);
	size_t i;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 7 + 3);
	while (fd >= 0 && left) {
		size_t n = left < sizeof(buf) ? left : sizeof(buf);
		ssize_t w = write(fd, buf, n);

		if (w <= 0)
			break;
		left -= w;
	}
	if (fd >= 0)
		close(fd);
}

static void session(int c)
{
	char line[512], msg[128];
	int dfd = -1;
	FILE *in = fdopen(dup(c), "r");

	reply(c, "220 l7 test ftp server ready\r\n");
	while (in && fgets(line, sizeof(line), in)) {
		if (!strncasecmp(line, "USER", 4))
			reply(c, "331 password please\r\n");
		else if (!strncasecmp(line, "PASS", 4))
			reply(c, "230 logged in\r\n");
		else if (!strncasecmp(line, "TYPE", 4))
			reply(c, "200 type set\r\n");
		else if (!strncasecmp(line, "SIZE", 4)) {
			snprintf(msg, sizeof(msg), "213 %llu\r\n", fsize);
			reply(c, msg);
		} else if (!strncasecmp(line, "PASV", 4) ||
			   !strncasecmp(line, "EPSV", 4)) {
			if (dfd >= 0)
				close(dfd);
			dfd = passive(c, line[0] == 'E' || line[0] == 'e',
				      msg, sizeof(msg));
			reply(c, dfd < 0 ? "425 no data connection\r\n" : msg);
		} else if (!strncasecmp(line, "RETR", 4) && dfd >= 0) {
			reply(c, "150 here it comes\r\n");
			send_file(dfd);
			close(dfd);
			dfd = -1;
			reply(c, "226 transfer complete\r\n");
		} else if (!strncasecmp(line, "QUIT", 4)) {
			reply(c, "221 bye\r\n");
			break;
		} else {
			reply(c, "502 not implemented\r\n");
		}
	}
	if (in)
		fclose(in);
	if (dfd >= 0)
		close(dfd);
}

int main(int argc, char **argv)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6 };
	int one = 1, zero = 0, fd, c;

	if (argc != 3) {
		fprintf(stderr, "usage: l7ftpd PORT SIZE\n");
		return 2;
	}
	a.sin6_port = htons(atoi(argv[1]));
	fsize = strtoull(argv[2], NULL, 0);
	fd = socket(AF_INET6, SOCK_STREAM, 0);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 8)) {
		perror("l7ftpd: listen");
		return 1;
	}
	for (;;) {
		c = accept(fd, NULL, NULL);
		if (c < 0)
			continue;
		session(c);
		close(c);
	}
}
