// SPDX-License-Identifier: GPL-2.0
/*
 * xt_layer7: classify connections by their first bytes (l7-filter).
 *
 * A rule only reads its connection's state: l7k_hook.c counts each
 * packet and keeps its bytes once, however many rules it meets, and
 * core/l7conn.c decides what a rule answers.  Packets the module cannot
 * classify never match, whether the rule is inverted or not: untracked
 * packets (-j CT --notrack), packets without conntrack, ICMP errors
 * (about any connection, pings included), and connections the module
 * has no state for (cap on undecided connections reached, out of
 * memory).  The original matched "!" rules in those cases; we make no
 * claim about a packet we know nothing of.
 */
/*
 * Not KBUILD_MODNAME: for objects in a subdirectory of an external
 * module it is "kernel/xt_layer7".
 */
#define pr_fmt(fmt) "xt_layer7: " fmt

#include <linux/ctype.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/netfilter/x_tables.h>
#include <linux/sched/mm.h>
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
 * scan states each; at this many per namespace, one that kept no byte
 * yet is forgotten to make room for a new one, or else the new one is
 * not classified (counted as evicted and cap_hits in stats).  A TCP
 * connection leaves the count when it closes, not when conntrack
 * forgets it.
 */
unsigned int l7k_max_undecided __read_mostly = 16384;
module_param_named(max_undecided, l7k_max_undecided, uint, 0644);
MODULE_PARM_DESC(max_undecided,
		 "undecided connections per network namespace, at most (default 16384)");

/*
 * Bytes a namespace's connections may hold in all: entries, buffers,
 * scan states.  What our definitions need is a few hundred bytes per
 * undecided connection (16384 of them: about 10 MB); patterns without
 * a DFA need far more, and a user namespace's root may write those.
 */
unsigned long l7k_max_memory __read_mostly = 64UL << 20;
module_param_named(max_memory, l7k_max_memory, ulong, 0644);
MODULE_PARM_DESC(max_memory,
		 "bytes held for connections per network namespace, at most (default 64 MiB)");

/*
 * ICMP errors are RELATED to the connection whose packet they quote:
 * never its data, and never matched (a ping's included).
 */
static bool layer7_icmp_error(const struct sk_buff *skb, u8 family,
			      enum ip_conntrack_info ctinfo)
{
	if (ctinfo != IP_CT_RELATED && ctinfo != IP_CT_RELATED_REPLY)
		return false;
	return l7k_l4proto(skb, family) ==
	       (family == NFPROTO_IPV4 ? IPPROTO_ICMP : IPPROTO_ICMPV6);
}

/*
 * The rule's answer without the connection's lock, or -1.  Final: from
 * the verdict.  Undecided: "unset" matches, "unknown" does not, and a
 * pattern in the namespace's set is answered from the set's hits over
 * the bytes kept, when they say "no match" (a match decides, under the
 * lock).  A rule answers as of the moment it reads: a verdict another
 * CPU publishes at the same time counts from the next rule on.
 */
static int layer7_answer_unlocked(const struct l7k_entry *e,
				  const struct l7k_rule *rule)
{
	const struct l7k_entry *root = e->root;
	bool invert = rule->core.flags & L7_RULE_INVERT;
	const struct l7_member *m;
	unsigned int seq;
	u64 set, hits;

	if (smp_load_acquire(&root->final))
		return l7_conn_final_answer(&root->conn, &rule->core);
	if (rule->unset)
		return !invert;
	if (rule->unknown || !rule->core.prog)
		return invert;
	m = READ_ONCE(rule->core.member);
	if (!m || m->index >= 64)
		return -1;
	do {
		seq = read_seqcount_begin(&root->hits_seq);
		set = root->hits_set;
		hits = root->hits;
	} while (read_seqcount_retry(&root->hits_seq, seq));
	if (set != m->set->id || (hits >> m->index & 1))
		return -1;
	return invert;
}

/* The rule's answer under the connection's lock: it may decide. */
static noinline bool layer7_answer_locked(struct l7k_entry *e,
					  const struct l7k_rule *rule)
{
	struct l7k_net *ln = rule->ln;
	struct mem_cgroup *memcg;
	struct l7_params params;
	long old_mem;
	bool ret;

	if (!l7k_entry_lock(e))
		return false;
	l7k_entry_params(ln, e, &params);
	old_mem = l7k_entry_mem(e);
	memcg = set_active_memcg(ln->memcg);
	ret = l7_conn_rule(&e->root->conn, &e->flow, &rule->core, &params);
	set_active_memcg(memcg);
	l7k_entry_done(ln, e, old_mem);
	l7k_entry_unlock(e);
	return ret;
}

/*
 * The first rule to meet a connection tracks it: the hook passed this
 * packet before there was an entry, so the rule counts it.  Out of line:
 * once per connection, not per rule.
 */
static noinline struct l7k_entry *
layer7_entry_new(struct l7k_net *ln, struct nf_conn *ct,
		 enum ip_conntrack_info ctinfo, const struct sk_buff *skb,
		 u8 family)
{
	struct l7k_entry *e;
	bool created;

	e = l7k_entry_create(ln, ct, &created);
	if (e && created)
		l7k_entry_count(ln, e, skb, family, CTINFO2DIR(ctinfo));
	return e;
}

/*
 * Netfilter runs its hooks under rcu_read_lock() (nf_hook()), which is
 * what keeps the table's entries and the namespace's set alive while we
 * look at them.
 */
static bool layer7_mt(const struct sk_buff *skb, struct xt_action_param *par)
{
	const struct xt_layer7_info *info = par->matchinfo;
	const struct l7k_rule *rule = info->rule;
	enum ip_conntrack_info ctinfo;
	struct l7k_entry *e;
	struct nf_conn *ct;
	int answer;

	ct = nf_ct_get(skb, &ctinfo);
	if (!ct || layer7_icmp_error(skb, xt_family(par), ctinfo))
		return false;
	e = l7k_entry_find(rule->ln, ct);
	if (unlikely(!e)) {
		e = layer7_entry_new(rule->ln, ct, ctinfo, skb, xt_family(par));
		if (!e)
			return false;
	}
	answer = layer7_answer_unlocked(e, rule);
	if (answer >= 0)
		return answer;
	return layer7_answer_locked(e, rule);
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
	struct l7re_diag diag = { 0 };
	struct l7k_rule *rule;
	size_t nlen, plen;
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
	/* an empty regex matches every connection: surely a mistake */
	if (!plen) {
		pr_info_ratelimited("%s: empty pattern\n", info->protocol);
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
	rule->unset = !strcmp(rule->proto, "unset");
	rule->unknown = !strcmp(rule->proto, "unknown");

	rule->ln = l7k_pernet(par->net);
	err = l7k_table_ensure(rule->ln);
	if (err)
		goto err_free;

	err = l7k_prog_get(&rule->prog, info->pattern, plen, &diag);
	if (err) {
		if (err != -ENOMEM)
			pr_info_ratelimited("%s: pattern rejected at offset %zu: %s\n",
					    info->protocol, diag.offset,
					    l7re_strerror(diag.reason));
		goto err_free;
	}

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
	err = l7k_set_add_rule(rule->ln, rule);
	if (err)
		goto err_netns;
	info->rule = rule;
	return 0;

err_netns:
	nf_ct_netns_put(par->net, par->family);
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
	err = l7k_set_init();
	if (err)
		return err;
	err = l7k_table_init();
	if (err)
		goto err_set;
	err = xt_register_matches(layer7_mt_reg, ARRAY_SIZE(layer7_mt_reg));
	if (err)
		goto err_table;
	return 0;

err_table:
	l7k_table_exit();
err_set:
	l7k_set_exit();
	return err;
}

static void __exit layer7_mt_exit(void)
{
	xt_unregister_matches(layer7_mt_reg, ARRAY_SIZE(layer7_mt_reg));
	l7k_table_exit();
	l7k_set_exit();
}

module_init(layer7_mt_init);
module_exit(layer7_mt_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Xtables: layer 7 (application protocol) classifier");
MODULE_ALIAS("ipt_layer7");
MODULE_ALIAS("ip6t_layer7");
