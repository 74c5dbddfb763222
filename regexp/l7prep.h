/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The l7-filter preparation steps, kept in one place for the kernel,
 * the iptables extension and the tools.
 */
#ifndef L7PREP_H
#define L7PREP_H

#include "l7re_env.h"

/*
 * Pattern line -> regex, as the original iptables extension did:
 * every "\xHH" (exactly two hex digits) becomes that byte, then every
 * byte (decoded ones too) is ASCII-lowercased.  A decoded \x00 ends the
 * regex.  Writes at most @outsize - 1 bytes and a NUL to @out.
 * Returns the regex length, or -1 if it does not fit in @outsize - 1.
 */
long l7_prepare_pattern(char *out, size_t outsize, const char *line,
			size_t len);

/*
 * Connection data -> subject, as the original kernel did: NUL bytes are
 * dropped, ASCII A-Z lowercased, everything else kept.  Reads exactly
 * @len input bytes (the caller caps @len to the room left, NULs included,
 * as the original did) and returns the number of bytes written to @out
 * (<= @len).  @out may equal @in.
 */
size_t l7_prepare_data(u8 *out, const u8 *in, size_t len);

#endif /* L7PREP_H */
