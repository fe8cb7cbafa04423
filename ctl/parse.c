// SPDX-License-Identifier: GPL-2.0
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "parse.h"
#include "util.h"

#define ROLES_EXPECTED	"expected access, webconf, av or rproxy"
#define ZONES_EXPECTED	"expected external or internal"
#define MEDIA_EXPECTED	"expected standard, none, lync2010 or ocs2007"
#define PROFILES	"lync2010, sfb2015 or sfb2019"

static const char *const stmt_names[] = {
	[EF_ST_BIND]		= "bind",
	[EF_ST_UNBIND]		= "unbind",
	[EF_ST_SET_POOL]	= "set-pool",
	[EF_ST_DEL_POOL]	= "del-pool",
	[EF_ST_ADD_ROLE]	= "add-role",
	[EF_ST_DEL_ROLE]	= "del-role",
	[EF_ST_HTTP_REDIRECT]	= "http-redirect",
	[EF_ST_LOG_DROPS]	= "log-drops",
	[EF_ST_FLUSH]		= "flush",
	[EF_ST_PROFILE]		= "profile",
	[EF_ST_XMPP]		= "xmpp",
	[EF_ST_MODE]		= "mode",
	[EF_ST_STATELESS_MEDIA]	= "stateless-media",
	[EF_ST_ADD_MGMT]	= "add-mgmt",
	[EF_ST_DEL_MGMT]	= "del-mgmt",
};

/* The options of each statement; those not listed take none. */
static const struct ef_opt pool_opts[] = {
	{ "--front-end", NULL, true }, { "--director", NULL, true },
	{ "--vip", NULL, true }, { 0 }
};
static const struct ef_opt add_role_opts[] = {
	{ "--ip", NULL, true }, { "--internal-ip", NULL, true },
	{ "--media-range", NULL, true }, { 0 }
};
static const struct ef_opt del_role_opts[] = {
	{ "--ip", NULL, true }, { 0 }
};
static const struct ef_opt log_drops_opts[] = {
	{ "--nflog-group", NULL, true }, { 0 }
};
static const struct ef_opt mgmt_opts[] = {
	{ "--from", NULL, true }, { "--tcp", NULL, true },
	{ "--udp", NULL, true }, { "--zone", NULL, true }, { 0 }
};

static const struct ef_opt *const stmt_opts[] = {
	[EF_ST_SET_POOL]	= pool_opts,
	[EF_ST_DEL_POOL]	= pool_opts,
	[EF_ST_ADD_ROLE]	= add_role_opts,
	[EF_ST_DEL_ROLE]	= del_role_opts,
	[EF_ST_LOG_DROPS]	= log_drops_opts,
	[EF_ST_ADD_MGMT]	= mgmt_opts,
	[EF_ST_DEL_MGMT]	= mgmt_opts,
};

_Static_assert(ARRAY_SIZE(stmt_opts) == ARRAY_SIZE(stmt_names), "stmt_opts");

static const struct ef_opt bind_cmdline_opts[] = {
	{ "--strict", NULL, false }, { 0 }
};

static const struct ef_opt *opts_of(int kind, unsigned int flags)
{
	if (kind == EF_ST_BIND && (flags & EF_PARSE_CMDLINE))
		return bind_cmdline_opts;
	return stmt_opts[kind];
}

static int stmt_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(stmt_names); i++)
		if (!strcmp(stmt_names[i], name))
			return (int)i;
	return -1;
}

bool ef_stmt_known(const char *name)
{
	return stmt_lookup(name) >= 0;
}

int ef_parse_ifname(const char *s, char out[IFNAMSIZ], char *err,
		    size_t errlen)
{
	char q[EF_QUOTELEN];
	const char *why = NULL;
	const char *p;

	if (!*s)
		why = "empty";
	else if (strlen(s) >= IFNAMSIZ)
		why = "longer than 15 characters";
	else if (!strcmp(s, ".") || !strcmp(s, ".."))
		why = "reserved name";
	else if (*s == '#')
		why = "starts with '#'";
	for (p = s; !why && *p; p++) {
		unsigned char c = (unsigned char)*p;

		/* The kernel's dev_valid_name() refuses '/', ':' and what
		 * its isspace() calls blank, 0xa0 included; quotes and
		 * backslashes no shell, nftables export or saved file
		 * carries safely. */
		if (c == '/' || c == ':')
			why = c == '/' ? "contains '/'" : "contains ':'";
		else if (c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0)
			why = "contains a blank";
		else if (c < 0x20 || c == 0x7f)
			why = "contains a control character";
		else if (c == '\'' || c == '"' || c == '`' || c == '\\')
			why = "contains a quote or a backslash";
	}
	if (why)
		return ef_err(err, errlen, "bad interface name '%s' (%s)",
			      ef_quote(s, q), why);
	memset(out, 0, IFNAMSIZ);
	memcpy(out, s, strlen(s) + 1);
	return 0;
}

int ef_parse_addr(const char *opt, const char *s, struct ef_addr *a,
		  char *err, size_t errlen)
{
	char q[EF_QUOTELEN];
	const char *why;

	if (!ef_addr_parse(s, a, &why))
		return 0;
	return ef_err(err, errlen, "bad address '%s' for %s (%s)",
		      ef_quote(s, q), opt, why);
}

static int parse_bind(struct ef_args *a, struct ef_stmt *st, bool bind,
		      char *err, size_t errlen)
{
	char q[EF_QUOTELEN];
	int npos = 0, r, zone;

	while ((r = ef_args_next(a, err, errlen)) != EF_ARG_END) {
		if (r == EF_ARG_ERR)
			return -1;
		if (r == EF_ARG_OPT) {
			st->strict = true;	/* --strict, the only one */
			continue;
		}
		if (npos == 0) {
			if (ef_parse_ifname(a->val, st->ifname, err, errlen))
				return -1;
		} else if (npos == 1 && bind) {
			zone = ef_zone_lookup(a->val);
			if (zone < 0)
				return ef_err(err, errlen,
					      "bad zone '%s' (" ZONES_EXPECTED ")",
					      ef_quote(a->val, q));
			st->zone = (uint8_t)zone;
		} else {
			return ef_args_unexpected(a, err, errlen);
		}
		npos++;
	}
	if (bind && npos < 2)
		return ef_err(err, errlen, npos ? "missing zone after the interface name (" ZONES_EXPECTED ")"
						 : "bind needs an interface name and a zone (external or internal)");
	if (!bind && npos < 1)
		return ef_err(err, errlen, "unbind needs an interface name");
	return 0;
}

/* set-pool needs a part; del-pool without one removes the pool. */
static int parse_pool(struct ef_args *a, struct ef_stmt *st, bool set,
		      char *err, size_t errlen)
{
	struct ef_addr addr;
	int r;

	while ((r = ef_args_next(a, err, errlen)) != EF_ARG_END) {
		if (r == EF_ARG_ERR)
			return -1;
		if (r == EF_ARG_POS)
			return ef_args_unexpected(a, err, errlen);
		if (ef_parse_addr(a->opt->name, a->val, &addr, err, errlen))
			return -1;
		if (ef_args_is(a, "--vip")) {
			if (st->has_addr2)
				return ef_err(err, errlen,
					      "--vip given more than once");
			st->has_addr2 = true;
			st->addr2 = addr;
		} else if (ef_args_is(a, "--director")) {
			ef_addrset_append(&st->directors, &addr);
		} else {
			ef_addrset_append(&st->addrs, &addr);
		}
	}
	ef_addrset_normalize(&st->addrs);
	ef_addrset_normalize(&st->directors);
	if (set && !st->addrs.n && !st->directors.n && !st->has_addr2)
		return ef_err(err, errlen,
			      "set-pool needs --front-end ADDR, --director ADDR and/or --vip ADDR");
	if (st->addrs.n > EDGEFW_MAX_FRONT_ENDS)
		return ef_err(err, errlen,
			      "too many --front-end addresses (%zu; at most %d)",
			      st->addrs.n, EDGEFW_MAX_FRONT_ENDS);
	if (st->directors.n > EDGEFW_MAX_DIRECTORS)
		return ef_err(err, errlen,
			      "too many --director addresses (%zu; at most %d)",
			      st->directors.n, EDGEFW_MAX_DIRECTORS);
	return 0;
}

static int parse_role_word(const char *w, struct ef_stmt *st, char *err,
			   size_t errlen)
{
	char q[EF_QUOTELEN];
	int role = ef_role_lookup(w);

	if (role < 0)
		return ef_err(err, errlen, "bad role '%s' (" ROLES_EXPECTED ")",
			      ef_quote(w, q));
	st->role = (uint8_t)role;
	return 0;
}

static int parse_role(struct ef_args *a, struct ef_stmt *st, char *err,
		      size_t errlen)
{
	char q[EF_QUOTELEN];
	bool have_role = false;
	struct ef_addr addr;
	int r, m;

	while ((r = ef_args_next(a, err, errlen)) != EF_ARG_END) {
		if (r == EF_ARG_ERR)
			return -1;
		if (r == EF_ARG_POS) {
			if (have_role)
				return ef_args_unexpected(a, err, errlen);
			if (parse_role_word(a->val, st, err, errlen))
				return -1;
			have_role = true;
		} else if (ef_args_is(a, "--media-range")) {
			m = ef_media_lookup(a->val);
			if (m < 0)
				return ef_err(err, errlen,
					      "bad media range '%s' for --media-range (" MEDIA_EXPECTED ")",
					      ef_quote(a->val, q));
			if (st->has_media)
				return ef_err(err, errlen,
					      "--media-range given more than once");
			st->has_media = true;
			st->media = (uint8_t)m;
			st->media_said_lync2010 = !strcmp(a->val, "lync2010");
		} else {
			if (ef_parse_addr(a->opt->name, a->val, &addr, err,
					  errlen))
				return -1;
			if (ef_args_is(a, "--ip")) {
				ef_addrset_append(&st->addrs, &addr);
			} else if (st->has_addr2) {
				return ef_err(err, errlen,
					      "--internal-ip given more than once");
			} else {
				st->has_addr2 = true;
				st->addr2 = addr;
			}
		}
	}
	if (!have_role)
		return ef_err(err, errlen, "%s needs a role (" ROLES_EXPECTED ")",
			      a->cmd);
	if (st->has_media && st->role != EDGEFW_ROLE_AV)
		return ef_err(err, errlen,
			      "--media-range applies only to role av, not %s",
			      ef_role_name(st->role));
	ef_addrset_normalize(&st->addrs);
	if (st->addrs.n > EDGEFW_MAX_ROLE_ADDRS)
		return ef_err(err, errlen, "too many --ip addresses (at most %d)",
			      EDGEFW_MAX_ROLE_ADDRS);
	return 0;
}

static int onoff_lookup(const char *s)
{
	return !strcmp(s, "on") ? 1 : !strcmp(s, "off") ? 0 : -1;
}

static int mode_lookup(const char *s)
{
	return !strcmp(s, "audit") ? 1 : !strcmp(s, "enforce") ? 0 : -1;
}

int ef_parse_number(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	if (!*s || *s < '0' || *s > '9' || (*s == '0' && s[1]))
		return -1;
	*v = strtoul(s, &end, 10);
	return *end || *v > max ? -1 : 0;
}

/* log-drops on --nflog-group N */
static int parse_log_group(const char *s, struct ef_stmt *st, char *err,
			   size_t errlen)
{
	char q[EF_QUOTELEN];
	unsigned long v;

	if (st->has_log_group)
		return ef_err(err, errlen, "--nflog-group given more than once");
	if (ef_parse_number(s, 65535, &v))
		return ef_err(err, errlen,
			      "bad NFLOG group '%s' for --nflog-group (expected a number from 0 to 65535)",
			      ef_quote(s, q));
	st->has_log_group = true;
	st->log_group = (uint16_t)v;
	return 0;
}

/*
 * The one word of profile, mode and the on|off statements, whose value
 * lookup() gives (-1: not one of the expected words); the options of
 * log-drops.
 */
static int parse_word(struct ef_args *a, struct ef_stmt *st,
		      int (*lookup)(const char *), const char *expected,
		      int *v, char *err, size_t errlen)
{
	char q[EF_QUOTELEN];
	int npos = 0, r;

	while ((r = ef_args_next(a, err, errlen)) != EF_ARG_END) {
		if (r == EF_ARG_ERR)
			return -1;
		if (r == EF_ARG_OPT) {	/* --nflog-group, the only one */
			if (parse_log_group(a->val, st, err, errlen))
				return -1;
			continue;
		}
		if (npos++)
			return ef_args_unexpected(a, err, errlen);
		*v = lookup(a->val);
		if (*v < 0)
			return ef_err(err, errlen,
				      "bad value '%s' for %s (expected %s)",
				      ef_quote(a->val, q), a->cmd, expected);
	}
	if (!npos)
		return ef_err(err, errlen, "%s needs %s", a->cmd, expected);
	return 0;
}

static int parse_onoff(struct ef_args *a, struct ef_stmt *st, char *err,
		       size_t errlen)
{
	int v = 0;

	if (parse_word(a, st, onoff_lookup, "on or off", &v, err, errlen))
		return -1;
	st->on = v;
	if (st->has_log_group && !st->on)
		return ef_err(err, errlen,
			      "--nflog-group applies only to log-drops on");
	return 0;
}

/* "22,443": ports from 1 to 65535, each added to ports (at most 65535). */
static int parse_ports(const char *opt, const char *s, uint16_t *ports,
		       size_t *n, char *err, size_t errlen)
{
	char q[EF_QUOTELEN], q2[EF_QUOTELEN], *copy = xstrdup(s), *p, *next;
	unsigned long v;
	int r = 0;

	for (p = copy; p && !r; p = next) {
		next = strchr(p, ',');
		if (next)
			*next++ = '\0';
		if (ef_parse_number(p, 65535, &v) || !v)
			r = ef_err(err, errlen,
				   "bad port '%s' in %s '%s' (expected numbers from 1 to 65535, separated by commas)",
				   ef_quote(p, q), opt, ef_quote(s, q2));
		else
			ports[(*n)++] = (uint16_t)v;
	}
	free(copy);
	return r;
}

static int cmp_port(const void *a, const void *b)
{
	return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

/* Sort and remove duplicates. */
static void unique_ports(uint16_t *ports, size_t *n)
{
	size_t i, j;

	if (*n < 2)
		return;
	qsort(ports, *n, sizeof(*ports), cmp_port);
	for (i = 1, j = 1; i < *n; i++)
		if (ports[i] != ports[j - 1])
			ports[j++] = ports[i];
	*n = j;
}

struct mgmt_words {
	struct ef_mgmt *from;		/* prefixes, zone not set */
	size_t nfrom;
	uint16_t *ports[2];		/* TCP, UDP */
	size_t nports[2];
	bool has_zone;
};

static int parse_mgmt_opt(struct ef_args *a, struct mgmt_words *w,
			  struct ef_stmt *st, char *err, size_t errlen)
{
	char q[EF_QUOTELEN], net[EF_PREFIXSTRLEN];
	struct ef_mgmt m = { 0 };
	const char *why;
	int zone, k;

	if (ef_args_is(a, "--zone")) {
		zone = ef_zone_lookup(a->val);
		if (zone < 0)
			return ef_err(err, errlen,
				      "bad zone '%s' for --zone (" ZONES_EXPECTED ")",
				      ef_quote(a->val, q));
		if (w->has_zone)
			return ef_err(err, errlen, "--zone given more than once");
		w->has_zone = true;
		st->zone = (uint8_t)zone;
	} else if (ef_args_is(a, "--from")) {
		if (ef_prefix_parse(a->val, &m.prefix, &m.plen, &why) &&
		    !m.prefix.family)
			return ef_err(err, errlen, "bad prefix '%s' for --from (%s)",
				      ef_quote(a->val, q), why);
		if (why)	/* host bits set: m holds the network */
			return ef_err(err, errlen,
				      "bad prefix '%s' for --from (%s; the network is %s)",
				      ef_quote(a->val, q), why,
				      ef_prefix_str(&m.prefix, m.plen, net));
		w->from = xreallocarray(w->from, w->nfrom + 1, sizeof(*w->from));
		w->from[w->nfrom++] = m;
	} else {
		k = ef_args_is(a, "--udp");
		w->ports[k] = xreallocarray(w->ports[k], w->nports[k] +
					    strlen(a->val) / 2 + 1,
					    sizeof(*w->ports[k]));
		return parse_ports(a->opt->name, a->val, w->ports[k],
				   &w->nports[k], err, errlen);
	}
	return 0;
}

/* The cross product of --from and the ports, in the zone. */
static int mgmt_product(const struct mgmt_words *w, struct ef_stmt *st,
			char *err, size_t errlen)
{
	static const uint8_t protos[2] = { IPPROTO_TCP, IPPROTO_UDP };
	size_t n = w->nfrom * (w->nports[0] + w->nports[1]), i, j;
	int k;

	if (n > EDGEFW_MAX_MGMT)
		return ef_err(err, errlen,
			      "--from and --tcp/--udp give %zu management rules; at most %d",
			      n, EDGEFW_MAX_MGMT);
	st->mgmt = xreallocarray(NULL, n, sizeof(*st->mgmt));
	for (i = 0; i < w->nfrom; i++) {
		for (k = 0; k < 2; k++) {
			for (j = 0; j < w->nports[k]; j++) {
				struct ef_mgmt *m = &st->mgmt[st->nmgmt++];

				*m = w->from[i];
				m->zone = st->zone;
				m->proto = protos[k];
				m->port = w->ports[k][j];
			}
		}
	}
	ef_mgmt_sort(st->mgmt, &st->nmgmt);
	return 0;
}

/* add-mgmt, del-mgmt: --from PREFIX ... --tcp PORTS --udp PORTS --zone Z */
static int parse_mgmt(struct ef_args *a, struct ef_stmt *st, char *err,
		      size_t errlen)
{
	struct mgmt_words w = { 0 };
	int r;

	st->zone = EDGEFW_ZONE_INTERNAL;
	while ((r = ef_args_next(a, err, errlen)) == EF_ARG_OPT &&
	       !parse_mgmt_opt(a, &w, st, err, errlen))
		;
	if (r == EF_ARG_POS)
		r = ef_args_unexpected(a, err, errlen);
	else if (r == EF_ARG_END && !w.nfrom)
		r = ef_err(err, errlen, "%s needs --from PREFIX", a->cmd);
	else if (r == EF_ARG_END && !w.nports[0] && !w.nports[1])
		r = ef_err(err, errlen,
			   "%s needs --tcp PORT[,PORT...] and/or --udp PORT[,PORT...]",
			   a->cmd);
	if (r == EF_ARG_END) {
		unique_ports(w.ports[0], &w.nports[0]);
		unique_ports(w.ports[1], &w.nports[1]);
		r = mgmt_product(&w, st, err, errlen);
	} else {
		r = -1;
	}
	free(w.from);
	free(w.ports[0]);
	free(w.ports[1]);
	return r;
}

static int parse_flush(struct ef_args *a, char *err, size_t errlen)
{
	int r = ef_args_next(a, err, errlen);

	if (r == EF_ARG_POS)
		return ef_args_unexpected(a, err, errlen);
	return r == EF_ARG_ERR ? -1 : 0;
}

const struct ef_opt *ef_stmt_opts(const char *name, unsigned int flags)
{
	int kind = stmt_lookup(name);

	return kind < 0 ? NULL : opts_of(kind, flags);
}

int ef_parse_stmt(const char *name, int argc, char *const argv[],
		  unsigned int flags, struct ef_stmt *st, char *err,
		  size_t errlen)
{
	char q[EF_QUOTELEN];
	int kind = stmt_lookup(name);
	struct ef_args a;
	int r, v = 0;

	memset(st, 0, sizeof(*st));
	if (kind < 0)
		return ef_err(err, errlen, "unknown statement '%s'",
			      ef_quote(name, q));
	st->kind = (enum ef_stmt_kind)kind;
	ef_args_init(&a, name, opts_of(kind, flags), argc, argv);
	switch (st->kind) {
	case EF_ST_BIND:
	case EF_ST_UNBIND:
		r = parse_bind(&a, st, st->kind == EF_ST_BIND, err, errlen);
		break;
	case EF_ST_SET_POOL:
	case EF_ST_DEL_POOL:
		r = parse_pool(&a, st, st->kind == EF_ST_SET_POOL, err, errlen);
		break;
	case EF_ST_ADD_ROLE:
	case EF_ST_DEL_ROLE:
		r = parse_role(&a, st, err, errlen);
		break;
	case EF_ST_HTTP_REDIRECT:
	case EF_ST_LOG_DROPS:
	case EF_ST_XMPP:
	case EF_ST_STATELESS_MEDIA:
		r = parse_onoff(&a, st, err, errlen);
		break;
	case EF_ST_MODE:
		r = parse_word(&a, st, mode_lookup, "audit or enforce", &v, err,
			       errlen);
		st->on = v;
		break;
	case EF_ST_PROFILE:
		r = parse_word(&a, st, ef_profile_lookup, PROFILES, &v, err,
			       errlen);
		st->profile = (uint8_t)v;
		break;
	case EF_ST_ADD_MGMT:
	case EF_ST_DEL_MGMT:
		r = parse_mgmt(&a, st, err, errlen);
		break;
	default:
		r = parse_flush(&a, err, errlen);
		break;
	}
	if (r)
		ef_stmt_free(st);
	return r;
}

int ef_split_words(char *line, char ***words)
{
	size_t n = 0, cap = 8;
	char *p = line;

	*words = xreallocarray(NULL, cap, sizeof(**words));
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (!*p || *p == '#')
			break;
		if (n + 1 >= cap) {
			cap *= 2;
			*words = xreallocarray(*words, cap, sizeof(**words));
		}
		(*words)[n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' &&
		       *p != '\n')
			p++;
		if (!*p)
			break;
		*p++ = '\0';
	}
	(*words)[n] = NULL;
	return (int)n;
}
