// SPDX-License-Identifier: GPL-2.0
/*
 * 'edgectl verdict in|out IFNAME tcp|udp SRC[:PORT] DST[:PORT]': the
 * kernel judges the described packet, as the first packet of a connection,
 * with the rule set in force and the classifier its hooks use
 * (EDGEFW_CMD_VERDICT); edgectl only says the answer.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "json.h"
#include "parse.h"
#include "show.h"
#include "util.h"
#include "verdict.h"

static const char *const reason_names[] = {
	[EDGEFW_R_RULE]		= "rule",
	[EDGEFW_R_STATE]	= "state",
	[EDGEFW_R_ND]		= "nd",
	[EDGEFW_R_NO_RULE]	= "no-rule",
	[EDGEFW_R_BAD_HEADER]	= "bad-header",
	[EDGEFW_R_PROTO]	= "protocol",
	[EDGEFW_R_FRAGMENT]	= "fragment",
	[EDGEFW_R_INVALID]	= "invalid",
	[EDGEFW_R_ND_HOP_LIMIT]	= "nd-hop-limit",
	[EDGEFW_R_AUDIT]	= "audit",
	[EDGEFW_R_UNBOUND]	= "unbound",
};

_Static_assert(ARRAY_SIZE(reason_names) == __EDGEFW_R_LAST, "reason names");

/* "10.45.16.30:3478", "[2001:db8::30]:3478", or an address alone. */
static int parse_endpoint(const char *what, const char *s, struct ef_addr *a,
			  uint16_t *port, char *err, size_t errlen)
{
	char q[EF_QUOTELEN], addr[EF_ADDRSTRLEN + 1];
	const char *why = NULL, *p = NULL, *end, *word = s;
	unsigned long v = 0;
	size_t n;

	if (*s == '[') {
		end = strchr(s, ']');
		if (!end || (end[1] && end[1] != ':'))
			why = "an IPv6 address with a port is written [ADDR]:PORT";
		else if (end[1])
			p = end + 2;
		s++;
		n = end ? (size_t)(end - s) : 0;
	} else if ((end = strchr(s, ':')) && !strchr(end + 1, ':')) {
		p = end + 1;	/* one colon: IPv4 with a port */
		n = (size_t)(end - s);
	} else {
		n = strlen(s);
	}
	if (!why && n >= sizeof(addr))
		why = "not an IPv4 or IPv6 address";
	if (!why) {
		memcpy(addr, s, n);
		addr[n] = '\0';
		ef_addr_parse_any(addr, a, &why);
	}
	if (!why && p && ef_parse_number(p, 65535, &v))
		why = "the port is a number from 0 to 65535";
	if (why)
		return ef_err(err, errlen, "bad %s '%s' (%s)", what,
			      ef_quote(word, q), why);
	*port = (uint16_t)v;
	return 0;
}

int ef_verdict_parse(int argc, const char *const argv[], struct ef_query *q,
		     char *err, size_t errlen)
{
	static const char *const words[] = {
		"a direction (in or out)", "an interface name",
		"a protocol (tcp or udp)", "a source", "a destination",
	};
	const char *w;
	char q1[EF_QUOTELEN];
	int i;

	memset(q, 0, sizeof(*q));
	if (argc < 5)
		return ef_err(err, errlen, "verdict needs %s", words[argc]);
	if (argc > 5)
		return ef_err(err, errlen, "unexpected argument '%s' for verdict",
			      ef_quote(argv[5], q1));
	for (i = 0; i < 5; i++) {
		w = argv[i];
		switch (i) {
		case 0:
			if (strcmp(w, "in") && strcmp(w, "out"))
				return ef_err(err, errlen,
					      "bad direction '%s' (expected in or out)",
					      ef_quote(w, q1));
			q->dir = strcmp(w, "in") ? EDGEFW_DIR_OUT : EDGEFW_DIR_IN;
			break;
		case 1:
			if (ef_parse_ifname(w, q->ifname, err, errlen))
				return -1;
			break;
		case 2:
			if (strcmp(w, "tcp") && strcmp(w, "udp"))
				return ef_err(err, errlen,
					      "bad protocol '%s' (expected tcp or udp)",
					      ef_quote(w, q1));
			q->proto = strcmp(w, "tcp") ? IPPROTO_UDP : IPPROTO_TCP;
			break;
		case 3:
			if (parse_endpoint("source", w, &q->src, &q->sport, err,
					   errlen))
				return -1;
			break;
		default:
			if (parse_endpoint("destination", w, &q->dst, &q->dport,
					   err, errlen))
				return -1;
		}
	}
	if (q->src.family != q->dst.family)
		return ef_err(err, errlen,
			      "source and destination are of different families (IPv4 and IPv6)");
	return 0;
}

/* The rule that admits the packet: role (or "management") and row. */
static const struct ef_rule *admitting_rule(const struct ef_verdict *v)
{
	return v->rule.n ? &v->rule.v[0] : NULL;
}

static const char *role_of(const struct ef_rule *r, char buf[8])
{
	if (r->kind == EDGEFW_RULE_MGMT)
		return "management";
	return ef_enum_str(ef_role_name(r->role), r->role, buf);
}

void ef_verdict_text(FILE *f, const struct ef_query *q,
		     const struct ef_verdict *v)
{
	const struct ef_rule *r = admitting_rule(v);
	char e[8], m[EF_PREFIXSTRLEN], pr[8];

	fprintf(f, "verdict   %s\n", v->accept ? "accept" : "drop");
	fprintf(f, "reason    %s", ef_enum_str(v->reason < __EDGEFW_R_LAST ?
					       reason_names[v->reason] : NULL,
					       v->reason, e));
	if (v->reason == EDGEFW_R_NO_RULE)
		fprintf(f, ": no rule of the zone admits it");
	else if (v->reason == EDGEFW_R_AUDIT)
		fprintf(f, ": no rule admits it; accepted and counted in audit mode");
	else if (v->reason == EDGEFW_R_UNBOUND)
		fprintf(f, ": %s is not bound, edgefw does not filter it",
			q->ifname);
	fputc('\n', f);
	if (v->has_zone)
		fprintf(f, "zone      %s\n",
			ef_enum_str(ef_zone_name(v->zone), v->zone, e));
	if (!r)
		return;
	fprintf(f, "role      %s\n", role_of(r, e));
	fprintf(f, "row       %u\n", r->row);
	if (r->kind == EDGEFW_RULE_MGMT)
		fprintf(f, "rule      %s %u from %s\n",
			ef_proto_str(r->proto, pr), r->dport_min,
			r->has_src ? ef_prefix_str(&r->src, r->src_plen, m) :
				     "any");
	if (r->used_for)
		fprintf(f, "used for  %s\n", r->used_for);
}

void ef_verdict_json(FILE *f, const struct ef_verdict *v)
{
	const struct ef_rule *r = admitting_rule(v);
	char e[8], e2[8];
	struct json j;

	ef_json_begin(&j, f);
	json_uint(&j, "generation", v->generation);
	json_str(&j, "verdict", v->accept ? "accept" : "drop");
	json_str(&j, "reason", ef_enum_str(v->reason < __EDGEFW_R_LAST ?
					    reason_names[v->reason] : NULL,
					    v->reason, e));
	json_str(&j, "zone", v->has_zone ?
		 ef_enum_str(ef_zone_name(v->zone), v->zone, e2) : NULL);
	json_str(&j, "role", r ? role_of(r, e) : NULL);
	if (r)
		json_uint(&j, "row", r->row);
	else
		json_str(&j, "row", NULL);
	json_str(&j, "used_for", r ? r->used_for : NULL);
	json_close(&j, '{');
}

int cmd_verdict(const struct ef_cmd *c)
{
	char err[EF_ERRLEN];
	const char *words[6];
	struct ef_backend *be;
	struct ef_verdict v;
	struct ef_query q;
	struct ef_args a;
	bool json = c->json;
	int n = 0, r;

	/* -j anywhere, the other words in order (the sixth is one too many) */
	ef_args_init(&a, c->name, c->opts, c->argc, c->argv);
	while ((r = ef_args_next(&a, err, sizeof(err))) != EF_ARG_END) {
		if (r == EF_ARG_ERR) {
			fprintf(stderr, "edgectl: %s\n", err);
			return EXIT_USAGE;
		}
		if (r == EF_ARG_OPT)
			json = true;
		else if (n < 6)
			words[n++] = a.val;
	}
	if (ef_verdict_parse(n, words, &q, err, sizeof(err))) {
		fprintf(stderr, "edgectl: %s\n", err);
		return EXIT_USAGE;
	}
	be = ef_cmd_connect();
	if (!be)
		return EXIT_RUNTIME;
	if (be->verdict(be, &q, &v)) {
		r = ef_cmd_say(be);
	} else {
		if (json)
			ef_verdict_json(stdout, &v);
		else
			ef_verdict_text(stdout, &q, &v);
		r = ef_cmd_flush_output();
	}
	ef_rules_free(&v.rule);
	be->close(be);
	return r;
}
