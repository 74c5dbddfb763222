// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation failures on every compile path: the N-th allocation fails
 * for N = 1, 2, ... until a compile needs no more; each failure must
 * surface as -ENOMEM with nothing leaked (run under valgrind by
 * tests/regexp/run when it is installed).
 */
#include <stdlib.h>
#include <string.h>

#include "regexp/l7re_int.h"
#include "t.h"

static const char *const regexes[] = {
	"abc",
	"^(a|b)*c$",
	"[ab]*a[ab][ab][ab][ab][ab][ab]",	/* DFA of 128+ states */
	"[ab]*a[ab][ab][ab][ab][ab][ab][ab][ab][ab][ab][ab][ab][ab][ab][ab]"
	"[ab][ab]",				/* DFA refused: NFA */
};

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(regexes) / sizeof(regexes[0]); i++) {
		const char *re = regexes[i];
		struct l7re_prog *prog;
		struct l7re_diag diag;
		unsigned long n;
		int e, fails = 0;

		for (n = 1; n < 100000; n++) {
			l7_alloc_fail_at = n;
			e = l7re_compile(&prog, re, strlen(re), &diag);
			if (!e) {
				/* No failure left to inject? Then it never fired. */
				t_ok(l7_alloc_fail_at == n,
				     "/%s/: allocation %lu failed unnoticed",
				     re, n);
				l7re_free(prog);
				break;
			}
			fails++;
			t_ok(e == -ENOMEM && diag.reason == L7RE_REASON_NOMEM &&
			     !prog, "/%s/: allocation %lu failed: got %d, %s",
			     re, n, e, l7re_strerror(diag.reason));
		}
		l7_alloc_fail_at = 0;
		t_ok(fails >= 3, "/%s/: only %d allocations tried", re, fails);
		printf("# /%s/: %d allocation failures survived\n", re, fails);
	}
	return t_done();
}
