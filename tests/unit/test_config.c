// SPDX-License-Identifier: GPL-2.0
/* Configuration operations: what each statement does to a configuration. */
#include <stdlib.h>

#include "../../ctl/parse.h"
#include "../../ctl/util.h"
#include "unit.h"

static char err[EF_ERRLEN];

/* Parse and apply one statement; -2 if it does not even parse. */
static int apply(struct ef_config *cfg, const char *text)
{
	char *copy = strdup(text), **w;
	struct ef_stmt st;
	int n, r;

	err[0] = '\0';
	n = ef_split_words(copy, &w);
	r = ef_parse_stmt(w[0], n - 1, w + 1, 0, &st, err, sizeof(err));
	if (!r) {
		r = ef_config_apply(cfg, &st, err, sizeof(err));
		ef_config_normalize(cfg);
		ef_stmt_free(&st);
	} else {
		r = -2;
	}
	free(w);
	free(copy);
	return r;
}

static const char *addr_at(const struct ef_addrset *s, size_t i)
{
	static char buf[4][EF_ADDRSTRLEN];

	return i < s->n ? ef_addr_str(&s->v[i], buf[i % 4]) : "(none)";
}

static void bindings(void)
{
	struct ef_config cfg;
	char name[IFNAMSIZ], line[64];
	int i;

	ef_config_init(&cfg);
	CASE("config: bind keeps bindings sorted by name");
	CHECK_INT(apply(&cfg, "bind int0 internal"), 0);
	CHECK_INT(apply(&cfg, "bind ext0 external"), 0);
	CHECK_INT(apply(&cfg, "bind ext1 external"), 0);
	CHECK_INT(cfg.nbindings, 3);
	CHECK_STR(cfg.bindings[0].ifname, "ext0");
	CHECK_STR(cfg.bindings[1].ifname, "ext1");
	CHECK_STR(cfg.bindings[2].ifname, "int0");
	CHECK_INT(cfg.bindings[2].zone, EDGEFW_ZONE_INTERNAL);

	CASE("config: bind of a bound interface changes its zone");
	CHECK_INT(apply(&cfg, "bind ext1 internal"), 0);
	CHECK_INT(cfg.nbindings, 3);
	CHECK_INT(cfg.bindings[1].zone, EDGEFW_ZONE_INTERNAL);

	CASE("config: unbind");
	CHECK_INT(apply(&cfg, "unbind ext1"), 0);
	CHECK_INT(cfg.nbindings, 2);
	CHECK_STR(cfg.bindings[1].ifname, "int0");

	CASE("config: unbind of an interface that is not bound");
	CHECK_INT(apply(&cfg, "unbind ext1"), -1);
	CHECK_STR(err, "interface 'ext1' is not bound");
	CHECK_INT(cfg.nbindings, 2);

	CASE("config: at most %d bindings", EDGEFW_MAX_BINDINGS);
	for (i = 0; cfg.nbindings < EDGEFW_MAX_BINDINGS; i++) {
		snprintf(name, sizeof(name), "v%d", i);
		snprintf(line, sizeof(line), "bind %s external", name);
		CHECK_INT(apply(&cfg, line), 0);
	}
	CHECK_INT(apply(&cfg, "bind one-too-many external"), -1);
	CHECK_STR(err, "cannot bind 'one-too-many': at most 64 interfaces can be bound");
	CHECK_INT(cfg.nbindings, EDGEFW_MAX_BINDINGS);
	/* rebinding a bound one still works at the limit */
	CHECK_INT(apply(&cfg, "bind ext0 internal"), 0);
	ef_config_free(&cfg);
}

static void pool(void)
{
	struct ef_config cfg;
	char b[EF_ADDRSTRLEN];

	ef_config_init(&cfg);
	CASE("config: set-pool");
	CHECK(!ef_config_has_pool(&cfg));
	CHECK_INT(apply(&cfg, "set-pool --front-end 192.168.10.91 --front-end 192.168.10.90 --vip 192.168.10.190"), 0);
	CHECK(ef_config_has_pool(&cfg));
	CHECK_INT(cfg.front_ends.n, 2);
	CHECK_STR(addr_at(&cfg.front_ends, 0), "192.168.10.90");
	CHECK(cfg.has_vip);
	CHECK_STR(ef_addr_str(&cfg.vip, b), "192.168.10.190");

	CASE("config: set-pool replaces the parts given, keeps the others");
	CHECK_INT(apply(&cfg, "set-pool --front-end 192.168.20.1"), 0);
	CHECK_INT(cfg.front_ends.n, 1);
	CHECK_STR(addr_at(&cfg.front_ends, 0), "192.168.20.1");
	CHECK(cfg.has_vip);
	CHECK_STR(ef_addr_str(&cfg.vip, b), "192.168.10.190");
	CHECK_INT(apply(&cfg, "set-pool --vip 192.168.20.100"), 0);
	CHECK_INT(cfg.front_ends.n, 1);
	CHECK_STR(addr_at(&cfg.front_ends, 0), "192.168.20.1");
	CHECK_STR(ef_addr_str(&cfg.vip, b), "192.168.20.100");

	CASE("config: del-pool of a part that is not there changes nothing");
	CHECK_INT(apply(&cfg, "del-pool --front-end 192.168.20.2"), -1);
	CHECK_STR(err, "Front End 192.168.20.2 is not configured");
	CHECK_INT(apply(&cfg, "del-pool --front-end 192.168.20.1 --vip 192.168.20.101"), -1);
	CHECK_STR(err, "VIP 192.168.20.101 is not configured (the VIP is 192.168.20.100)");
	CHECK_INT(cfg.front_ends.n, 1);
	CHECK(cfg.has_vip);

	CASE("config: del-pool --vip, del-pool --front-end remove that part only");
	CHECK_INT(apply(&cfg, "set-pool --front-end 192.168.20.1 --front-end 192.168.20.2"), 0);
	CHECK_INT(apply(&cfg, "del-pool --vip 192.168.20.100"), 0);
	CHECK(!cfg.has_vip);
	CHECK_INT(cfg.front_ends.n, 2);
	CHECK_INT(apply(&cfg, "del-pool --vip 192.168.20.100"), -1);
	CHECK_STR(err, "no VIP is configured");
	CHECK_INT(apply(&cfg, "set-pool --vip 192.168.20.100"), 0);
	CHECK_INT(apply(&cfg, "del-pool --front-end 192.168.20.1"), 0);
	CHECK_INT(cfg.front_ends.n, 1);
	CHECK_STR(addr_at(&cfg.front_ends, 0), "192.168.20.2");
	CHECK(cfg.has_vip);
	CHECK_INT(apply(&cfg, "del-pool --front-end 192.168.20.2"), 0);
	CHECK_INT(cfg.front_ends.n, 0);
	CHECK(ef_config_has_pool(&cfg));

	CASE("config: del-pool removes the whole pool");
	CHECK_INT(apply(&cfg, "set-pool --front-end 192.168.20.1"), 0);
	CHECK_INT(apply(&cfg, "del-pool"), 0);
	CHECK(!ef_config_has_pool(&cfg));
	CHECK_INT(apply(&cfg, "del-pool"), -1);
	CHECK_STR(err, "no pool is configured");
	ef_config_free(&cfg);
}

static void roles(void)
{
	struct ef_config cfg;
	struct ef_role *av, *acc;
	char b[EF_ADDRSTRLEN];

	ef_config_init(&cfg);
	av = &cfg.roles[EDGEFW_ROLE_AV];
	acc = &cfg.roles[EDGEFW_ROLE_ACCESS];

	CASE("config: add-role creates a role, media range lync2010 by default");
	CHECK_INT(apply(&cfg, "add-role av --ip 10.45.16.30"), 0);
	CHECK(av->present);
	CHECK_INT(av->addrs.n, 1);
	CHECK(!av->has_internal);
	CHECK_INT(av->media, EDGEFW_MEDIA_LYNC2010);

	CASE("config: add-role on an existing role adds addresses, keeps settings");
	CHECK_INT(apply(&cfg, "add-role av --ip 10.45.16.31 --ip 10.45.16.30 --internal-ip 172.25.33.10 --media-range ocs2007"), 0);
	CHECK_INT(av->addrs.n, 2);
	CHECK_STR(addr_at(&av->addrs, 1), "10.45.16.31");
	CHECK(av->has_internal);
	CHECK_INT(av->media, EDGEFW_MEDIA_OCS2007);
	CHECK_INT(apply(&cfg, "add-role av --ip 10.45.16.29"), 0);
	CHECK_INT(av->addrs.n, 3);
	CHECK_STR(addr_at(&av->addrs, 0), "10.45.16.29");
	CHECK(av->has_internal);
	CHECK_STR(ef_addr_str(&av->internal, b), "172.25.33.10");
	CHECK_INT(av->media, EDGEFW_MEDIA_OCS2007);

	CASE("config: add-role --internal-ip / --media-range replace the settings");
	CHECK_INT(apply(&cfg, "add-role av --internal-ip 172.25.33.11"), 0);
	CHECK_STR(ef_addr_str(&av->internal, b), "172.25.33.11");
	CHECK_INT(apply(&cfg, "add-role av --media-range none"), 0);
	CHECK_INT(av->media, EDGEFW_MEDIA_NONE);
	CHECK_INT(av->addrs.n, 3);

	CASE("config: add-role without --ip for a role that is not there");
	CHECK_INT(apply(&cfg, "add-role access --internal-ip 172.25.33.10"), -1);
	CHECK_STR(err, "role access is not configured; add it with at least one --ip");
	CHECK(!acc->present);

	CASE("config: del-role of some addresses");
	CHECK_INT(apply(&cfg, "add-role access --ip 10.45.16.10 --ip 10.45.16.11 --ip 2001:db8::10"), 0);
	CHECK_INT(apply(&cfg, "del-role access --ip 10.45.16.11"), 0);
	CHECK_INT(acc->addrs.n, 2);
	CHECK_STR(addr_at(&acc->addrs, 1), "2001:db8::10");

	CASE("config: del-role of an address that is not there changes nothing");
	CHECK_INT(apply(&cfg, "del-role access --ip 10.45.16.10 --ip 10.45.16.12"), -1);
	CHECK_STR(err, "address 10.45.16.12 is not configured for role access");
	CHECK_INT(acc->addrs.n, 2);

	CASE("config: del-role of the last addresses removes the role");
	CHECK_INT(apply(&cfg, "del-role access --ip 10.45.16.10 --ip 2001:db8::10"), 0);
	CHECK(!acc->present);
	CHECK_INT(acc->addrs.n, 0);

	CASE("config: del-role of a role that is not there");
	CHECK_INT(apply(&cfg, "del-role access"), -1);
	CHECK_STR(err, "role access is not configured");
	CHECK_INT(apply(&cfg, "del-role webconf --ip 10.45.16.20"), -1);
	CHECK_STR(err, "role webconf is not configured");

	CASE("config: del-role ROLE removes it with all addresses");
	CHECK_INT(apply(&cfg, "del-role av"), 0);
	CHECK(!av->present);
	CHECK(!av->has_internal);
	CHECK_INT(av->addrs.n, 0);

	CASE("config: a re-added role starts from the defaults");
	CHECK_INT(apply(&cfg, "add-role av --ip 10.45.16.30"), 0);
	CHECK(!av->has_internal);
	CHECK_INT(av->media, EDGEFW_MEDIA_LYNC2010);
	ef_config_free(&cfg);
}

static void flags_and_flush(void)
{
	struct ef_config cfg;

	ef_config_init(&cfg);
	CASE("config: flags, unknown bits kept");
	cfg.flags = 1U << 20;
	CHECK_INT(apply(&cfg, "http-redirect on"), 0);
	CHECK_INT(cfg.flags, (1U << 20) | EDGEFW_F_HTTP_REDIRECT);
	CHECK_INT(apply(&cfg, "log-drops on"), 0);
	CHECK_INT(cfg.flags, (1U << 20) | EDGEFW_F_HTTP_REDIRECT | EDGEFW_F_LOG_DROPS);
	CHECK_INT(apply(&cfg, "http-redirect off"), 0);
	CHECK_INT(apply(&cfg, "http-redirect off"), 0);
	CHECK_INT(cfg.flags, (1U << 20) | EDGEFW_F_LOG_DROPS);

	CASE("config: flush empties everything but the generation");
	cfg.has_generation = true;
	cfg.generation = 42;
	CHECK_INT(apply(&cfg, "bind ext0 external"), 0);
	CHECK_INT(apply(&cfg, "set-pool --front-end 192.168.10.90"), 0);
	CHECK_INT(apply(&cfg, "add-role rproxy --ip 10.45.16.40"), 0);
	CHECK_INT(apply(&cfg, "flush"), 0);
	CHECK_INT(cfg.nbindings, 0);
	CHECK(!ef_config_has_pool(&cfg));
	CHECK(!cfg.roles[EDGEFW_ROLE_RPROXY].present);
	CHECK_INT(cfg.flags, 0);
	CHECK(cfg.has_generation);
	CHECK_INT(cfg.generation, 42);
	ef_config_free(&cfg);
}

static void copy_eq(void)
{
	struct ef_config a, b;

	ef_config_init(&a);
	CASE("config: copy is equal and independent; eq ignores ifindex");
	apply(&a, "bind ext0 external");
	apply(&a, "bind int0 internal");
	apply(&a, "set-pool --front-end 192.168.10.90 --vip 192.168.10.190");
	apply(&a, "add-role av --ip 10.45.16.30 --internal-ip 172.25.33.10");
	apply(&a, "http-redirect on");
	ef_config_copy(&b, &a);
	CHECK(ef_config_eq(&a, &b));
	b.bindings[0].ifindex = 7;
	b.generation = 9;
	CHECK(ef_config_eq(&a, &b));
	apply(&b, "add-role av --ip 10.45.16.31");
	CHECK(!ef_config_eq(&a, &b));
	CHECK_INT(a.roles[EDGEFW_ROLE_AV].addrs.n, 1);
	apply(&b, "del-role av --ip 10.45.16.31");
	CHECK(ef_config_eq(&a, &b));
	apply(&b, "add-role av --media-range ocs2007");
	CHECK(!ef_config_eq(&a, &b));
	apply(&b, "add-role av --media-range lync2010");
	CHECK(ef_config_eq(&a, &b));
	apply(&b, "add-role av --internal-ip 172.25.33.11");
	CHECK(!ef_config_eq(&a, &b));
	apply(&b, "add-role av --internal-ip 172.25.33.10");
	apply(&b, "bind ext0 internal");
	CHECK(!ef_config_eq(&a, &b));
	apply(&b, "bind ext0 external");
	apply(&b, "del-pool --vip 192.168.10.190");
	CHECK(!ef_config_eq(&a, &b));
	apply(&b, "set-pool --vip 192.168.10.190");
	CHECK(ef_config_eq(&a, &b));
	apply(&b, "set-pool --front-end 192.168.10.91");
	CHECK(!ef_config_eq(&a, &b));
	apply(&b, "set-pool --front-end 192.168.10.90");
	CHECK(ef_config_eq(&a, &b));
	apply(&b, "log-drops on");
	CHECK(!ef_config_eq(&a, &b));
	ef_config_free(&a);
	ef_config_free(&b);

	CASE("config: normalize sorts bindings and addresses of a dump");
	ef_config_init(&a);
	a.bindings = calloc(2, sizeof(*a.bindings));
	a.nbindings = 2;
	strcpy(a.bindings[0].ifname, "z0");
	strcpy(a.bindings[1].ifname, "a0");
	ef_addr_from_bytes(&a.vip, "\x01\x02\x03\x04", 4);
	ef_addrset_append(&a.front_ends, &a.vip);
	ef_addrset_append(&a.front_ends, &a.vip);
	ef_config_normalize(&a);
	CHECK_STR(a.bindings[0].ifname, "a0");
	CHECK_INT(a.front_ends.n, 1);
	ef_config_free(&a);
}

static void limits(void)
{
	struct ef_config cfg;
	struct ef_stmt st;
	struct ef_addr a = { .family = AF_INET };
	uint32_t i;

	CASE("config: at most %d addresses in a role", EDGEFW_MAX_ROLE_ADDRS);
	ef_config_init(&cfg);
	memset(&st, 0, sizeof(st));
	st.kind = EF_ST_ADD_ROLE;
	st.role = EDGEFW_ROLE_ACCESS;
	for (i = 0; i < EDGEFW_MAX_ROLE_ADDRS; i++) {
		a.bytes[0] = 10;
		a.bytes[1] = (uint8_t)(i >> 16);
		a.bytes[2] = (uint8_t)(i >> 8);
		a.bytes[3] = (uint8_t)i;
		ef_addrset_append(&st.addrs, &a);
	}
	CHECK_INT(ef_config_apply(&cfg, &st, err, sizeof(err)), 0);
	CHECK_INT(cfg.roles[EDGEFW_ROLE_ACCESS].addrs.n, EDGEFW_MAX_ROLE_ADDRS);
	st.addrs.n = 1;
	st.addrs.v[0].bytes[0] = 11;
	CHECK_INT(ef_config_apply(&cfg, &st, err, sizeof(err)), -1);
	CHECK_STR(err, "role access would have 1000001 addresses; at most 1000000");
	ef_stmt_free(&st);
	ef_config_free(&cfg);

	CASE("config: names of enum values");
	CHECK_STR(ef_role_name(EDGEFW_ROLE_RPROXY), "rproxy");
	CHECK(ef_role_name(__EDGEFW_ROLE_LAST) == NULL);
	CHECK_STR(ef_zone_name(EDGEFW_ZONE_INTERNAL), "internal");
	CHECK_STR(ef_media_name(EDGEFW_MEDIA_NONE, EDGEFW_PROFILE_LYNC2010), "none");
	CHECK_STR(ef_media_name(EDGEFW_MEDIA_STANDARD, EDGEFW_PROFILE_LYNC2010), "lync2010");
	CHECK_STR(ef_media_name(EDGEFW_MEDIA_STANDARD, EDGEFW_PROFILE_SFB2015), "standard");
	CHECK_STR(ef_media_name(EDGEFW_MEDIA_OCS2007, EDGEFW_PROFILE_SFB2019), "ocs2007");
	CHECK_STR(ef_profile_name(EDGEFW_PROFILE_SFB2019), "sfb2019");
	CHECK(ef_profile_name(__EDGEFW_PROFILE_LAST) == NULL);
	CHECK_INT(ef_profile_lookup("sfb2015"), EDGEFW_PROFILE_SFB2015);
	CHECK_INT(ef_profile_lookup("sfb2016"), -1);
	CHECK_INT(ef_media_lookup("standard"), EDGEFW_MEDIA_STANDARD);
	CHECK_INT(ef_media_lookup("lync2010"), EDGEFW_MEDIA_STANDARD);
	CHECK_STR(ef_dir_name(EDGEFW_DIR_OUT), "out");
	CHECK_INT(ef_role_lookup("webconf"), EDGEFW_ROLE_WEBCONF);
	CHECK_INT(ef_role_lookup("web"), -1);
	CHECK_INT(ef_zone_lookup("external"), EDGEFW_ZONE_EXTERNAL);
	CHECK_INT(ef_media_lookup("ocs2007"), EDGEFW_MEDIA_OCS2007);
	CHECK_INT(ef_media_lookup(""), -1);
}

static void directors(void)
{
	struct ef_config cfg;

	ef_config_init(&cfg);
	CASE("config: set-pool --director makes a pool; the Directors part replaces");
	CHECK_INT(apply(&cfg, "set-pool --director 192.168.10.81 --director 192.168.10.80"), 0);
	CHECK(ef_config_has_pool(&cfg));
	CHECK_INT(cfg.directors.n, 2);
	CHECK_INT(apply(&cfg, "set-pool --front-end 192.168.10.90"), 0);
	CHECK_INT(cfg.directors.n, 2);
	CHECK_INT(apply(&cfg, "set-pool --director 192.168.10.82"), 0);
	CHECK_INT(cfg.directors.n, 1);
	CHECK_STR(addr_at(&cfg.directors, 0), "192.168.10.82");
	CHECK_INT(cfg.front_ends.n, 1);

	CASE("config: del-pool --director of one not configured is refused");
	CHECK_INT(apply(&cfg, "del-pool --director 192.168.10.80"), -1);
	CHECK_STR(err, "Director 192.168.10.80 is not configured");
	CHECK_INT(apply(&cfg, "del-pool --director 192.168.10.82"), 0);
	CHECK_INT(cfg.directors.n, 0);
	CHECK_INT(cfg.front_ends.n, 1);

	CASE("config: del-pool without options removes the Directors too");
	CHECK_INT(apply(&cfg, "set-pool --director 192.168.10.82"), 0);
	CHECK_INT(apply(&cfg, "del-pool"), 0);
	CHECK(!ef_config_has_pool(&cfg));
	CHECK_INT(cfg.directors.n, 0);
	ef_config_free(&cfg);
}

static void mgmt(void)
{
	char m[EF_MGMTSTRLEN];
	struct ef_config cfg;

	ef_config_init(&cfg);
	CASE("config: add-mgmt adds the rules not there yet, sorted");
	CHECK_INT(apply(&cfg, "add-mgmt --from 10.99.0.0/24 --tcp 22,443"), 0);
	CHECK_INT(apply(&cfg, "add-mgmt --from 10.99.0.0/24 --tcp 22 --udp 161 --zone external"), 0);
	CHECK_INT(cfg.nmgmt, 4);
	if (cfg.nmgmt == 4) {
		CHECK_STR(ef_mgmt_str(&cfg.mgmt[0], m, sizeof(m)), "tcp 22 from 10.99.0.0/24 (external)");
		CHECK_STR(ef_mgmt_str(&cfg.mgmt[1], m, sizeof(m)), "udp 161 from 10.99.0.0/24 (external)");
		CHECK_STR(ef_mgmt_str(&cfg.mgmt[3], m, sizeof(m)), "tcp 443 from 10.99.0.0/24 (internal)");
	}
	CHECK_INT(apply(&cfg, "add-mgmt --from 10.99.0.0/24 --tcp 22"), 0);
	CHECK_INT(cfg.nmgmt, 4);

	CASE("config: del-mgmt of a rule not configured names it, changes nothing");
	CHECK_INT(apply(&cfg, "del-mgmt --from 10.99.0.0/24 --tcp 22,23"), -1);
	CHECK_STR(err, "management rule tcp 23 from 10.99.0.0/24 (internal) is not configured");
	CHECK_INT(cfg.nmgmt, 4);
	CHECK_INT(apply(&cfg, "del-mgmt --from 10.99.0.0/24 --tcp 22 --zone internal"), 0);
	CHECK_INT(cfg.nmgmt, 3);
	CHECK_INT(apply(&cfg, "del-mgmt --from 10.99.0.0/25 --tcp 443"), -1);
	CHECK_STR(err, "management rule tcp 443 from 10.99.0.0/25 (internal) is not configured");

	CASE("config: at most 256 management rules");
	{
		char line[2048] = "add-mgmt --from 10.0.0.0/8 --from 10.1.0.0/16 --tcp 1";
		int n;

		for (n = 2; n <= 126; n++)
			snprintf(line + strlen(line), sizeof(line) - strlen(line),
				 ",%d", n);
		CHECK_INT(apply(&cfg, line), 0);
		CHECK_INT(cfg.nmgmt, 3 + 252);
		CHECK_INT(apply(&cfg, "add-mgmt --from 10.0.0.0/8 --udp 1"), 0);
		CHECK_INT(cfg.nmgmt, 256);
		CHECK_INT(apply(&cfg, "add-mgmt --from 10.0.0.0/8 --udp 2,3"), -1);
		CHECK_STR(err, "there would be 258 management rules; at most 256");
		CHECK_INT(cfg.nmgmt, 256);
	}

	CASE("config: flush removes management rules, Directors, profile, modes");
	CHECK_INT(apply(&cfg, "set-pool --director 192.168.10.80"), 0);
	CHECK_INT(apply(&cfg, "profile sfb2015"), 0);
	CHECK_INT(apply(&cfg, "mode audit"), 0);
	CHECK_INT(apply(&cfg, "log-drops on --nflog-group 3"), 0);
	CHECK_INT(apply(&cfg, "flush"), 0);
	CHECK_INT(cfg.nmgmt, 0);
	CHECK_INT(cfg.directors.n, 0);
	CHECK_INT(cfg.profile, EDGEFW_PROFILE_LYNC2010);
	CHECK_INT(cfg.flags, 0);
	CHECK(!cfg.has_log_group);
	ef_config_free(&cfg);
}

static void profiles_and_modes(void)
{
	struct ef_config cfg;

	ef_config_init(&cfg);
	CASE("config: profile, xmpp, mode, stateless-media set what they say");
	CHECK_INT(apply(&cfg, "profile sfb2015"), 0);
	CHECK_INT(cfg.profile, EDGEFW_PROFILE_SFB2015);
	CHECK_INT(apply(&cfg, "xmpp on"), 0);
	CHECK_INT(apply(&cfg, "mode audit"), 0);
	CHECK_INT(apply(&cfg, "stateless-media on"), 0);
	CHECK_INT(cfg.flags, EDGEFW_F_XMPP | EDGEFW_F_AUDIT | EDGEFW_F_STATELESS_MEDIA);
	CHECK_INT(ef_config_check(&cfg, err, sizeof(err)), 0);
	CHECK_INT(apply(&cfg, "mode enforce"), 0);
	CHECK_INT(apply(&cfg, "stateless-media off"), 0);
	CHECK_INT(cfg.flags, EDGEFW_F_XMPP);

	CASE("config: log-drops on --nflog-group, then on alone or off: the kernel log");
	CHECK_INT(apply(&cfg, "log-drops on --nflog-group 7"), 0);
	CHECK(cfg.has_log_group && cfg.log_group == 7);
	CHECK(cfg.flags & EDGEFW_F_LOG_DROPS);
	CHECK_INT(apply(&cfg, "log-drops on"), 0);
	CHECK(!cfg.has_log_group);
	CHECK_INT(apply(&cfg, "log-drops on --nflog-group 7"), 0);
	CHECK_INT(apply(&cfg, "log-drops off"), 0);
	CHECK(!cfg.has_log_group);
	CHECK(!(cfg.flags & EDGEFW_F_LOG_DROPS));

	CASE("config check: xmpp outside sfb2015, either way round");
	CHECK_INT(apply(&cfg, "profile sfb2019"), 0);
	CHECK_INT(ef_config_check(&cfg, err, sizeof(err)), -1);
	CHECK_STR(err, "xmpp on and profile sfb2019 do not go together: the XMPP rows exist only in profile sfb2015");
	CHECK_INT(apply(&cfg, "profile lync2010"), 0);
	CHECK_INT(ef_config_check(&cfg, err, sizeof(err)), -1);
	CHECK_STR(err, "xmpp on and profile lync2010 do not go together: the XMPP rows exist only in profile sfb2015");
	CHECK_INT(apply(&cfg, "xmpp off"), 0);
	CHECK_INT(ef_config_check(&cfg, err, sizeof(err)), 0);

	CASE("config check: media ranges under the Skype for Business profiles");
	CHECK_INT(apply(&cfg, "add-role av --ip 10.45.16.30 --media-range ocs2007"), 0);
	CHECK_INT(ef_config_check(&cfg, err, sizeof(err)), 0);
	CHECK_INT(apply(&cfg, "profile sfb2019"), 0);
	CHECK_INT(ef_config_check(&cfg, err, sizeof(err)), -1);
	CHECK_STR(err, "media range ocs2007 of role av and profile sfb2019 do not go together: the Skype for Business tables have no inbound media rows (use standard or none)");
	CHECK_INT(apply(&cfg, "add-role av --media-range lync2010"), 0);
	CHECK_INT(ef_config_check(&cfg, err, sizeof(err)), -1);
	CHECK_STR(err, "media range lync2010 of role av and profile sfb2019 do not go together: lync2010 is TCP out only, the standard of Lync Server 2010; the standard of sfb2019, TCP and UDP out, is called standard");
	CHECK_INT(apply(&cfg, "add-role av --media-range standard"), 0);
	CHECK_INT(ef_config_check(&cfg, err, sizeof(err)), 0);
	CHECK_INT(apply(&cfg, "add-role av --media-range none"), 0);
	CHECK_INT(ef_config_check(&cfg, err, sizeof(err)), 0);
	CHECK_INT(apply(&cfg, "profile sfb2015"), 0);
	CHECK_INT(apply(&cfg, "add-role av --media-range lync2010"), 0);
	CHECK_INT(ef_config_check(&cfg, err, sizeof(err)), -1);
	CHECK_INT(apply(&cfg, "profile lync2010"), 0);
	CHECK_INT(ef_config_check(&cfg, err, sizeof(err)), 0);

	CASE("config check: the standard range stays standard across profiles");
	CHECK_INT(apply(&cfg, "add-role av --media-range standard"), 0);
	CHECK_INT(apply(&cfg, "profile sfb2019"), 0);
	CHECK_INT(ef_config_check(&cfg, err, sizeof(err)), 0);
	CHECK_INT(cfg.roles[EDGEFW_ROLE_AV].media, EDGEFW_MEDIA_STANDARD);
	ef_config_free(&cfg);
}

static void eq_v2(void)
{
	struct ef_config a, b;

	ef_config_init(&a);
	CASE("config: eq sees profile, Directors, management rules, NFLOG group; not the pending change");
	CHECK_INT(apply(&a, "add-role av --ip 10.45.16.30"), 0);
	ef_config_copy(&b, &a);
	b.has_pending = true;
	b.pending_ms = 5000;
	CHECK(ef_config_eq(&a, &b));
	CHECK_INT(apply(&b, "profile sfb2019"), 0);
	CHECK(!ef_config_eq(&a, &b));
	CHECK_INT(apply(&a, "profile sfb2019"), 0);
	CHECK(ef_config_eq(&a, &b));
	CHECK_INT(apply(&b, "set-pool --director 192.168.10.80"), 0);
	CHECK(!ef_config_eq(&a, &b));
	CHECK_INT(apply(&a, "set-pool --director 192.168.10.80"), 0);
	CHECK_INT(apply(&b, "add-mgmt --from 10.99.0.0/24 --tcp 22"), 0);
	CHECK(!ef_config_eq(&a, &b));
	CHECK_INT(apply(&a, "add-mgmt --from 10.99.0.0/24 --tcp 23"), 0);
	CHECK(!ef_config_eq(&a, &b));
	CHECK_INT(apply(&a, "del-mgmt --from 10.99.0.0/24 --tcp 23"), 0);
	CHECK_INT(apply(&a, "add-mgmt --from 10.99.0.0/24 --tcp 22"), 0);
	CHECK(ef_config_eq(&a, &b));
	CHECK_INT(apply(&a, "log-drops on --nflog-group 1"), 0);
	CHECK_INT(apply(&b, "log-drops on --nflog-group 2"), 0);
	CHECK(!ef_config_eq(&a, &b));
	CHECK_INT(apply(&b, "log-drops on --nflog-group 1"), 0);
	CHECK(ef_config_eq(&a, &b));
	CHECK_INT(apply(&b, "add-role av --media-range lync2010"), 0);
	CHECK(ef_config_eq(&a, &b));	/* the same range, said otherwise */
	ef_config_free(&a);
	ef_config_free(&b);
}

void suite_config(void)
{
	bindings();
	pool();
	roles();
	flags_and_flush();
	copy_eq();
	limits();
	directors();
	mgmt();
	profiles_and_modes();
	eq_v2();
}
