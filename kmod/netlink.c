// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family: strict per-command policies, extack messages
 * naming the offending attribute, a protocol version checked first,
 * consistent resumable dumps, verdict queries and change events. The
 * configuration's attributes are nl_config.c's; the layout of everything
 * is documented in uapi/linux/edgefw.h.
 *
 * Permissions: every command but GET_INFO, and listening to the events,
 * needs CAP_NET_ADMIN in the user namespace that owns the network
 * namespace (GENL_UNS_ADMIN_PERM, GENL_MCAST_CAP_NET_ADMIN): the owner of
 * a namespace configures its own namespace only. docs/design.md says why
 * that is safe (per-namespace state, memory charged to the caller, no
 * global lock held for long, bounded sizes).
 *
 * The family runs its commands in parallel (parallel_ops): genl_mutex is
 * not held, the namespace's own locks (commit.c) serialise what must be.
 */
#include <linux/cred.h>
#include <linux/netdevice.h>
#include <linux/sched.h>
#include <net/genetlink.h>
#include <net/tcp.h>

#include "edgefw.h"

/* Requests without arguments: any attribute is refused. */
static const struct nla_policy edgefw_no_policy[EDGEFW_A_GENERATION + 1];

static const struct nla_policy edgefw_query_policy[EDGEFW_QUERY_A_MAX + 1] = {
	[EDGEFW_QUERY_A_IFNAME] = { .type = NLA_NUL_STRING,
				    .len = IFNAMSIZ - 1 },
	[EDGEFW_QUERY_A_DIR] = NLA_POLICY_MAX(NLA_U8, EDGEFW_DIR_MAX),
	[EDGEFW_QUERY_A_PROTO] = { .type = NLA_U8 },
	[EDGEFW_QUERY_A_SRC] = EDGEFW_ADDR_POLICY,
	[EDGEFW_QUERY_A_DST] = EDGEFW_ADDR_POLICY,
	[EDGEFW_QUERY_A_SPORT] = { .type = NLA_U16 },
	[EDGEFW_QUERY_A_DPORT] = { .type = NLA_U16 },
};

static const struct nla_policy edgefw_verdict_policy[EDGEFW_A_MAX + 1] = {
	[EDGEFW_A_QUERY] = NLA_POLICY_NESTED(edgefw_query_policy),
};

/* The protocol version of the request, in its genetlink header. */
static int edgefw_check_version(const struct nlmsghdr *nlh,
				struct netlink_ext_ack *extack)
{
	const struct genlmsghdr *gh = nlmsg_data(nlh);

	if (gh->version >= EDGEFW_GENL_VERSION_MIN &&
	    gh->version <= EDGEFW_GENL_VERSION)
		return 0;
	NL_SET_ERR_MSG(extack,
		       "protocol version not spoken: this module speaks versions "
		       __stringify(EDGEFW_GENL_VERSION_MIN) " to "
		       __stringify(EDGEFW_GENL_VERSION));
	return -EPROTO;
}

static int edgefw_dump_start(struct netlink_callback *cb)
{
	return edgefw_check_version(cb->nlh, cb->extack);
}

/* ---- changes ------------------------------------------------------------ */

static int edgefw_put_change_info(struct sk_buff *skb,
				  const struct edgefw_change_info *ci)
{
	struct nlattr *nest;

	if (nla_put_u32(skb, EDGEFW_A_GENERATION, ci->generation))
		return -EMSGSIZE;
	nest = nla_nest_start(skb, EDGEFW_A_CHECK);
	if (!nest ||
	    nla_put_u32(skb, EDGEFW_CHECK_A_RULES_BEFORE, ci->rules_before) ||
	    nla_put_u32(skb, EDGEFW_CHECK_A_RULES_AFTER, ci->rules_after) ||
	    nla_put_u32(skb, EDGEFW_CHECK_A_RULES_KEPT, ci->rules_kept) ||
	    nla_put_u32(skb, EDGEFW_CHECK_A_BYTES,
			DIV_ROUND_UP(ci->bytes, 1024)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int edgefw_cmd_set_config(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct edgefw_change change = {};
	struct sk_buff *reply;
	u32 gen;
	void *hdr;
	int err;

	err = edgefw_check_version(info->nlhdr, info->extack);
	if (err)
		return err;
	/* before the change: once made, a change is not undone for want of a reply */
	reply = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL_ACCOUNT);
	change.cfg = edgefw_config_alloc();
	if (!reply || !change.cfg) {
		err = -ENOMEM;
		goto out;
	}
	err = edgefw_nl_parse_config(info, change.cfg);
	if (err)
		goto out;
	if (attrs[EDGEFW_A_GENERATION]) {
		gen = nla_get_u32(attrs[EDGEFW_A_GENERATION]);
		change.expected_generation = &gen;
	}
	change.check_only = nla_get_flag(attrs[EDGEFW_A_CHECK_ONLY]);
	if (attrs[EDGEFW_A_CONFIRM_TIMEOUT])
		change.confirm_timeout =
			nla_get_u32(attrs[EDGEFW_A_CONFIRM_TIMEOUT]);
	err = edgefw_commit(genl_info_net(info), &change, info->extack);
	if (err)
		goto out;
	hdr = genlmsg_put_reply(reply, info, &edgefw_family, 0,
				EDGEFW_CMD_SET_CONFIG);
	if (hdr && !edgefw_put_change_info(reply, &change.info)) {
		genlmsg_end(reply, hdr);
		err = genlmsg_reply(reply, info);
		reply = NULL;
	}
	/* else: the change is made, the ack says so */
out:
	nlmsg_free(reply);
	edgefw_config_free(change.cfg);
	return err;
}

static int edgefw_cmd_reset_counters(struct sk_buff *skb,
				     struct genl_info *info)
{
	return edgefw_check_version(info->nlhdr, info->extack) ?:
	       edgefw_reset_counters(genl_info_net(info));
}

static int edgefw_cmd_confirm(struct sk_buff *skb, struct genl_info *info)
{
	return edgefw_check_version(info->nlhdr, info->extack) ?:
	       edgefw_confirm(genl_info_net(info), false, info->extack);
}

static int edgefw_cmd_revert(struct sk_buff *skb, struct genl_info *info)
{
	return edgefw_check_version(info->nlhdr, info->extack) ?:
	       edgefw_confirm(genl_info_net(info), true, info->extack);
}

/* ---- rules and counters ------------------------------------------------- */

/* The EDGEFW_RULE_A_* attributes of rule @i, in the nest the caller opened. */
static int edgefw_put_rule_attrs(struct sk_buff *skb,
				 const struct edgefw_rules *rs, u32 i)
{
	const struct edgefw_rule *r = &rs->rules[i];
	const struct edgefw_tpl_row *t = NULL;
	const struct edgefw_addr *src, *dst;
	struct edgefw_addr none = {};
	u8 zone, dir, kind;
	u64 packets, bytes;
	u16 row;

	if (r->tpl == EDGEFW_TPL_MGMT) {
		kind = EDGEFW_RULE_MGMT;
		row = r->sport_min + 1;
		zone = r->entry;
		dir = EDGEFW_DIR_IN;
		src = &r->remote;
		dst = &none;
	} else {
		const struct edgefw_entry *e = &rs->entries[r->entry];

		t = &edgefw_tpl[r->tpl];
		kind = t->kind;
		row = t->row;
		zone = e->zone;
		dir = e->dir;
		src = dir == EDGEFW_DIR_IN ? &r->remote : &e->local;
		dst = dir == EDGEFW_DIR_IN ? &e->local : &r->remote;
	}
	edgefw_rule_counters(rs, i, &packets, &bytes);
	if (nla_put_u8(skb, EDGEFW_RULE_A_KIND, kind) ||
	    (t && nla_put_u8(skb, EDGEFW_RULE_A_ROLE, t->role)) ||
	    nla_put_u16(skb, EDGEFW_RULE_A_ROW, row) ||
	    nla_put_u8(skb, EDGEFW_RULE_A_ZONE, zone) ||
	    nla_put_u8(skb, EDGEFW_RULE_A_DIR, dir) ||
	    nla_put_u8(skb, EDGEFW_RULE_A_PROTO, r->proto) ||
	    (src->family && edgefw_nl_put_addr(skb, EDGEFW_RULE_A_SRC, src)) ||
	    (!t && nla_put_u8(skb, EDGEFW_RULE_A_SRC_PREFIX_LEN,
			      r->remote_plen)) ||
	    (dst->family && edgefw_nl_put_addr(skb, EDGEFW_RULE_A_DST, dst)) ||
	    nla_put_u16(skb, EDGEFW_RULE_A_SPORT_MIN, t ? r->sport_min : 0) ||
	    nla_put_u16(skb, EDGEFW_RULE_A_SPORT_MAX, r->sport_max) ||
	    nla_put_u16(skb, EDGEFW_RULE_A_DPORT_MIN, r->dport_min) ||
	    nla_put_u16(skb, EDGEFW_RULE_A_DPORT_MAX, r->dport_max) ||
	    ((r->flags & EDGEFW_RULE_F_STATELESS) &&
	     nla_put_flag(skb, EDGEFW_RULE_A_STATELESS)) ||
	    nla_put_u64_64bit(skb, EDGEFW_RULE_A_PACKETS, packets,
			      EDGEFW_RULE_A_PAD) ||
	    nla_put_u64_64bit(skb, EDGEFW_RULE_A_BYTES, bytes,
			      EDGEFW_RULE_A_PAD) ||
	    nla_put_string(skb, EDGEFW_RULE_A_USED_FOR, t ? t->used_for :
			   "management access (not in the reference)"))
		return -EMSGSIZE;
	return 0;
}

static int edgefw_put_rule(struct sk_buff *skb, int type,
			   const struct edgefw_rules *rs, u32 i)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest || edgefw_put_rule_attrs(skb, rs, i))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int edgefw_put_zone_stats(struct sk_buff *skb, struct edgefw_net *en,
				 u8 zone)
{
	static const u8 attr_of[__EDGEFW_R_LAST] = {
		[EDGEFW_R_STATE] = EDGEFW_ZSTAT_A_ACCEPT_STATE,
		[EDGEFW_R_ND] = EDGEFW_ZSTAT_A_ACCEPT_ND,
		[EDGEFW_R_NO_RULE] = EDGEFW_ZSTAT_A_DROP_NO_RULE,
		[EDGEFW_R_BAD_HEADER] = EDGEFW_ZSTAT_A_DROP_BAD_HEADER,
		[EDGEFW_R_PROTO] = EDGEFW_ZSTAT_A_DROP_PROTO,
		[EDGEFW_R_FRAGMENT] = EDGEFW_ZSTAT_A_DROP_FRAGMENT,
		[EDGEFW_R_INVALID] = EDGEFW_ZSTAT_A_DROP_INVALID,
		[EDGEFW_R_ND_HOP_LIMIT] = EDGEFW_ZSTAT_A_DROP_ND_HOP_LIMIT,
		[EDGEFW_R_AUDIT] = EDGEFW_ZSTAT_A_ACCEPT_AUDIT,
	};
	u64 count[__EDGEFW_R_LAST];
	struct nlattr *nest;
	int r;

	edgefw_zone_counters(en, zone, count);
	nest = nla_nest_start(skb, EDGEFW_A_ZONE_STATS);
	if (!nest || nla_put_u8(skb, EDGEFW_ZSTAT_A_ZONE, zone))
		return -EMSGSIZE;
	for (r = 0; r < __EDGEFW_R_LAST; r++) {
		if (attr_of[r] && nla_put_u64_64bit(skb, attr_of[r], count[r],
						    EDGEFW_ZSTAT_A_PAD))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * cb->args[0]: next rule, then n_rules + the next zone; a cursor past the
 * end (the rule set shrank between callbacks: NLM_F_DUMP_INTR) ends it.
 */
static int edgefw_dump_rules(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct edgefw_net *en = edgefw_pernet(sock_net(skb->sk));
	const struct edgefw_ruleset *rs;
	u32 n_rules;
	void *hdr;
	int err = 0;

	mutex_lock(&en->lock);
	rs = rcu_dereference_protected(en->ruleset,
				       lockdep_is_held(&en->lock));
	n_rules = rs ? rs->rules->n_rules : 0;
	cb->seq = en->generation;
	while (cb->args[0] < n_rules + __EDGEFW_ZONE_LAST) {
		u32 i = cb->args[0];

		hdr = edgefw_nl_dump_start_msg(skb, cb, EDGEFW_CMD_GET_RULES,
					       en->generation);
		if (!hdr)
			break;
		if (i < n_rules)
			err = edgefw_put_rule(skb, EDGEFW_A_RULE, rs->rules, i);
		else
			err = edgefw_put_zone_stats(skb, en, i - n_rules);
		if (err) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0]++;
	}
	mutex_unlock(&en->lock);
	if (err && !skb->len)
		return err;
	return skb->len;
}

/* ---- verdicts ----------------------------------------------------------- */

static int edgefw_parse_query(struct genl_info *info, struct edgefw_pkt *pkt,
			      u8 *dir, char *ifname)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[EDGEFW_QUERY_A_MAX + 1], *q = info->attrs[EDGEFW_A_QUERY];
	struct edgefw_addr src, dst;
	int err;

	/* a question asked twice in one request is no question */
	err = edgefw_refuse_repeats(nlmsg_attrdata(info->nlhdr, GENL_HDRLEN),
				    nlmsg_attrlen(info->nlhdr, GENL_HDRLEN), 0,
				    extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, NULL, info->attrs, EDGEFW_A_QUERY))
		return -EINVAL;
	err = edgefw_refuse_nested_repeats(q, 0, extack) ?:
	      nla_parse_nested(tb, EDGEFW_QUERY_A_MAX, q, edgefw_query_policy,
			       extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, q, tb, EDGEFW_QUERY_A_IFNAME) ||
	    NL_REQ_ATTR_CHECK(extack, q, tb, EDGEFW_QUERY_A_DIR) ||
	    NL_REQ_ATTR_CHECK(extack, q, tb, EDGEFW_QUERY_A_PROTO) ||
	    NL_REQ_ATTR_CHECK(extack, q, tb, EDGEFW_QUERY_A_SRC) ||
	    NL_REQ_ATTR_CHECK(extack, q, tb, EDGEFW_QUERY_A_DST))
		return -EINVAL;
	memset(pkt, 0, sizeof(*pkt));
	pkt->proto = nla_get_u8(tb[EDGEFW_QUERY_A_PROTO]);
	if (pkt->proto != IPPROTO_TCP && pkt->proto != IPPROTO_UDP) {
		NL_SET_ERR_MSG_ATTR(extack, tb[EDGEFW_QUERY_A_PROTO],
				    "protocol must be TCP or UDP");
		return -EINVAL;
	}
	src.family = nla_len(tb[EDGEFW_QUERY_A_SRC]) == 4 ? AF_INET : AF_INET6;
	dst.family = nla_len(tb[EDGEFW_QUERY_A_DST]) == 4 ? AF_INET : AF_INET6;
	if (src.family != dst.family) {
		NL_SET_ERR_MSG_ATTR(extack, tb[EDGEFW_QUERY_A_DST],
				    "source and destination of different families");
		return -EINVAL;
	}
	pkt->family = src.family;
	nla_memcpy(&pkt->saddr, tb[EDGEFW_QUERY_A_SRC], sizeof(pkt->saddr));
	nla_memcpy(&pkt->daddr, tb[EDGEFW_QUERY_A_DST], sizeof(pkt->daddr));
	if (tb[EDGEFW_QUERY_A_SPORT])
		pkt->sport = nla_get_u16(tb[EDGEFW_QUERY_A_SPORT]);
	if (tb[EDGEFW_QUERY_A_DPORT])
		pkt->dport = nla_get_u16(tb[EDGEFW_QUERY_A_DPORT]);
	/* as the first packet of a connection: a TCP SYN */
	pkt->tcp_flags = pkt->proto == IPPROTO_TCP ? TCPHDR_SYN : 0;
	*dir = nla_get_u8(tb[EDGEFW_QUERY_A_DIR]);
	nla_strscpy(ifname, tb[EDGEFW_QUERY_A_IFNAME], IFNAMSIZ);
	return 0;
}

static int edgefw_put_verdict(struct sk_buff *skb,
			      const struct edgefw_rules *rules, int zone,
			      enum edgefw_reason reason, int rule)
{
	bool accept = reason == EDGEFW_R_RULE || reason == EDGEFW_R_ND ||
		      reason == EDGEFW_R_AUDIT || reason == EDGEFW_R_UNBOUND;
	struct nlattr *nest = nla_nest_start(skb, EDGEFW_A_VERDICT);

	if (!nest || nla_put_u8(skb, EDGEFW_VERDICT_A_ACCEPT, accept) ||
	    nla_put_u8(skb, EDGEFW_VERDICT_A_REASON, reason) ||
	    (zone >= 0 && nla_put_u8(skb, EDGEFW_VERDICT_A_ZONE, zone)))
		return -EMSGSIZE;
	if (reason == EDGEFW_R_RULE &&
	    edgefw_put_rule(skb, EDGEFW_VERDICT_A_RULE, rules, rule))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int edgefw_cmd_verdict(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct edgefw_net *en = edgefw_pernet(net);
	const struct edgefw_ruleset *rs;
	enum edgefw_reason reason = EDGEFW_R_UNBOUND;
	char ifname[IFNAMSIZ];
	struct edgefw_pkt pkt;
	struct net_device *dev;
	struct sk_buff *reply;
	int zone = -1, rule = -1, err;
	void *hdr;
	u8 dir;

	err = edgefw_check_version(info->nlhdr, info->extack) ?:
	      edgefw_parse_query(info, &pkt, &dir, ifname);
	if (err)
		return err;
	reply = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL_ACCOUNT);
	if (!reply)
		return -ENOMEM;

	mutex_lock(&en->lock);
	rs = rcu_dereference_protected(en->ruleset,
				       lockdep_is_held(&en->lock));
	rcu_read_lock();
	dev = dev_get_by_name_rcu(net, ifname);
	if (dev && rs)
		zone = edgefw_zone_of(rs, dev);
	rcu_read_unlock();
	if (!dev) {
		NL_SET_ERR_MSG(info->extack, "no such interface");
		err = -ENODEV;
		goto out_unlock;
	}
	if (zone >= 0)
		reason = edgefw_judge(rs->rules, rs->flags, zone, dir, &pkt,
				      false, &rule);
	err = -EMSGSIZE;
	hdr = genlmsg_put_reply(reply, info, &edgefw_family, 0,
				EDGEFW_CMD_VERDICT);
	if (!hdr || nla_put_u32(reply, EDGEFW_A_GENERATION, en->generation) ||
	    edgefw_put_verdict(reply, rs ? rs->rules : NULL, zone, reason,
			       rule))
		goto out_unlock;
	mutex_unlock(&en->lock);
	genlmsg_end(reply, hdr);
	return genlmsg_reply(reply, info);

out_unlock:
	mutex_unlock(&en->lock);
	nlmsg_free(reply);
	return err;
}

/* ---- versions ----------------------------------------------------------- */

/* Any version of the protocol may ask: that is how a tool finds out. */
static int edgefw_cmd_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *reply = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	struct nlattr *nest;
	void *hdr;

	if (!reply)
		return -ENOMEM;
	hdr = genlmsg_put_reply(reply, info, &edgefw_family, 0,
				EDGEFW_CMD_GET_INFO);
	if (!hdr)
		goto err;
	nest = nla_nest_start(reply, EDGEFW_A_INFO);
	if (!nest ||
	    nla_put_string(reply, EDGEFW_INFO_A_VERSION, EDGEFW_VERSION) ||
	    nla_put_u32(reply, EDGEFW_INFO_A_PROTOCOL, EDGEFW_GENL_VERSION) ||
	    nla_put_u32(reply, EDGEFW_INFO_A_PROTOCOL_MIN,
			EDGEFW_GENL_VERSION_MIN))
		goto err;
	nla_nest_end(reply, nest);
	genlmsg_end(reply, hdr);
	return genlmsg_reply(reply, info);
err:
	nlmsg_free(reply);
	return -EMSGSIZE;
}

/* ---- events ------------------------------------------------------------- */

/*
 * Without GENL_MCAST_CAP_NET_ADMIN (Linux 6.7 and the stable backports of
 * it) anyone in the namespace could listen to a multicast group: such a
 * kernel gets no events rather than events for everyone.
 */
#ifdef GENL_MCAST_CAP_NET_ADMIN
static const struct genl_multicast_group edgefw_mcgrps[] = {
	{ .name = EDGEFW_MCGRP_EVENTS, .flags = GENL_MCAST_CAP_NET_ADMIN },
};

#define EDGEFW_HAVE_EVENTS 1
#else
#define EDGEFW_HAVE_EVENTS 0
#endif

static int edgefw_put_event(struct sk_buff *skb, struct net *net,
			    enum edgefw_event what, const char *ifname,
			    u32 rules)
{
	struct nlattr *nest = nla_nest_start(skb, EDGEFW_A_EVENT);
	/* a kernel thread (the revert timer) changed nothing on its own */
	bool task = !(current->flags & PF_KTHREAD);
	char comm[TASK_COMM_LEN];

	get_task_comm(comm, current);
	if (!nest || nla_put_u8(skb, EDGEFW_EVENT_A_WHAT, what) ||
	    (task && (nla_put_u32(skb, EDGEFW_EVENT_A_PID,
				  task_tgid_vnr(current)) ||
		      nla_put_u32(skb, EDGEFW_EVENT_A_UID,
				  from_kuid_munged(net->user_ns,
						   current_uid())) ||
		      nla_put_string(skb, EDGEFW_EVENT_A_COMM, comm))) ||
	    (ifname && nla_put_string(skb, EDGEFW_EVENT_A_IFNAME, ifname)) ||
	    nla_put_u32(skb, EDGEFW_EVENT_A_RULES, rules))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

void edgefw_notify(struct net *net, u32 generation, enum edgefw_event what,
		   const char *ifname, u32 rules)
{
	struct sk_buff *skb;
	void *hdr;

	if (!EDGEFW_HAVE_EVENTS)
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &edgefw_family, 0, EDGEFW_CMD_CHANGED);
	if (!hdr || nla_put_u32(skb, EDGEFW_A_GENERATION, generation) ||
	    edgefw_put_event(skb, net, what, ifname, rules)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&edgefw_family, net, skb, 0, 0, GFP_KERNEL);
}

/* ---- the family ---------------------------------------------------------- */

#define EDGEFW_NO_ARGS .policy = edgefw_no_policy,			\
	.maxattr = ARRAY_SIZE(edgefw_no_policy) - 1

static const struct genl_ops edgefw_ops[] = {
	{
		.cmd = EDGEFW_CMD_GET_CONFIG,
		.start = edgefw_dump_start,
		.dumpit = edgefw_nl_dump_config,
		EDGEFW_NO_ARGS,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = EDGEFW_CMD_SET_CONFIG,
		.doit = edgefw_cmd_set_config,
		.policy = edgefw_set_policy,
		.maxattr = EDGEFW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = EDGEFW_CMD_GET_RULES,
		.start = edgefw_dump_start,
		.dumpit = edgefw_dump_rules,
		EDGEFW_NO_ARGS,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = EDGEFW_CMD_RESET_COUNTERS,
		.doit = edgefw_cmd_reset_counters,
		EDGEFW_NO_ARGS,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = EDGEFW_CMD_CONFIRM,
		.doit = edgefw_cmd_confirm,
		EDGEFW_NO_ARGS,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = EDGEFW_CMD_REVERT,
		.doit = edgefw_cmd_revert,
		EDGEFW_NO_ARGS,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = EDGEFW_CMD_VERDICT,
		.doit = edgefw_cmd_verdict,
		.policy = edgefw_verdict_policy,
		.maxattr = EDGEFW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = EDGEFW_CMD_GET_INFO,
		.doit = edgefw_cmd_get_info,
		EDGEFW_NO_ARGS,
	},
};

struct genl_family edgefw_family __ro_after_init = {
	.name = EDGEFW_GENL_NAME,
	.version = EDGEFW_GENL_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = edgefw_ops,
	.n_ops = ARRAY_SIZE(edgefw_ops),
#if EDGEFW_HAVE_EVENTS
	.mcgrps = edgefw_mcgrps,
	.n_mcgrps = ARRAY_SIZE(edgefw_mcgrps),
#endif
};

int __init edgefw_genl_init(void)
{
	return genl_register_family(&edgefw_family);
}

void edgefw_genl_exit(void)
{
	genl_unregister_family(&edgefw_family);
}
