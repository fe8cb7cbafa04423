// SPDX-License-Identifier: GPL-2.0
/*
 * counters --prometheus: the exposition format, its escaping, the labels
 * of every kind of rule (reference, management, answer; rows that name a
 * remote address), series that never repeat, metrics never interleaved.
 */
#include <netinet/in.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <stdlib.h>

#include "../../ctl/msg.h"
#include "../../ctl/prometheus.h"
#include "../../ctl/util.h"
#include "unit.h"

struct rule_attrs {
	int kind;			/* -1: absent (older modules) */
	int role;			/* -1: absent (management) */
	uint16_t row;
	uint8_t zone, dir, proto;
	const char *src, *dst;
	int src_plen;			/* -1: absent */
	uint64_t packets, bytes;
};

static void put_addr(struct nl_msg *m, int type, const char *s)
{
	struct ef_addr a;
	const char *why;

	if (ef_addr_parse(s, &a, &why))
		abort();
	nla_put(m, type, (int)ef_addr_len(&a), a.bytes);
}

static void put_rule(struct nl_msg *m, const struct rule_attrs *r)
{
	struct nlattr *n = nla_nest_start(m, EDGEFW_A_RULE);

	if (r->kind >= 0)
		nla_put_u8(m, EDGEFW_RULE_A_KIND, (uint8_t)r->kind);
	if (r->role >= 0)
		nla_put_u8(m, EDGEFW_RULE_A_ROLE, (uint8_t)r->role);
	nla_put_u16(m, EDGEFW_RULE_A_ROW, r->row);
	nla_put_u8(m, EDGEFW_RULE_A_ZONE, r->zone);
	nla_put_u8(m, EDGEFW_RULE_A_DIR, r->dir);
	nla_put_u8(m, EDGEFW_RULE_A_PROTO, r->proto);
	if (r->src)
		put_addr(m, EDGEFW_RULE_A_SRC, r->src);
	if (r->src_plen >= 0)
		nla_put_u8(m, EDGEFW_RULE_A_SRC_PREFIX_LEN, (uint8_t)r->src_plen);
	if (r->dst)
		put_addr(m, EDGEFW_RULE_A_DST, r->dst);
	nla_put_u64(m, EDGEFW_RULE_A_PACKETS, r->packets);
	nla_put_u64(m, EDGEFW_RULE_A_BYTES, r->bytes);
	nla_nest_end(m, n);
}

#define EXT EDGEFW_ZONE_EXTERNAL
#define INT EDGEFW_ZONE_INTERNAL
#define IN EDGEFW_DIR_IN
#define OUT EDGEFW_DIR_OUT

static const struct rule_attrs dump[] = {
	{ EDGEFW_RULE_REFERENCE, EDGEFW_ROLE_ACCESS, 3, EXT, IN, IPPROTO_TCP,
	  NULL, "10.45.16.10", -1, 5, 300 },
	{ EDGEFW_RULE_REFERENCE, EDGEFW_ROLE_ACCESS, 3, EXT, IN, IPPROTO_TCP,
	  NULL, "2001:db8:45:16::10", -1, 0, 0 },
	/* one row, two Front End servers: remote_address tells them apart */
	{ EDGEFW_RULE_REFERENCE, EDGEFW_ROLE_ACCESS, 16, INT, OUT, IPPROTO_TCP,
	  "172.25.33.10", "192.168.10.90", -1, 7, 420 },
	{ EDGEFW_RULE_REFERENCE, EDGEFW_ROLE_ACCESS, 16, INT, OUT, IPPROTO_TCP,
	  "172.25.33.10", "192.168.10.91", -1, 1, 60 },
	/* management: no role, its row numbers are its own, from a prefix */
	{ EDGEFW_RULE_MGMT, -1, 1, INT, IN, IPPROTO_TCP, "10.99.0.0", NULL, 24,
	  9, 540 },
	{ EDGEFW_RULE_REPLY, EDGEFW_ROLE_AV, 34, EXT, OUT, IPPROTO_UDP,
	  "10.45.16.30", NULL, -1, 18446744073709551615ULL, 1ULL << 40 },
	/* an older module: no kind; a zone newer than edgectl */
	{ -1, EDGEFW_ROLE_WEBCONF, 6, 5, IN, IPPROTO_TCP, NULL, "10.45.16.20",
	  -1, 2, 120 },
};

static const char expected[] =
	"# HELP edgefw_rule_packets_total Packets a rule of edgefw admitted: the first of each connection (the others count as reason accepted_state of their zone), every one for a stateless rule.\n"
	"# TYPE edgefw_rule_packets_total counter\n"
	"edgefw_rule_packets_total{zone=\"external\",direction=\"in\",role=\"access\",row=\"3\",protocol=\"tcp\",local_address=\"10.45.16.10\"} 5\n"
	"edgefw_rule_packets_total{zone=\"external\",direction=\"in\",role=\"access\",row=\"3\",protocol=\"tcp\",local_address=\"2001:db8:45:16::10\"} 0\n"
	"edgefw_rule_packets_total{zone=\"internal\",direction=\"out\",role=\"access\",row=\"16\",protocol=\"tcp\",local_address=\"172.25.33.10\",remote_address=\"192.168.10.90\"} 7\n"
	"edgefw_rule_packets_total{zone=\"internal\",direction=\"out\",role=\"access\",row=\"16\",protocol=\"tcp\",local_address=\"172.25.33.10\",remote_address=\"192.168.10.91\"} 1\n"
	"edgefw_rule_packets_total{kind=\"management\",zone=\"internal\",direction=\"in\",row=\"1\",protocol=\"tcp\",remote_address=\"10.99.0.0/24\"} 9\n"
	"edgefw_rule_packets_total{kind=\"answer\",zone=\"external\",direction=\"out\",role=\"av\",row=\"34\",protocol=\"udp\",local_address=\"10.45.16.30\"} 18446744073709551615\n"
	"edgefw_rule_packets_total{zone=\"5\",direction=\"in\",role=\"webconf\",row=\"6\",protocol=\"tcp\",local_address=\"10.45.16.20\"} 2\n"
	"# HELP edgefw_rule_bytes_total Bytes of the packets a rule of edgefw admitted.\n"
	"# TYPE edgefw_rule_bytes_total counter\n"
	"edgefw_rule_bytes_total{zone=\"external\",direction=\"in\",role=\"access\",row=\"3\",protocol=\"tcp\",local_address=\"10.45.16.10\"} 300\n"
	"edgefw_rule_bytes_total{zone=\"external\",direction=\"in\",role=\"access\",row=\"3\",protocol=\"tcp\",local_address=\"2001:db8:45:16::10\"} 0\n"
	"edgefw_rule_bytes_total{zone=\"internal\",direction=\"out\",role=\"access\",row=\"16\",protocol=\"tcp\",local_address=\"172.25.33.10\",remote_address=\"192.168.10.90\"} 420\n"
	"edgefw_rule_bytes_total{zone=\"internal\",direction=\"out\",role=\"access\",row=\"16\",protocol=\"tcp\",local_address=\"172.25.33.10\",remote_address=\"192.168.10.91\"} 60\n"
	"edgefw_rule_bytes_total{kind=\"management\",zone=\"internal\",direction=\"in\",row=\"1\",protocol=\"tcp\",remote_address=\"10.99.0.0/24\"} 540\n"
	"edgefw_rule_bytes_total{kind=\"answer\",zone=\"external\",direction=\"out\",role=\"av\",row=\"34\",protocol=\"udp\",local_address=\"10.45.16.30\"} 1099511627776\n"
	"edgefw_rule_bytes_total{zone=\"5\",direction=\"in\",role=\"webconf\",row=\"6\",protocol=\"tcp\",local_address=\"10.45.16.20\"} 120\n"
	"# HELP edgefw_zone_packets_total Packets on the bound interfaces of a zone that no rule counted, by verdict and reason.\n"
	"# TYPE edgefw_zone_packets_total counter\n"
	"edgefw_zone_packets_total{zone=\"external\",reason=\"accepted_state\"} 0\n"
	"edgefw_zone_packets_total{zone=\"external\",reason=\"accepted_nd\"} 0\n"
	"edgefw_zone_packets_total{zone=\"external\",reason=\"dropped_no_rule\"} 17\n"
	"edgefw_zone_packets_total{zone=\"external\",reason=\"dropped_bad_header\"} 0\n"
	"edgefw_zone_packets_total{zone=\"external\",reason=\"dropped_protocol\"} 0\n"
	"edgefw_zone_packets_total{zone=\"external\",reason=\"dropped_fragment\"} 0\n"
	"edgefw_zone_packets_total{zone=\"external\",reason=\"dropped_invalid\"} 0\n"
	"edgefw_zone_packets_total{zone=\"external\",reason=\"dropped_nd_hop_limit\"} 0\n"
	"edgefw_zone_packets_total{zone=\"external\",reason=\"accepted_audit\"} 4\n"
	"# HELP edgefw_config_generation Generation of the configuration in force: it changes with every change.\n"
	"# TYPE edgefw_config_generation gauge\n"
	"edgefw_config_generation 31\n"
	"# HELP edgefw_info Versions of edgectl, of the edgefw module and of the netlink protocol they speak; always 1.\n"
	"# TYPE edgefw_info gauge\n"
	"edgefw_info{version=\"0.2.0\",module_version=\"0.2.0~rc1\",protocol=\"2\"} 1\n";

static int parse_dump(struct ef_rules *rules, char *err)
{
	struct nl_msg *m = unit_genl_msg(EDGEFW_CMD_GET_RULES);
	struct nlattr *n;
	size_t i;
	int r;

	nla_put_u32(m, EDGEFW_A_GENERATION, 31);
	for (i = 0; i < ARRAY_SIZE(dump); i++)
		put_rule(m, &dump[i]);
	n = nla_nest_start(m, EDGEFW_A_ZONE_STATS);
	nla_put_u8(m, EDGEFW_ZSTAT_A_ZONE, EXT);
	nla_put_u64(m, EDGEFW_ZSTAT_A_DROP_NO_RULE, 17);
	nla_put_u64(m, EDGEFW_ZSTAT_A_ACCEPT_AUDIT, 4);
	nla_nest_end(m, n);
	ef_rules_init(rules);
	r = ef_msg_parse_rules(nlmsg_hdr(m), rules, err, EF_ERRLEN);
	nlmsg_free(m);
	return r;
}

/* Each metric's lines together, HELP and TYPE first; no series twice. */
static void check_well_formed(const char *text)
{
	char *copy = strdup(text), *line, *save = NULL;
	char *seen[128], *names[16], name[64];
	size_t nseen = 0, nnames = 0, i;

	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#') {
			CHECK(!strncmp(line, "# HELP ", 7) || !strncmp(line, "# TYPE ", 7));
			continue;
		}
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(line, "{ "), line);
		if (!nnames || strcmp(names[nnames - 1], name)) {
			for (i = 0; i < nnames; i++)
				CHECK(strcmp(names[i], name));	/* interleaved */
			if (nnames < ARRAY_SIZE(names))
				names[nnames++] = strdup(name);
		}
		*strrchr(line, ' ') = '\0';
		for (i = 0; i < nseen; i++)
			CHECK(strcmp(seen[i], line));
		if (nseen < ARRAY_SIZE(seen))
			seen[nseen++] = line;
	}
	CHECK_INT(nnames, 5);
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(copy);
}

void suite_prometheus(void)
{
	struct ef_info info = { "0.2.0~rc1", true, 2, 2 };
	char err[EF_ERRLEN] = "";
	struct ef_rules rules;
	struct capture c;
	const char *s;

	CASE("prometheus: a label value escapes backslash, quote and newline only");
	ef_prom_label_value(capture_open(&c), "C:\\edge \"ext\"\n\ttab é");
	CHECK_STR(capture_close(&c), "\"C:\\\\edge \\\"ext\\\"\\n\ttab é\"");
	free(c.buf);
	ef_prom_label_value(capture_open(&c), "");
	CHECK_STR(capture_close(&c), "\"\"");
	free(c.buf);

	CASE("prometheus: rules of every kind, zones, generation, versions");
	CHECK_INT(parse_dump(&rules, err), 0);
	CHECK_STR(err, "");
	ef_prometheus_write(capture_open(&c), &rules, "0.2.0", &info);
	s = capture_close(&c);
	CHECK_STR(s, expected);

	CASE("prometheus: each metric's lines together, no series twice");
	check_well_formed(s);
	free(c.buf);

	CASE("prometheus: a module that did not say its version");
	ef_prometheus_write(capture_open(&c), &rules, "0.2.0", NULL);
	s = capture_close(&c);
	CHECK_CONTAINS(s, "\nedgefw_info{version=\"0.2.0\",module_version=\"unknown\",protocol=\"2\"} 1\n");
	free(c.buf);
	ef_rules_free(&rules);

	CASE("prometheus: no rules, no zones, no generation: headers and info");
	ef_rules_init(&rules);
	ef_prometheus_write(capture_open(&c), &rules, "0.2.0", &info);
	s = capture_close(&c);
	CHECK_CONTAINS(s, "# TYPE edgefw_rule_packets_total counter\n# HELP edgefw_rule_bytes_total");
	CHECK(!strstr(s, "edgefw_config_generation"));
	CHECK_CONTAINS(s, "\nedgefw_info{");
	free(c.buf);
}
