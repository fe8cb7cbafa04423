// SPDX-License-Identifier: GPL-2.0
/*
 * Netfilter glue and per network namespace state.
 *
 * Each namespace has one configuration and one rule set in force. Hooks,
 * conntrack and a reference on the module are taken while the namespace has
 * at least one binding, and only then: a namespace without bindings pays
 * nothing, and `rmmod` fails (EBUSY) instead of silently opening the
 * firewall.
 *
 * Locking: en->lock (a mutex) serialises changes of the configuration, rule
 * set replacement, dumps and interface events. The packet path reads
 * en->ruleset under RCU only.
 */
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/netfilter/nf_conntrack.h>

#include "edgefw.h"

static unsigned int edgefw_net_id __read_mostly;

/* After conntrack and defragmentation, before mangle and DNAT. */
#define EDGEFW_PRI_IN	(NF_IP_PRI_CONNTRACK + 10)
/* After SNAT, before conntrack confirms a new connection. */
#define EDGEFW_PRI_OUT	(NF_IP_PRI_NAT_SRC + 100)

struct edgefw_net *edgefw_pernet(struct net *net)
{
	return net_generic(net, edgefw_net_id);
}

static const char *const edgefw_reason_names[__EDGEFW_R_LAST] = {
	[EDGEFW_R_RULE] = "rule",
	[EDGEFW_R_STATE] = "state",
	[EDGEFW_R_ND] = "nd",
	[EDGEFW_R_NO_RULE] = "no-rule",
	[EDGEFW_R_BAD_HEADER] = "bad-header",
	[EDGEFW_R_PROTO] = "protocol",
	[EDGEFW_R_FRAGMENT] = "fragment",
};

static void edgefw_zone_count(struct edgefw_net *en, u8 zone,
			      enum edgefw_reason reason)
{
	struct edgefw_zone_stats *s;

	local_bh_disable();
	s = this_cpu_ptr(en->zstats[zone]);
	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->count[reason]);
	u64_stats_update_end(&s->syncp);
	local_bh_enable();
}

static void edgefw_zone_pcpu_sum(struct edgefw_net *en, u8 zone,
				 u64 count[__EDGEFW_R_LAST])
{
	int cpu, r;

	memset(count, 0, sizeof(u64) * __EDGEFW_R_LAST);
	for_each_possible_cpu(cpu) {
		const struct edgefw_zone_stats *s;
		u64 c[__EDGEFW_R_LAST];
		unsigned int start;

		s = per_cpu_ptr(en->zstats[zone], cpu);
		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (r = 0; r < __EDGEFW_R_LAST; r++)
				c[r] = u64_stats_read(&s->count[r]);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		for (r = 0; r < __EDGEFW_R_LAST; r++)
			count[r] += c[r];
	}
}

void edgefw_zone_counters(struct edgefw_net *en, u8 zone,
			  u64 count[__EDGEFW_R_LAST])
{
	int r;

	lockdep_assert_held(&en->lock);
	edgefw_zone_pcpu_sum(en, zone, count);
	for (r = 0; r < __EDGEFW_R_LAST; r++)
		count[r] += en->zstats_base[zone][r];
}

static void edgefw_log_drop(u8 zone, u8 dir, enum edgefw_reason reason,
			    const struct edgefw_pkt *p, const char *ifname)
{
	const char *z = zone == EDGEFW_ZONE_EXTERNAL ? "external" : "internal";
	const char *d = dir == EDGEFW_DIR_IN ? "in" : "out";

	if (!net_ratelimit())
		return;
	if (p->family == AF_INET)
		pr_info("drop %s %s dev=%s reason=%s proto=%u src=%pI4:%u dst=%pI4:%u\n",
			z, d, ifname, edgefw_reason_names[reason], p->proto,
			&p->saddr.ip, p->sport, &p->daddr.ip, p->dport);
	else
		pr_info("drop %s %s dev=%s reason=%s proto=%u src=[%pI6c]:%u dst=[%pI6c]:%u\n",
			z, d, ifname, edgefw_reason_names[reason], p->proto,
			&p->saddr.in6, p->sport, &p->daddr.in6, p->dport);
}

static int edgefw_zone_of(const struct edgefw_ruleset *rs, int ifindex)
{
	u32 i;

	for (i = 0; i < rs->n_zones; i++)
		if (rs->zones[i].ifindex == ifindex)
			return rs->zones[i].zone;
	return -1;
}

static unsigned int edgefw_hook(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	struct edgefw_net *en = edgefw_pernet(state->net);
	u8 dir = state->hook == NF_INET_PRE_ROUTING ? EDGEFW_DIR_IN :
						      EDGEFW_DIR_OUT;
	const struct net_device *dev = dir == EDGEFW_DIR_IN ? state->in :
							    state->out;
	const struct edgefw_ruleset *rs = rcu_dereference(en->ruleset);
	enum ip_conntrack_info ctinfo;
	enum edgefw_reason reason;
	struct edgefw_pkt pkt;
	int zone, rule = -1;

	zone = rs && dev ? edgefw_zone_of(rs, dev->ifindex) : -1;
	if (zone < 0)
		return NF_ACCEPT;

	if (nf_ct_get(skb, &ctinfo) && ctinfo != IP_CT_NEW) {
		edgefw_zone_count(en, zone, EDGEFW_R_STATE);
		return NF_ACCEPT;
	}

	reason = edgefw_judge(rs->rules, zone, dir, skb,
			      state->pf == NFPROTO_IPV4 ? AF_INET : AF_INET6,
			      &pkt, &rule);
	switch (reason) {
	case EDGEFW_R_RULE:
		edgefw_rule_count(rs->rules, rule, skb->len);
		return NF_ACCEPT;
	case EDGEFW_R_ND:
		edgefw_zone_count(en, zone, reason);
		return NF_ACCEPT;
	default:
		edgefw_zone_count(en, zone, reason);
		if (rs->flags & EDGEFW_F_LOG_DROPS)
			edgefw_log_drop(zone, dir, reason, &pkt, dev->name);
		return NF_DROP;
	}
}

static const struct nf_hook_ops edgefw_hook_ops[] = {
	{
		.hook = edgefw_hook,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = EDGEFW_PRI_IN,
	}, {
		.hook = edgefw_hook,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_POST_ROUTING,
		.priority = EDGEFW_PRI_OUT,
	}, {
		.hook = edgefw_hook,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = EDGEFW_PRI_IN,
	}, {
		.hook = edgefw_hook,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_POST_ROUTING,
		.priority = EDGEFW_PRI_OUT,
	},
};

/* Hooks, conntrack and the module reference, while bindings exist. */
static int edgefw_hooks_enable(struct net *net, struct edgefw_net *en)
{
	int err;

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

static void edgefw_hooks_disable(struct net *net, struct edgefw_net *en)
{
	nf_unregister_net_hooks(net, edgefw_hook_ops,
				ARRAY_SIZE(edgefw_hook_ops));
	nf_ct_netns_put(net, NFPROTO_INET);
	en->hooks_on = false;
	module_put(THIS_MODULE);
}

static struct edgefw_ruleset *edgefw_ruleset_make(const struct edgefw_config *cfg,
						  struct edgefw_rules *rules)
{
	struct edgefw_ruleset *rs = kzalloc(sizeof(*rs), GFP_KERNEL);
	u32 i;

	if (!rs)
		return NULL;
	rs->flags = cfg->flags;
	for (i = 0; i < cfg->n_bindings; i++) {
		if (!cfg->bindings[i].ifindex)
			continue;
		rs->zones[rs->n_zones].ifindex = cfg->bindings[i].ifindex;
		rs->zones[rs->n_zones].zone = cfg->bindings[i].zone;
		rs->n_zones++;
	}
	refcount_inc(&rules->ref);
	rs->rules = rules;
	return rs;
}

static void edgefw_ruleset_free_rcu(struct rcu_head *head)
{
	struct edgefw_ruleset *rs = container_of(head, struct edgefw_ruleset,
						 rcu);

	edgefw_rules_put(rs->rules);
	kfree(rs);
}

/* Puts @rs in force; the caller owns the reference it held on @rs->rules. */
static void edgefw_ruleset_swap(struct edgefw_net *en,
				struct edgefw_ruleset *rs)
{
	struct edgefw_ruleset *old;

	old = rcu_replace_pointer(en->ruleset, rs,
				  lockdep_is_held(&en->lock));
	if (old)
		call_rcu(&old->rcu, edgefw_ruleset_free_rcu);
}

static void edgefw_bindings_resolve(struct net *net, struct edgefw_config *cfg)
{
	u32 i;

	rcu_read_lock();
	for (i = 0; i < cfg->n_bindings; i++) {
		struct net_device *dev;

		dev = dev_get_by_name_rcu(net, cfg->bindings[i].name);
		cfg->bindings[i].ifindex = dev ? dev->ifindex : 0;
	}
	rcu_read_unlock();
}

/**
 * edgefw_replace_config - put a new configuration in force, all or nothing
 * @cfg: the new configuration; on success owned by the namespace, on
 *	 failure left to the caller
 * @expected_generation: if not NULL, refuse with -ESTALE unless the
 *	 configuration in force is still at that generation
 */
int edgefw_replace_config(struct net *net, struct edgefw_config *cfg,
			  const u32 *expected_generation,
			  struct netlink_ext_ack *extack)
{
	struct edgefw_net *en = edgefw_pernet(net);
	struct edgefw_ruleset *rs, *cur;
	struct edgefw_rules *rules, *old_rules;
	struct edgefw_config *old_cfg;
	int err = 0;

	mutex_lock(&en->lock);
	if (expected_generation && *expected_generation != en->generation) {
		NL_SET_ERR_MSG(extack,
			       "configuration changed since it was read");
		err = -ESTALE;
		goto out_unlock;
	}
	cur = rcu_dereference_protected(en->ruleset,
					lockdep_is_held(&en->lock));
	edgefw_bindings_resolve(net, cfg);
	rules = edgefw_rules_build(cfg, cur ? cur->rules : NULL);
	if (IS_ERR(rules)) {
		NL_SET_ERR_MSG(extack, "cannot build the rule set");
		err = PTR_ERR(rules);
		goto out_unlock;
	}
	rs = edgefw_ruleset_make(cfg, rules);
	if (!rs) {
		err = -ENOMEM;
		goto out_put_rules;
	}
	if (cfg->n_bindings && !en->hooks_on) {
		err = edgefw_hooks_enable(net, en);
		if (err) {
			NL_SET_ERR_MSG(extack, "cannot register netfilter hooks");
			kfree(rs);
			goto out_put_rules;
		}
	}

	old_rules = cur ? cur->rules : NULL;
	if (old_rules)
		refcount_inc(&old_rules->ref);
	edgefw_ruleset_swap(en, rs);
	if (!cfg->n_bindings && en->hooks_on)
		edgefw_hooks_disable(net, en);
	old_cfg = en->cfg;
	en->cfg = cfg;
	en->generation++;
	if (old_rules) {
		/* The old set's counters are final once no reader holds it. */
		synchronize_rcu();
		edgefw_rules_carry_counters(rules, old_rules);
		edgefw_rules_put(old_rules);
	}
	edgefw_config_free(old_cfg);
	edgefw_notify(net, en->generation);
out_put_rules:
	edgefw_rules_put(rules);
out_unlock:
	mutex_unlock(&en->lock);
	return err;
}

void edgefw_reset_counters(struct net *net)
{
	struct edgefw_net *en = edgefw_pernet(net);
	struct edgefw_ruleset *rs;
	u64 count[__EDGEFW_R_LAST];
	int z, r;

	mutex_lock(&en->lock);
	rs = rcu_dereference_protected(en->ruleset,
				       lockdep_is_held(&en->lock));
	if (rs)
		edgefw_rules_reset_counters(rs->rules);
	for (z = 0; z < __EDGEFW_ZONE_LAST; z++) {
		edgefw_zone_pcpu_sum(en, z, count);
		for (r = 0; r < __EDGEFW_R_LAST; r++)
			en->zstats_base[z][r] = -count[r];
	}
	en->generation++;
	edgefw_notify(net, en->generation);
	mutex_unlock(&en->lock);
}

static void edgefw_binding_remove(struct edgefw_config *cfg, u32 i)
{
	cfg->n_bindings--;
	memmove(&cfg->bindings[i], &cfg->bindings[i + 1],
		(cfg->n_bindings - i) * sizeof(cfg->bindings[0]));
}

/*
 * Applies an interface event to the bindings; returns whether they changed.
 * A bound interface is followed by ifindex: renamed, it stays bound under
 * its new name; unregistered, its binding waits (pending) for the next
 * interface registered or renamed to the binding's name. Names stay unique:
 * a bound interface renamed to the name of a pending binding keeps its own
 * zone, and the pending binding, now naming a bound interface, goes.
 */
static bool edgefw_bindings_event(struct edgefw_config *cfg,
				  unsigned long event,
				  const struct net_device *dev)
{
	struct edgefw_binding *follower = NULL, *pending = NULL;
	u32 i;

	for (i = 0; i < cfg->n_bindings; i++) {
		struct edgefw_binding *b = &cfg->bindings[i];

		if (b->ifindex == dev->ifindex)
			follower = b;
		else if (!b->ifindex && !strcmp(b->name, dev->name))
			pending = b;
	}
	if (event == NETDEV_UNREGISTER) {
		if (!follower)
			return false;
		follower->ifindex = 0;
		return true;
	}
	if (follower) {
		if (!strcmp(follower->name, dev->name))
			return false;
		strscpy(follower->name, dev->name, IFNAMSIZ);
		if (pending) {
			pr_info("pending binding of %s dropped: %s is bound already\n",
				dev->name, dev->name);
			edgefw_binding_remove(cfg, pending - cfg->bindings);
		}
		return true;
	}
	if (!pending)
		return false;
	pending->ifindex = dev->ifindex;
	return true;
}

static int edgefw_netdev_event(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct edgefw_net *en = edgefw_pernet(dev_net(dev));
	struct edgefw_ruleset *cur, *rs;

	if (event != NETDEV_REGISTER && event != NETDEV_CHANGENAME &&
	    event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;

	mutex_lock(&en->lock);
	if (!en->cfg || !edgefw_bindings_event(en->cfg, event, dev))
		goto out;
	cur = rcu_dereference_protected(en->ruleset,
					lockdep_is_held(&en->lock));
	rs = edgefw_ruleset_make(en->cfg, cur->rules);
	if (rs)
		edgefw_ruleset_swap(en, rs);
	else
		pr_err("out of memory: bindings of %s not updated\n",
		       dev->name);
	en->generation++;
	edgefw_notify(dev_net(dev), en->generation);
out:
	mutex_unlock(&en->lock);
	return NOTIFY_DONE;
}

static struct notifier_block edgefw_netdev_notifier = {
	.notifier_call = edgefw_netdev_event,
};

static int __net_init edgefw_net_init(struct net *net)
{
	struct edgefw_net *en = edgefw_pernet(net);
	int z;

	mutex_init(&en->lock);
	for (z = 0; z < __EDGEFW_ZONE_LAST; z++) {
		en->zstats[z] = alloc_percpu(struct edgefw_zone_stats);
		if (!en->zstats[z])
			goto err_free;
	}
	en->cfg = edgefw_config_alloc();
	if (!en->cfg)
		goto err_free;
	return 0;

err_free:
	while (z--)
		free_percpu(en->zstats[z]);
	return -ENOMEM;
}

static void __net_exit edgefw_net_exit(struct net *net)
{
	struct edgefw_net *en = edgefw_pernet(net);
	struct edgefw_ruleset *rs;
	int z;

	mutex_lock(&en->lock);
	if (en->hooks_on)
		edgefw_hooks_disable(net, en);
	rs = rcu_replace_pointer(en->ruleset, NULL,
				 lockdep_is_held(&en->lock));
	edgefw_config_free(en->cfg);
	en->cfg = NULL;
	mutex_unlock(&en->lock);

	synchronize_rcu();
	if (rs)
		edgefw_ruleset_free_rcu(&rs->rcu);
	for (z = 0; z < __EDGEFW_ZONE_LAST; z++)
		free_percpu(en->zstats[z]);
}

static struct pernet_operations edgefw_net_ops = {
	.init = edgefw_net_init,
	.exit = edgefw_net_exit,
	.id = &edgefw_net_id,
	.size = sizeof(struct edgefw_net),
};

int edgefw_hooks_init(void)
{
	int err;

	err = register_pernet_subsys(&edgefw_net_ops);
	if (err)
		return err;
	err = register_netdevice_notifier(&edgefw_netdev_notifier);
	if (err)
		unregister_pernet_subsys(&edgefw_net_ops);
	return err;
}

void edgefw_hooks_exit(void)
{
	unregister_netdevice_notifier(&edgefw_netdev_notifier);
	unregister_pernet_subsys(&edgefw_net_ops);
	/* call_rcu() callbacks of replaced sets must run before unload. */
	rcu_barrier();
}
