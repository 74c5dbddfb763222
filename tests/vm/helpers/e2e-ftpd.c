/* e2e-ftpd: the smallest FTP server busybox ftpget/ftpput talk to
 * (Debian's busybox has no ftpd): passive mode only (PASV, EPSV), RETR,
 * STOR, SIZE, and polite answers to the rest (RFC 959, RFC 2428).
 *
 *   e2e-ftpd PORT DIR [-6]
 *
 * Serves files of DIR (names without '/'), one child per connection.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "e2e-common.h"

static int ctl;

static void reply(const char *fmt, const char *arg)
{
	char line[512];
	int n = snprintf(line, sizeof(line), fmt, arg ? arg : "");

	if (n > 0 && write(ctl, line, (size_t)n) < 0)
		_exit(1);
}

/* Read one command line (CRLF or LF), at most cap-1 bytes. */
static int read_line(char *buf, size_t cap)
{
	size_t n = 0;
	char c;

	for (;;) {
		ssize_t r = read(ctl, &c, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		if (c == '\n')
			break;
		if (c != '\r' && n + 1 < cap)
			buf[n++] = c;
	}
	buf[n] = 0;
	return 0;
}

/* A listening data socket on the control connection's local address. */
static int open_passive(unsigned *port)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	int s;

	if (getsockname(ctl, (struct sockaddr *)&ss, &sl))
		return -1;
	if (ss.ss_family == AF_INET)
		((struct sockaddr_in *)&ss)->sin_port = 0;
	else
		((struct sockaddr_in6 *)&ss)->sin6_port = 0;
	s = socket(ss.ss_family, SOCK_STREAM, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&ss, sl) || listen(s, 1))
		return -1;
	sl = sizeof(ss);
	getsockname(s, (struct sockaddr *)&ss, &sl);
	*port = ntohs(ss.ss_family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port :
		      ((struct sockaddr_in6 *)&ss)->sin6_port);
	return s;
}

static int safe_name(const char *n)
{
	return *n && *n != '.' && !strchr(n, '/');
}

static void transfer(int *pasv, const char *name, int store)
{
	char buf[16384];
	ssize_t r;
	int fd, d;

	if (*pasv < 0) {
		reply("425 Use PASV first.\r\n", NULL);
		return;
	}
	fd = safe_name(name) ? (store ? open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644) :
				open(name, O_RDONLY)) : -1;
	if (fd < 0) {
		reply("550 %s: no such file.\r\n", name);
		close(*pasv);
		*pasv = -1;
		return;
	}
	reply("150 Opening data connection.\r\n", NULL);
	d = accept(*pasv, NULL, NULL);
	close(*pasv);
	*pasv = -1;
	if (d < 0) {
		close(fd);
		reply("425 No data connection.\r\n", NULL);
		return;
	}
	if (store) {
		while ((r = read(d, buf, sizeof(buf))) > 0)
			if (write(fd, buf, (size_t)r) != r)
				break;
	} else {
		while ((r = read(fd, buf, sizeof(buf))) > 0)
			if (write(d, buf, (size_t)r) != r)
				break;
	}
	close(d);
	close(fd);
	reply("226 Transfer complete.\r\n", NULL);
}

static void session(void)
{
	char line[512], *arg;
	int pasv = -1;

	reply("220 e2e FTP server ready.\r\n", NULL);
	while (read_line(line, sizeof(line)) == 0) {
		arg = strchr(line, ' ');
		if (arg)
			*arg++ = 0;
		for (char *p = line; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		if (!strcmp(line, "USER")) {
			reply("331 Password please.\r\n", NULL);
		} else if (!strcmp(line, "PASS")) {
			reply("230 Logged in.\r\n", NULL);
		} else if (!strcmp(line, "SYST")) {
			reply("215 UNIX Type: L8\r\n", NULL);
		} else if (!strcmp(line, "TYPE") || !strcmp(line, "MODE") ||
			   !strcmp(line, "STRU") || !strcmp(line, "NOOP")) {
			reply("200 OK.\r\n", NULL);
		} else if (!strcmp(line, "PWD")) {
			reply("257 \"/\"\r\n", NULL);
		} else if (!strcmp(line, "CWD")) {
			reply("250 OK.\r\n", NULL);
		} else if (!strcmp(line, "SIZE")) {
			struct stat st;
			char n[32];

			if (arg && safe_name(arg) && !stat(arg, &st)) {
				snprintf(n, sizeof(n), "%lld", (long long)st.st_size);
				reply("213 %s\r\n", n);
			} else {
				reply("550 No such file.\r\n", NULL);
			}
		} else if (!strcmp(line, "PASV") || !strcmp(line, "EPSV")) {
			struct sockaddr_storage ss;
			socklen_t sl = sizeof(ss);
			unsigned port;
			char a[128];

			if (pasv >= 0)
				close(pasv);
			pasv = open_passive(&port);
			getsockname(ctl, (struct sockaddr *)&ss, &sl);
			if (pasv < 0) {
				reply("425 Cannot open a data port.\r\n", NULL);
			} else if (line[0] == 'E') {
				snprintf(a, sizeof(a), "(|||%u|)", port);
				reply("229 Entering Extended Passive Mode %s\r\n", a);
			} else if (ss.ss_family == AF_INET || IN6_IS_ADDR_V4MAPPED(
					   &((struct sockaddr_in6 *)&ss)->sin6_addr)) {
				/* IPv4, possibly through a dual-stack socket */
				unsigned char *ip = ss.ss_family == AF_INET ?
					(unsigned char *)&((struct sockaddr_in *)&ss)->sin_addr :
					((struct sockaddr_in6 *)&ss)->sin6_addr.s6_addr + 12;

				snprintf(a, sizeof(a), "(%u,%u,%u,%u,%u,%u)", ip[0], ip[1],
					 ip[2], ip[3], port >> 8, port & 255);
				reply("227 Entering Passive Mode %s\r\n", a);
			} else {
				close(pasv);
				pasv = -1;
				reply("522 Use EPSV.\r\n", NULL);
			}
		} else if (!strcmp(line, "RETR") || !strcmp(line, "STOR")) {
			transfer(&pasv, arg ? arg : "", line[0] == 'S');
		} else if (!strcmp(line, "QUIT")) {
			reply("221 Bye.\r\n", NULL);
			return;
		} else {
			reply("502 %s not implemented.\r\n", line);
		}
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int one = 1, s;

	if (argc < 3 || argc > 4 || (argc == 4 && strcmp(argv[3], "-6"))) {
		fprintf(stderr, "usage: e2e-ftpd PORT DIR [-6]\n");
		return 2;
	}
	sl = e2e_addr(argc == 4 ? "::" : "0.0.0.0", argv[1], &ss);
	if (!sl || chdir(argv[2])) {
		fprintf(stderr, "e2e-ftpd: bad port or directory\n");
		return 2;
	}
	signal(SIGCHLD, SIG_IGN);
	s = socket(ss.ss_family, SOCK_STREAM, 0);
	if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(s, (struct sockaddr *)&ss, sl) || listen(s, 8)) {
		perror("e2e-ftpd: listen");
		return 1;
	}
	for (;;) {
		ctl = accept(s, NULL, NULL);
		if (ctl < 0) {
			if (errno == EINTR)
				continue;
			perror("e2e-ftpd: accept");
			return 1;
		}
		if (fork() == 0) {
			close(s);
			session();
			_exit(0);
		}
		close(ctl);
	}
}
