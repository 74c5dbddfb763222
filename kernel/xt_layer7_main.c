// SPDX-License-Identifier: GPL-2.0
/*
 * xt_layer7: classify connections by their first bytes (l7-filter).
 *
 * Semantics follow l7-filter 2.22 (see core/l7conn.h); where they
 * differ, it is said here or in the core.  Packets the module cannot
 * classify never match, whether the rule is inverted or not: untracked
 * packets (-j CT --notrack), packets without conntrack, protocols other
 * than TCP, UDP, UDP-Lite, ICMP and ICMPv6, non-first fragments, ICMP
 * errors (about any connection, pings included), and connections the
 * module has no state for (cap on undecided connections reached, out
 * of memory).  The original matched "!" rules in those cases; we make
 * no claim about a packet we know nothing of.
 *
 * A GSO/GRO super-packet is one skb and counts as one packet toward
 * num_packets; its whole payload is read in place.
 *
 * One deliberate difference: TCP payload is appended in sequence order
 * per direction (the core holds a few out-of-order segments), so a
 * retransmission does not add its bytes twice and reordering does not
 * scramble the buffer; l7-filter appended in arrival order.
 *
 * Memory: a decided or unknown connection keeps its struct l7k_entry
 * (152 bytes on x86_64) plus, once decided, the protocol name; undecided
 * ones also hold the buffer (grown in steps up to maxdatalen - 1) and
 * the scan's state: one for the namespace's combined patterns
 * (l7k_set.c) plus one per pattern scanned on its own, all freed at the
 * decision or when the TCP connection closes undecided (it becomes
 * "unknown").
 */
/*
 * Not KBUILD_MODNAME: for objects in a subdirectory of an external
 * module it is "kernel/xt_layer7".
 */
#define pr_fmt(fmt) "xt_layer7: " fmt

#include <linux/ctype.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/netfilter/x_tables.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <net/netfilter/nf_conntrack.h>

#include "l7k.h"
#include "xt_layer7.h"

unsigned int l7k_maxdatalen __read_mostly = L7_MAXDATALEN_DEFAULT;
module_param_named(maxdatalen, l7k_maxdatalen, uint, 0444);
MODULE_PARM_DESC(maxdatalen,
		 "bytes buffered per connection, plus one (load time, 1..65536, default 2048)");

unsigned int l7k_num_packets __read_mostly = L7_NUM_PACKETS_DEFAULT;

static int l7k_set_num_packets(const char *val, const struct kernel_param *kp)
{
	unsigned int v;
	int err = kstrtouint(val, 10, &v);

	if (err)
		return err;
	if (v < 1 || v > L7_NUM_PACKETS_MAX)
		return -EINVAL;
	WRITE_ONCE(l7k_num_packets, v);
	return 0;
}

static const struct kernel_param_ops l7k_num_packets_ops = {
	.set	= l7k_set_num_packets,
	.get	= param_get_uint,
};
module_param_cb(num_packets, &l7k_num_packets_ops, &l7k_num_packets, 0644);
MODULE_PARM_DESC(num_packets,
		 "packets of a connection after which it is unknown (1..99, default 10)");

/*
 * Undecided connections cost a buffer of up to maxdatalen bytes plus
 * per-pattern stream state each; beyond this many per namespace, new
 * connections are not classified (counted as cap_hits in stats).  A TCP
 * connection leaves the count when it closes (l7k_entry_close), not when
 * conntrack forgets it.
 */
unsigned int l7k_max_undecided __read_mostly = 16384;
module_param_named(max_undecided, l7k_max_undecided, uint, 0644);
MODULE_PARM_DESC(max_undecided,
		 "undecided connections per network namespace, at most (default 16384)");

/*
 * Packets of connections already decided or unknown (nearly all of a
 * bulk transfer) are answered from the verdict and the rule alone: no
 * parsing, no lock (see l7k_table.c).  Only packets the locked path
 * would answer the same way: ICMP errors, which conntrack marks RELATED
 * to the connection they quote, never match there; RELATED also marks
 * the first packet of an expected connection, whose entry the locked
 * path creates.  Non-first fragments never match either, but conntrack
 * reassembles before it tracks, so those carry no ct; par->fragoff is
 * checked for IPv4 only, as ip6t_do_table() sets it only for rules with
 * "-p".  The one visible difference: packets= in
 * /proc/net/xt_layer7/connections stops counting once the connection
 * is final.
 */
/*
 * RELATED: an ICMP error about the connection, or the first packet of
 * an expected one (FTP data).
 */
static bool layer7_related(enum ip_conntrack_info ctinfo)
{
	return ctinfo == IP_CT_RELATED || ctinfo == IP_CT_RELATED_REPLY;
}

/* The final conn of @e, if this packet may be answered from it. */
static const struct l7_conn *layer7_mt_final(const struct l7k_entry *e,
					     enum ip_conntrack_info ctinfo,
					     const struct xt_action_param *par)
{
	if (layer7_related(ctinfo) ||
	    (xt_family(par) == NFPROTO_IPV4 && par->fragoff))
		return NULL;
	return l7k_entry_final(e);
}

/*
 * A chain's rules meet a packet one after another, on one CPU, inside
 * one ipt_do_table() or ip6t_do_table() call: BH disabled, between
 * xt_write_recseq_begin() and _end(), which give every outermost call
 * its own odd value of this CPU's xt_recseq.  So what the first layer7
 * rules of the call learnt serves the next ones: the packet's key (no
 * hash of the headers, for UDP and IPv6 no parsing), and for an
 * undecided connection often the answer itself (layer7_seen_answer()),
 * and for a final one its verdict, without even finding the entry.
 *
 * nft_compat does not touch xt_recseq: its rules never use the slot
 * (checkentry tells them apart), as the value would be that of some
 * earlier traversal and the next packet may well reuse the skb's
 * memory.  Outside any traversal (tc's em_ipt) the value is even and
 * there is no slot.  A nested call (a packet a target sends, e.g.
 * REJECT's reset) shares the value of its caller; its skb is another
 * object alive at the same time, and the skb, ct and hook state must
 * all agree.  The stamp guards against the value coming
 * round again: 2^31 traversals on one CPU within a second cannot
 * happen, while a traversal may well straddle a tick.
 */
struct layer7_seen {
	const struct sk_buff *skb;
	const struct nf_conn *ct;
	const struct nf_hook_state *state;
	u64 key;			/* the packet's key, or 0: not known */
	unsigned long stamp;		/* jiffies */
	unsigned int seq;		/* xt_recseq, odd */
	bool counted;			/* the core counted it, at an earlier rule */
	/*
	 * The packet was counted, added no bytes and left the connection
	 * undecided: every later rule answers "no match" (before
	 * inversion).
	 */
	bool quiet;
	/*
	 * Non-NULL: the connection is decided or unknown, and the packet is
	 * one that may be answered from its verdict (layer7_mt_final()).
	 * The conn outlives the traversal: entries are freed after an RCU
	 * grace period, and a verdict never changes.
	 */
	const struct l7_conn *final;
	/*
	 * hits_id != 0: at an earlier rule, the combined scan (l7k_set.c)
	 * with this multi_id had been fed every byte the connection kept,
	 * these members matched, and the connection was still undecided.
	 */
	u64 hits_id;
	u64 hits;
};

static DEFINE_PER_CPU(struct layer7_seen, layer7_seen);

/* This packet's slot if an earlier rule of this traversal filled it. */
static struct layer7_seen *layer7_seen_peek(const struct sk_buff *skb,
					    const struct xt_action_param *par,
					    const struct nf_conn *ct)
{
	struct layer7_seen *seen = this_cpu_ptr(&layer7_seen);
	unsigned int seq;

	/* the skb first: a final connection's packets never match it */
	if (seen->skb != skb)
		return NULL;
	seq = __this_cpu_read(xt_recseq.sequence);
	if (!(seq & 1) || seen->seq != seq || seen->ct != ct ||
	    seen->state != par->state || jiffies - seen->stamp >= HZ)
		return NULL;
	return seen;
}

/* The slot, emptied for this packet.  NULL outside ip(6)tables. */
static struct layer7_seen *layer7_seen_claim(const struct sk_buff *skb,
					     const struct xt_action_param *par,
					     const struct nf_conn *ct)
{
	unsigned int seq = __this_cpu_read(xt_recseq.sequence);
	struct layer7_seen *seen = this_cpu_ptr(&layer7_seen);

	if (!(seq & 1))
		return NULL;
	seen->seq = seq;
	seen->skb = skb;
	seen->ct = ct;
	seen->state = par->state;
	seen->stamp = jiffies;
	seen->key = 0;
	seen->counted = false;
	seen->quiet = false;
	seen->final = NULL;
	seen->hits_id = 0;
	return seen;
}

/*
 * After the core evaluated @rule for the packet @pkt: what the packet's
 * later rules may answer from.  Root locked.
 */
static void layer7_seen_scanned(struct layer7_seen *seen,
				const struct l7k_entry *e,
				const struct l7_packet *pkt,
				const struct l7_rule *rule)
{
	const struct l7_conn *conn = &e->root->conn;
	const struct l7_member *m;
	u64 hits;

	seen->counted = true;
	if (conn->state != L7_UNDECIDED) {
		/* decided here: the later rules compare names */
		seen->quiet = false;
		seen->hits_id = 0;
		seen->final = conn;
		return;
	}
	if (!l7_flow_added(&e->flow, pkt->dir, pkt->key)) {
		seen->quiet = true;
		return;
	}
	m = READ_ONCE(rule->member);
	if (!m)
		return;		/* the scan an earlier rule kept still holds */
	if (l7_conn_multi_hits(conn, m, &hits)) {
		seen->hits = hits;
		seen->hits_id = m->multi_id;
	} else {
		seen->hits_id = 0;
	}
}

/*
 * The answer (before inversion: "no match") an earlier rule of this
 * traversal left for the packet, or -1.  The packet added no bytes, or
 * the rule's pattern is a member of the combined scan and missed.  The
 * packet's later rules are answered as of the moment its first rule
 * counted it: if meanwhile another CPU, with a packet going the other
 * way, appended bytes or decided the connection, this packet is taken
 * to have passed all its rules first, and those bytes are tested at
 * the next one.  Lockless, no table lookup.
 */
static int layer7_seen_answer(const struct layer7_seen *seen,
			      const struct l7k_rule *rule)
{
	const struct l7_member *m;

	if (seen->final)
		return l7_conn_final_answer(seen->final, &rule->core);
	if (seen->quiet)
		return rule->core.flags & L7_RULE_INVERT;
	if (!seen->hits_id)
		return -1;
	m = READ_ONCE(rule->core.member);
	if (m && seen->hits_id == m->multi_id && m->index < 64 &&
	    !(seen->hits >> m->index & 1))
		return rule->core.flags & L7_RULE_INVERT;
	return -1;
}

/*
 * An undecided connection: parse, then either the quiet answer (the
 * packet was counted by an earlier rule and added nothing) or lock and
 * feed the core.  Out of line so that the final path does not pay for
 * this frame (the payload reader's state is large and zeroed on entry).
 * @seen: this packet's slot, to be told its key; NULL outside ip(6)tables.
 */
static noinline bool layer7_mt_undecided(const struct sk_buff *skb,
					 const struct xt_action_param *par,
					 const struct l7k_rule *rule,
					 struct nf_conn *ct,
					 enum ip_conntrack_info ctinfo,
					 struct l7k_entry *e,
					 struct layer7_seen *seen)
{
	struct l7k_net *ln = rule->ln;
	struct l7_params params;
	struct l7k_payload pl;
	struct l7_packet pkt;
	struct l7_conn *conn;
	u8 old_state;
	long old_mem;
	bool ret;

	params.maxdatalen = l7k_maxdatalen;
	params.num_packets = READ_ONCE(l7k_num_packets);
	/*
	 * The core counted the packet at an earlier rule of this traversal:
	 * l7_conn_match() then needs only its key and direction, not the
	 * payload, so the headers are not parsed again.  Checked under the
	 * lock; if a packet going the same way on another CPU was counted
	 * in between, read this one after all: the core counts it again,
	 * and what the slot learnt of it no longer holds.
	 */
	if (seen && seen->counted && e) {
		memset(&pkt, 0, sizeof(pkt));
		pkt.key = seen->key;
		pkt.l4proto = nf_ct_protonum(ct);
		pkt.dir = CTINFO2DIR(ctinfo);
		pl.active = false;
		e = l7k_entry_lock(ln, ct, e);
		if (!e)
			return false;
		if (l7_flow_same(&e->flow, &pkt, &rule->core))
			goto locked;
		l7k_entry_unlock(e);
		seen->counted = false;
		seen->quiet = false;
		seen->hits_id = 0;
	}
	if (l7k_parse(skb, xt_family(par), &pkt, &pl) ||
	    pkt.l4proto != nf_ct_protonum(ct))
		return false;
	/*
	 * An ICMP error is RELATED to the connection whose packet it
	 * quotes; when that is a ping, the protocols agree, but the quoted
	 * bytes are not the ping's data.
	 */
	if (layer7_related(ctinfo) &&
	    (pkt.l4proto == IPPROTO_ICMP || pkt.l4proto == IPPROTO_ICMPV6))
		return false;
	pkt.dir = CTINFO2DIR(ctinfo);
	/*
	 * Within one traversal the packet is the skb: keep the key it had
	 * at the first rule even if a target in between edited the headers
	 * (TCPMSS), so that it is not counted twice.
	 */
	if (seen) {
		if (seen->key)
			pkt.key = seen->key;
		else
			seen->key = pkt.key;
	}
	if (e && l7k_entry_quiet(e, pkt.key))
		return rule->core.flags & L7_RULE_INVERT;

	e = l7k_entry_lock(ln, ct, e);
	if (!e)
		return false;
locked:
	conn = &e->root->conn;
	old_state = conn->state;
	old_mem = l7k_entry_mem(e);
	ret = l7_conn_match(conn, &e->flow, &pkt, &rule->core, &params);
	if (seen)
		layer7_seen_scanned(seen, e, &pkt, &rule->core);
	l7k_entry_set_final(e);
	l7k_entry_set_quiet(e, pkt.dir, pkt.key);
	l7k_payload_done(&pl);
	l7k_account(ln, e, old_state, old_mem);
	/*
	 * Conntrack saw this packet first: after the FIN exchange's last
	 * ACK or a RST the data can go now rather than at the next GC pass.
	 * Not if this packet added data (a RST may carry some): like any
	 * packet, it is for every rule it reaches to test, and the GC
	 * releases the conn after.
	 */
	if (conn->state == L7_UNDECIDED &&
	    !l7_flow_added(&e->flow, pkt.dir, pkt.key) && l7k_ct_closed(ct))
		l7k_entry_close(ln, e);
	l7k_entry_unlock(e);
	return ret;
}

/*
 * Netfilter runs its hooks under rcu_read_lock() (nf_hook()), which is
 * what keeps the table's entries alive while we look at them; taking it
 * again would cost two calls per packet and rule on PREEMPT_RCU kernels.
 * Three answers need no lock: the one an earlier rule of this traversal
 * left in layer7_seen (the packet added nothing, or the combined scan
 * missed this rule's pattern), a final connection's, and the quiet one
 * for a packet an earlier rule counted that added nothing (its key taken
 * from layer7_seen, or for TCP read straight from the headers, without
 * l7k_parse()).
 */
static bool layer7_mt(const struct sk_buff *skb, struct xt_action_param *par)
{
	const struct xt_layer7_info *info = par->matchinfo;
	const struct l7k_rule *rule = info->rule;
	struct layer7_seen *seen = NULL;
	enum ip_conntrack_info ctinfo;
	struct l7k_entry *e;
	struct nf_conn *ct;
	u64 key = 0;
	int answer;

	ct = nf_ct_get(skb, &ctinfo);
	if (!ct || nf_ct_is_template(ct))
		return false;
	if (xt_family(par) != NFPROTO_IPV4 && xt_family(par) != NFPROTO_IPV6)
		return false;

	if (rule->in_xt_table) {
		seen = layer7_seen_peek(skb, par, ct);
		if (seen) {
			answer = layer7_seen_answer(seen, rule);
			if (answer >= 0)
				return answer;
		}
	}
	e = l7k_entry_find(rule->ln, ct);
	if (rule->in_xt_table && !seen)
		seen = layer7_seen_claim(skb, par, ct);
	if (e) {
		const struct l7_conn *conn = layer7_mt_final(e, ctinfo, par);

		if (conn) {
			if (seen)
				seen->final = conn;
			return l7_conn_final_answer(conn, &rule->core);
		}
	}
	if (seen)
		key = seen->key;
	if (!e)
		goto undecided;
	if (!key && nf_ct_protonum(ct) == IPPROTO_TCP) {
		key = l7k_quick_key(skb, xt_family(par));
		if (seen)
			seen->key = key;
	}
	if (l7k_entry_quiet(e, key)) {
		if (seen)
			seen->quiet = true;
		return rule->core.flags & L7_RULE_INVERT;
	}
undecided:
	return layer7_mt_undecided(skb, par, rule, ct, ctinfo, e, seen);
}

static bool layer7_name_ok(const char *s)
{
	for (; *s; s++)
		if (!isgraph(*s))
			return false;
	return true;
}

static int layer7_mt_check(const struct xt_mtchk_param *par)
{
	struct xt_layer7_info *info = par->matchinfo;
	struct l7re_diag diag;
	size_t nlen, plen;
	struct l7k_rule *rule;
	int err;

	nlen = strnlen(info->protocol, sizeof(info->protocol));
	if (nlen == sizeof(info->protocol)) {
		pr_info_ratelimited("protocol name not terminated\n");
		return -EINVAL;
	}
	if (!nlen || !layer7_name_ok(info->protocol)) {
		pr_info_ratelimited("protocol name empty or not printable\n");
		return -EINVAL;
	}
	if (strnlen(info->l7dir, sizeof(info->l7dir)) == sizeof(info->l7dir)) {
		pr_info_ratelimited("%s: l7dir not terminated\n",
				    info->protocol);
		return -EINVAL;
	}
	plen = strnlen(info->pattern, sizeof(info->pattern));
	if (plen == sizeof(info->pattern)) {
		pr_info_ratelimited("%s: pattern not terminated\n",
				    info->protocol);
		return -EINVAL;
	}
	if (info->flags & ~XT_LAYER7_FLAGS_ALL) {
		pr_info_ratelimited("%s: unknown flags 0x%x\n",
				    info->protocol, info->flags);
		return -EINVAL;
	}

	rule = kzalloc(struct_size(rule, proto, nlen + 1),
		       GFP_KERNEL_ACCOUNT);
	if (!rule)
		return -ENOMEM;
	memcpy(rule->proto, info->protocol, nlen + 1);

	rule->ln = l7k_pernet(par->net);
	err = l7k_table_ensure(rule->ln);
	if (err)
		goto err_free;

	err = l7k_prog_get(&rule->prog, info->pattern, plen, &diag);
	if (err == -EINVAL || err == -E2BIG)
		pr_info_ratelimited("%s: pattern rejected at offset %zu: %s\n",
				    info->protocol, diag.offset,
				    l7re_strerror(diag.reason));
	if (err)
		goto err_free;

	err = nf_ct_netns_get(par->net, par->family);
	if (err < 0) {
		pr_info_ratelimited("cannot load conntrack support for proto=%u\n",
				    par->family);
		goto err_put;
	}

	rule->core.proto = rule->proto;
	rule->core.prog = rule->prog->prog;
	rule->core.prog_id = rule->prog->id;
	rule->core.flags = info->flags & XT_LAYER7_INVERT ? L7_RULE_INVERT : 0;
	rule->in_xt_table = !par->nft_compat;
	l7k_set_add_rule(rule->ln, rule);
	info->rule = rule;
	return 0;

err_put:
	l7k_prog_put(rule->prog);
err_free:
	kfree(rule);
	return err;
}

static void layer7_mt_destroy(const struct xt_mtdtor_param *par)
{
	struct xt_layer7_info *info = par->matchinfo;
	struct l7k_rule *rule = info->rule;

	l7k_set_del_rule(rule->ln, rule);
	nf_ct_netns_put(par->net, par->family);
	l7k_prog_put(rule->prog);
	kfree(rule);
}

static struct xt_match layer7_mt_reg[] __read_mostly = {
	{
		.name		= "layer7",
		.revision	= 0,
		.family		= NFPROTO_IPV4,
		.checkentry	= layer7_mt_check,
		.match		= layer7_mt,
		.destroy	= layer7_mt_destroy,
		.matchsize	= sizeof(struct xt_layer7_info),
		.usersize	= offsetof(struct xt_layer7_info, rule),
		.me		= THIS_MODULE,
	},
	{
		.name		= "layer7",
		.revision	= 0,
		.family		= NFPROTO_IPV6,
		.checkentry	= layer7_mt_check,
		.match		= layer7_mt,
		.destroy	= layer7_mt_destroy,
		.matchsize	= sizeof(struct xt_layer7_info),
		.usersize	= offsetof(struct xt_layer7_info, rule),
		.me		= THIS_MODULE,
	},
};

static int __init layer7_mt_init(void)
{
	int err;

	l7k_maxdatalen = clamp(l7k_maxdatalen, 1U, (unsigned int)L7_MAXDATALEN_MAX);
	err = l7k_table_init();
	if (err)
		return err;
	err = xt_register_matches(layer7_mt_reg, ARRAY_SIZE(layer7_mt_reg));
	if (err)
		goto err_table;
	return 0;

err_table:
	l7k_table_exit();
	return err;
}

static void __exit layer7_mt_exit(void)
{
	xt_unregister_matches(layer7_mt_reg, ARRAY_SIZE(layer7_mt_reg));
	l7k_table_exit();
}

module_init(layer7_mt_init);
module_exit(layer7_mt_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Xtables: layer 7 (application protocol) classifier");
MODULE_ALIAS("ipt_layer7");
MODULE_ALIAS("ip6t_layer7");
