// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace allocation for the shared code, with failure injection:
 * setting l7_alloc_fail_at to N > 0 makes the N-th allocation after
 * that assignment fail, once (l7_alloc_fail_at then reads 0 again).
 *
 * Each block carries the size asked for in a header in front of it, so
 * that l7_alloc_live is exact whatever malloc() rounds up to.  Under
 * ASan the header stays poisoned, so an access just before a block is
 * still reported.
 */
#include <stdalign.h>
#include "l7re_env.h"

#if defined(__SANITIZE_ADDRESS__)
#define L7_ENV_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define L7_ENV_ASAN 1
#endif
#endif
#ifdef L7_ENV_ASAN
#include <sanitizer/asan_interface.h>
#else
#define ASAN_POISON_MEMORY_REGION(a, n)		((void)(a), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(a, n)	((void)(a), (void)(n))
#endif

/* A multiple of malloc()'s alignment, so blocks keep it. */
#define L7_ENV_HDR	alignof(max_align_t)
_Static_assert(L7_ENV_HDR >= sizeof(size_t), "the header holds a size");

unsigned long l7_alloc_fail_at;
size_t l7_alloc_live;
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

static void *hand_out(u8 *base, size_t n)
{
	memcpy(base, &n, sizeof(n));
	ASAN_POISON_MEMORY_REGION(base, L7_ENV_HDR);
	l7_alloc_live += n;
	return base + L7_ENV_HDR;
}

/* The header of the block at @p, unpoisoned; *@n its size. */
static u8 *header_of(void *p, size_t *n)
{
	u8 *base = (u8 *)p - L7_ENV_HDR;

	ASAN_UNPOISON_MEMORY_REGION(base, L7_ENV_HDR);
	memcpy(n, base, sizeof(*n));
	return base;
}

void *l7_env_malloc(size_t n, int zero)
{
	u8 *base;

	if (fail_now() || n > SIZE_MAX - L7_ENV_HDR)
		return NULL;
	base = zero ? calloc(1, L7_ENV_HDR + n) : malloc(L7_ENV_HDR + n);
	return base ? hand_out(base, n) : NULL;
}

void *l7_env_realloc(void *p, size_t n)
{
	size_t old;
	u8 *base, *nb;

	if (!p)
		return l7_env_malloc(n, 0);
	if (fail_now() || n > SIZE_MAX - L7_ENV_HDR)
		return NULL;
	base = header_of(p, &old);
	nb = realloc(base, L7_ENV_HDR + n);
	if (!nb) {
		ASAN_POISON_MEMORY_REGION(base, L7_ENV_HDR);
		return NULL;
	}
	l7_alloc_live -= old;
	return hand_out(nb, n);
}

void l7_env_free(void *p)
{
	size_t n;

	if (!p)
		return;
	free(header_of(p, &n));
	l7_alloc_live -= n;
}
