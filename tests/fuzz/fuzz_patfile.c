// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the text of a pattern file, read by lib/l7patfile.c
 * as "fuzz.pat" (l7_patfile_parse(): the rules of l7_patfile_read()
 * without the file itself), then prepared and compiled as iptables
 * does.  Every input must end in a definition or an error with a
 * message, never a crash or a leak; no message or warning may hold a
 * byte a terminal would act on; a definition is one the format allows.
 */
#include <stdbool.h>
#include <stdint.h>

#include "lib/l7patfile.h"
#include "regexp/l7re.h"

#define CHECK(c)	do { if (!(c)) __builtin_trap(); } while (0)

static bool printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < ' ' || (unsigned char)*s >= 0x7f)
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char re[L7RE_MAX_REGEX_LEN + 1];
	char err[L7_PAT_ERR_MAX] = "";
	struct l7re_prog *prog;
	struct l7_patdef def;
	long len;
	int rc;

	rc = l7_patfile_parse("dir/fuzz.pat", (const char *)data, size, &def,
			      err);
	if (rc) {
		CHECK(rc == -EINVAL || rc == -E2BIG);
		CHECK(*err && printable(err) && !def.path);
		return 0;
	}
	CHECK(!strcmp(def.name, "fuzz") && !strcmp(def.path, "dir/fuzz.pat"));
	CHECK(def.regex_len && def.regex_len <= L7_PAT_REGEX_MAX);
	CHECK(strlen(def.regex) == def.regex_len);
	CHECK(def.regex[def.regex_len - 1] != '\r');
	CHECK(printable(def.warning));
	len = l7_patdef_compile(&def, re, sizeof(re), &prog, err);
	if (len < 0)
		CHECK((len == -EINVAL || len == -E2BIG) && !prog &&
		      printable(err));
	else
		CHECK(len > 0 && (size_t)len <= def.regex_len && prog);
	l7re_free(prog);
	l7_patdef_release(&def);
	return 0;
}
