/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Captured frame -> the fields connection tracking and layer7 need.
 * Userspace only (tools, tests, benchmarks).
 */
#ifndef L7DECODE_H
#define L7DECODE_H

#include "regexp/l7re_env.h"

/* Link types, as libpcap's pcap_datalink() reports them (DLT_*). */
#define L7_DLT_NULL		0
#define L7_DLT_EN10MB		1
#define L7_DLT_PPP		9
#define L7_DLT_RAW		12
#define L7_DLT_RAW_ALT		14	/* DLT_RAW on OpenBSD */
#define L7_DLT_C_HDLC		104
#define L7_DLT_LOOP		108
#define L7_DLT_LINUX_SLL	113
#define L7_DLT_IPV4		228
#define L7_DLT_IPV6		229
#define L7_DLT_LINUX_SLL2	276

#define L7_L4_ICMP	1
#define L7_L4_TCP	6
#define L7_L4_UDP	17
#define L7_L4_ICMPV6	58
#define L7_L4_UDPLITE	136

#define L7_TCP_FIN	0x01
#define L7_TCP_SYN	0x02
#define L7_TCP_RST	0x04
#define L7_TCP_ACK	0x10

struct l7_pkt {
	u8 family;		/* 4 or 6 */
	u8 l4;			/* L7_L4_* */
	u8 src[16], dst[16];	/* IPv4 in the first 4 bytes */
	u16 sport, dport;	/* ICMP query: both the identifier */
	u8 icmp_type;		/* ICMP query: echo, echo reply, ... */
	u8 tcp_flags;
	u32 tcp_seq;
	unsigned int iplen;	/* IP bytes, as conntrack accounts them */
	const u8 *payload;	/* after the TCP/UDP/ICMP header */
	unsigned int paylen;	/* captured payload bytes */
	u64 ts_us;		/* capture time (set by the caller, for
				 * conntrack's UDP timeouts) */
};

enum l7_decode_result {
	L7_DEC_OK = 0,
	L7_DEC_LINK,		/* link type not supported */
	L7_DEC_NOTIP,		/* not IPv4/IPv6 (ARP, LLDP, ...) */
	L7_DEC_OTHER,		/* IP, but not TCP, UDP, UDP-Lite or ICMP */
	L7_DEC_FRAG,		/* a non-first IP fragment */
	L7_DEC_ICMPERR,		/* ICMP error: conntrack relates it to the
				 * connection it reports on, and the layer7
				 * match leaves it alone */
	L7_DEC_SHORT,		/* truncated or malformed headers */
	L7_DEC_MAX = L7_DEC_SHORT
};

bool l7_dlt_supported(int dlt);
const char *l7_decode_strerror(int res);
/* Fills @p from @caplen captured bytes of a frame of link type @dlt. */
int l7_decode(int dlt, const u8 *d, unsigned int caplen, struct l7_pkt *p);

#endif /* L7DECODE_H */
