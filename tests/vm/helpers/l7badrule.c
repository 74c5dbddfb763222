// SPDX-License-Identifier: GPL-2.0
/*
 * l7badrule: hand the kernel a layer7 rule iptables would never build.
 *
 *   l7badrule CASE
 *
 * Replaces the filter table (INPUT, FORWARD, OUTPUT policies ACCEPT)
 * with one INPUT rule "-m layer7" whose match data is crafted by CASE,
 * through IPT_SO_SET_REPLACE as iptables-legacy does.  Cases:
 *   ok                 a valid rule (proves the crafting is right)
 *   name-unterminated  protocol[] without NUL
 *   name-empty         protocol ""
 *   name-unprintable   protocol with a control character
 *   dir-unterminated   l7dir[] without NUL
 *   pattern-unterminated  pattern[] without NUL (8192 bytes)
 *   pattern-paren      "(abc": does not compile
 *   pattern-range      "[z-a]": invalid range
 *   pattern-big        8191 bytes of "[ -~]": the engine's largest
 *   flags              an unknown flag bit
 *   garbage-pointer    a kernel-private pointer set by userspace
 * Prints "accepted" (exit 0) or "refused: ERRNO" (exit 1 for EINVAL,
 * 2 for anything else).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/netfilter_ipv4/ip_tables.h>
#include <unistd.h>

#include "kernel/xt_layer7.h"

#define MATCH_SIZE	XT_ALIGN(sizeof(struct xt_entry_match) + \
				 XT_ALIGN(sizeof(struct xt_layer7_info)))
#define STD_SIZE	XT_ALIGN(sizeof(struct xt_standard_target))
#define ERR_SIZE	XT_ALIGN(sizeof(struct xt_error_target))

static int craft(struct xt_layer7_info *info, const char *c)
{
	size_t i;

	strcpy(info->protocol, "crafted");
	strcpy(info->pattern, "^hello");
	if (!strcmp(c, "ok"))
		return 0;
	if (!strcmp(c, "name-unterminated"))
		memset(info->protocol, 'a', sizeof(info->protocol));
	else if (!strcmp(c, "name-empty"))
		info->protocol[0] = 0;
	else if (!strcmp(c, "name-unprintable"))
		strcpy(info->protocol, "ev\til");
	else if (!strcmp(c, "dir-unterminated"))
		memset(info->l7dir, '/', sizeof(info->l7dir));
	else if (!strcmp(c, "pattern-unterminated"))
		memset(info->pattern, 'a', sizeof(info->pattern));
	else if (!strcmp(c, "pattern-paren"))
		strcpy(info->pattern, "(abc");
	else if (!strcmp(c, "pattern-range"))
		strcpy(info->pattern, "[z-a]");
	else if (!strcmp(c, "pattern-big")) {
		for (i = 0; i + 5 <= sizeof(info->pattern) - 1; i += 5)
			memcpy(info->pattern + i, "[ -~]", 5);
		info->pattern[i] = 0;
	} else if (!strcmp(c, "flags"))
		info->flags = 0x80;
	else if (!strcmp(c, "garbage-pointer"))
		memset(&info->rule, 0x41, sizeof(info->rule));
	else
		return -1;
	return 0;
}

static struct ipt_entry *std_entry(char *at, int verdict)
{
	struct ipt_entry *e = (struct ipt_entry *)at;
	struct xt_standard_target *t = (void *)e->elems;

	e->target_offset = sizeof(*e);
	e->next_offset = sizeof(*e) + STD_SIZE;
	t->target.u.user.target_size = STD_SIZE;
	t->verdict = verdict;
	return e;
}

int main(int argc, char **argv)
{
	struct ipt_getinfo gi = { .name = "filter" };
	socklen_t gl = sizeof(gi);
	size_t rule_size, size, off;
	struct xt_standard_target *st;
	struct xt_error_target *et;
	struct xt_entry_match *m;
	struct ipt_replace *r;
	struct ipt_entry *e;
	int fd, err;

	if (argc != 2) {
		fprintf(stderr, "usage: l7badrule CASE\n");
		return 2;
	}
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0 || getsockopt(fd, IPPROTO_IP, IPT_SO_GET_INFO, &gi, &gl)) {
		perror("l7badrule: filter table");
		return 2;
	}

	rule_size = sizeof(*e) + MATCH_SIZE + STD_SIZE;
	size = rule_size + 3 * (sizeof(*e) + STD_SIZE) + sizeof(*e) + ERR_SIZE;
	r = calloc(1, sizeof(*r) + size);
	if (!r)
		return 2;
	strcpy(r->name, "filter");
	r->valid_hooks = gi.valid_hooks;
	r->num_entries = 5;
	r->size = size;
	r->num_counters = gi.num_entries;
	r->counters = calloc(gi.num_entries, sizeof(struct xt_counters));

	/* INPUT: the crafted rule, then the policy */
	e = (struct ipt_entry *)r->entries;
	e->target_offset = sizeof(*e) + MATCH_SIZE;
	e->next_offset = rule_size;
	m = (void *)e->elems;
	m->u.user.match_size = MATCH_SIZE;
	strcpy(m->u.user.name, "layer7");
	if (craft((struct xt_layer7_info *)m->data, argv[1])) {
		fprintf(stderr, "l7badrule: unknown case %s\n", argv[1]);
		return 2;
	}
	st = (void *)((char *)e + e->target_offset);
	st->target.u.user.target_size = STD_SIZE;
	st->verdict = -NF_ACCEPT - 1;
	r->hook_entry[NF_INET_LOCAL_IN] = 0;
	off = rule_size;
	r->underflow[NF_INET_LOCAL_IN] = off;
	std_entry((char *)r->entries + off, -NF_ACCEPT - 1);
	off += sizeof(*e) + STD_SIZE;
	r->hook_entry[NF_INET_FORWARD] = r->underflow[NF_INET_FORWARD] = off;
	std_entry((char *)r->entries + off, -NF_ACCEPT - 1);
	off += sizeof(*e) + STD_SIZE;
	r->hook_entry[NF_INET_LOCAL_OUT] = r->underflow[NF_INET_LOCAL_OUT] = off;
	std_entry((char *)r->entries + off, -NF_ACCEPT - 1);
	off += sizeof(*e) + STD_SIZE;
	/* the table ends with an ERROR target */
	e = (struct ipt_entry *)((char *)r->entries + off);
	e->target_offset = sizeof(*e);
	e->next_offset = sizeof(*e) + ERR_SIZE;
	et = (void *)e->elems;
	et->target.u.user.target_size = ERR_SIZE;
	strcpy(et->target.u.user.name, XT_ERROR_TARGET);
	strcpy(et->errorname, XT_ERROR_TARGET);

	if (!setsockopt(fd, IPPROTO_IP, IPT_SO_SET_REPLACE, r, sizeof(*r) + size)) {
		printf("accepted\n");
		return 0;
	}
	err = errno;
	printf("refused: %s\n", strerror(err));
	return err == EINVAL ? 1 : 2;
}
