// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's text parsers the helpers use (lib/vsprintf.c's
 * simple_strtoul(), net/core/utils.c's in4_pton() and in6_pton()),
 * with the same answers on a payload but never reading past its end.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include "lib/l7help_int.h"

u64 l7h_strtoul(const u8 *s, const u8 *lim, const u8 **end)
{
	u64 v = 0;

	for (; s < lim && *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (*s - '0');
	if (end)
		*end = s;
	return v;
}

/* What xdigit2bin() calls a delimiter: @delim, NUL, the end; with -1 also
 * any byte that is not a hex digit, '.' or ':'. */
static bool is_delim(const u8 *s, const u8 *lim, int delim)
{
	if (s >= lim || *s == '\0' || *s == delim)
		return true;
	return delim == -1 && !isxdigit(*s) && *s != '.' && *s != ':';
}

/*
 * Four decimal numbers up to 255, separated by '.', each at least one
 * digit (leading zeros allowed), ended by a delimiter or ':'.
 */
int l7h_in4_pton(const u8 *s, const u8 *lim, int delim, u8 *out,
		 const u8 **end)
{
	unsigned int w = 0, i = 0, digits = 0;
	u8 buf[4];
	int ok = 0;

	for (;; s++) {
		bool stop = is_delim(s, lim, delim) || *s == ':';

		if (stop || *s == '.') {
			if (!digits)
				break;
			buf[i++] = w;
			w = digits = 0;
			if (stop) {
				ok = i == 4;
				break;
			}
			if (i >= 4)
				break;
			continue;
		}
		if (*s < '0' || *s > '9')
			break;
		w = w * 10 + (*s - '0');
		digits++;
		if (w > 255)
			break;
	}
	if (ok)
		memcpy(out, buf, 4);
	if (end)
		*end = s;
	return ok;
}

/*
 * The address runs while bytes can continue it and must end at a
 * delimiter; inet_pton() then reads it.  in6_pton() also takes a group
 * of more than four hex digits whose extra leading ones are zeros,
 * which inet_pton() refuses: no helper here is told such an address by
 * a real peer.
 */
int l7h_in6_pton(const u8 *s, const u8 *lim, int delim, u8 *out,
		 const u8 **end)
{
	char tok[INET6_ADDRSTRLEN + 1];
	const u8 *p = s;
	size_t n;

	while (p < lim && (isxdigit(*p) || *p == ':' || *p == '.') &&
	       *p != delim)
		p++;
	n = p - s;
	if (end)
		*end = p;
	if (!is_delim(p, lim, delim) || !n || n >= sizeof(tok))
		return 0;
	memcpy(tok, s, n);
	tok[n] = '\0';
	return inet_pton(AF_INET6, tok, out) == 1;
}
