// SPDX-License-Identifier: GPL-2.0
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "ifaces.h"

bool ef_iface_exists(const char *name)
{
	return if_nametoindex(name) != 0;
}

#define MIN(a, b) ((a) < (b) ? (a) : (b))

/* Optimal string alignment: Levenshtein plus adjacent transposition. */
unsigned int ef_name_distance(const char *a, const char *b)
{
	unsigned int d[IFNAMSIZ + 1][IFNAMSIZ + 1];
	size_t n = strnlen(a, IFNAMSIZ), m = strnlen(b, IFNAMSIZ), i, j;

	for (i = 0; i <= n; i++)
		d[i][0] = (unsigned int)i;
	for (j = 0; j <= m; j++)
		d[0][j] = (unsigned int)j;
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			unsigned int cost = a[i - 1] != b[j - 1];

			d[i][j] = MIN(MIN(d[i - 1][j] + 1, d[i][j - 1] + 1),
				      d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1])
				d[i][j] = MIN(d[i][j], d[i - 2][j - 2] + 1);
		}
	return d[n][m];
}

const char *ef_iface_absent(const char *name, char *buf, size_t len)
{
	struct if_nameindex *all = if_nameindex(), *p;
	char q[EF_QUOTELEN], best[IFNAMSIZ] = "";
	unsigned int dist, best_dist = 3;

	for (p = all; p && p->if_index; p++) {
		dist = ef_name_distance(name, p->if_name);
		if (dist < best_dist && dist < strlen(name)) {
			best_dist = dist;
			snprintf(best, sizeof(best), "%s", p->if_name);
		}
	}
	if (all)
		if_freenameindex(all);
	snprintf(buf, len, "no interface '%s'", ef_quote(name, q));
	if (*best)
		snprintf(buf + strlen(buf), len - strlen(buf),
			 " (did you mean '%s'?)", ef_quote(best, q));
	return buf;
}
