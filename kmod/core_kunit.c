// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the rule model and classifier: every row of the reference
 * tables, its neighbours, range edges, counters and replacement under a
 * concurrent reader. Packets are real skbs, parsed as in the packet path.
 */
#include <kunit/test.h>
#include <linux/inet.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <net/ip.h>
#include <net/ndisc.h>

#include "edgefw.h"

enum cfg_variant {
	CFG_REF,	/* reference roles, media lync2010, no redirect */
	CFG_OCS,	/* A/V media ocs2007, HTTP redirect on */
	CFG_NONE,	/* A/V media none */
	CFG_NOPOOL,	/* as CFG_REF without set-pool */
	CFG_REDIRECT,	/* A/V media none, HTTP redirect on */
};

static void addr_of(const char *s, struct edgefw_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (strchr(s, ':')) {
		a->family = AF_INET6;
		in6_pton(s, -1, a->a.in6.s6_addr, -1, NULL);
	} else {
		a->family = AF_INET;
		in4_pton(s, -1, (u8 *)&a->a.ip, -1, NULL);
	}
}

static void set_role(struct edgefw_config *cfg, u8 role, const char *ext1,
		     const char *ext2, const char *internal)
{
	struct edgefw_role_cfg *rc = &cfg->roles[role];

	rc->present = true;
	rc->addrs = kvcalloc(2, sizeof(*rc->addrs), GFP_KERNEL);
	addr_of(ext1, &rc->addrs[rc->n_addrs++]);
	if (ext2)
		addr_of(ext2, &rc->addrs[rc->n_addrs++]);
	if (internal)
		addr_of(internal, &rc->internal);
}

static struct edgefw_config *make_cfg(struct kunit *test, enum cfg_variant v)
{
	struct edgefw_config *cfg = edgefw_config_alloc();

	KUNIT_ASSERT_NOT_NULL(test, cfg);
	set_role(cfg, EDGEFW_ROLE_ACCESS, "10.45.16.10", "2001:db8:45:16::10",
		 "172.25.33.10");
	set_role(cfg, EDGEFW_ROLE_WEBCONF, "10.45.16.20", NULL,
		 "172.25.33.10");
	set_role(cfg, EDGEFW_ROLE_AV, "10.45.16.30", NULL, "172.25.33.10");
	set_role(cfg, EDGEFW_ROLE_RPROXY, "10.45.16.40", NULL,
		 "172.25.33.40");
	if (v != CFG_NOPOOL) {
		addr_of("192.168.10.90", &cfg->front_ends[0]);
		addr_of("192.168.10.91", &cfg->front_ends[1]);
		cfg->n_front_ends = 2;
		addr_of("192.168.10.190", &cfg->vip);
	}
	if (v == CFG_OCS) {
		cfg->roles[EDGEFW_ROLE_AV].media_range = EDGEFW_MEDIA_OCS2007;
		cfg->flags |= EDGEFW_F_HTTP_REDIRECT;
	}
	if (v == CFG_NONE || v == CFG_REDIRECT)
		cfg->roles[EDGEFW_ROLE_AV].media_range = EDGEFW_MEDIA_NONE;
	if (v == CFG_REDIRECT)
		cfg->flags |= EDGEFW_F_HTTP_REDIRECT;
	return cfg;
}

static struct edgefw_rules *make_rules(struct kunit *test, enum cfg_variant v,
				       const struct edgefw_rules *old)
{
	struct edgefw_config *cfg = make_cfg(test, v);
	struct edgefw_rules *rules = edgefw_rules_build(cfg, old);

	edgefw_config_free(cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(rules));
	return rules;
}

static struct sk_buff *make_skb(const char *src, u16 sport, const char *dst,
				u16 dport, u8 proto)
{
	struct sk_buff *skb = alloc_skb(256, GFP_KERNEL);
	struct edgefw_addr s, d;
	__be16 *ports;

	if (!skb)
		return NULL;
	addr_of(src, &s);
	addr_of(dst, &d);
	skb_reserve(skb, 64);
	skb_reset_network_header(skb);
	if (s.family == AF_INET) {
		struct iphdr *iph = skb_put_zero(skb, sizeof(*iph));

		iph->version = 4;
		iph->ihl = 5;
		iph->ttl = 64;
		iph->protocol = proto;
		iph->saddr = s.a.ip;
		iph->daddr = d.a.ip;
	} else {
		struct ipv6hdr *ip6h = skb_put_zero(skb, sizeof(*ip6h));

		ip6h->version = 6;
		ip6h->hop_limit = 64;
		ip6h->nexthdr = proto;
		ip6h->saddr = s.a.in6;
		ip6h->daddr = d.a.in6;
	}
	skb_set_transport_header(skb, skb->len);
	ports = skb_put_zero(skb, proto == IPPROTO_TCP ? 20 : 8);
	ports[0] = htons(sport);
	ports[1] = htons(dport);
	return skb;
}

/* The reference row that admits the packet, 0 if none does. */
static int verdict_row(struct kunit *test, const struct edgefw_rules *rules,
		       u8 zone, u8 dir, const char *src, u16 sport,
		       const char *dst, u16 dport, u8 proto)
{
	struct sk_buff *skb = make_skb(src, sport, dst, dport, proto);
	struct edgefw_pkt pkt;
	enum edgefw_reason r;
	int rule = -1;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	r = edgefw_judge(rules, zone, dir, skb,
			 strchr(src, ':') ? AF_INET6 : AF_INET, &pkt, &rule);
	kfree_skb(skb);
	if (r != EDGEFW_R_RULE)
		return 0;
	return edgefw_tpl[rules->rules[rule].tpl].row;
}

struct row_case {
	const char *desc;
	enum cfg_variant cfg;
	u8 zone, dir, proto;
	const char *src;
	u16 sport;
	const char *dst;
	u16 dport;
	int row;		/* expected reference row, 0: dropped */
};

#define E EDGEFW_ZONE_EXTERNAL
#define I EDGEFW_ZONE_INTERNAL
#define IN EDGEFW_DIR_IN
#define OUT EDGEFW_DIR_OUT
#define TCP IPPROTO_TCP
#define UDP IPPROTO_UDP
#define NET "198.51.100.7"
#define NET6 "2001:db8:100::7"
#define ACC "10.45.16.10"
#define ACC6 "2001:db8:45:16::10"
#define WEB "10.45.16.20"
#define AV "10.45.16.30"
#define RP "10.45.16.40"
#define EINT "172.25.33.10"
#define RINT "172.25.33.40"
#define FE1 "192.168.10.90"
#define FE2 "192.168.10.91"
#define VIP "192.168.10.190"
#define HOST "192.168.10.50"

static const struct row_case row_cases[] = {
	/* External interface */
	{ "1 access HTTP out", CFG_REF, E, OUT, TCP, ACC, 40000, NET, 80, 1 },
	{ "1 port 79", CFG_REF, E, OUT, TCP, ACC, 40000, NET, 79, 0 },
	{ "1 port 81", CFG_REF, E, OUT, TCP, ACC, 40000, NET, 81, 0 },
	{ "1 UDP", CFG_REF, E, OUT, UDP, ACC, 40000, NET, 80, 0 },
	{ "1 reversed", CFG_REF, E, IN, TCP, NET, 80, ACC, 40000, 0 },
	{ "1 internal zone", CFG_REF, I, OUT, TCP, ACC, 40000, NET, 80, 0 },
	{ "1 other source", CFG_REF, E, OUT, TCP, WEB, 40000, NET, 80, 0 },
	{ "2 access DNS out", CFG_REF, E, OUT, UDP, ACC, 40000, NET, 53, 2 },
	{ "2 port 52", CFG_REF, E, OUT, UDP, ACC, 40000, NET, 52, 0 },
	{ "2 port 54", CFG_REF, E, OUT, UDP, ACC, 40000, NET, 54, 0 },
	{ "2 TCP", CFG_REF, E, OUT, TCP, ACC, 40000, NET, 53, 0 },
	{ "2 reversed", CFG_REF, E, IN, UDP, NET, 53, ACC, 40000, 0 },
	{ "3 access SIP/TLS in", CFG_REF, E, IN, TCP, NET, 40000, ACC, 443, 3 },
	{ "3 IPv6", CFG_REF, E, IN, TCP, NET6, 40000, ACC6, 443, 3 },
	{ "3 IPv6 UDP", CFG_REF, E, IN, UDP, NET6, 40000, ACC6, 443, 0 },
	{ "3 port 442", CFG_REF, E, IN, TCP, NET, 40000, ACC, 442, 0 },
	{ "3 port 444", CFG_REF, E, IN, TCP, NET, 40000, ACC, 444, 0 },
	{ "3 UDP", CFG_REF, E, IN, UDP, NET, 40000, ACC, 443, 0 },
	{ "3 reversed", CFG_REF, E, OUT, TCP, ACC, 443, NET, 40000, 0 },
	{ "3 internal zone", CFG_REF, I, IN, TCP, NET, 40000, ACC, 443, 0 },
	{ "4 access SIP/MTLS in", CFG_REF, E, IN, TCP, NET, 40000, ACC, 5061, 4 },
	{ "4 port 5060", CFG_REF, E, IN, TCP, NET, 40000, ACC, 5060, 0 },
	{ "4 port 5062", CFG_REF, E, IN, TCP, NET, 40000, ACC, 5062, 0 },
	{ "4 UDP", CFG_REF, E, IN, UDP, NET, 40000, ACC, 5061, 0 },
	{ "5 access SIP/MTLS out", CFG_REF, E, OUT, TCP, ACC, 40000, NET, 5061, 5 },
	{ "5 IPv6", CFG_REF, E, OUT, TCP, ACC6, 40000, NET6, 5061, 5 },
	{ "5 port 5062", CFG_REF, E, OUT, TCP, ACC, 40000, NET, 5062, 0 },
	{ "5 UDP", CFG_REF, E, OUT, UDP, ACC, 40000, NET, 5061, 0 },
	{ "6 webconf PSOM in", CFG_REF, E, IN, TCP, NET, 40000, WEB, 443, 6 },
	{ "6 port 444", CFG_REF, E, IN, TCP, NET, 40000, WEB, 444, 0 },
	{ "6 access port", CFG_REF, E, IN, TCP, NET, 40000, WEB, 5061, 0 },
	{ "6 UDP", CFG_REF, E, IN, UDP, NET, 40000, WEB, 443, 0 },
	{ "6 reversed", CFG_REF, E, OUT, TCP, WEB, 443, NET, 40000, 0 },
	{ "7 av RTP/TCP out 50000", CFG_REF, E, OUT, TCP, AV, 50000, NET, 40000, 7 },
	{ "7 av RTP/TCP out 59999", CFG_REF, E, OUT, TCP, AV, 59999, NET, 40000, 7 },
	{ "7 sport 49999", CFG_REF, E, OUT, TCP, AV, 49999, NET, 40000, 0 },
	{ "7 sport 60000", CFG_REF, E, OUT, TCP, AV, 60000, NET, 40000, 0 },
	{ "7 media none", CFG_NONE, E, OUT, TCP, AV, 50000, NET, 40000, 0 },
	{ "7 ocs2007", CFG_OCS, E, OUT, TCP, AV, 55000, NET, 40000, 7 },
	{ "8 UDP out lync2010", CFG_REF, E, OUT, UDP, AV, 50000, NET, 40000, 0 },
	{ "8 UDP out ocs2007", CFG_OCS, E, OUT, UDP, AV, 50000, NET, 40000, 8 },
	{ "8 sport 60000", CFG_OCS, E, OUT, UDP, AV, 60000, NET, 40000, 0 },
	{ "9 TCP in lync2010", CFG_REF, E, IN, TCP, NET, 40000, AV, 50000, 0 },
	{ "9 TCP in ocs2007", CFG_OCS, E, IN, TCP, NET, 40000, AV, 50000, 9 },
	{ "9 dport 49999", CFG_OCS, E, IN, TCP, NET, 40000, AV, 49999, 0 },
	{ "10 UDP in lync2010", CFG_REF, E, IN, UDP, NET, 40000, AV, 59999, 0 },
	{ "10 UDP in ocs2007", CFG_OCS, E, IN, UDP, NET, 40000, AV, 59999, 10 },
	{ "10 dport 60000", CFG_OCS, E, IN, UDP, NET, 40000, AV, 60000, 0 },
	{ "10 internal zone", CFG_OCS, I, IN, UDP, NET, 40000, AV, 50000, 0 },
	{ "11 av STUN out", CFG_REF, E, OUT, UDP, AV, 3478, NET, 3478, 11 },
	{ "11 sport 3479", CFG_REF, E, OUT, UDP, AV, 3479, NET, 3478, 0 },
	{ "11 dport 3477", CFG_REF, E, OUT, UDP, AV, 3478, NET, 3477, 0 },
	{ "11 TCP", CFG_REF, E, OUT, TCP, AV, 3478, NET, 3478, 0 },
	{ "12 av STUN in", CFG_REF, E, IN, UDP, NET, 40000, AV, 3478, 12 },
	{ "12 port 3479", CFG_REF, E, IN, UDP, NET, 40000, AV, 3479, 0 },
	{ "12 TCP", CFG_REF, E, IN, TCP, NET, 40000, AV, 3478, 0 },
	{ "12 reversed", CFG_REF, E, OUT, UDP, AV, 3478, NET, 40000, 0 },
	{ "13 av STUN/TCP in", CFG_REF, E, IN, TCP, NET, 40000, AV, 443, 13 },
	{ "13 UDP", CFG_REF, E, IN, UDP, NET, 40000, AV, 443, 0 },
	{ "14 redirect off", CFG_REF, E, IN, TCP, NET, 40000, RP, 80, 0 },
	{ "14 redirect on", CFG_OCS, E, IN, TCP, NET, 40000, RP, 80, 14 },
	{ "14 port 81", CFG_OCS, E, IN, TCP, NET, 40000, RP, 81, 0 },
	{ "15 rproxy HTTPS in", CFG_REF, E, IN, TCP, NET, 40000, RP, 443, 15 },
	{ "15 port 444", CFG_REF, E, IN, TCP, NET, 40000, RP, 444, 0 },
	{ "15 reversed", CFG_REF, E, OUT, TCP, RP, 443, NET, 40000, 0 },
	{ "15 unknown address", CFG_REF, E, IN, TCP, NET, 40000, "10.45.16.41", 443, 0 },
	/* Internal interface */
	{ "16 SIP to FE1", CFG_REF, I, OUT, TCP, EINT, 40000, FE1, 5061, 16 },
	{ "16 SIP to FE2", CFG_REF, I, OUT, TCP, EINT, 40000, FE2, 5061, 16 },
	{ "16 non-pool host", CFG_REF, I, OUT, TCP, EINT, 40000, HOST, 5061, 0 },
	{ "16 port 5062", CFG_REF, I, OUT, TCP, EINT, 40000, FE1, 5062, 0 },
	{ "16 external zone", CFG_REF, E, OUT, TCP, EINT, 40000, FE1, 5061, 0 },
	{ "16 without pool", CFG_NOPOOL, I, OUT, TCP, EINT, 40000, FE1, 5061, 0 },
	{ "17 SIP from FE1", CFG_REF, I, IN, TCP, FE1, 40000, EINT, 5061, 17 },
	{ "17 non-pool host", CFG_REF, I, IN, TCP, HOST, 40000, EINT, 5061, 0 },
	{ "17 UDP", CFG_REF, I, IN, UDP, FE1, 40000, EINT, 5061, 0 },
	{ "17 without pool", CFG_NOPOOL, I, IN, TCP, FE1, 40000, EINT, 5061, 0 },
	{ "18 CMS from FE2", CFG_REF, I, IN, TCP, FE2, 40000, EINT, 4443, 18 },
	{ "18 non-pool host", CFG_REF, I, IN, TCP, HOST, 40000, EINT, 4443, 0 },
	{ "18 port 4444", CFG_REF, I, IN, TCP, FE2, 40000, EINT, 4444, 0 },
	{ "18 reversed", CFG_REF, I, OUT, TCP, EINT, 4443, FE2, 40000, 0 },
	{ "19 PSOM from any", CFG_REF, I, IN, TCP, HOST, 40000, EINT, 8057, 19 },
	{ "19 port 8058", CFG_REF, I, IN, TCP, HOST, 40000, EINT, 8058, 0 },
	{ "19 UDP", CFG_REF, I, IN, UDP, HOST, 40000, EINT, 8057, 0 },
	{ "19 reversed", CFG_REF, I, OUT, TCP, EINT, 8057, HOST, 40000, 0 },
	{ "19 external zone", CFG_REF, E, IN, TCP, HOST, 40000, EINT, 8057, 0 },
	{ "20 A/V auth from FE1", CFG_REF, I, IN, TCP, FE1, 40000, EINT, 5062, 20 },
	{ "20 non-pool host", CFG_REF, I, IN, TCP, HOST, 40000, EINT, 5062, 0 },
	{ "21 STUN/UDP in", CFG_REF, I, IN, UDP, HOST, 40000, EINT, 3478, 21 },
	{ "21 TCP", CFG_REF, I, IN, TCP, HOST, 40000, EINT, 3478, 0 },
	{ "21 port 3479", CFG_REF, I, IN, UDP, HOST, 40000, EINT, 3479, 0 },
	{ "22 STUN/TCP in", CFG_REF, I, IN, TCP, HOST, 40000, EINT, 443, 22 },
	{ "22 UDP", CFG_REF, I, IN, UDP, HOST, 40000, EINT, 443, 0 },
	{ "22 reversed", CFG_REF, I, OUT, TCP, EINT, 443, HOST, 40000, 0 },
	{ "23 rproxy to VIP 8080", CFG_REF, I, OUT, TCP, RINT, 40000, VIP, 8080, 23 },
	{ "23 to FE, not VIP", CFG_REF, I, OUT, TCP, RINT, 40000, FE1, 8080, 0 },
	{ "23 port 8081", CFG_REF, I, OUT, TCP, RINT, 40000, VIP, 8081, 0 },
	{ "23 other source", CFG_REF, I, OUT, TCP, EINT, 40000, VIP, 8080, 0 },
	{ "23 without pool", CFG_NOPOOL, I, OUT, TCP, RINT, 40000, VIP, 8080, 0 },
	{ "24 rproxy to VIP 4443", CFG_REF, I, OUT, TCP, RINT, 40000, VIP, 4443, 24 },
	{ "24 reversed", CFG_REF, I, IN, TCP, VIP, 40000, RINT, 4443, 0 },
	{ "24 UDP", CFG_REF, I, OUT, UDP, RINT, 40000, VIP, 4443, 0 },
};

static void row_case_desc(const struct row_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "row %s", c->desc);
}

KUNIT_ARRAY_PARAM(row, row_cases, row_case_desc);

static void edgefw_reference_row(struct kunit *test)
{
	const struct row_case *c = test->param_value;
	struct edgefw_rules *rules = make_rules(test, c->cfg, NULL);

	KUNIT_EXPECT_EQ(test, c->row,
			verdict_row(test, rules, c->zone, c->dir, c->src,
				    c->sport, c->dst, c->dport, c->proto));
	edgefw_rules_put(rules);
}

/* Every row of the tables is exercised by some case. */
static void edgefw_every_row_covered(struct kunit *test)
{
	unsigned int t, i;

	for (t = 0; t < edgefw_tpl_len; t++) {
		bool seen = false;

		for (i = 0; i < ARRAY_SIZE(row_cases); i++)
			seen |= row_cases[i].row == edgefw_tpl[t].row;
		KUNIT_EXPECT_TRUE_MSG(test, seen, "row %u untested",
				      edgefw_tpl[t].row);
		KUNIT_EXPECT_EQ(test, (unsigned int)edgefw_tpl[t].row, t + 1);
	}
}

static void edgefw_parse_drops(struct kunit *test)
{
	struct edgefw_rules *rules = make_rules(test, CFG_REF, NULL);
	struct sk_buff *skb = make_skb(NET, 40000, ACC, 443, IPPROTO_TCP);
	struct edgefw_pkt pkt;
	int rule;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	/* A header cut short before the ports. */
	skb_trim(skb, sizeof(struct iphdr) + 2);
	KUNIT_EXPECT_EQ(test, EDGEFW_R_BAD_HEADER,
			edgefw_judge(rules, E, IN, skb, AF_INET, &pkt, &rule));
	kfree_skb(skb);

	skb = make_skb(NET, 40000, ACC, 443, IPPROTO_TCP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	ip_hdr(skb)->frag_off = htons(IP_MF);
	KUNIT_EXPECT_EQ(test, EDGEFW_R_FRAGMENT,
			edgefw_judge(rules, E, IN, skb, AF_INET, &pkt, &rule));
	kfree_skb(skb);

	/* ICMP echo is not in the reference; ICMPv6 NS always passes. */
	skb = make_skb(NET, 0x0800, ACC, 0, IPPROTO_ICMP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, EDGEFW_R_PROTO,
			edgefw_judge(rules, E, IN, skb, AF_INET, &pkt, &rule));
	kfree_skb(skb);
	skb = make_skb(NET6, NDISC_NEIGHBOUR_SOLICITATION << 8, ACC6, 0,
		       IPPROTO_ICMPV6);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, EDGEFW_R_ND,
			edgefw_judge(rules, E, IN, skb, AF_INET6, &pkt, &rule));
	kfree_skb(skb);
	skb = make_skb(NET6, ICMPV6_ECHO_REQUEST << 8, ACC6, 0,
		       IPPROTO_ICMPV6);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, EDGEFW_R_PROTO,
			edgefw_judge(rules, E, IN, skb, AF_INET6, &pkt, &rule));
	kfree_skb(skb);
	edgefw_rules_put(rules);
}

/* MLD passes with the hop limit it is always sent with (1), else not. */
static void edgefw_mld_link_local_only(struct kunit *test)
{
	static const u8 types[] = { ICMPV6_MGM_QUERY, ICMPV6_MGM_REPORT,
				    ICMPV6_MGM_REDUCTION, ICMPV6_MLD2_REPORT };
	struct edgefw_rules *rules = make_rules(test, CFG_REF, NULL);
	struct edgefw_pkt pkt;
	struct sk_buff *skb;
	int i, rule;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		skb = make_skb(NET6, types[i] << 8, ACC6, 0, IPPROTO_ICMPV6);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		ipv6_hdr(skb)->hop_limit = 1;
		KUNIT_EXPECT_EQ_MSG(test, EDGEFW_R_ND,
				    edgefw_judge(rules, E, OUT, skb, AF_INET6,
						 &pkt, &rule),
				    "MLD type %u, hop limit 1", types[i]);
		ipv6_hdr(skb)->hop_limit = 2;
		KUNIT_EXPECT_EQ_MSG(test, EDGEFW_R_PROTO,
				    edgefw_judge(rules, E, IN, skb, AF_INET6,
						 &pkt, &rule),
				    "MLD type %u, hop limit 2", types[i]);
		kfree_skb(skb);
	}
	/* Not MLD, hop limit 1: still dropped. */
	skb = make_skb(NET6, ICMPV6_ECHO_REQUEST << 8, ACC6, 0,
		       IPPROTO_ICMPV6);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	ipv6_hdr(skb)->hop_limit = 1;
	KUNIT_EXPECT_EQ(test, EDGEFW_R_PROTO,
			edgefw_judge(rules, E, IN, skb, AF_INET6, &pkt, &rule));
	kfree_skb(skb);
	edgefw_rules_put(rules);
}

static int rule_of(struct kunit *test, const struct edgefw_rules *rules,
		   const char *src, u16 sport, const char *dst, u16 dport,
		   u8 zone, u8 dir, u8 proto)
{
	struct sk_buff *skb = make_skb(src, sport, dst, dport, proto);
	struct edgefw_pkt pkt;
	int rule = -1;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	edgefw_judge(rules, zone, dir, skb, AF_INET, &pkt, &rule);
	kfree_skb(skb);
	return rule;
}

/* Counts add up, survive a replace for unchanged rules, and reset. */
static void edgefw_counters(struct kunit *test)
{
	struct edgefw_rules *old = make_rules(test, CFG_REF, NULL), *new;
	int sip = rule_of(test, old, NET, 1, ACC, 443, E, IN, TCP);
	int stun = rule_of(test, old, NET, 1, AV, 3478, E, IN, UDP);
	int media, i;
	u64 p, b;

	KUNIT_ASSERT_GE(test, sip, 0);
	KUNIT_ASSERT_GE(test, stun, 0);
	for (i = 0; i < 5; i++)
		edgefw_rule_count(old, sip, 100);
	edgefw_rule_count(old, stun, 60);
	edgefw_rule_counters(old, sip, &p, &b);
	KUNIT_EXPECT_EQ(test, p, 5ULL);
	KUNIT_EXPECT_EQ(test, b, 500ULL);

	/* OCS 2007 media opens rows; rows 3 and 12 are unchanged. */
	new = make_rules(test, CFG_OCS, old);
	KUNIT_EXPECT_GT(test, new->n_rules, old->n_rules);
	edgefw_rules_carry_counters(new, old);
	sip = rule_of(test, new, NET, 1, ACC, 443, E, IN, TCP);
	stun = rule_of(test, new, NET, 1, AV, 3478, E, IN, UDP);
	media = rule_of(test, new, NET, 1, AV, 50000, E, IN, UDP);
	KUNIT_ASSERT_GE(test, media, 0);
	edgefw_rule_count(new, sip, 100);
	edgefw_rule_counters(new, sip, &p, &b);
	KUNIT_EXPECT_EQ(test, p, 6ULL);
	KUNIT_EXPECT_EQ(test, b, 600ULL);
	edgefw_rule_counters(new, stun, &p, &b);
	KUNIT_EXPECT_EQ(test, p, 1ULL);
	KUNIT_EXPECT_EQ(test, b, 60ULL);
	edgefw_rule_counters(new, media, &p, &b);
	KUNIT_EXPECT_EQ(test, p, 0ULL);

	edgefw_rules_reset_counters(new);
	edgefw_rule_counters(new, sip, &p, &b);
	KUNIT_EXPECT_EQ(test, p, 0ULL);
	KUNIT_EXPECT_EQ(test, b, 0ULL);
	edgefw_rule_count(new, sip, 40);
	edgefw_rule_counters(new, sip, &p, &b);
	KUNIT_EXPECT_EQ(test, p, 1ULL);
	KUNIT_EXPECT_EQ(test, b, 40ULL);
	edgefw_rules_put(new);
	edgefw_rules_put(old);
}

/* Many addresses: each is found, and the lookup still rejects others. */
static void edgefw_many_addresses(struct kunit *test)
{
	const u32 n = 20000;
	struct edgefw_config *cfg = edgefw_config_alloc();
	struct edgefw_role_cfg *rc;
	struct edgefw_rules *rules;
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, cfg);
	rc = &cfg->roles[EDGEFW_ROLE_AV];
	rc->present = true;
	rc->addrs = kvcalloc(n, sizeof(*rc->addrs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rc->addrs);
	for (i = 0; i < n; i++) {
		rc->addrs[i].family = AF_INET;
		rc->addrs[i].a.ip = htonl(0x0a000000 + 2 * i);
	}
	rc->n_addrs = n;
	rules = edgefw_rules_build(cfg, NULL);
	edgefw_config_free(cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(rules));

	for (i = 0; i < n; i += 97) {
		struct edgefw_pkt pkt = {
			.family = AF_INET, .proto = IPPROTO_UDP,
			.dport = 3478, .sport = 1,
		};

		pkt.daddr.ip = htonl(0x0a000000 + 2 * i);
		KUNIT_EXPECT_GE(test, edgefw_classify(rules, E, IN, &pkt), 0);
		pkt.daddr.ip = htonl(0x0a000000 + 2 * i + 1);
		KUNIT_EXPECT_LT(test, edgefw_classify(rules, E, IN, &pkt), 0);
	}
	edgefw_rules_put(rules);
}

/*
 * A reader that classifies two packets in one RCU section sees one set:
 * set A admits only packet a, set B only packet b, so exactly one passes.
 */
struct replace_ctx {
	struct edgefw_rules __rcu *cur;
	atomic_t rounds, mixed;
	bool stop;
};

static int replace_reader(void *data)
{
	struct replace_ctx *ctx = data;
	struct edgefw_pkt a = {
		.family = AF_INET, .proto = IPPROTO_TCP,
		.sport = 40000, .dport = 80,
	};
	struct edgefw_pkt b = {
		.family = AF_INET, .proto = IPPROTO_TCP,
		.sport = 50000, .dport = 40000,
	};

	in4_pton(RP, -1, (u8 *)&a.daddr.ip, -1, NULL);
	in4_pton(AV, -1, (u8 *)&b.saddr.ip, -1, NULL);
	while (!READ_ONCE(ctx->stop)) {
		const struct edgefw_rules *r;
		bool pa, pb;

		rcu_read_lock();
		r = rcu_dereference(ctx->cur);
		pa = edgefw_classify(r, E, IN, &a) >= 0;
		udelay(5);	/* room for a replacement in between */
		pb = edgefw_classify(r, E, OUT, &b) >= 0;
		rcu_read_unlock();
		if (pa == pb)
			atomic_inc(&ctx->mixed);
		atomic_inc(&ctx->rounds);
		cond_resched();
	}
	return 0;
}

static void edgefw_replace_under_reader(struct kunit *test)
{
	struct replace_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx),
						GFP_KERNEL);
	struct edgefw_rules *sets[2], *old;
	struct task_struct *reader;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	/* A: redirect on, no media; B: redirect off, lync2010 media. */
	sets[0] = make_rules(test, CFG_REDIRECT, NULL);
	sets[1] = make_rules(test, CFG_REF, NULL);
	refcount_inc(&sets[0]->ref);
	RCU_INIT_POINTER(ctx->cur, sets[0]);
	reader = kthread_run(replace_reader, ctx, "edgefw-kunit");
	KUNIT_ASSERT_FALSE(test, IS_ERR(reader));
	for (i = 1; i <= 200; i++) {
		struct edgefw_rules *next = sets[i % 2];

		refcount_inc(&next->ref);
		old = rcu_replace_pointer(ctx->cur, next, true);
		synchronize_rcu();
		edgefw_rules_put(old);
		usleep_range(50, 100);
	}
	WRITE_ONCE(ctx->stop, true);
	kthread_stop(reader);
	old = rcu_replace_pointer(ctx->cur, NULL, true);
	synchronize_rcu();
	edgefw_rules_put(old);
	KUNIT_EXPECT_GT(test, atomic_read(&ctx->rounds), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->mixed), 0);
	edgefw_rules_put(sets[0]);
	edgefw_rules_put(sets[1]);
}

static struct kunit_case edgefw_core_cases[] = {
	KUNIT_CASE_PARAM(edgefw_reference_row, row_gen_params),
	KUNIT_CASE(edgefw_every_row_covered),
	KUNIT_CASE(edgefw_parse_drops),
	KUNIT_CASE(edgefw_mld_link_local_only),
	KUNIT_CASE(edgefw_counters),
	KUNIT_CASE(edgefw_many_addresses),
	KUNIT_CASE(edgefw_replace_under_reader),
	{}
};

static struct kunit_suite edgefw_core_suite = {
	.name = "edgefw_core",
	.test_cases = edgefw_core_cases,
};

kunit_test_suite(edgefw_core_suite);
