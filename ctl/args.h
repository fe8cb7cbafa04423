/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one option parser of edgectl: the options before the subcommand,
 * the words of every subcommand and of every statement of a saved file.
 *
 *   --name VALUE, --name=VALUE   an option that takes a value
 *   --name, -n                   a flag (no value)
 *   --                           every word after it is positional
 *   -                            a positional word (standard input)
 *
 * Options and positional words may come in any order. An error is one
 * sentence naming the word at fault and the options there are.
 */
#ifndef EDGECTL_ARGS_H
#define EDGECTL_ARGS_H

#include <stdbool.h>
#include <stddef.h>

struct ef_opt {
	const char *name;		/* "--ip" */
	const char *short_name;		/* "-j", or NULL */
	bool value;			/* takes a value */
};

struct ef_args {
	const char *cmd;		/* named in errors */
	const struct ef_opt *opts;	/* ends with { 0 }; NULL: none */
	int argc;
	char *const *argv;
	int i;				/* next word */
	bool positional_only;		/* "--" seen */
	const struct ef_opt *opt;	/* the option just read */
	const char *val;		/* its value, or the positional word */
};

enum { EF_ARG_ERR = -1, EF_ARG_END, EF_ARG_POS, EF_ARG_OPT };

void ef_args_init(struct ef_args *a, const char *cmd,
		  const struct ef_opt *opts, int argc, char *const argv[]);
/*
 * The next word: EF_ARG_POS (a->val), EF_ARG_OPT (a->opt, a->val for an
 * option that takes one), EF_ARG_END, or EF_ARG_ERR with a sentence in err.
 */
int ef_args_next(struct ef_args *a, char *err, size_t errlen);
/* Is the option just read the one named so (long name)? */
bool ef_args_is(const struct ef_args *a, const char *name);
/* "unexpected argument 'W' for CMD": for a positional word not wanted. */
int ef_args_unexpected(const struct ef_args *a, char *err, size_t errlen);

/*
 * Does -h or --help stand among the words not read yet as an option (not
 * as the value of an option, not after "--")? Help is asked for wherever
 * it stands, whatever else is wrong with the words.
 */
bool ef_args_want_help(const struct ef_args *a);

#endif
