// SPDX-License-Identifier: GPL-2.0
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "util.h"

void table_init(struct table *t, size_t ncols, uint32_t right)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->right = right;
}

void table_row(struct table *t, const char *const *cells)
{
	size_t i;

	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->cells = xreallocarray(t->cells, t->cap * t->ncols,
					 sizeof(*t->cells));
	}
	for (i = 0; i < t->ncols; i++) {
		char *s = xstrdup(cells[i] ? cells[i] : ""), *p;

		/* Kernel texts go to a terminal: no control characters. */
		for (p = s; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = '?';
		t->cells[t->nrows * t->ncols + i] = s;
	}
	t->nrows++;
}

/* Columns on a terminal: UTF-8 code points, not bytes. */
static size_t width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

void table_print(const struct table *t, FILE *f)
{
	size_t *w = xcalloc(t->ncols, sizeof(*w));
	size_t r, c, cw;

	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			cw = width(t->cells[r * t->ncols + c]);
			if (cw > w[c])
				w[c] = cw;
		}
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			size_t pad = w[c] - width(s);
			bool last = c + 1 == t->ncols;

			if (c)
				fputs("  ", f);
			if ((t->right >> c) & 1)
				fprintf(f, "%*s%s", (int)pad, "", s);
			else if (last)
				fputs(s, f);
			else
				fprintf(f, "%s%*s", s, (int)pad, "");
		}
		fputc('\n', f);
	}
	free(w);
}

void table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}
