// SPDX-License-Identifier: GPL-2.0
/*
 * Netfilter glue: the hooks, their registration per namespace, and the
 * logging of drops.
 *
 * Hooks, conntrack and a reference on the module are taken while the
 * namespace has at least one binding, and only then: a namespace without
 * bindings pays nothing, and `rmmod` fails (EBUSY) instead of silently
 * opening the firewall.
 *
 * Two hooks per direction. The main one judges every packet after
 * conntrack: established and related packets pass, the rest is judged by
 * the rules (edgefw_judge). The early one runs before conntrack and only
 * spares conntrack work: with stateless media it marks the packets of the
 * connectionless media rows untracked, and it drops TCP SYNs that no rule
 * admits (edgefw_drop_early). It never accepts on its own: every packet
 * that passes it is counted, and accepted or dropped, by the main hook,
 * which judges it again unless the early hook judged it already (below).
 */
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_log.h>

#include "edgefw.h"

/* After defragmentation and the raw table, before conntrack. */
#define EDGEFW_PRI_EARLY	(NF_IP_PRI_CONNTRACK - 10)
/* After conntrack and defragmentation, before mangle and DNAT. */
#define EDGEFW_PRI_IN		(NF_IP_PRI_CONNTRACK + 10)
/* After SNAT, before conntrack confirms a new connection. */
#define EDGEFW_PRI_OUT		(NF_IP_PRI_NAT_SRC + 100)

static const char *const edgefw_reason_names[__EDGEFW_R_LAST] = {
	[EDGEFW_R_RULE] = "rule",
	[EDGEFW_R_STATE] = "state",
	[EDGEFW_R_ND] = "nd",
	[EDGEFW_R_NO_RULE] = "no-rule",
	[EDGEFW_R_BAD_HEADER] = "bad-header",
	[EDGEFW_R_PROTO] = "protocol",
	[EDGEFW_R_FRAGMENT] = "fragment",
	[EDGEFW_R_INVALID] = "invalid",
	[EDGEFW_R_ND_HOP_LIMIT] = "nd-hop-limit",
	[EDGEFW_R_AUDIT] = "audit",
	[EDGEFW_R_UNBOUND] = "unbound",
};

/*
 * An inbound packet the early hook marked untracked for a stateless media
 * rule: which packet, under which rule set, which rule. On PRE_ROUTING both
 * hooks run in one nf_hook_slow() call, bottom halves off, so the main
 * hook finds here what the early hook left for the same packet and need
 * not parse and classify it again (the cost of stateless media under a
 * flood: docs/BENCHMARKS.md). The early hook overwrites it for every
 * inbound packet, so a packet that passed it never finds another one's
 * mark; a packet that did not (reinjected from a queue) finds its own or
 * none, and is judged again. The outbound hooks (LOCAL_OUT, POST_ROUTING)
 * are not one call: there the main hook always judges.
 */
struct edgefw_early_mark {
	const struct sk_buff *skb;
	const struct edgefw_ruleset *rs;
	int rule;
};

static DEFINE_PER_CPU(struct edgefw_early_mark, edgefw_early_mark);

/* The rule the early hook admitted @skb by under @rs, or -1. */
static int edgefw_early_rule(const struct sk_buff *skb,
			     const struct edgefw_ruleset *rs)
{
	struct edgefw_early_mark *mark = this_cpu_ptr(&edgefw_early_mark);

	if (mark->skb != skb || mark->rs != rs)
		return -1;
	mark->skb = NULL;
	return mark->rule;
}

/* ---- logging ----------------------------------------------------------- */

/*
 * Drops (and, in audit mode, what would have been dropped) go through
 * nf_log: to the namespace's logger (the LOG format in the kernel log,
 * which honours net.netfilter.nf_log_all_netns, or whatever the admin
 * bound in /proc/sys/net/netfilter/nf_log), or to an NFLOG group. The
 * kernel log is rate-limited per namespace; an NFLOG group is not (its
 * reader has its own queue and says what it dropped).
 */
static void edgefw_log(struct edgefw_net *en, const struct edgefw_ruleset *rs,
		       const struct nf_hook_state *state,
		       const struct sk_buff *skb, u8 zone, u8 dir,
		       enum edgefw_reason reason)
{
	struct nf_loginfo li = { .type = NF_LOG_TYPE_ULOG };

	if (!(rs->flags & EDGEFW_F_LOG_DROPS))
		return;
	if (rs->has_log_group)
		li.u.ulog.group = rs->log_group;
	else if (!__ratelimit(&en->log_ratelimit))
		return;
	nf_log_packet(state->net, state->pf, state->hook, skb, state->in,
		      state->out, rs->has_log_group ? &li : NULL,
		      "edgefw: %s %s %s ",
		      zone == EDGEFW_ZONE_EXTERNAL ? "external" : "internal",
		      dir == EDGEFW_DIR_IN ? "in" : "out",
		      edgefw_reason_names[reason]);
}

/* The nf_log backend @cfg logs to: NF_LOG_TYPE_*, or -1 for none. */
static int edgefw_logger_type(const struct edgefw_config *cfg)
{
	if (!(cfg->flags & EDGEFW_F_LOG_DROPS))
		return -1;
	return cfg->has_log_group ? NF_LOG_TYPE_ULOG : NF_LOG_TYPE_LOG;
}

/*
 * Takes a reference on the logger @cfg needs, loading it if need be
 * (nf_log_syslog, nfnetlink_log); *@type tells which, for
 * edgefw_logger_put().
 */
int edgefw_logger_get(const struct edgefw_config *cfg, int *type,
		      struct netlink_ext_ack *extack)
{
	int err;

	*type = edgefw_logger_type(cfg);
	if (*type < 0)
		return 0;
	request_module("nf-logger-%u-%u", NFPROTO_IPV4, *type);
	request_module("nf-logger-%u-%u", NFPROTO_IPV6, *type);
	err = nf_logger_find_get(NFPROTO_INET, *type);
	if (err && *type == NF_LOG_TYPE_ULOG)
		NL_SET_ERR_MSG(extack,
			       "cannot log drops: no NFLOG backend (nfnetlink_log)");
	else if (err)
		NL_SET_ERR_MSG(extack,
			       "cannot log drops: no kernel log backend (nf_log_syslog)");
	if (err)
		*type = -1;
	return err;
}

void edgefw_logger_put(int type)
{
	if (type >= 0)
		nf_logger_put(NFPROTO_INET, type);
}

/* ---- the hooks --------------------------------------------------------- */

/* The rule set and zone of the bound interface a packet crosses. */
static const struct edgefw_ruleset *
edgefw_hook_zone(struct edgefw_net *en, const struct nf_hook_state *state,
		 u8 dir, int *zone)
{
	const struct edgefw_ruleset *rs = rcu_dereference(en->ruleset);
	const struct net_device *dev = dir == EDGEFW_DIR_IN ? state->in :
							    state->out;

	*zone = rs && dev ? edgefw_zone_of(rs, dev) : -1;
	return rs;
}

static u8 edgefw_hook_family(const struct nf_hook_state *state)
{
	return state->pf == NFPROTO_IPV4 ? AF_INET : AF_INET6;
}

static unsigned int edgefw_hook(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	struct edgefw_net *en = edgefw_pernet(state->net);
	u8 dir = state->hook == NF_INET_PRE_ROUTING ? EDGEFW_DIR_IN :
						      EDGEFW_DIR_OUT;
	const struct edgefw_ruleset *rs;
	enum ip_conntrack_info ctinfo;
	enum edgefw_reason reason;
	struct edgefw_pkt pkt;
	struct nf_conn *ct;
	int zone, rule = -1;

	rs = edgefw_hook_zone(en, state, dir, &zone);
	if (zone < 0)
		return NF_ACCEPT;

	ct = nf_ct_get(skb, &ctinfo);
	if (ct && ctinfo != IP_CT_NEW) {
		edgefw_zone_count(en, zone, EDGEFW_R_STATE);
		return NF_ACCEPT;
	}
	if (!ct && ctinfo == IP_CT_UNTRACKED && dir == EDGEFW_DIR_IN) {
		rule = edgefw_early_rule(skb, rs);
		if (rule >= 0) {
			edgefw_rule_count(rs->rules, rule, skb->len);
			return NF_ACCEPT;
		}
	}

	reason = edgefw_parse(skb, edgefw_hook_family(state), &pkt);
	if (reason == EDGEFW_R_RULE)
		/* no conntrack entry: invalid, unless marked untracked */
		reason = edgefw_judge(rs->rules, rs->flags, zone, dir, &pkt,
				      !ct && ctinfo != IP_CT_UNTRACKED, &rule);
	switch (reason) {
	case EDGEFW_R_RULE:
		edgefw_rule_count(rs->rules, rule, skb->len);
		return NF_ACCEPT;
	case EDGEFW_R_ND:
		edgefw_zone_count(en, zone, reason);
		return NF_ACCEPT;
	case EDGEFW_R_AUDIT:
		edgefw_zone_count(en, zone, reason);
		edgefw_log(en, rs, state, skb, zone, dir, reason);
		return NF_ACCEPT;
	default:
		edgefw_zone_count(en, zone, reason);
		edgefw_log(en, rs, state, skb, zone, dir, reason);
		return NF_DROP;
	}
}

static unsigned int edgefw_hook_early(void *priv, struct sk_buff *skb,
				      const struct nf_hook_state *state)
{
	struct edgefw_net *en = edgefw_pernet(state->net);
	u8 dir = state->hook == NF_INET_PRE_ROUTING ? EDGEFW_DIR_IN :
						      EDGEFW_DIR_OUT;
	const struct edgefw_ruleset *rs;
	struct edgefw_pkt pkt;
	int zone, rule;

	if (dir == EDGEFW_DIR_IN)
		this_cpu_write(edgefw_early_mark.skb, NULL);
	rs = edgefw_hook_zone(en, state, dir, &zone);
	/* a template or an admin's notrack: conntrack's business */
	if (zone < 0 || skb_nfct(skb) ||
	    edgefw_parse(skb, edgefw_hook_family(state), &pkt) != EDGEFW_R_RULE)
		return NF_ACCEPT;

	if ((rs->flags & EDGEFW_F_STATELESS_MEDIA) &&
	    rs->rules->has_stateless && pkt.proto == IPPROTO_UDP) {
		rule = edgefw_classify(rs->rules, zone, dir, &pkt);
		if (rule >= 0 &&
		    rs->rules->rules[rule].flags & EDGEFW_RULE_F_STATELESS) {
			nf_ct_set(skb, NULL, IP_CT_UNTRACKED);
			if (dir == EDGEFW_DIR_IN)
				*this_cpu_ptr(&edgefw_early_mark) =
					(struct edgefw_early_mark){ skb, rs,
								    rule };
			return NF_ACCEPT;
		}
	}
	if (dir == EDGEFW_DIR_IN &&
	    edgefw_drop_early(rs->rules, rs->flags, zone, &pkt)) {
		edgefw_zone_count(en, zone, EDGEFW_R_NO_RULE);
		edgefw_log(en, rs, state, skb, zone, dir, EDGEFW_R_NO_RULE);
		return NF_DROP;
	}
	return NF_ACCEPT;
}

#define EDGEFW_HOOK(fn, family, num, prio) {				\
	.hook = fn, .pf = NFPROTO_##family, .hooknum = NF_INET_##num,	\
	.priority = prio }

static const struct nf_hook_ops edgefw_hook_ops[] = {
	EDGEFW_HOOK(edgefw_hook_early, IPV4, PRE_ROUTING, EDGEFW_PRI_EARLY),
	EDGEFW_HOOK(edgefw_hook_early, IPV4, LOCAL_OUT, EDGEFW_PRI_EARLY),
	EDGEFW_HOOK(edgefw_hook, IPV4, PRE_ROUTING, EDGEFW_PRI_IN),
	EDGEFW_HOOK(edgefw_hook, IPV4, POST_ROUTING, EDGEFW_PRI_OUT),
	EDGEFW_HOOK(edgefw_hook_early, IPV6, PRE_ROUTING, EDGEFW_PRI_EARLY),
	EDGEFW_HOOK(edgefw_hook_early, IPV6, LOCAL_OUT, EDGEFW_PRI_EARLY),
	EDGEFW_HOOK(edgefw_hook, IPV6, PRE_ROUTING, EDGEFW_PRI_IN),
	EDGEFW_HOOK(edgefw_hook, IPV6, POST_ROUTING, EDGEFW_PRI_OUT),
};

/* Hooks, conntrack and the module reference, while bindings exist. */
int edgefw_hooks_enable(struct net *net, struct edgefw_net *en)
{
	int err;

	lockdep_assert_held(&en->change_lock);
	if (!try_module_get(THIS_MODULE))
		return -ENODEV;
	err = nf_ct_netns_get(net, NFPROTO_INET);
	if (err)
		goto err_put_module;
	err = nf_register_net_hooks(net, edgefw_hook_ops,
				    ARRAY_SIZE(edgefw_hook_ops));
	if (err)
		goto err_put_ct;
	en->hooks_on = true;
	return 0;

err_put_ct:
	nf_ct_netns_put(net, NFPROTO_INET);
err_put_module:
	module_put(THIS_MODULE);
	return err;
}

void edgefw_hooks_disable(struct net *net, struct edgefw_net *en)
{
	lockdep_assert_held(&en->change_lock);
	nf_unregister_net_hooks(net, edgefw_hook_ops,
				ARRAY_SIZE(edgefw_hook_ops));
	nf_ct_netns_put(net, NFPROTO_INET);
	en->hooks_on = false;
	module_put(THIS_MODULE);
}
