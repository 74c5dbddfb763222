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
 *     conn      (bytes + verdict, root only)       (shared conn + lock)
 *
 * Each entry holds a reference on its conntrack, so the pointer cannot
 * be reused while the entry is linked: pointer equality is an exact
 * identity, and the GC may look at the ct at any time.  An entry is
 * reclaimed once its ct is dying (deleted or timed out) or we hold the
 * last reference (an unconfirmed ct whose packet was dropped).  The GC
 * visits a bounded slice of buckets per run of a delayed work item, and
 * inserts reclaim dead entries of the bucket they lock.  Until
 * reclaimed, a dead ct stays allocated (and counted against
 * nf_conntrack_max) for at most one GC sweep, L7K_BUCKETS /
 * L7K_GC_SLICE * L7K_GC_INTERVAL (about 3 s).  The same sweep releases
 * the data of undecided TCP connections that closed (l7k_entry_close)
 * and the segments a flow still holds once its connection is final.
 *
 * Locking: lookups run under RCU; a root entry's spinlock serialises
 * everything the core does for one connection and its children.
 * "dead" is set under that lock before an entry is unlinked, so a
 * reader that raced with the unlink sees it and backs off.  Lock order:
 * bucket lock, then entry lock.  Two things are published for readers
 * without the lock: "final" (with release: the verdict never changes
 * again, and is freed an RCU grace period after the entry leaves the
 * table) and, under a seqcount, which members of the namespace's set
 * match the bytes kept (hits).
 *
 * Bounds: undecided roots per namespace (max_undecided; past it an
 * undecided connection that kept no byte yet is forgotten, as conntrack
 * drops unassured entries early, so a flood of empty connections never
 * stops a connection with data from being classified), bytes per
 * namespace (max_memory) and per connection (core/l7conn.h).  Every
 * allocation is charged to the memory cgroup of whoever added the
 * namespace's first rule, without __GFP_HIGH: past the cgroup's limit
 * it fails (counted as nomem) instead of overdrawing it.
 */
#define pr_fmt(fmt) "xt_layer7: " fmt

#include <linux/hash.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/rculist.h>
#include <linux/sched/mm.h>
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
/*
 * Buckets an insert searches for an entry to forget when at the cap:
 * this many that hold entries, among the next L7K_EVICT_SPAN.  Counting
 * empty ones too missed victims when max_undecided is small next to
 * L7K_BUCKETS (4096 entries: 8 buckets in a row are all empty one time
 * in 55).
 */
#define L7K_EVICT_BUCKETS	8
#define L7K_EVICT_SPAN		256
/* Evictions an insert may make when other CPUs take the places it made. */
#define L7K_EVICT_TRIES		4
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
 * Every packet looks its connection up, so the hash is a
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

/* Packet path allocations: charged, never from the reserves. */
#define L7K_GFP		(GFP_NOWAIT | __GFP_ACCOUNT | __GFP_NOWARN)

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

/* Bucket locked. */
static void l7k_unlink(struct l7k_net *ln, struct l7k_entry *e)
{
	spin_lock(&e->root->lock);
	WRITE_ONCE(e->dead, true);	/* lockless readers check it */
	spin_unlock(&e->root->lock);
	hlist_del_rcu(&e->node);
	atomic_dec(&ln->entries);
	nf_ct_put(e->ct);
	l7k_entry_put(ln, e);
}

/* The root conn of @e just became final: count the verdict.  Root locked. */
static void l7k_account_verdict(struct l7k_net *ln, struct l7k_entry *root)
{
	const struct l7_conn *conn = &root->conn;
	unsigned int i;

	if (root->counted_undecided) {
		/* read locklessly by the GC as a hint */
		WRITE_ONCE(root->counted_undecided, 0);
		atomic_dec(&ln->undecided);
	}
	if (conn->state == L7_UNKNOWN) {
		atomic64_inc(&ln->unknown);
		if (conn->gave_up == L7_GAVE_UP_STEPS)
			atomic64_inc(&ln->over_steps);
		else if (conn->gave_up == L7_GAVE_UP_MEMORY)
			atomic64_inc(&ln->over_memory);
		return;
	}
	atomic64_inc(&ln->decided);
	spin_lock(&ln->proto_lock);
	for (i = 0; i < ln->nprotos; i++)
		if (!strcmp(ln->protos[i].name, conn->proto))
			break;
	if (i == ln->nprotos && i < L7K_PROTO_SLOTS &&
	    strlen(conn->proto) < sizeof(ln->protos[i].name)) {
		strscpy(ln->protos[i].name, conn->proto,
			sizeof(ln->protos[i].name));
		ln->protos[i].count = 0;
		ln->nprotos++;
	}
	if (i < ln->nprotos)
		ln->protos[i].count++;
	else
		ln->protos_other++;
	spin_unlock(&ln->proto_lock);
}

void l7k_entry_done(struct l7k_net *ln, struct l7k_entry *e, long old_mem)
{
	struct l7k_entry *root = e->root;
	const struct l7k_set *set;
	long delta = l7k_entry_mem(e) - old_mem;
	u64 hits = 0, id = 0;

	lockdep_assert_held(&root->lock);
	/* a shared cache line: touch it only when something changed */
	if (delta)
		atomic_long_add(delta, &ln->mem);
	if (root->conn.state != L7_UNDECIDED) {
		if (!root->final) {
			l7k_account_verdict(ln, root);
			/* the verdict and its name before the flag */
			smp_store_release(&root->final, true);
		}
		return;
	}
	set = rcu_dereference(ln->set);
	if (set && l7_conn_set_hits(&root->conn, &set->core, &hits))
		id = set->core.id;
	if (id == root->hits_set && hits == root->hits)
		return;
	write_seqcount_begin(&root->hits_seq);
	root->hits_set = id;
	root->hits = hits;
	write_seqcount_end(&root->hits_seq);
}

void l7k_entry_close(struct l7k_net *ln, struct l7k_entry *e)
{
	long old_mem;

	lockdep_assert_held(&e->root->lock);
	/* a child's bytes belong to its root, and so do a root's children */
	if (e->root != e || e->conn.state != L7_UNDECIDED ||
	    refcount_read(&e->ref) != 1)
		return;
	old_mem = l7k_entry_mem(e);
	l7_conn_close(&e->conn, &e->flow);
	l7k_entry_done(ln, e, old_mem);
}

/* Segments a flow holds after its connection became final.  Root locked. */
static void l7k_entry_drop_segments(struct l7k_net *ln, struct l7k_entry *e)
{
	atomic_long_sub(l7_flow_mem(&e->flow), &ln->mem);
	l7_flow_release(&e->flow);
}

/* Bucket locked. */
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
			spin_lock(&e->lock);
			l7k_entry_close(ln, e);
			spin_unlock(&e->lock);
		} else if (READ_ONCE(e->root->final) && data_race(e->flow.ooo)) {
			/* a hint read unlocked: freeing is right once final */
			spin_lock(&e->root->lock);
			l7k_entry_drop_segments(ln, e);
			spin_unlock(&e->root->lock);
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
		rcu_read_lock();
		spin_lock_bh(lock);
		l7k_reclaim_bucket(t->ln, &t->buckets[b], UINT_MAX);
		spin_unlock_bh(lock);
		rcu_read_unlock();
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

struct l7k_entry *l7k_entry_find(struct l7k_net *ln, const struct nf_conn *ct)
{
	struct l7k_table *t = READ_ONCE(ln->table);

	return t ? l7k_find(&t->buckets[l7k_hash(t, ct)], ct) : NULL;
}

/*
 * An undecided root without children that kept no byte: all it has
 * cost so far is its entry, and forgetting it loses nothing but its
 * packet count (its next packet that a rule meets tracks it again).
 */
static bool l7k_evictable(const struct l7k_entry *e)
{
	return e->root == e && READ_ONCE(e->counted_undecided) &&
	       refcount_read(&e->ref) == 1 && !READ_ONCE(e->conn.data);
}

/* Forget one evictable entry near bucket @b.  Returns whether it did. */
static bool l7k_evict(struct l7k_net *ln, struct l7k_table *t, unsigned int b)
{
	unsigned int i, searched = 0;

	for (i = 0; i < L7K_EVICT_SPAN && searched < L7K_EVICT_BUCKETS; i++) {
		unsigned int k = (b + i) & (L7K_BUCKETS - 1);
		spinlock_t *lock = l7k_bucket_lock(t, k);
		struct l7k_entry *e, *victim = NULL;

		/* unlocked: an entry linked meanwhile waits for the next one */
		if (hlist_empty(&t->buckets[k]))
			continue;
		searched++;
		spin_lock_bh(lock);
		hlist_for_each_entry(e, &t->buckets[k], node) {
			if (!l7k_evictable(e))
				continue;
			spin_lock(&e->lock);
			if (l7k_evictable(e) && e->conn.state == L7_UNDECIDED &&
			    !e->conn.data)
				victim = e;
			spin_unlock(&e->lock);
			if (victim)
				break;
		}
		if (victim)
			l7k_unlink(ln, victim);
		spin_unlock_bh(lock);
		if (victim) {
			atomic64_inc(&ln->evicted);
			return true;
		}
	}
	return false;
}

/* A place under max_undecided for a new root. */
static bool l7k_reserve_undecided(struct l7k_net *ln, struct l7k_table *t,
				  unsigned int b)
{
	unsigned int max = READ_ONCE(l7k_max_undecided);
	unsigned int tries;

	/* taken before the entry exists: CPUs creating at once stay under */
	if (atomic_inc_return(&ln->undecided) <= max)
		return true;
	atomic_dec(&ln->undecided);
	for (tries = 0; tries < L7K_EVICT_TRIES; tries++) {
		if (!l7k_evict(ln, t, b))
			return false;
		if (atomic_inc_return(&ln->undecided) <= max)
			return true;
		/* another CPU took the place we made: make one more */
		atomic_dec(&ln->undecided);
	}
	return false;
}

/* The namespace's memory cgroup charged for what the packet path allocates. */
static struct l7k_entry *l7k_alloc_entry(struct l7k_net *ln)
{
	struct mem_cgroup *old = set_active_memcg(ln->memcg);
	struct l7k_entry *e = kmalloc(sizeof(*e), L7K_GFP);

	set_active_memcg(old);
	return e;
}

/*
 * The entry of @ct, created if needed (a child, when @root is set, takes
 * a reference on @root).  Caller holds rcu_read_lock().
 */
static struct l7k_entry *l7k_get(struct l7k_net *ln, struct l7k_table *t,
				 struct nf_conn *ct, struct l7k_entry *root,
				 bool *created)
{
	unsigned int b = l7k_hash(t, ct);
	spinlock_t *lock = l7k_bucket_lock(t, b);
	struct l7k_entry *e, *old;

	*created = false;
	e = l7k_find(&t->buckets[b], ct);
	if (e)
		return e;
	/* its last packets: not worth an entry the GC would drop at once */
	if (nf_ct_is_dying(ct))
		return NULL;
	if (!root && !l7k_reserve_undecided(ln, t, b)) {
		atomic64_inc(&ln->cap_hits);
		return NULL;
	}
	if (root && !refcount_inc_not_zero(&root->ref))
		return NULL;
	if (atomic_long_read(&ln->mem) + sizeof(*e) > READ_ONCE(l7k_max_memory)) {
		atomic64_inc(&ln->over_memory);
		e = NULL;
		goto unreserve;
	}
	e = l7k_alloc_entry(ln);
	if (!e) {
		atomic64_inc(&ln->nomem);
		goto unreserve;
	}
	e->root = root ?: e;
	refcount_set(&e->ref, 1);
	spin_lock_init(&e->lock);
	seqcount_spinlock_init(&e->hits_seq, &e->lock);
	e->dead = false;
	e->final = false;
	e->counted_undecided = !root;
	e->hits_set = 0;
	e->hits = 0;
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
	*created = true;

	queue_delayed_work(system_power_efficient_wq, &t->gc, L7K_GC_INTERVAL);
	return e;

unreserve:	/* no new entry: @e is NULL or the one another CPU linked */
	if (root)
		l7k_entry_put(ln, root);
	else
		atomic_dec(&ln->undecided);
	return e;
}

struct l7k_entry *l7k_entry_create(struct l7k_net *ln, struct nf_conn *ct,
				   bool *created)
{
	struct l7k_table *t = READ_ONCE(ln->table);
	struct nf_conn *root_ct = ct;
	struct l7k_entry *root = NULL;
	unsigned int depth = 0;
	bool root_created;

	*created = false;
	if (!t)
		return NULL;
	while (root_ct->master && depth++ < L7K_MAX_MASTER_DEPTH)
		root_ct = root_ct->master;
	if (root_ct != ct) {
		root = l7k_get(ln, t, root_ct, NULL, &root_created);
		if (!root)
			return NULL;
		/* a child's root is a root: its conn is the one to share */
		root = root->root;
	}
	return l7k_get(ln, t, ct, root, created);
}

bool l7k_entry_lock(struct l7k_entry *e)
{
	spin_lock_bh(&e->root->lock);
	if (unlikely(e->dead)) {
		/* reclaimed under us: its ct is dying, treat as untracked */
		spin_unlock_bh(&e->root->lock);
		return false;
	}
	return true;
}

void l7k_entry_params(struct l7k_net *ln, const struct l7k_entry *e,
		      struct l7_params *params)
{
	long used = atomic_long_read(&ln->mem);
	unsigned long max = READ_ONCE(l7k_max_memory);
	size_t room = used < (long)max ? max - used : 0;
	size_t now = l7k_entry_mem(e);

	l7_params_default(params, l7k_maxdatalen);
	params->num_packets = READ_ONCE(l7k_num_packets);
	if (params->mem_max > now + room)
		params->mem_max = now + room;
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
	ln->memcg = get_mem_cgroup_from_mm(current->mm);
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
	mem_cgroup_put(ln->memcg);
	ln->memcg = NULL;
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

		if (!l7k_entry_lock(e))
			continue;
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
		l7k_entry_unlock(e);
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
