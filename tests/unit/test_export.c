// SPDX-License-Identifier: GPL-2.0
/*
 * export --nft: the nftables text for the reference configuration, chains
 * shared by addresses with the same rules, names that would collide, flags,
 * and rules or bindings that cannot be written.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../ctl/export.h"
#include "../../ctl/save.h"
#include "../../ctl/util.h"
#include "unit.h"

#ifndef EDGECTL_COMPLETION
#define EDGECTL_COMPLETION "ctl/edgectl.bash-completion"
#endif

/*
 * The reference configuration with every optional row on (http-redirect,
 * media range ocs2007) and an IPv6 address for access, as a restore file,
 * and the rules the kernel expands it to, written from the reference tables
 * (docs/edgectl.8, ROLES): row role zone dir proto src sport dst dport.
 */
static const char ref_conf[] =
	"bind ext0 external\n"
	"bind int0 internal\n"
	"set-pool --front-end 192.168.10.90 --front-end 192.168.10.91 --vip 192.168.10.190\n"
	"add-role access --ip 10.45.16.10 --ip 2001:db8:45:16::10 --internal-ip 172.25.33.10\n"
	"add-role webconf --ip 10.45.16.20 --internal-ip 172.25.33.10\n"
	"add-role av --ip 10.45.16.30 --internal-ip 172.25.33.10 --media-range ocs2007\n"
	"add-role rproxy --ip 10.45.16.40 --internal-ip 172.25.33.40\n"
	"http-redirect on\n";

static const char *const ref_rules[] = {
	"1 access external out tcp 10.45.16.10 any any 80",
	"1 access external out tcp 2001:db8:45:16::10 any any 80",
	"2 access external out udp 10.45.16.10 any any 53",
	"2 access external out udp 2001:db8:45:16::10 any any 53",
	"3 access external in tcp any any 10.45.16.10 443",
	"3 access external in tcp any any 2001:db8:45:16::10 443",
	"4 access external in tcp any any 10.45.16.10 5061",
	"4 access external in tcp any any 2001:db8:45:16::10 5061",
	"5 access external out tcp 10.45.16.10 any any 5061",
	"5 access external out tcp 2001:db8:45:16::10 any any 5061",
	"6 webconf external in tcp any any 10.45.16.20 443",
	"7 av external out tcp 10.45.16.30 50000-59999 any any",
	"8 av external out udp 10.45.16.30 50000-59999 any any",
	"9 av external in tcp any any 10.45.16.30 50000-59999",
	"10 av external in udp any any 10.45.16.30 50000-59999",
	"11 av external out udp 10.45.16.30 3478 any 3478",
	"12 av external in udp any any 10.45.16.30 3478",
	"13 av external in tcp any any 10.45.16.30 443",
	"14 rproxy external in tcp any any 10.45.16.40 80",
	"15 rproxy external in tcp any any 10.45.16.40 443",
	"16 access internal out tcp 172.25.33.10 any 192.168.10.90 5061",
	"16 access internal out tcp 172.25.33.10 any 192.168.10.91 5061",
	"17 access internal in tcp 192.168.10.90 any 172.25.33.10 5061",
	"17 access internal in tcp 192.168.10.91 any 172.25.33.10 5061",
	"18 access internal in tcp 192.168.10.90 any 172.25.33.10 4443",
	"18 access internal in tcp 192.168.10.91 any 172.25.33.10 4443",
	"19 webconf internal in tcp any any 172.25.33.10 8057",
	"20 av internal in tcp 192.168.10.90 any 172.25.33.10 5062",
	"20 av internal in tcp 192.168.10.91 any 172.25.33.10 5062",
	"21 av internal in udp any any 172.25.33.10 3478",
	"22 av internal in tcp any any 172.25.33.10 443",
	"23 rproxy internal out tcp 172.25.33.40 any 192.168.10.190 8080",
	"24 rproxy internal out tcp 172.25.33.40 any 192.168.10.190 4443",
	NULL
};

/* The reference's "used for" column (kmod/template.c), by row. */
static const char *const used_for[25] = {
	[1] = "HTTP: checking certificate revocation lists",
	[2] = "DNS: external DNS queries",
	[3] = "SIP (TLS): client-to-server SIP traffic for external user access",
	[4] = "SIP (MTLS): federated and public IM connectivity using SIP",
	[5] = "SIP (MTLS): federated and public IM connectivity using SIP",
	[6] = "PSOM (TLS): remote user access to conferences",
	[7] = "RTP: desktop/application sharing, file transfer (Lync 2010, OCS 2007 R2)",
	[8] = "RTP: federation with OCS 2007",
	[9] = "RTP: federation with OCS 2007",
	[10] = "RTP: federation with OCS 2007",
	[11] = "STUN/MSTURN: Edge version discovery and Edge-to-Edge media",
	[12] = "STUN/MSTURN: external user access to A/V sessions (UDP)",
	[13] = "STUN/MSTURN: external user access to A/V sessions and media (TCP)",
	[14] = "HTTP: (optional) redirection to HTTPS",
	[15] = "HTTPS: address book, web services, meeting content, updates",
	[16] = "SIP (MTLS): SIP traffic to the pool Front End servers",
	[17] = "SIP (MTLS): SIP traffic from the pool Front End servers",
	[18] = "HTTPS: Central Management store replication",
	[19] = "PSOM (MTLS): web conferencing from pool to Edge",
	[20] = "SIP (MTLS): A/V authentication service",
	[21] = "STUN/MSTURN: preferred media path internal-external (UDP)",
	[22] = "STUN/MSTURN: alternate media path internal-external (TCP)",
	[23] = "HTTPS: reverse proxy to pool VIP (8080)",
	[24] = "HTTPS: reverse proxy to pool VIP, external web traffic (4443)",
};

static void parse_ports(const char *s, uint16_t *min, uint16_t *max)
{
	unsigned int a, b;

	if (!strcmp(s, "any")) {
		*min = 0;
		*max = 65535;
	} else if (sscanf(s, "%u-%u", &a, &b) == 2) {
		*min = (uint16_t)a;
		*max = (uint16_t)b;
	} else {
		*min = *max = (uint16_t)atoi(s);
	}
}

static bool parse_opt_addr(const char *s, struct ef_addr *a)
{
	const char *why;

	if (!strcmp(s, "any"))
		return false;
	if (ef_addr_parse(s, a, &why))
		unit_fail(__FILE__, __LINE__, "bad address %s in a test rule", s);
	return true;
}

/* Rules from lines "row role zone dir proto src sport dst dport", with the
 * reference's text. */
static void make_rules(struct ef_rules *rules, const char *const *lines)
{
	char role[16], zone[16], dir[16], proto[8], src[48], sp[16], dst[48], dp[16];
	unsigned int row;

	ef_rules_init(rules);
	rules->has_generation = true;
	rules->generation = 42;
	for (; *lines; lines++) {
		struct ef_rule *r = ef_rules_add(rules);

		if (sscanf(*lines, "%u %15s %15s %15s %7s %47s %15s %47s %15s", &row,
			   role, zone, dir, proto, src, sp, dst, dp) != 9) {
			unit_fail(__FILE__, __LINE__, "bad test rule '%s'", *lines);
			continue;
		}
		r->row = (uint16_t)row;
		r->role = (uint8_t)ef_role_lookup(role);
		r->zone = (uint8_t)ef_zone_lookup(zone);
		r->dir = strcmp(dir, "in") ? EDGEFW_DIR_OUT : EDGEFW_DIR_IN;
		r->proto = strcmp(proto, "tcp") ? IPPROTO_UDP : IPPROTO_TCP;
		r->has_src = parse_opt_addr(src, &r->src);
		r->has_dst = parse_opt_addr(dst, &r->dst);
		parse_ports(sp, &r->sport_min, &r->sport_max);
		parse_ports(dp, &r->dport_min, &r->dport_max);
		if (row < ARRAY_SIZE(used_for) && used_for[row])
			r->used_for = ef_rules_intern(rules, used_for[row]);
	}
}

static void make_config(struct ef_config *cfg, const char *text)
{
	char err[EF_ERRLEN] = "";
	FILE *f = fmemopen((void *)text, strlen(text), "r");

	if (ef_restore_read(f, cfg, NULL, err, sizeof(err)))
		unit_fail(__FILE__, __LINE__, "test configuration: %s", err);
	fclose(f);
}

/* export's text, or NULL (err set) if it failed; free it. */
static char *export_str(const struct ef_config *cfg,
			const struct ef_rules *rules, char *err, int *ret)
{
	struct capture c;
	const char *out;

	*ret = ef_export_nft(capture_open(&c), cfg, rules, err, EF_ERRLEN);
	out = capture_close(&c);
	return (char *)out;
}

static const char ref_expected[] =
	"#!/usr/sbin/nft -f\n"
	"# The edgefw policy as an nftables ruleset (edgectl export --nft, generation 42, profile lync2010).\n"
	"# The same verdicts as edgefw.ko: on a bound interface (matched by\n"
	"# name), conntrack established/related and IPv6 neighbour discovery\n"
	"# pass; other packets pass only by a rule of their zone and direction,\n"
	"# found by the edge's address (the destination entering, the source\n"
	"# leaving), or by a management rule. Rule counters count the first\n"
	"# packet of each flow, per row (and pool address), summed over the\n"
	"# addresses that share a chain.\n"
	"# Loading replaces the table; do not load it while edgefw.ko has\n"
	"# interfaces bound (both would filter).\n"
	"table inet edgefw\n"
	"delete table inet edgefw\n"
	"\n"
	"table inet edgefw {\n"
	"\tcounter external_accepted_state {\n\t}\n\n"
	"\tcounter external_accepted_nd {\n\t}\n\n"
	"\tcounter external_accepted_audit {\n\t}\n\n"
	"\tcounter external_dropped_nd_hop_limit {\n\t}\n\n"
	"\tcounter external_dropped_invalid {\n\t}\n\n"
	"\tcounter external_dropped_no_rule {\n\t}\n\n"
	"\tcounter external_dropped_protocol {\n\t}\n\n"
	"\tcounter internal_accepted_state {\n\t}\n\n"
	"\tcounter internal_accepted_nd {\n\t}\n\n"
	"\tcounter internal_accepted_audit {\n\t}\n\n"
	"\tcounter internal_dropped_nd_hop_limit {\n\t}\n\n"
	"\tcounter internal_dropped_invalid {\n\t}\n\n"
	"\tcounter internal_dropped_no_rule {\n\t}\n\n"
	"\tcounter internal_dropped_protocol {\n\t}\n\n"
	"\tmap external_in_v4 {\n"
	"\t\ttype ipv4_addr : verdict\n"
	"\t\telements = {\n"
	"\t\t\t10.45.16.10 : jump external_in_access,\n"
	"\t\t\t10.45.16.20 : jump external_in_webconf,\n"
	"\t\t\t10.45.16.30 : jump external_in_av,\n"
	"\t\t\t10.45.16.40 : jump external_in_rproxy\n"
	"\t\t}\n"
	"\t}\n\n"
	"\tmap external_in_v6 {\n"
	"\t\ttype ipv6_addr : verdict\n"
	"\t\telements = {\n"
	"\t\t\t2001:db8:45:16::10 : jump external_in_access\n"
	"\t\t}\n"
	"\t}\n\n"
	"\tmap external_out_v4 {\n"
	"\t\ttype ipv4_addr : verdict\n"
	"\t\telements = {\n"
	"\t\t\t10.45.16.10 : jump external_out_access,\n"
	"\t\t\t10.45.16.30 : jump external_out_av\n"
	"\t\t}\n"
	"\t}\n\n"
	"\tmap external_out_v6 {\n"
	"\t\ttype ipv6_addr : verdict\n"
	"\t\telements = {\n"
	"\t\t\t2001:db8:45:16::10 : jump external_out_access\n"
	"\t\t}\n"
	"\t}\n\n"
	"\tmap internal_in_v4 {\n"
	"\t\ttype ipv4_addr : verdict\n"
	"\t\telements = {\n"
	"\t\t\t172.25.33.10 : jump internal_in_access_webconf_av\n"
	"\t\t}\n"
	"\t}\n\n"
	"\tmap internal_out_v4 {\n"
	"\t\ttype ipv4_addr : verdict\n"
	"\t\telements = {\n"
	"\t\t\t172.25.33.10 : jump internal_out_access,\n"
	"\t\t\t172.25.33.40 : jump internal_out_rproxy\n"
	"\t\t}\n"
	"\t}\n\n"
	"\tchain prerouting {\n"
	"\t\ttype filter hook prerouting priority -190; policy accept;\n"
	"\t\tiifname vmap { \"ext0\" : jump external_in, \"int0\" : jump internal_in }\n"
	"\t}\n\n"
	"\tchain postrouting {\n"
	"\t\ttype filter hook postrouting priority 200; policy accept;\n"
	"\t\toifname vmap { \"ext0\" : jump external_out, \"int0\" : jump internal_out }\n"
	"\t}\n\n"
	"\tchain external_in {\n"
	"\t\tct state established,related counter name \"external_accepted_state\" accept\n"
	"\t\tip6 hoplimit 255 icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect } counter name \"external_accepted_nd\" accept\n"
	"\t\tip6 hoplimit 1 icmpv6 type { mld-listener-query, mld-listener-report, mld-listener-done, mld2-listener-report } counter name \"external_accepted_nd\" accept\n"
	"\t\ticmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect, mld-listener-query, mld-listener-report, mld-listener-done, mld2-listener-report } counter name \"external_dropped_nd_hop_limit\" drop\n"
	"\t\tct state invalid counter name \"external_dropped_invalid\" drop\n"
	"\t\tip daddr vmap @external_in_v4\n"
	"\t\tip6 daddr vmap @external_in_v6\n"
	"\t\tmeta l4proto != { tcp, udp } counter name \"external_dropped_protocol\" drop\n"
	"\t\tcounter name \"external_dropped_no_rule\" drop\n"
	"\t}\n\n"
	"\tchain external_out {\n"
	"\t\tct state established,related counter name \"external_accepted_state\" accept\n"
	"\t\tip6 hoplimit 255 icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect } counter name \"external_accepted_nd\" accept\n"
	"\t\tip6 hoplimit 1 icmpv6 type { mld-listener-query, mld-listener-report, mld-listener-done, mld2-listener-report } counter name \"external_accepted_nd\" accept\n"
	"\t\ticmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect, mld-listener-query, mld-listener-report, mld-listener-done, mld2-listener-report } counter name \"external_dropped_nd_hop_limit\" drop\n"
	"\t\tct state invalid counter name \"external_dropped_invalid\" drop\n"
	"\t\tip saddr vmap @external_out_v4\n"
	"\t\tip6 saddr vmap @external_out_v6\n"
	"\t\tmeta l4proto != { tcp, udp } counter name \"external_dropped_protocol\" drop\n"
	"\t\tcounter name \"external_dropped_no_rule\" drop\n"
	"\t}\n\n"
	"\tchain internal_in {\n"
	"\t\tct state established,related counter name \"internal_accepted_state\" accept\n"
	"\t\tip6 hoplimit 255 icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect } counter name \"internal_accepted_nd\" accept\n"
	"\t\tip6 hoplimit 1 icmpv6 type { mld-listener-query, mld-listener-report, mld-listener-done, mld2-listener-report } counter name \"internal_accepted_nd\" accept\n"
	"\t\ticmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect, mld-listener-query, mld-listener-report, mld-listener-done, mld2-listener-report } counter name \"internal_dropped_nd_hop_limit\" drop\n"
	"\t\tct state invalid counter name \"internal_dropped_invalid\" drop\n"
	"\t\tip daddr vmap @internal_in_v4\n"
	"\t\tmeta l4proto != { tcp, udp } counter name \"internal_dropped_protocol\" drop\n"
	"\t\tcounter name \"internal_dropped_no_rule\" drop\n"
	"\t}\n\n"
	"\tchain internal_out {\n"
	"\t\tct state established,related counter name \"internal_accepted_state\" accept\n"
	"\t\tip6 hoplimit 255 icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect } counter name \"internal_accepted_nd\" accept\n"
	"\t\tip6 hoplimit 1 icmpv6 type { mld-listener-query, mld-listener-report, mld-listener-done, mld2-listener-report } counter name \"internal_accepted_nd\" accept\n"
	"\t\ticmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect, mld-listener-query, mld-listener-report, mld-listener-done, mld2-listener-report } counter name \"internal_dropped_nd_hop_limit\" drop\n"
	"\t\tct state invalid counter name \"internal_dropped_invalid\" drop\n"
	"\t\tip saddr vmap @internal_out_v4\n"
	"\t\tmeta l4proto != { tcp, udp } counter name \"internal_dropped_protocol\" drop\n"
	"\t\tcounter name \"internal_dropped_no_rule\" drop\n"
	"\t}\n\n"
	"\tchain external_in_access {\n"
	"\t\ttcp dport 443 counter accept comment \"row 3 access: SIP (TLS): client-to-server SIP traffic for external user access\"\n"
	"\t\ttcp dport 5061 counter accept comment \"row 4 access: SIP (MTLS): federated and public IM connectivity using SIP\"\n"
	"\t}\n\n"
	"\tchain external_in_webconf {\n"
	"\t\ttcp dport 443 counter accept comment \"row 6 webconf: PSOM (TLS): remote user access to conferences\"\n"
	"\t}\n\n"
	"\tchain external_in_av {\n"
	"\t\ttcp dport 50000-59999 counter accept comment \"row 9 av: RTP: federation with OCS 2007\"\n"
	"\t\tudp dport 50000-59999 counter accept comment \"row 10 av: RTP: federation with OCS 2007\"\n"
	"\t\tudp dport 3478 counter accept comment \"row 12 av: STUN/MSTURN: external user access to A/V sessions (UDP)\"\n"
	"\t\ttcp dport 443 counter accept comment \"row 13 av: STUN/MSTURN: external user access to A/V sessions and media (TCP)\"\n"
	"\t}\n\n"
	"\tchain external_in_rproxy {\n"
	"\t\ttcp dport 80 counter accept comment \"row 14 rproxy: HTTP: (optional) redirection to HTTPS\"\n"
	"\t\ttcp dport 443 counter accept comment \"row 15 rproxy: HTTPS: address book, web services, meeting content, updates\"\n"
	"\t}\n\n"
	"\tchain external_out_access {\n"
	"\t\ttcp dport 80 counter accept comment \"row 1 access: HTTP: checking certificate revocation lists\"\n"
	"\t\tudp dport 53 counter accept comment \"row 2 access: DNS: external DNS queries\"\n"
	"\t\ttcp dport 5061 counter accept comment \"row 5 access: SIP (MTLS): federated and public IM connectivity using SIP\"\n"
	"\t}\n\n"
	"\tchain external_out_av {\n"
	"\t\ttcp sport 50000-59999 counter accept comment \"row 7 av: RTP: desktop/application sharing, file transfer (Lync 2010, OCS 2007 R2)\"\n"
	"\t\tudp sport 50000-59999 counter accept comment \"row 8 av: RTP: federation with OCS 2007\"\n"
	"\t\tudp sport 3478 udp dport 3478 counter accept comment \"row 11 av: STUN/MSTURN: Edge version discovery and Edge-to-Edge media\"\n"
	"\t}\n\n"
	"\tchain internal_in_access_webconf_av {\n"
	"\t\tip saddr 192.168.10.90 tcp dport 5061 counter accept comment \"row 17 access: SIP (MTLS): SIP traffic from the pool Front End servers\"\n"
	"\t\tip saddr 192.168.10.91 tcp dport 5061 counter accept comment \"row 17 access: SIP (MTLS): SIP traffic from the pool Front End servers\"\n"
	"\t\tip saddr 192.168.10.90 tcp dport 4443 counter accept comment \"row 18 access: HTTPS: Central Management store replication\"\n"
	"\t\tip saddr 192.168.10.91 tcp dport 4443 counter accept comment \"row 18 access: HTTPS: Central Management store replication\"\n"
	"\t\ttcp dport 8057 counter accept comment \"row 19 webconf: PSOM (MTLS): web conferencing from pool to Edge\"\n"
	"\t\tip saddr 192.168.10.90 tcp dport 5062 counter accept comment \"row 20 av: SIP (MTLS): A/V authentication service\"\n"
	"\t\tip saddr 192.168.10.91 tcp dport 5062 counter accept comment \"row 20 av: SIP (MTLS): A/V authentication service\"\n"
	"\t\tudp dport 3478 counter accept comment \"row 21 av: STUN/MSTURN: preferred media path internal-external (UDP)\"\n"
	"\t\ttcp dport 443 counter accept comment \"row 22 av: STUN/MSTURN: alternate media path internal-external (TCP)\"\n"
	"\t}\n\n"
	"\tchain internal_out_access {\n"
	"\t\tip daddr 192.168.10.90 tcp dport 5061 counter accept comment \"row 16 access: SIP (MTLS): SIP traffic to the pool Front End servers\"\n"
	"\t\tip daddr 192.168.10.91 tcp dport 5061 counter accept comment \"row 16 access: SIP (MTLS): SIP traffic to the pool Front End servers\"\n"
	"\t}\n\n"
	"\tchain internal_out_rproxy {\n"
	"\t\tip daddr 192.168.10.190 tcp dport 8080 counter accept comment \"row 23 rproxy: HTTPS: reverse proxy to pool VIP (8080)\"\n"
	"\t\tip daddr 192.168.10.190 tcp dport 4443 counter accept comment \"row 24 rproxy: HTTPS: reverse proxy to pool VIP, external web traffic (4443)\"\n"
	"\t}\n\n"
	"}\n";

/* Lines of text that contain needle. */
static int count_lines_with(const char *text, const char *needle)
{
	const char *p = text, *nl;
	int n = 0;

	while (p && *p) {
		nl = strchr(p, '\n');
		if (strstr(p, needle) && (!nl || strstr(p, needle) < nl))
			n++;
		p = nl ? nl + 1 : NULL;
	}
	return n;
}

/* Run edgectl with args; its exit status, stdout and stderr (free them). */
static int run_edgectl(const char *edgectl, const char *const *args,
		       char **out, char **err)
{
	char *argv[8];
	int n = 0, status;
	pid_t pid;

	argv[n++] = (char *)"edgectl";
	while (*args && n < 7)
		argv[n++] = (char *)*args++;
	argv[n] = NULL;
	fflush(stdout);
	redirect_begin();
	pid = fork();
	if (pid == 0) {
		execv(edgectl, argv);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	redirect_end(out, err);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void export_cli(const char *edgectl)
{
	static const struct {
		const char *args[4];
		const char *err;
	} bad[] = {
		{ { "export", NULL }, "edgectl: export needs a format: --nft\n" },
		{ { "export", "--json", NULL }, "edgectl: unknown option '--json' for export (expected --nft)\n" },
		{ { "export", "--nft", "now", NULL }, "edgectl: unexpected argument 'now' for export\n" },
	};
	char *out, *err;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		CASE("export: usage error: edgectl %s %s", bad[i].args[0],
		     bad[i].args[1] ? bad[i].args[1] : "");
		CHECK_INT(run_edgectl(edgectl, bad[i].args, &out, &err), EXIT_USAGE);
		CHECK_STR(out, "");
		CHECK_STR(err, bad[i].err);
		free(out);
		free(err);
	}
	CASE("export: bash completion offers export and --nft");
	{
		static const char script[] =
			". \"$0\"; c() { COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1));"
			" COMPREPLY=(); _edgectl; echo \"${COMPREPLY[*]}\"; };"
			" c edgectl exp; c edgectl export --n";
		char *argv[] = { (char *)"bash", (char *)"-c", (char *)script,
				 (char *)EDGECTL_COMPLETION, NULL };
		int status;
		pid_t pid;

		fflush(stdout);
		redirect_begin();
		pid = fork();
		if (pid == 0) {
			execv("/bin/bash", argv);
			_exit(127);
		}
		waitpid(pid, &status, 0);
		redirect_end(&out, &err);
		CHECK_STR(out, "export\n--nft\n");
		free(out);
		free(err);
	}

	CASE("export: listed in edgectl --help");
	CHECK_INT(run_edgectl(edgectl, (const char *const[]){ "--help", NULL },
			      &out, &err), 0);
	CHECK_CONTAINS(out, "  export --nft\n");
	free(out);
	free(err);
}

/* A management rule in the dump: kind, no role, a prefix, one port. */
static void add_mgmt_rule(struct ef_rules *rules, uint16_t n, uint8_t zone,
			  uint8_t proto, const char *prefix, uint8_t plen,
			  uint16_t port)
{
	struct ef_rule *r = ef_rules_add(rules);

	r->kind = EDGEFW_RULE_MGMT;
	r->row = n;
	r->zone = zone;
	r->dir = EDGEFW_DIR_IN;
	r->proto = proto;
	r->has_src = parse_opt_addr(prefix, &r->src);
	r->src_plen = plen;
	r->dport_min = r->dport_max = port;
	r->used_for = "management access (not in the reference)";
}

/* The lines of text from the one starting with start up to "\t}\n". */
static char *chain_of(const char *text, const char *start)
{
	const char *a = text ? strstr(text, start) : NULL;
	const char *b = a ? strstr(a, "\t}\n") : NULL;

	return a && b ? strndup(a, (size_t)(b - a) + 3) : strdup("(none)");
}

static void export_v2(void)
{
	static const char *const av[] = {
		"7 av external out tcp 10.45.16.30 50000-59999 any any",
		"8 av external out udp 10.45.16.30 50000-59999 any any",
		"26 av external out udp 10.45.16.30 any any 3478",
		"34 av external out udp 10.45.16.30 3478 any any",
		"12 av external in udp any any 10.45.16.30 3478",
		"13 av external in tcp any any 10.45.16.30 443",
		NULL
	};
	char err[EF_ERRLEN], *out, *ch;
	struct ef_config cfg;
	struct ef_rules rules;
	int ret;
	size_t i;

	make_config(&cfg, "bind ext0 external\nbind int0 internal\n");
	make_rules(&rules, ref_rules);
	add_mgmt_rule(&rules, 1, EDGEFW_ZONE_INTERNAL, IPPROTO_TCP, "10.99.0.0", 24, 22);
	add_mgmt_rule(&rules, 2, EDGEFW_ZONE_EXTERNAL, IPPROTO_UDP, "2001:db8::", 32, 161);

	CASE("export: management rules after the reference ones, entering their zone only");
	out = export_str(&cfg, &rules, err, &ret);
	CHECK_INT(ret, 0);
	ch = chain_of(out, "\tchain internal_in {");
	CHECK_CONTAINS(ch, "\t\tip daddr vmap @internal_in_v4\n"
			   "\t\tip saddr 10.99.0.0/24 tcp dport 22 counter accept comment \"management 1: management access (not in the reference)\"\n"
			   "\t\tmeta l4proto != { tcp, udp } counter name \"internal_dropped_protocol\" drop\n");
	free(ch);
	ch = chain_of(out, "\tchain external_in {");
	CHECK_CONTAINS(ch, "\t\tip6 daddr vmap @external_in_v6\n"
			   "\t\tip6 saddr 2001:db8::/32 udp dport 161 counter accept comment \"management 2: management access (not in the reference)\"\n");
	free(ch);
	CHECK_INT(count_lines_with(out, "comment \"management "), 2);
	CHECK(!strstr(out, "raw"));
	free(out);

	CASE("export: audit mode accepts and counts what no rule admits, whatever the protocol");
	cfg.flags |= EDGEFW_F_AUDIT;
	out = export_str(&cfg, &rules, err, &ret);
	ch = chain_of(out, "\tchain external_out {");
	CHECK_CONTAINS(ch, "\t\tip6 saddr vmap @external_out_v6\n"
			   "\t\tcounter name \"external_accepted_audit\" accept\n\t}\n");
	free(ch);
	CHECK_INT(count_lines_with(out, "_dropped_no_rule\" drop"), 0);
	CHECK_INT(count_lines_with(out, "_dropped_protocol\" drop"), 0);
	CHECK_INT(count_lines_with(out, "_dropped_invalid\" drop"), 4);
	CHECK_CONTAINS(out, "(edgectl export --nft, generation 42, profile lync2010, audit mode).\n");
	free(out);

	CASE("export: log-drops to an NFLOG group, before the audit");
	cfg.flags |= EDGEFW_F_LOG_DROPS;
	cfg.has_log_group = true;
	cfg.log_group = 5;
	out = export_str(&cfg, &rules, err, &ret);
	CHECK_CONTAINS(out, "\t\tlog prefix \"edgefw drop internal in: \" group 5\n"
			    "\t\tcounter name \"internal_accepted_audit\" accept\n");
	CHECK_INT(count_lines_with(out, "limit rate"), 0);
	free(out);
	ef_rules_free(&rules);

	CASE("export: stateless media: the media rows untracked before conntrack, in the module's order");
	cfg.flags = EDGEFW_F_STATELESS_MEDIA;
	make_rules(&rules, av);
	rules.v[1].stateless = rules.v[3].stateless = rules.v[4].stateless = true;
	rules.v[3].kind = EDGEFW_RULE_REPLY;
	out = export_str(&cfg, &rules, err, &ret);
	CHECK_INT(ret, 0);
	CHECK_CONTAINS(out, "(edgectl export --nft, generation 42, profile lync2010, stateless media).\n");
	CHECK_CONTAINS(out, "\tchain raw_prerouting {\n"
			    "\t\ttype filter hook prerouting priority raw; policy accept;\n"
			    "\t\tiifname vmap { \"ext0\" : jump raw_external_in, \"int0\" : jump raw_internal_in }\n"
			    "\t}\n");
	CHECK_CONTAINS(out, "\tchain raw_output {\n"
			    "\t\ttype filter hook output priority raw; policy accept;\n"
			    "\t\toifname vmap { \"ext0\" : jump raw_external_out, \"int0\" : jump raw_internal_out }\n"
			    "\t}\n");
	CHECK_CONTAINS(out, "\tmap raw_external_in_v4 {\n"
			    "\t\ttype ipv4_addr : verdict\n"
			    "\t\telements = {\n\t\t\t10.45.16.30 : jump raw_external_in_av\n\t\t}\n\t}\n");
	CHECK_CONTAINS(out, "\tchain raw_external_out {\n\t\tip saddr vmap @raw_external_out_v4\n\t}\n");
	CHECK_CONTAINS(out, "\tchain raw_internal_in {\n\t}\n");
	CHECK_CONTAINS(out, "\tchain raw_external_out_av {\n"
			    "\t\tudp sport 50000-59999 notrack comment \"row 8 av: RTP: federation with OCS 2007\"\n"
			    "\t\tudp dport 3478 return comment \"row 26 av\"\n"
			    "\t\tudp sport 3478 notrack comment \"row 34 av\"\n"
			    "\t}\n");
	CHECK_CONTAINS(out, "\tchain raw_external_in_av {\n"
			    "\t\tudp dport 3478 notrack comment \"row 12 av: STUN/MSTURN: external user access to A/V sessions (UDP)\"\n"
			    "\t}\n");
	/* the rules that admit them are the same, answers included */
	CHECK_CONTAINS(out, "\tchain external_out_av {\n"
			    "\t\ttcp sport 50000-59999 counter accept comment \"row 7 av: RTP: desktop/application sharing, file transfer (Lync 2010, OCS 2007 R2)\"\n"
			    "\t\tudp sport 50000-59999 counter accept comment \"row 8 av: RTP: federation with OCS 2007\"\n"
			    "\t\tudp dport 3478 counter accept comment \"row 26 av\"\n"
			    "\t\tudp sport 3478 counter accept comment \"row 34 av\"\n"
			    "\t}\n");
	free(out);

	CASE("export: stateless media off: no raw chains, whatever the rules say");
	cfg.flags = 0;
	out = export_str(&cfg, &rules, err, &ret);
	CHECK(!strstr(out, "raw_"));
	CHECK(!strstr(out, "notrack"));
	free(out);

	CASE("export: a stateful UDP rule after the last stateless one is not in the raw chain");
	cfg.flags = EDGEFW_F_STATELESS_MEDIA;
	rules.v[3].stateless = false;
	out = export_str(&cfg, &rules, err, &ret);
	ch = chain_of(out, "\tchain raw_external_out_av {");
	CHECK_STR(ch, "\tchain raw_external_out_av {\n"
		      "\t\tudp sport 50000-59999 notrack comment \"row 8 av: RTP: federation with OCS 2007\"\n"
		      "\t}\n");
	free(ch);
	free(out);
	ef_rules_free(&rules);

	CASE("export: rules of one address in the order of the dump, the module's, not by row");
	{
		static const char *const shared[] = {
			"25 access external out tcp 10.45.16.30 any any 53",
			"7 av external out tcp 10.45.16.30 50000-59999 any any",
			NULL
		};

		make_rules(&rules, shared);
		out = export_str(&cfg, &rules, err, &ret);
		CHECK_CONTAINS(out, "\tchain external_out_access_av {\n"
				    "\t\ttcp dport 53 counter accept comment \"row 25 access\"\n"
				    "\t\ttcp sport 50000-59999 counter accept");
		free(out);
		for (i = 0; i < rules.n; i++)
			rules.v[i].seq = rules.n - i;
		out = export_str(&cfg, &rules, err, &ret);
		CHECK_CONTAINS(out, "\tchain external_out_access_av {\n"
				    "\t\ttcp sport 50000-59999 counter accept");
		free(out);
		ef_rules_free(&rules);
	}
	ef_config_free(&cfg);
}

void suite_export(const char *edgectl)
{
	char err[EF_ERRLEN] = "", *out, *out2;
	struct ef_config cfg;
	struct ef_rules rules, rev;
	size_t i;
	int ret;

	CASE("export: the reference configuration as nftables text");
	make_config(&cfg, ref_conf);
	make_rules(&rules, ref_rules);
	out = export_str(&cfg, &rules, err, &ret);
	CHECK_INT(ret, 0);
	CHECK_STR(out, ref_expected);

	CASE("export: the text does not depend on how the rules were sorted after the dump");
	ef_rules_init(&rev);
	for (i = rules.n; i-- > 0;)
		*ef_rules_add(&rev) = rules.v[i];
	rev.has_generation = true;
	rev.generation = 42;
	out2 = export_str(&cfg, &rev, err, &ret);
	CHECK_STR(out2, ref_expected);
	free(out2);
	free(rev.v);			/* the texts belong to rules */

	CASE("export: one rule per rule of the dump, each with a counter");
	/* 33 rules, of which access's IPv6 address shares 5 with its IPv4 one */
	CHECK_INT(rules.n, 33);
	CHECK_INT(count_lines_with(out, "counter accept comment \"row "), 28);
	free(out);

	CASE("export: many addresses of a role share its chains, one map element each");
	{
		static const char *const many[] = {
			"3 access external in tcp any any 10.45.16.10 443",
			"3 access external in tcp any any 10.45.16.11 443",
			"3 access external in tcp any any 10.45.16.12 443",
			"4 access external in tcp any any 10.45.16.12 5061",
			"4 access external in tcp any any 10.45.16.11 5061",
			"4 access external in tcp any any 10.45.16.10 5061",
			"6 webconf external in tcp any any 10.45.16.11 443",
			NULL
		};

		ef_rules_free(&rules);
		make_rules(&rules, many);
		out = export_str(&cfg, &rules, err, &ret);
		CHECK_INT(ret, 0);
		CHECK_CONTAINS(out, "\t\t\t10.45.16.10 : jump external_in_access,\n"
				    "\t\t\t10.45.16.11 : jump external_in_access_webconf,\n"
				    "\t\t\t10.45.16.12 : jump external_in_access\n");
		CHECK_CONTAINS(out, "\tchain external_in_access_webconf {\n"
				    "\t\ttcp dport 443 counter accept comment \"row 3 access: SIP (TLS): client-to-server SIP traffic for external user access\"\n"
				    "\t\ttcp dport 5061 counter accept comment \"row 4 access: SIP (MTLS): federated and public IM connectivity using SIP\"\n"
				    "\t\ttcp dport 443 counter accept comment \"row 6 webconf: PSOM (TLS): remote user access to conferences\"\n"
				    "\t}\n");
		CHECK_INT(count_lines_with(out, "\tchain external_in_access"), 2);
		CHECK_INT(count_lines_with(out, "ip6 daddr vmap"), 0);
		CHECK_INT(count_lines_with(out, "@external_out"), 0);
		free(out);
	}

	CASE("export: addresses of one role with different rules get distinct chain names");
	{
		static const char *const differ[] = {
			"3 access external in tcp any any 10.45.16.10 443",
			"3 access external in tcp any any 10.45.16.11 443",
			"4 access external in tcp any any 10.45.16.11 5061",
			NULL
		};

		ef_rules_free(&rules);
		make_rules(&rules, differ);
		out = export_str(&cfg, &rules, err, &ret);
		CHECK_INT(ret, 0);
		CHECK_CONTAINS(out, "10.45.16.10 : jump external_in_access,\n");
		CHECK_CONTAINS(out, "10.45.16.11 : jump external_in_access_2\n");
		CHECK_INT(count_lines_with(out, "\tchain external_in_access {"), 1);
		CHECK_INT(count_lines_with(out, "\tchain external_in_access_2 {"), 1);
		free(out);
	}

	CASE("export: log-drops logs, rate-limited, before the zone's drops");
	cfg.flags |= EDGEFW_F_LOG_DROPS;
	out = export_str(&cfg, &rules, err, &ret);
	CHECK_INT(ret, 0);
	CHECK_CONTAINS(out, "\t\tip daddr vmap @external_in_v4\n"
			    "\t\tlimit rate 2/second burst 10 packets log prefix \"edgefw drop external in: \" level info\n"
			    "\t\tmeta l4proto != { tcp, udp } counter name \"external_dropped_protocol\" drop\n");
	CHECK_INT(count_lines_with(out, " log prefix "), 4);
	free(out);
	ef_config_free(&cfg);

	CASE("export: nothing bound: hook chains without a dispatch, nothing dropped");
	make_config(&cfg, "add-role access --ip 10.45.16.10\n");
	out = export_str(&cfg, &rules, err, &ret);
	CHECK_INT(ret, 0);
	CHECK_CONTAINS(out, "\tchain prerouting {\n"
			    "\t\ttype filter hook prerouting priority -190; policy accept;\n"
			    "\t}\n");
	CHECK_CONTAINS(out, "\tchain postrouting {\n"
			    "\t\ttype filter hook postrouting priority 200; policy accept;\n"
			    "\t}\n");
	CHECK_INT(count_lines_with(out, "ifname vmap"), 0);
	free(out);

	CASE("export: no rules: zone chains drop everything but state and ND");
	ef_config_free(&cfg);
	make_config(&cfg, "bind ext0 external\n");
	ef_rules_free(&rules);
	ef_rules_init(&rules);
	out = export_str(&cfg, &rules, err, &ret);
	CHECK_INT(ret, 0);
	CHECK_CONTAINS(out, "iifname vmap { \"ext0\" : jump external_in }\n");
	CHECK_INT(count_lines_with(out, "vmap @"), 0);
	CHECK_INT(count_lines_with(out, "\tmap "), 0);
	CHECK_CONTAINS(out, "# The edgefw policy as an nftables ruleset (edgectl export --nft, profile lync2010).\n");
	free(out);

	CASE("export: a comment longer than nft allows is cut; quotes replaced");
	{
		static const char *const one[] = {
			"3 access external in tcp any any 10.45.16.10 443", NULL
		};
		char longtext[300];

		make_rules(&rules, one);
		memset(longtext, 'x', sizeof(longtext) - 1);
		longtext[sizeof(longtext) - 1] = '\0';
		memcpy(longtext, "say \"hi\"", 8);
		rules.v[0].used_for = ef_rules_intern(&rules, longtext);
		out = export_str(&cfg, &rules, err, &ret);
		CHECK_INT(ret, 0);
		CHECK_CONTAINS(out, "comment \"row 3 access: say 'hi'xxx");
		{
			const char *c = out ? strstr(out, "comment \"") : NULL;
			const char *e = c ? strchr(c + 9, '"') : NULL;

			CHECK(c && e && e - (c + 9) == 127);
		}
		free(out);
		ef_rules_free(&rules);
	}

	CASE("export: a rule that is not TCP or UDP cannot be exported");
	{
		static const char *const one[] = {
			"3 access external in tcp any any 10.45.16.10 443", NULL
		};

		make_rules(&rules, one);
		rules.v[0].proto = 132;
		out = export_str(&cfg, &rules, err, &ret);
		CHECK_INT(ret, -1);
		CHECK_STR(err, "row 3: protocol 132: not TCP or UDP");
		free(out);
		rules.v[0].proto = IPPROTO_TCP;
		rules.v[0].has_dst = false;
		out = export_str(&cfg, &rules, err, &ret);
		CHECK_INT(ret, -1);
		CHECK_STR(err, "row 3: a rule without the edge's address");
		free(out);
		rules.v[0].has_dst = true;
		rules.v[0].zone = 9;
		out = export_str(&cfg, &rules, err, &ret);
		CHECK_INT(ret, -1);
		CHECK_STR(err, "row 3: zone 9, direction 0: unknown to this edgectl");
		free(out);
		ef_rules_free(&rules);
	}

	CASE("export: an interface name nft cannot quote is refused");
	ef_rules_init(&rules);
	snprintf(cfg.bindings[0].ifname, sizeof(cfg.bindings[0].ifname), "a\"b");
	out = export_str(&cfg, &rules, err, &ret);
	CHECK_INT(ret, -1);
	CHECK_STR(err, "interface name 'a\"b' cannot be written in nftables syntax");
	free(out);
	ef_rules_free(&rules);
	ef_config_free(&cfg);
	export_v2();
	if (edgectl)
		export_cli(edgectl);
}
