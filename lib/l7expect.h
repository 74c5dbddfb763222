/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Conntrack expectations for the tools, as nf_conntrack_expect.c (6.1,
 * 6.12) keeps them: a helper parsing a master connection's packet
 * announces a connection to come (destination address, port and
 * transport exact; source address exact or any, source port any), and
 * the first new connection whose tuple fits becomes the master's child.
 * Each expectation lives until its policy's timeout, until it is taken,
 * or until its master leaves conntrack; a master holds at most
 * max_expected per class, a new one evicting the oldest.  See
 * l7expect.c.
 */
#ifndef L7EXPECT_H
#define L7EXPECT_H

#include "lib/l7decode.h"

struct l7_flowtab;
struct l7_flowrec;
struct l7_expect;

/* Expectation classes: 0 for every helper, SIP's media have their own. */
#define L7_EXP_CLASSES		4
/* Flags of l7_expect_add(), as nf_ct_expect_related()'s. */
#define L7_EXP_F_SKIP_MASTER	0x1	/* an equal one of any master counts */

/* What nf_ct_expect_init() is given. */
struct l7_expect_req {
	u8 family, l4, cls;
	const u8 *src;		/* NULL: any source address */
	const u8 *dst;
	u16 dport;
};

/*
 * nf_ct_expect_related(): adds @r for @master, which has a helper.
 * Returns 0 (and *@added if not NULL), -EALREADY when an equal
 * expectation of another master or class exists, -EBUSY when one of
 * another master overlaps it, -ENOMEM.
 */
int l7_expect_add(struct l7_flowtab *t, struct l7_flowrec *master,
		  const struct l7_expect_req *r, unsigned int flags,
		  struct l7_expect **added);
/* nf_ct_unexpect_related(): withdraws what l7_expect_add() added. */
void l7_expect_remove(struct l7_flowtab *t, struct l7_expect *e);
/*
 * The live expectation a connection from @src to @dst:@dport would
 * take, with any source port (__nf_ct_expect_find()), or NULL; its
 * master and class in *@master and *@cls.
 */
bool l7_expect_find(struct l7_flowtab *t, u8 family, u8 l4, const u8 *src,
		    const u8 *dst, u16 dport, struct l7_flowrec **master,
		    u8 *cls);
/* SIP's flush_expectations(): @media, or the first signalling one. */
void l7_expect_flush(struct l7_flowtab *t, struct l7_flowrec *master,
		     bool media);
/*
 * init_conntrack(): the master of the new connection @p starts, its
 * expectation used up; NULL when none expects it.
 */
struct l7_flowrec *l7_expect_take(struct l7_flowtab *t,
				  const struct l7_pkt *p);
void l7_expect_free_all(struct l7_flowtab *t);

#endif /* L7EXPECT_H */
