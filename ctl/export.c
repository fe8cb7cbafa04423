// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "commands.h"
#include "export.h"
#include "netlink.h"
#include "show.h"
#include "util.h"

/*
 * The shape of the ruleset (see also export.h):
 *
 *   prerouting  (priority -190)  iifname vmap { bound name : jump ZONE_in }
 *   postrouting (priority 200)   oifname vmap { bound name : jump ZONE_out }
 *   ZONE_DIR      ct state established,related accept
 *                 IPv6 neighbour discovery accept
 *                 ip daddr vmap @ZONE_DIR_v4     (saddr leaving)
 *                 ip6 daddr vmap @ZONE_DIR_v6
 *                 management rules (entering only)
 *                 not TCP/UDP: drop; anything else: drop (audit: accept)
 *   ZONE_DIR_ROLES  the rules of one group of addresses, in the module's
 *                 order (see cmp_xrule), each with a counter
 *
 * A chain of rules ends without a verdict, so a packet that none of them
 * accepts returns to ZONE_DIR and is dropped there: the same verdict as
 * the module's "no rule", counted in the same zone counter.
 *
 * With stateless media, the module judges UDP packets before conntrack
 * too and marks those whose first matching rule is a connectionless media
 * row (or an answer to one) untracked. The ruleset does the same with the
 * same shape in front of conntrack, every name prefixed raw_:
 *
 *   raw_prerouting (priority raw)  iifname vmap { ... : jump raw_ZONE_in }
 *   raw_output     (priority raw)  oifname vmap { ... : jump raw_ZONE_out }
 *   raw_ZONE_DIR_ROLES  the group's UDP rules up to its last stateless
 *                 one, in the module's order: stateless ones notrack,
 *                 the others return (conntrack follows the packet)
 */

/* One rule, seen from the edge's side. */
struct xrule {
	const struct ef_rule *r;
	const struct ef_addr *local;	/* the edge's address */
	const struct ef_addr *remote;	/* NULL: any */
};

/* Rules of one (zone, dir, local address): xr[first .. first + n). */
struct xgroup {
	size_t first, n;
	size_t chain;			/* index in chains[] */
};

/* A chain shared by the groups that have the same rules. */
struct xchain {
	size_t group;			/* the first group with these rules */
	char name[64];
};

struct xport {
	const char *prefix;		/* of every name: "" or "raw_" */
	struct xrule *xr;
	size_t nxr;
	struct xgroup *g;
	size_t ng;
	struct xchain *c;
	size_t nc;
};

static int cmp_opt_addr(const struct ef_addr *a, const struct ef_addr *b)
{
	if (!a || !b)
		return a ? 1 : b ? -1 : 0;	/* any first, as in the module */
	return ef_addr_cmp(a, b);
}

#define CMP(x, y) do { if ((x) != (y)) return (x) < (y) ? -1 : 1; } while (0)

/* Everything that makes a rule what it is, except the local address. */
static int cmp_rule_body(const struct xrule *a, const struct xrule *b)
{
	CMP(a->r->row, b->r->row);
	CMP(a->r->role, b->r->role);
	{
		int c = cmp_opt_addr(a->remote, b->remote);

		if (c)
			return c;
	}
	CMP(a->r->proto, b->r->proto);
	CMP(a->r->sport_min, b->r->sport_min);
	CMP(a->r->sport_max, b->r->sport_max);
	CMP(a->r->dport_min, b->r->dport_min);
	CMP(a->r->dport_max, b->r->dport_max);
	return 0;
}

static int cmp_key(const struct xrule *a, const struct xrule *b)
{
	CMP(a->r->zone, b->r->zone);
	CMP(a->r->dir, b->r->dir);
	return ef_addr_cmp(a->local, b->local);
}

/*
 * Groups, each in the order the module tries its rules, which is the
 * order it dumps them in: that of kmod/template.c, not row order (row 25
 * stands between rows 2 and 3). Where one packet can match two rules of
 * a group (rows 25 and 7 of an address that is access's and av's), the
 * first one counts it, and with stateless media decides whether it is
 * tracked.
 */
static int cmp_xrule(const void *pa, const void *pb)
{
	const struct xrule *a = pa, *b = pb;
	int c = cmp_key(a, b);

	if (c)
		return c;
	CMP(a->r->seq, b->r->seq);
	return 0;
}

static bool same_rules(const struct xport *x, const struct xgroup *a,
		       const struct xgroup *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (cmp_rule_body(&x->xr[a->first + i], &x->xr[b->first + i]))
			return false;
	return true;
}

static const struct ef_rule *group_rule(const struct xport *x,
					const struct xgroup *g)
{
	return x->xr[g->first].r;
}

/* zone_dir_role[_role...], unique among the chains made so far. */
static void name_chain(struct xport *x, struct xchain *c)
{
	const struct xgroup *g = &x->g[c->group];
	const struct ef_rule *r0 = group_rule(x, g);
	char base[48];
	unsigned int roles = 0, role, n = 1;
	size_t i, len;

	for (i = 0; i < g->n; i++)
		roles |= 1U << (x->xr[g->first + i].r->role & 31);
	len = (size_t)snprintf(base, sizeof(base), "%s%s_%s", x->prefix,
			       ef_zone_name(r0->zone), ef_dir_name(r0->dir));
	for (role = 0; role < 32 && len < sizeof(base); role++) {
		const char *rn = ef_role_name(role);

		if (!(roles & (1U << role)))
			continue;
		if (rn)
			len += (size_t)snprintf(base + len, sizeof(base) - len,
						"_%s", rn);
		else
			len += (size_t)snprintf(base + len, sizeof(base) - len,
						"_role%u", role);
	}
	for (;;) {
		bool taken = false;

		if (n == 1)
			snprintf(c->name, sizeof(c->name), "%s", base);
		else
			snprintf(c->name, sizeof(c->name), "%s_%u", base, n);
		for (i = 0; i < x->nc && !taken; i++)
			taken = &x->c[i] != c && !strcmp(x->c[i].name, c->name);
		if (!taken)
			return;
		n++;
	}
}

static bool is_mgmt(const struct ef_rule *r)
{
	return r->kind == EDGEFW_RULE_MGMT;
}

static int check_rule(const struct ef_rule *r, char *err, size_t errlen)
{
	char pr[8];

	if (!ef_zone_name(r->zone) || !ef_dir_name(r->dir))
		return ef_err(err, errlen,
			      "row %u: zone %u, direction %u: unknown to this edgectl",
			      r->row, r->zone, r->dir);
	if (r->proto != IPPROTO_TCP && r->proto != IPPROTO_UDP)
		return ef_err(err, errlen, "row %u: protocol %s: not TCP or UDP",
			      r->row, ef_proto_str(r->proto, pr));
	if (is_mgmt(r) ? r->dir != EDGEFW_DIR_IN || !r->has_src ||
			 r->dport_min != r->dport_max :
	    r->dir == EDGEFW_DIR_IN ? !r->has_dst : !r->has_src)
		return ef_err(err, errlen,
			      "row %u: a rule without the edge's address", r->row);
	if (r->sport_min > r->sport_max || r->dport_min > r->dport_max)
		return ef_err(err, errlen, "row %u: empty port range", r->row);
	return 0;
}

/* Interface names are written as nft strings: no quote, no backslash. */
static int check_bindings(const struct ef_config *cfg, char *err,
			  size_t errlen)
{
	char q[EF_QUOTELEN];
	size_t i;

	for (i = 0; i < cfg->nbindings; i++) {
		const struct ef_binding *b = &cfg->bindings[i];

		if (strpbrk(b->ifname, "\"\\") || !*b->ifname)
			return ef_err(err, errlen,
				      "interface name '%s' cannot be written in nftables syntax",
				      ef_quote(b->ifname, q));
		if (!ef_zone_name(b->zone))
			return ef_err(err, errlen,
				      "interface %s: zone %u unknown to this edgectl",
				      ef_quote(b->ifname, q), b->zone);
	}
	return 0;
}

/* Groups of x->xr (zone, direction, local address) and their chains. */
static void xport_index(struct xport *x)
{
	size_t i, j;

	if (x->nxr > 1)
		qsort(x->xr, x->nxr, sizeof(*x->xr), cmp_xrule);

	x->g = xcalloc(x->nxr, sizeof(*x->g));
	for (i = 0; i < x->nxr; i++) {
		if (i && !cmp_key(&x->xr[i - 1], &x->xr[i])) {
			x->g[x->ng - 1].n++;
			continue;
		}
		x->g[x->ng].first = i;
		x->g[x->ng].n = 1;
		x->ng++;
	}

	/*
	 * Chains: a few per zone and direction (one per combination of roles
	 * sharing an address), so a linear search is enough.
	 */
	x->c = xcalloc(x->ng, sizeof(*x->c));
	for (i = 0; i < x->ng; i++) {
		struct xgroup *g = &x->g[i];

		for (j = 0; j < x->nc; j++) {
			const struct xgroup *h = &x->g[x->c[j].group];

			if (group_rule(x, h)->zone == group_rule(x, g)->zone &&
			    group_rule(x, h)->dir == group_rule(x, g)->dir &&
			    same_rules(x, g, h))
				break;
		}
		if (j == x->nc) {
			x->c[j].group = i;
			x->nc++;
			name_chain(x, &x->c[j]);
		}
		g->chain = j;
	}
}

/* The reference rules (and answers), grouped; management rules apart. */
static int xport_build(struct xport *x, const struct ef_rules *rules,
		       char *err, size_t errlen)
{
	size_t i;

	memset(x, 0, sizeof(*x));
	x->prefix = "";
	x->xr = xcalloc(rules->n, sizeof(*x->xr));
	for (i = 0; i < rules->n; i++) {
		const struct ef_rule *r = &rules->v[i];
		struct xrule *xr;

		if (check_rule(r, err, errlen))
			return -1;
		if (is_mgmt(r))
			continue;
		xr = &x->xr[x->nxr++];
		xr->r = r;
		if (r->dir == EDGEFW_DIR_IN) {
			xr->local = &r->dst;
			xr->remote = r->has_src ? &r->src : NULL;
		} else {
			xr->local = &r->src;
			xr->remote = r->has_dst ? &r->dst : NULL;
		}
	}
	xport_index(x);
	return 0;
}

/*
 * What the module judges before conntrack with stateless media: of each
 * group with a stateless rule, its UDP rules up to the last stateless
 * one (a packet whose first match is a stateful rule stays tracked).
 */
static void xport_build_raw(struct xport *raw, const struct xport *x)
{
	size_t i, k, last;

	memset(raw, 0, sizeof(*raw));
	raw->prefix = "raw_";
	raw->xr = xcalloc(x->nxr, sizeof(*raw->xr));
	for (i = 0; i < x->ng; i++) {
		const struct xgroup *g = &x->g[i];

		for (k = 0, last = 0; k < g->n; k++)
			if (x->xr[g->first + k].r->stateless)
				last = k + 1;
		for (k = 0; k < last; k++)
			if (x->xr[g->first + k].r->proto == IPPROTO_UDP)
				raw->xr[raw->nxr++] = x->xr[g->first + k];
	}
	xport_index(raw);
}

static void xport_free(struct xport *x)
{
	free(x->xr);
	free(x->g);
	free(x->c);
}

/* ---- writing ---- */

static const char *const zstat_names[] = {
	"accepted_state", "accepted_nd", "accepted_audit",
	"dropped_nd_hop_limit", "dropped_invalid", "dropped_no_rule",
	"dropped_protocol",
};

static void write_ports(FILE *f, const char *proto, const char *which,
			uint16_t min, uint16_t max)
{
	if (min == 0 && max == 65535)
		return;
	if (min == max)
		fprintf(f, "%s %s %u ", proto, which, min);
	else
		fprintf(f, "%s %s %u-%u ", proto, which, min, max);
}

/* The rule's text, as an nft comment (at most 128 bytes). */
static void write_comment(FILE *f, const struct ef_rule *r)
{
	char c[128], *p;
	const char *role = ef_role_name(r->role);
	int n;

	if (is_mgmt(r))
		n = snprintf(c, sizeof(c), "management %u%s%s", r->row,
			     r->used_for ? ": " : "",
			     r->used_for ? r->used_for : "");
	else
		n = snprintf(c, sizeof(c), "row %u %s%s%s", r->row,
			     role ? role : "?", r->used_for ? ": " : "",
			     r->used_for ? r->used_for : "");
	if (n >= (int)sizeof(c)) {
		/* Cut at a character boundary, not inside a UTF-8 sequence. */
		n = sizeof(c) - 1;
		while (n > 0 && ((unsigned char)c[n] & 0xc0) == 0x80)
			n--;
		c[n] = '\0';
	}
	for (p = c; *p; p++)
		if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20)
			*p = *p == '"' ? '\'' : ' ';
	fprintf(f, " comment \"%s\"", c);
}

/*
 * The match of rule r: its remote side (an address, a prefix of a
 * management rule, or none: any), its protocol and ports; then what to
 * do, and the comment.
 */
static void write_rule(FILE *f, const struct ef_rule *r,
		       const struct ef_addr *remote, unsigned int plen,
		       const char *action)
{
	const char *proto = r->proto == IPPROTO_TCP ? "tcp" : "udp";
	char a[EF_PREFIXSTRLEN];

	fputs("\t\t", f);
	if (remote)
		fprintf(f, "%s %s %s ",
			remote->family == AF_INET ? "ip" : "ip6",
			r->dir == EDGEFW_DIR_IN ? "saddr" : "daddr",
			ef_prefix_str(remote, plen, a));
	if (r->sport_min == 0 && r->sport_max == 65535 &&
	    r->dport_min == 0 && r->dport_max == 65535)
		fprintf(f, "meta l4proto %s ", proto);
	write_ports(f, proto, "sport", r->sport_min, r->sport_max);
	write_ports(f, proto, "dport", r->dport_min, r->dport_max);
	fputs(action, f);
	write_comment(f, r);
	fputc('\n', f);
}

/* A rule of a group: accepted; before conntrack: notrack, or leave. */
static void write_xrule(FILE *f, const struct xport *x,
			const struct xrule *xr)
{
	const char *action = "counter accept";

	if (*x->prefix)
		action = xr->r->stateless ? "notrack" : "return";
	write_rule(f, xr->r, xr->remote,
		   xr->remote ? (unsigned int)ef_addr_len(xr->remote) * 8 : 0,
		   action);
}

static const char *fam_word(int family)
{
	return family == AF_INET ? "ip" : "ip6";
}

static const char *fam_suffix(int family)
{
	return family == AF_INET ? "v4" : "v6";
}

static bool has_map(const struct xport *x, unsigned int zone,
		    unsigned int dir, int family)
{
	size_t i;

	for (i = 0; i < x->ng; i++) {
		const struct xrule *xr = &x->xr[x->g[i].first];

		if (xr->r->zone == zone && xr->r->dir == dir &&
		    xr->local->family == family)
			return true;
	}
	return false;
}

static void write_map(FILE *f, const struct xport *x, unsigned int zone,
		      unsigned int dir, int family)
{
	char a[EF_ADDRSTRLEN];
	const char *sep = "";
	size_t i;

	fprintf(f, "\tmap %s%s_%s_%s {\n", x->prefix, ef_zone_name(zone),
		ef_dir_name(dir), fam_suffix(family));
	fprintf(f, "\t\ttype %s : verdict\n",
		family == AF_INET ? "ipv4_addr" : "ipv6_addr");
	fputs("\t\telements = {", f);
	for (i = 0; i < x->ng; i++) {
		const struct xrule *xr = &x->xr[x->g[i].first];

		if (xr->r->zone != zone || xr->r->dir != dir ||
		    xr->local->family != family)
			continue;
		fprintf(f, "%s\n\t\t\t%s : jump %s", sep,
			ef_addr_str(xr->local, a), x->c[x->g[i].chain].name);
		sep = ",";
	}
	fputs("\n\t\t}\n\t}\n\n", f);
}

static void write_maps(FILE *f, const struct xport *x)
{
	static const int fams[] = { AF_INET, AF_INET6 };
	unsigned int zone, dir, k;

	for (zone = 0; zone < EF_NZONES; zone++)
		for (dir = 0; dir <= EDGEFW_DIR_MAX; dir++)
			for (k = 0; k < ARRAY_SIZE(fams); k++)
				if (has_map(x, zone, dir, fams[k]))
					write_map(f, x, zone, dir, fams[k]);
}

/* The jumps from ZONE_DIR to the chains of the edge's addresses. */
static void write_vmaps(FILE *f, const struct xport *x, unsigned int zone,
			unsigned int dir)
{
	static const int fams[] = { AF_INET, AF_INET6 };
	unsigned int k;

	for (k = 0; k < ARRAY_SIZE(fams); k++)
		if (has_map(x, zone, dir, fams[k]))
			fprintf(f, "\t\t%s %s vmap @%s%s_%s_%s\n",
				fam_word(fams[k]),
				dir == EDGEFW_DIR_IN ? "daddr" : "saddr",
				x->prefix, ef_zone_name(zone), ef_dir_name(dir),
				fam_suffix(fams[k]));
}

/*
 * The base chain of a direction: a packet crossing a bound interface
 * goes to its zone's chain. hook and priority: where; raw chains judge
 * before conntrack, as the module's early hooks (prerouting and local
 * output).
 */
static void write_hook_chain(FILE *f, const struct ef_config *cfg,
			     const struct xport *x, unsigned int dir)
{
	const char *hook = dir == EDGEFW_DIR_IN ? "prerouting" :
			   *x->prefix ? "output" : "postrouting";
	const char *sep = "";
	size_t i;

	fprintf(f, "\tchain %s%s {\n", x->prefix, hook);
	if (*x->prefix)
		fprintf(f, "\t\ttype filter hook %s priority raw; policy accept;\n",
			hook);
	else
		fprintf(f, "\t\ttype filter hook %s priority %d; policy accept;\n",
			hook, dir == EDGEFW_DIR_IN ? EF_NFT_PRIO_IN :
						     EF_NFT_PRIO_OUT);
	if (cfg->nbindings) {
		fprintf(f, "\t\t%s vmap {", dir == EDGEFW_DIR_IN ? "iifname" :
								   "oifname");
		for (i = 0; i < cfg->nbindings; i++) {
			const struct ef_binding *b = &cfg->bindings[i];

			fprintf(f, "%s \"%s\" : jump %s%s_%s", sep, b->ifname,
				x->prefix, ef_zone_name(b->zone),
				ef_dir_name(dir));
			sep = ",";
		}
		fputs(" }\n", f);
	}
	fputs("\t}\n\n", f);
}

static void write_zone_chain(FILE *f, const struct ef_config *cfg,
			     const struct xport *x,
			     const struct ef_rules *rules, unsigned int zone,
			     unsigned int dir)
{
	const char *z = ef_zone_name(zone), *d = ef_dir_name(dir);
	size_t i;

	fprintf(f, "\tchain %s_%s {\n", z, d);
	fprintf(f, "\t\tct state established,related counter name \"%s_accepted_state\" accept\n", z);
	/* ND from the link only (hop limit 255), MLD likewise (1) */
	fprintf(f, "\t\tip6 hoplimit 255 icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect } counter name \"%s_accepted_nd\" accept\n", z);
	fprintf(f, "\t\tip6 hoplimit 1 icmpv6 type { mld-listener-query, mld-listener-report, mld-listener-done, mld2-listener-report } counter name \"%s_accepted_nd\" accept\n", z);
	fprintf(f, "\t\ticmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect, mld-listener-query, mld-listener-report, mld-listener-done, mld2-listener-report } counter name \"%s_dropped_nd_hop_limit\" drop\n", z);
	fprintf(f, "\t\tct state invalid counter name \"%s_dropped_invalid\" drop\n", z);
	write_vmaps(f, x, zone, dir);
	/* The module tries management rules after the reference ones. */
	for (i = 0; i < rules->n; i++) {
		const struct ef_rule *r = &rules->v[i];

		if (is_mgmt(r) && r->zone == zone && r->dir == dir)
			write_rule(f, r, &r->src, r->src_plen, "counter accept");
	}
	if ((cfg->flags & EDGEFW_F_LOG_DROPS) && cfg->has_log_group)
		fprintf(f, "\t\tlog prefix \"edgefw drop %s %s: \" group %u\n",
			z, d, cfg->log_group);
	else if (cfg->flags & EDGEFW_F_LOG_DROPS)
		fprintf(f, "\t\tlimit rate 2/second burst 10 packets log prefix \"edgefw drop %s %s: \" level info\n",
			z, d);
	if (cfg->flags & EDGEFW_F_AUDIT) {
		/* what no rule admits, whatever its protocol */
		fprintf(f, "\t\tcounter name \"%s_accepted_audit\" accept\n", z);
	} else {
		fprintf(f, "\t\tmeta l4proto != { tcp, udp } counter name \"%s_dropped_protocol\" drop\n", z);
		fprintf(f, "\t\tcounter name \"%s_dropped_no_rule\" drop\n", z);
	}
	fputs("\t}\n\n", f);
}

/* Before conntrack: the jumps to the chains of the edge's addresses. */
static void write_raw_zone_chain(FILE *f, const struct xport *raw,
				 unsigned int zone, unsigned int dir)
{
	fprintf(f, "\tchain %s%s_%s {\n", raw->prefix, ef_zone_name(zone),
		ef_dir_name(dir));
	write_vmaps(f, raw, zone, dir);
	fputs("\t}\n\n", f);
}

static void write_rule_chains(FILE *f, const struct xport *x)
{
	size_t i, k;

	for (i = 0; i < x->nc; i++) {
		const struct xgroup *g = &x->g[x->c[i].group];

		fprintf(f, "\tchain %s {\n", x->c[i].name);
		for (k = 0; k < g->n; k++)
			write_xrule(f, x, &x->xr[g->first + k]);
		fputs("\t}\n\n", f);
	}
}

/* Everything of one xport: maps, base chains, zone chains, rule chains. */
static void write_xport(FILE *f, const struct ef_config *cfg,
			const struct xport *x, const struct ef_rules *rules)
{
	unsigned int zone, dir;

	write_maps(f, x);
	write_hook_chain(f, cfg, x, EDGEFW_DIR_IN);
	write_hook_chain(f, cfg, x, EDGEFW_DIR_OUT);
	for (zone = 0; zone < EF_NZONES; zone++) {
		for (dir = 0; dir <= EDGEFW_DIR_MAX; dir++) {
			if (*x->prefix)
				write_raw_zone_chain(f, x, zone, dir);
			else
				write_zone_chain(f, cfg, x, rules, zone, dir);
		}
	}
	write_rule_chains(f, x);
}

int ef_export_nft(FILE *f, const struct ef_config *cfg,
		  const struct ef_rules *rules, char *err, size_t errlen)
{
	bool stateless = cfg->flags & EDGEFW_F_STATELESS_MEDIA;
	struct xport x, raw = { 0 };
	unsigned int zone, k;

	if (check_bindings(cfg, err, errlen))
		return -1;
	if (xport_build(&x, rules, err, errlen)) {
		xport_free(&x);
		return -1;
	}
	if (stateless)
		xport_build_raw(&raw, &x);

	fputs("#!/usr/sbin/nft -f\n", f);
	fprintf(f, "# The edgefw policy as an nftables ruleset (edgectl export --nft");
	if (rules->has_generation)
		fprintf(f, ", generation %" PRIu32, rules->generation);
	fprintf(f, ", profile %s", ef_profile_name(cfg->profile));
	if (cfg->flags & EDGEFW_F_AUDIT)
		fputs(", audit mode", f);
	if (stateless)
		fputs(", stateless media", f);
	fputs(").\n"
	      "# The same verdicts as edgefw.ko: on a bound interface (matched by\n"
	      "# name), conntrack established/related and IPv6 neighbour discovery\n"
	      "# pass; other packets pass only by a rule of their zone and direction,\n"
	      "# found by the edge's address (the destination entering, the source\n"
	      "# leaving), or by a management rule. Rule counters count the first\n"
	      "# packet of each flow, per row (and pool address), summed over the\n"
	      "# addresses that share a chain.\n", f);
	if (stateless)
		fputs("# Stateless media: the raw_ chains mark the packets of the\n"
		      "# connectionless media rows and their answers untracked before\n"
		      "# conntrack sees them; the rules admit them.\n", f);
	fputs("# Loading replaces the table; do not load it while edgefw.ko has\n"
	      "# interfaces bound (both would filter).\n", f);
	fprintf(f, "table %s %s\ndelete table %s %s\n\ntable %s %s {\n",
		EF_NFT_FAMILY, EF_NFT_TABLE, EF_NFT_FAMILY, EF_NFT_TABLE,
		EF_NFT_FAMILY, EF_NFT_TABLE);

	for (zone = 0; zone < EF_NZONES; zone++)
		for (k = 0; k < ARRAY_SIZE(zstat_names); k++)
			fprintf(f, "\tcounter %s_%s {\n\t}\n\n",
				ef_zone_name(zone), zstat_names[k]);
	write_xport(f, cfg, &x, rules);
	if (stateless)
		write_xport(f, cfg, &raw, rules);
	fputs("}\n", f);
	xport_free(&x);
	xport_free(&raw);
	return 0;
}

/* ---- the subcommand ---- */

int cmd_export(const struct ef_cmd *c)
{
	char err[EF_ERRLEN];
	struct ef_backend *be;
	struct ef_config cfg;
	struct ef_rules rules;
	struct ef_cmd_opts o;
	int r = EXIT_OK;

	if (ef_cmd_parse(c, false, &o))
		return EXIT_USAGE;
	if (!o.nft) {
		fprintf(stderr, "edgectl: export needs a format: --nft\n");
		return EXIT_USAGE;
	}
	be = ef_backend_open(err, sizeof(err));
	if (!be) {
		fprintf(stderr, "edgectl: %s\n", err);
		return EXIT_RUNTIME;
	}
	/* Bindings and rules of the same generation, as 'show' does. */
	if (ef_backend_get_both(be, &cfg, &rules)) {
		fprintf(stderr, "edgectl: %s\n", be->err);
		r = EXIT_RUNTIME;
	}
	if (r == EXIT_OK) {
		if (ef_export_nft(stdout, &cfg, &rules, err, sizeof(err))) {
			fprintf(stderr, "edgectl: cannot export: %s\n", err);
			r = EXIT_RUNTIME;
		} else if (fflush(stdout) || ferror(stdout)) {
			fprintf(stderr, "edgectl: cannot write the output: %s\n",
				strerror(errno));
			r = EXIT_RUNTIME;
		}
	}
	ef_config_free(&cfg);
	ef_rules_free(&rules);
	be->close(be);
	return r;
}
