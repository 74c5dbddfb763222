/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of xt_layer7.ko: how the files fit together.
 *
 *   xt_layer7_main.c  the match: checkentry/destroy and the rule's
 *                     answer (layer7_mt), module parameters, init/exit
 *   l7k_hook.c        the namespace's hooks after conntrack: count each
 *                     packet of a tracked connection once, keep its bytes
 *   l7k_table.c       per-netns connection table: entries, locking,
 *                     GC, the cap on undecided connections, eviction
 *   l7k_set.c         a namespace's patterns combined into one scan
 *   l7k_prog.c        compiled patterns, shared and refcounted by text
 *   l7k_skb.c         packet -> struct l7_packet: L4 header and a
 *                     payload reader over the skb (never linearized)
 *   l7k_proc.c        /proc/net/xt_layer7/{stats,connections},
 *                     /proc/net/layer7_numpackets
 *
 * What happens to a connection's bytes (counting, buffering, verdicts)
 * is core/l7conn.c, shared with the userspace tools; this module finds
 * the state that belongs to a packet, serialises access to it, and
 * bounds and charges what a rule set can cost.  DESIGN.md names every
 * concept once.
 */
#ifndef L7K_H
#define L7K_H

#include <linux/list.h>
#include <linux/memcontrol.h>
#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/refcount.h>
#include <linux/seqlock.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netns/generic.h>

#include "../core/l7conn.h"

struct seq_file;

/* --- l7k_prog.c ------------------------------------------------------ */

/**
 * struct l7k_prog - one compiled pattern, shared by every rule with its text
 * @list: in l7k_progs, under l7k_prog_mutex
 * @ref: rules and combinations using it
 * @len: bytes of @text
 * @id: &l7_rule.prog_id, never reused
 * @prog: the compiled pattern
 * @text: the prepared regex, @len bytes and a NUL
 */
struct l7k_prog {
	struct list_head list;
	refcount_t ref;
	size_t len;
	u64 id;
	const struct l7re_prog *prog;
	char text[];
};

/**
 * l7k_prog_get() - the compiled pattern for a text, compiled if new
 * @pp: set to a reference
 * @text: the prepared regex
 * @len: its length
 * @diag: the engine's reason and offset when the regex is refused
 *
 * Process context; the compile is charged to the caller's memory cgroup.
 *
 * Return: 0, -EINVAL for a regex the engine refuses (see @diag),
 * -E2BIG when it is too big, or -ENOMEM.
 */
int l7k_prog_get(struct l7k_prog **pp, const char *text, size_t len,
		 struct l7re_diag *diag);

/**
 * l7k_prog_put() - drop a reference taken by l7k_prog_get() or l7k_prog_hold()
 * @p: the pattern
 */
void l7k_prog_put(struct l7k_prog *p);

/**
 * l7k_prog_hold() - another reference, for a holder of one
 * @p: the pattern
 */
static inline void l7k_prog_hold(struct l7k_prog *p)
{
	refcount_inc(&p->ref);
}

/**
 * l7k_prog_total_size() - memory of every compiled pattern
 *
 * Return: bytes, for /proc/net/xt_layer7/stats.
 */
size_t l7k_prog_total_size(void);

/**
 * struct l7k_rule - one layer7 rule, at a stable address
 * @core: what the core asks about (proto, prog, flags, member)
 * @prog: the shared compiled pattern
 * @ln: the namespace of the rule's table, where its packets are
 * @unset: the rule is --l7proto unset (matches while undecided)
 * @unknown: the rule is --l7proto unknown (never scans)
 * @ln_node: in &l7k_net.rules, under &l7k_net.set_mutex
 * @proto: the protocol name
 */
struct l7k_rule {
	struct l7_rule core;
	struct l7k_prog *prog;
	struct l7k_net *ln;
	bool unset;
	bool unknown;
	struct list_head ln_node;
	char proto[];
};

/* --- l7k_skb.c ------------------------------------------------------- */

/**
 * struct l7k_payload - payload reader state behind &l7_packet.read
 * @skb: the packet
 * @base: payload offset in @skb
 * @len: payload bytes
 * @pos: payload offset @st was advanced to
 * @active: @st holds a walk that must be ended
 * @st: skb_seq_read() state
 */
struct l7k_payload {
	struct sk_buff *skb;
	unsigned int base;
	unsigned int len;
	unsigned int pos;
	bool active;
	struct skb_seq_state st;
};

/**
 * l7k_parse() - a packet as the core sees it
 * @skb: the packet, its network header set
 * @family: NFPROTO_IPV4 or NFPROTO_IPV6
 * @pkt: filled, but for &l7_packet.dir
 * @pl: the payload reader @pkt uses
 *
 * Return: 0; -EPROTONOSUPPORT for protocols other than TCP, UDP,
 * UDP-Lite, ICMP and ICMPv6 and for fragments; -EINVAL for a truncated
 * header.
 */
int l7k_parse(const struct sk_buff *skb, u8 family, struct l7_packet *pkt,
	      struct l7k_payload *pl);

/**
 * l7k_l4proto() - the transport protocol of a packet
 * @skb: the packet
 * @family: NFPROTO_IPV4 or NFPROTO_IPV6
 *
 * Return: IPPROTO_*, after IPv6 extension headers; -1 if there is none.
 */
int l7k_l4proto(const struct sk_buff *skb, u8 family);

/**
 * l7k_payload_done() - end the skb walk the core's reads left open
 * @pl: the reader
 */
static inline void l7k_payload_done(struct l7k_payload *pl)
{
	if (pl->active)
		skb_abort_seq_read(&pl->st);
	pl->active = false;
}

/* --- l7k_table.c ----------------------------------------------------- */

/**
 * struct l7k_entry - one conntrack entry a layer7 rule has met
 * @node: bucket chain, RCU
 * @rcu: freed after a grace period: lockless readers
 * @ct: the conntrack entry, referenced while linked
 * @root: self, or the root master's entry (a child's conn is its root's)
 * @ref: 1 for the table, plus 1 per child
 * @lock: a root's lock guards its conn and the flows of it and its children
 * @hits_seq: a root's @hits_set and @hits, for lockless readers
 * @dead: unlinked; set under the root's lock
 * @final: a root's conn is decided or unknown: rules answer from the
 *	verdict without the lock.  Set once, with release, root locked.
 * @counted_undecided: a root counted in &l7k_net.undecided
 * @hits_set: &l7_set.id of the set @hits belong to, 0 for none
 * @hits: members of that set matching a root's bytes (bit per member)
 * @flow: this conntrack entry's TCP order and held segments
 * @conn: the connection's bytes and verdict (used by roots only)
 */
struct l7k_entry {
	struct hlist_node node;
	struct rcu_head rcu;
	struct nf_conn *ct;
	struct l7k_entry *root;
	refcount_t ref;
	spinlock_t lock;
	seqcount_spinlock_t hits_seq;
	bool dead;
	bool final;
	u8 counted_undecided;
	u64 hits_set;
	u64 hits;
	struct l7_flow flow;
	struct l7_conn conn;
};

#define L7K_PROTO_SLOTS		64

/**
 * struct l7k_proto_count - decisions for one protocol name
 * @name: the name
 * @count: connections decided so
 */
struct l7k_proto_count {
	char name[32];
	u64 count;
};

/**
 * struct l7k_net - xt_layer7 in one network namespace
 * @table: connections, NULL until the first rule
 * @net: the namespace
 * @memcg: charged for the namespace's connections and combination: the
 *	memory cgroup of whoever added its first layer7 rule
 * @entries: entries linked
 * @undecided: undecided roots, at most max_undecided
 * @mem: bytes held for connections: entries and what the core allocated
 * @decided: connections decided
 * @unknown: connections that gave up
 * @cap_hits: connections not tracked: max_undecided reached
 * @evicted: undecided connections without bytes forgotten to make room
 * @nomem: allocations that failed, the memory cgroup's limit included
 * @over_steps: connections that gave up on the engine work bound
 * @over_memory: connections that gave up on a memory bound, or found
 *	no room under max_memory for their entry
 * @proto_lock: guards @nprotos, @protos, @protos_other
 * @nprotos: slots of @protos in use
 * @protos: decisions per protocol name
 * @protos_other: decisions whose name found no slot
 * @set_mutex: guards @rules, @set, @hooks and the set's rebuild
 * @rules: every layer7 rule of the namespace
 * @set: the rules' patterns combined, RCU; NULL for none
 * @set_work: rebuilds @set once the rules settle
 * @set_changed: when the first change since the last rebuild came
 *	(jiffies), 0 for none
 * @set_stop: tells a running combination to give up (namespace exit)
 * @set_closed: the namespace is exiting: no more rebuilds
 * @hooks_on: @hooks are registered
 * @hooks: l7k_hook.c's hooks in this namespace
 */
struct l7k_net {
	struct l7k_table *table;
	struct net *net;
	struct mem_cgroup *memcg;

	atomic_t entries;
	atomic_t undecided;
	atomic_long_t mem;
	atomic64_t decided, unknown, cap_hits, evicted, nomem;
	atomic64_t over_steps, over_memory;

	spinlock_t proto_lock;
	unsigned int nprotos;
	struct l7k_proto_count protos[L7K_PROTO_SLOTS];
	u64 protos_other;

	struct mutex set_mutex;
	struct list_head rules;
	struct l7k_set __rcu *set;
	struct delayed_work set_work;
	unsigned long set_changed;
	bool set_stop;
	bool set_closed;
	bool hooks_on;
	struct nf_hook_ops hooks[4];
};

extern unsigned int l7k_net_id;

/**
 * l7k_pernet() - xt_layer7's state in a namespace
 * @net: the namespace
 *
 * Return: its struct l7k_net.
 */
static inline struct l7k_net *l7k_pernet(const struct net *net)
{
	return net_generic(net, l7k_net_id);
}

/**
 * l7k_table_ensure() - the namespace's table, allocated on its first rule
 * @ln: the namespace
 *
 * Also fixes the memory cgroup charged for the namespace's connections
 * (the caller's).  Process context.
 *
 * Return: 0 or -ENOMEM.
 */
int l7k_table_ensure(struct l7k_net *ln);

/**
 * l7k_entry_find() - the entry of a conntrack entry
 * @ln: the namespace
 * @ct: the conntrack entry
 *
 * Caller holds rcu_read_lock() (netfilter hooks run under it) for as
 * long as it uses the entry.
 *
 * Return: the entry, or NULL.
 */
struct l7k_entry *l7k_entry_find(struct l7k_net *ln, const struct nf_conn *ct);

/**
 * l7k_entry_create() - the entry of a connection a rule meets first
 * @ln: the namespace
 * @ct: the conntrack entry; a child's root master gets an entry too
 * @created: set when this call linked the entry (its caller then counts
 *	the packet: every later one is the hook's)
 *
 * Past max_undecided, an undecided connection that kept no byte yet is
 * forgotten to make room.  Caller holds rcu_read_lock().
 *
 * Return: the entry, or NULL (the cap, no memory, a dying @ct).
 */
struct l7k_entry *l7k_entry_create(struct l7k_net *ln, struct nf_conn *ct,
				   bool *created);

/**
 * l7k_entry_lock() - lock an entry's root
 * @e: the entry
 *
 * Return: false (nothing locked) when @e was reclaimed meanwhile.
 */
bool l7k_entry_lock(struct l7k_entry *e);

/**
 * l7k_entry_unlock() - undo l7k_entry_lock()
 * @e: the entry
 */
static inline void l7k_entry_unlock(struct l7k_entry *e)
{
	spin_unlock_bh(&e->root->lock);
}

/**
 * l7k_entry_params() - the limits for the next core call on an entry
 * @ln: the namespace
 * @e: the entry, its root locked
 * @params: filled in; mem_max lowered to what the namespace has left
 */
void l7k_entry_params(struct l7k_net *ln, const struct l7k_entry *e,
		      struct l7_params *params);

/**
 * l7k_entry_done() - after a core call on an entry: publish and account
 * @ln: the namespace
 * @e: the entry, its root locked
 * @old_mem: l7k_entry_mem() before the call
 *
 * Publishes the verdict (&l7k_entry.final) and the hits of the
 * namespace's set for lockless readers, and counts what changed.
 */
void l7k_entry_done(struct l7k_net *ln, struct l7k_entry *e, long old_mem);

/**
 * l7k_entry_close() - the entry's TCP connection closed
 * @ln: the namespace
 * @e: the entry, its root locked
 *
 * An undecided root without children gives up, frees its data and
 * leaves the undecided count, instead of holding both until conntrack
 * forgets it (120 s in TIME_WAIT).
 */
void l7k_entry_close(struct l7k_net *ln, struct l7k_entry *e);

/**
 * l7k_entry_mem() - what the core holds for an entry
 * @e: the entry, its root locked
 *
 * Return: bytes of its root's conn and of its own flow.
 */
static inline long l7k_entry_mem(const struct l7k_entry *e)
{
	return l7_conn_mem(&e->root->conn) + l7_flow_mem(&e->flow);
}

/**
 * l7k_table_seq_bucket() - one bucket of /proc/net/xt_layer7/connections
 * @s: the file
 * @ln: the namespace
 * @bucket: the bucket
 *
 * Caller holds rcu_read_lock().
 */
void l7k_table_seq_bucket(struct seq_file *s, struct l7k_net *ln,
			  unsigned int bucket);

/**
 * l7k_table_buckets() - buckets of a namespace's table
 * @ln: the namespace
 *
 * Return: their number, 0 without a table.
 */
unsigned int l7k_table_buckets(const struct l7k_net *ln);

/**
 * l7k_table_init() - register the per-namespace state
 *
 * Return: 0 or a negative errno.
 */
int l7k_table_init(void);

/**
 * l7k_table_exit() - unregister it, once every rule is gone
 */
void l7k_table_exit(void);

/**
 * l7k_ct_closed() - whether a TCP connection can carry no more payload
 * @ct: the conntrack entry
 *
 * TIME_WAIT or CLOSE, read without the ct lock as nf_conncount's
 * already_closed() does: a stale value only delays the release to a
 * later packet or GC pass.
 *
 * Return: true if closed.
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
extern unsigned long l7k_max_memory;

/* --- l7k_hook.c ------------------------------------------------------ */

/**
 * l7k_entry_count() - count one packet of a tracked connection
 * @ln: the namespace
 * @e: the connection's entry
 * @skb: the packet
 * @family: NFPROTO_IPV4 or NFPROTO_IPV6
 * @dir: IP_CT_DIR_ORIGINAL or IP_CT_DIR_REPLY
 *
 * Counts the packet and keeps its payload (l7_conn_packet()), scanned
 * with the namespace's set.  Called once per packet: by the hook, or by
 * the rule that created @e for the packet that made it.
 */
void l7k_entry_count(struct l7k_net *ln, struct l7k_entry *e,
		     const struct sk_buff *skb, u8 family, u8 dir);

/**
 * l7k_hooks_update() - register or unregister the namespace's hooks
 * @ln: the namespace, &l7k_net.set_mutex held
 *
 * Registered while the namespace has layer7 rules.
 *
 * Return: 0 or a negative errno from nf_register_net_hooks().
 */
int l7k_hooks_update(struct l7k_net *ln);

/* --- l7k_set.c ------------------------------------------------------ */

/**
 * struct l7k_set - a namespace's patterns, combined
 * @core: what the core scans and the rules' members point at
 * @free_work: freed after a grace period: the packet path reads it
 * @n: members
 * @progs: member i's pattern, referenced
 * @members: member i, for the rules with @progs[i]
 */
struct l7k_set {
	struct l7_set core;
	struct rcu_work free_work;
	unsigned int n;
	struct l7k_prog *progs[64];
	struct l7_member members[64];
};

/**
 * l7k_set_add_rule() - a rule came: combine again once the rules settle
 * @ln: the namespace
 * @rule: the rule
 *
 * Return: 0, or a negative errno when the hooks could not be registered.
 */
int l7k_set_add_rule(struct l7k_net *ln, struct l7k_rule *rule);

/**
 * l7k_set_del_rule() - a rule went
 * @ln: the namespace
 * @rule: the rule
 */
void l7k_set_del_rule(struct l7k_net *ln, struct l7k_rule *rule);

/**
 * l7k_set_show() - the combination's lines of /proc/net/xt_layer7/stats
 * @s: the file
 * @ln: the namespace
 */
void l7k_set_show(struct seq_file *s, struct l7k_net *ln);

/**
 * l7k_set_net_init() - a namespace's combination, before its first rule
 * @ln: the namespace
 */
void l7k_set_net_init(struct l7k_net *ln);

/**
 * l7k_set_net_exit() - the namespace is going; never waits for a compile
 * @ln: the namespace
 */
void l7k_set_net_exit(struct l7k_net *ln);

/**
 * l7k_set_init() - the module's combining worker
 *
 * Return: 0 or -ENOMEM.
 */
int l7k_set_init(void);

/**
 * l7k_set_exit() - stop it, once every namespace is gone
 */
void l7k_set_exit(void);

/* --- l7k_proc.c ------------------------------------------------------ */

/**
 * l7k_proc_net_init() - a namespace's /proc files, owned by its root
 * @ln: the namespace
 *
 * Return: 0 or -ENOMEM.
 */
int l7k_proc_net_init(struct l7k_net *ln);

/**
 * l7k_proc_net_exit() - remove them
 * @ln: the namespace
 */
void l7k_proc_net_exit(struct l7k_net *ln);

#endif /* L7K_H */
