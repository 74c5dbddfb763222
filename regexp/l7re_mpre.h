/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal to l7re_multi: unanchored members woken by a shared scan of
 * byte pairs (l7re_mpre.c).  Results go to @res[member] as l7re_result.
 */
#ifndef L7RE_MPRE_H
#define L7RE_MPRE_H

#include "l7re_int.h"

struct l7re_mpre;

/*
 * Of the candidates @members[0..n-1] (indexes into @progs, in order),
 * takes those that can be woken by pairs (an unanchored DFA with a
 * usable pair of consecutive required byte sets): @taken[i] = 1 for
 * them, 0 for the others.  *@out is NULL when none is taken.  Returns
 * 0 or -ENOMEM.
 */
int l7re_mpre_build(struct l7re_mpre **out,
		    const struct l7re_prog *const *progs,
		    const u16 *members, unsigned int n, u8 *taken);
void l7re_mpre_free(struct l7re_mpre *mp);
size_t l7re_mpre_size(const struct l7re_mpre *mp);
size_t l7re_mpre_stream_size(const struct l7re_mpre *mp);
void l7re_mpre_init(const struct l7re_mpre *mp, void *stream);
/* Returns true when every member's answer is final. */
bool l7re_mpre_feed(const struct l7re_mpre *mp, void *stream,
		    const u8 *data, size_t len);
void l7re_mpre_results(const struct l7re_mpre *mp, const void *stream,
		       u8 *res);
/* Lowest member matching now, or -1. */
int l7re_mpre_first(const struct l7re_mpre *mp, const void *stream);

#endif /* L7RE_MPRE_H */
