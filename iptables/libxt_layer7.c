// SPDX-License-Identifier: GPL-2.0
/*
 * libxt_layer7: iptables/ip6tables (legacy and nft) side of -m layer7.
 *
 * --l7proto NAME is resolved to NAME.pat under --l7dir (any order of the
 * two options: the file is read in the final check, once both are
 * known), the regex is prepared as the original extension did and
 * compiled here too, so a bad pattern fails at once with the engine's
 * message instead of a line in the kernel log.  What lib/l7patfile.c
 * warns about in a pattern file goes to stderr; the rule is added.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xtables.h>

#include "kernel/xt_layer7.h"
#include "lib/l7patfile.h"
#include "regexp/l7prep.h"
#include "regexp/l7re.h"

enum {
	O_L7PROTO = 0,
	O_L7DIR,
};

static void layer7_mt_help(void)
{
	printf(
"layer7 match options:\n"
"[!] --l7proto NAME   match connections classified as NAME (\"unset\":\n"
"                     not classified yet, \"unknown\": gave up)\n"
"    --l7dir DIR      find NAME.pat in DIR, then in its immediate\n"
"                     subdirectories (default " L7_PAT_DEFAULT_DIR ")\n");
}

static const struct xt_option_entry layer7_mt_opts[] = {
	{.name = "l7proto", .id = O_L7PROTO, .type = XTTYPE_STRING,
	 .flags = XTOPT_MAND | XTOPT_INVERT},
	{.name = "l7dir", .id = O_L7DIR, .type = XTTYPE_STRING},
	XTOPT_TABLEEND,
};

static void layer7_mt_parse(struct xt_option_call *cb)
{
	struct xt_layer7_info *info = cb->data;
	char err[L7_PAT_ERR_MAX];

	xtables_option_parse(cb);
	switch (cb->entry->id) {
	case O_L7PROTO:
		if (l7_patname_check(cb->arg, err))
			xtables_error(PARAMETER_PROBLEM, "layer7: %s", err);
		strcpy(info->protocol, cb->arg);
		if (cb->invert)
			info->flags |= XT_LAYER7_INVERT;
		break;
	case O_L7DIR:
		if (strlen(cb->arg) >= sizeof(info->l7dir))
			xtables_error(PARAMETER_PROBLEM,
				      "layer7: --l7dir too long (at most %zu bytes)",
				      sizeof(info->l7dir) - 1);
		if (!*cb->arg)
			xtables_error(PARAMETER_PROBLEM,
				      "layer7: --l7dir must not be empty");
		/* the default is stored as "" so that save leaves it out */
		if (strcmp(cb->arg, L7_PAT_DEFAULT_DIR))
			strcpy(info->l7dir, cb->arg);
		break;
	}
}

static void layer7_mt_check(struct xt_fcheck_call *cb)
{
	struct xt_layer7_info *info = cb->data;
	const char *dir = *info->l7dir ? info->l7dir : L7_PAT_DEFAULT_DIR;
	char err[L7_PAT_ERR_MAX];
	struct l7_patdef def;
	struct l7re_prog *prog;
	long len;
	int rc;

	if (!(cb->xflags & (1 << O_L7PROTO)))
		xtables_error(PARAMETER_PROBLEM,
			      "layer7: you must specify --l7proto NAME");
	rc = l7_patfile_find(dir, info->protocol, &def, err);
	if (rc == -ENOENT)
		xtables_error(PARAMETER_PROBLEM,
			      "layer7: %s (looked for %s.pat in %s and its immediate subdirectories)",
			      err, info->protocol, dir);
	if (rc)
		xtables_error(PARAMETER_PROBLEM, "layer7: %s", err);
	if (*def.warning)
		fprintf(stderr, "layer7: warning: %s\n", def.warning);
	len = l7_patdef_compile(&def, info->pattern, sizeof(info->pattern),
				&prog, err);
	l7_patdef_release(&def);
	if (len < 0)
		xtables_error(PARAMETER_PROBLEM, "layer7: %s", err);
	l7re_free(prog);
}

static void layer7_mt_print(const void *ip, const struct xt_entry_match *match,
			    int numeric)
{
	const struct xt_layer7_info *info = (const void *)match->data;

	printf(" LAYER7 l7proto %s%s",
	       info->flags & XT_LAYER7_INVERT ? "!" : "", info->protocol);
	if (*info->l7dir)
		printf(" l7dir %s", info->l7dir);
}

static void layer7_mt_save(const void *ip, const struct xt_entry_match *match)
{
	const struct xt_layer7_info *info = (const void *)match->data;

	printf("%s --l7proto", info->flags & XT_LAYER7_INVERT ? " !" : "");
	xtables_save_string(info->protocol);
	if (*info->l7dir) {
		printf(" --l7dir");
		xtables_save_string(info->l7dir);
	}
}

static struct xtables_match layer7_mt_reg = {
	.version	= XTABLES_VERSION,
	.name		= "layer7",
	.revision	= 0,
	.family		= NFPROTO_UNSPEC,
	.size		= XT_ALIGN(sizeof(struct xt_layer7_info)),
	.userspacesize	= offsetof(struct xt_layer7_info, rule),
	.help		= layer7_mt_help,
	.print		= layer7_mt_print,
	.save		= layer7_mt_save,
	.x6_parse	= layer7_mt_parse,
	.x6_fcheck	= layer7_mt_check,
	.x6_options	= layer7_mt_opts,
};

static __attribute__((constructor)) void layer7_mt_ldr(void)
{
	xtables_register_match(&layer7_mt_reg);
}
