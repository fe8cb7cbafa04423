// SPDX-License-Identifier: GPL-2.0
/* Interfaces of this network namespace: existence, the name meant. */
#include "../../ctl/ifaces.h"
#include "../../ctl/util.h"
#include "unit.h"

void suite_ifaces(void)
{
	static const struct { const char *a, *b; unsigned int d; } dist[] = {
		{ "eth0", "eth0", 0 }, { "eht0", "eth0", 1 }, { "eth", "eth0", 1 },
		{ "eth00", "eth0", 1 }, { "eth1", "eth0", 1 }, { "teh0", "eth0", 1 },
		{ "hte0", "eth0", 2 }, { "ens3", "eth0", 3 }, { "", "lo", 2 },
		{ "abcdefghijklmno", "onmlkjihgfedcba", 14 },
	};
	char buf[EF_ERRLEN];
	size_t i;

	for (i = 0; i < sizeof(dist) / sizeof(dist[0]); i++) {
		CASE("ifaces: distance '%s' to '%s' is %u", dist[i].a, dist[i].b, dist[i].d);
		CHECK_INT(ef_name_distance(dist[i].a, dist[i].b), dist[i].d);
		CHECK_INT(ef_name_distance(dist[i].b, dist[i].a), dist[i].d);
	}

	CASE("ifaces: lo exists in every network namespace, zz9nosuch0 not");
	CHECK(ef_iface_exists("lo"));
	CHECK(!ef_iface_exists("zz9nosuch0"));

	CASE("ifaces: an absent name close to lo suggests lo; a far one nothing");
	CHECK_STR(ef_iface_absent("lx", buf, sizeof(buf)),
		  "no interface 'lx' (did you mean 'lo'?)");
	CHECK_STR(ef_iface_absent("ol", buf, sizeof(buf)),
		  "no interface 'ol' (did you mean 'lo'?)");
	CHECK_STR(ef_iface_absent("zz9nosuch0", buf, sizeof(buf)),
		  "no interface 'zz9nosuch0'");
	CHECK_STR(ef_iface_absent("a\nb", buf, sizeof(buf)),
		  "no interface 'a\\x0ab'");
}
