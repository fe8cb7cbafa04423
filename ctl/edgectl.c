// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl: the command line of edgefw, the Lync Server 2010 / Skype for
 * Business edge firewall. See edgectl(8).
 */
#include <stdio.h>
#include <string.h>

#include "../uapi/linux/edgefw.h"
#include "addr.h"
#include "commands.h"
#include "export.h"
#include "util.h"

#ifndef EDGECTL_VERSION
#define EDGECTL_VERSION "0.1.0"
#endif

static const struct subcommand {
	const char *name;
	int (*fn)(int argc, char *argv[]);
	const char *args;
	const char *help;
} subcommands[] = {
	{ "show", cmd_show, "[-j|--json]",
	  "bindings, pool, roles, every rule with its counters and use, zone counters" },
	{ "counters", cmd_counters, "[-j|--json] [--reset]",
	  "rule and zone counters; --reset zeroes them after printing" },
	{ "bind", cmd_change, "IFNAME external|internal",
	  "filter an interface as the external or internal side" },
	{ "unbind", cmd_change, "IFNAME",
	  "stop filtering an interface" },
	{ "set-pool", cmd_change,
	  "[--front-end ADDR ...] [--vip ADDR]",
	  "the pool's Front End servers and VIP (replaces the pool)" },
	{ "add-role", cmd_change,
	  "access|webconf|av|rproxy --ip ADDR [--ip ADDR ...] [--internal-ip ADDR] [--media-range none|lync2010|ocs2007]",
	  "add a role, or addresses and settings to a role" },
	{ "del-role", cmd_change, "ROLE [--ip ADDR ...]",
	  "remove addresses of a role, or the whole role" },
	{ "http-redirect", cmd_change, "on|off",
	  "the reverse proxy's optional HTTP 80 (in) rule" },
	{ "log-drops", cmd_change, "on|off",
	  "rate-limited kernel log of dropped packets" },
	{ "save", cmd_save, "[-j|--json]",
	  "print the configuration as statements that restore reads" },
	{ "restore", cmd_restore, "[FILE]",
	  "replace the whole configuration from FILE or stdin, atomically" },
	{ "export", cmd_export, "--nft",
	  "print the policy in force as an nftables ruleset (nft -f loads it)" },
	{ "flush", cmd_change, "",
	  "remove bindings, pool, roles and flags" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: edgectl SUBCOMMAND [ARGS...]\n"
		   "       edgectl SUBCOMMAND --help\n"
		   "       edgectl -V|--version\n\n"
		   "Subcommands:\n");
	for (i = 0; i < ARRAY_SIZE(subcommands); i++)
		fprintf(f, "  %s%s%s\n      %s\n", subcommands[i].name,
			*subcommands[i].args ? " " : "", subcommands[i].args,
			subcommands[i].help);
	fprintf(f, "\nExit status: 0 success; 1 the kernel refused or the state does not match;\n"
		   "2 bad usage or input (nothing was sent). See edgectl(8).\n");
}

static void subcommand_usage(const struct subcommand *c)
{
	printf("Usage: edgectl %s%s%s\n  %s\n", c->name, *c->args ? " " : "",
	       c->args, c->help);
}

int main(int argc, char *argv[])
{
	const struct subcommand *c = NULL;
	char q[EF_QUOTELEN];
	size_t i;
	int a;

	if (argc < 2) {
		fprintf(stderr, "edgectl: no subcommand (try 'edgectl --help')\n");
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		printf("edgectl %s (edgefw netlink protocol %d)\n",
		       EDGECTL_VERSION, EDGEFW_GENL_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	for (i = 0; i < ARRAY_SIZE(subcommands); i++)
		if (!strcmp(argv[1], subcommands[i].name))
			c = &subcommands[i];
	if (!c) {
		fprintf(stderr, "edgectl: unknown subcommand '%s' (try 'edgectl --help')\n",
			ef_quote(argv[1], q));
		return EXIT_USAGE;
	}
	for (a = 2; a < argc; a++)
		if (!strcmp(argv[a], "-h") || !strcmp(argv[a], "--help")) {
			subcommand_usage(c);
			return EXIT_OK;
		}
	return c->fn(argc - 1, argv + 1);
}
