/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One capture, packet by packet, as the kernel's layer7 match sees it:
 * read (l7pcap), decoded (l7decode), tracked (l7flows), and handed to a
 * callback as the struct l7_packet that l7_conn_packet() takes.  Used by
 * l7classify and the benchmarks, so both see the same connections.
 */
#ifndef L7WALK_H
#define L7WALK_H

#include "lib/l7flows.h"
#include "lib/l7pcap.h"

struct l7_walk {
	struct l7_flowtab flows;	/* the capture's connections */
	unsigned long frames;
	unsigned long skipped[L7_DEC_MAX + 1];	/* by l7_decode_result */
	char err[L7_CAPTURE_ERRLEN];
};

/* @pkt and its payload are valid during the call only. */
typedef void (*l7_walk_fn)(void *ctx, struct l7_flowrec *f,
			   const struct l7_packet *pkt);

void l7_walk_init(struct l7_walk *w);
/*
 * Reads @path; w->flows, frames and skipped describe it afterwards
 * (l7_walk_reset() before the next capture).  Returns 0, or -1 with w->err naming file and offset:
 * when the capture could not be opened nothing was read, when it is
 * truncated or corrupt what came before stays in w->flows.
 */
int l7_walk_capture(struct l7_walk *w, const char *path, l7_walk_fn fn,
		    void *ctx);
/* The same from @f (see l7_capture_fopen(), which takes @f over). */
int l7_walk_file(struct l7_walk *w, FILE *f, const char *name,
		 l7_walk_fn fn, void *ctx);
/* Frees the connections, keeps w->flows.helpers. */
void l7_walk_reset(struct l7_walk *w);

#endif /* L7WALK_H */
