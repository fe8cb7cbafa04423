// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink messages: SET_CONFIG built from a configuration and read back
 * attribute by attribute; canned GET_CONFIG / GET_RULES dumps as the
 * kernel sends them; error messages with extended acks.
 */
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <stdlib.h>

#include "../../ctl/msg.h"
#include "../../ctl/save.h"
#include "../../ctl/util.h"
#include "unit.h"

#define FAMILY 0x1d

static const struct ef_set_how with_gen = { .with_gen = true }, plain;

static const char reference[] =
	"bind ext0 external\n"
	"bind int0 internal\n"
	"set-pool --front-end 192.168.10.90 --front-end 192.168.10.91 --vip 192.168.10.190\n"
	"add-role access --ip 10.45.16.10 --internal-ip 172.25.33.10\n"
	"add-role webconf --ip 10.45.16.20 --internal-ip 172.25.33.10\n"
	"add-role av --ip 10.45.16.30 --internal-ip 172.25.33.10 --media-range ocs2007\n"
	"add-role rproxy --ip 10.45.16.40 --internal-ip 172.25.33.40\n"
	"http-redirect on\n";

static void load(struct ef_config *cfg, const char *text)
{
	char err[EF_ERRLEN];
	FILE *f = fmemopen((void *)text, strlen(text), "r");

	if (ef_restore_read(f, cfg, NULL, err, sizeof(err))) {
		fprintf(stderr, "test config: %s\n", err);
		abort();
	}
	fclose(f);
}

static struct nlattr *first_attr(struct nlmsghdr *nlh, int *len)
{
	*len = (int)nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	return (struct nlattr *)((char *)nlh + NLMSG_HDRLEN + GENL_HDRLEN);
}

static const char *addr_of(const struct nlattr *a)
{
	static char buf[4][EF_ADDRSTRLEN];
	static int k;
	struct ef_addr addr;

	if (ef_addr_from_bytes(&addr, nla_data(a), (size_t)nla_len(a)))
		return "(bad)";
	return ef_addr_str(&addr, buf[k++ % 4]);
}

static void set_reference(void)
{
	struct nlattr *a, *b, *c, *tb[EDGEFW_A_MAX + 1];
	struct ef_config cfg, back;
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	struct nl_msg *m;
	int len, rem, rem2, rem3, nroles = 0, nbind = 0, nfe = 0;
	int role_order[8];
	char err[EF_ERRLEN];

	ef_config_init(&cfg);
	load(&cfg, reference);
	cfg.generation = 7;

	CASE("msg: SET_CONFIG has the computed size and the genl header");
	m = ef_msg_set_config(FAMILY, &cfg, &with_gen);
	CHECK(m != NULL);
	if (!m)
		return;
	nlh = nlmsg_hdr(m);
	CHECK_INT(nlh->nlmsg_len, ef_msg_set_config_size(&cfg, &with_gen));
	CHECK_INT(nlh->nlmsg_type, FAMILY);
	g = nlmsg_data(nlh);
	CHECK_INT(g->cmd, EDGEFW_CMD_SET_CONFIG);
	CHECK_INT(g->version, EDGEFW_GENL_VERSION);

	CASE("msg: SET_CONFIG top-level attributes");
	CHECK_INT(genlmsg_parse(nlh, 0, tb, EDGEFW_A_MAX, NULL), 0);
	CHECK(tb[EDGEFW_A_GENERATION] && nla_get_u32(tb[EDGEFW_A_GENERATION]) == 7);
	CHECK(tb[EDGEFW_A_FLAGS] && nla_get_u32(tb[EDGEFW_A_FLAGS]) == EDGEFW_F_HTTP_REDIRECT);
	CHECK(tb[EDGEFW_A_POOL] && (tb[EDGEFW_A_POOL]->nla_type & NLA_F_NESTED));
	CHECK(tb[EDGEFW_A_BINDINGS] && (tb[EDGEFW_A_BINDINGS]->nla_type & NLA_F_NESTED));
	CHECK(!tb[EDGEFW_A_RULE] && !tb[EDGEFW_A_ZONE_STATS] && !tb[EDGEFW_A_BINDING]);

	CASE("msg: SET_CONFIG pool");
	if (tb[EDGEFW_A_POOL]) {
		nla_for_each_nested(a, tb[EDGEFW_A_POOL], rem) {
			if (nla_type(a) == EDGEFW_POOL_A_FRONT_END) {
				CHECK_INT(nla_len(a), 4);
				CHECK_STR(addr_of(a), nfe ? "192.168.10.91" : "192.168.10.90");
				nfe++;
			} else {
				CHECK_INT(nla_type(a), EDGEFW_POOL_A_VIP);
				CHECK_STR(addr_of(a), "192.168.10.190");
			}
		}
	}
	CHECK_INT(nfe, 2);

	CASE("msg: SET_CONFIG bindings carry name and zone only");
	if (tb[EDGEFW_A_BINDINGS]) {
		nla_for_each_nested(a, tb[EDGEFW_A_BINDINGS], rem) {
			struct nlattr *bt[EDGEFW_BINDING_A_MAX + 1];

			CHECK_INT(nla_type(a), EDGEFW_A_BINDING);
			CHECK(a->nla_type & NLA_F_NESTED);
			CHECK_INT(nla_parse_nested(bt, EDGEFW_BINDING_A_MAX, a, NULL), 0);
			CHECK(bt[EDGEFW_BINDING_A_IFNAME] != NULL);
			CHECK(bt[EDGEFW_BINDING_A_ZONE] != NULL);
			CHECK(!bt[EDGEFW_BINDING_A_IFINDEX]);
			if (bt[EDGEFW_BINDING_A_IFNAME] && bt[EDGEFW_BINDING_A_ZONE]) {
				CHECK_STR(nla_get_string(bt[EDGEFW_BINDING_A_IFNAME]),
					  nbind ? "int0" : "ext0");
				CHECK_INT(nla_get_u8(bt[EDGEFW_BINDING_A_ZONE]),
					  nbind ? EDGEFW_ZONE_INTERNAL : EDGEFW_ZONE_EXTERNAL);
			}
			nbind++;
		}
	}
	CHECK_INT(nbind, 2);

	CASE("msg: SET_CONFIG roles in enum order, media range for av only");
	a = first_attr(nlh, &len);
	nla_for_each_attr(b, a, len, rem) {
		struct nlattr *rt[EDGEFW_ROLE_A_MAX + 1];
		int naddr = 0, type;

		if (nla_type(b) != EDGEFW_A_ROLE)
			continue;
		CHECK(b->nla_type & NLA_F_NESTED);
		CHECK_INT(nla_parse_nested(rt, EDGEFW_ROLE_A_MAX, b, NULL), 0);
		if (!rt[EDGEFW_ROLE_A_TYPE] || !rt[EDGEFW_ROLE_A_ADDRS]) {
			CHECK(!"role without type or addresses");
			continue;
		}
		type = nla_get_u8(rt[EDGEFW_ROLE_A_TYPE]);
		if (nroles < 8)
			role_order[nroles] = type;
		nroles++;
		CHECK(rt[EDGEFW_ROLE_A_INTERNAL_ADDR] != NULL);
		CHECK_INT(!!rt[EDGEFW_ROLE_A_MEDIA_RANGE], type == EDGEFW_ROLE_AV);
		if (type == EDGEFW_ROLE_AV && rt[EDGEFW_ROLE_A_MEDIA_RANGE])
			CHECK_INT(nla_get_u8(rt[EDGEFW_ROLE_A_MEDIA_RANGE]), EDGEFW_MEDIA_OCS2007);
		if (type == EDGEFW_ROLE_RPROXY && rt[EDGEFW_ROLE_A_INTERNAL_ADDR])
			CHECK_STR(addr_of(rt[EDGEFW_ROLE_A_INTERNAL_ADDR]), "172.25.33.40");
		nla_for_each_nested(c, rt[EDGEFW_ROLE_A_ADDRS], rem3) {
			CHECK_INT(nla_type(c), EDGEFW_A_ADDR);
			naddr++;
		}
		CHECK_INT(naddr, 1);
		(void)rem2;
	}
	CHECK_INT(nroles, 4);
	for (len = 0; len < 4 && len < nroles; len++)
		CHECK_INT(role_order[len], len);

	CASE("msg: SET_CONFIG read back as a dump gives the same configuration");
	ef_config_init(&back);
	CHECK_INT(ef_msg_parse_config(nlh, &back, err, sizeof(err)), 0);
	ef_config_normalize(&back);
	CHECK(ef_config_eq(&cfg, &back));
	CHECK(back.has_generation && back.generation == 7);
	ef_config_free(&back);
	nlmsg_free(m);

	CASE("msg: SET_CONFIG without generation (restore, flush)");
	m = ef_msg_set_config(FAMILY, &cfg, &plain);
	CHECK_INT(nlmsg_hdr(m)->nlmsg_len, ef_msg_set_config_size(&cfg, &plain));
	CHECK_INT(genlmsg_parse(nlmsg_hdr(m), 0, tb, EDGEFW_A_MAX, NULL), 0);
	CHECK(!tb[EDGEFW_A_GENERATION]);
	nlmsg_free(m);
	ef_config_free(&cfg);

	CASE("msg: SET_CONFIG of the empty configuration is FLAGS 0 and PROFILE lync2010 only");
	ef_config_init(&cfg);
	m = ef_msg_set_config(FAMILY, &cfg, &plain);
	nlh = nlmsg_hdr(m);
	CHECK_INT(nlh->nlmsg_len, NLMSG_HDRLEN + GENL_HDRLEN + 8 + 8);
	CHECK_INT(nlh->nlmsg_len, ef_msg_set_config_size(&cfg, &plain));
	CHECK_INT(genlmsg_parse(nlh, 0, tb, EDGEFW_A_MAX, NULL), 0);
	CHECK(tb[EDGEFW_A_FLAGS] && nla_get_u32(tb[EDGEFW_A_FLAGS]) == 0);
	CHECK(tb[EDGEFW_A_PROFILE] &&
	      nla_get_u8(tb[EDGEFW_A_PROFILE]) == EDGEFW_PROFILE_LYNC2010);
	CHECK(!tb[EDGEFW_A_POOL] && !tb[EDGEFW_A_BINDINGS] && !tb[EDGEFW_A_ROLE]);
	CHECK(!tb[EDGEFW_A_MGMT] && !tb[EDGEFW_A_LOG_GROUP] &&
	      !tb[EDGEFW_A_CHECK_ONLY] && !tb[EDGEFW_A_CONFIRM_TIMEOUT]);
	nlmsg_free(m);

	CASE("msg: simple requests");
	m = ef_msg_simple(FAMILY, EDGEFW_CMD_GET_RULES, NLM_F_DUMP);
	nlh = nlmsg_hdr(m);
	CHECK_INT(nlh->nlmsg_len, NLMSG_HDRLEN + GENL_HDRLEN);
	CHECK(nlh->nlmsg_flags & NLM_F_DUMP);
	CHECK_INT(((struct genlmsghdr *)nlmsg_data(nlh))->cmd, EDGEFW_CMD_GET_RULES);
	nlmsg_free(m);
}

/* A role of n addresses: IPv4 10.x.y.z, or IPv6 2001:db8::x:y:z. */
static void fill_role(struct ef_role *r, uint32_t n, int family)
{
	struct ef_addr a;
	uint32_t i;

	r->present = true;
	for (i = 0; i < n; i++) {
		memset(&a, 0, sizeof(a));
		a.family = (uint8_t)(family ? family : (i % 3 ? AF_INET : AF_INET6));
		if (a.family == AF_INET) {
			a.bytes[0] = 10;
			a.bytes[1] = (uint8_t)(i >> 16);
			a.bytes[2] = (uint8_t)(i >> 8);
			a.bytes[3] = (uint8_t)i;
		} else {
			memcpy(a.bytes, "\x20\x01\x0d\xb8", 4);
			a.bytes[13] = (uint8_t)(i >> 16);
			a.bytes[14] = (uint8_t)(i >> 8);
			a.bytes[15] = (uint8_t)i;
		}
		ef_addrset_append(&r->addrs, &a);
	}
	ef_addrset_normalize(&r->addrs);
}

static void set_big(const char *what, int family, uint32_t n)
{
	struct ef_config cfg, back;
	struct nlmsghdr *nlh;
	struct nlattr *a, *head;
	struct nl_msg *m;
	char err[EF_ERRLEN];
	int len, rem, chunks = 0, bad_len = 0, bad_type = 0;

	CASE("msg: SET_CONFIG with %u %s addresses in one role", n, what);
	ef_config_init(&cfg);
	fill_role(&cfg.roles[EDGEFW_ROLE_AV], n, family);
	cfg.roles[EDGEFW_ROLE_AV].has_internal = true;
	ef_addr_from_bytes(&cfg.roles[EDGEFW_ROLE_AV].internal, "\xac\x19\x21\x0a", 4);
	cfg.roles[EDGEFW_ROLE_AV].media = EDGEFW_MEDIA_NONE;
	fill_role(&cfg.roles[EDGEFW_ROLE_ACCESS], 3, AF_INET);
	m = ef_msg_set_config(FAMILY, &cfg, &with_gen);
	CHECK(m != NULL);
	if (!m) {
		ef_config_free(&cfg);
		return;
	}
	nlh = nlmsg_hdr(m);
	CHECK_INT(nlh->nlmsg_len, ef_msg_set_config_size(&cfg, &with_gen));
	head = first_attr(nlh, &len);
	nla_for_each_attr(a, head, len, rem) {
		struct nlattr *rt[EDGEFW_ROLE_A_MAX + 1];

		if (nla_type(a) != EDGEFW_A_ROLE)
			continue;
		if (a->nla_len < NLA_HDRLEN)
			bad_len++;
		nla_parse_nested(rt, EDGEFW_ROLE_A_MAX, a, NULL);
		if (!rt[EDGEFW_ROLE_A_TYPE])
			bad_type++;
		else if (nla_get_u8(rt[EDGEFW_ROLE_A_TYPE]) == EDGEFW_ROLE_AV &&
			 (!rt[EDGEFW_ROLE_A_INTERNAL_ADDR] ||
			  !rt[EDGEFW_ROLE_A_MEDIA_RANGE] ||
			  nla_get_u8(rt[EDGEFW_ROLE_A_MEDIA_RANGE]) != EDGEFW_MEDIA_NONE))
			bad_type++;
		else if (nla_get_u8(rt[EDGEFW_ROLE_A_TYPE]) == EDGEFW_ROLE_ACCESS &&
			 (rt[EDGEFW_ROLE_A_INTERNAL_ADDR] || rt[EDGEFW_ROLE_A_MEDIA_RANGE]))
			bad_type++;
		chunks++;
	}
	CHECK_INT(rem, 0);
	CHECK_INT(bad_len, 0);
	CHECK_INT(bad_type, 0);
	/* n addresses of 8 (IPv4) or 20 (IPv6) bytes, 64 KiB per nest */
	CHECK(chunks >= 2);
	CHECK(chunks <= 2 + (int)((uint64_t)n * 20 / 65000));
	ef_config_init(&back);
	CHECK_INT(ef_msg_parse_config(nlh, &back, err, sizeof(err)), 0);
	ef_config_normalize(&back);
	CHECK_INT(back.roles[EDGEFW_ROLE_AV].addrs.n, n);
	CHECK(ef_config_eq(&cfg, &back));
	ef_config_free(&back);
	nlmsg_free(m);
	ef_config_free(&cfg);
}

/* ---- canned dumps ---- */

static struct nl_msg *dump_msg(uint8_t cmd)
{
	struct nl_msg *m = nlmsg_alloc_size(1 << 20);

	genlmsg_put(m, 1234, 5, FAMILY, 0, NLM_F_MULTI, cmd, EDGEFW_GENL_VERSION);
	return m;
}

static void put_addr4(struct nl_msg *m, int type, const char *dotted)
{
	struct ef_addr a;
	const char *why;

	ef_addr_parse(dotted, &a, &why);
	nla_put(m, type, (int)ef_addr_len(&a), a.bytes);
}

static void put_binding(struct nl_msg *m, const char *name, uint8_t zone,
			uint32_t ifindex)
{
	struct nlattr *b = nla_nest_start(m, EDGEFW_A_BINDING);

	nla_put_u32(m, EDGEFW_BINDING_A_IFINDEX, ifindex);
	nla_put_string(m, EDGEFW_BINDING_A_IFNAME, name);
	nla_put_u8(m, EDGEFW_BINDING_A_ZONE, zone);
	nla_put_u32(m, 77, 1);		/* unknown: skipped */
	nla_nest_end(m, b);
}

static int parse_cfg_msgs(struct nl_msg **msgs, int n, struct ef_config *cfg,
			  char *err)
{
	int i;

	ef_config_init(cfg);
	for (i = 0; i < n; i++)
		if (ef_msg_parse_config(nlmsg_hdr(msgs[i]), cfg, err, EF_ERRLEN))
			return -1;
	ef_config_normalize(cfg);
	return 0;
}

static void get_config_dump(void)
{
	struct nl_msg *msgs[4];
	struct nlattr *n1, *n2;
	struct ef_config cfg;
	char err[EF_ERRLEN], *text;
	struct capture c;
	int i;

	/* message 1: generation, flags, pool, bindings */
	msgs[0] = dump_msg(EDGEFW_CMD_GET_CONFIG);
	nla_put_u32(msgs[0], EDGEFW_A_GENERATION, 31);
	nla_put_u32(msgs[0], EDGEFW_A_FLAGS, EDGEFW_F_LOG_DROPS);
	nla_put_u32(msgs[0], 99, 5);		/* unknown top-level: skipped */
	n1 = nla_nest_start(msgs[0], EDGEFW_A_POOL);
	put_addr4(msgs[0], EDGEFW_POOL_A_FRONT_END, "192.168.10.91");
	put_addr4(msgs[0], EDGEFW_POOL_A_VIP, "192.168.10.190");
	put_addr4(msgs[0], EDGEFW_POOL_A_FRONT_END, "192.168.10.90");
	nla_nest_end(msgs[0], n1);
	n1 = nla_nest_start(msgs[0], EDGEFW_A_BINDINGS);
	put_binding(msgs[0], "int0", EDGEFW_ZONE_INTERNAL, 3);
	put_binding(msgs[0], "ext0", EDGEFW_ZONE_EXTERNAL, 0);
	nla_nest_end(msgs[0], n1);
	/* message 2: access; av, first part */
	msgs[1] = dump_msg(EDGEFW_CMD_GET_CONFIG);
	n1 = nla_nest_start(msgs[1], EDGEFW_A_ROLE);
	nla_put_u8(msgs[1], EDGEFW_ROLE_A_TYPE, EDGEFW_ROLE_ACCESS);
	put_addr4(msgs[1], EDGEFW_ROLE_A_INTERNAL_ADDR, "172.25.33.10");
	n2 = nla_nest_start(msgs[1], EDGEFW_ROLE_A_ADDRS);
	put_addr4(msgs[1], EDGEFW_A_ADDR, "10.45.16.10");
	nla_nest_end(msgs[1], n2);
	nla_nest_end(msgs[1], n1);
	n1 = nla_nest_start(msgs[1], EDGEFW_A_ROLE);
	nla_put_u8(msgs[1], EDGEFW_ROLE_A_TYPE, EDGEFW_ROLE_AV);
	nla_put_u8(msgs[1], EDGEFW_ROLE_A_MEDIA_RANGE, EDGEFW_MEDIA_OCS2007);
	nla_put_u8(msgs[1], 50, 1);		/* unknown in a role: skipped */
	n2 = nla_nest_start(msgs[1], EDGEFW_ROLE_A_ADDRS);
	put_addr4(msgs[1], EDGEFW_A_ADDR, "10.45.16.32");
	put_addr4(msgs[1], EDGEFW_A_ADDR, "10.45.16.30");
	nla_nest_end(msgs[1], n2);
	nla_nest_end(msgs[1], n1);
	/* message 3: av, second part (settings repeated) */
	msgs[2] = dump_msg(EDGEFW_CMD_GET_CONFIG);
	n1 = nla_nest_start(msgs[2], EDGEFW_A_ROLE);
	nla_put_u8(msgs[2], EDGEFW_ROLE_A_TYPE, EDGEFW_ROLE_AV);
	nla_put_u8(msgs[2], EDGEFW_ROLE_A_MEDIA_RANGE, EDGEFW_MEDIA_OCS2007);
	n2 = nla_nest_start(msgs[2], EDGEFW_ROLE_A_ADDRS);
	put_addr4(msgs[2], EDGEFW_A_ADDR, "10.45.16.31");
	nla_nest_end(msgs[2], n2);
	nla_nest_end(msgs[2], n1);

	CASE("msg: GET_CONFIG dump across three messages");
	CHECK_INT(parse_cfg_msgs(msgs, 3, &cfg, err), 0);
	CHECK(cfg.has_generation);
	CHECK_INT(cfg.generation, 31);
	CHECK_INT(cfg.flags, EDGEFW_F_LOG_DROPS);
	CHECK_INT(cfg.nbindings, 2);
	if (cfg.nbindings == 2) {
		CHECK_STR(cfg.bindings[0].ifname, "ext0");
		CHECK_INT(cfg.bindings[0].ifindex, 0);
		CHECK_INT(cfg.bindings[1].ifindex, 3);
	}
	CHECK_INT(cfg.roles[EDGEFW_ROLE_AV].addrs.n, 3);
	capture_open(&c);
	ef_save_text(c.f, &cfg);
	text = (char *)capture_close(&c);
	CHECK_STR(text,
		  "profile lync2010\n"
		  "bind ext0 external\n"
		  "bind int0 internal\n"
		  "set-pool --front-end 192.168.10.90 --front-end 192.168.10.91 --vip 192.168.10.190\n"
		  "add-role access --ip 10.45.16.10 --internal-ip 172.25.33.10\n"
		  "add-role av --ip 10.45.16.30 --ip 10.45.16.31 --ip 10.45.16.32 --media-range ocs2007\n"
		  "http-redirect off\n"
		  "log-drops on\n"
		  "mode enforce\n"
		  "stateless-media off\n");
	free(text);
	ef_config_free(&cfg);
	for (i = 0; i < 3; i++)
		nlmsg_free(msgs[i]);
}

/* One malformed GET_CONFIG message, built by 'build', must be refused. */
static void refuse_cfg(const char *what, void (*build)(struct nl_msg *),
		       const char *expect)
{
	struct nl_msg *m = dump_msg(EDGEFW_CMD_GET_CONFIG);
	struct ef_config cfg;
	char err[EF_ERRLEN] = "";

	CASE("msg: GET_CONFIG refuse %s", what);
	build(m);
	ef_config_init(&cfg);
	CHECK_INT(ef_msg_parse_config(nlmsg_hdr(m), &cfg, err, sizeof(err)), -1);
	CHECK_STR(err, expect);
	ef_config_free(&cfg);
	nlmsg_free(m);
}

static void b_gen(struct nl_msg *m) { nla_put_u16(m, EDGEFW_A_GENERATION, 1); }
static void b_flags(struct nl_msg *m) { nla_put_u8(m, EDGEFW_A_FLAGS, 1); }
static void b_noname(struct nl_msg *m)
{
	struct nlattr *n = nla_nest_start(m, EDGEFW_A_BINDINGS), *b;

	b = nla_nest_start(m, EDGEFW_A_BINDING);
	nla_put_u8(m, EDGEFW_BINDING_A_ZONE, 0);
	nla_nest_end(m, b);
	nla_nest_end(m, n);
}
static void b_longname(struct nl_msg *m)
{
	struct nlattr *n = nla_nest_start(m, EDGEFW_A_BINDINGS), *b;

	b = nla_nest_start(m, EDGEFW_A_BINDING);
	nla_put_string(m, EDGEFW_BINDING_A_IFNAME, "abcdefghijklmnopq");
	nla_put_u8(m, EDGEFW_BINDING_A_ZONE, 0);
	nla_nest_end(m, b);
	nla_nest_end(m, n);
}
static void b_unterminated(struct nl_msg *m)
{
	struct nlattr *n = nla_nest_start(m, EDGEFW_A_BINDINGS), *b;

	b = nla_nest_start(m, EDGEFW_A_BINDING);
	nla_put(m, EDGEFW_BINDING_A_IFNAME, 4, "ext0");
	nla_put_u8(m, EDGEFW_BINDING_A_ZONE, 0);
	nla_nest_end(m, b);
	nla_nest_end(m, n);
}
static void b_zone(struct nl_msg *m)
{
	struct nlattr *n = nla_nest_start(m, EDGEFW_A_BINDINGS), *b;

	b = nla_nest_start(m, EDGEFW_A_BINDING);
	nla_put_string(m, EDGEFW_BINDING_A_IFNAME, "dmz0");
	nla_put_u8(m, EDGEFW_BINDING_A_ZONE, 2);
	nla_nest_end(m, b);
	nla_nest_end(m, n);
}
static void b_roletype(struct nl_msg *m)
{
	struct nlattr *n = nla_nest_start(m, EDGEFW_A_ROLE);

	nla_put_u8(m, EDGEFW_ROLE_A_TYPE, 4);
	nla_nest_end(m, n);
}
static void b_notype(struct nl_msg *m)
{
	struct nlattr *n = nla_nest_start(m, EDGEFW_A_ROLE), *a;

	a = nla_nest_start(m, EDGEFW_ROLE_A_ADDRS);
	put_addr4(m, EDGEFW_A_ADDR, "10.45.16.10");
	nla_nest_end(m, a);
	nla_nest_end(m, n);
}
static void b_addrlen(struct nl_msg *m)
{
	struct nlattr *n = nla_nest_start(m, EDGEFW_A_ROLE), *a;

	nla_put_u8(m, EDGEFW_ROLE_A_TYPE, EDGEFW_ROLE_ACCESS);
	a = nla_nest_start(m, EDGEFW_ROLE_A_ADDRS);
	nla_put(m, EDGEFW_A_ADDR, 5, "\x0a\x2d\x10\x0a\x00");
	nla_nest_end(m, a);
	nla_nest_end(m, n);
}
static void b_disagree(struct nl_msg *m)
{
	struct nlattr *n;
	int i;

	for (i = 0; i < 2; i++) {
		n = nla_nest_start(m, EDGEFW_A_ROLE);
		nla_put_u8(m, EDGEFW_ROLE_A_TYPE, EDGEFW_ROLE_AV);
		nla_put_u8(m, EDGEFW_ROLE_A_MEDIA_RANGE, (uint8_t)i);
		nla_nest_end(m, n);
	}
}
static void b_media(struct nl_msg *m)
{
	struct nlattr *n = nla_nest_start(m, EDGEFW_A_ROLE);

	nla_put_u8(m, EDGEFW_ROLE_A_TYPE, EDGEFW_ROLE_AV);
	nla_put_u8(m, EDGEFW_ROLE_A_MEDIA_RANGE, 3);
	nla_nest_end(m, n);
}
static void b_vip(struct nl_msg *m)
{
	struct nlattr *n = nla_nest_start(m, EDGEFW_A_POOL);

	nla_put(m, EDGEFW_POOL_A_VIP, 6, "abcdef");
	nla_nest_end(m, n);
}

static void get_config_bad(void)
{
	struct nlmsghdr short_hdr = { .nlmsg_len = NLMSG_HDRLEN + 2 };
	struct ef_config cfg;
	char err[EF_ERRLEN];

	refuse_cfg("a generation of 2 bytes", b_gen,
		   "malformed message from the edgefw module (generation)");
	refuse_cfg("flags of 1 byte", b_flags,
		   "malformed message from the edgefw module (flags)");
	refuse_cfg("a binding without name", b_noname,
		   "malformed message from the edgefw module (binding without name or zone)");
	refuse_cfg("an interface name too long", b_longname,
		   "malformed message from the edgefw module (interface name)");
	refuse_cfg("an unterminated interface name", b_unterminated,
		   "malformed message from the edgefw module (interface name)");
	refuse_cfg("an unknown zone", b_zone,
		   "the edgefw module reports zone 2 for dmz0, unknown to this edgectl");
	refuse_cfg("an unknown role", b_roletype,
		   "the edgefw module reports role 4 / media range 0, unknown to this edgectl");
	refuse_cfg("an unknown media range", b_media,
		   "the edgefw module reports role 2 / media range 3, unknown to this edgectl");
	refuse_cfg("a role without type", b_notype,
		   "malformed message from the edgefw module (role without type)");
	refuse_cfg("an address of 5 bytes", b_addrlen,
		   "malformed message from the edgefw module (role address)");
	refuse_cfg("a VIP of 6 bytes", b_vip,
		   "malformed message from the edgefw module (pool VIP)");
	refuse_cfg("parts of a role that disagree", b_disagree,
		   "malformed message from the edgefw module (role parts disagree)");

	CASE("msg: GET_CONFIG refuse a message shorter than the genl header");
	ef_config_init(&cfg);
	CHECK_INT(ef_msg_parse_config(&short_hdr, &cfg, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed message from the edgefw module (too short)");
}

static void put_rule(struct nl_msg *m, uint8_t role, uint16_t row, uint8_t zone,
		     uint8_t dir, uint8_t proto, const char *src, const char *dst,
		     uint16_t spmin, uint16_t spmax, uint16_t dpmin, uint16_t dpmax,
		     uint64_t packets, uint64_t bytes, const char *used_for)
{
	struct nlattr *n;

	nla_put_u32(m, EDGEFW_A_GENERATION, 31);
	n = nla_nest_start(m, EDGEFW_A_RULE);
	nla_put_u8(m, EDGEFW_RULE_A_ROLE, role);
	nla_put_u16(m, EDGEFW_RULE_A_ROW, row);
	nla_put_u8(m, EDGEFW_RULE_A_ZONE, zone);
	nla_put_u8(m, EDGEFW_RULE_A_DIR, dir);
	nla_put_u8(m, EDGEFW_RULE_A_PROTO, proto);
	if (src)
		put_addr4(m, EDGEFW_RULE_A_SRC, src);
	if (dst)
		put_addr4(m, EDGEFW_RULE_A_DST, dst);
	nla_put_u16(m, EDGEFW_RULE_A_SPORT_MIN, spmin);
	nla_put_u16(m, EDGEFW_RULE_A_SPORT_MAX, spmax);
	nla_put_u16(m, EDGEFW_RULE_A_DPORT_MIN, dpmin);
	nla_put_u16(m, EDGEFW_RULE_A_DPORT_MAX, dpmax);
	nla_put(m, EDGEFW_RULE_A_PAD, 0, NULL);
	nla_put_u64(m, EDGEFW_RULE_A_PACKETS, packets);
	nla_put_u64(m, EDGEFW_RULE_A_BYTES, bytes);
	nla_put_string(m, EDGEFW_RULE_A_USED_FOR, used_for);
	nla_nest_end(m, n);
}

static void put_zone(struct nl_msg *m, uint8_t zone, uint64_t base)
{
	struct nlattr *n = nla_nest_start(m, EDGEFW_A_ZONE_STATS);
	int i;

	nla_put_u8(m, EDGEFW_ZSTAT_A_ZONE, zone);
	for (i = EDGEFW_ZSTAT_A_ACCEPT_STATE; i <= EDGEFW_ZSTAT_A_MAX; i++)
		if (i != EDGEFW_ZSTAT_A_PAD)
			nla_put_u64(m, i, base + (uint64_t)i - (i > EDGEFW_ZSTAT_A_PAD));
	nla_put(m, EDGEFW_ZSTAT_A_PAD, 0, NULL);
	nla_nest_end(m, n);
}

/* The canned rule dump of the reference's access and av rows (part). */
static struct nl_msg *canned_rules[8];
static int n_canned_rules;

static void make_canned_rules(void)
{
	struct nl_msg *m;

	m = canned_rules[0] = dump_msg(EDGEFW_CMD_GET_RULES);
	put_rule(m, EDGEFW_ROLE_ACCESS, 1, EDGEFW_ZONE_EXTERNAL, EDGEFW_DIR_OUT,
		 IPPROTO_TCP, "10.45.16.10", NULL, 0, 65535, 80, 80, 12, 720,
		 "HTTP: checking certificate revocation lists");
	m = canned_rules[1] = dump_msg(EDGEFW_CMD_GET_RULES);
	put_rule(m, EDGEFW_ROLE_ACCESS, 3, EDGEFW_ZONE_EXTERNAL, EDGEFW_DIR_IN,
		 IPPROTO_TCP, NULL, "10.45.16.10", 0, 65535, 443, 443,
		 18446744073709551615ULL, 1ULL << 40,
		 "SIP (TLS): client-to-server \"SIP\" traffic\tfor external user access");
	m = canned_rules[2] = dump_msg(EDGEFW_CMD_GET_RULES);
	put_rule(m, EDGEFW_ROLE_AV, 7, EDGEFW_ZONE_EXTERNAL, EDGEFW_DIR_OUT,
		 IPPROTO_TCP, "10.45.16.30", NULL, 50000, 59999, 0, 65535, 0, 0,
		 "RTP: desktop sharing");
	m = canned_rules[3] = dump_msg(EDGEFW_CMD_GET_RULES);
	put_rule(m, EDGEFW_ROLE_ACCESS, 17, EDGEFW_ZONE_INTERNAL, EDGEFW_DIR_IN,
		 IPPROTO_TCP, "192.168.10.90", "172.25.33.10", 0, 65535, 5061, 5061,
		 3, 180, "HTTP: checking certificate revocation lists");
	m = canned_rules[4] = dump_msg(EDGEFW_CMD_GET_RULES);
	put_zone(m, EDGEFW_ZONE_EXTERNAL, 100);
	m = canned_rules[5] = dump_msg(EDGEFW_CMD_GET_RULES);
	put_zone(m, EDGEFW_ZONE_INTERNAL, 200);
	put_zone(m, 7, 300);		/* a zone newer than edgectl: ignored */
	n_canned_rules = 6;
}

int parse_canned_rules(struct ef_rules *rules, char *err)
{
	int i;

	if (!n_canned_rules)
		make_canned_rules();
	ef_rules_init(rules);
	for (i = 0; i < n_canned_rules; i++)
		if (ef_msg_parse_rules(nlmsg_hdr(canned_rules[i]), rules, err,
				       EF_ERRLEN))
			return -1;
	return 0;
}

static void get_rules(void)
{
	struct ef_rules rules;
	char err[EF_ERRLEN] = "", b[EF_ADDRSTRLEN];
	struct nl_msg *m;
	struct nlattr *n;

	CASE("msg: GET_RULES dump of rules and zone counters");
	CHECK_INT(parse_canned_rules(&rules, err), 0);
	CHECK_STR(err, "");
	CHECK(rules.has_generation && rules.generation == 31);
	CHECK_INT(rules.n, 4);
	if (rules.n == 4) {
		CHECK_INT(rules.v[0].row, 1);
		CHECK_INT(rules.v[0].dir, EDGEFW_DIR_OUT);
		CHECK(rules.v[0].has_src && !rules.v[0].has_dst);
		CHECK_STR(ef_addr_str(&rules.v[0].src, b), "10.45.16.10");
		CHECK_INT(rules.v[0].dport_min, 80);
		CHECK_INT(rules.v[0].packets, 12);
		CHECK_INT(rules.v[0].bytes, 720);
		CHECK(rules.v[1].packets == 18446744073709551615ULL);
		CHECK_INT(rules.v[2].sport_min, 50000);
		CHECK_INT(rules.v[2].sport_max, 59999);
		CHECK_INT(rules.v[3].zone, EDGEFW_ZONE_INTERNAL);
		/* the same text is stored once */
		CHECK(rules.v[0].used_for == rules.v[3].used_for);
		CHECK_INT(rules.nstrings, 3);
	}
	CHECK(rules.zones[EDGEFW_ZONE_EXTERNAL].present);
	CHECK(rules.zones[EDGEFW_ZONE_INTERNAL].present);
	CHECK(rules.zones[EDGEFW_ZONE_EXTERNAL].v[EF_ZS_ACCEPT_STATE] == 102);
	CHECK(rules.zones[EDGEFW_ZONE_INTERNAL].v[EF_ZS_DROP_FRAGMENT] == 207);
	ef_rules_free(&rules);

	CASE("msg: GET_RULES ports default to any");
	m = dump_msg(EDGEFW_CMD_GET_RULES);
	n = nla_nest_start(m, EDGEFW_A_RULE);
	nla_put_u8(m, EDGEFW_RULE_A_ROLE, 1);
	nla_put_u8(m, EDGEFW_RULE_A_ZONE, 1);
	nla_put_u8(m, EDGEFW_RULE_A_DIR, 1);
	nla_put_u8(m, EDGEFW_RULE_A_PROTO, IPPROTO_UDP);
	nla_nest_end(m, n);
	ef_rules_init(&rules);
	CHECK_INT(ef_msg_parse_rules(nlmsg_hdr(m), &rules, err, sizeof(err)), 0);
	CHECK_INT(rules.n, 1);
	CHECK_INT(rules.v[0].sport_min, 0);
	CHECK_INT(rules.v[0].dport_max, 65535);
	CHECK(rules.v[0].used_for == NULL);
	CHECK(!rules.has_generation);
	ef_rules_free(&rules);
	nlmsg_free(m);

	CASE("msg: GET_RULES refuse a rule without zone");
	m = dump_msg(EDGEFW_CMD_GET_RULES);
	n = nla_nest_start(m, EDGEFW_A_RULE);
	nla_put_u8(m, EDGEFW_RULE_A_ROLE, 1);
	nla_put_u8(m, EDGEFW_RULE_A_DIR, 1);
	nla_put_u8(m, EDGEFW_RULE_A_PROTO, IPPROTO_UDP);
	nla_nest_end(m, n);
	ef_rules_init(&rules);
	CHECK_INT(ef_msg_parse_rules(nlmsg_hdr(m), &rules, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed message from the edgefw module (rule without role, zone, direction or protocol)");
	ef_rules_free(&rules);
	nlmsg_free(m);

	CASE("msg: GET_RULES refuse a counter of 4 bytes, an unterminated text");
	m = dump_msg(EDGEFW_CMD_GET_RULES);
	n = nla_nest_start(m, EDGEFW_A_RULE);
	nla_put_u32(m, EDGEFW_RULE_A_PACKETS, 1);
	nla_nest_end(m, n);
	ef_rules_init(&rules);
	CHECK_INT(ef_msg_parse_rules(nlmsg_hdr(m), &rules, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed message from the edgefw module (rule attribute)");
	ef_rules_free(&rules);
	nlmsg_free(m);
	m = dump_msg(EDGEFW_CMD_GET_RULES);
	n = nla_nest_start(m, EDGEFW_A_RULE);
	nla_put(m, EDGEFW_RULE_A_USED_FOR, 3, "abc");
	nla_nest_end(m, n);
	ef_rules_init(&rules);
	CHECK_INT(ef_msg_parse_rules(nlmsg_hdr(m), &rules, err, sizeof(err)), -1);
	ef_rules_free(&rules);
	nlmsg_free(m);

	CASE("msg: GET_RULES refuse zone counters without zone");
	m = dump_msg(EDGEFW_CMD_GET_RULES);
	n = nla_nest_start(m, EDGEFW_A_ZONE_STATS);
	nla_put_u64(m, EDGEFW_ZSTAT_A_ACCEPT_ND, 1);
	nla_nest_end(m, n);
	ef_rules_init(&rules);
	CHECK_INT(ef_msg_parse_rules(nlmsg_hdr(m), &rules, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed message from the edgefw module (zone counters without zone)");
	ef_rules_free(&rules);
	nlmsg_free(m);
}

/* ---- errors and extended acks ---- */

/*
 * An NLMSG_ERROR as the kernel builds it (netlink_ack): the request's
 * header (and all of it unless capped), then the ack TLVs.
 */
static size_t make_error(char *buf, size_t size, int error,
			 const struct nlmsghdr *req, bool capped,
			 const char *msg, int offs, int miss_type)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nlmsgerr *e;
	size_t off, req_len = capped ? sizeof(*req) : req->nlmsg_len;
	struct nlattr *a;

	memset(buf, 0, size);
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = (uint16_t)((capped ? NLM_F_CAPPED : 0) |
				      (msg || offs >= 0 || miss_type >= 0 ? NLM_F_ACK_TLVS : 0));
	e = (struct nlmsgerr *)(buf + NLMSG_HDRLEN);
	e->error = -error;
	memcpy(&e->msg, req, req_len);
	off = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(int) + req_len);
	if (msg) {
		a = (struct nlattr *)(buf + off);
		a->nla_type = NLMSGERR_ATTR_MSG;
		a->nla_len = (uint16_t)(NLA_HDRLEN + strlen(msg) + 1);
		memcpy((char *)a + NLA_HDRLEN, msg, strlen(msg) + 1);
		off += NLA_ALIGN(a->nla_len);
	}
	if (offs >= 0) {
		a = (struct nlattr *)(buf + off);
		a->nla_type = NLMSGERR_ATTR_OFFS;
		a->nla_len = NLA_HDRLEN + 4;
		memcpy((char *)a + NLA_HDRLEN, &offs, 4);
		off += 8;
	}
	if (miss_type >= 0) {
		a = (struct nlattr *)(buf + off);
		a->nla_type = NLMSGERR_ATTR_MISS_TYPE;
		a->nla_len = NLA_HDRLEN + 4;
		memcpy((char *)a + NLA_HDRLEN, &miss_type, 4);
		off += 8;
	}
	nlh->nlmsg_len = (uint32_t)off;
	return off;
}

/* Offset, from the message start, of the first attribute for which
 * match() is true, searching nests too. */
static int find_offset(struct nlmsghdr *nlh, int type, int parent_type,
		       const char *addr)
{
	struct nlattr *head, *a, *b, *c;
	int len, rem, rem2, rem3;

	head = first_attr(nlh, &len);
	nla_for_each_attr(a, head, len, rem) {
		if (nla_type(a) == type && parent_type < 0)
			return (int)((char *)a - (char *)nlh);
		if (!(a->nla_type & NLA_F_NESTED))
			continue;
		nla_for_each_nested(b, a, rem2) {
			if (nla_type(b) == type && parent_type == nla_type(a) &&
			    (!addr || !strcmp(addr_of(b), addr)))
				return (int)((char *)b - (char *)nlh);
			if (!(b->nla_type & NLA_F_NESTED))
				continue;
			nla_for_each_nested(c, b, rem3)
				if (nla_type(c) == type && parent_type == nla_type(b) &&
				    (!addr || !strcmp(addr_of(c), addr)))
					return (int)((char *)c - (char *)nlh);
		}
	}
	return -1;
}

static void errors(void)
{
	static char buf[1 << 16];
	struct ef_config cfg;
	struct ef_nlerr e;
	struct nlmsghdr *req, done;
	struct nl_msg *m;
	char where[128];
	int off;

	ef_config_init(&cfg);
	load(&cfg, reference);
	m = ef_msg_set_config(FAMILY, &cfg, &with_gen);
	req = nlmsg_hdr(m);

	CASE("msg: error with extack message and offset, capped");
	make_error(buf, sizeof(buf), EINVAL, req, true,
		   "internal address family differs from the pool", 40, -1);
	CHECK_INT(ef_msg_parse_error((struct nlmsghdr *)buf, &e), 0);
	CHECK_INT(e.error, EINVAL);
	CHECK_STR(e.msg, "internal address family differs from the pool");
	CHECK(e.has_offs);
	CHECK_INT(e.offs, 40);
	CHECK(!e.has_miss_type);

	CASE("msg: error with extack, request echoed (not capped)");
	make_error(buf, sizeof(buf), ESTALE, req, false, "configuration changed", -1, 5);
	CHECK_INT(ef_msg_parse_error((struct nlmsghdr *)buf, &e), 0);
	CHECK_INT(e.error, ESTALE);
	CHECK_STR(e.msg, "configuration changed");
	CHECK(!e.has_offs);
	CHECK(e.has_miss_type);
	CHECK_INT(e.miss_type, 5);

	CASE("msg: error without extack");
	make_error(buf, sizeof(buf), EPERM, req, true, NULL, -1, -1);
	CHECK_INT(ef_msg_parse_error((struct nlmsghdr *)buf, &e), 0);
	CHECK_INT(e.error, EPERM);
	CHECK_STR(e.msg, "");

	CASE("msg: ack (error 0)");
	make_error(buf, sizeof(buf), 0, req, true, NULL, -1, -1);
	CHECK_INT(ef_msg_parse_error((struct nlmsghdr *)buf, &e), 0);
	CHECK_INT(e.error, 0);

	CASE("msg: truncated error message");
	((struct nlmsghdr *)buf)->nlmsg_len = NLMSG_HDRLEN + 2;
	CHECK_INT(ef_msg_parse_error((struct nlmsghdr *)buf, &e), -1);

	CASE("msg: unterminated extack text is ignored");
	make_error(buf, sizeof(buf), EINVAL, req, true, "abcd", -1, -1);
	buf[NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(int) + sizeof(*req)) + NLA_HDRLEN + 4] = 'x';
	((struct nlattr *)(buf + NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(int) + sizeof(*req))))->nla_len = NLA_HDRLEN + 4;
	CHECK_INT(ef_msg_parse_error((struct nlmsghdr *)buf, &e), 0);
	CHECK_INT(e.error, EINVAL);
	CHECK_STR(e.msg, "");

	CASE("msg: NLMSG_DONE with an error and extack");
	{
		struct nlmsghdr *d = (struct nlmsghdr *)buf;
		int v = -ENOBUFS;
		struct nlattr *a;

		memset(buf, 0, 256);
		d->nlmsg_type = NLMSG_DONE;
		d->nlmsg_flags = NLM_F_MULTI | NLM_F_ACK_TLVS;
		memcpy(buf + NLMSG_HDRLEN, &v, sizeof(v));
		a = (struct nlattr *)(buf + NLMSG_HDRLEN + 4);
		a->nla_type = NLMSGERR_ATTR_MSG;
		a->nla_len = NLA_HDRLEN + 6;
		memcpy((char *)a + NLA_HDRLEN, "dump!", 6);
		d->nlmsg_len = NLMSG_HDRLEN + 4 + 12;
		CHECK_INT(ef_msg_parse_error(d, &e), 0);
		CHECK_INT(e.error, ENOBUFS);
		CHECK_STR(e.msg, "dump!");
	}

	CASE("msg: NLMSG_DONE without payload, and with status 0");
	memset(&done, 0, sizeof(done));
	done.nlmsg_type = NLMSG_DONE;
	done.nlmsg_len = NLMSG_HDRLEN;
	CHECK_INT(ef_msg_parse_error(&done, &e), 0);
	CHECK_INT(e.error, 0);

	CASE("msg: describe the offset of a role address");
	off = find_offset(req, EDGEFW_A_ADDR, EDGEFW_ROLE_A_ADDRS, "10.45.16.30");
	CHECK(off > 0);
	CHECK_STR(ef_msg_describe_offset(req, (uint32_t)off, where, sizeof(where)),
		  "role av, address 10.45.16.30");
	CHECK_STR(ef_msg_describe_offset(req, (uint32_t)off + 5, where, sizeof(where)),
		  "role av, address 10.45.16.30");

	CASE("msg: describe the offset of an internal address, the VIP, a binding");
	off = find_offset(req, EDGEFW_ROLE_A_INTERNAL_ADDR, EDGEFW_A_ROLE, "172.25.33.40");
	CHECK_STR(ef_msg_describe_offset(req, (uint32_t)off, where, sizeof(where)),
		  "role rproxy, internal address 172.25.33.40");
	off = find_offset(req, EDGEFW_POOL_A_VIP, EDGEFW_A_POOL, NULL);
	CHECK_STR(ef_msg_describe_offset(req, (uint32_t)off, where, sizeof(where)),
		  "pool vip 192.168.10.190");
	off = find_offset(req, EDGEFW_POOL_A_FRONT_END, EDGEFW_A_POOL, "192.168.10.91");
	CHECK_STR(ef_msg_describe_offset(req, (uint32_t)off, where, sizeof(where)),
		  "pool front end 192.168.10.91");
	off = find_offset(req, EDGEFW_BINDING_A_ZONE, EDGEFW_A_BINDING, NULL);
	CHECK_STR(ef_msg_describe_offset(req, (uint32_t)off, where, sizeof(where)),
		  "binding ext0");
	off = find_offset(req, EDGEFW_A_FLAGS, -1, NULL);
	CHECK_STR(ef_msg_describe_offset(req, (uint32_t)off, where, sizeof(where)),
		  "flags");
	off = find_offset(req, EDGEFW_ROLE_A_MEDIA_RANGE, EDGEFW_A_ROLE, NULL);
	CHECK_STR(ef_msg_describe_offset(req, (uint32_t)off, where, sizeof(where)),
		  "role av, media range");

	CASE("msg: an offset in the headers or beyond names nothing");
	CHECK(ef_msg_describe_offset(req, 4, where, sizeof(where)) == NULL);
	CHECK(ef_msg_describe_offset(req, req->nlmsg_len + 100, where, sizeof(where)) == NULL);

	nlmsg_free(m);
	ef_config_free(&cfg);
}


/* ---- protocol 2: profile, Directors, management, logging, changes ---- */

static const char v2_conf[] =
	"profile sfb2015\n"
	"bind int0 internal\n"
	"set-pool --front-end 192.168.10.90 --director 192.168.10.80 --director 2001:db8:10::80\n"
	"add-role access --ip 10.45.16.10 --internal-ip 172.25.33.10\n"
	"add-role av --ip 10.45.16.30 --media-range standard\n"
	"add-mgmt --from 10.99.0.0/24 --from 2001:db8:99::/48 --tcp 22 --udp 161\n"
	"xmpp on\n"
	"log-drops on --nflog-group 9\n"
	"mode audit\n"
	"stateless-media on\n";

static void set_v2(void)
{
	static const struct ef_set_how checked = { .check_only = true },
		confirmed = { .with_gen = true, .confirm = 120 };
	struct nlattr *a, *b, *tb[EDGEFW_A_MAX + 1];
	struct ef_config cfg, back;
	char err[EF_ERRLEN], m[EF_MGMTSTRLEN];
	int len, rem, rem2, ndir = 0, nmgmt = 0;
	struct nlmsghdr *nlh;
	struct nl_msg *msg;

	ef_config_init(&cfg);
	load(&cfg, v2_conf);
	cfg.generation = 12;

	CASE("msg: SET_CONFIG with profile, Directors, management rules, NFLOG group");
	msg = ef_msg_set_config(FAMILY, &cfg, &plain);
	nlh = nlmsg_hdr(msg);
	CHECK_INT(nlh->nlmsg_len, ef_msg_set_config_size(&cfg, &plain));
	CHECK_INT(genlmsg_parse(nlh, 0, tb, EDGEFW_A_MAX, NULL), 0);
	CHECK(tb[EDGEFW_A_PROFILE] &&
	      nla_get_u8(tb[EDGEFW_A_PROFILE]) == EDGEFW_PROFILE_SFB2015);
	CHECK(tb[EDGEFW_A_FLAGS] && nla_get_u32(tb[EDGEFW_A_FLAGS]) ==
	      (EDGEFW_F_XMPP | EDGEFW_F_LOG_DROPS | EDGEFW_F_AUDIT |
	       EDGEFW_F_STATELESS_MEDIA));
	CHECK(tb[EDGEFW_A_LOG_GROUP] && nla_get_u16(tb[EDGEFW_A_LOG_GROUP]) == 9);
	CHECK(!tb[EDGEFW_A_CHECK_ONLY] && !tb[EDGEFW_A_CONFIRM_TIMEOUT] &&
	      !tb[EDGEFW_A_GENERATION]);
	if (tb[EDGEFW_A_POOL])
		nla_for_each_nested(a, tb[EDGEFW_A_POOL], rem)
			ndir += nla_type(a) == EDGEFW_POOL_A_DIRECTOR;
	CHECK_INT(ndir, 2);
	a = first_attr(nlh, &len);
	nla_for_each_attr(b, a, len, rem) {
		struct nlattr *mt[EDGEFW_MGMT_A_MAX + 1];

		if (nla_type(b) != EDGEFW_A_MGMT)
			continue;
		CHECK(b->nla_type & NLA_F_NESTED);
		CHECK_INT(nla_parse_nested(mt, EDGEFW_MGMT_A_MAX, b, NULL), 0);
		CHECK(mt[EDGEFW_MGMT_A_ZONE] && mt[EDGEFW_MGMT_A_PROTO] &&
		      mt[EDGEFW_MGMT_A_PREFIX] && mt[EDGEFW_MGMT_A_PREFIX_LEN] &&
		      mt[EDGEFW_MGMT_A_PORT]);
		if (!nmgmt++ && mt[EDGEFW_MGMT_A_PREFIX] && mt[EDGEFW_MGMT_A_PORT]) {
			CHECK_STR(addr_of(mt[EDGEFW_MGMT_A_PREFIX]), "10.99.0.0");
			CHECK_INT(nla_get_u8(mt[EDGEFW_MGMT_A_PREFIX_LEN]), 24);
			CHECK_INT(nla_get_u8(mt[EDGEFW_MGMT_A_ZONE]), EDGEFW_ZONE_INTERNAL);
			CHECK_INT(nla_get_u8(mt[EDGEFW_MGMT_A_PROTO]), IPPROTO_TCP);
			CHECK_INT(nla_get_u16(mt[EDGEFW_MGMT_A_PORT]), 22);
		}
	}
	CHECK_INT(nmgmt, 4);

	CASE("msg: SET_CONFIG v2 read back as a dump gives the same configuration");
	ef_config_init(&back);
	CHECK_INT(ef_msg_parse_config(nlh, &back, err, sizeof(err)), 0);
	ef_config_normalize(&back);
	CHECK(ef_config_eq(&cfg, &back));
	CHECK_INT(back.nmgmt, 4);
	if (back.nmgmt == 4)
		CHECK_STR(ef_mgmt_str(&back.mgmt[3], m, sizeof(m)),
			  "udp 161 from 2001:db8:99::/48 (internal)");
	ef_config_free(&back);
	nlmsg_free(msg);

	CASE("msg: SET_CONFIG check only, and with a confirmation timeout");
	msg = ef_msg_set_config(FAMILY, &cfg, &checked);
	nlh = nlmsg_hdr(msg);
	CHECK_INT(nlh->nlmsg_len, ef_msg_set_config_size(&cfg, &checked));
	CHECK_INT(genlmsg_parse(nlh, 0, tb, EDGEFW_A_MAX, NULL), 0);
	CHECK(tb[EDGEFW_A_CHECK_ONLY] && nla_len(tb[EDGEFW_A_CHECK_ONLY]) == 0);
	CHECK(!tb[EDGEFW_A_CONFIRM_TIMEOUT]);
	nlmsg_free(msg);
	msg = ef_msg_set_config(FAMILY, &cfg, &confirmed);
	nlh = nlmsg_hdr(msg);
	CHECK_INT(nlh->nlmsg_len, ef_msg_set_config_size(&cfg, &confirmed));
	CHECK_INT(genlmsg_parse(nlh, 0, tb, EDGEFW_A_MAX, NULL), 0);
	CHECK(tb[EDGEFW_A_CONFIRM_TIMEOUT] &&
	      nla_get_u32(tb[EDGEFW_A_CONFIRM_TIMEOUT]) == 120);
	CHECK(tb[EDGEFW_A_GENERATION] && nla_get_u32(tb[EDGEFW_A_GENERATION]) == 12);
	CHECK(!tb[EDGEFW_A_CHECK_ONLY]);

	CASE("msg: describe the offset of a management rule, a Director, the profile");
	rem2 = find_offset(nlh, EDGEFW_MGMT_A_PORT, EDGEFW_A_MGMT, NULL);
	CHECK(rem2 > 0);
	CHECK_STR(ef_msg_describe_offset(nlh, (uint32_t)rem2, m, sizeof(m)),
		  "management rule tcp 22 from 10.99.0.0/24 (internal)");
	rem2 = find_offset(nlh, EDGEFW_POOL_A_DIRECTOR, EDGEFW_A_POOL, "2001:db8:10::80");
	CHECK_STR(ef_msg_describe_offset(nlh, (uint32_t)rem2, m, sizeof(m)),
		  "pool director 2001:db8:10::80");
	rem2 = find_offset(nlh, EDGEFW_A_PROFILE, -1, NULL);
	CHECK_STR(ef_msg_describe_offset(nlh, (uint32_t)rem2, m, sizeof(m)),
		  "profile");
	rem2 = find_offset(nlh, EDGEFW_A_LOG_GROUP, -1, NULL);
	CHECK_STR(ef_msg_describe_offset(nlh, (uint32_t)rem2, m, sizeof(m)),
		  "NFLOG group");
	rem2 = find_offset(nlh, EDGEFW_A_CONFIRM_TIMEOUT, -1, NULL);
	CHECK_STR(ef_msg_describe_offset(nlh, (uint32_t)rem2, m, sizeof(m)),
		  "confirmation timeout");
	nlmsg_free(msg);
	ef_config_free(&cfg);
}

static void put_mgmt_attrs(struct nl_msg *m, uint8_t zone, uint8_t proto,
			   const char *prefix, uint8_t plen, uint16_t port)
{
	struct nlattr *n = nla_nest_start(m, EDGEFW_A_MGMT);

	nla_put_u8(m, EDGEFW_MGMT_A_ZONE, zone);
	nla_put_u8(m, EDGEFW_MGMT_A_PROTO, proto);
	put_addr4(m, EDGEFW_MGMT_A_PREFIX, prefix);
	nla_put_u8(m, EDGEFW_MGMT_A_PREFIX_LEN, plen);
	if (port)
		nla_put_u16(m, EDGEFW_MGMT_A_PORT, port);
	nla_nest_end(m, n);
}

static void b_profile(struct nl_msg *m) { nla_put_u8(m, EDGEFW_A_PROFILE, 3); }
static void b_log_group(struct nl_msg *m) { nla_put_u32(m, EDGEFW_A_LOG_GROUP, 3); }
static void b_mgmt_port(struct nl_msg *m)
{
	put_mgmt_attrs(m, 1, IPPROTO_TCP, "10.99.0.0", 24, 0);
}
static void b_mgmt_proto(struct nl_msg *m)
{
	put_mgmt_attrs(m, 1, IPPROTO_ICMP, "10.99.0.0", 24, 22);
}
static void b_mgmt_plen(struct nl_msg *m)
{
	put_mgmt_attrs(m, 1, IPPROTO_TCP, "10.99.0.0", 33, 22);
}
static void b_pending(struct nl_msg *m)
{
	struct nlattr *n = nla_nest_start(m, EDGEFW_A_PENDING);

	nla_put_u16(m, EDGEFW_PENDING_A_REMAINING_MS, 1);
	nla_nest_end(m, n);
}

static void get_config_v2(void)
{
	struct nl_msg *msg = dump_msg(EDGEFW_CMD_GET_CONFIG);
	char err[EF_ERRLEN] = "", mg[EF_MGMTSTRLEN];
	struct ef_config cfg;
	struct nlattr *n;

	CASE("msg: GET_CONFIG with profile, NFLOG group, a change that waits, management rules, Directors");
	nla_put_u32(msg, EDGEFW_A_GENERATION, 8);
	nla_put_u32(msg, EDGEFW_A_FLAGS, EDGEFW_F_AUDIT);
	nla_put_u8(msg, EDGEFW_A_PROFILE, EDGEFW_PROFILE_SFB2019);
	nla_put_u16(msg, EDGEFW_A_LOG_GROUP, 4);
	n = nla_nest_start(msg, EDGEFW_A_PENDING);
	nla_put_u32(msg, EDGEFW_PENDING_A_REMAINING_MS, 41500);
	nla_put_u32(msg, EDGEFW_PENDING_A_TIMEOUT, 60);
	nla_put_u32(msg, 9, 1);		/* unknown: skipped */
	nla_nest_end(msg, n);
	n = nla_nest_start(msg, EDGEFW_A_POOL);
	put_addr4(msg, EDGEFW_POOL_A_DIRECTOR, "192.168.10.81");
	put_addr4(msg, EDGEFW_POOL_A_DIRECTOR, "192.168.10.80");
	nla_nest_end(msg, n);
	put_mgmt_attrs(msg, EDGEFW_ZONE_INTERNAL, IPPROTO_UDP, "10.99.0.0", 24, 161);
	put_mgmt_attrs(msg, EDGEFW_ZONE_INTERNAL, IPPROTO_TCP, "10.99.0.0", 24, 22);
	ef_config_init(&cfg);
	CHECK_INT(ef_msg_parse_config(nlmsg_hdr(msg), &cfg, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	ef_config_normalize(&cfg);
	CHECK_INT(cfg.profile, EDGEFW_PROFILE_SFB2019);
	CHECK(cfg.has_log_group && cfg.log_group == 4);
	CHECK(cfg.has_pending);
	CHECK_INT(cfg.pending_ms, 41500);
	CHECK_INT(cfg.pending_timeout, 60);
	CHECK_INT(cfg.directors.n, 2);
	CHECK_INT(cfg.nmgmt, 2);
	if (cfg.nmgmt == 2)
		CHECK_STR(ef_mgmt_str(&cfg.mgmt[0], mg, sizeof(mg)),
			  "tcp 22 from 10.99.0.0/24 (internal)");
	ef_config_free(&cfg);
	nlmsg_free(msg);

	refuse_cfg("a profile newer than edgectl", b_profile,
		   "the edgefw module reports profile 3, unknown to this edgectl");
	refuse_cfg("an NFLOG group of 4 bytes", b_log_group,
		   "malformed message from the edgefw module (NFLOG group)");
	refuse_cfg("a management rule without a port", b_mgmt_port,
		   "malformed message from the edgefw module (management rule without all its parts)");
	refuse_cfg("a management rule of ICMP", b_mgmt_proto,
		   "the edgefw module reports a management rule of zone 1, protocol 1, prefix length 24, unknown to this edgectl");
	refuse_cfg("a management rule of prefix length 33", b_mgmt_plen,
		   "the edgefw module reports a management rule of zone 1, protocol 6, prefix length 33, unknown to this edgectl");
	refuse_cfg("a waiting change with a 2-byte time", b_pending,
		   "malformed message from the edgefw module (pending change)");
}

static void get_rules_v2(void)
{
	char err[EF_ERRLEN] = "", p[EF_PREFIXSTRLEN];
	struct nl_msg *msg = dump_msg(EDGEFW_CMD_GET_RULES);
	struct ef_rules rules;
	struct nlattr *n;

	CASE("msg: GET_RULES: a management rule has no role, a prefix; kind and stateless");
	n = nla_nest_start(msg, EDGEFW_A_RULE);
	nla_put_u8(msg, EDGEFW_RULE_A_KIND, EDGEFW_RULE_MGMT);
	nla_put_u16(msg, EDGEFW_RULE_A_ROW, 2);
	nla_put_u8(msg, EDGEFW_RULE_A_ZONE, EDGEFW_ZONE_INTERNAL);
	nla_put_u8(msg, EDGEFW_RULE_A_DIR, EDGEFW_DIR_IN);
	nla_put_u8(msg, EDGEFW_RULE_A_PROTO, IPPROTO_TCP);
	put_addr4(msg, EDGEFW_RULE_A_SRC, "10.99.0.0");
	nla_put_u8(msg, EDGEFW_RULE_A_SRC_PREFIX_LEN, 24);
	nla_put_u16(msg, EDGEFW_RULE_A_DPORT_MIN, 22);
	nla_put_u16(msg, EDGEFW_RULE_A_DPORT_MAX, 22);
	nla_nest_end(msg, n);
	n = nla_nest_start(msg, EDGEFW_A_RULE);
	nla_put_u8(msg, EDGEFW_RULE_A_KIND, EDGEFW_RULE_REPLY);
	nla_put_u8(msg, EDGEFW_RULE_A_ROLE, EDGEFW_ROLE_AV);
	nla_put_u16(msg, EDGEFW_RULE_A_ROW, 34);
	nla_put_u8(msg, EDGEFW_RULE_A_ZONE, EDGEFW_ZONE_EXTERNAL);
	nla_put_u8(msg, EDGEFW_RULE_A_DIR, EDGEFW_DIR_OUT);
	nla_put_u8(msg, EDGEFW_RULE_A_PROTO, IPPROTO_UDP);
	put_addr4(msg, EDGEFW_RULE_A_SRC, "10.45.16.30");
	nla_put_flag(msg, EDGEFW_RULE_A_STATELESS);
	nla_nest_end(msg, n);
	ef_rules_init(&rules);
	CHECK_INT(ef_msg_parse_rules(nlmsg_hdr(msg), &rules, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK_INT(rules.n, 2);
	if (rules.n == 2) {
		CHECK_INT(rules.v[0].kind, EDGEFW_RULE_MGMT);
		CHECK_STR(ef_prefix_str(&rules.v[0].src, rules.v[0].src_plen, p), "10.99.0.0/24");
		CHECK(!rules.v[0].stateless);
		CHECK_INT(rules.v[1].kind, EDGEFW_RULE_REPLY);
		CHECK(rules.v[1].stateless);
		CHECK_INT(rules.v[1].src_plen, 32);
		CHECK_INT(rules.v[1].seq, 1);
	}
	ef_rules_free(&rules);
	nlmsg_free(msg);

	CASE("msg: GET_RULES refuse a reference rule without role, a prefix length without source");
	msg = dump_msg(EDGEFW_CMD_GET_RULES);
	n = nla_nest_start(msg, EDGEFW_A_RULE);
	nla_put_u8(msg, EDGEFW_RULE_A_KIND, EDGEFW_RULE_REPLY);
	nla_put_u8(msg, EDGEFW_RULE_A_ZONE, 0);
	nla_put_u8(msg, EDGEFW_RULE_A_DIR, 0);
	nla_put_u8(msg, EDGEFW_RULE_A_PROTO, IPPROTO_UDP);
	nla_nest_end(msg, n);
	ef_rules_init(&rules);
	CHECK_INT(ef_msg_parse_rules(nlmsg_hdr(msg), &rules, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed message from the edgefw module (rule without role, zone, direction or protocol)");
	ef_rules_free(&rules);
	nlmsg_free(msg);
	msg = dump_msg(EDGEFW_CMD_GET_RULES);
	n = nla_nest_start(msg, EDGEFW_A_RULE);
	nla_put_u8(msg, EDGEFW_RULE_A_KIND, EDGEFW_RULE_MGMT);
	nla_put_u8(msg, EDGEFW_RULE_A_ZONE, 0);
	nla_put_u8(msg, EDGEFW_RULE_A_DIR, 0);
	nla_put_u8(msg, EDGEFW_RULE_A_PROTO, IPPROTO_UDP);
	nla_put_u8(msg, EDGEFW_RULE_A_SRC_PREFIX_LEN, 8);
	nla_nest_end(msg, n);
	ef_rules_init(&rules);
	CHECK_INT(ef_msg_parse_rules(nlmsg_hdr(msg), &rules, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed message from the edgefw module (rule source prefix length)");
	ef_rules_free(&rules);
	nlmsg_free(msg);
}

static void check_reply(void)
{
	struct nl_msg *msg = dump_msg(EDGEFW_CMD_SET_CONFIG);
	char err[EF_ERRLEN] = "";
	struct ef_check ck = { 0 };
	struct nlattr *n;

	CASE("msg: the answer to SET_CONFIG: generation and what the change does");
	nla_put_u32(msg, EDGEFW_A_GENERATION, 17);
	n = nla_nest_start(msg, EDGEFW_A_CHECK);
	nla_put_u32(msg, EDGEFW_CHECK_A_RULES_BEFORE, 30);
	nla_put_u32(msg, EDGEFW_CHECK_A_RULES_AFTER, 36);
	nla_put_u32(msg, EDGEFW_CHECK_A_RULES_KEPT, 28);
	nla_put_u32(msg, EDGEFW_CHECK_A_BYTES, 14);
	nla_nest_end(msg, n);
	CHECK_INT(ef_msg_parse_check(nlmsg_hdr(msg), &ck, err, sizeof(err)), 0);
	CHECK(ck.present);
	CHECK_INT(ck.generation, 17);
	CHECK_INT(ck.before, 30);
	CHECK_INT(ck.after, 36);
	CHECK_INT(ck.kept, 28);
	CHECK_INT(ck.kib, 14);
	nlmsg_free(msg);

	CASE("msg: refuse a check that keeps more rules than there are");
	msg = dump_msg(EDGEFW_CMD_SET_CONFIG);
	n = nla_nest_start(msg, EDGEFW_A_CHECK);
	nla_put_u32(msg, EDGEFW_CHECK_A_RULES_BEFORE, 3);
	nla_put_u32(msg, EDGEFW_CHECK_A_RULES_AFTER, 36);
	nla_put_u32(msg, EDGEFW_CHECK_A_RULES_KEPT, 4);
	nla_nest_end(msg, n);
	memset(&ck, 0, sizeof(ck));
	CHECK_INT(ef_msg_parse_check(nlmsg_hdr(msg), &ck, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed message from the edgefw module (check: more rules kept than there are)");
	nlmsg_free(msg);
}

static void verdict_msgs(void)
{
	struct ef_query q = { .ifname = "ext0", .dir = EDGEFW_DIR_IN,
			      .proto = IPPROTO_UDP, .sport = 40000,
			      .dport = 3478 };
	struct nlattr *tb[EDGEFW_A_MAX + 1], *qt[EDGEFW_QUERY_A_MAX + 1], *n, *r;
	char err[EF_ERRLEN] = "";
	struct ef_verdict v;
	struct nl_msg *msg;
	const char *why;

	CASE("msg: VERDICT asks with every attribute of the query");
	ef_addr_parse_any("198.51.100.7", &q.src, &why);
	ef_addr_parse_any("10.45.16.30", &q.dst, &why);
	msg = ef_msg_verdict(FAMILY, &q);
	CHECK_INT(((struct genlmsghdr *)nlmsg_data(nlmsg_hdr(msg)))->cmd,
		  EDGEFW_CMD_VERDICT);
	CHECK_INT(genlmsg_parse(nlmsg_hdr(msg), 0, tb, EDGEFW_A_MAX, NULL), 0);
	CHECK(tb[EDGEFW_A_QUERY] != NULL);
	if (tb[EDGEFW_A_QUERY]) {
		CHECK_INT(nla_parse_nested(qt, EDGEFW_QUERY_A_MAX, tb[EDGEFW_A_QUERY], NULL), 0);
		CHECK_STR(nla_get_string(qt[EDGEFW_QUERY_A_IFNAME]), "ext0");
		CHECK_INT(nla_get_u8(qt[EDGEFW_QUERY_A_DIR]), EDGEFW_DIR_IN);
		CHECK_INT(nla_get_u8(qt[EDGEFW_QUERY_A_PROTO]), IPPROTO_UDP);
		CHECK_STR(addr_of(qt[EDGEFW_QUERY_A_SRC]), "198.51.100.7");
		CHECK_STR(addr_of(qt[EDGEFW_QUERY_A_DST]), "10.45.16.30");
		CHECK_INT(nla_get_u16(qt[EDGEFW_QUERY_A_SPORT]), 40000);
		CHECK_INT(nla_get_u16(qt[EDGEFW_QUERY_A_DPORT]), 3478);
	}
	nlmsg_free(msg);

	CASE("msg: VERDICT answer with the rule that admits the packet");
	msg = dump_msg(EDGEFW_CMD_VERDICT);
	nla_put_u32(msg, EDGEFW_A_GENERATION, 40);
	n = nla_nest_start(msg, EDGEFW_A_VERDICT);
	nla_put_u8(msg, EDGEFW_VERDICT_A_ACCEPT, 1);
	nla_put_u8(msg, EDGEFW_VERDICT_A_REASON, EDGEFW_R_RULE);
	nla_put_u8(msg, EDGEFW_VERDICT_A_ZONE, EDGEFW_ZONE_EXTERNAL);
	r = nla_nest_start(msg, EDGEFW_VERDICT_A_RULE);
	put_rule(msg, EDGEFW_ROLE_AV, 12, EDGEFW_ZONE_EXTERNAL, EDGEFW_DIR_IN,
		 IPPROTO_UDP, NULL, "10.45.16.30", 0, 65535, 3478, 3478, 5, 300,
		 "STUN/MSTURN: external user access to A/V sessions (UDP)");
	nla_nest_end(msg, r);
	nla_nest_end(msg, n);
	memset(&v, 0, sizeof(v));
	ef_rules_init(&v.rule);
	CHECK_INT(ef_msg_parse_verdict(nlmsg_hdr(msg), &v, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK(v.present && v.accept);
	CHECK_INT(v.generation, 40);
	CHECK_INT(v.reason, EDGEFW_R_RULE);
	CHECK(v.has_zone && v.zone == EDGEFW_ZONE_EXTERNAL);
	CHECK_INT(v.rule.n, 1);
	if (v.rule.n)
		CHECK_INT(v.rule.v[0].row, 12);
	ef_rules_free(&v.rule);
	nlmsg_free(msg);

	CASE("msg: VERDICT answer of a drop has no rule; one without a reason is refused");
	msg = dump_msg(EDGEFW_CMD_VERDICT);
	n = nla_nest_start(msg, EDGEFW_A_VERDICT);
	nla_put_u8(msg, EDGEFW_VERDICT_A_ACCEPT, 0);
	nla_put_u8(msg, EDGEFW_VERDICT_A_REASON, EDGEFW_R_NO_RULE);
	nla_nest_end(msg, n);
	memset(&v, 0, sizeof(v));
	ef_rules_init(&v.rule);
	CHECK_INT(ef_msg_parse_verdict(nlmsg_hdr(msg), &v, err, sizeof(err)), 0);
	CHECK(v.present && !v.accept && !v.has_zone && !v.rule.n);
	nlmsg_free(msg);
	msg = dump_msg(EDGEFW_CMD_VERDICT);
	n = nla_nest_start(msg, EDGEFW_A_VERDICT);
	nla_put_u8(msg, EDGEFW_VERDICT_A_ACCEPT, 0);
	nla_nest_end(msg, n);
	memset(&v, 0, sizeof(v));
	CHECK_INT(ef_msg_parse_verdict(nlmsg_hdr(msg), &v, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed message from the edgefw module (verdict without accept or reason)");
	ef_rules_free(&v.rule);
	nlmsg_free(msg);
}

void suite_msg(void)
{
	set_reference();
	set_big("IPv4", AF_INET, 100000);
	set_big("IPv6", AF_INET6, 100000);
	set_big("mixed", 0, 100000);
	set_big("IPv4", AF_INET, 8000);
	get_config_dump();
	get_config_bad();
	get_rules();
	errors();
	set_v2();
	get_config_v2();
	get_rules_v2();
	check_reply();
	verdict_msgs();
}

void canned_rules_free(void)
{
	int i;

	for (i = 0; i < n_canned_rules; i++)
		nlmsg_free(canned_rules[i]);
	n_canned_rules = 0;
}
