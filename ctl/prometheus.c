// SPDX-License-Identifier: GPL-2.0
/*
 * The labels of a rule name it uniquely: a row belongs to one role, zone,
 * direction and protocol, and holds one rule per address of the edge it
 * names (local_address) and per address of the other side it names
 * (remote_address: rows 16-18, 20 and 23-24 name the pool's servers);
 * management rules are numbered apart (kind="management"). Two series
 * with the same labels would make node_exporter refuse the whole file.
 */
#include <inttypes.h>
#include <string.h>

#include "../uapi/linux/edgefw.h"
#include "prometheus.h"
#include "show.h"
#include "util.h"

void ef_prom_label_value(FILE *f, const char *s)
{
	size_t n;

	fputc('"', f);
	while (*s) {
		n = strcspn(s, "\\\"\n");
		fwrite(s, 1, n, f);
		s += n;
		if (!*s)
			break;
		fputs(*s == '\n' ? "\\n" : *s == '"' ? "\\\"" : "\\\\", f);
		s++;
	}
	fputc('"', f);
}

/* Writes name="value", after a comma unless it is the first label. */
static void label(FILE *f, bool *first, const char *name, const char *value)
{
	fprintf(f, "%s%s=", *first ? "" : ",", name);
	ef_prom_label_value(f, value);
	*first = false;
}

/* The name of an enum value, or its number if this edgectl lacks it. */
static const char *name_or_number(const char *name, unsigned int v,
				  char buf[8])
{
	if (name)
		return name;
	snprintf(buf, 8, "%u", v);
	return buf;
}

static const char *kind_name(uint8_t kind)
{
	switch (kind) {
	case EDGEFW_RULE_REFERENCE:
		return NULL;		/* the usual case: no label */
	case EDGEFW_RULE_MGMT:
		return "management";
	case EDGEFW_RULE_REPLY:
		return "answer";
	default:
		return "other";
	}
}

static void rule_labels(FILE *f, const struct ef_rule *r)
{
	char num[8], row[8], pr[8], a[EF_PREFIXSTRLEN];
	const struct ef_addr *local, *remote;
	bool first = true, in = r->dir == EDGEFW_DIR_IN;
	bool has_local = in ? r->has_dst : r->has_src;
	bool has_remote = in ? r->has_src : r->has_dst;

	local = in ? &r->dst : &r->src;
	remote = in ? &r->src : &r->dst;
	fputc('{', f);
	if (kind_name(r->kind))
		label(f, &first, "kind", kind_name(r->kind));
	label(f, &first, "zone",
	      name_or_number(ef_zone_name(r->zone), r->zone, num));
	label(f, &first, "direction",
	      name_or_number(ef_dir_name(r->dir), r->dir, num));
	if (r->kind != EDGEFW_RULE_MGMT)
		label(f, &first, "role",
		      name_or_number(ef_role_name(r->role), r->role, num));
	snprintf(row, sizeof(row), "%u", r->row);
	label(f, &first, "row", row);
	label(f, &first, "protocol", ef_proto_str(r->proto, pr));
	if (has_local)
		label(f, &first, "local_address", ef_addr_str(local, a));
	/* the source of a management rule is a prefix */
	if (has_remote)
		label(f, &first, "remote_address", in ?
		      ef_prefix_str(remote, r->src_plen, a) :
		      ef_addr_str(remote, a));
	fputc('}', f);
}

static void header(FILE *f, const char *name, const char *type,
		   const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void rule_metric(FILE *f, const struct ef_rules *rules, bool bytes)
{
	const char *name = bytes ? "edgefw_rule_bytes_total" :
				   "edgefw_rule_packets_total";
	size_t i;

	header(f, name, "counter", bytes ?
	       "Bytes of the packets a rule of edgefw admitted." :
	       "Packets a rule of edgefw admitted: the first of each connection (the others count as reason accepted_state of their zone), every one for a stateless rule.");
	for (i = 0; i < rules->n; i++) {
		fputs(name, f);
		rule_labels(f, &rules->v[i]);
		fprintf(f, " %" PRIu64 "\n",
			bytes ? rules->v[i].bytes : rules->v[i].packets);
	}
}

static void zone_metric(FILE *f, const struct ef_rules *rules)
{
	unsigned int z, k;
	bool first;

	header(f, "edgefw_zone_packets_total", "counter",
	       "Packets on the bound interfaces of a zone that no rule counted, by verdict and reason.");
	for (z = 0; z < EF_NZONES; z++) {
		if (!rules->zones[z].present)
			continue;
		for (k = 0; k < EF_ZS_N; k++) {
			first = true;
			fputs("edgefw_zone_packets_total{", f);
			label(f, &first, "zone", ef_zone_name(z));
			label(f, &first, "reason", ef_zstat_name(k));
			fprintf(f, "} %" PRIu64 "\n", rules->zones[z].v[k]);
		}
	}
}

void ef_prometheus_write(FILE *f, const struct ef_rules *rules,
			 const char *version, const struct ef_info *info)
{
	char protocol[12];
	bool first = true;

	rule_metric(f, rules, false);
	rule_metric(f, rules, true);
	zone_metric(f, rules);
	if (rules->has_generation) {
		header(f, "edgefw_config_generation", "gauge",
		       "Generation of the configuration in force: it changes with every change.");
		fprintf(f, "edgefw_config_generation %" PRIu32 "\n",
			rules->generation);
	}
	header(f, "edgefw_info", "gauge",
	       "Versions of edgectl, of the edgefw module and of the netlink protocol they speak; always 1.");
	snprintf(protocol, sizeof(protocol), "%d", EDGEFW_GENL_VERSION);
	fputs("edgefw_info{", f);
	label(f, &first, "version", version);
	label(f, &first, "module_version",
	      info && *info->version ? info->version : "unknown");
	label(f, &first, "protocol", protocol);
	fputs("} 1\n", f);
}
