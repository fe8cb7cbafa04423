// SPDX-License-Identifier: GPL-2.0
/*
 * edgefw_classify_bench: the cost of one edgefw_classify() call against rule
 * sets of several sizes, timed with ktime in the kernel that runs edgefw.
 *
 *   insmod edgefw_classify_bench.ko [sizes=4,1000,100000] [lookups=N] [runs=R]
 *
 * For each size, a configuration with that many external role addresses
 * (a quarter per role, the reference's pool and internal addresses) is
 * expanded by edgefw_rules_build(), exactly as the module does. Then, for
 * each kind of packet, N lookups are timed, R times:
 *   hot   one packet again and again (one flow: caches warm)
 *   hit   random role addresses, each with the port of the last rule of its
 *         group (the longest scan that accepts)
 *   deny  random role addresses with a port no rule opens (the whole group
 *         scanned, no match)
 *   miss  random addresses that are no role's (a hash probe that finds
 *         nothing)
 * Packets are made before the timing; the time includes reading them from
 * an array of 64 Ki packets. One line per run, in the kernel log:
 *   edgefw_classify_bench: addrs=A rules=N entries=E slots=S bytes=B kind=K ns=X.YY
 * bytes: what the rule set allocates (entries, rules, hash, per-CPU
 * counters on every possible CPU, counter bases); the configuration's copy
 * of the addresses (20 bytes each) comes on top.
 *
 * The module's init does all the work and returns 0; remove it afterwards.
 */
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/prandom.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "../../../kmod/edgefw.h"
#include "scenario.h"

static int sizes[8] = { 4, 1000, 100000 };
static int n_sizes = 3;
module_param_array(sizes, int, &n_sizes, 0444);
MODULE_PARM_DESC(sizes, "numbers of role addresses (default 4,1000,100000)");
static int lookups = 1000000;
module_param(lookups, int, 0444);
MODULE_PARM_DESC(lookups, "lookups per timed run (default 1000000)");
static int runs = 5;
module_param(runs, int, 0444);
MODULE_PARM_DESC(runs, "timed runs per size and kind (default 5)");

static int bench_size(u32 n, struct edgefw_pkt *pkts)
{
	struct edgefw_config *cfg = make_config(n);
	struct edgefw_rules *rules;
	enum kind kind;
	int run, i, want;
	u64 t0, t1;
	long sink = 0;

	if (!cfg)
		return -ENOMEM;
	t0 = ktime_get_ns();
	rules = edgefw_rules_build(cfg, NULL);
	t1 = ktime_get_ns();
	edgefw_config_free(cfg);
	if (IS_ERR(rules))
		return PTR_ERR(rules);
	pr_info("addrs=%u rules=%u entries=%u slots=%u bytes=%zu build_ms=%llu\n",
		n, rules->n_rules, rules->n_entries, rules->hash_mask + 1,
		rules_bytes(rules), (t1 - t0) / 1000000);

	for (kind = 0; kind < __KIND_LAST; kind++) {
		for (i = 0; i < NPKT; i++)
			make_pkt(&pkts[i], kind, n);
		/* What each kind must find: a rule or none. */
		want = kind == HOT || kind == HIT;
		for (i = 0; i < NPKT; i++) {
			if ((edgefw_classify(rules, EDGEFW_ZONE_EXTERNAL,
					     EDGEFW_DIR_IN, &pkts[i]) >= 0) != want) {
				pr_err("addrs=%u kind=%s: packet %d classified wrongly\n",
				       n, kind_names[kind], i);
				edgefw_rules_put(rules);
				return -EINVAL;
			}
		}
		for (run = 0; run < runs; run++) {
			cond_resched();
			t0 = ktime_get_ns();
			for (i = 0; i < lookups; i++)
				sink += edgefw_classify(rules, EDGEFW_ZONE_EXTERNAL,
							EDGEFW_DIR_IN,
							&pkts[i & (NPKT - 1)]);
			t1 = ktime_get_ns();
			pr_info("addrs=%u rules=%u entries=%u slots=%u bytes=%zu kind=%s ns=%llu.%02llu\n",
				n, rules->n_rules, rules->n_entries,
				rules->hash_mask + 1, rules_bytes(rules),
				kind_names[kind], (t1 - t0) / lookups,
				(t1 - t0) * 100 / lookups % 100);
		}
	}
	if (sink == 42)		/* keep the calls */
		pr_info("sink\n");
	edgefw_rules_put(rules);
	return 0;
}

static int __init bench_init(void)
{
	struct edgefw_pkt *pkts;
	int i, err = 0;

	if (lookups <= 0 || runs <= 0)
		return -EINVAL;
	prandom_seed_state(&rnd, 42);
	pkts = kvcalloc(NPKT, sizeof(*pkts), GFP_KERNEL);
	if (!pkts)
		return -ENOMEM;
	for (i = 0; i < n_sizes && !err; i++)
		if (sizes[i] > 0)
			err = bench_size(sizes[i], pkts);
	kvfree(pkts);
	pr_info("done\n");
	return err;
}

static void __exit bench_exit(void)
{
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("edgefw benchmarks: cost of edgefw_classify() against scale");
