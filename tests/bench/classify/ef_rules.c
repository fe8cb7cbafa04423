// SPDX-License-Identifier: GPL-2.0
/* kmod/rules.c exactly as edgefw.ko compiles it. */
#include "../../../kmod/rules.c"
