/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ABI between libxt_layer7.so and xt_layer7.ko (match "layer7", rev 0).
 *
 * The extension resolves --l7proto NAME to a pattern file, prepares the
 * regex (\xHH decoding, lowercasing) and hands the kernel the result;
 * the kernel never reads files.  l7dir is carried only so that
 * iptables-save can print --l7dir again: the kernel checks that it is
 * terminated and otherwise ignores it.
 */
#ifndef _XT_LAYER7_H
#define _XT_LAYER7_H

#include <linux/types.h>

/* The original l7-filter's limits: names up to 255, patterns up to 8191. */
#define XT_LAYER7_MAX_PROTOCOL_SIZE	256
#define XT_LAYER7_MAX_DIR_SIZE		1024
#define XT_LAYER7_MAX_PATTERN_SIZE	8192

enum {
	XT_LAYER7_INVERT	= 1 << 0,
};
#define XT_LAYER7_FLAGS_ALL	XT_LAYER7_INVERT

struct xt_layer7_info {
	char protocol[XT_LAYER7_MAX_PROTOCOL_SIZE];
	char l7dir[XT_LAYER7_MAX_DIR_SIZE];	/* "" = the default dir */
	char pattern[XT_LAYER7_MAX_PATTERN_SIZE];	/* prepared regex */
	__u32 flags;

	/* Used internally by the kernel */
	struct l7k_rule *rule __attribute__((aligned(8)));
};

#endif /* _XT_LAYER7_H */
