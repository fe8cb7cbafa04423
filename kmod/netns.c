// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state: the configuration and rule set in force,
 * zone counters, bindings that follow interfaces as they come, go and are
 * renamed.
 *
 * A namespace that never configured edgefw pays nothing: its state is
 * allocated by the first change (edgefw_net_prepare), and creating or
 * destroying it costs no allocation, lock or grace period of edgefw's.
 */
#include <linux/if_bridge.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "edgefw.h"

static unsigned int edgefw_net_id __read_mostly;

struct edgefw_net *edgefw_pernet(struct net *net)
{
	return net_generic(net, edgefw_net_id);
}

/* The state a change needs; called with change_lock held. */
int edgefw_net_prepare(struct edgefw_net *en)
{
	struct edgefw_config *cfg;
	int z;

	lockdep_assert_held(&en->change_lock);
	if (en->cfg)
		return 0;
	for (z = 0; z < __EDGEFW_ZONE_LAST; z++) {
		if (en->zstats[z])
			continue;
		en->zstats[z] = alloc_percpu_gfp(struct edgefw_zone_stats,
						 EDGEFW_GFP);
		if (!en->zstats[z])
			return -ENOMEM;
	}
	cfg = edgefw_config_alloc();
	if (!cfg)
		return -ENOMEM;
	mutex_lock(&en->lock);
	en->cfg = cfg;
	mutex_unlock(&en->lock);
	return 0;
}

void edgefw_generation_bump(struct edgefw_net *en)
{
	lockdep_assert_held(&en->lock);
	/* 0 is never a generation: a dump at 0 could not tell a change */
	if (!++en->generation)
		en->generation = 1;
}

/* ---- zone counters ----------------------------------------------------- */

void edgefw_zone_count(struct edgefw_net *en, u8 zone,
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
	if (!en->zstats[zone])
		return;
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

/* Totals restart from zero; called with en->lock held. */
void edgefw_zone_reset(struct edgefw_net *en)
{
	u64 count[__EDGEFW_R_LAST];
	int z, r;

	lockdep_assert_held(&en->lock);
	for (z = 0; z < __EDGEFW_ZONE_LAST; z++) {
		edgefw_zone_pcpu_sum(en, z, count);
		for (r = 0; r < __EDGEFW_R_LAST; r++)
			en->zstats_base[z][r] = -count[r];
	}
}

/* ---- rule sets: bindings plus rules, as the packet path reads them ---- */

/*
 * The zone of the interface a packet crosses, or -1 if it is not bound.
 * IP packets cross bridges, bonds and teams, never their ports (with
 * br_netfilter too: it hands bridged packets to the hooks with the bridge
 * as their device), which is why a port cannot be bound (commit.c).
 */
int edgefw_zone_of(const struct edgefw_ruleset *rs,
		   const struct net_device *dev)
{
	u32 i;

	for (i = 0; i < rs->n_zones; i++)
		if (rs->zones[i].ifindex == dev->ifindex)
			return rs->zones[i].zone;
	return -1;
}

/* A port of a bridge, bond or team: IP packets cross its master. */
static bool edgefw_is_port(const struct net_device *dev)
{
	return netif_is_bridge_port(dev) || netif_is_bond_slave(dev) ||
	       netif_is_team_port(dev);
}

/*
 * Refuses bindings of ports, whose packets the hooks never see: binding
 * one would filter nothing and say nothing.
 */
int edgefw_bindings_check(struct net *net, const struct edgefw_config *cfg,
			  struct netlink_ext_ack *extack)
{
	int err = 0;
	u32 i;

	rcu_read_lock();
	for (i = 0; i < cfg->n_bindings && !err; i++) {
		struct net_device *dev;

		dev = dev_get_by_name_rcu(net, cfg->bindings[i].name);
		if (dev && edgefw_is_port(dev)) {
			NL_SET_ERR_MSG(extack,
				       "a bridge, bond or team port cannot be bound: IP packets cross its master, bind that");
			err = -EINVAL;
		}
	}
	rcu_read_unlock();
	return err;
}

/* @rs for @cfg's bindings as they are now, sharing @rules. */
void edgefw_ruleset_fill(struct edgefw_ruleset *rs,
			 const struct edgefw_config *cfg,
			 struct edgefw_rules *rules)
{
	u32 i;

	rs->flags = cfg->flags;
	rs->has_log_group = cfg->has_log_group;
	rs->log_group = cfg->log_group;
	for (i = 0; i < cfg->n_bindings; i++) {
		if (!cfg->bindings[i].ifindex)
			continue;
		rs->zones[rs->n_zones].ifindex = cfg->bindings[i].ifindex;
		rs->zones[rs->n_zones].zone = cfg->bindings[i].zone;
		rs->n_zones++;
	}
	refcount_inc(&rules->ref);
	rs->rules = rules;
}

void edgefw_ruleset_free(struct edgefw_ruleset *rs)
{
	if (!rs)
		return;
	edgefw_rules_put(rs->rules);
	kfree(rs);
}

static void edgefw_ruleset_free_rcu(struct rcu_head *head)
{
	edgefw_ruleset_free(container_of(head, struct edgefw_ruleset, rcu));
}

/* Puts @rs in force; the old one goes after a grace period. */
void edgefw_ruleset_swap(struct edgefw_net *en, struct edgefw_ruleset *rs)
{
	struct edgefw_ruleset *old;

	old = rcu_replace_pointer(en->ruleset, rs, lockdep_is_held(&en->lock));
	if (old)
		call_rcu(&old->rcu, edgefw_ruleset_free_rcu);
}

/* ---- bindings ---------------------------------------------------------- */

/* Each binding's interface, by name, as the namespace has them now. */
void edgefw_bindings_resolve(struct net *net, struct edgefw_config *cfg)
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

/*
 * A bound interface enslaved to a bridge, bond or team filters nothing
 * any more: the binding stays (the operator decides), the log says so.
 */
static int edgefw_netdev_changeupper(struct edgefw_net *en,
				     struct net_device *dev, void *ptr)
{
	struct netdev_notifier_changeupper_info *info = ptr;
	bool bound = false;
	u32 i;

	if (!info->linking || !info->master)
		return NOTIFY_DONE;
	mutex_lock(&en->lock);
	for (i = 0; en->cfg && !en->dead && i < en->cfg->n_bindings; i++)
		bound |= en->cfg->bindings[i].ifindex == dev->ifindex;
	mutex_unlock(&en->lock);
	if (bound)
		pr_warn("%s is bound but is now a port of %s: its IP packets cross %s, bind that\n",
			dev->name, info->upper_dev->name,
			info->upper_dev->name);
	return NOTIFY_DONE;
}

/*
 * Runs under RTNL: takes only en->lock, which no build holds. The new
 * rule set is allocated before the bindings change, so that without
 * memory both stay as they were (and agree) instead of the configuration
 * saying what the packet path does not do.
 */
static int edgefw_netdev_event(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct edgefw_net *en = edgefw_pernet(dev_net(dev));
	struct edgefw_ruleset *cur, *rs;
	u32 n_rules;

	if (event == NETDEV_CHANGEUPPER)
		return edgefw_netdev_changeupper(en, dev, ptr);
	if (event != NETDEV_REGISTER && event != NETDEV_CHANGENAME &&
	    event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;

	mutex_lock(&en->lock);
	cur = rcu_dereference_protected(en->ruleset,
					lockdep_is_held(&en->lock));
	if (en->dead || !cur)
		goto out;
	rs = kzalloc(sizeof(*rs), GFP_KERNEL);
	if (!rs) {
		pr_err("out of memory: bindings not updated for %s\n",
		       dev->name);
		goto out;
	}
	if (!edgefw_bindings_event(en->cfg, event, dev)) {
		kfree(rs);
		goto out;
	}
	edgefw_ruleset_fill(rs, en->cfg, cur->rules);
	edgefw_ruleset_swap(en, rs);
	edgefw_generation_bump(en);
	n_rules = rs->rules->n_rules;
	edgefw_notify(dev_net(dev), en->generation, EDGEFW_EVENT_INTERFACE,
		      dev->name, n_rules);
out:
	mutex_unlock(&en->lock);
	return NOTIFY_DONE;
}

static struct notifier_block edgefw_netdev_notifier = {
	.notifier_call = edgefw_netdev_event,
};

/* ---- namespace lifecycle ---------------------------------------------- */

static int __net_init edgefw_net_init(struct net *net)
{
	struct edgefw_net *en = edgefw_pernet(net);

	mutex_init(&en->change_lock);
	mutex_init(&en->lock);
	en->generation = 1;
	en->logger = -1;
	ratelimit_state_init(&en->log_ratelimit, HZ, EDGEFW_LOG_BURST);
	ratelimit_set_flags(&en->log_ratelimit, RATELIMIT_MSG_ON_RELEASE);
	en->net = net;
	INIT_DELAYED_WORK(&en->revert_work, edgefw_revert_work);
	return 0;
}

/*
 * The packet path lets go of the namespace here; the core waits for a
 * grace period between pre_exit and exit, so exit frees without one.
 */
static void __net_exit edgefw_net_pre_exit(struct net *net)
{
	struct edgefw_net *en = edgefw_pernet(net);

	if (!en->cfg)
		return;		/* never used */
	cancel_delayed_work_sync(&en->revert_work);
	mutex_lock(&en->change_lock);
	if (en->hooks_on)
		edgefw_hooks_disable(net, en);
	mutex_lock(&en->lock);
	en->dead = true;
	mutex_unlock(&en->lock);
	mutex_unlock(&en->change_lock);
}

static void __net_exit edgefw_net_exit(struct net *net)
{
	struct edgefw_net *en = edgefw_pernet(net);
	int z;

	if (!en->cfg)
		return;
	edgefw_ruleset_free(rcu_replace_pointer(en->ruleset, NULL, true));
	edgefw_logger_put(en->logger);
	edgefw_config_free(en->pending.revert_to);
	/* en->dead keeps the notifier away from what is freed here */
	edgefw_config_free(en->cfg);
	for (z = 0; z < __EDGEFW_ZONE_LAST; z++)
		free_percpu(en->zstats[z]);
}

static struct pernet_operations edgefw_net_ops = {
	.init = edgefw_net_init,
	.pre_exit = edgefw_net_pre_exit,
	.exit = edgefw_net_exit,
	.id = &edgefw_net_id,
	.size = sizeof(struct edgefw_net),
};

int edgefw_netns_init(void)
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

void edgefw_netns_exit(void)
{
	unregister_netdevice_notifier(&edgefw_netdev_notifier);
	unregister_pernet_subsys(&edgefw_net_ops);
	/* call_rcu() callbacks of replaced sets must run before unload. */
	rcu_barrier();
}
