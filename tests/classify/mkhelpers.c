// SPDX-License-Identifier: GPL-2.0
/*
 * Captures of the conntrack helpers l7classify models, written byte by
 * byte as the protocols' messages go, for the pattern files of run.sh's
 * hpats directory:
 *   ftp ^220     tftp ^[\x01\x02][ -~]+(octet|netascii)    irc ^nick
 *   sip ^invite sip:    amanda ^amanda [0-9]    scan image-data
 * Each flow declares its verdict with the helpers of NAME.args assigned
 * (a child: its root master's, and which master that is) and, when it
 * differs, without them (NAME.alone: every flow on its own, the helpers'
 * timeouts not applied).  Records are one second apart unless a gap is
 * added; the expectation timeouts and packet counts in the comments
 * follow from that.
 */
#include <stdlib.h>
#include <string.h>
#include "mkcaps.h"

static struct conv hconv(int fam, u8 l4, const char *a, u16 pa,
			 const char *b, u16 pb, const char *verdict)
{
	return (struct conv){ .fam = fam, .l4 = l4, .a = a, .pa = pa,
			      .b = b, .pb = pb, .verdict = verdict,
			      .row = -1, .arow = -1 };
}

/* Expected by @m's helper: @m's verdict, and @alone without helpers. */
static struct conv hchild(int fam, u8 l4, const char *a, u16 pa,
			  const char *b, u16 pb, const struct conv *m,
			  const char *alone)
{
	struct conv c = hconv(fam, l4, a, pa, b, pb, m->verdict);

	c.master = m;
	c.alone = alone;
	return c;
}

static void hcap_open(const char *name, const char *args, const char *opts)
{
	char path[80];
	FILE *f;

	cap_open(name, 1, 0);
	helped = true;
	snprintf(path, sizeof(path), "%s.args", name);
	f = fopen(path, "w");
	if (!f || fprintf(f, "%s\n", args) < 0 || fclose(f)) {
		perror(path);
		exit(1);
	}
	snprintf(path, sizeof(path), "%s.opts", name);
	f = fopen(path, "w");
	if (!f || fprintf(f, "%s\n", opts) < 0 || fclose(f)) {
		perror(path);
		exit(1);
	}
}

/* A TCP connection that keeps its sequence numbers. */
struct tcps {
	struct conv *c;
	u32 seq[2];
};

static void t_open(struct tcps *s, struct conv *c, u32 ci, u32 si)
{
	s->c = c;
	handshake(c, ci, si);
	s->seq[0] = ci + 1;
	s->seq[1] = si + 1;
}

static void t_sayn(struct tcps *s, int dir, const char *d, u32 n)
{
	send_pkt(s->c, dir, PSH | ACK, s->seq[dir], d, n);
	s->seq[dir] += n;
}

static void t_say(struct tcps *s, int dir, const char *text)
{
	t_sayn(s, dir, text, strlen(text));
}

/* FIN from the client, FIN back, the client's last ACK: TIME_WAIT. */
static void t_fin(struct tcps *s)
{
	send_pkt(s->c, 0, FIN | ACK, s->seq[0]++, "", 0);
	send_pkt(s->c, 1, FIN | ACK, s->seq[1]++, "", 0);
	send_pkt(s->c, 0, ACK, s->seq[0], "", 0);
}

/* A data connection: handshake and one segment from its server side. */
static void t_data(struct conv *c, u32 isn, const char *text)
{
	struct tcps s;

	t_open(&s, c, isn, isn + 500);
	t_say(&s, 1, text);
}

/* An FTP control connection up to the password prompt. */
static void ftp_login(struct tcps *s, struct conv *ctl)
{
	t_open(s, ctl, 1000, 5000);
	t_say(s, 1, "220 FTP ready\r\n");
	t_say(s, 0, "USER anonymous\r\n");
	t_say(s, 1, "331 Password required\r\n");
}

/*
 * One exchange on an FTP control connection: a client's line, the
 * server's answer, then, @gap seconds later, the data connection @data
 * (if any) with @text from its server side.
 */
struct ftp_step {
	const char *cmd, *reply;
	struct conv *data;
	const char *text;
	unsigned int gap;
};

static void ftp_steps(struct tcps *s, const struct ftp_step *st, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++, st++) {
		t_say(s, 0, st->cmd);
		t_say(s, 1, st->reply);
		cap.ts += st->gap;
		if (st->data)
			t_data(st->data, 100 * (i + 1), st->text);
	}
}

/*
 * FTP over IPv4: PASV, PORT, EPSV and EPRT each make the next data
 * connection a child.  Not: a PASV's port after the next PASV replaced
 * it (one expectation per master), a PORT naming another address, a
 * connection 300 s after the reply (299 s still is), and a PORT on the
 * client's first line, which the helper never parses.
 */
static void ftp4(void)
{
	const char *C = "10.20.0.1", *S = "10.20.0.2";
	struct conv ctl = hconv(4, 6, C, 40000, S, 21, "ftp");
	struct conv pasv = hchild(4, 6, C, 40001, S, 50000, &ctl, "unset");
	struct conv port = hchild(4, 6, S, 20, C, 40002, &ctl, "unset");
	struct conv epsv = hchild(4, 6, C, 40003, S, 50001, &ctl, "unset");
	struct conv eprt = hchild(4, 6, S, 20, C, 40004, &ctl, "unset");
	struct conv evicted = hconv(4, 6, C, 40005, S, 50010, "unset");
	struct conv second = hchild(4, 6, C, 40006, S, 50011, &ctl, "unset");
	struct conv forged = hconv(4, 6, S, 20, C, 40007, "unset");
	struct conv in_time = hchild(4, 6, C, 40008, S, 50020, &ctl, "unset");
	struct conv late = hconv(4, 6, C, 40009, S, 50021, "unset");
	struct conv ctl2 = hconv(4, 6, C, 40010, S, 21, "ftp");
	struct conv first = hconv(4, 6, S, 20, C, 40016, "unset");
	const struct ftp_step steps[] = {
		{ "PASS guest\r\n", "230 Logged in\r\n" },
		{ "PASV\r\n", "227 Entering Passive Mode (10,20,0,2,195,80).\r\n",
		  &pasv, "listing" },
		{ "PORT 10,20,0,1,156,66\r\n", "200 PORT command successful\r\n",
		  &port, "file one" },
		{ "EPSV\r\n", "229 Entering Extended Passive Mode (|||50001|)\r\n",
		  &epsv, "file two" },
		{ "EPRT |1|10.20.0.1|40004|\r\n", "200 EPRT command successful\r\n",
		  &eprt, "file three" },
		{ "PASV\r\n", "227 Entering Passive Mode (10,20,0,2,195,90)\r\n" },
		{ "PASV\r\n", "227 Entering Passive Mode (10,20,0,2,195,91)\r\n",
		  &evicted, "evicted" },
		{ "NOOP\r\n", "200 NOOP ok\r\n", &second, "second" },
		{ "PORT 10,20,0,99,156,71\r\n", "200 PORT command successful\r\n",
		  &forged, "forged" },
		/* the SYN 299 s, then 300 s after the reply */
		{ "PASV\r\n", "227 Entering Passive Mode (10,20,0,2,195,100)\r\n",
		  &in_time, "in time", 298 },
		{ "PASV\r\n", "227 Entering Passive Mode (10,20,0,2,195,101)\r\n",
		  &late, "late", 299 },
	};
	struct tcps s;

	hcap_open("ftp4.pcap", "--helper ftp", "");
	ftp_login(&s, &ctl);
	ftp_steps(&s, steps, sizeof(steps) / sizeof(steps[0]));
	t_open(&s, &ctl2, 2000, 6000);
	t_say(&s, 1, "220 FTP ready\r\n");
	t_say(&s, 0, "PORT 10,20,0,1,156,80\r\n");
	t_say(&s, 1, "200 PORT command successful\r\n");
	t_data(&first, 1000, "first line");
	cap_close();
}

/*
 * FTP over IPv6: EPSV and EPRT |2|; EPRT naming another address is
 * refused; a 227 reply carries four address bytes, which the kernel
 * compares with the first four of the server's address (2001:db8::
 * starts 32,1,13,184), then expects the server's whole address.
 */
static void ftp6(void)
{
	const char *C = "2001:db8::1", *S = "2001:db8::2";
	struct conv ctl = hconv(6, 6, C, 40000, S, 21, "ftp");
	struct conv epsv = hchild(6, 6, C, 40001, S, 50000, &ctl, "unset");
	struct conv eprt = hchild(6, 6, S, 20, C, 40002, &ctl, "unset");
	struct conv other = hconv(6, 6, S, 20, C, 40003, "unset");
	struct conv pasv = hchild(6, 6, C, 40004, S, 50010, &ctl, "unset");
	const struct ftp_step steps[] = {
		{ "EPSV\r\n", "229 Entering Extended Passive Mode (|||50000|)\r\n",
		  &epsv, "listing" },
		{ "EPRT |2|2001:db8::1|40002|\r\n",
		  "200 EPRT command successful\r\n", &eprt, "file" },
		{ "EPRT |2|2001:db8::99|40003|\r\n",
		  "200 EPRT command successful\r\n", &other, "other" },
		{ "PASV\r\n", "227 Entering Passive Mode (32,1,13,184,195,90)\r\n",
		  &pasv, "pasv" },
	};
	struct tcps s;

	hcap_open("ftp6.pcap", "--helper ftp", "");
	ftp_login(&s, &ctl);
	ftp_steps(&s, steps, sizeof(steps) / sizeof(steps[0]));
	cap_close();
}

/*
 * TFTP: a read request (IPv4) and a write request (IPv6) make the
 * server's answer from a new port a child.  Not: an answer 31 s after
 * an unanswered request (conntrack dropped the master after 30 s, and
 * its expectation with it), a request to a port without the helper.
 */
static void tftp(void)
{
	const char *C = "10.30.0.1", *S = "10.30.0.2";
	struct conv rrq = hconv(4, 17, C, 1069, S, 69, "tftp");
	struct conv data = hchild(4, 17, S, 3000, C, 1069, &rrq, "unset");
	struct conv wrq = hconv(6, 17, "2001:db8::10", 2000, "2001:db8::20",
				69, "tftp");
	struct conv ack = hchild(6, 17, "2001:db8::20", 4000, "2001:db8::10",
				 2000, &wrq, "unset");
	struct conv rrq2 = hconv(4, 17, C, 1070, S, 69, "tftp");
	struct conv data2 = hconv(4, 17, S, 3001, C, 1070, "unset");
	struct conv rrq3 = hconv(4, 17, C, 1071, S, 1069, "tftp");
	struct conv data3 = hconv(4, 17, S, 3002, C, 1071, "unset");
	static const char rq[] = "\0\1boot.img\0octet";
	static const char wq[] = "\0\2up.txt\0netascii";
	static const char blk[] = "\0\3\0\1some file data";
	static const char ok[] = "\0\4\0\1";

	hcap_open("tftp.pcap", "--helper tftp", "");
	send_pkt(&rrq, 0, 0, 0, rq, sizeof(rq));
	send_pkt(&data, 0, 0, 0, blk, sizeof(blk) - 1);
	send_pkt(&data, 1, 0, 0, ok, sizeof(ok) - 1);
	send_pkt(&wrq, 0, 0, 0, wq, sizeof(wq));
	send_pkt(&ack, 0, 0, 0, "\0\4\0\0", 4);
	send_pkt(&ack, 1, 0, 0, blk, sizeof(blk) - 1);
	send_pkt(&rrq2, 0, 0, 0, rq, sizeof(rq));
	cap.ts += 30;
	send_pkt(&data2, 0, 0, 0, blk, sizeof(blk) - 1);
	send_pkt(&rrq3, 0, 0, 0, rq, sizeof(rq));
	send_pkt(&data3, 0, 0, 0, blk, sizeof(blk) - 1);
	cap_close();
}

/*
 * IRC: DCC SEND and DCC CHAT offers make whoever connects to the
 * client's address and port a child; an offer naming another address
 * is refused ("Forged DCC command").
 */
static void irc(void)
{
	const char *C = "10.40.0.1", *S = "10.40.0.2", *P = "10.40.0.9";
	struct conv ctl = hconv(4, 6, C, 40000, S, 6667, "irc");
	struct conv send = hchild(4, 6, P, 41000, C, 5000, &ctl, "unset");
	struct conv chat = hchild(4, 6, P, 41001, C, 5001, &ctl, "unset");
	struct conv forged = hconv(4, 6, P, 41002, C, 5002, "unset");
	struct tcps s;

	hcap_open("irc.pcap", "--helper irc", "");
	t_open(&s, &ctl, 1000, 5000);
	t_say(&s, 0, "NICK alice\r\nUSER alice 0 * :Alice\r\n");
	t_say(&s, 1, ":irc.example 001 alice :Welcome\r\n");
	/* 10.40.0.1 is 170393601 */
	t_say(&s, 0, "PRIVMSG bob :\001DCC SEND file.txt 170393601 5000 1024\001\r\n");
	t_data(&send, 100, "file bytes");
	t_say(&s, 0, "PRIVMSG bob :\001DCC CHAT chat 170393601 5001\001\r\n");
	t_data(&chat, 200, "hi bob");
	t_say(&s, 0, "PRIVMSG bob :\001DCC SEND f.txt 170393602 5002 10\001\r\n");
	t_data(&forged, 300, "forged");
	cap_close();
}

/* A SIP message with an SDP body (@sdp NULL: none). */
static void sip_msg(char *out, size_t size, const char *first,
		    const char *cseq, const char *sdp)
{
	snprintf(out, size,
		 "%s\r\nVia: SIP/2.0/UDP 10.50.0.1:5060\r\n"
		 "From: <sip:alice@example.org>;tag=1\r\n"
		 "To: <sip:bob@example.org>\r\nCall-ID: c1@example.org\r\n"
		 "CSeq: %s\r\n%sContent-Length: %zu\r\n\r\n%s",
		 first, cseq, sdp ? "Content-Type: application/sdp\r\n" : "",
		 sdp ? strlen(sdp) : 0, sdp ? sdp : "");
}

static void sdp(char *out, size_t size, int fam, const char *addr,
		const char *media)
{
	snprintf(out, size,
		 "v=0\r\no=x 1 1 IN IP%d %s\r\ns=-\r\nc=IN IP%d %s\r\nt=0 0\r\n"
		 "%s\r\n", fam, addr, fam, addr, media);
}

static void sip_send(struct conv *c, int dir, const char *first,
		     const char *cseq, const char *sdp)
{
	char m[1400];

	sip_msg(m, sizeof(m), first, cseq, sdp);
	send_pkt(c, dir, 0, 0, m, strlen(m));
}

/*
 * SIP: an INVITE's SDP and its 200's make the RTP and RTCP flows
 * between the two ends children (UDP, IPv4 and IPv6); over TCP, the
 * second message of a segment (an UPDATE with video) counts too.  Not:
 * media at an address other than the sender's (sip_direct_media), media
 * after a BYE, or after a 486 answering the INVITE.
 */
static void sip(void)
{
	const char *A = "10.50.0.1", *B = "10.50.0.2";
	struct conv call = hconv(4, 17, A, 5060, B, 5060, "sip");
	struct conv rtp = hchild(4, 17, B, 30000, A, 20000, &call, "unset");
	struct conv rtcp = hchild(4, 17, A, 20001, B, 30001, &call, "unset");
	struct conv relay = hconv(4, 17, A, 5062, "10.50.0.3", 5060, "sip");
	struct conv relayed = hconv(4, 17, "10.50.0.3", 32000, "10.50.0.77",
				    22000, "unset");
	struct conv bye = hconv(4, 17, A, 5064, B, 5060, "sip");
	struct conv after_bye = hconv(4, 17, B, 34000, A, 24000, "unset");
	struct conv busy = hconv(4, 17, A, 5066, B, 5060, "sip");
	struct conv after_busy = hconv(4, 17, B, 36000, A, 26000, "unset");
	struct conv tcall = hconv(4, 6, A, 40000, B, 5060, "sip");
	struct conv taudio = hchild(4, 17, B, 38000, A, 28000, &tcall, "unset");
	struct conv tvideo = hchild(4, 17, B, 38010, A, 28010, &tcall, "unset");
	struct conv call6 = hconv(6, 17, "2001:db8::a", 5060, "2001:db8::b",
				  5060, "sip");
	struct conv rtp6 = hchild(6, 17, "2001:db8::b", 30000, "2001:db8::a",
				  20000, &call6, "unset");
	char body[300], two[1400], m1[700], m2[700];
	struct tcps s;

	hcap_open("sip.pcap", "--helper sip", "");
	sdp(body, sizeof(body), 4, A, "m=audio 20000 RTP/AVP 0");
	sip_send(&call, 0, "INVITE sip:bob@10.50.0.2 SIP/2.0", "1 INVITE", body);
	sdp(body, sizeof(body), 4, B, "m=audio 30000 RTP/AVP 0");
	sip_send(&call, 1, "SIP/2.0 200 OK", "1 INVITE", body);
	sip_send(&call, 0, "ACK sip:bob@10.50.0.2 SIP/2.0", "1 ACK", NULL);
	send_pkt(&rtp, 0, 0, 0, "\x80\0\0\1rtp from bob", 16);
	send_pkt(&rtp, 1, 0, 0, "\x80\0\0\1rtp to bob", 14);
	send_pkt(&rtcp, 0, 0, 0, "\x81\xc8\0\6rtcp", 8);

	sdp(body, sizeof(body), 4, "10.50.0.77", "m=audio 22000 RTP/AVP 0");
	sip_send(&relay, 0, "INVITE sip:carol@10.50.0.3 SIP/2.0", "1 INVITE",
		 body);
	send_pkt(&relayed, 0, 0, 0, "\x80\0\0\1relayed", 11);

	sdp(body, sizeof(body), 4, A, "m=audio 24000 RTP/AVP 0");
	sip_send(&bye, 0, "INVITE sip:bob@10.50.0.2 SIP/2.0", "1 INVITE", body);
	sip_send(&bye, 0, "BYE sip:bob@10.50.0.2 SIP/2.0", "2 BYE", NULL);
	send_pkt(&after_bye, 0, 0, 0, "\x80\0\0\1late", 8);

	sdp(body, sizeof(body), 4, A, "m=audio 26000 RTP/AVP 0");
	sip_send(&busy, 0, "INVITE sip:bob@10.50.0.2 SIP/2.0", "1 INVITE", body);
	sip_send(&busy, 1, "SIP/2.0 486 Busy Here", "1 INVITE", NULL);
	send_pkt(&after_busy, 0, 0, 0, "\x80\0\0\1busy", 8);

	t_open(&s, &tcall, 1000, 5000);
	sdp(body, sizeof(body), 4, A, "m=audio 28000 RTP/AVP 0");
	sip_msg(m1, sizeof(m1), "INVITE sip:bob@10.50.0.2 SIP/2.0", "1 INVITE",
		body);
	sdp(body, sizeof(body), 4, A, "m=video 28010 RTP/AVP 96");
	sip_msg(m2, sizeof(m2), "UPDATE sip:bob@10.50.0.2 SIP/2.0", "2 UPDATE",
		body);
	snprintf(two, sizeof(two), "%s%s", m1, m2);
	t_say(&s, 0, two);
	send_pkt(&taudio, 0, 0, 0, "\x80\0\0\1audio", 9);
	send_pkt(&tvideo, 0, 0, 0, "\x80\0\0\1video", 9);

	sdp(body, sizeof(body), 6, "2001:db8::a", "m=audio 20000 RTP/AVP 0");
	sip_send(&call6, 0, "INVITE sip:bob@[2001:db8::b] SIP/2.0", "1 INVITE",
		 body);
	send_pkt(&rtp6, 0, 0, 0, "\x80\0\0\1rtp6", 8);
	cap_close();
}

/*
 * Amanda: the client's reply ("CONNECT DATA p MESG p INDEX p") makes the
 * server's three TCP connections children, and sets the master's
 * timeout to 5 minutes: the server's next datagram, 100 s later, is
 * still the same connection (on its own UDP's 30 s it would not be).
 */
static void amanda(void)
{
	const char *S = "10.60.0.1", *C = "10.60.0.2";
	struct conv ctl = hconv(4, 17, S, 850, C, 10080, "amanda");
	struct conv data = hchild(4, 6, S, 41000, C, 50000, &ctl, "unset");
	struct conv mesg = hchild(4, 6, S, 41001, C, 50001, &ctl, "unset");
	struct conv index = hchild(4, 6, S, 41002, C, 50002, &ctl, "unset");
	struct conv again = hconv(4, 17, S, 850, C, 10080, "amanda");
	static const char req[] = "Amanda 2.6 REQ HANDLE 000-00000001 SEQ 1\n"
				  "SERVICE sendbackup\n";
	static const char rep[] = "Amanda 2.6 REP HANDLE 000-00000001 SEQ 1\n"
				  "CONNECT DATA 50000 MESG 50001 INDEX 50002\n"
				  "OPTIONS features=ffff;\n";
	static const char ack[] = "Amanda 2.6 ACK HANDLE 000-00000001 SEQ 2\n";

	again.same_ct = &ctl;
	hcap_open("amanda.pcap", "--helper amanda", "");
	send_pkt(&ctl, 0, 0, 0, req, strlen(req));
	send_pkt(&ctl, 1, 0, 0, rep, strlen(rep));
	t_data(&data, 100, "dump");
	t_data(&mesg, 200, "messages");
	t_data(&index, 300, "index");
	cap.ts += 100;
	send_pkt(&again, 0, 0, 0, ack, strlen(ack));
	cap_close();
}

/* SANE_NET_START and saned's successful answer with data port @port. */
static void sane_start(struct tcps *s, u16 port)
{
	char rep[12] = { 0 };

	t_sayn(s, 0, "\0\0\0\7\0\0\0\1", 8);
	rep[6] = port >> 8;
	rep[7] = port;
	t_sayn(s, 1, rep, sizeof(rep));
}

/*
 * SANE, and through it how a child shares its root master's connection
 * (--maxpackets 20).  a: the child's bytes decide the master.  b: the
 * child's packets count toward the master's 20.  c: a master that closes
 * while its child is alive stays open for it, and the child's bytes
 * still decide it.  d: once the child's entry timed out (CLOSE, 10 s),
 * the closed master gives up: unknown.  f: a child's close never closes
 * its master.  g: the capture ends while the child of a closed master is
 * alive: undecided.
 */
static void sane(void)
{
	const char *C = "10.70.0.1", *S = "10.70.0.2";
	struct conv ca = hconv(4, 6, C, 40000, S, 6566, "scan");
	struct conv da = hchild(4, 6, C, 41000, S, 40001, &ca, "scan");
	struct conv cb = hconv(4, 6, C, 40010, S, 6566, "unknown");
	struct conv db = hchild(4, 6, C, 41010, S, 40011, &cb, "unset");
	struct conv cc = hconv(4, 6, C, 40020, S, 6566, "scan");
	struct conv dc = hchild(4, 6, C, 41020, S, 40021, &cc, "scan");
	struct conv cd = hconv(4, 6, C, 40030, S, 6566, "unknown");
	struct conv dd = hchild(4, 6, C, 41030, S, 40031, &cd, "unknown");
	struct conv cf = hconv(4, 6, C, 40040, S, 6566, "unset");
	struct conv df = hchild(4, 6, C, 41040, S, 40041, &cf, "unknown");
	struct conv cg = hconv(4, 6, C, 40050, S, 6566, "unset");
	struct conv dg = hchild(4, 6, C, 41050, S, 40051, &cg, "unset");
	struct tcps s, d;
	int i;

	ca.alone = "unset";
	cb.alone = "unset";
	cc.alone = "unknown";
	cg.alone = "unknown";
	hcap_open("sane.pcap", "--helper sane", "--maxpackets 20");
	t_open(&s, &ca, 1000, 5000);
	sane_start(&s, 40001);
	t_data(&da, 100, "image-data 1");

	t_open(&s, &cb, 2000, 6000);
	sane_start(&s, 40011);
	t_open(&d, &db, 200, 700);
	for (i = 0; i < 15; i++)
		t_say(&d, 1, "junk");

	t_open(&s, &cc, 3000, 7000);
	sane_start(&s, 40021);
	t_open(&d, &dc, 300, 800);
	t_fin(&s);			/* TIME_WAIT, the child alive */
	t_say(&d, 1, "image-data 3");

	t_open(&s, &cd, 4000, 8000);
	sane_start(&s, 40031);
	t_open(&d, &dd, 400, 900);
	t_say(&d, 1, "nothing");
	t_fin(&s);
	send_pkt(&dd, 0, RST, d.seq[0], "", 0);	/* CLOSE: 10 s */
	cap.ts += 11;

	t_open(&s, &cf, 5000, 9000);
	sane_start(&s, 40041);
	t_open(&d, &df, 500, 1000);
	t_say(&d, 1, "nothing");
	send_pkt(&df, 0, RST, d.seq[0], "", 0);
	t_say(&s, 0, "more");

	t_open(&s, &cg, 6000, 10000);
	sane_start(&s, 40051);
	t_open(&d, &dg, 600, 1100);
	t_fin(&s);
	cap_close();
}

void helper_captures(void)
{
	ftp4();
	ftp6();
	tftp();
	irc();
	sip();
	amanda();
	sane();
}
