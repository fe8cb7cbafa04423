// SPDX-License-Identifier: GPL-2.0
/* kmod/config.c exactly as edgefw.ko compiles it. */
#include "../../../kmod/config.c"
