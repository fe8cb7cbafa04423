// SPDX-License-Identifier: GPL-2.0
/* save text: deterministic, canonical; restore reads it back. */
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../ctl/save.h"
#include "../../ctl/util.h"
#include "unit.h"

/* What save writes after the flags when the modes are the defaults. */
#define DEFAULT_MODES	"mode enforce\nstateless-media off\n"

static const char reference[] =
	"profile lync2010\n"
	"bind ext0 external\n"
	"bind int0 internal\n"
	"set-pool --front-end 192.168.10.90 --front-end 192.168.10.91 --vip 192.168.10.190\n"
	"add-role access --ip 10.45.16.10 --internal-ip 172.25.33.10\n"
	"add-role webconf --ip 10.45.16.20 --internal-ip 172.25.33.10\n"
	"add-role av --ip 10.45.16.30 --internal-ip 172.25.33.10 --media-range ocs2007\n"
	"add-role rproxy --ip 10.45.16.40 --internal-ip 172.25.33.40\n"
	"http-redirect on\n"
	"log-drops off\n"
	DEFAULT_MODES;

static int restore_str(const char *text, struct ef_config *cfg, char *err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int r;

	r = ef_restore_read(f, cfg, NULL, err, EF_ERRLEN);
	fclose(f);
	return r;
}

/* save's text for a configuration; free it. */
static char *save_str(const struct ef_config *cfg)
{
	struct capture c;

	ef_save_text(capture_open(&c), cfg);
	capture_close(&c);
	return c.buf;
}

static void restore_then_save(const char *name, const char *text)
{
	char err[EF_ERRLEN] = "";
	struct ef_config cfg, again;
	char *out, *out2;

	CASE("save: restore then save prints the input (%s)", name);
	CHECK_INT(restore_str(text, &cfg, err), 0);
	CHECK_STR(err, "");
	out = save_str(&cfg);
	CHECK_STR(out, text);
	CHECK_INT(restore_str(out, &again, err), 0);
	CHECK(ef_config_eq(&cfg, &again));
	out2 = save_str(&again);
	CHECK_STR(out2, out);
	free(out);
	free(out2);
	ef_config_free(&cfg);
	ef_config_free(&again);
}

static void round_trips(void)
{
	restore_then_save("reference architecture", reference);
	restore_then_save("empty", "profile lync2010\nhttp-redirect off\nlog-drops off\n"
			  DEFAULT_MODES);
	restore_then_save("scaled, IPv6, no pool",
		"profile lync2010\n"
		"bind bond0.100 external\n"
		"add-role access --ip 10.45.16.10 --ip 10.45.16.11 --ip 10.45.16.100 --ip 2001:db8::a --ip 2001:db8::10\n"
		"add-role av --ip 2001:db8::30 --media-range lync2010\n"
		"http-redirect off\n"
		"log-drops on\n"
		DEFAULT_MODES);
	restore_then_save("VIP-only pool, media none",
		"profile lync2010\n"
		"set-pool --vip 192.168.10.190\n"
		"add-role av --ip 10.45.16.30 --media-range none\n"
		"add-role rproxy --ip 10.45.16.40 --internal-ip fd00::40\n"
		"http-redirect on\n"
		"log-drops off\n"
		DEFAULT_MODES);
	restore_then_save("sfb2019: standard media, Directors, stateless media, NFLOG",
		"profile sfb2019\n"
		"bind ext0 external\n"
		"bind int0 internal\n"
		"set-pool --front-end 192.168.10.90 --director 192.168.10.80 --director 2001:db8:10::80 --vip 192.168.10.190\n"
		"add-role access --ip 10.45.16.10 --internal-ip 172.25.33.10\n"
		"add-role av --ip 10.45.16.30 --internal-ip 172.25.33.10 --media-range standard\n"
		"http-redirect off\n"
		"log-drops on --nflog-group 5\n"
		"mode enforce\n"
		"stateless-media on\n");
	restore_then_save("sfb2015: xmpp, audit, media none, NFLOG group 0",
		"profile sfb2015\n"
		"set-pool --director 192.168.10.80\n"
		"add-role access --ip 10.45.16.10 --internal-ip 172.25.33.10\n"
		"add-role av --ip 10.45.16.30 --media-range none\n"
		"http-redirect off\n"
		"xmpp on\n"
		"log-drops on --nflog-group 0\n"
		"mode audit\n"
		"stateless-media off\n");
	restore_then_save("management rules: one line per zone and source",
		"profile lync2010\n"
		"bind int0 internal\n"
		"add-mgmt --from 10.99.0.0/24 --tcp 22,443 --udp 161 --zone external\n"
		"add-mgmt --from 0.0.0.0/0 --tcp 3389 --zone internal\n"
		"add-mgmt --from 10.99.0.0/24 --tcp 22 --zone internal\n"
		"add-mgmt --from 10.99.0.7 --udp 161,162 --zone internal\n"
		"add-mgmt --from 192.168.0.0/16 --tcp 22 --zone internal\n"
		"add-mgmt --from 2001:db8:99::/48 --tcp 22 --zone internal\n"
		"add-mgmt --from 2001:db8:99::1 --tcp 22 --zone internal\n"
		"http-redirect off\n"
		"log-drops off\n"
		DEFAULT_MODES);
}

static void canonical(void)
{
	static const char messy[] =
		"# edgefw configuration\r\n"
		"\n"
		"log-drops off\n"
		"http-redirect on   # optional row 14\n"
		"add-role rproxy --internal-ip 172.25.33.40 --ip 10.45.16.40\n"
		"  add-role av --media-range ocs2007 --ip 10.45.16.30\t--internal-ip 172.25.33.10\n"
		"add-role webconf --ip 10.45.16.20 --internal-ip 172.25.33.10\n"
		"add-role access --ip 10.45.16.10\n"
		"add-role access --ip 10.45.16.10 --internal-ip 172.25.33.10\n"
		"bind int0 internal\n"
		"bind ext0 internal\n"
		"bind ext0 external\n"
		"bind tmp0 external\n"
		"unbind tmp0\n"
		"add-role access --ip 10.45.16.99\n"
		"del-role access --ip 10.45.16.99\n"
		"set-pool --front-end 192.168.1.1 --vip 192.168.1.2\n"
		"set-pool --vip 192.168.10.190 --front-end 192.168.10.91 --front-end 192.168.10.90 --front-end=192.168.10.91\n"
		"set-pool --front-end 192.168.1.1\n"
		"del-pool --front-end 192.168.1.1\n"
		"set-pool --front-end 192.168.10.91 --front-end 192.168.10.90\n";
	char err[EF_ERRLEN] = "";
	struct ef_config cfg;
	char *out;

	CASE("save: any order of statements saves the same canonical text");
	CHECK_INT(restore_str(messy, &cfg, err), 0);
	CHECK_STR(err, "");
	out = save_str(&cfg);
	CHECK_STR(out, reference);
	free(out);
	ef_config_free(&cfg);

	CASE("save: flush in a file starts over");
	CHECK_INT(restore_str("bind ext0 external\nlog-drops on\nflush\nbind int0 internal\n", &cfg, err), 0);
	out = save_str(&cfg);
	CHECK_STR(out, "profile lync2010\nbind int0 internal\nhttp-redirect off\nlog-drops off\n"
		  DEFAULT_MODES);
	free(out);
	ef_config_free(&cfg);

	CASE("restore: an input without a statement is refused; 'flush' is the empty configuration");
	{
		static const char *const empty[] = {
			"", "\n", "# nothing\n\n   \t\r\n", "\xef\xbb\xbf", "\xef\xbb\xbf# bom\n",
		};
		size_t i;

		for (i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
			CHECK_INT(restore_str(empty[i], &cfg, err), -1);
			CHECK_STR(err, "no statement: an empty input would remove the whole configuration (a 'flush' line says that)");
		}
	}
	CHECK_INT(restore_str("# start over\nflush\n", &cfg, err), 0);
	out = save_str(&cfg);
	CHECK_STR(out, "profile lync2010\nhttp-redirect off\nlog-drops off\n" DEFAULT_MODES);
	free(out);
	ef_config_free(&cfg);
	CHECK_INT(restore_str("log-drops off\n", &cfg, err), 0);
	ef_config_free(&cfg);

	CASE("restore: a UTF-8 byte order mark before the first line is skipped");
	CHECK_INT(restore_str("\xef\xbb\xbf" "bind ext0 external\n", &cfg, err), 0);
	CHECK_INT(cfg.nbindings, 1);
	CHECK_STR(cfg.bindings[0].ifname, "ext0");
	ef_config_free(&cfg);
	CHECK_INT(restore_str("\xef\xbb\xbf\r\nbind ext0 external\r\n", &cfg, err), 0);
	ef_config_free(&cfg);
	CHECK_INT(restore_str("bind ext0 external\n\xef\xbb\xbf" "bind int0 internal\n", &cfg, err), -1);
	CHECK_STR(err, "line 2: '\xef\xbb\xbf" "bind' is not a configuration statement");

	CASE("save: a last line without newline is read");
	CHECK_INT(restore_str("bind ext0 external", &cfg, err), 0);
	CHECK_INT(cfg.nbindings, 1);
	ef_config_free(&cfg);
}

static void errors(void)
{
	static const struct { const char *text, *err; } cases[] = {
		{ "bind ext0 external\n\nadd-role access --ip 10.45.16.300\n",
		  "line 3: bad address '10.45.16.300' for --ip (a number is greater than 255)" },
		{ "# saved\nshow\n", "line 2: 'show' is not a configuration statement" },
		{ "restore /etc/edgefw/edgefw.conf\n", "line 1: 'restore' is not a configuration statement" },
		{ "bind ext0 external\nunbind int0\n", "line 2: interface 'int0' is not bound" },
		{ "del-role av\n", "line 1: role av is not configured" },
		{ "add-role av --media-range ocs2007\n", "line 1: role av is not configured; add it with at least one --ip" },
		{ "add-role access --ip 10.45.16.10 --media-range none\n", "line 1: --media-range applies only to role av, not access" },
		{ "bind ext0\n", "line 1: missing zone after the interface name (expected external or internal)" },
		{ "http-redirect on\nlog-drops yes\n", "line 2: bad value 'yes' for log-drops (expected on or off)" },
		{ "set-pool --front-end 192.168.10.90 --front-end\n", "line 1: missing value after --front-end" },
		{ "bind\x01 external\n", "line 1: 'bind\\x01' is not a configuration statement" },
	};
	char err[EF_ERRLEN];
	struct ef_config cfg;
	size_t i;
	FILE *f;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CASE("restore: refuse with '%s'", cases[i].err);
		err[0] = '\0';
		CHECK_INT(restore_str(cases[i].text, &cfg, err), -1);
		CHECK_STR(err, cases[i].err);
		CHECK_INT(cfg.nbindings, 0);
		CHECK(!cfg.roles[EDGEFW_ROLE_ACCESS].present);
	}

	CASE("restore: refuse a NUL byte");
	f = fmemopen((void *)"bind ext0 external\nbind\0 x\n", 27, "r");
	CHECK_INT(ef_restore_read(f, &cfg, NULL, err, sizeof(err)), -1);
	CHECK_STR(err, "line 2: NUL byte in the line");
	fclose(f);

	CASE("restore: refuse UTF-16, saying so");
	f = fmemopen((void *)"\xff\xfe" "b\0i\0n\0d\0", 10, "r");
	CHECK_INT(ef_restore_read(f, &cfg, NULL, err, sizeof(err)), -1);
	CHECK_STR(err, "the file is UTF-16; save it as UTF-8 or ASCII");
	fclose(f);
}

/* restore --fail-closed's fallback: the bindings alone, past errors. */
static void bindings_alone(void)
{
	static const struct { const char *what, *text, *binds; size_t len; } cases[] = {
		{ "a good file",
		  "bind ext0 external\nbind int0 internal\nadd-role av --ip 10.45.16.30\n",
		  "ext0 external,int0 internal,", 0 },
		{ "a bad line in the middle: the bindings after it too",
		  "bind ext0 external\nadd-role av --ip 10.45.16.300\nbind int0 internal\n",
		  "ext0 external,int0 internal,", 0 },
		{ "a statement that does not fit",
		  "bind ext0 external\ndel-role av\nbind int0 internal\nunbind eth9\n",
		  "ext0 external,int0 internal,", 0 },
		{ "unbind and flush in order",
		  "bind old0 external\nflush\nbind ext0 external\nbind tmp0 internal\nunbind tmp0\nbind ext0 internal\n",
		  "ext0 internal,", 0 },
		{ "a bad bind line is left out",
		  "bind ext0 external\nbind int0 dmz\nbind a/b internal\n",
		  "ext0 external,", 0 },
		{ "a NUL byte on a line",
		  "bind ext0 external\nbind\0x\nbind int0 internal\n",
		  "ext0 external,int0 internal,", 45 },
		{ "no binding", "add-role av --ip 10.45.16.300\n", "", 0 },
		{ "empty", "", "", 0 },
	};
	char err[EF_ERRLEN], got[256];
	struct ef_config cfg, binds;
	size_t i, k, len;
	FILE *f;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CASE("restore: the bindings alone: %s", cases[i].what);
		len = cases[i].len ? cases[i].len : strlen(cases[i].text);
		f = fmemopen((void *)cases[i].text, len ? len : 1, "r");
		if (!len)
			fgetc(f);	/* at the end */
		ef_restore_read(f, &cfg, &binds, err, sizeof(err));
		fclose(f);
		got[0] = '\0';
		for (k = 0; k < binds.nbindings; k++)
			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s %s,",
				 binds.bindings[k].ifname,
				 ef_zone_name(binds.bindings[k].zone));
		CHECK_STR(got, cases[i].binds);
		CHECK(!binds.roles[EDGEFW_ROLE_AV].present);
		ef_config_free(&cfg);
		ef_config_free(&binds);
	}
}

static void big(void)
{
	char err[EF_ERRLEN] = "";
	struct ef_config cfg, again;
	struct ef_addr a = { .family = AF_INET6 };
	struct ef_role *r;
	char *out;
	uint32_t i;

	CASE("save: 100,000 addresses round trip");
	ef_config_init(&cfg);
	r = &cfg.roles[EDGEFW_ROLE_AV];
	r->present = true;
	r->media = EDGEFW_MEDIA_OCS2007;
	for (i = 0; i < 100000; i++) {
		a.family = i % 2 ? AF_INET6 : AF_INET;
		memset(a.bytes, 0, sizeof(a.bytes));
		a.bytes[0] = i % 2 ? 0x20 : 10;
		a.bytes[1] = i % 2 ? 0x01 : 1;
		a.bytes[13] = a.bytes[1] = (uint8_t)(i >> 16);
		a.bytes[14] = a.bytes[2] = (uint8_t)(i >> 8);
		a.bytes[15] = a.bytes[3] = (uint8_t)i;
		if (a.family == AF_INET6)
			a.bytes[1] = 0x01, a.bytes[2] = 0x0d, a.bytes[3] = 0xb8;
		ef_addrset_append(&r->addrs, &a);
	}
	ef_addrset_normalize(&r->addrs);
	CHECK_INT(r->addrs.n, 100000);
	out = save_str(&cfg);
	CHECK_INT(restore_str(out, &again, err), 0);
	CHECK_STR(err, "");
	CHECK(ef_config_eq(&cfg, &again));
	CHECK_INT(again.roles[EDGEFW_ROLE_AV].addrs.n, 100000);
	free(out);
	ef_config_free(&cfg);
	ef_config_free(&again);
}

/* N addresses of role access, shuffled: one per line, or all on one line. */
static char *access_lines(unsigned int n, bool one_line)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	unsigned int i, v;

	fputs(one_line ? "add-role access" : "", f);
	for (i = 0; i < n; i++) {
		v = 0x0a000001u + i * 2654435761u % 0xffffffu;
		fprintf(f, one_line ? " --ip %u.%u.%u.%u" : "add-role access --ip %u.%u.%u.%u\n",
			v >> 24, v >> 16 & 255, v >> 8 & 255, v & 255);
	}
	fputs(one_line ? "\n" : "", f);
	fclose(f);
	return text;
}

static double restore_seconds(const char *text, size_t *naddrs)
{
	char err[EF_ERRLEN];
	struct ef_config cfg;
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (restore_str(text, &cfg, err))
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*naddrs = cfg.roles[EDGEFW_ROLE_ACCESS].addrs.n;
	ef_config_free(&cfg);
	return (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/*
 * One address per line costs about what the same addresses on one line
 * cost, not a sort per line (20,000 lines took 23 s, 200,000 would take
 * hours). In a child with a deadline: a slow reader fails, it does not hang.
 */
static void linear(void)
{
	enum { N = 200000, DEADLINE = 60 };
	char *lines, *one;
	size_t n1 = 0, n2 = 0;
	double t1, t2;
	int status;
	pid_t pid;

	CASE("restore: %d addresses one per line in about the time of one line", N);
	lines = access_lines(N, false);
	one = access_lines(N, true);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		alarm(DEADLINE);
		t1 = restore_seconds(one, &n1);
		t2 = restore_seconds(lines, &n2);
		free(lines);
		free(one);
		canned_rules_free();	/* nothing left for valgrind */
		if (n1 == N && n2 == N && t1 >= 0 && t2 >= 0 && t2 < 5 * t1 + 1.0)
			_exit(0);
		printf("  %zu and %zu addresses: %.3f s on one line, %.3f s one per line\n",
		       n1, n2, t1, t2);
		fflush(stdout);
		_exit(1);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status));	/* else SIGALRM: past the deadline */
	CHECK_INT(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
	free(lines);
	free(one);
}

void suite_save(void)
{
	round_trips();
	canonical();
	errors();
	bindings_alone();
	big();
	linear();
}
