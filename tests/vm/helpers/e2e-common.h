/* Shared bits of the end-to-end traffic helpers (tests/vm/helpers/e2e-*.c):
 * argument decoding, address parsing and a deterministic byte source, so
 * that "random garbage" is the same garbage in every run. */
#ifndef E2E_COMMON_H
#define E2E_COMMON_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/* write() until all of BUF is out; -1 on error or a closed peer. */
static inline int e2e_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Decode C-style escapes (\r \n \t \\ \xHH) in place; returns the length. */
static inline size_t e2e_unescape(char *s)
{
	char *o = s;
	const char *i = s;

	while (*i) {
		if (*i != '\\' || !i[1]) {
			*o++ = *i++;
			continue;
		}
		i++;
		switch (*i) {
		case 'r': *o++ = '\r'; i++; break;
		case 'n': *o++ = '\n'; i++; break;
		case 't': *o++ = '\t'; i++; break;
		case 'x': {
			char hex[3] = { 0, 0, 0 };

			if (i[1] && i[2]) {
				hex[0] = i[1];
				hex[1] = i[2];
				*o++ = (char)strtoul(hex, NULL, 16);
				i += 3;
			} else {
				*o++ = *i++;
			}
			break;
		}
		default: *o++ = *i++; break;
		}
	}
	return (size_t)(o - s);
}

/* Fill BUF from a xorshift32 stream; *state carries it between calls. */
static inline void e2e_garbage(unsigned char *buf, size_t n, uint32_t *state)
{
	uint32_t x = *state ? *state : 0x9e3779b9u;

	for (size_t k = 0; k < n; k++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[k] = (unsigned char)x;
	}
	*state = x;
}

/* HOST (IPv4 or IPv6 literal) and PORT into ss; returns the length or 0. */
static inline socklen_t e2e_addr(const char *host, const char *port,
				 struct sockaddr_storage *ss)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
	unsigned long p = strtoul(port, NULL, 10);

	memset(ss, 0, sizeof(*ss));
	if (p == 0 || p > 65535)
		return 0;
	if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)p);
		return sizeof(*a4);
	}
	if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)p);
		return sizeof(*a6);
	}
	return 0;
}

static inline double e2e_now(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

#endif /* E2E_COMMON_H */
