/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading pcap and pcapng captures through libpcap, with errors that
 * name the file and the byte offset where reading stopped.
 */
#ifndef L7PCAP_H
#define L7PCAP_H

#include <stdio.h>
#include "regexp/l7re_env.h"

#define L7_CAPTURE_ERRLEN	512

struct l7_capture;

struct l7_frame {
	const u8 *data;
	unsigned int caplen;	/* bytes captured */
	unsigned int len;	/* bytes on the wire */
	long offset;		/* of the record in the file, -1 if unknown */
	u64 ts_us;		/* capture time, microseconds since 1970 */
};

/*
 * Opens @path.  Returns NULL and fills @err on failure, including an
 * unsupported link type.  The link type is l7_capture_dlt()'s.
 */
struct l7_capture *l7_capture_open(const char *path,
				   char err[L7_CAPTURE_ERRLEN]);
/*
 * The same from @f, open for reading at the capture's first byte (a
 * file, or fmemopen()'s memory), @name for messages.  The capture owns
 * @f from then on, also when the call fails: l7_capture_close() or the
 * failure closes it.
 */
struct l7_capture *l7_capture_fopen(FILE *f, const char *name,
				    char err[L7_CAPTURE_ERRLEN]);
int l7_capture_dlt(const struct l7_capture *cap);
/*
 * Next frame: 1 = @f filled (valid until the next call), 0 = end of
 * the capture, -1 = error (truncated or corrupt file) described in
 * @err with the offset; reading cannot continue after an error.
 */
int l7_capture_next(struct l7_capture *cap, struct l7_frame *f,
		    char err[L7_CAPTURE_ERRLEN]);
void l7_capture_close(struct l7_capture *cap);

#endif /* L7PCAP_H */
