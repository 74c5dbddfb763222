// SPDX-License-Identifier: GPL-2.0
/* The capture -> l7_packet loop shared by l7classify and the benchmarks. */
#include <stdio.h>
#include "lib/l7walk.h"

void l7_walk_init(struct l7_walk *w)
{
	memset(w, 0, sizeof(*w));
	l7_flows_init(&w->flows);
}

void l7_walk_reset(struct l7_walk *w)
{
	const struct l7_helper_conf *helpers = w->flows.helpers;

	l7_flows_free(&w->flows);
	l7_walk_init(w);
	w->flows.helpers = helpers;
}

static int walk(struct l7_walk *w, struct l7_capture *cap, const char *path,
		l7_walk_fn fn, void *ctx)
{
	struct l7_frame fr;
	int rc, dlt;

	if (!cap)
		return -1;
	dlt = l7_capture_dlt(cap);
	while ((rc = l7_capture_next(cap, &fr, w->err)) == 1) {
		struct l7_flowrec *f;
		struct l7_pkt p;
		struct l7_flat flat;
		struct l7_packet pkt;
		u8 dir;
		int res = l7_decode(dlt, fr.data, fr.caplen, &p);

		w->frames++;
		if (res != L7_DEC_OK) {
			w->skipped[res]++;
			continue;
		}
		p.ts_us = fr.ts_us;
		f = l7_flows_packet(&w->flows, &p, &dir);
		if (!f && !w->flows.nomem)
			continue;	/* conntrack leaves it untracked */
		if (!f) {
			snprintf(w->err, sizeof(w->err),
				 "%s: offset %ld: out of memory", path, fr.offset);
			rc = -1;
			break;
		}
		flat = (struct l7_flat){ p.payload, p.paylen };
		pkt = (struct l7_packet){
			.dir = dir, .l4proto = p.l4,
			.tcp_syn = !!(p.tcp_flags & L7_TCP_SYN),
			.tcp_seq = p.tcp_seq, .len = p.paylen,
			.read = l7_flat_read, .ctx = &flat,
		};
		fn(ctx, f, &pkt);
	}
	l7_capture_close(cap);
	return rc < 0 ? -1 : 0;
}

int l7_walk_capture(struct l7_walk *w, const char *path, l7_walk_fn fn,
		    void *ctx)
{
	return walk(w, l7_capture_open(path, w->err), path, fn, ctx);
}

int l7_walk_file(struct l7_walk *w, FILE *f, const char *name,
		 l7_walk_fn fn, void *ctx)
{
	return walk(w, l7_capture_fopen(f, name, w->err), name, fn, ctx);
}
