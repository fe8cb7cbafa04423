/* SPDX-License-Identifier: GPL-2.0 */
/* Stands in for the kernel header of this name: see tests/bench/classify/user/shim.h. */
#include <shim.h>
