// SPDX-License-Identifier: GPL-2.0
/*
 * libpcap reads both formats and checks record headers; we add the
 * file offset to its messages (taken with ftell before each record, as
 * libpcap reads the file sequentially through stdio) and refuse link
 * types the decoder does not know before reading any packet.
 */
#include <stdio.h>
#include <pcap/pcap.h>
#include "lib/l7pcap.h"
#include "lib/l7decode.h"

struct l7_capture {
	pcap_t *pcap;
	FILE *file;
	const char *path;
	int dlt;
};

/* @path opened by libpcap from @f, or by name when @f is NULL. */
static struct l7_capture *open_capture(FILE *f, const char *path,
				       char err[L7_CAPTURE_ERRLEN])
{
	char perr[PCAP_ERRBUF_SIZE] = "";
	struct l7_capture *cap;
	const char *name;

	cap = calloc(1, sizeof(*cap));
	if (!cap) {
		snprintf(err, L7_CAPTURE_ERRLEN, "%s: out of memory", path);
		if (f)
			fclose(f);
		return NULL;
	}
	cap->path = path;
	/* pcap_fopen_offline() closes @f only when it succeeds */
	cap->pcap = f ? pcap_fopen_offline(f, perr) :
			pcap_open_offline(path, perr);
	if (!cap->pcap) {
		snprintf(err, L7_CAPTURE_ERRLEN, "%s: offset 0: %s", path, perr);
		if (f)
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
	return open_capture(NULL, path, err);
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
