// SPDX-License-Identifier: GPL-2.0
/*
 * The reference tables, as data: "External Ports Settings" and "Internal
 * Ports Settings Required for Single Consolidated Edge Topology". This is
 * the only place that knows which ports a role opens.
 *
 * Each row names its source and destination as the reference does. The
 * direction on the wire follows from which side is the edge's own address:
 * the edge as destination means the packet enters the bound interface, the
 * edge as source means it leaves it. On the internal interface that makes
 * the reference's "(in)" (edge -> pool) a packet leaving the edge.
 */
#include <linux/in.h>

#include "edgefw.h"

/*
 * One row: number, role, zone, transport, source, source ports, destination,
 * destination ports (first, last), when, used for.
 */
#define R(n, r, z, p, s, smin, smax, d, dmin, dmax, w, u) {		\
	.row = n, .role = EDGEFW_ROLE_##r, .zone = EDGEFW_ZONE_##z,	\
	.proto = IPPROTO_##p, .src = EDGEFW_TPL_##s,			\
	.dst = EDGEFW_TPL_##d, .when = EDGEFW_TPL_##w, .used_for = u,	\
	.sport_min = smin, .sport_max = smax,				\
	.dport_min = dmin, .dport_max = dmax }

const struct edgefw_tpl_row edgefw_tpl[] = {
	/* External interface */
	R(1, ACCESS, EXTERNAL, TCP, EXTERNAL, 0, 65535, ANY, 80, 80, ALWAYS,
	  "HTTP: checking certificate revocation lists"),
	R(2, ACCESS, EXTERNAL, UDP, EXTERNAL, 0, 65535, ANY, 53, 53, ALWAYS,
	  "DNS: external DNS queries"),
	R(3, ACCESS, EXTERNAL, TCP, ANY, 0, 65535, EXTERNAL, 443, 443, ALWAYS,
	  "SIP (TLS): client-to-server SIP traffic for external user access"),
	R(4, ACCESS, EXTERNAL, TCP, ANY, 0, 65535, EXTERNAL, 5061, 5061, ALWAYS,
	  "SIP (MTLS): federated and public IM connectivity using SIP"),
	R(5, ACCESS, EXTERNAL, TCP, EXTERNAL, 0, 65535, ANY, 5061, 5061, ALWAYS,
	  "SIP (MTLS): federated and public IM connectivity using SIP"),
	R(6, WEBCONF, EXTERNAL, TCP, ANY, 0, 65535, EXTERNAL, 443, 443, ALWAYS,
	  "PSOM (TLS): remote user access to conferences"),
	R(7, AV, EXTERNAL, TCP, EXTERNAL, 50000, 59999, ANY, 0, 65535,
	  MEDIA_TCP_OUT,
	  "RTP: desktop/application sharing, file transfer (Lync 2010, OCS 2007 R2)"),
	R(8, AV, EXTERNAL, UDP, EXTERNAL, 50000, 59999, ANY, 0, 65535,
	  MEDIA_OCS2007, "RTP: federation with OCS 2007"),
	R(9, AV, EXTERNAL, TCP, ANY, 0, 65535, EXTERNAL, 50000, 59999,
	  MEDIA_OCS2007, "RTP: federation with OCS 2007"),
	R(10, AV, EXTERNAL, UDP, ANY, 0, 65535, EXTERNAL, 50000, 59999,
	  MEDIA_OCS2007, "RTP: federation with OCS 2007"),
	R(11, AV, EXTERNAL, UDP, EXTERNAL, 3478, 3478, ANY, 3478, 3478, ALWAYS,
	  "STUN/MSTURN: Edge version discovery and Edge-to-Edge media"),
	R(12, AV, EXTERNAL, UDP, ANY, 0, 65535, EXTERNAL, 3478, 3478, ALWAYS,
	  "STUN/MSTURN: external user access to A/V sessions (UDP)"),
	R(13, AV, EXTERNAL, TCP, ANY, 0, 65535, EXTERNAL, 443, 443, ALWAYS,
	  "STUN/MSTURN: external user access to A/V sessions and media (TCP)"),
	R(14, RPROXY, EXTERNAL, TCP, ANY, 0, 65535, EXTERNAL, 80, 80,
	  HTTP_REDIRECT, "HTTP: (optional) redirection to HTTPS"),
	R(15, RPROXY, EXTERNAL, TCP, ANY, 0, 65535, EXTERNAL, 443, 443, ALWAYS,
	  "HTTPS: address book, web services, meeting content, updates"),

	/* Internal interface */
	R(16, ACCESS, INTERNAL, TCP, INTERNAL, 0, 65535, FRONT_ENDS, 5061, 5061,
	  ALWAYS, "SIP (MTLS): SIP traffic to the pool Front End servers"),
	R(17, ACCESS, INTERNAL, TCP, FRONT_ENDS, 0, 65535, INTERNAL, 5061, 5061,
	  ALWAYS, "SIP (MTLS): SIP traffic from the pool Front End servers"),
	R(18, ACCESS, INTERNAL, TCP, FRONT_ENDS, 0, 65535, INTERNAL, 4443, 4443,
	  ALWAYS, "HTTPS: Central Management store replication"),
	R(19, WEBCONF, INTERNAL, TCP, ANY, 0, 65535, INTERNAL, 8057, 8057,
	  ALWAYS, "PSOM (MTLS): web conferencing from pool to Edge"),
	R(20, AV, INTERNAL, TCP, FRONT_ENDS, 0, 65535, INTERNAL, 5062, 5062,
	  ALWAYS, "SIP (MTLS): A/V authentication service"),
	R(21, AV, INTERNAL, UDP, ANY, 0, 65535, INTERNAL, 3478, 3478, ALWAYS,
	  "STUN/MSTURN: preferred media path internal-external (UDP)"),
	R(22, AV, INTERNAL, TCP, ANY, 0, 65535, INTERNAL, 443, 443, ALWAYS,
	  "STUN/MSTURN: alternate media path internal-external (TCP)"),
	R(23, RPROXY, INTERNAL, TCP, INTERNAL, 0, 65535, VIP, 8080, 8080, ALWAYS,
	  "HTTPS: reverse proxy to pool VIP (8080)"),
	R(24, RPROXY, INTERNAL, TCP, INTERNAL, 0, 65535, VIP, 4443, 4443, ALWAYS,
	  "HTTPS: reverse proxy to pool VIP, external web traffic (4443)"),
};

const unsigned int edgefw_tpl_len = ARRAY_SIZE(edgefw_tpl);

bool edgefw_tpl_row_enabled(const struct edgefw_tpl_row *t,
			    const struct edgefw_config *cfg)
{
	u8 media = cfg->roles[t->role].media_range;

	switch (t->when) {
	case EDGEFW_TPL_HTTP_REDIRECT:
		return cfg->flags & EDGEFW_F_HTTP_REDIRECT;
	case EDGEFW_TPL_MEDIA_TCP_OUT:
		return media == EDGEFW_MEDIA_LYNC2010 ||
		       media == EDGEFW_MEDIA_OCS2007;
	case EDGEFW_TPL_MEDIA_OCS2007:
		return media == EDGEFW_MEDIA_OCS2007;
	default:
		return true;
	}
}
