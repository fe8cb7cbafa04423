/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edgefw internals shared by the files of the module.
 *
 * Naming: ..._build() and ..._free() make and destroy immutable objects in
 * process context; ..._lookup() and ..._classify() run in the packet path
 * (softirq or process context, under rcu_read_lock) and never sleep.
 */
#ifndef _EDGEFW_H
#define _EDGEFW_H

#include <linux/types.h>
#include <linux/if.h>
#include <linux/netfilter.h>
#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>

#include "../uapi/linux/edgefw.h"

/* An IPv4 or IPv6 address; IPv4 lives in a.ip, family is AF_INET(6). */
struct edgefw_addr {
	u8 family;			/* 0: none / any */
	union nf_inet_addr a;
};

/* ---- configuration: what the operator asked for ---------------------- */

struct edgefw_role_cfg {
	bool present;
	u8 media_range;			/* enum edgefw_media_range */
	struct edgefw_addr internal;	/* family 0: no internal address */
	u32 n_addrs;
	struct edgefw_addr *addrs;	/* sorted, unique; kvmalloc'ed */
};

struct edgefw_binding {
	char name[IFNAMSIZ];
	int ifindex;			/* 0: interface absent, pending */
	u8 zone;			/* enum edgefw_zone */
};

struct edgefw_config {
	u32 flags;			/* EDGEFW_F_* */
	u32 n_front_ends;
	struct edgefw_addr front_ends[EDGEFW_MAX_FRONT_ENDS];
	struct edgefw_addr vip;
	u32 n_bindings;
	struct edgefw_binding bindings[EDGEFW_MAX_BINDINGS];
	struct edgefw_role_cfg roles[__EDGEFW_ROLE_LAST];
};

struct edgefw_config *edgefw_config_alloc(void);
void edgefw_config_free(struct edgefw_config *cfg);
int edgefw_addr_cmp(const struct edgefw_addr *a, const struct edgefw_addr *b);

/* ---- the reference tables (template.c) -------------------------------- */

enum edgefw_tpl_addr {
	EDGEFW_TPL_ANY,			/* any address, any family */
	EDGEFW_TPL_EXTERNAL,		/* each external address of the role */
	EDGEFW_TPL_INTERNAL,		/* the role's internal address */
	EDGEFW_TPL_FRONT_ENDS,		/* each Front End server of the pool */
	EDGEFW_TPL_VIP,			/* the pool's VIP */
};

/* When an optional row is in force. */
enum edgefw_tpl_when {
	EDGEFW_TPL_ALWAYS,
	EDGEFW_TPL_HTTP_REDIRECT,	/* EDGEFW_F_HTTP_REDIRECT set */
	EDGEFW_TPL_MEDIA_TCP_OUT,	/* media range lync2010 or ocs2007 */
	EDGEFW_TPL_MEDIA_OCS2007,	/* media range ocs2007 */
};

struct edgefw_tpl_row {
	u16 row;			/* stable number, shown to operators */
	u8 role;			/* enum edgefw_role */
	u8 zone;			/* enum edgefw_zone */
	u8 proto;			/* IPPROTO_TCP / IPPROTO_UDP */
	u8 src, dst;			/* enum edgefw_tpl_addr */
	u8 when;			/* enum edgefw_tpl_when */
	u16 sport_min, sport_max;
	u16 dport_min, dport_max;
	const char *used_for;
};

extern const struct edgefw_tpl_row edgefw_tpl[];
extern const unsigned int edgefw_tpl_len;
bool edgefw_tpl_row_enabled(const struct edgefw_tpl_row *t,
			    const struct edgefw_config *cfg);

/* ---- compiled rules (core.c): immutable once built -------------------- */

struct edgefw_pcpu_counter {
	u64_stats_t packets;
	u64_stats_t bytes;
	struct u64_stats_sync syncp;
};

#define EDGEFW_COUNTERS_PER_CHUNK 512

/*
 * All rules that share one local address (the edge's side of the packet:
 * the destination entering an interface, the source leaving it) in one
 * zone and direction. Rules of an entry are consecutive in rules[].
 */
struct edgefw_entry {
	struct edgefw_addr local;
	u8 zone, dir;
	u32 first, count;		/* range in edgefw_rules.rules[] */
};

struct edgefw_rule {
	struct edgefw_addr remote;	/* family 0: any */
	u32 entry;			/* index in edgefw_rules.entries[] */
	u16 tpl;			/* index in edgefw_tpl[] */
	u8 proto;
	u16 sport_min, sport_max;
	u16 dport_min, dport_max;
};

struct edgefw_rules {
	refcount_t ref;
	u32 n_entries, n_rules;
	u32 hash_mask;			/* hash has hash_mask + 1 slots */
	u32 hash_seed;
	u32 *hash;			/* entry index + 1; 0: empty slot */
	struct edgefw_entry *entries;
	struct edgefw_rule *rules;
	/* counters: per-CPU chunks, plus what earlier sets and resets add */
	struct edgefw_pcpu_counter __percpu **chunks;
	u32 n_chunks;
	u64 *base_packets, *base_bytes;	/* rule total = base + per-CPU sum */
	u32 *carry;			/* old rule index + 1 to carry from */
};

/* A packet as the classifier sees it. */
struct edgefw_pkt {
	u8 family;			/* AF_INET / AF_INET6 */
	u8 proto;
	u8 icmp_type;			/* ICMP/ICMPv6 only */
	u8 hop_limit;			/* IPv6 only */
	union nf_inet_addr saddr, daddr;
	u16 sport, dport;		/* host order; TCP/UDP only */
};

/* Why a packet on a bound interface was dropped (or accepted). */
enum edgefw_reason {
	EDGEFW_R_RULE,			/* a rule matched: accept */
	EDGEFW_R_STATE,			/* conntrack established/related */
	EDGEFW_R_ND,			/* IPv6 neighbour discovery, MLD */
	EDGEFW_R_NO_RULE,
	EDGEFW_R_BAD_HEADER,
	EDGEFW_R_PROTO,
	EDGEFW_R_FRAGMENT,
	__EDGEFW_R_LAST
};

struct edgefw_rules *edgefw_rules_build(const struct edgefw_config *cfg,
					const struct edgefw_rules *old);
void edgefw_rules_put(struct edgefw_rules *rules);
void edgefw_rules_carry_counters(struct edgefw_rules *new,
				 const struct edgefw_rules *old);
void edgefw_rules_reset_counters(struct edgefw_rules *rules);
void edgefw_rule_counters(const struct edgefw_rules *rules, u32 i,
			  u64 *packets, u64 *bytes);
void edgefw_rule_count(const struct edgefw_rules *rules, u32 i,
		       unsigned int len);
int edgefw_classify(const struct edgefw_rules *rules, u8 zone, u8 dir,
		    const struct edgefw_pkt *pkt);
enum edgefw_reason edgefw_parse(const struct sk_buff *skb, u8 family,
				struct edgefw_pkt *pkt);
enum edgefw_reason edgefw_judge(const struct edgefw_rules *rules, u8 zone,
				u8 dir, const struct sk_buff *skb, u8 family,
				struct edgefw_pkt *pkt, int *rule);

/* ---- per network namespace state (hooks.c) ---------------------------- */

/* What the packet path reads: bindings and rules, replaced as a whole. */
struct edgefw_ruleset {
	struct rcu_head rcu;
	u32 flags;
	u32 n_zones;
	struct {
		int ifindex;
		u8 zone;
	} zones[EDGEFW_MAX_BINDINGS];
	struct edgefw_rules *rules;	/* shared with the next set, counted */
};

struct edgefw_zone_stats {
	u64_stats_t count[__EDGEFW_R_LAST];
	struct u64_stats_sync syncp;
};

struct edgefw_net {
	struct mutex lock;		/* config changes, dumps, events */
	struct edgefw_config *cfg;	/* NULL once the netns is exiting */
	struct edgefw_ruleset __rcu *ruleset;
	u32 generation;
	bool hooks_on;			/* hooks, conntrack and module ref */
	struct edgefw_zone_stats __percpu *zstats[__EDGEFW_ZONE_LAST];
	u64 zstats_base[__EDGEFW_ZONE_LAST][__EDGEFW_R_LAST];
};

struct edgefw_net *edgefw_pernet(struct net *net);
int edgefw_replace_config(struct net *net, struct edgefw_config *cfg,
			  const u32 *expected_generation,
			  struct netlink_ext_ack *extack);
void edgefw_reset_counters(struct net *net);
void edgefw_zone_counters(struct edgefw_net *en, u8 zone,
			  u64 count[__EDGEFW_R_LAST]);
int edgefw_hooks_init(void);
void edgefw_hooks_exit(void);

/* ---- generic netlink (netlink.c) -------------------------------------- */

int edgefw_genl_init(void);
void edgefw_genl_exit(void);
void edgefw_notify(struct net *net, u32 generation);

#endif /* _EDGEFW_H */
