// SPDX-License-Identifier: GPL-2.0
/* libFuzzer: a saved file, as restore reads it; if it is accepted, saving
 * and reading it again must give the same configuration, and its bindings
 * alone (restore --fail-closed) must be its bindings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../../ctl/save.h"
#include "../../../ctl/util.h"

static bool same_bindings(const struct ef_config *a, const struct ef_config *b)
{
	size_t i;

	if (a->nbindings != b->nbindings)
		return false;
	for (i = 0; i < a->nbindings; i++)
		if (strcmp(a->bindings[i].ifname, b->bindings[i].ifname) ||
		    a->bindings[i].zone != b->bindings[i].zone)
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct ef_config cfg, again, binds;
	char err[EF_ERRLEN], *text = NULL;
	size_t len = 0;
	FILE *f;

	if (!size)
		return 0;
	f = fmemopen((void *)data, size, "r");
	if (ef_restore_read(f, &cfg, &binds, err, sizeof(err))) {
		fclose(f);
		ef_config_free(&binds);
		if (strchr(err, '\n'))
			abort();	/* errors are one line */
		return 0;
	}
	fclose(f);
	if (!same_bindings(&cfg, &binds))
		abort();
	ef_config_free(&binds);
	f = open_memstream(&text, &len);
	ef_save_text(f, &cfg);
	fclose(f);
	f = fmemopen(text, len, "r");
	if (ef_restore_read(f, &again, NULL, err, sizeof(err)) ||
	    !ef_config_eq(&cfg, &again))
		abort();	/* save must be readable and faithful */
	fclose(f);
	ef_config_free(&again);
	ef_config_free(&cfg);
	free(text);
	return 0;
}
