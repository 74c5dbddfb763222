/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test-only oracle: a recursive backtracking V8 regexp, written after
 * Spencer's regcomp()/regmatch() structure and sharing no code with
 * regexp/.  Exponential on purpose-built inputs: callers bound sizes;
 * a search that exceeds its step budget reports REF_GAVEUP.
 */
#ifndef REF_H
#define REF_H

#include <stddef.h>

struct ref_re;

/*
 * Returns 0 or an enum l7re_reason (V8's diagnosis, same order), or
 * REF_ERR_INTERNAL where V8 would have said "internal urp".
 */
#define REF_ERR_INTERNAL	1000
int ref_compile(struct ref_re **re, const char *pat, size_t len);
void ref_free(struct ref_re *re);

#define REF_NOMATCH	0
#define REF_MATCH	1
#define REF_GAVEUP	2
/* V8 semantics: the subject ends at its first NUL. */
int ref_match(const struct ref_re *re, const unsigned char *s, size_t len);

#endif /* REF_H */
