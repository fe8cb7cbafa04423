/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interfaces of the network namespace edgectl runs in: a binding that
 * names none of them is worth a warning (a typo such as eht0 would leave
 * eth0 unfiltered), with the name meant if one is close.
 */
#ifndef EDGECTL_IFACES_H
#define EDGECTL_IFACES_H

#include <stdbool.h>
#include <stddef.h>

bool ef_iface_exists(const char *name);
/*
 * "no interface 'eht0' (did you mean 'eth0'?)": the sentence for a name
 * no interface has, naming the closest interface (at most 2 edits away)
 * if there is one. Returns buf.
 */
const char *ef_iface_absent(const char *name, char *buf, size_t len);
/* Edits (insert, delete, replace, swap two neighbours) from a to b. */
unsigned int ef_name_distance(const char *a, const char *b);

#endif
