// SPDX-License-Identifier: GPL-2.0
/*
 * nf_conntrack_ftp.c's help() (6.1 and 6.12, "loose" off).  Once a reply
 * was seen, a TCP segment is parsed only if it starts right after a
 * segment that ended in '\n' in the same direction (the helper
 * remembers the two latest such sequence numbers per direction, so the
 * first line of each direction is never parsed).  It must then start
 * with, case-insensitively:
 *
 *   client: "PORT h1,h2,h3,h4,p1,p2\r"   "EPRT |1|a.b.c.d|port|" or
 *           "EPRT |2|v6addr|port|" (any printable non-digit delimiter)
 *   server: "227 " then, from the first digit, h1,h2,h3,h4,p1,p2 and a
 *           non-digit;  "229 " ... "(|||port|)"
 *
 * The address must be the sender's own (PORT and 227 carry four bytes
 * of it, over IPv6 too, where they are compared with the first four of
 * the sender's address); the connection expected then
 * goes from the receiver, any port, to the sender's address and the
 * port told (for EPSV, whose reply has no address, the same): the
 * server's connection back for PORT/EPRT, the client's for PASV/EPSV.
 * One expectation per control connection, 5 minutes.
 *
 * A segment that starts like one of these but is cut short is dropped
 * by the kernel; nothing is expected from it and, as there, its line
 * end is not remembered (the capture still holds it).
 */
#include <ctype.h>
#include <strings.h>
#include "lib/l7help_int.h"

/* struct nf_conntrack_man as the parsers fill it */
struct ftp_cmd {
	u8 addr[16];		/* preset to the sender's address */
	u16 port;
	u8 family;
};

typedef size_t ftp_getnum(const u8 *d, size_t dlen, struct ftp_cmd *cmd,
			  int term);

/*
 * @n numbers separated by @sep and ended by @term (0: any byte); returns
 * the length up to the terminator, 0 if the form does not fit.
 */
static size_t try_number(const u8 *d, size_t dlen, u32 *num, unsigned int n,
			 u8 sep, int term)
{
	unsigned int i = 0;
	size_t len;

	memset(num, 0, n * sizeof(*num));
	for (len = 0; len < dlen && i < n; len++, d++) {
		if (*d >= '0' && *d <= '9')
			num[i] = num[i] * 10 + (*d - '0');
		else if (*d == sep)
			i++;
		else
			return (*d == term || !term) && i == n - 1 ? len : 0;
	}
	return 0;
}

static void put_ipv4(u8 *addr, const u32 *num)
{
	u32 v = num[0] << 24 | num[1] << 16 | num[2] << 8 | num[3];

	addr[0] = v >> 24;
	addr[1] = v >> 16;
	addr[2] = v >> 8;
	addr[3] = v;
}

/* "192,168,1,1,5,6": writes the first four address bytes, IPv6 too. */
static size_t try_rfc959(const u8 *d, size_t dlen, struct ftp_cmd *cmd,
			 int term)
{
	u32 num[6];
	size_t len = try_number(d, dlen, num, 6, ',', term);

	if (!len)
		return 0;
	put_ipv4(cmd->addr, num);
	cmd->port = (u16)(num[4] << 8 | num[5]);
	return len;
}

/* RFC 1123: the numbers of a 227 reply start at its first digit. */
static size_t try_rfc1123(const u8 *d, size_t dlen, struct ftp_cmd *cmd,
			  int term)
{
	size_t i;

	(void)term;
	for (i = 0; i < dlen && !isdigit(d[i]); i++)
		;
	return i == dlen ? 0 : try_rfc959(d + i, dlen - i, cmd, 0);
}

/* A port from @start up to @delim, not 0; returns the offset past it. */
static size_t get_port(const u8 *d, size_t start, size_t dlen, u8 delim,
		       u16 *port)
{
	u16 v = 0;
	size_t i;

	for (i = start; i < dlen; i++) {
		if (d[i] == delim) {
			if (!v)
				break;
			*port = v;
			return i + 1;
		}
		if (d[i] < '0' || d[i] > '9')
			break;
		v = v * 10 + (d[i] - '0');
	}
	return 0;
}

static bool bad_delim(u8 c)
{
	return isdigit(c) || c < 33 || c > 126;
}

/* "|1|132.235.1.2|6275|" or "|2|3ffe::1|6275|", of the connection's family */
static size_t try_eprt(const u8 *d, size_t dlen, struct ftp_cmd *cmd,
		       int term)
{
	const u8 *end;
	size_t len;
	u32 num[4];

	(void)term;
	if (dlen <= 3 || bad_delim(d[0]) || d[2] != d[0])
		return 0;
	if (d[1] != (cmd->family == 4 ? '1' : '2'))
		return 0;
	if (d[1] == '1') {
		len = try_number(d + 3, dlen - 3, num, 4, '.', d[0]);
		if (len)
			put_ipv4(cmd->addr, num);
	} else {
		len = l7h_in6_pton(d + 3, d + dlen, d[0], cmd->addr, &end) ?
		      (size_t)(end - (d + 3)) : 0;
	}
	return len ? get_port(d, 3 + len + 1, dlen, d[0], &cmd->port) : 0;
}

/* "|||6446|" */
static size_t try_epsv_response(const u8 *d, size_t dlen,
				struct ftp_cmd *cmd, int term)
{
	(void)term;
	if (dlen <= 3 || bad_delim(d[0]) || d[1] != d[0] || d[2] != d[0])
		return 0;
	return get_port(d, 3, dlen, d[0], &cmd->port);
}

static const struct ftp_search {
	const char *pattern;
	u8 skip;		/* skip up to and past this byte first */
	int term;
	ftp_getnum *getnum;
} search[2][2] = {
	{ { "PORT", ' ', '\r', try_rfc959 },
	  { "EPRT", ' ', '\r', try_eprt } },
	{ { "227 ", 0, 0, try_rfc1123 },
	  { "229 ", '(', ')', try_epsv_response } },
};

/* find_pattern(): 1 found, 0 not this command, -1 cut short. */
static int find_pattern(const u8 *d, size_t dlen, const struct ftp_search *s,
			struct ftp_cmd *cmd)
{
	size_t plen = strlen(s->pattern), i = plen;

	if (dlen <= plen)
		return strncasecmp((const char *)d, s->pattern, dlen) ? 0 : -1;
	if (strncasecmp((const char *)d, s->pattern, plen))
		return 0;
	if (s->skip) {
		for (; d[i] != s->skip; i++)
			if (i == dlen - 1)
				return -1;
		i++;
	}
	return s->getnum(d + i, dlen - i, cmd, s->term) ? 1 : -1;
}

/* Wrap-around order of sequence numbers, as before() and after(). */
static bool seq_before(u32 a, u32 b)
{
	return (int32_t)(a - b) < 0;
}

static bool nl_seq_known(const struct l7_helper_ct *h, u8 dir, u32 seq)
{
	unsigned int i;

	for (i = 0; i < h->u.ftp.seq_aft_nl_num[dir]; i++)
		if (h->u.ftp.seq_aft_nl[dir][i] == seq)
			return true;
	return false;
}

/* update_nl_seq(): keep the two latest; an older one is not kept. */
static void nl_seq_update(struct l7_helper_ct *h, u8 dir, u32 seq)
{
	u32 *s = h->u.ftp.seq_aft_nl[dir];
	u8 *n = &h->u.ftp.seq_aft_nl_num[dir];
	unsigned int oldest;

	if (nl_seq_known(h, dir, seq))
		return;
	if (*n < 2) {
		s[(*n)++] = seq;
		return;
	}
	oldest = seq_before(s[0], s[1]) ? 0 : 1;
	if (seq_before(s[oldest], seq))
		s[oldest] = seq;
}

void l7_help_ftp(struct l7_flowtab *t, struct l7_flowrec *f,
		 const struct l7_pkt *p, u8 dir, bool established)
{
	struct l7_helper_ct *h = f->help;
	const u8 *d = p->payload;
	size_t len = p->paylen;
	struct ftp_cmd cmd = { .port = 0 };
	struct l7_expect_req req;
	int found = 0;
	unsigned int i;
	bool ends_nl;

	if (!established || !len)
		return;
	ends_nl = d[len - 1] == '\n';
	if (!nl_seq_known(h, dir, p->tcp_seq))
		goto update;
	cmd.family = f->family;
	memcpy(cmd.addr, l7h_from(f, dir), sizeof(cmd.addr));
	for (i = 0; i < 2 && !found; i++)
		found = find_pattern(d, len, &search[dir][i], &cmd);
	if (found < 0)
		return;
	if (!found ||
	    memcmp(cmd.addr, l7h_from(f, dir), f->family == 4 ? 4 : 16))
		goto update;
	req = (struct l7_expect_req){
		.family = f->family, .l4 = L7_L4_TCP,
		.src = l7h_to(f, dir), .dst = l7h_from(f, dir),
		.dport = cmd.port,
	};
	l7h_expect(t, f, &req, NULL);
update:
	if (ends_nl)
		nl_seq_update(h, dir, p->tcp_seq + len);
}
