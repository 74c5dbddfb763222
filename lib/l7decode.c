// SPDX-License-Identifier: GPL-2.0
/*
 * Frame decoding for the tools: link layer, IPv4/IPv6 (with extension
 * headers), then TCP, UDP, UDP-Lite or ICMP.  Tunnels are not opened: the kernel's
 * connection tracking sees the outer packet, and so do we.  Every read
 * is checked against the captured length; lengths in headers are only
 * trusted to shorten, never to extend what was captured.
 */
#include "lib/l7decode.h"

#define ETH_P_IPV4	0x0800
#define ETH_P_IPV6	0x86dd
#define ETH_P_8021Q	0x8100
#define ETH_P_8021AD	0x88a8
#define ETH_P_QINQ	0x9100
#define MAX_VLAN_TAGS	4
#define MAX_EXT_HDRS	16

static u16 get16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static u32 get32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static u32 get32le(const u8 *p)
{
	return (u32)p[3] << 24 | (u32)p[2] << 16 | (u32)p[1] << 8 | p[0];
}

bool l7_dlt_supported(int dlt)
{
	switch (dlt) {
	case L7_DLT_NULL: case L7_DLT_EN10MB: case L7_DLT_PPP:
	case L7_DLT_RAW: case L7_DLT_RAW_ALT: case L7_DLT_C_HDLC:
	case L7_DLT_LOOP: case L7_DLT_LINUX_SLL: case L7_DLT_IPV4:
	case L7_DLT_IPV6: case L7_DLT_LINUX_SLL2:
		return true;
	}
	return false;
}

const char *l7_decode_strerror(int res)
{
	switch (res) {
	case L7_DEC_OK:		return "ok";
	case L7_DEC_LINK:	return "unsupported link type";
	case L7_DEC_NOTIP:	return "not IP";
	case L7_DEC_OTHER:	return "not TCP, UDP, UDP-Lite or ICMP";
	case L7_DEC_FRAG:	return "IP fragment";
	case L7_DEC_ICMPERR:	return "ICMP error";
	case L7_DEC_SHORT:	return "truncated or malformed";
	}
	return "?";
}

/* Ethertype-like network protocol -> IP version (0: not IP). */
static int ethertype_ip(u16 type)
{
	return type == ETH_P_IPV4 ? 4 : type == ETH_P_IPV6 ? 6 : 0;
}

/* Skips the link header; returns the IP version or a negative result. */
static int link_header(int dlt, const u8 *d, unsigned int len,
		       unsigned int *off)
{
	unsigned int o, i;
	u16 type;
	u32 af;

	switch (dlt) {
	case L7_DLT_EN10MB:
		if (len < 14)
			return -L7_DEC_SHORT;
		type = get16(d + 12);
		o = 14;
		for (i = 0; i < MAX_VLAN_TAGS && (type == ETH_P_8021Q ||
		     type == ETH_P_8021AD || type == ETH_P_QINQ); i++) {
			if (len < o + 4)
				return -L7_DEC_SHORT;
			type = get16(d + o + 2);
			o += 4;
		}
		*off = o;
		return ethertype_ip(type) ?: -L7_DEC_NOTIP;
	case L7_DLT_LINUX_SLL:
		if (len < 16)
			return -L7_DEC_SHORT;
		*off = 16;
		return ethertype_ip(get16(d + 14)) ?: -L7_DEC_NOTIP;
	case L7_DLT_LINUX_SLL2:
		if (len < 20)
			return -L7_DEC_SHORT;
		*off = 20;
		return ethertype_ip(get16(d)) ?: -L7_DEC_NOTIP;
	case L7_DLT_NULL:
	case L7_DLT_LOOP:
		if (len < 4)
			return -L7_DEC_SHORT;
		/* DLT_NULL: host byte order of the capturing machine. */
		af = dlt == L7_DLT_LOOP || (d[0] == 0 && d[1] == 0) ?
			get32(d) : get32le(d);
		*off = 4;
		if (af == 2)
			return 4;
		if (af == 10 || af == 24 || af == 28 || af == 30)
			return 6;	/* AF_INET6 of Linux, BSDs, macOS */
		return -L7_DEC_NOTIP;
	case L7_DLT_PPP:
		o = len >= 2 && d[0] == 0xff && d[1] == 0x03 ? 2 : 0;
		if (len < o + 2)
			return -L7_DEC_SHORT;
		type = get16(d + o);
		*off = o + 2;
		return type == 0x0021 ? 4 : type == 0x0057 ? 6 : -L7_DEC_NOTIP;
	case L7_DLT_C_HDLC:
		if (len < 4)
			return -L7_DEC_SHORT;
		*off = 4;
		return ethertype_ip(get16(d + 2)) ?: -L7_DEC_NOTIP;
	case L7_DLT_RAW:
	case L7_DLT_RAW_ALT:
	case L7_DLT_IPV4:
	case L7_DLT_IPV6:
		if (len < 1)
			return -L7_DEC_SHORT;
		*off = 0;
		return d[0] >> 4 == 4 ? 4 : d[0] >> 4 == 6 ? 6 : -L7_DEC_NOTIP;
	}
	return -L7_DEC_LINK;
}

/* IPv4 header at @d; sets the L4 protocol and its offset and end. */
static int ipv4(const u8 *d, unsigned int len, struct l7_pkt *p,
		unsigned int *l4off, unsigned int *end)
{
	unsigned int hl, tot;

	if (len < 20 || d[0] >> 4 != 4)
		return L7_DEC_SHORT;
	hl = (d[0] & 0xf) * 4;
	tot = get16(d + 2);
	if (hl < 20 || len < hl)
		return L7_DEC_SHORT;
	if (tot == 0)		/* TSO capture: length unknown, trust caplen */
		tot = len;
	if (tot < hl)
		return L7_DEC_SHORT;
	p->family = 4;
	p->l4 = d[9];
	memcpy(p->src, d + 12, 4);
	memcpy(p->dst, d + 16, 4);
	p->iplen = tot;
	if (get16(d + 6) & 0x1fff)
		return L7_DEC_FRAG;
	*l4off = hl;
	*end = tot < len ? tot : len;
	return L7_DEC_OK;
}

static int ipv6(const u8 *d, unsigned int len, struct l7_pkt *p,
		unsigned int *l4off, unsigned int *end)
{
	unsigned int o = 40, i, tot;
	u8 nh;

	if (len < 40 || d[0] >> 4 != 6)
		return L7_DEC_SHORT;
	tot = 40 + get16(d + 4);
	if (tot == 40)		/* jumbogram or TSO: trust caplen */
		tot = len;
	p->family = 6;
	memcpy(p->src, d + 8, 16);
	memcpy(p->dst, d + 24, 16);
	p->iplen = tot;
	nh = d[6];
	/*
	 * The headers the kernel's ipv6_ext_hdr() knows, no more: conntrack
	 * and ipv6_find_hdr() take anything else (mobility, HIP, shim6) for
	 * the transport, so xt_layer7 never classifies what follows it.
	 */
	for (i = 0; i < MAX_EXT_HDRS; i++) {
		switch (nh) {
		case 0: case 43: case 60:
			if (len < o + 8)
				return L7_DEC_SHORT;
			nh = d[o];
			o += (d[o + 1] + 1) * 8;
			continue;
		case 44:	/* fragment header */
			if (len < o + 8)
				return L7_DEC_SHORT;
			if (get16(d + o + 2) & 0xfff8)
				return L7_DEC_FRAG;
			nh = d[o];
			o += 8;
			continue;
		case 51:	/* AH: length in 4-byte units, minus 2 */
			if (len < o + 8)
				return L7_DEC_SHORT;
			nh = d[o];
			o += (d[o + 1] + 2) * 4;
			continue;
		}
		break;
	}
	if (i == MAX_EXT_HDRS || o > len)
		return L7_DEC_SHORT;
	p->l4 = nh;
	*l4off = o;
	*end = tot < len ? tot : len;
	return L7_DEC_OK;
}

/*
 * Queries are connections of their own in conntrack (keyed by the
 * identifier); everything else (errors, router and neighbour discovery)
 * is not something the layer7 match classifies.
 */
static bool icmp_is_query(u8 l4, u8 type)
{
	if (l4 == L7_L4_ICMP)	/* echo, timestamp, info, address mask */
		return type == 0 || type == 8 || (type >= 13 && type <= 18);
	return type == 128 || type == 129;	/* ICMPv6 echo */
}

int l7_decode(int dlt, const u8 *d, unsigned int caplen, struct l7_pkt *p)
{
	unsigned int off, l4off, end, hl;
	const u8 *h;
	int ver, res;

	memset(p, 0, sizeof(*p));
	ver = link_header(dlt, d, caplen, &off);
	if (ver < 0)
		return -ver;
	d += off;
	caplen -= off;
	res = ver == 4 ? ipv4(d, caplen, p, &l4off, &end) :
			 ipv6(d, caplen, p, &l4off, &end);
	if (res != L7_DEC_OK)
		return res;
	h = d + l4off;
	switch (p->l4) {
	case L7_L4_TCP:
		if (end < l4off + 20)
			return L7_DEC_SHORT;
		hl = (h[12] >> 4) * 4;
		if (hl < 20 || end < l4off + hl)
			return L7_DEC_SHORT;
		p->sport = get16(h);
		p->dport = get16(h + 2);
		p->tcp_seq = get32(h + 4);
		p->tcp_flags = h[13];
		break;
	case L7_L4_UDP:
	case L7_L4_UDPLITE:	/* the same header; xt_layer7 reads both */
		hl = 8;
		if (end < l4off + hl)
			return L7_DEC_SHORT;
		p->sport = get16(h);
		p->dport = get16(h + 2);
		break;
	case L7_L4_ICMP:
	case L7_L4_ICMPV6:
		hl = 8;
		if (end < l4off + hl)
			return L7_DEC_SHORT;
		if (!icmp_is_query(p->l4, h[0]))
			return L7_DEC_ICMPERR;
		p->sport = p->dport = get16(h + 4);
		p->icmp_type = h[0];
		break;
	default:
		return L7_DEC_OTHER;
	}
	p->payload = h + hl;
	p->paylen = end - l4off - hl;
	return L7_DEC_OK;
}
