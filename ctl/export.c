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
 *                 not TCP/UDP: drop; anything else: drop
 *   ZONE_DIR_ROLES  the rules of one group of addresses, in the module's
 *                 order (row, then remote address), each with a counter
 *
 * A chain of rules ends without a verdict, so a packet that none of them
 * accepts returns to ZONE_DIR and is dropped there: the same verdict as
 * the module's "no rule", counted in the same zone counter.
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

static int cmp_xrule(const void *pa, const void *pb)
{
	const struct xrule *a = pa, *b = pb;
	int c = cmp_key(a, b);

	return c ? c : cmp_rule_body(a, b);
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
	len = (size_t)snprintf(base, sizeof(base), "%s_%s",
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
	if (r->dir == EDGEFW_DIR_IN ? !r->has_dst : !r->has_src)
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

static int xport_build(struct xport *x, const struct ef_rules *rules,
		       char *err, size_t errlen)
{
	size_t i, j;

	memset(x, 0, sizeof(*x));
	x->xr = xcalloc(rules->n, sizeof(*x->xr));
	for (i = 0; i < rules->n; i++) {
		const struct ef_rule *r = &rules->v[i];
		struct xrule *xr = &x->xr[x->nxr++];

		if (check_rule(r, err, errlen))
			return -1;
		xr->r = r;
		if (r->dir == EDGEFW_DIR_IN) {
			xr->local = &r->dst;
			xr->remote = r->has_src ? &r->src : NULL;
		} else {
			xr->local = &r->src;
			xr->remote = r->has_dst ? &r->dst : NULL;
		}
	}
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
	return 0;
}

static void xport_free(struct xport *x)
{
	free(x->xr);
	free(x->g);
	free(x->c);
}

/* ---- writing ---- */

static const char *const zstat_names[] = {
	"accepted_state", "accepted_nd", "dropped_nd_hop_limit",
	"dropped_invalid", "dropped_no_rule", "dropped_protocol",
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

/* The text of the reference, as an nft comment (at most 128 bytes). */
static void write_comment(FILE *f, const struct ef_rule *r)
{
	char c[128], *p;
	const char *role = ef_role_name(r->role);
	int n;

	n = snprintf(c, sizeof(c), "row %u %s%s%s", r->row, role ? role : "?",
		     r->used_for ? ": " : "", r->used_for ? r->used_for : "");
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

static void write_rule(FILE *f, const struct xrule *xr)
{
	const struct ef_rule *r = xr->r;
	const char *proto = r->proto == IPPROTO_TCP ? "tcp" : "udp";
	char a[EF_ADDRSTRLEN];

	fputs("\t\t", f);
	if (xr->remote)
		fprintf(f, "%s %s %s ",
			xr->remote->family == AF_INET ? "ip" : "ip6",
			r->dir == EDGEFW_DIR_IN ? "saddr" : "daddr",
			ef_addr_str(xr->remote, a));
	if (r->sport_min == 0 && r->sport_max == 65535 &&
	    r->dport_min == 0 && r->dport_max == 65535)
		fprintf(f, "meta l4proto %s ", proto);
	write_ports(f, proto, "sport", r->sport_min, r->sport_max);
	write_ports(f, proto, "dport", r->dport_min, r->dport_max);
	fputs("counter accept", f);
	write_comment(f, r);
	fputc('\n', f);
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

	fprintf(f, "\tmap %s_%s_%s {\n", ef_zone_name(zone), ef_dir_name(dir),
		fam_suffix(family));
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

static void write_hook_chain(FILE *f, const struct ef_config *cfg,
			     unsigned int dir)
{
	const char *sep = "";
	size_t i;

	fprintf(f, "\tchain %s {\n", dir == EDGEFW_DIR_IN ? "prerouting" :
							     "postrouting");
	fprintf(f, "\t\ttype filter hook %s priority %d; policy accept;\n",
		dir == EDGEFW_DIR_IN ? "prerouting" : "postrouting",
		dir == EDGEFW_DIR_IN ? EF_NFT_PRIO_IN : EF_NFT_PRIO_OUT);
	if (cfg->nbindings) {
		fprintf(f, "\t\t%s vmap {", dir == EDGEFW_DIR_IN ? "iifname" :
								   "oifname");
		for (i = 0; i < cfg->nbindings; i++) {
			const struct ef_binding *b = &cfg->bindings[i];

			fprintf(f, "%s \"%s\" : jump %s_%s", sep, b->ifname,
				ef_zone_name(b->zone), ef_dir_name(dir));
			sep = ",";
		}
		fputs(" }\n", f);
	}
	fputs("\t}\n\n", f);
}

static void write_zone_chain(FILE *f, const struct ef_config *cfg,
			     const struct xport *x, unsigned int zone,
			     unsigned int dir)
{
	const char *z = ef_zone_name(zone), *d = ef_dir_name(dir);
	int fam, fams[] = { AF_INET, AF_INET6 };
	unsigned int k;

	fprintf(f, "\tchain %s_%s {\n", z, d);
	fprintf(f, "\t\tct state established,related counter name \"%s_accepted_state\" accept\n", z);
	/* ND from the link only (hop limit 255), MLD likewise (1) */
	fprintf(f, "\t\tip6 hoplimit 255 icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect } counter name \"%s_accepted_nd\" accept\n", z);
	fprintf(f, "\t\tip6 hoplimit 1 icmpv6 type { mld-listener-query, mld-listener-report, mld-listener-done, mld2-listener-report } counter name \"%s_accepted_nd\" accept\n", z);
	fprintf(f, "\t\ticmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect, mld-listener-query, mld-listener-report, mld-listener-done, mld2-listener-report } counter name \"%s_dropped_nd_hop_limit\" drop\n", z);
	fprintf(f, "\t\tct state invalid counter name \"%s_dropped_invalid\" drop\n", z);
	for (k = 0; k < ARRAY_SIZE(fams); k++) {
		fam = fams[k];
		if (has_map(x, zone, dir, fam))
			fprintf(f, "\t\t%s %s vmap @%s_%s_%s\n", fam_word(fam),
				dir == EDGEFW_DIR_IN ? "daddr" : "saddr", z, d,
				fam_suffix(fam));
	}
	if (cfg->flags & EDGEFW_F_LOG_DROPS)
		fprintf(f, "\t\tlimit rate 2/second burst 10 packets log prefix \"edgefw drop %s %s: \" level info\n",
			z, d);
	fprintf(f, "\t\tmeta l4proto != { tcp, udp } counter name \"%s_dropped_protocol\" drop\n", z);
	fprintf(f, "\t\tcounter name \"%s_dropped_no_rule\" drop\n", z);
	fputs("\t}\n\n", f);
}

static void write_rule_chain(FILE *f, const struct xport *x,
			     const struct xchain *c)
{
	const struct xgroup *g = &x->g[c->group];
	size_t i;

	fprintf(f, "\tchain %s {\n", c->name);
	for (i = 0; i < g->n; i++)
		write_rule(f, &x->xr[g->first + i]);
	fputs("\t}\n\n", f);
}

int ef_export_nft(FILE *f, const struct ef_config *cfg,
		  const struct ef_rules *rules, char *err, size_t errlen)
{
	int fams[] = { AF_INET, AF_INET6 };
	unsigned int zone, dir, k;
	struct xport x;
	size_t i;

	if (check_bindings(cfg, err, errlen))
		return -1;
	if (xport_build(&x, rules, err, errlen)) {
		xport_free(&x);
		return -1;
	}

	fputs("#!/usr/sbin/nft -f\n", f);
	fprintf(f, "# The edgefw policy as an nftables ruleset (edgectl export --nft");
	if (rules->has_generation)
		fprintf(f, ", generation %" PRIu32, rules->generation);
	fputs(").\n"
	      "# The same verdicts as edgefw.ko: on a bound interface (matched by\n"
	      "# name), conntrack established/related and IPv6 neighbour discovery\n"
	      "# pass; other packets pass only by a rule of their zone and direction,\n"
	      "# found by the edge's address (the destination entering, the source\n"
	      "# leaving). Rule counters count the first packet of each flow, per row\n"
	      "# (and pool address), summed over the addresses that share a chain.\n"
	      "# Loading replaces the table; do not load it while edgefw.ko has\n"
	      "# interfaces bound (both would filter).\n", f);
	fprintf(f, "table %s %s\ndelete table %s %s\n\ntable %s %s {\n",
		EF_NFT_FAMILY, EF_NFT_TABLE, EF_NFT_FAMILY, EF_NFT_TABLE,
		EF_NFT_FAMILY, EF_NFT_TABLE);

	for (zone = 0; zone < EF_NZONES; zone++)
		for (k = 0; k < ARRAY_SIZE(zstat_names); k++)
			fprintf(f, "\tcounter %s_%s {\n\t}\n\n",
				ef_zone_name(zone), zstat_names[k]);

	for (zone = 0; zone < EF_NZONES; zone++)
		for (dir = 0; dir <= EDGEFW_DIR_MAX; dir++)
			for (k = 0; k < ARRAY_SIZE(fams); k++)
				if (has_map(&x, zone, dir, fams[k]))
					write_map(f, &x, zone, dir, fams[k]);

	write_hook_chain(f, cfg, EDGEFW_DIR_IN);
	write_hook_chain(f, cfg, EDGEFW_DIR_OUT);
	for (zone = 0; zone < EF_NZONES; zone++)
		for (dir = 0; dir <= EDGEFW_DIR_MAX; dir++)
			write_zone_chain(f, cfg, &x, zone, dir);
	for (i = 0; i < x.nc; i++)
		write_rule_chain(f, &x, &x.c[i]);
	fputs("}\n", f);
	xport_free(&x);
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
