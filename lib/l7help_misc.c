// SPDX-License-Identifier: GPL-2.0
/*
 * The small helpers, as nf_conntrack_tftp.c, nf_conntrack_irc.c,
 * nf_conntrack_amanda.c and nf_conntrack_sane.c (6.1, 6.12, default
 * module parameters) parse a master's packets.
 */
#include <strings.h>
#include "lib/l7help_int.h"

/*
 * TFTP: a read or write request (opcode 1 or 2), either way, makes
 * conntrack expect the transfer: from the server's address, any port,
 * to the client's address and port.  5 minutes, one per master.
 */
void l7_help_tftp(struct l7_flowtab *t, struct l7_flowrec *f,
		  const struct l7_pkt *p, u8 dir, bool established)
{
	struct l7_expect_req req = {
		.family = f->family, .l4 = L7_L4_UDP,
		.src = f->srv, .dst = f->cli, .dport = f->cport,
	};
	unsigned int op;

	(void)dir;
	(void)established;
	if (p->paylen < 2)
		return;
	op = p->payload[0] << 8 | p->payload[1];
	if (op == 1 || op == 2)
		l7h_expect(t, f, &req, NULL);
}

#define IRC_MAX_SEARCH	4095
#define IRC_MINMATCHLEN	5

/*
 * parse_dcc() from @i, the DCC argument: skip it and its space, then
 * "IP PORT" as decimal numbers, with a '\n' somewhere after.
 */
static int irc_parse_dcc(const u8 *d, long i, long n, u32 *ip, u16 *port)
{
	const u8 *p, *end;
	long j;

	do {
		if (d[i++] == ' ')
			break;
	} while (i <= n - 12);
	if (d[i - 1] != ' ')
		return -1;
	for (j = i; j < n && d[j] != '\n'; j++)
		;
	if (j >= n)
		return -1;
	*ip = (u32)l7h_strtoul(d + i, d + n, &p);
	for (; *p == ' '; p++)
		if (p >= d + n)
			return -1;
	*port = (u16)l7h_strtoul(p, d + n, &end);
	return 0;
}

/*
 * IRC (IPv4): a client's "PRIVMSG nick :\1DCC SEND|CHAT|MOVE|TSEND|SCHAT
 * arg ip port ...\1\n", once the server has answered, its address being
 * the client's own and its port not 0, makes conntrack expect a TCP
 * connection from anywhere to that address and port.  5 minutes, up to
 * 8 per master.
 */
void l7_help_irc(struct l7_flowtab *t, struct l7_flowrec *f,
		 const struct l7_pkt *p, u8 dir, bool established)
{
	static const char *const dccprotos[] = {
		"SEND ", "CHAT ", "MOVE ", "TSEND ", "SCHAT "
	};
	const u8 *d = p->payload;
	long n = p->paylen < IRC_MAX_SEARCH ? p->paylen : IRC_MAX_SEARCH;
	long i = 0;
	unsigned int k;
	u32 ip, cli;
	u16 port;

	if (dir || !established || !n)
		return;
	while (i < n - 10 && (d[i] == ' ' || d[i] == '\r' || d[i] == '\n'))
		i++;
	if (i < n - 10) {
		if (strncasecmp("PRIVMSG ", (const char *)d + i, 8))
			return;
		i += 8;
	}
	while (i < n - (21 + IRC_MINMATCHLEN)) {
		if (memcmp(d + i, " :", 2)) {
			i++;
			continue;
		}
		i += 2;
		if (memcmp(d + i, "\1DCC ", 5))
			return;
		i += 5;
		for (k = 0; k < sizeof(dccprotos) / sizeof(dccprotos[0]); k++) {
			size_t len = strlen(dccprotos[k]);
			struct l7_expect_req req = {
				.family = 4, .l4 = L7_L4_TCP, .dst = f->cli,
			};

			if (memcmp(d + i, dccprotos[k], len))
				continue;
			i += len;
			if (irc_parse_dcc(d, i, n, &ip, &port))
				return;
			cli = (u32)f->cli[0] << 24 | f->cli[1] << 16 |
			      f->cli[2] << 8 | f->cli[3];
			if (ip != cli || !port)
				return;		/* "Forged DCC command" */
			req.dport = port;
			l7h_expect(t, f, &req, NULL);
			return;
		}
	}
}

/* Where @pat lies wholly inside [@from, @to), as skb_find_text(); or -1. */
static long find_text(const u8 *d, long from, long to, const char *pat)
{
	long plen = strlen(pat), i;

	for (i = from; i + plen <= to; i++)
		if (!memcmp(d + i, pat, plen))
			return i;
	return -1;
}

/*
 * Amanda: every packet from the client (the reply direction) sets the
 * master's timeout to 5 minutes; in its payload, "CONNECT " then, before
 * the next '\n', "DATA ", "MESG ", "INDEX " and "STATE " each followed by
 * a port (the first of them to fail, port 0 or none, ends the search)
 * make conntrack expect TCP connections from the server's address to the
 * client's and that port.  3 minutes, up to 4 per master.
 */
void l7_help_amanda(struct l7_flowtab *t, struct l7_flowrec *f,
		    const struct l7_pkt *p, u8 dir, bool established)
{
	static const char *const words[] = {
		"DATA ", "MESG ", "INDEX ", "STATE "
	};
	const u8 *d = p->payload;
	long n = p->paylen, start, stop, off;
	unsigned int k;

	(void)established;
	if (!dir)
		return;
	l7h_refresh(t, f, 300);
	if (!n)
		return;
	start = find_text(d, 0, n, "CONNECT ");
	if (start < 0)
		return;
	start += 8;
	stop = find_text(d, start, n, "\n");
	if (stop < 0)
		return;
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		struct l7_expect_req req = {
			.family = f->family, .l4 = L7_L4_TCP,
			.src = f->cli, .dst = f->srv,
		};
		const u8 *end;
		long len;

		off = find_text(d, start, stop, words[k]);
		if (off < 0)
			continue;
		off += strlen(words[k]);
		len = stop - off < 5 ? stop - off : 5;
		req.dport = (u16)l7h_strtoul(d + off, d + off + len, &end);
		if (!req.dport)
			break;
		l7h_expect(t, f, &req, NULL);
	}
}

/*
 * SANE: once a reply was seen, a client's 8-byte request with RPC code 7
 * (SANE_NET_START) marks the next reply; if that one has status 0 and
 * two zero bytes, its next two bytes are the port of the TCP connection
 * conntrack expects from the client's address to the server's.  Any
 * other 8-byte request clears the mark.  5 minutes, one per master.
 */
void l7_help_sane(struct l7_flowtab *t, struct l7_flowrec *f,
		  const struct l7_pkt *p, u8 dir, bool established)
{
	struct l7_helper_ct *h = f->help;
	const u8 *d = p->payload;
	struct l7_expect_req req = {
		.family = f->family, .l4 = L7_L4_TCP,
		.src = f->cli, .dst = f->srv,
	};

	if (!established || !p->paylen)
		return;
	if (!dir) {
		if (p->paylen == 8)
			h->u.sane.start_requested =
				!d[0] && !d[1] && !d[2] && d[3] == 7;
		return;
	}
	if (!h->u.sane.start_requested)
		return;
	h->u.sane.start_requested = false;
	if (p->paylen < 8 || d[0] || d[1] || d[2] || d[3] || d[4] || d[5])
		return;
	req.dport = d[6] << 8 | d[7];
	l7h_expect(t, f, &req, NULL);
}
