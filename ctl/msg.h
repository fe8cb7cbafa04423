/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The edgefw generic netlink protocol (uapi/linux/edgefw.h) as messages:
 * building SET_CONFIG from a configuration, reading GET_CONFIG and
 * GET_RULES dump messages back into the model, reading error messages
 * (extended ack). No sockets here: this is what the unit tests exercise.
 */
#ifndef EDGECTL_MSG_H
#define EDGECTL_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netlink/msg.h>

#include "backend.h"
#include "config.h"
#include "rules.h"

/*
 * An attribute is at most 65535 bytes (nla_len is 16 bits): a role with
 * more addresses than fit one EDGEFW_A_ROLE nest (about 8000 IPv4 or 3200
 * IPv6 addresses) is sent as several EDGEFW_A_ROLE nests with the same
 * TYPE, INTERNAL_ADDR and MEDIA_RANGE, just as the kernel dumps it.
 */
#define EF_NLA_MAX_LEN	0xffff

/* Exact size of the SET_CONFIG message, netlink header included. */
size_t ef_msg_set_config_size(const struct ef_config *cfg,
			      const struct ef_set_how *how);
/*
 * Build EDGEFW_CMD_SET_CONFIG for the whole configuration, sent as how
 * says. NULL if it cannot be built.
 */
struct nl_msg *ef_msg_set_config(int family, const struct ef_config *cfg,
				 const struct ef_set_how *how);
/* A request without attributes (dumps, RESET_COUNTERS, CONFIRM, REVERT). */
struct nl_msg *ef_msg_simple(int family, uint8_t cmd, int flags);
/* Read the answer to SET_CONFIG (its generation and EDGEFW_A_CHECK). */
int ef_msg_parse_check(const struct nlmsghdr *nlh, struct ef_check *c,
		       char *err, size_t errlen);

struct nl_msg *ef_msg_verdict(int family, const struct ef_query *q);
/* Read the answer to VERDICT into v (ef_rules_init(&v->rule) first). */
int ef_msg_parse_verdict(const struct nlmsghdr *nlh, struct ef_verdict *v,
			 char *err, size_t errlen);

/*
 * Read one message of a GET_CONFIG dump into cfg (start from an empty
 * configuration; call ef_config_normalize after the last message).
 * Returns 0 or -1 with a sentence in err.
 */
int ef_msg_parse_config(const struct nlmsghdr *nlh, struct ef_config *cfg,
			char *err, size_t errlen);
/* Read one message of a GET_RULES dump into rules. */
int ef_msg_parse_rules(const struct nlmsghdr *nlh, struct ef_rules *rules,
		       char *err, size_t errlen);

/* What an NLMSG_ERROR (or an NLMSG_DONE ending a dump) says. */
struct ef_nlerr {
	int error;			/* positive errno; 0: success */
	char msg[256];			/* NLMSGERR_ATTR_MSG, or "" */
	bool has_offs;			/* NLMSGERR_ATTR_OFFS */
	uint32_t offs;
	bool has_miss_type;		/* NLMSGERR_ATTR_MISS_TYPE */
	uint32_t miss_type;
};

/* Returns 0, or -1 if the message is not a well-formed ERROR or DONE. */
int ef_msg_parse_error(const struct nlmsghdr *nlh, struct ef_nlerr *e);
/*
 * Name what sits at byte offset 'offs' of a message we sent, as an
 * operator would recognise it ("role av, address 10.45.16.30").
 * Returns buf, or NULL when the offset names nothing useful.
 */
const char *ef_msg_describe_offset(const struct nlmsghdr *sent, uint32_t offs,
				   char *buf, size_t len);

#endif
