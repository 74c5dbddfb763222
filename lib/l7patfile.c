// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern files, with the original iptables extension's rules and the
 * checks it lacked (l7patfile.h lists both).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "l7patfile.h"
#include "../regexp/l7prep.h"
#include "../regexp/l7re.h"

/* Room for a path or a line shown in a message (they are cut there). */
#define SHOW_MAX	L7_PAT_ERR_MAX

static int fail(char *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(char *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, L7_PAT_ERR_MAX, fmt, ap);
	va_end(ap);
	return code;
}

/*
 * @len bytes at @in as a message may show them: printable ASCII as it
 * is, every other byte escaped, so that a binary file cannot write
 * control sequences to the user's terminal.
 */
static const char *show(char out[SHOW_MAX], const void *in, size_t len)
{
	const unsigned char *s = in;
	size_t o = 0, i;

	for (i = 0; i < len && o + 8 < SHOW_MAX; i++) {
		unsigned char c = s[i];

		if (c >= 0x20 && c < 0x7f)
			out[o++] = c;
		else if (c == '\t' || c == '\r' || c == '\n')
			o += sprintf(out + o, "\\%c",
				     c == '\t' ? 't' : c == '\r' ? 'r' : 'n');
		else
			o += sprintf(out + o, "\\x%02x", c);
	}
	if (i < len)
		o += sprintf(out + o, "...");
	out[o] = 0;
	return out;
}

int l7_patname_check(const char *name, char *err)
{
	char shown[SHOW_MAX];
	size_t len = strlen(name), i;

	if (!len)
		return fail(err, -EINVAL, "Empty protocol name.");
	if (len > L7_PAT_NAME_MAX)
		return fail(err, -ENAMETOOLONG,
			    "Protocol name too long (more than %d bytes).",
			    L7_PAT_NAME_MAX);
	for (i = 0; i < len; i++)
		if (name[i] <= ' ' || name[i] >= 0x7f || name[i] == '/')
			break;
	if (name[0] == '.' || i < len)
		return fail(err, -EINVAL, "Invalid protocol name \"%s\": it "
			    "must not start with '.' nor contain '/', space "
			    "or bytes other than printable ASCII.",
			    show(shown, name, len));
	return 0;
}

/* "dir/sub/NAME.pat" -> "NAME", or NULL (*@rc says why). */
static char *name_from_path(const char *path, const char *shown, char *err,
			    int *rc)
{
	const char *base = strrchr(path, '/');
	char *name;
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len <= 4 || strcmp(base + len - 4, ".pat")) {
		*rc = fail(err, -EINVAL, "%s: a pattern file name ends in .pat.",
			   shown);
		return NULL;
	}
	name = strndup(base, len - 4);
	if (!name) {
		*rc = fail(err, -ENOMEM, "Out of memory.");
		return NULL;
	}
	*rc = l7_patname_check(name, err);
	if (*rc) {
		free(name);
		return NULL;
	}
	return name;
}

static const char *file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

/*
 * At most L7_PAT_FILE_MAX bytes of the regular file @path into *@bufp
 * (malloc'ed); *@whole is false when the file holds more.  O_NONBLOCK:
 * opening a FIFO must not wait for a writer; fstat() then refuses it
 * before any read.
 */
static int slurp(const char *path, const char *shown, char **bufp,
		 size_t *lenp, bool *whole, char *err)
{
	size_t len = 0;
	struct stat st;
	ssize_t n;
	char *buf;
	int fd, rc;

	*bufp = NULL;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, -errno, "Can't open %s: %s.", shown,
			    strerror(errno));
	if (fstat(fd, &st)) {
		rc = fail(err, -errno, "Can't stat %s: %s.", shown,
			  strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = fail(err, -EINVAL, "%s is %s, not a pattern file.", shown,
			  file_kind(st.st_mode));
		goto out;
	}
	/* One byte more than we use tells whether the file goes on. */
	buf = malloc(L7_PAT_FILE_MAX + 1);
	if (!buf) {
		rc = fail(err, -ENOMEM, "Out of memory.");
		goto out;
	}
	while (len <= L7_PAT_FILE_MAX) {
		n = read(fd, buf + len, L7_PAT_FILE_MAX + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = fail(err, -errno, "Error reading %s: %s.", shown,
				  strerror(errno));
			free(buf);
			goto out;
		}
		if (!n)
			break;
		len += n;
	}
	*whole = len <= L7_PAT_FILE_MAX;
	*lenp = *whole ? len : L7_PAT_FILE_MAX;
	*bufp = buf;
	rc = 0;
out:
	close(fd);
	return rc;
}

/* What looks wrong in a regex line: the first finding, then a count. */
struct lint {
	struct l7_patdef *def;
	const char *shown;	/* the file's path, for messages */
	unsigned int more;
};

static void warn(struct lint *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void warn(struct lint *l, const char *fmt, ...)
{
	char *w = l->def->warning;
	va_list ap;
	int n;

	if (*w) {
		l->more++;
		return;
	}
	n = snprintf(w, L7_PAT_ERR_MAX, "%s line %u: ", l->shown,
		     l->def->regex_line);
	if (n < 0 || n >= L7_PAT_ERR_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(w + n, L7_PAT_ERR_MAX - n, fmt, ap);
	va_end(ap);
}

/*
 * The regex line walked as l7_prepare_pattern() decodes it.  A run of
 * backslashes tells whether a "\x" that decodes to nothing was meant as
 * an escaped backslash ("\\xyz" is a backslash, then "xyz"): only an
 * unescaped one is worth a warning.
 */
static int lint_regex(struct lint *l, char *err)
{
	const char *re = l->def->regex;
	size_t len = l->def->regex_len, i = 0, out = 0, backslashes = 0;
	char shown[SHOW_MAX];

	while (i < len) {
		unsigned char c = re[i];
		int esc = l7_prepare_escape(re, len, i);

		if (esc == 0 && !out)
			return fail(err, -EINVAL, "%s line %u: the regex is "
				    "empty once \\x00 is decoded: it would "
				    "match every connection.", l->shown,
				    l->def->regex_line);
		if (esc == 0) {
			warn(l, "\\x00 at column %zu ends the regex: the rest "
			     "of the line is ignored.", i + 1);
			break;
		}
		if (esc > 0) {
			i += 4;
			out++;
			backslashes = 0;
			continue;
		}
		if (c == '\\' && i + 1 < len && re[i + 1] == 'x' &&
		    !(backslashes & 1))
			warn(l, "\"%s\" at column %zu is no \\xHH escape (it "
			     "takes two hex digits): the regex reads \\x as "
			     "the letter x.",
			     show(shown, re + i, len - i < 4 ? len - i : 4),
			     i + 1);
		else if ((c < ' ' && c != '\t') || c == 0x7f)
			warn(l, "a raw control byte \\x%02x at column %zu: "
			     "write it as \\x%02x.", c, i + 1, c);
		backslashes = c == '\\' ? backslashes + 1 : 0;
		out++;
		i++;
	}
	if (l->more) {
		size_t n = strlen(l->def->warning);

		snprintf(l->def->warning + n, L7_PAT_ERR_MAX - n,
			 " (and %u more)", l->more);
	}
	return 0;
}

/*
 * The name and regex lines of @text.  @whole: @text is the entire file;
 * otherwise a line that reaches its end may go on in the file, and not
 * finding both lines there is an error of its own.
 */
static int parse(const char *text, size_t len, bool whole, const char *shown,
		 const char *name, struct l7_patdef *def, char *err)
{
	char line_shown[SHOW_MAX];
	const char *p = text, *end = text + len, *nl, *nul;
	bool have_name = false;
	unsigned int lineno = 0;
	struct lint lint = { def, shown, 0 };

	for (; p < end; p = nl < end ? nl + 1 : end) {
		size_t n;

		nl = memchr(p, '\n', end - p);
		if (!nl && !whole)
			break;
		if (!nl)
			nl = end;
		n = nl - p;
		lineno++;
		nul = memchr(p, '\0', n);
		if (nul)
			return fail(err, -EINVAL, "%s line %u: a NUL byte at "
				    "column %zu: not a text file.", shown,
				    lineno, (size_t)(nul - p) + 1);
		/* The original's rule counted the newline. */
		if (n + (nl < end) < 2 || p[0] == '#')
			continue;
		if (p[n - 1] == '\r')
			return fail(err, -EINVAL, "%s line %u ends in a "
				    "carriage return (\\r\\n line ends?); "
				    "write \\x0d for one that belongs to the "
				    "pattern.", shown, lineno);
		if (!have_name) {
			size_t cut = 0;

			while (cut < n && p[cut] != ' ' && p[cut] != '\t')
				cut++;
			if (cut != strlen(name) || memcmp(p, name, cut))
				return fail(err, -EINVAL, "Protocol name (%s) "
					    "doesn't match file name (%s).",
					    show(line_shown, p, cut), shown);
			have_name = true;
			continue;
		}
		if (n > L7_PAT_REGEX_MAX)
			return fail(err, -E2BIG, "Pattern in %s too long!",
				    shown);
		memcpy(def->regex, p, n);
		def->regex[n] = 0;
		def->regex_len = n;
		def->regex_line = lineno;
		return lint_regex(&lint, err);
	}
	if (!whole)
		return fail(err, -EFBIG, "%s: no %s line in its first %d KiB: "
			    "too big for a pattern file.", shown,
			    have_name ? "pattern" : "protocol name",
			    L7_PAT_FILE_MAX / 1024);
	return fail(err, -EINVAL, "No %s line in %s.",
		    have_name ? "pattern" : "protocol name", shown);
}

/* @len bytes of the file @path, all of it if @whole, into @def. */
static int load(const char *path, const char *text, size_t len, bool whole,
		struct l7_patdef *def, char *err)
{
	char shown[SHOW_MAX], *name;
	int rc;

	memset(def, 0, sizeof(*def));
	show(shown, path, strlen(path));
	name = name_from_path(path, shown, err, &rc);
	if (!name)
		return rc;
	rc = parse(text, len, whole, shown, name, def, err);
	if (!rc) {
		strcpy(def->name, name);
		def->path = strdup(path);
		if (!def->path)
			rc = fail(err, -ENOMEM, "Out of memory.");
	}
	if (rc)
		def->warning[0] = 0;
	free(name);
	return rc;
}

int l7_patfile_read(const char *path, struct l7_patdef *def, char *err)
{
	char shown[SHOW_MAX], *buf;
	bool whole = false;
	size_t len = 0;
	int rc;

	memset(def, 0, sizeof(*def));
	rc = slurp(path, show(shown, path, strlen(path)), &buf, &len, &whole,
		   err);
	if (rc)
		return rc;
	rc = load(path, buf, len, whole, def, err);
	free(buf);
	return rc;
}

int l7_patfile_parse(const char *path, const char *text, size_t len,
		     struct l7_patdef *def, char *err)
{
	return load(path, text, len, true, def, err);
}

static int by_name_reverse(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*b)->d_name, (*a)->d_name);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* scandir() filters take no argument: the directory being scanned. */
static const char *filter_dir;

static int is_subdir(const struct dirent *e)
{
	char path[4096];
	struct stat st;

	if (e->d_name[0] == '.')
		return 0;
	if (snprintf(path, sizeof(path), "%s/%s", filter_dir, e->d_name) >=
	    (int)sizeof(path))
		return 0;
	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/*
 * The search path: "" (the directory itself) then the subdirectories,
 * reverse alphabetical.  Returns a NULL-terminated malloc'ed array, or
 * NULL with *@rc set.
 */
static char **search_path(const char *dir, char *err, int *rc)
{
	char shown[SHOW_MAX];
	struct dirent **ents;
	char **subs;
	int n, i;

	filter_dir = dir;
	n = scandir(dir, &ents, is_subdir, by_name_reverse);
	if (n < 0) {
		*rc = fail(err, -errno, "Can't read the pattern directory %s: "
			   "%s.", show(shown, dir, strlen(dir)),
			   strerror(errno));
		return NULL;
	}
	subs = calloc(n + 2, sizeof(*subs));
	if (subs)
		subs[0] = strdup("");
	for (i = 0; i < n; i++) {
		if (subs)
			subs[i + 1] = strdup(ents[i]->d_name);
		free(ents[i]);
	}
	free(ents);
	for (i = 0; subs && i <= n; i++) {
		if (!subs[i]) {
			for (i = 0; i <= n; i++)
				free(subs[i]);
			free(subs);
			subs = NULL;
		}
	}
	if (!subs)
		*rc = fail(err, -ENOMEM, "Out of memory.");
	return subs;
}

static void free_path(char **subs)
{
	size_t i;

	for (i = 0; subs[i]; i++)
		free(subs[i]);
	free(subs);
}

static char *join(const char *dir, const char *sub, const char *file)
{
	char *p;

	if (asprintf(&p, "%s%s%s/%s", dir, *sub ? "/" : "", sub, file) < 0)
		return NULL;
	return p;
}

int l7_patfile_find(const char *dir, const char *name,
		    struct l7_patdef *def, char *err)
{
	char **subs, *file, *path;
	size_t i;
	int ret;

	memset(def, 0, sizeof(*def));
	ret = l7_patname_check(name, err);
	if (ret)
		return ret;
	subs = search_path(dir, err, &ret);
	if (!subs)
		return ret;
	if (asprintf(&file, "%s.pat", name) < 0) {
		free_path(subs);
		return fail(err, -ENOMEM, "Out of memory.");
	}
	/* The name passed the check: printable, no need to escape it. */
	ret = fail(err, -ENOENT, "Couldn't find a pattern definition file "
		   "for %s.", name);
	for (i = 0; subs[i]; i++) {
		path = join(dir, subs[i], file);
		if (!path) {
			ret = fail(err, -ENOMEM, "Out of memory.");
			break;
		}
		if (!access(path, F_OK)) {
			ret = l7_patfile_read(path, def, err);
			free(path);
			break;
		}
		free(path);
	}
	free(file);
	free_path(subs);
	return ret;
}

void l7_patdef_release(struct l7_patdef *def)
{
	free(def->path);
	def->path = NULL;
}

void l7_patfile_list_free(struct l7_patdef *defs, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		l7_patdef_release(&defs[i]);
	free(defs);
}

static bool is_pat(const struct dirent *e)
{
	size_t len = strlen(e->d_name);

	return e->d_name[0] != '.' && len > 4 &&
	       !strcmp(e->d_name + len - 4, ".pat");
}

static int pat_filter(const struct dirent *e)
{
	return is_pat(e);
}

static bool seen(const struct l7_patdef *defs, size_t n, const char *file)
{
	size_t len = strlen(file) - 4, i;

	for (i = 0; i < n; i++)
		if (strlen(defs[i].name) == len &&
		    !strncmp(defs[i].name, file, len))
			return true;
	return false;
}

/* Appends the definitions of one directory of the search path. */
static int list_one(const char *dir, const char *sub,
		    struct l7_patdef **defs, size_t *count, char *err)
{
	char *d = join(dir, sub, ""), shown[SHOW_MAX];
	struct dirent **ents;
	int n, i, ret = 0;

	if (!d)
		return fail(err, -ENOMEM, "Out of memory.");
	n = scandir(d, &ents, pat_filter, by_name);
	if (n < 0)
		ret = fail(err, -errno, "Can't read %s: %s.",
			   show(shown, d, strlen(d)), strerror(errno));
	free(d);
	if (n < 0)
		return ret;
	for (i = 0; i < n; i++) {
		struct l7_patdef *grown;
		char *path;

		if (ret || seen(*defs, *count, ents[i]->d_name)) {
			free(ents[i]);
			continue;
		}
		grown = realloc(*defs, (*count + 1) * sizeof(**defs));
		path = join(dir, sub, ents[i]->d_name);
		if (grown)
			*defs = grown;
		if (!grown || !path)
			ret = fail(err, -ENOMEM, "Out of memory.");
		else
			ret = l7_patfile_read(path, &grown[*count], err);
		if (!ret)
			(*count)++;
		free(path);
		free(ents[i]);
	}
	free(ents);
	return ret;
}

int l7_patfile_list(const char *dir, struct l7_patdef **defs, size_t *count,
		    char *err)
{
	char **subs;
	size_t i;
	int ret;

	*defs = NULL;
	*count = 0;
	subs = search_path(dir, err, &ret);
	if (!subs)
		return ret;
	for (i = 0; subs[i]; i++) {
		ret = list_one(dir, subs[i], defs, count, err);
		if (ret) {
			free_path(subs);
			l7_patfile_list_free(*defs, *count);
			*defs = NULL;
			*count = 0;
			return ret;
		}
	}
	free_path(subs);
	return 0;
}

long l7_patdef_compile(const struct l7_patdef *def, char *re, size_t resize,
		       struct l7re_prog **progp, char *err)
{
	char shown[SHOW_MAX];
	struct l7re_diag diag;
	long len;
	int rc;

	*progp = NULL;
	show(shown, def->path, strlen(def->path));
	len = l7_prepare_pattern(re, resize, def->regex, def->regex_len);
	if (len < 0)
		return fail(err, -E2BIG, "Pattern in %s too long!", shown);
	rc = l7re_compile(progp, re, len, &diag);
	if (rc)
		return fail(err, rc, "%s: regex error at offset %zu: %s",
			    shown, diag.offset, l7re_strerror(diag.reason));
	return len;
}
