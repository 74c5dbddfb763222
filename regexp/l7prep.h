/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The l7-filter preparation steps, kept in one place for the kernel,
 * the iptables extension and the tools.
 */
#ifndef L7PREP_H
#define L7PREP_H

#include "l7re_env.h"

/**
 * l7_prepare_escape() - the byte a "\xHH" escape at an offset stands for
 * @line: a pattern line
 * @len: bytes at @line
 * @i: offset in @line
 *
 * The original extension's decoding rule, which l7_prepare_pattern()
 * applies left to right: a backslash, a lowercase x and exactly two hex
 * digits of either case.  Nothing else is an escape.
 *
 * Return: the byte (0..255), or -1 when no escape starts at @i.
 */
int l7_prepare_escape(const char *line, size_t len, size_t i);

/**
 * l7_prepare_pattern() - a pattern line into the regex the kernel gets
 * @out: receives the regex and a NUL
 * @outsize: bytes at @out
 * @line: the pattern line (the regex line of a NAME.pat file)
 * @len: bytes at @line
 *
 * As the original iptables extension did: every "\xHH" (see
 * l7_prepare_escape()) becomes that byte, then every byte (decoded ones
 * too) is ASCII-lowercased.  A decoded \x00 ends the regex.
 *
 * Return: the regex length, or -1 if it does not fit in @outsize - 1.
 */
long l7_prepare_pattern(char *out, size_t outsize, const char *line,
			size_t len);

/**
 * l7_prepare_data() - connection data into the subject the regex sees
 * @out: receives the subject; may equal @in
 * @in: the data
 * @len: bytes to read at @in; the caller caps it to the room left,
 *	NULs included, as the original did
 *
 * As the original kernel did: NUL bytes are dropped, ASCII A-Z
 * lowercased, everything else kept.
 *
 * Return: the number of bytes written to @out (at most @len).
 */
size_t l7_prepare_data(u8 *out, const u8 *in, size_t len);

#endif /* L7PREP_H */
