// SPDX-License-Identifier: GPL-2.0
/* JSON: string escaping, structure, and the documents edgectl prints. */
#include <stdlib.h>

#include "../../ctl/json.h"
#include "../../ctl/save.h"
#include "../../ctl/show.h"
#include "../../ctl/util.h"
#include "unit.h"

static char *escaped(const char *s)
{
	struct capture c;

	json_write_string(capture_open(&c), s);
	capture_close(&c);
	return c.buf;
}

static const char conf[] =
	"bind ext0 external\nset-pool --front-end 192.168.10.90 --vip 192.168.10.190\n"
	"add-role av --ip 10.45.16.30 --ip 2001:db8::30 --media-range ocs2007\n"
	"add-role access --ip 10.45.16.10 --internal-ip 172.25.33.10\nlog-drops on\n";

void suite_json(void)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "plain", "\"plain\"" },
		{ "", "\"\"" },
		{ "a\"b", "\"a\\\"b\"" },
		{ "back\\slash", "\"back\\\\slash\"" },
		{ "tab\tnl\ncr\r", "\"tab\\tnl\\ncr\\r\"" },
		{ "\b\f", "\"\\b\\f\"" },
		{ "\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"" },
		{ "slash/ok", "\"slash/ok\"" },
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"" },
		{ "bad\xff", "\"bad\\ufffd\"" },
		{ "overlong\xc0\x80", "\"overlong\\ufffd\\ufffd\"" },
		{ "surrogate\xed\xa0\x80", "\"surrogate\\ufffd\\ufffd\\ufffd\"" },
		{ "cut\xe2\x82", "\"cut\\ufffd\\ufffd\"" },
		{ "toohigh\xf4\x90\x80\x80", "\"toohigh\\ufffd\\ufffd\\ufffd\\ufffd\"" },
		{ "lone\x80", "\"lone\\ufffd\"" },
	};
	struct ef_config cfg;
	struct ef_rules rules;
	char err[EF_ERRLEN];
	struct capture c;
	struct json j;
	const char *out;
	char *s;
	size_t i;
	FILE *f;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CASE("json: escape case %zu", i);
		s = escaped(cases[i].in);
		CHECK_STR(s, cases[i].out);
		CHECK(json_valid(s));
		free(s);
	}

	CASE("json: nesting, commas, empty containers");
	json_init(&j, capture_open(&c));
	json_open(&j, NULL, '{');
	json_open(&j, "empty", '[');
	json_close(&j, '[');
	json_open(&j, "obj", '{');
	json_close(&j, '{');
	json_open(&j, "list", '[');
	json_uint(&j, NULL, 1);
	json_str(&j, NULL, NULL);
	json_bool(&j, NULL, false);
	json_open(&j, NULL, '{');
	json_uint(&j, "big", 18446744073709551615ULL);
	json_close(&j, '{');
	json_close(&j, '[');
	json_str(&j, "k\"ey", "v");
	json_close(&j, '{');
	out = capture_close(&c);
	CHECK(json_valid(out));
	CHECK_STR(out, "{\n  \"empty\": [],\n  \"obj\": {},\n  \"list\": [\n    1,\n    null,\n    false,\n    {\n      \"big\": 18446744073709551615\n    }\n  ],\n  \"k\\\"ey\": \"v\"\n}\n");
	free(c.buf);

	CASE("json: the validator itself refuses broken documents");
	CHECK(!json_valid("{\"a\": 1,}"));
	CHECK(!json_valid("[1 2]"));
	CHECK(!json_valid("\"a\nb\""));
	CHECK(!json_valid("{\"a\" 1}"));
	CHECK(!json_valid("01"));
	CHECK(!json_valid("{} {}"));
	CHECK(json_valid(" [ -1.5e3, \"\\u00e9\", {} ] "));

	CASE("json: save -j of the reference configuration");
	f = fmemopen((void *)conf, strlen(conf), "r");
	CHECK_INT(ef_restore_read(f, &cfg, NULL, err, sizeof(err)), 0);
	fclose(f);
	cfg.generation = 5;
	cfg.bindings[0].ifindex = 4;
	ef_config_json(capture_open(&c), &cfg);
	out = capture_close(&c);
	CHECK(json_valid(out));
	CHECK_STR(out,
		  "{\n"
		  "  \"json_schema_version\": 1,\n"
		  "  \"generation\": 5,\n"
		  "  \"profile\": \"lync2010\",\n"
		  "  \"flags\": {\n    \"http_redirect\": false,\n    \"log_drops\": true,\n"
		  "    \"audit\": false,\n    \"xmpp\": false,\n    \"stateless_media\": false\n  },\n"
		  "  \"nflog_group\": null,\n"
		  "  \"unconfirmed\": null,\n"
		  "  \"bindings\": [\n    {\n      \"interface\": \"ext0\",\n      \"zone\": \"external\",\n"
		  "      \"ifindex\": 4,\n      \"present\": true\n    }\n  ],\n"
		  "  \"pool\": {\n    \"front_ends\": [\n      \"192.168.10.90\"\n    ],\n    \"directors\": [],\n"
		  "    \"vip\": \"192.168.10.190\"\n  },\n"
		  "  \"roles\": [\n"
		  "    {\n      \"role\": \"access\",\n      \"addresses\": [\n        \"10.45.16.10\"\n      ],\n"
		  "      \"internal_ip\": \"172.25.33.10\"\n    },\n"
		  "    {\n      \"role\": \"av\",\n      \"addresses\": [\n        \"10.45.16.30\",\n        \"2001:db8::30\"\n      ],\n"
		  "      \"internal_ip\": null,\n      \"media_range\": \"ocs2007\"\n    }\n"
		  "  ],\n"
		  "  \"management\": []\n"
		  "}\n");
	free(c.buf);

	CASE("json: show -j and counters -j are valid and escape rule texts");
	CHECK_INT(parse_canned_rules(&rules, err), 0);
	strcpy(cfg.bindings[0].ifname, "e\"x\x01");
	ef_show_json(capture_open(&c), &cfg, &rules);
	out = capture_close(&c);
	CHECK(json_valid(out));
	CHECK(!strncmp(out, "{\n  \"json_schema_version\": 1,\n", 29));
	CHECK_CONTAINS(out, "\"interface\": \"e\\\"x\\u0001\"");
	CHECK_CONTAINS(out, "\"used_for\": \"SIP (TLS): client-to-server \\\"SIP\\\" traffic\\tfor external user access\"");
	CHECK_CONTAINS(out, "\"packets\": 18446744073709551615");
	CHECK_CONTAINS(out, "\"src\": null");
	CHECK_CONTAINS(out, "\"sport_min\": 50000");
	CHECK_CONTAINS(out, "\"dropped_fragment\": 207");
	free(c.buf);
	ef_counters_json(capture_open(&c), &cfg, &rules);
	out = capture_close(&c);
	CHECK(json_valid(out));
	CHECK(!strncmp(out, "{\n  \"json_schema_version\": 1,\n", 29));
	CHECK_CONTAINS(out, "\"generation\": 31");
	CHECK(!strstr(out, "\"bindings\""));
	free(c.buf);
	ef_rules_free(&rules);
	ef_config_free(&cfg);

	CASE("json: empty configuration and rules");
	ef_config_init(&cfg);
	ef_rules_init(&rules);
	ef_show_json(capture_open(&c), &cfg, &rules);
	out = capture_close(&c);
	CHECK(json_valid(out));
	CHECK_CONTAINS(out, "\"bindings\": []");
	CHECK_CONTAINS(out, "\"vip\": null");
	CHECK_CONTAINS(out, "\"rules\": []");
	free(c.buf);
}
