// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration as the operator gave it, and the helpers that handle
 * its addresses. Built from netlink (nl_config.c), put in force by
 * commit.c, expanded into rules by rules.c.
 */
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/inetdevice.h>
#include <net/ipv6.h>

#include "edgefw.h"

struct edgefw_config *edgefw_config_alloc(void)
{
	return kzalloc(sizeof(struct edgefw_config), EDGEFW_GFP);
}

void edgefw_config_free(struct edgefw_config *cfg)
{
	unsigned int i;

	if (!cfg)
		return;
	for (i = 0; i < ARRAY_SIZE(cfg->roles); i++)
		kvfree(cfg->roles[i].addrs);
	kvfree(cfg->mgmt);
	kfree(cfg);
}

static size_t edgefw_addr_len(u8 family)
{
	return family == AF_INET6 ? sizeof(struct in6_addr) : sizeof(__be32);
}

/* Orders by family, then numerically: IPv4 before IPv6. */
int edgefw_addr_cmp(const struct edgefw_addr *a, const struct edgefw_addr *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	return memcmp(&a->a, &b->a, edgefw_addr_len(a->family));
}

/* @a (of @prefix's family) lies in @prefix/@plen. */
bool edgefw_addr_in_prefix(const union nf_inet_addr *a,
			   const struct edgefw_addr *prefix, u8 plen)
{
	if (prefix->family == AF_INET)
		return !((a->ip ^ prefix->a.ip) & inet_make_mask(plen));
	return ipv6_prefix_equal(&a->in6, &prefix->a.in6, plen);
}

/*
 * Heapsort, as lib/sort.c, but one that yields the CPU: a configuration
 * may hold millions of addresses, and sort() would keep the CPU for
 * seconds without a scheduling point (PREEMPT_NONE/VOLUNTARY kernels).
 */
static void edgefw_swap(void *a, void *b, size_t size)
{
	u32 *p = a, *q = b, t;

	/* edgefw_sort() lets only 32-bit aligned words in. */
	for (size /= sizeof(u32); size--; p++, q++) {
		t = *p;
		*p = *q;
		*q = t;
	}
}

static void edgefw_sift_down(u8 *base, size_t root, size_t num, size_t size,
			     int (*cmp)(const void *, const void *))
{
	size_t child;

	while ((child = 2 * root + 1) < num) {
		if (child + 1 < num &&
		    cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		edgefw_swap(base + root * size, base + child * size, size);
		root = child;
	}
}

void __edgefw_sort(void *base, size_t num, size_t size,
		   int (*cmp)(const void *, const void *))
{
	size_t i;

	for (i = num / 2; i-- > 0;) {
		edgefw_sift_down(base, i, num, size, cmp);
		if (!(i & 4095))
			cond_resched();
	}
	for (i = num; i-- > 1;) {
		edgefw_swap(base, (u8 *)base + i * size, size);
		edgefw_sift_down(base, 0, i, size, cmp);
		if (!(i & 4095))
			cond_resched();
	}
}
