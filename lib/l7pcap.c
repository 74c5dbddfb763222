// SPDX-License-Identifier: GPL-2.0
/*
 * libpcap reads both formats and checks record headers; we add the
 * file offset to its messages (taken with ftell before each record, as
 * libpcap reads the file sequentially through stdio) and refuse link
 * types the decoder does not know before reading any packet.  The file
 * is opened here, not by libpcap, so that a missing file and one that
 * is no capture at all get plain messages.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <pcap/pcap.h>
#include "lib/l7pcap.h"
#include "lib/l7decode.h"

struct l7_capture {
	pcap_t *pcap;
	FILE *file;
	const char *path;
	int dlt;
};

/* The first four bytes of the file formats libpcap reads. */
static bool capture_magic(const unsigned char m[4])
{
	static const u32 magics[] = {
		0xa1b2c3d4,	/* pcap, microseconds */
		0xa1b23c4d,	/* pcap, nanoseconds */
		0xa1b2cd34,	/* pcap with Kuznetzov's longer records */
		0x0a0d0d0a,	/* pcapng section header block */
	};
	u32 be = (u32)m[0] << 24 | m[1] << 16 | m[2] << 8 | m[3];
	u32 le = (u32)m[3] << 24 | m[2] << 16 | m[1] << 8 | m[0];
	size_t i;

	for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++)
		if (be == magics[i] || le == magics[i])
			return true;
	return false;
}

/* Whether @f, the capture @path, starts like one; rewound. */
static bool capture_file_ok(FILE *f, const char *path,
			    char err[L7_CAPTURE_ERRLEN])
{
	unsigned char magic[4];
	size_t n = fread(magic, 1, sizeof(magic), f);

	if (ferror(f))
		snprintf(err, L7_CAPTURE_ERRLEN, "%s: %s", path, strerror(errno));
	else if (n < sizeof(magic) || !capture_magic(magic))
		snprintf(err, L7_CAPTURE_ERRLEN, "%s: not a pcap or pcapng file",
			 path);
	else if (fseek(f, 0, SEEK_SET))
		snprintf(err, L7_CAPTURE_ERRLEN, "%s: %s", path, strerror(errno));
	else
		return true;
	return false;
}

/* @f, the capture @path, read by libpcap; @f is taken over. */
static struct l7_capture *open_capture(FILE *f, const char *path,
				       char err[L7_CAPTURE_ERRLEN])
{
	char perr[PCAP_ERRBUF_SIZE] = "";
	struct l7_capture *cap;
	const char *name;

	if (!capture_file_ok(f, path, err)) {
		fclose(f);
		return NULL;
	}
	cap = calloc(1, sizeof(*cap));
	if (!cap) {
		snprintf(err, L7_CAPTURE_ERRLEN, "%s: out of memory", path);
		fclose(f);
		return NULL;
	}
	cap->path = path;
	/* On failure libpcap leaves the file to us; on success it owns it. */
	cap->pcap = pcap_fopen_offline(f, perr);
	if (!cap->pcap) {
		snprintf(err, L7_CAPTURE_ERRLEN, "%s: %s", path, perr);
		fclose(f);
		free(cap);
		return NULL;
	}
	cap->file = pcap_file(cap->pcap);
	cap->dlt = pcap_datalink(cap->pcap);
	if (!l7_dlt_supported(cap->dlt)) {
		name = pcap_datalink_val_to_name(cap->dlt);
		snprintf(err, L7_CAPTURE_ERRLEN,
			 "%s: offset %ld: unsupported link type %d (%s)", path,
			 cap->file ? ftell(cap->file) : 0L, cap->dlt,
			 name ? name : "unknown to libpcap");
		l7_capture_close(cap);
		return NULL;
	}
	return cap;
}

struct l7_capture *l7_capture_open(const char *path,
				   char err[L7_CAPTURE_ERRLEN])
{
	FILE *f = fopen(path, "rb");

	if (!f) {
		snprintf(err, L7_CAPTURE_ERRLEN, "%s: %s", path, strerror(errno));
		return NULL;
	}
	return open_capture(f, path, err);
}

struct l7_capture *l7_capture_fopen(FILE *f, const char *name,
				    char err[L7_CAPTURE_ERRLEN])
{
	return open_capture(f, name, err);
}

int l7_capture_dlt(const struct l7_capture *cap)
{
	return cap->dlt;
}

int l7_capture_next(struct l7_capture *cap, struct l7_frame *f,
		    char err[L7_CAPTURE_ERRLEN])
{
	struct pcap_pkthdr *h;
	const u_char *data;
	long off = cap->file ? ftell(cap->file) : -1;
	int rc = pcap_next_ex(cap->pcap, &h, &data);

	if (rc == 1) {
		f->data = data;
		f->caplen = h->caplen;
		f->len = h->len;
		f->offset = off;
		f->ts_us = (u64)h->ts.tv_sec * 1000000 + h->ts.tv_usec;
		return 1;
	}
	if (rc == PCAP_ERROR_BREAK)
		return 0;
	snprintf(err, L7_CAPTURE_ERRLEN, "%s: offset %ld: %s", cap->path, off,
		 pcap_geterr(cap->pcap));
	return -1;
}

void l7_capture_close(struct l7_capture *cap)
{
	if (!cap)
		return;
	pcap_close(cap->pcap);
	free(cap);
}
