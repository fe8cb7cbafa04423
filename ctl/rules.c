// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "util.h"

void ef_rules_init(struct ef_rules *r)
{
	memset(r, 0, sizeof(*r));
}

void ef_rules_free(struct ef_rules *r)
{
	size_t i;

	for (i = 0; i < r->nstrings; i++)
		free(r->strings[i]);
	free(r->strings);
	free(r->v);
	ef_rules_init(r);
}

struct ef_rule *ef_rules_add(struct ef_rules *r)
{
	struct ef_rule *rule;

	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->v = xreallocarray(r->v, r->cap, sizeof(*r->v));
	}
	rule = &r->v[r->n];
	memset(rule, 0, sizeof(*rule));
	rule->seq = r->n++;
	rule->sport_max = rule->dport_max = 65535;
	return rule;
}

const char *ef_rules_intern(struct ef_rules *r, const char *s)
{
	size_t i;

	for (i = 0; i < r->nstrings; i++)
		if (!strcmp(r->strings[i], s))
			return r->strings[i];
	r->strings = xreallocarray(r->strings, r->nstrings + 1,
				   sizeof(*r->strings));
	r->strings[r->nstrings] = xstrdup(s);
	return r->strings[r->nstrings++];
}

static int cmp_opt_addr(bool ha, const struct ef_addr *a, bool hb,
			const struct ef_addr *b)
{
	if (ha != hb)
		return ha ? 1 : -1;
	return ha ? ef_addr_cmp(a, b) : 0;
}

#define CMP(x, y) do { if ((x) != (y)) return (x) < (y) ? -1 : 1; } while (0)

static int cmp_rule(const void *pa, const void *pb)
{
	const struct ef_rule *a = pa, *b = pb;
	int c;

	CMP(a->kind == EDGEFW_RULE_MGMT, b->kind == EDGEFW_RULE_MGMT);
	CMP(a->row, b->row);
	CMP(a->zone, b->zone);
	CMP(a->role, b->role);
	c = cmp_opt_addr(a->has_src, &a->src, b->has_src, &b->src);
	if (c)
		return c;
	CMP(a->src_plen, b->src_plen);
	c = cmp_opt_addr(a->has_dst, &a->dst, b->has_dst, &b->dst);
	if (c)
		return c;
	CMP(a->sport_min, b->sport_min);
	CMP(a->sport_max, b->sport_max);
	CMP(a->dport_min, b->dport_min);
	CMP(a->dport_max, b->dport_max);
	CMP(a->dir, b->dir);
	CMP(a->proto, b->proto);
	return 0;
}

void ef_rules_sort(struct ef_rules *r)
{
	if (r->n > 1)
		qsort(r->v, r->n, sizeof(*r->v), cmp_rule);
}

const char *ef_zstat_name(unsigned int i)
{
	static const char *const names[] = {
		[EF_ZS_ACCEPT_STATE]	= "accepted_state",
		[EF_ZS_ACCEPT_ND]	= "accepted_nd",
		[EF_ZS_DROP_NO_RULE]	= "dropped_no_rule",
		[EF_ZS_DROP_BAD_HEADER]	= "dropped_bad_header",
		[EF_ZS_DROP_PROTO]	= "dropped_protocol",
		[EF_ZS_DROP_FRAGMENT]	= "dropped_fragment",
		[EF_ZS_DROP_INVALID]	= "dropped_invalid",
		[EF_ZS_DROP_ND_HOP_LIMIT] = "dropped_nd_hop_limit",
		[EF_ZS_ACCEPT_AUDIT]	= "accepted_audit",
	};

	return i < ARRAY_SIZE(names) ? names[i] : NULL;
}

int ef_zstat_of_attr(unsigned int type)
{
	if (type >= EDGEFW_ZSTAT_A_ACCEPT_STATE &&
	    type <= EDGEFW_ZSTAT_A_DROP_FRAGMENT)
		return EF_ZS_ACCEPT_STATE + (int)(type - EDGEFW_ZSTAT_A_ACCEPT_STATE);
	if (type >= EDGEFW_ZSTAT_A_DROP_INVALID &&
	    type <= EDGEFW_ZSTAT_A_ACCEPT_AUDIT)
		return EF_ZS_DROP_INVALID + (int)(type - EDGEFW_ZSTAT_A_DROP_INVALID);
	return -1;
}
