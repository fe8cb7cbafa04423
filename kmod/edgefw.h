/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edgefw internals shared by the files of the module.
 *
 * Naming: ..._build() and ..._free() make and destroy immutable objects in
 * process context and may sleep; ..._lookup(), ..._classify() and
 * ..._judge() run in the packet path (softirq or process context, under
 * rcu_read_lock) and never sleep.
 *
 * Memory: everything whose size a request chooses is allocated with
 * EDGEFW_GFP: charged to the caller's memory cgroup, and failing (ENOMEM)
 * rather than invoking the OOM killer, inside a cgroup or out; quietly,
 * since the caller is told (a failed allocation's report in the kernel
 * log would let any namespace owner fill it).
 */
#ifndef _EDGEFW_H
#define _EDGEFW_H

#include <linux/types.h>
#include <linux/if.h>
#include <linux/netfilter.h>
#include <linux/percpu.h>
#include <linux/ratelimit.h>
#include <linux/u64_stats_sync.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>

#include "../uapi/linux/edgefw.h"

#define EDGEFW_GFP	(GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL | __GFP_NOWARN)

/* Drops logged to the kernel log, per second and namespace. */
#define EDGEFW_LOG_BURST	20

/* An IPv4 or IPv6 address; IPv4 lives in a.ip, family is AF_INET(6). */
struct edgefw_addr {
	u8 family;			/* 0: none / any */
	union nf_inet_addr a;
};

int edgefw_addr_cmp(const struct edgefw_addr *a, const struct edgefw_addr *b);
bool edgefw_addr_in_prefix(const union nf_inet_addr *a,
			   const struct edgefw_addr *prefix, u8 plen);

/* ---- configuration: what the operator asked for (config.c) ----------- */

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

/* A management rule: PROTO to PORT of the host, from PREFIX, in ZONE. */
struct edgefw_mgmt {
	struct edgefw_addr prefix;	/* host bits zero */
	u8 plen;
	u8 zone;
	u8 proto;
	u16 port;
};

struct edgefw_config {
	u32 flags;			/* EDGEFW_F_* */
	u8 profile;			/* enum edgefw_profile */
	bool has_log_group;
	u16 log_group;			/* NFLOG group, if has_log_group */
	u32 n_front_ends;
	struct edgefw_addr front_ends[EDGEFW_MAX_FRONT_ENDS];
	u32 n_directors;
	struct edgefw_addr directors[EDGEFW_MAX_DIRECTORS];
	struct edgefw_addr vip;
	u32 n_bindings;
	struct edgefw_binding bindings[EDGEFW_MAX_BINDINGS];
	u32 n_mgmt;
	struct edgefw_mgmt *mgmt;	/* sorted, unique */
	struct edgefw_role_cfg roles[__EDGEFW_ROLE_LAST];
};

struct edgefw_config *edgefw_config_alloc(void);
void edgefw_config_free(struct edgefw_config *cfg);
void __edgefw_sort(void *base, size_t num, size_t size,
		   int (*cmp)(const void *, const void *));
/* sort() for arrays of millions: yields the CPU; whole 32-bit words only */
#define edgefw_sort(base, num, cmp) do {				\
	typeof(base) __b = (base);					\
	BUILD_BUG_ON(sizeof(*__b) % sizeof(u32) ||			\
		     __alignof__(*__b) < sizeof(u32));			\
	__edgefw_sort(__b, num, sizeof(*__b), cmp);			\
} while (0)

/* ---- the reference tables (template.c) -------------------------------- */

enum edgefw_tpl_addr {
	EDGEFW_TPL_ANY,			/* any address, any family */
	EDGEFW_TPL_EXTERNAL,		/* each external address of the role */
	EDGEFW_TPL_INTERNAL,		/* the role's internal address */
	EDGEFW_TPL_FRONT_ENDS,		/* each Front End server of the pool */
	EDGEFW_TPL_NEXT_HOPS,		/* each Front End server and Director */
	EDGEFW_TPL_VIP,			/* the pool's VIP */
};

/* When an optional row is in force. */
enum edgefw_tpl_when {
	EDGEFW_TPL_ALWAYS,
	EDGEFW_TPL_HTTP_REDIRECT,	/* EDGEFW_F_HTTP_REDIRECT set */
	EDGEFW_TPL_MEDIA_TCP_OUT,	/* media range: TCP out */
	EDGEFW_TPL_MEDIA_UDP_OUT,	/* media range: UDP out */
	EDGEFW_TPL_MEDIA_IN,		/* media range ocs2007: TCP/UDP in */
	EDGEFW_TPL_XMPP,		/* EDGEFW_F_XMPP set */
	EDGEFW_TPL_STATELESS,		/* EDGEFW_F_STATELESS_MEDIA set */
};

/* Which profiles a row belongs to. */
#define EDGEFW_P(p)		BIT(EDGEFW_PROFILE_##p)
#define EDGEFW_P_SFB		(EDGEFW_P(SFB2015) | EDGEFW_P(SFB2019))
#define EDGEFW_P_ALL		(EDGEFW_P(LYNC2010) | EDGEFW_P_SFB)

struct edgefw_tpl_row {
	u16 row;			/* stable number, shown to operators */
	u8 profiles;			/* EDGEFW_P(...) bits */
	u8 role;			/* enum edgefw_role */
	u8 zone;			/* enum edgefw_zone */
	u8 proto;			/* IPPROTO_TCP / IPPROTO_UDP */
	u8 src, dst;			/* enum edgefw_tpl_addr */
	u8 when;			/* enum edgefw_tpl_when */
	u8 kind;			/* enum edgefw_rule_kind */
	bool stateless;			/* stateless media: before conntrack */
	u16 answers;			/* kind REPLY: the row it answers */
	u16 sport_min, sport_max;
	u16 dport_min, dport_max;
	const char *used_for;
};

extern const struct edgefw_tpl_row edgefw_tpl[];
extern const unsigned int edgefw_tpl_len;
bool edgefw_tpl_row_enabled(const struct edgefw_tpl_row *t,
			    const struct edgefw_config *cfg);

/* ---- compiled rules (rules.c): immutable once built ------------------- */

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

/* tpl of a management rule; its mgmt index is in sport_min. */
#define EDGEFW_TPL_MGMT		U16_MAX

/* edgefw_rule.flags */
#define EDGEFW_RULE_F_STATELESS	BIT(0)	/* judged before conntrack */

struct edgefw_rule {
	struct edgefw_addr remote;	/* family 0: any */
	u8 remote_plen;			/* prefix length of remote */
	u8 proto;
	u8 flags;			/* EDGEFW_RULE_F_* */
	u16 tpl;			/* index in edgefw_tpl[] or _TPL_MGMT */
	u32 entry;			/* index in entries[]; mgmt: its zone */
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
	/* management rules of each zone: rules[mgmt_first[z], + mgmt_n[z]) */
	u32 mgmt_first[__EDGEFW_ZONE_LAST], mgmt_n[__EDGEFW_ZONE_LAST];
	bool has_stateless;		/* some rule is EDGEFW_RULE_F_STATELESS */
	/*
	 * Counters: per-CPU chunks, plus a base that earlier sets and resets
	 * add. Until the set it replaced is out of the packet path's reach,
	 * that set (prev) still counts for the rules they share (carry[i]:
	 * its rule index + 1); then its totals are folded into the base
	 * (edgefw_rules_new_base()). Base, prev and carry change only under
	 * the namespace's lock.
	 */
	struct edgefw_pcpu_counter __percpu **chunks;
	u32 n_chunks;
	u64 *base_packets, *base_bytes;
	struct edgefw_rules *prev;
	u32 *carry;
	u32 n_kept;			/* rules found in prev */
	size_t bytes;			/* memory taken, for operators */
};

struct edgefw_rules *edgefw_rules_build(const struct edgefw_config *cfg,
					struct edgefw_rules *prev);
void edgefw_rules_put(struct edgefw_rules *rules);

/* New counter bases: see edgefw_rules_new_base(). */
struct edgefw_base {
	u64 *packets, *bytes;
	bool fold;
	struct edgefw_rules *prev;
	u32 *carry;
};

int edgefw_rules_new_base(const struct edgefw_rules *rules, bool reset,
			  struct edgefw_base *nb);
void edgefw_rules_set_base(struct edgefw_rules *rules, struct edgefw_base *nb);
void edgefw_base_free(struct edgefw_base *nb);
void edgefw_rule_counters(const struct edgefw_rules *rules, u32 i,
			  u64 *packets, u64 *bytes);
void edgefw_rule_count(const struct edgefw_rules *rules, u32 i,
		       unsigned int len);
const struct edgefw_entry *edgefw_lookup(const struct edgefw_rules *rules,
					 u8 zone, u8 dir,
					 const struct edgefw_addr *local);

/* ---- the packet path (classify.c) ------------------------------------- */

/* A packet as the classifier sees it. */
struct edgefw_pkt {
	u8 family;			/* AF_INET / AF_INET6 */
	u8 proto;
	u8 icmp_type;			/* ICMP/ICMPv6 only */
	u8 hop_limit;			/* IPv6 only */
	u8 tcp_flags;			/* TCP only: TCPHDR_* */
	union nf_inet_addr saddr, daddr;
	u16 sport, dport;		/* host order; TCP/UDP only */
};

enum edgefw_reason edgefw_parse(const struct sk_buff *skb, u8 family,
				struct edgefw_pkt *pkt);
int edgefw_classify(const struct edgefw_rules *rules, u8 zone, u8 dir,
		    const struct edgefw_pkt *pkt);
enum edgefw_reason edgefw_judge(const struct edgefw_rules *rules, u32 flags,
				u8 zone, u8 dir, const struct edgefw_pkt *pkt,
				bool invalid, int *rule);
bool edgefw_drop_early(const struct edgefw_rules *rules, u32 flags, u8 zone,
		       const struct edgefw_pkt *pkt);

/* ---- per network namespace state (netns.c) ---------------------------- */

/* What the packet path reads: bindings and rules, replaced as a whole. */
struct edgefw_ruleset {
	struct rcu_head rcu;
	u32 flags;			/* EDGEFW_F_* */
	bool has_log_group;
	u16 log_group;
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

/* A change that waits for EDGEFW_CMD_CONFIRM (commit.c). */
struct edgefw_pending {
	struct edgefw_config *revert_to;
	unsigned long deadline;		/* jiffies */
	u32 timeout;			/* seconds */
};

/*
 * Locking: change_lock serialises whole changes (build, swap, grace
 * period, counter carry) and may be held for long; lock guards the
 * pointers and counters that dumps, verdicts and the netdevice notifier
 * read, and is only ever held briefly, never across a build: RTNL (held
 * by the notifier's caller) never waits for a build. Order: change_lock,
 * then lock. The packet path reads ruleset and zstats under RCU only.
 */
struct edgefw_net {
	struct mutex change_lock;	/* whole changes, may be long */
	struct mutex lock;		/* pointers, counters: brief */
	struct edgefw_config *cfg;	/* NULL until the first change */
	struct edgefw_ruleset __rcu *ruleset;
	struct edgefw_zone_stats __percpu *zstats[__EDGEFW_ZONE_LAST];
	u64 zstats_base[__EDGEFW_ZONE_LAST][__EDGEFW_R_LAST];
	u32 generation;			/* from 1; 0 is never used */
	bool hooks_on;			/* hooks, conntrack and module ref */
	bool dead;			/* the namespace is going away */
	int logger;			/* nf_log type held, or -1 */
	struct ratelimit_state log_ratelimit;
	struct edgefw_pending pending;	/* revert_to NULL: none */
	struct delayed_work revert_work;
	struct net *net;
};

struct edgefw_net *edgefw_pernet(struct net *net);
int edgefw_net_prepare(struct edgefw_net *en);
void edgefw_zone_count(struct edgefw_net *en, u8 zone,
		       enum edgefw_reason reason);
void edgefw_zone_counters(struct edgefw_net *en, u8 zone,
			  u64 count[__EDGEFW_R_LAST]);
void edgefw_generation_bump(struct edgefw_net *en);
int edgefw_zone_of(const struct edgefw_ruleset *rs,
		   const struct net_device *dev);
void edgefw_ruleset_fill(struct edgefw_ruleset *rs,
			 const struct edgefw_config *cfg,
			 struct edgefw_rules *rules);
void edgefw_ruleset_free(struct edgefw_ruleset *rs);
void edgefw_ruleset_swap(struct edgefw_net *en, struct edgefw_ruleset *rs);
void edgefw_bindings_resolve(struct net *net, struct edgefw_config *cfg);
int edgefw_bindings_check(struct net *net, const struct edgefw_config *cfg,
			  struct netlink_ext_ack *extack);
void edgefw_zone_reset(struct edgefw_net *en);
int edgefw_netns_init(void);
void edgefw_netns_exit(void);

/* ---- netfilter hooks (hooks.c) ---------------------------------------- */

int edgefw_hooks_enable(struct net *net, struct edgefw_net *en);
void edgefw_hooks_disable(struct net *net, struct edgefw_net *en);
int edgefw_logger_get(const struct edgefw_config *cfg, int *type,
		      struct netlink_ext_ack *extack);
void edgefw_logger_put(int type);

/* ---- configuration changes (commit.c) --------------------------------- */

/* What a change did or would do, for the reply and for events. */
struct edgefw_change_info {
	u32 generation;
	u32 rules_before, rules_after, rules_kept;
	size_t bytes;
};

struct edgefw_change {
	struct edgefw_config *cfg;	/* taken over on success */
	const u32 *expected_generation;	/* or NULL */
	u32 confirm_timeout;		/* seconds, 0: none */
	bool check_only;
	bool reverting;			/* puts back pending.revert_to */
	enum edgefw_event event;	/* what to tell listeners */
	struct edgefw_change_info info;	/* filled in */
};

int edgefw_commit(struct net *net, struct edgefw_change *change,
		  struct netlink_ext_ack *extack);
int edgefw_confirm(struct net *net, bool revert,
		   struct netlink_ext_ack *extack);
void edgefw_revert_work(struct work_struct *work);
int edgefw_reset_counters(struct net *net);

/* ---- generic netlink (netlink.c, nl_config.c) ------------------------- */

int edgefw_genl_init(void);
void edgefw_genl_exit(void);
void edgefw_notify(struct net *net, u32 generation, enum edgefw_event what,
		   const char *ifname, u32 rules);
int edgefw_nl_parse_config(struct genl_info *info, struct edgefw_config *cfg);
int edgefw_nl_dump_config(struct sk_buff *skb, struct netlink_callback *cb);
int edgefw_nl_put_addr(struct sk_buff *skb, int type,
		       const struct edgefw_addr *a);
int edgefw_nl_get_addr(const struct nlattr *attr, struct edgefw_addr *a,
		       struct netlink_ext_ack *extack);
void *edgefw_nl_dump_start_msg(struct sk_buff *skb,
			       struct netlink_callback *cb, u8 cmd,
			       u32 generation);
extern struct genl_family edgefw_family;
extern const struct nla_policy edgefw_set_policy[EDGEFW_A_MAX + 1];
int edgefw_validate_addr(const struct nlattr *attr,
			 struct netlink_ext_ack *extack);
int edgefw_refuse_repeats(const struct nlattr *head, int len,
			  unsigned long repeatable,
			  struct netlink_ext_ack *extack);
int edgefw_refuse_nested_repeats(const struct nlattr *nest,
				 unsigned long repeatable,
				 struct netlink_ext_ack *extack);
#define EDGEFW_ADDR_POLICY \
	NLA_POLICY_VALIDATE_FN(NLA_BINARY, edgefw_validate_addr, \
			       sizeof(struct in6_addr))

#endif /* _EDGEFW_H */
