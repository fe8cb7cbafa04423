/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Rules and zone counters as the kernel dumps them (EDGEFW_CMD_GET_RULES).
 * edgectl only displays them; values are kept as sent, so that an enum
 * value newer than this edgectl is still shown (as a number).
 */
#ifndef EDGECTL_RULES_H
#define EDGECTL_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "config.h"

struct ef_rule {
	uint8_t kind;			/* enum edgefw_rule_kind */
	uint8_t role, zone, dir, proto;	/* role: not of management rules */
	uint16_t row;			/* management rules: 1, 2, ... */
	bool has_src, has_dst;		/* absent: any */
	struct ef_addr src, dst;
	uint8_t src_plen;		/* src is a prefix of this length */
	bool stateless;			/* a connectionless media row (judged
					 * before conntrack with stateless
					 * media on) */
	uint16_t sport_min, sport_max;	/* absent: 0 and 65535 */
	uint16_t dport_min, dport_max;
	uint64_t packets, bytes;
	const char *used_for;		/* owned by struct ef_rules, or NULL */
	size_t seq;			/* place in the dump: the kernel's order */
};

/* The zone counters, in the order of their EDGEFW_ZSTAT_A_x. */
enum ef_zstat {
	EF_ZS_ACCEPT_STATE,
	EF_ZS_ACCEPT_ND,
	EF_ZS_DROP_NO_RULE,
	EF_ZS_DROP_BAD_HEADER,
	EF_ZS_DROP_PROTO,
	EF_ZS_DROP_FRAGMENT,
	EF_ZS_DROP_INVALID,
	EF_ZS_DROP_ND_HOP_LIMIT,
	EF_ZS_ACCEPT_AUDIT,
	EF_ZS_N
};

/* The zone counter an EDGEFW_ZSTAT_A_x attribute carries, or -1. */
int ef_zstat_of_attr(unsigned int type);

struct ef_zstats {
	bool present;
	uint64_t v[EF_ZS_N];
};

struct ef_rules {
	bool has_generation;
	uint32_t generation;
	struct ef_rule *v;
	size_t n, cap;
	struct ef_zstats zones[EF_NZONES];
	char **strings;			/* distinct USED_FOR texts */
	size_t nstrings;
};

void ef_rules_init(struct ef_rules *r);
void ef_rules_free(struct ef_rules *r);
/* Append a rule; returns it, zeroed (ports: any). */
struct ef_rule *ef_rules_add(struct ef_rules *r);
/* Keep one copy of each distinct text (a big rule set repeats a few). */
const char *ef_rules_intern(struct ef_rules *r, const char *s);

/*
 * Order for display: the reference rows (and their answers) before the
 * management rules; by row (which groups zone and role), then source,
 * destination (any first), ports, protocol.
 */
void ef_rules_sort(struct ef_rules *r);

/* JSON/table names of the zone counters, e.g. "dropped_no_rule". */
const char *ef_zstat_name(unsigned int i);

#endif
