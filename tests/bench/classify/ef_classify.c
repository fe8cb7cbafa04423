// SPDX-License-Identifier: GPL-2.0
/* kmod/classify.c exactly as edgefw.ko compiles it. */
#include "../../../kmod/classify.c"
