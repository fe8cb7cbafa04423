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
 * Every request carries the protocol version in its genetlink header
 * (genlmsghdr.version); the kernel refuses, with EPROTO and a message,
 * anything outside [EDGEFW_GENL_VERSION_MIN, EDGEFW_GENL_VERSION]. The
 * family's version (CTRL_ATTR_VERSION) is the kernel's EDGEFW_GENL_VERSION,
 * so a tool can tell before it sends anything.
 *
 * EDGEFW_CMD_GET_CONFIG (dump)
 *   Returns a sequence of messages, each with EDGEFW_A_GENERATION:
 *     the head: EDGEFW_A_FLAGS, EDGEFW_A_PROFILE, EDGEFW_A_LOG_GROUP (if
 *       set), EDGEFW_A_PENDING (if a change waits for confirmation),
 *       EDGEFW_A_POOL;
 *     then EDGEFW_A_BINDINGS, in a message of its own;
 *     then the EDGEFW_A_MGMT nests, as many per message as fit;
 *     then one EDGEFW_A_ROLE per message with as many addresses as fit; a
 *     role with many addresses spans several messages, each repeating
 *     EDGEFW_ROLE_A_TYPE, _INTERNAL_ADDR and _MEDIA_RANGE.
 *   A reader merges what the messages carry.
 *   The dump is consistent: NLM_F_DUMP_INTR is set if the configuration
 *   changed during it, and the reader retries.
 *
 * EDGEFW_CMD_SET_CONFIG (do, admin)
 *   Replaces the whole configuration, all or nothing:
 *     EDGEFW_A_FLAGS        u32, EDGEFW_F_*; absent means 0
 *     EDGEFW_A_PROFILE      u8, enum edgefw_profile; absent: lync2010
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
 *     EDGEFW_A_MGMT         nest, repeated, at most EDGEFW_MAX_MGMT: one
 *                           management rule outside the reference:
 *                             EDGEFW_MGMT_A_ZONE        (required)
 *                             EDGEFW_MGMT_A_PROTO       (required)
 *                             EDGEFW_MGMT_A_PREFIX      (required)
 *                             EDGEFW_MGMT_A_PREFIX_LEN  (required)
 *                             EDGEFW_MGMT_A_PORT        (required)
 *                           admits packets entering an interface of ZONE
 *                           from PREFIX to PORT of any local address.
 *     EDGEFW_A_LOG_GROUP    u16, optional: with EDGEFW_F_LOG_DROPS, log to
 *                           this NFLOG group instead of the namespace's
 *                           logger (nf_log)
 *     EDGEFW_A_GENERATION   u32, optional: refuse with ESTALE unless the
 *                           configuration is still at this generation
 *                           (read-modify-write without lost updates)
 *     EDGEFW_A_CHECK_ONLY   flag: validate and build everything, change
 *                           nothing; the reply carries EDGEFW_A_CHECK
 *     EDGEFW_A_CONFIRM_TIMEOUT  u32 seconds (1..EDGEFW_MAX_CONFIRM_SECONDS):
 *                           keep the configuration in force and restore it
 *                           unless EDGEFW_CMD_CONFIRM comes in time. While
 *                           such a change waits, any other change but a
 *                           CHECK_ONLY one is refused (EBUSY).
 *   Addresses are EDGEFW_A_ADDR-style binary attributes of 4 (IPv4) or 16
 *   (IPv6) bytes in network byte order.
 *   The reply (a message of the same command) carries EDGEFW_A_GENERATION
 *   (the new one; with CHECK_ONLY the current one) and EDGEFW_A_CHECK.
 *
 * EDGEFW_CMD_GET_RULES (dump)
 *   One message per rule: EDGEFW_A_GENERATION and an EDGEFW_A_RULE nest
 *   (EDGEFW_RULE_A_*) with its counters; then one message per zone with an
 *   EDGEFW_A_ZONE_STATS nest (EDGEFW_ZSTAT_A_*).
 *
 * EDGEFW_CMD_RESET_COUNTERS (do, admin)
 *   Sets every rule and zone counter of the namespace back to zero.
 *
 * EDGEFW_CMD_CHANGED (multicast, group EDGEFW_MCGRP_EVENTS, admin)
 *   Sent after every change of configuration or counters, with
 *   EDGEFW_A_GENERATION and EDGEFW_A_EVENT.
 *
 * EDGEFW_CMD_CONFIRM (do, admin)
 *   Keeps the change that waits for confirmation (ENOENT if none).
 *
 * EDGEFW_CMD_REVERT (do, admin)
 *   Restores now the configuration a waiting change replaced (ENOENT if
 *   none), as the timer would.
 *
 * EDGEFW_CMD_VERDICT (do, admin)
 *   Judges a described packet with the rule set in force, as the hooks
 *   would judge the first packet of a new connection:
 *     EDGEFW_A_QUERY        nest, EDGEFW_QUERY_A_* (IFNAME, DIR, PROTO,
 *                           SRC, DST required; ports default to 0); an
 *                           attribute given twice is refused
 *   The reply carries EDGEFW_A_GENERATION and EDGEFW_A_VERDICT, whose
 *   EDGEFW_VERDICT_A_RULE holds the matching rule's EDGEFW_RULE_A_*
 *   attributes, as a rule of the rules dump.
 *
 * EDGEFW_CMD_GET_INFO (do)
 *   The reply carries EDGEFW_A_INFO: the module's version and the range of
 *   protocol versions it speaks.
 */
#ifndef _UAPI_LINUX_EDGEFW_H
#define _UAPI_LINUX_EDGEFW_H

#define EDGEFW_GENL_NAME	"edgefw"
#define EDGEFW_GENL_VERSION	2	/* the protocol of this header */
#define EDGEFW_GENL_VERSION_MIN	2	/* the oldest one still spoken */
#define EDGEFW_MCGRP_EVENTS	"events"

#define EDGEFW_MAX_BINDINGS	64	/* per network namespace */
#define EDGEFW_MAX_FRONT_ENDS	32	/* Front End servers in a pool */
#define EDGEFW_MAX_DIRECTORS	32	/* Directors in a pool */
#define EDGEFW_MAX_ROLE_ADDRS	1000000	/* external addresses of one role */
#define EDGEFW_MAX_MGMT		256	/* management rules */
#define EDGEFW_MAX_CONFIRM_SECONDS 3600	/* longest wait for a confirmation */

enum edgefw_cmd {
	EDGEFW_CMD_UNSPEC,		/* 0: never used */
	EDGEFW_CMD_GET_CONFIG,		/* 1: dump the configuration */
	EDGEFW_CMD_SET_CONFIG,		/* 2: replace the configuration */
	EDGEFW_CMD_GET_RULES,		/* 3: dump rules and counters */
	EDGEFW_CMD_RESET_COUNTERS,	/* 4: zero every counter */
	EDGEFW_CMD_CHANGED,		/* 5: event: something changed */
	EDGEFW_CMD_CONFIRM,		/* 6: keep the waiting change */
	EDGEFW_CMD_REVERT,		/* 7: undo the waiting change now */
	EDGEFW_CMD_VERDICT,		/* 8: judge a described packet */
	EDGEFW_CMD_GET_INFO,		/* 9: versions */
	__EDGEFW_CMD_LAST
};

#define EDGEFW_CMD_MAX (__EDGEFW_CMD_LAST - 1)

/* Flags in EDGEFW_A_FLAGS. */
enum edgefw_flag {
	EDGEFW_F_HTTP_REDIRECT	= 1U << 0, /* reverse proxy TCP 80 in */
	EDGEFW_F_LOG_DROPS	= 1U << 1, /* log drops through nf_log */
	EDGEFW_F_AUDIT		= 1U << 2, /* accept and count what has no rule */
	EDGEFW_F_XMPP		= 1U << 3, /* XMPP rows (profile sfb2015) */
	EDGEFW_F_STATELESS_MEDIA = 1U << 4, /* UDP media rows before conntrack */
	__EDGEFW_F_ALL		= EDGEFW_F_HTTP_REDIRECT | EDGEFW_F_LOG_DROPS |
				  EDGEFW_F_AUDIT | EDGEFW_F_XMPP |
				  EDGEFW_F_STATELESS_MEDIA
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
	EDGEFW_A_PROFILE,		/* 10: u8, enum edgefw_profile */
	EDGEFW_A_MGMT,			/* 11: nest, EDGEFW_MGMT_A_* */
	EDGEFW_A_LOG_GROUP,		/* 12: u16, NFLOG group */
	EDGEFW_A_CHECK_ONLY,		/* 13: flag */
	EDGEFW_A_CONFIRM_TIMEOUT,	/* 14: u32, seconds */
	EDGEFW_A_PENDING,		/* 15: nest, EDGEFW_PENDING_A_* */
	EDGEFW_A_CHECK,			/* 16: nest, EDGEFW_CHECK_A_* */
	EDGEFW_A_QUERY,			/* 17: nest, EDGEFW_QUERY_A_* */
	EDGEFW_A_VERDICT,		/* 18: nest, EDGEFW_VERDICT_A_* */
	EDGEFW_A_EVENT,			/* 19: nest, EDGEFW_EVENT_A_* */
	EDGEFW_A_INFO,			/* 20: nest, EDGEFW_INFO_A_* */
	__EDGEFW_A_LAST
};

#define EDGEFW_A_MAX (__EDGEFW_A_LAST - 1)

enum edgefw_pool_attr {
	EDGEFW_POOL_A_UNSPEC,		/* 0 */
	EDGEFW_POOL_A_FRONT_END,	/* 1: address, repeated */
	EDGEFW_POOL_A_VIP,		/* 2: address */
	EDGEFW_POOL_A_DIRECTOR,		/* 3: address, repeated; not an FE */
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

enum edgefw_mgmt_attr {
	EDGEFW_MGMT_A_UNSPEC,		/* 0 */
	EDGEFW_MGMT_A_ZONE,		/* 1: u8, enum edgefw_zone */
	EDGEFW_MGMT_A_PROTO,		/* 2: u8, IPPROTO_TCP or IPPROTO_UDP */
	EDGEFW_MGMT_A_PREFIX,		/* 3: address, host bits zero */
	EDGEFW_MGMT_A_PREFIX_LEN,	/* 4: u8, <= 32 (IPv4) or 128 */
	EDGEFW_MGMT_A_PORT,		/* 5: u16, destination port, > 0 */
	__EDGEFW_MGMT_A_LAST
};

#define EDGEFW_MGMT_A_MAX (__EDGEFW_MGMT_A_LAST - 1)

/* A change that waits for EDGEFW_CMD_CONFIRM. */
enum edgefw_pending_attr {
	EDGEFW_PENDING_A_UNSPEC,	/* 0 */
	EDGEFW_PENDING_A_REMAINING_MS,	/* 1: u32, until the revert */
	EDGEFW_PENDING_A_TIMEOUT,	/* 2: u32, seconds asked for */
	__EDGEFW_PENDING_A_LAST
};

#define EDGEFW_PENDING_A_MAX (__EDGEFW_PENDING_A_LAST - 1)

/* What a configuration change does to the rule set (reply to SET_CONFIG). */
enum edgefw_check_attr {
	EDGEFW_CHECK_A_UNSPEC,		/* 0 */
	EDGEFW_CHECK_A_RULES_BEFORE,	/* 1: u32, rules in force now */
	EDGEFW_CHECK_A_RULES_AFTER,	/* 2: u32, rules of the new set */
	EDGEFW_CHECK_A_RULES_KEPT,	/* 3: u32, rules in both */
	EDGEFW_CHECK_A_BYTES,		/* 4: u32, kilobytes the new set takes */
	__EDGEFW_CHECK_A_LAST
};

#define EDGEFW_CHECK_A_MAX (__EDGEFW_CHECK_A_LAST - 1)

/* A packet to judge (EDGEFW_CMD_VERDICT). */
enum edgefw_query_attr {
	EDGEFW_QUERY_A_UNSPEC,		/* 0 */
	EDGEFW_QUERY_A_IFNAME,		/* 1: string, the interface crossed */
	EDGEFW_QUERY_A_DIR,		/* 2: u8, enum edgefw_dir */
	EDGEFW_QUERY_A_PROTO,		/* 3: u8, IPPROTO_TCP or IPPROTO_UDP */
	EDGEFW_QUERY_A_SRC,		/* 4: address */
	EDGEFW_QUERY_A_DST,		/* 5: address, same family as SRC */
	EDGEFW_QUERY_A_SPORT,		/* 6: u16 */
	EDGEFW_QUERY_A_DPORT,		/* 7: u16 */
	__EDGEFW_QUERY_A_LAST
};

#define EDGEFW_QUERY_A_MAX (__EDGEFW_QUERY_A_LAST - 1)

enum edgefw_verdict_attr {
	EDGEFW_VERDICT_A_UNSPEC,	/* 0 */
	EDGEFW_VERDICT_A_ACCEPT,	/* 1: u8, 1 accept, 0 drop */
	EDGEFW_VERDICT_A_REASON,	/* 2: u8, enum edgefw_reason */
	EDGEFW_VERDICT_A_ZONE,		/* 3: u8, absent if not bound */
	EDGEFW_VERDICT_A_RULE,		/* 4: nest, EDGEFW_RULE_A_*: the rule */
	__EDGEFW_VERDICT_A_LAST
};

#define EDGEFW_VERDICT_A_MAX (__EDGEFW_VERDICT_A_LAST - 1)

/* What an event is about. */
enum edgefw_event_attr {
	EDGEFW_EVENT_A_UNSPEC,		/* 0 */
	EDGEFW_EVENT_A_WHAT,		/* 1: u8, enum edgefw_event */
	EDGEFW_EVENT_A_PID,		/* 2: u32, the changer (if a task) */
	EDGEFW_EVENT_A_UID,		/* 3: u32, its uid in the netns' owner */
	EDGEFW_EVENT_A_COMM,		/* 4: string, its command name */
	EDGEFW_EVENT_A_IFNAME,		/* 5: string, for interface events */
	EDGEFW_EVENT_A_RULES,		/* 6: u32, rules in force after it */
	__EDGEFW_EVENT_A_LAST
};

#define EDGEFW_EVENT_A_MAX (__EDGEFW_EVENT_A_LAST - 1)

enum edgefw_event {
	EDGEFW_EVENT_CONFIG,		/* 0: a configuration was put in force */
	EDGEFW_EVENT_COUNTERS_RESET,	/* 1 */
	EDGEFW_EVENT_INTERFACE,		/* 2: a bound interface came or went */
	EDGEFW_EVENT_PENDING,		/* 3: a change waits for confirmation */
	EDGEFW_EVENT_CONFIRMED,		/* 4 */
	EDGEFW_EVENT_REVERTED,		/* 5: by the timer or on request */
	__EDGEFW_EVENT_LAST
};

enum edgefw_info_attr {
	EDGEFW_INFO_A_UNSPEC,		/* 0 */
	EDGEFW_INFO_A_VERSION,		/* 1: string, the module's version */
	EDGEFW_INFO_A_PROTOCOL,		/* 2: u32, EDGEFW_GENL_VERSION */
	EDGEFW_INFO_A_PROTOCOL_MIN,	/* 3: u32, EDGEFW_GENL_VERSION_MIN */
	__EDGEFW_INFO_A_LAST
};

#define EDGEFW_INFO_A_MAX (__EDGEFW_INFO_A_LAST - 1)

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
	EDGEFW_RULE_A_KIND,		/* 16: u8, enum edgefw_rule_kind */
	EDGEFW_RULE_A_SRC_PREFIX_LEN,	/* 17: u8, if SRC is a prefix */
	EDGEFW_RULE_A_STATELESS,	/* 18: flag: before conntrack */
	__EDGEFW_RULE_A_LAST
};

#define EDGEFW_RULE_A_MAX (__EDGEFW_RULE_A_LAST - 1)

enum edgefw_rule_kind {
	EDGEFW_RULE_REFERENCE,		/* 0: a row of the reference tables */
	EDGEFW_RULE_MGMT,		/* 1: management (ROW: 1, 2, ...) */
	EDGEFW_RULE_REPLY,		/* 2: stateless media answers */
	__EDGEFW_RULE_KIND_LAST
};

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
	EDGEFW_ZSTAT_A_DROP_INVALID,	/* 9: u64, conntrack: invalid */
	EDGEFW_ZSTAT_A_DROP_ND_HOP_LIMIT, /* 10: u64, ND not from the link */
	EDGEFW_ZSTAT_A_ACCEPT_AUDIT,	/* 11: u64, no rule, audit mode */
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

/*
 * Which rows of the A/V 50,000-59,999 range are open. The default is the
 * profile's standard: TCP out under lync2010, TCP and UDP out under the
 * Skype for Business profiles, where OCS2007 (inbound rows) is refused.
 */
enum edgefw_media_range {
	EDGEFW_MEDIA_LYNC2010,		/* 0: the profile's standard rows */
	EDGEFW_MEDIA_NONE,		/* 1: none */
	EDGEFW_MEDIA_OCS2007,		/* 2: TCP and UDP, in and out */
	__EDGEFW_MEDIA_LAST
};

#define EDGEFW_MEDIA_STANDARD EDGEFW_MEDIA_LYNC2010
#define EDGEFW_MEDIA_MAX (__EDGEFW_MEDIA_LAST - 1)

/* Which product's tables the namespace enforces. */
enum edgefw_profile {
	EDGEFW_PROFILE_LYNC2010,	/* 0: Lync Server 2010 (the default) */
	EDGEFW_PROFILE_SFB2015,		/* 1: Skype for Business Server 2015 */
	EDGEFW_PROFILE_SFB2019,		/* 2: 2019 and Subscription Edition */
	__EDGEFW_PROFILE_LAST
};

#define EDGEFW_PROFILE_MAX (__EDGEFW_PROFILE_LAST - 1)

/*
 * Why a packet on a bound interface was accepted or dropped: the zone
 * counters count by reason, EDGEFW_CMD_VERDICT answers with one.
 */
enum edgefw_reason {
	EDGEFW_R_RULE,			/* 0: accept: a rule matched */
	EDGEFW_R_STATE,			/* 1: accept: established/related */
	EDGEFW_R_ND,			/* 2: accept: IPv6 ND or MLD */
	EDGEFW_R_NO_RULE,		/* 3: drop: no rule matched */
	EDGEFW_R_BAD_HEADER,		/* 4: drop: truncated/bad header */
	EDGEFW_R_PROTO,			/* 5: drop: neither TCP nor UDP */
	EDGEFW_R_FRAGMENT,		/* 6: drop: not reassembled */
	EDGEFW_R_INVALID,		/* 7: drop: conntrack says invalid */
	EDGEFW_R_ND_HOP_LIMIT,		/* 8: drop: ND/MLD not from the link */
	EDGEFW_R_AUDIT,			/* 9: accept: no rule, audit mode */
	EDGEFW_R_UNBOUND,		/* 10: accept: not bound (verdicts) */
	__EDGEFW_R_LAST
};

#define EDGEFW_R_MAX (__EDGEFW_R_LAST - 1)

#endif /* _UAPI_LINUX_EDGEFW_H */
