/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Versions: edgectl's, the loaded module's (EDGEFW_CMD_GET_INFO, which the
 * kernel answers whatever protocol the request speaks), and whether the
 * two speak a common netlink protocol.
 *
 * edgectl sends every request at EDGEFW_GENL_VERSION, the protocol of the
 * header it was built with; a module takes requests of the protocols
 * [its EDGEFW_GENL_VERSION_MIN, its EDGEFW_GENL_VERSION]. The family's
 * version (CTRL_ATTR_VERSION) is the newest one, so a module too old is
 * known before anything is sent to it; only for a newer one is its oldest
 * protocol asked (GET_INFO).
 */
#ifndef EDGECTL_INFO_H
#define EDGECTL_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ef_info {
	char version[64];		/* the module's; "" if it did not say */
	bool has_protocols;
	uint32_t protocol;		/* the newest protocol it speaks */
	uint32_t protocol_min;		/* the oldest */
};

/*
 * Does a module whose family has version family_version (and, if known,
 * takes requests down to protocol_min) take this edgectl's requests?
 * Returns 0, or -1 with the one line that says which versions and what to
 * upgrade.
 */
int ef_protocol_check(unsigned int family_version, bool has_min,
		      unsigned int protocol_min, char *err, size_t errlen);

/*
 * edgectl -V: edgectl's version and protocol, the module's (or that it is
 * not loaded), a warning when the two versions differ. Returns the exit
 * status: 1 if the two speak no common protocol.
 */
int ef_print_versions(FILE *f, const char *version);

#endif
