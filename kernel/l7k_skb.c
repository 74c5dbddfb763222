// SPDX-License-Identifier: GPL-2.0
/*
 * From an skb to a struct l7_packet: where the payload is, what the
 * core needs of the L4 header, and a key that identifies the packet.
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

/*
 * The key must be equal for one skb at every rule and hook it passes,
 * and differ from the previous packet of the same connection.  It mixes
 * the skb's address with header fields that NAT and mangle leave alone
 * before the helper hook (TCP seq, ack, flags, window, timestamps; IPv4
 * id; lengths) and, for other protocols, a sample of the payload (TCP
 * headers already tell segments apart; sampling a GSO skb's paged
 * payload at every rule would cost a copy).  Residual risk: two
 * consecutive packets of one connection that reuse the same skb memory
 * and agree on all of those (an exact TCP retransmission without
 * timestamps, an identical UDP datagram with IP id 0) count as one;
 * counting a retransmission once is harmless (its bytes are not
 * appended twice anyway), the UDP case delays "unknown" by one packet.
 * Within one ip(6)tables traversal later rules take the key the first
 * one computed (layer7_seen); elsewhere (nft_compat, a later hook) a
 * target that copies the skb or edits those fields between two layer7
 * rules (TCPMSS on a SYN) makes one packet count twice.
 */
static u64 l7k_mix(u64 h, u64 v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return h;
}

static u64 l7k_sample(const struct sk_buff *skb, unsigned int base,
		      unsigned int len)
{
	u8 buf[16];
	const u8 *p;
	u64 h = 0;
	unsigned int n = min_t(unsigned int, len, sizeof(buf)), i;

	if (!n)
		return 0;
	p = skb_header_pointer(skb, base, n, buf);
	if (!p)
		return 0;
	for (i = 0; i < n; i++)
		h = (h << 5) ^ (h >> 59) ^ p[i];
	if (len > n) {
		p = skb_header_pointer(skb, base + len - 8, 8, buf);
		if (p)
			for (i = 0; i < 8; i++)
				h = (h << 5) ^ (h >> 59) ^ p[i];
	}
	return h;
}

/* TCP option bytes in the key: enough for the timestamps of a Linux peer */
#define L7K_KEY_OPT	12

/* What the key takes from a TCP header; @opt: its first option bytes. */
static u64 l7k_tcp_key(u64 key, const struct tcphdr *th, const u8 *opt)
{
	key = l7k_mix(key, (u64)ntohl(th->seq) << 32 | ntohl(th->ack_seq));
	key = l7k_mix(key, (u64)(__force u32)tcp_flag_word(th) << 16);
	if (opt) {
		u64 a;
		u32 b;

		memcpy(&a, opt, sizeof(a));
		memcpy(&b, opt + sizeof(a), sizeof(b));
		key = l7k_mix(key, a ^ b);
	}
	return key;
}

/* The key's last ingredient: the skb's and the payload's lengths. */
static u64 l7k_len_key(u64 key, const struct sk_buff *skb, unsigned int plen)
{
	return l7k_mix(key, (u64)skb->len << 32 | plen);
}

u64 l7k_quick_key(const struct sk_buff *skb, u8 family)
{
	const struct tcphdr *th;
	const u8 *opt;
	const struct iphdr *iph;
	unsigned int thoff, hlen;
	u64 k;

	if (family != NFPROTO_IPV4)
		return 0;
	iph = ip_hdr(skb);
	if (iph->protocol != IPPROTO_TCP || iph->frag_off & htons(IP_OFFSET))
		return 0;
	thoff = skb_network_offset(skb) + iph->ihl * 4;
	if (thoff + sizeof(*th) > skb_headlen(skb))
		return 0;
	th = (const struct tcphdr *)(skb->data + thoff);
	hlen = th->doff * 4;
	if (th->doff < 5 || thoff + hlen > skb_headlen(skb))
		return 0;
	k = l7k_mix((unsigned long)skb, ntohs(iph->id));
	opt = hlen >= sizeof(*th) + L7K_KEY_OPT ? (const u8 *)(th + 1) : NULL;
	k = l7k_tcp_key(k, th, opt);
	return l7k_len_key(k, skb, skb->len - thoff - hlen);
}

/*
 * Fills @pkt and @pl (except dir) for TCP, UDP, UDP-Lite, ICMP and
 * ICMPv6.  Returns 0, or -EPROTONOSUPPORT for other protocols and
 * fragments, -EINVAL for a truncated header.
 */
int l7k_parse(const struct sk_buff *skb, u8 family, struct l7_packet *pkt,
	      struct l7k_payload *pl)
{
	unsigned int thoff, hlen;
	u64 key = (unsigned long)skb;
	u8 proto;

	if (family == NFPROTO_IPV4) {
		const struct iphdr *iph = ip_hdr(skb);

		if (iph->frag_off & htons(IP_OFFSET))
			return -EPROTONOSUPPORT;
		proto = iph->protocol;
		thoff = skb_network_offset(skb) + iph->ihl * 4;
		key = l7k_mix(key, ntohs(iph->id));
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
		u8 _opt[L7K_KEY_OPT];
		const u8 *opt;

		th = skb_header_pointer(skb, thoff, sizeof(_th), &_th);
		if (!th || th->doff < 5)
			return -EINVAL;
		hlen = th->doff * 4;
		pkt->tcp_syn = th->syn;
		pkt->tcp_fin = th->fin;
		pkt->tcp_seq = ntohl(th->seq);
		opt = NULL;
		if (hlen >= sizeof(_th) + sizeof(_opt))
			opt = skb_header_pointer(skb, thoff + sizeof(_th),
						 sizeof(_opt), _opt);
		key = l7k_tcp_key(key, th, opt);
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

	key = l7k_len_key(key, skb, pl->len);
	if (proto != IPPROTO_TCP)
		key = l7k_mix(key, l7k_sample(skb, pl->base, pl->len));
	pkt->key = key;
	pkt->len = pl->len;
	pkt->read = l7k_read;
	pkt->ctx = pl;
	return 0;
}
