// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration over netlink: SET_CONFIG's attributes into a struct
 * edgefw_config (validated as a whole: nothing half-applied), and the
 * resumable, consistent GET_CONFIG dump. The attribute layout is
 * documented in uapi/linux/edgefw.h.
 */
#include <linux/netdevice.h>
#include <linux/inetdevice.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "edgefw.h"

/* ---- attributes to a configuration ------------------------------------- */

int edgefw_validate_addr(const struct nlattr *attr,
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

static const struct nla_policy edgefw_addrs_policy[EDGEFW_A_MAX + 1] = {
	[EDGEFW_A_ADDR] = EDGEFW_ADDR_POLICY,
};

static const struct nla_policy edgefw_pool_policy[EDGEFW_POOL_A_MAX + 1] = {
	[EDGEFW_POOL_A_FRONT_END] = EDGEFW_ADDR_POLICY,
	[EDGEFW_POOL_A_VIP] = EDGEFW_ADDR_POLICY,
	[EDGEFW_POOL_A_DIRECTOR] = EDGEFW_ADDR_POLICY,
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

static const struct nla_policy edgefw_mgmt_policy[EDGEFW_MGMT_A_MAX + 1] = {
	[EDGEFW_MGMT_A_ZONE] = NLA_POLICY_MAX(NLA_U8, EDGEFW_ZONE_MAX),
	[EDGEFW_MGMT_A_PROTO] = { .type = NLA_U8 },
	[EDGEFW_MGMT_A_PREFIX] = EDGEFW_ADDR_POLICY,
	[EDGEFW_MGMT_A_PREFIX_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[EDGEFW_MGMT_A_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
};

const struct nla_policy edgefw_set_policy[EDGEFW_A_MAX + 1] = {
	[EDGEFW_A_GENERATION] = { .type = NLA_U32 },
	[EDGEFW_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, __EDGEFW_F_ALL),
	[EDGEFW_A_PROFILE] = NLA_POLICY_MAX(NLA_U8, EDGEFW_PROFILE_MAX),
	[EDGEFW_A_POOL] = NLA_POLICY_NESTED(edgefw_pool_policy),
	[EDGEFW_A_BINDINGS] = NLA_POLICY_NESTED(edgefw_bindings_policy),
	[EDGEFW_A_ROLE] = NLA_POLICY_NESTED(edgefw_role_policy),
	[EDGEFW_A_MGMT] = NLA_POLICY_NESTED(edgefw_mgmt_policy),
	[EDGEFW_A_LOG_GROUP] = { .type = NLA_U16 },
	[EDGEFW_A_CHECK_ONLY] = { .type = NLA_FLAG },
	[EDGEFW_A_CONFIRM_TIMEOUT] =
		NLA_POLICY_RANGE(NLA_U32, 1, EDGEFW_MAX_CONFIRM_SECONDS),
};

/* A unicast host address; 0.0.0.0, ::, multicast, broadcast are refused. */
int edgefw_nl_get_addr(const struct nlattr *attr, struct edgefw_addr *a,
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

	edgefw_sort(addrs, n, edgefw_cmp_addr);
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
int edgefw_refuse_repeats(const struct nlattr *head, int len,
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

int edgefw_refuse_nested_repeats(const struct nlattr *nest,
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
	u32 i, j;

	err = edgefw_refuse_nested_repeats(nest, BIT(EDGEFW_POOL_A_FRONT_END) |
					   BIT(EDGEFW_POOL_A_DIRECTOR), extack);
	if (err)
		return err;
	nla_for_each_nested(attr, nest, rem) {
		switch (nla_type(attr)) {
		case EDGEFW_POOL_A_VIP:
			err = edgefw_nl_get_addr(attr, &cfg->vip, extack);
			break;
		case EDGEFW_POOL_A_FRONT_END:
			if (cfg->n_front_ends == EDGEFW_MAX_FRONT_ENDS) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "too many Front End servers");
				return -E2BIG;
			}
			err = edgefw_nl_get_addr(attr,
						 &cfg->front_ends[cfg->n_front_ends++],
						 extack);
			break;
		case EDGEFW_POOL_A_DIRECTOR:
			if (cfg->n_directors == EDGEFW_MAX_DIRECTORS) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "too many Directors");
				return -E2BIG;
			}
			err = edgefw_nl_get_addr(attr,
						 &cfg->directors[cfg->n_directors++],
						 extack);
			break;
		}
		if (err)
			return err;
	}
	err = edgefw_sort_unique(cfg->front_ends, cfg->n_front_ends, nest,
				 extack) ?:
	      edgefw_sort_unique(cfg->directors, cfg->n_directors, nest,
				 extack);
	if (err)
		return err;
	/* both are next hops: one server is one or the other */
	for (i = 0, j = 0; i < cfg->n_front_ends && j < cfg->n_directors;) {
		int d = edgefw_addr_cmp(&cfg->front_ends[i], &cfg->directors[j]);

		if (!d) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "a Director is a Front End server already");
			return -EINVAL;
		}
		if (d < 0)
			i++;
		else
			j++;
	}
	return 0;
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
	u8 type, media = EDGEFW_MEDIA_STANDARD;
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
		err = edgefw_nl_get_addr(tb[EDGEFW_ROLE_A_INTERNAL_ADDR],
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
		err = edgefw_nl_get_addr(attr, &rc->addrs[rc->n_addrs++],
					 extack);
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
						   EDGEFW_GFP);
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

static int edgefw_mgmt_cmp(const void *pa, const void *pb)
{
	const struct edgefw_mgmt *a = pa, *b = pb;

	if (a->zone != b->zone)
		return a->zone < b->zone ? -1 : 1;
	if (a->proto != b->proto)
		return a->proto < b->proto ? -1 : 1;
	if (a->port != b->port)
		return a->port < b->port ? -1 : 1;
	if (a->plen != b->plen)
		return a->plen < b->plen ? -1 : 1;
	return edgefw_addr_cmp(&a->prefix, &b->prefix);
}

static int edgefw_parse_mgmt_one(const struct nlattr *nest,
				 struct edgefw_mgmt *m,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[EDGEFW_MGMT_A_MAX + 1];
	struct nlattr *prefix;
	bool host_bits;
	int err;

	err = edgefw_refuse_nested_repeats(nest, 0, extack) ?:
	      nla_parse_nested(tb, EDGEFW_MGMT_A_MAX, nest, edgefw_mgmt_policy,
			       extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, EDGEFW_MGMT_A_ZONE) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, EDGEFW_MGMT_A_PROTO) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, EDGEFW_MGMT_A_PREFIX) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, EDGEFW_MGMT_A_PREFIX_LEN) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, EDGEFW_MGMT_A_PORT))
		return -EINVAL;
	prefix = tb[EDGEFW_MGMT_A_PREFIX];
	m->zone = nla_get_u8(tb[EDGEFW_MGMT_A_ZONE]);
	m->proto = nla_get_u8(tb[EDGEFW_MGMT_A_PROTO]);
	m->plen = nla_get_u8(tb[EDGEFW_MGMT_A_PREFIX_LEN]);
	m->port = nla_get_u16(tb[EDGEFW_MGMT_A_PORT]);
	m->prefix.family = nla_len(prefix) == sizeof(__be32) ? AF_INET :
							       AF_INET6;
	nla_memcpy(&m->prefix.a, prefix, sizeof(m->prefix.a));
	if (m->proto != IPPROTO_TCP && m->proto != IPPROTO_UDP) {
		NL_SET_ERR_MSG_ATTR(extack, tb[EDGEFW_MGMT_A_PROTO],
				    "protocol must be TCP or UDP");
		return -EINVAL;
	}
	if (m->plen > (m->prefix.family == AF_INET ? 32 : 128)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[EDGEFW_MGMT_A_PREFIX_LEN],
				    "prefix length longer than the address");
		return -EINVAL;
	}
	if (m->prefix.family == AF_INET) {
		host_bits = m->prefix.a.ip & ~inet_make_mask(m->plen);
	} else {
		struct in6_addr masked;

		ipv6_addr_prefix(&masked, &m->prefix.a.in6, m->plen);
		host_bits = !ipv6_addr_equal(&masked, &m->prefix.a.in6);
	}
	if (host_bits) {
		NL_SET_ERR_MSG_ATTR(extack, prefix,
				    "prefix has bits set past its length");
		return -EINVAL;
	}
	return 0;
}

static int edgefw_parse_mgmt(struct genl_info *info, struct edgefw_config *cfg)
{
	const struct nlattr *attr;
	u32 n = 0, i;
	int rem, err;

	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem)
		if (nla_type(attr) == EDGEFW_A_MGMT && ++n > EDGEFW_MAX_MGMT) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "too many management rules");
			return -E2BIG;
		}
	if (!n)
		return 0;
	cfg->mgmt = kvcalloc(n, sizeof(*cfg->mgmt), EDGEFW_GFP);
	if (!cfg->mgmt)
		return -ENOMEM;
	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(attr) != EDGEFW_A_MGMT)
			continue;
		err = edgefw_parse_mgmt_one(attr, &cfg->mgmt[cfg->n_mgmt++],
					    info->extack);
		if (err)
			return err;
	}
	edgefw_sort(cfg->mgmt, cfg->n_mgmt, edgefw_mgmt_cmp);
	for (i = 1; i < cfg->n_mgmt; i++) {
		if (!edgefw_mgmt_cmp(&cfg->mgmt[i - 1], &cfg->mgmt[i])) {
			NL_SET_ERR_MSG(info->extack,
				       "management rule given twice");
			return -EINVAL;
		}
	}
	return 0;
}

/* What only the whole configuration tells. */
static int edgefw_validate_config(struct genl_info *info,
				  const struct edgefw_config *cfg)
{
	bool sfb = cfg->profile != EDGEFW_PROFILE_LYNC2010;

	if ((cfg->flags & EDGEFW_F_XMPP) &&
	    cfg->profile != EDGEFW_PROFILE_SFB2015) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[EDGEFW_A_FLAGS],
				    "XMPP rows exist only in profile sfb2015");
		return -EINVAL;
	}
	if (sfb && cfg->roles[EDGEFW_ROLE_AV].present &&
	    cfg->roles[EDGEFW_ROLE_AV].media_range == EDGEFW_MEDIA_OCS2007) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[EDGEFW_A_PROFILE],
				    "media range ocs2007 has no rows in the Skype for Business profiles");
		return -EINVAL;
	}
	return 0;
}

int edgefw_nl_parse_config(struct genl_info *info, struct edgefw_config *cfg)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **attrs = info->attrs;
	int err;

	err = edgefw_refuse_repeats(nlmsg_attrdata(info->nlhdr, GENL_HDRLEN),
				    nlmsg_attrlen(info->nlhdr, GENL_HDRLEN),
				    BIT(EDGEFW_A_ROLE) | BIT(EDGEFW_A_MGMT),
				    extack);
	if (err)
		return err;
	if (attrs[EDGEFW_A_FLAGS])
		cfg->flags = nla_get_u32(attrs[EDGEFW_A_FLAGS]);
	if (attrs[EDGEFW_A_PROFILE])
		cfg->profile = nla_get_u8(attrs[EDGEFW_A_PROFILE]);
	if (attrs[EDGEFW_A_LOG_GROUP]) {
		cfg->has_log_group = true;
		cfg->log_group = nla_get_u16(attrs[EDGEFW_A_LOG_GROUP]);
	}
	if (attrs[EDGEFW_A_POOL]) {
		err = edgefw_parse_pool(attrs[EDGEFW_A_POOL], cfg, extack);
		if (err)
			return err;
	}
	if (attrs[EDGEFW_A_BINDINGS]) {
		err = edgefw_parse_bindings(attrs[EDGEFW_A_BINDINGS], cfg,
					    extack);
		if (err)
			return err;
	}
	return edgefw_parse_mgmt(info, cfg) ?:
	       edgefw_parse_roles(info, cfg) ?:
	       edgefw_validate_config(info, cfg);
}

/* ---- the configuration dump -------------------------------------------- */

int edgefw_nl_put_addr(struct sk_buff *skb, int type,
		       const struct edgefw_addr *a)
{
	if (a->family == AF_INET)
		return nla_put_in_addr(skb, type, a->a.ip);
	return nla_put_in6_addr(skb, type, &a->a.in6);
}

void *edgefw_nl_dump_start_msg(struct sk_buff *skb,
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

static int edgefw_put_addrs(struct sk_buff *skb, int type,
			    const struct edgefw_addr *addrs, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (edgefw_nl_put_addr(skb, type, &addrs[i]))
			return -EMSGSIZE;
	return 0;
}

static int edgefw_put_config_head(struct sk_buff *skb,
				  const struct edgefw_net *en,
				  const struct edgefw_config *cfg)
{
	const struct edgefw_pending *p = &en->pending;
	struct nlattr *nest;

	if (nla_put_u32(skb, EDGEFW_A_FLAGS, cfg->flags) ||
	    nla_put_u8(skb, EDGEFW_A_PROFILE, cfg->profile) ||
	    (cfg->has_log_group &&
	     nla_put_u16(skb, EDGEFW_A_LOG_GROUP, cfg->log_group)))
		return -EMSGSIZE;
	if (p->revert_to) {
		long left = max_t(long, (long)(p->deadline - jiffies), 0);

		nest = nla_nest_start(skb, EDGEFW_A_PENDING);
		if (!nest ||
		    nla_put_u32(skb, EDGEFW_PENDING_A_REMAINING_MS,
				jiffies_to_msecs(left)) ||
		    nla_put_u32(skb, EDGEFW_PENDING_A_TIMEOUT, p->timeout))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	nest = nla_nest_start(skb, EDGEFW_A_POOL);
	if (!nest ||
	    edgefw_put_addrs(skb, EDGEFW_POOL_A_FRONT_END, cfg->front_ends,
			     cfg->n_front_ends) ||
	    edgefw_put_addrs(skb, EDGEFW_POOL_A_DIRECTOR, cfg->directors,
			     cfg->n_directors) ||
	    (cfg->vip.family &&
	     edgefw_nl_put_addr(skb, EDGEFW_POOL_A_VIP, &cfg->vip)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int edgefw_put_bindings(struct sk_buff *skb,
			       const struct edgefw_config *cfg)
{
	struct nlattr *nest, *b;
	u32 i;

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

/* Management rules from *@next on, as many as fit. */
static int edgefw_put_mgmt(struct sk_buff *skb,
			   const struct edgefw_config *cfg, u32 *next)
{
	u32 first = *next;

	for (; *next < cfg->n_mgmt; (*next)++) {
		const struct edgefw_mgmt *m = &cfg->mgmt[*next];
		struct nlattr *nest = nla_nest_start(skb, EDGEFW_A_MGMT);

		if (!nest || nla_put_u8(skb, EDGEFW_MGMT_A_ZONE, m->zone) ||
		    nla_put_u8(skb, EDGEFW_MGMT_A_PROTO, m->proto) ||
		    edgefw_nl_put_addr(skb, EDGEFW_MGMT_A_PREFIX, &m->prefix) ||
		    nla_put_u8(skb, EDGEFW_MGMT_A_PREFIX_LEN, m->plen) ||
		    nla_put_u16(skb, EDGEFW_MGMT_A_PORT, m->port)) {
			if (nest)
				nla_nest_cancel(skb, nest);
			break;
		}
		nla_nest_end(skb, nest);
	}
	return *next == first ? -EMSGSIZE : 0;
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
	     edgefw_nl_put_addr(skb, EDGEFW_ROLE_A_INTERNAL_ADDR,
				&rc->internal)))
		return -EMSGSIZE;
	addrs = nla_nest_start(skb, EDGEFW_ROLE_A_ADDRS);
	if (!addrs)
		return -EMSGSIZE;
	for (; *next < rc->n_addrs; (*next)++)
		if (edgefw_nl_put_addr(skb, EDGEFW_A_ADDR, &rc->addrs[*next]))
			break;
	if (*next == first)
		return -EMSGSIZE;
	nla_nest_end(skb, addrs);
	nla_nest_end(skb, role);
	return 0;
}

/*
 * The dump goes through stages, each one message or more:
 * the head (flags, profile, logging, pending change, pool), the bindings,
 * the management rules (as many per message as fit), then each role.
 * cb->args[0] is the stage, cb->args[1] the next item in it. A cursor
 * past the end of its stage (the configuration changed between two
 * callbacks: the dump ends with NLM_F_DUMP_INTR) moves to the next stage.
 */
enum {
	EDGEFW_DUMP_HEAD,
	EDGEFW_DUMP_BINDINGS,
	EDGEFW_DUMP_MGMT,
	EDGEFW_DUMP_ROLE,	/* + role */
	__EDGEFW_DUMP_LAST = EDGEFW_DUMP_ROLE + __EDGEFW_ROLE_LAST
};

/* How many items stage @stage has; 1 for a single message. */
static u32 edgefw_dump_items(const struct edgefw_config *cfg, long stage)
{
	const struct edgefw_role_cfg *rc;

	switch (stage) {
	case EDGEFW_DUMP_HEAD:
	case EDGEFW_DUMP_BINDINGS:
		return 1;
	case EDGEFW_DUMP_MGMT:
		return cfg->n_mgmt;
	default:
		rc = &cfg->roles[stage - EDGEFW_DUMP_ROLE];
		return rc->present ? rc->n_addrs : 0;
	}
}

int edgefw_nl_dump_config(struct sk_buff *skb, struct netlink_callback *cb)
{
	static const struct edgefw_config empty;
	struct edgefw_net *en = edgefw_pernet(sock_net(skb->sk));
	const struct edgefw_config *cfg;
	void *hdr;
	int err = 0;

	mutex_lock(&en->lock);
	cfg = en->cfg ?: &empty;
	cb->seq = en->generation;
	while (cb->args[0] < __EDGEFW_DUMP_LAST) {
		long stage = cb->args[0];
		u32 next = cb->args[1], n = edgefw_dump_items(cfg, stage);

		if (next >= n) {
			cb->args[0]++;
			cb->args[1] = 0;
			continue;
		}
		hdr = edgefw_nl_dump_start_msg(skb, cb, EDGEFW_CMD_GET_CONFIG,
					       en->generation);
		if (!hdr)
			break;
		switch (stage) {
		case EDGEFW_DUMP_HEAD:
			err = edgefw_put_config_head(skb, en, cfg);
			next = 1;
			break;
		case EDGEFW_DUMP_BINDINGS:
			err = edgefw_put_bindings(skb, cfg);
			next = 1;
			break;
		case EDGEFW_DUMP_MGMT:
			err = edgefw_put_mgmt(skb, cfg, &next);
			break;
		default:
			err = edgefw_put_role(skb, stage - EDGEFW_DUMP_ROLE,
					      &cfg->roles[stage - EDGEFW_DUMP_ROLE],
					      &next);
		}
		if (err) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[1] = next;
	}
	mutex_unlock(&en->lock);
	/* Nothing fitted in an empty buffer: the dump cannot progress. */
	if (err && !skb->len)
		return err;
	return skb->len;
}
