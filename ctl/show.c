// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "show.h"
#include "table.h"
#include "util.h"

const char *ef_port_range_str(uint16_t min, uint16_t max, char buf[16])
{
	if (min == 0 && max == 65535)
		return "any";
	if (min == max)
		snprintf(buf, 16, "%u", min);
	else
		snprintf(buf, 16, "%u-%u", min, max);
	return buf;
}

const char *ef_proto_str(uint8_t proto, char buf[8])
{
	if (proto == IPPROTO_TCP)
		return "tcp";
	if (proto == IPPROTO_UDP)
		return "udp";
	snprintf(buf, 8, "%u", proto);
	return buf;
}

const char *ef_enum_str(const char *name, unsigned int v, char buf[8])
{
	if (name)
		return name;
	snprintf(buf, 8, "%u", v);
	return buf;
}

bool ef_rule_stateless(const struct ef_config *cfg, const struct ef_rule *r)
{
	return r->stateless && (cfg->flags & EDGEFW_F_STATELESS_MEDIA);
}

static bool is_mgmt(const struct ef_rule *r)
{
	return r->kind == EDGEFW_RULE_MGMT;
}

static const char *kind_name(unsigned int kind)
{
	static const char *const names[] = {
		[EDGEFW_RULE_REFERENCE]	= "reference",
		[EDGEFW_RULE_MGMT]	= "management",
		[EDGEFW_RULE_REPLY]	= "reply",
	};

	return kind < ARRAY_SIZE(names) ? names[kind] : NULL;
}

/* ---- text ---- */

static void text_bindings(FILE *f, const struct ef_config *cfg)
{
	char name[IFNAMSIZ + 16];
	struct table t;
	size_t i;

	if (!cfg->nbindings) {
		fputs("no interface bound: edgefw filters nothing\n", f);
		return;
	}
	table_init(&t, 2, 0);
	table_row(&t, (const char *[]){ "INTERFACE", "ZONE" });
	for (i = 0; i < cfg->nbindings; i++) {
		const struct ef_binding *b = &cfg->bindings[i];

		snprintf(name, sizeof(name), "%s%s", b->ifname,
			 b->ifindex ? "" : " (absent)");
		table_row(&t, (const char *[]){ name, ef_zone_name(b->zone) });
	}
	table_print(&t, f);
	table_free(&t);
}

static void text_pool(FILE *f, const struct ef_config *cfg)
{
	char a[EF_ADDRSTRLEN];
	struct table t;
	size_t i;

	if (!ef_config_has_pool(cfg)) {
		fputs("no pool: rules towards the pool are not in force\n", f);
		return;
	}
	table_init(&t, 2, 0);
	table_row(&t, (const char *[]){ "POOL", "ADDRESS" });
	for (i = 0; i < cfg->front_ends.n; i++)
		table_row(&t, (const char *[]){ "front-end",
			  ef_addr_str(&cfg->front_ends.v[i], a) });
	for (i = 0; i < cfg->directors.n; i++)
		table_row(&t, (const char *[]){ "director",
			  ef_addr_str(&cfg->directors.v[i], a) });
	if (cfg->has_vip)
		table_row(&t, (const char *[]){ "vip", ef_addr_str(&cfg->vip, a) });
	table_print(&t, f);
	table_free(&t);
}

static void text_roles(FILE *f, const struct ef_config *cfg)
{
	char a[EF_ADDRSTRLEN], in[EF_ADDRSTRLEN];
	struct table t;
	unsigned int r;
	size_t i;

	table_init(&t, 4, 0);
	table_row(&t, (const char *[]){ "ROLE", "ADDRESS", "INTERNAL",
					"MEDIA-RANGE" });
	for (r = 0; r < EF_NROLES; r++) {
		const struct ef_role *role = &cfg->roles[r];

		if (!role->present)
			continue;
		if (role->has_internal)
			ef_addr_str(&role->internal, in);
		for (i = 0; i < role->addrs.n; i++)
			table_row(&t, (const char *[]){
				ef_role_name(r), ef_addr_str(&role->addrs.v[i], a),
				role->has_internal ? in : "-",
				r == EDGEFW_ROLE_AV ?
				ef_media_name(role->media, cfg->profile) : "-" });
	}
	if (t.nrows > 1)
		table_print(&t, f);
	else
		fputs("no roles\n", f);
	table_free(&t);
}

/* How a rule is judged, when stateless media makes it matter. */
static const char *judged(const struct ef_config *cfg, const struct ef_rule *r)
{
	if (r->kind == EDGEFW_RULE_REPLY)
		return "stateless answer";
	return ef_rule_stateless(cfg, r) ? "stateless" : "stateful";
}

/*
 * The reference rules (and their answers); unused_only: those that have
 * counted no packet. With stateless media on, a column says which rules
 * are judged before conntrack.
 */
static void text_rules(FILE *f, const struct ef_config *cfg,
		       const struct ef_rules *rules, bool used_for,
		       bool unused_only)
{
	char row[8], pk[24], by[24], sp[16], dp[16], pr[8], e1[8], e2[8], e3[8];
	char src[EF_ADDRSTRLEN], dst[EF_ADDRSTRLEN];
	bool sl = cfg->flags & EDGEFW_F_STATELESS_MEDIA;
	size_t i, n = 0;
	struct table t;

	for (i = 0; i < rules->n; i++)
		n += !is_mgmt(&rules->v[i]);
	if (!n) {
		fputs("no rules\n", f);
		return;
	}
	/* ROW, PACKETS and BYTES align right. */
	table_init(&t, 11 + sl + used_for, 1U << 1 | 1U << (9 + sl) |
		   1U << (10 + sl));
	table_row(&t, (const char *[]){ "ROLE", "ROW", "ZONE", "DIR", "PROTO",
					"SOURCE", "SPORT", "DESTINATION",
					"DPORT", sl ? "JUDGED" : "PACKETS",
					sl ? "PACKETS" : "BYTES",
					sl ? "BYTES" : "USED FOR", "USED FOR" });
	for (i = 0; i < rules->n; i++) {
		const struct ef_rule *r = &rules->v[i];
		const char *tail[4] = { NULL };
		size_t k = 0;

		if (is_mgmt(r) || (unused_only && r->packets))
			continue;
		snprintf(row, sizeof(row), "%u", r->row);
		snprintf(pk, sizeof(pk), "%" PRIu64, r->packets);
		snprintf(by, sizeof(by), "%" PRIu64, r->bytes);
		if (sl)
			tail[k++] = judged(cfg, r);
		tail[k++] = pk;
		tail[k++] = by;
		tail[k] = r->used_for ? r->used_for : "";
		table_row(&t, (const char *[]){
			ef_enum_str(ef_role_name(r->role), r->role, e1), row,
			ef_enum_str(ef_zone_name(r->zone), r->zone, e2),
			ef_enum_str(ef_dir_name(r->dir), r->dir, e3),
			ef_proto_str(r->proto, pr),
			r->has_src ? ef_addr_str(&r->src, src) : "any",
			ef_port_range_str(r->sport_min, r->sport_max, sp),
			r->has_dst ? ef_addr_str(&r->dst, dst) : "any",
			ef_port_range_str(r->dport_min, r->dport_max, dp),
			tail[0], tail[1], tail[2], tail[3] });
	}
	if (t.nrows > 1)
		table_print(&t, f);
	else
		fputs("no unused rule: every rule has counted packets\n", f);
	table_free(&t);
}

/* The management rules, apart from the reference: nothing if none. */
static void text_mgmt(FILE *f, const struct ef_rules *rules, bool unused_only)
{
	char pk[24], by[24], pr[8], e[8], dp[16], src[EF_PREFIXSTRLEN];
	struct table t;
	size_t i;

	table_init(&t, 6, 1U << 4 | 1U << 5);
	table_row(&t, (const char *[]){ "ZONE", "PROTO", "SOURCE", "DPORT",
					"PACKETS", "BYTES" });
	for (i = 0; i < rules->n; i++) {
		const struct ef_rule *r = &rules->v[i];

		if (!is_mgmt(r) || (unused_only && r->packets))
			continue;
		snprintf(pk, sizeof(pk), "%" PRIu64, r->packets);
		snprintf(by, sizeof(by), "%" PRIu64, r->bytes);
		table_row(&t, (const char *[]){
			ef_enum_str(ef_zone_name(r->zone), r->zone, e),
			ef_proto_str(r->proto, pr),
			r->has_src ? ef_prefix_str(&r->src, r->src_plen, src) :
				     "any",
			ef_port_range_str(r->dport_min, r->dport_max, dp),
			pk, by });
	}
	if (t.nrows > 1) {
		fputs("\nmanagement: not in the reference\n", f);
		table_print(&t, f);
	}
	table_free(&t);
}

static void text_zones(FILE *f, const struct ef_rules *rules)
{
	char v[EF_ZS_N][24];
	struct table t;
	unsigned int z, i;

	table_init(&t, 1 + EF_ZS_N, 0x3feU);
	table_row(&t, (const char *[]){ "ZONE", "ACCEPTED-STATE", "ACCEPTED-ND",
					"DROPPED-NO-RULE", "DROPPED-BAD-HEADER",
					"DROPPED-PROTOCOL", "DROPPED-FRAGMENT",
					"DROPPED-INVALID", "DROPPED-ND-HOP-LIMIT",
					"ACCEPTED-AUDIT" });
	for (z = 0; z < EF_NZONES; z++) {
		if (!rules->zones[z].present)
			continue;
		for (i = 0; i < EF_ZS_N; i++)
			snprintf(v[i], sizeof(v[i]), "%" PRIu64,
				 rules->zones[z].v[i]);
		table_row(&t, (const char *[]){ ef_zone_name(z), v[0], v[1],
						v[2], v[3], v[4], v[5], v[6],
						v[7], v[8] });
	}
	if (t.nrows > 1)
		table_print(&t, f);
	table_free(&t);
}

/* Profile, modes and flags, the generation; a change that waits. */
static void text_head(FILE *f, const struct ef_config *cfg)
{
	fprintf(f, "profile %s, mode %s, http-redirect %s, ",
		ef_profile_name(cfg->profile),
		cfg->flags & EDGEFW_F_AUDIT ? "AUDIT" : "enforce",
		cfg->flags & EDGEFW_F_HTTP_REDIRECT ? "on" : "off");
	if (cfg->profile == EDGEFW_PROFILE_SFB2015)
		fprintf(f, "xmpp %s, ", cfg->flags & EDGEFW_F_XMPP ? "on" : "off");
	fprintf(f, "log-drops %s", cfg->flags & EDGEFW_F_LOG_DROPS ? "on" : "off");
	if ((cfg->flags & EDGEFW_F_LOG_DROPS) && cfg->has_log_group)
		fprintf(f, " (NFLOG group %u)", cfg->log_group);
	fprintf(f, ", stateless-media %s (generation %" PRIu32 ")\n",
		cfg->flags & EDGEFW_F_STATELESS_MEDIA ? "on" : "off",
		cfg->generation);
	if (cfg->flags & EDGEFW_F_AUDIT)
		fputs("AUDIT: what no rule admits is accepted and counted (ACCEPTED-AUDIT), not dropped\n",
		      f);
	if (cfg->has_pending)
		fprintf(f, "UNCONFIRMED: the kernel puts the previous configuration back in %" PRIu32 " s unless 'edgectl confirm' comes first (restore --confirm %" PRIu32 ")\n",
			(cfg->pending_ms + 999) / 1000, cfg->pending_timeout);
}

void ef_show_text(FILE *f, const struct ef_config *cfg,
		  const struct ef_rules *rules)
{
	text_head(f, cfg);
	fputc('\n', f);
	text_bindings(f, cfg);
	fputc('\n', f);
	text_pool(f, cfg);
	fputc('\n', f);
	text_roles(f, cfg);
	fputc('\n', f);
	text_rules(f, cfg, rules, true, false);
	text_mgmt(f, rules, false);
	fputc('\n', f);
	text_zones(f, rules);
}

void ef_counters_text(FILE *f, const struct ef_config *cfg,
		      const struct ef_rules *rules)
{
	text_rules(f, cfg, rules, false, false);
	text_mgmt(f, rules, false);
	fputc('\n', f);
	text_zones(f, rules);
}

void ef_unused_text(FILE *f, const struct ef_config *cfg,
		    const struct ef_rules *rules)
{
	text_rules(f, cfg, rules, true, true);
	text_mgmt(f, rules, true);
}

/* ---- JSON ---- */

static void json_config_members(struct json *j, const struct ef_config *cfg)
{
	char a[EF_ADDRSTRLEN];
	unsigned int r;
	size_t i;

	json_uint(j, "generation", cfg->generation);
	json_str(j, "profile", ef_profile_name(cfg->profile));
	json_open(j, "flags", '{');
	json_bool(j, "http_redirect", cfg->flags & EDGEFW_F_HTTP_REDIRECT);
	json_bool(j, "log_drops", cfg->flags & EDGEFW_F_LOG_DROPS);
	json_bool(j, "audit", cfg->flags & EDGEFW_F_AUDIT);
	json_bool(j, "xmpp", cfg->flags & EDGEFW_F_XMPP);
	json_bool(j, "stateless_media", cfg->flags & EDGEFW_F_STATELESS_MEDIA);
	json_close(j, '{');
	if (cfg->has_log_group)
		json_uint(j, "nflog_group", cfg->log_group);
	else
		json_str(j, "nflog_group", NULL);
	if (cfg->has_pending) {
		json_open(j, "unconfirmed", '{');
		json_uint(j, "remaining_ms", cfg->pending_ms);
		json_uint(j, "timeout", cfg->pending_timeout);
		json_close(j, '{');
	} else {
		json_str(j, "unconfirmed", NULL);
	}

	json_open(j, "bindings", '[');
	for (i = 0; i < cfg->nbindings; i++) {
		const struct ef_binding *b = &cfg->bindings[i];

		json_open(j, NULL, '{');
		json_str(j, "interface", b->ifname);
		json_str(j, "zone", ef_zone_name(b->zone));
		json_uint(j, "ifindex", b->ifindex);
		json_bool(j, "present", b->ifindex != 0);
		json_close(j, '{');
	}
	json_close(j, '[');

	json_open(j, "pool", '{');
	json_open(j, "front_ends", '[');
	for (i = 0; i < cfg->front_ends.n; i++)
		json_str(j, NULL, ef_addr_str(&cfg->front_ends.v[i], a));
	json_close(j, '[');
	json_open(j, "directors", '[');
	for (i = 0; i < cfg->directors.n; i++)
		json_str(j, NULL, ef_addr_str(&cfg->directors.v[i], a));
	json_close(j, '[');
	json_str(j, "vip", cfg->has_vip ? ef_addr_str(&cfg->vip, a) : NULL);
	json_close(j, '{');

	json_open(j, "roles", '[');
	for (r = 0; r < EF_NROLES; r++) {
		const struct ef_role *role = &cfg->roles[r];

		if (!role->present)
			continue;
		json_open(j, NULL, '{');
		json_str(j, "role", ef_role_name(r));
		json_open(j, "addresses", '[');
		for (i = 0; i < role->addrs.n; i++)
			json_str(j, NULL, ef_addr_str(&role->addrs.v[i], a));
		json_close(j, '[');
		json_str(j, "internal_ip", role->has_internal ?
			 ef_addr_str(&role->internal, a) : NULL);
		if (r == EDGEFW_ROLE_AV)
			json_str(j, "media_range",
				 ef_media_name(role->media, cfg->profile));
		json_close(j, '{');
	}
	json_close(j, '[');
}

/* The members a management rule has in the configuration. */
static void json_mgmt_rule(struct json *j, uint8_t zone, uint8_t proto,
			   const struct ef_addr *from, unsigned int plen,
			   uint16_t port)
{
	char p[EF_PREFIXSTRLEN], pr[8], e[8];

	json_str(j, "zone", ef_enum_str(ef_zone_name(zone), zone, e));
	json_str(j, "proto", ef_proto_str(proto, pr));
	json_str(j, "from", ef_prefix_str(from, plen, p));
	json_uint(j, "port", port);
}

/* save -j: the management rules of the configuration. */
static void json_config_mgmt(struct json *j, const struct ef_config *cfg)
{
	size_t i;

	json_open(j, "management", '[');
	for (i = 0; i < cfg->nmgmt; i++) {
		const struct ef_mgmt *m = &cfg->mgmt[i];

		json_open(j, NULL, '{');
		json_mgmt_rule(j, m->zone, m->proto, &m->prefix, m->plen,
			       m->port);
		json_close(j, '{');
	}
	json_close(j, '[');
}

/*
 * "rules": the reference rules and their answers; "management": the
 * management rules, apart; each with its counters. unused_only: the
 * rules that have counted no packet.
 */
static void json_rules(struct json *j, const struct ef_config *cfg,
		       const struct ef_rules *rules, bool unused_only)
{
	char a[EF_ADDRSTRLEN], pr[8], e[8];
	size_t i;

	json_open(j, "rules", '[');
	for (i = 0; i < rules->n; i++) {
		const struct ef_rule *r = &rules->v[i];

		if (is_mgmt(r) || (unused_only && r->packets))
			continue;
		json_open(j, NULL, '{');
		json_str(j, "role", ef_enum_str(ef_role_name(r->role), r->role, e));
		json_uint(j, "row", r->row);
		json_str(j, "kind", ef_enum_str(kind_name(r->kind), r->kind, e));
		json_bool(j, "stateless", ef_rule_stateless(cfg, r));
		json_str(j, "zone", ef_enum_str(ef_zone_name(r->zone), r->zone, e));
		json_str(j, "dir", ef_enum_str(ef_dir_name(r->dir), r->dir, e));
		json_str(j, "proto", ef_proto_str(r->proto, pr));
		json_str(j, "src", r->has_src ? ef_addr_str(&r->src, a) : NULL);
		json_uint(j, "sport_min", r->sport_min);
		json_uint(j, "sport_max", r->sport_max);
		json_str(j, "dst", r->has_dst ? ef_addr_str(&r->dst, a) : NULL);
		json_uint(j, "dport_min", r->dport_min);
		json_uint(j, "dport_max", r->dport_max);
		json_uint(j, "packets", r->packets);
		json_uint(j, "bytes", r->bytes);
		json_str(j, "used_for", r->used_for);
		json_close(j, '{');
	}
	json_close(j, '[');
	json_open(j, "management", '[');
	for (i = 0; i < rules->n; i++) {
		const struct ef_rule *r = &rules->v[i];

		if (!is_mgmt(r) || (unused_only && r->packets))
			continue;
		json_open(j, NULL, '{');
		json_mgmt_rule(j, r->zone, r->proto, &r->src, r->src_plen,
			       r->dport_min);
		json_uint(j, "packets", r->packets);
		json_uint(j, "bytes", r->bytes);
		json_close(j, '{');
	}
	json_close(j, '[');
}

static void json_zones(struct json *j, const struct ef_rules *rules)
{
	unsigned int z, k;

	json_open(j, "zones", '[');
	for (z = 0; z < EF_NZONES; z++) {
		if (!rules->zones[z].present)
			continue;
		json_open(j, NULL, '{');
		json_str(j, "zone", ef_zone_name(z));
		for (k = 0; k < EF_ZS_N; k++)
			json_uint(j, ef_zstat_name(k), rules->zones[z].v[k]);
		json_close(j, '{');
	}
	json_close(j, '[');
}

void ef_json_begin(struct json *j, FILE *f)
{
	json_init(j, f);
	json_open(j, NULL, '{');
	json_uint(j, "json_schema_version", EF_JSON_SCHEMA_VERSION);
}

void ef_config_json(FILE *f, const struct ef_config *cfg)
{
	struct json j;

	ef_json_begin(&j, f);
	json_config_members(&j, cfg);
	json_config_mgmt(&j, cfg);
	json_close(&j, '{');
}

void ef_show_json(FILE *f, const struct ef_config *cfg,
		  const struct ef_rules *rules)
{
	struct json j;

	ef_json_begin(&j, f);
	json_config_members(&j, cfg);
	json_rules(&j, cfg, rules, false);
	json_zones(&j, rules);
	json_close(&j, '{');
}

/* counters -j: every rule and the zones; show --unused -j: unused rules. */
static void rules_json(FILE *f, const struct ef_config *cfg,
		       const struct ef_rules *rules, bool unused_only)
{
	struct json j;

	ef_json_begin(&j, f);
	if (rules->has_generation)
		json_uint(&j, "generation", rules->generation);
	json_rules(&j, cfg, rules, unused_only);
	if (!unused_only)
		json_zones(&j, rules);
	json_close(&j, '{');
}

void ef_counters_json(FILE *f, const struct ef_config *cfg,
		      const struct ef_rules *rules)
{
	rules_json(f, cfg, rules, false);
}

void ef_unused_json(FILE *f, const struct ef_config *cfg,
		    const struct ef_rules *rules)
{
	rules_json(f, cfg, rules, true);
}
