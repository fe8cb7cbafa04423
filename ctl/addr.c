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

/* Why s, with a ':' and refused by inet_pton, is not an IPv6 address. */
static const char *ipv6_syntax(const char *s)
{
	const char *colon = strchr(s, ':'), *p, *dc = strstr(s, "::");
	size_t groups = 1, digits = 0;

	if (colon == strrchr(s, ':') && memchr(s, '.', (size_t)(colon - s)))
		return "a port is not part of an address; give the address alone";
	if (s[strspn(s, "0123456789abcdefABCDEF:.")])
		return "an IPv6 address holds only hexadecimal digits, colons and perhaps a final IPv4 address";
	if (dc && strstr(dc + 1, "::"))
		return "'::' may stand only once";
	for (p = s; *p; p++) {
		if (*p == ':') {
			groups++;
			digits = 0;
		} else if (*p != '.' && ++digits > 4) {
			return "a group has more than 4 hexadecimal digits";
		}
	}
	if (groups > 8 + (dc != NULL))
		return "more than 8 groups";
	return "not a valid IPv6 address";
}

/* Why s, digits and dots refused by inet_pton, is not an IPv4 address. */
static const char *ipv4_syntax(const char *s)
{
	size_t numbers = 0, digits = 0;
	bool leading_zero = false, big = false;
	unsigned int v = 0;
	const char *p;

	for (p = s;; p++) {
		if (*p == '.' || !*p) {
			if (!digits)
				return "a dot without a number on one side";
			numbers++;
			digits = 0;
			v = 0;
			if (!*p)
				break;
			continue;
		}
		if (digits++ == 1 && v == 0)
			leading_zero = true;
		v = v > 255 ? v : v * 10 + (unsigned int)(*p - '0');
		big |= v > 255;
	}
	if (numbers != 4)
		return "an IPv4 address is 4 numbers separated by dots";
	if (leading_zero)
		return "a number with a leading zero (some tools read it as octal); write it without";
	if (big)
		return "a number is greater than 255";
	return "not a valid IPv4 address";
}

/* Why s, refused by inet_pton, is not an address: as precisely as we can. */
static const char *syntax_why(const char *s)
{
	if (!*s)
		return "empty";
	if (strchr(s, '/'))
		return "a prefix length is not part of an address; give the address alone";
	if (strchr(s, '%'))
		return "a zone index is not part of an address; give the address alone";
	if (strpbrk(s, " \t\n\v\f\r"))
		return "contains a blank";
	if (*s == '[')
		return "brackets are not part of an address; give the address alone";
	if (strchr(s, ':'))
		return ipv6_syntax(s);
	if (!s[strspn(s, "0123456789.")])
		return ipv4_syntax(s);
	return "not an IPv4 or IPv6 address; names are not resolved";
}

int ef_addr_parse_any(const char *s, struct ef_addr *a, const char **why)
{
	*why = NULL;
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->bytes) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, s, a->bytes) == 1)
		a->family = AF_INET6;
	else
		*why = syntax_why(s);
	return *why ? -1 : 0;
}

int ef_addr_parse(const char *s, struct ef_addr *a, const char **why)
{
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };
	static const uint8_t loopback6[16] = { [15] = 1 };

	if (ef_addr_parse_any(s, a, why))
		return -1;
	if (a->family == AF_INET) {
		if (all_zero(a->bytes, 4))
			*why = "unspecified address";
		else if (!a->bytes[0])
			*why = "not a host address: 0.0.0.0/8";
		else if (a->bytes[0] == 127)
			*why = "loopback address";
		else if (a->bytes[0] == 169 && a->bytes[1] == 254)
			*why = "link-local address";
		else if ((a->bytes[0] & 0xf0) == 0xe0)
			*why = "multicast address";
		else if (a->bytes[0] == 0xff && a->bytes[1] == 0xff &&
			 a->bytes[2] == 0xff && a->bytes[3] == 0xff)
			*why = "broadcast address";
	} else {
		if (all_zero(a->bytes, 16))
			*why = "unspecified address";
		else if (!memcmp(a->bytes, loopback6, sizeof(loopback6)))
			*why = "loopback address";
		else if (a->bytes[0] == 0xfe && (a->bytes[1] & 0xc0) == 0x80)
			*why = "link-local address";
		else if (a->bytes[0] == 0xff)
			*why = "multicast address";
		else if (!memcmp(a->bytes, mapped, sizeof(mapped)))
			*why = "IPv4-mapped address; write it as IPv4";
	}
	return *why ? -1 : 0;
}

/* Clear the bits of a past plen; true if any was set. */
static bool mask_prefix(struct ef_addr *a, unsigned int plen)
{
	bool set = false;
	size_t i;

	for (i = 0; i < ef_addr_len(a); i++) {
		unsigned int keep = plen >= 8 * (i + 1) ? 8 :
				    plen > 8 * i ? plen - 8 * i : 0;
		uint8_t mask = (uint8_t)(0xff00 >> keep);

		set |= a->bytes[i] & ~mask;
		a->bytes[i] &= mask;
	}
	return set;
}

int ef_prefix_parse(const char *s, struct ef_addr *a, uint8_t *plen,
		    const char **why)
{
	const char *slash = strchr(s, '/'), *len = slash ? slash + 1 : "";
	char text[INET6_ADDRSTRLEN + 1];
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	unsigned int max, v = 0;

	*why = NULL;
	memset(a, 0, sizeof(*a));
	*plen = 0;
	if (n >= sizeof(text)) {
		*why = "not an IPv4 or IPv6 prefix";
		return -1;
	}
	memcpy(text, s, n);
	text[n] = '\0';
	if (ef_addr_parse_any(text, a, why))
		return -1;
	max = (unsigned int)ef_addr_len(a) * 8;
	if (slash && (!*len || len[strspn(len, "0123456789")] ||
		      (*len == '0' && len[1]) || strlen(len) > 3 ||
		      (v = (unsigned int)strtoul(len, NULL, 10)) > max)) {
		*why = a->family == AF_INET ?
		       "the prefix length is a number from 0 to 32" :
		       "the prefix length is a number from 0 to 128";
		memset(a, 0, sizeof(*a));
		return -1;
	}
	*plen = (uint8_t)(slash ? v : max);
	if (mask_prefix(a, *plen)) {
		*why = "bits set past the prefix length";
		return -1;
	}
	return 0;
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
	s->n = s->cap = s->sorted = 0;
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

	if (s->sorted == s->n)
		return;
	qsort(s->v, s->n, sizeof(*s->v), cmp_qsort);
	for (i = 1, j = 1; i < s->n; i++)
		if (ef_addr_cmp(&s->v[j - 1], &s->v[i]))
			s->v[j++] = s->v[i];
	s->n = s->sorted = j;
}

bool ef_addrset_contains(const struct ef_addrset *s, const struct ef_addr *a)
{
	return s->sorted &&
	       bsearch(a, s->v, s->sorted, sizeof(*s->v), cmp_qsort);
}

void ef_addrset_merge(struct ef_addrset *s, const struct ef_addrset *add)
{
	bool in_order;
	size_t i;

	for (i = 0; i < add->n; i++) {
		in_order = s->sorted == s->n &&
			   (!s->n || ef_addr_cmp(&s->v[s->n - 1], &add->v[i]) < 0);
		if (!in_order && ef_addrset_contains(s, &add->v[i]))
			continue;
		ef_addrset_append(s, &add->v[i]);
		if (in_order)
			s->sorted = s->n;
	}
}

void ef_addrset_remove(struct ef_addrset *s, const struct ef_addrset *rm)
{
	size_t i, j;

	for (i = 0, j = 0; i < s->n; i++)
		if (!ef_addrset_contains(rm, &s->v[i]))
			s->v[j++] = s->v[i];
	s->n = s->sorted = j;
}

void ef_addrset_copy(struct ef_addrset *dst, const struct ef_addrset *src)
{
	dst->n = dst->cap = dst->sorted = 0;
	dst->v = NULL;
	if (!src->n)
		return;
	dst->v = xreallocarray(NULL, src->n, sizeof(*dst->v));
	memcpy(dst->v, src->v, src->n * sizeof(*dst->v));
	dst->n = dst->cap = src->n;
	dst->sorted = src->sorted;
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
