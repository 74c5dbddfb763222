// SPDX-License-Identifier: GPL-2.0
/*
 * DOC: each packet counted once, right after conntrack
 *
 * A connection's packets may meet any number of layer7 rules, at any
 * hook, in iptables-legacy and nft tables at once, with targets between
 * them that edit or replace the packet.  None of that can change how
 * often a packet counts toward num_packets or adds its bytes, because
 * the rules never do either: in every namespace that has layer7 rules,
 * xt_layer7 registers hooks of its own right after conntrack's, where
 * conntrack itself counts packets (PRE_ROUTING and LOCAL_OUT, IPv4 and
 * IPv6), and there each packet of a connection that a rule has met is
 * counted and its payload kept, under the connection's lock, once:
 *
 *   conntrack (-200) ─> l7k_hook (-199) ─> raw/mangle/nat/filter rules
 *                         │ entry?  final?       │ layer7_mt(): answer
 *                         │ count, keep bytes,   │ from the verdict, or
 *                         v scan with the set    v from the bytes kept
 *
 * A connection is tracked from the first of its packets that a layer7
 * rule meets: that rule creates the entry and counts that packet itself
 * (the hook saw it before the entry existed); traffic no rule reaches
 * is never tracked.  The hook counts what conntrack counts at the same
 * place and no more: conntrack passes over a packet this host sent that
 * comes back in through a loopback device (counted when it left), and
 * over packets that a target attached to an existing connection
 * (REJECT's reset) or that are ICMP errors about one; both carry
 * RELATED, which conntrack gives the packets it tracks only for an
 * expected connection (FTP data) before its first reply.
 */
#define pr_fmt(fmt) "xt_layer7: " fmt

#include <linux/netdevice.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>

#include "l7k.h"

void l7k_entry_count(struct l7k_net *ln, struct l7k_entry *e,
		     const struct sk_buff *skb, u8 family, u8 dir)
{
	const struct nf_conn *ct = e->ct;
	const struct l7k_set *set;
	struct mem_cgroup *memcg;
	struct l7_params params;
	struct l7k_payload pl;
	struct l7_packet pkt;
	long old_mem;
	bool added;

	/* an ICMP error quoting an expected connection's packet: not its */
	if (l7k_parse(skb, family, &pkt, &pl) ||
	    pkt.l4proto != nf_ct_protonum(ct))
		return;
	pkt.dir = dir;
	if (!l7k_entry_lock(e))
		return;
	set = rcu_dereference(ln->set);
	l7k_entry_params(ln, e, &params);
	old_mem = l7k_entry_mem(e);
	memcg = set_active_memcg(ln->memcg);
	added = l7_conn_packet(&e->root->conn, &e->flow, &pkt,
			       set ? &set->core : NULL, &params);
	set_active_memcg(memcg);
	l7k_payload_done(&pl);
	l7k_entry_done(ln, e, old_mem);
	/*
	 * After the FIN exchange's last ACK or a RST the data can go now
	 * rather than at the next GC pass; not if this packet brought
	 * bytes (a RST may carry some), which the rules it meets test.
	 */
	if (!added && l7k_ct_closed(ct))
		l7k_entry_close(ln, e);
	l7k_entry_unlock(e);
}

/* Whether conntrack counted @skb, at this hook, as a packet of @ct. */
static bool l7k_conntrack_counted(const struct sk_buff *skb,
				  const struct nf_conn *ct,
				  enum ip_conntrack_info ctinfo,
				  const struct nf_hook_state *state)
{
	if (state->hook == NF_INET_PRE_ROUTING &&
	    (skb->pkt_type == PACKET_LOOPBACK ||
	     (state->in && (state->in->flags & IFF_LOOPBACK))))
		return false;
	if (ctinfo == IP_CT_RELATED_REPLY)
		return false;
	if (ctinfo == IP_CT_RELATED)
		return test_bit(IPS_EXPECTED_BIT, &ct->status);
	return true;
}

static unsigned int l7k_hook(void *priv, struct sk_buff *skb,
			     const struct nf_hook_state *state)
{
	struct l7k_net *ln = priv;
	enum ip_conntrack_info ctinfo;
	struct l7k_entry *e;
	struct nf_conn *ct;

	ct = nf_ct_get(skb, &ctinfo);
	if (!ct || !l7k_conntrack_counted(skb, ct, ctinfo, state))
		return NF_ACCEPT;
	e = l7k_entry_find(ln, ct);
	if (e && !smp_load_acquire(&e->root->final))
		l7k_entry_count(ln, e, skb, state->pf, CTINFO2DIR(ctinfo));
	return NF_ACCEPT;
}

static const struct nf_hook_ops l7k_hook_ops[] = {
	{
		.hook		= l7k_hook,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= NF_IP_PRI_CONNTRACK + 1,
	},
	{
		.hook		= l7k_hook,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_LOCAL_OUT,
		.priority	= NF_IP_PRI_CONNTRACK + 1,
	},
	{
		.hook		= l7k_hook,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= NF_IP6_PRI_CONNTRACK + 1,
	},
	{
		.hook		= l7k_hook,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_LOCAL_OUT,
		.priority	= NF_IP6_PRI_CONNTRACK + 1,
	},
};

int l7k_hooks_update(struct l7k_net *ln)
{
	bool want = !list_empty(&ln->rules) && !ln->set_closed;
	unsigned int i;
	int err;

	lockdep_assert_held(&ln->set_mutex);
	BUILD_BUG_ON(ARRAY_SIZE(l7k_hook_ops) != ARRAY_SIZE(ln->hooks));
	if (want == ln->hooks_on)
		return 0;
	if (!want) {
		nf_unregister_net_hooks(ln->net, ln->hooks,
					ARRAY_SIZE(ln->hooks));
		ln->hooks_on = false;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(ln->hooks); i++) {
		ln->hooks[i] = l7k_hook_ops[i];
		ln->hooks[i].priv = ln;
	}
	err = nf_register_net_hooks(ln->net, ln->hooks, ARRAY_SIZE(ln->hooks));
	if (err) {
		pr_info_ratelimited("cannot register the counting hooks: %d\n",
				    err);
		return err;
	}
	ln->hooks_on = true;
	return 0;
}
