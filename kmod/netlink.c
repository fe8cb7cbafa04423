// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family: strict policies, extack messages naming the
 * offending attribute, consistent resumable dumps, change events.
 * The attribute layout is documented in uapi/linux/edgefw.h.
 */
#include <linux/netdevice.h>
#include <linux/sort.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "edgefw.h"

static struct genl_family edgefw_family;

static int edgefw_validate_addr(const struct nlattr *attr,
				struct netlink_ext_ack *extack)
{
	if (nla_len(attr) != sizeof(__be32) &&
	    nla_len(attr) != sizeof(struct in6_addr)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "address must be 4 (IPv4) or 16 (IPv6) bytes");
		return -EINVAL;
	}
	return 0;
}

#define EDGEFW_ADDR_POLICY \
	NLA_POLICY_VALIDATE_FN(NLA_BINARY, edgefw_validate_addr, \
			       sizeof(struct in6_addr))

static const struct nla_policy edgefw_addrs_policy[EDGEFW_A_MAX + 1] = {
	[EDGEFW_A_ADDR] = EDGEFW_ADDR_POLICY,
};

static const struct nla_policy edgefw_pool_policy[EDGEFW_POOL_A_MAX + 1] = {
	[EDGEFW_POOL_A_FRONT_END] = EDGEFW_ADDR_POLICY,
	[EDGEFW_POOL_A_VIP] = EDGEFW_ADDR_POLICY,
};

static const struct nla_policy
edgefw_binding_policy[EDGEFW_BINDING_A_MAX + 1] = {
	[EDGEFW_BINDING_A_IFNAME] = { .type = NLA_NUL_STRING,
				      .len = IFNAMSIZ - 1 },
	[EDGEFW_BINDING_A_ZONE] = NLA_POLICY_MAX(NLA_U8, EDGEFW_ZONE_MAX),
};

static const struct nla_policy edgefw_bindings_policy[EDGEFW_A_MAX + 1] = {
	[EDGEFW_A_BINDING] = NLA_POLICY_NESTED(edgefw_binding_policy),
};

static const struct nla_policy edgefw_role_policy[EDGEFW_ROLE_A_MAX + 1] = {
	[EDGEFW_ROLE_A_TYPE] = NLA_POLICY_MAX(NLA_U8, EDGEFW_ROLE_MAX),
	[EDGEFW_ROLE_A_ADDRS] = NLA_POLICY_NESTED(edgefw_addrs_policy),
	[EDGEFW_ROLE_A_INTERNAL_ADDR] = EDGEFW_ADDR_POLICY,
	[EDGEFW_ROLE_A_MEDIA_RANGE] = NLA_POLICY_MAX(NLA_U8, EDGEFW_MEDIA_MAX),
};

static const struct nla_policy edgefw_set_policy[EDGEFW_A_MAX + 1] = {
	[EDGEFW_A_GENERATION] = { .type = NLA_U32 },
	[EDGEFW_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, __EDGEFW_F_ALL),
	[EDGEFW_A_POOL] = NLA_POLICY_NESTED(edgefw_pool_policy),
	[EDGEFW_A_BINDINGS] = NLA_POLICY_NESTED(edgefw_bindings_policy),
	[EDGEFW_A_ROLE] = NLA_POLICY_NESTED(edgefw_role_policy),
};

/* Requests without arguments: any attribute is refused. */
static const struct nla_policy edgefw_no_policy[EDGEFW_A_GENERATION + 1];

/* ---- SET_CONFIG: attributes to a configuration ------------------------- */

static int edgefw_get_addr(const struct nlattr *attr, struct edgefw_addr *a,
			   struct netlink_ext_ack *extack)
{
	memset(a, 0, sizeof(*a));
	if (nla_len(attr) == sizeof(__be32)) {
		a->family = AF_INET;
		a->a.ip = nla_get_in_addr(attr);
		if (ipv4_is_zeronet(a->a.ip) || ipv4_is_multicast(a->a.ip) ||
		    ipv4_is_lbcast(a->a.ip))
			goto bad;
	} else {
		a->family = AF_INET6;
		a->a.in6 = nla_get_in6_addr(attr);
		if (ipv6_addr_any(&a->a.in6) ||
		    ipv6_addr_is_multicast(&a->a.in6))
			goto bad;
	}
	return 0;
bad:
	NL_SET_ERR_MSG_ATTR(extack, attr,
			    "address must be a unicast host address");
	return -EINVAL;
}

static int edgefw_cmp_addr(const void *a, const void *b)
{
	return edgefw_addr_cmp(a, b);
}

/* Sorts @addrs and refuses duplicates. */
static int edgefw_sort_unique(struct edgefw_addr *addrs, u32 n,
			      const struct nlattr *attr,
			      struct netlink_ext_ack *extack)
{
	u32 i;

	sort(addrs, n, sizeof(*addrs), edgefw_cmp_addr, NULL);
	for (i = 1; i < n; i++) {
		if (!edgefw_addr_cmp(&addrs[i - 1], &addrs[i])) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "address listed twice");
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * nla_parse() keeps the last of repeated attributes; a request that gives
 * once-only attributes twice is malformed and refused instead.
 * @repeatable: bitmask of the attribute types that may repeat.
 */
static int edgefw_refuse_repeats(const struct nlattr *head, int len,
				 unsigned long repeatable,
				 struct netlink_ext_ack *extack)
{
	unsigned long seen = 0;
	const struct nlattr *attr;
	int rem;

	nla_for_each_attr(attr, head, len, rem) {
		int type = nla_type(attr);

		if (type >= BITS_PER_LONG || (repeatable & BIT(type)))
			continue;
		if (seen & BIT(type)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "attribute given twice");
			return -EINVAL;
		}
		seen |= BIT(type);
	}
	return 0;
}

static int edgefw_refuse_nested_repeats(const struct nlattr *nest,
					unsigned long repeatable,
					struct netlink_ext_ack *extack)
{
	return edgefw_refuse_repeats(nla_data(nest), nla_len(nest), repeatable,
				     extack);
}

static int edgefw_parse_pool(const struct nlattr *nest,
			     struct edgefw_config *cfg,
			     struct netlink_ext_ack *extack)
{
	const struct nlattr *attr;
	int rem, err;

	err = edgefw_refuse_nested_repeats(nest, BIT(EDGEFW_POOL_A_FRONT_END),
					   extack);
	if (err)
		return err;
	nla_for_each_nested(attr, nest, rem) {
		struct edgefw_addr *a;

		if (nla_type(attr) == EDGEFW_POOL_A_VIP) {
			a = &cfg->vip;
		} else {
			if (cfg->n_front_ends == EDGEFW_MAX_FRONT_ENDS) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "too many Front End servers");
				return -E2BIG;
			}
			a = &cfg->front_ends[cfg->n_front_ends++];
		}
		err = edgefw_get_addr(attr, a, extack);
		if (err)
			return err;
	}
	return edgefw_sort_unique(cfg->front_ends, cfg->n_front_ends, nest,
				  extack);
}

static int edgefw_parse_bindings(const struct nlattr *nest,
				 struct edgefw_config *cfg,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[EDGEFW_BINDING_A_MAX + 1];
	const struct nlattr *attr;
	int rem, err;
	u32 i;

	nla_for_each_nested(attr, nest, rem) {
		struct edgefw_binding *b;

		if (cfg->n_bindings == EDGEFW_MAX_BINDINGS) {
			NL_SET_ERR_MSG_ATTR(extack, attr, "too many bindings");
			return -E2BIG;
		}
		err = edgefw_refuse_nested_repeats(attr, 0, extack) ?:
		      nla_parse_nested(tb, EDGEFW_BINDING_A_MAX, attr,
				       edgefw_binding_policy, extack);
		if (err)
			return err;
		if (NL_REQ_ATTR_CHECK(extack, attr, tb,
				      EDGEFW_BINDING_A_IFNAME) ||
		    NL_REQ_ATTR_CHECK(extack, attr, tb, EDGEFW_BINDING_A_ZONE))
			return -EINVAL;
		b = &cfg->bindings[cfg->n_bindings];
		nla_strscpy(b->name, tb[EDGEFW_BINDING_A_IFNAME], IFNAMSIZ);
		if (!dev_valid_name(b->name)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[EDGEFW_BINDING_A_IFNAME],
					    "invalid interface name");
			return -EINVAL;
		}
		for (i = 0; i < cfg->n_bindings; i++) {
			if (!strcmp(cfg->bindings[i].name, b->name)) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "interface bound twice");
				return -EINVAL;
			}
		}
		b->zone = nla_get_u8(tb[EDGEFW_BINDING_A_ZONE]);
		cfg->n_bindings++;
	}
	return 0;
}

/*
 * One part of a role: its settings go into @rc (a later part must agree
 * with the first), its addresses are counted into rc->n_addrs, or, once
 * rc->addrs is allocated, stored.
 */
static int edgefw_parse_role_part(const struct nlattr *nest,
				  struct edgefw_config *cfg,
				  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[EDGEFW_ROLE_A_MAX + 1];
	struct edgefw_addr internal = {};
	struct edgefw_role_cfg *rc;
	const struct nlattr *attr;
	u8 type, media = EDGEFW_MEDIA_LYNC2010;
	int rem, err, n = 0;

	err = edgefw_refuse_nested_repeats(nest, 0, extack) ?:
	      nla_parse_nested(tb, EDGEFW_ROLE_A_MAX, nest, edgefw_role_policy,
			       extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, EDGEFW_ROLE_A_TYPE) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, EDGEFW_ROLE_A_ADDRS))
		return -EINVAL;
	type = nla_get_u8(tb[EDGEFW_ROLE_A_TYPE]);
	rc = &cfg->roles[type];
	if (tb[EDGEFW_ROLE_A_MEDIA_RANGE]) {
		if (type != EDGEFW_ROLE_AV) {
			NL_SET_ERR_MSG_ATTR(extack,
					    tb[EDGEFW_ROLE_A_MEDIA_RANGE],
					    "media range applies to the av role only");
			return -EINVAL;
		}
		media = nla_get_u8(tb[EDGEFW_ROLE_A_MEDIA_RANGE]);
	}
	if (tb[EDGEFW_ROLE_A_INTERNAL_ADDR]) {
		err = edgefw_get_addr(tb[EDGEFW_ROLE_A_INTERNAL_ADDR],
				      &internal, extack);
		if (err)
			return err;
	}
	if (!rc->present) {
		rc->present = true;
		rc->media_range = media;
		rc->internal = internal;
	} else if (rc->media_range != media ||
		   edgefw_addr_cmp(&rc->internal, &internal)) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "parts of a role disagree on its settings");
		return -EINVAL;
	}

	nla_for_each_nested(attr, tb[EDGEFW_ROLE_A_ADDRS], rem) {
		n++;
		if (!rc->addrs) {
			if (++rc->n_addrs > EDGEFW_MAX_ROLE_ADDRS) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "too many addresses in a role");
				return -E2BIG;
			}
			continue;
		}
		err = edgefw_get_addr(attr, &rc->addrs[rc->n_addrs++], extack);
		if (err)
			return err;
	}
	if (!n) {
		NL_SET_ERR_MSG_ATTR(extack, tb[EDGEFW_ROLE_A_ADDRS],
				    "a role needs at least one address");
		return -EINVAL;
	}
	return 0;
}

/*
 * Roles repeat at the top level (info->attrs holds only the last), and a
 * role with more addresses than one attribute holds comes in several
 * parts: a first pass counts the addresses of each role, a second stores
 * them.
 */
static int edgefw_parse_roles(struct genl_info *info,
			      struct edgefw_config *cfg)
{
	const struct nlattr *attr;
	int pass, rem, err;
	u8 r;

	for (pass = 0; pass < 2; pass++) {
		nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem) {
			if (nla_type(attr) != EDGEFW_A_ROLE)
				continue;
			err = edgefw_parse_role_part(attr, cfg, info->extack);
			if (err)
				return err;
		}
		for (r = 0; r < __EDGEFW_ROLE_LAST && !pass; r++) {
			struct edgefw_role_cfg *rc = &cfg->roles[r];

			if (!rc->present)
				continue;
			rc->addrs = kvmalloc_array(rc->n_addrs,
						   sizeof(*rc->addrs),
						   GFP_KERNEL);
			if (!rc->addrs)
				return -ENOMEM;
			rc->n_addrs = 0;
		}
	}
	for (r = 0; r < __EDGEFW_ROLE_LAST; r++) {
		if (!cfg->roles[r].present)
			continue;
		err = edgefw_sort_unique(cfg->roles[r].addrs,
					 cfg->roles[r].n_addrs,
					 info->attrs[EDGEFW_A_ROLE], info->extack);
		if (err)
			return err;
	}
	return 0;
}

static int edgefw_parse_config(struct genl_info *info,
			       struct edgefw_config *cfg)
{
	struct netlink_ext_ack *extack = info->extack;
	int err;

	err = edgefw_refuse_repeats(nlmsg_attrdata(info->nlhdr, GENL_HDRLEN),
				    nlmsg_attrlen(info->nlhdr, GENL_HDRLEN),
				    BIT(EDGEFW_A_ROLE), extack);
	if (err)
		return err;
	if (info->attrs[EDGEFW_A_FLAGS])
		cfg->flags = nla_get_u32(info->attrs[EDGEFW_A_FLAGS]);
	if (info->attrs[EDGEFW_A_POOL]) {
		err = edgefw_parse_pool(info->attrs[EDGEFW_A_POOL], cfg,
					extack);
		if (err)
			return err;
	}
	if (info->attrs[EDGEFW_A_BINDINGS]) {
		err = edgefw_parse_bindings(info->attrs[EDGEFW_A_BINDINGS],
					    cfg, extack);
		if (err)
			return err;
	}
	return edgefw_parse_roles(info, cfg);
}

static int edgefw_cmd_set_config(struct sk_buff *skb, struct genl_info *info)
{
	struct edgefw_config *cfg = edgefw_config_alloc();
	u32 gen, *expected = NULL;
	int err;

	if (!cfg)
		return -ENOMEM;
	err = edgefw_parse_config(info, cfg);
	if (err)
		goto out_free;
	if (info->attrs[EDGEFW_A_GENERATION]) {
		gen = nla_get_u32(info->attrs[EDGEFW_A_GENERATION]);
		expected = &gen;
	}
	err = edgefw_replace_config(genl_info_net(info), cfg, expected,
				    info->extack);
	if (!err)
		return 0;
out_free:
	edgefw_config_free(cfg);
	return err;
}

static int edgefw_cmd_reset_counters(struct sk_buff *skb,
				     struct genl_info *info)
{
	edgefw_reset_counters(genl_info_net(info));
	return 0;
}

/* ---- dumps ------------------------------------------------------------- */

static int edgefw_put_addr(struct sk_buff *skb, int type,
			   const struct edgefw_addr *a)
{
	if (a->family == AF_INET)
		return nla_put_in_addr(skb, type, a->a.ip);
	return nla_put_in6_addr(skb, type, &a->a.in6);
}

static void *edgefw_dump_start_msg(struct sk_buff *skb,
				   struct netlink_callback *cb, u8 cmd,
				   u32 generation)
{
	void *hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				cb->nlh->nlmsg_seq, &edgefw_family,
				NLM_F_MULTI, cmd);

	if (!hdr)
		return NULL;
	genl_dump_check_consistent(cb, hdr);
	if (nla_put_u32(skb, EDGEFW_A_GENERATION, generation)) {
		genlmsg_cancel(skb, hdr);
		return NULL;
	}
	return hdr;
}

static int edgefw_put_config_head(struct sk_buff *skb,
				  const struct edgefw_config *cfg)
{
	struct nlattr *nest, *b;
	u32 i;

	if (nla_put_u32(skb, EDGEFW_A_FLAGS, cfg->flags))
		return -EMSGSIZE;
	nest = nla_nest_start(skb, EDGEFW_A_POOL);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < cfg->n_front_ends; i++)
		if (edgefw_put_addr(skb, EDGEFW_POOL_A_FRONT_END,
				    &cfg->front_ends[i]))
			return -EMSGSIZE;
	if (cfg->vip.family && edgefw_put_addr(skb, EDGEFW_POOL_A_VIP,
					       &cfg->vip))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);

	nest = nla_nest_start(skb, EDGEFW_A_BINDINGS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < cfg->n_bindings; i++) {
		const struct edgefw_binding *bd = &cfg->bindings[i];

		b = nla_nest_start(skb, EDGEFW_A_BINDING);
		if (!b || nla_put_string(skb, EDGEFW_BINDING_A_IFNAME,
					 bd->name) ||
		    nla_put_u8(skb, EDGEFW_BINDING_A_ZONE, bd->zone) ||
		    nla_put_u32(skb, EDGEFW_BINDING_A_IFINDEX, bd->ifindex))
			return -EMSGSIZE;
		nla_nest_end(skb, b);
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * Puts role @r with its addresses from *@next on; a role with more
 * addresses than fit in one message goes on in the next one.
 */
static int edgefw_put_role(struct sk_buff *skb, u8 r,
			   const struct edgefw_role_cfg *rc, u32 *next)
{
	struct nlattr *role, *addrs;
	u32 first = *next;

	role = nla_nest_start(skb, EDGEFW_A_ROLE);
	if (!role || nla_put_u8(skb, EDGEFW_ROLE_A_TYPE, r) ||
	    (r == EDGEFW_ROLE_AV &&
	     nla_put_u8(skb, EDGEFW_ROLE_A_MEDIA_RANGE, rc->media_range)) ||
	    (rc->internal.family &&
	     edgefw_put_addr(skb, EDGEFW_ROLE_A_INTERNAL_ADDR, &rc->internal)))
		return -EMSGSIZE;
	addrs = nla_nest_start(skb, EDGEFW_ROLE_A_ADDRS);
	if (!addrs)
		return -EMSGSIZE;
	for (; *next < rc->n_addrs; (*next)++)
		if (edgefw_put_addr(skb, EDGEFW_A_ADDR, &rc->addrs[*next]))
			break;
	if (*next == first)
		return -EMSGSIZE;
	nla_nest_end(skb, addrs);
	nla_nest_end(skb, role);
	return 0;
}

/* cb->args[0]: 0 before the head, then 1 + the role being dumped;
 * cb->args[1]: next address of that role.
 */
static int edgefw_dump_config(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct edgefw_net *en = edgefw_pernet(sock_net(skb->sk));
	const struct edgefw_config *cfg;
	void *hdr;
	int err = 0;

	mutex_lock(&en->lock);
	cfg = en->cfg;
	cb->seq = en->generation;
	while (cb->args[0] <= __EDGEFW_ROLE_LAST) {
		u32 r = cb->args[0] - 1, next = cb->args[1];

		if (cb->args[0] && !cfg->roles[r].present) {
			cb->args[0]++;
			continue;
		}
		hdr = edgefw_dump_start_msg(skb, cb, EDGEFW_CMD_GET_CONFIG,
					    en->generation);
		if (!hdr)
			break;
		if (!cb->args[0])
			err = edgefw_put_config_head(skb, cfg);
		else
			err = edgefw_put_role(skb, r, &cfg->roles[r], &next);
		if (err) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		if (cb->args[0] && next < cfg->roles[r].n_addrs) {
			cb->args[1] = next;
			continue;
		}
		cb->args[0]++;
		cb->args[1] = 0;
	}
	mutex_unlock(&en->lock);
	/* Nothing fitted in an empty buffer: the dump cannot progress. */
	if (err && !skb->len)
		return err;
	return skb->len;
}

static int edgefw_put_rule(struct sk_buff *skb, const struct edgefw_rules *rs,
			   u32 i)
{
	const struct edgefw_rule *r = &rs->rules[i];
	const struct edgefw_entry *e = &rs->entries[r->entry];
	const struct edgefw_tpl_row *t = &edgefw_tpl[r->tpl];
	const struct edgefw_addr *src, *dst;
	struct nlattr *nest;
	u64 packets, bytes;

	src = e->dir == EDGEFW_DIR_IN ? &r->remote : &e->local;
	dst = e->dir == EDGEFW_DIR_IN ? &e->local : &r->remote;
	edgefw_rule_counters(rs, i, &packets, &bytes);
	nest = nla_nest_start(skb, EDGEFW_A_RULE);
	if (!nest || nla_put_u8(skb, EDGEFW_RULE_A_ROLE, t->role) ||
	    nla_put_u16(skb, EDGEFW_RULE_A_ROW, t->row) ||
	    nla_put_u8(skb, EDGEFW_RULE_A_ZONE, e->zone) ||
	    nla_put_u8(skb, EDGEFW_RULE_A_DIR, e->dir) ||
	    nla_put_u8(skb, EDGEFW_RULE_A_PROTO, r->proto) ||
	    (src->family && edgefw_put_addr(skb, EDGEFW_RULE_A_SRC, src)) ||
	    (dst->family && edgefw_put_addr(skb, EDGEFW_RULE_A_DST, dst)) ||
	    nla_put_u16(skb, EDGEFW_RULE_A_SPORT_MIN, r->sport_min) ||
	    nla_put_u16(skb, EDGEFW_RULE_A_SPORT_MAX, r->sport_max) ||
	    nla_put_u16(skb, EDGEFW_RULE_A_DPORT_MIN, r->dport_min) ||
	    nla_put_u16(skb, EDGEFW_RULE_A_DPORT_MAX, r->dport_max) ||
	    nla_put_u64_64bit(skb, EDGEFW_RULE_A_PACKETS, packets,
			      EDGEFW_RULE_A_PAD) ||
	    nla_put_u64_64bit(skb, EDGEFW_RULE_A_BYTES, bytes,
			      EDGEFW_RULE_A_PAD) ||
	    nla_put_string(skb, EDGEFW_RULE_A_USED_FOR, t->used_for))
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

/* cb->args[0]: next rule, then n_rules + the next zone. */
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

		hdr = edgefw_dump_start_msg(skb, cb, EDGEFW_CMD_GET_RULES,
					    en->generation);
		if (!hdr)
			break;
		if (i < n_rules)
			err = edgefw_put_rule(skb, rs->rules, i);
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

/* ---- events ------------------------------------------------------------ */

void edgefw_notify(struct net *net, u32 generation)
{
	struct sk_buff *skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	void *hdr;

	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &edgefw_family, 0, EDGEFW_CMD_CHANGED);
	if (!hdr || nla_put_u32(skb, EDGEFW_A_GENERATION, generation)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&edgefw_family, net, skb, 0, 0, GFP_KERNEL);
}

static const struct genl_ops edgefw_ops[] = {
	{
		.cmd = EDGEFW_CMD_GET_CONFIG,
		.dumpit = edgefw_dump_config,
		.policy = edgefw_no_policy,
		.maxattr = ARRAY_SIZE(edgefw_no_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	}, {
		.cmd = EDGEFW_CMD_SET_CONFIG,
		.doit = edgefw_cmd_set_config,
		.policy = edgefw_set_policy,
		.maxattr = EDGEFW_A_MAX,
		.flags = GENL_ADMIN_PERM,
	}, {
		.cmd = EDGEFW_CMD_GET_RULES,
		.dumpit = edgefw_dump_rules,
		.policy = edgefw_no_policy,
		.maxattr = ARRAY_SIZE(edgefw_no_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	}, {
		.cmd = EDGEFW_CMD_RESET_COUNTERS,
		.doit = edgefw_cmd_reset_counters,
		.policy = edgefw_no_policy,
		.maxattr = ARRAY_SIZE(edgefw_no_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	},
};

/* Like every command, the events are for the namespace's administrator. */
static const struct genl_multicast_group edgefw_mcgrps[] = {
	{ .name = EDGEFW_MCGRP_EVENTS, .flags = GENL_MCAST_CAP_NET_ADMIN },
};

static struct genl_family edgefw_family __ro_after_init = {
	.name = EDGEFW_GENL_NAME,
	.version = EDGEFW_GENL_VERSION,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = edgefw_ops,
	.n_ops = ARRAY_SIZE(edgefw_ops),
	.mcgrps = edgefw_mcgrps,
	.n_mcgrps = ARRAY_SIZE(edgefw_mcgrps),
};

int __init edgefw_genl_init(void)
{
	return genl_register_family(&edgefw_family);
}

void edgefw_genl_exit(void)
{
	genl_unregister_family(&edgefw_family);
}
