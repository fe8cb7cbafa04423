// SPDX-License-Identifier: GPL-2.0
/*
 * The packet path's decisions, without netfilter: what a packet is
 * (edgefw_parse), which rule admits it (edgefw_classify) and the verdict
 * with its reason (edgefw_judge). The hooks and EDGEFW_CMD_VERDICT share
 * them, so a verdict query answers exactly as a packet is judged.
 */
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include <net/tcp.h>

#include "edgefw.h"

static bool edgefw_rule_match(const struct edgefw_rule *r,
			      const struct edgefw_pkt *pkt,
			      const union nf_inet_addr *remote)
{
	return r->proto == pkt->proto &&
	       pkt->sport >= r->sport_min && pkt->sport <= r->sport_max &&
	       pkt->dport >= r->dport_min && pkt->dport <= r->dport_max &&
	       (!r->remote.family ||
		(r->remote.family == pkt->family &&
		 edgefw_addr_in_prefix(remote, &r->remote, r->remote_plen)));
}

/**
 * edgefw_classify - find the rule that admits a packet
 * Return: the index of the first matching rule, or -1. Reference rules
 * come first, in the order of the tables; management rules after them.
 */
int edgefw_classify(const struct edgefw_rules *rules, u8 zone, u8 dir,
		    const struct edgefw_pkt *pkt)
{
	struct edgefw_addr local = { .family = pkt->family };
	const union nf_inet_addr *remote;
	const struct edgefw_entry *e;
	u32 i, end;

	local.a = dir == EDGEFW_DIR_IN ? pkt->daddr : pkt->saddr;
	remote = dir == EDGEFW_DIR_IN ? &pkt->saddr : &pkt->daddr;
	e = edgefw_lookup(rules, zone, dir, &local);
	if (e) {
		for (i = e->first; i < e->first + e->count; i++)
			if (edgefw_rule_match(&rules->rules[i], pkt, remote))
				return i;
	}
	if (dir != EDGEFW_DIR_IN)
		return -1;
	end = rules->mgmt_first[zone] + rules->mgmt_n[zone];
	for (i = rules->mgmt_first[zone]; i < end; i++)
		if (edgefw_rule_match(&rules->rules[i], pkt, remote))
			return i;
	return -1;
}

/**
 * edgefw_parse - read the addresses, protocol and ports of a packet
 * Return: EDGEFW_R_RULE (0) when the packet can be judged, else the
 * reason to drop it.
 */
enum edgefw_reason edgefw_parse(const struct sk_buff *skb, u8 family,
				struct edgefw_pkt *pkt)
{
	unsigned int nhoff = skb_network_offset(skb);
	u8 *type, _type;
	struct {
		__be16 source, dest;
		__be32 seq, ack_seq;
		u8 doff, flags;
	} _th, *th;
	int thoff;

	memset(pkt, 0, sizeof(*pkt));
	pkt->family = family;
	if (family == AF_INET) {
		const struct iphdr *iph;
		struct iphdr _iph;

		iph = skb_header_pointer(skb, nhoff, sizeof(_iph), &_iph);
		if (!iph || iph->ihl < 5 || iph->version != 4)
			return EDGEFW_R_BAD_HEADER;
		if (ip_is_fragment(iph))
			return EDGEFW_R_FRAGMENT;
		pkt->saddr.ip = iph->saddr;
		pkt->daddr.ip = iph->daddr;
		pkt->proto = iph->protocol;
		thoff = nhoff + iph->ihl * 4;
	} else {
		const struct ipv6hdr *ip6h;
		struct ipv6hdr _ip6h;
		__be16 frag_off = 0;
		u8 nexthdr;

		ip6h = skb_header_pointer(skb, nhoff, sizeof(_ip6h), &_ip6h);
		if (!ip6h || ip6h->version != 6)
			return EDGEFW_R_BAD_HEADER;
		pkt->saddr.in6 = ip6h->saddr;
		pkt->daddr.in6 = ip6h->daddr;
		pkt->hop_limit = ip6h->hop_limit;
		nexthdr = ip6h->nexthdr;
		thoff = ipv6_skip_exthdr(skb, nhoff + sizeof(_ip6h), &nexthdr,
					 &frag_off);
		if (thoff < 0)
			return EDGEFW_R_BAD_HEADER;
		if (frag_off)
			return EDGEFW_R_FRAGMENT;
		pkt->proto = nexthdr;
	}

	switch (pkt->proto) {
	case IPPROTO_TCP:
		th = skb_header_pointer(skb, thoff, sizeof(_th), &_th);
		if (!th)
			return EDGEFW_R_BAD_HEADER;
		pkt->tcp_flags = th->flags;
		fallthrough;
	case IPPROTO_UDP:
		/* the ports are the first 4 bytes of both headers */
		th = skb_header_pointer(skb, thoff, 4, &_th);
		if (!th)
			return EDGEFW_R_BAD_HEADER;
		pkt->sport = ntohs(th->source);
		pkt->dport = ntohs(th->dest);
		return EDGEFW_R_RULE;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		type = skb_header_pointer(skb, thoff, sizeof(_type), &_type);
		if (!type)
			return EDGEFW_R_BAD_HEADER;
		pkt->icmp_type = *type;
		return EDGEFW_R_RULE;
	default:
		return EDGEFW_R_RULE;
	}
}

/*
 * IPv6 cannot work without neighbour discovery, nor, on a network whose
 * switches snoop MLD, without the MLD that joins each address's
 * solicited-node group (RFC 4861 7.2.1; RFC 4890 4.4.1 lists both as never
 * to be dropped on the link). Both are link-local by definition: ND is
 * only valid with hop limit 255 (RFC 4861 6.1, 7.1, 8.1) and MLD is only
 * ever sent with hop limit 1 (RFC 3810 5), so a message with any other hop
 * limit has crossed a router and is dropped, whatever its addresses.
 *
 * Return: EDGEFW_R_ND (accept), EDGEFW_R_ND_HOP_LIMIT (drop), or
 * EDGEFW_R_PROTO when the packet is no link control message at all.
 */
static enum edgefw_reason edgefw_link_control(const struct edgefw_pkt *pkt)
{
	u8 link_hop_limit;

	if (pkt->family != AF_INET6 || pkt->proto != IPPROTO_ICMPV6)
		return EDGEFW_R_PROTO;
	switch (pkt->icmp_type) {
	case NDISC_ROUTER_SOLICITATION:
	case NDISC_ROUTER_ADVERTISEMENT:
	case NDISC_NEIGHBOUR_SOLICITATION:
	case NDISC_NEIGHBOUR_ADVERTISEMENT:
	case NDISC_REDIRECT:
		link_hop_limit = 255;
		break;
	case ICMPV6_MGM_QUERY:
	case ICMPV6_MGM_REPORT:
	case ICMPV6_MGM_REDUCTION:
	case ICMPV6_MLD2_REPORT:
		link_hop_limit = 1;
		break;
	default:
		return EDGEFW_R_PROTO;
	}
	return pkt->hop_limit == link_hop_limit ? EDGEFW_R_ND :
						  EDGEFW_R_ND_HOP_LIMIT;
}

/**
 * edgefw_judge - the verdict on a parsed packet crossing a bound
 * interface; established and related packets were accepted before
 * @flags: EDGEFW_F_* of the rule set in force (audit mode)
 * @invalid: conntrack found the packet invalid
 * @rule: set to the matching rule's index when the result is EDGEFW_R_RULE
 *
 * Return: EDGEFW_R_RULE, EDGEFW_R_ND or EDGEFW_R_AUDIT to accept, a drop
 * reason otherwise. Only a packet that no rule admits is audited: bad
 * headers, invalid packets and ND from off the link are dropped in audit
 * mode as well.
 */
enum edgefw_reason edgefw_judge(const struct edgefw_rules *rules, u32 flags,
				u8 zone, u8 dir, const struct edgefw_pkt *pkt,
				bool invalid, int *rule)
{
	enum edgefw_reason reason;

	if (pkt->proto != IPPROTO_TCP && pkt->proto != IPPROTO_UDP) {
		reason = edgefw_link_control(pkt);
		if (reason != EDGEFW_R_PROTO)
			return reason;
	} else if (!invalid) {
		*rule = edgefw_classify(rules, zone, dir, pkt);
		if (*rule >= 0)
			return EDGEFW_R_RULE;
		reason = EDGEFW_R_NO_RULE;
	}
	if (invalid)
		return EDGEFW_R_INVALID;
	return flags & EDGEFW_F_AUDIT ? EDGEFW_R_AUDIT : reason;
}

/*
 * Whether a packet entering a bound interface can be dropped before
 * conntrack sees it: a TCP SYN that opens no connection (no ACK, RST or
 * FIN) and that no rule admits can belong to no connection conntrack
 * tracks, not even one opened before the interface was bound (conntrack
 * would at most start a new one), so judging it first costs nothing but
 * saves conntrack allocating an entry for a flood of them. Everything
 * else may be part of a tracked connection and waits for conntrack.
 */
bool edgefw_drop_early(const struct edgefw_rules *rules, u32 flags, u8 zone,
		       const struct edgefw_pkt *pkt)
{
	return !(flags & EDGEFW_F_AUDIT) && pkt->proto == IPPROTO_TCP &&
	       (pkt->tcp_flags & (TCPHDR_SYN | TCPHDR_ACK | TCPHDR_RST |
				  TCPHDR_FIN)) == TCPHDR_SYN &&
	       edgefw_classify(rules, zone, EDGEFW_DIR_IN, pkt) < 0;
}
