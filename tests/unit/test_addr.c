// SPDX-License-Identifier: GPL-2.0
/* Addresses: parsing, printing, order, sets, quoting. */
#include <arpa/inet.h>
#include <stdlib.h>

#include "../../ctl/addr.h"
#include "unit.h"

static struct ef_addr A(const char *s)
{
	struct ef_addr a;
	const char *why;

	if (ef_addr_parse(s, &a, &why))
		abort();
	return a;
}

void suite_addr(void)
{
	static const struct { const char *in, *out; int family; } good[] = {
		{ "10.45.16.10", "10.45.16.10", AF_INET },
		{ "192.168.10.190", "192.168.10.190", AF_INET },
		{ "1.2.3.4", "1.2.3.4", AF_INET },
		{ "255.255.255.254", "255.255.255.254", AF_INET },
		{ "126.255.255.255", "126.255.255.255", AF_INET },
		{ "128.0.0.1", "128.0.0.1", AF_INET },
		{ "169.253.255.255", "169.253.255.255", AF_INET },
		{ "169.255.0.1", "169.255.0.1", AF_INET },
		{ "2001:db8::1", "2001:db8::1", AF_INET6 },
		{ "2001:DB8:0:0:0:0:0:1", "2001:db8::1", AF_INET6 },
		{ "2001:0db8::0001", "2001:db8::1", AF_INET6 },
		{ "fec0::1", "fec0::1", AF_INET6 },
		{ "fe7f::1", "fe7f::1", AF_INET6 },
		{ "::2", "::2", AF_INET6 },
		{ "64:ff9b::10.45.16.10", "64:ff9b::a2d:100a", AF_INET6 },
	};
	static const struct { const char *in; const char *why; } bad[] = {
		{ "", "empty" },
		{ "10.45.16.10/32", "a prefix length is not part of an address; give the address alone" },
		{ "2001:db8::1/64", "a prefix length is not part of an address; give the address alone" },
		{ "2001:db8::1%eth0", "a zone index is not part of an address; give the address alone" },
		{ "fe80::1%eth0", "a zone index is not part of an address; give the address alone" },
		{ " 10.45.16.1", "contains a blank" },
		{ "10.45.16.1 ", "contains a blank" },
		{ "010.45.16.1", "a number with a leading zero (some tools read it as octal); write it without" },
		{ "10.45.16.01", "a number with a leading zero (some tools read it as octal); write it without" },
		{ "10.45.16.300", "a number is greater than 255" },
		{ "10.45.16.99999999999", "a number is greater than 255" },
		{ "10.45.16", "an IPv4 address is 4 numbers separated by dots" },
		{ "1", "an IPv4 address is 4 numbers separated by dots" },
		{ "1.2.3.4.5", "an IPv4 address is 4 numbers separated by dots" },
		{ "10.45.16.1.", "a dot without a number on one side" },
		{ "10..16.1", "a dot without a number on one side" },
		{ "host.example", "not an IPv4 or IPv6 address; names are not resolved" },
		{ "0x0a.1.1.1", "not an IPv4 or IPv6 address; names are not resolved" },
		{ "-1.2.3.4", "not an IPv4 or IPv6 address; names are not resolved" },
		{ "[2001:db8::1]", "brackets are not part of an address; give the address alone" },
		{ "10.45.16.10:443", "a port is not part of an address; give the address alone" },
		{ "2001:db8:::1", "'::' may stand only once" },
		{ "2001::db8::1", "'::' may stand only once" },
		{ "2001:db8g::1", "an IPv6 address holds only hexadecimal digits, colons and perhaps a final IPv4 address" },
		{ "2001:db8:12345::1", "a group has more than 4 hexadecimal digits" },
		{ "1:2:3:4:5:6:7:8:9", "more than 8 groups" },
		{ "1:2:3:4:5:6:7", "not a valid IPv6 address" },
		{ "0.0.0.0", "unspecified address" }, { "::", "unspecified address" },
		{ "0.1.2.3", "not a host address: 0.0.0.0/8" },
		{ "127.0.0.1", "loopback address" }, { "127.255.255.254", "loopback address" },
		{ "::1", "loopback address" },
		{ "169.254.0.1", "link-local address" }, { "169.254.255.254", "link-local address" },
		{ "fe80::1", "link-local address" }, { "febf:ffff::1", "link-local address" },
		{ "224.0.0.1", "multicast address" }, { "239.255.255.250", "multicast address" },
		{ "ff02::1", "multicast address" },
		{ "255.255.255.255", "broadcast address" },
		{ "::ffff:10.45.16.10", "IPv4-mapped address; write it as IPv4" },
	};
	char buf[EF_ADDRSTRLEN], q[EF_QUOTELEN];
	struct ef_addrset s = { 0 }, rm = { 0 }, c;
	struct ef_addr a, b;
	const char *why;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		CASE("addr: parse '%s'", good[i].in);
		CHECK_INT(ef_addr_parse(good[i].in, &a, &why), 0);
		CHECK_INT(a.family, good[i].family);
		CHECK_STR(ef_addr_str(&a, buf), good[i].out);
		CHECK_INT(ef_addr_len(&a), good[i].family == AF_INET ? 4 : 16);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CASE("addr: refuse '%s'", bad[i].in);
		CHECK_INT(ef_addr_parse(bad[i].in, &a, &why), -1);
		CHECK_STR(why, bad[i].why);
	}

	CASE("addr: from bytes");
	CHECK_INT(ef_addr_from_bytes(&a, "\x0a\x2d\x10\x0a", 4), 0);
	CHECK_STR(ef_addr_str(&a, buf), "10.45.16.10");
	CHECK_INT(ef_addr_from_bytes(&a, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", 16), 0);
	CHECK_STR(ef_addr_str(&a, buf), "2001:db8::1");
	CHECK_INT(ef_addr_from_bytes(&a, "\x0a\x2d\x10", 3), -1);
	CHECK_INT(ef_addr_from_bytes(&a, "", 0), -1);
	CHECK_INT(ef_addr_from_bytes(&a, "0123456789abcdefX", 17), -1);

	CASE("addr: order is IPv4 before IPv6, then numeric");
	a = A("10.45.16.9");
	b = A("10.45.16.10");
	CHECK(ef_addr_cmp(&a, &b) < 0);
	a = A("255.255.255.254");
	b = A("::2");
	CHECK(ef_addr_cmp(&a, &b) < 0);
	CHECK(ef_addr_cmp(&b, &a) > 0);
	a = A("2001:db8::2");
	b = A("2001:db8::10");
	CHECK(ef_addr_cmp(&a, &b) < 0);
	CHECK(ef_addr_eq(&a, &a));

	CASE("addrset: normalize sorts and removes duplicates");
	{
		const char *in[] = { "2001:db8::1", "10.45.16.100", "10.45.16.9",
				     "10.45.16.100", "2001:db8::1", "1.1.1.1" };
		const char *out[] = { "1.1.1.1", "10.45.16.9", "10.45.16.100",
				      "2001:db8::1" };

		for (i = 0; i < 6; i++) {
			a = A(in[i]);
			ef_addrset_append(&s, &a);
		}
		ef_addrset_normalize(&s);
		CHECK_INT(s.n, 4);
		for (i = 0; i < 4 && i < s.n; i++)
			CHECK_STR(ef_addr_str(&s.v[i], buf), out[i]);
	}
	a = A("10.45.16.9");
	CHECK(ef_addrset_contains(&s, &a));
	a = A("10.45.16.8");
	CHECK(!ef_addrset_contains(&s, &a));

	CASE("addrset: merge, remove, copy, equality");
	a = A("10.45.16.8");
	ef_addrset_append(&rm, &a);
	a = A("1.1.1.1");
	ef_addrset_append(&rm, &a);
	ef_addrset_normalize(&rm);
	ef_addrset_merge(&s, &rm);
	CHECK_INT(s.n, 5);	/* 1.1.1.1 was there */
	ef_addrset_normalize(&s);
	CHECK_INT(s.n, 5);
	CHECK_STR(ef_addr_str(&s.v[1], buf), "10.45.16.8");
	ef_addrset_copy(&c, &s);
	CHECK(ef_addrset_eq(&c, &s));
	ef_addrset_remove(&s, &rm);
	CHECK_INT(s.n, 3);
	CHECK_STR(ef_addr_str(&s.v[0], buf), "10.45.16.9");
	CHECK(!ef_addrset_eq(&c, &s));
	ef_addrset_free(&c);
	ef_addrset_copy(&c, &rm);
	ef_addrset_free(&rm);
	ef_addrset_copy(&rm, &rm);	/* empty copy */
	CHECK_INT(rm.n, 0);
	ef_addrset_free(&c);
	ef_addrset_free(&s);

	CASE("addrset: merge in order stays normalized; out of order waits for normalize");
	{
		struct ef_addrset one = { 0 };
		size_t k;

		for (k = 0; k < 3; k++) {
			a = A(k == 0 ? "10.0.0.2" : k == 1 ? "10.0.0.3" : "2001:db8::1");
			ef_addrset_free(&one);
			ef_addrset_append(&one, &a);
			ef_addrset_normalize(&one);
			ef_addrset_merge(&s, &one);
			CHECK_INT(s.n, k + 1);
			CHECK_INT(s.sorted, s.n);
		}
		a = A("10.0.0.1");
		ef_addrset_free(&one);
		ef_addrset_append(&one, &a);
		ef_addrset_normalize(&one);
		ef_addrset_merge(&s, &one);
		CHECK_INT(s.n, 4);
		CHECK_INT(s.sorted, 3);
		CHECK(!ef_addrset_contains(&s, &a));	/* not normalized yet */
		ef_addrset_merge(&s, &one);		/* again: in the tail twice */
		CHECK_INT(s.n, 5);
		a = A("10.0.0.3");
		ef_addrset_free(&one);
		ef_addrset_append(&one, &a);
		ef_addrset_normalize(&one);
		ef_addrset_merge(&s, &one);		/* in the sorted part: skipped */
		CHECK_INT(s.n, 5);
		ef_addrset_normalize(&s);
		CHECK_INT(s.n, 4);
		CHECK_INT(s.sorted, 4);
		CHECK_STR(ef_addr_str(&s.v[0], buf), "10.0.0.1");
		CHECK_STR(ef_addr_str(&s.v[3], buf), "2001:db8::1");
		ef_addrset_free(&one);
		ef_addrset_free(&s);
	}

	CASE("addrset: many addresses");
	for (i = 0; i < 100000; i++) {
		a.family = AF_INET;
		a.bytes[0] = 10;
		a.bytes[1] = (uint8_t)(i >> 16);
		a.bytes[2] = (uint8_t)(i >> 8);
		a.bytes[3] = (uint8_t)(99999 - i);
		ef_addrset_append(&s, &a);
		ef_addrset_append(&s, &a);
	}
	ef_addrset_normalize(&s);
	CHECK_INT(s.n, 100000);
	for (i = 1; i < s.n; i++)
		if (ef_addr_cmp(&s.v[i - 1], &s.v[i]) >= 0)
			break;
	CHECK_INT(i, s.n);
	ef_addrset_free(&s);

	CASE("quote: control characters escaped, long values cut");
	CHECK_STR(ef_quote("ext0", q), "ext0");
	CHECK_STR(ef_quote("a\nb", q), "a\\x0ab");
	CHECK_STR(ef_quote("it's", q), "it\\x27s");
	{
		char longs[300];

		memset(longs, 'x', sizeof(longs) - 1);
		longs[sizeof(longs) - 1] = '\0';
		ef_quote(longs, q);
		CHECK(strlen(q) < EF_QUOTELEN);
		CHECK_CONTAINS(q, "...");
	}
}
