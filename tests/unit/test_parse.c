// SPDX-License-Identifier: GPL-2.0
/* Statements: every subcommand's words, good and bad; splitting lines. */
#include <netinet/in.h>
#include <stdlib.h>

#include "../../ctl/parse.h"
#include "../../ctl/util.h"
#include "unit.h"

/* Parse "name words..." as the command line or restore would. */
static int parse_line(const char *text, struct ef_stmt *st, char *err)
{
	char *copy = strdup(text), **w;
	int n, r;

	n = ef_split_words(copy, &w);
	r = ef_parse_stmt(w[0], n - 1, w + 1, 0, st, err, EF_ERRLEN);
	free(w);
	free(copy);
	return r;
}

static const char *addr_at(const struct ef_addrset *s, size_t i)
{
	static char buf[4][EF_ADDRSTRLEN];

	return i < s->n ? ef_addr_str(&s->v[i], buf[i % 4]) : "(none)";
}

static void good(void)
{
	char err[EF_ERRLEN], b[EF_ADDRSTRLEN];
	struct ef_stmt st;

	CASE("parse: bind ext0 external");
	CHECK_INT(parse_line("bind ext0 external", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_BIND);
	CHECK_STR(st.ifname, "ext0");
	CHECK_INT(st.zone, EDGEFW_ZONE_EXTERNAL);
	ef_stmt_free(&st);

	CASE("parse: bind with a 15-character name, internal");
	CHECK_INT(parse_line("bind abcdefghijklmno internal", &st, err), 0);
	CHECK_STR(st.ifname, "abcdefghijklmno");
	CHECK_INT(st.zone, EDGEFW_ZONE_INTERNAL);
	ef_stmt_free(&st);

	CASE("parse: bind of a VLAN interface name");
	CHECK_INT(parse_line("bind bond0.100 internal", &st, err), 0);
	CHECK_STR(st.ifname, "bond0.100");
	ef_stmt_free(&st);

	CASE("parse: after --, words are arguments even if they start with -");
	CHECK_INT(parse_line("bind -- -ext0 external", &st, err), 0);
	CHECK_STR(st.ifname, "-ext0");
	CHECK_INT(st.zone, EDGEFW_ZONE_EXTERNAL);
	ef_stmt_free(&st);
	CHECK_INT(parse_line("unbind -- --", &st, err), 0);
	CHECK_STR(st.ifname, "--");
	ef_stmt_free(&st);

	CASE("parse: unbind ext0");
	CHECK_INT(parse_line("unbind ext0", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_UNBIND);
	CHECK_STR(st.ifname, "ext0");
	ef_stmt_free(&st);

	CASE("parse: set-pool sorts front ends, keeps the VIP");
	CHECK_INT(parse_line("set-pool --front-end 192.168.10.91 --front-end 192.168.10.90 --vip 192.168.10.190", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_SET_POOL);
	CHECK_INT(st.addrs.n, 2);
	CHECK_STR(addr_at(&st.addrs, 0), "192.168.10.90");
	CHECK_STR(addr_at(&st.addrs, 1), "192.168.10.91");
	CHECK(st.has_addr2);
	CHECK_STR(ef_addr_str(&st.addr2, b), "192.168.10.190");
	ef_stmt_free(&st);

	CASE("parse: set-pool --front-end=ADDR form, duplicates collapse");
	CHECK_INT(parse_line("set-pool --front-end=192.168.10.90 --front-end 192.168.10.90", &st, err), 0);
	CHECK_INT(st.addrs.n, 1);
	CHECK(!st.has_addr2);
	ef_stmt_free(&st);

	CASE("parse: set-pool with the VIP only (reverse proxy)");
	CHECK_INT(parse_line("set-pool --vip 192.168.10.190", &st, err), 0);
	CHECK_INT(st.addrs.n, 0);
	CHECK(st.has_addr2);
	ef_stmt_free(&st);

	CASE("parse: del-pool, with and without parts");
	CHECK_INT(parse_line("del-pool", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_DEL_POOL);
	CHECK_INT(st.addrs.n, 0);
	CHECK(!st.has_addr2);
	CHECK_INT(parse_line("del-pool --vip=192.168.10.190 --front-end 192.168.10.90", &st, err), 0);
	CHECK_INT(st.addrs.n, 1);
	CHECK(st.has_addr2);
	ef_stmt_free(&st);

	CASE("parse: set-pool with 32 front ends");
	{
		char line[2048] = "set-pool";
		int i;

		for (i = 1; i <= 32; i++)
			snprintf(line + strlen(line), sizeof(line) - strlen(line),
				 " --front-end 192.168.10.%d", i);
		CHECK_INT(parse_line(line, &st, err), 0);
		CHECK_INT(st.addrs.n, 32);
		ef_stmt_free(&st);
	}

	CASE("parse: add-role access with internal address");
	CHECK_INT(parse_line("add-role access --ip 10.45.16.10 --internal-ip 172.25.33.10", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_ADD_ROLE);
	CHECK_INT(st.role, EDGEFW_ROLE_ACCESS);
	CHECK_INT(st.addrs.n, 1);
	CHECK_STR(addr_at(&st.addrs, 0), "10.45.16.10");
	CHECK(st.has_addr2);
	CHECK_STR(ef_addr_str(&st.addr2, b), "172.25.33.10");
	CHECK(!st.has_media);
	ef_stmt_free(&st);

	CASE("parse: add-role av with media range");
	CHECK_INT(parse_line("add-role av --ip 10.45.16.30 --media-range ocs2007", &st, err), 0);
	CHECK_INT(st.role, EDGEFW_ROLE_AV);
	CHECK(st.has_media);
	CHECK_INT(st.media, EDGEFW_MEDIA_OCS2007);
	ef_stmt_free(&st);

	CASE("parse: add-role av media ranges none, lync2010");
	CHECK_INT(parse_line("add-role av --media-range none", &st, err), 0);
	CHECK_INT(st.media, EDGEFW_MEDIA_NONE);
	CHECK_INT(st.addrs.n, 0);
	ef_stmt_free(&st);
	CHECK_INT(parse_line("add-role av --media-range=lync2010 --ip 10.45.16.30", &st, err), 0);
	CHECK_INT(st.media, EDGEFW_MEDIA_LYNC2010);
	ef_stmt_free(&st);

	CASE("parse: add-role several --ip, sorted, deduplicated, IPv6");
	CHECK_INT(parse_line("add-role webconf --ip 2001:db8::20 --ip 10.45.16.21 --ip 10.45.16.20 --ip 10.45.16.21", &st, err), 0);
	CHECK_INT(st.role, EDGEFW_ROLE_WEBCONF);
	CHECK_INT(st.addrs.n, 3);
	CHECK_STR(addr_at(&st.addrs, 0), "10.45.16.20");
	CHECK_STR(addr_at(&st.addrs, 2), "2001:db8::20");
	ef_stmt_free(&st);

	CASE("parse: add-role options before the role");
	CHECK_INT(parse_line("add-role --ip 10.45.16.40 rproxy --internal-ip 172.25.33.40", &st, err), 0);
	CHECK_INT(st.role, EDGEFW_ROLE_RPROXY);
	CHECK_INT(st.addrs.n, 1);
	ef_stmt_free(&st);

	CASE("parse: del-role av");
	CHECK_INT(parse_line("del-role av", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_DEL_ROLE);
	CHECK_INT(st.role, EDGEFW_ROLE_AV);
	CHECK_INT(st.addrs.n, 0);
	ef_stmt_free(&st);

	CASE("parse: del-role access --ip");
	CHECK_INT(parse_line("del-role access --ip 10.45.16.11 --ip 10.45.16.10", &st, err), 0);
	CHECK_INT(st.addrs.n, 2);
	ef_stmt_free(&st);

	CASE("parse: http-redirect on/off, log-drops on/off");
	CHECK_INT(parse_line("http-redirect on", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_HTTP_REDIRECT);
	CHECK(st.on);
	CHECK_INT(parse_line("http-redirect off", &st, err), 0);
	CHECK(!st.on);
	CHECK_INT(parse_line("log-drops on", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_LOG_DROPS);
	CHECK(st.on);
	CHECK_INT(parse_line("log-drops off", &st, err), 0);
	CHECK(!st.on);

	CASE("parse: flush");
	CHECK_INT(parse_line("flush", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_FLUSH);
}

/* The statements of profiles, modes, management and logging. */
static void good_v2(void)
{
	char err[EF_ERRLEN], p[EF_PREFIXSTRLEN];
	struct ef_stmt st;

	CASE("parse: profile lync2010|sfb2015|sfb2019");
	CHECK_INT(parse_line("profile sfb2019", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_PROFILE);
	CHECK_INT(st.profile, EDGEFW_PROFILE_SFB2019);
	CHECK_INT(parse_line("profile sfb2015", &st, err), 0);
	CHECK_INT(st.profile, EDGEFW_PROFILE_SFB2015);
	CHECK_INT(parse_line("profile lync2010", &st, err), 0);
	CHECK_INT(st.profile, EDGEFW_PROFILE_LYNC2010);

	CASE("parse: xmpp, stateless-media on|off; mode audit|enforce");
	CHECK_INT(parse_line("xmpp on", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_XMPP);
	CHECK(st.on);
	CHECK_INT(parse_line("stateless-media on", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_STATELESS_MEDIA);
	CHECK(st.on);
	CHECK_INT(parse_line("stateless-media off", &st, err), 0);
	CHECK(!st.on);
	CHECK_INT(parse_line("mode audit", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_MODE);
	CHECK(st.on);
	CHECK_INT(parse_line("mode enforce", &st, err), 0);
	CHECK(!st.on);

	CASE("parse: log-drops on --nflog-group N, before or after on");
	CHECK_INT(parse_line("log-drops on --nflog-group 5", &st, err), 0);
	CHECK(st.on && st.has_log_group && st.log_group == 5);
	CHECK_INT(parse_line("log-drops --nflog-group=65535 on", &st, err), 0);
	CHECK(st.has_log_group && st.log_group == 65535);
	CHECK_INT(parse_line("log-drops on --nflog-group 0", &st, err), 0);
	CHECK(st.has_log_group && st.log_group == 0);
	CHECK_INT(parse_line("log-drops on", &st, err), 0);
	CHECK(!st.has_log_group);

	CASE("parse: set-pool --director, repeated, sorted; del-pool --director");
	CHECK_INT(parse_line("set-pool --director 192.168.10.81 --director 192.168.10.80 --director 192.168.10.81", &st, err), 0);
	CHECK_INT(st.directors.n, 2);
	CHECK_STR(addr_at(&st.directors, 0), "192.168.10.80");
	CHECK_INT(st.addrs.n, 0);
	ef_stmt_free(&st);
	CHECK_INT(parse_line("del-pool --director 2001:db8::80", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_DEL_POOL);
	CHECK_INT(st.directors.n, 1);
	ef_stmt_free(&st);

	CASE("parse: --media-range standard, and lync2010 is remembered as said");
	CHECK_INT(parse_line("add-role av --media-range standard", &st, err), 0);
	CHECK(st.has_media && st.media == EDGEFW_MEDIA_STANDARD);
	CHECK(!st.media_said_lync2010);
	ef_stmt_free(&st);
	CHECK_INT(parse_line("add-role av --media-range lync2010", &st, err), 0);
	CHECK(st.has_media && st.media == EDGEFW_MEDIA_STANDARD);
	CHECK(st.media_said_lync2010);
	ef_stmt_free(&st);

	CASE("parse: add-mgmt: every --from with every port, zone internal by default");
	CHECK_INT(parse_line("add-mgmt --from 10.99.0.0/24 --from 2001:db8:99::/48 --tcp 443,22 --udp 161 --tcp 22", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_ADD_MGMT);
	CHECK_INT(st.nmgmt, 6);
	if (st.nmgmt == 6) {
		CHECK_INT(st.mgmt[0].zone, EDGEFW_ZONE_INTERNAL);
		CHECK_STR(ef_prefix_str(&st.mgmt[0].prefix, st.mgmt[0].plen, p), "10.99.0.0/24");
		CHECK_INT(st.mgmt[0].proto, IPPROTO_TCP);
		CHECK_INT(st.mgmt[0].port, 22);
		CHECK_INT(st.mgmt[1].port, 443);
		CHECK_INT(st.mgmt[2].proto, IPPROTO_UDP);
		CHECK_INT(st.mgmt[2].port, 161);
		CHECK_STR(ef_prefix_str(&st.mgmt[5].prefix, st.mgmt[5].plen, p), "2001:db8:99::/48");
	}
	ef_stmt_free(&st);

	CASE("parse: add-mgmt --zone external, a host, /0");
	CHECK_INT(parse_line("add-mgmt --zone external --from 198.51.100.7 --from 0.0.0.0/0 --udp 500", &st, err), 0);
	CHECK_INT(st.nmgmt, 2);
	if (st.nmgmt == 2) {
		CHECK_INT(st.mgmt[0].zone, EDGEFW_ZONE_EXTERNAL);
		CHECK_STR(ef_prefix_str(&st.mgmt[0].prefix, st.mgmt[0].plen, p), "0.0.0.0/0");
		CHECK_INT(st.mgmt[1].plen, 32);
		CHECK_STR(ef_prefix_str(&st.mgmt[1].prefix, st.mgmt[1].plen, p), "198.51.100.7");
	}
	ef_stmt_free(&st);

	CASE("parse: del-mgmt takes the same words");
	CHECK_INT(parse_line("del-mgmt --from 10.99.0.0/24 --tcp 22", &st, err), 0);
	CHECK_INT(st.kind, EF_ST_DEL_MGMT);
	CHECK_INT(st.nmgmt, 1);
	ef_stmt_free(&st);

	CASE("parse: 256 management rules in one statement, not 257");
	CHECK_INT(parse_line("add-mgmt --from 10.0.0.0/8 --from 10.1.0.0/16 --tcp 1-1", &st, err), -1);
	{
		char line[2048] = "add-mgmt --from 10.0.0.0/8 --from 10.1.0.0/16 --tcp 1";
		int n;

		for (n = 2; n <= 128; n++)
			snprintf(line + strlen(line), sizeof(line) - strlen(line),
				 ",%d", n);
		CHECK_INT(parse_line(line, &st, err), 0);
		CHECK_INT(st.nmgmt, 256);
		ef_stmt_free(&st);
		strcat(line, " --udp 1");
		CHECK_INT(parse_line(line, &st, err), -1);
		CHECK_STR(err, "--from and --tcp/--udp give 258 management rules; at most 256");
	}
}

static const struct {
	const char *line;
	const char *err;		/* the whole sentence */
} bad_cases[] = {
	{ "bind", "bind needs an interface name and a zone (external or internal)" },
	{ "bind ext0", "missing zone after the interface name (expected external or internal)" },
	{ "bind ext0 dmz", "bad zone 'dmz' (expected external or internal)" },
	{ "bind ext0 External", "bad zone 'External' (expected external or internal)" },
	{ "bind ext0 external extra", "unexpected argument 'extra' for bind" },
	{ "bind abcdefghijklmnop external", "bad interface name 'abcdefghijklmnop' (longer than 15 characters)" },
	{ "bind a/b external", "bad interface name 'a/b' (contains '/')" },
	{ "bind a:b external", "bad interface name 'a:b' (contains ':')" },
	{ "bind . external", "bad interface name '.' (reserved name)" },
	{ "bind \"eth0\" external", "bad interface name '\"eth0\"' (contains a quote or a backslash)" },
	{ "bind 'eth0' external", "bad interface name '\\x27eth0\\x27' (contains a quote or a backslash)" },
	{ "bind eth`0 external", "bad interface name 'eth`0' (contains a quote or a backslash)" },
	{ "bind eth\\0 external", "bad interface name 'eth\\x5c0' (contains a quote or a backslash)" },
	{ "bind eth\xc2\xa0" "0 external", "bad interface name 'eth\xc2\xa0" "0' (contains a blank)" },
	{ "bind .. internal", "bad interface name '..' (reserved name)" },
	{ "bind --zone ext0", "unknown option '--zone' for bind (bind takes no options)" },
	{ "bind -x ext0 external", "unknown option '-x' for bind (bind takes no options)" },
	{ "unbind", "unbind needs an interface name" },
	{ "unbind --", "unbind needs an interface name" },
	{ "set-pool -- --vip 192.168.10.190", "unexpected argument '--vip' for set-pool" },
	{ "add-role av --ip=10.45.16.30 -- --ip", "unexpected argument '--ip' for add-role" },
	{ "http-redirect --=on", "unknown option '--' for http-redirect (http-redirect takes no options)" },
	{ "unbind ext0 int0", "unexpected argument 'int0' for unbind" },
	{ "unbind ext0/1", "bad interface name 'ext0/1' (contains '/')" },
	{ "set-pool", "set-pool needs --front-end ADDR, --director ADDR and/or --vip ADDR" },
	{ "set-pool --front-end 192.168.10.300", "bad address '192.168.10.300' for --front-end (a number is greater than 255)" },
	{ "set-pool --front-end 192.168.10.90 --vip 192.168.10", "bad address '192.168.10' for --vip (an IPv4 address is 4 numbers separated by dots)" },
	{ "set-pool --vip 192.168.10.190 --vip 192.168.10.191", "--vip given more than once" },
	{ "set-pool --front-end", "missing value after --front-end" },
	{ "set-pool --vip", "missing value after --vip" },
	{ "set-pool 192.168.10.90", "unexpected argument '192.168.10.90' for set-pool" },
	{ "set-pool --frontend 192.168.10.90", "unknown option '--frontend' for set-pool (expected --front-end, --director or --vip)" },
	{ "set-pool --frontend=192.168.10.90", "unknown option '--frontend' for set-pool (expected --front-end, --director or --vip)" },
	{ "set-pool --front-end 224.0.0.5", "bad address '224.0.0.5' for --front-end (multicast address)" },
	{ "set-pool --front-end=", "bad address '' for --front-end (empty)" },
	{ "del-pool 192.168.10.90", "unexpected argument '192.168.10.90' for del-pool" },
	{ "del-pool --vip", "missing value after --vip" },
	{ "del-pool --vip 192.168.10.190 --vip 192.168.10.191", "--vip given more than once" },
	{ "del-pool --all", "unknown option '--all' for del-pool (expected --front-end, --director or --vip)" },
	{ "add-role", "add-role needs a role (expected access, webconf, av or rproxy)" },
	{ "add-role --ip 10.45.16.10", "add-role needs a role (expected access, webconf, av or rproxy)" },
	{ "add-role edge --ip 10.45.16.10", "bad role 'edge' (expected access, webconf, av or rproxy)" },
	{ "add-role Access --ip 10.45.16.10", "bad role 'Access' (expected access, webconf, av or rproxy)" },
	{ "add-role access --ip 10.45.16.300", "bad address '10.45.16.300' for --ip (a number is greater than 255)" },
	{ "add-role access --ip 10.45.16.10 --ip 10.45.16.1000", "bad address '10.45.16.1000' for --ip (a number is greater than 255)" },
	{ "add-role access --ip 10.45.16.10/32", "bad address '10.45.16.10/32' for --ip (a prefix length is not part of an address; give the address alone)" },
	{ "add-role access --ip 0.0.0.0", "bad address '0.0.0.0' for --ip (unspecified address)" },
	{ "add-role access --ip ::ffff:10.45.16.10", "bad address '::ffff:10.45.16.10' for --ip (IPv4-mapped address; write it as IPv4)" },
	{ "add-role access --ip 10.45.16.10 --internal-ip 172.25.33", "bad address '172.25.33' for --internal-ip (an IPv4 address is 4 numbers separated by dots)" },
	{ "add-role access --ip", "missing value after --ip" },
	{ "add-role access --ip 10.45.16.10 --internal-ip", "missing value after --internal-ip" },
	{ "add-role access --ip 10.45.16.10 --media-range ocs2007", "--media-range applies only to role av, not access" },
	{ "add-role rproxy --media-range none --ip 10.45.16.40", "--media-range applies only to role av, not rproxy" },
	{ "add-role av --ip 10.45.16.30 --media-range ocs2010", "bad media range 'ocs2010' for --media-range (expected standard, none, lync2010 or ocs2007)" },
	{ "add-role av --media-range none --media-range ocs2007", "--media-range given more than once" },
	{ "add-role av --ip 10.45.16.30 --internal-ip 172.25.33.10 --internal-ip 172.25.33.11", "--internal-ip given more than once" },
	{ "add-role av access --ip 10.45.16.30", "unexpected argument 'access' for add-role" },
	{ "add-role av --port 443", "unknown option '--port' for add-role (expected --ip, --internal-ip or --media-range)" },
	{ "add-role av -j", "unknown option '-j' for add-role (expected --ip, --internal-ip or --media-range)" },
	{ "del-role", "del-role needs a role (expected access, webconf, av or rproxy)" },
	{ "del-role video", "bad role 'video' (expected access, webconf, av or rproxy)" },
	{ "del-role av --ip 10.45.16.", "bad address '10.45.16.' for --ip (a dot without a number on one side)" },
	{ "del-role av --internal-ip 172.25.33.10", "unknown option '--internal-ip' for del-role (expected --ip)" },
	{ "del-role av --media-range none", "unknown option '--media-range' for del-role (expected --ip)" },
	{ "del-role av webconf", "unexpected argument 'webconf' for del-role" },
	{ "http-redirect", "http-redirect needs on or off" },
	{ "http-redirect yes", "bad value 'yes' for http-redirect (expected on or off)" },
	{ "http-redirect ON", "bad value 'ON' for http-redirect (expected on or off)" },
	{ "http-redirect on off", "unexpected argument 'off' for http-redirect" },
	{ "http-redirect --on", "unknown option '--on' for http-redirect (http-redirect takes no options)" },
	{ "log-drops", "log-drops needs on or off" },
	{ "log-drops 1", "bad value '1' for log-drops (expected on or off)" },
	{ "flush now", "unexpected argument 'now' for flush" },
	{ "flush --force", "unknown option '--force' for flush (flush takes no options)" },
	{ "profile", "profile needs lync2010, sfb2015 or sfb2019" },
	{ "profile sfb2016", "bad value 'sfb2016' for profile (expected lync2010, sfb2015 or sfb2019)" },
	{ "profile sfb2019 sfb2015", "unexpected argument 'sfb2015' for profile" },
	{ "profile --sfb2019", "unknown option '--sfb2019' for profile (profile takes no options)" },
	{ "xmpp", "xmpp needs on or off" },
	{ "xmpp 5269", "bad value '5269' for xmpp (expected on or off)" },
	{ "stateless-media yes", "bad value 'yes' for stateless-media (expected on or off)" },
	{ "mode", "mode needs audit or enforce" },
	{ "mode permissive", "bad value 'permissive' for mode (expected audit or enforce)" },
	{ "mode audit enforce", "unexpected argument 'enforce' for mode" },
	{ "log-drops off --nflog-group 5", "--nflog-group applies only to log-drops on" },
	{ "log-drops on --nflog-group 65536", "bad NFLOG group '65536' for --nflog-group (expected a number from 0 to 65535)" },
	{ "log-drops on --nflog-group 05", "bad NFLOG group '05' for --nflog-group (expected a number from 0 to 65535)" },
	{ "log-drops on --nflog-group -1", "bad NFLOG group '-1' for --nflog-group (expected a number from 0 to 65535)" },
	{ "log-drops on --nflog-group 1 --nflog-group 2", "--nflog-group given more than once" },
	{ "log-drops on --nflog-group", "missing value after --nflog-group" },
	{ "http-redirect on --nflog-group 1", "unknown option '--nflog-group' for http-redirect (http-redirect takes no options)" },
	{ "set-pool --director 192.168.10.256", "bad address '192.168.10.256' for --director (a number is greater than 255)" },
	{ "add-mgmt", "add-mgmt needs --from PREFIX" },
	{ "add-mgmt --tcp 22", "add-mgmt needs --from PREFIX" },
	{ "add-mgmt --from 10.99.0.0/24", "add-mgmt needs --tcp PORT[,PORT...] and/or --udp PORT[,PORT...]" },
	{ "del-mgmt --from 10.99.0.0/24", "del-mgmt needs --tcp PORT[,PORT...] and/or --udp PORT[,PORT...]" },
	{ "add-mgmt --from 10.99.0.1/24 --tcp 22", "bad prefix '10.99.0.1/24' for --from (bits set past the prefix length; the network is 10.99.0.0/24)" },
	{ "add-mgmt --from 2001:db8:99::1/48 --tcp 22", "bad prefix '2001:db8:99::1/48' for --from (bits set past the prefix length; the network is 2001:db8:99::/48)" },
	{ "add-mgmt --from 10.99.0.0/33 --tcp 22", "bad prefix '10.99.0.0/33' for --from (the prefix length is a number from 0 to 32)" },
	{ "add-mgmt --from 2001:db8::/129 --tcp 22", "bad prefix '2001:db8::/129' for --from (the prefix length is a number from 0 to 128)" },
	{ "add-mgmt --from 10.99.0.0/ --tcp 22", "bad prefix '10.99.0.0/' for --from (the prefix length is a number from 0 to 32)" },
	{ "add-mgmt --from 10.99.0.0/08 --tcp 22", "bad prefix '10.99.0.0/08' for --from (the prefix length is a number from 0 to 32)" },
	{ "add-mgmt --from 10.99.0/24 --tcp 22", "bad prefix '10.99.0/24' for --from (an IPv4 address is 4 numbers separated by dots)" },
	{ "add-mgmt --from admin.example --tcp 22", "bad prefix 'admin.example' for --from (not an IPv4 or IPv6 address; names are not resolved)" },
	{ "add-mgmt --from 10.99.0.0/24 --tcp 0", "bad port '0' in --tcp '0' (expected numbers from 1 to 65535, separated by commas)" },
	{ "add-mgmt --from 10.99.0.0/24 --tcp 22,,443", "bad port '' in --tcp '22,,443' (expected numbers from 1 to 65535, separated by commas)" },
	{ "add-mgmt --from 10.99.0.0/24 --udp 65536", "bad port '65536' in --udp '65536' (expected numbers from 1 to 65535, separated by commas)" },
	{ "add-mgmt --from 10.99.0.0/24 --tcp 22-23", "bad port '22-23' in --tcp '22-23' (expected numbers from 1 to 65535, separated by commas)" },
	{ "add-mgmt --from 10.99.0.0/24 --tcp 22 --zone dmz", "bad zone 'dmz' for --zone (expected external or internal)" },
	{ "add-mgmt --from 10.99.0.0/24 --tcp 22 --zone internal --zone external", "--zone given more than once" },
	{ "add-mgmt --from 10.99.0.0/24 --tcp 22 ssh", "unexpected argument 'ssh' for add-mgmt" },
	{ "add-mgmt --from 10.99.0.0/24 --port 22", "unknown option '--port' for add-mgmt (expected --from, --tcp, --udp or --zone)" },
	{ "frobnicate", "unknown statement 'frobnicate'" },
	{ "show", "unknown statement 'show'" },
};

static void bad(void)
{
	char err[EF_ERRLEN];
	struct ef_stmt st;
	size_t i;

	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		CASE("parse: refuse '%s'", bad_cases[i].line);
		err[0] = '\0';
		CHECK_INT(parse_line(bad_cases[i].line, &st, err), -1);
		CHECK_STR(err, bad_cases[i].err);
		CHECK(!strchr(err, '\n'));
	}

	CASE("parse: refuse 33 Directors");
	{
		char line[2048] = "set-pool";
		int n;

		for (n = 1; n <= 33; n++)
			snprintf(line + strlen(line), sizeof(line) - strlen(line),
				 " --director 192.168.10.%d", n);
		CHECK_INT(parse_line(line, &st, err), -1);
		CHECK_STR(err, "too many --director addresses (33; at most 32)");
	}

	CASE("parse: refuse 33 front ends");
	{
		char line[2048] = "set-pool";
		int n;

		for (n = 1; n <= 33; n++)
			snprintf(line + strlen(line), sizeof(line) - strlen(line),
				 " --front-end 192.168.10.%d", n);
		CHECK_INT(parse_line(line, &st, err), -1);
		CHECK_STR(err, "too many --front-end addresses (33; at most 32)");
	}

	CASE("parse: a value with a newline is quoted on one line");
	{
		char *argv[] = { "ext\n0", "external", NULL };

		CHECK_INT(ef_parse_stmt("bind", 2, argv, 0, &st, err, sizeof(err)), -1);
		CHECK(!strchr(err, '\n'));
		CHECK_CONTAINS(err, "'ext\\x0a0'");
	}

	CASE("parse: empty interface name");
	{
		char *argv[] = { "", "external", NULL };

		CHECK_INT(ef_parse_stmt("bind", 2, argv, 0, &st, err, sizeof(err)), -1);
		CHECK_STR(err, "bad interface name '' (empty)");
	}

	CASE("parse: interface name with a blank, a tab, a control character");
	{
		char *argv[] = { "ext 0", "external", NULL };

		CHECK_INT(ef_parse_stmt("bind", 2, argv, 0, &st, err, sizeof(err)), -1);
		CHECK_STR(err, "bad interface name 'ext 0' (contains a blank)");
		argv[0] = "ext\t0";
		CHECK_INT(ef_parse_stmt("bind", 2, argv, 0, &st, err, sizeof(err)), -1);
		CHECK_STR(err, "bad interface name 'ext\\x090' (contains a blank)");
		argv[0] = "ext\x01";
		CHECK_INT(ef_parse_stmt("bind", 2, argv, 0, &st, err, sizeof(err)), -1);
		CHECK_STR(err, "bad interface name 'ext\\x01' (contains a control character)");
	}

	CASE("parse: a lone '-' is a word, not an option");
	{
		char *argv[] = { "-", NULL };

		CHECK_INT(ef_parse_stmt("http-redirect", 1, argv, 0, &st, err, sizeof(err)), -1);
		CHECK_STR(err, "bad value '-' for http-redirect (expected on or off)");
	}
}

static void split(void)
{
	char line[128], **w;

	CASE("split: blanks, tabs, CR LF and a trailing comment");
	strcpy(line, "  bind\text0   external  # uplink\r\n");
	CHECK_INT(ef_split_words(line, &w), 3);
	CHECK_STR(w[0], "bind");
	CHECK_STR(w[1], "ext0");
	CHECK_STR(w[2], "external");
	CHECK(w[3] == NULL);
	free(w);

	CASE("split: comment and blank lines have no words");
	strcpy(line, "# bind ext0 external\n");
	CHECK_INT(ef_split_words(line, &w), 0);
	free(w);
	strcpy(line, " \t\r\n");
	CHECK_INT(ef_split_words(line, &w), 0);
	free(w);
	strcpy(line, "");
	CHECK_INT(ef_split_words(line, &w), 0);
	free(w);

	CASE("split: '#' inside a word is part of it");
	strcpy(line, "add-role av --ip 10.45.16.30#x");
	CHECK_INT(ef_split_words(line, &w), 4);
	CHECK_STR(w[3], "10.45.16.30#x");
	free(w);

	CASE("split: many words");
	{
		char *big = malloc(3 * 5000 + 1);
		int i;

		for (i = 0; i < 5000; i++)
			memcpy(big + 3 * i, "ab ", 3);
		big[3 * 5000] = '\0';
		CHECK_INT(ef_split_words(big, &w), 5000);
		CHECK_STR(w[4999], "ab");
		free(w);
		free(big);
	}
}

void suite_parse(void)
{
	good();
	good_v2();
	bad();
	split();
}
