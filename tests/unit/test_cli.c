// SPDX-License-Identifier: GPL-2.0
/*
 * The edgectl binary itself: every bad input exits 2 with exactly one line
 * on stderr naming the bad value and nothing on stdout; help and version.
 * None of these cases reaches the kernel.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

#ifndef EDGECTL_COMPLETION
#define EDGECTL_COMPLETION "ctl/edgectl.bash-completion"
#endif

static char *slurp_fd(int fd)
{
	off_t n = lseek(fd, 0, SEEK_END);
	char *s = calloc(1, (size_t)n + 1);

	lseek(fd, 0, SEEK_SET);
	if (n > 0 && read(fd, s, (size_t)n) != n)
		s[0] = '\0';
	close(fd);
	return s;
}

/* Run bin with argv (argv[0] is the first argument, not the name). */
static int run_bin(const char *bin, const char *const *args, char **out,
		   char **err)
{
	char pout[] = "/tmp/edgectl-cli-out-XXXXXX", perr[] = "/tmp/edgectl-cli-err-XXXXXX";
	int fo = mkstemp(pout), fe = mkstemp(perr), status, n = 0;
	char *argv[64];
	pid_t pid;

	unlink(pout);
	unlink(perr);
	argv[n++] = (char *)"edgectl";
	for (; *args && n < 63; args++)
		argv[n++] = (char *)*args;
	argv[n] = NULL;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDONLY);

		dup2(devnull, 0);
		dup2(fo, 1);
		dup2(fe, 2);
		execv(bin, argv);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	*out = slurp_fd(fo);
	*err = slurp_fd(fe);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

#define A(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const struct {
	const char *const *args;
	const char *err;		/* the whole line, without "edgectl: " */
} usage_errors[] = {
	{ A("frobnicate"), "unknown subcommand 'frobnicate' (try 'edgectl --help')" },
	{ A("--frobnicate"), "unknown option '--frobnicate' for edgectl (expected -j/--json, -h/--help or -V/--version)" },
	{ A("Show"), "unknown subcommand 'Show' (try 'edgectl --help')" },
	{ A("bind"), "bind needs an interface name and a zone (external or internal)" },
	{ A("bind", "ext0"), "missing zone after the interface name (expected external or internal)" },
	{ A("bind", "lo", "perimeter"), "bad zone 'perimeter' (expected external or internal)" },
	{ A("bind", "--strict=yes", "lo", "external"), "--strict takes no value: '--strict=yes'" },
	{ A("bind", "averyverylongname", "external"), "bad interface name 'averyverylongname' (longer than 15 characters)" },
	{ A("bind", "lo", "external", "now"), "unexpected argument 'now' for bind" },
	{ A("unbind"), "unbind needs an interface name" },
	{ A("unbind", "a/b"), "bad interface name 'a/b' (contains '/')" },
	{ A("set-pool"), "set-pool needs --front-end ADDR, --director ADDR and/or --vip ADDR" },
	{ A("set-pool", "--front-end", "192.168.10.300"), "bad address '192.168.10.300' for --front-end (a number is greater than 255)" },
	{ A("set-pool", "--front-end", "192.168.10.90", "--vip"), "missing value after --vip" },
	{ A("set-pool", "--pool", "192.168.10.90"), "unknown option '--pool' for set-pool (expected --front-end, --director or --vip)" },
	{ A("add-role"), "add-role needs a role (expected access, webconf, av or rproxy)" },
	{ A("add-role", "edge", "--ip", "10.45.16.10"), "bad role 'edge' (expected access, webconf, av or rproxy)" },
	{ A("add-role", "access", "--ip", "10.45.16.300"), "bad address '10.45.16.300' for --ip (a number is greater than 255)" },
	{ A("add-role", "access", "--ip", "10.45.16.10", "--internal-ip", "172.25.33.256"), "bad address '172.25.33.256' for --internal-ip (a number is greater than 255)" },
	{ A("add-role", "webconf", "--ip", "10.45.16.20", "--media-range", "ocs2007"), "--media-range applies only to role av, not webconf" },
	{ A("add-role", "av", "--ip", "10.45.16.30", "--media-range", "all"), "bad media range 'all' for --media-range (expected standard, none, lync2010 or ocs2007)" },
	{ A("add-role", "av", "--ip"), "missing value after --ip" },
	{ A("add-role", "av", "--ip", "224.0.0.1"), "bad address '224.0.0.1' for --ip (multicast address)" },
	{ A("add-role", "access", "--ip", "127.0.0.1"), "bad address '127.0.0.1' for --ip (loopback address)" },
	{ A("add-role", "access", "--ip", "10.45.16.10", "--internal-ip", "fe80::10"), "bad address 'fe80::10' for --internal-ip (link-local address)" },
	{ A("set-pool", "--front-end", "192.168.10.90/24"), "bad address '192.168.10.90/24' for --front-end (a prefix length is not part of an address; give the address alone)" },
	{ A("add-role", "av", "--ip", "10.45.16.30\n--ip"), "bad address '10.45.16.30\\x0a--ip' for --ip (contains a blank)" },
	{ A("del-role"), "del-role needs a role (expected access, webconf, av or rproxy)" },
	{ A("del-role", "av", "--ip", "10.45.16.3o"), "bad address '10.45.16.3o' for --ip (not an IPv4 or IPv6 address; names are not resolved)" },
	{ A("del-role", "av", "--all"), "unknown option '--all' for del-role (expected --ip)" },
	{ A("http-redirect"), "http-redirect needs on or off" },
	{ A("http-redirect", "enable"), "bad value 'enable' for http-redirect (expected on or off)" },
	{ A("log-drops", "true"), "bad value 'true' for log-drops (expected on or off)" },
	{ A("flush", "all"), "unexpected argument 'all' for flush" },
	{ A("show", "-x"), "unknown option '-x' for show (expected -j/--json or --unused)" },
	{ A("show", "rules"), "unexpected argument 'rules' for show" },
	{ A("counters", "--clear"), "unknown option '--clear' for counters (expected -j/--json or --reset)" },
	{ A("save", "a", "b"), "unexpected argument 'b' for save" },
	{ A("restore", "/nonexistent/edgefw.conf"), "cannot open '/nonexistent/edgefw.conf': No such file or directory" },
	{ A("restore", "a", "b"), "unexpected argument 'b' for restore" },
	{ A("-j"), "no subcommand (try 'edgectl --help')" },
	{ A("-j", "bind", "lo", "external"), "-j/--json does not apply to bind" },
	{ A("--json", "flush"), "-j/--json does not apply to flush" },
	{ A("-x", "show"), "unknown option '-x' for edgectl (expected -j/--json, -h/--help or -V/--version)" },
	{ A("show", "--json=yes"), "--json takes no value: '--json=yes'" },
	{ A("set-pool", "--vip="), "bad address '' for --vip (empty)" },
	{ A("help", "frobnicate"), "unknown subcommand 'frobnicate' (try 'edgectl --help')" },
	{ A("help", "show", "save"), "unexpected argument 'save' for help" },
	{ A("help", "--all"), "unknown option '--all' for help (help takes no options)" },
	{ A("profile", "sfb2016"), "bad value 'sfb2016' for profile (expected lync2010, sfb2015 or sfb2019)" },
	{ A("xmpp"), "xmpp needs on or off" },
	{ A("mode", "monitor"), "bad value 'monitor' for mode (expected audit or enforce)" },
	{ A("stateless-media", "1"), "bad value '1' for stateless-media (expected on or off)" },
	{ A("log-drops", "on", "--nflog-group", "x"), "bad NFLOG group 'x' for --nflog-group (expected a number from 0 to 65535)" },
	{ A("add-mgmt", "--from", "10.99.0.1/24", "--tcp", "22"), "bad prefix '10.99.0.1/24' for --from (bits set past the prefix length; the network is 10.99.0.0/24)" },
	{ A("del-mgmt", "--tcp", "22"), "del-mgmt needs --from PREFIX" },
	{ A("restore", "--confirm", "0", "x"), "bad number of seconds '0' for --confirm (expected 1 to 3600)" },
	{ A("restore", "--confirm=3601", "x"), "bad number of seconds '3601' for --confirm (expected 1 to 3600)" },
	{ A("restore", "--confirm", "60s", "x"), "bad number of seconds '60s' for --confirm (expected 1 to 3600)" },
	{ A("restore", "--check", "--confirm", "60", "x"), "--check changes nothing: it does not go with --confirm" },
	{ A("restore", "--fail-closed", "--confirm", "60", "x"), "--fail-closed (for boot) does not go with --confirm" },
	{ A("restore", "--check", "/nonexistent/edgefw.conf"), "cannot open '/nonexistent/edgefw.conf': No such file or directory" },
	{ A("diff"), "diff needs a FILE ('-': standard input)" },
	{ A("diff", "a", "b"), "unexpected argument 'b' for diff" },
	{ A("diff", "/nonexistent/edgefw.conf"), "cannot open '/nonexistent/edgefw.conf': No such file or directory" },
	{ A("confirm", "now"), "unexpected argument 'now' for confirm" },
	{ A("revert", "--force"), "unknown option '--force' for revert (revert takes no options)" },
	{ A("-j", "confirm"), "-j/--json does not apply to confirm" },
	{ A("verdict"), "verdict needs a direction (in or out)" },
	{ A("verdict", "in", "ext0"), "verdict needs a protocol (tcp or udp)" },
	{ A("verdict", "across", "ext0", "tcp", "1.2.3.4", "5.6.7.8"), "bad direction 'across' (expected in or out)" },
	{ A("verdict", "in", "ext/0", "tcp", "1.2.3.4", "5.6.7.8"), "bad interface name 'ext/0' (contains '/')" },
	{ A("verdict", "in", "ext0", "icmp", "1.2.3.4", "5.6.7.8"), "bad protocol 'icmp' (expected tcp or udp)" },
	{ A("verdict", "in", "ext0", "tcp", "1.2.3.4:http", "5.6.7.8"), "bad source '1.2.3.4:http' (the port is a number from 0 to 65535)" },
	{ A("verdict", "in", "ext0", "tcp", "1.2.3.4", "2001:db8::1:443"), "source and destination are of different families (IPv4 and IPv6)" },
	{ A("verdict", "in", "ext0", "tcp", "1.2.3.4", "[2001:db8::1]443"), "bad destination '[2001:db8::1]443' (an IPv6 address with a port is written [ADDR]:PORT)" },
	{ A("verdict", "in", "ext0", "tcp", "1.2.3.4", "5.6.7"), "bad destination '5.6.7' (an IPv4 address is 4 numbers separated by dots)" },
	{ A("verdict", "in", "ext0", "tcp", "1.2.3.4", "5.6.7.8", "9"), "unexpected argument '9' for verdict" },
	{ A("verdict", "in", "ext0", "tcp", "1.2.3.4", "5.6.7.8", "--reason"), "unknown option '--reason' for verdict (expected -j/--json)" },
};

static const char *const subcommands[] = {
	"show", "counters", "bind", "unbind", "set-pool", "del-pool", "add-role", "del-role",
	"http-redirect", "log-drops", "profile", "xmpp", "mode", "stateless-media",
	"add-mgmt", "del-mgmt", "save", "restore", "diff", "confirm", "revert", "verdict",
	"export", "flush", "help",
};

void suite_cli(const char *bin)
{
	char *out, *err, expect[512];
	struct stat st;
	size_t i;
	int r;

	for (i = 0; i < sizeof(usage_errors) / sizeof(usage_errors[0]); i++) {
		CASE("cli: edgectl %s ... -> exit 2, '%s'", usage_errors[i].args[0],
		     usage_errors[i].err);
		r = run_bin(bin, usage_errors[i].args, &out, &err);
		CHECK_INT(r, 2);
		snprintf(expect, sizeof(expect), "edgectl: %s\n", usage_errors[i].err);
		CHECK_STR(err, expect);
		CHECK_STR(out, "");
		free(out);
		free(err);
	}

	CASE("cli: no subcommand -> exit 2");
	r = run_bin(bin, (const char *const[]){ NULL }, &out, &err);
	CHECK_INT(r, 2);
	CHECK_STR(err, "edgectl: no subcommand (try 'edgectl --help')\n");
	free(out);
	free(err);

	CASE("cli: restore of a bad file from stdin-less run -> exit 2, line number");
	{
		char path[] = "/tmp/edgectl-cli-conf-XXXXXX";
		int fd = mkstemp(path);
		static const char text[] = "# test\nbind lo external\nadd-role av --ip 10.45.16.30 --media-range sometimes\n";

		if (write(fd, text, sizeof(text) - 1) != (ssize_t)sizeof(text) - 1)
			CHECK(!"write");
		close(fd);
		r = run_bin(bin, (const char *const[]){ "restore", path, NULL }, &out, &err);
		CHECK_INT(r, 2);
		snprintf(expect, sizeof(expect),
			 "edgectl: %s: line 3: bad media range 'sometimes' for --media-range (expected standard, none, lync2010 or ocs2007)\n",
			 path);
		CHECK_STR(err, expect);
		unlink(path);
		free(out);
		free(err);
	}

	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++) {
		CASE("cli: edgectl %s --help", subcommands[i]);
		r = run_bin(bin, (const char *const[]){ subcommands[i], "--help", NULL }, &out, &err);
		CHECK_INT(r, 0);
		snprintf(expect, sizeof(expect), "Usage: edgectl %s", subcommands[i]);
		CHECK(!strncmp(out, expect, strlen(expect)));
		CHECK_STR(err, "");
		free(out);
		free(err);
	}

	CASE("cli: --help anywhere after the subcommand, -h, whatever else is wrong");
	r = run_bin(bin, A("add-role", "edge", "--ip", "10.45.16.30", "-h"), &out, &err);
	CHECK_INT(r, 0);
	CHECK_CONTAINS(out, "--media-range standard|none|lync2010|ocs2007");
	CHECK_STR(err, "");
	free(out);
	free(err);
	r = run_bin(bin, A("show", "--bogus", "--help"), &out, &err);
	CHECK_INT(r, 0);
	CHECK(!strncmp(out, "Usage: edgectl show", 19));
	free(out);
	free(err);

	CASE("cli: -h as the value of an option, or after --, is not help");
	r = run_bin(bin, A("add-role", "av", "--ip", "-h"), &out, &err);
	CHECK_INT(r, 2);
	CHECK_STR(err, "edgectl: bad address '-h' for --ip (not an IPv4 or IPv6 address; names are not resolved)\n");
	CHECK_STR(out, "");
	free(out);
	free(err);
	r = run_bin(bin, A("unbind", "--", "--help"), &out, &err);
	CHECK_INT(r, 1);
	CHECK_STR(out, "");
	free(out);
	free(err);

	CASE("cli: edgectl --help, -h, help");
	r = run_bin(bin, A("--help"), &out, &err);
	CHECK_INT(r, 0);
	CHECK_CONTAINS(out, "Usage: edgectl [-j|--json] SUBCOMMAND");
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		CHECK_CONTAINS(out, subcommands[i]);
	free(out);
	free(err);
	r = run_bin(bin, A("-h"), &out, &err);
	CHECK_INT(r, 0);
	free(out);
	free(err);
	r = run_bin(bin, A("help"), &out, &err);
	CHECK_INT(r, 0);
	free(out);
	free(err);

	CASE("cli: help SUBCOMMAND is SUBCOMMAND --help");
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++) {
		char *out2, *err2;

		r = run_bin(bin, (const char *const[]){ "help", subcommands[i], NULL }, &out, &err);
		CHECK_INT(r, 0);
		CHECK_INT(run_bin(bin, (const char *const[]){ subcommands[i], "--help", NULL }, &out2, &err2), 0);
		CHECK_STR(out, out2);
		CHECK_STR(err, "");
		free(out);
		free(err);
		free(out2);
		free(err2);
	}

	CASE("cli: -V, --version");
	r = run_bin(bin, A("-V"), &out, &err);
	CHECK_INT(r, 0);
	CHECK(!strncmp(out, "edgectl ", 8));
	CHECK_CONTAINS(out, "protocol 2");
	free(out);
	free(err);
	r = run_bin(bin, A("--version"), &out, &err);
	CHECK_INT(r, 0);
	free(out);
	free(err);

	if (!stat("/bin/bash", &st)) {
		static const char script[] =
			". \"$0\"; c() { COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1));"
			" COMPREPLY=(); _edgectl; echo \"${COMPREPLY[*]}\"; };"
			" c edgectl a; c edgectl add-role av --ip 10.45.16.30 --media-range ''; c edgectl bind lo '';"
			" c edgectl add-role access --; c edgectl counters --r; c edgectl http-redirect o;"
			" c edgectl -j c; c edgectl -j counters --r; c edgectl help s; c edgectl -;"
			" c edgectl bind --s; c edgectl restore --;"
			" c edgectl p; c edgectl profile ''; c edgectl mode ''; c edgectl add-mgmt --from 10.99.0.0/24 --zone '';"
			" c edgectl add-mgmt --from 10.99.0.0/24 --t; c edgectl log-drops on --; c edgectl log-drops off --;"
			" c edgectl verdict ''; c edgectl verdict in lo t; c edgectl set-pool --d; c edgectl restore --c;"
			" c edgectl re; c edgectl add-role av --media-range s";
		CASE("cli: bash completion of subcommands, roles, values and options");
		r = run_bin("/bin/bash", (const char *const[]){ "-c", script,
			    EDGECTL_COMPLETION, NULL }, &out, &err);
		CHECK_INT(r, 0);
		CHECK_STR(out, "add-role add-mgmt\nstandard none lync2010 ocs2007\nexternal internal\n"
			       "--ip --internal-ip --help\n--reset\non off\n"
			       "counters confirm\n--reset\nshow set-pool stateless-media save\n-j --json -V --version -h --help\n"
			       "--strict\n--strict --fail-closed --check --confirm --help\n"
			       "profile\nlync2010 sfb2015 sfb2019\naudit enforce\ninternal external\n"
			       "--tcp\n--nflog-group --help\n\n"
			       "in out\ntcp\n--director\n--check --confirm\n"
			       "restore revert\nstandard\n");
		CHECK_STR(err, "");
		free(out);
		free(err);
	}

	if (stat("/sys/module/edgefw", &st)) {
		CASE("cli: without the module: one line, exit 1");
		r = run_bin(bin, A("show"), &out, &err);
		CHECK_INT(r, 1);
		CHECK_STR(err, "edgectl: the edgefw module is not loaded (modprobe edgefw)\n");
		CHECK_STR(out, "");
		free(out);
		free(err);
	}
}
