/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The subcommands. Each takes argv from the subcommand's name on and
 * returns the exit status (EXIT_OK, EXIT_RUNTIME, EXIT_USAGE).
 */
#ifndef EDGECTL_COMMANDS_H
#define EDGECTL_COMMANDS_H

/* A SET_CONFIG refused with ESTALE is retried this often. */
#define EF_SET_TRIES	5

/* bind, unbind, set-pool, add-role, del-role, http-redirect, log-drops,
 * flush: read-modify-write of the kernel's configuration. */
int cmd_change(int argc, char *argv[]);
int cmd_show(int argc, char *argv[]);
int cmd_counters(int argc, char *argv[]);
int cmd_save(int argc, char *argv[]);
int cmd_restore(int argc, char *argv[]);

#endif
