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
	"profile lync2010, mode enforce, http-redirect on, log-drops off, stateless-media off (generation 31)\n"
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

/* A rule of the dump, in few words: row, kind, role, zone, dir, proto. */
static struct ef_rule *add_rule(struct ef_rules *rules, uint16_t row,
				uint8_t kind, uint8_t role, uint8_t zone,
				uint8_t dir, uint8_t proto, const char *src,
				unsigned int plen, const char *dst)
{
	struct ef_rule *r = ef_rules_add(rules);
	const char *why;

	r->row = row;
	r->kind = kind;
	r->role = role;
	r->zone = zone;
	r->dir = dir;
	r->proto = proto;
	r->has_src = src && !ef_addr_parse_any(src, &r->src, &why);
	r->src_plen = (uint8_t)plen;
	r->has_dst = dst && !ef_addr_parse_any(dst, &r->dst, &why);
	return r;
}

static const char v2_conf[] =
	"profile sfb2015\n"
	"bind ext0 external\n"
	"set-pool --front-end 192.168.10.90 --director 192.168.10.80\n"
	"add-role av --ip 10.45.16.30 --media-range standard\n"
	"add-mgmt --from 10.99.0.0/24 --tcp 22\n"
	"xmpp on\n"
	"log-drops on --nflog-group 5\n"
	"mode audit\n"
	"stateless-media on\n";

static void show_v2(void)
{
	char err[EF_ERRLEN];
	struct ef_config cfg;
	struct ef_rules rules;
	struct ef_rule *r;
	struct capture c;
	const char *out;
	FILE *f;

	f = fmemopen((void *)v2_conf, strlen(v2_conf), "r");
	CHECK_INT(ef_restore_read(f, &cfg, NULL, err, sizeof(err)), 0);
	fclose(f);
	cfg.generation = 9;
	cfg.bindings[0].ifindex = 2;
	cfg.has_pending = true;
	cfg.pending_ms = 41001;
	cfg.pending_timeout = 60;
	ef_rules_init(&rules);
	r = add_rule(&rules, 34, EDGEFW_RULE_REPLY, EDGEFW_ROLE_AV,
		     EDGEFW_ZONE_EXTERNAL, EDGEFW_DIR_OUT, IPPROTO_UDP,
		     "10.45.16.30", 32, NULL);
	r->stateless = true;
	r->sport_min = r->sport_max = 3478;
	r->used_for = "answers";
	r = add_rule(&rules, 1, EDGEFW_RULE_MGMT, 0, EDGEFW_ZONE_INTERNAL,
		     EDGEFW_DIR_IN, IPPROTO_TCP, "10.99.0.0", 24, NULL);
	r->dport_min = r->dport_max = 22;
	r->packets = 7;
	r->bytes = 420;
	r = add_rule(&rules, 12, EDGEFW_RULE_REFERENCE, EDGEFW_ROLE_AV,
		     EDGEFW_ZONE_EXTERNAL, EDGEFW_DIR_IN, IPPROTO_UDP, NULL, 0,
		     "10.45.16.30");
	r->stateless = true;
	r->dport_min = r->dport_max = 3478;
	r->packets = 2;
	r = add_rule(&rules, 13, EDGEFW_RULE_REFERENCE, EDGEFW_ROLE_AV,
		     EDGEFW_ZONE_EXTERNAL, EDGEFW_DIR_IN, IPPROTO_TCP, NULL, 0,
		     "10.45.16.30");
	r->dport_min = r->dport_max = 443;
	ef_rules_sort(&rules);

	CASE("show: profile, audit, xmpp, NFLOG group, stateless media, the change that waits");
	ef_show_text(capture_open(&c), &cfg, &rules);
	out = capture_close(&c);
	if (getenv("SHOW_OUTPUT"))
		fputs(out, stdout);
	CHECK(!strncmp(out, "profile sfb2015, mode AUDIT, http-redirect off, xmpp on, log-drops on (NFLOG group 5), stateless-media on (generation 9)\n"
			    "AUDIT: what no rule admits is accepted and counted (ACCEPTED-AUDIT), not dropped\n"
			    "UNCONFIRMED: the kernel puts the previous configuration back in 42 s unless 'edgectl confirm' comes first (restore --confirm 60)\n\n",
		       strlen("profile sfb2015, mode AUDIT, http-redirect off, xmpp on, log-drops on (NFLOG group 5), stateless-media on (generation 9)\n"
			      "AUDIT: what no rule admits is accepted and counted (ACCEPTED-AUDIT), not dropped\n"
			      "UNCONFIRMED: the kernel puts the previous configuration back in 42 s unless 'edgectl confirm' comes first (restore --confirm 60)\n\n")));
	CHECK_CONTAINS(out, "director   192.168.10.80\n");
	CHECK_CONTAINS(out, "av    10.45.16.30  -         standard\n");

	CASE("show: with stateless media, which rules are judged before conntrack");
	CHECK_CONTAINS(out, "ROLE  ROW  ZONE      DIR  PROTO  SOURCE       SPORT  DESTINATION  DPORT  JUDGED            PACKETS  BYTES  USED FOR\n"
			    "av     12  external  in   udp    any          any    10.45.16.30  3478   stateless               2      0  \n"
			    "av     13  external  in   tcp    any          any    10.45.16.30  443    stateful                0      0  \n"
			    "av     34  external  out  udp    10.45.16.30  3478   any          any    stateless answer        0      0  answers\n");

	CASE("show: management rules apart, after the reference rows");
	CHECK_CONTAINS(out, "answers\n\nmanagement: not in the reference\n"
			    "ZONE      PROTO  SOURCE        DPORT  PACKETS  BYTES\n"
			    "internal  tcp    10.99.0.0/24  22           7    420\n\n");
	free(c.buf);

	CASE("show --unused: management rules that counted nothing too");
	ef_unused_text(capture_open(&c), &cfg, &rules);
	out = capture_close(&c);
	CHECK(!strstr(out, "management"));
	CHECK(!strstr(out, " 12 "));
	CHECK_CONTAINS(out, " 13 ");
	free(c.buf);
	rules.v[3].packets = 0;
	ef_unused_text(capture_open(&c), &cfg, &rules);
	out = capture_close(&c);
	CHECK_CONTAINS(out, "management: not in the reference\n");
	free(c.buf);
	rules.v[3].packets = 7;

	CASE("show -j: profile, flags, NFLOG group, the change that waits, kinds, management");
	ef_show_json(capture_open(&c), &cfg, &rules);
	out = capture_close(&c);
	CHECK(json_valid(out));
	CHECK_CONTAINS(out, "\"profile\": \"sfb2015\",\n");
	CHECK_CONTAINS(out, "\"audit\": true,\n    \"xmpp\": true,\n    \"stateless_media\": true\n");
	CHECK_CONTAINS(out, "\"nflog_group\": 5,\n");
	CHECK_CONTAINS(out, "\"unconfirmed\": {\n    \"remaining_ms\": 41001,\n    \"timeout\": 60\n  },\n");
	CHECK_CONTAINS(out, "\"directors\": [\n      \"192.168.10.80\"\n    ],\n");
	CHECK_CONTAINS(out, "\"media_range\": \"standard\"");
	CHECK_CONTAINS(out, "\"row\": 34,\n      \"kind\": \"reply\",\n      \"stateless\": true,\n");
	CHECK_CONTAINS(out, "\"row\": 13,\n      \"kind\": \"reference\",\n      \"stateless\": false,\n");
	CHECK_CONTAINS(out, "\"management\": [\n    {\n      \"zone\": \"internal\",\n      \"proto\": \"tcp\",\n"
			    "      \"from\": \"10.99.0.0/24\",\n      \"port\": 22,\n      \"packets\": 7,\n      \"bytes\": 420\n    }\n  ],\n");
	CHECK(!strstr(out, "\"row\": 1,"));	/* management rules are not rows */
	free(c.buf);

	CASE("counters -j and save -j: management, apart");
	ef_counters_json(capture_open(&c), &cfg, &rules);
	out = capture_close(&c);
	CHECK(json_valid(out));
	CHECK_CONTAINS(out, "\"from\": \"10.99.0.0/24\"");
	CHECK(!strstr(out, "\"profile\""));
	free(c.buf);
	ef_config_json(capture_open(&c), &cfg);
	out = capture_close(&c);
	CHECK(json_valid(out));
	CHECK_CONTAINS(out, "\"management\": [\n    {\n      \"zone\": \"internal\",\n      \"proto\": \"tcp\",\n"
			    "      \"from\": \"10.99.0.0/24\",\n      \"port\": 22\n    }\n  ]\n}\n");
	free(c.buf);

	CASE("show: stateless media off: the media rows are stateful, no column for it");
	cfg.flags &= ~EDGEFW_F_STATELESS_MEDIA;
	ef_counters_text(capture_open(&c), &cfg, &rules);
	out = capture_close(&c);
	CHECK(!strstr(out, "JUDGED"));
	free(c.buf);
	ef_show_json(capture_open(&c), &cfg, &rules);
	out = capture_close(&c);
	CHECK_CONTAINS(out, "\"row\": 12,\n      \"kind\": \"reference\",\n      \"stateless\": false,\n");
	free(c.buf);
	ef_rules_free(&rules);
	ef_config_free(&cfg);
}

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
	ef_counters_text(capture_open(&c), &cfg, &rules);
	out = capture_close(&c);
	CHECK_STR(out, counters_expected);
	if (getenv("SHOW_OUTPUT"))
		fputs(out, stdout);
	free(c.buf);

	CASE("show --unused: the rules that have counted no packet");
	ef_unused_text(capture_open(&c), &cfg, &rules);
	out = capture_close(&c);
	CHECK_STR(out,
		  "ROLE  ROW  ZONE      DIR  PROTO  SOURCE       SPORT        DESTINATION  DPORT  PACKETS  BYTES  USED FOR\n"
		  "av      7  external  out  tcp    10.45.16.30  50000-59999  any          any          0      0  RTP: desktop sharing\n");
	free(c.buf);
	ef_unused_json(capture_open(&c), &cfg, &rules);
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
		ef_unused_text(capture_open(&c), &cfg, &none);
		CHECK_STR(capture_close(&c), "no rules\n");
		free(c.buf);
		for (i = 0; i < rules.n; i++)
			if (!rules.v[i].packets)
				rules.v[i].packets = 1;
		ef_unused_text(capture_open(&c), &cfg, &rules);
		CHECK_STR(capture_close(&c), "no unused rule: every rule has counted packets\n");
		free(c.buf);
		ef_unused_json(capture_open(&c), &cfg, &rules);
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
	ef_counters_text(capture_open(&c), &cfg, &rules);
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
	CHECK_STR(out, "profile lync2010, mode enforce, http-redirect off, log-drops off, stateless-media off (generation 0)\n\n"
		       "no interface bound: edgefw filters nothing\n\n"
		       "no pool: rules towards the pool are not in force\n\n"
		       "no roles\n\n"
		       "no rules\n\n");
	free(c.buf);
	canned_rules_free();
	show_v2();
}
