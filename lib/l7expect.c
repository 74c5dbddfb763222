// SPDX-License-Identifier: GPL-2.0
/*
 * nf_conntrack_expect.c as the tools need it.  Expectations hang in a
 * hash keyed by what they fix exactly (family, transport, destination
 * address and port), newest first in each chain as hlist_add_head()
 * leaves them, so that a lookup takes the one the kernel would.  Each
 * is also on its master's list, newest first: evicting "the oldest"
 * (evict_oldest_expect()) takes the last of its class there.
 *
 * Expired ones are dropped where the kernel drops them, lazily, when a
 * lookup, a check or an eviction meets them (nf_ct_exp_is_expired():
 * gone once the timeout has passed, "now" included); so are those of a
 * master that left conntrack, whose expectations
 * nf_ct_remove_expectations() removes with it.  The expectation
 * table's global cap (nf_ct_expect_max) is not modelled.
 */
#include "lib/l7help_int.h"

#define L7_EXP_HASH	1024	/* power of two */

struct l7_expect {
	struct l7_expect *hnext;	/* hash chain, newest first */
	struct l7_expect *mnext;	/* master's list, newest first */
	struct l7_flowrec *master;
	u64 expires_us;
	u8 family, l4, cls;
	u8 src_any;			/* the source address is a wildcard */
	u8 src[16], dst[16];
	u16 dport;
};

static unsigned int alen(u8 family)
{
	return family == 4 ? 4 : 16;
}

static unsigned int exp_bucket(u8 family, u8 l4, const u8 *dst, u16 dport)
{
	unsigned int h = 2166136261u, i;

	for (i = 0; i < alen(family); i++)
		h = (h ^ dst[i]) * 16777619u;
	h = (h ^ dport ^ (unsigned int)l4 << 16 ^ (unsigned int)family << 24) *
	    2654435761u;
	return h >> 22 & (L7_EXP_HASH - 1);
}

static bool exp_dead(const struct l7_expect *e, u64 now)
{
	return now >= e->expires_us || !l7_flow_alive(e->master, now);
}

/* nf_ct_unlink_expect(). */
static void exp_unlink(struct l7_flowtab *t, struct l7_expect *e)
{
	struct l7_expect **pp;

	for (pp = &t->exp_hash[exp_bucket(e->family, e->l4, e->dst, e->dport)];
	     *pp; pp = &(*pp)->hnext)
		if (*pp == e) {
			*pp = e->hnext;
			break;
		}
	for (pp = &e->master->help->expects; *pp; pp = &(*pp)->mnext)
		if (*pp == e) {
			*pp = e->mnext;
			break;
		}
	e->master->help->expecting[e->cls]--;
	free(e);
}

/* Same tuple and mask (expect_matches()). */
static bool exp_equal(const struct l7_expect *e, const struct l7_expect_req *r)
{
	unsigned int n = alen(r->family);

	return e->family == r->family && e->l4 == r->l4 &&
	       e->dport == r->dport && !memcmp(e->dst, r->dst, n) &&
	       e->src_any == !r->src && (!r->src || !memcmp(e->src, r->src, n));
}

/* Equal where both masks care (expect_clash()). */
static bool exp_clash(const struct l7_expect *e, const struct l7_expect_req *r)
{
	unsigned int n = alen(r->family);

	return e->family == r->family && e->l4 == r->l4 &&
	       e->dport == r->dport && !memcmp(e->dst, r->dst, n) &&
	       (e->src_any || !r->src || !memcmp(e->src, r->src, n));
}

/* Whether a connection from @src to @dst:@dport fulfils @e. */
static bool exp_fits(const struct l7_expect *e, u8 family, u8 l4,
		     const u8 *src, const u8 *dst, u16 dport)
{
	unsigned int n = alen(family);

	return e->family == family && e->l4 == l4 && e->dport == dport &&
	       !memcmp(e->dst, dst, n) &&
	       (e->src_any || !memcmp(e->src, src, n));
}

/* evict_oldest_expect(): after dropping the dead, the last of @cls. */
static void exp_evict_oldest(struct l7_flowtab *t, struct l7_flowrec *master,
			     u8 cls, unsigned int max)
{
	struct l7_expect *e = master->help->expects, *next, *last = NULL;

	for (; e; e = next) {
		next = e->mnext;
		if (exp_dead(e, t->now_us))
			exp_unlink(t, e);
		else if (e->cls == cls)
			last = e;
	}
	if (last && master->help->expecting[cls] >= max)
		exp_unlink(t, last);
}

int l7_expect_add(struct l7_flowtab *t, struct l7_flowrec *master,
		  const struct l7_expect_req *r, unsigned int flags,
		  struct l7_expect **added)
{
	const struct l7_exp_policy *pol;
	struct l7_expect *e, *next, **head;
	struct l7_helper_ct *help = master->help;

	if (!t->exp_hash) {
		t->exp_hash = calloc(L7_EXP_HASH, sizeof(*t->exp_hash));
		if (!t->exp_hash)
			return -ENOMEM;
	}
	head = &t->exp_hash[exp_bucket(r->family, r->l4, r->dst, r->dport)];
	/* __nf_ct_expect_check() */
	for (e = *head; e; e = next) {
		next = e->hnext;
		if (exp_dead(e, t->now_us)) {
			exp_unlink(t, e);
			continue;
		}
		if (((flags & L7_EXP_F_SKIP_MASTER) || e->master == master) &&
		    exp_equal(e, r)) {
			if (e->cls != r->cls || e->master != master)
				return -EALREADY;
			exp_unlink(t, e);	/* renewed below */
			break;
		} else if (exp_clash(e, r)) {
			return -EBUSY;
		}
	}
	pol = l7_helper_policy(help->kind, r->cls);
	if (pol->max_expected && help->expecting[r->cls] >= pol->max_expected)
		exp_evict_oldest(t, master, r->cls, pol->max_expected);
	/* nf_ct_expect_insert() */
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->master = master;
	e->expires_us = t->now_us + pol->timeout_s * 1000000ULL;
	e->family = r->family;
	e->l4 = r->l4;
	e->cls = r->cls;
	e->src_any = !r->src;
	if (r->src)
		memcpy(e->src, r->src, alen(r->family));
	memcpy(e->dst, r->dst, alen(r->family));
	e->dport = r->dport;
	e->hnext = *head;
	*head = e;
	e->mnext = help->expects;
	help->expects = e;
	help->expecting[r->cls]++;
	if (added)
		*added = e;
	return 0;
}

void l7_expect_remove(struct l7_flowtab *t, struct l7_expect *e)
{
	exp_unlink(t, e);
}

bool l7_expect_find(struct l7_flowtab *t, u8 family, u8 l4, const u8 *src,
		    const u8 *dst, u16 dport, struct l7_flowrec **master,
		    u8 *cls)
{
	const struct l7_expect *e;

	if (!t->exp_hash)
		return false;
	for (e = t->exp_hash[exp_bucket(family, l4, dst, dport)]; e;
	     e = e->hnext)
		if (!exp_dead(e, t->now_us) &&
		    exp_fits(e, family, l4, src, dst, dport)) {
			*master = e->master;
			*cls = e->cls;
			return true;
		}
	return false;
}

void l7_expect_flush(struct l7_flowtab *t, struct l7_flowrec *master,
		     bool media)
{
	struct l7_expect *e, *next;

	for (e = master->help->expects; e; e = next) {
		next = e->mnext;
		if ((e->cls != 0) ^ media)
			continue;
		exp_unlink(t, e);
		if (!media)
			break;
	}
}

struct l7_flowrec *l7_expect_take(struct l7_flowtab *t,
				  const struct l7_pkt *p)
{
	struct l7_expect *e, *next;
	struct l7_flowrec *master;

	if (!t->exp_hash)
		return NULL;
	for (e = t->exp_hash[exp_bucket(p->family, p->l4, p->dst, p->dport)];
	     e; e = next) {
		next = e->hnext;
		if (exp_dead(e, t->now_us)) {
			exp_unlink(t, e);
			continue;
		}
		if (exp_fits(e, p->family, p->l4, p->src, p->dst, p->dport)) {
			master = e->master;
			exp_unlink(t, e);	/* none is permanent here */
			return master;
		}
	}
	return NULL;
}

void l7_expect_free_all(struct l7_flowtab *t)
{
	unsigned int b;

	if (!t->exp_hash)
		return;
	for (b = 0; b < L7_EXP_HASH; b++)
		while (t->exp_hash[b])
			exp_unlink(t, t->exp_hash[b]);
	free(t->exp_hash);
	t->exp_hash = NULL;
}
