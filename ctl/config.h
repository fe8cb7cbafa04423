/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration edgectl reads from and writes to the kernel: bindings,
 * pool, roles, flags. This is the same model the kernel keeps per network
 * namespace; edgectl never builds rules. Every changing subcommand is one
 * statement (struct ef_stmt) applied to a configuration.
 */
#ifndef EDGECTL_CONFIG_H
#define EDGECTL_CONFIG_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

#include "../uapi/linux/edgefw.h"
#include "addr.h"

#define EF_NROLES	(EDGEFW_ROLE_MAX + 1)
#define EF_NZONES	(EDGEFW_ZONE_MAX + 1)

struct ef_binding {
	char ifname[IFNAMSIZ];
	uint32_t ifindex;		/* from dumps only; 0: interface absent */
	uint8_t zone;			/* enum edgefw_zone */
};

struct ef_role {
	bool present;
	struct ef_addrset addrs;	/* external addresses, >= 1 */
	bool has_internal;
	struct ef_addr internal;
	uint8_t media;			/* enum edgefw_media_range, av only */
};

struct ef_config {
	bool has_generation;
	uint32_t generation;
	uint32_t flags;			/* EDGEFW_F_*, unknown bits kept */
	bool has_log_group;		/* log drops to this NFLOG group */
	uint16_t log_group;
	struct ef_binding *bindings;	/* sorted by name */
	size_t nbindings;
	struct ef_addrset front_ends;
	bool has_vip;
	struct ef_addr vip;
	struct ef_role roles[EF_NROLES];
	/* From dumps only: the configuration waits for a confirmation. */
	bool has_pending;
	uint32_t pending_ms;		/* left until the kernel reverts it */
	uint32_t pending_timeout;	/* seconds asked for */
};

enum ef_stmt_kind {
	EF_ST_BIND,
	EF_ST_UNBIND,
	EF_ST_SET_POOL,
	EF_ST_DEL_POOL,
	EF_ST_ADD_ROLE,
	EF_ST_DEL_ROLE,
	EF_ST_HTTP_REDIRECT,
	EF_ST_LOG_DROPS,
	EF_ST_FLUSH,
};

/* One change, as parsed from a command line or a line of a saved file. */
struct ef_stmt {
	enum ef_stmt_kind kind;
	char ifname[IFNAMSIZ];		/* bind, unbind */
	uint8_t zone;			/* bind */
	uint8_t role;			/* add-role, del-role */
	struct ef_addrset addrs;	/* --front-end or --ip, normalized */
	bool has_addr2;			/* --vip or --internal-ip */
	struct ef_addr addr2;
	bool has_media;			/* --media-range */
	uint8_t media;
	bool on;			/* http-redirect, log-drops */
	bool strict;			/* bind --strict (command line only) */
};

void ef_config_init(struct ef_config *cfg);
void ef_config_free(struct ef_config *cfg);
void ef_config_copy(struct ef_config *dst, const struct ef_config *src);
/* Same configuration (generation and ifindex not compared). */
bool ef_config_eq(const struct ef_config *a, const struct ef_config *b);
bool ef_config_has_pool(const struct ef_config *cfg);
/* Sort bindings and addresses; after reading a dump or applying statements. */
void ef_config_normalize(struct ef_config *cfg);
struct ef_binding *ef_config_find_binding(struct ef_config *cfg,
					  const char *ifname);

void ef_stmt_free(struct ef_stmt *st);
/*
 * Apply a statement. Returns 0, or -1 with a sentence in err when the
 * statement does not fit the configuration (unbind of an interface that is
 * not bound, del-role or del-pool of an address that is not configured,
 * limits). The addresses of a role may be left unsorted (statements that
 * each add one address stay cheap): ef_config_normalize after the last.
 */
int ef_config_apply(struct ef_config *cfg, const struct ef_stmt *st,
		    char *err, size_t errlen);

/* Names of the enum values as the command line spells them. */
const char *ef_role_name(unsigned int role);
const char *ef_zone_name(unsigned int zone);
const char *ef_media_name(unsigned int media);
const char *ef_dir_name(unsigned int dir);
int ef_role_lookup(const char *s);		/* -1 if unknown */
int ef_zone_lookup(const char *s);
int ef_media_lookup(const char *s);

#endif
