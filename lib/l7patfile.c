// SPDX-License-Identifier: GPL-2.0
/* Pattern files, with the original iptables extension's rules. */
#include <dirent.h>
#include <errno.h>
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

static int fail(char *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, L7_PAT_ERR_MAX, fmt, ap);
	va_end(ap);
	return -1;
}

int l7_patname_check(const char *name, char *err)
{
	size_t len = strlen(name);

	if (!len)
		return fail(err, "Empty protocol name.");
	if (len > L7_PAT_NAME_MAX)
		return fail(err, "Protocol name too long (more than %d bytes).",
			    L7_PAT_NAME_MAX);
	if (name[0] == '.' || strpbrk(name, "/ \t"))
		return fail(err, "Invalid protocol name \"%s\": it must not "
			    "start with '.' nor contain '/', space or tab.",
			    name);
	return 0;
}

/* "dir/sub/NAME.pat" -> "NAME", or NULL. */
static char *name_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len <= 4 || strcmp(base + len - 4, ".pat"))
		return NULL;
	return strndup(base, len - 4);
}

static int parse(FILE *f, const char *path, const char *name,
		 struct l7_patdef *def, char *err)
{
	char *line = NULL;
	size_t cap = 0;
	bool have_name = false;
	int ret = -1;

	while (getline(&line, &cap, f) != -1) {
		/* The original worked on C strings: a NUL ends the line. */
		size_t len = strlen(line);

		if (len < 2 || line[0] == '#')
			continue;
		if (line[len - 1] == '\n')
			line[--len] = 0;
		if (!have_name) {
			line[strcspn(line, " \t")] = 0;
			if (strcmp(line, name)) {
				fail(err, "Protocol name (%s) doesn't match "
				     "file name (%s).", line, path);
				goto out;
			}
			have_name = true;
			continue;
		}
		if (len > L7_PAT_REGEX_MAX) {
			fail(err, "Pattern in %s too long!", path);
			goto out;
		}
		memcpy(def->regex, line, len + 1);
		def->regex_len = len;
		ret = 0;
		goto out;
	}
	if (ferror(f))
		fail(err, "Error reading %s: %s.", path, strerror(errno));
	else
		fail(err, "No %s line in %s.", have_name ? "pattern" :
		     "protocol name", path);
out:
	free(line);
	return ret;
}

int l7_patfile_read(const char *path, struct l7_patdef *def, char *err)
{
	char *name = name_from_path(path);
	FILE *f;
	int ret;

	memset(def, 0, sizeof(*def));
	if (!name)
		return fail(err, "%s: a pattern file name ends in .pat.", path);
	if (l7_patname_check(name, err)) {
		free(name);
		return -1;
	}
	f = fopen(path, "r");
	if (!f) {
		fail(err, "Can't open %s: %s.", path, strerror(errno));
		free(name);
		return -1;
	}
	ret = parse(f, path, name, def, err);
	fclose(f);
	if (!ret) {
		strcpy(def->name, name);
		def->path = strdup(path);
		if (!def->path)
			ret = fail(err, "Out of memory.");
	}
	free(name);
	return ret;
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
 * reverse alphabetical.  Returns a NULL-terminated malloc'ed array.
 */
static char **search_path(const char *dir, char *err)
{
	struct dirent **ents;
	char **subs;
	int n, i;

	filter_dir = dir;
	n = scandir(dir, &ents, is_subdir, by_name_reverse);
	if (n < 0) {
		fail(err, "Can't read the pattern directory %s: %s.", dir,
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
		fail(err, "Out of memory.");
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
	int ret = -1;
	size_t i;

	memset(def, 0, sizeof(*def));
	if (l7_patname_check(name, err))
		return -1;
	subs = search_path(dir, err);
	if (!subs)
		return -1;
	if (asprintf(&file, "%s.pat", name) < 0) {
		free_path(subs);
		return fail(err, "Out of memory.");
	}
	fail(err, "Couldn't find a pattern definition file for %s.", name);
	for (i = 0; subs[i]; i++) {
		path = join(dir, subs[i], file);
		if (!path) {
			fail(err, "Out of memory.");
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
	struct dirent **ents;
	char *d = join(dir, sub, "");
	int n, i, ret = 0;

	if (!d)
		return fail(err, "Out of memory.");
	n = scandir(d, &ents, pat_filter, by_name);
	free(d);
	if (n < 0)
		return fail(err, "Can't read %s/%s: %s.", dir, sub,
			    strerror(errno));
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
			ret = fail(err, "Out of memory.");
		else if (l7_patfile_read(path, &grown[*count], err))
			ret = -1;
		else
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
	char **subs = search_path(dir, err);
	size_t i;

	*defs = NULL;
	*count = 0;
	if (!subs)
		return -1;
	for (i = 0; subs[i]; i++) {
		if (list_one(dir, subs[i], defs, count, err)) {
			free_path(subs);
			l7_patfile_list_free(*defs, *count);
			*defs = NULL;
			*count = 0;
			return -1;
		}
	}
	free_path(subs);
	return 0;
}

long l7_patdef_compile(const struct l7_patdef *def, char *re, size_t resize,
		       struct l7re_prog **progp, char *err)
{
	struct l7re_diag diag;
	long len;
	int rc;

	len = l7_prepare_pattern(re, resize, def->regex, def->regex_len);
	if (len < 0)
		return fail(err, "Pattern in %s too long!", def->path);
	rc = l7re_compile(progp, re, len, &diag);
	if (rc)
		return fail(err, "%s: regex error at offset %zu: %s",
			    def->path, diag.offset, l7re_strerror(diag.reason));
	return len;
}
