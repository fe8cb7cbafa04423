/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The subcommands. Each gets its words as invoked and returns the exit
 * status (EXIT_OK, EXIT_RUNTIME, EXIT_USAGE).
 */
#ifndef EDGECTL_COMMANDS_H
#define EDGECTL_COMMANDS_H

#include <stdbool.h>
#include <stdint.h>

#include "args.h"
#include "backend.h"

/* A SET_CONFIG refused with ESTALE is retried this often. */
#define EF_SET_TRIES	5

/* A subcommand as invoked. */
struct ef_cmd {
	const char *name;
	const struct ef_opt *opts;	/* its options */
	int argc;			/* the words after its name */
	char *const *argv;
	bool json;			/* -j/--json before the subcommand */
};

/* The flags and the file a read command was given. */
struct ef_cmd_opts {
	bool json, reset, nft, strict, fail_closed, unused, check;
	uint32_t confirm;		/* restore --confirm SECONDS; 0: none */
	const char *file;		/* positional FILE, if the command has one */
};

/*
 * Parse the words of a subcommand that takes flags and, if has_file, one
 * positional FILE. Returns 0, or prints the error and returns EXIT_USAGE.
 */
int ef_cmd_parse(const struct ef_cmd *c, bool has_file, struct ef_cmd_opts *o);

/* Print a sentence from the kernel side (be->err); returns EXIT_RUNTIME. */
int ef_cmd_say(struct ef_backend *be);
/* Open the backend, or print why not and return NULL. */
struct ef_backend *ef_cmd_connect(void);
/* Flush stdout: a failed write is a failed command (EXIT_RUNTIME). */
int ef_cmd_flush_output(void);
/*
 * Read a configuration from file (NULL or "-": standard input) for
 * restore and diff: the file's statements, applied to an empty
 * configuration, then the combinations the kernel refuses. Returns
 * EXIT_OK, or prints the error: EXIT_USAGE for a file that cannot be read
 * or holds an error, EXIT_RUNTIME for a refused combination. binds as
 * ef_restore_read's.
 */
int ef_cmd_read_config(const char *file, struct ef_config *cfg,
		       struct ef_config *binds);

/* bind, unbind, set-pool, add-role, del-role, http-redirect, log-drops,
 * profile, xmpp, mode, stateless-media, add-mgmt, del-mgmt, flush:
 * read-modify-write of the kernel's configuration. */
int cmd_change(const struct ef_cmd *c);
int cmd_show(const struct ef_cmd *c);
int cmd_counters(const struct ef_cmd *c);
int cmd_save(const struct ef_cmd *c);
int cmd_restore(const struct ef_cmd *c);
/* confirm, revert: the change that waits for confirmation. */
int cmd_confirm(const struct ef_cmd *c);
/* diff FILE: what restore FILE would change (diff.c). */
int cmd_diff(const struct ef_cmd *c);
/* verdict: how the rules in force judge a packet (verdict.c). */
int cmd_verdict(const struct ef_cmd *c);

/*
 * The command line: options before the subcommand (-j/--json, -h/--help,
 * -V/--version), the subcommand, 'help [SUBCOMMAND]', 'SUBCOMMAND --help'.
 * Returns the exit status.
 */
int ef_cli(int argc, char *argv[], const char *version);

#endif
