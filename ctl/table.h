/* SPDX-License-Identifier: GPL-2.0 */
/* Aligned text tables: a header row, columns padded to the widest cell. */
#ifndef EDGECTL_TABLE_H
#define EDGECTL_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct table {
	size_t ncols;
	uint32_t right;			/* bit i: column i aligned right */
	char **cells;			/* row-major; row 0 is the header */
	size_t nrows, cap;
};

void table_init(struct table *t, size_t ncols, uint32_t right);
/* Add a row of t->ncols cells (copied). */
void table_row(struct table *t, const char *const *cells);
void table_print(const struct table *t, FILE *f);
void table_free(struct table *t);

#endif
