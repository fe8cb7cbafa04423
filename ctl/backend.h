/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the subcommands need from the kernel, as five operations. The real
 * one is generic netlink (netlink.c); the unit tests put an in-memory
 * kernel behind the same operations.
 */
#ifndef EDGECTL_BACKEND_H
#define EDGECTL_BACKEND_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "info.h"
#include "rules.h"
#include "util.h"

struct ef_backend {
	/* Each returns 0, or a negative errno with a sentence in err. */
	int (*get_config)(struct ef_backend *be, struct ef_config *cfg);
	/* The whole configuration; with_gen: refuse (ESTALE) unless the
	 * kernel is still at cfg->generation. */
	int (*set_config)(struct ef_backend *be, const struct ef_config *cfg,
			  bool with_gen);
	int (*get_rules)(struct ef_backend *be, struct ef_rules *rules);
	int (*reset_counters)(struct ef_backend *be);
	/* The module's version and protocols (EDGEFW_CMD_GET_INFO). */
	int (*get_info)(struct ef_backend *be, struct ef_info *info);
	void (*close)(struct ef_backend *be);
	char err[EF_ERRLEN];
};

/*
 * Open the connection to the kernel: NULL with a sentence in err (module
 * not loaded, no netlink). Points at ef_nl_open unless a test replaces it.
 */
extern struct ef_backend *(*ef_backend_open)(char *err, size_t errlen);

/*
 * The configuration and the rules of one generation (read again if a
 * change came between the two dumps, up to EF_DUMP_TRIES times). Returns 0,
 * or the first error with a sentence in be->err; cfg and rules are to be
 * freed either way.
 */
int ef_backend_get_both(struct ef_backend *be, struct ef_config *cfg,
			struct ef_rules *rules);

#endif
