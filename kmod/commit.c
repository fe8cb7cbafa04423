// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration changes: a new configuration is put in force all or
 * nothing, a change can be checked without being made, and a change can
 * wait for a confirmation that, if it does not come in time, makes the
 * kernel itself put the previous configuration back.
 *
 * A change builds its rule set under the namespace's change_lock only;
 * the namespace's lock (which the netdevice notifier takes under RTNL) is
 * held just to swap pointers. Then, after a grace period, the counters of
 * the rules the old set shared with the new one are folded into the new
 * one: until then dumps add them up from both.
 */
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "edgefw.h"

/* The rules in force, with a reference, or NULL. */
static struct edgefw_rules *edgefw_rules_in_force(struct edgefw_net *en)
{
	struct edgefw_ruleset *rs;
	struct edgefw_rules *rules = NULL;

	mutex_lock(&en->lock);
	rs = rcu_dereference_protected(en->ruleset,
				       lockdep_is_held(&en->lock));
	if (rs) {
		rules = rs->rules;
		refcount_inc(&rules->ref);
	}
	mutex_unlock(&en->lock);
	return rules;
}

/* Once @rules' predecessor is out of the packet path's reach. */
static void edgefw_fold_counters(struct edgefw_net *en,
				 struct edgefw_rules *rules)
{
	struct edgefw_base nb = {};

	if (!rules->prev)
		return;
	synchronize_rcu();
	/*
	 * Without memory the previous set stays attached: its counts are
	 * still added up, and it goes with the next change.
	 */
	if (edgefw_rules_new_base(rules, false, &nb))
		return;
	mutex_lock(&en->lock);
	edgefw_rules_set_base(rules, &nb);
	mutex_unlock(&en->lock);
	edgefw_base_free(&nb);
}

static bool edgefw_generation_is(struct edgefw_net *en, const u32 *expected)
{
	lockdep_assert_held(&en->lock);
	return !expected || *expected == en->generation;
}

static int edgefw_commit_locked(struct net *net, struct edgefw_net *en,
				struct edgefw_change *ch,
				struct netlink_ext_ack *extack)
{
	struct edgefw_config *cfg = ch->cfg, *old_cfg;
	struct edgefw_rules *rules, *prev;
	struct edgefw_ruleset *rs = NULL;
	bool hooks_were_on = en->hooks_on;
	int err, logger, old_logger;

	lockdep_assert_held(&en->change_lock);
	err = edgefw_bindings_check(net, cfg, extack);
	if (err)
		return err;
	prev = edgefw_rules_in_force(en);
	rules = edgefw_rules_build(cfg, prev);
	if (IS_ERR(rules)) {
		NL_SET_ERR_MSG(extack,
			       "cannot build the rule set: out of memory (or over the memory cgroup's limit)");
		err = PTR_ERR(rules);
		rules = NULL;
		goto out;
	}
	ch->info.rules_before = prev ? prev->n_rules : 0;
	ch->info.rules_after = rules->n_rules;
	ch->info.rules_kept = rules->n_kept;
	ch->info.bytes = rules->bytes;
	err = edgefw_logger_get(cfg, &logger, extack);
	if (err)
		goto out;
	if (ch->check_only) {
		edgefw_logger_put(logger);
		mutex_lock(&en->lock);
		ch->info.generation = en->generation;
		mutex_unlock(&en->lock);
		goto out;
	}
	rs = kzalloc(sizeof(*rs), EDGEFW_GFP);
	if (!rs) {
		err = -ENOMEM;
		goto out_logger;
	}
	if (cfg->n_bindings && !en->hooks_on) {
		err = edgefw_hooks_enable(net, en);
		if (err) {
			NL_SET_ERR_MSG(extack,
				       "cannot register netfilter hooks (is the hook point full?)");
			goto out_logger;
		}
	}

	mutex_lock(&en->lock);
	/* an interface event may have come during the build */
	if (!edgefw_generation_is(en, ch->expected_generation)) {
		mutex_unlock(&en->lock);
		NL_SET_ERR_MSG(extack,
			       "configuration changed since it was read");
		err = -ESTALE;
		if (!hooks_were_on && en->hooks_on)
			edgefw_hooks_disable(net, en);
		goto out_logger;
	}
	edgefw_bindings_resolve(net, cfg);
	edgefw_ruleset_fill(rs, cfg, rules);
	edgefw_ruleset_swap(en, rs);
	rs = NULL;
	old_cfg = en->cfg;
	en->cfg = cfg;
	ch->cfg = NULL;
	/* the waiting change ends with the swap, as one generation */
	if (ch->reverting)
		memset(&en->pending, 0, sizeof(en->pending));
	old_logger = en->logger;
	en->logger = logger;
	logger = old_logger;
	if (ch->confirm_timeout) {
		en->pending.revert_to = old_cfg;
		en->pending.timeout = ch->confirm_timeout;
		en->pending.deadline = jiffies + ch->confirm_timeout * HZ;
		old_cfg = NULL;
		mod_delayed_work(system_wq, &en->revert_work,
				 ch->confirm_timeout * HZ);
	}
	edgefw_generation_bump(en);
	ch->info.generation = en->generation;
	edgefw_notify(net, en->generation, ch->confirm_timeout ?
		      EDGEFW_EVENT_PENDING : ch->event, NULL, rules->n_rules);
	mutex_unlock(&en->lock);

	if (!cfg->n_bindings && en->hooks_on)
		edgefw_hooks_disable(net, en);
	edgefw_config_free(old_cfg);
	edgefw_fold_counters(en, rules);
out_logger:
	edgefw_logger_put(logger);
out:
	kfree(rs);
	edgefw_rules_put(rules);
	edgefw_rules_put(prev);
	return err;
}

/**
 * edgefw_commit - put a new configuration in force, all or nothing
 * @change: the configuration (taken over on success), and how: check
 *	 only, expected generation, confirmation timeout; on return, what it
 *	 did to the rule set
 */
int edgefw_commit(struct net *net, struct edgefw_change *change,
		  struct netlink_ext_ack *extack)
{
	struct edgefw_net *en = edgefw_pernet(net);
	bool stale;
	int err;

	mutex_lock(&en->change_lock);
	err = edgefw_net_prepare(en);
	if (err)
		goto out;
	if (en->pending.revert_to && !change->check_only) {
		NL_SET_ERR_MSG(extack,
			       "a change waits for confirmation: confirm or revert it first");
		err = -EBUSY;
		goto out;
	}
	mutex_lock(&en->lock);
	stale = !edgefw_generation_is(en, change->expected_generation);
	mutex_unlock(&en->lock);
	if (stale) {
		NL_SET_ERR_MSG(extack,
			       "configuration changed since it was read");
		err = -ESTALE;
		goto out;
	}
	change->event = EDGEFW_EVENT_CONFIG;
	err = edgefw_commit_locked(net, en, change, extack);
out:
	mutex_unlock(&en->change_lock);
	return err;
}

/* Puts the configuration a waiting change replaced back in force. */
static int edgefw_revert_locked(struct net *net, struct edgefw_net *en,
				struct netlink_ext_ack *extack)
{
	struct edgefw_change ch = {
		.cfg = en->pending.revert_to,
		.reverting = true,
		.event = EDGEFW_EVENT_REVERTED,
	};

	cancel_delayed_work(&en->revert_work);
	/*
	 * The change still waits while the old configuration builds; the
	 * swap ends it. On failure it still waits (the timer tries again).
	 */
	return edgefw_commit_locked(net, en, &ch, extack);
}

/* Keeps (or, with @revert, undoes now) the change that waits. */
int edgefw_confirm(struct net *net, bool revert,
		   struct netlink_ext_ack *extack)
{
	struct edgefw_net *en = edgefw_pernet(net);
	int err = 0;

	mutex_lock(&en->change_lock);
	if (!en->pending.revert_to) {
		NL_SET_ERR_MSG(extack, "no change waits for confirmation");
		err = -ENOENT;
	} else if (revert) {
		err = edgefw_revert_locked(net, en, extack);
	} else {
		struct edgefw_config *kept;

		cancel_delayed_work(&en->revert_work);
		mutex_lock(&en->lock);
		kept = en->pending.revert_to;
		memset(&en->pending, 0, sizeof(en->pending));
		edgefw_generation_bump(en);
		edgefw_notify(net, en->generation, EDGEFW_EVENT_CONFIRMED,
			      NULL, 0);
		mutex_unlock(&en->lock);
		edgefw_config_free(kept);
	}
	mutex_unlock(&en->change_lock);
	return err;
}

/*
 * The confirmation did not come: the kernel reverts on its own, whatever
 * became of the tool or the session that asked. Without memory for the
 * old rule set, it keeps trying every second (the new configuration stays
 * in force meanwhile, as it was).
 */
void edgefw_revert_work(struct work_struct *work)
{
	struct edgefw_net *en = container_of(to_delayed_work(work),
					     struct edgefw_net, revert_work);
	u32 timeout = en->pending.timeout;
	int err;

	mutex_lock(&en->change_lock);
	if (en->pending.revert_to && !en->dead) {
		err = edgefw_revert_locked(en->net, en, NULL);
		if (err) {
			pr_warn("netns %u: cannot revert the unconfirmed change (%d), trying again\n",
				en->net->ns.inum, err);
			schedule_delayed_work(&en->revert_work, HZ);
		} else {
			pr_notice("netns %u: change not confirmed within %u s: previous configuration restored (generation %u)\n",
				  en->net->ns.inum, timeout, en->generation);
		}
	}
	mutex_unlock(&en->change_lock);
}

int edgefw_reset_counters(struct net *net)
{
	struct edgefw_net *en = edgefw_pernet(net);
	struct edgefw_base nb = {};
	struct edgefw_rules *rules;

	mutex_lock(&en->change_lock);
	rules = edgefw_rules_in_force(en);
	if (rules && edgefw_rules_new_base(rules, true, &nb)) {
		edgefw_rules_put(rules);
		mutex_unlock(&en->change_lock);
		return -ENOMEM;
	}
	mutex_lock(&en->lock);
	if (rules)
		edgefw_rules_set_base(rules, &nb);
	edgefw_zone_reset(en);
	edgefw_generation_bump(en);
	edgefw_notify(net, en->generation, EDGEFW_EVENT_COUNTERS_RESET, NULL,
		      rules ? rules->n_rules : 0);
	mutex_unlock(&en->lock);
	mutex_unlock(&en->change_lock);
	edgefw_base_free(&nb);
	edgefw_rules_put(rules);
	return 0;
}
