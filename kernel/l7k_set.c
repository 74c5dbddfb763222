// SPDX-License-Identifier: GPL-2.0
/*
 * A namespace's patterns, combined.
 *
 * A connection's bytes meet every layer7 rule of the chain, and each
 * rule's pattern alone would scan them again and keep a stream state of
 * its own (twenty rules: twenty scans, twenty allocations per
 * connection).  So the distinct patterns of a namespace's rules are
 * combined into one l7re_multi, which scans a byte once for all of them;
 * each rule points at its member (l7_rule.member) and the core keeps one
 * stream for the whole set.  The first rule a data packet reaches feeds
 * it; the later ones learn their answer from the scan's hits (see
 * layer7_seen in xt_layer7_main.c).
 *
 * Combining costs far more than compiling one pattern, and
 * iptables-restore checks rules one at a time, so it is not done in
 * checkentry: a rule added or removed schedules a rebuild for when the
 * rules have stayed unchanged for a second, in process context.  Until
 * then a new rule's pattern is scanned on its own, which gives the same
 * answers.  The work is charged to the memory
 * cgroup of whoever added the namespace's last rule, as compiling a
 * pattern is: unprivileged user namespaces can add rules.
 *
 * A set holds references on its programs, so a member's program
 * outlives every connection that may still scan it; a rule's member
 * pointer is changed with WRITE_ONCE() and the old set is freed after
 * an RCU grace period, as the packet path reads it inside netfilter's
 * RCU section.  A connection's stream for an old multi is never fed
 * again (streams are keyed by multi_id) and goes with its data.
 */
#define pr_fmt(fmt) "xt_layer7: " fmt

#include <linux/memcontrol.h>
#include <linux/sched/mm.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "l7k.h"

/*
 * The scan reports hits as a 64-bit mask; patterns past this many in a
 * namespace are scanned on their own.
 */
#define L7K_SET_MAX	64

/*
 * Cells per group automaton: smaller than the engine's default, as each
 * namespace pays for its own combination.  Measured on the project's
 * definitions: 20 patterns in 4 groups, 0.5 MB; 64 in 14 groups,
 * 2.5 MB (the default: 2 groups, 2.2 MB and 8 groups, 16 MB).
 */
#define L7K_SET_CELLS	65536

/*
 * Rules changed: combine once they stay unchanged this long.  A script
 * adding rules one `iptables` call at a time, or a restore, costs one
 * combination, not one per rule (64 of our definitions: about 0.07 s of
 * a CPU; the engine's own limits bound the worst case).
 */
#define L7K_SET_DELAY	HZ

struct l7k_set {
	struct l7re_multi *multi;
	unsigned int n;
	struct l7k_prog *progs[L7K_SET_MAX];	/* referenced */
	struct l7_member members[L7K_SET_MAX];
};

/* Never reused: l7_member.multi_id, see l7_rule.prog_id. */
static atomic64_t l7k_set_next_id = ATOMIC64_INIT(0);

/* Rules named unset and unknown never scan: their pattern is ignored. */
static bool l7k_rule_scans(const struct l7k_rule *rule)
{
	return rule->core.prog && strcmp(rule->proto, "unset") &&
	       strcmp(rule->proto, "unknown");
}

/* Where @prog is in @set: an index below set->n, or set->n. */
static unsigned int l7k_set_index(const struct l7k_set *set,
				  const struct l7k_prog *prog)
{
	unsigned int i;

	for (i = 0; i < set->n; i++)
		if (set->progs[i] == prog)
			break;
	return i;
}

static const struct l7_member *l7k_set_member(const struct l7k_set *set,
					      const struct l7k_rule *rule)
{
	unsigned int i;

	if (!set || !l7k_rule_scans(rule))
		return NULL;
	i = l7k_set_index(set, rule->prog);
	return i < set->n ? &set->members[i] : NULL;
}

static void l7k_set_free(struct l7k_set *set)
{
	unsigned int i;

	if (!set)
		return;
	l7re_multi_free(set->multi);
	for (i = 0; i < set->n; i++)
		l7k_prog_put(set->progs[i]);
	kfree(set);
}

/* Free a set rules may have pointed at: packets read it under RCU. */
static void l7k_set_retire(struct l7k_set *set)
{
	if (!set)
		return;
	synchronize_rcu();
	l7k_set_free(set);
}

/* A rule came or went: combine again once the rules settle. */
static void l7k_set_schedule(struct l7k_net *ln)
{
	lockdep_assert_held(&ln->set_mutex);
	if (!ln->set_closed)
		mod_delayed_work(system_unbound_wq, &ln->set_work,
				 L7K_SET_DELAY);
}

/* The distinct programs of the namespace's rules, in rule order. */
static void l7k_set_collect(struct l7k_net *ln, struct l7k_set *set)
{
	struct l7k_rule *rule;

	list_for_each_entry(rule, &ln->rules, ln_node)
		if (l7k_rule_scans(rule) && set->n < L7K_SET_MAX &&
		    l7k_set_index(set, rule->prog) == set->n)
			set->progs[set->n++] = rule->prog;
}

/* Whether @b has the programs of @a (NULL: none), in the same order. */
static bool l7k_set_same(const struct l7k_set *a, const struct l7k_set *b)
{
	unsigned int i;

	if ((a ? a->n : 0) != b->n)
		return false;
	for (i = 0; i < b->n; i++)	/* none when @a is NULL */
		if (a->progs[i] != b->progs[i])
			return false;
	return true;
}

/* A reference for the rebuild, which compiles without ln->set_mutex. */
static struct mem_cgroup *l7k_memcg_get(struct mem_cgroup *memcg)
{
#ifdef CONFIG_MEMCG
	if (memcg)
		css_get(&memcg->css);
#endif
	return memcg;
}

static int l7k_set_compile(struct l7k_set *set, struct mem_cgroup *memcg)
{
	const struct l7re_prog *progs[L7K_SET_MAX];
	struct mem_cgroup *prev;
	unsigned int i;
	u64 id;
	int err;

	for (i = 0; i < set->n; i++)
		progs[i] = set->progs[i]->prog;
	prev = set_active_memcg(memcg);
	err = l7re_multi_compile_cells(&set->multi, progs, set->n,
				       L7K_SET_CELLS);
	set_active_memcg(prev);
	if (err)
		return err;
	id = atomic64_inc_return(&l7k_set_next_id);
	for (i = 0; i < set->n; i++) {
		set->members[i].multi = set->multi;
		set->members[i].index = i;
		set->members[i].multi_id = id;
	}
	return 0;
}

/*
 * Combine the rules' patterns afresh.  The compile runs without
 * ln->set_mutex, so that adding a rule or reading stats never waits for
 * it; if the rules changed meanwhile, its result is dropped, and the
 * change has scheduled the next run.
 */
static void l7k_set_work(struct work_struct *work)
{
	struct l7k_net *ln = container_of(to_delayed_work(work),
					  struct l7k_net, set_work);
	struct l7k_set *set, *old = NULL;
	struct mem_cgroup *memcg, *prev;
	struct l7k_rule *rule;
	unsigned int gen, i;
	int err = 0;

	mutex_lock(&ln->set_mutex);
	if (ln->set_closed) {
		mutex_unlock(&ln->set_mutex);
		return;
	}
	memcg = l7k_memcg_get(ln->set_memcg);
	prev = set_active_memcg(memcg);
	set = kzalloc(sizeof(*set), GFP_KERNEL_ACCOUNT);
	set_active_memcg(prev);
	if (!set) {
		err = -ENOMEM;
		goto out_unlock;
	}
	l7k_set_collect(ln, set);
	if (l7k_set_same(ln->set, set)) {
		kfree(set);
		goto out_unlock;
	}
	/* the rules holding the programs may go while we compile */
	for (i = 0; i < set->n; i++)
		l7k_prog_hold(set->progs[i]);
	gen = ln->set_gen;
	mutex_unlock(&ln->set_mutex);

	if (set->n)
		err = l7k_set_compile(set, memcg);

	mutex_lock(&ln->set_mutex);
	if (err || ln->set_closed || ln->set_gen != gen) {
		old = set;		/* never published */
		goto out_unlock;
	}
	old = ln->set;
	if (!set->n) {
		kfree(set);
		set = NULL;
	}
	ln->set = set;
	/* a member's fields before the pointer to it */
	list_for_each_entry(rule, &ln->rules, ln_node)
		smp_store_release(&rule->core.member,
				  l7k_set_member(set, rule));
out_unlock:
	mutex_unlock(&ln->set_mutex);
	mem_cgroup_put(memcg);
	if (err)	/* the rules keep what they had: alone or combined */
		pr_warn_ratelimited("out of memory combining patterns: scanned one by one\n");
	l7k_set_retire(old);
}

void l7k_set_add_rule(struct l7k_net *ln, struct l7k_rule *rule)
{
	struct mem_cgroup *memcg = get_mem_cgroup_from_mm(current->mm);

	mutex_lock(&ln->set_mutex);
	ln->set_gen++;
	list_add_tail(&rule->ln_node, &ln->rules);
	/* the same pattern in a new table (legacy replaces whole tables) */
	rule->core.member = l7k_set_member(ln->set, rule);
	mem_cgroup_put(ln->set_memcg);
	ln->set_memcg = memcg;
	l7k_set_schedule(ln);
	mutex_unlock(&ln->set_mutex);
}

void l7k_set_del_rule(struct l7k_net *ln, struct l7k_rule *rule)
{
	struct l7k_set *old = NULL;

	mutex_lock(&ln->set_mutex);
	ln->set_gen++;
	list_del(&rule->ln_node);
	if (list_empty(&ln->rules)) {
		/* nothing to combine: the programs go with the last rule */
		old = ln->set;
		ln->set = NULL;
		mem_cgroup_put(ln->set_memcg);
		ln->set_memcg = NULL;
	} else {
		l7k_set_schedule(ln);
	}
	mutex_unlock(&ln->set_mutex);
	l7k_set_retire(old);
}

void l7k_set_show(struct seq_file *s, struct l7k_net *ln)
{
	const struct l7k_set *set;

	mutex_lock(&ln->set_mutex);
	set = ln->set;
	seq_printf(s, "combined_patterns %u\n", set ? set->n : 0);
	seq_printf(s, "combined_memory %zu\n",
		   set ? sizeof(*set) + l7re_multi_size(set->multi) : 0);
	mutex_unlock(&ln->set_mutex);
}

void l7k_set_net_init(struct l7k_net *ln)
{
	mutex_init(&ln->set_mutex);
	INIT_LIST_HEAD(&ln->rules);
	INIT_DELAYED_WORK(&ln->set_work, l7k_set_work);
}

/*
 * The namespace is going: no rule sees packets any more, though its
 * tables (hence the rules, and l7k_set_del_rule) may go after us.
 */
void l7k_set_net_exit(struct l7k_net *ln)
{
	struct l7k_set *old;
	struct l7k_rule *rule;

	mutex_lock(&ln->set_mutex);
	ln->set_closed = true;
	mutex_unlock(&ln->set_mutex);
	cancel_delayed_work_sync(&ln->set_work);

	mutex_lock(&ln->set_mutex);
	list_for_each_entry(rule, &ln->rules, ln_node)
		WRITE_ONCE(rule->core.member, NULL);
	old = ln->set;
	ln->set = NULL;
	mem_cgroup_put(ln->set_memcg);
	ln->set_memcg = NULL;
	mutex_unlock(&ln->set_mutex);
	l7k_set_retire(old);
}
