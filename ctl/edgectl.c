// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl: the command line of edgefw, the Lync Server 2010 / Skype for
 * Business edge firewall. See edgectl(8).
 */
#include "commands.h"

#ifndef EDGECTL_VERSION
#define EDGECTL_VERSION "0.1.0"
#endif

int main(int argc, char *argv[])
{
	return ef_cli(argc, argv, EDGECTL_VERSION);
}
