// SPDX-License-Identifier: GPL-2.0
/* The reference tables exactly as edgefw.ko compiles them. */
#include "../../../kmod/template.c"
