// SPDX-License-Identifier: GPL-2.0
/*
 * flowgen: steady, counted traffic for tests/vm/t_stress.sh.
 *
 *   flowgen udp-send --from ADDR --to ADDR:PORT --rate PPS --seconds S --report FILE
 *	sends datagrams carrying a sequence number, PPS per second, for S
 *	seconds (or until SIGTERM); FILE gets "sent=N errors=N".
 *   flowgen udp-recv --bind ADDR:PORT --report FILE
 *	counts datagrams until SIGTERM; FILE gets "received=N unique=N
 *	dup=N max_seq=N" (written once bound, then every 200 ms and at the
 *	end).
 *   flowgen tcp-serve --bind ADDR:PORT [--report FILE]
 *	accepts connections, answers one byte to one byte, closes; FILE
 *	appears once it listens.
 *   flowgen tcp-conn --from ADDR --to ADDR:PORT --rate CPS --seconds S --report FILE
 *	connects CPS times a second (one at a time), exchanges one byte;
 *	FILE gets "ok=N failed=N slow=N max_ms=N" (slow: the exchange took
 *	longer than 800 ms, i.e. a SYN was retransmitted).
 *
 * Reports are written to FILE.tmp and renamed, so a reader never sees half
 * of one. IPv6 addresses as [ADDR]:PORT.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("flowgen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_until(double t)
{
	struct timespec ts;

	ts.tv_sec = (time_t)t;
	ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR &&
	       !stop)
		;
}

/* "1.2.3.4", "1.2.3.4:80", "[2001:db8::1]:80" */
static socklen_t parse_ep(const char *s, struct sockaddr_storage *ss, int need_port)
{
	char host[64];
	const char *port = NULL;
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (s[0] == '[') {
		const char *e = strchr(s, ']');

		if (!e || (size_t)(e - s - 1) >= sizeof(host))
			die("bad endpoint %s", s);
		memcpy(host, s + 1, e - s - 1);
		host[e - s - 1] = 0;
		if (e[1] == ':')
			port = e + 2;
	} else {
		const char *c = strrchr(s, ':');

		if (c && strchr(s, ':') == c) {
			if ((size_t)(c - s) >= sizeof(host))
				die("bad endpoint %s", s);
			memcpy(host, s, c - s);
			host[c - s] = 0;
			port = c + 1;
		} else {
			snprintf(host, sizeof(host), "%s", s);
		}
	}
	if (need_port && !port)
		die("%s: no port", s);
	if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons(port ? atoi(port) : 0);
		return sizeof(*a4);
	}
	if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons(port ? atoi(port) : 0);
		return sizeof(*a6);
	}
	die("bad address %s", host);
}

static void report(const char *file, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void report(const char *file, const char *fmt, ...)
{
	char tmp[4096];
	va_list ap;
	FILE *f;

	if (!file)
		return;
	snprintf(tmp, sizeof(tmp), "%s.tmp", file);
	f = fopen(tmp, "w");
	if (!f)
		die("%s: %s", tmp, strerror(errno));
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	if (fclose(f) || rename(tmp, file))
		die("%s: %s", file, strerror(errno));
}

struct opts {
	const char *from, *to, *bind, *report;
	double rate, seconds;
};

static int sock_for(const struct sockaddr_storage *ss, int type)
{
	int fd = socket(ss->ss_family, type, 0);

	if (fd < 0)
		die("socket: %s", strerror(errno));
	return fd;
}

static int udp_send(const struct opts *o)
{
	struct sockaddr_storage src, dst;
	socklen_t sl = parse_ep(o->from, &src, 0), dl = parse_ep(o->to, &dst, 1);
	int fd = sock_for(&dst, SOCK_DGRAM);
	uint64_t seq = 0, errors = 0;
	double t0 = now(), next = t0, last_report = 0;
	char payload[64] = "EFW1";

	if (bind(fd, (struct sockaddr *)&src, sl))
		die("bind %s: %s", o->from, strerror(errno));
	while (!stop && now() - t0 < o->seconds) {
		memcpy(payload + 8, &seq, sizeof(seq));
		if (sendto(fd, payload, sizeof(payload), 0,
			   (struct sockaddr *)&dst, dl) < 0)
			errors++;
		else
			seq++;
		next += 1.0 / o->rate;
		if (now() - last_report > 0.2) {
			report(o->report, "sent=%llu errors=%llu",
			       (unsigned long long)seq, (unsigned long long)errors);
			last_report = now();
		}
		sleep_until(next);
	}
	report(o->report, "sent=%llu errors=%llu done=1", (unsigned long long)seq,
	       (unsigned long long)errors);
	return 0;
}

#define MAX_SEQ	(1u << 24)

static int udp_recv(const struct opts *o)
{
	struct sockaddr_storage ss;
	socklen_t sl = parse_ep(o->bind, &ss, 1);
	int fd = sock_for(&ss, SOCK_DGRAM), sz = 4 << 20, one = 1;
	uint8_t *seen = calloc(MAX_SEQ / 8, 1);
	uint64_t received = 0, unique = 0, dup = 0, max_seq = 0, bad = 0;
	double last_report = 0;

	if (!seen)
		die("out of memory");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	if (bind(fd, (struct sockaddr *)&ss, sl))
		die("bind %s: %s", o->bind, strerror(errno));
	/* the report's existence says the socket is bound */
	report(o->report, "received=0 unique=0 dup=0 max_seq=0 bad=0");
	while (!stop) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		char buf[128];
		uint64_t seq;
		ssize_t n;

		if (poll(&p, 1, 200) > 0) {
			n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
			if (n >= 16 && !memcmp(buf, "EFW1", 4)) {
				memcpy(&seq, buf + 8, sizeof(seq));
				received++;
				if (seq >= MAX_SEQ) {
					bad++;
				} else if (seen[seq / 8] & (1u << (seq % 8))) {
					dup++;
				} else {
					seen[seq / 8] |= (uint8_t)(1u << (seq % 8));
					unique++;
					if (seq + 1 > max_seq)
						max_seq = seq + 1;
				}
			} else if (n >= 0) {
				bad++;
			}
		}
		if (now() - last_report > 0.2) {
			report(o->report, "received=%llu unique=%llu dup=%llu max_seq=%llu bad=%llu",
			       (unsigned long long)received, (unsigned long long)unique,
			       (unsigned long long)dup, (unsigned long long)max_seq,
			       (unsigned long long)bad);
			last_report = now();
		}
	}
	report(o->report, "received=%llu unique=%llu dup=%llu max_seq=%llu bad=%llu done=1",
	       (unsigned long long)received, (unsigned long long)unique,
	       (unsigned long long)dup, (unsigned long long)max_seq,
	       (unsigned long long)bad);
	return 0;
}

static int tcp_serve(const struct opts *o)
{
	struct sockaddr_storage ss;
	socklen_t sl = parse_ep(o->bind, &ss, 1);
	int fd = sock_for(&ss, SOCK_STREAM), one = 1;

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, sl) || listen(fd, 128))
		die("bind/listen %s: %s", o->bind, strerror(errno));
	report(o->report, "listening=1");
	while (!stop) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int c;
		char x;

		if (poll(&p, 1, 200) <= 0)
			continue;
		c = accept(fd, NULL, NULL);
		if (c < 0)
			continue;
		p.fd = c;
		if (poll(&p, 1, 2000) > 0 && recv(c, &x, 1, 0) == 1)
			(void)!send(c, "k", 1, MSG_NOSIGNAL);
		close(c);
	}
	return 0;
}

/* One exchange; returns its duration in seconds, or -1. */
static double tcp_once(const struct sockaddr_storage *src, socklen_t sl,
		       const struct sockaddr_storage *dst, socklen_t dl)
{
	int fd = sock_for(dst, SOCK_STREAM), err = 0;
	double t0 = now(), r = -1;
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	socklen_t el = sizeof(err);
	char x;

	if (bind(fd, (const struct sockaddr *)src, sl))
		goto out;
	fcntl(fd, F_SETFL, O_NONBLOCK);
	if (connect(fd, (const struct sockaddr *)dst, dl) && errno != EINPROGRESS)
		goto out;
	if (poll(&p, 1, 5000) <= 0)
		goto out;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) || err)
		goto out;
	if (send(fd, "x", 1, MSG_NOSIGNAL) != 1)
		goto out;
	p.events = POLLIN;
	if (poll(&p, 1, 5000) <= 0 || recv(fd, &x, 1, 0) != 1)
		goto out;
	r = now() - t0;
out:
	close(fd);
	return r;
}

static int tcp_conn(const struct opts *o)
{
	struct sockaddr_storage src, dst;
	socklen_t sl = parse_ep(o->from, &src, 0), dl = parse_ep(o->to, &dst, 1);
	uint64_t okc = 0, failed = 0, slow = 0;
	double t0 = now(), next = t0, max_ms = 0;

	while (!stop && now() - t0 < o->seconds) {
		double d = tcp_once(&src, sl, &dst, dl);

		if (d < 0) {
			failed++;
		} else {
			okc++;
			if (d > 0.8)
				slow++;
			if (d * 1000 > max_ms)
				max_ms = d * 1000;
		}
		report(o->report, "ok=%llu failed=%llu slow=%llu max_ms=%.0f",
		       (unsigned long long)okc, (unsigned long long)failed,
		       (unsigned long long)slow, max_ms);
		next += 1.0 / o->rate;
		if (next < now())
			next = now();
		sleep_until(next);
	}
	report(o->report, "ok=%llu failed=%llu slow=%llu max_ms=%.0f done=1",
	       (unsigned long long)okc, (unsigned long long)failed,
	       (unsigned long long)slow, max_ms);
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o = { .rate = 100, .seconds = 1e9 };
	struct sigaction sa = { .sa_handler = on_signal };
	const char *mode;
	int i;

	if (argc < 2)
		die("usage: flowgen udp-send|udp-recv|tcp-serve|tcp-conn [options]");
	mode = argv[1];
	for (i = 2; i + 1 < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];

		if (!strcmp(k, "--from"))
			o.from = v;
		else if (!strcmp(k, "--to"))
			o.to = v;
		else if (!strcmp(k, "--bind"))
			o.bind = v;
		else if (!strcmp(k, "--report"))
			o.report = v;
		else if (!strcmp(k, "--rate"))
			o.rate = atof(v);
		else if (!strcmp(k, "--seconds"))
			o.seconds = atof(v);
		else
			die("unknown option %s", k);
	}
	if (i != argc)
		die("option %s without a value", argv[i]);
	if (o.rate <= 0)
		die("--rate must be positive");
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (!strcmp(mode, "udp-send") && o.from && o.to)
		return udp_send(&o);
	if (!strcmp(mode, "udp-recv") && o.bind)
		return udp_recv(&o);
	if (!strcmp(mode, "tcp-serve") && o.bind)
		return tcp_serve(&o);
	if (!strcmp(mode, "tcp-conn") && o.from && o.to)
		return tcp_conn(&o);
	die("bad mode or missing options (see the comment at the top)");
}
