/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * edgefw: firewall policy of a Lync Server 2010 / Skype for Business edge
 * tier, as a netfilter module driven over generic netlink.
 *
 * This header is the whole contract between edgefw.ko and edgectl.
 *
 * The kernel keeps, per network namespace, one configuration: interface
 * bindings, the pool (Front End servers and VIP), the roles with their
 * addresses, and flags. It expands the roles into rules using the reference
 * tables (kmod/template.c) and classifies packets against the result.
 *
 * Commands
 * --------
 *
 * EDGEFW_CMD_GET_CONFIG (dump)
 *   Returns a sequence of messages. The first carries
 *     EDGEFW_A_GENERATION, EDGEFW_A_FLAGS, EDGEFW_A_POOL, EDGEFW_A_BINDINGS;
 *   every following message carries one EDGEFW_A_ROLE with as many
 *   addresses as fit; a role with many addresses spans several messages,
 *   each repeating EDGEFW_ROLE_A_TYPE, _INTERNAL_ADDR and _MEDIA_RANGE.
 *   The dump is consistent: NLM_F_DUMP_INTR is set if the configuration
 *   changed during it, and the reader retries.
 *
 * EDGEFW_CMD_SET_CONFIG (do, admin)
 *   Replaces the whole configuration, all or nothing:
 *     EDGEFW_A_FLAGS        u32, EDGEFW_F_*; absent means 0
 *     EDGEFW_A_POOL         nest, EDGEFW_POOL_A_*; absent means no pool
 *     EDGEFW_A_BINDINGS     nest of EDGEFW_A_BINDING nests:
 *                             EDGEFW_BINDING_A_IFNAME  (required)
 *                             EDGEFW_BINDING_A_ZONE    (required)
 *                           A binding names an interface; the kernel
 *                           follows it by ifindex (a rename keeps it
 *                           bound). An interface that does not exist (yet,
 *                           or any more) leaves the binding pending: the
 *                           next interface registered under that name is
 *                           bound. Dumps report IFINDEX 0 while pending.
 *     EDGEFW_A_ROLE         nest, repeated, once per role (or part):
 *                             EDGEFW_ROLE_A_TYPE        (required)
 *                             EDGEFW_ROLE_A_ADDRS       (required, >= 1)
 *                             EDGEFW_ROLE_A_INTERNAL_ADDR
 *                             EDGEFW_ROLE_A_MEDIA_RANGE (av only)
 *                           An attribute holds at most 65535 bytes, about
 *                           8000 IPv4 or 3200 IPv6 addresses: a role with
 *                           more is sent, as in the dump, as several
 *                           EDGEFW_A_ROLE nests with the same TYPE,
 *                           INTERNAL_ADDR and MEDIA_RANGE, which the kernel
 *                           merges (parts that disagree: EINVAL).
 *     EDGEFW_A_GENERATION   u32, optional: refuse with ESTALE unless the
 *                           configuration is still at this generation
 *                           (read-modify-write without lost updates)
 *   Addresses are EDGEFW_A_ADDR-style binary attributes of 4 (IPv4) or 16
 *   (IPv6) bytes in network byte order.
 *
 * EDGEFW_CMD_GET_RULES (dump)
 *   One message per rule: EDGEFW_A_GENERATION and an EDGEFW_A_RULE nest
 *   (EDGEFW_RULE_A_*) with its counters; then one message per zone with an
 *   EDGEFW_A_ZONE_STATS nest (EDGEFW_ZSTAT_A_*).
 *
 * EDGEFW_CMD_RESET_COUNTERS (do, admin)
 *   Sets every rule and zone counter of the namespace back to zero.
 *
 * EDGEFW_CMD_CHANGED (multicast, group EDGEFW_MCGRP_EVENTS)
 *   Sent after every change of configuration or counters, with
 *   EDGEFW_A_GENERATION.
 */
#ifndef _UAPI_LINUX_EDGEFW_H
#define _UAPI_LINUX_EDGEFW_H

#define EDGEFW_GENL_NAME	"edgefw"
#define EDGEFW_GENL_VERSION	1
#define EDGEFW_MCGRP_EVENTS	"events"

#define EDGEFW_MAX_BINDINGS	64	/* per network namespace */
#define EDGEFW_MAX_FRONT_ENDS	32	/* Front End servers in a pool */
#define EDGEFW_MAX_ROLE_ADDRS	1000000	/* external addresses of one role */

enum edgefw_cmd {
	EDGEFW_CMD_UNSPEC,		/* 0: never used */
	EDGEFW_CMD_GET_CONFIG,		/* 1: dump the configuration */
	EDGEFW_CMD_SET_CONFIG,		/* 2: replace the configuration */
	EDGEFW_CMD_GET_RULES,		/* 3: dump rules and counters */
	EDGEFW_CMD_RESET_COUNTERS,	/* 4: zero every counter */
	EDGEFW_CMD_CHANGED,		/* 5: event: something changed */
	__EDGEFW_CMD_LAST
};

#define EDGEFW_CMD_MAX (__EDGEFW_CMD_LAST - 1)

/* Flags in EDGEFW_A_FLAGS. */
enum edgefw_flag {
	EDGEFW_F_HTTP_REDIRECT	= 1U << 0, /* reverse proxy TCP 80 in */
	EDGEFW_F_LOG_DROPS	= 1U << 1, /* rate-limited log of drops */
	__EDGEFW_F_ALL		= EDGEFW_F_HTTP_REDIRECT | EDGEFW_F_LOG_DROPS
};

/* Top-level attributes. */
enum edgefw_attr {
	EDGEFW_A_UNSPEC,		/* 0 */
	EDGEFW_A_GENERATION,		/* 1: u32 */
	EDGEFW_A_FLAGS,			/* 2: u32, EDGEFW_F_* */
	EDGEFW_A_POOL,			/* 3: nest, EDGEFW_POOL_A_* */
	EDGEFW_A_BINDINGS,		/* 4: nest of EDGEFW_A_BINDING */
	EDGEFW_A_BINDING,		/* 5: nest, EDGEFW_BINDING_A_* */
	EDGEFW_A_ROLE,			/* 6: nest, EDGEFW_ROLE_A_* */
	EDGEFW_A_RULE,			/* 7: nest, EDGEFW_RULE_A_* */
	EDGEFW_A_ZONE_STATS,		/* 8: nest, EDGEFW_ZSTAT_A_* */
	EDGEFW_A_ADDR,			/* 9: binary, 4 or 16 bytes */
	__EDGEFW_A_LAST
};

#define EDGEFW_A_MAX (__EDGEFW_A_LAST - 1)

enum edgefw_pool_attr {
	EDGEFW_POOL_A_UNSPEC,		/* 0 */
	EDGEFW_POOL_A_FRONT_END,	/* 1: address, repeated */
	EDGEFW_POOL_A_VIP,		/* 2: address */
	__EDGEFW_POOL_A_LAST
};

#define EDGEFW_POOL_A_MAX (__EDGEFW_POOL_A_LAST - 1)

enum edgefw_binding_attr {
	EDGEFW_BINDING_A_UNSPEC,	/* 0 */
	EDGEFW_BINDING_A_IFNAME,	/* 1: string, < IFNAMSIZ */
	EDGEFW_BINDING_A_ZONE,		/* 2: u8, enum edgefw_zone */
	EDGEFW_BINDING_A_IFINDEX,	/* 3: u32, dump only; 0: pending */
	__EDGEFW_BINDING_A_LAST
};

#define EDGEFW_BINDING_A_MAX (__EDGEFW_BINDING_A_LAST - 1)

enum edgefw_role_attr {
	EDGEFW_ROLE_A_UNSPEC,		/* 0 */
	EDGEFW_ROLE_A_TYPE,		/* 1: u8, enum edgefw_role */
	EDGEFW_ROLE_A_ADDRS,		/* 2: nest of EDGEFW_A_ADDR */
	EDGEFW_ROLE_A_INTERNAL_ADDR,	/* 3: address */
	EDGEFW_ROLE_A_MEDIA_RANGE,	/* 4: u8, enum edgefw_media_range */
	__EDGEFW_ROLE_A_LAST
};

#define EDGEFW_ROLE_A_MAX (__EDGEFW_ROLE_A_LAST - 1)

enum edgefw_rule_attr {
	EDGEFW_RULE_A_UNSPEC,		/* 0 */
	EDGEFW_RULE_A_ROLE,		/* 1: u8, enum edgefw_role */
	EDGEFW_RULE_A_ROW,		/* 2: u16, row of the reference table */
	EDGEFW_RULE_A_ZONE,		/* 3: u8, enum edgefw_zone */
	EDGEFW_RULE_A_DIR,		/* 4: u8, enum edgefw_dir */
	EDGEFW_RULE_A_PROTO,		/* 5: u8, IPPROTO_TCP or IPPROTO_UDP */
	EDGEFW_RULE_A_SRC,		/* 6: address; absent: any */
	EDGEFW_RULE_A_DST,		/* 7: address; absent: any */
	EDGEFW_RULE_A_SPORT_MIN,	/* 8: u16 */
	EDGEFW_RULE_A_SPORT_MAX,	/* 9: u16 */
	EDGEFW_RULE_A_DPORT_MIN,	/* 10: u16 */
	EDGEFW_RULE_A_DPORT_MAX,	/* 11: u16 */
	EDGEFW_RULE_A_PACKETS,		/* 12: u64 */
	EDGEFW_RULE_A_BYTES,		/* 13: u64 */
	EDGEFW_RULE_A_USED_FOR,		/* 14: string, from the reference */
	EDGEFW_RULE_A_PAD,		/* 15: alignment of u64 */
	__EDGEFW_RULE_A_LAST
};

#define EDGEFW_RULE_A_MAX (__EDGEFW_RULE_A_LAST - 1)

/* Per-zone counters of packets seen on bound interfaces. */
enum edgefw_zstat_attr {
	EDGEFW_ZSTAT_A_UNSPEC,		/* 0 */
	EDGEFW_ZSTAT_A_ZONE,		/* 1: u8, enum edgefw_zone */
	EDGEFW_ZSTAT_A_ACCEPT_STATE,	/* 2: u64, established/related */
	EDGEFW_ZSTAT_A_ACCEPT_ND,	/* 3: u64, IPv6 neighbour discovery */
	EDGEFW_ZSTAT_A_DROP_NO_RULE,	/* 4: u64, no rule matched */
	EDGEFW_ZSTAT_A_DROP_BAD_HEADER,	/* 5: u64, truncated/bad header */
	EDGEFW_ZSTAT_A_DROP_PROTO,	/* 6: u64, neither TCP nor UDP */
	EDGEFW_ZSTAT_A_DROP_FRAGMENT,	/* 7: u64, fragment not reassembled */
	EDGEFW_ZSTAT_A_PAD,		/* 8: alignment of u64 */
	__EDGEFW_ZSTAT_A_LAST
};

#define EDGEFW_ZSTAT_A_MAX (__EDGEFW_ZSTAT_A_LAST - 1)

enum edgefw_zone {
	EDGEFW_ZONE_EXTERNAL,		/* 0: Internet side */
	EDGEFW_ZONE_INTERNAL,		/* 1: corporate (pool) side */
	__EDGEFW_ZONE_LAST
};

#define EDGEFW_ZONE_MAX (__EDGEFW_ZONE_LAST - 1)

/*
 * Direction from the host's point of view, where the packet crosses the
 * bound interface. The reference's "(in)" (less to more trusted) is
 * EDGEFW_DIR_IN on the external interface but EDGEFW_DIR_OUT on the
 * internal one (edge -> pool).
 */
enum edgefw_dir {
	EDGEFW_DIR_IN,			/* 0: entering the interface */
	EDGEFW_DIR_OUT,			/* 1: leaving the interface */
	__EDGEFW_DIR_LAST
};

#define EDGEFW_DIR_MAX (__EDGEFW_DIR_LAST - 1)

enum edgefw_role {
	EDGEFW_ROLE_ACCESS,		/* 0: Access Edge */
	EDGEFW_ROLE_WEBCONF,		/* 1: Web Conferencing Edge */
	EDGEFW_ROLE_AV,			/* 2: A/V Edge */
	EDGEFW_ROLE_RPROXY,		/* 3: Reverse Proxy */
	__EDGEFW_ROLE_LAST
};

#define EDGEFW_ROLE_MAX (__EDGEFW_ROLE_LAST - 1)

/* Which rows of the A/V 50,000-59,999 range are open. */
enum edgefw_media_range {
	EDGEFW_MEDIA_LYNC2010,		/* 0: TCP out (the default) */
	EDGEFW_MEDIA_NONE,		/* 1: none */
	EDGEFW_MEDIA_OCS2007,		/* 2: TCP and UDP, in and out */
	__EDGEFW_MEDIA_LAST
};

#define EDGEFW_MEDIA_MAX (__EDGEFW_MEDIA_LAST - 1)

#endif /* _UAPI_LINUX_EDGEFW_H */
