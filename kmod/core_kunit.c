// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the rule model and classifier: every row of the reference
 * tables of each profile, its neighbours, range edges, the rows each
 * profile must and must not have, management rules, stateless media,
 * ND/MLD, invalid and audited packets, counters across replacement and
 * reset. Packets are real skbs, parsed as in the packet path.
 */
#include <kunit/test.h>
#include <linux/inet.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/slab.h>
#include <net/ip.h>
#include <net/ndisc.h>
#include <net/tcp.h>

#include "edgefw.h"

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
#define DIR "192.168.10.95"

enum cfg_variant {
	CFG_REF,	/* lync2010, reference roles, media standard */
	CFG_OCS,	/* A/V media ocs2007, HTTP redirect on */
	CFG_NONE,	/* A/V media none */
	CFG_NOPOOL,	/* as CFG_REF without set-pool */
	CFG_DIR,	/* as CFG_REF with a Director */
	CFG_SL,		/* as CFG_REF with stateless media */
	CFG_SL_OCS,	/* as CFG_OCS with stateless media */
	CFG_S2019,	/* sfb2019, media standard, a Director */
	CFG_S2019_NONE,	/* sfb2019, A/V media none */
	CFG_S2019_SL,	/* sfb2019 with stateless media */
	CFG_S2015,	/* sfb2015 with XMPP, a Director */
	CFG_S2015_NOX,	/* sfb2015 without XMPP */
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
	if (v == CFG_OCS || v == CFG_SL_OCS) {
		cfg->roles[EDGEFW_ROLE_AV].media_range = EDGEFW_MEDIA_OCS2007;
		cfg->flags |= EDGEFW_F_HTTP_REDIRECT;
	}
	if (v == CFG_NONE || v == CFG_S2019_NONE)
		cfg->roles[EDGEFW_ROLE_AV].media_range = EDGEFW_MEDIA_NONE;
	if (v == CFG_SL || v == CFG_SL_OCS || v == CFG_S2019_SL)
		cfg->flags |= EDGEFW_F_STATELESS_MEDIA;
	if (v >= CFG_S2019)
		cfg->profile = EDGEFW_PROFILE_SFB2019;
	if (v >= CFG_S2015)
		cfg->profile = EDGEFW_PROFILE_SFB2015;
	if (v == CFG_S2015)
		cfg->flags |= EDGEFW_F_XMPP;
	if (v == CFG_DIR || v == CFG_S2019 || v == CFG_S2015) {
		addr_of(DIR, &cfg->directors[0]);
		cfg->n_directors = 1;
	}
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

/* Parse and judge @skb as the main hook does (conntrack: new). */
static enum edgefw_reason judge_skb(const struct edgefw_rules *rules,
				    u32 flags, u8 zone, u8 dir,
				    const struct sk_buff *skb, bool invalid,
				    int *rule)
{
	struct edgefw_pkt pkt;
	enum edgefw_reason r;

	r = edgefw_parse(skb, ip_hdr(skb)->version == 6 ? AF_INET6 : AF_INET,
			 &pkt);
	if (r == EDGEFW_R_RULE)
		r = edgefw_judge(rules, flags, zone, dir, &pkt, invalid, rule);
	return r;
}

/* The reference row that admits the packet, 0 if none does. */
static int verdict_row(struct kunit *test, const struct edgefw_rules *rules,
		       u8 zone, u8 dir, const char *src, u16 sport,
		       const char *dst, u16 dport, u8 proto)
{
	struct sk_buff *skb = make_skb(src, sport, dst, dport, proto);
	enum edgefw_reason r;
	int rule = -1;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	r = judge_skb(rules, 0, zone, dir, skb, false, &rule);
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
	/* Directors: next hops of the SIP rows only, in every profile */
	{ "16 to a Director", CFG_DIR, I, OUT, TCP, EINT, 40000, DIR, 5061, 16 },
	{ "16 Director unset", CFG_REF, I, OUT, TCP, EINT, 40000, DIR, 5061, 0 },
	{ "17 from a Director", CFG_DIR, I, IN, TCP, DIR, 40000, EINT, 5061, 17 },
	{ "18 not from a Director", CFG_DIR, I, IN, TCP, DIR, 40000, EINT, 4443, 0 },
	{ "20 not from a Director", CFG_DIR, I, IN, TCP, DIR, 40000, EINT, 5062, 0 },
	{ "17 sfb2019 Director", CFG_S2019, I, IN, TCP, DIR, 40000, EINT, 5061, 17 },
	{ "16 sfb2019 Director", CFG_S2019, I, OUT, TCP, EINT, 40000, DIR, 5061, 16 },
	/* Skype for Business Server 2015/2019, external interface */
	{ "1 sfb2019", CFG_S2019, E, OUT, TCP, ACC, 40000, NET, 80, 1 },
	{ "2 sfb2019", CFG_S2019, E, OUT, UDP, ACC, 40000, NET, 53, 2 },
	{ "25 DNS/TCP out sfb2019", CFG_S2019, E, OUT, TCP, ACC, 40000, NET, 53, 25 },
	{ "25 DNS/TCP out sfb2015", CFG_S2015_NOX, E, OUT, TCP, ACC, 40000, NET, 53, 25 },
	{ "25 lync2010", CFG_REF, E, OUT, TCP, ACC, 40000, NET, 53, 0 },
	{ "25 port 54", CFG_S2019, E, OUT, TCP, ACC, 40000, NET, 54, 0 },
	{ "25 other source", CFG_S2019, E, OUT, TCP, AV, 40000, NET, 53, 0 },
	{ "3 sfb2019", CFG_S2019, E, IN, TCP, NET, 40000, ACC, 443, 3 },
	{ "4 sfb2019", CFG_S2019, E, IN, TCP, NET, 40000, ACC, 5061, 4 },
	{ "5 sfb2019", CFG_S2019, E, OUT, TCP, ACC, 40000, NET, 5061, 5 },
	{ "28 XMPP in sfb2015", CFG_S2015, E, IN, TCP, NET, 40000, ACC, 5269, 28 },
	{ "28 XMPP off", CFG_S2015_NOX, E, IN, TCP, NET, 40000, ACC, 5269, 0 },
	{ "28 sfb2019", CFG_S2019, E, IN, TCP, NET, 40000, ACC, 5269, 0 },
	{ "28 port 5270", CFG_S2015, E, IN, TCP, NET, 40000, ACC, 5270, 0 },
	{ "28 UDP", CFG_S2015, E, IN, UDP, NET, 40000, ACC, 5269, 0 },
	{ "28 to webconf", CFG_S2015, E, IN, TCP, NET, 40000, WEB, 5269, 0 },
	{ "29 XMPP out sfb2015", CFG_S2015, E, OUT, TCP, ACC, 40000, NET, 5269, 29 },
	{ "29 XMPP off", CFG_S2015_NOX, E, OUT, TCP, ACC, 40000, NET, 5269, 0 },
	{ "29 sfb2019", CFG_S2019, E, OUT, TCP, ACC, 40000, NET, 5269, 0 },
	{ "6 sfb2019", CFG_S2019, E, IN, TCP, NET, 40000, WEB, 443, 6 },
	{ "7 sfb2019", CFG_S2019, E, OUT, TCP, AV, 50000, NET, 40000, 7 },
	{ "7 sfb2019 none", CFG_S2019_NONE, E, OUT, TCP, AV, 50000, NET, 40000, 0 },
	{ "8 UDP out sfb2019", CFG_S2019, E, OUT, UDP, AV, 59999, NET, 40000, 8 },
	{ "8 sfb2015", CFG_S2015, E, OUT, UDP, AV, 50000, NET, 40000, 8 },
	{ "8 sfb2019 none", CFG_S2019_NONE, E, OUT, UDP, AV, 50000, NET, 40000, 0 },
	{ "8 sfb2019 sport 60000", CFG_S2019, E, OUT, UDP, AV, 60000, NET, 40000, 0 },
	{ "9 sfb2019: no TCP in", CFG_S2019, E, IN, TCP, NET, 40000, AV, 50000, 0 },
	{ "10 sfb2019: no UDP in", CFG_S2019, E, IN, UDP, NET, 40000, AV, 50000, 0 },
	{ "10 sfb2015: no UDP in", CFG_S2015, E, IN, UDP, NET, 40000, AV, 59999, 0 },
	{ "26 STUN out sfb2019", CFG_S2019, E, OUT, UDP, AV, 40000, NET, 3478, 26 },
	{ "26 sport 3478", CFG_S2019, E, OUT, UDP, AV, 3478, NET, 3478, 26 },
	{ "26 lync2010", CFG_REF, E, OUT, UDP, AV, 40000, NET, 3478, 0 },
	{ "26 dport 3479", CFG_S2019, E, OUT, UDP, AV, 40000, NET, 3479, 0 },
	{ "26 TCP", CFG_S2019, E, OUT, TCP, AV, 40000, NET, 3478, 0 },
	{ "12 sfb2019", CFG_S2019, E, IN, UDP, NET, 40000, AV, 3478, 12 },
	{ "13 sfb2019", CFG_S2019, E, IN, TCP, NET, 40000, AV, 443, 13 },
	{ "27 A/V TCP 443 out sfb2019", CFG_S2019, E, OUT, TCP, AV, 40000, NET, 443, 27 },
	{ "27 lync2010", CFG_REF, E, OUT, TCP, AV, 40000, NET, 443, 0 },
	{ "27 UDP", CFG_S2019, E, OUT, UDP, AV, 40000, NET, 443, 0 },
	{ "27 from access", CFG_S2019, E, OUT, TCP, ACC, 40000, NET, 443, 0 },
	{ "15 sfb2019", CFG_S2019, E, IN, TCP, NET, 40000, RP, 443, 15 },
	/* Skype for Business Server 2015/2019, internal interface */
	{ "17 sfb2019 FE", CFG_S2019, I, IN, TCP, FE1, 40000, EINT, 5061, 17 },
	{ "18 sfb2019", CFG_S2019, I, IN, TCP, FE2, 40000, EINT, 4443, 18 },
	{ "30 XMPP gateway from FE", CFG_S2015, I, IN, TCP, FE1, 40000, EINT, 23456, 30 },
	{ "30 from a Director", CFG_S2015, I, IN, TCP, DIR, 40000, EINT, 23456, 30 },
	{ "30 non-pool host", CFG_S2015, I, IN, TCP, HOST, 40000, EINT, 23456, 0 },
	{ "30 XMPP off", CFG_S2015_NOX, I, IN, TCP, FE1, 40000, EINT, 23456, 0 },
	{ "30 sfb2019", CFG_S2019, I, IN, TCP, FE1, 40000, EINT, 23456, 0 },
	{ "31 PSOM from FE sfb2019", CFG_S2019, I, IN, TCP, FE1, 40000, EINT, 8057, 31 },
	{ "31 non-pool host", CFG_S2019, I, IN, TCP, HOST, 40000, EINT, 8057, 0 },
	{ "31 from a Director", CFG_S2019, I, IN, TCP, DIR, 40000, EINT, 8057, 0 },
	{ "19 lync2010 from FE", CFG_REF, I, IN, TCP, FE1, 40000, EINT, 8057, 19 },
	{ "32 CLS 50001 sfb2019", CFG_S2019, I, IN, TCP, HOST, 40000, EINT, 50001, 32 },
	{ "32 CLS 50003", CFG_S2015, I, IN, TCP, HOST, 40000, EINT, 50003, 32 },
	{ "32 port 50000", CFG_S2019, I, IN, TCP, HOST, 40000, EINT, 50000, 0 },
	{ "32 port 50004", CFG_S2019, I, IN, TCP, HOST, 40000, EINT, 50004, 0 },
	{ "32 UDP", CFG_S2019, I, IN, UDP, HOST, 40000, EINT, 50002, 0 },
	{ "32 lync2010", CFG_REF, I, IN, TCP, HOST, 40000, EINT, 50002, 0 },
	{ "20 sfb2019", CFG_S2019, I, IN, TCP, FE1, 40000, EINT, 5062, 20 },
	{ "21 sfb2019", CFG_S2019, I, IN, UDP, HOST, 40000, EINT, 3478, 21 },
	{ "22 sfb2019", CFG_S2019, I, IN, TCP, HOST, 40000, EINT, 443, 22 },
	{ "23 sfb2019", CFG_S2019, I, OUT, TCP, RINT, 40000, VIP, 8080, 23 },
	{ "24 sfb2019", CFG_S2019, I, OUT, TCP, RINT, 40000, VIP, 4443, 24 },
	/* Stateless media: the relay's answers, and nothing else */
	{ "34 answer to 12", CFG_SL, E, OUT, UDP, AV, 3478, NET, 40000, 34 },
	{ "34 stateful", CFG_REF, E, OUT, UDP, AV, 3478, NET, 40000, 0 },
	{ "34 sport 3479", CFG_SL, E, OUT, UDP, AV, 3479, NET, 40000, 0 },
	{ "34 TCP", CFG_SL, E, OUT, TCP, AV, 3478, NET, 40000, 0 },
	{ "11 before 34", CFG_SL, E, OUT, UDP, AV, 3478, NET, 3478, 11 },
	{ "12 answers 11", CFG_SL, E, IN, UDP, NET, 3478, AV, 3478, 12 },
	{ "34 sfb2019", CFG_S2019_SL, E, OUT, UDP, AV, 3478, NET, 40000, 34 },
	{ "35 answer to 21", CFG_SL, I, OUT, UDP, EINT, 3478, HOST, 40000, 35 },
	{ "35 stateful", CFG_REF, I, OUT, UDP, EINT, 3478, HOST, 40000, 0 },
	{ "35 sport 3479", CFG_SL, I, OUT, UDP, EINT, 3479, HOST, 40000, 0 },
	{ "33 answer to 8", CFG_S2019_SL, E, IN, UDP, NET, 40000, AV, 50000, 33 },
	{ "33 stateful", CFG_S2019, E, IN, UDP, NET, 40000, AV, 50000, 0 },
	{ "33 dport 60000", CFG_S2019_SL, E, IN, UDP, NET, 40000, AV, 60000, 0 },
	{ "33 lync2010: row 10", CFG_SL_OCS, E, IN, UDP, NET, 40000, AV, 50000, 10 },
	{ "33 lync2010 standard", CFG_SL, E, IN, UDP, NET, 40000, AV, 50000, 0 },
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
	unsigned int t, u, i;

	for (t = 0; t < edgefw_tpl_len; t++) {
		const struct edgefw_tpl_row *row = &edgefw_tpl[t];
		bool seen = false;

		for (i = 0; i < ARRAY_SIZE(row_cases); i++)
			seen |= row_cases[i].row == row->row;
		KUNIT_EXPECT_TRUE_MSG(test, seen, "row %u untested", row->row);
		for (u = 0; u < t; u++)
			KUNIT_EXPECT_NE_MSG(test, row->row, edgefw_tpl[u].row,
					    "row number %u twice", row->row);
		/* the 2010 rows keep their numbers: 1 to 24, all of them */
		KUNIT_EXPECT_EQ_MSG(test, row->row <= 24,
				    (row->profiles & EDGEFW_P(LYNC2010)) &&
				    row->kind == EDGEFW_RULE_REFERENCE,
				    "row %u", row->row);
	}
}

/*
 * Each profile has exactly its rows: the ones
 * reference/sfb-server-edge-ports.md lists (every option on), no more,
 * no fewer.
 */
struct profile_case {
	const char *name;
	u8 profile;
	u32 flags;
	u8 media;
	u16 rows[40];
};

static const struct profile_case profile_cases[] = {
	{ "lync2010", EDGEFW_PROFILE_LYNC2010, EDGEFW_F_HTTP_REDIRECT,
	  EDGEFW_MEDIA_OCS2007, { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
	  14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24 } },
	{ "lync2010 standard media", EDGEFW_PROFILE_LYNC2010, 0,
	  EDGEFW_MEDIA_STANDARD, { 1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 15, 16,
	  17, 18, 19, 20, 21, 22, 23, 24 } },
	{ "lync2010 stateless", EDGEFW_PROFILE_LYNC2010,
	  EDGEFW_F_STATELESS_MEDIA, EDGEFW_MEDIA_STANDARD, { 1, 2, 3, 4, 5,
	  6, 7, 11, 12, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 34, 35 } },
	{ "sfb2015", EDGEFW_PROFILE_SFB2015,
	  EDGEFW_F_HTTP_REDIRECT | EDGEFW_F_XMPP, EDGEFW_MEDIA_STANDARD,
	  { 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22,
	  23, 24, 25, 26, 27, 28, 29, 30, 31, 32 } },
	{ "sfb2019", EDGEFW_PROFILE_SFB2019, EDGEFW_F_HTTP_REDIRECT,
	  EDGEFW_MEDIA_STANDARD, { 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 14, 15,
	  16, 17, 18, 20, 21, 22, 23, 24, 25, 26, 27, 31, 32 } },
	{ "sfb2019 stateless", EDGEFW_PROFILE_SFB2019,
	  EDGEFW_F_STATELESS_MEDIA, EDGEFW_MEDIA_STANDARD, { 1, 2, 3, 4, 5,
	  6, 7, 8, 12, 13, 15, 16, 17, 18, 20, 21, 22, 23, 24, 25, 26, 27,
	  31, 32, 33, 34, 35 } },
};

static void profile_case_desc(const struct profile_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(profile, profile_cases, profile_case_desc);

static void edgefw_profile_rows(struct kunit *test)
{
	const struct profile_case *c = test->param_value;
	struct edgefw_config *cfg = make_cfg(test, CFG_REF);
	DECLARE_BITMAP(want, 64);
	DECLARE_BITMAP(have, 64);
	struct edgefw_rules *rules;
	unsigned int i, row;

	bitmap_zero(want, 64);
	bitmap_zero(have, 64);
	for (i = 0; i < ARRAY_SIZE(c->rows) && c->rows[i]; i++)
		__set_bit(c->rows[i], want);
	cfg->profile = c->profile;
	cfg->flags = c->flags;
	cfg->roles[EDGEFW_ROLE_AV].media_range = c->media;
	rules = edgefw_rules_build(cfg, NULL);
	edgefw_config_free(cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(rules));
	for (i = 0; i < rules->n_rules; i++)
		__set_bit(edgefw_tpl[rules->rules[i].tpl].row, have);
	for_each_set_bit(row, want, 64)
		KUNIT_EXPECT_TRUE_MSG(test, test_bit(row, have),
				      "%s lacks row %u", c->name, row);
	for_each_set_bit(row, have, 64)
		KUNIT_EXPECT_TRUE_MSG(test, test_bit(row, want),
				      "%s has row %u", c->name, row);
	edgefw_rules_put(rules);
}

/*
 * Stateless media: exactly the connectionless media rows and answers are
 * judged before conntrack, and only in stateless mode.
 */
static void edgefw_stateless_rows(struct kunit *test)
{
	static const u16 stateless[] = { 8, 10, 11, 12, 21, 33, 34, 35 };
	struct edgefw_rules *rules = make_rules(test, CFG_OCS, NULL);
	unsigned int i, k;

	KUNIT_EXPECT_FALSE(test, rules->has_stateless);
	for (i = 0; i < rules->n_rules; i++)
		KUNIT_EXPECT_FALSE(test, rules->rules[i].flags &
				   EDGEFW_RULE_F_STATELESS);
	edgefw_rules_put(rules);
	rules = make_rules(test, CFG_SL_OCS, NULL);

	KUNIT_EXPECT_TRUE(test, rules->has_stateless);
	for (i = 0; i < rules->n_rules; i++) {
		u16 row = edgefw_tpl[rules->rules[i].tpl].row;
		bool want = false;

		for (k = 0; k < ARRAY_SIZE(stateless); k++)
			want |= row == stateless[k];
		KUNIT_EXPECT_EQ_MSG(test, want,
				    !!(rules->rules[i].flags &
				       EDGEFW_RULE_F_STATELESS), "row %u", row);
	}
	edgefw_rules_put(rules);
}

static void edgefw_parse_drops(struct kunit *test)
{
	struct edgefw_rules *rules = make_rules(test, CFG_REF, NULL);
	struct sk_buff *skb = make_skb(NET, 40000, ACC, 443, IPPROTO_TCP);
	int rule;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	/* A header cut short before the ports. */
	skb_trim(skb, sizeof(struct iphdr) + 2);
	KUNIT_EXPECT_EQ(test, EDGEFW_R_BAD_HEADER,
			judge_skb(rules, 0, E, IN, skb, false, &rule));
	kfree_skb(skb);

	skb = make_skb(NET, 40000, ACC, 443, IPPROTO_TCP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	ip_hdr(skb)->frag_off = htons(IP_MF);
	KUNIT_EXPECT_EQ(test, EDGEFW_R_FRAGMENT,
			judge_skb(rules, 0, E, IN, skb, false, &rule));
	kfree_skb(skb);

	/* ICMP echo is not in the reference. */
	skb = make_skb(NET, 0x0800, ACC, 0, IPPROTO_ICMP);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, EDGEFW_R_PROTO,
			judge_skb(rules, 0, E, IN, skb, false, &rule));
	kfree_skb(skb);
	skb = make_skb(NET6, ICMPV6_ECHO_REQUEST << 8, ACC6, 0,
		       IPPROTO_ICMPV6);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, EDGEFW_R_PROTO,
			judge_skb(rules, 0, E, IN, skb, false, &rule));
	kfree_skb(skb);
	edgefw_rules_put(rules);
}

/*
 * ND passes with hop limit 255 only (RFC 4861), MLD with hop limit 1 only
 * (RFC 3810), in both directions; any other hop limit is dropped with its
 * own reason, and so is anything else at hop limit 1 or 255.
 */
struct link_case {
	u8 type, hop_limit;
	enum edgefw_reason want;
};

static const struct link_case link_cases[] = {
	{ NDISC_ROUTER_SOLICITATION, 255, EDGEFW_R_ND },
	{ NDISC_ROUTER_ADVERTISEMENT, 255, EDGEFW_R_ND },
	{ NDISC_NEIGHBOUR_SOLICITATION, 255, EDGEFW_R_ND },
	{ NDISC_NEIGHBOUR_ADVERTISEMENT, 255, EDGEFW_R_ND },
	{ NDISC_REDIRECT, 255, EDGEFW_R_ND },
	{ NDISC_ROUTER_SOLICITATION, 254, EDGEFW_R_ND_HOP_LIMIT },
	{ NDISC_ROUTER_ADVERTISEMENT, 64, EDGEFW_R_ND_HOP_LIMIT },
	{ NDISC_NEIGHBOUR_SOLICITATION, 64, EDGEFW_R_ND_HOP_LIMIT },
	{ NDISC_NEIGHBOUR_SOLICITATION, 1, EDGEFW_R_ND_HOP_LIMIT },
	{ NDISC_NEIGHBOUR_ADVERTISEMENT, 254, EDGEFW_R_ND_HOP_LIMIT },
	{ NDISC_REDIRECT, 64, EDGEFW_R_ND_HOP_LIMIT },
	{ ICMPV6_MGM_QUERY, 1, EDGEFW_R_ND },
	{ ICMPV6_MGM_REPORT, 1, EDGEFW_R_ND },
	{ ICMPV6_MGM_REDUCTION, 1, EDGEFW_R_ND },
	{ ICMPV6_MLD2_REPORT, 1, EDGEFW_R_ND },
	{ ICMPV6_MGM_QUERY, 2, EDGEFW_R_ND_HOP_LIMIT },
	{ ICMPV6_MLD2_REPORT, 255, EDGEFW_R_ND_HOP_LIMIT },
	{ ICMPV6_ECHO_REQUEST, 1, EDGEFW_R_PROTO },
	{ ICMPV6_ECHO_REQUEST, 255, EDGEFW_R_PROTO },
};

static void link_case_desc(const struct link_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "ICMPv6 type %u hop limit %u",
		 c->type, c->hop_limit);
}

KUNIT_ARRAY_PARAM(link, link_cases, link_case_desc);

static void edgefw_link_control(struct kunit *test)
{
	const struct link_case *c = test->param_value;
	struct edgefw_rules *rules = make_rules(test, CFG_REF, NULL);
	struct sk_buff *skb = make_skb(NET6, c->type << 8, ACC6, 0,
				       IPPROTO_ICMPV6);
	int rule, dir;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ipv6_hdr(skb)->hop_limit = c->hop_limit;
	for (dir = IN; dir <= OUT; dir++) {
		KUNIT_EXPECT_EQ(test, c->want,
				judge_skb(rules, 0, E, dir, skb, false, &rule));
		/* ND and MLD are judged whatever conntrack thinks of them */
		KUNIT_EXPECT_EQ(test, c->want == EDGEFW_R_PROTO ?
				EDGEFW_R_INVALID : c->want,
				judge_skb(rules, 0, I, dir, skb, true, &rule));
	}
	/* audit mode accepts what has no rule, not ND from off the link */
	KUNIT_EXPECT_EQ(test, c->want == EDGEFW_R_PROTO ? EDGEFW_R_AUDIT :
			c->want, judge_skb(rules, EDGEFW_F_AUDIT, E, IN, skb,
					   false, &rule));
	kfree_skb(skb);
	edgefw_rules_put(rules);
}

/* Invalid (conntrack) is dropped even where a rule matches; audit too. */
static void edgefw_invalid_and_audit(struct kunit *test)
{
	struct edgefw_rules *rules = make_rules(test, CFG_REF, NULL);
	struct sk_buff *sip = make_skb(NET, 40000, ACC, 443, IPPROTO_TCP);
	struct sk_buff *closed = make_skb(NET, 40000, ACC, 444, IPPROTO_TCP);
	int rule;

	KUNIT_ASSERT_NOT_NULL(test, sip);
	KUNIT_ASSERT_NOT_NULL(test, closed);
	KUNIT_EXPECT_EQ(test, EDGEFW_R_RULE,
			judge_skb(rules, 0, E, IN, sip, false, &rule));
	KUNIT_EXPECT_EQ(test, EDGEFW_R_INVALID,
			judge_skb(rules, 0, E, IN, sip, true, &rule));
	KUNIT_EXPECT_EQ(test, EDGEFW_R_INVALID,
			judge_skb(rules, EDGEFW_F_AUDIT, E, IN, sip, true,
				  &rule));
	KUNIT_EXPECT_EQ(test, EDGEFW_R_NO_RULE,
			judge_skb(rules, 0, E, IN, closed, false, &rule));
	KUNIT_EXPECT_EQ(test, EDGEFW_R_AUDIT,
			judge_skb(rules, EDGEFW_F_AUDIT, E, IN, closed, false,
				  &rule));
	KUNIT_EXPECT_EQ(test, EDGEFW_R_RULE,
			judge_skb(rules, EDGEFW_F_AUDIT, E, IN, sip, false,
				  &rule));
	kfree_skb(sip);
	kfree_skb(closed);
	edgefw_rules_put(rules);
}

/* Management rules: from their prefix, to their port, on their zone. */
struct mgmt_case {
	const char *desc;
	u8 zone, dir, proto;
	const char *src, *dst;
	u16 dport;
	int mgmt;		/* expected management rule + 1, 0: none */
};

static const struct mgmt_case mgmt_cases[] = {
	{ "ssh from admin net", I, IN, TCP, "10.9.8.7", "172.25.33.99", 22, 1 },
	{ "ssh to any local address", I, IN, TCP, "10.9.8.7", "1.2.3.4", 22, 1 },
	{ "other prefix", I, IN, TCP, "11.9.8.7", "172.25.33.99", 22, 0 },
	{ "other port", I, IN, TCP, "10.9.8.7", "172.25.33.99", 23, 0 },
	{ "UDP", I, IN, UDP, "10.9.8.7", "172.25.33.99", 22, 0 },
	{ "external zone", E, IN, TCP, "10.9.8.7", "172.25.33.99", 22, 0 },
	{ "outbound", I, OUT, TCP, "172.25.33.99", "10.9.8.7", 22, 0 },
	{ "snmp /32", E, IN, UDP, "198.51.100.7", "10.45.16.99", 161, 2 },
	{ "snmp /32 neighbour", E, IN, UDP, "198.51.100.8", "10.45.16.99", 161, 0 },
	{ "IPv6 /64", I, IN, TCP, "2001:db8:9::1", "2001:db8:1::10", 22, 3 },
	{ "IPv6 outside /64", I, IN, TCP, "2001:db8:a::1", "2001:db8:1::10", 22, 0 },
	{ "reference first", I, IN, TCP, "10.9.8.7", EINT, 8057, -19 },
};

static void mgmt_case_desc(const struct mgmt_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "mgmt %s", c->desc);
}

KUNIT_ARRAY_PARAM(mgmt, mgmt_cases, mgmt_case_desc);

static void edgefw_mgmt_rules(struct kunit *test)
{
	const struct mgmt_case *c = test->param_value;
	struct edgefw_config *cfg = make_cfg(test, CFG_REF);
	struct edgefw_rules *rules;
	struct sk_buff *skb;
	int rule = -1;
	u16 tpl;

	cfg->mgmt = kvcalloc(4, sizeof(*cfg->mgmt), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cfg->mgmt);
	cfg->mgmt[0] = (struct edgefw_mgmt){ .zone = I, .proto = TCP,
					     .plen = 8, .port = 22 };
	addr_of("10.0.0.0", &cfg->mgmt[0].prefix);
	cfg->mgmt[1] = (struct edgefw_mgmt){ .zone = E, .proto = UDP,
					     .plen = 32, .port = 161 };
	addr_of(NET, &cfg->mgmt[1].prefix);
	cfg->mgmt[2] = (struct edgefw_mgmt){ .zone = I, .proto = TCP,
					     .plen = 64, .port = 22 };
	addr_of("2001:db8:9::", &cfg->mgmt[2].prefix);
	cfg->mgmt[3] = (struct edgefw_mgmt){ .zone = I, .proto = TCP,
					     .plen = 8, .port = 8057 };
	addr_of("10.0.0.0", &cfg->mgmt[3].prefix);
	cfg->n_mgmt = 4;
	rules = edgefw_rules_build(cfg, NULL);
	edgefw_config_free(cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(rules));

	skb = make_skb(c->src, 40000, c->dst, c->dport, c->proto);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	if (c->mgmt) {
		KUNIT_ASSERT_EQ(test, EDGEFW_R_RULE,
				judge_skb(rules, 0, c->zone, c->dir, skb, false,
					  &rule));
		tpl = rules->rules[rule].tpl;
		if (c->mgmt > 0) {
			KUNIT_EXPECT_EQ(test, tpl, EDGEFW_TPL_MGMT);
			KUNIT_EXPECT_EQ(test, rules->rules[rule].sport_min,
					c->mgmt - 1);
		} else {
			KUNIT_EXPECT_EQ(test, edgefw_tpl[tpl].row, -c->mgmt);
		}
	} else {
		KUNIT_EXPECT_EQ(test, EDGEFW_R_NO_RULE,
				judge_skb(rules, 0, c->zone, c->dir, skb, false,
					  &rule));
	}
	kfree_skb(skb);
	edgefw_rules_put(rules);
}

/* Which SYNs are dropped before conntrack: no rule, no ACK/RST/FIN. */
static void edgefw_early_drop(struct kunit *test)
{
	struct edgefw_rules *rules = make_rules(test, CFG_REF, NULL);
	struct edgefw_pkt pkt = {
		.family = AF_INET, .proto = IPPROTO_TCP, .sport = 40000,
		.dport = 444, .tcp_flags = TCPHDR_SYN,
	};

	in4_pton(ACC, -1, (u8 *)&pkt.daddr.ip, -1, NULL);
	in4_pton(NET, -1, (u8 *)&pkt.saddr.ip, -1, NULL);
	KUNIT_EXPECT_TRUE(test, edgefw_drop_early(rules, 0, E, &pkt));
	KUNIT_EXPECT_FALSE(test, edgefw_drop_early(rules, EDGEFW_F_AUDIT, E,
						   &pkt));
	pkt.tcp_flags = TCPHDR_SYN | TCPHDR_ACK;
	KUNIT_EXPECT_FALSE(test, edgefw_drop_early(rules, 0, E, &pkt));
	pkt.tcp_flags = TCPHDR_ACK;
	KUNIT_EXPECT_FALSE(test, edgefw_drop_early(rules, 0, E, &pkt));
	pkt.tcp_flags = TCPHDR_SYN | TCPHDR_FIN;
	KUNIT_EXPECT_FALSE(test, edgefw_drop_early(rules, 0, E, &pkt));
	pkt.tcp_flags = TCPHDR_SYN | TCPHDR_ECE | TCPHDR_CWR;
	KUNIT_EXPECT_TRUE(test, edgefw_drop_early(rules, 0, E, &pkt));
	pkt.dport = 443;
	KUNIT_EXPECT_FALSE(test, edgefw_drop_early(rules, 0, E, &pkt));
	pkt.proto = IPPROTO_UDP;
	pkt.dport = 9;
	KUNIT_EXPECT_FALSE(test, edgefw_drop_early(rules, 0, E, &pkt));
	edgefw_rules_put(rules);
}

static int rule_of(struct kunit *test, const struct edgefw_rules *rules,
		   const char *src, u16 sport, const char *dst, u16 dport,
		   u8 zone, u8 dir, u8 proto)
{
	struct sk_buff *skb = make_skb(src, sport, dst, dport, proto);
	int rule = -1;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	judge_skb(rules, 0, zone, dir, skb, false, &rule);
	kfree_skb(skb);
	return rule;
}

static void expect_counts(struct kunit *test, const struct edgefw_rules *r,
			  int rule, u64 packets, u64 bytes)
{
	u64 p, b;

	edgefw_rule_counters(r, rule, &p, &b);
	KUNIT_EXPECT_EQ(test, p, packets);
	KUNIT_EXPECT_EQ(test, b, bytes);
}

/* Puts a new base in place, as commit.c does (fold or reset). */
static void new_base(struct kunit *test, struct edgefw_rules *rules,
		     bool reset)
{
	struct edgefw_base nb = {};

	KUNIT_ASSERT_EQ(test, 0, edgefw_rules_new_base(rules, reset, &nb));
	edgefw_rules_set_base(rules, &nb);
	edgefw_base_free(&nb);
}

/*
 * Counts add up; a replacement keeps them for unchanged rules, before the
 * old set's counts are folded in (dumps add both) and after; resets
 * zero them, before a fold and after.
 */
static void edgefw_counters(struct kunit *test)
{
	struct edgefw_rules *old = make_rules(test, CFG_REF, NULL), *new;
	int sip = rule_of(test, old, NET, 1, ACC, 443, E, IN, TCP);
	int stun = rule_of(test, old, NET, 1, AV, 3478, E, IN, UDP);
	int media, i, old_sip = sip;

	KUNIT_ASSERT_GE(test, sip, 0);
	KUNIT_ASSERT_GE(test, stun, 0);
	for (i = 0; i < 5; i++)
		edgefw_rule_count(old, sip, 100);
	edgefw_rule_count(old, stun, 60);
	expect_counts(test, old, sip, 5, 500);

	/* OCS 2007 media opens rows; rows 3 and 12 are unchanged. */
	new = make_rules(test, CFG_OCS, old);
	KUNIT_EXPECT_GT(test, new->n_rules, old->n_rules);
	KUNIT_EXPECT_EQ(test, new->n_kept, old->n_rules);
	sip = rule_of(test, new, NET, 1, ACC, 443, E, IN, TCP);
	stun = rule_of(test, new, NET, 1, AV, 3478, E, IN, UDP);
	media = rule_of(test, new, NET, 1, AV, 50000, E, IN, UDP);
	KUNIT_ASSERT_GE(test, media, 0);
	/* a reader of the old set still counts until the grace period */
	edgefw_rule_count(old, old_sip, 100);
	edgefw_rule_count(new, sip, 100);
	expect_counts(test, new, sip, 7, 700);
	expect_counts(test, new, stun, 1, 60);
	expect_counts(test, new, media, 0, 0);

	/* reset before the fold: the old set's part is cancelled too */
	new_base(test, new, true);
	expect_counts(test, new, sip, 0, 0);
	edgefw_rule_count(old, old_sip, 10);
	expect_counts(test, new, sip, 1, 10);

	new_base(test, new, false);	/* the fold */
	KUNIT_EXPECT_NULL(test, new->prev);
	expect_counts(test, new, sip, 1, 10);
	edgefw_rule_count(new, sip, 40);
	expect_counts(test, new, sip, 2, 50);

	new_base(test, new, true);
	expect_counts(test, new, sip, 0, 0);
	expect_counts(test, new, stun, 0, 0);
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

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

/* The sort that yields the CPU sorts (odd sizes, duplicates, sorted). */
static void edgefw_sort_sorts(struct kunit *test)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 4095, 4096, 4097, 30001 };
	unsigned int s;
	size_t i;

	for (s = 0; s < ARRAY_SIZE(sizes); s++) {
		size_t n = sizes[s];
		u32 *v = kunit_kmalloc_array(test, n + 1, sizeof(u32),
					     GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, v);
		for (i = 0; i < n; i++)
			v[i] = (i * 2654435761u) % 1000;
		edgefw_sort(v, n, cmp_u32);
		for (i = 1; i < n; i++)
			KUNIT_EXPECT_LE(test, v[i - 1], v[i]);
		edgefw_sort(v, n, cmp_u32);	/* already sorted */
		for (i = 1; i < n; i++)
			KUNIT_EXPECT_LE(test, v[i - 1], v[i]);
	}
}

static struct kunit_case edgefw_core_cases[] = {
	KUNIT_CASE_PARAM(edgefw_reference_row, row_gen_params),
	KUNIT_CASE(edgefw_every_row_covered),
	KUNIT_CASE_PARAM(edgefw_profile_rows, profile_gen_params),
	KUNIT_CASE(edgefw_stateless_rows),
	KUNIT_CASE(edgefw_parse_drops),
	KUNIT_CASE_PARAM(edgefw_link_control, link_gen_params),
	KUNIT_CASE(edgefw_invalid_and_audit),
	KUNIT_CASE_PARAM(edgefw_mgmt_rules, mgmt_gen_params),
	KUNIT_CASE(edgefw_early_drop),
	KUNIT_CASE(edgefw_counters),
	KUNIT_CASE(edgefw_many_addresses),
	KUNIT_CASE(edgefw_sort_sorts),
	{}
};

static struct kunit_suite edgefw_core_suite = {
	.name = "edgefw_core",
	.test_cases = edgefw_core_cases,
};

kunit_test_suite(edgefw_core_suite);
