/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the subcommands need from the kernel, as a few operations. The real
 * one is generic netlink (netlink.c); the unit tests put an in-memory
 * kernel behind the same operations.
 */
#ifndef EDGECTL_BACKEND_H
#define EDGECTL_BACKEND_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "rules.h"
#include "util.h"

/* How a configuration is sent (EDGEFW_CMD_SET_CONFIG). */
struct ef_set_how {
	bool with_gen;			/* refuse (ESTALE) unless the kernel is
					 * still at cfg->generation */
	bool check_only;		/* validate and build, change nothing */
	uint32_t confirm;		/* seconds: revert unless confirmed */
};

/* What a change does to the rule set (EDGEFW_A_CHECK of the reply). */
struct ef_check {
	bool present;
	uint32_t generation;		/* the new one; the current if checked */
	uint32_t before, after, kept;	/* rules */
	uint32_t kib;			/* memory of the new rule set */
};

/* A packet for EDGEFW_CMD_VERDICT to judge. */
struct ef_query {
	char ifname[IFNAMSIZ];
	uint8_t dir, proto;		/* enum edgefw_dir; TCP or UDP */
	struct ef_addr src, dst;	/* of one family */
	uint16_t sport, dport;		/* 0: not given */
};

/* The kernel's answer. */
struct ef_verdict {
	bool present;			/* EDGEFW_A_VERDICT seen */
	uint32_t generation;
	bool accept;
	uint8_t reason;			/* enum edgefw_reason */
	bool has_zone;			/* the interface is bound */
	uint8_t zone;
	struct ef_rules rule;		/* the rule that admits it: 0 or 1 */
};

struct ef_backend {
	/* Each returns 0, or a negative errno with a sentence in err. */
	int (*get_config)(struct ef_backend *be, struct ef_config *cfg);
	/*
	 * The whole configuration, sent as how says; check, if not NULL,
	 * receives what the change does (or would do) to the rule set.
	 */
	int (*set_config)(struct ef_backend *be, const struct ef_config *cfg,
			  const struct ef_set_how *how, struct ef_check *check);
	int (*get_rules)(struct ef_backend *be, struct ef_rules *rules);
	int (*reset_counters)(struct ef_backend *be);
	/* Keep the change that waits for confirmation; revert: undo it. */
	int (*confirm)(struct ef_backend *be, bool revert);
	/* v->rule is initialized here; free it with ef_rules_free. */
	int (*verdict)(struct ef_backend *be, const struct ef_query *q,
		       struct ef_verdict *v);
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
