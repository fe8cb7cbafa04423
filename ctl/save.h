/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The saved configuration: one statement per line, the words of the
 * command line, in a fixed order (bindings by name, pool, roles in enum
 * order with sorted addresses, flags), so that 'save' after 'restore'
 * prints exactly what was restored.
 */
#ifndef EDGECTL_SAVE_H
#define EDGECTL_SAVE_H

#include <stdio.h>

#include "config.h"

void ef_save_text(FILE *f, const struct ef_config *cfg);
/*
 * Read statements from 'in' and apply them, in order, to an empty
 * configuration. Returns 0, or -1 with "line N: ..." in err.
 */
int ef_restore_read(FILE *in, struct ef_config *cfg, char *err,
		    size_t errlen);

#endif
