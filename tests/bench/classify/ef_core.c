// SPDX-License-Identifier: GPL-2.0
/* The classifier exactly as edgefw.ko compiles it. */
#include "../../../kmod/core.c"
