/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Addresses (IPv4 or IPv6, network byte order) and sorted sets of them.
 * Order: every IPv4 address before every IPv6 address, then numerically.
 */
#ifndef EDGECTL_ADDR_H
#define EDGECTL_ADDR_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ef_addr {
	uint8_t family;			/* AF_INET or AF_INET6 */
	uint8_t bytes[16];		/* IPv4 in the first 4 */
};

#define EF_ADDRSTRLEN INET6_ADDRSTRLEN

/*
 * Parse text into the address of a host (a role, a Front End, the VIP).
 * Returns 0, or -1 with *why set to the reason: what is wrong with the
 * text (prefix length, zone index, leading zero, ...) or why that address
 * cannot be a host's (unspecified, loopback, link-local, multicast,
 * broadcast, IPv4-mapped).
 */
int ef_addr_parse(const char *s, struct ef_addr *a, const char **why);
/* Any IPv4 or IPv6 address (of a packet): what ef_addr_parse reads. */
int ef_addr_parse_any(const char *s, struct ef_addr *a, const char **why);
/*
 * Parse a prefix, ADDR/LEN or ADDR alone (a host: /32 or /128), as the
 * source of management rules: any address, no bits set past the length.
 * Returns 0, or -1 with *why set; if only bits past the length are set,
 * a and *plen hold the network (a->family is 0 for any other fault).
 */
int ef_prefix_parse(const char *s, struct ef_addr *a, uint8_t *plen,
		    const char **why);
/* From 4 or 16 bytes (a netlink attribute); -1 for any other length. */
int ef_addr_from_bytes(struct ef_addr *a, const void *p, size_t len);
size_t ef_addr_len(const struct ef_addr *a);
const char *ef_addr_str(const struct ef_addr *a, char buf[EF_ADDRSTRLEN]);
int ef_addr_cmp(const struct ef_addr *a, const struct ef_addr *b);
bool ef_addr_eq(const struct ef_addr *a, const struct ef_addr *b);

/*
 * A set of addresses. Normalized: sorted by ef_addr_cmp, no duplicates.
 * v[0 .. sorted) is known to be normalized; what follows was appended.
 */
struct ef_addrset {
	struct ef_addr *v;
	size_t n, cap;
	size_t sorted;
};

void ef_addrset_free(struct ef_addrset *s);
/* Append without keeping the order; call ef_addrset_normalize after. */
void ef_addrset_append(struct ef_addrset *s, const struct ef_addr *a);
/* Sort and remove duplicates; nothing to do if s is normalized. */
void ef_addrset_normalize(struct ef_addrset *s);
/* s must be normalized. */
bool ef_addrset_contains(const struct ef_addrset *s, const struct ef_addr *a);
/*
 * Add every address of 'add' (normalized) to s, without sorting: s stays
 * normalized while the addresses come in order, and is to be normalized
 * before it is read otherwise. An address s holds is not added again.
 * A file that adds one address per line is read in O(n log n) this way,
 * not in n sorts.
 */
void ef_addrset_merge(struct ef_addrset *s, const struct ef_addrset *add);
/* Remove every address of 'rm' (both normalized). */
void ef_addrset_remove(struct ef_addrset *s, const struct ef_addrset *rm);
void ef_addrset_copy(struct ef_addrset *dst, const struct ef_addrset *src);
bool ef_addrset_eq(const struct ef_addrset *a, const struct ef_addrset *b);

/*
 * A user-supplied word made safe to quote in a one-line message: control
 * characters escaped, long values cut. Returns buf.
 */
#define EF_QUOTELEN 96
const char *ef_quote(const char *s, char buf[EF_QUOTELEN]);

#endif
