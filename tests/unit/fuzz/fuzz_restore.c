// SPDX-License-Identifier: GPL-2.0
/* libFuzzer: a saved file, as restore reads it; if it is accepted, saving
 * and reading it again must give the same configuration. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../../ctl/save.h"
#include "../../../ctl/util.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct ef_config cfg, again;
	char err[EF_ERRLEN], *text = NULL;
	size_t len = 0;
	FILE *f;

	if (!size)
		return 0;
	f = fmemopen((void *)data, size, "r");
	if (ef_restore_read(f, &cfg, err, sizeof(err))) {
		fclose(f);
		if (strchr(err, '\n'))
			abort();	/* errors are one line */
		return 0;
	}
	fclose(f);
	f = open_memstream(&text, &len);
	ef_save_text(f, &cfg);
	fclose(f);
	f = fmemopen(text, len, "r");
	if (ef_restore_read(f, &again, err, sizeof(err)) ||
	    !ef_config_eq(&cfg, &again))
		abort();	/* save must be readable and faithful */
	fclose(f);
	ef_config_free(&again);
	ef_config_free(&cfg);
	free(text);
	return 0;
}
