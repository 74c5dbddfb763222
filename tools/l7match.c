// SPDX-License-Identifier: GPL-2.0
/*
 * l7match [--raw] (-e REGEX | -p FILE.pat) [FILE]
 *
 * Runs the kernel's regex engine on FILE (or stdin).  Default: the
 * regex is prepared as the iptables extension prepares a pattern line
 * and the data as the kernel prepares one packet's payload with the
 * default maxdatalen (at most 2047 input bytes, NULs dropped,
 * lowercased).  --raw: both used byte for byte.
 * Exit: 0 match, 1 no match, 2 regex rejected or input unreadable.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/l7patfile.h"
#include "regexp/l7prep.h"
#include "regexp/l7re.h"
#include "core/l7conn.h"

static void usage(FILE *f)
{
	fprintf(f,
"Usage: l7match [--raw] (-e REGEX | -p FILE.pat) [FILE]\n"
"Run xt_layer7's regular expression engine on FILE (standard input when\n"
"absent) and print \"match\" or \"no match\".\n"
"  -e REGEX      the expression, as on the second line of a pattern file\n"
"  -p FILE.pat   the expression of a pattern file, read as iptables reads\n"
"                it (comments skipped, the name line checked against the\n"
"                file name)\n"
"  --raw         the expression and all of the data byte for byte (a NUL\n"
"                byte ends the data, as it ended V8's C strings); by\n"
"                default both are prepared as the kernel prepares them:\n"
"                the expression's \\xHH escapes decoded, both lowercased,\n"
"                the data cut to its first %d bytes (one packet at the\n"
"                default maxdatalen) and its NUL bytes dropped\n"
"  -h, --help    this help\n"
"Exit status: 0 match, 1 no match, 2 expression rejected, input unreadable\n"
"or usage error.\n", L7_MAXDATALEN_DEFAULT - 1);
}

static int die(const char *fmt, const char *arg)
{
	fprintf(stderr, "l7match: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 2;
}

/* The whole input; the caller caps what it uses. */
static u8 *read_all(FILE *f, size_t *len)
{
	size_t cap = 4096, n = 0, got;
	u8 *buf = malloc(cap), *grown;

	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			grown = realloc(buf, cap *= 2);
			if (!grown)
				free(buf);
			buf = grown;
		}
	}
	if (!buf || ferror(f)) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "raw", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct l7_patdef def;
	static char prepared[L7RE_MAX_REGEX_LEN + 1];
	const char *regex = NULL, *patfile = NULL, *input = NULL;
	char err[L7_PAT_ERR_MAX];
	struct l7re_diag diag;
	struct l7re_prog *prog;
	bool raw = false, hit;
	size_t relen, len;
	void *stream;
	u8 *data;
	FILE *f;
	int c, rc;

	while ((c = getopt_long(argc, argv, "e:p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			raw = true;
			break;
		case 'e':
			regex = optarg;
			break;
		case 'p':
			patfile = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!regex == !patfile || argc - optind > 1) {
		usage(stderr);
		return 2;
	}
	if (optind < argc)
		input = argv[optind];

	if (patfile) {
		if (l7_patfile_read(patfile, &def, err))
			return die("%s", err);
		if (*def.warning)
			fprintf(stderr, "l7match: warning: %s\n", def.warning);
		regex = def.regex;
	}
	relen = strlen(regex);
	if (!raw) {
		long n = l7_prepare_pattern(prepared, sizeof(prepared), regex,
					    relen);

		if (n < 0)
			return die("regex rejected: %s",
				   l7re_strerror(L7RE_REASON_TOOLONG));
		regex = prepared;
		relen = n;
	}
	rc = l7re_compile(&prog, regex, relen, &diag);
	l7_patdef_release(&def);
	if (rc) {
		fprintf(stderr, "l7match: regex rejected: %s (at offset %zu)\n",
			l7re_strerror(diag.reason), diag.offset);
		return 2;
	}

	f = input ? fopen(input, "rb") : stdin;
	data = f ? read_all(f, &len) : NULL;
	if (!data) {
		l7re_free(prog);
		return die("can't read %s", input ? input : "standard input");
	}
	if (input)
		fclose(f);
	if (!raw) {
		/* One packet: the kernel copies at most maxdatalen - 1 bytes. */
		if (len > L7_MAXDATALEN_DEFAULT - 1)
			len = L7_MAXDATALEN_DEFAULT - 1;
		len = l7_prepare_data(data, data, len);
	}
	stream = malloc(l7re_stream_size(prog));
	if (!stream) {
		free(data);
		l7re_free(prog);
		return die("%s", "out of memory");
	}
	hit = l7re_match(prog, stream, data, len);
	puts(hit ? "match" : "no match");
	free(stream);
	free(data);
	l7re_free(prog);
	return hit ? 0 : 1;
}
