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
 * newline (trailing spaces stay).  Everything after is ignored.  The
 * regex is returned raw: prepare it with l7_prepare_pattern()
 * (regexp/l7prep.h).
 *
 * What the original did not check, and we do.  None of it changes how
 * a file of the 2009 l7-protocols package reads: each refusal concerns
 * something that set never holds and that cannot be meant.
 *  - A pattern file is a regular file.  Anything else (a FIFO, a
 *    device, a directory, a symlink to one) is refused after open()
 *    with O_NONBLOCK and fstat(), before a byte is read: the original
 *    hung on a FIFO and read /dev/zero until it ran out of memory.
 *  - The name and regex lines lie in the first L7_PAT_FILE_MAX bytes;
 *    no more is ever read.
 *  - Errors: a NUL byte in the lines read (a binary file; the original
 *    cut the line there), a name or regex line ending in a carriage
 *    return (a DOS line end: the CR would stay in the pattern, which
 *    would then hardly ever match), a regex that is empty once decoded
 *    ("\x00..."; it would match every connection, and the kernel
 *    refuses it too).
 *  - Warnings (the file is used as the original used it, and
 *    l7_patdef.warning says what looks wrong): a control byte other
 *    than tab in the regex line (write it as \xHH), "\x" without two
 *    hex digits after it (no escape: the regex reads "\x" as the letter
 *    x), a decoded \x00 after the start (it ends the regex: the rest of
 *    the line is ignored).
 * Messages show every byte outside printable ASCII escaped (\t, \r,
 * \n, \xHH), never raw.
 *
 * Errors: every function returns 0 (l7_patdef_compile(): a length), or
 * a negative errno with a message for the user in @err (the original's
 * wording where it had one):
 *   -ENOENT        l7_patfile_find(): no NAME.pat in the search path
 *                  (or open() said so)
 *   -EINVAL        a bad protocol name, not a regular file, a malformed
 *                  file, a regex the engine refuses
 *   -ENAMETOOLONG  a protocol name over L7_PAT_NAME_MAX bytes
 *   -E2BIG         a regex line (or prepared regex) too long
 *   -EFBIG         no name and regex lines in the first L7_PAT_FILE_MAX
 *                  bytes
 *   -ENOMEM        out of memory
 *   other          open(), read() or scandir() failed (-EACCES, -EIO...)
 */
#ifndef L7PATFILE_H
#define L7PATFILE_H

#include <stddef.h>

/* The original ABI's limits: name[256] and pattern[8192], NUL included. */
#define L7_PAT_NAME_MAX		255
#define L7_PAT_REGEX_MAX	8191
/*
 * Bytes read of a pattern file, at most: its comments, name and regex
 * lines must fit.  The 2009 files need at most 7,966 (skypeout, whose
 * regex is 6,321 bytes); a regex can be 8,191.  The rest is comments,
 * and 64 KiB leaves room for any header anyone writes.
 */
#define L7_PAT_FILE_MAX		(64 * 1024)
#define L7_PAT_ERR_MAX		512
#define L7_PAT_DEFAULT_DIR	"/etc/l7-protocols"

struct l7_patdef {
	char name[L7_PAT_NAME_MAX + 1];
	char regex[L7_PAT_REGEX_MAX + 1];	/* NUL terminated */
	size_t regex_len;
	unsigned int regex_line;		/* its line number in the file */
	char *path;				/* malloc'ed, the file read */
	char warning[L7_PAT_ERR_MAX];		/* "" or what looks wrong */
};

/*
 * A protocol name usable in a file name and by the kernel: 1..255
 * bytes of printable ASCII (no space: it could never match a name
 * line), no '/', not starting with '.'.
 */
int l7_patname_check(const char *name, char *err);

/* Reads @path, whose base name must be NAME.pat. */
int l7_patfile_read(const char *path, struct l7_patdef *def, char *err);

/*
 * As l7_patfile_read(), from the @len bytes at @text instead of the file
 * @path (its name still gives NAME); any length is fine.  Tests and the
 * fuzzer use it.
 */
int l7_patfile_parse(const char *path, const char *text, size_t len,
		     struct l7_patdef *def, char *err);

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
 * *@progp, or -E2BIG ("Pattern in PATH too long!"), -EINVAL ("PATH:
 * regex error at offset N: WHY", the offset in the prepared regex) or
 * -ENOMEM.
 */
struct l7re_prog;
long l7_patdef_compile(const struct l7_patdef *def, char *re, size_t resize,
		       struct l7re_prog **progp, char *err);

void l7_patdef_release(struct l7_patdef *def);
void l7_patfile_list_free(struct l7_patdef *defs, size_t count);

#endif /* L7PATFILE_H */
