// SPDX-License-Identifier: GPL-2.0
/*
 * The reference tables, as data: the Lync Server 2010 "External Ports
 * Settings" and "Internal Ports Settings Required for Single Consolidated
 * Edge Topology", and the Skype for Business Server 2015/2019 tables that
 * differ from them. This is the only place that knows which ports a role
 * opens. Every row is here once, with the profiles it belongs to; the 2010
 * rows keep their numbers 1-24, rows of the later tables follow.
 *
 * Each row names its source and destination as the reference does. The
 * direction on the wire follows from which side is the edge's own address:
 * the edge as destination means the packet enters the bound interface, the
 * edge as source means it leaves it. On the internal interface that makes
 * the reference's "(in)" (edge -> pool) a packet leaving the edge.
 *
 * Readings of the Skype for Business tables (docs/design.md has the why):
 * - E9/E10 (A/V 50,000-59,999 TCP/UDP out): the range is the source port,
 *   as in the 2010 table; the destination port is any (rows 7 and 8).
 * - E11 (A/V STUN out): 3478 is the destination port only (row 26).
 * - Directors are next hops wherever the tables say "next hops" (rows
 *   16, 17, 30), under every profile.
 * - Centralized Logging 50001-50003 (I9-I11) belongs to the edge server,
 *   not to one role: it is carried by the access role, present on every
 *   edge (row 32).
 */
#include <linux/in.h>

#include "edgefw.h"

/*
 * One row: number, profiles, role, zone, transport, source, source ports,
 * destination, destination ports (first, last), when, used for.
 */
#define ROW(n, pr, r, z, p, s, smin, smax, d, dmin, dmax, w, k, sl, a, u) { \
	.row = n, .profiles = pr, .role = EDGEFW_ROLE_##r,		\
	.zone = EDGEFW_ZONE_##z, .proto = IPPROTO_##p,			\
	.src = EDGEFW_TPL_##s, .dst = EDGEFW_TPL_##d,			\
	.when = EDGEFW_TPL_##w, .kind = k, .stateless = sl,		\
	.answers = a, .used_for = u, .sport_min = smin, .sport_max = smax, \
	.dport_min = dmin, .dport_max = dmax }
/* A reference row, judged with conntrack. */
#define R(n, pr, r, z, p, s, smin, smax, d, dmin, dmax, w, u)		\
	ROW(n, pr, r, z, p, s, smin, smax, d, dmin, dmax, w,		\
	    EDGEFW_RULE_REFERENCE, false, 0, u)
/* A connectionless media row: before conntrack in stateless mode. */
#define M(n, pr, r, z, p, s, smin, smax, d, dmin, dmax, w, u)		\
	ROW(n, pr, r, z, p, s, smin, smax, d, dmin, dmax, w,		\
	    EDGEFW_RULE_REFERENCE, true, 0, u)
/*
 * Stateless media only: the relay's answers to the flows of media row a,
 * which conntrack does not see; in force wherever row a is (in the
 * profiles pr). Media rows whose answers another row admits have none:
 * row 12 admits those of row 11; lync2010's ocs2007 rows 8 and 10 admit
 * each other's.
 */
#define A(n, pr, a, r, z, p, s, smin, smax, d, dmin, dmax, u)		\
	ROW(n, pr, r, z, p, s, smin, smax, d, dmin, dmax, STATELESS,	\
	    EDGEFW_RULE_REPLY, true, a, u)

#define ALL	EDGEFW_P_ALL
#define L2010	EDGEFW_P(LYNC2010)
#define SFB	EDGEFW_P_SFB
#define S2015	EDGEFW_P(SFB2015)

const struct edgefw_tpl_row edgefw_tpl[] = {
	/* External interface */
	R(1, ALL, ACCESS, EXTERNAL, TCP, EXTERNAL, 0, 65535, ANY, 80, 80,
	  ALWAYS, "HTTP: checking certificate revocation lists"),
	R(2, ALL, ACCESS, EXTERNAL, UDP, EXTERNAL, 0, 65535, ANY, 53, 53,
	  ALWAYS, "DNS: external DNS queries"),
	R(25, SFB, ACCESS, EXTERNAL, TCP, EXTERNAL, 0, 65535, ANY, 53, 53,
	  ALWAYS, "DNS: external DNS queries over TCP"),
	R(3, ALL, ACCESS, EXTERNAL, TCP, ANY, 0, 65535, EXTERNAL, 443, 443,
	  ALWAYS,
	  "SIP (TLS): client-to-server SIP traffic for external user access"),
	R(4, ALL, ACCESS, EXTERNAL, TCP, ANY, 0, 65535, EXTERNAL, 5061, 5061,
	  ALWAYS, "SIP (MTLS): federated and public IM connectivity using SIP"),
	R(5, ALL, ACCESS, EXTERNAL, TCP, EXTERNAL, 0, 65535, ANY, 5061, 5061,
	  ALWAYS, "SIP (MTLS): federated and public IM connectivity using SIP"),
	R(28, S2015, ACCESS, EXTERNAL, TCP, ANY, 0, 65535, EXTERNAL, 5269,
	  5269, XMPP, "XMPP: federation with XMPP partners, in"),
	R(29, S2015, ACCESS, EXTERNAL, TCP, EXTERNAL, 0, 65535, ANY, 5269,
	  5269, XMPP, "XMPP: federation with XMPP partners, out"),
	R(6, ALL, WEBCONF, EXTERNAL, TCP, ANY, 0, 65535, EXTERNAL, 443, 443,
	  ALWAYS, "PSOM (TLS): remote user access to conferences"),
	R(7, ALL, AV, EXTERNAL, TCP, EXTERNAL, 50000, 59999, ANY, 0, 65535,
	  MEDIA_TCP_OUT,
	  "RTP: desktop/application sharing, file transfer (Lync 2010, OCS 2007 R2)"),
	M(8, ALL, AV, EXTERNAL, UDP, EXTERNAL, 50000, 59999, ANY, 0, 65535,
	  MEDIA_UDP_OUT, "RTP: media relay, UDP out"),
	A(33, SFB, 8, AV, EXTERNAL, UDP, ANY, 0, 65535, EXTERNAL, 50000, 59999,
	  "RTP: answers to media relay UDP out (stateless media)"),
	R(9, L2010, AV, EXTERNAL, TCP, ANY, 0, 65535, EXTERNAL, 50000, 59999,
	  MEDIA_IN, "RTP: federation with OCS 2007"),
	M(10, L2010, AV, EXTERNAL, UDP, ANY, 0, 65535, EXTERNAL, 50000, 59999,
	  MEDIA_IN, "RTP: federation with OCS 2007"),
	M(11, L2010, AV, EXTERNAL, UDP, EXTERNAL, 3478, 3478, ANY, 3478, 3478,
	  ALWAYS, "STUN/MSTURN: Edge version discovery and Edge-to-Edge media"),
	R(26, SFB, AV, EXTERNAL, UDP, EXTERNAL, 0, 65535, ANY, 3478, 3478,
	  ALWAYS, "STUN/MSTURN: Edge version discovery and Edge-to-Edge media"),
	M(12, ALL, AV, EXTERNAL, UDP, ANY, 0, 65535, EXTERNAL, 3478, 3478,
	  ALWAYS, "STUN/MSTURN: external user access to A/V sessions (UDP)"),
	A(34, ALL, 12, AV, EXTERNAL, UDP, EXTERNAL, 3478, 3478, ANY, 0, 65535,
	  "STUN/MSTURN: answers to external users (UDP, stateless media)"),
	R(13, ALL, AV, EXTERNAL, TCP, ANY, 0, 65535, EXTERNAL, 443, 443,
	  ALWAYS,
	  "STUN/MSTURN: external user access to A/V sessions and media (TCP)"),
	R(27, SFB, AV, EXTERNAL, TCP, EXTERNAL, 0, 65535, ANY, 443, 443,
	  ALWAYS, "STUN/MSTURN: A/V candidates over TCP, out"),
	R(14, ALL, RPROXY, EXTERNAL, TCP, ANY, 0, 65535, EXTERNAL, 80, 80,
	  HTTP_REDIRECT, "HTTP: (optional) redirection to HTTPS"),
	R(15, ALL, RPROXY, EXTERNAL, TCP, ANY, 0, 65535, EXTERNAL, 443, 443,
	  ALWAYS,
	  "HTTPS: address book, web services, meeting content, updates"),

	/* Internal interface */
	R(16, ALL, ACCESS, INTERNAL, TCP, INTERNAL, 0, 65535, NEXT_HOPS, 5061,
	  5061, ALWAYS, "SIP (MTLS): SIP traffic to the next hops (Front Ends, Directors)"),
	R(17, ALL, ACCESS, INTERNAL, TCP, NEXT_HOPS, 0, 65535, INTERNAL, 5061,
	  5061, ALWAYS, "SIP (MTLS): SIP traffic from the next hops (Front Ends, Directors)"),
	R(18, ALL, ACCESS, INTERNAL, TCP, FRONT_ENDS, 0, 65535, INTERNAL, 4443,
	  4443, ALWAYS, "HTTPS: Central Management store replication"),
	R(30, S2015, ACCESS, INTERNAL, TCP, NEXT_HOPS, 0, 65535, INTERNAL,
	  23456, 23456, XMPP, "XMPP: from the XMPP gateway of the next hops"),
	R(32, SFB, ACCESS, INTERNAL, TCP, ANY, 0, 65535, INTERNAL, 50001,
	  50003, ALWAYS, "Centralized Logging Service: controller and agent"),
	R(19, L2010, WEBCONF, INTERNAL, TCP, ANY, 0, 65535, INTERNAL, 8057,
	  8057, ALWAYS, "PSOM (MTLS): web conferencing from pool to Edge"),
	R(31, SFB, WEBCONF, INTERNAL, TCP, FRONT_ENDS, 0, 65535, INTERNAL,
	  8057, 8057, ALWAYS,
	  "PSOM (MTLS): web conferencing from the Front End servers to Edge"),
	R(20, ALL, AV, INTERNAL, TCP, FRONT_ENDS, 0, 65535, INTERNAL, 5062,
	  5062, ALWAYS, "SIP (MTLS): A/V authentication service"),
	M(21, ALL, AV, INTERNAL, UDP, ANY, 0, 65535, INTERNAL, 3478, 3478,
	  ALWAYS, "STUN/MSTURN: preferred media path internal-external (UDP)"),
	A(35, ALL, 21, AV, INTERNAL, UDP, INTERNAL, 3478, 3478, ANY, 0, 65535,
	  "STUN/MSTURN: answers on the internal media path (UDP, stateless media)"),
	R(22, ALL, AV, INTERNAL, TCP, ANY, 0, 65535, INTERNAL, 443, 443,
	  ALWAYS, "STUN/MSTURN: alternate media path internal-external (TCP)"),
	R(23, ALL, RPROXY, INTERNAL, TCP, INTERNAL, 0, 65535, VIP, 8080, 8080,
	  ALWAYS, "HTTPS: reverse proxy to pool VIP (8080)"),
	R(24, ALL, RPROXY, INTERNAL, TCP, INTERNAL, 0, 65535, VIP, 4443, 4443,
	  ALWAYS, "HTTPS: reverse proxy to pool VIP, external web traffic (4443)"),
};

const unsigned int edgefw_tpl_len = ARRAY_SIZE(edgefw_tpl);

static const struct edgefw_tpl_row *edgefw_tpl_row_by_number(u16 row)
{
	unsigned int i;

	for (i = 0; i < edgefw_tpl_len; i++)
		if (edgefw_tpl[i].row == row)
			return &edgefw_tpl[i];
	return NULL;
}

bool edgefw_tpl_row_enabled(const struct edgefw_tpl_row *t,
			    const struct edgefw_config *cfg)
{
	u8 media = cfg->roles[t->role].media_range;
	bool sfb = cfg->profile != EDGEFW_PROFILE_LYNC2010;

	if (!(t->profiles & BIT(cfg->profile)))
		return false;
	switch (t->when) {
	case EDGEFW_TPL_HTTP_REDIRECT:
		return cfg->flags & EDGEFW_F_HTTP_REDIRECT;
	case EDGEFW_TPL_MEDIA_TCP_OUT:
		return media != EDGEFW_MEDIA_NONE;
	case EDGEFW_TPL_MEDIA_UDP_OUT:
		/* standard under Skype for Business, OCS 2007 only in 2010 */
		return sfb ? media != EDGEFW_MEDIA_NONE :
			     media == EDGEFW_MEDIA_OCS2007;
	case EDGEFW_TPL_MEDIA_IN:
		return media == EDGEFW_MEDIA_OCS2007;
	case EDGEFW_TPL_XMPP:
		return cfg->flags & EDGEFW_F_XMPP;
	case EDGEFW_TPL_STATELESS:
		return (cfg->flags & EDGEFW_F_STATELESS_MEDIA) &&
		       edgefw_tpl_row_enabled(edgefw_tpl_row_by_number(t->answers),
					      cfg);
	default:
		return true;
	}
}
