// SPDX-License-Identifier: GPL-2.0
/*
 * The rule model: pure data structures, no netfilter.
 *
 * A configuration is expanded, through the reference tables, into rules.
 * Every reference rule has exactly one address of the edge on one side
 * (the "local" address: destination of a packet entering a bound
 * interface, source of one leaving it). Rules are grouped into entries by
 * (zone, direction, local address) and the entries are found through an
 * open-addressing hash table. A lookup therefore costs one hash probe
 * sequence plus a scan of the rules of one address, whose number the
 * reference tables bound (at most a few per role sharing the address),
 * whatever the number of roles and addresses. Management rules name no
 * local address; they follow the reference rules, grouped by zone, and are
 * scanned after them (EDGEFW_MAX_MGMT bounds the scan).
 *
 * Building may take seconds for a million addresses: it yields the CPU
 * (cond_resched) and holds no lock but the namespace's change_lock.
 */
#include <linux/jhash.h>
#include <linux/log2.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <net/ipv6.h>

#include "edgefw.h"

/* A rule with its key, before rules are grouped by key. */
struct edgefw_gen {
	struct edgefw_entry key;	/* first and count unused */
	struct edgefw_rule rule;
};

struct edgefw_gen_list {
	struct edgefw_gen *gens;	/* NULL while counting */
	u32 n;
};

static const struct edgefw_addr *
edgefw_tpl_addrs(const struct edgefw_config *cfg,
		 const struct edgefw_role_cfg *rc, u8 which, u32 *n)
{
	static const struct edgefw_addr any;

	switch (which) {
	case EDGEFW_TPL_EXTERNAL:
		*n = rc->n_addrs;
		return rc->addrs;
	case EDGEFW_TPL_INTERNAL:
		*n = rc->internal.family ? 1 : 0;
		return &rc->internal;
	case EDGEFW_TPL_FRONT_ENDS:
		*n = cfg->n_front_ends;
		return cfg->front_ends;
	case EDGEFW_TPL_VIP:
		*n = cfg->vip.family ? 1 : 0;
		return &cfg->vip;
	default:
		*n = 1;
		return &any;
	}
}

static void edgefw_gen_one(struct edgefw_gen_list *out, u16 tpl,
			   const struct edgefw_addr *local,
			   const struct edgefw_addr *remote, bool stateless)
{
	const struct edgefw_tpl_row *t = &edgefw_tpl[tpl];
	bool local_is_src = t->src == EDGEFW_TPL_EXTERNAL ||
			    t->src == EDGEFW_TPL_INTERNAL;
	struct edgefw_gen *g;

	/* "any" fits every family; a pool address only its own */
	if (remote->family && remote->family != local->family)
		return;
	if (out->gens) {
		g = &out->gens[out->n];
		g->key.local = *local;
		g->key.zone = t->zone;
		g->key.dir = local_is_src ? EDGEFW_DIR_OUT : EDGEFW_DIR_IN;
		g->rule.remote = *remote;
		g->rule.remote_plen = remote->family == AF_INET ? 32 : 128;
		g->rule.tpl = tpl;
		g->rule.proto = t->proto;
		g->rule.flags = stateless && t->stateless ?
				EDGEFW_RULE_F_STATELESS : 0;
		g->rule.sport_min = t->sport_min;
		g->rule.sport_max = t->sport_max;
		g->rule.dport_min = t->dport_min;
		g->rule.dport_max = t->dport_max;
	}
	out->n++;
}

static void edgefw_gen_row(const struct edgefw_config *cfg, u16 tpl,
			   struct edgefw_gen_list *out)
{
	const struct edgefw_tpl_row *t = &edgefw_tpl[tpl];
	const struct edgefw_role_cfg *rc = &cfg->roles[t->role];
	bool local_is_src = t->src == EDGEFW_TPL_EXTERNAL ||
			    t->src == EDGEFW_TPL_INTERNAL;
	u8 remote_kind = local_is_src ? t->dst : t->src;
	bool sl = cfg->flags & EDGEFW_F_STATELESS_MEDIA;
	const struct edgefw_addr *local, *remote;
	u32 n_local, n_remote, i, j;

	local = edgefw_tpl_addrs(cfg, rc, local_is_src ? t->src : t->dst,
				 &n_local);
	if (remote_kind == EDGEFW_TPL_NEXT_HOPS) {
		for (i = 0; i < n_local; i++) {
			for (j = 0; j < cfg->n_front_ends; j++)
				edgefw_gen_one(out, tpl, &local[i],
					       &cfg->front_ends[j], sl);
			for (j = 0; j < cfg->n_directors; j++)
				edgefw_gen_one(out, tpl, &local[i],
					       &cfg->directors[j], sl);
		}
		return;
	}
	remote = edgefw_tpl_addrs(cfg, rc, remote_kind, &n_remote);
	for (i = 0; i < n_local; i++) {
		for (j = 0; j < n_remote; j++)
			edgefw_gen_one(out, tpl, &local[i], &remote[j], sl);
		if (!(i & 4095))
			cond_resched();
	}
}

static void edgefw_gen_all(const struct edgefw_config *cfg,
			   struct edgefw_gen_list *out)
{
	u16 i;

	for (i = 0; i < edgefw_tpl_len; i++) {
		if (cfg->roles[edgefw_tpl[i].role].present &&
		    edgefw_tpl_row_enabled(&edgefw_tpl[i], cfg))
			edgefw_gen_row(cfg, i, out);
	}
}

static int edgefw_key_cmp(const struct edgefw_entry *a,
			  const struct edgefw_entry *b)
{
	if (a->zone != b->zone)
		return a->zone < b->zone ? -1 : 1;
	if (a->dir != b->dir)
		return a->dir < b->dir ? -1 : 1;
	return edgefw_addr_cmp(&a->local, &b->local);
}

static int edgefw_gen_cmp(const void *pa, const void *pb)
{
	const struct edgefw_gen *a = pa, *b = pb;
	int d = edgefw_key_cmp(&a->key, &b->key);

	if (d)
		return d;
	if (a->rule.tpl != b->rule.tpl)
		return a->rule.tpl < b->rule.tpl ? -1 : 1;
	return edgefw_addr_cmp(&a->rule.remote, &b->rule.remote);
}

static u32 edgefw_hash(const struct edgefw_rules *rules, u8 zone, u8 dir,
		       const struct edgefw_addr *a)
{
	return jhash2(a->a.all, ARRAY_SIZE(a->a.all),
		      rules->hash_seed ^ (zone << 16 | dir << 8 | a->family));
}

const struct edgefw_entry *edgefw_lookup(const struct edgefw_rules *rules,
					 u8 zone, u8 dir,
					 const struct edgefw_addr *local)
{
	u32 slot = edgefw_hash(rules, zone, dir, local) & rules->hash_mask;
	u32 idx;

	while ((idx = rules->hash[slot])) {
		const struct edgefw_entry *e = &rules->entries[idx - 1];

		if (e->zone == zone && e->dir == dir &&
		    e->local.family == local->family &&
		    ipv6_addr_equal(&e->local.a.in6, &local->a.in6))
			return e;
		slot = (slot + 1) & rules->hash_mask;
	}
	return NULL;
}

static void edgefw_hash_insert(struct edgefw_rules *rules, u32 entry)
{
	const struct edgefw_entry *e = &rules->entries[entry];
	u32 slot = edgefw_hash(rules, e->zone, e->dir, &e->local) &
		   rules->hash_mask;

	while (rules->hash[slot])
		slot = (slot + 1) & rules->hash_mask;
	rules->hash[slot] = entry + 1;
}

static void edgefw_rules_free(struct edgefw_rules *rules)
{
	u32 i;

	for (i = 0; i < rules->n_chunks; i++)
		free_percpu(rules->chunks[i]);
	kvfree(rules->chunks);
	kvfree(rules->base_packets);
	kvfree(rules->base_bytes);
	kvfree(rules->carry);
	edgefw_rules_put(rules->prev);
	kvfree(rules->hash);
	kvfree(rules->entries);
	kvfree(rules->rules);
	kfree(rules);
}

void edgefw_rules_put(struct edgefw_rules *rules)
{
	if (rules && refcount_dec_and_test(&rules->ref))
		edgefw_rules_free(rules);
}

/* kvcalloc that adds what it took to rules->bytes. */
static void *edgefw_rules_alloc(struct edgefw_rules *rules, size_t n,
				size_t size)
{
	void *p = kvcalloc(n, size, EDGEFW_GFP);

	if (p)
		rules->bytes += n * size;
	return p;
}

static int edgefw_rules_alloc_counters(struct edgefw_rules *rules)
{
	u32 n = max_t(u32, rules->n_rules, 1), i;
	int cpu;

	rules->n_chunks = DIV_ROUND_UP(n, EDGEFW_COUNTERS_PER_CHUNK);
	rules->chunks = edgefw_rules_alloc(rules, rules->n_chunks,
					   sizeof(*rules->chunks));
	rules->base_packets = edgefw_rules_alloc(rules, n, sizeof(u64));
	rules->base_bytes = edgefw_rules_alloc(rules, n, sizeof(u64));
	if (!rules->chunks || !rules->base_packets || !rules->base_bytes) {
		rules->n_chunks = 0;
		return -ENOMEM;
	}
	for (i = 0; i < rules->n_chunks; i++) {
		struct edgefw_pcpu_counter __percpu *chunk;

		chunk = __alloc_percpu_gfp(sizeof(*chunk) *
					   EDGEFW_COUNTERS_PER_CHUNK,
					   __alignof__(*chunk), EDGEFW_GFP);
		if (!chunk) {
			rules->n_chunks = i;
			return -ENOMEM;
		}
		for_each_possible_cpu(cpu) {
			struct edgefw_pcpu_counter *c = per_cpu_ptr(chunk, cpu);
			unsigned int k;

			for (k = 0; k < EDGEFW_COUNTERS_PER_CHUNK; k++)
				u64_stats_init(&c[k].syncp);
		}
		rules->chunks[i] = chunk;
		rules->bytes += num_possible_cpus() * sizeof(*chunk) *
				EDGEFW_COUNTERS_PER_CHUNK;
		cond_resched();
	}
	return 0;
}

static bool edgefw_rule_same(const struct edgefw_rule *a,
			     const struct edgefw_rule *b)
{
	return a->tpl == b->tpl && a->remote_plen == b->remote_plen &&
	       !edgefw_addr_cmp(&a->remote, &b->remote) &&
	       (a->tpl != EDGEFW_TPL_MGMT ||
		(a->entry == b->entry && a->proto == b->proto &&
		 a->dport_min == b->dport_min));
}

/* Finds, for every new rule, the same rule in the one it replaces. */
static int edgefw_rules_match_prev(struct edgefw_rules *rules,
				   struct edgefw_rules *prev)
{
	u32 i, k, first, end;

	rules->carry = edgefw_rules_alloc(rules, max_t(u32, rules->n_rules, 1),
					  sizeof(u32));
	if (!rules->carry)
		return -ENOMEM;
	for (i = 0; i < rules->n_rules; i++) {
		const struct edgefw_rule *r = &rules->rules[i];

		if (r->tpl == EDGEFW_TPL_MGMT) {
			first = prev->mgmt_first[r->entry];
			end = first + prev->mgmt_n[r->entry];
		} else {
			const struct edgefw_entry *e, *pe;

			e = &rules->entries[r->entry];
			pe = edgefw_lookup(prev, e->zone, e->dir, &e->local);
			if (!pe)
				continue;
			first = pe->first;
			end = pe->first + pe->count;
		}
		for (k = first; k < end; k++) {
			if (edgefw_rule_same(&prev->rules[k], r)) {
				rules->carry[i] = k + 1;
				rules->n_kept++;
				break;
			}
		}
		if (!(i & 4095))
			cond_resched();
	}
	refcount_inc(&prev->ref);
	rules->prev = prev;
	return 0;
}

/* Entries and the hash from the sorted reference rules in @list. */
static int edgefw_rules_index(struct edgefw_rules *rules,
			      const struct edgefw_gen_list *list)
{
	u32 i, n_entries = 0;

	for (i = 0; i < list->n; i++)
		if (!i || edgefw_key_cmp(&list->gens[i - 1].key,
					 &list->gens[i].key))
			n_entries++;
	rules->n_entries = n_entries;
	rules->entries = edgefw_rules_alloc(rules, max_t(u32, n_entries, 1),
					    sizeof(*rules->entries));
	rules->hash_mask = roundup_pow_of_two(max_t(u32, 2 * n_entries,
						    16)) - 1;
	rules->hash = edgefw_rules_alloc(rules, rules->hash_mask + 1,
					 sizeof(*rules->hash));
	if (!rules->entries || !rules->hash)
		return -ENOMEM;

	n_entries = 0;
	for (i = 0; i < list->n; i++) {
		struct edgefw_entry *e;

		if (!i || edgefw_key_cmp(&list->gens[i - 1].key,
					 &list->gens[i].key)) {
			e = &rules->entries[n_entries++];
			*e = list->gens[i].key;
			e->first = i;
			e->count = 0;
		}
		rules->entries[n_entries - 1].count++;
		rules->rules[i] = list->gens[i].rule;
		rules->rules[i].entry = n_entries - 1;
		if (rules->rules[i].flags & EDGEFW_RULE_F_STATELESS)
			rules->has_stateless = true;
	}
	for (i = 0; i < n_entries; i++) {
		edgefw_hash_insert(rules, i);
		if (!(i & 4095))
			cond_resched();
	}
	return 0;
}

/* The management rules, zone by zone, after the reference rules. */
static void edgefw_rules_add_mgmt(struct edgefw_rules *rules,
				  const struct edgefw_config *cfg, u32 next)
{
	u8 zone;
	u32 i;

	for (zone = 0; zone < __EDGEFW_ZONE_LAST; zone++) {
		rules->mgmt_first[zone] = next;
		for (i = 0; i < cfg->n_mgmt; i++) {
			const struct edgefw_mgmt *m = &cfg->mgmt[i];
			struct edgefw_rule *r = &rules->rules[next];

			if (m->zone != zone)
				continue;
			r->remote = m->prefix;
			r->remote_plen = m->plen;
			r->proto = m->proto;
			r->tpl = EDGEFW_TPL_MGMT;
			r->entry = zone;
			r->sport_min = i;	/* its index, for dumps */
			r->sport_max = 65535;
			r->dport_min = m->port;
			r->dport_max = m->port;
			next++;
		}
		rules->mgmt_n[zone] = next - rules->mgmt_first[zone];
	}
}

/**
 * edgefw_rules_build - expand a configuration into an immutable rule set
 * @cfg: the configuration; not referenced after return
 * @prev: the rule set in force, or NULL; rules found in both keep their
 *	 counters (the new set holds a reference on @prev until
 *	 its totals are folded in: edgefw_rules_new_base())
 *
 * Return: the new set with one reference, or an ERR_PTR; may sleep.
 */
struct edgefw_rules *edgefw_rules_build(const struct edgefw_config *cfg,
					struct edgefw_rules *prev)
{
	struct edgefw_gen_list list = {};
	struct edgefw_rules *rules;
	int err = -ENOMEM;

	rules = kzalloc(sizeof(*rules), EDGEFW_GFP);
	if (!rules)
		return ERR_PTR(-ENOMEM);
	refcount_set(&rules->ref, 1);
	rules->hash_seed = get_random_u32();
	rules->bytes = sizeof(*rules);

	edgefw_gen_all(cfg, &list);
	rules->n_rules = list.n + cfg->n_mgmt;
	list.gens = kvmalloc_array(max_t(u32, list.n, 1), sizeof(*list.gens),
				   EDGEFW_GFP);
	rules->rules = edgefw_rules_alloc(rules, max_t(u32, rules->n_rules, 1),
					  sizeof(*rules->rules));
	if (!list.gens || !rules->rules)
		goto err_free;
	list.n = 0;
	edgefw_gen_all(cfg, &list);
	edgefw_sort(list.gens, list.n, edgefw_gen_cmp);

	err = edgefw_rules_index(rules, &list);
	if (err)
		goto err_free;
	edgefw_rules_add_mgmt(rules, cfg, list.n);
	kvfree(list.gens);
	list.gens = NULL;

	err = edgefw_rules_alloc_counters(rules);
	if (!err && prev)
		err = edgefw_rules_match_prev(rules, prev);
	if (err)
		goto err_free;
	return rules;

err_free:
	kvfree(list.gens);
	edgefw_rules_free(rules);
	return ERR_PTR(err);
}

/* ---- counters ---------------------------------------------------------- */

static void edgefw_rule_pcpu_sum(const struct edgefw_rules *rules, u32 i,
				 u64 *packets, u64 *bytes)
{
	const struct edgefw_pcpu_counter __percpu *chunk;
	int cpu;

	chunk = rules->chunks[i / EDGEFW_COUNTERS_PER_CHUNK];
	*packets = 0;
	*bytes = 0;
	for_each_possible_cpu(cpu) {
		const struct edgefw_pcpu_counter *c = per_cpu_ptr(chunk, cpu) +
			i % EDGEFW_COUNTERS_PER_CHUNK;
		unsigned int start;
		u64 p, b;

		do {
			start = u64_stats_fetch_begin(&c->syncp);
			p = u64_stats_read(&c->packets);
			b = u64_stats_read(&c->bytes);
		} while (u64_stats_fetch_retry(&c->syncp, start));
		*packets += p;
		*bytes += b;
	}
}

/*
 * A rule's total: its own per-CPU counts, its base, and, until
 * they were folded into the base, what the same rule of the previous set
 * counts.
 * The caller keeps the set from changing (the namespace's lock).
 */
void edgefw_rule_counters(const struct edgefw_rules *rules, u32 i,
			  u64 *packets, u64 *bytes)
{
	u64 p, b;

	edgefw_rule_pcpu_sum(rules, i, packets, bytes);
	*packets += rules->base_packets[i];
	*bytes += rules->base_bytes[i];
	if (rules->prev && rules->carry[i]) {
		edgefw_rule_counters(rules->prev, rules->carry[i] - 1, &p, &b);
		*packets += p;
		*bytes += b;
	}
}

/*
 * New bases for every rule, made without any lock the packet path or the
 * notifier takes (a set may hold millions of rules), then put in place
 * with edgefw_rules_set_base() under the namespace's lock:
 * - fold: once the previous set is out of reach of the packet path (after
 *   a grace period), its totals are final and become part of the base;
 * - reset: totals restart from zero, the base cancels what was counted.
 */
int edgefw_rules_new_base(const struct edgefw_rules *rules, bool reset,
			  struct edgefw_base *nb)
{
	u32 n = max_t(u32, rules->n_rules, 1), i;
	u64 p, b;

	nb->packets = kvmalloc_array(n, sizeof(u64), EDGEFW_GFP);
	nb->bytes = kvmalloc_array(n, sizeof(u64), EDGEFW_GFP);
	if (!nb->packets || !nb->bytes) {
		edgefw_base_free(nb);
		return -ENOMEM;
	}
	nb->fold = !reset && rules->prev;
	for (i = 0; i < rules->n_rules; i++) {
		nb->packets[i] = rules->base_packets[i];
		nb->bytes[i] = rules->base_bytes[i];
		if (reset) {
			edgefw_rule_counters(rules, i, &p, &b);
			nb->packets[i] -= p;
			nb->bytes[i] -= b;
		} else if (nb->fold && rules->carry[i]) {
			edgefw_rule_counters(rules->prev, rules->carry[i] - 1,
					     &p, &b);
			nb->packets[i] += p;
			nb->bytes[i] += b;
		}
		if (!(i & 4095))
			cond_resched();
	}
	return 0;
}

/*
 * Puts @nb in place; what it replaced (and, for a fold, the previous set
 * with its carry map) is left in @nb for edgefw_base_free() once the
 * namespace's lock is dropped.
 */
void edgefw_rules_set_base(struct edgefw_rules *rules, struct edgefw_base *nb)
{
	swap(rules->base_packets, nb->packets);
	swap(rules->base_bytes, nb->bytes);
	if (nb->fold) {
		nb->prev = rules->prev;
		nb->carry = rules->carry;
		rules->prev = NULL;
		rules->carry = NULL;
	}
}

void edgefw_base_free(struct edgefw_base *nb)
{
	kvfree(nb->packets);
	kvfree(nb->bytes);
	kvfree(nb->carry);
	edgefw_rules_put(nb->prev);
	memset(nb, 0, sizeof(*nb));
}

void edgefw_rule_count(const struct edgefw_rules *rules, u32 i,
		       unsigned int len)
{
	struct edgefw_pcpu_counter *c;

	/* Local output runs in process context: keep softirqs off the CPU. */
	local_bh_disable();
	c = this_cpu_ptr(rules->chunks[i / EDGEFW_COUNTERS_PER_CHUNK]) +
	    i % EDGEFW_COUNTERS_PER_CHUNK;
	u64_stats_update_begin(&c->syncp);
	u64_stats_inc(&c->packets);
	u64_stats_add(&c->bytes, len);
	u64_stats_update_end(&c->syncp);
	local_bh_enable();
}
