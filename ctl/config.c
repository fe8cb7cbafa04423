// SPDX-License-Identifier: GPL-2.0
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
	[EDGEFW_MEDIA_LYNC2010]	= "lync2010",
	[EDGEFW_MEDIA_NONE]	= "none",
	[EDGEFW_MEDIA_OCS2007]	= "ocs2007",
};

static const char *const dir_names[] = {
	[EDGEFW_DIR_IN]		= "in",
	[EDGEFW_DIR_OUT]	= "out",
};

_Static_assert(ARRAY_SIZE(role_names) == __EDGEFW_ROLE_LAST, "role names");
_Static_assert(ARRAY_SIZE(zone_names) == __EDGEFW_ZONE_LAST, "zone names");
_Static_assert(ARRAY_SIZE(media_names) == __EDGEFW_MEDIA_LAST, "media names");
_Static_assert(ARRAY_SIZE(dir_names) == __EDGEFW_DIR_LAST, "dir names");

#define NAME(tbl, v) ((v) < ARRAY_SIZE(tbl) ? (tbl)[v] : NULL)

const char *ef_role_name(unsigned int role) { return NAME(role_names, role); }
const char *ef_zone_name(unsigned int zone) { return NAME(zone_names, zone); }
const char *ef_media_name(unsigned int m) { return NAME(media_names, m); }
const char *ef_dir_name(unsigned int dir) { return NAME(dir_names, dir); }

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
	return lookup(media_names, ARRAY_SIZE(media_names), s);
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
	for (i = 0; i < EF_NROLES; i++)
		role_clear(&cfg->roles[i]);
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
	for (i = 0; i < EF_NROLES; i++)
		ef_addrset_copy(&dst->roles[i].addrs, &src->roles[i].addrs);
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

	if (a->flags != b->flags || a->nbindings != b->nbindings ||
	    a->has_vip != b->has_vip ||
	    (a->has_vip && !ef_addr_eq(&a->vip, &b->vip)) ||
	    !ef_addrset_eq(&a->front_ends, &b->front_ends))
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
	return cfg->front_ends.n || cfg->has_vip;
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

void ef_config_normalize(struct ef_config *cfg)
{
	size_t i;

	sort_bindings(cfg);
	ef_addrset_normalize(&cfg->front_ends);
	for (i = 0; i < EF_NROLES; i++)
		ef_addrset_normalize(&cfg->roles[i].addrs);
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

	if (!ef_config_has_pool(cfg))
		return ef_err(err, errlen, "no pool is configured");
	for (i = 0; i < st->addrs.n; i++)
		if (!ef_addrset_contains(&cfg->front_ends, &st->addrs.v[i]))
			return ef_err(err, errlen,
				      "Front End %s is not configured",
				      ef_addr_str(&st->addrs.v[i], a));
	if (st->has_addr2 && !cfg->has_vip)
		return ef_err(err, errlen, "no VIP is configured");
	if (st->has_addr2 && !ef_addr_eq(&st->addr2, &cfg->vip))
		return ef_err(err, errlen,
			      "VIP %s is not configured (the VIP is %s)",
			      ef_addr_str(&st->addr2, a),
			      ef_addr_str(&cfg->vip, b));
	if (st->addrs.n || st->has_addr2)
		ef_addrset_remove(&cfg->front_ends, &st->addrs);
	else
		ef_addrset_free(&cfg->front_ends);
	if (st->has_addr2 || !st->addrs.n) {
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
		r->media = EDGEFW_MEDIA_LYNC2010;
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
	if (st->has_media)
		r->media = st->media;
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
		set_flag(cfg, EDGEFW_F_LOG_DROPS, st->on);
		return 0;
	case EF_ST_FLUSH:
		ef_config_free(cfg);
		cfg->generation = generation;
		cfg->has_generation = has_generation;
		return 0;
	}
	return ef_err(err, errlen, "internal error: unknown statement");
}
