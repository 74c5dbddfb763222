// SPDX-License-Identifier: GPL-2.0
/*
 * DOC: per-connection state without a kernel patch
 *
 * Modules can no longer add conntrack extensions, and no hook tells a
 * module that a connection died.  So each network namespace gets its
 * own table of struct l7k_entry, keyed by the struct nf_conn pointer:
 *
 *   buckets[]  hlist, RCU readers ─────────┐
 *   locks[]    one spinlock per 32 buckets: inserts, unlinks
 *                                           v
 *   l7k_entry ── ct (one reference held) ── root ──> l7k_entry of the
 *     flow      (TCP order, this ct)               root master
 *     conn      (buffer + verdict, root only)      (shared conn + lock)
 *
 * Each entry holds a reference on its conntrack, so the pointer cannot
 * be reused while the entry is linked: pointer equality is an exact
 * identity, no nf_ct_get_id() check is needed, and the GC may look at
 * the ct at any time.  An entry is reclaimed once its ct is dying
 * (deleted or timed out) or we hold the last reference (an unconfirmed
 * ct whose packet was dropped).  The GC visits a bounded slice of
 * buckets per run of a delayed work item, and inserts reclaim dead
 * entries of the bucket they lock.  Until reclaimed, a dead ct stays
 * allocated (and counted against nf_conntrack_max) for at most one GC
 * sweep, L7K_BUCKETS / L7K_GC_SLICE * L7K_GC_INTERVAL (about 3 s).
 * The same sweep releases the data of undecided TCP connections that
 * closed (l7k_entry_close), so short connections stop counting against
 * max_undecided within a sweep, not when conntrack forgets them.
 *
 * Locking: the packet path looks entries up under RCU and takes only
 * the root entry's spinlock, which serialises everything the core does
 * for one connection and its children.  "dead" is set under that lock
 * before an entry is unlinked, so a reader that raced with the unlink
 * sees it and backs off.  Lock order: bucket lock, then entry lock.
 *
 * Most packets belong to connections already decided or unknown, whose
 * answer depends only on the rule.  Those take no lock at all: once a
 * flow has been through the core with its conn final, "final" is set
 * with release semantics, and l7k_entry_final() hands that conn to
 * readers that load it with acquire.  A final state and its proto never
 * change again, and they are freed an RCU grace period after the entry
 * leaves the table (l7k_entry_free_rcu), never while a reader may look.
 * The table is allocated on the first layer7 rule of a namespace, so
 * namespaces without rules cost one small struct.
 */
#define pr_fmt(fmt) "xt_layer7: " fmt

#include <linux/hash.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/rculist.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "l7k.h"

#define L7K_BUCKET_BITS		13
#define L7K_BUCKETS		(1U << L7K_BUCKET_BITS)
#define L7K_LOCKS		256
#define L7K_GC_SLICE		256
#define L7K_GC_INTERVAL		(HZ / 10)
/* Dead entries an insert reclaims from its bucket, at most. */
#define L7K_INSERT_RECLAIM	8
/* ct->master chains are one or two long; bound the walk anyway. */
#define L7K_MAX_MASTER_DEPTH	8

struct l7k_table {
	struct l7k_net *ln;
	u64 seed;
	unsigned int gc_next;
	struct delayed_work gc;
	spinlock_t locks[L7K_LOCKS] ____cacheline_aligned_in_smp;
	struct hlist_head buckets[L7K_BUCKETS];
};

unsigned int l7k_net_id __read_mostly;
/* serialises the lazy allocation of a namespace's table */
static DEFINE_MUTEX(l7k_net_mutex);

unsigned int l7k_table_buckets(const struct l7k_net *ln)
{
	return READ_ONCE(ln->table) ? L7K_BUCKETS : 0;
}

/*
 * Every rule a packet reaches looks its connection up, so the hash is a
 * multiplication: ct addresses are not chosen by the sender, and the
 * seed keeps them from being predictable.
 */
static unsigned int l7k_hash(const struct l7k_table *t,
			     const struct nf_conn *ct)
{
	return hash_64((unsigned long)ct ^ t->seed, L7K_BUCKET_BITS);
}

static spinlock_t *l7k_bucket_lock(struct l7k_table *t, unsigned int b)
{
	return &t->locks[b % L7K_LOCKS];
}

/* Whether nobody but us still cares about @ct. */
static bool l7k_ct_gone(const struct nf_conn *ct)
{
	return nf_ct_is_dying(ct) ||
	       refcount_read(&ct->ct_general.use) == 1;
}

static void l7k_entry_free_rcu(struct rcu_head *head)
{
	struct l7k_entry *e = container_of(head, struct l7k_entry, rcu);

	/* a lockless reader may have compared the proto until now */
	if (e->root == e)
		l7_conn_release(&e->conn);
	kfree(e);
}

static void l7k_entry_put(struct l7k_net *ln, struct l7k_entry *e)
{
	/* at most two rounds: a child, then its root */
	while (e && refcount_dec_and_test(&e->ref)) {
		struct l7k_entry *root = e->root != e ? e->root : NULL;

		/* unlinked and dead: no reader touches flow or conn now */
		atomic_long_sub(l7_flow_mem(&e->flow), &ln->mem);
		if (!root) {
			atomic_long_sub(l7_conn_mem(&e->conn), &ln->mem);
			if (e->counted_undecided)
				atomic_dec(&ln->undecided);
		}
		l7_flow_release(&e->flow);
		atomic_long_sub(sizeof(*e), &ln->mem);
		call_rcu(&e->rcu, l7k_entry_free_rcu);
		e = root;
	}
}

static void l7k_unlink(struct l7k_net *ln, struct l7k_entry *e)
{
	spin_lock(&e->root->lock);
	WRITE_ONCE(e->dead, true);	/* l7k_entry_final() reads it unlocked */
	spin_unlock(&e->root->lock);
	hlist_del_rcu(&e->node);
	atomic_dec(&ln->entries);
	nf_ct_put(e->ct);
	l7k_entry_put(ln, e);
}

/*
 * @e's ct closed: an undecided root gives up (l7_conn_close), frees its
 * data and leaves the undecided count, instead of holding both until
 * conntrack drops the ct (120 s in TIME_WAIT).  A child never closes
 * its root's conn, and neither does a root while a child (FTP data)
 * holds it: their bytes still belong to it.  Root locked.
 */
void l7k_entry_close(struct l7k_net *ln, struct l7k_entry *e)
{
	struct l7_conn *conn = &e->conn;
	long old_mem;

	lockdep_assert_held(&e->root->lock);
	if (e->root != e || conn->state != L7_UNDECIDED ||
	    refcount_read(&e->ref) != 1)
		return;
	old_mem = l7k_entry_mem(e);
	l7_conn_close(conn, &e->flow);
	l7k_account(ln, e, L7_UNDECIDED, old_mem);
}

static void l7k_reclaim_bucket(struct l7k_net *ln, struct hlist_head *head,
			       unsigned int budget)
{
	struct l7k_entry *e;
	struct hlist_node *n;

	hlist_for_each_entry_safe(e, n, head, node) {
		if (!budget--)
			break;
		if (l7k_ct_gone(e->ct)) {
			l7k_unlink(ln, e);
		} else if (READ_ONCE(e->counted_undecided) &&
			   l7k_ct_closed(e->ct)) {
			/* only undecided roots: decided ones in TIME_WAIT
			 * cost no lock
			 */
			spin_lock(&e->lock);
			l7k_entry_close(ln, e);
			spin_unlock(&e->lock);
		}
	}
}

static void l7k_gc_work(struct work_struct *work)
{
	struct l7k_table *t = container_of(to_delayed_work(work),
					   struct l7k_table, gc);
	unsigned int i;

	for (i = 0; i < L7K_GC_SLICE; i++) {
		unsigned int b = t->gc_next++ & (L7K_BUCKETS - 1);
		spinlock_t *lock = l7k_bucket_lock(t, b);

		if (hlist_empty(&t->buckets[b]))
			continue;
		spin_lock_bh(lock);
		l7k_reclaim_bucket(t->ln, &t->buckets[b], UINT_MAX);
		spin_unlock_bh(lock);
	}
	if (atomic_read(&t->ln->entries))
		queue_delayed_work(system_power_efficient_wq, &t->gc,
				   L7K_GC_INTERVAL);
}

static struct l7k_entry *l7k_find(struct hlist_head *head,
				  const struct nf_conn *ct)
{
	struct l7k_entry *e;

	hlist_for_each_entry_rcu(e, head, node)
		if (e->ct == ct)
			return e;
	return NULL;
}

/*
 * The entry of @ct, created if needed (a child, when @root is set, takes
 * a reference on @root).  Caller holds rcu_read_lock().  NULL when the
 * cap on undecided connections is reached or memory runs out.
 */
static struct l7k_entry *l7k_get(struct l7k_net *ln, struct l7k_table *t,
				 struct nf_conn *ct, struct l7k_entry *root)
{
	unsigned int b = l7k_hash(t, ct);
	spinlock_t *lock = l7k_bucket_lock(t, b);
	struct l7k_entry *e, *old;

	e = l7k_find(&t->buckets[b], ct);
	if (e)
		return e;

	/* its last packets: not worth an entry the GC would drop at once */
	if (nf_ct_is_dying(ct))
		return NULL;
	/*
	 * A root takes its place under the cap before it exists, so that
	 * CPUs creating entries at once cannot go past it together.
	 */
	if (!root && atomic_inc_return(&ln->undecided) >
		     READ_ONCE(l7k_max_undecided)) {
		atomic_dec(&ln->undecided);
		atomic64_inc(&ln->cap_hits);
		return NULL;
	}
	if (root && !refcount_inc_not_zero(&root->ref))
		return NULL;

	e = kmalloc(sizeof(*e), GFP_ATOMIC | __GFP_NOWARN);
	if (!e) {
		atomic64_inc(&ln->nomem);
		goto unreserve;
	}
	e->root = root ?: e;
	refcount_set(&e->ref, 1);
	spin_lock_init(&e->lock);
	e->dead = false;
	e->final = false;
	e->quiet_key = 0;
	e->counted_undecided = !root;
	l7_flow_init(&e->flow);
	l7_conn_init(&e->conn);

	spin_lock_bh(lock);
	l7k_reclaim_bucket(ln, &t->buckets[b], L7K_INSERT_RECLAIM);
	/* linked entries are alive under the bucket lock */
	old = l7k_find(&t->buckets[b], ct);
	if (old) {
		spin_unlock_bh(lock);
		kfree(e);
		e = old;
		goto unreserve;
	}
	nf_conntrack_get(&ct->ct_general);
	e->ct = ct;
	hlist_add_head_rcu(&e->node, &t->buckets[b]);
	atomic_inc(&ln->entries);
	atomic_long_add(sizeof(*e), &ln->mem);
	spin_unlock_bh(lock);

	queue_delayed_work(system_power_efficient_wq, &t->gc, L7K_GC_INTERVAL);
	return e;

unreserve:	/* no new entry: @e is NULL or the one another CPU linked */
	if (root)
		l7k_entry_put(ln, root);
	else
		atomic_dec(&ln->undecided);
	return e;
}

/* The entry of @ct, or NULL.  Caller holds rcu_read_lock(). */
struct l7k_entry *l7k_entry_find(struct l7k_net *ln, const struct nf_conn *ct)
{
	struct l7k_table *t = READ_ONCE(ln->table);

	return t ? l7k_find(&t->buckets[l7k_hash(t, ct)], ct) : NULL;
}

/*
 * Lock the root of @e, the entry l7k_entry_find() returned for @ct, or
 * when it found none, of a new entry.  Returns NULL (no lock held) if
 * there is none to be had.  Caller holds rcu_read_lock() since the
 * find and until l7k_entry_unlock().
 */
struct l7k_entry *l7k_entry_lock(struct l7k_net *ln, struct nf_conn *ct,
				 struct l7k_entry *e)
{
	struct l7k_table *t = READ_ONCE(ln->table);
	struct nf_conn *root_ct = ct;
	struct l7k_entry *root = NULL;
	unsigned int depth = 0;

	if (e)
		goto lock;
	if (!t)
		return NULL;
	while (root_ct->master && depth++ < L7K_MAX_MASTER_DEPTH)
		root_ct = root_ct->master;
	if (root_ct != ct) {
		root = l7k_get(ln, t, root_ct, NULL);
		if (!root)
			return NULL;
		/* a child's root is a root: its conn is the one to share */
		root = root->root;
	}
	e = l7k_get(ln, t, ct, root);
	if (!e)
		return NULL;
lock:
	spin_lock_bh(&e->root->lock);
	if (unlikely(e->dead)) {
		/* reclaimed under us: its ct is dying, treat as untracked */
		spin_unlock_bh(&e->root->lock);
		return NULL;
	}
	return e;
}


static void l7k_count_proto(struct l7k_net *ln, const char *name)
{
	unsigned int i;

	spin_lock_bh(&ln->proto_lock);
	for (i = 0; i < ln->nprotos; i++)
		if (!strcmp(ln->protos[i].name, name))
			break;
	if (i == ln->nprotos && i < L7K_PROTO_SLOTS &&
	    strlen(name) < sizeof(ln->protos[i].name)) {
		strscpy(ln->protos[i].name, name, sizeof(ln->protos[i].name));
		ln->protos[i].count = 0;
		ln->nprotos++;
	}
	if (i < ln->nprotos)
		ln->protos[i].count++;
	else
		ln->protos_other++;
	spin_unlock_bh(&ln->proto_lock);
}

/* The root conn of @e just became final: count the verdict.  Root locked. */
void l7k_account_verdict(struct l7k_net *ln, struct l7k_entry *e)
{
	struct l7k_entry *root = e->root;
	const struct l7_conn *conn = &root->conn;

	lockdep_assert_held(&root->lock);
	if (root->counted_undecided) {
		/* read locklessly by the GC as a hint */
		WRITE_ONCE(root->counted_undecided, 0);
		atomic_dec(&ln->undecided);
	}
	if (conn->state == L7_UNKNOWN) {
		atomic64_inc(&ln->unknown);
	} else {
		atomic64_inc(&ln->decided);
		l7k_count_proto(ln, l7_conn_proto(conn));
	}
}

int l7k_table_ensure(struct l7k_net *ln)
{
	struct l7k_table *t;
	unsigned int i;

	if (READ_ONCE(ln->table))
		return 0;
	t = kvzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
		return -ENOMEM;
	t->ln = ln;
	t->seed = get_random_u64();
	INIT_DELAYED_WORK(&t->gc, l7k_gc_work);
	for (i = 0; i < L7K_LOCKS; i++)
		spin_lock_init(&t->locks[i]);

	mutex_lock(&l7k_net_mutex);
	if (ln->table) {
		mutex_unlock(&l7k_net_mutex);
		kvfree(t);
		return 0;
	}
	/* publish after initialisation: the packet path reads it locklessly */
	smp_store_release(&ln->table, t);
	mutex_unlock(&l7k_net_mutex);
	return 0;
}

static void l7k_table_free(struct l7k_net *ln)
{
	struct l7k_table *t = ln->table;
	unsigned int b;

	if (!t)
		return;
	cancel_delayed_work_sync(&t->gc);
	for (b = 0; b < L7K_BUCKETS; b++) {
		struct l7k_entry *e;
		struct hlist_node *n;

		spin_lock_bh(l7k_bucket_lock(t, b));
		hlist_for_each_entry_safe(e, n, &t->buckets[b], node)
			l7k_unlink(ln, e);
		spin_unlock_bh(l7k_bucket_lock(t, b));
	}
	ln->table = NULL;
	/* readers of the table are gone: the netns has no packets left */
	synchronize_rcu();
	kvfree(t);
}

/* One bucket of /proc/net/xt_layer7/connections.  RCU read side held. */
void l7k_table_seq_bucket(struct seq_file *s, struct l7k_net *ln,
			  unsigned int bucket)
{
	struct l7k_table *t = READ_ONCE(ln->table);
	struct l7k_entry *e;

	if (!t || bucket >= L7K_BUCKETS)
		return;
	hlist_for_each_entry_rcu(e, &t->buckets[bucket], node) {
		const struct nf_conntrack_tuple *tp =
			&e->ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple;
		const struct l7_conn *conn = &e->root->conn;
		unsigned int packets, buffered = 0;
		const char *state;
		size_t mem;

		spin_lock_bh(&e->root->lock);
		if (e->dead) {
			spin_unlock_bh(&e->root->lock);
			continue;
		}
		state = l7_conn_proto(conn) ?: "unset";
		packets = conn->packets;
		l7_conn_data(conn, &buffered);
		mem = l7_conn_mem(conn);
		if (tp->src.l3num == NFPROTO_IPV6)
			seq_printf(s, "ipv6 %u [%pI6c]:%u [%pI6c]:%u",
				   tp->dst.protonum, &tp->src.u3.in6,
				   ntohs(tp->src.u.all), &tp->dst.u3.in6,
				   ntohs(tp->dst.u.all));
		else
			seq_printf(s, "ipv4 %u %pI4:%u %pI4:%u",
				   tp->dst.protonum, &tp->src.u3.ip,
				   ntohs(tp->src.u.all), &tp->dst.u3.ip,
				   ntohs(tp->dst.u.all));
		seq_printf(s, " %s packets=%u buffered=%u mem=%zu%s\n", state,
			   packets, buffered, mem, e->root != e ? " child" : "");
		spin_unlock_bh(&e->root->lock);
	}
}

static int __net_init l7k_net_init(struct net *net)
{
	struct l7k_net *ln = l7k_pernet(net);

	ln->net = net;
	spin_lock_init(&ln->proto_lock);
	l7k_set_net_init(ln);
	return l7k_proc_net_init(ln);
}

static void __net_exit l7k_net_exit(struct net *net)
{
	struct l7k_net *ln = l7k_pernet(net);

	l7k_proc_net_exit(ln);
	l7k_set_net_exit(ln);
	/*
	 * Our entries hold conntrack references: they must go before
	 * conntrack's own exit waits for every ct of the netns to be
	 * freed.  Registered after nf_conntrack, we exit before it.
	 */
	l7k_table_free(ln);
}

static struct pernet_operations l7k_net_ops = {
	.init	= l7k_net_init,
	.exit	= l7k_net_exit,
	.id	= &l7k_net_id,
	.size	= sizeof(struct l7k_net),
};

int l7k_table_init(void)
{
	return register_pernet_subsys(&l7k_net_ops);
}

void l7k_table_exit(void)
{
	unregister_pernet_subsys(&l7k_net_ops);
	/* entries are freed with call_rcu(): let them go before we do */
	rcu_barrier();
}
