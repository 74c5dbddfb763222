// SPDX-License-Identifier: GPL-2.0
/*
 * Proof for protocols/: every definition compiles, matches its own
 * samples, matches no other protocol's samples (unless the sample names
 * it as a documented superset), and the recommended rule order decides
 * every sample right.  With --random, the false-positive count of every
 * definition on random streams; with --bench, each definition's speed.
 *
 *   t_protocols DIR ORDER SAMPLE...
 *   t_protocols --random N DIR
 *   t_protocols --bench DIR
 *
 * Samples go through the core (core/l7conn.c) packet by packet, as the
 * kernel would run them; random streams are one 2 KiB packet each, as
 * the original's test_match fed them.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/l7conn.h"
#include "lib/l7patfile.h"
#include "regexp/l7prep.h"
#include "regexp/l7re.h"

#define MAX_PACKETS	32
#define MAX_PAYLOAD	4096
#define STREAM_LEN	2048
#define IPPROTO_UDP_	17

struct def {
	char name[L7_PAT_NAME_MAX + 1];
	struct l7re_prog *prog;
	void *scratch;
	unsigned long random_hits;
};

struct sample {
	const char *path;
	char proto[L7_PAT_NAME_MAX + 1];
	char also[1024];		/* " name name " allowed to match too */
	unsigned int npkt;
	u8 dir[MAX_PACKETS];
	unsigned int len[MAX_PACKETS];
	u8 data[MAX_PACKETS][MAX_PAYLOAD];
};

static unsigned int passed, failed;

static void __attribute__((format(printf, 1, 2))) fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("FAIL: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	failed++;
}

static bool pseudo(const char *name)
{
	return !strcmp(name, "unset") || !strcmp(name, "unknown");
}

/* Every definition of @dir, prepared and compiled as the extension does. */
static struct def *load_defs(const char *dir, size_t *count)
{
	char err[L7_PAT_ERR_MAX];
	struct l7_patdef *pd;
	struct def *defs;
	size_t n, i;

	if (l7_patfile_list(dir, &pd, &n, err)) {
		fprintf(stderr, "%s\n", err);
		exit(2);
	}
	defs = calloc(n, sizeof(*defs));
	if (!defs)
		exit(2);
	for (i = 0; i < n; i++) {
		char re[L7_PAT_REGEX_MAX + 1], err[L7_PAT_ERR_MAX];

		snprintf(defs[i].name, sizeof(defs[i].name), "%s", pd[i].name);
		if (l7_patdef_compile(&pd[i], re, sizeof(re), &defs[i].prog,
				      err) < 0) {
			fail("%s", err);
			continue;
		}
		defs[i].scratch = malloc(l7re_stream_size(defs[i].prog));
		if (!defs[i].scratch)
			exit(2);
		passed++;
	}
	l7_patfile_list_free(pd, n);
	*count = n;
	return defs;
}

/* Appends the escaped text @s (\xHH \r \n \t \\) to packet @p of @smp. */
static int unescape(struct sample *smp, unsigned int p, const char *s)
{
	while (*s && *s != '\n') {
		int c = (unsigned char)*s++;

		if (c == '\\') {
			c = *s++;
			if (c == 'r')
				c = '\r';
			else if (c == 'n')
				c = '\n';
			else if (c == 't')
				c = '\t';
			else if (c == 'x' && isxdigit((unsigned char)s[0]) &&
				 isxdigit((unsigned char)s[1])) {
				char hex[3] = { s[0], s[1], 0 };

				c = strtoul(hex, NULL, 16);
				s += 2;
			} else if (c != '\\') {
				return -1;
			}
		}
		if (smp->len[p] >= MAX_PAYLOAD)
			return -1;
		smp->data[p][smp->len[p]++] = c;
	}
	return 0;
}

/*
 * A sample file: '#' comments ("# also: NAME..." lists the other
 * definitions documented to match it), then one packet per "C: " or
 * "S: " line (client or server), continued by "+ " lines.  The
 * expected protocol is the file name up to its first '.', shortened at
 * its last '-' until it names a definition (sample_proto()): names may
 * hold a '-' themselves (sd-rtn, as 2009's counterstrike-source).
 */
static int read_sample(const char *path, struct sample *smp)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char line[8192];
	FILE *f;
	int rc = 0;

	memset(smp, 0, sizeof(*smp));
	smp->path = path;
	snprintf(smp->proto, sizeof(smp->proto), "%.*s",
		 (int)strcspn(base, "."), base);
	strcpy(smp->also, " ");
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (!rc && fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "# also:", 7)) {
			line[strcspn(line, "\n")] = 0;
			snprintf(smp->also + strlen(smp->also),
				 sizeof(smp->also) - strlen(smp->also),
				 "%s ", line + 7);
		} else if (line[0] == '#' || line[0] == '\n') {
			continue;
		} else if ((line[0] == 'C' || line[0] == 'S') &&
			   line[1] == ':' && line[2] == ' ') {
			if (smp->npkt == MAX_PACKETS)
				rc = -1;
			else
				smp->dir[smp->npkt] = line[0] == 'S';
			if (!rc)
				rc = unescape(smp, smp->npkt++, line + 3);
		} else if (line[0] == '+' && line[1] == ' ' && smp->npkt) {
			rc = unescape(smp, smp->npkt - 1, line + 2);
		} else {
			rc = -1;
		}
	}
	fclose(f);
	return rc || !smp->npkt ? -1 : 0;
}

/* Cuts @smp's stem at its last '-' until it names one of @defs. */
static void sample_proto(struct sample *smp, const struct def *defs,
			 size_t ndefs)
{
	char *dash;
	size_t i;

	for (;;) {
		for (i = 0; i < ndefs; i++)
			if (!strcmp(defs[i].name, smp->proto))
				return;
		dash = strrchr(smp->proto, '-');
		if (!dash)
			return;
		*dash = 0;
	}
}

/*
 * Runs @smp through the rules @rules[0..n) as packets through a rule
 * set; returns the decided name or NULL (undecided or unknown).
 */
static const char *classify(const struct sample *smp,
			    const struct l7_rule *rules, size_t n,
			    char *out, size_t outsize)
{
	struct l7_params params;
	struct l7_conn conn;
	struct l7_flow flow;
	const char *proto;
	unsigned int p;
	size_t r;

	l7_params_default(&params, L7_MAXDATALEN_DEFAULT);
	l7_conn_init(&conn);
	l7_flow_init(&flow);
	for (p = 0; p < smp->npkt; p++) {
		struct l7_flat flat = { smp->data[p], smp->len[p] };
		struct l7_packet pkt = {
			.dir = smp->dir[p],
			.l4proto = IPPROTO_UDP_,
			.len = smp->len[p],
			.read = l7_flat_read,
			.ctx = &flat,
		};

		l7_conn_packet(&conn, &flow, &pkt, NULL, &params);
		for (r = 0; r < n && !l7_conn_proto(&conn); r++)
			l7_conn_rule(&conn, &flow, &rules[r], &params);
	}
	proto = l7_conn_proto(&conn);
	if (proto && strcmp(proto, "unknown"))
		snprintf(out, outsize, "%s", proto);
	else
		out[0] = 0;
	l7_flow_release(&flow);
	l7_conn_release(&conn);
	return out[0] ? out : NULL;
}

static bool allowed(const struct sample *smp, const char *name)
{
	char key[L7_PAT_NAME_MAX + 3];

	if (!strcmp(name, smp->proto))
		return true;
	snprintf(key, sizeof(key), " %s ", name);
	return strstr(smp->also, key) != NULL;
}

static void check_sample(const struct sample *smp, const struct def *defs,
			 size_t ndefs, const struct l7_rule *order,
			 size_t norder)
{
	char got[L7_PAT_NAME_MAX + 1];
	bool own = false;
	size_t i;

	for (i = 0; i < ndefs; i++) {
		const struct l7_rule rule = { .proto = defs[i].name,
					      .prog = defs[i].prog };
		bool hit;

		if (!defs[i].prog || pseudo(defs[i].name))
			continue;
		hit = classify(smp, &rule, 1, got, sizeof(got)) != NULL;
		if (!strcmp(defs[i].name, smp->proto))
			own = true;
		if (hit == allowed(smp, defs[i].name) ||
		    (!hit && strcmp(defs[i].name, smp->proto))) {
			passed++;
		} else if (hit) {
			fail("%s: also matched by %s", smp->path, defs[i].name);
		} else {
			fail("%s: not matched by %s", smp->path, smp->proto);
		}
	}
	if (!own)
		fail("%s: no definition named %s", smp->path, smp->proto);
	if (!classify(smp, order, norder, got, sizeof(got)))
		fail("%s: undecided with the recommended order", smp->path);
	else if (strcmp(got, smp->proto))
		fail("%s: the recommended order decides %s", smp->path, got);
	else
		passed++;
}

/* The names of the file @path (one per line), as rules over @defs. */
static struct l7_rule *load_order(const char *path, const struct def *defs,
				  size_t ndefs, size_t *n)
{
	struct l7_rule *rules = calloc(ndefs, sizeof(*rules));
	char line[512];
	FILE *f = fopen(path, "r");
	size_t i;

	if (!f || !rules) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		exit(2);
	}
	*n = 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (!line[0] || line[0] == '#')
			continue;
		for (i = 0; i < ndefs && strcmp(defs[i].name, line); i++)
			;
		if (i == ndefs || !defs[i].prog || *n == ndefs) {
			fail("%s: no usable definition %s", path, line);
			continue;
		}
		rules[(*n)++] = (struct l7_rule){ .proto = defs[i].name,
						  .prog = defs[i].prog };
	}
	fclose(f);
	/* Every definition must have a place in the order. */
	for (i = 0; i < ndefs; i++) {
		size_t j;

		if (pseudo(defs[i].name))
			continue;
		for (j = 0; j < *n && strcmp(rules[j].proto, defs[i].name); j++)
			;
		if (j == *n)
			fail("%s: %s is missing", path, defs[i].name);
	}
	return rules;
}

/* xorshift64*: deterministic, so a failure can be reproduced. */
static u64 rnd(u64 *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1DULL;
}

/* Printable: space to '~' plus TAB, CR and LF, as text protocols use. */
static void fill(u8 *buf, size_t len, bool printable, u64 *seed)
{
	static const char ws[] = "\t\r\n";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned int r = rnd(seed) >> 32;

		if (!printable)
			buf[i] = r;
		else if (r % 98 >= 95)
			buf[i] = ws[r % 98 - 95];
		else
			buf[i] = ' ' + r % 95;
	}
}

/* The subject the kernel would hold for one 2 KiB packet. */
static size_t subject(u8 *out, const u8 *in)
{
	return l7_prepare_data(out, in, L7_MAXDATALEN_DEFAULT - 1);
}

static int random_test(struct def *defs, size_t ndefs, unsigned long n)
{
	u8 raw[STREAM_LEN], buf[STREAM_LEN];
	u64 seed = 0x6c37666f72657665ULL;
	unsigned long s;
	size_t i;

	for (s = 0; s < 2 * n; s++) {
		size_t len;

		fill(raw, sizeof(raw), s < n, &seed);
		len = subject(buf, raw);
		for (i = 0; i < ndefs; i++)
			if (defs[i].prog && !pseudo(defs[i].name) &&
			    l7re_match(defs[i].prog, defs[i].scratch, buf, len))
				defs[i].random_hits++;
	}
	/* Every definition is anchored: the bound is 0 for each. */
	for (i = 0; i < ndefs; i++) {
		char hits[64];

		if (!defs[i].prog || pseudo(defs[i].name))
			continue;
		snprintf(hits, sizeof(hits), "%lu in %lu", defs[i].random_hits,
			 2 * n);
		if (defs[i].random_hits)
			fail("%s matches random streams: %s", defs[i].name, hits);
		else
			passed++;
	}
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * MB/s of each definition over random printable and binary streams,
 * one-shot as l7match runs it: the figure behind the speed attribute.
 */
static int bench(struct def *defs, size_t ndefs)
{
	enum { N = 2000 };
	static u8 bufs[N][STREAM_LEN];
	static size_t lens[N];
	u64 seed = 0x62656e6368ULL;
	size_t i, s, total = 0;

	for (s = 0; s < N; s++) {
		u8 raw[STREAM_LEN];

		fill(raw, sizeof(raw), s & 1, &seed);
		lens[s] = subject(bufs[s], raw);
		total += lens[s];
	}
	printf("# definition\tMB/s (one-shot, %d random 2 KiB streams, "
	       "half printable)\n", N);
	for (i = 0; i < ndefs; i++) {
		double best = 0;
		int trial;

		if (!defs[i].prog || pseudo(defs[i].name))
			continue;
		/* The best of 5 trials: other load only ever slows a trial. */
		for (trial = 0; trial < 5; trial++) {
			double t0 = now(), t;
			int rep = 0;

			do {
				for (s = 0; s < N; s++)
					l7re_match(defs[i].prog,
						   defs[i].scratch, bufs[s],
						   lens[s]);
				rep++;
				t = now() - t0;
			} while (t < 0.02);
			if (total * rep / t > best)
				best = total * rep / t;
		}
		printf("%s\t%.0f\n", defs[i].name, best / 1e6);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct l7_rule *order;
	struct sample *smp;
	struct def *defs;
	size_t ndefs, norder;
	int i;

	if (argc == 4 && !strcmp(argv[1], "--random")) {
		defs = load_defs(argv[3], &ndefs);
		random_test(defs, ndefs, strtoul(argv[2], NULL, 10));
	} else if (argc == 3 && !strcmp(argv[1], "--bench")) {
		defs = load_defs(argv[2], &ndefs);
		return bench(defs, ndefs);
	} else if (argc >= 3 && argv[1][0] != '-') {
		defs = load_defs(argv[1], &ndefs);
		order = load_order(argv[2], defs, ndefs, &norder);
		smp = malloc(sizeof(*smp));
		if (!smp)
			return 2;
		for (i = 3; i < argc; i++) {
			if (read_sample(argv[i], smp)) {
				fail("%s: unreadable or malformed sample",
				     argv[i]);
				continue;
			}
			sample_proto(smp, defs, ndefs);
			check_sample(smp, defs, ndefs, order, norder);
		}
		free(smp);
		free(order);
	} else {
		fprintf(stderr, "usage: %s DIR ORDER SAMPLE...\n"
			"       %s --random N DIR\n       %s --bench DIR\n",
			argv[0], argv[0], argv[0]);
		return 2;
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
