/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 'edgectl export --nft': the policy in force as an nftables ruleset that
 * `nft -f` loads and that gives the same verdicts as edgefw.ko.
 *
 * The ruleset is built from the rule dump (what the kernel expanded from the
 * reference tables) and the bindings, never from a second copy of the
 * tables. Its shape follows the module's classifier: rules are grouped by
 * zone, direction and the edge's own address (destination entering a bound
 * interface, source leaving it); addresses whose groups hold the same rules
 * share one chain, and a verdict map per zone, direction and family sends a
 * packet to its address's chain. A lookup is one hash probe plus the few
 * rules of that chain, whatever the number of addresses, as in the module.
 */
#ifndef EDGECTL_EXPORT_H
#define EDGECTL_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "config.h"
#include "rules.h"

/* The nftables table the export creates (and replaces on load). */
#define EF_NFT_FAMILY	"inet"
#define EF_NFT_TABLE	"edgefw"

/* Hook priorities of the module (kmod/hooks.c): conntrack + 10, SNAT + 100. */
#define EF_NFT_PRIO_IN	(-190)
#define EF_NFT_PRIO_OUT	200

/*
 * Write the ruleset for cfg's bindings and flags and the rules in rules
 * (in any order). Returns 0, or -1 with a sentence in err when a rule or a
 * binding cannot be expressed (nothing useful was written then).
 */
int ef_export_nft(FILE *f, const struct ef_config *cfg,
		  const struct ef_rules *rules, char *err, size_t errlen);

struct ef_cmd;
int cmd_export(const struct ef_cmd *c);

#endif
