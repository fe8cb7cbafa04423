// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "../uapi/linux/edgefw.h"
#include "addr.h"
#include "commands.h"
#include "export.h"
#include "parse.h"
#include "util.h"

static const struct ef_opt json_opts[] = {
	{ "--json", "-j", false }, { 0 }
};
static const struct ef_opt show_opts[] = {
	{ "--json", "-j", false }, { "--unused", NULL, false }, { 0 }
};
static const struct ef_opt counters_opts[] = {
	{ "--json", "-j", false }, { "--reset", NULL, false }, { 0 }
};
static const struct ef_opt restore_opts[] = {
	{ "--strict", NULL, false }, { "--fail-closed", NULL, false },
	{ "--check", NULL, false }, { "--confirm", NULL, true }, { 0 }
};
static const struct ef_opt no_opts[] = { { 0 } };
static const struct ef_opt export_opts[] = {
	{ "--nft", NULL, false }, { 0 }
};
static const struct ef_opt global_opts[] = {
	{ "--json", "-j", false }, { "--help", "-h", false },
	{ "--version", "-V", false }, { 0 }
};

static int cmd_help(const struct ef_cmd *c);

/* The words of the statements that set and remove alike. */
#define POOL_ARGS "[--front-end ADDR ...] [--director ADDR ...] [--vip ADDR]"
#define MGMT_ARGS "--from PREFIX [--from PREFIX ...] --tcp PORT[,PORT...] [--udp PORT[,PORT...]] [--zone internal|external]"

/* opts NULL: a statement, whose options parse.c knows. */
static const struct subcommand {
	const char *name;
	int (*fn)(const struct ef_cmd *c);
	const struct ef_opt *opts;
	const char *args;
	const char *help;
} subcommands[] = {
	{ "show", cmd_show, show_opts, "[-j|--json] [--unused]",
	  "bindings, pool, roles, every rule with its counters and use, zone counters; --unused: the rules that have counted no packet" },
	{ "counters", cmd_counters, counters_opts, "[-j|--json] [--reset]",
	  "rule and zone counters; --reset zeroes them after printing" },
	{ "bind", cmd_change, NULL, "[--strict] IFNAME external|internal",
	  "filter an interface as the external or internal side; --strict: only if it exists" },
	{ "unbind", cmd_change, NULL, "IFNAME",
	  "stop filtering an interface" },
	{ "set-pool", cmd_change, NULL, POOL_ARGS,
	  "the pool's Front End servers, Directors (next hops), VIP: each part given replaces that part" },
	{ "del-pool", cmd_change, NULL, POOL_ARGS,
	  "remove these Front End servers, Directors or the VIP; without options, the pool" },
	{ "add-role", cmd_change, NULL,
	  "access|webconf|av|rproxy --ip ADDR [--ip ADDR ...] [--internal-ip ADDR] [--media-range standard|none|lync2010|ocs2007]",
	  "add a role, or addresses and settings to a role" },
	{ "del-role", cmd_change, NULL, "ROLE [--ip ADDR ...]",
	  "remove addresses of a role, or the whole role" },
	{ "http-redirect", cmd_change, NULL, "on|off",
	  "the reverse proxy's optional HTTP 80 (in) rule" },
	{ "log-drops", cmd_change, NULL, "on [--nflog-group N] | off",
	  "log dropped packets: to the kernel log (rate-limited) or to NFLOG group N" },
	{ "profile", cmd_change, NULL, "lync2010|sfb2015|sfb2019",
	  "the product whose port tables are enforced (sfb2019: also Subscription Edition)" },
	{ "xmpp", cmd_change, NULL, "on|off",
	  "the XMPP federation rows (profile sfb2015 only)" },
	{ "mode", cmd_change, NULL, "audit|enforce",
	  "audit: accept and count what no rule admits instead of dropping it" },
	{ "stateless-media", cmd_change, NULL, "on|off",
	  "judge the UDP media rows before conntrack and admit the relay's answers by rule" },
	{ "add-mgmt", cmd_change, NULL, MGMT_ARGS,
	  "management access outside the reference: these ports from these sources (zone internal by default)" },
	{ "del-mgmt", cmd_change, NULL, MGMT_ARGS,
	  "remove management rules" },
	{ "save", cmd_save, json_opts, "[-j|--json] [FILE]",
	  "the configuration as statements that restore reads, to stdout or replacing FILE atomically" },
	{ "restore", cmd_restore, restore_opts,
	  "[--strict] [--fail-closed | --check | --confirm SECONDS] [FILE]",
	  "replace the whole configuration from FILE or stdin, atomically; --strict: only if every interface bound exists; --fail-closed: if FILE cannot be applied, its bindings alone; --check: only check it; --confirm: the kernel puts the previous one back unless confirmed in time" },
	{ "diff", cmd_diff, no_opts, "FILE",
	  "what restore FILE would change, in save's words, and the rules it adds and removes; exit 0 none, 1 some, 2 trouble" },
	{ "confirm", cmd_confirm, no_opts, "",
	  "keep the change restore --confirm made" },
	{ "revert", cmd_confirm, no_opts, "",
	  "put back now the configuration restore --confirm replaced" },
	{ "verdict", cmd_verdict, json_opts,
	  "[-j|--json] in|out IFNAME tcp|udp SRC[:PORT] DST[:PORT]",
	  "how the rules in force judge a packet opening a connection (IPv6 as [ADDR]:PORT)" },
	{ "export", cmd_export, export_opts, "--nft",
	  "print the policy in force as an nftables ruleset (nft -f loads it)" },
	{ "flush", cmd_change, NULL, "",
	  "remove everything: bindings, pool, roles, management rules, profile, modes and flags" },
	{ "help", cmd_help, NULL, "[SUBCOMMAND]",
	  "this text, or how to use one subcommand" },
};

static const struct subcommand *find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(subcommands); i++)
		if (!strcmp(name, subcommands[i].name))
			return &subcommands[i];
	return NULL;
}

static const struct ef_opt *opts_of(const struct subcommand *s)
{
	return s->opts ? s->opts : ef_stmt_opts(s->name, EF_PARSE_CMDLINE);
}

static bool takes(const struct ef_opt *opts, const char *name)
{
	for (; opts && opts->name; opts++)
		if (!strcmp(opts->name, name))
			return true;
	return false;
}

static int unknown_subcommand(const char *name)
{
	char q[EF_QUOTELEN];

	fprintf(stderr, "edgectl: unknown subcommand '%s' (try 'edgectl --help')\n",
		ef_quote(name, q));
	return EXIT_USAGE;
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: edgectl [-j|--json] SUBCOMMAND [ARGS...]\n"
		   "       edgectl help [SUBCOMMAND]\n"
		   "       edgectl SUBCOMMAND --help\n"
		   "       edgectl -V|--version\n\n"
		   "Subcommands:\n");
	for (i = 0; i < ARRAY_SIZE(subcommands); i++)
		fprintf(f, "  %s%s%s\n      %s\n", subcommands[i].name,
			*subcommands[i].args ? " " : "", subcommands[i].args,
			subcommands[i].help);
	fprintf(f, "\nOptions take their value as --opt VALUE or --opt=VALUE; after '--' every\n"
		   "word is an argument. -j/--json may stand before the subcommand.\n"
		   "\nExit status: 0 success; 1 the kernel refused or the state does not match;\n"
		   "2 bad usage or input (nothing was sent). See edgectl(8).\n");
}

static void subcommand_usage(const struct subcommand *s)
{
	printf("Usage: edgectl %s%s%s\n  %s\n", s->name, *s->args ? " " : "",
	       s->args, s->help);
}

static int cmd_help(const struct ef_cmd *c)
{
	const struct subcommand *s = NULL;
	char err[EF_ERRLEN];
	struct ef_args a;
	int r;

	ef_args_init(&a, c->name, NULL, c->argc, c->argv);
	while ((r = ef_args_next(&a, err, sizeof(err))) == EF_ARG_POS && !s) {
		s = find(a.val);
		if (!s)
			return unknown_subcommand(a.val);
	}
	if (r == EF_ARG_POS)
		r = ef_args_unexpected(&a, err, sizeof(err));
	if (r == EF_ARG_ERR) {
		fprintf(stderr, "edgectl: %s\n", err);
		return EXIT_USAGE;
	}
	if (s)
		subcommand_usage(s);
	else
		usage(stdout);
	return EXIT_OK;
}

int ef_cli(int argc, char *argv[], const char *version)
{
	const struct subcommand *s = NULL;
	char err[EF_ERRLEN];
	struct ef_cmd c = { 0 };
	struct ef_args a;
	int r;

	ef_args_init(&a, "edgectl", global_opts, argc - 1, argv + 1);
	while (!s && (r = ef_args_next(&a, err, sizeof(err))) != EF_ARG_END) {
		if (r == EF_ARG_ERR) {
			fprintf(stderr, "edgectl: %s\n", err);
			return EXIT_USAGE;
		}
		if (r == EF_ARG_POS) {
			s = find(a.val);
			if (!s)
				return unknown_subcommand(a.val);
		} else if (ef_args_is(&a, "--help")) {
			usage(stdout);
			return EXIT_OK;
		} else if (ef_args_is(&a, "--version")) {
			printf("edgectl %s (edgefw netlink protocol %d)\n",
			       version, EDGEFW_GENL_VERSION);
			return EXIT_OK;
		} else {
			c.json = true;
		}
	}
	if (!s) {
		fprintf(stderr, "edgectl: no subcommand (try 'edgectl --help')\n");
		return EXIT_USAGE;
	}
	c.name = s->name;
	c.opts = opts_of(s);
	c.argc = a.argc - a.i;
	c.argv = a.argv + a.i;
	ef_args_init(&a, c.name, c.opts, c.argc, c.argv);
	if (ef_args_want_help(&a)) {
		subcommand_usage(s);
		return EXIT_OK;
	}
	if (c.json && !takes(c.opts, "--json")) {
		fprintf(stderr, "edgectl: -j/--json does not apply to %s\n",
			s->name);
		return EXIT_USAGE;
	}
	return s->fn(&c);
}
