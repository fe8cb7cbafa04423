/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's own jhash.h (JHASH_H: its path in the kernel headers). */
#include <shim.h>
#include JHASH_H
