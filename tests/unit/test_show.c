// SPDX-License-Identifier: GPL-2.0
/* Human output: cells, aligned tables, absent interfaces, empty state. */
#include <netinet/in.h>
#include <stdlib.h>

#include "../../ctl/save.h"
#include "../../ctl/show.h"
#include "../../ctl/table.h"
#include "../../ctl/util.h"
#include "unit.h"

static const char conf[] =
	"bind ext0 external\n"
	"bind int0 internal\n"
	"set-pool --front-end 192.168.10.90 --front-end 192.168.10.91 --vip 192.168.10.190\n"
	"add-role access --ip 10.45.16.10 --ip 10.45.16.11 --internal-ip 172.25.33.10\n"
	"add-role av --ip 10.45.16.30 --media-range ocs2007\n"
	"http-redirect on\n";

static const char show_expected[] =
	"http-redirect on, log-drops off (generation 31)\n"
	"\n"
	"INTERFACE      ZONE\n"
	"ext0           external\n"
	"int0 (absent)  internal\n"
	"\n"
	"POOL       ADDRESS\n"
	"front-end  192.168.10.90\n"
	"front-end  192.168.10.91\n"
	"vip        192.168.10.190\n"
	"\n"
	"ROLE    ADDRESS      INTERNAL      MEDIA-RANGE\n"
	"access  10.45.16.10  172.25.33.10  -\n"
	"access  10.45.16.11  172.25.33.10  -\n"
	"av      10.45.16.30  -             ocs2007\n"
	"\n"
	"ROLE    ROW  ZONE      DIR  PROTO  SOURCE         SPORT        DESTINATION   DPORT               PACKETS          BYTES  USED FOR\n"
	"access    1  external  out  tcp    10.45.16.10    any          any           80                       12            720  HTTP: checking certificate revocation lists\n"
	"access    3  external  in   tcp    any            any          10.45.16.10   443    18446744073709551615  1099511627776  SIP (TLS): client-to-server \"SIP\" traffic?for external user access\n"
	"av        7  external  out  tcp    10.45.16.30    50000-59999  any           any                       0              0  RTP: desktop sharing\n"
	"access   17  internal  in   tcp    192.168.10.90  any          172.25.33.10  5061                      3            180  HTTP: checking certificate revocation lists\n"
	"\n"
	"ZONE      ACCEPTED-STATE  ACCEPTED-ND  DROPPED-NO-RULE  DROPPED-BAD-HEADER  DROPPED-PROTOCOL  DROPPED-FRAGMENT  DROPPED-INVALID  DROPPED-ND-HOP-LIMIT  ACCEPTED-AUDIT\n"
	"external             102          103              104                 105               106               107              108                   109             110\n"
	"internal             202          203              204                 205               206               207              208                   209             210\n";
static const char counters_expected[] =
	"ROLE    ROW  ZONE      DIR  PROTO  SOURCE         SPORT        DESTINATION   DPORT               PACKETS          BYTES\n"
	"access    1  external  out  tcp    10.45.16.10    any          any           80                       12            720\n"
	"access    3  external  in   tcp    any            any          10.45.16.10   443    18446744073709551615  1099511627776\n"
	"av        7  external  out  tcp    10.45.16.30    50000-59999  any           any                       0              0\n"
	"access   17  internal  in   tcp    192.168.10.90  any          172.25.33.10  5061                      3            180\n"
	"\n"
	"ZONE      ACCEPTED-STATE  ACCEPTED-ND  DROPPED-NO-RULE  DROPPED-BAD-HEADER  DROPPED-PROTOCOL  DROPPED-FRAGMENT  DROPPED-INVALID  DROPPED-ND-HOP-LIMIT  ACCEPTED-AUDIT\n"
	"external             102          103              104                 105               106               107              108                   109             110\n"
	"internal             202          203              204                 205               206               207              208                   209             210\n";

void suite_show(void)
{
	char buf[16], pr[8], err[EF_ERRLEN], ip[EF_ADDRSTRLEN];
	struct ef_config cfg;
	struct ef_rules rules;
	struct capture c;
	struct table t;
	const char *out;
	FILE *f;

	CASE("show: port ranges and protocols");
	CHECK_STR(ef_port_range_str(0, 65535, buf), "any");
	CHECK_STR(ef_port_range_str(443, 443, buf), "443");
	CHECK_STR(ef_port_range_str(50000, 59999, buf), "50000-59999");
	CHECK_STR(ef_port_range_str(0, 0, buf), "0");
	CHECK_STR(ef_port_range_str(1024, 65535, buf), "1024-65535");
	CHECK_STR(ef_proto_str(IPPROTO_TCP, pr), "tcp");
	CHECK_STR(ef_proto_str(IPPROTO_UDP, pr), "udp");
	CHECK_STR(ef_proto_str(132, pr), "132");

	CASE("show: table aligns columns, right-aligns numbers, no trailing blanks");
	table_init(&t, 3, 1U << 1);
	table_row(&t, (const char *[]){ "NAME", "COUNT", "NOTE" });
	table_row(&t, (const char *[]){ "a", "1", "x" });
	table_row(&t, (const char *[]){ "caf\xc3\xa9-long", "12345", "" });
	table_print(&t, capture_open(&c));
	out = capture_close(&c);
	CHECK_STR(out, "NAME       COUNT  NOTE\n"
		       "a              1  x\n"
		       "caf\xc3\xa9-long  12345  \n");
	free(c.buf);
	table_free(&t);

	f = fmemopen((void *)conf, strlen(conf), "r");
	CHECK_INT(ef_restore_read(f, &cfg, NULL, err, sizeof(err)), 0);
	fclose(f);
	cfg.generation = 31;
	cfg.bindings[0].ifindex = 2;	/* int0 stays 0: absent */
	CHECK_INT(parse_canned_rules(&rules, err), 0);

	CASE("show: the whole text");
	ef_show_text(capture_open(&c), &cfg, &rules);
	out = capture_close(&c);
	CHECK_STR(out, show_expected);
	if (getenv("SHOW_OUTPUT"))
		fputs(out, stdout);
	free(c.buf);

	CASE("counters: the whole text");
	ef_counters_text(capture_open(&c), &rules);
	out = capture_close(&c);
	CHECK_STR(out, counters_expected);
	if (getenv("SHOW_OUTPUT"))
		fputs(out, stdout);
	free(c.buf);

	CASE("show --unused: the rules that have counted no packet");
	ef_unused_text(capture_open(&c), &rules);
	out = capture_close(&c);
	CHECK_STR(out,
		  "ROLE  ROW  ZONE      DIR  PROTO  SOURCE       SPORT        DESTINATION  DPORT  PACKETS  BYTES  USED FOR\n"
		  "av      7  external  out  tcp    10.45.16.30  50000-59999  any          any          0      0  RTP: desktop sharing\n");
	free(c.buf);
	ef_unused_json(capture_open(&c), &rules);
	out = capture_close(&c);
	CHECK(json_valid(out));
	{
		static const char head[] = "{\n  \"json_schema_version\": 1,\n  \"generation\": 31,\n"
			"  \"rules\": [\n    {\n      \"role\": \"av\",\n      \"row\": 7,";

		CHECK(!strncmp(out, head, strlen(head)));
	}
	CHECK(!strstr(out, "\"row\": 1,"));
	CHECK(!strstr(out, "\"zones\""));
	free(c.buf);

	CASE("show --unused: none, and no rules at all");
	{
		struct ef_rules none;
		size_t i;

		ef_rules_init(&none);
		ef_unused_text(capture_open(&c), &none);
		CHECK_STR(capture_close(&c), "no rules\n");
		free(c.buf);
		for (i = 0; i < rules.n; i++)
			if (!rules.v[i].packets)
				rules.v[i].packets = 1;
		ef_unused_text(capture_open(&c), &rules);
		CHECK_STR(capture_close(&c), "no unused rule: every rule has counted packets\n");
		free(c.buf);
		ef_unused_json(capture_open(&c), &rules);
		out = capture_close(&c);
		CHECK_CONTAINS(out, "\"rules\": []");
		free(c.buf);
		ef_rules_free(&rules);
		CHECK_INT(parse_canned_rules(&rules, err), 0);
	}

	CASE("show: rules sort by row, then addresses (any first)");
	{
		struct ef_rule extra = rules.v[3];

		extra.has_src = false;
		*ef_rules_add(&rules) = extra;		/* row 17, source any */
		rules.v[0].row = 17;			/* row 17, 10.45.16.10 */
		rules.v[0].zone = EDGEFW_ZONE_INTERNAL;
		ef_rules_sort(&rules);
		CHECK_INT(rules.v[0].row, 3);
		CHECK_INT(rules.v[1].row, 7);
		CHECK_INT(rules.v[2].row, 17);
		CHECK(!rules.v[2].has_src);
		CHECK_STR(ef_addr_str(&rules.v[3].src, ip), "10.45.16.10");
		CHECK_STR(ef_addr_str(&rules.v[4].src, ip), "192.168.10.90");
	}

	CASE("show: values newer than edgectl are shown as numbers");
	rules.v[0].role = 9;
	rules.v[0].zone = 5;
	rules.v[0].dir = 4;
	ef_counters_text(capture_open(&c), &rules);
	out = capture_close(&c);
	CHECK_CONTAINS(out, "\n9 ");
	free(c.buf);
	ef_rules_free(&rules);
	ef_config_free(&cfg);

	CASE("show: empty configuration");
	ef_config_init(&cfg);
	ef_rules_init(&rules);
	ef_show_text(capture_open(&c), &cfg, &rules);
	out = capture_close(&c);
	CHECK_STR(out, "http-redirect off, log-drops off (generation 0)\n\n"
		       "no interface bound: edgefw filters nothing\n\n"
		       "no pool: rules towards the pool are not in force\n\n"
		       "no roles\n\n"
		       "no rules\n\n");
	free(c.buf);
	canned_rules_free();
}
