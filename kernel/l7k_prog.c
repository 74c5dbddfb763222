// SPDX-License-Identifier: GPL-2.0
/*
 * Compiled patterns, shared by text.
 *
 * iptables-legacy replaces a whole table for every rule change, so the
 * same pattern is checked again and again; nft_compat keeps one copy per
 * rule.  Compiling once per distinct text and sharing the immutable
 * program keeps both cheap, and lets the core keep one stream per
 * program for a connection however many rules use it.
 *
 * Only checkentry and destroy come here (process context), so a mutex
 * and a list are enough: the packet path never looks programs up.  The
 * compile itself runs outside the mutex, charged to the caller.
 */
#define pr_fmt(fmt) "xt_layer7: " fmt

#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "l7k.h"

static LIST_HEAD(l7k_progs);
static DEFINE_MUTEX(l7k_prog_mutex);
/*
 * Connections keep stream state keyed by (program, id) until they are
 * decided; a fresh id per compiled program keeps a new program at a
 * freed one's address from inheriting such a stale stream.
 */
static u64 l7k_prog_next_id;

/* The pattern with @text, referenced, or NULL.  Mutex held. */
static struct l7k_prog *l7k_prog_find(const char *text, size_t len)
{
	struct l7k_prog *p;

	list_for_each_entry(p, &l7k_progs, list) {
		if (p->len == len && !memcmp(p->text, text, len)) {
			refcount_inc(&p->ref);
			return p;
		}
	}
	return NULL;
}

int l7k_prog_get(struct l7k_prog **pp, const char *text, size_t len,
		 struct l7re_diag *diag)
{
	struct l7re_prog *compiled;
	struct l7k_prog *p, *other;
	int err;

	mutex_lock(&l7k_prog_mutex);
	p = l7k_prog_find(text, len);
	mutex_unlock(&l7k_prog_mutex);
	if (p) {
		*pp = p;
		return 0;
	}

	p = kmalloc(struct_size(p, text, len + 1), GFP_KERNEL_ACCOUNT);
	if (!p)
		return -ENOMEM;
	/* outside the mutex: one namespace's compile never waits for another's */
	err = l7re_compile(&compiled, text, len, diag);
	if (err) {
		kfree(p);
		return err;
	}
	refcount_set(&p->ref, 1);
	p->len = len;
	p->prog = compiled;
	memcpy(p->text, text, len);
	p->text[len] = '\0';

	mutex_lock(&l7k_prog_mutex);
	other = l7k_prog_find(text, len);
	if (!other) {
		p->id = ++l7k_prog_next_id;
		list_add(&p->list, &l7k_progs);
	}
	mutex_unlock(&l7k_prog_mutex);
	if (other) {
		l7re_free(compiled);
		kfree(p);
		p = other;
	}
	*pp = p;
	return 0;
}

void l7k_prog_put(struct l7k_prog *p)
{
	mutex_lock(&l7k_prog_mutex);
	if (!refcount_dec_and_test(&p->ref)) {
		mutex_unlock(&l7k_prog_mutex);
		return;
	}
	list_del(&p->list);
	mutex_unlock(&l7k_prog_mutex);
	l7re_free((struct l7re_prog *)p->prog);
	kfree(p);
}

size_t l7k_prog_total_size(void)
{
	struct l7k_prog *p;
	size_t sum = 0;

	mutex_lock(&l7k_prog_mutex);
	list_for_each_entry(p, &l7k_progs, list)
		sum += l7re_prog_size(p->prog) + sizeof(*p) + p->len + 1;
	mutex_unlock(&l7k_prog_mutex);
	return sum;
}
