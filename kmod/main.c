// SPDX-License-Identifier: GPL-2.0
/*
 * edgefw: the firewall policy of a Lync Server 2010 / Skype for Business
 * edge tier, per interface and per network namespace.
 */
#include <linux/module.h>
#include <net/genetlink.h>

#include "edgefw.h"

static int __init edgefw_init(void)
{
	int err;

	err = edgefw_netns_init();
	if (err)
		return err;
	err = edgefw_genl_init();
	if (err)
		edgefw_netns_exit();
	return err;
}

static void __exit edgefw_exit(void)
{
	edgefw_genl_exit();
	edgefw_netns_exit();
}

module_init(edgefw_init);
module_exit(edgefw_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Lync/Skype for Business edge firewall");
MODULE_VERSION(EDGEFW_VERSION);
MODULE_ALIAS_GENL_FAMILY(EDGEFW_GENL_NAME);
