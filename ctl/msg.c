// SPDX-License-Identifier: GPL-2.0
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "util.h"

/* ---- reading attributes: validate by type, skip what is unknown ---- */

static int get_u8(const struct nlattr *a, uint8_t *v)
{
	if (nla_len(a) != sizeof(*v))
		return -1;
	*v = nla_get_u8(a);
	return 0;
}

static int get_u16(const struct nlattr *a, uint16_t *v)
{
	if (nla_len(a) != sizeof(*v))
		return -1;
	*v = nla_get_u16(a);
	return 0;
}

static int get_u32(const struct nlattr *a, uint32_t *v)
{
	if (nla_len(a) != sizeof(*v))
		return -1;
	*v = nla_get_u32(a);
	return 0;
}

static int get_u64(const struct nlattr *a, uint64_t *v)
{
	if (nla_len(a) != sizeof(*v))
		return -1;
	*v = nla_get_u64(a);
	return 0;
}

static int get_addr(const struct nlattr *a, struct ef_addr *v)
{
	return ef_addr_from_bytes(v, nla_data(a), (size_t)nla_len(a));
}

/* A NUL-terminated string inside the attribute; NULL if not. */
static const char *get_str(const struct nlattr *a)
{
	const char *s = nla_data(a);
	int len = nla_len(a);

	if (len <= 0 || !memchr(s, '\0', (size_t)len))
		return NULL;
	return s;
}

/* The attributes after the genl header of a message. */
static int msg_attrs(const struct nlmsghdr *nlh, const struct nlattr **a,
		     int *len)
{
	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return -1;
	*a = (const struct nlattr *)((const char *)nlh + NLMSG_HDRLEN +
				     GENL_HDRLEN);
	*len = (int)(nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN);
	return 0;
}

#define for_each_attr(pos, head, len, rem)				\
	for ((pos) = (head), (rem) = (len); nla_ok((pos), (rem));	\
	     (pos) = nla_next((pos), &(rem)))

#define for_each_nested(pos, nla, rem)					\
	for_each_attr(pos, (const struct nlattr *)nla_data(nla),	\
		      nla_len(nla), rem)

static int bad(char *err, size_t errlen, const char *what)
{
	return ef_err(err, errlen,
		      "malformed message from the edgefw module (%s)", what);
}

/* ---- GET_CONFIG ---- */

static int parse_pool(const struct nlattr *nest, struct ef_config *cfg,
		      char *err, size_t errlen)
{
	const struct nlattr *a;
	struct ef_addr addr;
	int rem;

	for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case EDGEFW_POOL_A_FRONT_END:
			if (get_addr(a, &addr))
				return bad(err, errlen, "pool front end");
			ef_addrset_append(&cfg->front_ends, &addr);
			break;
		case EDGEFW_POOL_A_DIRECTOR:
			if (get_addr(a, &addr))
				return bad(err, errlen, "pool director");
			ef_addrset_append(&cfg->directors, &addr);
			break;
		case EDGEFW_POOL_A_VIP:
			if (get_addr(a, &cfg->vip))
				return bad(err, errlen, "pool VIP");
			cfg->has_vip = true;
			break;
		}
	}
	return 0;
}

static int parse_binding(const struct nlattr *nest, struct ef_config *cfg,
			 char *err, size_t errlen)
{
	struct ef_binding b = { .zone = 0xff };
	const struct nlattr *a;
	const char *name;
	bool has_name = false;
	int rem;

	for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case EDGEFW_BINDING_A_IFNAME:
			name = get_str(a);
			if (!name || !*name || strlen(name) >= IFNAMSIZ)
				return bad(err, errlen, "interface name");
			memcpy(b.ifname, name, strlen(name) + 1);
			has_name = true;
			break;
		case EDGEFW_BINDING_A_ZONE:
			if (get_u8(a, &b.zone))
				return bad(err, errlen, "binding zone");
			break;
		case EDGEFW_BINDING_A_IFINDEX:
			if (get_u32(a, &b.ifindex))
				return bad(err, errlen, "interface index");
			break;
		}
	}
	if (!has_name || b.zone == 0xff)
		return bad(err, errlen, "binding without name or zone");
	if (b.zone > EDGEFW_ZONE_MAX)
		return ef_err(err, errlen,
			      "the edgefw module reports zone %u for %s, unknown to this edgectl",
			      b.zone, b.ifname);
	cfg->bindings = xreallocarray(cfg->bindings, cfg->nbindings + 1,
				      sizeof(*cfg->bindings));
	cfg->bindings[cfg->nbindings++] = b;
	return 0;
}

static int parse_bindings(const struct nlattr *nest, struct ef_config *cfg,
			  char *err, size_t errlen)
{
	const struct nlattr *a;
	int rem;

	for_each_nested(a, nest, rem)
		if (nla_type(a) == EDGEFW_A_BINDING &&
		    parse_binding(a, cfg, err, errlen))
			return -1;
	return 0;
}

static int parse_role(const struct nlattr *nest, struct ef_config *cfg,
		      char *err, size_t errlen)
{
	const struct nlattr *a, *addrs = NULL;
	bool has_type = false, has_internal = false, has_media = false;
	uint8_t type = 0, media = EDGEFW_MEDIA_STANDARD;
	struct ef_addr internal = { 0 }, addr;
	struct ef_role *r;
	int rem;

	for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case EDGEFW_ROLE_A_TYPE:
			if (get_u8(a, &type))
				return bad(err, errlen, "role type");
			has_type = true;
			break;
		case EDGEFW_ROLE_A_ADDRS:
			addrs = a;
			break;
		case EDGEFW_ROLE_A_INTERNAL_ADDR:
			if (get_addr(a, &internal))
				return bad(err, errlen, "role internal address");
			has_internal = true;
			break;
		case EDGEFW_ROLE_A_MEDIA_RANGE:
			if (get_u8(a, &media))
				return bad(err, errlen, "role media range");
			has_media = true;
			break;
		}
	}
	if (!has_type)
		return bad(err, errlen, "role without type");
	if (type > EDGEFW_ROLE_MAX || media > EDGEFW_MEDIA_MAX)
		return ef_err(err, errlen,
			      "the edgefw module reports role %u / media range %u, unknown to this edgectl",
			      type, media);
	r = &cfg->roles[type];
	if (!r->present) {
		r->present = true;
		r->has_internal = has_internal;
		r->internal = internal;
		r->media = media;
	} else if (r->has_internal != has_internal ||
		   (has_internal && !ef_addr_eq(&r->internal, &internal)) ||
		   (has_media && r->media != media)) {
		return bad(err, errlen, "role parts disagree");
	}
	if (addrs) {
		for_each_nested(a, addrs, rem) {
			if (nla_type(a) != EDGEFW_A_ADDR)
				continue;
			if (get_addr(a, &addr))
				return bad(err, errlen, "role address");
			ef_addrset_append(&r->addrs, &addr);
		}
	}
	return 0;
}

static int parse_mgmt(const struct nlattr *nest, struct ef_config *cfg,
		      char *err, size_t errlen)
{
	struct ef_mgmt m = { 0 };
	unsigned int seen = 0;
	const struct nlattr *a;
	int rem, e = 0, t;

	for_each_nested(a, nest, rem) {
		t = nla_type(a);
		switch (t) {
		case EDGEFW_MGMT_A_ZONE:
			e = get_u8(a, &m.zone);
			break;
		case EDGEFW_MGMT_A_PROTO:
			e = get_u8(a, &m.proto);
			break;
		case EDGEFW_MGMT_A_PREFIX:
			e = get_addr(a, &m.prefix);
			break;
		case EDGEFW_MGMT_A_PREFIX_LEN:
			e = get_u8(a, &m.plen);
			break;
		case EDGEFW_MGMT_A_PORT:
			e = get_u16(a, &m.port);
			break;
		default:
			continue;
		}
		if (e)
			return bad(err, errlen, "management rule attribute");
		seen |= 1U << t;
	}
	if (seen != (1U << EDGEFW_MGMT_A_ZONE | 1U << EDGEFW_MGMT_A_PROTO |
		     1U << EDGEFW_MGMT_A_PREFIX | 1U << EDGEFW_MGMT_A_PREFIX_LEN |
		     1U << EDGEFW_MGMT_A_PORT))
		return bad(err, errlen, "management rule without all its parts");
	if (m.zone > EDGEFW_ZONE_MAX ||
	    (m.proto != IPPROTO_TCP && m.proto != IPPROTO_UDP) ||
	    m.plen > ef_addr_len(&m.prefix) * 8)
		return ef_err(err, errlen,
			      "the edgefw module reports a management rule of zone %u, protocol %u, prefix length %u, unknown to this edgectl",
			      m.zone, m.proto, m.plen);
	cfg->mgmt = xreallocarray(cfg->mgmt, cfg->nmgmt + 1, sizeof(*cfg->mgmt));
	cfg->mgmt[cfg->nmgmt++] = m;
	return 0;
}

static int parse_pending(const struct nlattr *nest, struct ef_config *cfg,
			 char *err, size_t errlen)
{
	const struct nlattr *a;
	int rem, e = 0;

	cfg->has_pending = true;
	for_each_nested(a, nest, rem) {
		if (nla_type(a) == EDGEFW_PENDING_A_REMAINING_MS)
			e = get_u32(a, &cfg->pending_ms);
		else if (nla_type(a) == EDGEFW_PENDING_A_TIMEOUT)
			e = get_u32(a, &cfg->pending_timeout);
		if (e)
			return bad(err, errlen, "pending change");
	}
	return 0;
}

int ef_msg_parse_config(const struct nlmsghdr *nlh, struct ef_config *cfg,
			char *err, size_t errlen)
{
	const struct nlattr *a, *head;
	uint32_t v;
	int len, rem;

	if (msg_attrs(nlh, &head, &len))
		return bad(err, errlen, "too short");
	for_each_attr(a, head, len, rem) {
		switch (nla_type(a)) {
		case EDGEFW_A_GENERATION:
			if (get_u32(a, &v))
				return bad(err, errlen, "generation");
			if (!cfg->has_generation) {
				cfg->has_generation = true;
				cfg->generation = v;
			}
			break;
		case EDGEFW_A_FLAGS:
			if (get_u32(a, &cfg->flags))
				return bad(err, errlen, "flags");
			break;
		case EDGEFW_A_PROFILE:
			if (get_u8(a, &cfg->profile))
				return bad(err, errlen, "profile");
			if (cfg->profile > EDGEFW_PROFILE_MAX)
				return ef_err(err, errlen,
					      "the edgefw module reports profile %u, unknown to this edgectl",
					      cfg->profile);
			break;
		case EDGEFW_A_LOG_GROUP:
			if (get_u16(a, &cfg->log_group))
				return bad(err, errlen, "NFLOG group");
			cfg->has_log_group = true;
			break;
		case EDGEFW_A_PENDING:
			if (parse_pending(a, cfg, err, errlen))
				return -1;
			break;
		case EDGEFW_A_MGMT:
			if (parse_mgmt(a, cfg, err, errlen))
				return -1;
			break;
		case EDGEFW_A_POOL:
			if (parse_pool(a, cfg, err, errlen))
				return -1;
			break;
		case EDGEFW_A_BINDINGS:
			if (parse_bindings(a, cfg, err, errlen))
				return -1;
			break;
		case EDGEFW_A_ROLE:
			if (parse_role(a, cfg, err, errlen))
				return -1;
			break;
		}
	}
	return 0;
}

/* ---- GET_RULES ---- */

static int parse_rule(const struct nlattr *nest, struct ef_rules *rules,
		      char *err, size_t errlen)
{
	struct ef_rule *r = ef_rules_add(rules);
	unsigned int seen = 0, need;
	const struct nlattr *a;
	const char *s;
	int rem, e = 0;

	for_each_nested(a, nest, rem) {
		int t = nla_type(a);

		switch (t) {
		case EDGEFW_RULE_A_KIND:
			e = get_u8(a, &r->kind);
			break;
		case EDGEFW_RULE_A_STATELESS:
			r->stateless = true;
			break;
		case EDGEFW_RULE_A_SRC_PREFIX_LEN:
			e = get_u8(a, &r->src_plen);
			break;
		case EDGEFW_RULE_A_ROLE:
			e = get_u8(a, &r->role);
			break;
		case EDGEFW_RULE_A_ROW:
			e = get_u16(a, &r->row);
			break;
		case EDGEFW_RULE_A_ZONE:
			e = get_u8(a, &r->zone);
			break;
		case EDGEFW_RULE_A_DIR:
			e = get_u8(a, &r->dir);
			break;
		case EDGEFW_RULE_A_PROTO:
			e = get_u8(a, &r->proto);
			break;
		case EDGEFW_RULE_A_SRC:
			e = get_addr(a, &r->src);
			r->has_src = true;
			break;
		case EDGEFW_RULE_A_DST:
			e = get_addr(a, &r->dst);
			r->has_dst = true;
			break;
		case EDGEFW_RULE_A_SPORT_MIN:
			e = get_u16(a, &r->sport_min);
			break;
		case EDGEFW_RULE_A_SPORT_MAX:
			e = get_u16(a, &r->sport_max);
			break;
		case EDGEFW_RULE_A_DPORT_MIN:
			e = get_u16(a, &r->dport_min);
			break;
		case EDGEFW_RULE_A_DPORT_MAX:
			e = get_u16(a, &r->dport_max);
			break;
		case EDGEFW_RULE_A_PACKETS:
			e = get_u64(a, &r->packets);
			break;
		case EDGEFW_RULE_A_BYTES:
			e = get_u64(a, &r->bytes);
			break;
		case EDGEFW_RULE_A_USED_FOR:
			s = get_str(a);
			if (!s)
				e = -1;
			else
				r->used_for = ef_rules_intern(rules, s);
			break;
		default:
			continue;
		}
		if (e)
			return bad(err, errlen, "rule attribute");
		seen |= 1U << t;
	}
	need = 1U << EDGEFW_RULE_A_ZONE | 1U << EDGEFW_RULE_A_DIR |
	       1U << EDGEFW_RULE_A_PROTO;
	if (r->kind != EDGEFW_RULE_MGMT)
		need |= 1U << EDGEFW_RULE_A_ROLE;
	if ((seen & need) != need)
		return bad(err, errlen, "rule without role, zone, direction or protocol");
	if (!(seen & 1U << EDGEFW_RULE_A_SRC_PREFIX_LEN))
		r->src_plen = r->has_src ? (uint8_t)(ef_addr_len(&r->src) * 8) : 0;
	else if (!r->has_src || r->src_plen > ef_addr_len(&r->src) * 8)
		return bad(err, errlen, "rule source prefix length");
	return 0;
}

static int parse_zstats(const struct nlattr *nest, struct ef_rules *rules,
			char *err, size_t errlen)
{
	uint64_t v[EF_ZS_N] = { 0 };
	const struct nlattr *a;
	uint8_t zone = 0xff;
	int rem, t;

	for_each_nested(a, nest, rem) {
		t = nla_type(a);
		if (t == EDGEFW_ZSTAT_A_ZONE) {
			if (get_u8(a, &zone))
				return bad(err, errlen, "zone counters");
		} else if (ef_zstat_of_attr(t) >= 0) {
			if (get_u64(a, &v[ef_zstat_of_attr(t)]))
				return bad(err, errlen, "zone counter");
		}
	}
	if (zone == 0xff)
		return bad(err, errlen, "zone counters without zone");
	if (zone > EDGEFW_ZONE_MAX)
		return 0;	/* a zone newer than edgectl: not shown */
	rules->zones[zone].present = true;
	memcpy(rules->zones[zone].v, v, sizeof(v));
	return 0;
}

int ef_msg_parse_rules(const struct nlmsghdr *nlh, struct ef_rules *rules,
		       char *err, size_t errlen)
{
	const struct nlattr *a, *head;
	uint32_t v;
	int len, rem;

	if (msg_attrs(nlh, &head, &len))
		return bad(err, errlen, "too short");
	for_each_attr(a, head, len, rem) {
		switch (nla_type(a)) {
		case EDGEFW_A_GENERATION:
			if (get_u32(a, &v))
				return bad(err, errlen, "generation");
			if (!rules->has_generation) {
				rules->has_generation = true;
				rules->generation = v;
			}
			break;
		case EDGEFW_A_RULE:
			if (parse_rule(a, rules, err, errlen))
				return -1;
			break;
		case EDGEFW_A_ZONE_STATS:
			if (parse_zstats(a, rules, err, errlen))
				return -1;
			break;
		}
	}
	return 0;
}

/* ---- SET_CONFIG ---- */

static size_t addr_attr_size(const struct ef_addr *a)
{
	return (size_t)nla_total_size((int)ef_addr_len(a));
}

static size_t role_fixed_size(const struct ef_role *r, unsigned int type)
{
	size_t size = NLA_HDRLEN			/* EDGEFW_A_ROLE */
		+ (size_t)nla_total_size(1)		/* TYPE */
		+ NLA_HDRLEN;				/* ADDRS */

	if (r->has_internal)
		size += addr_attr_size(&r->internal);
	if (type == EDGEFW_ROLE_AV)
		size += (size_t)nla_total_size(1);	/* MEDIA_RANGE */
	return size;
}

/* How many addresses from 'start' fit one EDGEFW_A_ROLE; its size. */
static size_t role_chunk(const struct ef_role *r, unsigned int type,
			 size_t start, size_t *size)
{
	size_t i, s;

	*size = role_fixed_size(r, type);
	for (i = start; i < r->addrs.n; i++) {
		s = addr_attr_size(&r->addrs.v[i]);
		if (*size + s > EF_NLA_MAX_LEN)
			break;
		*size += s;
	}
	return i - start;
}

static bool role_sendable(const struct ef_role *r)
{
	return r->present && r->addrs.n;
}

static size_t mgmt_size(const struct ef_mgmt *m)
{
	return NLA_HDRLEN + 3 * (size_t)nla_total_size(1) +	/* ZONE, PROTO, LEN */
	       addr_attr_size(&m->prefix) + (size_t)nla_total_size(2);
}

size_t ef_msg_set_config_size(const struct ef_config *cfg,
			      const struct ef_set_how *how)
{
	size_t size = NLMSG_HDRLEN + GENL_HDRLEN, i, k, s;
	unsigned int t;

	if (how->with_gen)
		size += (size_t)nla_total_size(4);
	if (how->check_only)
		size += (size_t)nla_total_size(0);
	if (how->confirm)
		size += (size_t)nla_total_size(4);
	size += (size_t)nla_total_size(4);			/* FLAGS */
	size += (size_t)nla_total_size(1);			/* PROFILE */
	if (cfg->has_log_group)
		size += (size_t)nla_total_size(2);
	if (ef_config_has_pool(cfg)) {
		size += NLA_HDRLEN;
		for (i = 0; i < cfg->front_ends.n; i++)
			size += addr_attr_size(&cfg->front_ends.v[i]);
		for (i = 0; i < cfg->directors.n; i++)
			size += addr_attr_size(&cfg->directors.v[i]);
		if (cfg->has_vip)
			size += addr_attr_size(&cfg->vip);
	}
	if (cfg->nbindings) {
		size += NLA_HDRLEN;
		for (i = 0; i < cfg->nbindings; i++)
			size += NLA_HDRLEN +
				(size_t)nla_total_size((int)strlen(cfg->bindings[i].ifname) + 1) +
				(size_t)nla_total_size(1);
	}
	for (t = 0; t < EF_NROLES; t++) {
		const struct ef_role *r = &cfg->roles[t];

		if (!role_sendable(r))
			continue;
		for (i = 0; i < r->addrs.n; i += k) {
			k = role_chunk(r, t, i, &s);
			size += s;
		}
	}
	for (i = 0; i < cfg->nmgmt; i++)
		size += mgmt_size(&cfg->mgmt[i]);
	return size;
}

static int put_addr(struct nl_msg *m, int type, const struct ef_addr *a)
{
	return nla_put(m, type, (int)ef_addr_len(a), a->bytes);
}

static int put_pool(struct nl_msg *m, const struct ef_config *cfg)
{
	struct nlattr *nest = nla_nest_start(m, EDGEFW_A_POOL);
	size_t i;

	if (!nest)
		return -1;
	for (i = 0; i < cfg->front_ends.n; i++)
		if (put_addr(m, EDGEFW_POOL_A_FRONT_END, &cfg->front_ends.v[i]))
			return -1;
	for (i = 0; i < cfg->directors.n; i++)
		if (put_addr(m, EDGEFW_POOL_A_DIRECTOR, &cfg->directors.v[i]))
			return -1;
	if (cfg->has_vip && put_addr(m, EDGEFW_POOL_A_VIP, &cfg->vip))
		return -1;
	return nla_nest_end(m, nest);
}

static int put_bindings(struct nl_msg *m, const struct ef_config *cfg)
{
	struct nlattr *nest = nla_nest_start(m, EDGEFW_A_BINDINGS), *b;
	size_t i;

	if (!nest)
		return -1;
	for (i = 0; i < cfg->nbindings; i++) {
		b = nla_nest_start(m, EDGEFW_A_BINDING);
		if (!b ||
		    nla_put_string(m, EDGEFW_BINDING_A_IFNAME,
				   cfg->bindings[i].ifname) ||
		    nla_put_u8(m, EDGEFW_BINDING_A_ZONE, cfg->bindings[i].zone) ||
		    nla_nest_end(m, b))
			return -1;
	}
	return nla_nest_end(m, nest);
}

static int put_role(struct nl_msg *m, const struct ef_role *r,
		    unsigned int type)
{
	struct nlattr *nest, *addrs;
	size_t i, j, k, s;

	for (i = 0; i < r->addrs.n; i += k) {
		k = role_chunk(r, type, i, &s);
		nest = nla_nest_start(m, EDGEFW_A_ROLE);
		if (!nest || nla_put_u8(m, EDGEFW_ROLE_A_TYPE, (uint8_t)type))
			return -1;
		if (r->has_internal &&
		    put_addr(m, EDGEFW_ROLE_A_INTERNAL_ADDR, &r->internal))
			return -1;
		if (type == EDGEFW_ROLE_AV &&
		    nla_put_u8(m, EDGEFW_ROLE_A_MEDIA_RANGE, r->media))
			return -1;
		addrs = nla_nest_start(m, EDGEFW_ROLE_A_ADDRS);
		if (!addrs)
			return -1;
		for (j = i; j < i + k; j++)
			if (put_addr(m, EDGEFW_A_ADDR, &r->addrs.v[j]))
				return -1;
		if (nla_nest_end(m, addrs) || nla_nest_end(m, nest))
			return -1;
	}
	return 0;
}

static int put_mgmt(struct nl_msg *m, const struct ef_mgmt *r)
{
	struct nlattr *nest = nla_nest_start(m, EDGEFW_A_MGMT);

	if (!nest || nla_put_u8(m, EDGEFW_MGMT_A_ZONE, r->zone) ||
	    nla_put_u8(m, EDGEFW_MGMT_A_PROTO, r->proto) ||
	    put_addr(m, EDGEFW_MGMT_A_PREFIX, &r->prefix) ||
	    nla_put_u8(m, EDGEFW_MGMT_A_PREFIX_LEN, r->plen) ||
	    nla_put_u16(m, EDGEFW_MGMT_A_PORT, r->port))
		return -1;
	return nla_nest_end(m, nest);
}

/* A request of 'size' bytes at most, its headers written. */
static struct nl_msg *new_request(int family, uint8_t cmd, int flags,
				  size_t size)
{
	struct nl_msg *m = nlmsg_alloc_size(size);

	if (!m)
		return NULL;
	if (!genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags, cmd,
			 EDGEFW_GENL_VERSION)) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

struct nl_msg *ef_msg_simple(int family, uint8_t cmd, int flags)
{
	return new_request(family, cmd, flags, NLMSG_HDRLEN + GENL_HDRLEN);
}

struct nl_msg *ef_msg_set_config(int family, const struct ef_config *cfg,
				 const struct ef_set_how *how)
{
	size_t size = ef_msg_set_config_size(cfg, how), i;
	struct nl_msg *m;
	unsigned int t;

	if (size > UINT32_MAX)
		return NULL;
	m = new_request(family, EDGEFW_CMD_SET_CONFIG, 0, NLMSG_ALIGN(size));
	if (!m)
		return NULL;
	if ((how->with_gen &&
	     nla_put_u32(m, EDGEFW_A_GENERATION, cfg->generation)) ||
	    (how->check_only && nla_put_flag(m, EDGEFW_A_CHECK_ONLY)) ||
	    (how->confirm &&
	     nla_put_u32(m, EDGEFW_A_CONFIRM_TIMEOUT, how->confirm)))
		goto fail;
	if (nla_put_u32(m, EDGEFW_A_FLAGS, cfg->flags) ||
	    nla_put_u8(m, EDGEFW_A_PROFILE, cfg->profile) ||
	    (cfg->has_log_group &&
	     nla_put_u16(m, EDGEFW_A_LOG_GROUP, cfg->log_group)))
		goto fail;
	if (ef_config_has_pool(cfg) && put_pool(m, cfg))
		goto fail;
	if (cfg->nbindings && put_bindings(m, cfg))
		goto fail;
	for (t = 0; t < EF_NROLES; t++)
		if (role_sendable(&cfg->roles[t]) &&
		    put_role(m, &cfg->roles[t], t))
			goto fail;
	for (i = 0; i < cfg->nmgmt; i++)
		if (put_mgmt(m, &cfg->mgmt[i]))
			goto fail;
	return m;
fail:
	nlmsg_free(m);
	return NULL;
}

int ef_msg_parse_check(const struct nlmsghdr *nlh, struct ef_check *c,
		       char *err, size_t errlen)
{
	const struct nlattr *a, *b, *head;
	int len, rem, rem2, e = 0;

	if (msg_attrs(nlh, &head, &len))
		return bad(err, errlen, "too short");
	for_each_attr(a, head, len, rem) {
		if (nla_type(a) == EDGEFW_A_GENERATION &&
		    get_u32(a, &c->generation))
			return bad(err, errlen, "generation");
		if (nla_type(a) != EDGEFW_A_CHECK)
			continue;
		c->present = true;
		for_each_nested(b, a, rem2) {
			switch (nla_type(b)) {
			case EDGEFW_CHECK_A_RULES_BEFORE:
				e = get_u32(b, &c->before);
				break;
			case EDGEFW_CHECK_A_RULES_AFTER:
				e = get_u32(b, &c->after);
				break;
			case EDGEFW_CHECK_A_RULES_KEPT:
				e = get_u32(b, &c->kept);
				break;
			case EDGEFW_CHECK_A_BYTES:
				e = get_u32(b, &c->kib);
				break;
			}
			if (e)
				return bad(err, errlen, "check");
		}
	}
	if (c->present && (c->kept > c->before || c->kept > c->after))
		return bad(err, errlen, "check: more rules kept than there are");
	return 0;
}

/* ---- VERDICT ---- */

struct nl_msg *ef_msg_verdict(int family, const struct ef_query *q)
{
	/* headers, QUERY, IFNAME, 4 small attributes, 2 addresses */
	struct nl_msg *m = new_request(family, EDGEFW_CMD_VERDICT, 0,
				       NLMSG_HDRLEN + GENL_HDRLEN + NLA_HDRLEN +
				       (size_t)nla_total_size(IFNAMSIZ) +
				       4 * (size_t)nla_total_size(2) +
				       2 * (size_t)nla_total_size(16));
	struct nlattr *nest;

	if (!m)
		return NULL;
	nest = nla_nest_start(m, EDGEFW_A_QUERY);
	if (!nest || nla_put_string(m, EDGEFW_QUERY_A_IFNAME, q->ifname) ||
	    nla_put_u8(m, EDGEFW_QUERY_A_DIR, q->dir) ||
	    nla_put_u8(m, EDGEFW_QUERY_A_PROTO, q->proto) ||
	    put_addr(m, EDGEFW_QUERY_A_SRC, &q->src) ||
	    put_addr(m, EDGEFW_QUERY_A_DST, &q->dst) ||
	    nla_put_u16(m, EDGEFW_QUERY_A_SPORT, q->sport) ||
	    nla_put_u16(m, EDGEFW_QUERY_A_DPORT, q->dport) ||
	    nla_nest_end(m, nest)) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

static int parse_verdict_nest(const struct nlattr *nest, struct ef_verdict *v,
			      char *err, size_t errlen)
{
	const struct nlattr *a, *r;
	bool has_accept = false, has_reason = false;
	uint8_t accept = 0;
	int rem, rem2;

	for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case EDGEFW_VERDICT_A_ACCEPT:
			if (get_u8(a, &accept))
				return bad(err, errlen, "verdict");
			has_accept = true;
			break;
		case EDGEFW_VERDICT_A_REASON:
			if (get_u8(a, &v->reason))
				return bad(err, errlen, "verdict reason");
			has_reason = true;
			break;
		case EDGEFW_VERDICT_A_ZONE:
			if (get_u8(a, &v->zone))
				return bad(err, errlen, "verdict zone");
			v->has_zone = true;
			break;
		case EDGEFW_VERDICT_A_RULE:
			for_each_nested(r, a, rem2)
				if (nla_type(r) == EDGEFW_A_RULE && !v->rule.n &&
				    parse_rule(r, &v->rule, err, errlen))
					return -1;
			break;
		}
	}
	if (!has_accept || !has_reason)
		return bad(err, errlen, "verdict without accept or reason");
	v->present = true;
	v->accept = accept;
	return 0;
}

int ef_msg_parse_verdict(const struct nlmsghdr *nlh, struct ef_verdict *v,
			 char *err, size_t errlen)
{
	const struct nlattr *a, *head;
	int len, rem;

	if (msg_attrs(nlh, &head, &len))
		return bad(err, errlen, "too short");
	for_each_attr(a, head, len, rem) {
		if (nla_type(a) == EDGEFW_A_GENERATION &&
		    get_u32(a, &v->generation))
			return bad(err, errlen, "generation");
		if (nla_type(a) == EDGEFW_A_VERDICT &&
		    parse_verdict_nest(a, v, err, errlen))
			return -1;
	}
	return 0;
}

/* ---- errors ---- */

int ef_msg_parse_error(const struct nlmsghdr *nlh, struct ef_nlerr *e)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	const char *data = (const char *)nlh + NLMSG_HDRLEN;
	size_t paylen, off;
	const char *s;

	memset(e, 0, sizeof(*e));
	if (nlh->nlmsg_len < NLMSG_HDRLEN)
		return -1;
	paylen = nlh->nlmsg_len - NLMSG_HDRLEN;
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *me = (const struct nlmsgerr *)data;

		if (paylen < sizeof(*me))
			return -1;
		e->error = -me->error;
		off = sizeof(*me);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
		    me->msg.nlmsg_len > NLMSG_HDRLEN)
			off += me->msg.nlmsg_len - NLMSG_HDRLEN;
	} else if (nlh->nlmsg_type == NLMSG_DONE) {
		int v;

		if (paylen < sizeof(v))
			return 0;	/* old kernels: no status */
		memcpy(&v, data, sizeof(v));
		e->error = -v;
		off = sizeof(v);
	} else {
		return -1;
	}
	if (e->error < 0)
		e->error = -e->error;
	off = NLMSG_ALIGN(off);
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || off >= paylen)
		return 0;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)(data + off),
		      (int)(paylen - off), NULL))
		return 0;
	if (tb[NLMSGERR_ATTR_MSG] && (s = get_str(tb[NLMSGERR_ATTR_MSG])))
		snprintf(e->msg, sizeof(e->msg), "%s", s);
	if (tb[NLMSGERR_ATTR_OFFS] && !get_u32(tb[NLMSGERR_ATTR_OFFS], &e->offs))
		e->has_offs = true;
	if (tb[NLMSGERR_ATTR_MISS_TYPE] &&
	    !get_u32(tb[NLMSGERR_ATTR_MISS_TYPE], &e->miss_type))
		e->has_miss_type = true;
	return 0;
}

/* The attribute of a nest (or of the message) that contains offset off. */
static const struct nlattr *attr_at(const struct nlattr *head, int len,
				    const char *base, uint32_t off)
{
	const struct nlattr *a;
	size_t start;
	int rem;

	for_each_attr(a, head, len, rem) {
		start = (size_t)((const char *)a - base);
		if (off >= start && off < start + a->nla_len)
			return a;
	}
	return NULL;
}

#define ATTR_IN(nest, base, off) \
	attr_at((const struct nlattr *)nla_data(nest), nla_len(nest), base, off)

static const char *describe_role(const struct nlattr *role, const char *base,
				 uint32_t off, char *buf, size_t len)
{
	const struct nlattr *a, *in;
	const char *name = "?";
	char s[EF_ADDRSTRLEN];
	struct ef_addr addr;
	uint8_t type;
	int rem;

	for_each_nested(a, role, rem)
		if (nla_type(a) == EDGEFW_ROLE_A_TYPE && !get_u8(a, &type) &&
		    ef_role_name(type))
			name = ef_role_name(type);
	a = ATTR_IN(role, base, off);
	if (a && nla_type(a) == EDGEFW_ROLE_A_ADDRS) {
		in = ATTR_IN(a, base, off);
		if (in && !get_addr(in, &addr)) {
			snprintf(buf, len, "role %s, address %s", name,
				 ef_addr_str(&addr, s));
			return buf;
		}
	} else if (a && nla_type(a) == EDGEFW_ROLE_A_INTERNAL_ADDR &&
		   !get_addr(a, &addr)) {
		snprintf(buf, len, "role %s, internal address %s", name,
			 ef_addr_str(&addr, s));
		return buf;
	} else if (a && nla_type(a) == EDGEFW_ROLE_A_MEDIA_RANGE) {
		snprintf(buf, len, "role %s, media range", name);
		return buf;
	}
	snprintf(buf, len, "role %s", name);
	return buf;
}

static const char *describe_mgmt(const struct nlattr *nest, char *buf,
				 size_t len)
{
	struct ef_config one;
	char m[EF_MGMTSTRLEN];

	ef_config_init(&one);
	if (parse_mgmt(nest, &one, m, sizeof(m)))
		snprintf(buf, len, "management rule");
	else
		snprintf(buf, len, "management rule %s",
			 ef_mgmt_str(one.mgmt, m, sizeof(m)));
	ef_config_free(&one);
	return buf;
}

const char *ef_msg_describe_offset(const struct nlmsghdr *sent, uint32_t offs,
				   char *buf, size_t len)
{
	const char *base = (const char *)sent;
	const struct nlattr *head, *a, *in, *b;
	char s[EF_ADDRSTRLEN];
	struct ef_addr addr;
	const char *name;
	int alen, rem;

	if (msg_attrs(sent, &head, &alen))
		return NULL;
	a = attr_at(head, alen, base, offs);
	if (!a)
		return NULL;
	switch (nla_type(a)) {
	case EDGEFW_A_GENERATION:
		snprintf(buf, len, "generation");
		return buf;
	case EDGEFW_A_FLAGS:
		snprintf(buf, len, "flags");
		return buf;
	case EDGEFW_A_PROFILE:
		snprintf(buf, len, "profile");
		return buf;
	case EDGEFW_A_LOG_GROUP:
		snprintf(buf, len, "NFLOG group");
		return buf;
	case EDGEFW_A_CONFIRM_TIMEOUT:
		snprintf(buf, len, "confirmation timeout");
		return buf;
	case EDGEFW_A_MGMT:
		return describe_mgmt(a, buf, len);
	case EDGEFW_A_POOL:
		in = ATTR_IN(a, base, offs);
		if (in && !get_addr(in, &addr)) {
			snprintf(buf, len, "pool %s %s",
				 nla_type(in) == EDGEFW_POOL_A_VIP ? "vip" :
				 nla_type(in) == EDGEFW_POOL_A_DIRECTOR ?
				 "director" : "front end",
				 ef_addr_str(&addr, s));
			return buf;
		}
		snprintf(buf, len, "pool");
		return buf;
	case EDGEFW_A_BINDINGS:
		in = ATTR_IN(a, base, offs);
		if (in) {
			for_each_nested(b, in, rem)
				if (nla_type(b) == EDGEFW_BINDING_A_IFNAME &&
				    (name = get_str(b))) {
					snprintf(buf, len, "binding %s", name);
					return buf;
				}
		}
		snprintf(buf, len, "bindings");
		return buf;
	case EDGEFW_A_ROLE:
		return describe_role(a, base, offs, buf, len);
	}
	return NULL;
}
