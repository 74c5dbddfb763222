// SPDX-License-Identifier: GPL-2.0
/*
 * DOC: a namespace's patterns, combined
 *
 * A connection's bytes are tested by every layer7 rule of the
 * namespace, and each pattern alone would scan them again and keep a
 * scan state of its own.  So the distinct patterns of a namespace's
 * rules are combined into one l7re_multi, the namespace's set: the hook
 * scans each new byte once for all of them, each rule points at its
 * member (l7_rule.member) and answers from the set's hits.
 *
 * Combining costs far more than compiling one pattern, and
 * iptables-restore checks rules one at a time, so it is not done in
 * checkentry: a rule added or removed schedules a rebuild for when the
 * rules have stayed unchanged for a second, or ten seconds after the
 * first change if they never do (a tenant replacing a rule every half
 * second would otherwise keep its namespace from ever combining).
 * Until then a new rule's
 * pattern is scanned on its own, which gives the same answers.  Rules
 * may change while a combination compiles: it is published all the
 * same (a rule whose pattern it lacks scans on its own until the next
 * one), so churn never keeps a namespace from its set.
 *
 * What a tenant can make this cost is bounded: at most L7K_SET_MAX
 * patterns, group automata of L7K_SET_CELLS cells, L7K_SET_WORK steps
 * of DFA construction for patterns that have no DFA of their own; one
 * combination at a time in the whole machine (an ordered workqueue),
 * taking at most L7K_SET_SHARE percent of a CPU over time; memory
 * charged to the namespace's memory cgroup.  A namespace that exits
 * tells its running combination to stop and never waits for it.
 *
 * The packet path reads the set under RCU; a rule's member pointer is
 * changed with release, and a replaced set is freed after a grace
 * period, from the worker (its patterns' references go under a mutex).
 * A connection's scan of an old set is never fed again (scans are keyed
 * by the set's id) and goes with its data.
 */
#define pr_fmt(fmt) "xt_layer7: " fmt

#include <linux/jiffies.h>
#include <linux/sched/mm.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "l7k.h"

/* The hits a rule reads are a 64-bit mask: patterns past this many scan alone. */
#define L7K_SET_MAX		ARRAY_SIZE(((struct l7k_set *)0)->progs)

/*
 * Cells per group automaton: smaller than the engine's default, as each
 * namespace pays for its own combination.  Measured on the project's
 * definitions: 20 patterns in 4 groups, 0.5 MB; 64 in 14 groups,
 * 2.5 MB (the default: 2 groups, 2.2 MB and 8 groups, 16 MB).
 */
#define L7K_SET_CELLS		65536

/*
 * DFA construction steps for members without a DFA of their own, in
 * all (a few tens of milliseconds of a CPU); members past it run their
 * own NFA scan inside the set.  Our definitions all have DFAs.
 */
#define L7K_SET_WORK		(20UL * 1000 * 1000)

/* Rules changed: combine once they stay unchanged this long... */
#define L7K_SET_DELAY		HZ
/* ...or at the latest this long after the first change. */
#define L7K_SET_MAX_WAIT	(10 * HZ)

/* The combining worker's share of a CPU over time, in percent. */
#define L7K_SET_SHARE		10

/* One combination at a time, for every namespace. */
static struct workqueue_struct *l7k_set_wq;
/* Until when the worker rests (jiffies); only the worker touches it. */
static unsigned long l7k_set_rest_until;

/* Never reused: l7_set.id, see l7_rule.prog_id. */
static atomic64_t l7k_set_next_id = ATOMIC64_INIT(0);

/* Rules named unset and unknown never scan: their pattern is ignored. */
static bool l7k_rule_scans(const struct l7k_rule *rule)
{
	return !rule->unset && !rule->unknown;
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
	l7re_multi_free((struct l7re_multi *)set->core.multi);
	for (i = 0; i < set->n; i++)
		l7k_prog_put(set->progs[i]);
	kfree(set);
}

static void l7k_set_free_work(struct work_struct *work)
{
	l7k_set_free(container_of(to_rcu_work(work), struct l7k_set,
				  free_work));
}

/* Free a set the packet path may still read, after a grace period. */
static void l7k_set_retire(struct l7k_set *set)
{
	if (!set)
		return;
	INIT_RCU_WORK(&set->free_work, l7k_set_free_work);
	queue_rcu_work(l7k_set_wq, &set->free_work);
}

/* A rule came or went: combine again once the rules settle. */
static void l7k_set_schedule(struct l7k_net *ln)
{
	unsigned long now = jiffies, deadline, delay = L7K_SET_DELAY;

	lockdep_assert_held(&ln->set_mutex);
	if (ln->set_closed)
		return;
	if (!ln->set_changed)
		ln->set_changed = now ?: 1;
	deadline = ln->set_changed + L7K_SET_MAX_WAIT;
	if (time_after(now + delay, deadline))
		delay = time_after(deadline, now) ? deadline - now : 0;
	mod_delayed_work(l7k_set_wq, &ln->set_work, delay);
}

/* The distinct patterns of the namespace's rules, in rule order, held. */
static void l7k_set_collect(struct l7k_net *ln, struct l7k_set *set)
{
	struct l7k_rule *rule;

	list_for_each_entry(rule, &ln->rules, ln_node)
		if (l7k_rule_scans(rule) && set->n < L7K_SET_MAX &&
		    l7k_set_index(set, rule->prog) == set->n) {
			l7k_prog_hold(rule->prog);
			set->progs[set->n++] = rule->prog;
		}
}

/* Whether @a (NULL: none) has the patterns of @b, in the same order. */
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

static int l7k_set_compile(struct l7k_net *ln, struct l7k_set *set)
{
	const struct l7re_prog *progs[L7K_SET_MAX];
	const struct l7re_multi_limits limits = {
		.max_cells = L7K_SET_CELLS,
		.max_work = L7K_SET_WORK,
		.stop = &ln->set_stop,
	};
	struct l7re_multi *multi;
	struct mem_cgroup *old;
	unsigned int i;
	int err;

	for (i = 0; i < set->n; i++)
		progs[i] = set->progs[i]->prog;
	old = set_active_memcg(ln->memcg);
	err = l7re_multi_compile_limits(&multi, progs, set->n, &limits);
	set_active_memcg(old);
	if (err)
		return err;
	set->core.multi = multi;
	set->core.id = atomic64_inc_return(&l7k_set_next_id);
	for (i = 0; i < set->n; i++) {
		set->members[i].set = &set->core;
		set->members[i].index = i;
	}
	return 0;
}

/* Publish @set (NULL: none) to the packet path.  Mutex held. */
static struct l7k_set *l7k_set_publish(struct l7k_net *ln,
				       struct l7k_set *set)
{
	struct l7k_set *old = rcu_dereference_protected(ln->set,
				lockdep_is_held(&ln->set_mutex));
	struct l7k_rule *rule;

	rcu_assign_pointer(ln->set, set);
	/* a member's fields before the pointer to it */
	list_for_each_entry(rule, &ln->rules, ln_node)
		smp_store_release(&rule->core.member,
				  l7k_set_member(set, rule));
	return old;
}

static void l7k_set_work(struct work_struct *work)
{
	struct l7k_net *ln = container_of(to_delayed_work(work),
					  struct l7k_net, set_work);
	struct l7k_set *set, *old = NULL;
	unsigned long start;
	int err = 0;

	if (time_before(jiffies, l7k_set_rest_until)) {
		mutex_lock(&ln->set_mutex);
		if (!ln->set_closed)
			queue_delayed_work(l7k_set_wq, &ln->set_work,
					   l7k_set_rest_until - jiffies);
		mutex_unlock(&ln->set_mutex);
		return;
	}
	set = kzalloc(sizeof(*set), GFP_KERNEL_ACCOUNT);
	if (!set) {
		err = -ENOMEM;
		goto out;
	}
	mutex_lock(&ln->set_mutex);
	ln->set_changed = 0;	/* later changes schedule a rebuild of their own */
	if (!ln->set_closed)
		l7k_set_collect(ln, set);
	if (ln->set_closed ||
	    l7k_set_same(rcu_dereference_protected(ln->set,
				lockdep_is_held(&ln->set_mutex)), set)) {
		mutex_unlock(&ln->set_mutex);
		l7k_set_free(set);
		return;
	}
	mutex_unlock(&ln->set_mutex);

	start = jiffies;
	if (set->n)
		err = l7k_set_compile(ln, set);
	l7k_set_rest_until = jiffies +
		(jiffies - start) * (100 - L7K_SET_SHARE) / L7K_SET_SHARE;

	mutex_lock(&ln->set_mutex);
	if (err || ln->set_closed) {
		old = set;		/* never published */
	} else if (!set->n) {
		old = l7k_set_publish(ln, NULL);
		kfree(set);
	} else {
		old = l7k_set_publish(ln, set);
	}
	mutex_unlock(&ln->set_mutex);
	l7k_set_retire(old);
out:
	/* the rules keep what they had: scanned alone or combined */
	if (err == -ENOMEM)
		pr_warn_ratelimited("out of memory combining patterns: scanned one by one\n");
	else if (err == -E2BIG)
		pr_info_ratelimited("patterns too big to combine: scanned one by one\n");
}

int l7k_set_add_rule(struct l7k_net *ln, struct l7k_rule *rule)
{
	int err;

	mutex_lock(&ln->set_mutex);
	list_add_tail(&rule->ln_node, &ln->rules);
	err = l7k_hooks_update(ln);
	if (err) {
		list_del(&rule->ln_node);
		mutex_unlock(&ln->set_mutex);
		return err;
	}
	/* the same pattern in a new table (legacy replaces whole tables) */
	rule->core.member = l7k_set_member(rcu_dereference_protected(ln->set,
				lockdep_is_held(&ln->set_mutex)), rule);
	l7k_set_schedule(ln);
	mutex_unlock(&ln->set_mutex);
	return 0;
}

void l7k_set_del_rule(struct l7k_net *ln, struct l7k_rule *rule)
{
	struct l7k_set *old = NULL;

	mutex_lock(&ln->set_mutex);
	list_del(&rule->ln_node);
	if (list_empty(&ln->rules))
		/* nothing to combine: the patterns go with the last rule */
		old = l7k_set_publish(ln, NULL);
	else
		l7k_set_schedule(ln);
	l7k_hooks_update(ln);
	mutex_unlock(&ln->set_mutex);
	l7k_set_retire(old);
}

void l7k_set_show(struct seq_file *s, struct l7k_net *ln)
{
	const struct l7k_set *set;

	mutex_lock(&ln->set_mutex);
	set = rcu_dereference_protected(ln->set,
					lockdep_is_held(&ln->set_mutex));
	seq_printf(s, "combined_patterns %u\n", set ? set->n : 0);
	seq_printf(s, "combined_memory %zu\n",
		   set ? sizeof(*set) + l7re_multi_size(set->core.multi) : 0);
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

	mutex_lock(&ln->set_mutex);
	ln->set_closed = true;
	/* a running combination gives up within a few thousand steps */
	WRITE_ONCE(ln->set_stop, true);
	l7k_hooks_update(ln);
	mutex_unlock(&ln->set_mutex);
	cancel_delayed_work_sync(&ln->set_work);

	mutex_lock(&ln->set_mutex);
	old = l7k_set_publish(ln, NULL);
	mutex_unlock(&ln->set_mutex);
	l7k_set_retire(old);
}

int l7k_set_init(void)
{
	l7k_set_wq = alloc_ordered_workqueue("xt_layer7_set", 0);
	return l7k_set_wq ? 0 : -ENOMEM;
}

void l7k_set_exit(void)
{
	/* sets retired by the last namespaces: their grace periods, frees */
	rcu_barrier();
	destroy_workqueue(l7k_set_wq);
}
