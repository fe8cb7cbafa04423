// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <string.h>

#include "../uapi/linux/edgefw.h"
#include "errors.h"
#include "util.h"

#define ANY_CMD 0

static const struct {
	int err;
	uint8_t cmd;
	const char *msg;
} table[] = {
	{ EPERM, ANY_CMD,
	  "permission denied: edgefw needs CAP_NET_ADMIN (run edgectl as root)" },
	{ EACCES, ANY_CMD,
	  "permission denied: edgefw needs CAP_NET_ADMIN (run edgectl as root)" },
	{ ESTALE, EDGEFW_CMD_SET_CONFIG,
	  "the configuration kept changing while edgectl was changing it; try again" },
	{ EMSGSIZE, EDGEFW_CMD_SET_CONFIG,
	  "the configuration is too large for one netlink message" },
	{ EINVAL, EDGEFW_CMD_SET_CONFIG,
	  "the edgefw module refused the configuration as invalid" },
	{ EINVAL, ANY_CMD, "the edgefw module refused the request as invalid" },
	{ E2BIG, EDGEFW_CMD_SET_CONFIG,
	  "the configuration exceeds a limit of the edgefw module" },
	{ ERANGE, EDGEFW_CMD_SET_CONFIG,
	  "a value of the configuration is out of the edgefw module's range" },
	{ ENOMEM, ANY_CMD, "the kernel is out of memory" },
	{ ENOBUFS, ANY_CMD, "the kernel is out of buffer space" },
	{ EOPNOTSUPP, ANY_CMD,
	  "the loaded edgefw module does not support this request (edgectl and module versions differ?)" },
	{ EBUSY, ANY_CMD, "the edgefw module is busy; try again" },
	{ EAGAIN, ANY_CMD, "the edgefw module is busy; try again" },
};

const char *ef_errno_sentence(int err, uint8_t cmd)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(table); i++)
		if (table[i].err == err &&
		    (table[i].cmd == ANY_CMD || table[i].cmd == cmd))
			return table[i].msg;
	return strerror(err);
}
