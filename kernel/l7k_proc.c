// SPDX-License-Identifier: GPL-2.0
/*
 * Views of the module, per network namespace, owned by the namespace's
 * root (a container's root reads its own):
 *   /proc/net/xt_layer7/stats        counters of this namespace
 *   /proc/net/xt_layer7/connections  one line per tracked connection
 *   /proc/net/layer7_numpackets      the original's knob (global value)
 */
#define pr_fmt(fmt) "xt_layer7: " fmt

#include <linux/capability.h>
#include <linux/kernel.h>
#include <linux/uidgid.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>

#include "l7k.h"

static int l7k_stats_show(struct seq_file *s, void *v)
{
	struct l7k_net *ln = l7k_pernet(seq_file_single_net(s));
	unsigned int i;

	seq_printf(s, "tracked %d\n", atomic_read(&ln->entries));
	seq_printf(s, "undecided %d\n", atomic_read(&ln->undecided));
	seq_printf(s, "decided %llu\n", atomic64_read(&ln->decided));
	seq_printf(s, "unknown %llu\n", atomic64_read(&ln->unknown));
	seq_printf(s, "cap_hits %llu\n", atomic64_read(&ln->cap_hits));
	seq_printf(s, "evicted %llu\n", atomic64_read(&ln->evicted));
	seq_printf(s, "over_steps %llu\n", atomic64_read(&ln->over_steps));
	seq_printf(s, "over_memory %llu\n", atomic64_read(&ln->over_memory));
	seq_printf(s, "nomem %llu\n", atomic64_read(&ln->nomem));
	seq_printf(s, "memory %ld\n", atomic_long_read(&ln->mem));
	seq_printf(s, "patterns_memory %zu\n", l7k_prog_total_size());
	l7k_set_show(s, ln);
	seq_printf(s, "max_undecided %u\n", READ_ONCE(l7k_max_undecided));
	seq_printf(s, "max_memory %lu\n", READ_ONCE(l7k_max_memory));
	seq_printf(s, "num_packets %u\n", READ_ONCE(l7k_num_packets));
	seq_printf(s, "maxdatalen %u\n", l7k_maxdatalen);
	seq_printf(s, "steps_per_packet %lu\n",
		   L7_STEPS_PACKET_PER_BYTE * l7k_maxdatalen);
	seq_printf(s, "steps_per_connection %lu\n",
		   L7_STEPS_CONN_PER_BYTE * l7k_maxdatalen);
	spin_lock_bh(&ln->proto_lock);
	for (i = 0; i < ln->nprotos; i++)
		seq_printf(s, "proto %s %llu\n", ln->protos[i].name,
			   ln->protos[i].count);
	if (ln->protos_other)
		seq_printf(s, "proto (other) %llu\n", ln->protos_other);
	spin_unlock_bh(&ln->proto_lock);
	return 0;
}

static void *l7k_conn_start(struct seq_file *s, loff_t *pos)
	__acquires(RCU)
{
	struct net *net = seq_file_net(s);
	struct l7k_net *ln = l7k_pernet(net);

	rcu_read_lock();
	/*
	 * The file's owner cannot say "the namespace's root": `unshare -rn`
	 * creates the namespace before its user namespace has a uid map, so
	 * make_kuid() at creation gives nothing.  The file is readable by
	 * all, and whoever opened it must be the namespace's admin.
	 */
	if (!file_ns_capable(s->file, net->user_ns, CAP_NET_ADMIN))
		return ERR_PTR(-EPERM);
	return *pos < l7k_table_buckets(ln) ? pos : NULL;
}

static void *l7k_conn_next(struct seq_file *s, void *v, loff_t *pos)
{
	struct l7k_net *ln = l7k_pernet(seq_file_net(s));

	++*pos;
	return *pos < l7k_table_buckets(ln) ? pos : NULL;
}

static void l7k_conn_stop(struct seq_file *s, void *v)
	__releases(RCU)
{
	rcu_read_unlock();
}

static int l7k_conn_show(struct seq_file *s, void *v)
{
	l7k_table_seq_bucket(s, l7k_pernet(seq_file_net(s)),
			     *(loff_t *)v);
	return 0;
}

static const struct seq_operations l7k_conn_seq_ops = {
	.start	= l7k_conn_start,
	.next	= l7k_conn_next,
	.stop	= l7k_conn_stop,
	.show	= l7k_conn_show,
};

/* The original printed exactly two digits and a newline. */
static int l7k_numpackets_show(struct seq_file *s, void *v)
{
	seq_printf(s, "%02u\n", READ_ONCE(l7k_num_packets));
	return 0;
}

static int l7k_numpackets_write(struct file *file, char *buf, size_t size)
{
	unsigned int v;

	/* one global value: only the initial namespace's admin sets it */
	if (!capable(CAP_NET_ADMIN))
		return -EPERM;
	if (kstrtouint(strim(buf), 10, &v) || v < 1 ||
	    v > L7_NUM_PACKETS_MAX) {
		pr_info_ratelimited("layer7_numpackets must be 1..%d\n",
				    L7_NUM_PACKETS_MAX);
		return -EINVAL;
	}
	WRITE_ONCE(l7k_num_packets, v);
	return 0;
}

int l7k_proc_net_init(struct l7k_net *ln)
{
	struct net *net = ln->net;
	kuid_t uid = make_kuid(net->user_ns, 0);
	kgid_t gid = make_kgid(net->user_ns, 0);
	struct proc_dir_entry *dir, *pde[3];
	unsigned int i;

	/* the files below find their netns through their parent's data */
	dir = proc_mkdir_data("xt_layer7", 0555, net->proc_net, net);
	if (!dir)
		return -ENOMEM;
	pde[0] = proc_create_net_single("stats", 0444, dir, l7k_stats_show,
					NULL);
	pde[1] = proc_create_net("connections", 0444, dir, &l7k_conn_seq_ops,
				 sizeof(struct seq_net_private));
	if (!pde[0] || !pde[1])
		goto err;
	pde[2] = proc_create_net_single_write("layer7_numpackets", 0644,
					      net->proc_net,
					      l7k_numpackets_show,
					      l7k_numpackets_write, NULL);
	if (!pde[2])
		goto err;
	/* as nf_conntrack's files: the namespace's root owns them */
	if (uid_valid(uid) && gid_valid(gid)) {
		proc_set_user(dir, uid, gid);
		for (i = 0; i < ARRAY_SIZE(pde); i++)
			proc_set_user(pde[i], uid, gid);
	}
	return 0;
err:
	remove_proc_subtree("xt_layer7", net->proc_net);
	return -ENOMEM;
}

void l7k_proc_net_exit(struct l7k_net *ln)
{
	remove_proc_entry("layer7_numpackets", ln->net->proc_net);
	remove_proc_subtree("xt_layer7", ln->net->proc_net);
}
