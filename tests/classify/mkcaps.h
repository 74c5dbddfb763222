/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The capture writer of mkcaps.c, shared with the helper scenarios of
 * mkhelpers.c.
 */
#ifndef MKCAPS_H
#define MKCAPS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;

#define SYN 0x02
#define FIN 0x01
#define RST 0x04
#define ACK 0x10
#define PSH 0x08

struct cap {
	FILE *f;
	int dlt, ng;
	u16 vlan[3];		/* Ethernet: TPIDs of the tags to add */
	int nvlan;
	u32 ts;
};

struct conv {
	int fam;		/* 4 or 6 */
	u8 l4;			/* 6 TCP, 17 UDP, 136 UDP-Lite, 1 ICMP, 58 ICMPv6 */
	const char *a, *b;	/* client, server addresses */
	u16 pa, pb;		/* ports, or the ICMP echo identifier */
	int ext6;		/* IPv6 hop-by-hop + destination options
				 * (2: + mobility header instead) */
	const char *verdict;
	int row;		/* expectation row, -1 until the first packet */
	u8 itype;		/* ICMP type to send instead of echo */
	/* Helper captures (hconv()): */
	const struct conv *master;	/* its root master when helped */
	const char *alone;	/* verdict without helpers (NULL: verdict) */
	struct conv *same_ct;	/* helped, its packets are that connection's */
	int arow;		/* row without helpers, -1 until used */
};

extern struct cap cap;
extern bool helped;		/* a helper capture: NAME.alone is written too */

void cap_open(const char *name, int dlt, int ng);
/* NAME.expect (and NAME.alone) from what was sent since cap_open(). */
void cap_close(void);
/* One packet of @c in direction @dir (0: client to server). */
long send_pkt(struct conv *c, int dir, u8 flags, u32 seq,
	      const char *data, u32 dlen);
long tcp(struct conv *c, int dir, u8 flags, u32 seq, const char *s);
/* A TCP handshake; client ISN @ci, server ISN @si. */
void handshake(struct conv *c, u32 ci, u32 si);
/* The captures of conntrack helpers. */
void helper_captures(void);

#endif /* MKCAPS_H */
