/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The saved configuration: one statement per line, the words of the
 * command line, in a fixed order (profile, bindings by name, pool, roles in
 * enum order with sorted addresses, management rules, flags and modes), so
 * that 'save' after 'restore' prints exactly what was restored.
 */
#ifndef EDGECTL_SAVE_H
#define EDGECTL_SAVE_H

#include <stdio.h>

#include "config.h"

void ef_save_text(FILE *f, const struct ef_config *cfg);
/*
 * Read statements from 'in' and apply them, in order, to an empty
 * configuration. Returns 0, or -1 with "line N: ..." in err (cfg is then
 * empty). An input without a statement (blank lines and comments aside)
 * is refused: it would remove the whole configuration, which a 'flush'
 * line says. A UTF-8 byte order mark before the first line is skipped.
 *
 * binds, if not NULL, receives the input's bindings alone, for restore
 * --fail-closed: its bind, unbind and flush statements that parse, applied
 * in order; the input is read to its end for them even past an error.
 */
int ef_restore_read(FILE *in, struct ef_config *cfg, struct ef_config *binds,
		    char *err, size_t errlen);

#endif
