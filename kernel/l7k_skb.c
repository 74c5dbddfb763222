// SPDX-License-Identifier: GPL-2.0
/*
 * From an skb to a struct l7_packet: where the payload is and what the
 * core needs of the L4 header.
 *
 * The payload is never linearized: the core reads it block by block
 * through l7k_read(), which walks the skb with skb_seq_read() (linear
 * part, page frags, frag_list), so GSO and GRO skbs are read in place.
 */
#define pr_fmt(fmt) "xt_layer7: " fmt

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <net/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/ipv6.h>

#include "l7k.h"

static unsigned int l7k_read(void *ctx, unsigned int off, const u8 **data)
{
	struct l7k_payload *pl = ctx;
	unsigned int n;

	if (off >= pl->len)
		return 0;
	/* skb_seq_read() only moves forward: start over for a step back. */
	if (pl->active && off < pl->pos) {
		skb_abort_seq_read(&pl->st);
		pl->active = false;
	}
	if (!pl->active) {
		skb_prepare_seq_read(pl->skb, pl->base, pl->base + pl->len,
				     &pl->st);
		pl->active = true;
	}
	pl->pos = off;
	n = skb_seq_read(off, data, &pl->st);
	if (!n) {
		/* skb_seq_read() already ended the walk */
		pl->active = false;
		return 0;
	}
	/* the linear part can extend past the payload's end */
	return min(n, pl->len - off);
}

int l7k_l4proto(const struct sk_buff *skb, u8 family)
{
	unsigned int off = 0;

	if (family == NFPROTO_IPV4)
		return ip_hdr(skb)->protocol;
	return ipv6_find_hdr(skb, &off, -1, NULL, NULL);
}

/* See l7k.h. */
int l7k_parse(const struct sk_buff *skb, u8 family, struct l7_packet *pkt,
	      struct l7k_payload *pl)
{
	unsigned int thoff, hlen;
	u8 proto;

	if (family == NFPROTO_IPV4) {
		const struct iphdr *iph = ip_hdr(skb);

		if (iph->frag_off & htons(IP_OFFSET))
			return -EPROTONOSUPPORT;
		proto = iph->protocol;
		thoff = skb_network_offset(skb) + iph->ihl * 4;
	} else {
		unsigned short fragoff = 0;
		int flags = 0, nh;
		unsigned int off = 0;

		nh = ipv6_find_hdr(skb, &off, -1, &fragoff, &flags);
		if (nh < 0 || fragoff)
			return -EPROTONOSUPPORT;
		proto = nh;
		thoff = off;
	}
	if (thoff > skb->len)
		return -EINVAL;

	memset(pkt, 0, sizeof(*pkt));
	pkt->l4proto = proto;
	switch (proto) {
	case IPPROTO_TCP: {
		struct tcphdr _th;
		const struct tcphdr *th;

		th = skb_header_pointer(skb, thoff, sizeof(_th), &_th);
		if (!th || th->doff < 5)
			return -EINVAL;
		hlen = th->doff * 4;
		pkt->tcp_syn = th->syn;
		pkt->tcp_seq = ntohl(th->seq);
		break;
	}
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
		hlen = sizeof(struct udphdr);
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		/* type, code, checksum, identifier, sequence */
		hlen = 8;
		break;
	default:
		return -EPROTONOSUPPORT;
	}
	if (thoff + hlen > skb->len)
		return -EINVAL;

	pl->skb = (struct sk_buff *)skb;
	pl->base = thoff + hlen;
	pl->len = skb->len - pl->base;
	pl->pos = 0;
	pl->active = false;

	pkt->len = pl->len;
	pkt->read = l7k_read;
	pkt->ctx = pl;
	return 0;
}
