// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: the 2009 patterns over (a) every connection of the
 * captures as the kernel sees it (first 10 packets, at most 2047
 * prepared bytes, both directions in arrival order) and (b) random
 * printable and random binary data (2047-byte "connections" of 10
 * packets).  One core, one run; for each workload MB/s (connection
 * bytes per second for all patterns) and connections per second, for:
 *   l7re one-shot   l7re_match() over each connection's whole buffer
 *   l7re stream     each packet fed as it arrives (the kernel's way)
 *   l7re stream -pf the same without the DFA prefilter (L7RE_F_NOPRE),
 *                   to show what it gains in the same run
 *   PCRE2-JIT       one pcre2_jit_match() per pattern over the buffer
 *   Hyperscan       one block-mode database of all patterns
 *   l7re multi      all patterns as one l7re_multi, fed packet by packet
 * and the classifier's job (l7classify, the kernel): rules in the
 * package's order without unset and unknown, the first rule that
 * matches after a packet decides the connection ("conns" then counts
 * decided connections):
 *   l7re first      streams fed packet by packet, stop at the decision
 *   l7re multi first the rules as one l7re_multi, the same decisions
 *   PCRE2 rescan    the original's algorithm: the whole buffer again
 *                   after every packet, rules in order (PCRE2-JIT)
 *   Hyperscan first one scan; the decision from the first match
 *                   offsets ($ only at the end of the buffer there)
 * Usage: bench_l7re PATTERN-DIR CAPTURE-DIR
 * (L7BENCH_ONLY=ENGINE measures that row only, e.g. under a profiler.)
 */
#include <dirent.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <hs.h>

#include "lib/l7patfile.h"
#include "lib/l7walk.h"
#include "regexp/l7prep.h"
#include "regexp/l7re.h"
#include "regexp/l7re_multi.h"

#define MAXDATA		(L7_MAXDATALEN_DEFAULT - 1)
#define NUM_PACKETS	L7_NUM_PACKETS_DEFAULT
#define MIN_SECONDS	1.5

struct conn {
	u8 data[MAXDATA];
	unsigned int len;
	unsigned int npkt;		/* packets that added data */
	unsigned short cut[NUM_PACKETS + 1];	/* packet ends in data */
};

struct workload {
	const char *name;
	struct conn *c;
	size_t n, alloc;
	unsigned long long bytes;
};

struct pat {
	char name[L7_PAT_NAME_MAX + 1];
	char re[L7RE_MAX_REGEX_LEN + 1];
	long len;
	struct l7re_prog *prog;
	struct l7re_prog *nopre;	/* same, compiled with L7RE_F_NOPRE */
	pcre2_code *pcre;
	pcre2_match_data *md;
};

static struct pat *pats;
static size_t npats;
static size_t *rules, nrules;	/* classifier order: pats without pseudo */
static int *decided[4];		/* per connection, per classifier row */
static const struct workload *decided_for;
/* Per-pattern streams packed as their sizes say, as the kernel's are. */
static void *streams;
static u8 **stream_of;

/* The same patterns combined: all of them, and the rules in order. */
static struct l7re_multi *multi_all, *multi_rules;
static void *multi_stream;
static u8 *multi_res;

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static struct conn *new_conn(struct workload *w)
{
	if (w->n == w->alloc) {
		w->alloc = w->alloc ? 2 * w->alloc : 1024;
		w->c = realloc(w->c, w->alloc * sizeof(*w->c));
		if (!w->c) {
			perror("bench");
			exit(2);
		}
	}
	memset(&w->c[w->n], 0, sizeof(w->c[0]));
	return &w->c[w->n++];
}

/* Appends one packet as the original kernel did. */
static void add_packet(struct conn *c, const u8 *p, unsigned int len)
{
	unsigned int room = MAXDATA - c->len;

	if (len > room)
		len = room;
	len = l7_prepare_data(c->data + c->len, p, len);
	if (!len)
		return;
	c->len += len;
	c->cut[c->npkt++] = c->len;
}

/* ---- captures: l7walk's connections, mapped to ours by address ---- */

struct capctx {
	struct workload *w;
	struct l7_flowrec **keys;
	size_t *idx;
	size_t hsize;
};

static size_t *slot(struct capctx *cc, struct l7_flowrec *f)
{
	size_t h = ((uintptr_t)f >> 4) * 0x9e3779b97f4a7c15ULL;

	for (h &= cc->hsize - 1; cc->keys[h] && cc->keys[h] != f;
	     h = (h + 1) & (cc->hsize - 1))
		;
	if (!cc->keys[h]) {
		cc->keys[h] = f;
		cc->idx[h] = (size_t)-1;
	}
	return &cc->idx[h];
}

static void on_packet(void *ctx, struct l7_flowrec *f,
		      const struct l7_packet *pkt)
{
	static u8 buf[65536];
	struct capctx *cc = ctx;
	size_t *i = slot(cc, f);
	unsigned int off = 0, n;
	const u8 *d;

	/* f->packets counts this packet: only the first ten add data. */
	if (f->packets > NUM_PACKETS || !pkt->len)
		return;
	if (*i == (size_t)-1) {
		new_conn(cc->w);
		*i = cc->w->n - 1;
	}
	while (off < pkt->len && off < sizeof(buf) &&
	       (n = pkt->read(pkt->ctx, off, &d)) > 0) {
		if (n > sizeof(buf) - off)
			n = sizeof(buf) - off;
		memcpy(buf + off, d, n);
		off += n;
	}
	add_packet(&cc->w->c[*i], buf, off);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_captures(struct workload *w, const char *dir)
{
	struct capctx cc = { w, NULL, NULL, 1 << 20 };
	char **names = NULL, path[4096];
	size_t nn = 0, i, j;
	struct dirent *e;
	struct l7_walk walk;
	DIR *d = opendir(dir);

	if (!d) {
		printf("SKIP: no captures in %s\n", dir);
		return;
	}
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);

		if (l > 5 && (!strcmp(e->d_name + l - 5, ".pcap") ||
			      (l > 7 && !strcmp(e->d_name + l - 7, ".pcapng")))) {
			names = realloc(names, (nn + 1) * sizeof(*names));
			names[nn++] = strdup(e->d_name);
		}
	}
	closedir(d);
	qsort(names, nn, sizeof(*names), cmp_str);
	l7_walk_init(&walk);
	for (i = 0; i < nn; i++) {
		cc.keys = calloc(cc.hsize, sizeof(*cc.keys));
		cc.idx = calloc(cc.hsize, sizeof(*cc.idx));
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		/* A truncated capture still gives what came before. */
		l7_walk_capture(&walk, path, on_packet, &cc);
		l7_walk_reset(&walk);
		free(cc.keys);
		free(cc.idx);
		free(names[i]);
	}
	free(names);
	for (j = 0; j < w->n; j++)
		w->bytes += w->c[j].len;
}

static void load_random(struct workload *w, size_t n, int binary)
{
	unsigned long long x = binary ? 0x1234567 : 0x7654321;
	u8 raw[MAXDATA];
	size_t i, k;

	for (i = 0; i < n; i++) {
		struct conn *c = new_conn(w);

		for (k = 0; k < MAXDATA; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			raw[k] = binary ? (u8)x : 32 + x % 95;
		}
		for (k = 0; k < NUM_PACKETS; k++) {
			size_t a = k * MAXDATA / NUM_PACKETS;
			size_t b = (k + 1) * MAXDATA / NUM_PACKETS;

			add_packet(c, raw + a, b - a);
		}
		w->bytes += c->len;
	}
}

/* ---- patterns ---- */

/*
 * V8 -> PCRE syntax: backslash is literal inside brackets, "\c" is the
 * literal c, braces are literal.
 */
static size_t to_pcre(char *out, const char *re, size_t len)
{
	size_t i, o = 0;
	int in = 0, first = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = re[i];

		if (in) {
			if (c == ']' && !first) {
				in = 0;
			} else if (c == '\\' || c == '[') {
				out[o++] = '\\';
			} else if (c == '^' && first == 2) {
				out[o++] = c;
				first = 1;
				continue;
			}
			out[o++] = c;
			first = 0;
			continue;
		}
		if (c == '[') {
			in = 1;
			first = 2;
			out[o++] = c;
		} else if (c == '\\' && i + 1 < len) {
			c = re[++i];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9')))
				out[o++] = '\\';
			out[o++] = c;
		} else if (c == '{' || c == '}') {
			out[o++] = '\\';
			out[o++] = c;
		} else {
			out[o++] = c;
		}
	}
	out[o] = 0;
	return o;
}

static void prepare_multi(void)
{
	const struct l7re_prog **progs = calloc(npats, sizeof(*progs));
	double t0 = now();
	size_t i;

	for (i = 0; i < npats; i++)
		progs[i] = pats[i].prog;
	if (l7re_multi_compile(&multi_all, progs, npats))
		exit(2);
	for (i = 0; i < nrules; i++)
		progs[i] = pats[rules[i]].prog;
	if (l7re_multi_compile(&multi_rules, progs, nrules))
		exit(2);
	printf("# multi: %u groups, %zu KiB, stream %zu bytes (rules: %u groups, %zu KiB), compiled in %.2f s\n",
	       l7re_multi_groups(multi_all), l7re_multi_size(multi_all) >> 10,
	       l7re_multi_stream_size(multi_all),
	       l7re_multi_groups(multi_rules),
	       l7re_multi_size(multi_rules) >> 10, now() - t0);
	multi_stream = malloc(l7re_multi_stream_size(multi_all) >
			      l7re_multi_stream_size(multi_rules) ?
			      l7re_multi_stream_size(multi_all) :
			      l7re_multi_stream_size(multi_rules));
	multi_res = malloc(npats);
	free(progs);
}

static void load_patterns(const char *dir)
{
	char err[L7_PAT_ERR_MAX];
	struct l7_patdef *defs;
	size_t n, i, total = 0;

	if (l7_patfile_list(dir, &defs, &n, err)) {
		printf("SKIP: %s\n", err);
		exit(0);
	}
	pats = calloc(n, sizeof(*pats));
	for (i = 0; i < n; i++) {
		struct pat *p = &pats[npats];
		struct l7re_diag diag;
		int e;

		p->len = l7_prepare_pattern(p->re, sizeof(p->re), defs[i].regex,
					    defs[i].regex_len);
		if (p->len < 0)
			continue;
		e = l7re_compile(&p->prog, p->re, p->len, &diag);
		if (!e)
			e = l7re_compile_flags(&p->nopre, p->re, p->len, &diag,
					       L7RE_F_NOPRE);
		if (e) {
			printf("# %s: %s\n", defs[i].name,
			       l7re_strerror(diag.reason));
			l7re_free(p->prog);
			continue;
		}
		strcpy(p->name, defs[i].name);
		total += (l7re_stream_size(p->prog) + 7) & ~(size_t)7;
		npats++;
	}
	l7_patfile_list_free(defs, n);
	rules = calloc(npats, sizeof(*rules));
	for (i = 0; i < npats; i++)
		if (strcmp(pats[i].name, "unset") &&
		    strcmp(pats[i].name, "unknown"))
			rules[nrules++] = i;
	streams = malloc(total);
	stream_of = calloc(npats, sizeof(*stream_of));
	for (i = 0, total = 0; i < npats; i++) {
		stream_of[i] = (u8 *)streams + total;
		total += (l7re_stream_size(pats[i].prog) + 7) & ~(size_t)7;
	}
	prepare_multi();
}

static size_t pcre_ok, hs_ok;
static hs_database_t *hsdb;
static hs_scratch_t *hsscratch;

static void prepare_others(void)
{
	static char conv[3 * L7RE_MAX_REGEX_LEN + 1];
	const char **exprs = calloc(npats, sizeof(*exprs));
	unsigned int *flags = calloc(npats, sizeof(*flags));
	unsigned int *ids = calloc(npats, sizeof(*ids));
	hs_compile_error_t *herr;
	size_t i, nh = 0;

	for (i = 0; i < npats; i++) {
		struct pat *p = &pats[i];
		size_t clen = to_pcre(conv, p->re, p->len);
		PCRE2_SIZE eoff;
		int e;

		p->pcre = pcre2_compile((PCRE2_SPTR)conv, clen,
					PCRE2_DOTALL | PCRE2_DOLLAR_ENDONLY,
					&e, &eoff, NULL);
		if (p->pcre && pcre2_jit_compile(p->pcre, PCRE2_JIT_COMPLETE)) {
			pcre2_code_free(p->pcre);
			p->pcre = NULL;
		}
		if (p->pcre) {
			p->md = pcre2_match_data_create_from_pattern(p->pcre,
								     NULL);
			pcre_ok++;
		}
		/* Hyperscan refuses some patterns: find which, one by one. */
		{
			hs_database_t *one;

			if (hs_compile(conv, HS_FLAG_DOTALL | HS_FLAG_SINGLEMATCH |
				       HS_FLAG_ALLOWEMPTY, HS_MODE_BLOCK, NULL,
				       &one, &herr) == HS_SUCCESS) {
				hs_free_database(one);
				exprs[nh] = strdup(conv);
				flags[nh] = HS_FLAG_DOTALL | HS_FLAG_SINGLEMATCH |
					    HS_FLAG_ALLOWEMPTY;
				ids[nh++] = i;
			} else {
				hs_free_compile_error(herr);
			}
		}
	}
	hs_ok = nh;
	if (hs_compile_multi(exprs, flags, ids, nh, HS_MODE_BLOCK, NULL,
			     &hsdb, &herr) != HS_SUCCESS) {
		printf("# hyperscan: %s\n", herr->message);
		hs_free_compile_error(herr);
		hsdb = NULL;
	} else if (hs_alloc_scratch(hsdb, &hsscratch) != HS_SUCCESS) {
		hsdb = NULL;
	}
	for (i = 0; i < nh; i++)
		free((void *)exprs[i]);
	free(exprs);
	free(flags);
	free(ids);
}

/* ---- engines: each returns the number of (connection, pattern) hits ---- */

static unsigned long run_oneshot(const struct workload *w)
{
	unsigned long hits = 0;
	size_t i, k;

	for (i = 0; i < w->n; i++)
		for (k = 0; k < npats; k++)
			hits += l7re_match(pats[k].prog, streams,
					   w->c[i].data, w->c[i].len);
	return hits;
}

static unsigned long streamed(const struct workload *w, bool nopre)
{
	unsigned long hits = 0;
	size_t i, k, p;

	for (i = 0; i < w->n; i++) {
		const struct conn *c = &w->c[i];
		int r = L7RE_PENDING;

		for (k = 0; k < npats; k++) {
			const struct l7re_prog *prog = nopre ? pats[k].nopre :
							       pats[k].prog;
			void *st = stream_of[k];
			unsigned int from = 0;

			l7re_stream_init(prog, st);
			for (p = 0; p < c->npkt; p++) {
				r = l7re_stream_feed(prog, st,
						     c->data + from,
						     c->cut[p] - from);
				from = c->cut[p];
				/* Final: no later packet can change it. */
				if (r == L7RE_DEAD)
					break;
			}
			hits += r == L7RE_MATCH;
		}
	}
	return hits;
}

static unsigned long run_stream(const struct workload *w)
{
	return streamed(w, false);
}

static unsigned long run_stream_nopre(const struct workload *w)
{
	return streamed(w, true);
}

static unsigned long run_pcre(const struct workload *w)
{
	unsigned long hits = 0;
	size_t i, k;

	for (i = 0; i < w->n; i++)
		for (k = 0; k < npats; k++)
			if (pats[k].pcre)
				hits += pcre2_jit_match(pats[k].pcre,
							w->c[i].data,
							w->c[i].len, 0, 0,
							pats[k].md, NULL) >= 0;
	return hits;
}

static int on_hs(unsigned int id, unsigned long long from,
		 unsigned long long to, unsigned int flags, void *ctx)
{
	(void)id, (void)from, (void)to, (void)flags;
	(*(unsigned long *)ctx)++;
	return 0;
}

static unsigned long run_hs(const struct workload *w)
{
	unsigned long hits = 0;
	size_t i;

	if (!hsdb)
		return 0;
	for (i = 0; i < w->n; i++)
		hs_scan(hsdb, (const char *)w->c[i].data, w->c[i].len, 0,
			hsscratch, on_hs, &hits);
	return hits;
}

/* All patterns in one pass per packet, stopped when nothing can change. */
static unsigned long run_multi(const struct workload *w)
{
	unsigned long hits = 0;
	size_t i, k, p;

	for (i = 0; i < w->n; i++) {
		const struct conn *c = &w->c[i];
		unsigned int from = 0;

		l7re_multi_stream_init(multi_all, multi_stream);
		for (p = 0; p < c->npkt; p++) {
			int r = l7re_multi_stream_feed(multi_all, multi_stream,
						       c->data + from,
						       c->cut[p] - from);

			from = c->cut[p];
			if (r == L7RE_DEAD)
				break;
		}
		l7re_multi_results(multi_all, multi_stream, multi_res);
		for (k = 0; k < npats; k++)
			hits += multi_res[k] == L7RE_MATCH;
	}
	return hits;
}

/* ---- the classifier's job: returns decided connections ---- */

static int *decision_row(const struct workload *w, int row)
{
	if (decided_for != w) {
		int k;

		for (k = 0; k < 4; k++) {
			free(decided[k]);
			decided[k] = calloc(w->n, sizeof(int));
		}
		decided_for = w;
	}
	return decided[row];
}

static unsigned long run_first_stream(const struct workload *w)
{
	int *out = decision_row(w, 0);
	unsigned long hits = 0;
	static u8 dead[4096];
	size_t i, k, p;

	for (i = 0; i < w->n; i++) {
		const struct conn *c = &w->c[i];
		unsigned int from = 0;
		int winner = -1;

		memset(dead, 0, nrules);
		for (k = 0; k < nrules; k++)
			l7re_stream_init(pats[rules[k]].prog,
					 stream_of[rules[k]]);
		for (p = 0; p < c->npkt && winner < 0; p++) {
			for (k = 0; k < nrules && winner < 0; k++) {
				int r;

				if (dead[k])
					continue;
				r = l7re_stream_feed(pats[rules[k]].prog,
						     stream_of[rules[k]],
						     c->data + from, c->cut[p] - from);
				if (r == L7RE_MATCH)
					winner = rules[k];
				dead[k] = r == L7RE_DEAD;
			}
			from = c->cut[p];
		}
		out[i] = winner;
		hits += winner >= 0;
	}
	return hits;
}

static unsigned long run_first_multi(const struct workload *w)
{
	int *out = decision_row(w, 3);
	unsigned long hits = 0;
	size_t i, p;

	for (i = 0; i < w->n; i++) {
		const struct conn *c = &w->c[i];
		unsigned int from = 0;
		int winner = -1;

		l7re_multi_stream_init(multi_rules, multi_stream);
		for (p = 0; p < c->npkt; p++) {
			int r = l7re_multi_stream_feed(multi_rules, multi_stream,
						       c->data + from,
						       c->cut[p] - from);

			from = c->cut[p];
			winner = l7re_multi_first(multi_rules, multi_stream);
			if (winner >= 0 || r == L7RE_DEAD)
				break;
		}
		out[i] = winner >= 0 ? (int)rules[winner] : -1;
		hits += winner >= 0;
	}
	return hits;
}

static unsigned long run_first_pcre(const struct workload *w)
{
	int *out = decision_row(w, 1);
	unsigned long hits = 0;
	size_t i, k, p;

	for (i = 0; i < w->n; i++) {
		const struct conn *c = &w->c[i];
		int winner = -1;

		for (p = 0; p < c->npkt && winner < 0; p++)
			for (k = 0; k < nrules && winner < 0; k++)
				if (pats[rules[k]].pcre &&
				    pcre2_jit_match(pats[rules[k]].pcre, c->data,
						    c->cut[p], 0, 0,
						    pats[rules[k]].md, NULL) >= 0)
					winner = rules[k];
		out[i] = winner;
		hits += winner >= 0;
	}
	return hits;
}

static unsigned long long *first_end;

static int on_hs_first(unsigned int id, unsigned long long from,
		       unsigned long long to, unsigned int flags, void *ctx)
{
	(void)from, (void)flags, (void)ctx;
	if (to < first_end[id])
		first_end[id] = to;
	return 0;
}

static unsigned long run_first_hs(const struct workload *w)
{
	int *out = decision_row(w, 2);
	unsigned long hits = 0;
	size_t i, k, p;

	if (!hsdb)
		return 0;
	if (!first_end)
		first_end = malloc(npats * sizeof(*first_end));
	for (i = 0; i < w->n; i++) {
		const struct conn *c = &w->c[i];
		size_t best_p = (size_t)-1;
		int winner = -1;

		memset(first_end, 0xff, npats * sizeof(*first_end));
		hs_scan(hsdb, (const char *)c->data, c->len, 0, hsscratch,
			on_hs_first, NULL);
		for (k = 0; k < nrules; k++) {
			unsigned long long e = first_end[rules[k]];

			if (e == ~0ULL)
				continue;
			for (p = 0; p + 1 < c->npkt && c->cut[p] < e; p++)
				;
			if (p < best_p) {
				best_p = p;
				winner = rules[k];
			}
		}
		out[i] = winner;
		hits += winner >= 0;
	}
	return hits;
}

/*
 * Rounds until MIN_SECONDS have passed (at least three); the fastest
 * round counts, as other load on the machine only ever slows one down.
 */
static void measure(const struct workload *w, const char *engine,
		    unsigned long (*fn)(const struct workload *),
		    size_t patterns)
{
	const char *only = getenv("L7BENCH_ONLY");
	double start = now(), best = 1e9, t0, t;
	unsigned long hits = 0;
	int rounds = 0;

	if (only && strcmp(only, engine))
		return;

	do {
		t0 = now();
		hits = fn(w);
		t = now() - t0;
		if (t < best)
			best = t;
		rounds++;
	} while (rounds < 3 || now() - start < MIN_SECONDS);
	printf("| %-10s | %-15s | %8zu | %9.1f | %11.0f | %8zu | %8lu |\n",
	       w->name, engine, w->n, w->bytes / best / 1e6, w->n / best,
	       patterns, hits);
}

static void agreement(const struct workload *w)
{
	size_t i, same_pcre = 0, same_hs = 0, same_multi = 0;

	for (i = 0; i < w->n; i++) {
		same_pcre += decided[0][i] == decided[1][i];
		same_hs += decided[0][i] == decided[2][i];
		same_multi += decided[0][i] == decided[3][i];
	}
	printf("# %s: same decision as l7re first: l7re multi first %zu, PCRE2 rescan %zu, Hyperscan first %zu of %zu\n",
	       w->name, same_multi, same_pcre, same_hs, w->n);
}

int main(int argc, char **argv)
{
	struct workload flows = { .name = "captures" },
			print = { .name = "printable" },
			bin = { .name = "binary" };
	struct workload *ws[] = { &flows, &print, &bin };
	cpu_set_t one;
	size_t i;

	if (argc != 3) {
		fprintf(stderr, "usage: bench_l7re PATTERN-DIR CAPTURE-DIR\n");
		return 2;
	}
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	sched_setaffinity(0, sizeof(one), &one);
	load_patterns(argv[1]);
	prepare_others();
	load_captures(&flows, argv[2]);
	load_random(&print, 2000, 0);
	load_random(&bin, 2000, 1);
	printf("# %zu patterns (l7re), %zu for PCRE2-JIT, %zu for Hyperscan\n",
	       npats, pcre_ok, hs_ok);
	printf("# captures: %zu connections with data, %llu bytes\n", flows.n,
	       flows.bytes);
	printf("| workload   | engine          | conns    | MB/s      | conns/s     | patterns | hits     |\n");
	printf("|------------|-----------------|----------|-----------|-------------|----------|----------|\n");
	for (i = 0; i < 3; i++) {
		if (!ws[i]->n)
			continue;
		measure(ws[i], "l7re one-shot", run_oneshot, npats);
		measure(ws[i], "l7re stream", run_stream, npats);
		measure(ws[i], "l7re stream -pf", run_stream_nopre, npats);
		measure(ws[i], "PCRE2-JIT", run_pcre, pcre_ok);
		measure(ws[i], "Hyperscan", run_hs, hs_ok);
		measure(ws[i], "l7re multi", run_multi, npats);
		measure(ws[i], "l7re first", run_first_stream, nrules);
		measure(ws[i], "l7re multi first", run_first_multi, nrules);
		measure(ws[i], "PCRE2 rescan", run_first_pcre, nrules);
		measure(ws[i], "Hyperscan first", run_first_hs, nrules);
	}
	for (i = 0; i < 3; i++)
		if (ws[i]->n) {
			run_first_stream(ws[i]);
			run_first_pcre(ws[i]);
			run_first_hs(ws[i]);
			run_first_multi(ws[i]);
			agreement(ws[i]);
		}
	return 0;
}
