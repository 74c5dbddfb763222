// SPDX-License-Identifier: GPL-2.0
/*
 * l7classify: what xt_layer7 would decide for each connection of a
 * capture.  Reading captures (lib/l7pcap.c), decoding (lib/l7decode.c)
 * and tracking connections (lib/l7flows.c, with the conntrack helpers
 * of lib/l7helpers.h when asked) are the tool's own; every packet then
 * passes the rules through core/l7conn.c, the code the kernel module
 * runs, so the two cannot disagree.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include "core/l7conn.h"
#include "lib/l7patfile.h"
#include "lib/l7walk.h"

struct ruleset {
	struct l7_rule *rules;
	struct l7re_prog **progs;
	char **names;
	size_t count;
	struct l7re_multi *multi;	/* all patterns, one scan */
	struct l7_set set;		/* multi, as the core takes it */
	struct l7_member *members;	/* rules[i].member = &members[i] */
};

struct classify_ctx {
	const struct ruleset *rs;
	const struct l7_params *params;
};

struct counts {
	const char *name;
	unsigned long flows;
};

static void usage(FILE *f)
{
	fprintf(f,
"Usage: l7classify [-d DIR] [-p PROTO[,PROTO...]] [--maxpackets N]\n"
"                  [--maxdatalen N] [--per-pattern]\n"
"                  [--helper NAME[:PORT][,...]] CAPTURE...\n"
"Classify every connection of pcap/pcapng captures as xt_layer7 would,\n"
"each packet passing one `-m layer7 --l7proto PROTO` rule per PROTO.\n"
"  -d DIR            pattern files (default " L7_PAT_DEFAULT_DIR ")\n"
"  -p PROTO,...      rules in this order (default: the names listed in\n"
"                    DIR/ORDER, then every other definition in DIR\n"
"                    alphabetically; never unset and unknown)\n"
"  --per-pattern     scan each pattern on its own instead of all in one\n"
"                    pass, as the module, combining its rules' patterns,\n"
"                    does for the 65th and later (same answers, slower)\n"
"  --maxpackets N    the module's num_packets (default %d, 1..%d)\n"
"  --maxdatalen N    the module's maxdatalen (default %d, 1..%d)\n"
"  --helper LIST     conntrack helpers assigned, as by `-j CT --helper`:\n"
"                    NAME on its default port, NAME:PORT, or all; NAME\n"
"                    is ftp, tftp, irc, sip, amanda or sane (default:\n"
"                    none, as current kernels assign none themselves)\n"
"Output, TAB-separated: l4 client server packets bytes protocol, with\n"
"the capture's name first when there are several; bytes are IP bytes of\n"
"both directions; protocol is the decision, unknown (gave up: too many\n"
"packets, or the TCP connection closed), or unset when the capture\n"
"ended first.  A connection a helper expected is a child of its master\n"
"and shows its root master's decision, then: child, and the root's l4,\n"
"client and server.  Exit status: 0 ok, 1 a capture could not be read\n"
"(fully), 2 usage or pattern error.\n",
		L7_NUM_PACKETS_DEFAULT, L7_NUM_PACKETS_MAX,
		L7_MAXDATALEN_DEFAULT, L7_MAXDATALEN_MAX);
}

static int add_rule(struct ruleset *rs, const struct l7_patdef *def)
{
	static char prepared[L7RE_MAX_REGEX_LEN + 1];
	char err[L7_PAT_ERR_MAX];
	struct l7re_prog *prog;

	if (*def->warning)
		fprintf(stderr, "l7classify: warning: %s\n", def->warning);
	if (l7_patdef_compile(def, prepared, sizeof(prepared), &prog, err) < 0) {
		fprintf(stderr, "l7classify: %s\n", err);
		return -1;
	}
	rs->rules[rs->count].proto = rs->names[rs->count] = strdup(def->name);
	rs->rules[rs->count].prog = rs->progs[rs->count] = prog;
	rs->rules[rs->count].prog_id = rs->count + 1;
	if (!rs->names[rs->count]) {
		l7re_free(prog);
		return -1;
	}
	rs->count++;
	return 0;
}

static bool ruleset_alloc(struct ruleset *rs, size_t n)
{
	rs->rules = calloc(n ? n : 1, sizeof(*rs->rules));
	rs->progs = calloc(n ? n : 1, sizeof(*rs->progs));
	rs->names = calloc(n ? n : 1, sizeof(*rs->names));
	return rs->rules && rs->progs && rs->names;
}

/*
 * Default rule order: the names listed in DIR/ORDER (one per line, '#'
 * comments; the recommended order shipped with protocols/), then every
 * other definition alphabetically.  Rule order is priority, so a plain
 * alphabetical order would let e.g. ssl take every tls connection.
 */
static char **order_names;
static size_t order_count;

static void order_load(const char *dir)
{
	char path[4096], line[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/ORDER", dir);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char **grown;

		line[strcspn(line, " \t\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		grown = realloc(order_names, (order_count + 1) * sizeof(*grown));
		if (!grown)
			break;
		order_names = grown;
		order_names[order_count] = strdup(line);
		if (!order_names[order_count])
			break;
		order_count++;
	}
	fclose(f);
}

static void order_free(void)
{
	while (order_count)
		free(order_names[--order_count]);
	free(order_names);
	order_names = NULL;
}

static size_t order_rank(const char *name)
{
	size_t i;

	for (i = 0; i < order_count; i++)
		if (!strcmp(order_names[i], name))
			return i;
	return order_count;
}

static int by_order(const void *a, const void *b)
{
	const char *na = ((const struct l7_patdef *)a)->name;
	const char *nb = ((const struct l7_patdef *)b)->name;
	size_t ra = order_rank(na), rb = order_rank(nb);

	if (ra != rb)
		return ra < rb ? -1 : 1;
	return strcmp(na, nb);
}

/* Every definition of @dir in the default order; a broken one is skipped. */
static int load_all(struct ruleset *rs, const char *dir)
{
	char err[L7_PAT_ERR_MAX];
	struct l7_patdef *defs;
	size_t n, i;

	if (l7_patfile_list(dir, &defs, &n, err)) {
		fprintf(stderr, "l7classify: %s\n", err);
		return -1;
	}
	order_load(dir);
	qsort(defs, n, sizeof(*defs), by_order);
	order_free();
	if (!ruleset_alloc(rs, n)) {
		l7_patfile_list_free(defs, n);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (strcmp(defs[i].name, "unset") &&
		    strcmp(defs[i].name, "unknown") && add_rule(rs, &defs[i]))
			fprintf(stderr, "l7classify: %s skipped\n", defs[i].name);
	l7_patfile_list_free(defs, n);
	if (!rs->count) {
		fprintf(stderr, "l7classify: no definition in %s\n", dir);
		return -1;
	}
	return 0;
}

/* The rules named in @list, in its order; any error is fatal. */
static int load_list(struct ruleset *rs, const char *dir, char *list)
{
	char err[L7_PAT_ERR_MAX], *name, *save = NULL;
	static struct l7_patdef def;
	size_t n = 1;
	const char *c;
	int rc;

	for (c = list; *c; c++)
		n += *c == ',';
	if (!ruleset_alloc(rs, n))
		return -1;
	for (name = strtok_r(list, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		if (l7_patname_check(name, err) ||
		    l7_patfile_find(dir, name, &def, err)) {
			/* as the iptables extension says it */
			if (!strncmp(err, "Couldn't find", 13))
				fprintf(stderr, "l7classify: %s (looked for %s.pat in %s and its immediate subdirectories)\n",
					err, name, dir);
			else
				fprintf(stderr, "l7classify: %s\n", err);
			return -1;
		}
		rc = add_rule(rs, &def);
		l7_patdef_release(&def);
		if (rc)
			return -1;
	}
	if (!rs->count) {
		fprintf(stderr, "l7classify: -p names no protocol\n");
		return -1;
	}
	return 0;
}

/* The rules' patterns as one l7re_multi: core/l7conn.c feeds it once. */
static int ruleset_combine(struct ruleset *rs)
{
	size_t i;
	int err;

	err = l7re_multi_compile(&rs->multi,
				 (const struct l7re_prog *const *)rs->progs,
				 rs->count);
	if (err) {
		fprintf(stderr, "l7classify: combining the patterns: %s\n",
			strerror(-err));
		return -1;
	}
	rs->members = calloc(rs->count, sizeof(*rs->members));
	if (!rs->members) {
		fprintf(stderr, "l7classify: out of memory\n");
		return -1;
	}
	rs->set.multi = rs->multi;
	rs->set.id = 1;
	for (i = 0; i < rs->count; i++) {
		rs->members[i].set = &rs->set;
		rs->members[i].index = i;
		rs->rules[i].member = &rs->members[i];
	}
	return 0;
}

static void ruleset_free(struct ruleset *rs)
{
	size_t i;

	l7re_multi_free(rs->multi);
	free(rs->members);
	for (i = 0; i < rs->count; i++) {
		l7re_free(rs->progs[i]);
		free(rs->names[i]);
	}
	free(rs->rules);
	free(rs->progs);
	free(rs->names);
}

/* One packet through every rule, in order, as through the rule set. */
static void classify(void *ctx, struct l7_flowrec *f,
		     const struct l7_packet *pkt)
{
	const struct classify_ctx *c = ctx;
	struct l7_conn *conn = l7_flowrec_conn(f);	/* a child's: its root's */
	size_t i;

	l7_conn_packet(conn, &f->flow, pkt,
		       c->rs->multi ? &c->rs->set : NULL, c->params);
	/* Once final, later rules only compare names. */
	for (i = 0; i < c->rs->count && !l7_conn_proto(conn); i++)
		l7_conn_rule(conn, &f->flow, &c->rs->rules[i], c->params);
	/* as xt_layer7 after a packet that closed the TCP connection */
	if (f->ended)
		l7_conn_close(conn, &f->flow);
}

static void tally(struct counts **tab, size_t *n, const char *name)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp((*tab)[i].name, name)) {
			(*tab)[i].flows++;
			return;
		}
	*tab = realloc(*tab, (*n + 1) * sizeof(**tab));
	if (!*tab) {
		perror("l7classify");
		exit(2);
	}
	(*tab)[*n].name = strdup(name);
	(*tab)[(*n)++].flows = 1;
}

static const char *l4_name(u8 l4)
{
	switch (l4) {
	case L7_L4_TCP:		return "tcp";
	case L7_L4_UDP:		return "udp";
	case L7_L4_UDPLITE:	return "udplite";
	}
	return "icmp";
}

/* "l4 TAB client TAB server" of @f. */
static void print_tuple(const struct l7_flowrec *f)
{
	bool icmp = f->l4 == L7_L4_ICMP || f->l4 == L7_L4_ICMPV6;
	char cli[80], srv[80];

	l7_endpoint_str(cli, sizeof(cli), f->family, f->cli,
			icmp ? 0 : f->cport);
	l7_endpoint_str(srv, sizeof(srv), f->family, f->srv,
			icmp ? 0 : f->sport);
	printf("%s\t%s\t%s", l4_name(f->l4), cli, srv);
}

static void print_flows(const struct l7_flowtab *t, const char *file,
			struct counts **tab, size_t *ntab)
{
	size_t i;

	for (i = 0; i < t->count; i++) {
		struct l7_flowrec *f = t->all[i];
		const char *proto = l7_conn_proto(l7_flowrec_conn(f));

		if (!proto)
			proto = "unset";
		if (file)
			printf("%s\t", file);
		print_tuple(f);
		printf("\t%lu\t%llu\t%s", f->packets, f->bytes, proto);
		if (f->root) {
			printf("\tchild\t");
			print_tuple(f->root);
		}
		printf("\n");
		tally(tab, ntab, proto);
	}
}

/* @err without the "PATH: " the capture readers start it with. */
static const char *reason(const char *err, const char *path)
{
	size_t n = strlen(path);

	if (!strncmp(err, path, n) && !strncmp(err + n, ": ", 2))
		return err + n + 2;
	return err;
}

/* Returns 0, or 1 when the capture could not be read to its end. */
static int run_capture(struct l7_walk *w, const char *path, const char *label,
		       const struct classify_ctx *c, struct counts **tab,
		       size_t *ntab)
{
	int status = 0, i;

	if (l7_walk_capture(w, path, classify, (void *)c)) {
		fprintf(stderr, "l7classify: %s\n", w->err);
		if (!w->frames) {
			printf("# %s: not read: %s\n", path,
			       reason(w->err, path));
			l7_walk_reset(w);
			return 1;
		}
		printf("# %s: stopped early: %s\n", path, reason(w->err, path));
		status = 1;
	}
	printf("# %s: %lu frames, %zu connections", path, w->frames,
	       w->flows.count);
	if (w->flows.children)
		printf(" (%lu of them children)", w->flows.children);
	for (i = 1; i <= L7_DEC_MAX; i++)
		if (w->skipped[i])
			printf(", %lu skipped (%s)", w->skipped[i],
			       l7_decode_strerror(i));
	if (w->flows.untracked)
		printf(", %lu skipped (no conntrack entry)",
		       w->flows.untracked);
	printf("\n");
	print_flows(&w->flows, label, tab, ntab);
	l7_walk_reset(w);
	return status;
}

/* "# helpers: ftp tcp/21, ..." when some are assigned. */
static void print_helpers(const struct l7_helper_conf *c)
{
	size_t i;

	for (i = 0; i < c->count; i++)
		printf("%s %s %s/%u", i ? "," : "# helpers:",
		       l7_helper_name(c->rules[i].kind),
		       l4_name(c->rules[i].l4), c->rules[i].port);
	if (c->count)
		printf("\n");
}

static int by_flows(const void *a, const void *b)
{
	const struct counts *x = a, *y = b;

	if (x->flows != y->flows)
		return x->flows < y->flows ? 1 : -1;
	return strcmp(x->name, y->name);
}

static bool parse_uint(const char *s, unsigned int min, unsigned int max,
		       unsigned int *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max || s[0] == '-')
		return false;
	*out = v;
	return true;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "maxpackets", required_argument, NULL, 'n' },
		{ "maxdatalen", required_argument, NULL, 'm' },
		{ "per-pattern", no_argument, NULL, 'P' },
		{ "helper", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned int num_packets = L7_NUM_PACKETS_DEFAULT;
	unsigned int maxdatalen = L7_MAXDATALEN_DEFAULT;
	struct l7_params params;
	const char *dir = L7_PAT_DEFAULT_DIR;
	struct ruleset rs = { 0 };
	struct classify_ctx ctx = { &rs, &params };
	struct l7_walk walk;
	struct l7_helper_conf helpers = { 0 };
	char herr[L7_HELPER_ERRLEN];
	struct counts *tab = NULL;
	size_t ntab = 0, i;
	char *list = NULL;
	bool per_pattern = false;
	int c, status = 0;

	while ((c = getopt_long(argc, argv, "d:p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dir = optarg;
			break;
		case 'p':
			list = optarg;
			break;
		case 'n':
			if (!parse_uint(optarg, 1, L7_NUM_PACKETS_MAX,
					&num_packets)) {
				fprintf(stderr, "l7classify: --maxpackets: 1..%d\n",
					L7_NUM_PACKETS_MAX);
				return 2;
			}
			break;
		case 'm':
			if (!parse_uint(optarg, 1, L7_MAXDATALEN_MAX,
					&maxdatalen)) {
				fprintf(stderr, "l7classify: --maxdatalen: 1..%d\n",
					L7_MAXDATALEN_MAX);
				return 2;
			}
			break;
		case 'P':
			per_pattern = true;
			break;
		case 'H':
			if (l7_helper_conf_add(&helpers, optarg, herr)) {
				fprintf(stderr, "l7classify: %s\n", herr);
				l7_helper_conf_free(&helpers);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		l7_helper_conf_free(&helpers);
		return 2;
	}
	l7_params_default(&params, maxdatalen);
	params.num_packets = num_packets;
	if ((list ? load_list(&rs, dir, list) : load_all(&rs, dir)) ||
	    (!per_pattern && ruleset_combine(&rs))) {
		ruleset_free(&rs);
		l7_helper_conf_free(&helpers);
		return 2;
	}
	printf("# l7classify: %zu rules from %s, maxpackets %u, maxdatalen %u\n",
	       rs.count, dir, params.num_packets, params.maxdatalen);
	print_helpers(&helpers);
	printf("# %sl4\tclient\tserver\tpackets\tbytes\tprotocol%s\n",
	       argc - optind > 1 ? "capture\t" : "",
	       helpers.count ? "\t[child\tl4\tclient\tserver]" : "");
	l7_walk_init(&walk);
	if (helpers.count)
		walk.flows.helpers = &helpers;
	for (i = optind; i < (size_t)argc; i++)
		status |= run_capture(&walk, argv[i],
				      argc - optind > 1 ? argv[i] : NULL, &ctx,
				      &tab, &ntab);
	fflush(stdout);
	qsort(tab, ntab, sizeof(*tab), by_flows);
	for (i = 0; i < ntab; i++) {
		fprintf(stderr, "%-20s %lu\n", tab[i].name, tab[i].flows);
		free((void *)tab[i].name);
	}
	free(tab);
	ruleset_free(&rs);
	l7_helper_conf_free(&helpers);
	return status;
}
