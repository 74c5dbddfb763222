// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern files: the original extension's reading rules and quirks, the
 * search order, name checks, error codes and messages, and the checks
 * the original lacked (special files, size, binary and CRLF files,
 * empty regexes, warnings), on files made in temporary directories;
 * then a few facts of the 2009 package when it is present.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/l7patfile.h"
#include "t.h"

static char tree[] = "/tmp/t_patfile.XXXXXX";
static char flat[] = "/tmp/t_patfile.XXXXXX";
static const char *root = tree;		/* where put() and the finds work */

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

static void want_error(const char *name, int code, const char *msg)
{
	char err[L7_PAT_ERR_MAX] = "";
	struct l7_patdef d;
	int r = l7_patfile_find(root, name, &d, err);

	t_ok(r == code && strstr(err, msg),
	     "%s: want error %d \"%s\", got %d \"%s\"", name, code, msg, r,
	     r ? t_show(err, strlen(err)) : "success");
	l7_patdef_release(&d);
}

/* Read fine, and warned about with a message holding @msg. */
static void want_warning(const char *name, const char *msg)
{
	char err[L7_PAT_ERR_MAX] = "";
	struct l7_patdef d;
	int r = l7_patfile_find(root, name, &d, err);

	t_ok(!r && strstr(d.warning, msg), "%s: want warning \"%s\", got "
	     "\"%s\"", name, msg, r ? err : t_show(d.warning,
						    strlen(d.warning)));
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
	/* CRLF: the original kept the CR, we refuse it (l7patfile.h) */
	PUT("cr.pat", "cr\r\n^a\r\n");
	want_error("cr", -EINVAL, "cr.pat line 1 ends in a carriage return");
	PUT("crre.pat", "crre\n^a\r\n");
	want_error("crre", -EINVAL, "crre.pat line 2 ends in a carriage return");
	PUT("crname.pat", "crname\tCRLF file\r\n^a\r\n");
	want_error("crname", -EINVAL, "line 1 ends in a carriage return");
	PUT("crmid.pat", "crmid\n^a\rb\n");
	want_warning("crmid", "a raw control byte \\x0d at column 3");
	PUT("space.pat", "space\n^finger $\n");
	want_regex("space", "^finger $", 9, NULL);
	PUT("eof.pat", "eof\nno newline");
	want_regex("eof", "no newline", 10, NULL);
	PUT("eof1.pat", "eof1\nx");
	want_error("eof1", -EINVAL, "No pattern line");
	PUT("rest.pat", "rest\nfirst\nuserspace pattern=x\nuserspace flags=y\n");
	want_regex("rest", "first", 5, NULL);
	PUT("other.pat", "notother\nabc\n");
	want_error("other", -EINVAL,
		   "Protocol name (notother) doesn't match file name (");
	PUT("empty.pat", "# only comments\n");
	want_error("empty", -EINVAL, "No protocol name line");
	/* The original cut the line at a NUL; a text file has none. */
	PUT("nul.pat", "nul\nab\0cd\n");
	want_error("nul", -EINVAL, "nul.pat line 2: a NUL byte at column 3");
	PUT("nulcomment.pat", "# a\0b\nnulcomment\nx\n");
	want_error("nulcomment", -EINVAL, "line 1: a NUL byte at column 4");

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
	want_error("big2", -E2BIG, "Pattern in ");
}

static void search(void)
{
	static char big[L7_PAT_NAME_MAX + 2];
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
	want_error("p3", -ENOENT,
		   "Couldn't find a pattern definition file for p3.");
	want_error("p4", -ENOENT,
		   "Couldn't find a pattern definition file for p4.");
	want_error("../t", -EINVAL, "Invalid protocol name");
	want_error("a/b", -EINVAL, "Invalid protocol name");
	want_error(".plain", -EINVAL, "Invalid protocol name");
	want_error("", -EINVAL, "Empty protocol name");
	want_error("a\x1b[2J", -EINVAL, "name \"a\\x1b[2J\"");
	want_error("caf\xc3\xa9", -EINVAL, "name \"caf\\xc3\\xa9\"");
	memset(big, 'n', L7_PAT_NAME_MAX + 1);
	big[L7_PAT_NAME_MAX + 1] = 0;
	want_error(big, -ENAMETOOLONG, "Protocol name too long");

	/* The listing must be the whole directory: drop the bad files. */
	for (order = "cr.pat crre.pat crname.pat nul.pat nulcomment.pat "
		     "eof1.pat other.pat empty.pat big2.pat"; *order;) {
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
	t_ok(!strcmp(names, "big,crmid,cut,cut2,eof,plain,plain2,rest,"
		     "short,space,p1,p2"), "list order: %s", names);
	for (i = 0; i < n; i++)
		if (!strcmp(defs[i].name, "p1"))
			t_ok(!strcmp(defs[i].regex, "zzz"), "list: p1 is %s",
			     defs[i].regex);
	l7_patfile_list_free(defs, n);
}

/* Bytes a terminal would act on: a message must show them escaped. */
static bool raw_bytes(const char *msg)
{
	for (; *msg; msg++)
		if ((unsigned char)*msg < ' ' || (unsigned char)*msg >= 0x7f)
			return true;
	return false;
}

static void on_alarm(int sig)
{
	(void)sig;
	printf("FAIL: reading a special file hung\n");
	exit(1);
}

/* What the original read blindly: none of it may be read at all. */
static void special_files(void)
{
	char path[512];

	signal(SIGALRM, on_alarm);
	alarm(10);
	snprintf(path, sizeof(path), "%s/fifo.pat", root);
	t_ok(!mkfifo(path, 0600), "mkfifo %s", path);
	want_error("fifo", -EINVAL, "fifo.pat is a FIFO, not a pattern file");
	snprintf(path, sizeof(path), "%s/zero.pat", root);
	t_ok(!symlink("/dev/zero", path), "symlink %s", path);
	want_error("zero", -EINVAL,
		   "zero.pat is a character device, not a pattern file");
	subdir("dir.pat");
	want_error("dir", -EINVAL, "dir.pat is a directory, not a pattern file");
	snprintf(path, sizeof(path), "%s/dangling.pat", root);
	t_ok(!symlink("/nonexistent/x", path), "symlink %s", path);
	want_error("dangling", -ENOENT, "Couldn't find");
	alarm(0);
}

/* The name and regex lines must lie in the first L7_PAT_FILE_MAX bytes. */
static void size_cap(void)
{
	static char text[L7_PAT_FILE_MAX + 64];
	size_t n;

	/* Comments up to the cap, then the lines: too far. */
	memset(text, '#', sizeof(text));
	for (n = 100; n < sizeof(text); n += 100)
		text[n] = '\n';
	n = L7_PAT_FILE_MAX - 8;
	text[n - 1] = '\n';
	memcpy(text + n, "far\nabcdefgh\n", 14);
	put("far.pat", text, n + 14);
	want_error("far", -EFBIG, "no pattern line in its first 64 KiB");
	/* Within the cap, whatever follows: read as the original did. */
	memcpy(text, "near\n^near\n#", 13);
	put("near.pat", text, sizeof(text));
	want_regex("near", "^near", 5, NULL);
	/* One long line without a newline: 1 MiB, only the cap is read. */
	{
		char *huge = malloc(1 << 20);

		memset(huge, 'h', 1 << 20);
		put("huge.pat", huge, 1 << 20);
		free(huge);
		want_error("huge", -EFBIG, "huge.pat: no protocol name line");
	}
}

/* What the original used silently: errors and warnings. */
static void lint(void)
{
	char err[L7_PAT_ERR_MAX] = "";
	struct l7_patdef d;
	int r;

	PUT("x00.pat", "x00\n\\x00abc\n");
	want_error("x00", -EINVAL, "x00.pat line 2: the regex is empty once "
		   "\\x00 is decoded");
	PUT("x00mid.pat", "x00mid\n^ab\\x00cd\n");
	want_warning("x00mid", "x00mid.pat line 2: \\x00 at column 4 ends "
		     "the regex");
	PUT("onedigit.pat", "onedigit\n^a\\x4g\n");
	want_warning("onedigit", "\"\\x4g\" at column 3 is no \\xHH escape");
	PUT("nodigit.pat", "nodigit\n^a\\x\n");
	want_warning("nodigit", "\"\\x\" at column 3 is no \\xHH escape");
	PUT("control.pat", "control\n^a\001b\tc\n");
	want_warning("control", "a raw control byte \\x01 at column 3: "
		     "write it as \\x01.");
	PUT("several.pat", "several\n\001\\x4g\002\n");
	want_warning("several", "at column 1: write it as \\x01. (and 2 more)");
	/* Regular text: no warning at all. */
	PUT("quiet.pat", "quiet\n^a\\\\xg\\x41[\\x01-\\x7f]\t \xc3\xa9\n");
	r = l7_patfile_find(root, "quiet", &d, err);
	t_ok(!r && !*d.warning, "quiet: %s",
	     r ? err : t_show(d.warning, strlen(d.warning)));
	l7_patdef_release(&d);
	/* A binary file: the message shows its bytes escaped. */
	PUT("elf.pat", "\x7f" "ELF\x02\x01\x01\x1b[2J\n");
	want_error("elf", -EINVAL, "Protocol name (\\x7fELF\\x02\\x01\\x01"
		   "\\x1b[2J) doesn't match");
	r = l7_patfile_find(root, "elf", &d, err);
	t_ok(r && !raw_bytes(err), "elf: raw bytes in \"%s\"",
	     t_show(err, strlen(err)));
	l7_patdef_release(&d);
}

/* The same rules on text in memory (the fuzzer's entry). */
static void from_memory(void)
{
	static const char text[] = "# c\nmem desc\n^M\\x45m\n";
	char err[L7_PAT_ERR_MAX];
	struct l7_patdef d;

	int r;

	r = l7_patfile_parse("any/dir/mem.pat", text, sizeof(text) - 1, &d,
			     err);
	t_ok(!r && !strcmp(d.regex, "^M\\x45m") && d.regex_line == 3 &&
	     !strcmp(d.path, "any/dir/mem.pat"), "parse from memory: %s",
	     r ? err : "wrong definition");
	l7_patdef_release(&d);
	r = l7_patfile_parse("mem.txt", text, sizeof(text) - 1, &d, err);
	t_ok(r == -EINVAL && strstr(err, "ends in .pat"), "mem.txt: %s", err);
	r = l7_patfile_parse("mem.pat", text, 10, &d, err);
	t_ok(r == -EINVAL && strstr(err, "No pattern line"), "cut text: %s",
	     err);
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

static void cleanup(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		printf("# could not remove %s\n", dir);
}

int main(void)
{
	if (!mkdtemp(tree) || !mkdtemp(flat)) {
		printf("FAIL: mkdtemp\n");
		return 1;
	}
	format();
	search();
	package();
	root = flat;
	special_files();
	size_cap();
	lint();
	from_memory();
	cleanup(tree);
	cleanup(flat);
	return t_done();
}
