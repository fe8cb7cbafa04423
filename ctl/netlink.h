/* SPDX-License-Identifier: GPL-2.0 */
/* The generic netlink transport to edgefw.ko, over libnl-genl-3. */
#ifndef EDGECTL_NETLINK_H
#define EDGECTL_NETLINK_H

#include <stdbool.h>
#include <stdint.h>

#include "backend.h"

/* Dumps interrupted by a change (NLM_F_DUMP_INTR) are redone this often. */
#define EF_DUMP_TRIES	10

/*
 * The edgefw family, refused with one line (ef_protocol_check) if it
 * speaks no protocol of this edgectl's.
 */
struct ef_backend *ef_nl_open(char *err, size_t errlen);
/*
 * The edgefw family whatever protocol it speaks, for asking its versions
 * (GET_INFO); *absent: the module is not loaded.
 */
struct ef_backend *ef_nl_open_any(bool *absent, char *err, size_t errlen);
/* The family's version (CTRL_ATTR_VERSION): its newest protocol. */
unsigned int ef_nl_family_version(const struct ef_backend *be);
/* The socket underneath (to join a multicast group). */
struct nl_sock;
struct nl_sock *ef_nl_socket(struct ef_backend *be);

/*
 * The transport underneath, for any generic netlink family (the unit
 * tests drive it against the kernel's own "nlctrl" family).
 */
struct nlmsghdr;
struct nl_msg;
typedef int (*ef_nl_parse_fn)(const struct nlmsghdr *nlh, void *arg,
			      char *err, size_t errlen);

/* NULL with a sentence in err if the family is absent or too old. */
struct ef_backend *ef_nl_open_family(const char *name,
				     unsigned int min_version, char *err,
				     size_t errlen);
int ef_nl_family_id(const struct ef_backend *be);
/*
 * Send msg (a request for command cmd) and read the whole answer: each
 * data message goes to parse(), then the ACK, ERROR or DONE. Returns 0 or
 * -errno with a sentence in be->err; *intr tells if a dump was marked
 * NLM_F_DUMP_INTR.
 */
int ef_nl_request(struct ef_backend *be, uint8_t cmd, struct nl_msg *msg,
		  ef_nl_parse_fn parse, void *arg, bool *intr);

#endif
