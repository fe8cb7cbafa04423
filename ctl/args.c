// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "args.h"
#include "util.h"

void ef_args_init(struct ef_args *a, const char *cmd,
		  const struct ef_opt *opts, int argc, char *const argv[])
{
	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	a->opts = opts;
	a->argc = argc;
	a->argv = argv;
}

static const struct ef_opt *find(const struct ef_opt *opts, const char *w,
				 size_t len)
{
	for (; opts && opts->name; opts++)
		if ((strlen(opts->name) == len && !strncmp(opts->name, w, len)) ||
		    (opts->short_name && strlen(opts->short_name) == len &&
		     !strncmp(opts->short_name, w, len)))
			return opts;
	return NULL;
}

/* "unknown option '--pool' for set-pool (expected --front-end or --vip)" */
static int unknown(const struct ef_args *a, const char *w, size_t len,
		   char *err, size_t errlen)
{
	char q[EF_QUOTELEN], name[EF_QUOTELEN], list[256] = "";
	const struct ef_opt *o;
	size_t n = 0, k = 0, used;

	snprintf(name, sizeof(name), "%.*s", (int)len, w);
	for (o = a->opts; o && o->name; o++)
		n++;
	for (o = a->opts; o && o->name; o++, k++) {
		used = strlen(list);
		snprintf(list + used, sizeof(list) - used, "%s%s%s%s",
			 k == 0 ? "" : k + 1 == n ? " or " : ", ",
			 o->short_name ? o->short_name : "",
			 o->short_name ? "/" : "", o->name);
	}
	if (!n)
		return ef_err(err, errlen, "unknown option '%s' for %s (%s takes no options)",
			      ef_quote(name, q), a->cmd, a->cmd);
	return ef_err(err, errlen, "unknown option '%s' for %s (expected %s)",
		      ef_quote(name, q), a->cmd, list);
}

int ef_args_next(struct ef_args *a, char *err, size_t errlen)
{
	char q[EF_QUOTELEN];
	const char *w, *eq;
	size_t len;

	a->opt = NULL;
	a->val = NULL;
	if (!a->positional_only && a->i < a->argc &&
	    !strcmp(a->argv[a->i], "--")) {
		a->positional_only = true;
		a->i++;
	}
	if (a->i >= a->argc)
		return EF_ARG_END;
	w = a->argv[a->i++];
	if (a->positional_only || w[0] != '-' || !w[1]) {
		a->val = w;
		return EF_ARG_POS;
	}
	eq = strchr(w, '=');
	len = eq ? (size_t)(eq - w) : strlen(w);
	a->opt = find(a->opts, w, len);
	if (!a->opt) {
		unknown(a, w, len, err, errlen);
		return EF_ARG_ERR;
	}
	if (!a->opt->value) {
		if (eq) {
			ef_err(err, errlen, "%s takes no value: '%s'",
			       a->opt->name, ef_quote(w, q));
			return EF_ARG_ERR;
		}
		return EF_ARG_OPT;
	}
	if (eq) {
		a->val = eq + 1;
	} else if (a->i < a->argc) {
		a->val = a->argv[a->i++];
	} else {
		ef_err(err, errlen, "missing value after %s", a->opt->name);
		return EF_ARG_ERR;
	}
	return EF_ARG_OPT;
}

bool ef_args_is(const struct ef_args *a, const char *name)
{
	return a->opt && !strcmp(a->opt->name, name);
}

int ef_args_unexpected(const struct ef_args *a, char *err, size_t errlen)
{
	char q[EF_QUOTELEN];

	return ef_err(err, errlen, "unexpected argument '%s' for %s",
		      ef_quote(a->val, q), a->cmd);
}

bool ef_args_want_help(const struct ef_args *a)
{
	const struct ef_opt *o;
	int i;

	for (i = a->i; !a->positional_only && i < a->argc; i++) {
		const char *w = a->argv[i];

		if (!strcmp(w, "--"))
			return false;
		if (!strcmp(w, "-h") || !strcmp(w, "--help"))
			return true;
		o = w[0] == '-' ? find(a->opts, w, strlen(w)) : NULL;
		if (o && o->value)
			i++;	/* its value, whatever it looks like */
	}
	return false;
}
