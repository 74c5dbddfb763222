// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: a whole capture file (pcap or pcapng, from memory)
 * through lib/l7walk.c, the walk l7classify makes: libpcap reads it
 * (lib/l7pcap.c), lib/l7decode.c decodes each frame, lib/l7flows.c
 * tracks the connections, and every packet is then counted and passes two
 * rules in core/l7conn.c as in l7classify's classify().  Every input must end
 * in an error or in connections that account for every frame read,
 * never a crash or a leak; every payload byte handed out must lie in
 * the frame (ASan checks each one is read).
 */
#include <stdint.h>
#include <stdio.h>

#include "lib/l7walk.h"

#define CHECK(c)	do { if (!(c)) __builtin_trap(); } while (0)

static struct l7_rule rules[2];
static struct l7_params params;

static void setup(void)
{
	static const char *const re[2] = { "^get ", "ssh-[12]" };
	static struct l7re_prog *progs[2];
	unsigned int i;

	l7_params_default(&params, 64);
	params.num_packets = 4;
	for (i = 0; i < 2; i++) {
		CHECK(!l7re_compile(&progs[i], re[i], strlen(re[i]), NULL));
		rules[i].proto = i ? "ssh" : "http";
		rules[i].prog = progs[i];
		rules[i].prog_id = i + 1;
	}
}

static void on_packet(void *ctx, struct l7_flowrec *f,
		      const struct l7_packet *pkt)
{
	unsigned long *packets = ctx;
	unsigned int off = 0, n, i, sum = 0;
	const u8 *d;

	CHECK(pkt->dir <= 1 && pkt->l4proto == f->l4 && f->packets);
	while (off < pkt->len && (n = pkt->read(pkt->ctx, off, &d)) > 0) {
		CHECK(n <= pkt->len - off);
		for (i = 0; i < n; i++)
			sum += d[i];
		off += n;
	}
	CHECK(off == pkt->len && sum <= 255 * off);
	l7_conn_packet(&f->conn, &f->flow, pkt, NULL, &params);
	for (i = 0; i < 2 && !l7_conn_proto(&f->conn); i++)
		l7_conn_rule(&f->conn, &f->flow, &rules[i], &params);
	if (f->ended)
		l7_conn_close(&f->conn, &f->flow);
	(*packets)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned long packets = 0, counted = 0, skipped = 0;
	struct l7_walk w;
	size_t i;
	FILE *f;
	int rc;

	if (!rules[0].prog)
		setup();
	if (!size)
		return 0;	/* fmemopen() refuses an empty buffer */
	f = fmemopen((void *)data, size, "rb");
	CHECK(f);
	l7_walk_init(&w);
	rc = l7_walk_file(&w, f, "fuzz.pcap", on_packet, &packets);
	CHECK(!rc || *w.err);
	for (i = 0; i < w.flows.count; i++)
		counted += w.flows.all[i]->packets;
	for (i = 0; i <= L7_DEC_MAX; i++)
		skipped += w.skipped[i];
	/* every frame read is skipped, untracked or one flow's packet */
	CHECK(counted == packets);
	CHECK(w.flows.nomem ||
	      w.frames == skipped + w.flows.untracked + packets);
	l7_walk_reset(&w);
	return 0;
}
