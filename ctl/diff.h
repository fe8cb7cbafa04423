/* SPDX-License-Identifier: GPL-2.0 */
/* 'edgectl diff': two configurations compared in save's words. */
#ifndef EDGECTL_DIFF_H
#define EDGECTL_DIFF_H

#include <stddef.h>
#include <stdio.h>

/*
 * Print what turns lines a into lines b: "-LINE" for a line only a has,
 * "+LINE" for one only b has, in order (a longest common subsequence is
 * kept). Returns how many lines were printed.
 */
size_t ef_diff_lines(FILE *f, char *const *a, size_t na, char *const *b,
		     size_t nb);

#endif
