/* SPDX-License-Identifier: GPL-2.0 */
/*
 * l7patfile: NAME.pat files, read as the original iptables extension
 * read them (userspace only; the iptables extension, l7match -p and
 * l7classify -d use it).
 *
 * File format: lines shorter than 2 bytes (newline included) or
 * starting with '#' are skipped.  The first other line is the protocol
 * name, cut at the first space or tab; it must equal the file name
 * without ".pat".  The next one is the regex, verbatim except for its
 * newline (a '\r' or trailing spaces stay).  Everything after is
 * ignored.  The regex is returned raw: prepare it with
 * l7_prepare_pattern() (regexp/l7prep.h).
 *
 * Errors: every function returns 0, or -1 with a message for the user
 * in @err (the original's wording where it had one).
 */
#ifndef L7PATFILE_H
#define L7PATFILE_H

#include <stddef.h>

/* The original ABI's limits: name[256] and pattern[8192], NUL included. */
#define L7_PAT_NAME_MAX		255
#define L7_PAT_REGEX_MAX	8191
#define L7_PAT_ERR_MAX		512
#define L7_PAT_DEFAULT_DIR	"/etc/l7-protocols"

struct l7_patdef {
	char name[L7_PAT_NAME_MAX + 1];
	char regex[L7_PAT_REGEX_MAX + 1];	/* NUL terminated */
	size_t regex_len;
	char *path;				/* malloc'ed, the file read */
};

/*
 * A protocol name usable in a file name: 1..255 bytes, no '/', not
 * starting with '.', no space or tab (it could never match a name line).
 */
int l7_patname_check(const char *name, char *err);

/* Reads @path, whose base name must be NAME.pat. */
int l7_patfile_read(const char *path, struct l7_patdef *def, char *err);

/*
 * Finds and reads NAME.pat as `--l7proto NAME --l7dir DIR` did: in @dir
 * itself, then in its immediate subdirectories (hidden ones skipped) in
 * reverse alphabetical order (2009 package: testing, protocols,
 * malware, file_types, extra); the first file found wins.
 */
int l7_patfile_find(const char *dir, const char *name,
		    struct l7_patdef *def, char *err);

/*
 * Every definition @dir offers, each name once, in this order: the
 * files of @dir itself, then those of each subdirectory in the search
 * order above; within a directory by name (strcmp).  A name already
 * seen is skipped, so each entry is what l7_patfile_find() would read.
 * This is l7classify's default rule order.  Unreadable or malformed
 * files make the whole call fail, naming the file.
 */
int l7_patfile_list(const char *dir, struct l7_patdef **defs, size_t *count,
		    char *err);
/*
 * What iptables does with a definition before a rule reaches the
 * kernel: prepare its regex line (regexp/l7prep.h) into @re, which holds
 * @resize bytes, and compile it.  Returns the prepared length and sets
 * *@progp, or -1 with "Pattern in PATH too long!" or "PATH: regex error
 * at offset N: WHY" in @err.
 */
struct l7re_prog;
long l7_patdef_compile(const struct l7_patdef *def, char *re, size_t resize,
		       struct l7re_prog **progp, char *err);

void l7_patdef_release(struct l7_patdef *def);
void l7_patfile_list_free(struct l7_patdef *defs, size_t count);

#endif /* L7PATFILE_H */
