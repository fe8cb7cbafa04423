// SPDX-License-Identifier: GPL-2.0
/*
 * The rule model and the classifier: pure data structures, no netfilter.
 *
 * A configuration is expanded, through the reference tables, into rules.
 * Every rule has exactly one address of the edge on one side (the "local"
 * address: destination of a packet entering a bound interface, source of
 * one leaving it). Rules are grouped into entries by (zone, direction,
 * local address) and the entries are found through an open-addressing hash
 * table. A lookup therefore costs one hash probe sequence plus a scan of
 * the rules of one address, whose number the reference tables bound (at
 * most a few per role sharing the address), whatever the number of roles
 * and addresses.
 */
#include <linux/ipv6.h>
#include <linux/ip.h>
#include <linux/icmpv6.h>
#include <linux/jhash.h>
#include <linux/log2.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "edgefw.h"

struct edgefw_config *edgefw_config_alloc(void)
{
	return kzalloc(sizeof(struct edgefw_config), GFP_KERNEL);
}

void edgefw_config_free(struct edgefw_config *cfg)
{
	unsigned int i;

	if (!cfg)
		return;
	for (i = 0; i < ARRAY_SIZE(cfg->roles); i++)
		kvfree(cfg->roles[i].addrs);
	kfree(cfg);
}

static size_t edgefw_addr_len(u8 family)
{
	return family == AF_INET6 ? sizeof(struct in6_addr) : sizeof(__be32);
}

/* Orders by family, then numerically: IPv4 before IPv6. */
int edgefw_addr_cmp(const struct edgefw_addr *a, const struct edgefw_addr *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	return memcmp(&a->a, &b->a, edgefw_addr_len(a->family));
}

/* ---- building --------------------------------------------------------- */

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

static void edgefw_gen_row(const struct edgefw_config *cfg, u16 tpl,
			   struct edgefw_gen_list *out)
{
	const struct edgefw_tpl_row *t = &edgefw_tpl[tpl];
	const struct edgefw_role_cfg *rc = &cfg->roles[t->role];
	bool local_is_src = t->src == EDGEFW_TPL_EXTERNAL ||
			    t->src == EDGEFW_TPL_INTERNAL;
	const struct edgefw_addr *local, *remote;
	u32 n_local, n_remote, i, j;

	local = edgefw_tpl_addrs(cfg, rc, local_is_src ? t->src : t->dst,
				 &n_local);
	remote = edgefw_tpl_addrs(cfg, rc, local_is_src ? t->dst : t->src,
				  &n_remote);
	for (i = 0; i < n_local; i++) {
		for (j = 0; j < n_remote; j++) {
			struct edgefw_gen *g;

			/* "any" fits every family; a pool address only its own */
			if (remote[j].family &&
			    remote[j].family != local[i].family)
				continue;
			if (out->gens) {
				g = &out->gens[out->n];
				g->key.local = local[i];
				g->key.zone = t->zone;
				g->key.dir = local_is_src ? EDGEFW_DIR_OUT :
							    EDGEFW_DIR_IN;
				g->rule.remote = remote[j];
				g->rule.tpl = tpl;
				g->rule.proto = t->proto;
				g->rule.sport_min = t->sport_min;
				g->rule.sport_max = t->sport_max;
				g->rule.dport_min = t->dport_min;
				g->rule.dport_max = t->dport_max;
			}
			out->n++;
		}
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

static const struct edgefw_entry *
edgefw_lookup(const struct edgefw_rules *rules, u8 zone, u8 dir,
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

static int edgefw_rules_alloc_counters(struct edgefw_rules *rules)
{
	u32 n = max_t(u32, rules->n_rules, 1), i;
	int cpu;

	rules->n_chunks = DIV_ROUND_UP(n, EDGEFW_COUNTERS_PER_CHUNK);
	rules->chunks = kvcalloc(rules->n_chunks, sizeof(*rules->chunks),
				 GFP_KERNEL);
	rules->base_packets = kvcalloc(n, sizeof(u64), GFP_KERNEL);
	rules->base_bytes = kvcalloc(n, sizeof(u64), GFP_KERNEL);
	rules->carry = kvcalloc(n, sizeof(u32), GFP_KERNEL);
	if (!rules->chunks || !rules->base_packets || !rules->base_bytes ||
	    !rules->carry) {
		rules->n_chunks = 0;
		return -ENOMEM;
	}
	for (i = 0; i < rules->n_chunks; i++) {
		struct edgefw_pcpu_counter __percpu *chunk;

		chunk = __alloc_percpu_gfp(sizeof(*chunk) *
					   EDGEFW_COUNTERS_PER_CHUNK,
					   __alignof__(*chunk), GFP_KERNEL);
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
	}
	return 0;
}

/* Finds, for every new rule, the same rule in the old set. */
static void edgefw_rules_match_old(struct edgefw_rules *rules,
				   const struct edgefw_rules *old)
{
	u32 i, k;

	for (i = 0; i < rules->n_rules; i++) {
		const struct edgefw_rule *r = &rules->rules[i];
		const struct edgefw_entry *e = &rules->entries[r->entry];
		const struct edgefw_entry *oe;

		oe = edgefw_lookup(old, e->zone, e->dir, &e->local);
		if (!oe)
			continue;
		for (k = oe->first; k < oe->first + oe->count; k++) {
			const struct edgefw_rule *o = &old->rules[k];

			if (o->tpl == r->tpl &&
			    !edgefw_addr_cmp(&o->remote, &r->remote)) {
				rules->carry[i] = k + 1;
				break;
			}
		}
	}
}

/**
 * edgefw_rules_build - expand a configuration into an immutable rule set
 * @cfg: the configuration; not referenced after return
 * @old: the rule set in force, or NULL; rules found in both keep their
 *	 counters once edgefw_rules_carry_counters() has run
 *
 * Return: the new set with one reference, or an ERR_PTR; may sleep.
 */
struct edgefw_rules *edgefw_rules_build(const struct edgefw_config *cfg,
					const struct edgefw_rules *old)
{
	struct edgefw_gen_list list = {};
	struct edgefw_rules *rules;
	u32 i, n_entries = 0;
	int err = -ENOMEM;

	rules = kzalloc(sizeof(*rules), GFP_KERNEL);
	if (!rules)
		return ERR_PTR(-ENOMEM);
	refcount_set(&rules->ref, 1);
	rules->hash_seed = get_random_u32();

	edgefw_gen_all(cfg, &list);
	rules->n_rules = list.n;
	list.gens = kvmalloc_array(max_t(u32, list.n, 1), sizeof(*list.gens),
				   GFP_KERNEL);
	if (!list.gens)
		goto err_free;
	list.n = 0;
	edgefw_gen_all(cfg, &list);
	sort(list.gens, list.n, sizeof(*list.gens), edgefw_gen_cmp, NULL);

	for (i = 0; i < list.n; i++)
		if (!i || edgefw_key_cmp(&list.gens[i - 1].key,
					 &list.gens[i].key))
			n_entries++;
	rules->n_entries = n_entries;
	rules->entries = kvcalloc(max_t(u32, n_entries, 1),
				  sizeof(*rules->entries), GFP_KERNEL);
	rules->rules = kvcalloc(max_t(u32, list.n, 1), sizeof(*rules->rules),
				GFP_KERNEL);
	rules->hash_mask = roundup_pow_of_two(max_t(u32, 2 * n_entries,
						    16)) - 1;
	rules->hash = kvcalloc(rules->hash_mask + 1, sizeof(*rules->hash),
			       GFP_KERNEL);
	if (!rules->entries || !rules->rules || !rules->hash)
		goto err_free;

	n_entries = 0;
	for (i = 0; i < list.n; i++) {
		struct edgefw_entry *e;

		if (!i || edgefw_key_cmp(&list.gens[i - 1].key,
					 &list.gens[i].key)) {
			e = &rules->entries[n_entries++];
			*e = list.gens[i].key;
			e->first = i;
			e->count = 0;
		}
		e = &rules->entries[n_entries - 1];
		e->count++;
		rules->rules[i] = list.gens[i].rule;
		rules->rules[i].entry = n_entries - 1;
	}
	for (i = 0; i < n_entries; i++)
		edgefw_hash_insert(rules, i);

	err = edgefw_rules_alloc_counters(rules);
	if (err)
		goto err_free;
	if (old)
		edgefw_rules_match_old(rules, old);
	kvfree(list.gens);
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

void edgefw_rule_counters(const struct edgefw_rules *rules, u32 i,
			  u64 *packets, u64 *bytes)
{
	edgefw_rule_pcpu_sum(rules, i, packets, bytes);
	*packets += rules->base_packets[i];
	*bytes += rules->base_bytes[i];
}

/*
 * Called once @old is out of reach of the packet path (after a grace
 * period), so its totals are final.
 */
void edgefw_rules_carry_counters(struct edgefw_rules *new,
				 const struct edgefw_rules *old)
{
	u32 i;

	for (i = 0; i < new->n_rules; i++) {
		if (!new->carry[i])
			continue;
		edgefw_rule_counters(old, new->carry[i] - 1,
				     &new->base_packets[i], &new->base_bytes[i]);
	}
	kvfree(new->carry);
	new->carry = NULL;
}

/* Totals restart from zero: the base cancels what was counted so far. */
void edgefw_rules_reset_counters(struct edgefw_rules *rules)
{
	u32 i;
	u64 p, b;

	for (i = 0; i < rules->n_rules; i++) {
		edgefw_rule_pcpu_sum(rules, i, &p, &b);
		rules->base_packets[i] = -p;
		rules->base_bytes[i] = -b;
	}
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

/* ---- the packet path --------------------------------------------------- */

/**
 * edgefw_classify - find the rule that admits a packet
 * Return: the index of the first matching rule, or -1.
 */
int edgefw_classify(const struct edgefw_rules *rules, u8 zone, u8 dir,
		    const struct edgefw_pkt *pkt)
{
	struct edgefw_addr local = { .family = pkt->family };
	const union nf_inet_addr *remote;
	const struct edgefw_entry *e;
	u32 i;

	local.a = dir == EDGEFW_DIR_IN ? pkt->daddr : pkt->saddr;
	remote = dir == EDGEFW_DIR_IN ? &pkt->saddr : &pkt->daddr;
	e = edgefw_lookup(rules, zone, dir, &local);
	if (!e)
		return -1;
	for (i = e->first; i < e->first + e->count; i++) {
		const struct edgefw_rule *r = &rules->rules[i];

		if (r->proto == pkt->proto &&
		    pkt->sport >= r->sport_min && pkt->sport <= r->sport_max &&
		    pkt->dport >= r->dport_min && pkt->dport <= r->dport_max &&
		    (!r->remote.family ||
		     ipv6_addr_equal(&r->remote.a.in6, &remote->in6)))
			return i;
	}
	return -1;
}

/**
 * edgefw_parse - read the addresses, protocol and ports of a packet
 * Return: EDGEFW_R_RULE (0) when the packet can be looked up, else the
 * reason to drop it.
 */
enum edgefw_reason edgefw_parse(const struct sk_buff *skb, u8 family,
				struct edgefw_pkt *pkt)
{
	unsigned int nhoff = skb_network_offset(skb);
	__be16 ports[2], *pp;
	u8 *type, _type;
	int thoff;

	memset(pkt, 0, sizeof(*pkt));
	pkt->family = family;
	if (family == AF_INET) {
		const struct iphdr *iph;
		struct iphdr _iph;

		iph = skb_header_pointer(skb, nhoff, sizeof(_iph), &_iph);
		if (!iph || iph->ihl < 5 || iph->version != 4)
			return EDGEFW_R_BAD_HEADER;
		if (ip_is_fragment(iph))
			return EDGEFW_R_FRAGMENT;
		pkt->saddr.ip = iph->saddr;
		pkt->daddr.ip = iph->daddr;
		pkt->proto = iph->protocol;
		thoff = nhoff + iph->ihl * 4;
	} else {
		const struct ipv6hdr *ip6h;
		struct ipv6hdr _ip6h;
		__be16 frag_off = 0;
		u8 nexthdr;

		ip6h = skb_header_pointer(skb, nhoff, sizeof(_ip6h), &_ip6h);
		if (!ip6h || ip6h->version != 6)
			return EDGEFW_R_BAD_HEADER;
		pkt->saddr.in6 = ip6h->saddr;
		pkt->daddr.in6 = ip6h->daddr;
		pkt->hop_limit = ip6h->hop_limit;
		nexthdr = ip6h->nexthdr;
		thoff = ipv6_skip_exthdr(skb, nhoff + sizeof(_ip6h), &nexthdr,
					 &frag_off);
		if (thoff < 0)
			return EDGEFW_R_BAD_HEADER;
		if (frag_off)
			return EDGEFW_R_FRAGMENT;
		pkt->proto = nexthdr;
	}

	switch (pkt->proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
		pp = skb_header_pointer(skb, thoff, sizeof(ports), ports);
		if (!pp)
			return EDGEFW_R_BAD_HEADER;
		pkt->sport = ntohs(pp[0]);
		pkt->dport = ntohs(pp[1]);
		return EDGEFW_R_RULE;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		type = skb_header_pointer(skb, thoff, sizeof(_type), &_type);
		if (!type)
			return EDGEFW_R_BAD_HEADER;
		pkt->icmp_type = *type;
		return EDGEFW_R_RULE;
	default:
		return EDGEFW_R_RULE;
	}
}

/*
 * IPv6 cannot work without neighbour discovery, nor, on a network whose
 * switches snoop MLD, without the MLD that joins each address's
 * solicited-node group (RFC 4861 7.2.1; RFC 4890 4.4.1 lists both as never
 * to be dropped on the link). MLD is only ever sent with hop limit 1, so
 * it is accepted only so: it cannot have been routed here.
 */
static bool edgefw_is_link_control(const struct edgefw_pkt *pkt)
{
	if (pkt->family != AF_INET6 || pkt->proto != IPPROTO_ICMPV6)
		return false;
	switch (pkt->icmp_type) {
	case NDISC_ROUTER_SOLICITATION:
	case NDISC_ROUTER_ADVERTISEMENT:
	case NDISC_NEIGHBOUR_SOLICITATION:
	case NDISC_NEIGHBOUR_ADVERTISEMENT:
	case NDISC_REDIRECT:
		return true;
	case ICMPV6_MGM_QUERY:
	case ICMPV6_MGM_REPORT:
	case ICMPV6_MGM_REDUCTION:
	case ICMPV6_MLD2_REPORT:
		return pkt->hop_limit == 1;
	default:
		return false;
	}
}

/**
 * edgefw_judge - the verdict on a packet crossing a bound interface, except
 * for conntrack state, which the caller checks first
 * @rule: set to the matching rule's index when the result is EDGEFW_R_RULE
 *
 * Return: EDGEFW_R_RULE or EDGEFW_R_ND to accept, a drop reason otherwise.
 */
enum edgefw_reason edgefw_judge(const struct edgefw_rules *rules, u8 zone,
				u8 dir, const struct sk_buff *skb, u8 family,
				struct edgefw_pkt *pkt, int *rule)
{
	enum edgefw_reason reason = edgefw_parse(skb, family, pkt);

	if (reason != EDGEFW_R_RULE)
		return reason;
	if (pkt->proto != IPPROTO_TCP && pkt->proto != IPPROTO_UDP)
		return edgefw_is_link_control(pkt) ? EDGEFW_R_ND :
						      EDGEFW_R_PROTO;
	*rule = edgefw_classify(rules, zone, dir, pkt);
	return *rule < 0 ? EDGEFW_R_NO_RULE : EDGEFW_R_RULE;
}
