// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern files: the original extension's reading rules and quirks, the
 * search order, name checks and messages, on files made in a temporary
 * directory; then a few facts of the 2009 package when it is present.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/l7patfile.h"
#include "t.h"

static char root[] = "/tmp/t_patfile.XXXXXX";

static void put(const char *rel, const char *text, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	fwrite(text, 1, len, f);
	fclose(f);
}

#define PUT(rel, lit)	put(rel, lit, sizeof(lit) - 1)

static void subdir(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	mkdir(path, 0700);
}

static void want_regex(const char *name, const char *regex, size_t len,
		       const char *where)
{
	char err[L7_PAT_ERR_MAX] = "";
	struct l7_patdef d;
	int r = l7_patfile_find(root, name, &d, err);

	t_ok(!r && d.regex_len == len && !memcmp(d.regex, regex, len),
	     "%s: %s, got \"%s\"", name, r ? err : "wrong regex",
	     r ? "" : t_show(d.regex, d.regex_len));
	if (!r && where)
		t_ok(strstr(d.path, where) != NULL, "%s read from %s", name,
		     d.path);
	l7_patdef_release(&d);
}

static void want_error(const char *name, const char *msg)
{
	char err[L7_PAT_ERR_MAX] = "";
	struct l7_patdef d;
	int r = l7_patfile_find(root, name, &d, err);

	t_ok(r == -1 && strstr(err, msg), "%s: want error \"%s\", got \"%s\"",
	     name, msg, r ? err : "success");
	l7_patdef_release(&d);
}

static void format(void)
{
	static char big[L7_PAT_REGEX_MAX + 20];
	size_t n;

	PUT("plain.pat", "# comment\n\nplain\n^abc\n");
	want_regex("plain", "^abc", 4, NULL);
	/*
	 * Lines under 2 bytes, newline included, and # lines are skipped:
	 * a lone space is a line, and here the regex.
	 */
	PUT("short.pat", "\n#\nshort\n#not a regex\n\n \nignored\n");
	want_regex("short", " ", 1, NULL);
	PUT("cut.pat", "cut\tdescription here\n^re$\n");
	want_regex("cut", "^re$", 4, NULL);
	PUT("cut2.pat", "cut2 more words\nre\n");
	want_regex("cut2", "re", 2, NULL);
	PUT("cr.pat", "cr\r\n^a\r\n");
	want_error("cr", "Protocol name (cr\r) doesn't match file name");
	PUT("crre.pat", "crre\n^a\r\n");
	want_regex("crre", "^a\r", 3, NULL);
	PUT("space.pat", "space\n^finger $\n");
	want_regex("space", "^finger $", 9, NULL);
	PUT("eof.pat", "eof\nno newline");
	want_regex("eof", "no newline", 10, NULL);
	PUT("eof1.pat", "eof1\nx");
	want_error("eof1", "No pattern line");
	PUT("rest.pat", "rest\nfirst\nuserspace pattern=x\nuserspace flags=y\n");
	want_regex("rest", "first", 5, NULL);
	PUT("other.pat", "notother\nabc\n");
	want_error("other",
		   "Protocol name (notother) doesn't match file name (");
	PUT("empty.pat", "# only comments\n");
	want_error("empty", "No protocol name line");
	PUT("nul.pat", "nul\nab\0cd\n");
	want_regex("nul", "ab", 2, NULL);

	n = snprintf(big, sizeof(big), "big\n");
	memset(big + n, 'a', L7_PAT_REGEX_MAX);
	big[n + L7_PAT_REGEX_MAX] = '\n';
	put("big.pat", big, n + L7_PAT_REGEX_MAX + 1);
	{
		char err[L7_PAT_ERR_MAX];
		struct l7_patdef d;

		t_ok(!l7_patfile_find(root, "big", &d, err) &&
		     d.regex_len == L7_PAT_REGEX_MAX, "8191-byte regex: %s",
		     err);
		l7_patdef_release(&d);
	}
	n = snprintf(big, sizeof(big), "big2\n");
	memset(big + n, 'a', L7_PAT_REGEX_MAX + 1);
	big[n + L7_PAT_REGEX_MAX + 1] = '\n';
	put("big2.pat", big, n + L7_PAT_REGEX_MAX + 2);
	want_error("big2", "Pattern in ");
}

static void search(void)
{
	char err[L7_PAT_ERR_MAX];
	struct l7_patdef *defs;
	size_t n, i;
	const char *order;
	char names[1024] = "";

	subdir("aaa");
	subdir("zzz");
	subdir("mmm");
	subdir(".hidden");
	subdir("mmm/deep");
	PUT("aaa/p1.pat", "p1\naaa\n");
	PUT("zzz/p1.pat", "p1\nzzz\n");
	PUT("mmm/p1.pat", "p1\nmmm\n");
	PUT("aaa/p2.pat", "p2\naaa\n");
	PUT("mmm/p2.pat", "p2\nmmm\n");
	PUT("plain2.pat", "plain2\ntop\n");
	PUT("zzz/plain2.pat", "plain2\nzzz\n");
	PUT(".hidden/p3.pat", "p3\nhidden\n");
	PUT("mmm/deep/p4.pat", "p4\ndeep\n");
	want_regex("p1", "zzz", 3, "/zzz/");	/* reverse alphabetical */
	want_regex("p2", "mmm", 3, "/mmm/");
	want_regex("plain2", "top", 3, NULL);	/* the directory first */
	want_error("p3", "Couldn't find a pattern definition file for p3.");
	want_error("p4", "Couldn't find a pattern definition file for p4.");
	want_error("../t", "Invalid protocol name");
	want_error("a/b", "Invalid protocol name");
	want_error(".plain", "Invalid protocol name");
	want_error("", "Empty protocol name");

	/* The listing must be the whole directory: drop the bad files. */
	for (order = "cr.pat eof1.pat other.pat empty.pat big2.pat"; *order;) {
		char path[512], f[32];
		int len;

		sscanf(order, "%31s%n", f, &len);
		order += len;
		while (*order == ' ')
			order++;
		snprintf(path, sizeof(path), "%s/%s", root, f);
		unlink(path);
	}
	t_ok(!l7_patfile_list(root, &defs, &n, err), "list: %s", err);
	for (i = 0; i < n; i++) {
		strcat(names, defs[i].name);
		strcat(names, i + 1 < n ? "," : "");
	}
	t_ok(!strcmp(names, "big,crre,cut,cut2,eof,nul,plain,plain2,rest,"
		     "short,space,p1,p2"), "list order: %s", names);
	for (i = 0; i < n; i++)
		if (!strcmp(defs[i].name, "p1"))
			t_ok(!strcmp(defs[i].regex, "zzz"), "list: p1 is %s",
			     defs[i].regex);
	l7_patfile_list_free(defs, n);
}

static void package(void)
{
	const char *shared = getenv("L7_SHARED");
	char dir[4096], err[L7_PAT_ERR_MAX];
	struct l7_patdef d;

	snprintf(dir, sizeof(dir), "%s/l7-protocols-2009-05-28",
		 shared ? shared : "../shared");
	if (access(dir, R_OK)) {
		printf("SKIP: the 2009 pattern set is not available (%s)\n",
		       dir);
		t_skip++;
		return;
	}
	t_ok(!l7_patfile_find(dir, "finger", &d, err) &&
	     d.regex[d.regex_len - 1] == ' ', "finger: trailing space lost");
	l7_patdef_release(&d);
	t_ok(!l7_patfile_find(dir, "skypeout", &d, err) &&
	     d.regex_len == 6321, "skypeout: %zu bytes", d.regex_len);
	l7_patdef_release(&d);
	t_ok(!l7_patfile_find(dir, "ogg", &d, err) &&
	     strstr(d.path, "/file_types/"), "ogg: %s", err);
	l7_patdef_release(&d);
	t_ok(!l7_patfile_find(dir, "unknown", &d, err) &&
	     !strcmp(d.regex, "."), "unknown: regex \"%s\"", d.regex);
	l7_patdef_release(&d);
	t_ok(!l7_patfile_find(dir, "dazhihui", &d, err), "dazhihui: %s", err);
	l7_patdef_release(&d);
	t_ok(!l7_patfile_find(dir, "rtp", &d, err), "rtp: %s", err);
	l7_patdef_release(&d);
}

int main(void)
{
	if (!mkdtemp(root)) {
		printf("FAIL: mkdtemp\n");
		return 1;
	}
	format();
	search();
	package();
	{
		char cmd[600];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
		if (system(cmd))
			printf("# could not remove %s\n", root);
	}
	return t_done();
}
