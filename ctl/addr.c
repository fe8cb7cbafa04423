// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "util.h"

static bool all_zero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

int ef_addr_parse(const char *s, struct ef_addr *a, const char **why)
{
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };

	*why = NULL;
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->bytes) == 1) {
		a->family = AF_INET;
		if (all_zero(a->bytes, 4))
			*why = "unspecified address";
		else if (!a->bytes[0])
			*why = "not a host address: 0.0.0.0/8";
		else if ((a->bytes[0] & 0xf0) == 0xe0)
			*why = "multicast address";
		else if (a->bytes[0] == 0xff && a->bytes[1] == 0xff &&
			 a->bytes[2] == 0xff && a->bytes[3] == 0xff)
			*why = "broadcast address";
		return *why ? -1 : 0;
	}
	if (inet_pton(AF_INET6, s, a->bytes) == 1) {
		a->family = AF_INET6;
		if (all_zero(a->bytes, 16))
			*why = "unspecified address";
		else if (a->bytes[0] == 0xff)
			*why = "multicast address";
		else if (!memcmp(a->bytes, mapped, sizeof(mapped)))
			*why = "IPv4-mapped address; write it as IPv4";
		return *why ? -1 : 0;
	}
	memset(a, 0, sizeof(*a));
	return -1;
}

int ef_addr_from_bytes(struct ef_addr *a, const void *p, size_t len)
{
	memset(a, 0, sizeof(*a));
	if (len == 4)
		a->family = AF_INET;
	else if (len == 16)
		a->family = AF_INET6;
	else
		return -1;
	memcpy(a->bytes, p, len);
	return 0;
}

size_t ef_addr_len(const struct ef_addr *a)
{
	return a->family == AF_INET ? 4 : 16;
}

const char *ef_addr_str(const struct ef_addr *a, char buf[EF_ADDRSTRLEN])
{
	if (!inet_ntop(a->family, a->bytes, buf, EF_ADDRSTRLEN))
		snprintf(buf, EF_ADDRSTRLEN, "?");
	return buf;
}

int ef_addr_cmp(const struct ef_addr *a, const struct ef_addr *b)
{
	if (a->family != b->family)
		return a->family == AF_INET ? -1 : 1;
	return memcmp(a->bytes, b->bytes, ef_addr_len(a));
}

bool ef_addr_eq(const struct ef_addr *a, const struct ef_addr *b)
{
	return !ef_addr_cmp(a, b);
}

void ef_addrset_free(struct ef_addrset *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

void ef_addrset_append(struct ef_addrset *s, const struct ef_addr *a)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n++] = *a;
}

static int cmp_qsort(const void *a, const void *b)
{
	return ef_addr_cmp(a, b);
}

void ef_addrset_normalize(struct ef_addrset *s)
{
	size_t i, j;

	if (s->n < 2)
		return;
	qsort(s->v, s->n, sizeof(*s->v), cmp_qsort);
	for (i = 1, j = 1; i < s->n; i++)
		if (ef_addr_cmp(&s->v[j - 1], &s->v[i]))
			s->v[j++] = s->v[i];
	s->n = j;
}

bool ef_addrset_contains(const struct ef_addrset *s, const struct ef_addr *a)
{
	return s->n && bsearch(a, s->v, s->n, sizeof(*s->v), cmp_qsort);
}

void ef_addrset_merge(struct ef_addrset *s, const struct ef_addrset *add)
{
	size_t i;

	for (i = 0; i < add->n; i++)
		ef_addrset_append(s, &add->v[i]);
	ef_addrset_normalize(s);
}

void ef_addrset_remove(struct ef_addrset *s, const struct ef_addrset *rm)
{
	size_t i, j;

	for (i = 0, j = 0; i < s->n; i++)
		if (!ef_addrset_contains(rm, &s->v[i]))
			s->v[j++] = s->v[i];
	s->n = j;
}

void ef_addrset_copy(struct ef_addrset *dst, const struct ef_addrset *src)
{
	dst->n = dst->cap = 0;
	dst->v = NULL;
	if (!src->n)
		return;
	dst->v = xreallocarray(NULL, src->n, sizeof(*dst->v));
	memcpy(dst->v, src->v, src->n * sizeof(*dst->v));
	dst->n = dst->cap = src->n;
}

bool ef_addrset_eq(const struct ef_addrset *a, const struct ef_addrset *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (!ef_addr_eq(&a->v[i], &b->v[i]))
			return false;
	return true;
}

const char *ef_quote(const char *s, char buf[EF_QUOTELEN])
{
	size_t o = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (o + 8 >= EF_QUOTELEN) {
			memcpy(buf + o, "...", 4);
			return buf;
		}
		if (c < 0x20 || c == 0x7f || c == '\'' || c == '\\')
			o += (size_t)snprintf(buf + o, EF_QUOTELEN - o,
					      "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	buf[o] = '\0';
	return buf;
}
