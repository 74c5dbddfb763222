// SPDX-License-Identifier: GPL-2.0
/* The l7-filter preparation of patterns and connection data. */
#include "l7prep.h"

static int hexval(u8 c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static u8 lower(u8 c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/*
 * The extension decoded first and lowercased after, so "\X41" is not
 * decoded but becomes the literal "\x41", and "\\x41" still decodes
 * (the extension knew nothing of escaped backslashes).
 */
long l7_prepare_pattern(char *out, size_t outsize, const char *line,
			size_t len)
{
	const u8 *in = (const u8 *)line;
	size_t i = 0, o = 0;

	if (!outsize)
		return -1;
	while (i < len) {
		u8 c = in[i];
		int hi, lo;

		if (c == '\\' && i + 3 < len && in[i + 1] == 'x' &&
		    (hi = hexval(in[i + 2])) >= 0 &&
		    (lo = hexval(in[i + 3])) >= 0) {
			c = hi << 4 | lo;
			i += 4;
		} else {
			i++;
		}
		/* A decoded NUL ended the C string the kernel received. */
		if (!c)
			break;
		if (o + 1 >= outsize)
			return -1;
		out[o++] = lower(c);
	}
	out[o] = 0;
	return o;
}

size_t l7_prepare_data(u8 *out, const u8 *in, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++)
		if (in[i])
			out[o++] = lower(in[i]);
	return o;
}
