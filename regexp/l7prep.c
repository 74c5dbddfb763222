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

int l7_prepare_escape(const char *line, size_t len, size_t i)
{
	const u8 *in = (const u8 *)line;
	int hi, lo;

	if (i + 3 >= len || in[i] != '\\' || in[i + 1] != 'x')
		return -1;
	hi = hexval(in[i + 2]);
	lo = hexval(in[i + 3]);
	return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
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
		int esc = l7_prepare_escape(line, len, i);
		u8 c = in[i];

		if (esc >= 0) {
			c = esc;
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
