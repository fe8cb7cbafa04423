// SPDX-License-Identifier: GPL-2.0
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "util.h"

static const char *const role_names[] = {
	[EDGEFW_ROLE_ACCESS]	= "access",
	[EDGEFW_ROLE_WEBCONF]	= "webconf",
	[EDGEFW_ROLE_AV]	= "av",
	[EDGEFW_ROLE_RPROXY]	= "rproxy",
};

static const char *const zone_names[] = {
	[EDGEFW_ZONE_EXTERNAL]	= "external",
	[EDGEFW_ZONE_INTERNAL]	= "internal",
};

static const char *const media_names[] = {
	[EDGEFW_MEDIA_STANDARD]	= "standard",
	[EDGEFW_MEDIA_NONE]	= "none",
	[EDGEFW_MEDIA_OCS2007]	= "ocs2007",
};

static const char *const profile_names[] = {
	[EDGEFW_PROFILE_LYNC2010] = "lync2010",
	[EDGEFW_PROFILE_SFB2015] = "sfb2015",
	[EDGEFW_PROFILE_SFB2019] = "sfb2019",
};

static const char *const dir_names[] = {
	[EDGEFW_DIR_IN]		= "in",
	[EDGEFW_DIR_OUT]	= "out",
};

_Static_assert(ARRAY_SIZE(role_names) == __EDGEFW_ROLE_LAST, "role names");
_Static_assert(ARRAY_SIZE(zone_names) == __EDGEFW_ZONE_LAST, "zone names");
_Static_assert(ARRAY_SIZE(media_names) == __EDGEFW_MEDIA_LAST, "media names");
_Static_assert(ARRAY_SIZE(dir_names) == __EDGEFW_DIR_LAST, "dir names");
_Static_assert(ARRAY_SIZE(profile_names) == __EDGEFW_PROFILE_LAST,
	       "profile names");

#define NAME(tbl, v) ((v) < ARRAY_SIZE(tbl) ? (tbl)[v] : NULL)

const char *ef_role_name(unsigned int role) { return NAME(role_names, role); }
const char *ef_zone_name(unsigned int zone) { return NAME(zone_names, zone); }
const char *ef_dir_name(unsigned int dir) { return NAME(dir_names, dir); }
const char *ef_profile_name(unsigned int p) { return NAME(profile_names, p); }

const char *ef_media_name(unsigned int media, unsigned int profile)
{
	if (media == EDGEFW_MEDIA_STANDARD &&
	    profile == EDGEFW_PROFILE_LYNC2010)
		return "lync2010";
	return NAME(media_names, media);
}

static int lookup(const char *const *tbl, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(tbl[i], s))
			return (int)i;
	return -1;
}

int ef_role_lookup(const char *s)
{
	return lookup(role_names, ARRAY_SIZE(role_names), s);
}

int ef_zone_lookup(const char *s)
{
	return lookup(zone_names, ARRAY_SIZE(zone_names), s);
}

int ef_media_lookup(const char *s)
{
	if (!strcmp(s, "lync2010"))
		return EDGEFW_MEDIA_STANDARD;
	return lookup(media_names, ARRAY_SIZE(media_names), s);
}

int ef_profile_lookup(const char *s)
{
	return lookup(profile_names, ARRAY_SIZE(profile_names), s);
}

int ef_mgmt_cmp(const struct ef_mgmt *a, const struct ef_mgmt *b)
{
	int c;

	if (a->zone != b->zone)
		return a->zone < b->zone ? -1 : 1;
	c = ef_addr_cmp(&a->prefix, &b->prefix);
	if (c)
		return c;
	if (a->plen != b->plen)
		return a->plen < b->plen ? -1 : 1;
	if (a->proto != b->proto)
		return a->proto < b->proto ? -1 : 1;
	if (a->port != b->port)
		return a->port < b->port ? -1 : 1;
	return 0;
}

const char *ef_prefix_str(const struct ef_addr *a, unsigned int plen,
			  char buf[EF_PREFIXSTRLEN])
{
	char s[EF_ADDRSTRLEN];

	ef_addr_str(a, s);
	if (plen == ef_addr_len(a) * 8)
		snprintf(buf, EF_PREFIXSTRLEN, "%s", s);
	else
		snprintf(buf, EF_PREFIXSTRLEN, "%s/%u", s, plen);
	return buf;
}

void ef_config_init(struct ef_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
}

static void role_clear(struct ef_role *r)
{
	ef_addrset_free(&r->addrs);
	memset(r, 0, sizeof(*r));
}

void ef_config_free(struct ef_config *cfg)
{
	size_t i;

	free(cfg->bindings);
	ef_addrset_free(&cfg->front_ends);
	ef_addrset_free(&cfg->directors);
	for (i = 0; i < EF_NROLES; i++)
		role_clear(&cfg->roles[i]);
	free(cfg->mgmt);
	ef_config_init(cfg);
}

void ef_config_copy(struct ef_config *dst, const struct ef_config *src)
{
	size_t i;

	*dst = *src;
	dst->bindings = NULL;
	if (src->nbindings) {
		dst->bindings = xreallocarray(NULL, src->nbindings,
					      sizeof(*dst->bindings));
		memcpy(dst->bindings, src->bindings,
		       src->nbindings * sizeof(*dst->bindings));
	}
	ef_addrset_copy(&dst->front_ends, &src->front_ends);
	ef_addrset_copy(&dst->directors, &src->directors);
	for (i = 0; i < EF_NROLES; i++)
		ef_addrset_copy(&dst->roles[i].addrs, &src->roles[i].addrs);
	dst->mgmt = NULL;
	if (src->nmgmt) {
		dst->mgmt = xreallocarray(NULL, src->nmgmt, sizeof(*dst->mgmt));
		memcpy(dst->mgmt, src->mgmt, src->nmgmt * sizeof(*dst->mgmt));
	}
}

static bool role_eq(const struct ef_role *a, const struct ef_role *b)
{
	if (a->present != b->present)
		return false;
	if (!a->present)
		return true;
	if (a->has_internal != b->has_internal ||
	    (a->has_internal && !ef_addr_eq(&a->internal, &b->internal)))
		return false;
	return a->media == b->media && ef_addrset_eq(&a->addrs, &b->addrs);
}

bool ef_config_eq(const struct ef_config *a, const struct ef_config *b)
{
	size_t i;

	if (a->flags != b->flags || a->profile != b->profile ||
	    a->has_log_group != b->has_log_group ||
	    (a->has_log_group && a->log_group != b->log_group) ||
	    a->nbindings != b->nbindings || a->has_vip != b->has_vip ||
	    (a->has_vip && !ef_addr_eq(&a->vip, &b->vip)) ||
	    !ef_addrset_eq(&a->front_ends, &b->front_ends) ||
	    !ef_addrset_eq(&a->directors, &b->directors) ||
	    a->nmgmt != b->nmgmt)
		return false;
	for (i = 0; i < a->nmgmt; i++)
		if (ef_mgmt_cmp(&a->mgmt[i], &b->mgmt[i]))
			return false;
	for (i = 0; i < a->nbindings; i++)
		if (strcmp(a->bindings[i].ifname, b->bindings[i].ifname) ||
		    a->bindings[i].zone != b->bindings[i].zone)
			return false;
	for (i = 0; i < EF_NROLES; i++)
		if (!role_eq(&a->roles[i], &b->roles[i]))
			return false;
	return true;
}

bool ef_config_has_pool(const struct ef_config *cfg)
{
	return cfg->front_ends.n || cfg->directors.n || cfg->has_vip;
}

static int cmp_binding(const void *a, const void *b)
{
	const struct ef_binding *x = a, *y = b;

	return strcmp(x->ifname, y->ifname);
}

static void sort_bindings(struct ef_config *cfg)
{
	if (cfg->nbindings > 1)
		qsort(cfg->bindings, cfg->nbindings, sizeof(*cfg->bindings),
		      cmp_binding);
}

static int cmp_mgmt(const void *a, const void *b)
{
	return ef_mgmt_cmp(a, b);
}

void ef_mgmt_sort(struct ef_mgmt *v, size_t *n)
{
	size_t i, j;

	if (*n < 2)
		return;
	qsort(v, *n, sizeof(*v), cmp_mgmt);
	for (i = 1, j = 1; i < *n; i++)
		if (ef_mgmt_cmp(&v[j - 1], &v[i]))
			v[j++] = v[i];
	*n = j;
}

void ef_config_normalize(struct ef_config *cfg)
{
	size_t i;

	sort_bindings(cfg);
	ef_addrset_normalize(&cfg->front_ends);
	ef_addrset_normalize(&cfg->directors);
	for (i = 0; i < EF_NROLES; i++)
		ef_addrset_normalize(&cfg->roles[i].addrs);
	ef_mgmt_sort(cfg->mgmt, &cfg->nmgmt);
}

struct ef_binding *ef_config_find_binding(struct ef_config *cfg,
					  const char *ifname)
{
	size_t i;

	for (i = 0; i < cfg->nbindings; i++)
		if (!strcmp(cfg->bindings[i].ifname, ifname))
			return &cfg->bindings[i];
	return NULL;
}

void ef_stmt_free(struct ef_stmt *st)
{
	ef_addrset_free(&st->addrs);
	ef_addrset_free(&st->directors);
	free(st->mgmt);
	st->mgmt = NULL;
	st->nmgmt = 0;
}

static int apply_bind(struct ef_config *cfg, const struct ef_stmt *st,
		      char *err, size_t errlen)
{
	struct ef_binding *b = ef_config_find_binding(cfg, st->ifname);

	if (b) {
		b->zone = st->zone;
		return 0;
	}
	if (cfg->nbindings >= EDGEFW_MAX_BINDINGS)
		return ef_err(err, errlen,
			      "cannot bind '%s': at most %d interfaces can be bound",
			      st->ifname, EDGEFW_MAX_BINDINGS);
	cfg->bindings = xreallocarray(cfg->bindings, cfg->nbindings + 1,
				      sizeof(*cfg->bindings));
	b = &cfg->bindings[cfg->nbindings++];
	memset(b, 0, sizeof(*b));
	memcpy(b->ifname, st->ifname, sizeof(b->ifname));
	b->zone = st->zone;
	sort_bindings(cfg);
	return 0;
}

static int apply_unbind(struct ef_config *cfg, const struct ef_stmt *st,
			char *err, size_t errlen)
{
	struct ef_binding *b = ef_config_find_binding(cfg, st->ifname);
	size_t i;

	if (!b)
		return ef_err(err, errlen, "interface '%s' is not bound",
			      st->ifname);
	i = (size_t)(b - cfg->bindings);
	memmove(b, b + 1, (cfg->nbindings - i - 1) * sizeof(*b));
	cfg->nbindings--;
	return 0;
}

/* Each part given replaces that part; a part not given stays. */
static void apply_set_pool(struct ef_config *cfg, const struct ef_stmt *st)
{
	if (st->addrs.n) {
		ef_addrset_free(&cfg->front_ends);
		ef_addrset_copy(&cfg->front_ends, &st->addrs);
	}
	if (st->directors.n) {
		ef_addrset_free(&cfg->directors);
		ef_addrset_copy(&cfg->directors, &st->directors);
	}
	if (st->has_addr2) {
		cfg->has_vip = true;
		cfg->vip = st->addr2;
	}
}

/* The parts named, each checked to be there; no part named: the pool. */
static int apply_del_pool(struct ef_config *cfg, const struct ef_stmt *st,
			  char *err, size_t errlen)
{
	char a[EF_ADDRSTRLEN], b[EF_ADDRSTRLEN];
	size_t i;

	bool parts = st->addrs.n || st->directors.n || st->has_addr2;

	if (!ef_config_has_pool(cfg))
		return ef_err(err, errlen, "no pool is configured");
	for (i = 0; i < st->addrs.n; i++)
		if (!ef_addrset_contains(&cfg->front_ends, &st->addrs.v[i]))
			return ef_err(err, errlen,
				      "Front End %s is not configured",
				      ef_addr_str(&st->addrs.v[i], a));
	for (i = 0; i < st->directors.n; i++)
		if (!ef_addrset_contains(&cfg->directors, &st->directors.v[i]))
			return ef_err(err, errlen,
				      "Director %s is not configured",
				      ef_addr_str(&st->directors.v[i], a));
	if (st->has_addr2 && !cfg->has_vip)
		return ef_err(err, errlen, "no VIP is configured");
	if (st->has_addr2 && !ef_addr_eq(&st->addr2, &cfg->vip))
		return ef_err(err, errlen,
			      "VIP %s is not configured (the VIP is %s)",
			      ef_addr_str(&st->addr2, a),
			      ef_addr_str(&cfg->vip, b));
	if (parts) {
		ef_addrset_remove(&cfg->front_ends, &st->addrs);
		ef_addrset_remove(&cfg->directors, &st->directors);
	} else {
		ef_addrset_free(&cfg->front_ends);
		ef_addrset_free(&cfg->directors);
	}
	if (st->has_addr2 || !parts) {
		cfg->has_vip = false;
		memset(&cfg->vip, 0, sizeof(cfg->vip));
	}
	return 0;
}

static int apply_add_role(struct ef_config *cfg, const struct ef_stmt *st,
			  char *err, size_t errlen)
{
	struct ef_role *r = &cfg->roles[st->role];
	const char *name = ef_role_name(st->role);

	if (!r->present) {
		if (!st->addrs.n)
			return ef_err(err, errlen,
				      "role %s is not configured; add it with at least one --ip",
				      name);
		memset(r, 0, sizeof(*r));
		r->present = true;
		r->media = EDGEFW_MEDIA_STANDARD;
	}
	ef_addrset_merge(&r->addrs, &st->addrs);
	if (r->addrs.n > EDGEFW_MAX_ROLE_ADDRS)
		ef_addrset_normalize(&r->addrs);	/* count each once */
	if (r->addrs.n > EDGEFW_MAX_ROLE_ADDRS)
		return ef_err(err, errlen,
			      "role %s would have %zu addresses; at most %d",
			      name, r->addrs.n, EDGEFW_MAX_ROLE_ADDRS);
	if (st->has_addr2) {
		r->has_internal = true;
		r->internal = st->addr2;
	}
	if (st->has_media) {
		r->media = st->media;
		r->media_said_lync2010 = st->media_said_lync2010;
	}
	return 0;
}

static int apply_del_role(struct ef_config *cfg, const struct ef_stmt *st,
			  char *err, size_t errlen)
{
	struct ef_role *r = &cfg->roles[st->role];
	const char *name = ef_role_name(st->role);
	char a[EF_ADDRSTRLEN];
	size_t i;

	if (!r->present)
		return ef_err(err, errlen, "role %s is not configured", name);
	ef_addrset_normalize(&r->addrs);
	for (i = 0; i < st->addrs.n; i++)
		if (!ef_addrset_contains(&r->addrs, &st->addrs.v[i]))
			return ef_err(err, errlen,
				      "address %s is not configured for role %s",
				      ef_addr_str(&st->addrs.v[i], a), name);
	if (st->addrs.n)
		ef_addrset_remove(&r->addrs, &st->addrs);
	if (!st->addrs.n || !r->addrs.n)
		role_clear(r);
	return 0;
}

static void set_flag(struct ef_config *cfg, uint32_t flag, bool on)
{
	if (on)
		cfg->flags |= flag;
	else
		cfg->flags &= ~flag;
}

static const char *proto_name(uint8_t proto)
{
	return proto == IPPROTO_TCP ? "tcp" : "udp";
}

const char *ef_mgmt_str(const struct ef_mgmt *m, char *buf, size_t len)
{
	char p[EF_PREFIXSTRLEN];

	snprintf(buf, len, "%s %u from %s (%s)", proto_name(m->proto),
		 m->port, ef_prefix_str(&m->prefix, m->plen, p),
		 ef_zone_name(m->zone));
	return buf;
}

static struct ef_mgmt *find_mgmt(const struct ef_config *cfg,
				 const struct ef_mgmt *m)
{
	return cfg->nmgmt ? bsearch(m, cfg->mgmt, cfg->nmgmt, sizeof(*m),
				    cmp_mgmt) : NULL;
}

/* The rules given that are not there yet; those there stay as they are. */
static int apply_add_mgmt(struct ef_config *cfg, const struct ef_stmt *st,
			  char *err, size_t errlen)
{
	size_t i, n = cfg->nmgmt;

	cfg->mgmt = xreallocarray(cfg->mgmt, n + st->nmgmt, sizeof(*cfg->mgmt));
	for (i = 0; i < st->nmgmt; i++)
		if (!find_mgmt(cfg, &st->mgmt[i]))
			cfg->mgmt[n++] = st->mgmt[i];
	if (n > EDGEFW_MAX_MGMT)
		return ef_err(err, errlen,
			      "there would be %zu management rules; at most %d",
			      n, EDGEFW_MAX_MGMT);
	cfg->nmgmt = n;
	ef_mgmt_sort(cfg->mgmt, &cfg->nmgmt);
	return 0;
}

/* Every rule given, each checked to be there. */
static int apply_del_mgmt(struct ef_config *cfg, const struct ef_stmt *st,
			  char *err, size_t errlen)
{
	char m[EF_MGMTSTRLEN];
	struct ef_mgmt *found;
	size_t i, j;

	for (i = 0; i < st->nmgmt; i++)
		if (!find_mgmt(cfg, &st->mgmt[i]))
			return ef_err(err, errlen,
				      "management rule %s is not configured",
				      ef_mgmt_str(&st->mgmt[i], m, sizeof(m)));
	for (i = 0, j = 0; i < cfg->nmgmt; i++) {
		found = bsearch(&cfg->mgmt[i], st->mgmt, st->nmgmt,
				sizeof(*st->mgmt), cmp_mgmt);
		if (!found)
			cfg->mgmt[j++] = cfg->mgmt[i];
	}
	cfg->nmgmt = j;
	return 0;
}

static void apply_log_drops(struct ef_config *cfg, const struct ef_stmt *st)
{
	set_flag(cfg, EDGEFW_F_LOG_DROPS, st->on);
	cfg->has_log_group = st->has_log_group;
	cfg->log_group = st->log_group;
}

int ef_config_apply(struct ef_config *cfg, const struct ef_stmt *st,
		    char *err, size_t errlen)
{
	uint32_t generation = cfg->generation;
	bool has_generation = cfg->has_generation;

	switch (st->kind) {
	case EF_ST_BIND:
		return apply_bind(cfg, st, err, errlen);
	case EF_ST_UNBIND:
		return apply_unbind(cfg, st, err, errlen);
	case EF_ST_SET_POOL:
		apply_set_pool(cfg, st);
		return 0;
	case EF_ST_DEL_POOL:
		return apply_del_pool(cfg, st, err, errlen);
	case EF_ST_ADD_ROLE:
		return apply_add_role(cfg, st, err, errlen);
	case EF_ST_DEL_ROLE:
		return apply_del_role(cfg, st, err, errlen);
	case EF_ST_HTTP_REDIRECT:
		set_flag(cfg, EDGEFW_F_HTTP_REDIRECT, st->on);
		return 0;
	case EF_ST_LOG_DROPS:
		apply_log_drops(cfg, st);
		return 0;
	case EF_ST_PROFILE:
		cfg->profile = st->profile;
		return 0;
	case EF_ST_XMPP:
		set_flag(cfg, EDGEFW_F_XMPP, st->on);
		return 0;
	case EF_ST_MODE:
		set_flag(cfg, EDGEFW_F_AUDIT, st->on);
		return 0;
	case EF_ST_STATELESS_MEDIA:
		set_flag(cfg, EDGEFW_F_STATELESS_MEDIA, st->on);
		return 0;
	case EF_ST_ADD_MGMT:
		return apply_add_mgmt(cfg, st, err, errlen);
	case EF_ST_DEL_MGMT:
		return apply_del_mgmt(cfg, st, err, errlen);
	case EF_ST_FLUSH:
		ef_config_free(cfg);
		cfg->generation = generation;
		cfg->has_generation = has_generation;
		return 0;
	}
	return ef_err(err, errlen, "internal error: unknown statement");
}

int ef_config_check(const struct ef_config *cfg, char *err, size_t errlen)
{
	const struct ef_role *av = &cfg->roles[EDGEFW_ROLE_AV];
	const char *profile = ef_profile_name(cfg->profile);

	if ((cfg->flags & EDGEFW_F_XMPP) &&
	    cfg->profile != EDGEFW_PROFILE_SFB2015)
		return ef_err(err, errlen,
			      "xmpp on and profile %s do not go together: the XMPP rows exist only in profile sfb2015",
			      profile);
	if (!av->present || cfg->profile == EDGEFW_PROFILE_LYNC2010)
		return 0;
	if (av->media == EDGEFW_MEDIA_OCS2007)
		return ef_err(err, errlen,
			      "media range ocs2007 of role av and profile %s do not go together: the Skype for Business tables have no inbound media rows (use standard or none)",
			      profile);
	if (av->media_said_lync2010)
		return ef_err(err, errlen,
			      "media range lync2010 of role av and profile %s do not go together: lync2010 is TCP out only, the standard of Lync Server 2010; the standard of %s, TCP and UDP out, is called standard",
			      profile, profile);
	return 0;
}
