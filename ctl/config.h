/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration edgectl reads from and writes to the kernel: profile,
 * bindings, pool, roles, management rules, flags. This is the same model
 * the kernel keeps per network namespace; edgectl never builds rules.
 * Every changing subcommand is one statement (struct ef_stmt) applied to a
 * configuration.
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
	/*
	 * The standard range was asked for by the name lync2010, which only
	 * profile lync2010 has (ef_config_check); never from the kernel.
	 */
	bool media_said_lync2010;
};

/*
 * A management rule (EDGEFW_A_MGMT): admits packets entering an interface
 * of the zone from the prefix to the port, outside the reference tables.
 */
struct ef_mgmt {
	uint8_t zone;			/* enum edgefw_zone */
	uint8_t proto;			/* IPPROTO_TCP or IPPROTO_UDP */
	struct ef_addr prefix;		/* host bits zero */
	uint8_t plen;
	uint16_t port;
};

#define EF_PREFIXSTRLEN	(EF_ADDRSTRLEN + 4)

struct ef_config {
	bool has_generation;
	uint32_t generation;
	uint32_t flags;			/* EDGEFW_F_*, unknown bits kept */
	uint8_t profile;		/* enum edgefw_profile */
	bool has_log_group;		/* log drops to this NFLOG group */
	uint16_t log_group;
	struct ef_binding *bindings;	/* sorted by name */
	size_t nbindings;
	struct ef_addrset front_ends;
	struct ef_addrset directors;
	bool has_vip;
	struct ef_addr vip;
	struct ef_role roles[EF_NROLES];
	struct ef_mgmt *mgmt;		/* sorted (ef_mgmt_cmp), no duplicates */
	size_t nmgmt;
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
	EF_ST_PROFILE,
	EF_ST_XMPP,
	EF_ST_MODE,
	EF_ST_STATELESS_MEDIA,
	EF_ST_ADD_MGMT,
	EF_ST_DEL_MGMT,
};

/* One change, as parsed from a command line or a line of a saved file. */
struct ef_stmt {
	enum ef_stmt_kind kind;
	char ifname[IFNAMSIZ];		/* bind, unbind */
	uint8_t zone;			/* bind */
	uint8_t role;			/* add-role, del-role */
	struct ef_addrset addrs;	/* --front-end or --ip, normalized */
	struct ef_addrset directors;	/* --director, normalized */
	bool has_addr2;			/* --vip or --internal-ip */
	struct ef_addr addr2;
	bool has_media;			/* --media-range */
	uint8_t media;
	bool media_said_lync2010;	/* ... by the name lync2010 */
	bool on;			/* http-redirect, log-drops, xmpp,
					 * stateless-media; mode: audit */
	bool has_log_group;		/* log-drops on --nflog-group */
	uint16_t log_group;
	uint8_t profile;		/* profile */
	struct ef_mgmt *mgmt;		/* add-mgmt, del-mgmt: every rule of */
	size_t nmgmt;			/* --from x (--tcp, --udp), sorted */
	bool strict;			/* bind --strict (command line only) */
};

void ef_config_init(struct ef_config *cfg);
void ef_config_free(struct ef_config *cfg);
void ef_config_copy(struct ef_config *dst, const struct ef_config *src);
/* Same configuration (generation, ifindex and pending not compared). */
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
/*
 * What the kernel refuses in a configuration as a whole, said before
 * anything is sent: XMPP outside profile sfb2015, media ranges of the av
 * role that the profile does not have. Returns 0, or -1 with a sentence
 * naming both sides of the combination.
 */
int ef_config_check(const struct ef_config *cfg, char *err, size_t errlen);

/* Order of management rules: zone, prefix, protocol, port. */
int ef_mgmt_cmp(const struct ef_mgmt *a, const struct ef_mgmt *b);
/* Sort rules in that order and remove duplicates. */
void ef_mgmt_sort(struct ef_mgmt *v, size_t *n);
/* "tcp 22 from 10.99.0.0/24 (internal)" */
#define EF_MGMTSTRLEN	(EF_PREFIXSTRLEN + 32)
const char *ef_mgmt_str(const struct ef_mgmt *m, char *buf, size_t len);
/* "10.99.0.0/24", or the address alone for a host (/32, /128). */
const char *ef_prefix_str(const struct ef_addr *a, unsigned int plen,
			  char buf[EF_PREFIXSTRLEN]);

/* Names of the enum values as the command line spells them. */
const char *ef_role_name(unsigned int role);
const char *ef_zone_name(unsigned int zone);
/* The standard range is called lync2010 under that profile, as always. */
const char *ef_media_name(unsigned int media, unsigned int profile);
const char *ef_dir_name(unsigned int dir);
const char *ef_profile_name(unsigned int profile);
int ef_role_lookup(const char *s);		/* -1 if unknown */
int ef_zone_lookup(const char *s);
/* standard and lync2010 both give EDGEFW_MEDIA_STANDARD. */
int ef_media_lookup(const char *s);
int ef_profile_lookup(const char *s);

#endif
