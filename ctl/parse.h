/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsing of the changing statements, shared by the command line and by
 * 'restore' (a saved file holds the same words, one statement per line).
 * Every error is one sentence naming the bad value; nothing is applied.
 */
#ifndef EDGECTL_PARSE_H
#define EDGECTL_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "args.h"
#include "config.h"

/* Is this the name of a statement (bind, add-role, ...)? */
bool ef_stmt_known(const char *name);
/*
 * The words come from the command line, not from a saved file: options
 * that check rather than configure are allowed (bind --strict).
 */
#define EF_PARSE_CMDLINE	1U

/* The options of statement 'name' (NULL: none, or not a statement). */
const struct ef_opt *ef_stmt_opts(const char *name, unsigned int flags);

/*
 * Parse the words after the statement name, e.g. name "add-role" and argv
 * {"av", "--ip", "10.45.16.30"}. On success st is filled (free it with
 * ef_stmt_free); on error err holds the sentence and -1 is returned.
 */
int ef_parse_stmt(const char *name, int argc, char *const argv[],
		  unsigned int flags, struct ef_stmt *st, char *err,
		  size_t errlen);

/* An interface name as the kernel accepts it (dev_valid_name). */
int ef_parse_ifname(const char *s, char out[IFNAMSIZ], char *err,
		    size_t errlen);
/* A number from 0 to max in decimal, without sign or leading zero. */
int ef_parse_number(const char *s, unsigned long max, unsigned long *v);
/* An address given for option 'opt' (e.g. "--ip"). */
int ef_parse_addr(const char *opt, const char *s, struct ef_addr *a,
		  char *err, size_t errlen);

/*
 * Split a line of a saved file into words, in place: blanks (space, tab,
 * CR) separate words, a word that starts with '#' starts a comment.
 * Returns the number of words; *words is allocated (free it).
 */
int ef_split_words(char *line, char ***words);

#endif
