// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "parse.h"
#include "util.h"

#define ROLES_EXPECTED	"expected access, webconf, av or rproxy"
#define ZONES_EXPECTED	"expected external or internal"
#define MEDIA_EXPECTED	"expected none, lync2010 or ocs2007"

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
};

/* The options of each statement; those not listed take none. */
static const struct ef_opt pool_opts[] = {
	{ "--front-end", NULL, true }, { "--vip", NULL, true }, { 0 }
};
static const struct ef_opt add_role_opts[] = {
	{ "--ip", NULL, true }, { "--internal-ip", NULL, true },
	{ "--media-range", NULL, true }, { 0 }
};
static const struct ef_opt del_role_opts[] = {
	{ "--ip", NULL, true }, { 0 }
};

static const struct ef_opt *const stmt_opts[] = {
	[EF_ST_SET_POOL]	= pool_opts,
	[EF_ST_DEL_POOL]	= pool_opts,
	[EF_ST_ADD_ROLE]	= add_role_opts,
	[EF_ST_DEL_ROLE]	= del_role_opts,
	[EF_ST_FLUSH]		= NULL,
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
		} else {
			ef_addrset_append(&st->addrs, &addr);
		}
	}
	ef_addrset_normalize(&st->addrs);
	if (set && !st->addrs.n && !st->has_addr2)
		return ef_err(err, errlen,
			      "set-pool needs --front-end ADDR and/or --vip ADDR");
	if (st->addrs.n > EDGEFW_MAX_FRONT_ENDS)
		return ef_err(err, errlen,
			      "too many --front-end addresses (%zu; at most %d)",
			      st->addrs.n, EDGEFW_MAX_FRONT_ENDS);
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

static int parse_onoff(struct ef_args *a, struct ef_stmt *st, char *err,
		       size_t errlen)
{
	char q[EF_QUOTELEN];
	int npos = 0, r;

	while ((r = ef_args_next(a, err, errlen)) == EF_ARG_POS) {
		if (npos++)
			return ef_args_unexpected(a, err, errlen);
		if (!strcmp(a->val, "on"))
			st->on = true;
		else if (!strcmp(a->val, "off"))
			st->on = false;
		else
			return ef_err(err, errlen,
				      "bad value '%s' for %s (expected on or off)",
				      ef_quote(a->val, q), a->cmd);
	}
	if (r == EF_ARG_ERR)
		return -1;
	if (!npos)
		return ef_err(err, errlen, "%s needs on or off", a->cmd);
	return 0;
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
	int r;

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
		r = parse_onoff(&a, st, err, errlen);
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
