// SPDX-License-Identifier: GPL-2.0
/*
 * nf_conntrack_sip.c's media expectations (6.1, 6.12; sip_direct_media
 * on, sip_external_media off, no NAT).  Each UDP datagram with payload,
 * and each TCP segment with payload once a reply was seen, sets the
 * master's timeout to an hour (sip_timeout); over TCP the segment is cut
 * into messages by Content-Length, the last one whole.  Of a message:
 *
 *   INVITE request    drops the master's media expectations, then SDP
 *   UPDATE, PRACK, ACK requests                                   SDP
 *   BYE request       drops the media expectations
 *   INVITE, UPDATE, PRACK responses (by the CSeq method): 1xx or 2xx
 *                     SDP; others, for the INVITE's CSeq, drop them
 *
 * "SDP" reads the first "v=" line, "c=IN IP4|IP6 addr" before the first
 * "m=" line, and up to three "m=audio|video|image PORT ..." lines (port
 * 0: none; below 1024: the message is dropped), each with the "c=" after
 * it or the session's.  When that address is the sender's own, conntrack
 * expects two UDP connections from the other end of the signalling, any
 * port, to that address and the even port and the one after it (RTP and
 * RTCP), unless another SIP master expects that media already.  3
 * minutes, up to 4 per master and class (audio, video; image 2).  Which
 * message is a request or a response, and its CSeq, is parsed as the
 * kernel parses them; a message without a CSeq is dropped there.
 *
 * REGISTER's expectations of incoming calls (permanent, activated by the
 * registrar's 200) are not modelled: a call the registrar sends on the
 * registration's own tuple is its connection anyway.
 */
#include <ctype.h>
#include <strings.h>
#include "lib/l7help_int.h"

#define SIP_TIMEOUT_S	3600
#define SIP_DROP	-1	/* the kernel drops the packet */

enum { SDP_VERSION, SDP_CONNECTION, SDP_MEDIA, SDP_UNSPEC };
enum { SIP_EXP_SIGNALLING, SIP_EXP_AUDIO, SIP_EXP_VIDEO, SIP_EXP_IMAGE };

struct sip_msg {
	struct l7_flowtab *t;
	struct l7_flowrec *f;
	u8 dir;
	const u8 *d;		/* the message */
	unsigned int len;
};

static unsigned int digits_len(const u8 *p, const u8 *lim)
{
	unsigned int n = 0;

	for (; p < lim && isdigit(*p); p++)
		n++;
	return n;
}

/*
 * sip_strtouint(): decimal, at most 11 digits and UINT_MAX; *@end is
 * past the digits, or @s (and 0 returned) when out of range.
 */
static unsigned int sip_strtouint(const u8 *s, unsigned int len,
				  const u8 **end)
{
	unsigned int max = 11, i;
	u64 v = 0;

	for (i = 0; i < len && isdigit(s[i]); i++) {
		if (i == max)
			goto err;
		v = v * 10 + (s[i] - '0');
		if (v > 0xffffffffULL)
			goto err;
	}
	if (end)
		*end = s + i;
	return v;
err:
	if (end)
		*end = s;
	return 0;
}

/* sip_follow_continuation(): @i is at a CR or LF. */
static long sip_follow_continuation(const u8 *d, long i, long n)
{
	if (++i >= n)
		return -1;
	if (d[i - 1] == '\r' && d[i] == '\n' && ++i >= n)
		return -1;
	if (d[i] != ' ' && d[i] != '\t')
		return -1;
	for (; i < n; i++)
		if (d[i] != ' ' && d[i] != '\t')
			break;
	return i;
}

static long sip_skip_whitespace(const u8 *d, long i, long n)
{
	for (; i < n; i++) {
		if (d[i] == ' ' || d[i] == '\t')
			continue;
		if (d[i] != '\r' && d[i] != '\n')
			break;
		i = sip_follow_continuation(d, i, n);
		break;
	}
	return i >= 0 && i < n ? i : -1;
}

/*
 * The start of the first line that begins at or after @i, as the
 * kernel's header loops find one: past a CR, an LF or a CRLF; -1 when
 * the message ends first.
 */
static long line_start(const u8 *d, long i, long n)
{
	for (; i < n; i++) {
		if (d[i] != '\r' && d[i] != '\n')
			continue;
		if (++i >= n)
			return -1;
		if (d[i - 1] == '\r' && d[i] == '\n' && ++i >= n)
			return -1;
		return i;
	}
	return -1;
}

struct sip_hdr {
	const char *name, *cname;
};

static const struct sip_hdr hdr_cseq = { "CSeq", NULL };
static const struct sip_hdr hdr_clen = { "Content-Length", "l" };

/*
 * ct_sip_get_header() for a header whose value is a number: its offset
 * and digits in *@off and *@mlen; 1 found, 0 not there, -1 no number.
 * A line that starts with the name but has no ':' after it ends the
 * search.
 */
static int sip_get_header(const u8 *d, long n, const struct sip_hdr *h,
			  unsigned int *off, unsigned int *mlen)
{
	long nl = strlen(h->name), cl = h->cname ? strlen(h->cname) : 0;
	long i;

	for (i = line_start(d, 0, n); i >= 0; i = line_start(d, i + 1, n)) {
		if (d[i] == ' ' || d[i] == '\t')
			continue;
		if (n - i >= nl && !strncasecmp((const char *)d + i, h->name, nl))
			i += nl;
		else if (cl && n - i >= cl + 1 &&
			 !strncasecmp((const char *)d + i, h->cname, cl) &&
			 !isalpha(d[i + cl]))
			i += cl;
		else
			continue;
		i = sip_skip_whitespace(d, i, n);
		if (i < 0 || d[i] != ':' || ++i >= n)
			break;
		i = sip_skip_whitespace(d, i, n);
		if (i < 0)
			break;
		*off = i;
		*mlen = digits_len(d + i, d + n);
		return *mlen ? 1 : -1;
	}
	return 0;
}

/* sdp_parse_addr() with in4_pton()/in6_pton(), any byte ending it. */
static int sdp_parse_addr(const struct sip_msg *m, const u8 *s,
			  const u8 *lim, u8 *addr, const u8 **end)
{
	memset(addr, 0, 16);
	return m->f->family == 4 ? l7h_in4_pton(s, lim, -1, addr, end) :
				   l7h_in6_pton(s, lim, -1, addr, end);
}

/*
 * ct_sip_get_sdp_header(): the first line from @from on that starts with
 * @type's name (case-insensitively), stopping at one starting with
 * @term's; the value's offset and length in *@off and *@mlen.
 */
static int sdp_get_header(const struct sip_msg *m, long from, int type,
			  int term, unsigned int *off, unsigned int *mlen)
{
	static const char *const names[] = { "v=", "c=", "m=" };
	const char *search = m->f->family == 4 ? "IN IP4 " : "IN IP6 ";
	const u8 *d = m->d, *lim = m->d + m->len, *end;
	long n = m->len, i, j, k;
	u8 addr[16];

	for (i = line_start(d, from, n); i >= 0;
	     i = line_start(d, i + 1, n)) {
		if (term != SDP_UNSPEC && n - i >= 2 &&
		    !strncasecmp((const char *)d + i, names[term], 2))
			break;
		if (n - i < 2 || strncasecmp((const char *)d + i, names[type], 2))
			continue;
		i += 2;
		switch (type) {
		case SDP_VERSION:
			k = digits_len(d + i, lim);
			break;
		case SDP_CONNECTION:
			/* ct_sdp_header_search(): within the line */
			for (j = i; j < n - 7; j++)
				if (d[j] == '\r' || d[j] == '\n' ||
				    !memcmp(d + j, search, 7))
					break;
			if (j >= n - 7 || d[j] == '\r' || d[j] == '\n')
				return -1;
			i = j + 7;
			k = sdp_parse_addr(m, d + i, lim, addr, &end) ?
			    end - (d + i) : 0;
			break;
		default:	/* media_len(): "type port" */
			k = 0;
			while (i + k < n && isalpha(d[i + k]))
				k++;
			if (i + k >= n || d[i + k] != ' ')
				return -1;
			k++;
			k += digits_len(d + i + k, lim);
			break;
		}
		if (!k)
			return -1;
		*off = i;
		*mlen = k;
		return 1;
	}
	return 0;
}

/* ct_sip_parse_sdp_addr(): a "c=" line's address. */
static int sdp_addr(const struct sip_msg *m, long from, u8 *addr)
{
	unsigned int off, mlen;
	int rc = sdp_get_header(m, from, SDP_CONNECTION, SDP_MEDIA, &off,
				&mlen);

	if (rc <= 0)
		return rc;
	return sdp_parse_addr(m, m->d + off, m->d + off + mlen, addr, NULL) ?
	       1 : -1;
}

/* set_expected_rtp_rtcp() */
static int expect_rtp_rtcp(const struct sip_msg *m, const u8 *daddr,
			   u16 port, u8 cls)
{
	struct l7_flowrec *f = m->f, *other;
	const u8 *saddr = l7h_to(f, m->dir);
	struct l7_expect *rtp = NULL;
	struct l7_expect_req req = {
		.family = f->family, .l4 = L7_L4_UDP, .cls = cls,
		.src = saddr, .dst = daddr,
	};
	int errp, errcp;
	u8 ocls;

	if (memcmp(daddr, l7h_from(f, m->dir), 16))
		return 0;	/* not the sender's media: sip_direct_media */
	if (l7_expect_find(m->t, f->family, L7_L4_UDP, saddr, daddr, port,
			   &other, &ocls) &&
	    other != f && other->l4 == f->l4 &&
	    other->help->kind == L7_HELPER_SIP && ocls == cls)
		return 0;	/* another call leg expects it */
	req.dport = port & ~1;
	errp = l7_expect_add(m->t, f, &req, L7_EXP_F_SKIP_MASTER, &rtp);
	if (errp && errp != -EALREADY)
		goto fail;
	req.dport = (port & ~1) + 1;
	errcp = l7_expect_add(m->t, f, &req, L7_EXP_F_SKIP_MASTER, NULL);
	if (!errcp || errcp == -EALREADY)
		return 0;
	if (!errp)
		l7_expect_remove(m->t, rtp);
	errp = errcp;
fail:
	if (errp == -ENOMEM)
		m->t->nomem = true;
	return SIP_DROP;
}

/* process_sdp() */
static int process_sdp(const struct sip_msg *m)
{
	static const struct {
		const char *name;
		u8 cls;
	} types[] = {
		{ "audio ", SIP_EXP_AUDIO },
		{ "video ", SIP_EXP_VIDEO },
		{ "image ", SIP_EXP_IMAGE },
	};
	unsigned int off, mlen, mediaoff, medialen, sdpoff, i, k, port;
	u8 caddr[16], maddr[16];
	bool have_caddr;
	const u8 *end;
	int rc;

	if (sdp_get_header(m, 0, SDP_VERSION, SDP_UNSPEC, &off, &mlen) <= 0)
		return 0;
	sdpoff = off;
	have_caddr = sdp_addr(m, sdpoff, caddr) > 0;
	mediaoff = sdpoff;
	for (i = 0; i < 3;) {
		if (sdp_get_header(m, mediaoff, SDP_MEDIA, SDP_UNSPEC,
				   &mediaoff, &medialen) <= 0)
			break;
		for (k = 0; k < 3; k++)
			if (medialen >= 6 &&
			    !memcmp(m->d + mediaoff, types[k].name, 6))
				break;
		if (k == 3) {
			mediaoff += medialen;
			continue;
		}
		mediaoff += 6;
		medialen -= 6;
		port = sip_strtouint(m->d + mediaoff, m->len - mediaoff, &end);
		if (!port || end == m->d + mediaoff)
			continue;
		if (port < 1024 || port > 65535)
			return SIP_DROP;
		if (sdp_addr(m, mediaoff, maddr) > 0)
			rc = expect_rtp_rtcp(m, maddr, port, types[k].cls);
		else if (have_caddr)
			rc = expect_rtp_rtcp(m, caddr, port, types[k].cls);
		else
			return SIP_DROP;	/* "cannot parse SDP message" */
		if (rc)
			return rc;
		i++;
	}
	return 0;
}

enum { M_INVITE, M_UPDATE, M_ACK, M_PRACK, M_BYE, M_REGISTER, M_COUNT };

/* sip_handlers[]: the methods the kernel acts on, in its order. */
static const char *const methods[M_COUNT] = {
	"INVITE", "UPDATE", "ACK", "PRACK", "BYE", "REGISTER"
};

static int cseq_of(const struct sip_msg *m, unsigned int *cseq,
		   unsigned int *next)
{
	unsigned int off, mlen;
	const u8 *end;

	if (sip_get_header(m->d, m->len, &hdr_cseq, &off, &mlen) <= 0)
		return SIP_DROP;
	*cseq = sip_strtouint(m->d + off, m->len - off, &end);
	if (end == m->d + off)
		return SIP_DROP;
	*next = off + mlen + 1;
	return 0;
}

/* process_sip_request() */
static int sip_request(const struct sip_msg *m)
{
	struct l7_helper_ct *h = m->f->help;
	unsigned int cseq, next, i, len;
	int rc;

	for (i = 0; i < M_COUNT; i++) {
		len = strlen(methods[i]);
		if (m->len < len + 2 ||
		    strncasecmp((const char *)m->d, methods[i], len) ||
		    m->d[len] != ' ' || !isalpha(m->d[len + 1]))
			continue;
		if (cseq_of(m, &cseq, &next))
			return SIP_DROP;
		switch (i) {
		case M_INVITE:
			l7_expect_flush(m->t, m->f, true);
			rc = process_sdp(m);
			if (!rc)
				h->u.sip.invite_cseq = cseq;
			return rc;
		case M_BYE:
			l7_expect_flush(m->t, m->f, true);
			return 0;
		case M_REGISTER:
			return 0;	/* not modelled: see above */
		default:
			return process_sdp(m);
		}
	}
	return 0;
}

/* process_sip_response() */
static int sip_response(const struct sip_msg *m)
{
	struct l7_helper_ct *h = m->f->help;
	unsigned int code, cseq, next, i, len;

	if (m->len < strlen("SIP/2.0 200"))
		return 0;
	code = sip_strtouint(m->d + 8, m->len - 8, NULL);
	if (!code || cseq_of(m, &cseq, &next))
		return SIP_DROP;
	for (i = 0; i < M_COUNT; i++) {
		if (i != M_INVITE && i != M_UPDATE && i != M_PRACK &&
		    i != M_REGISTER)
			continue;	/* no response handler */
		len = strlen(methods[i]);
		if (m->len < next + len ||
		    strncasecmp((const char *)m->d + next, methods[i], len))
			continue;
		if (i == M_REGISTER)
			return 0;
		if (code >= 100 && code <= 299)
			return process_sdp(m);
		if (h->u.sip.invite_cseq == cseq)
			l7_expect_flush(m->t, m->f, true);
		return 0;
	}
	return 0;
}

static int sip_message(const struct sip_msg *m)
{
	if (m->len >= 8 && !strncasecmp((const char *)m->d, "SIP/2.0 ", 8))
		return sip_response(m);
	return sip_request(m);
}

/* sip_help_tcp(): whole messages, framed by Content-Length. */
static void sip_tcp(struct sip_msg *m)
{
	const u8 *d = m->d, *end;
	unsigned int len = m->len, off, mlen, clen;

	while (sip_get_header(d, len, &hdr_clen, &off, &mlen) > 0) {
		clen = sip_strtouint(d + off, len - off, &end);
		if (end == d + off || clen > len)
			break;
		for (; end + 4 <= d + len; end++)
			if (!memcmp(end, "\r\n\r\n", 4))
				break;
		if (end + 4 > d + len)
			break;
		end += 4 + clen;
		if (end > d + len)
			return;
		m->d = d;
		m->len = end - d;
		if (sip_message(m))
			break;
		len -= m->len;
		d = end;
	}
}

void l7_help_sip(struct l7_flowtab *t, struct l7_flowrec *f,
		 const struct l7_pkt *p, u8 dir, bool established)
{
	struct sip_msg m = { t, f, dir, p->payload, p->paylen };

	if (!p->paylen || (f->l4 == L7_L4_TCP && !established))
		return;
	l7h_refresh(t, f, SIP_TIMEOUT_S);
	if (p->paylen < strlen("SIP/2.0 200"))
		return;
	if (f->l4 == L7_L4_TCP)
		sip_tcp(&m);
	else
		sip_message(&m);
}
