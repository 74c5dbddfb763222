/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the helper model (l7helpers.c, l7help_*.c, l7expect.c): the
 * state conntrack keeps per helped connection (nfct_help() and the
 * helper's private data), the helpers' packet handlers, and the
 * kernel's text parsers they share, redone with explicit bounds.
 */
#ifndef L7HELP_INT_H
#define L7HELP_INT_H

#include <errno.h>
#include "lib/l7flows.h"

/* struct nf_conn_help plus the helper's private data. */
struct l7_helper_ct {
	u8 kind;			/* enum l7_helper_kind */
	u8 expecting[L7_EXP_CLASSES];	/* live expectations per class */
	struct l7_expect *expects;	/* this master's, newest first */
	union {
		struct {		/* struct nf_ct_ftp_master */
			u32 seq_aft_nl[2][2];
			u8 seq_aft_nl_num[2];
		} ftp;
		struct {
			bool start_requested;
		} sane;
		struct {
			u32 invite_cseq;
		} sip;
	} u;
};

/* nf_conntrack_expect_policy: per helper and class. */
struct l7_exp_policy {
	unsigned int max_expected;
	unsigned int timeout_s;
};

const struct l7_exp_policy *l7_helper_policy(u8 kind, u8 cls);

/* For l7flows.c: a new connection's helper, its packets, its end. */
int l7_helper_attach(struct l7_flowrec *f, u8 kind);
void l7_helper_packet(struct l7_flowtab *t, struct l7_flowrec *f,
		      const struct l7_pkt *p, u8 dir, bool established);
void l7_helper_detach(struct l7_flowrec *f);

/*
 * A helper's packet handler, called as nf_confirm() calls helper->help():
 * after the packet passed the rules.  @established: conntrack's ctinfo
 * is IP_CT_ESTABLISHED(_REPLY), i.e. a reply had been seen before this
 * packet or this is one.
 */
typedef void l7_help_fn(struct l7_flowtab *t, struct l7_flowrec *f,
			const struct l7_pkt *p, u8 dir, bool established);
l7_help_fn l7_help_ftp, l7_help_tftp, l7_help_irc, l7_help_sip,
	   l7_help_amanda, l7_help_sane;

/* The sender of a packet going @dir on @f, and its receiver. */
static inline const u8 *l7h_from(const struct l7_flowrec *f, u8 dir)
{
	return dir ? f->srv : f->cli;
}

static inline const u8 *l7h_to(const struct l7_flowrec *f, u8 dir)
{
	return dir ? f->cli : f->srv;
}

/* nf_ct_refresh(): the helper sets the master's timeout. */
static inline void l7h_refresh(struct l7_flowtab *t, struct l7_flowrec *f,
			       unsigned int seconds)
{
	f->expires_us = t->now_us + seconds * 1000000ULL;
}

/* A failed allocation stops the walk, as l7_flows_packet() does. */
void l7h_expect(struct l7_flowtab *t, struct l7_flowrec *f,
		const struct l7_expect_req *r, int *err);

/*
 * simple_strtoul(s, &end, 10) over [@s, @lim): digits, the value modulo
 * 2^64.  The kernel's reads past the payload (into whatever follows the
 * packet) cannot be redone; here the payload's end stops the number.
 */
u64 l7h_strtoul(const u8 *s, const u8 *lim, const u8 **end);
/*
 * in4_pton(s, lim - s, out, delim, end) and in6_pton(): @delim is the
 * terminating byte, or -1 for "any byte that cannot continue the
 * address".  Return 1 with @out (4 or 16 bytes) filled and *@end just
 * past the address, or 0.
 */
int l7h_in4_pton(const u8 *s, const u8 *lim, int delim, u8 *out,
		 const u8 **end);
int l7h_in6_pton(const u8 *s, const u8 *lim, int delim, u8 *out,
		 const u8 **end);

#endif /* L7HELP_INT_H */
