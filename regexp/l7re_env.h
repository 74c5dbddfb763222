/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only place where the shared code (regexp/, core/) learns whether
 * it is built into the kernel module or into userspace.
 */
#ifndef L7RE_ENV_H
#define L7RE_ENV_H

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/types.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/limits.h>
#include <linux/sched.h>

/*
 * Compile time (process context, may sleep), charged to the memory
 * cgroup of whoever adds the rule: unprivileged user namespaces can.
 */
#define l7_alloc(n)		kvmalloc((n), GFP_KERNEL_ACCOUNT)
#define l7_zalloc(n)		kvzalloc((n), GFP_KERNEL_ACCOUNT)
#define l7_free(p)		kvfree(p)
/*
 * Packet path (softirq): never sleeps, may fail.  Charged to the memory
 * cgroup the kernel side makes active around the core's calls (the
 * namespace's owner, set_active_memcg()); without __GFP_HIGH, which
 * would let the charge overdraw that cgroup's memory.max.
 */
#define l7_alloc_atomic(n)	kmalloc((n), GFP_NOWAIT | __GFP_ACCOUNT | __GFP_NOWARN)
#define l7_zalloc_atomic(n)	kzalloc((n), GFP_NOWAIT | __GFP_ACCOUNT | __GFP_NOWARN)
#define l7_free_atomic(p)	kfree(p)
#define l7_realloc_atomic(p, n)	krealloc((p), (n), GFP_NOWAIT | __GFP_ACCOUNT | __GFP_NOWARN)
/* Long compile-time loops (process context) let others run. */
#define l7_cond_resched()	cond_resched()
/* A field another CPU may change while it is read (l7_rule.member). */
#define l7_read_once(x)		READ_ONCE(x)

#else /* userspace */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

/*
 * Tests make the N-th allocation fail to prove the -ENOMEM paths
 * (l7_alloc_fail_at = 0: never).
 */
extern unsigned long l7_alloc_fail_at;
/*
 * Bytes the shared code holds: the sizes it asked l7_alloc*() for,
 * less what it gave back, so tests can hold the core's own accounting
 * (l7_conn_mem(), l7_flow_mem()) against what it really holds.
 */
extern size_t l7_alloc_live;
void *l7_env_malloc(size_t n, int zero);
void *l7_env_realloc(void *p, size_t n);
void l7_env_free(void *p);

#define l7_alloc(n)		l7_env_malloc((n), 0)
#define l7_zalloc(n)		l7_env_malloc((n), 1)
#define l7_free(p)		l7_env_free(p)
#define l7_alloc_atomic(n)	l7_env_malloc((n), 0)
#define l7_zalloc_atomic(n)	l7_env_malloc((n), 1)
#define l7_free_atomic(p)	l7_env_free(p)
#define l7_realloc_atomic(p, n)	l7_env_realloc((p), (n))
#define l7_cond_resched()	do { } while (0)
#define l7_read_once(x)		(*(const volatile __typeof__(x) *)&(x))

#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif
#endif /* __KERNEL__ */

#endif /* L7RE_ENV_H */
