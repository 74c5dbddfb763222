/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The conntrack helpers that make child connections, as the tools model
 * them: which ones the administrator assigned to which connections
 * (`-t raw ... -p PROTO --dport PORT -j CT --helper NAME`; kernels since
 * 6.0 assign none on their own), and, for a helped connection, what its
 * packets make conntrack expect (l7help_*.c, lib/l7expect.c).  A
 * connection that fulfils an expectation becomes a child of the helped
 * one (ct->master), and xt_layer7 gives it its root master's verdict.
 *
 * Modelled, as in Linux 6.1 and 6.12 with the modules' default
 * parameters: ftp, tftp, irc (IPv4), sip (media of INVITE, UPDATE,
 * PRACK and ACK, their responses; over UDP and TCP), amanda, sane.
 * Not modelled: h323 (ASN.1 PER signalling), pptp (its children are
 * GRE, which xt_layer7 does not classify), SIP REGISTER's expectations
 * of incoming calls, netbios-ns and snmp (they expect replies to the
 * host's own broadcasts only, which a capture cannot tell), NAT.
 */
#ifndef L7HELPERS_H
#define L7HELPERS_H

#include "lib/l7decode.h"

enum l7_helper_kind {
	L7_HELPER_NONE,
	L7_HELPER_FTP,
	L7_HELPER_TFTP,
	L7_HELPER_IRC,
	L7_HELPER_SIP,
	L7_HELPER_AMANDA,
	L7_HELPER_SANE,
	L7_HELPER_MAX = L7_HELPER_SANE
};

/* One `-j CT --helper NAME` rule: new connections to @port over @l4. */
struct l7_helper_rule {
	u8 kind, l4;
	u16 port;
};

struct l7_helper_conf {
	struct l7_helper_rule *rules;
	size_t count;
};

#define L7_HELPER_ERRLEN	160

/*
 * Adds the rules of @list: comma-separated NAME (the helper on its
 * module's default port, for each transport it serves), NAME:PORT, or
 * "all" (every modelled helper on its default ports).  Returns 0, or -1
 * with @err saying why.
 */
int l7_helper_conf_add(struct l7_helper_conf *c, const char *list,
		       char err[L7_HELPER_ERRLEN]);
void l7_helper_conf_free(struct l7_helper_conf *c);
const char *l7_helper_name(u8 kind);
/*
 * The helper a new connection gets from its first packet @p, when no
 * expectation claimed it: the first rule that fits, as the first
 * matching CT rule attaches its template.  L7_HELPER_NONE if none; the
 * family must have the helper (irc: IPv4 only).
 */
u8 l7_helper_assign(const struct l7_helper_conf *c, const struct l7_pkt *p);

#endif /* L7HELPERS_H */
