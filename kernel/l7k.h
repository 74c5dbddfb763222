/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of xt_layer7.ko: how the files fit together.
 *
 *   xt_layer7_main.c  match registration, checkentry/destroy, the packet
 *                     path (layer7_mt), module parameters, init/exit
 *   l7k_prog.c        compiled patterns, shared and refcounted by text
 *   l7k_set.c         a namespace's patterns combined into one scan
 *   l7k_skb.c         packet -> struct l7_packet: L4 header, identity
 *                     key, payload reader over the skb (never linearized)
 *   l7k_table.c       per-netns connection table, locking, GC, cap
 *   l7k_proc.c        /proc/net/xt_layer7/{stats,connections},
 *                     /proc/net/layer7_numpackets
 *
 * The per-connection semantics (counting, buffering, verdicts) live in
 * core/l7conn.c, shared with the userspace tools; this module only finds
 * the state that belongs to a packet and serialises access to it.
 */
#ifndef L7K_H
#define L7K_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netns/generic.h>

#include "../core/l7conn.h"

struct mem_cgroup;
struct seq_file;

/* --- l7k_prog.c ------------------------------------------------------ */

/* One compiled regex, shared by every rule with the same text. */
struct l7k_prog {
	struct list_head list;		/* l7k_progs, under l7k_prog_mutex */
	refcount_t ref;			/* rules using it */
	size_t len;
	u64 id;				/* l7_rule.prog_id: never reused */
	const struct l7re_prog *prog;
	char text[];			/* the prepared regex, len bytes + NUL */
};

int l7k_prog_get(struct l7k_prog **pp, const char *text, size_t len,
		 struct l7re_diag *diag);
void l7k_prog_put(struct l7k_prog *p);
/* Another reference, for a holder of one. */
static inline void l7k_prog_hold(struct l7k_prog *p)
{
	refcount_inc(&p->ref);
}
size_t l7k_prog_total_size(void);

/* Per rule: what l7_conn_match() needs, with a stable address. */
struct l7k_rule {
	struct l7_rule core;
	struct l7k_prog *prog;
	/*
	 * The namespace the rule's table belongs to, where its packets
	 * are: net_generic() would cost an RCU section per packet.
	 */
	struct l7k_net *ln;
	/*
	 * Added by ip(6)tables, not nft_compat: its packets meet the rule
	 * inside ipt_do_table()/ip6t_do_table(), whose xt_recseq tells
	 * one traversal from the next (see layer7_seen).
	 */
	bool in_xt_table;
	struct list_head ln_node;	/* ln->rules, under ln->set_mutex */
	char proto[];
};

/* --- l7k_skb.c ------------------------------------------------------- */

/* Payload reader state for struct l7_packet.read. */
struct l7k_payload {
	struct sk_buff *skb;
	unsigned int base;		/* payload offset in the skb */
	unsigned int len;
	unsigned int pos;		/* payload offset st was advanced to */
	bool active;
	struct skb_seq_state st;
};

int l7k_parse(const struct sk_buff *skb, u8 family, struct l7_packet *pkt,
	      struct l7k_payload *pl);
/*
 * The key l7k_parse() gives, without the rest, for IPv4 TCP with both
 * headers in the linear part (nearly every packet); 0 otherwise (a
 * real key of 0 only misses this shortcut: l7k_entry_quiet() never
 * takes it).
 */
u64 l7k_quick_key(const struct sk_buff *skb, u8 family);

/* After the core read the payload: end the skb walk it left open. */
static inline void l7k_payload_done(struct l7k_payload *pl)
{
	if (pl->active)
		skb_abort_seq_read(&pl->st);
	pl->active = false;
}

/* --- l7k_table.c ----------------------------------------------------- */

/*
 * One per conntrack entry seen by a layer7 rule.  A child connection
 * (ct->master) has its own flow but uses its root master's conn; it
 * holds a reference on the root's entry so that conn outlives it.
 */
struct l7k_entry {
	struct hlist_node node;		/* bucket chain, RCU */
	struct rcu_head rcu;
	struct nf_conn *ct;		/* referenced while the entry exists */
	struct l7k_entry *root;		/* self, or the root master's entry */
	refcount_t ref;			/* 1 for the table + 1 per child */
	spinlock_t lock;		/* root's lock guards root conn + flows */
	bool dead;			/* unlinked: under root->lock */
	/*
	 * Root conn decided or unknown, and this flow holds nothing the
	 * core would still free: l7k_entry_final() may answer without
	 * the lock.  Set once, with release, under root->lock.
	 */
	bool final;
	u8 counted_undecided;		/* root: counted in undecided */
	/*
	 * (key | 1) of the last packet of this flow the core counted, if
	 * it added no data, left the conn undecided and no packet going
	 * the other way was counted since (l7_flow_quiet()); 0 otherwise.
	 * The core answers every later rule that packet reaches with "no
	 * match" (inverted: match), so they may read it here unlocked:
	 * most packets of a short connection carry no payload.  Written
	 * under root->lock.
	 */
	u64 quiet_key;
	struct l7_flow flow;
	struct l7_conn conn;		/* used only if root == self */
};

struct l7k_proto_count {
	char name[32];
	u64 count;
};

#define L7K_PROTO_SLOTS		64

struct l7k_net {
	struct l7k_table *table;	/* NULL until the first rule */
	struct net *net;

	atomic_t entries;
	atomic_t undecided;
	atomic_long_t mem;		/* entries + core allocations */
	atomic64_t decided, unknown, cap_hits, nomem;

	spinlock_t proto_lock;		/* per-protocol decision counts */
	unsigned int nprotos;
	struct l7k_proto_count protos[L7K_PROTO_SLOTS];
	u64 protos_other;

	/* l7k_set.c: the rules' patterns combined */
	struct mutex set_mutex;		/* rules, set, set_memcg, set_gen, set_closed */
	struct list_head rules;		/* every layer7 rule of the netns */
	struct l7k_set *set;		/* NULL: no pattern combined */
	struct delayed_work set_work;	/* rebuilds set */
	struct mem_cgroup *set_memcg;	/* charged for the rebuild */
	unsigned int set_gen;		/* bumped when the rules change */
	bool set_closed;		/* netns exiting: no more rebuilds */
};

int l7k_table_ensure(struct l7k_net *ln);
struct l7k_entry *l7k_entry_find(struct l7k_net *ln, const struct nf_conn *ct);
struct l7k_entry *l7k_entry_lock(struct l7k_net *ln, struct nf_conn *ct,
				 struct l7k_entry *e);
void l7k_account_verdict(struct l7k_net *ln, struct l7k_entry *e);
void l7k_entry_close(struct l7k_net *ln, struct l7k_entry *e);
void l7k_table_seq_bucket(struct seq_file *s, struct l7k_net *ln,
			  unsigned int bucket);
unsigned int l7k_table_buckets(const struct l7k_net *ln);
int l7k_table_init(void);
void l7k_table_exit(void);

/*
 * Helpers of the packet path, inline: they run for every packet and
 * rule, and under emulation a call costs more than their bodies.
 */
extern unsigned int l7k_net_id;

static inline struct l7k_net *l7k_pernet(const struct net *net)
{
	return net_generic(net, l7k_net_id);
}

/*
 * The lockless path: the conn of @e, found by l7k_entry_find(), if it is
 * final; NULL if the locked path must answer (undecided, reclaimed).
 * Caller holds rcu_read_lock() while it reads the conn.
 */
static inline const struct l7_conn *l7k_entry_final(const struct l7k_entry *e)
{
	if (!smp_load_acquire(&e->final) || READ_ONCE(e->dead))
		return NULL;
	return &e->root->conn;
}

/*
 * After l7_conn_match(): with the root conn final, the core has nothing
 * left to do for this flow (held segments go with the verdict), so its
 * later packets may be answered by l7k_entry_final().  The release
 * orders the conn's state and proto before the flag.  Root locked.
 */
static inline void l7k_entry_set_final(struct l7k_entry *e)
{
	lockdep_assert_held(&e->root->lock);
	if (!e->final && e->root->conn.state != L7_UNDECIDED && !e->flow.ooo)
		smp_store_release(&e->final, true);
}

/*
 * After l7_conn_match() for the packet @key going @dir: see quiet_key.
 * Root locked.
 */
static inline void l7k_entry_set_quiet(struct l7k_entry *e, u8 dir, u64 key)
{
	bool quiet = e->root->conn.state == L7_UNDECIDED &&
		     l7_flow_quiet(&e->flow, dir, key);

	lockdep_assert_held(&e->root->lock);
	WRITE_ONCE(e->quiet_key, quiet ? key | 1 : 0);
}

/*
 * Whether the core, for packet @key, would answer "no match" before
 * inversion: it counted @key already, the packet added nothing, and
 * the conn is still undecided (a sibling flow may have decided it since
 * quiet_key was written, so the state is read again).  Unlocked.
 */
static inline bool l7k_entry_quiet(const struct l7k_entry *e, u64 key)
{
	return key && READ_ONCE(e->quiet_key) == (key | 1) &&
	       !READ_ONCE(e->dead) &&
	       READ_ONCE(e->root->conn.state) == L7_UNDECIDED;
}

static inline void l7k_entry_unlock(struct l7k_entry *e)
{
	spin_unlock_bh(&e->root->lock);
}

/* What the core holds for @e: its root's conn and its own flow. */
static inline long l7k_entry_mem(const struct l7k_entry *e)
{
	return l7_conn_mem(&e->root->conn) + l7_flow_mem(&e->flow);
}

/* After l7_conn_match(): statistics of what changed.  Root locked. */
static inline void l7k_account(struct l7k_net *ln, struct l7k_entry *e,
			       u8 old_state, long old_mem)
{
	long delta = l7k_entry_mem(e) - old_mem;

	lockdep_assert_held(&e->root->lock);
	/* a shared cache line: touch it only when something changed */
	if (delta)
		atomic_long_add(delta, &ln->mem);
	if (old_state == L7_UNDECIDED && e->root->conn.state != L7_UNDECIDED)
		l7k_account_verdict(ln, e);
}

/*
 * TCP in TIME_WAIT or CLOSE: no payload will come any more.  Read
 * without the ct lock, as nf_conncount's already_closed() does; a stale
 * value only delays the release to a later packet or GC pass.
 */
static inline bool l7k_ct_closed(const struct nf_conn *ct)
{
	u8 state;

	if (nf_ct_protonum(ct) != IPPROTO_TCP)
		return false;
	state = READ_ONCE(ct->proto.tcp.state);
	return state == TCP_CONNTRACK_TIME_WAIT || state == TCP_CONNTRACK_CLOSE;
}

/* Module parameters, read in the packet path. */
extern unsigned int l7k_maxdatalen;
extern unsigned int l7k_num_packets;
extern unsigned int l7k_max_undecided;

/* --- l7k_set.c ------------------------------------------------------ */

struct l7k_set;
void l7k_set_add_rule(struct l7k_net *ln, struct l7k_rule *rule);
void l7k_set_del_rule(struct l7k_net *ln, struct l7k_rule *rule);
void l7k_set_show(struct seq_file *s, struct l7k_net *ln);
void l7k_set_net_init(struct l7k_net *ln);
void l7k_set_net_exit(struct l7k_net *ln);

/* --- l7k_proc.c ------------------------------------------------------ */

int l7k_proc_net_init(struct l7k_net *ln);
void l7k_proc_net_exit(struct l7k_net *ln);

#endif /* L7K_H */
