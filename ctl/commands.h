/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The subcommands. Each gets its words as invoked and returns the exit
 * status (EXIT_OK, EXIT_RUNTIME, EXIT_USAGE).
 */
#ifndef EDGECTL_COMMANDS_H
#define EDGECTL_COMMANDS_H

#include <stdbool.h>

#include "args.h"

/* A SET_CONFIG refused with ESTALE is retried this often. */
#define EF_SET_TRIES	5

/* A subcommand as invoked. */
struct ef_cmd {
	const char *name;
	const struct ef_opt *opts;	/* its options */
	int argc;			/* the words after its name */
	char *const *argv;
	bool json;			/* -j/--json before the subcommand */
	const char *version;		/* edgectl's */
};

/* The flags and the file a read command was given. */
struct ef_cmd_opts {
	bool json, reset, nft, strict, fail_closed, unused, prometheus;
	const char *file;		/* positional FILE, if the command has one */
	const char *output;		/* --output FILE */
};

/*
 * Parse the words of a subcommand that takes flags and, if has_file, one
 * positional FILE. Returns 0, or prints the error and returns EXIT_USAGE.
 */
int ef_cmd_parse(const struct ef_cmd *c, bool has_file, struct ef_cmd_opts *o);

/*
 * Flush stdout: output goes to a file or a pipe, and a failed write is a
 * failed command. Returns EXIT_OK, or EXIT_RUNTIME with the error printed.
 */
int ef_flush_output(void);

/* bind, unbind, set-pool, add-role, del-role, http-redirect, log-drops,
 * flush: read-modify-write of the kernel's configuration. */
int cmd_change(const struct ef_cmd *c);
int cmd_show(const struct ef_cmd *c);
int cmd_counters(const struct ef_cmd *c);
int cmd_save(const struct ef_cmd *c);
int cmd_restore(const struct ef_cmd *c);

/*
 * The command line: options before the subcommand (-j/--json, -h/--help,
 * -V/--version), the subcommand, 'help [SUBCOMMAND]', 'SUBCOMMAND --help'.
 * Returns the exit status.
 */
int ef_cli(int argc, char *argv[], const char *version);

#endif
