// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace allocation for the shared code, with failure injection:
 * setting l7_alloc_fail_at to N > 0 makes the N-th allocation after
 * that assignment fail, once (l7_alloc_fail_at then reads 0 again).
 */
#include "l7re_env.h"

unsigned long l7_alloc_fail_at;
static unsigned long armed, count;

static bool fail_now(void)
{
	if (l7_alloc_fail_at != armed) {
		armed = l7_alloc_fail_at;
		count = 0;
	}
	if (!armed || ++count != armed)
		return false;
	l7_alloc_fail_at = armed = 0;
	return true;
}

void *l7_env_malloc(size_t n, int zero)
{
	if (fail_now())
		return NULL;
	/* malloc(0) may return NULL, which callers take as failure. */
	if (!n)
		n = 1;
	return zero ? calloc(1, n) : malloc(n);
}

void *l7_env_realloc(void *p, size_t n)
{
	if (fail_now())
		return NULL;
	return realloc(p, n ? n : 1);
}
