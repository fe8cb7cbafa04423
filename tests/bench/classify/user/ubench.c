// SPDX-License-Identifier: GPL-2.0
/*
 * The classifier benchmark's scenario in userspace, for counting
 * instructions with valgrind (the VM's TCG has no performance counters):
 *
 *   ubench SIZE KIND LOOKUPS classify|judge
 *
 * builds the rule set of SIZE role addresses (kmod/rules.c, unchanged) and
 * makes LOOKUPS calls of edgefw_classify() (or, for "judge", of
 * edgefw_parse() on a 40-byte IPv4 TCP packet, then edgefw_judge(), as the
 * hook calls them) on packets of KIND (hot,
 * hit, deny, miss: see ../bench.c), and prints the time per call. tests/bench/run
 * also runs it under callgrind, collecting only inside that function.
 */
#include <stdio.h>
#include <time.h>

#include "shim.h"
#include "../../../../kmod/edgefw.h"
#include "../scenario.h"

int main(int argc, char *argv[])
{
	static unsigned char frames[NPKT][60];
	struct edgefw_config *cfg;
	struct edgefw_rules *rules;
	struct edgefw_pkt *pkts, out;
	struct sk_buff *skbs;
	int kind, i, judge, rule;
	long n, lookups, sink = 0;
	struct timespec t0, t1;

	if (argc != 5) {
		fprintf(stderr, "usage: ubench SIZE hot|hit|deny|miss LOOKUPS classify|judge\n");
		return 2;
	}
	n = atol(argv[1]);
	for (kind = 0; kind < __KIND_LAST; kind++)
		if (!strcmp(argv[2], kind_names[kind]))
			break;
	lookups = atol(argv[3]);
	judge = !strcmp(argv[4], "judge");
	if (n <= 0 || kind == __KIND_LAST || lookups <= 0)
		return 2;

	prandom_seed_state(&rnd, 42);
	cfg = make_config((u32)n);
	rules = edgefw_rules_build(cfg, NULL);
	if (IS_ERR(rules))
		return 1;
	pkts = calloc(NPKT, sizeof(*pkts));
	skbs = calloc(NPKT, sizeof(*skbs));
	for (i = 0; i < NPKT; i++) {
		struct iphdr *ip = (struct iphdr *)frames[i];
		__be16 *ports = (__be16 *)(frames[i] + sizeof(*ip));

		make_pkt(&pkts[i], kind, (u32)n);
		ip->version = 4;
		ip->ihl = 5;
		ip->protocol = IPPROTO_TCP;
		ip->tot_len = htons(40);
		ip->saddr = pkts[i].saddr.ip;
		ip->daddr = pkts[i].daddr.ip;
		ports[0] = htons(pkts[i].sport);
		ports[1] = htons(pkts[i].dport);
		skbs[i].data = frames[i];
		skbs[i].len = 40;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < lookups; i++) {
		if (judge) {
			edgefw_parse(&skbs[i & (NPKT - 1)], AF_INET, &out);
			sink += edgefw_judge(rules, 0, EDGEFW_ZONE_EXTERNAL,
					     EDGEFW_DIR_IN, &out, false, &rule);
		} else
			sink += edgefw_classify(rules, EDGEFW_ZONE_EXTERNAL,
						EDGEFW_DIR_IN, &pkts[i & (NPKT - 1)]);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("size=%ld kind=%s lookups=%ld rules=%u entries=%u bytes=%zu ns=%.2f sink=%ld\n",
	       n, kind_names[kind], lookups, rules->n_rules, rules->n_entries,
	       rules_bytes(rules),
	       ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / lookups,
	       sink);
	edgefw_rules_put(rules);
	edgefw_config_free(cfg);
	free(pkts);
	free(skbs);
	return 0;
}
