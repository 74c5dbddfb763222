// SPDX-License-Identifier: GPL-2.0
/*
 * Which helper a connection gets, and the helpers' registry: names,
 * transports, families and default ports as the modules register them
 * (nf_ct_helper_init() calls, module parameter "ports" unset), and
 * their expectation policies.  `-j CT --helper NAME` looks a helper up
 * by name, family and the rule's transport only: the port is the rule's
 * business, so a helper assigned on another port behaves the same.
 */
#include <stdio.h>
#include "lib/l7help_int.h"

struct helper_def {
	const char *name;
	l7_help_fn *help;
	u8 l4[2];			/* transports served; 0 ends */
	bool ipv6;			/* registered for IPv6 too */
	u16 port;			/* the module's default port */
	struct l7_exp_policy policy[L7_EXP_CLASSES];
};

static const struct helper_def helpers[L7_HELPER_MAX + 1] = {
	[L7_HELPER_FTP] = { "ftp", l7_help_ftp, { L7_L4_TCP }, true, 21,
			    { { 1, 5 * 60 } } },
	[L7_HELPER_TFTP] = { "tftp", l7_help_tftp, { L7_L4_UDP }, true, 69,
			     { { 1, 5 * 60 } } },
	/* max_dcc_channels, dcc_timeout */
	[L7_HELPER_IRC] = { "irc", l7_help_irc, { L7_L4_TCP }, false, 6667,
			    { { 8, 300 } } },
	/* signalling, audio, video, image */
	[L7_HELPER_SIP] = { "sip", l7_help_sip, { L7_L4_UDP, L7_L4_TCP },
			    true, 5060,
			    { { 1, 3 * 60 }, { 4, 3 * 60 }, { 4, 3 * 60 },
			      { 2, 3 * 60 } } },
	[L7_HELPER_AMANDA] = { "amanda", l7_help_amanda, { L7_L4_UDP }, true,
			       10080, { { 4, 180 } } },
	[L7_HELPER_SANE] = { "sane", l7_help_sane, { L7_L4_TCP }, true, 6566,
			     { { 1, 5 * 60 } } },
};

/* Helpers of the kernel the tools leave out, and why (l7helpers.h). */
static const char *const unmodelled[][2] = {
	{ "h323", "its ASN.1 PER signalling is not decoded" },
	{ "pptp", "its children are GRE, which xt_layer7 does not classify" },
	{ "netbios-ns", "it expects replies to the host's own broadcasts" },
	{ "snmp", "it expects replies to the host's own broadcasts" },
};

const char *l7_helper_name(u8 kind)
{
	return kind && kind <= L7_HELPER_MAX ? helpers[kind].name : "none";
}

const struct l7_exp_policy *l7_helper_policy(u8 kind, u8 cls)
{
	return &helpers[kind].policy[cls < L7_EXP_CLASSES ? cls : 0];
}

static int conf_push(struct l7_helper_conf *c, u8 kind, u16 port)
{
	const struct helper_def *h = &helpers[kind];
	size_t i;

	for (i = 0; i < sizeof(h->l4) && h->l4[i]; i++) {
		struct l7_helper_rule *r = realloc(c->rules,
					(c->count + 1) * sizeof(*r));

		if (!r)
			return -1;
		c->rules = r;
		c->rules[c->count++] = (struct l7_helper_rule){
			.kind = kind, .l4 = h->l4[i], .port = port };
	}
	return 0;
}

static int conf_port(const char *s, size_t len, unsigned long *port)
{
	char num[8], *end;

	if (len == 0 || len >= sizeof(num) || s[0] < '0' || s[0] > '9')
		return -1;
	memcpy(num, s, len);
	num[len] = '\0';
	*port = strtoul(num, &end, 10);
	return *end || *port < 1 || *port > 65535 ? -1 : 0;
}

/* One item of the list: NAME, NAME:PORT or all. */
static int conf_item(struct l7_helper_conf *c, const char *item, size_t len,
		     char err[L7_HELPER_ERRLEN])
{
	const char *colon = memchr(item, ':', len);
	size_t nlen = colon ? (size_t)(colon - item) : len;
	unsigned long port = 0;
	int rc = 0;
	size_t i;
	u8 k;

	if (colon && conf_port(colon + 1, len - nlen - 1, &port)) {
		snprintf(err, L7_HELPER_ERRLEN, "--helper %.*s: port 1..65535",
			 (int)len, item);
		return -1;
	}
	if (nlen == 3 && !memcmp(item, "all", 3) && !colon) {
		for (k = 1; k <= L7_HELPER_MAX && !rc; k++)
			rc = conf_push(c, k, helpers[k].port);
		goto out;
	}
	for (k = 1; k <= L7_HELPER_MAX; k++)
		if (strlen(helpers[k].name) == nlen &&
		    !memcmp(helpers[k].name, item, nlen)) {
			rc = conf_push(c, k, port ? port : helpers[k].port);
			goto out;
		}
	for (i = 0; i < sizeof(unmodelled) / sizeof(unmodelled[0]); i++)
		if (strlen(unmodelled[i][0]) == nlen &&
		    !memcmp(unmodelled[i][0], item, nlen)) {
			snprintf(err, L7_HELPER_ERRLEN,
				 "--helper %.*s: not modelled: %s", (int)nlen,
				 item, unmodelled[i][1]);
			return -1;
		}
	snprintf(err, L7_HELPER_ERRLEN,
		 "--helper %.*s: no such helper (ftp, tftp, irc, sip, amanda, sane, all)",
		 (int)nlen, item);
	return -1;
out:
	if (rc)
		snprintf(err, L7_HELPER_ERRLEN, "out of memory");
	return rc;
}

int l7_helper_conf_add(struct l7_helper_conf *c, const char *list,
		       char err[L7_HELPER_ERRLEN])
{
	const char *s = list;

	for (;;) {
		size_t len = strcspn(s, ",");

		if (!len) {
			snprintf(err, L7_HELPER_ERRLEN,
				 "--helper %s: empty name", list);
			return -1;
		}
		if (conf_item(c, s, len, err))
			return -1;
		if (!s[len])
			return 0;
		s += len + 1;
	}
}

void l7_helper_conf_free(struct l7_helper_conf *c)
{
	free(c->rules);
	c->rules = NULL;
	c->count = 0;
}

u8 l7_helper_assign(const struct l7_helper_conf *c, const struct l7_pkt *p)
{
	size_t i;

	for (i = 0; c && i < c->count; i++) {
		const struct l7_helper_rule *r = &c->rules[i];

		if (r->l4 == p->l4 && r->port == p->dport &&
		    (p->family == 4 || helpers[r->kind].ipv6))
			return r->kind;
	}
	return L7_HELPER_NONE;
}

int l7_helper_attach(struct l7_flowrec *f, u8 kind)
{
	f->help = calloc(1, sizeof(*f->help));
	if (!f->help)
		return -1;
	f->help->kind = kind;
	return 0;
}

void l7_helper_detach(struct l7_flowrec *f)
{
	free(f->help);
	f->help = NULL;
}

void l7_helper_packet(struct l7_flowtab *t, struct l7_flowrec *f,
		      const struct l7_pkt *p, u8 dir, bool established)
{
	helpers[f->help->kind].help(t, f, p, dir, established);
}

void l7h_expect(struct l7_flowtab *t, struct l7_flowrec *f,
		const struct l7_expect_req *r, int *err)
{
	int rc = l7_expect_add(t, f, r, 0, NULL);

	if (rc == -ENOMEM)
		t->nomem = true;
	if (err)
		*err = rc;
}
