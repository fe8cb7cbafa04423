// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "../uapi/linux/edgefw.h"
#include "info.h"
#include "netlink.h"
#include "util.h"

int ef_protocol_check(unsigned int family_version, bool has_min,
		      unsigned int protocol_min, char *err, size_t errlen)
{
	if (family_version < EDGEFW_GENL_VERSION)
		return ef_err(err, errlen,
			      "the loaded edgefw module speaks netlink protocol %u, older than this edgectl's %d: upgrade the module to edgectl's version (or use the edgectl of the module's)",
			      family_version, EDGEFW_GENL_VERSION);
	if (has_min && protocol_min > EDGEFW_GENL_VERSION)
		return ef_err(err, errlen,
			      "the loaded edgefw module speaks netlink protocols %u to %u, newer than this edgectl's %d: upgrade edgectl to the module's version",
			      protocol_min, family_version, EDGEFW_GENL_VERSION);
	return 0;
}

/* "protocol 2", "protocols 2 to 3" */
static void print_protocols(FILE *f, unsigned int min, unsigned int max)
{
	if (min == max)
		fprintf(f, "netlink protocol %u", max);
	else
		fprintf(f, "netlink protocols %u to %u", min, max);
}

int ef_print_versions(FILE *f, const char *version)
{
	char err[EF_ERRLEN];
	struct ef_backend *be;
	struct ef_info info;
	unsigned int newest;
	bool absent;
	int r = EXIT_OK;

	fprintf(f, "edgectl %s (edgefw netlink protocol %d)\n", version,
		EDGEFW_GENL_VERSION);
	be = ef_nl_open_any(&absent, err, sizeof(err));
	if (!be && absent) {
		fprintf(f, "edgefw module: not loaded\n");
		return EXIT_OK;
	}
	if (!be) {
		fprintf(stderr, "edgectl: %s\n", err);
		return EXIT_RUNTIME;
	}
	newest = ef_nl_family_version(be);
	if (be->get_info(be, &info)) {
		/* a module older than GET_INFO: its family still says */
		fprintf(f, "edgefw module: version unknown (%s), ", be->err);
		print_protocols(f, newest, newest);
		info.has_protocols = false;
	} else {
		fprintf(f, "edgefw module %s (", *info.version ?
			info.version : "of unknown version");
		print_protocols(f, info.has_protocols ? info.protocol_min :
				newest, newest);
		fputc(')', f);
	}
	fputc('\n', f);
	if (ef_protocol_check(newest, info.has_protocols, info.protocol_min,
			      err, sizeof(err))) {
		fprintf(stderr, "edgectl: %s\n", err);
		r = EXIT_RUNTIME;
	} else if (strcmp(info.version, version)) {
		fprintf(stderr, "edgectl: warning: edgectl %s and the edgefw module %s are not the same version: install the same version of both\n",
			version, *info.version ? info.version : "(unknown)");
	}
	be->close(be);
	return r;
}
