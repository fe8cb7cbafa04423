// SPDX-License-Identifier: GPL-2.0
/*
 * nlhostile: a hostile generic netlink client for edgefw, on libmnl.
 *
 * Independent of edgectl on purpose: its own message builders, its own
 * decoder of the dumps and its own model of the contract in
 * uapi/linux/edgefw.h, protocol 2 (the only header it shares with the
 * module).
 *
 *   nlhostile [-v] valid [--ext IF] [--int IF]
 *	sends the reference configuration (4 roles, pool, 2 bindings) and
 *	reads it back, with its rules, counters and the module's versions.
 *   nlhostile [-v] malformed [--ext IF] [--int IF]
 *	a fixed catalogue of bad (and some good) messages; each must get its
 *	errno and leave the configuration (dumped with GET_CONFIG, generation
 *	included) as it was; then changes that wait for a confirmation:
 *	confirmed, reverted, and reverted by the kernel's timer, with the
 *	events each sends, and dumps all along a slow revert. Its verdict
 *	cases ask the reference's rules: run it with the reference in force
 *	(as valid leaves it).
 *   nlhostile [-v] fuzz [--seed S] [--count N] [--seconds T] [--ext IF] [--int IF]
 *	mutates SET_CONFIG (the reference and a configuration using every
 *	protocol 2 attribute), verdict queries and the other requests, sends
 *	each, and checks every answer and every state against the model of
 *	the contract; changes that wait 1 s for a confirmation (one at least
 *	every 3 s) expire meanwhile.
 *   nlhostile [-v] perm [--label TEXT] [--own-netns yes]
 *	every command but GET_INFO and joining the events group must be
 *	refused (EPERM) alike; with --own-netns yes (the caller owns its netns)
 *	they must all be allowed alike.
 *   nlhostile [-v] privdrop
 *	as root: sockets that cross a privilege boundary (opened privileged
 *	then used unprivileged, and the reverse) must be refused.
 *   nlhostile [-v] churn --count N [--ext IF] [--int IF]
 *	N rounds of three refused messages that fail late (after
 *	allocations), an accepted replacement and a check-only change, for
 *	memory accounting.
 *   nlhostile [-v] flip [--count N] [--seconds T] [--interval MS] [--ext IF] [--int IF]
 *	replaces the configuration with a variant (other flags, media range,
 *	300 more webconf addresses; the same access and av rules), then the
 *	reference twice, and again, as fast as the kernel takes it (or with
 *	MS milliseconds between two, to leave room to other writers).
 *   --bind IFNAME:external|internal adds a binding to the reference (any
 *	mode; up to 4).
 *   nlhostile [-v] dumpcheck [--seconds T]
 *	dumps GET_CONFIG and GET_RULES in small parts, again and again, while
 *	others change the configuration: a dump that is not flagged
 *	NLM_F_DUMP_INTR must carry one generation in all its messages.
 *   nlhostile [-v] dumpintr
 *	in a network namespace of its own: its first generation is 1; dumps
 *	read in small parts while the configuration changes under them (a
 *	role removed mid-dump, a rule set that shrinks) end flagged
 *	NLM_F_DUMP_INTR, never with an error.
 *   nlhostile gen
 *	prints the generation of the namespace's configuration.
 *
 * Every mode prints one "ok"/"not ok" line per check and ends with
 * "N passed, N failed"; the exit status is 1 if anything failed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <net/if.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <libmnl/libmnl.h>

#include "../../uapi/linux/edgefw.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define NOREPLY		(-1)	/* the kernel sent nothing back */
#define ANY_ERRNO	(-2)	/* catalogue: informational, any result */
#define TYPE_MASK	0x3fff	/* NLA_TYPE_MASK, as an unsigned value */

static int verbose;
static int passed, failed;

static void ok(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void not_ok(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void ok(const char *fmt, ...)
{
	va_list ap;

	passed++;
	fputs("ok     ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void not_ok(const char *fmt, ...)
{
	va_list ap;

	failed++;
	fputs("not ok ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static int finish(void)
{
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("nlhostile: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static const char *errname(int e)
{
	static char other[32];

	switch (e) {
	case 0: return "0 (accepted)";
	case NOREPLY: return "no reply";
	case EINVAL: return "EINVAL";
	case ERANGE: return "ERANGE";
	case E2BIG: return "E2BIG";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ESTALE: return "ESTALE";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case ENOMEM: return "ENOMEM";
	case EMSGSIZE: return "EMSGSIZE";
	case ENOBUFS: return "ENOBUFS";
	case EBUSY: return "EBUSY";
	case ENODEV: return "ENODEV";
	case EPROTO: return "EPROTO";
	}
	snprintf(other, sizeof(other), "errno %d", e);
	return other;
}

/*
 * Seconds, to a few milliseconds. Under qemu's TCG the guest's clocksource
 * is the HPET: CLOCK_MONOTONIC is then a system call and an emulated
 * device read, milliseconds each, which capped the fuzzer's rate; the
 * coarse clock is read from the vDSO.
 */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- a growable byte buffer and the message builders ------------------ */

struct buf {
	uint8_t *d;
	size_t len, cap;
};

static void buf_reserve(struct buf *b, size_t n)
{
	if (b->len + n <= b->cap)
		return;
	while (b->len + n > b->cap)
		b->cap = b->cap ? 2 * b->cap : 4096;
	b->d = realloc(b->d, b->cap);
	if (!b->d)
		die("out of memory");
}

static void buf_put(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->d + b->len, p, n);
	b->len += n;
}

static void buf_zero(struct buf *b, size_t n)
{
	buf_reserve(b, n);
	memset(b->d + b->len, 0, n);
	b->len += n;
}

static void buf_pad(struct buf *b)
{
	buf_zero(b, NLA_ALIGN(b->len) - b->len);
}

static void buf_free(struct buf *b)
{
	free(b->d);
	memset(b, 0, sizeof(*b));
}

static void buf_copy(struct buf *dst, const struct buf *src)
{
	dst->len = 0;
	buf_put(dst, src->d, src->len);
}

static uint16_t get16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, 2);
	return v;
}

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static void set16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, 2);
}

static void set32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static uint16_t fam_id;		/* edgefw's generic netlink family id */
static uint32_t mcgrp_id;	/* its "events" multicast group */

/* A request header: nlmsghdr (length fixed by msg_end) and genlmsghdr. */
static void msg_start(struct buf *b, uint16_t flags, uint8_t cmd)
{
	struct nlmsghdr h = {
		.nlmsg_type = fam_id,
		.nlmsg_flags = flags,
	};
	struct genlmsghdr g = {
		.cmd = cmd,
		.version = EDGEFW_GENL_VERSION,
	};

	b->len = 0;
	buf_put(b, &h, sizeof(h));
	buf_put(b, &g, sizeof(g));
}

static void msg_end(struct buf *b)
{
	set32(b->d, (uint32_t)b->len);
}

#define REQ	(NLM_F_REQUEST | NLM_F_ACK)
#define DUMP	(NLM_F_REQUEST | NLM_F_DUMP)

/* An attribute whose nla_len says @nla_len, with @n bytes of data. */
static void attr_lie(struct buf *b, uint16_t type, uint16_t nla_len,
		     const void *data, size_t n)
{
	uint8_t h[4];

	set16(h, nla_len);
	set16(h + 2, type);
	buf_put(b, h, 4);
	buf_put(b, data, n);
	buf_pad(b);
}

static void attr(struct buf *b, uint16_t type, const void *data, size_t n)
{
	attr_lie(b, type, (uint16_t)(NLA_HDRLEN + n), data, n);
}

static void a_u8(struct buf *b, uint16_t type, uint8_t v)
{
	attr(b, type, &v, 1);
}

static void a_u16(struct buf *b, uint16_t type, uint16_t v)
{
	attr(b, type, &v, 2);
}

static void a_u32(struct buf *b, uint16_t type, uint32_t v)
{
	attr(b, type, &v, 4);
}

static void a_u64(struct buf *b, uint16_t type, uint64_t v)
{
	attr(b, type, &v, 8);
}

static void a_str(struct buf *b, uint16_t type, const char *s)
{
	attr(b, type, s, strlen(s) + 1);
}

/* An address given as text: 4 or 16 bytes. */
static void a_ip(struct buf *b, uint16_t type, const char *s)
{
	uint8_t a[16];

	if (inet_pton(AF_INET, s, a) == 1)
		attr(b, type, a, 4);
	else if (inet_pton(AF_INET6, s, a) == 1)
		attr(b, type, a, 16);
	else
		die("bad address in the catalogue: %s", s);
}

/* Nests: NEST(t) sets NLA_F_NESTED, as the contract requires. */
#define NEST(t)	((uint16_t)((t) | NLA_F_NESTED))

static size_t nest(struct buf *b, uint16_t type)
{
	size_t off = b->len;

	attr_lie(b, type, 0, NULL, 0);
	return off;
}

static void nest_end(struct buf *b, size_t off)
{
	set16(b->d + off, (uint16_t)(b->len - off));
}

/* ---- configurations ---------------------------------------------------- */

struct addr {
	uint8_t len;			/* 4 or 16 */
	uint8_t a[16];
};

struct role {
	bool present;
	uint8_t media;
	bool has_internal;
	struct addr internal;
	uint32_t n, cap;
	struct addr *addrs;
};

struct binding {
	char name[IFNAMSIZ];
	uint8_t zone;
	uint32_t ifindex;		/* from dumps only */
};

/* A management rule: PROTO to PORT from PREFIX/PLEN, entering ZONE. */
struct mgmt {
	uint8_t zone, proto, plen;
	uint16_t port;
	struct addr prefix;
};

struct cfg {
	uint32_t flags;
	uint8_t profile;
	bool has_log_group;
	uint16_t log_group;
	uint32_t n_fe;
	struct addr fe[EDGEFW_MAX_FRONT_ENDS + 1];
	uint32_t n_dir;
	struct addr dir[EDGEFW_MAX_DIRECTORS + 1];
	bool has_vip;
	struct addr vip;
	uint32_t n_b;
	struct binding b[EDGEFW_MAX_BINDINGS + 1];
	uint32_t n_mgmt;
	struct mgmt mgmt[EDGEFW_MAX_MGMT + 1];
	struct role roles[__EDGEFW_ROLE_LAST];
};

static void cfg_free(struct cfg *c)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c->roles); i++)
		free(c->roles[i].addrs);
	memset(c, 0, sizeof(*c));
}

static void role_add(struct role *r, const struct addr *a)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 8;
		r->addrs = realloc(r->addrs, r->cap * sizeof(*r->addrs));
		if (!r->addrs)
			die("out of memory");
	}
	r->addrs[r->n++] = *a;
}

/* A deep copy: @dst owns its own address arrays. */
static void cfg_copy(struct cfg *dst, const struct cfg *src)
{
	unsigned int r;

	*dst = *src;
	for (r = 0; r < ARRAY_SIZE(dst->roles); r++) {
		struct role *x = &dst->roles[r];

		x->addrs = NULL;
		x->n = x->cap = 0;
		for (uint32_t i = 0; i < src->roles[r].n; i++)
			role_add(x, &src->roles[r].addrs[i]);
	}
}

static struct addr ip(const char *s)
{
	struct addr a = { 0 };

	if (inet_pton(AF_INET, s, a.a) == 1)
		a.len = 4;
	else if (inet_pton(AF_INET6, s, a.a) == 1)
		a.len = 16;
	else
		die("bad address: %s", s);
	return a;
}

static int addr_cmp(const void *pa, const void *pb)
{
	const struct addr *a = pa, *b = pb;

	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return memcmp(a->a, b->a, a->len);
}

static bool addr_eq(const struct addr *a, const struct addr *b)
{
	return !addr_cmp(a, b);
}

static int mgmt_cmp(const void *pa, const void *pb)
{
	const struct mgmt *a = pa, *b = pb;

	if (a->zone != b->zone)
		return a->zone < b->zone ? -1 : 1;
	if (a->proto != b->proto)
		return a->proto < b->proto ? -1 : 1;
	if (a->port != b->port)
		return a->port < b->port ? -1 : 1;
	if (a->plen != b->plen)
		return a->plen < b->plen ? -1 : 1;
	return addr_cmp(&a->prefix, &b->prefix);
}

static const char *ext_if = "ext0", *int_if = "int0";
/* --bind NAME:ZONE: more bindings in the reference */
static struct binding extra_binds[4];
static unsigned int n_extra_binds;

/*
 * The reference: the topology of tests/vm/topo.sh, one IPv4 and one IPv6
 * external address per role; what edgectl sets in tests/vm/t_hostile.sh.
 */
static void cfg_reference(struct cfg *c)
{
	static const char *const ext[][2] = {
		[EDGEFW_ROLE_ACCESS] = { "10.45.16.10", "2001:db8:45:16::10" },
		[EDGEFW_ROLE_WEBCONF] = { "10.45.16.20", "2001:db8:45:16::20" },
		[EDGEFW_ROLE_AV] = { "10.45.16.30", "2001:db8:45:16::30" },
		[EDGEFW_ROLE_RPROXY] = { "10.45.16.40", "2001:db8:45:16::40" },
	};
	unsigned int r;

	memset(c, 0, sizeof(*c));
	c->n_fe = 2;
	c->fe[0] = ip("192.168.10.90");
	c->fe[1] = ip("192.168.10.91");
	c->has_vip = true;
	c->vip = ip("192.168.10.190");
	c->n_b = 2;
	snprintf(c->b[0].name, IFNAMSIZ, "%s", ext_if);
	c->b[0].zone = EDGEFW_ZONE_EXTERNAL;
	snprintf(c->b[1].name, IFNAMSIZ, "%s", int_if);
	c->b[1].zone = EDGEFW_ZONE_INTERNAL;
	for (r = 0; r < n_extra_binds; r++)
		c->b[c->n_b++] = extra_binds[r];
	for (r = 0; r < ARRAY_SIZE(ext); r++) {
		struct addr a4 = ip(ext[r][0]), a6 = ip(ext[r][1]);

		c->roles[r].present = true;
		c->roles[r].has_internal = true;
		c->roles[r].internal = ip(r == EDGEFW_ROLE_RPROXY ?
					  "172.25.33.40" : "172.25.33.10");
		role_add(&c->roles[r], &a4);
		role_add(&c->roles[r], &a6);
	}
}

static void mgmt_add(struct cfg *c, uint8_t zone, uint8_t proto,
		     const char *prefix, uint8_t plen, uint16_t port)
{
	struct mgmt *m = &c->mgmt[c->n_mgmt++];

	m->zone = zone;
	m->proto = proto;
	m->prefix = ip(prefix);
	m->plen = plen;
	m->port = port;
}

/*
 * The reference with everything protocol 2 added: profile sfb2015 with
 * XMPP and stateless media, Directors, management rules, an NFLOG group
 * (kept for when drops are logged: LOG_DROPS is off).
 */
static void cfg_rich(struct cfg *c)
{
	cfg_reference(c);
	c->profile = EDGEFW_PROFILE_SFB2015;
	c->flags = EDGEFW_F_XMPP | EDGEFW_F_STATELESS_MEDIA;
	c->has_log_group = true;
	c->log_group = 5;
	c->n_dir = 2;
	c->dir[0] = ip("192.168.10.95");
	c->dir[1] = ip("2001:db8:10::95");
	mgmt_add(c, EDGEFW_ZONE_INTERNAL, IPPROTO_TCP, "172.25.33.0", 24, 22);
	mgmt_add(c, EDGEFW_ZONE_EXTERNAL, IPPROTO_UDP, "2001:db8:99::", 48, 161);
}

/* Sorted as the kernel keeps them, so that configurations compare. */
static void cfg_canon(struct cfg *c)
{
	unsigned int r;

	qsort(c->fe, c->n_fe, sizeof(c->fe[0]), addr_cmp);
	qsort(c->dir, c->n_dir, sizeof(c->dir[0]), addr_cmp);
	qsort(c->mgmt, c->n_mgmt, sizeof(c->mgmt[0]), mgmt_cmp);
	for (r = 0; r < ARRAY_SIZE(c->roles); r++)
		qsort(c->roles[r].addrs, c->roles[r].n,
		      sizeof(struct addr), addr_cmp);
}

static bool addrs_eq(const struct addr *a, uint32_t na, const struct addr *b,
		     uint32_t nb)
{
	if (na != nb)
		return false;
	for (uint32_t i = 0; i < na; i++)
		if (!addr_eq(&a[i], &b[i]))
			return false;
	return true;
}

/* Why @a and @b differ, or NULL. Both canonical. */
static const char *cfg_diff(const struct cfg *a, const struct cfg *b)
{
	unsigned int i, r;

	if (a->flags != b->flags)
		return "flags";
	if (a->profile != b->profile)
		return "profile";
	if (a->has_log_group != b->has_log_group ||
	    (a->has_log_group && a->log_group != b->log_group))
		return "log group";
	if (!addrs_eq(a->fe, a->n_fe, b->fe, b->n_fe))
		return "front ends";
	if (!addrs_eq(a->dir, a->n_dir, b->dir, b->n_dir))
		return "directors";
	if (a->has_vip != b->has_vip ||
	    (a->has_vip && !addr_eq(&a->vip, &b->vip)))
		return "VIP";
	if (a->n_b != b->n_b)
		return "number of bindings";
	for (i = 0; i < a->n_b; i++)
		if (strcmp(a->b[i].name, b->b[i].name) ||
		    a->b[i].zone != b->b[i].zone)
			return "bindings";
	if (a->n_mgmt != b->n_mgmt)
		return "number of management rules";
	for (i = 0; i < a->n_mgmt; i++)
		if (mgmt_cmp(&a->mgmt[i], &b->mgmt[i]))
			return "management rules";
	for (r = 0; r < ARRAY_SIZE(a->roles); r++) {
		const struct role *x = &a->roles[r], *y = &b->roles[r];

		if (x->present != y->present)
			return "roles present";
		if (!x->present)
			continue;
		if (x->media != y->media)
			return "media range";
		if (x->has_internal != y->has_internal ||
		    (x->has_internal && !addr_eq(&x->internal, &y->internal)))
			return "internal address";
		if (!addrs_eq(x->addrs, x->n, y->addrs, y->n))
			return "role addresses";
	}
	return NULL;
}

static void put_addr(struct buf *b, uint16_t type, const struct addr *a)
{
	attr(b, type, a->a, a->len);
}

/* Addresses in one part of a role: 3000 IPv6 ones fit an attribute. */
#define ROLE_PART	3000

/* Role @r, in as many parts as its addresses need (the header's rule). */
static void cfg_put_role(struct buf *b, const struct cfg *c, unsigned int r)
{
	const struct role *rc = &c->roles[r];
	uint32_t i = 0;

	do {
		size_t n = nest(b, NEST(EDGEFW_A_ROLE)), m;
		uint32_t end = rc->n - i > ROLE_PART ? i + ROLE_PART : rc->n;

		a_u8(b, EDGEFW_ROLE_A_TYPE, (uint8_t)r);
		if (r == EDGEFW_ROLE_AV)
			a_u8(b, EDGEFW_ROLE_A_MEDIA_RANGE, rc->media);
		if (rc->has_internal)
			put_addr(b, EDGEFW_ROLE_A_INTERNAL_ADDR, &rc->internal);
		m = nest(b, NEST(EDGEFW_ROLE_A_ADDRS));
		for (; i < end; i++)
			put_addr(b, EDGEFW_A_ADDR, &rc->addrs[i]);
		nest_end(b, m);
		nest_end(b, n);
	} while (i < rc->n);
}

static void cfg_put_pool(struct buf *b, const struct cfg *c)
{
	size_t n = nest(b, NEST(EDGEFW_A_POOL));
	uint32_t i;

	for (i = 0; i < c->n_fe; i++)
		put_addr(b, EDGEFW_POOL_A_FRONT_END, &c->fe[i]);
	for (i = 0; i < c->n_dir; i++)
		put_addr(b, EDGEFW_POOL_A_DIRECTOR, &c->dir[i]);
	if (c->has_vip)
		put_addr(b, EDGEFW_POOL_A_VIP, &c->vip);
	nest_end(b, n);
}

static void put_binding(struct buf *b, const char *name, uint8_t zone)
{
	size_t n = nest(b, NEST(EDGEFW_A_BINDING));

	a_str(b, EDGEFW_BINDING_A_IFNAME, name);
	a_u8(b, EDGEFW_BINDING_A_ZONE, zone);
	nest_end(b, n);
}

static void cfg_put_bindings(struct buf *b, const struct cfg *c)
{
	size_t n = nest(b, NEST(EDGEFW_A_BINDINGS));
	uint32_t i;

	for (i = 0; i < c->n_b; i++)
		put_binding(b, c->b[i].name, c->b[i].zone);
	nest_end(b, n);
}

static void put_mgmt(struct buf *b, const struct mgmt *m)
{
	size_t n = nest(b, NEST(EDGEFW_A_MGMT));

	a_u8(b, EDGEFW_MGMT_A_ZONE, m->zone);
	a_u8(b, EDGEFW_MGMT_A_PROTO, m->proto);
	put_addr(b, EDGEFW_MGMT_A_PREFIX, &m->prefix);
	a_u8(b, EDGEFW_MGMT_A_PREFIX_LEN, m->plen);
	a_u16(b, EDGEFW_MGMT_A_PORT, m->port);
	nest_end(b, n);
}

/* The attributes of a SET_CONFIG for @c (no header). */
static void cfg_put(struct buf *b, const struct cfg *c)
{
	unsigned int r;

	a_u32(b, EDGEFW_A_FLAGS, c->flags);
	if (c->profile)
		a_u8(b, EDGEFW_A_PROFILE, c->profile);
	if (c->has_log_group)
		a_u16(b, EDGEFW_A_LOG_GROUP, c->log_group);
	if (c->n_fe || c->n_dir || c->has_vip)
		cfg_put_pool(b, c);
	if (c->n_b)
		cfg_put_bindings(b, c);
	for (r = 0; r < c->n_mgmt; r++)
		put_mgmt(b, &c->mgmt[r]);
	for (r = 0; r < ARRAY_SIZE(c->roles); r++)
		if (c->roles[r].present)
			cfg_put_role(b, c, r);
}

/* How a change is made: check only, generation to expect, confirmation. */
struct change {
	const uint32_t *gen;
	bool check_only;
	uint32_t confirm_timeout;	/* seconds, 0: none */
};

static void cfg_msg_how(struct buf *b, const struct cfg *c,
			const struct change *how)
{
	msg_start(b, REQ, EDGEFW_CMD_SET_CONFIG);
	cfg_put(b, c);
	if (how->gen)
		a_u32(b, EDGEFW_A_GENERATION, *how->gen);
	if (how->check_only)
		attr(b, EDGEFW_A_CHECK_ONLY, NULL, 0);
	if (how->confirm_timeout)
		a_u32(b, EDGEFW_A_CONFIRM_TIMEOUT, how->confirm_timeout);
	msg_end(b);
}

static void cfg_msg(struct buf *b, const struct cfg *c, const uint32_t *gen)
{
	struct change how = { .gen = gen };

	cfg_msg_how(b, c, &how);
}

/* ---- the socket ------------------------------------------------------- */

static struct mnl_socket *nl;
static uint32_t seq_next = 1;
static uint8_t *rxbuf;
#define RXBUF_SIZE	(1 << 20)
/* How much one recv() asks for: the kernel sizes a dump's parts after
 * the largest read (up to 32 kB); dumpcheck reads less to get more parts.
 */
static size_t rx_len = RXBUF_SIZE;

struct reply {
	int err;			/* 0, an errno, or NOREPLY */
	char msg[256];			/* extack message, if any */
	uint32_t bad_off;		/* extack offset of the bad attribute */
	struct buf dump;		/* dump: the messages, one after another */
	bool intr;			/* dump: NLM_F_DUMP_INTR seen */
	unsigned int n_msgs;
};

static void sock_setup(struct mnl_socket *s)
{
	int one = 1, sz = 8 << 20;
	int fd = mnl_socket_get_fd(s);

	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz)))
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
}

static void sock_open(void)
{
	nl = mnl_socket_open(NETLINK_GENERIC);
	if (!nl)
		die("cannot open a generic netlink socket: %s", strerror(errno));
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		die("cannot bind the netlink socket: %s", strerror(errno));
	sock_setup(nl);
	if (!rxbuf)
		rxbuf = malloc(RXBUF_SIZE);
	if (!rxbuf)
		die("out of memory");
}

static void parse_extack(const struct nlmsghdr *h, struct reply *r,
			 size_t off)
{
	const uint8_t *p = (const uint8_t *)h + off;
	int rem;

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS) || off > h->nlmsg_len)
		return;
	rem = (int)(h->nlmsg_len - off);
	while (rem >= NLA_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)p;
		int n = a->nla_len - NLA_HDRLEN;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > rem)
			break;
		if ((a->nla_type & TYPE_MASK) == NLMSGERR_ATTR_MSG && n > 0)
			snprintf(r->msg, sizeof(r->msg), "%.*s", n,
				 (const char *)(p + NLA_HDRLEN));
		else if ((a->nla_type & TYPE_MASK) == NLMSGERR_ATTR_OFFS &&
			 n == 4)
			r->bad_off = get32(p + NLA_HDRLEN);
		p += NLA_ALIGN(a->nla_len);
		rem -= NLA_ALIGN(a->nla_len);
	}
}

static void reply_reset(struct reply *r)
{
	r->err = NOREPLY;
	r->msg[0] = 0;
	r->bad_off = 0;
	r->dump.len = 0;
	r->intr = false;
	r->n_msgs = 0;
}

/*
 * Takes the messages of one datagram that answer request @seq into @r;
 * returns whether the answer is complete: an error or ack, the end of a
 * dump, or (for a request without NLM_F_ACK) a reply.
 */
static bool take_answer(struct reply *r, const uint8_t *data, int len,
			uint32_t seq, bool want_ack)
{
	const struct nlmsghdr *h;
	int rem = len;

	for (h = (const struct nlmsghdr *)data; mnl_nlmsg_ok(h, rem);
	     h = mnl_nlmsg_next(h, &rem)) {
		if (h->nlmsg_seq != seq)
			continue;	/* a late answer to an earlier one */
		if (h->nlmsg_flags & NLM_F_DUMP_INTR)
			r->intr = true;
		if (h->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = mnl_nlmsg_get_payload(h);
			size_t off = NLMSG_HDRLEN + sizeof(*e);

			if (!(h->nlmsg_flags & NLM_F_CAPPED))
				off += e->msg.nlmsg_len - NLMSG_HDRLEN;
			r->err = -e->error;
			parse_extack(h, r, off);
			return true;
		}
		if (h->nlmsg_type == NLMSG_DONE) {
			int e = 0;

			if (h->nlmsg_len >= NLMSG_HDRLEN + sizeof(int))
				memcpy(&e, mnl_nlmsg_get_payload(h), sizeof(int));
			r->err = -e;
			parse_extack(h, r, NLMSG_HDRLEN + sizeof(int));
			return true;
		}
		r->n_msgs++;
		buf_put(&r->dump, h, h->nlmsg_len);
		if (r->err == NOREPLY)
			r->err = 0;
		if (!(h->nlmsg_flags & NLM_F_MULTI) && !want_ack)
			return true;
	}
	return false;
}

/* One recv() of at most @len bytes into @r; returns whether it is done. */
static bool recv_answer(int fd, size_t len, struct reply *r, uint32_t seq,
			bool want_ack)
{
	ssize_t n;

	do
		n = recv(fd, rxbuf, len, MSG_TRUNC);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		r->err = errno;
		snprintf(r->msg, sizeof(r->msg), "recv: %s", strerror(errno));
		return true;
	}
	if ((size_t)n > len) {
		r->err = EMSGSIZE;
		snprintf(r->msg, sizeof(r->msg),
			 "a %zd-byte answer does not fit %zu bytes", n, len);
		return true;
	}
	return take_answer(r, rxbuf, (int)n, seq, want_ack);
}

/*
 * Sends @len bytes of @m (its sequence number is set here if the header is
 * whole) and collects the answer: a reply and its ack, or a dump. The
 * kernel handles a request to a generic netlink family synchronously,
 * inside sendmsg(): once it returns, the answer (if any) is queued, so "no
 * reply" needs no timeout. Dumps go on as they are read.
 */
static void xchg(struct buf *m, size_t len, struct reply *r)
{
	uint32_t seq = seq_next++;
	int fd = mnl_socket_get_fd(nl);
	bool want_ack = len >= 8 && (get16(m->d + 6) & NLM_F_ACK);

	reply_reset(r);
	if (len >= 12)
		set32(m->d + 8, seq);
	if (send(fd, m->d, len, 0) < 0) {
		r->err = errno;
		snprintf(r->msg, sizeof(r->msg), "send: %s", strerror(errno));
		return;
	}
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		/* Answers are queued by now; a dump's next part is made by
		 * the read before; 1 s only guards against a wedged kernel.
		 */
		if (poll(&p, 1, r->err == NOREPLY && !r->n_msgs ? 0 : 1000) <= 0)
			return;
		if (recv_answer(fd, rx_len, r, seq, want_ack))
			return;
	}
}

/* Resolves edgefw through nlctrl; returns false if it is not registered. */
static bool resolve_family(void)
{
	struct buf b = { 0 };
	struct reply r = { 0 };
	const struct nlmsghdr *h;
	const struct nlattr *a;
	bool found = false;
	struct nlmsghdr nh = {
		.nlmsg_type = GENL_ID_CTRL,
		.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
	};
	struct genlmsghdr g = { .cmd = CTRL_CMD_GETFAMILY, .version = 1 };

	buf_put(&b, &nh, sizeof(nh));
	buf_put(&b, &g, sizeof(g));
	a_str(&b, CTRL_ATTR_FAMILY_NAME, EDGEFW_GENL_NAME);
	msg_end(&b);
	xchg(&b, b.len, &r);
	if (r.err == 0 && r.dump.len) {
		h = (const struct nlmsghdr *)r.dump.d;
		mnl_attr_for_each(a, h, GENL_HDRLEN) {
			const struct nlattr *g, *x;

			if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID) {
				fam_id = mnl_attr_get_u16(a);
				found = true;
			}
			if (mnl_attr_get_type(a) != CTRL_ATTR_MCAST_GROUPS)
				continue;
			mnl_attr_for_each_nested(g, a) {
				uint32_t id = 0;
				bool events = false;

				mnl_attr_for_each_nested(x, g) {
					if (mnl_attr_get_type(x) == CTRL_ATTR_MCAST_GRP_ID)
						id = mnl_attr_get_u32(x);
					else if (mnl_attr_get_type(x) == CTRL_ATTR_MCAST_GRP_NAME)
						events = !strcmp(mnl_attr_get_str(x),
								 EDGEFW_MCGRP_EVENTS);
				}
				if (events)
					mcgrp_id = id;
			}
		}
	}
	buf_free(&b);
	buf_free(&r.dump);
	return found;
}

static void need_family(void)
{
	if (!resolve_family())
		die("generic netlink family '%s' not found (is edgefw loaded?)",
		    EDGEFW_GENL_NAME);
}

/* ---- reading answers ----------------------------------------------------- */

/*
 * The attributes from @a on (@len bytes) by type, up to @max; returns
 * false if a type repeats (an answer gives each attribute once, but for
 * the types in @repeats). Unknown types are skipped.
 */
static bool attr_table(const struct nlattr *a, int len,
		       const struct nlattr **tb, unsigned int max,
		       uint64_t repeats)
{
	memset(tb, 0, (max + 1) * sizeof(*tb));
	for (; mnl_attr_ok(a, len); a = mnl_attr_next(a)) {
		uint16_t t = mnl_attr_get_type(a);

		len -= NLA_ALIGN(a->nla_len);
		if (t > max)
			continue;
		if (tb[t] && !(repeats & (1ULL << t)))
			return false;
		tb[t] = a;
	}
	return true;
}

static bool msg_table(const struct nlmsghdr *h, const struct nlattr **tb,
		      unsigned int max, uint64_t repeats)
{
	return attr_table(mnl_nlmsg_get_payload_offset(h, GENL_HDRLEN),
			  (int)(h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN),
			  tb, max, repeats);
}

static bool nest_table(const struct nlattr *nest, const struct nlattr **tb,
		       unsigned int max, uint64_t repeats)
{
	return attr_table(mnl_attr_get_payload(nest),
			  mnl_attr_get_payload_len(nest), tb, max, repeats);
}

/* Padding before each u64 (architectures without efficient unaligned
 * access) repeats.
 */
#define RULE_REPEATS	(1ULL << EDGEFW_RULE_A_PAD)
#define ZSTAT_REPEATS	(1ULL << EDGEFW_ZSTAT_A_PAD)

/* A u8/u16/u32 attribute of exactly that size, or -1. */
static int64_t attr_uint(const struct nlattr *a, unsigned int size)
{
	if (!a || mnl_attr_get_payload_len(a) != size)
		return -1;
	switch (size) {
	case 1: return mnl_attr_get_u8(a);
	case 2: return mnl_attr_get_u16(a);
	default: return mnl_attr_get_u32(a);
	}
}

/* The only message of a reply to a do request, if it has command @cmd. */
static const struct nlmsghdr *reply_msg(const struct reply *r, uint8_t cmd)
{
	const struct nlmsghdr *h = (const struct nlmsghdr *)r->dump.d;
	const struct genlmsghdr *g;

	if (r->n_msgs != 1 || h->nlmsg_type != fam_id)
		return NULL;
	g = mnl_nlmsg_get_payload(h);
	return g->cmd == cmd ? h : NULL;
}

/* ---- snapshots: the configuration as GET_CONFIG dumps it --------------- */

struct snap {
	struct buf raw;			/* per message: u32 length, genl payload;
					 * generations and the time left to a
					 * pending change zeroed */
	uint32_t gen;
	int err;
	bool pending;			/* a change waits for confirmation */
	uint32_t pending_timeout;	/* its PENDING_A_TIMEOUT */
	uint32_t pending_left_ms;	/* its PENDING_A_REMAINING_MS */
};

/* The payload of the u32 attribute @type in @p..@len, or NULL. */
static uint8_t *find_u32(uint8_t *p, int len, uint16_t type)
{
	while (len >= NLA_HDRLEN) {
		uint16_t l = get16(p), t = get16(p + 2);

		if (l < NLA_HDRLEN || l > len)
			break;
		if ((t & TYPE_MASK) == type && l == NLA_HDRLEN + 4)
			return p + NLA_HDRLEN;
		p += NLA_ALIGN(l);
		len -= NLA_ALIGN(l);
	}
	return NULL;
}

/* Keeps aside, and zeroes, what changes without a change: the generation
 * and the time left to a pending change.
 */
static void snap_take_msg(struct snap *s, const struct nlmsghdr *h)
{
	uint32_t n = h->nlmsg_len - NLMSG_HDRLEN;
	uint8_t *p, *v;
	size_t start;
	int left;

	buf_put(&s->raw, &n, 4);
	start = s->raw.len;
	buf_put(&s->raw, mnl_nlmsg_get_payload(h), n);
	p = s->raw.d + start + GENL_HDRLEN;
	left = (int)n - GENL_HDRLEN;
	v = find_u32(p, left, EDGEFW_A_GENERATION);
	if (v) {
		s->gen = get32(v);
		set32(v, 0);
	}
	while (left >= NLA_HDRLEN) {
		uint16_t l = get16(p), t = get16(p + 2);

		if (l < NLA_HDRLEN || l > left)
			break;
		if ((t & TYPE_MASK) == EDGEFW_A_PENDING) {
			s->pending = true;
			v = find_u32(p + NLA_HDRLEN, l - NLA_HDRLEN,
				     EDGEFW_PENDING_A_TIMEOUT);
			s->pending_timeout = v ? get32(v) : 0;
			v = find_u32(p + NLA_HDRLEN, l - NLA_HDRLEN,
				     EDGEFW_PENDING_A_REMAINING_MS);
			if (v) {
				s->pending_left_ms = get32(v);
				set32(v, 0);
			}
		}
		p += NLA_ALIGN(l);
		left -= NLA_ALIGN(l);
	}
}

/* Dumps the configuration; a dump interrupted by a change is repeated. */
static void snapshot(struct snap *s)
{
	struct buf b = { 0 };
	struct reply r = { 0 };
	int tries;

	for (tries = 0; tries < 10; tries++) {
		const struct nlmsghdr *h;
		int rem;

		msg_start(&b, DUMP, EDGEFW_CMD_GET_CONFIG);
		msg_end(&b);
		xchg(&b, b.len, &r);
		s->err = r.err;
		s->raw.len = 0;
		s->gen = 0;
		s->pending = false;
		s->pending_timeout = s->pending_left_ms = 0;
		if (r.err || r.intr)
			continue;
		rem = (int)r.dump.len;
		for (h = (const struct nlmsghdr *)r.dump.d; mnl_nlmsg_ok(h, rem);
		     h = mnl_nlmsg_next(h, &rem))
			snap_take_msg(s, h);
		break;
	}
	buf_free(&b);
	buf_free(&r.dump);
}

static bool snap_same_cfg(const struct snap *a, const struct snap *b)
{
	return a->raw.len == b->raw.len &&
	       !memcmp(a->raw.d, b->raw.d, a->raw.len);
}

static bool snap_unchanged(const struct snap *a, const struct snap *b)
{
	return snap_same_cfg(a, b) && a->gen == b->gen;
}

static void snap_copy(struct snap *dst, const struct snap *src)
{
	struct buf raw = dst->raw;

	buf_copy(&raw, &src->raw);
	*dst = *src;
	dst->raw = raw;
}

static bool get_addr_attr(const struct nlattr *a, struct addr *out)
{
	uint16_t n = mnl_attr_get_payload_len(a);

	if (n != 4 && n != 16)
		return false;
	out->len = (uint8_t)n;
	memset(out->a, 0, sizeof(out->a));
	memcpy(out->a, mnl_attr_get_payload(a), n);
	return true;
}

static const char *pool_from_attr(const struct nlattr *a, struct cfg *c)
{
	const struct nlattr *x;
	struct addr ad;

	mnl_attr_for_each_nested(x, a) {
		if (!get_addr_attr(x, &ad))
			return "bad pool address";
		switch (mnl_attr_get_type(x)) {
		case EDGEFW_POOL_A_VIP:
			c->has_vip = true;
			c->vip = ad;
			break;
		case EDGEFW_POOL_A_FRONT_END:
			if (c->n_fe == EDGEFW_MAX_FRONT_ENDS)
				return "too many front ends";
			c->fe[c->n_fe++] = ad;
			break;
		case EDGEFW_POOL_A_DIRECTOR:
			if (c->n_dir == EDGEFW_MAX_DIRECTORS)
				return "too many directors";
			c->dir[c->n_dir++] = ad;
			break;
		}
	}
	return NULL;
}

static const char *bindings_from_attr(const struct nlattr *a, struct cfg *c)
{
	const struct nlattr *x, *y;

	mnl_attr_for_each_nested(x, a) {
		struct binding *bd;

		if (c->n_b == EDGEFW_MAX_BINDINGS)
			return "too many bindings";
		bd = &c->b[c->n_b++];
		mnl_attr_for_each_nested(y, x) {
			switch (mnl_attr_get_type(y)) {
			case EDGEFW_BINDING_A_IFNAME:
				snprintf(bd->name, IFNAMSIZ, "%s",
					 mnl_attr_get_str(y));
				break;
			case EDGEFW_BINDING_A_ZONE:
				bd->zone = mnl_attr_get_u8(y);
				break;
			case EDGEFW_BINDING_A_IFINDEX:
				bd->ifindex = mnl_attr_get_u32(y);
				break;
			}
		}
	}
	return NULL;
}

static const char *mgmt_from_attr(const struct nlattr *a, struct cfg *c)
{
	const struct nlattr *tb[EDGEFW_MGMT_A_MAX + 1];
	struct mgmt *m;

	if (c->n_mgmt == EDGEFW_MAX_MGMT)
		return "too many management rules";
	m = &c->mgmt[c->n_mgmt++];
	if (!nest_table(a, tb, EDGEFW_MGMT_A_MAX, 0) ||
	    attr_uint(tb[EDGEFW_MGMT_A_ZONE], 1) < 0 ||
	    attr_uint(tb[EDGEFW_MGMT_A_PROTO], 1) < 0 ||
	    attr_uint(tb[EDGEFW_MGMT_A_PREFIX_LEN], 1) < 0 ||
	    attr_uint(tb[EDGEFW_MGMT_A_PORT], 2) < 0 ||
	    !tb[EDGEFW_MGMT_A_PREFIX] ||
	    !get_addr_attr(tb[EDGEFW_MGMT_A_PREFIX], &m->prefix))
		return "management rule with a missing or bad attribute";
	m->zone = mnl_attr_get_u8(tb[EDGEFW_MGMT_A_ZONE]);
	m->proto = mnl_attr_get_u8(tb[EDGEFW_MGMT_A_PROTO]);
	m->plen = mnl_attr_get_u8(tb[EDGEFW_MGMT_A_PREFIX_LEN]);
	m->port = mnl_attr_get_u16(tb[EDGEFW_MGMT_A_PORT]);
	return NULL;
}

/* One EDGEFW_A_ROLE (or part of one: a role may span messages). */
static const char *role_from_attr(const struct nlattr *a, struct cfg *c)
{
	const struct nlattr *x, *y;
	struct role tmp = { 0 }, *rc;
	struct addr ad;
	int type = -1;
	uint32_t i;

	mnl_attr_for_each_nested(x, a) {
		switch (mnl_attr_get_type(x)) {
		case EDGEFW_ROLE_A_TYPE:
			type = mnl_attr_get_u8(x);
			break;
		case EDGEFW_ROLE_A_MEDIA_RANGE:
			tmp.media = mnl_attr_get_u8(x);
			break;
		case EDGEFW_ROLE_A_INTERNAL_ADDR:
			if (!get_addr_attr(x, &tmp.internal))
				return "bad internal address";
			tmp.has_internal = true;
			break;
		case EDGEFW_ROLE_A_ADDRS:
			mnl_attr_for_each_nested(y, x) {
				if (!get_addr_attr(y, &ad)) {
					free(tmp.addrs);
					return "bad role address";
				}
				role_add(&tmp, &ad);
			}
			break;
		}
	}
	if (type < 0 || type > EDGEFW_ROLE_MAX) {
		free(tmp.addrs);
		return "role without a valid type";
	}
	/* a role may span messages: its addresses add up */
	rc = &c->roles[type];
	rc->present = true;
	rc->media = tmp.media;
	rc->has_internal = tmp.has_internal;
	rc->internal = tmp.internal;
	for (i = 0; i < tmp.n; i++)
		role_add(rc, &tmp.addrs[i]);
	free(tmp.addrs);
	return NULL;
}

/*
 * Where an attribute may come in the dump: the head (first message), then
 * the bindings, then the management rules, then the roles, one per
 * message; -1 for what is not configuration.
 */
static int dump_stage(uint16_t t)
{
	switch (t) {
	case EDGEFW_A_FLAGS:
	case EDGEFW_A_PROFILE:
	case EDGEFW_A_POOL:
	case EDGEFW_A_LOG_GROUP:
	case EDGEFW_A_PENDING:
		return 0;
	case EDGEFW_A_BINDINGS:
		return 1;
	case EDGEFW_A_MGMT:
		return 2;
	case EDGEFW_A_ROLE:
		return 3;
	}
	return -1;
}

/*
 * Decodes a snapshot into @c (canonical), checking the layout of the dump
 * (uapi/linux/edgefw.h); a reader merges what comes in several messages.
 * Returns an error text or NULL.
 */
static const char *cfg_from_snap(const struct snap *s, struct cfg *c)
{
	static const char *const head[] = { "FLAGS", "PROFILE", "POOL" };
	static const uint16_t head_type[] = {
		EDGEFW_A_FLAGS, EDGEFW_A_PROFILE, EDGEFW_A_POOL,
	};
	static char why[96];
	size_t off = 0;
	unsigned int msg, bindings = 0, i;
	int stage = 0;

	memset(c, 0, sizeof(*c));
	for (msg = 0; off + 4 <= s->raw.len; msg++) {
		uint32_t n = get32(s->raw.d + off);
		const struct nlattr *a;
		const uint8_t *p = s->raw.d + off + 4 + GENL_HDRLEN;
		int rem = (int)n - GENL_HDRLEN;
		unsigned int gens = 0, roles = 0, others = 0;
		const char *e = NULL;
		uint32_t seen = 0;

		off += 4 + n;
		for (a = (const struct nlattr *)p; mnl_attr_ok(a, rem);
		     a = mnl_attr_next(a)) {
			uint16_t t = mnl_attr_get_type(a);
			int st = dump_stage(t);

			rem -= NLA_ALIGN(a->nla_len);
			if (t == EDGEFW_A_GENERATION)
				gens++;
			if (st < 0)
				continue;
			seen |= 1u << t;
			if (st == 0 && msg)
				e = "a head attribute after the first message";
			else if (st < stage)
				e = "bindings, management rules and roles out of order";
			stage = st;
			roles += t == EDGEFW_A_ROLE;
			others += t != EDGEFW_A_ROLE;
			switch (t) {
			case EDGEFW_A_FLAGS:
				c->flags = mnl_attr_get_u32(a);
				break;
			case EDGEFW_A_PROFILE:
				c->profile = mnl_attr_get_u8(a);
				break;
			case EDGEFW_A_LOG_GROUP:
				c->has_log_group = true;
				c->log_group = mnl_attr_get_u16(a);
				break;
			case EDGEFW_A_POOL:
				e = e ?: pool_from_attr(a, c);
				break;
			case EDGEFW_A_BINDINGS:
				bindings++;
				e = e ?: bindings_from_attr(a, c);
				break;
			case EDGEFW_A_MGMT:
				e = e ?: mgmt_from_attr(a, c);
				break;
			case EDGEFW_A_ROLE:
				e = e ?: role_from_attr(a, c);
				break;
			}
			if (e)
				return e;
		}
		if (gens != 1)
			return "a message without exactly one GENERATION";
		if (roles && (roles > 1 || others))
			return "a role's message carries more than that role";
		for (i = 0; !msg && i < ARRAY_SIZE(head); i++) {
			if (!(seen & (1u << head_type[i]))) {
				snprintf(why, sizeof(why),
					 "the first message has no %s", head[i]);
				return why;
			}
		}
	}
	if (!msg)
		return "an empty dump";
	if (bindings != 1)
		return "not one BINDINGS in the dump";
	cfg_canon(c);
	return NULL;
}

/* ---- the model: what the contract says of a message --------------------- */

enum verdict {
	V_NOREPLY,			/* the kernel must not answer */
	V_IGNORED,			/* not a request: acked, nothing done */
	V_REFUSE,
	V_ACCEPT,
};

/* What the model needs to know of the kernel's state to judge. */
struct kstate {
	uint32_t gen;			/* generation in force */
	bool pending;			/* a change waits for confirmation */
};

/*
 * Facts of this machine, not of the contract: whether nf_log has the
 * backends that logging drops needs (probe_loggers() asks the kernel).
 */
static bool have_log_kernel = true, have_log_nflog = true;

/* A packet to judge, as EDGEFW_CMD_VERDICT describes it. */
struct query {
	char ifname[IFNAMSIZ];
	uint8_t dir, proto;
	struct addr src, dst;
	uint16_t sport, dport;
	bool has[EDGEFW_QUERY_A_MAX + 1];
};

struct model {
	enum verdict v;
	int err;			/* refused: the errno due, or 0 (any) */
	char why[160];
	int cmd;
	bool dump;
	/* SET_CONFIG: the configuration and how it is made */
	struct cfg cfg;
	bool check_only;
	uint32_t timeout;		/* seconds; 0 with check_only */
	bool has_gen;
	uint32_t gen;
	/* VERDICT: the query in force (the last QUERY, as the kernel reads) */
	struct query q;
	bool q_seen;
	/* parsing state */
	bool seen[32];
};

static bool refuse_err(struct model *m, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static bool refuse_err(struct model *m, int err, const char *fmt, ...)
{
	va_list ap;

	if (m->v != V_REFUSE) {
		m->v = V_REFUSE;
		m->err = err;
		va_start(ap, fmt);
		vsnprintf(m->why, sizeof(m->why), fmt, ap);
		va_end(ap);
	}
	return false;
}

/* Refused; the contract names no errno (the kernel's choice). */
#define refuse(m, ...)	refuse_err(m, 0, __VA_ARGS__)

typedef bool (*attr_fn)(struct model *m, void *ctx, uint16_t type,
			bool nested, const uint8_t *d, int n);

/* The attributes that a level holds at most once, by type. */
static const char *const set_once[32] = {
	[EDGEFW_A_GENERATION] = "GENERATION", [EDGEFW_A_FLAGS] = "FLAGS",
	[EDGEFW_A_POOL] = "POOL", [EDGEFW_A_BINDINGS] = "BINDINGS",
	[EDGEFW_A_PROFILE] = "PROFILE", [EDGEFW_A_LOG_GROUP] = "LOG_GROUP",
	[EDGEFW_A_CHECK_ONLY] = "CHECK_ONLY",
	[EDGEFW_A_CONFIRM_TIMEOUT] = "CONFIRM_TIMEOUT",
};
static const char *const pool_once[32] = { [EDGEFW_POOL_A_VIP] = "VIP" };
static const char *const binding_once[32] = {
	[EDGEFW_BINDING_A_IFNAME] = "IFNAME", [EDGEFW_BINDING_A_ZONE] = "ZONE",
};
static const char *const role_once[32] = {
	[EDGEFW_ROLE_A_TYPE] = "role TYPE", [EDGEFW_ROLE_A_ADDRS] = "ADDRS",
	[EDGEFW_ROLE_A_INTERNAL_ADDR] = "INTERNAL_ADDR",
	[EDGEFW_ROLE_A_MEDIA_RANGE] = "MEDIA_RANGE",
};
static const char *const mgmt_once[32] = {
	[EDGEFW_MGMT_A_ZONE] = "mgmt ZONE", [EDGEFW_MGMT_A_PROTO] = "PROTO",
	[EDGEFW_MGMT_A_PREFIX] = "PREFIX",
	[EDGEFW_MGMT_A_PREFIX_LEN] = "PREFIX_LEN", [EDGEFW_MGMT_A_PORT] = "PORT",
};
static const char *const none_once[32];

/*
 * Walks attributes as the kernel's nla_for_each_attr() and strict
 * validation do: stops at the first one that does not fit; bytes left
 * over after it (rem > 0) are an error, a missing final pad is not.
 */
static bool walk(struct model *m, const char *where, const uint8_t *p,
		 int len, attr_fn fn, void *ctx, const char *const once_names[32])
{
	const uint8_t *q = p;
	uint32_t seen = 0;
	int rem = len;

	/* a duplicated singleton first: the most telling reason */
	while (rem >= NLA_HDRLEN) {
		uint16_t l = get16(q), t = get16(q + 2) & TYPE_MASK;

		if (l < NLA_HDRLEN || l > rem)
			break;
		if (t < 32 && once_names[t]) {
			if (seen & (1u << t))
				return refuse(m, "%s given twice", once_names[t]);
			seen |= 1u << t;
		}
		q += NLA_ALIGN(l);
		rem -= NLA_ALIGN(l);
	}
	rem = len;

	while (rem >= NLA_HDRLEN) {
		uint16_t l = get16(p), t = get16(p + 2);

		if (l < NLA_HDRLEN || l > rem)
			break;
		if (!fn(m, ctx, t & TYPE_MASK, t & NLA_F_NESTED,
			p + NLA_HDRLEN, l - NLA_HDRLEN))
			return false;
		p += NLA_ALIGN(l);
		rem -= NLA_ALIGN(l);
	}
	if (rem > 0)
		return refuse(m, "%s: %d bytes left over", where, rem);
	return true;
}

static bool leaf(struct model *m, const char *what, bool nested)
{
	if (nested)
		return refuse(m, "%s: NLA_F_NESTED on a leaf", what);
	return true;
}

/* A nest's payload: empty, or at least one attribute header. */
static bool nest_ok(struct model *m, const char *what, bool nested, int n)
{
	if (!nested)
		return refuse(m, "%s: NLA_F_NESTED missing", what);
	if (n > 0 && n < NLA_HDRLEN)
		return refuse(m, "%s: nest of %d bytes", what, n);
	return true;
}

static bool fixed(struct model *m, const char *what, bool nested, int n,
		  int want)
{
	if (!leaf(m, what, nested))
		return false;
	if (n != want)
		return refuse(m, "%s: %d bytes, not %d", what, n, want);
	return true;
}

/* An address: 4 or 16 bytes (EDGEFW_ADDR_POLICY). */
static bool address(struct model *m, const char *what, bool nested,
		    const uint8_t *d, int n, struct addr *out)
{
	if (!leaf(m, what, nested))
		return false;
	if (n != 4 && n != 16)
		return refuse(m, "%s: address of %d bytes", what, n);
	memset(out, 0, sizeof(*out));
	out->len = (uint8_t)n;
	memcpy(out->a, d, n);
	return true;
}

static bool unicast(struct model *m, const char *what, bool nested,
		    const uint8_t *d, int n, struct addr *out)
{
	static const uint8_t zero[16];

	if (!address(m, what, nested, d, n, out))
		return false;
	/* ipv4_is_zeronet() is 0.0.0.0 only: since Linux 5.3 the rest of
	 * 0.0.0.0/8 is unicast
	 */
	if (n == 4 && (!memcmp(d, "\0\0\0\0", 4) || (d[0] >= 224 && d[0] <= 239) ||
		       !memcmp(d, "\xff\xff\xff\xff", 4)))
		return refuse(m, "%s: not a unicast IPv4 address", what);
	if (n == 16 && (!memcmp(d, zero, 16) || d[0] == 0xff))
		return refuse(m, "%s: not a unicast IPv6 address", what);
	return true;
}

static bool once(struct model *m, bool *seen, const char *what)
{
	if (*seen)
		return refuse(m, "%s given twice", what);
	*seen = true;
	return true;
}

/* An interface name: NLA_NUL_STRING of at most IFNAMSIZ - 1 characters. */
static bool ifname_attr(struct model *m, const char *what, bool nested,
			const uint8_t *d, int n, char name[IFNAMSIZ])
{
	int len;

	if (!leaf(m, what, nested))
		return false;
	if (!n || !memchr(d, 0, n < IFNAMSIZ ? n : IFNAMSIZ))
		return refuse(m, "%s: no NUL in the first %d bytes", what,
			      IFNAMSIZ);
	len = d[n - 1] ? n : n - 1;
	if (len > IFNAMSIZ - 1)
		return refuse(m, "%s: longer than %d", what, IFNAMSIZ - 1);
	memset(name, 0, IFNAMSIZ);
	memcpy(name, d, len);
	return true;
}

/* pool */
struct pool_ctx {
	bool vip;
};

/* A unicast address into @list, unless the pool holds @max already. */
static bool pool_list_add(struct model *m, const char *what, bool nested,
			  const uint8_t *d, int n, struct addr *list,
			  uint32_t *count, uint32_t max)
{
	struct addr a;

	if (!unicast(m, what, nested, d, n, &a))
		return false;
	if (*count == max)
		return refuse(m, "more than %u %ss", max, what);
	for (uint32_t i = 0; i < *count; i++)
		if (addr_eq(&list[i], &a))
			return refuse(m, "%s listed twice", what);
	list[(*count)++] = a;
	return true;
}

/* A server is a Front End server or a Director, not both. */
static bool pool_one_role_each(struct model *m)
{
	const struct cfg *c = &m->cfg;
	uint32_t i, j;

	for (i = 0; i < c->n_dir; i++)
		for (j = 0; j < c->n_fe; j++)
			if (addr_eq(&c->dir[i], &c->fe[j]))
				return refuse(m, "a Director is a Front End server already");
	return true;
}

static bool pool_attr(struct model *m, void *ctx, uint16_t t, bool nested,
		      const uint8_t *d, int n)
{
	struct pool_ctx *pc = ctx;
	struct cfg *c = &m->cfg;
	struct addr a;

	switch (t) {
	case EDGEFW_POOL_A_FRONT_END:
		return pool_list_add(m, "front end", nested, d, n, c->fe,
				     &c->n_fe, EDGEFW_MAX_FRONT_ENDS);
	case EDGEFW_POOL_A_DIRECTOR:
		return pool_list_add(m, "director", nested, d, n, c->dir,
				     &c->n_dir, EDGEFW_MAX_DIRECTORS);
	case EDGEFW_POOL_A_VIP:
		if (!unicast(m, "VIP", nested, d, n, &a) ||
		    !once(m, &pc->vip, "VIP"))
			return false;
		c->has_vip = true;
		c->vip = a;
		return true;
	}
	return refuse(m, "pool: unknown attribute %u", t);
}

/* bindings */
static bool k_isspace(uint8_t ch)
{
	/* the kernel's ctype: \t\n\v\f\r, space and Latin-1 NBSP */
	return (ch >= 9 && ch <= 13) || ch == ' ' || ch == 0xa0;
}

struct binding_ctx {
	bool name, zone;
	struct binding b;
};

static bool binding_attr(struct model *m, void *ctx, uint16_t t, bool nested,
			 const uint8_t *d, int n)
{
	struct binding_ctx *bc = ctx;
	int i, len;

	switch (t) {
	case EDGEFW_BINDING_A_IFNAME:
		if (!ifname_attr(m, "IFNAME", nested, d, n, bc->b.name) ||
		    !once(m, &bc->name, "IFNAME"))
			return false;
		len = (int)strlen(bc->b.name);
		if (!len || !strcmp(bc->b.name, ".") || !strcmp(bc->b.name, ".."))
			return refuse(m, "IFNAME: invalid name");
		for (i = 0; i < len; i++)
			if (bc->b.name[i] == '/' || bc->b.name[i] == ':' ||
			    k_isspace((uint8_t)bc->b.name[i]))
				return refuse(m, "IFNAME: invalid character");
		return true;
	case EDGEFW_BINDING_A_ZONE:
		if (!fixed(m, "ZONE", nested, n, 1))
			return false;
		if (d[0] > EDGEFW_ZONE_MAX)
			return refuse(m, "ZONE %u out of range", d[0]);
		if (!once(m, &bc->zone, "ZONE"))
			return false;
		bc->b.zone = d[0];
		return true;
	}
	return refuse(m, "binding: unknown attribute %u", t);
}

static bool bindings_attr(struct model *m, void *ctx, uint16_t t, bool nested,
			  const uint8_t *d, int n)
{
	struct binding_ctx bc = { 0 };
	struct cfg *c = &m->cfg;

	(void)ctx;
	if (t != EDGEFW_A_BINDING)
		return refuse(m, "bindings: unknown attribute %u", t);
	if (!nest_ok(m, "BINDING", nested, n))
		return false;
	if (c->n_b == EDGEFW_MAX_BINDINGS)
		return refuse(m, "more than %d bindings", EDGEFW_MAX_BINDINGS);
	if (!walk(m, "binding", d, n, binding_attr, &bc, binding_once))
		return false;
	if (!bc.name || !bc.zone)
		return refuse(m, "binding without %s", bc.name ? "ZONE" : "IFNAME");
	for (uint32_t i = 0; i < c->n_b; i++)
		if (!strcmp(c->b[i].name, bc.b.name))
			return refuse(m, "interface bound twice");
	c->b[c->n_b++] = bc.b;
	return true;
}

/* management rules */
struct mgmt_ctx {
	bool has[EDGEFW_MGMT_A_MAX + 1];
	struct mgmt r;
};

static bool mgmt_attr(struct model *m, void *ctx, uint16_t t, bool nested,
		      const uint8_t *d, int n)
{
	struct mgmt_ctx *mc = ctx;

	switch (t) {
	case EDGEFW_MGMT_A_ZONE:
		if (!fixed(m, "mgmt ZONE", nested, n, 1))
			return false;
		if (d[0] > EDGEFW_ZONE_MAX)
			return refuse(m, "mgmt ZONE %u out of range", d[0]);
		mc->r.zone = d[0];
		break;
	case EDGEFW_MGMT_A_PROTO:
		if (!fixed(m, "PROTO", nested, n, 1))
			return false;
		mc->r.proto = d[0];
		break;
	case EDGEFW_MGMT_A_PREFIX:
		if (!address(m, "PREFIX", nested, d, n, &mc->r.prefix))
			return false;
		break;
	case EDGEFW_MGMT_A_PREFIX_LEN:
		if (!fixed(m, "PREFIX_LEN", nested, n, 1))
			return false;
		if (d[0] > 128)
			return refuse(m, "PREFIX_LEN %u out of range", d[0]);
		mc->r.plen = d[0];
		break;
	case EDGEFW_MGMT_A_PORT:
		if (!fixed(m, "PORT", nested, n, 2))
			return false;
		mc->r.port = get16(d);
		if (!mc->r.port)
			return refuse(m, "PORT 0");
		break;
	default:
		return refuse(m, "management rule: unknown attribute %u", t);
	}
	mc->has[t] = true;
	return true;
}

/* Host bits of @a past @plen. */
static bool host_bits(const struct addr *a, unsigned int plen)
{
	for (unsigned int bit = plen; bit < a->len * 8u; bit++)
		if (a->a[bit / 8] & (0x80 >> (bit % 8)))
			return true;
	return false;
}

static bool one_mgmt(struct model *m, bool nested, const uint8_t *d, int n)
{
	static const char *const name[] = {
		[EDGEFW_MGMT_A_ZONE] = "ZONE", [EDGEFW_MGMT_A_PROTO] = "PROTO",
		[EDGEFW_MGMT_A_PREFIX] = "PREFIX",
		[EDGEFW_MGMT_A_PREFIX_LEN] = "PREFIX_LEN",
		[EDGEFW_MGMT_A_PORT] = "PORT",
	};
	struct mgmt_ctx mc = { 0 };
	struct cfg *c = &m->cfg;

	if (!nest_ok(m, "MGMT", nested, n))
		return false;
	if (c->n_mgmt == EDGEFW_MAX_MGMT)
		return refuse(m, "more than %d management rules",
			      EDGEFW_MAX_MGMT);
	if (!walk(m, "management rule", d, n, mgmt_attr, &mc, mgmt_once))
		return false;
	for (unsigned int t = 1; t <= EDGEFW_MGMT_A_MAX; t++)
		if (!mc.has[t])
			return refuse(m, "management rule without %s", name[t]);
	if (mc.r.proto != IPPROTO_TCP && mc.r.proto != IPPROTO_UDP)
		return refuse(m, "management rule for protocol %u", mc.r.proto);
	if (mc.r.plen > mc.r.prefix.len * 8)
		return refuse(m, "prefix length %u of a %u-byte address",
			      mc.r.plen, mc.r.prefix.len);
	if (host_bits(&mc.r.prefix, mc.r.plen))
		return refuse(m, "prefix with host bits");
	c->mgmt[c->n_mgmt++] = mc.r;
	return true;
}

/* roles */
struct role_ctx {
	bool type, addrs, internal, media;
	int rtype;
	struct role r;
};

static bool addrs_attr(struct model *m, void *ctx, uint16_t t, bool nested,
		       const uint8_t *d, int n)
{
	struct role_ctx *rc = ctx;
	struct addr a;

	if (t != EDGEFW_A_ADDR)
		return refuse(m, "role addresses: unknown attribute %u", t);
	if (!unicast(m, "role address", nested, d, n, &a))
		return false;
	role_add(&rc->r, &a);	/* duplicates: checked once all parts are in */
	return true;
}

static bool role_attr(struct model *m, void *ctx, uint16_t t, bool nested,
		      const uint8_t *d, int n)
{
	struct role_ctx *rc = ctx;

	switch (t) {
	case EDGEFW_ROLE_A_TYPE:
		if (!fixed(m, "role TYPE", nested, n, 1))
			return false;
		if (d[0] > EDGEFW_ROLE_MAX)
			return refuse(m, "role TYPE %u out of range", d[0]);
		if (!once(m, &rc->type, "role TYPE"))
			return false;
		rc->rtype = d[0];
		return true;
	case EDGEFW_ROLE_A_ADDRS:
		if (!nest_ok(m, "ADDRS", nested, n) ||
		    !once(m, &rc->addrs, "ADDRS"))
			return false;
		return walk(m, "ADDRS", d, n, addrs_attr, rc, none_once);
	case EDGEFW_ROLE_A_INTERNAL_ADDR:
		if (!unicast(m, "internal address", nested, d, n,
			     &rc->r.internal) ||
		    !once(m, &rc->internal, "INTERNAL_ADDR"))
			return false;
		rc->r.has_internal = true;
		return true;
	case EDGEFW_ROLE_A_MEDIA_RANGE:
		if (!fixed(m, "MEDIA_RANGE", nested, n, 1))
			return false;
		if (d[0] > EDGEFW_MEDIA_MAX)
			return refuse(m, "MEDIA_RANGE %u out of range", d[0]);
		if (!once(m, &rc->media, "MEDIA_RANGE"))
			return false;
		rc->r.media = d[0];
		return true;
	}
	return refuse(m, "role: unknown attribute %u", t);
}

static bool one_role(struct model *m, bool nested, const uint8_t *d, int n)
{
	struct role_ctx rc = { .rtype = -1 };
	struct cfg *c = &m->cfg;
	struct role *first;
	bool r;

	if (!nest_ok(m, "ROLE", nested, n))
		return false;
	r = walk(m, "role", d, n, role_attr, &rc, role_once);
	if (r && (!rc.type || !rc.addrs || !rc.r.n))
		r = refuse(m, "role without %s", !rc.type ? "TYPE" : "addresses");
	if (r && rc.media && rc.rtype != EDGEFW_ROLE_AV)
		r = refuse(m, "MEDIA_RANGE on a role other than av");
	if (r && !c->roles[rc.rtype].present) {
		rc.r.present = true;
		c->roles[rc.rtype] = rc.r;
		return true;
	}
	/* a later part of the role: settings agree, addresses add up */
	if (r) {
		first = &c->roles[rc.rtype];
		if (first->media != rc.r.media ||
		    first->has_internal != rc.r.has_internal ||
		    (first->has_internal &&
		     !addr_eq(&first->internal, &rc.r.internal)))
			r = refuse(m, "parts of a role disagree");
		for (uint32_t i = 0; r && i < rc.r.n; i++)
			role_add(first, &rc.r.addrs[i]);
	}
	free(rc.r.addrs);
	return r;
}

static bool set_attr(struct model *m, void *ctx, uint16_t t, bool nested,
		     const uint8_t *d, int n)
{
	struct pool_ctx pc = { 0 };
	struct cfg *c = &m->cfg;
	uint32_t v;

	(void)ctx;
	switch (t) {
	case EDGEFW_A_GENERATION:
		if (!fixed(m, "GENERATION", nested, n, 4) ||
		    !once(m, &m->seen[t], "GENERATION"))
			return false;
		m->has_gen = true;
		m->gen = get32(d);
		return true;
	case EDGEFW_A_FLAGS:
		if (!fixed(m, "FLAGS", nested, n, 4) ||
		    !once(m, &m->seen[t], "FLAGS"))
			return false;
		v = get32(d);
		if (v & ~(uint32_t)__EDGEFW_F_ALL)
			return refuse(m, "unknown flag bits 0x%x", v);
		c->flags = v;
		return true;
	case EDGEFW_A_PROFILE:
		if (!fixed(m, "PROFILE", nested, n, 1) ||
		    !once(m, &m->seen[t], "PROFILE"))
			return false;
		if (d[0] > EDGEFW_PROFILE_MAX)
			return refuse(m, "PROFILE %u out of range", d[0]);
		c->profile = d[0];
		return true;
	case EDGEFW_A_LOG_GROUP:
		if (!fixed(m, "LOG_GROUP", nested, n, 2) ||
		    !once(m, &m->seen[t], "LOG_GROUP"))
			return false;
		c->has_log_group = true;
		c->log_group = get16(d);
		return true;
	case EDGEFW_A_CHECK_ONLY:
		if (!fixed(m, "CHECK_ONLY", nested, n, 0) ||
		    !once(m, &m->seen[t], "CHECK_ONLY"))
			return false;
		m->check_only = true;
		return true;
	case EDGEFW_A_CONFIRM_TIMEOUT:
		if (!fixed(m, "CONFIRM_TIMEOUT", nested, n, 4) ||
		    !once(m, &m->seen[t], "CONFIRM_TIMEOUT"))
			return false;
		v = get32(d);
		if (!v || v > EDGEFW_MAX_CONFIRM_SECONDS)
			return refuse(m, "CONFIRM_TIMEOUT %u out of range", v);
		m->timeout = v;
		return true;
	case EDGEFW_A_POOL:
		if (!nest_ok(m, "POOL", nested, n) ||
		    !once(m, &m->seen[t], "POOL"))
			return false;
		return walk(m, "pool", d, n, pool_attr, &pc, pool_once) &&
		       pool_one_role_each(m);
	case EDGEFW_A_BINDINGS:
		if (!nest_ok(m, "BINDINGS", nested, n) ||
		    !once(m, &m->seen[t], "BINDINGS"))
			return false;
		return walk(m, "bindings", d, n, bindings_attr, NULL, none_once);
	case EDGEFW_A_MGMT:
		return one_mgmt(m, nested, d, n);
	case EDGEFW_A_ROLE:
		return one_role(m, nested, d, n);
	}
	return refuse(m, "unknown top-level attribute %u", t);
}

/* What only the whole configuration tells. */
static bool set_whole(struct model *m)
{
	const struct cfg *c = &m->cfg;
	const struct role *av = &c->roles[EDGEFW_ROLE_AV];

	for (unsigned int r = 0; r < ARRAY_SIZE(c->roles); r++) {
		const struct role *rc = &c->roles[r];

		if (rc->n > EDGEFW_MAX_ROLE_ADDRS)
			return refuse(m, "more than %d addresses in a role",
				      EDGEFW_MAX_ROLE_ADDRS);
		for (uint32_t i = 1; i < rc->n; i++)
			if (addr_eq(&rc->addrs[i - 1], &rc->addrs[i]))
				return refuse(m, "role address listed twice");
	}
	for (uint32_t i = 1; i < c->n_mgmt; i++)
		if (!mgmt_cmp(&c->mgmt[i - 1], &c->mgmt[i]))
			return refuse(m, "management rule given twice");
	if ((c->flags & EDGEFW_F_XMPP) && c->profile != EDGEFW_PROFILE_SFB2015)
		return refuse(m, "XMPP outside profile sfb2015");
	if (c->profile != EDGEFW_PROFILE_LYNC2010 && av->present &&
	    av->media == EDGEFW_MEDIA_OCS2007)
		return refuse(m, "media range ocs2007 under a Skype for Business profile");
	return true;
}

/* One EDGEFW_QUERY_A_*: the policy (every copy); the last one counts. */
static bool query_attr(struct model *m, void *ctx, uint16_t t, bool nested,
		       const uint8_t *d, int n)
{
	struct query *q = ctx;

	switch (t) {
	case EDGEFW_QUERY_A_IFNAME:
		if (!ifname_attr(m, "query IFNAME", nested, d, n, q->ifname))
			return false;
		break;
	case EDGEFW_QUERY_A_DIR:
		if (!fixed(m, "DIR", nested, n, 1))
			return false;
		if (d[0] > EDGEFW_DIR_MAX)
			return refuse(m, "DIR %u out of range", d[0]);
		q->dir = d[0];
		break;
	case EDGEFW_QUERY_A_PROTO:
		if (!fixed(m, "query PROTO", nested, n, 1))
			return false;
		q->proto = d[0];
		break;
	case EDGEFW_QUERY_A_SRC:
	case EDGEFW_QUERY_A_DST:
		if (!address(m, "query address", nested, d, n,
			     t == EDGEFW_QUERY_A_SRC ? &q->src : &q->dst))
			return false;
		break;
	case EDGEFW_QUERY_A_SPORT:
	case EDGEFW_QUERY_A_DPORT:
		if (!fixed(m, "query port", nested, n, 2))
			return false;
		*(t == EDGEFW_QUERY_A_SPORT ? &q->sport : &q->dport) = get16(d);
		break;
	default:
		return refuse(m, "query: unknown attribute %u", t);
	}
	if (q->has[t])
		return refuse(m, "query: attribute %u given twice", t);
	q->has[t] = true;
	return true;
}

static bool verdict_attr(struct model *m, void *ctx, uint16_t t, bool nested,
			 const uint8_t *d, int n)
{
	struct query q = { 0 };

	(void)ctx;
	if (t != EDGEFW_A_QUERY)
		return refuse(m, "attribute %u in a verdict request", t);
	if (!nest_ok(m, "QUERY", nested, n) ||
	    !walk(m, "query", d, n, query_attr, &q, none_once))
		return false;
	if (m->q_seen)
		return refuse(m, "two QUERY nests");
	m->q_seen = true;
	m->q = q;
	return true;
}

/* What the kernel reads of the query in force (the last one). */
static bool verdict_whole(struct model *m)
{
	static const char *const name[] = {
		[EDGEFW_QUERY_A_IFNAME] = "IFNAME", [EDGEFW_QUERY_A_DIR] = "DIR",
		[EDGEFW_QUERY_A_PROTO] = "PROTO", [EDGEFW_QUERY_A_SRC] = "SRC",
		[EDGEFW_QUERY_A_DST] = "DST",
	};
	const struct query *q = &m->q;

	if (!m->q_seen)
		return refuse(m, "verdict without QUERY");
	for (unsigned int t = 1; t <= EDGEFW_QUERY_A_DST; t++)
		if (!q->has[t])
			return refuse(m, "query without %s", name[t]);
	if (q->proto != IPPROTO_TCP && q->proto != IPPROTO_UDP)
		return refuse(m, "query for protocol %u", q->proto);
	if (q->src.len != q->dst.len)
		return refuse(m, "query: source and destination of two families");
	return true;
}

static bool no_attr(struct model *m, void *ctx, uint16_t t, bool nested,
		    const uint8_t *d, int n)
{
	(void)ctx, (void)nested, (void)d, (void)n;
	return refuse(m, "attribute %u in a request that takes none", t);
}

/* The body of a command, as the contract says; false if refused. */
static bool judge_body(struct model *m, const uint8_t *p, int len)
{
	switch (m->cmd) {
	case EDGEFW_CMD_GET_CONFIG:
	case EDGEFW_CMD_GET_RULES:
		if (!m->dump)
			return refuse_err(m, EOPNOTSUPP, "dump command without NLM_F_DUMP");
		return walk(m, "request", p, len, no_attr, NULL, none_once);
	case EDGEFW_CMD_RESET_COUNTERS:
	case EDGEFW_CMD_CONFIRM:
	case EDGEFW_CMD_REVERT:
	case EDGEFW_CMD_GET_INFO:
		if (m->dump)
			return refuse_err(m, EOPNOTSUPP, "command %d as a dump", m->cmd);
		return walk(m, "request", p, len, no_attr, NULL, none_once);
	case EDGEFW_CMD_SET_CONFIG:
		if (m->dump)
			return refuse_err(m, EOPNOTSUPP, "SET_CONFIG as a dump");
		if (!walk(m, "SET_CONFIG", p, len, set_attr, NULL, set_once))
			return false;
		cfg_canon(&m->cfg);
		return set_whole(m);
	case EDGEFW_CMD_VERDICT:
		if (m->dump)
			return refuse_err(m, EOPNOTSUPP, "VERDICT as a dump");
		return walk(m, "VERDICT", p, len, verdict_attr, NULL, none_once) &&
		       verdict_whole(m);
	}
	return refuse_err(m, EOPNOTSUPP, "unknown command %d", m->cmd);
}

/*
 * Whether the namespace has an interface @name. Not if_nametoindex(): its
 * SIOCGIFINDEX makes the kernel try to load a module "netdev-NAME" for an
 * unknown name (modprobe, a second each under TCG). if_nameindex() reads
 * the list over rtnetlink; it is read once, the interfaces do not change
 * while a mode runs.
 */
static bool ifname_exists(const char *name)
{
	static struct if_nameindex *list;
	struct if_nameindex *i;

	if (!list)
		list = if_nameindex();
	if (!list)
		die("if_nameindex: %s", strerror(errno));
	for (i = list; i->if_index; i++)
		if (!strcmp(i->if_name, name))
			return true;
	return false;
}

/*
 * What the request meets once it is well-formed: the protocol version
 * (every command but GET_INFO), then the state of the namespace.
 */
static void judge_state(struct model *m, uint8_t version,
			const struct kstate *ks)
{
	uint32_t logs = m->cfg.flags & EDGEFW_F_LOG_DROPS;

	if (m->cmd != EDGEFW_CMD_GET_INFO &&
	    (version < EDGEFW_GENL_VERSION_MIN || version > EDGEFW_GENL_VERSION)) {
		refuse_err(m, EPROTO, "protocol version %u", version);
		return;
	}
	switch (m->cmd) {
	case EDGEFW_CMD_SET_CONFIG:
		if (ks->pending && !m->check_only)
			refuse_err(m, EBUSY, "a change waits for confirmation");
		else if (m->has_gen && m->gen != ks->gen)
			refuse_err(m, ESTALE, "stale generation %u (current %u)",
				   m->gen, ks->gen);
		else if (logs && !(m->cfg.has_log_group ? have_log_nflog :
				   have_log_kernel))
			refuse(m, "no nf_log backend to log drops to");
		if (m->check_only)
			m->timeout = 0;
		break;
	case EDGEFW_CMD_CONFIRM:
	case EDGEFW_CMD_REVERT:
		if (!ks->pending)
			refuse_err(m, ENOENT, "no change waits for confirmation");
		break;
	case EDGEFW_CMD_VERDICT:
		if (!ifname_exists(m->q.ifname))
			refuse_err(m, ENODEV, "no interface '%s'", m->q.ifname);
		break;
	}
}

static void model_reset(struct model *m)
{
	cfg_free(&m->cfg);
	memset(m, 0, sizeof(*m));
}

/* The model's verdict on the datagram @p of @len bytes. */
static void model_judge(struct model *m, const uint8_t *p, size_t len,
			const struct kstate *ks)
{
	uint32_t nlen;
	uint16_t flags;

	model_reset(m);
	m->v = V_ACCEPT;
	m->cmd = -1;
	if (len < NLMSG_HDRLEN) {
		m->v = V_NOREPLY;
		snprintf(m->why, sizeof(m->why), "shorter than a header");
		return;
	}
	nlen = get32(p);
	flags = get16(p + 6);
	if (nlen >= NLMSG_HDRLEN && nlen <= len && get16(p + 4) != fam_id) {
		refuse_err(m, ENOENT, "not edgefw's family id");
		return;
	}
	if (nlen < NLMSG_HDRLEN || nlen > len) {
		m->v = V_NOREPLY;
		snprintf(m->why, sizeof(m->why), "nlmsg_len %u of a %zu-byte datagram",
			 nlen, len);
		return;
	}
	if (!(flags & NLM_F_REQUEST)) {
		m->v = V_IGNORED;
		snprintf(m->why, sizeof(m->why), "not a request");
		return;
	}
	if (nlen < NLMSG_HDRLEN + GENL_HDRLEN) {
		refuse_err(m, EINVAL, "genetlink header cut");
		return;
	}
	m->cmd = p[NLMSG_HDRLEN];
	m->dump = (flags & NLM_F_DUMP) == NLM_F_DUMP;
	/* genetlink's header check (genl_header_check()) */
	if (get16(p + NLMSG_HDRLEN + 2)) {
		refuse_err(m, EINVAL, "genlmsghdr.reserved not 0");
		return;
	}
	if ((m->dump ? flags & ~NLM_F_DUMP : flags) &
	    ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO)) {
		refuse_err(m, EINVAL, "ambiguous netlink flags 0x%x", flags);
		return;
	}
	if (judge_body(m, p + NLMSG_HDRLEN + GENL_HDRLEN,
		       (int)(nlen - NLMSG_HDRLEN - GENL_HDRLEN)))
		judge_state(m, p[NLMSG_HDRLEN + 1], ks);
}

/* ---- answers: what the contract says comes back ------------------------ */

/* What a change did or would do: the SET_CONFIG reply. */
struct change_info {
	uint32_t gen, before, after, kept, kbytes;
};

/* Checks the reply to an accepted SET_CONFIG; NULL or why it is wrong. */
static const char *set_reply_check(const struct reply *r,
				   struct change_info *ci)
{
	const struct nlattr *tb[EDGEFW_A_MAX + 1], *ck[EDGEFW_CHECK_A_MAX + 1];
	const struct nlmsghdr *h = reply_msg(r, EDGEFW_CMD_SET_CONFIG);

	if (!h)
		return "no SET_CONFIG reply";
	if (!msg_table(h, tb, EDGEFW_A_MAX, 0) ||
	    attr_uint(tb[EDGEFW_A_GENERATION], 4) < 0 || !tb[EDGEFW_A_CHECK] ||
	    !nest_table(tb[EDGEFW_A_CHECK], ck, EDGEFW_CHECK_A_MAX, 0))
		return "reply without GENERATION and CHECK";
	for (unsigned int t = 1; t <= EDGEFW_CHECK_A_MAX; t++)
		if (attr_uint(ck[t], 4) < 0)
			return "CHECK without every count";
	ci->gen = mnl_attr_get_u32(tb[EDGEFW_A_GENERATION]);
	ci->before = mnl_attr_get_u32(ck[EDGEFW_CHECK_A_RULES_BEFORE]);
	ci->after = mnl_attr_get_u32(ck[EDGEFW_CHECK_A_RULES_AFTER]);
	ci->kept = mnl_attr_get_u32(ck[EDGEFW_CHECK_A_RULES_KEPT]);
	ci->kbytes = mnl_attr_get_u32(ck[EDGEFW_CHECK_A_BYTES]);
	if (ci->kept > ci->before || ci->kept > ci->after)
		return "more rules kept than there are";
	if (ci->after && !ci->kbytes)
		return "a rule set that takes no memory";
	return NULL;
}

/* The u64 counters of a rule or zone. */
static bool has_u64(const struct nlattr *a)
{
	return a && mnl_attr_get_payload_len(a) == 8;
}

/*
 * One rule of a rules dump. Management rules are matched to the
 * configuration's (@used: those matched so far), and their ROW numbers
 * 1, 2, ... (@rows) are given once each.
 */
static const char *rule_check(const struct nlattr *nest, const struct cfg *c,
			      bool *used, bool *rows)
{
	const struct nlattr *tb[EDGEFW_RULE_A_MAX + 1];
	int64_t kind, role, zone, dir, proto, row;
	struct addr src;

	if (!nest_table(nest, tb, EDGEFW_RULE_A_MAX, RULE_REPEATS))
		return "a rule attribute given twice";
	kind = attr_uint(tb[EDGEFW_RULE_A_KIND], 1);
	role = attr_uint(tb[EDGEFW_RULE_A_ROLE], 1);
	row = attr_uint(tb[EDGEFW_RULE_A_ROW], 2);
	zone = attr_uint(tb[EDGEFW_RULE_A_ZONE], 1);
	dir = attr_uint(tb[EDGEFW_RULE_A_DIR], 1);
	proto = attr_uint(tb[EDGEFW_RULE_A_PROTO], 1);
	if (kind < 0 || kind >= __EDGEFW_RULE_KIND_LAST || row < 1 ||
	    zone < 0 || zone > EDGEFW_ZONE_MAX || dir < 0 ||
	    dir > EDGEFW_DIR_MAX || (proto != IPPROTO_TCP && proto != IPPROTO_UDP))
		return "a rule without a valid KIND, ROW, ZONE, DIR or PROTO";
	for (unsigned int t = EDGEFW_RULE_A_SPORT_MIN; t <= EDGEFW_RULE_A_DPORT_MAX; t++)
		if (attr_uint(tb[t], 2) < 0)
			return "a rule without its ports";
	if (mnl_attr_get_u16(tb[EDGEFW_RULE_A_SPORT_MIN]) >
	    mnl_attr_get_u16(tb[EDGEFW_RULE_A_SPORT_MAX]) ||
	    mnl_attr_get_u16(tb[EDGEFW_RULE_A_DPORT_MIN]) >
	    mnl_attr_get_u16(tb[EDGEFW_RULE_A_DPORT_MAX]))
		return "a rule with a port range backwards";
	if (!has_u64(tb[EDGEFW_RULE_A_PACKETS]) || !has_u64(tb[EDGEFW_RULE_A_BYTES]) ||
	    !tb[EDGEFW_RULE_A_USED_FOR])
		return "a rule without counters or USED_FOR";
	if (kind == EDGEFW_RULE_REPLY && (!tb[EDGEFW_RULE_A_STATELESS] ||
					  !(c->flags & EDGEFW_F_STATELESS_MEDIA)))
		return "a REPLY rule that is not STATELESS, or without stateless media";
	if (kind != EDGEFW_RULE_MGMT) {
		if (role < 0 || role > EDGEFW_ROLE_MAX || !c->roles[role].present)
			return "a reference rule of a role not configured";
		if (tb[EDGEFW_RULE_A_SRC_PREFIX_LEN])
			return "a reference rule with SRC_PREFIX_LEN";
		return NULL;
	}
	/* management rules: the configuration's, in its order */
	if (tb[EDGEFW_RULE_A_ROLE])
		return "a management rule with a ROLE";
	if (row > c->n_mgmt || dir != EDGEFW_DIR_IN || tb[EDGEFW_RULE_A_DST] ||
	    !tb[EDGEFW_RULE_A_SRC] || !get_addr_attr(tb[EDGEFW_RULE_A_SRC], &src) ||
	    attr_uint(tb[EDGEFW_RULE_A_SRC_PREFIX_LEN], 1) < 0)
		return "a management rule without ROW, SRC or SRC_PREFIX_LEN";
	if (rows[row - 1])
		return "two management rules with one ROW";
	rows[row - 1] = true;
	for (uint32_t i = 0; i < c->n_mgmt; i++) {
		const struct mgmt *m = &c->mgmt[i];

		if (!used[i] && m->zone == zone && m->proto == proto &&
		    addr_eq(&m->prefix, &src) &&
		    m->plen == mnl_attr_get_u8(tb[EDGEFW_RULE_A_SRC_PREFIX_LEN]) &&
		    m->port == mnl_attr_get_u16(tb[EDGEFW_RULE_A_DPORT_MIN]) &&
		    m->port == mnl_attr_get_u16(tb[EDGEFW_RULE_A_DPORT_MAX])) {
			used[i] = true;
			return NULL;
		}
	}
	return "a management rule that is not the configuration's";
}

static const char *zone_stats_check(const struct nlattr *nest, uint8_t zone)
{
	const struct nlattr *tb[EDGEFW_ZSTAT_A_MAX + 1];

	if (!nest_table(nest, tb, EDGEFW_ZSTAT_A_MAX, ZSTAT_REPEATS) ||
	    attr_uint(tb[EDGEFW_ZSTAT_A_ZONE], 1) != zone)
		return "zone counters out of order";
	for (unsigned int t = EDGEFW_ZSTAT_A_ACCEPT_STATE; t <= EDGEFW_ZSTAT_A_MAX; t++)
		if (t != EDGEFW_ZSTAT_A_PAD && !has_u64(tb[t]))
			return "zone counters without every reason";
	return NULL;
}

/* What makes a rule itself: all but its counters and USED_FOR. */
struct rule_key {
	uint8_t kind, role, zone, dir, proto, plen, stateless;
	uint16_t row, ports[4];
	struct addr src, dst;
};

static void rule_key(const struct nlattr *nest, struct rule_key *k)
{
	const struct nlattr *tb[EDGEFW_RULE_A_MAX + 1];

	memset(k, 0, sizeof(*k));
	nest_table(nest, tb, EDGEFW_RULE_A_MAX, RULE_REPEATS);
	k->kind = (uint8_t)attr_uint(tb[EDGEFW_RULE_A_KIND], 1);
	k->role = (uint8_t)attr_uint(tb[EDGEFW_RULE_A_ROLE], 1);
	k->zone = (uint8_t)attr_uint(tb[EDGEFW_RULE_A_ZONE], 1);
	k->dir = (uint8_t)attr_uint(tb[EDGEFW_RULE_A_DIR], 1);
	k->proto = (uint8_t)attr_uint(tb[EDGEFW_RULE_A_PROTO], 1);
	k->plen = (uint8_t)attr_uint(tb[EDGEFW_RULE_A_SRC_PREFIX_LEN], 1);
	k->stateless = !!tb[EDGEFW_RULE_A_STATELESS];
	k->row = (uint16_t)attr_uint(tb[EDGEFW_RULE_A_ROW], 2);
	for (unsigned int i = 0; i < 4; i++)
		k->ports[i] = (uint16_t)attr_uint(tb[EDGEFW_RULE_A_SPORT_MIN + i], 2);
	if (tb[EDGEFW_RULE_A_SRC])
		get_addr_attr(tb[EDGEFW_RULE_A_SRC], &k->src);
	if (tb[EDGEFW_RULE_A_DST])
		get_addr_attr(tb[EDGEFW_RULE_A_DST], &k->dst);
}

static int rule_key_cmp(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(struct rule_key));
}

/* Whether a rules dump holds one rule twice (BUGS.txt #8). */
static bool rules_repeat(const struct reply *r)
{
	const struct nlmsghdr *h;
	struct rule_key *keys = NULL;
	size_t n = 0, cap = 0;
	int rem = (int)r->dump.len;
	bool twice = false;

	for (h = (const struct nlmsghdr *)r->dump.d; mnl_nlmsg_ok(h, rem);
	     h = mnl_nlmsg_next(h, &rem)) {
		const struct nlattr *tb[EDGEFW_A_MAX + 1];

		if (!msg_table(h, tb, EDGEFW_A_MAX, 0) || !tb[EDGEFW_A_RULE])
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			keys = realloc(keys, cap * sizeof(*keys));
			if (!keys)
				die("out of memory");
		}
		rule_key(tb[EDGEFW_A_RULE], &keys[n++]);
	}
	qsort(keys, n, sizeof(*keys), rule_key_cmp);
	for (size_t i = 1; i < n && !twice; i++)
		twice = !rule_key_cmp(&keys[i - 1], &keys[i]);
	free(keys);
	return twice;
}

/*
 * Checks a GET_RULES dump against the configuration @c at generation
 * @gen: one rule per message, each once, then the counters of each zone.
 * Sets *@n_rules; NULL or why it is wrong.
 */
static const char *rules_check(const struct reply *r, const struct cfg *c,
			       uint32_t gen, uint32_t *n_rules)
{
	bool used[EDGEFW_MAX_MGMT] = { 0 }, rows[EDGEFW_MAX_MGMT] = { 0 };
	const struct nlmsghdr *h;
	uint32_t zones = 0;
	int rem = (int)r->dump.len;

	*n_rules = 0;
	if (r->err || r->intr)
		return r->err ? "GET_RULES failed" : "GET_RULES interrupted";
	for (h = (const struct nlmsghdr *)r->dump.d; mnl_nlmsg_ok(h, rem);
	     h = mnl_nlmsg_next(h, &rem)) {
		const struct nlattr *tb[EDGEFW_A_MAX + 1];
		const char *e;

		if (!msg_table(h, tb, EDGEFW_A_MAX, 0) ||
		    attr_uint(tb[EDGEFW_A_GENERATION], 4) != gen)
			return "a GET_RULES message without the generation";
		if (tb[EDGEFW_A_RULE] && !tb[EDGEFW_A_ZONE_STATS] && !zones) {
			e = rule_check(tb[EDGEFW_A_RULE], c, used, rows);
			(*n_rules)++;
		} else if (tb[EDGEFW_A_ZONE_STATS] && !tb[EDGEFW_A_RULE] &&
			   zones <= EDGEFW_ZONE_MAX) {
			e = zone_stats_check(tb[EDGEFW_A_ZONE_STATS], zones++);
		} else {
			e = "a message that is not one rule then one zone each";
		}
		if (e)
			return e;
	}
	if (zones != __EDGEFW_ZONE_LAST)
		return "not the counters of each zone";
	for (uint32_t i = 0; i < c->n_mgmt; i++)
		if (!used[i])
			return "not one rule per management rule";
	if (rules_repeat(r))
		return "a rule given twice (BUGS.txt #8)";
	return NULL;
}

/* The rules in force, from a GET_RULES dump; NULL or why it is wrong. */
static const char *rules_now(const struct cfg *c, uint32_t gen,
			     uint32_t *n_rules)
{
	struct buf b = { 0 };
	struct reply r = { 0 };
	const char *e;

	msg_start(&b, DUMP, EDGEFW_CMD_GET_RULES);
	msg_end(&b);
	xchg(&b, b.len, &r);
	e = rules_check(&r, c, gen, n_rules);
	buf_free(&b);
	buf_free(&r.dump);
	return e;
}

/* The zone a binding of @c gives @ifname, or -1. */
static int zone_of(const struct cfg *c, const char *ifname)
{
	for (uint32_t i = 0; i < c->n_b; i++)
		if (c->b[i].ifindex && !strcmp(c->b[i].name, ifname))
			return c->b[i].zone;
	return -1;
}

/* @port lies in the range of the u16 attributes @min..@max. */
static bool in_range(const struct nlattr *min, const struct nlattr *max,
		     uint16_t port)
{
	return attr_uint(min, 2) >= 0 && attr_uint(max, 2) >= 0 &&
	       mnl_attr_get_u16(min) <= port && port <= mnl_attr_get_u16(max);
}

/* Checks a verdict for query @q, judged with @c at generation @gen. */
static const char *verdict_check(const struct reply *r, const struct query *q,
				 const struct cfg *c, uint32_t gen)
{
	const struct nlattr *tb[EDGEFW_A_MAX + 1], *v[EDGEFW_VERDICT_A_MAX + 1];
	const struct nlattr *rt[EDGEFW_RULE_A_MAX + 1];
	const struct nlmsghdr *h = reply_msg(r, EDGEFW_CMD_VERDICT);
	int zone = zone_of(c, q->ifname);
	int64_t accept, reason;
	bool audit = c->flags & EDGEFW_F_AUDIT;

	if (!h || !msg_table(h, tb, EDGEFW_A_MAX, 0) || !tb[EDGEFW_A_VERDICT] ||
	    !nest_table(tb[EDGEFW_A_VERDICT], v, EDGEFW_VERDICT_A_MAX, 0))
		return "no VERDICT reply";
	if (attr_uint(tb[EDGEFW_A_GENERATION], 4) != gen)
		return "a verdict without the generation in force";
	accept = attr_uint(v[EDGEFW_VERDICT_A_ACCEPT], 1);
	reason = attr_uint(v[EDGEFW_VERDICT_A_REASON], 1);
	if (zone < 0)
		return reason == EDGEFW_R_UNBOUND && accept == 1 &&
		       !v[EDGEFW_VERDICT_A_ZONE] && !v[EDGEFW_VERDICT_A_RULE] ? NULL :
		       "an interface not bound: not accepted as unbound";
	if (attr_uint(v[EDGEFW_VERDICT_A_ZONE], 1) != zone)
		return "a verdict in another zone than the binding's";
	if (reason == EDGEFW_R_NO_RULE && !audit && accept == 0 &&
	    !v[EDGEFW_VERDICT_A_RULE])
		return NULL;
	if (reason == EDGEFW_R_AUDIT && audit && accept == 1 &&
	    !v[EDGEFW_VERDICT_A_RULE])
		return NULL;
	if (reason != EDGEFW_R_RULE || accept != 1 || !v[EDGEFW_VERDICT_A_RULE])
		return "a verdict that is neither a rule, no rule nor audit";
	if (!nest_table(v[EDGEFW_VERDICT_A_RULE], rt, EDGEFW_RULE_A_MAX, RULE_REPEATS))
		return "a RULE with an attribute twice";
	if (!rt[EDGEFW_RULE_A_KIND] && rt[EDGEFW_A_RULE] &&
	    mnl_attr_get_type(rt[EDGEFW_A_RULE]) == EDGEFW_A_RULE &&
	    (rt[EDGEFW_A_RULE]->nla_type & NLA_F_NESTED))
		return "VERDICT_A_RULE holds an EDGEFW_A_RULE nest, not the EDGEFW_RULE_A_* the header says (BUGS.txt #4)";
	if (attr_uint(rt[EDGEFW_RULE_A_ZONE], 1) != zone ||
	    attr_uint(rt[EDGEFW_RULE_A_DIR], 1) != q->dir ||
	    attr_uint(rt[EDGEFW_RULE_A_PROTO], 1) != q->proto ||
	    !in_range(rt[EDGEFW_RULE_A_SPORT_MIN], rt[EDGEFW_RULE_A_SPORT_MAX],
		      q->sport) ||
	    !in_range(rt[EDGEFW_RULE_A_DPORT_MIN], rt[EDGEFW_RULE_A_DPORT_MAX],
		      q->dport))
		return "the matching rule does not match the query";
	return NULL;
}

/* Checks the reply to GET_INFO: the versions this header speaks. */
static const char *info_check(const struct reply *r)
{
	const struct nlattr *tb[EDGEFW_A_MAX + 1], *in[EDGEFW_INFO_A_MAX + 1];
	const struct nlmsghdr *h = reply_msg(r, EDGEFW_CMD_GET_INFO);

	if (!h || !msg_table(h, tb, EDGEFW_A_MAX, 0) || !tb[EDGEFW_A_INFO] ||
	    !nest_table(tb[EDGEFW_A_INFO], in, EDGEFW_INFO_A_MAX, 0))
		return "no INFO reply";
	if (!in[EDGEFW_INFO_A_VERSION] ||
	    mnl_attr_validate(in[EDGEFW_INFO_A_VERSION], MNL_TYPE_NUL_STRING) ||
	    !*mnl_attr_get_str(in[EDGEFW_INFO_A_VERSION]))
		return "INFO without the module's version";
	if (attr_uint(in[EDGEFW_INFO_A_PROTOCOL], 4) != EDGEFW_GENL_VERSION ||
	    attr_uint(in[EDGEFW_INFO_A_PROTOCOL_MIN], 4) != EDGEFW_GENL_VERSION_MIN)
		return "INFO with other protocol versions than this header's";
	return NULL;
}

/* An event (EDGEFW_CMD_CHANGED), decoded. */
struct event {
	uint32_t gen;
	int what;
	bool by_task;			/* PID, UID and COMM given */
	uint32_t pid, uid;
};

static const char *event_decode(const struct nlmsghdr *h, struct event *ev)
{
	const struct nlattr *tb[EDGEFW_A_MAX + 1], *e[EDGEFW_EVENT_A_MAX + 1];
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(h);
	unsigned int task;

	if (h->nlmsg_type != fam_id || g->cmd != EDGEFW_CMD_CHANGED)
		return "not an EDGEFW_CMD_CHANGED";
	if (!msg_table(h, tb, EDGEFW_A_MAX, 0) ||
	    attr_uint(tb[EDGEFW_A_GENERATION], 4) < 0 || !tb[EDGEFW_A_EVENT] ||
	    !nest_table(tb[EDGEFW_A_EVENT], e, EDGEFW_EVENT_A_MAX, 0) ||
	    attr_uint(e[EDGEFW_EVENT_A_WHAT], 1) < 0 ||
	    attr_uint(e[EDGEFW_EVENT_A_RULES], 4) < 0)
		return "an event without GENERATION, WHAT and RULES";
	task = !!e[EDGEFW_EVENT_A_PID] + !!e[EDGEFW_EVENT_A_UID] +
	       !!e[EDGEFW_EVENT_A_COMM];
	if (task != 0 && task != 3)
		return "an event with part of PID, UID and COMM";
	ev->gen = mnl_attr_get_u32(tb[EDGEFW_A_GENERATION]);
	ev->what = mnl_attr_get_u8(e[EDGEFW_EVENT_A_WHAT]);
	ev->by_task = task;
	ev->pid = task ? mnl_attr_get_u32(e[EDGEFW_EVENT_A_PID]) : 0;
	ev->uid = task ? mnl_attr_get_u32(e[EDGEFW_EVENT_A_UID]) : 0;
	return NULL;
}

/* A socket that listens to the events; NULL (errno set) if refused. */
static struct mnl_socket *events_open(void)
{
	struct mnl_socket *s = mnl_socket_open(NETLINK_GENERIC);

	if (!s || mnl_socket_bind(s, 0, MNL_SOCKET_AUTOPID) < 0)
		die("cannot open a generic netlink socket: %s", strerror(errno));
	if (setsockopt(mnl_socket_get_fd(s), SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
		       &mcgrp_id, sizeof(mcgrp_id))) {
		int e = errno;

		mnl_socket_close(s);
		errno = e;
		return NULL;
	}
	return s;
}

/* The events queued on @s, up to @max, waiting up to @ms for the first. */
static unsigned int events_read(struct mnl_socket *s, struct event *evs,
				unsigned int max, int ms, const char **err)
{
	struct pollfd p = { .fd = mnl_socket_get_fd(s), .events = POLLIN };
	unsigned int n = 0;

	*err = NULL;
	while (poll(&p, 1, n ? 0 : ms) > 0) {
		ssize_t len = recv(p.fd, rxbuf, RXBUF_SIZE, 0);
		const struct nlmsghdr *h;
		int rem = (int)len;

		if (len <= 0)
			break;
		for (h = (const struct nlmsghdr *)rxbuf; mnl_nlmsg_ok(h, rem);
		     h = mnl_nlmsg_next(h, &rem)) {
			struct event ev;
			const char *e = event_decode(h, &ev);

			if (e)
				*err = e;
			else if (n < max)
				evs[n++] = ev;
		}
	}
	return n;
}

/* ---- modes: valid, gen ------------------------------------------------- */

/* Sends an attribute-less request @cmd; the answer in @r. */
static void simple_request(uint16_t flags, uint8_t cmd, struct reply *r)
{
	struct buf b = { 0 };

	msg_start(&b, flags, cmd);
	msg_end(&b);
	xchg(&b, b.len, r);
	buf_free(&b);
}

static int mode_valid(void)
{
	struct cfg ref, got = { 0 };
	struct change_info ci = { 0 };
	struct buf b = { 0 };
	struct reply r = { 0 };
	struct snap s = { 0 };
	uint32_t n_rules;
	const char *e;

	cfg_reference(&ref);
	cfg_msg(&b, &ref, NULL);
	xchg(&b, b.len, &r);
	if (r.err)
		not_ok("valid: reference SET_CONFIG refused: %s %s",
		       errname(r.err), r.msg);
	else
		ok("valid: reference SET_CONFIG accepted");
	e = r.err ? "refused" : set_reply_check(&r, &ci);
	snapshot(&s);
	if (e || ci.gen != s.gen)
		not_ok("valid: the reply carries the new generation and what changed (%s)",
		       e ?: "another generation");
	else
		ok("valid: the reply carries generation %u and %u rules (%u before, %u kept, %u kB)",
		   ci.gen, ci.after, ci.before, ci.kept, ci.kbytes);
	cfg_canon(&ref);
	e = s.err ? "dump failed" : cfg_from_snap(&s, &got);
	if (!e)
		e = cfg_diff(&ref, &got);
	if (e)
		not_ok("valid: GET_CONFIG shows the reference (%s)", e);
	else
		ok("valid: GET_CONFIG shows the reference (generation %u)", s.gen);
	e = rules_now(&got, s.gen, &n_rules);
	if (!e && n_rules != ci.after)
		e = "not as many rules as the reply said";
	if (e)
		not_ok("valid: GET_RULES shows the rules and counters (%s)", e);
	else
		ok("valid: GET_RULES shows %u rules and the counters of each zone",
		   n_rules);
	simple_request(REQ, EDGEFW_CMD_GET_INFO, &r);
	e = r.err ? errname(r.err) : info_check(&r);
	if (e)
		not_ok("valid: GET_INFO tells the protocol versions (%s)", e);
	else
		ok("valid: GET_INFO tells protocol %d..%d", EDGEFW_GENL_VERSION_MIN,
		   EDGEFW_GENL_VERSION);
	cfg_free(&ref);
	cfg_free(&got);
	buf_free(&b);
	buf_free(&r.dump);
	return finish();
}

/* ---- mode: malformed --------------------------------------------------- */

struct ctx {
	struct cfg ref;			/* the reference configuration */
	struct cfg now;			/* the configuration in force */
	uint32_t gen;			/* generation in force */
	size_t send_len;		/* 0: the whole buffer */
	struct query q;			/* the verdict query sent */
};

typedef void (*build_fn)(struct buf *b, struct ctx *c);

/* Checks an accepted request's reply; NULL or why it is wrong. */
typedef const char *(*answer_fn)(const struct reply *r, const struct ctx *c);

struct tcase {
	const char *name;
	int expect;			/* errno, 0, NOREPLY, ANY_ERRNO */
	build_fn build;
	unsigned int flags;
	answer_fn answer;		/* accepted: what the reply must be */
};

#define T_CHANGES	1	/* accepted and changes the configuration */
#define T_READS		2	/* accepted and answers, changing nothing */

static void set_hdr(struct buf *b)
{
	msg_start(b, REQ, EDGEFW_CMD_SET_CONFIG);
}

/* The reference as attributes (no header). */
static void ref_attrs(struct buf *b, struct ctx *c)
{
	cfg_put(b, &c->ref);
}

/* -- transport -- */
static void t_short(struct buf *b, struct ctx *c)
{
	set_hdr(b);
	msg_end(b);
	c->send_len = 8;
}

static void t_len8(struct buf *b, struct ctx *c)
{
	(void)c;
	set_hdr(b);
	a_u32(b, EDGEFW_A_FLAGS, 0);
	set32(b->d, 8);
}

static void t_len_long(struct buf *b, struct ctx *c)
{
	set_hdr(b);
	ref_attrs(b, c);
	msg_end(b);
	set32(b->d, (uint32_t)b->len + 64);
}

static void t_no_genl(struct buf *b, struct ctx *c)
{
	set_hdr(b);
	b->len = NLMSG_HDRLEN;
	msg_end(b);
	c->send_len = b->len;
}

static void t_genl_cut(struct buf *b, struct ctx *c)
{
	set_hdr(b);
	b->len = NLMSG_HDRLEN + 2;
	msg_end(b);
	c->send_len = b->len;
}

static void t_bad_family(struct buf *b, struct ctx *c)
{
	(void)c;
	set_hdr(b);
	msg_end(b);
	set16(b->d + 4, 0xfffe);
}

static void t_not_request(struct buf *b, struct ctx *c)
{
	(void)c;
	msg_start(b, NLM_F_ACK, EDGEFW_CMD_SET_CONFIG);	/* empty: a flush */
	msg_end(b);
}

/* -- commands -- */
static void cmd_msg(struct buf *b, uint16_t flags, uint8_t cmd)
{
	msg_start(b, flags, cmd);
	msg_end(b);
}

static void c_cmd0(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, REQ, 0); }
static void c_cmd5(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, REQ, EDGEFW_CMD_CHANGED); }
static void c_cmd_last(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, REQ, __EDGEFW_CMD_LAST); }
static void c_cmd255(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, REQ, 255); }
static void c_cmd_last_dump(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, DUMP, __EDGEFW_CMD_LAST); }

static void c_set_dump(struct buf *b, struct ctx *c)
{
	msg_start(b, DUMP | NLM_F_ACK, EDGEFW_CMD_SET_CONFIG);
	ref_attrs(b, c);
	msg_end(b);
}

static void c_reset_dump(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, DUMP, EDGEFW_CMD_RESET_COUNTERS); }
static void c_getcfg_do(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, REQ, EDGEFW_CMD_GET_CONFIG); }
static void c_getrules_do(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, REQ, EDGEFW_CMD_GET_RULES); }
static void c_getcfg_root(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, REQ | NLM_F_ROOT, EDGEFW_CMD_GET_CONFIG); }

static void c_set_flags(struct buf *b, struct ctx *c, uint16_t flags)
{
	msg_start(b, REQ | flags, EDGEFW_CMD_SET_CONFIG);
	ref_attrs(b, c);
	msg_end(b);
}

static void c_set_create(struct buf *b, struct ctx *c) { c_set_flags(b, c, NLM_F_CREATE | NLM_F_EXCL); }
static void c_set_atomic(struct buf *b, struct ctx *c) { c_set_flags(b, c, NLM_F_ATOMIC); }
static void i_echo(struct buf *b, struct ctx *c) { c_set_flags(b, c, NLM_F_ECHO); }

/* -- requests that take no attributes -- */
static void d_cfg_gen(struct buf *b, struct ctx *c)
{
	msg_start(b, DUMP, EDGEFW_CMD_GET_CONFIG);
	a_u32(b, EDGEFW_A_GENERATION, c->gen);
	msg_end(b);
}

static void d_cfg_type2(struct buf *b, struct ctx *c)
{
	(void)c;
	msg_start(b, DUMP, EDGEFW_CMD_GET_CONFIG);
	a_u32(b, EDGEFW_A_FLAGS, 0);
	msg_end(b);
}

static void d_rules_role(struct buf *b, struct ctx *c)
{
	msg_start(b, DUMP, EDGEFW_CMD_GET_RULES);
	cfg_put_role(b, &c->ref, EDGEFW_ROLE_AV);
	msg_end(b);
}

static void d_rules_trailing(struct buf *b, struct ctx *c)
{
	(void)c;
	msg_start(b, DUMP, EDGEFW_CMD_GET_RULES);
	buf_put(b, "\x01\x02\x03", 3);
	msg_end(b);
}

static void d_reset_flags(struct buf *b, struct ctx *c)
{
	(void)c;
	msg_start(b, REQ, EDGEFW_CMD_RESET_COUNTERS);
	a_u32(b, EDGEFW_A_FLAGS, 0);
	msg_end(b);
}

static void d_reset_type0(struct buf *b, struct ctx *c)
{
	(void)c;
	msg_start(b, REQ, EDGEFW_CMD_RESET_COUNTERS);
	a_u32(b, 0, 0);
	msg_end(b);
}

static void d_reset_gen(struct buf *b, struct ctx *c)
{
	msg_start(b, REQ, EDGEFW_CMD_RESET_COUNTERS);
	a_u32(b, EDGEFW_A_GENERATION, c->gen);
	msg_end(b);
}

/* -- SET_CONFIG, top level -- */
static void s_trailing(struct buf *b, struct ctx *c)
{
	set_hdr(b);
	ref_attrs(b, c);
	buf_put(b, "\x07\x00\x02", 3);
	msg_end(b);
}

static void s_nla_len2(struct buf *b, struct ctx *c)
{
	set_hdr(b);
	ref_attrs(b, c);
	attr_lie(b, EDGEFW_A_FLAGS, 2, "\0\0\0\0", 4);
	msg_end(b);
}

static void s_nla_long(struct buf *b, struct ctx *c)
{
	set_hdr(b);
	ref_attrs(b, c);
	attr_lie(b, EDGEFW_A_FLAGS, 200, "\0\0\0\0", 4);
	msg_end(b);
}

static void s_attr_type(struct buf *b, struct ctx *c, uint16_t type)
{
	set_hdr(b);
	ref_attrs(b, c);
	a_u32(b, type, 0);
	msg_end(b);
}

static void s_type0(struct buf *b, struct ctx *c) { s_attr_type(b, c, 0); }
static void s_type_last(struct buf *b, struct ctx *c) { s_attr_type(b, c, __EDGEFW_A_LAST); }
static void s_type3fff(struct buf *b, struct ctx *c) { s_attr_type(b, c, TYPE_MASK); }

static void s_rule(struct buf *b, struct ctx *c)
{
	size_t n;

	set_hdr(b);
	ref_attrs(b, c);
	n = nest(b, NEST(EDGEFW_A_RULE));
	a_u8(b, EDGEFW_RULE_A_ROLE, EDGEFW_ROLE_AV);
	a_u16(b, EDGEFW_RULE_A_ROW, 12);
	nest_end(b, n);
	msg_end(b);
}

static void s_zstats(struct buf *b, struct ctx *c)
{
	size_t n;

	set_hdr(b);
	ref_attrs(b, c);
	n = nest(b, NEST(EDGEFW_A_ZONE_STATS));
	a_u8(b, EDGEFW_ZSTAT_A_ZONE, 0);
	nest_end(b, n);
	msg_end(b);
}

static void s_top_addr(struct buf *b, struct ctx *c)
{
	set_hdr(b);
	ref_attrs(b, c);
	a_ip(b, EDGEFW_A_ADDR, "10.45.16.50");
	msg_end(b);
}

static void s_top_binding(struct buf *b, struct ctx *c)
{
	set_hdr(b);
	ref_attrs(b, c);
	put_binding(b, "mgmt0", EDGEFW_ZONE_EXTERNAL);
	msg_end(b);
}

static void s_flags_u8(struct buf *b, struct ctx *c) { (void)c; set_hdr(b); a_u8(b, EDGEFW_A_FLAGS, 0); msg_end(b); }
static void s_flags_u64(struct buf *b, struct ctx *c) { (void)c; set_hdr(b); a_u64(b, EDGEFW_A_FLAGS, 0); msg_end(b); }
static void s_flags_empty(struct buf *b, struct ctx *c) { (void)c; set_hdr(b); attr(b, EDGEFW_A_FLAGS, NULL, 0); msg_end(b); }
static void s_gen_u16(struct buf *b, struct ctx *c) { set_hdr(b); a_u16(b, EDGEFW_A_GENERATION, (uint16_t)c->gen); msg_end(b); }
/* The lowest bit that is no flag. */
#define F_UNKNOWN	((__EDGEFW_F_ALL + 1) & ~__EDGEFW_F_ALL)

static void s_flags_unknown(struct buf *b, struct ctx *c) { (void)c; set_hdr(b); a_u32(b, EDGEFW_A_FLAGS, F_UNKNOWN); msg_end(b); }
static void s_flags_bit31(struct buf *b, struct ctx *c) { (void)c; set_hdr(b); a_u32(b, EDGEFW_A_FLAGS, 1u << 31); msg_end(b); }
static void s_flags_all(struct buf *b, struct ctx *c) { (void)c; set_hdr(b); a_u32(b, EDGEFW_A_FLAGS, ~0u); msg_end(b); }
static void s_flags_nested(struct buf *b, struct ctx *c) { (void)c; set_hdr(b); a_u32(b, NEST(EDGEFW_A_FLAGS), 0); msg_end(b); }

/* The reference with the NLA_F_NESTED flag of its first @type cleared. */
static void clear_nested_flag(struct buf *b, size_t from, uint16_t type)
{
	size_t off = from;

	while (off + NLA_HDRLEN <= b->len) {
		uint16_t l = get16(b->d + off), t = get16(b->d + off + 2);

		if ((t & TYPE_MASK) == type && (t & NLA_F_NESTED)) {
			set16(b->d + off + 2, t & ~NLA_F_NESTED);
			return;
		}
		if (l < NLA_HDRLEN)
			break;
		/* descend into nests, skip leaves */
		off += (t & NLA_F_NESTED) ? NLA_HDRLEN : NLA_ALIGN(l);
	}
	die("catalogue: no nest of type %u", type);
}

static void s_unnested(struct buf *b, struct ctx *c, uint16_t type,
		       size_t skip)
{
	set_hdr(b);
	ref_attrs(b, c);
	msg_end(b);
	clear_nested_flag(b, NLMSG_HDRLEN + GENL_HDRLEN + skip, type);
}

static void s_pool_flat(struct buf *b, struct ctx *c) { s_unnested(b, c, EDGEFW_A_POOL, 0); }
static void s_bindings_flat(struct buf *b, struct ctx *c) { s_unnested(b, c, EDGEFW_A_BINDINGS, 0); }
static void s_role_flat(struct buf *b, struct ctx *c) { s_unnested(b, c, EDGEFW_A_ROLE, 0); }

static void s_dup_flags(struct buf *b, struct ctx *c)
{
	set_hdr(b);
	ref_attrs(b, c);
	a_u32(b, EDGEFW_A_FLAGS, EDGEFW_F_HTTP_REDIRECT);
	msg_end(b);
}

static void s_dup_gen(struct buf *b, struct ctx *c)
{
	set_hdr(b);
	ref_attrs(b, c);
	a_u32(b, EDGEFW_A_GENERATION, c->gen - 1);
	a_u32(b, EDGEFW_A_GENERATION, c->gen);
	msg_end(b);
}

static void s_dup_pool(struct buf *b, struct ctx *c)
{
	struct cfg other = { 0 };

	set_hdr(b);
	ref_attrs(b, c);
	other.n_fe = 1;
	other.fe[0] = ip("192.168.10.99");
	cfg_put_pool(b, &other);
	msg_end(b);
}

static void s_dup_bindings(struct buf *b, struct ctx *c)
{
	size_t n;

	set_hdr(b);
	ref_attrs(b, c);
	n = nest(b, NEST(EDGEFW_A_BINDINGS));
	put_binding(b, "mgmt0", EDGEFW_ZONE_EXTERNAL);
	nest_end(b, n);
	msg_end(b);
}

static void s_pool_2bytes(struct buf *b, struct ctx *c)
{
	(void)c;
	set_hdr(b);
	attr(b, NEST(EDGEFW_A_POOL), "\x01\x02", 2);
	msg_end(b);
}

/* -- pool -- */
static void pool_with(struct buf *b, struct ctx *c, uint16_t type,
		      const void *d, size_t n)
{
	size_t p;

	set_hdr(b);
	a_u32(b, EDGEFW_A_FLAGS, 0);
	cfg_put_bindings(b, &c->ref);
	p = nest(b, NEST(EDGEFW_A_POOL));
	a_ip(b, EDGEFW_POOL_A_FRONT_END, "192.168.10.90");
	attr(b, type, d, n);
	nest_end(b, p);
	cfg_put_role(b, &c->ref, EDGEFW_ROLE_ACCESS);
	msg_end(b);
}

static void pool_ip(struct buf *b, struct ctx *c, uint16_t type,
		    const char *s)
{
	struct addr a = ip(s);

	pool_with(b, c, type, a.a, a.len);
}

static void p_fe5(struct buf *b, struct ctx *c) { pool_with(b, c, EDGEFW_POOL_A_FRONT_END, "\xc0\xa8\x0a\x5c\x00", 5); }
static void p_fe17(struct buf *b, struct ctx *c) { pool_with(b, c, EDGEFW_POOL_A_FRONT_END, "0123456789abcdefg", 17); }
static void p_fe0(struct buf *b, struct ctx *c) { pool_with(b, c, EDGEFW_POOL_A_FRONT_END, NULL, 0); }
static void p_vip3(struct buf *b, struct ctx *c) { pool_with(b, c, EDGEFW_POOL_A_VIP, "\xc0\xa8\x0a", 3); }
static void p_fe_any4(struct buf *b, struct ctx *c) { pool_ip(b, c, EDGEFW_POOL_A_FRONT_END, "0.0.0.0"); }
static void p_fe_zeronet(struct buf *b, struct ctx *c) { pool_ip(b, c, EDGEFW_POOL_A_FRONT_END, "0.1.2.3"); }
static void p_fe_mc4(struct buf *b, struct ctx *c) { pool_ip(b, c, EDGEFW_POOL_A_FRONT_END, "224.0.0.1"); }
static void p_fe_bcast(struct buf *b, struct ctx *c) { pool_ip(b, c, EDGEFW_POOL_A_FRONT_END, "255.255.255.255"); }
static void p_fe_any6(struct buf *b, struct ctx *c) { pool_ip(b, c, EDGEFW_POOL_A_FRONT_END, "::"); }
static void p_fe_mc6(struct buf *b, struct ctx *c) { pool_ip(b, c, EDGEFW_POOL_A_FRONT_END, "ff02::1"); }
static void p_vip_mc4(struct buf *b, struct ctx *c) { pool_ip(b, c, EDGEFW_POOL_A_VIP, "239.1.1.1"); }
static void p_fe_twice(struct buf *b, struct ctx *c) { pool_ip(b, c, EDGEFW_POOL_A_FRONT_END, "192.168.10.90"); }
static void p_type_last(struct buf *b, struct ctx *c) { pool_ip(b, c, __EDGEFW_POOL_A_LAST, "192.168.10.92"); }
static void p_type0(struct buf *b, struct ctx *c) { pool_ip(b, c, 0, "192.168.10.92"); }

static void p_fe_nested(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };

	a_ip(&in, EDGEFW_POOL_A_FRONT_END, "192.168.10.92");
	pool_with(b, c, NEST(EDGEFW_POOL_A_FRONT_END), in.d, in.len);
	buf_free(&in);
}

static void p_two_vips(struct buf *b, struct ctx *c)
{
	size_t p;

	set_hdr(b);
	p = nest(b, NEST(EDGEFW_A_POOL));
	a_ip(b, EDGEFW_POOL_A_VIP, "192.168.10.190");
	a_ip(b, EDGEFW_POOL_A_VIP, "192.168.10.191");
	nest_end(b, p);
	(void)c;
	msg_end(b);
}

static void pool_n(struct buf *b, struct ctx *c, int n)
{
	struct cfg x = c->ref;
	size_t p;
	int i;

	set_hdr(b);
	x.n_fe = 0;
	x.has_vip = false;
	a_u32(b, EDGEFW_A_FLAGS, 0);
	p = nest(b, NEST(EDGEFW_A_POOL));
	for (i = 0; i < n; i++) {
		uint8_t a[4] = { 192, 168, 11, (uint8_t)(i + 1) };

		attr(b, EDGEFW_POOL_A_FRONT_END, a, 4);
	}
	nest_end(b, p);
	cfg_put_bindings(b, &x);
	msg_end(b);
}

static void p_33(struct buf *b, struct ctx *c) { pool_n(b, c, EDGEFW_MAX_FRONT_ENDS + 1); }
static void p_32(struct buf *b, struct ctx *c) { pool_n(b, c, EDGEFW_MAX_FRONT_ENDS); }

/* -- bindings -- */
static void bindings_with(struct buf *b, struct ctx *c, const void *body,
			  size_t n)
{
	size_t o, i;

	set_hdr(b);
	cfg_put_pool(b, &c->ref);
	o = nest(b, NEST(EDGEFW_A_BINDINGS));
	put_binding(b, ext_if, EDGEFW_ZONE_EXTERNAL);
	i = nest(b, NEST(EDGEFW_A_BINDING));
	buf_put(b, body, n);
	nest_end(b, i);
	nest_end(b, o);
	msg_end(b);
}

/* A binding made of: IFNAME (@name, @nlen bytes, unless NULL), ZONE. */
static void binding_raw(struct buf *b, struct ctx *c, const void *name,
			size_t nlen, int zone)
{
	struct buf in = { 0 };

	if (name)
		attr(&in, EDGEFW_BINDING_A_IFNAME, name, nlen);
	if (zone >= 0)
		a_u8(&in, EDGEFW_BINDING_A_ZONE, (uint8_t)zone);
	bindings_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void b_no_name(struct buf *b, struct ctx *c) { binding_raw(b, c, NULL, 0, 1); }
static void b_no_zone(struct buf *b, struct ctx *c) { binding_raw(b, c, "int0", 5, -1); }
static void b_empty(struct buf *b, struct ctx *c) { binding_raw(b, c, NULL, 0, -1); }
static void b_no_nul(struct buf *b, struct ctx *c) { binding_raw(b, c, "int0", 4, 1); }
static void b_16(struct buf *b, struct ctx *c) { binding_raw(b, c, "abcdefghijklmnop", 17, 1); }
static void b_nul_late(struct buf *b, struct ctx *c) { binding_raw(b, c, "int0\0abcdefghijkl", 17, 1); }
static void b_emptyname(struct buf *b, struct ctx *c) { binding_raw(b, c, "", 1, 1); }
static void b_dot(struct buf *b, struct ctx *c) { binding_raw(b, c, ".", 2, 1); }
static void b_dotdot(struct buf *b, struct ctx *c) { binding_raw(b, c, "..", 3, 1); }
static void b_slash(struct buf *b, struct ctx *c) { binding_raw(b, c, "a/b", 4, 1); }
static void b_colon(struct buf *b, struct ctx *c) { binding_raw(b, c, "int0:1", 7, 1); }
static void b_space(struct buf *b, struct ctx *c) { binding_raw(b, c, "int 0", 6, 1); }
static void b_tab(struct buf *b, struct ctx *c) { binding_raw(b, c, "int\t0", 6, 1); }
static void b_nbsp(struct buf *b, struct ctx *c) { binding_raw(b, c, "int\xa0" "0", 6, 1); }
static void b_zone2(struct buf *b, struct ctx *c) { binding_raw(b, c, "int0", 5, 2); }
static void b_zone255(struct buf *b, struct ctx *c) { binding_raw(b, c, "int0", 5, 255); }

static void b_zone_u32(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };

	a_str(&in, EDGEFW_BINDING_A_IFNAME, "int0");
	a_u32(&in, EDGEFW_BINDING_A_ZONE, 1);
	bindings_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void b_ifindex(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };

	a_str(&in, EDGEFW_BINDING_A_IFNAME, "int0");
	a_u8(&in, EDGEFW_BINDING_A_ZONE, 1);
	a_u32(&in, EDGEFW_BINDING_A_IFINDEX, 1);
	bindings_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void b_dup_name(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };

	a_str(&in, EDGEFW_BINDING_A_IFNAME, "mgmt0");
	a_str(&in, EDGEFW_BINDING_A_IFNAME, "int0");
	a_u8(&in, EDGEFW_BINDING_A_ZONE, 1);
	bindings_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void b_dup_zone(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };

	a_str(&in, EDGEFW_BINDING_A_IFNAME, "int0");
	a_u8(&in, EDGEFW_BINDING_A_ZONE, 0);
	a_u8(&in, EDGEFW_BINDING_A_ZONE, 1);
	bindings_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void b_name_nested(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };

	attr(&in, NEST(EDGEFW_BINDING_A_IFNAME), "int0", 5);
	a_u8(&in, EDGEFW_BINDING_A_ZONE, 1);
	bindings_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void b_twice_same(struct buf *b, struct ctx *c) { binding_raw(b, c, ext_if, strlen(ext_if) + 1, 0); }
static void b_twice_other(struct buf *b, struct ctx *c) { binding_raw(b, c, ext_if, strlen(ext_if) + 1, 1); }

static void b_flat(struct buf *b, struct ctx *c)
{
	set_hdr(b);
	cfg_put_bindings(b, &c->ref);
	msg_end(b);
	clear_nested_flag(b, NLMSG_HDRLEN + GENL_HDRLEN, EDGEFW_A_BINDING);
}

static void b_role_inside(struct buf *b, struct ctx *c)
{
	size_t o;

	set_hdr(b);
	o = nest(b, NEST(EDGEFW_A_BINDINGS));
	put_binding(b, ext_if, 0);
	cfg_put_role(b, &c->ref, EDGEFW_ROLE_AV);
	nest_end(b, o);
	msg_end(b);
}

static void bindings_n(struct buf *b, struct ctx *c, int n)
{
	size_t o;
	int i;

	(void)c;
	set_hdr(b);
	o = nest(b, NEST(EDGEFW_A_BINDINGS));
	for (i = 0; i < n; i++) {
		char name[IFNAMSIZ];

		snprintf(name, sizeof(name), "hostile%d", i);
		put_binding(b, name, (uint8_t)(i & 1));
	}
	nest_end(b, o);
	msg_end(b);
}

static void b_65(struct buf *b, struct ctx *c) { bindings_n(b, c, EDGEFW_MAX_BINDINGS + 1); }
static void b_64(struct buf *b, struct ctx *c) { bindings_n(b, c, EDGEFW_MAX_BINDINGS); }

/* -- roles -- */
/* The reference's access, webconf, av, then an rproxy role with @body. */
static void role_with(struct buf *b, struct ctx *c, const void *body,
		      size_t n)
{
	size_t r;

	set_hdr(b);
	a_u32(b, EDGEFW_A_FLAGS, 0);
	cfg_put_pool(b, &c->ref);
	cfg_put_bindings(b, &c->ref);
	cfg_put_role(b, &c->ref, EDGEFW_ROLE_ACCESS);
	cfg_put_role(b, &c->ref, EDGEFW_ROLE_WEBCONF);
	cfg_put_role(b, &c->ref, EDGEFW_ROLE_AV);
	r = nest(b, NEST(EDGEFW_A_ROLE));
	buf_put(b, body, n);
	nest_end(b, r);
	msg_end(b);
}

/* A role body: TYPE (if >= 0; @tlen bytes), INTERNAL (if set), MEDIA (if
 * >= 0), ADDRS with @addrs (NULL: no ADDRS nest, "" : empty nest).
 */
static void role_body(struct buf *in, int type, const char *internal,
		      int media, const char *const *addrs)
{
	size_t a;

	if (type >= 0)
		a_u8(in, EDGEFW_ROLE_A_TYPE, (uint8_t)type);
	if (internal)
		a_ip(in, EDGEFW_ROLE_A_INTERNAL_ADDR, internal);
	if (media >= 0)
		a_u8(in, EDGEFW_ROLE_A_MEDIA_RANGE, (uint8_t)media);
	if (!addrs)
		return;
	a = nest(in, NEST(EDGEFW_ROLE_A_ADDRS));
	for (; *addrs; addrs++)
		a_ip(in, EDGEFW_A_ADDR, *addrs);
	nest_end(in, a);
}

static void role_case(struct buf *b, struct ctx *c, int type,
		      const char *internal, int media,
		      const char *const *addrs)
{
	struct buf in = { 0 };

	role_body(&in, type, internal, media, addrs);
	role_with(b, c, in.d, in.len);
	buf_free(&in);
}

static const char *const rp_addrs[] = { "10.45.16.40", "2001:db8:45:16::40", NULL };
static const char *const no_addrs[] = { NULL };

static void r_no_type(struct buf *b, struct ctx *c) { role_case(b, c, -1, "172.25.33.40", -1, rp_addrs); }
static void r_no_addrs(struct buf *b, struct ctx *c) { role_case(b, c, EDGEFW_ROLE_RPROXY, "172.25.33.40", -1, NULL); }
static void r_empty_addrs(struct buf *b, struct ctx *c) { role_case(b, c, EDGEFW_ROLE_RPROXY, "172.25.33.40", -1, no_addrs); }
static void r_empty(struct buf *b, struct ctx *c) { role_with(b, c, NULL, 0); }
static void r_type4(struct buf *b, struct ctx *c) { role_case(b, c, __EDGEFW_ROLE_LAST, NULL, -1, rp_addrs); }
static void r_type255(struct buf *b, struct ctx *c) { role_case(b, c, 255, NULL, -1, rp_addrs); }
static void r_media3(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };
	size_t r;

	set_hdr(b);
	cfg_put_bindings(b, &c->ref);
	role_body(&in, EDGEFW_ROLE_AV, NULL, __EDGEFW_MEDIA_LAST, rp_addrs);
	r = nest(b, NEST(EDGEFW_A_ROLE));
	buf_put(b, in.d, in.len);
	nest_end(b, r);
	msg_end(b);
	buf_free(&in);
}
static void r_media_rproxy(struct buf *b, struct ctx *c) { role_case(b, c, EDGEFW_ROLE_RPROXY, NULL, EDGEFW_MEDIA_NONE, rp_addrs); }
/* av again, as a second part: its settings and addresses */
static void r_av_part(struct buf *b, struct ctx *c, const char *internal,
		      int media, const char *addr)
{
	const char *const a[] = { addr, NULL };

	role_case(b, c, EDGEFW_ROLE_AV, internal, media, a);
}

static void r_part_internal(struct buf *b, struct ctx *c) { r_av_part(b, c, NULL, EDGEFW_MEDIA_LYNC2010, "10.45.16.31"); }
static void r_part_internal2(struct buf *b, struct ctx *c) { r_av_part(b, c, "172.25.33.11", EDGEFW_MEDIA_LYNC2010, "10.45.16.31"); }
static void r_part_media(struct buf *b, struct ctx *c) { r_av_part(b, c, "172.25.33.10", EDGEFW_MEDIA_OCS2007, "10.45.16.31"); }
static void r_part_dup(struct buf *b, struct ctx *c) { r_av_part(b, c, "172.25.33.10", EDGEFW_MEDIA_LYNC2010, "10.45.16.30"); }
static void r_part_ok(struct buf *b, struct ctx *c) { r_av_part(b, c, "172.25.33.10", EDGEFW_MEDIA_LYNC2010, "10.45.16.31"); }
static void r_part_nomedia(struct buf *b, struct ctx *c) { r_av_part(b, c, "172.25.33.10", -1, "10.45.16.32"); }

static void r_addr_twice(struct buf *b, struct ctx *c)
{
	static const char *const a[] = { "10.45.16.40", "10.45.16.41", "10.45.16.40", NULL };

	role_case(b, c, EDGEFW_ROLE_RPROXY, "172.25.33.40", -1, a);
}

static void r_addr6_twice(struct buf *b, struct ctx *c)
{
	static const char *const a[] = { "2001:db8:45:16::40", "10.45.16.40",
					 "2001:db8:45:16:0:0:0:40", NULL };

	role_case(b, c, EDGEFW_ROLE_RPROXY, NULL, -1, a);
}

static void r_addr_bad(struct buf *b, struct ctx *c, const char *bad)
{
	const char *const a[] = { "10.45.16.40", bad, NULL };

	role_case(b, c, EDGEFW_ROLE_RPROXY, NULL, -1, a);
}

static void r_any4(struct buf *b, struct ctx *c) { r_addr_bad(b, c, "0.0.0.0"); }
static void r_mc4(struct buf *b, struct ctx *c) { r_addr_bad(b, c, "224.0.0.5"); }
static void r_bcast(struct buf *b, struct ctx *c) { r_addr_bad(b, c, "255.255.255.255"); }
static void r_any6(struct buf *b, struct ctx *c) { r_addr_bad(b, c, "::"); }
static void r_mc6(struct buf *b, struct ctx *c) { r_addr_bad(b, c, "ff05::2"); }
static void r_internal_mc(struct buf *b, struct ctx *c) { role_case(b, c, EDGEFW_ROLE_RPROXY, "239.0.0.1", -1, rp_addrs); }

static void r_raw_addr(struct buf *b, struct ctx *c, uint16_t type,
		       const void *d, size_t n, bool in_addrs)
{
	struct buf in = { 0 };
	size_t a;

	a_u8(&in, EDGEFW_ROLE_A_TYPE, EDGEFW_ROLE_RPROXY);
	if (!in_addrs)
		attr(&in, type, d, n);
	a = nest(&in, NEST(EDGEFW_ROLE_A_ADDRS));
	a_ip(&in, EDGEFW_A_ADDR, "10.45.16.40");
	if (in_addrs)
		attr(&in, type, d, n);
	nest_end(&in, a);
	role_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void r_addr5(struct buf *b, struct ctx *c) { r_raw_addr(b, c, EDGEFW_A_ADDR, "\x0a\x2d\x10\x29\x00", 5, true); }
static void r_addr17(struct buf *b, struct ctx *c) { r_raw_addr(b, c, EDGEFW_A_ADDR, "0123456789abcdefg", 17, true); }
static void r_addr0(struct buf *b, struct ctx *c) { r_raw_addr(b, c, EDGEFW_A_ADDR, NULL, 0, true); }
static void r_addr_type1(struct buf *b, struct ctx *c) { r_raw_addr(b, c, 1, "\x0a\x2d\x10\x29", 4, true); }
static void r_internal8(struct buf *b, struct ctx *c) { r_raw_addr(b, c, EDGEFW_ROLE_A_INTERNAL_ADDR, "\xac\x19\x21\x28\0\0\0\0", 8, false); }
static void r_type_u32(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };
	size_t a;

	a_u32(&in, EDGEFW_ROLE_A_TYPE, EDGEFW_ROLE_RPROXY);
	a = nest(&in, NEST(EDGEFW_ROLE_A_ADDRS));
	a_ip(&in, EDGEFW_A_ADDR, "10.45.16.40");
	nest_end(&in, a);
	role_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void r_media_u32(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };
	size_t a;

	a_u8(&in, EDGEFW_ROLE_A_TYPE, EDGEFW_ROLE_RPROXY);
	a_u32(&in, EDGEFW_ROLE_A_MEDIA_RANGE, 0);
	a = nest(&in, NEST(EDGEFW_ROLE_A_ADDRS));
	a_ip(&in, EDGEFW_A_ADDR, "10.45.16.40");
	nest_end(&in, a);
	role_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void r_addr_nested(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 }, deep = { 0 };
	size_t a;

	a_ip(&deep, EDGEFW_A_ADDR, "10.45.16.41");
	a_u8(&in, EDGEFW_ROLE_A_TYPE, EDGEFW_ROLE_RPROXY);
	a = nest(&in, NEST(EDGEFW_ROLE_A_ADDRS));
	a_ip(&in, EDGEFW_A_ADDR, "10.45.16.40");
	attr(&in, NEST(EDGEFW_A_ADDR), deep.d, deep.len);
	nest_end(&in, a);
	role_with(b, c, in.d, in.len);
	buf_free(&in);
	buf_free(&deep);
}

static void r_addrs_flat(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };

	role_body(&in, EDGEFW_ROLE_RPROXY, NULL, -1, rp_addrs);
	clear_nested_flag(&in, 0, EDGEFW_ROLE_A_ADDRS);
	role_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void r_role_in_role(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };

	role_body(&in, EDGEFW_ROLE_RPROXY, NULL, -1, rp_addrs);
	cfg_put_role(&in, &c->ref, EDGEFW_ROLE_RPROXY);
	role_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void r_type5(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };

	role_body(&in, EDGEFW_ROLE_RPROXY, NULL, -1, rp_addrs);
	a_u8(&in, __EDGEFW_ROLE_A_LAST, 0);
	role_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void r_dup_type(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };

	/* TYPE rproxy, ADDRS, TYPE access: were the last TYPE to win, this
	 * part would be a second access part that disagrees with the first
	 */
	role_body(&in, EDGEFW_ROLE_RPROXY, NULL, -1, rp_addrs);
	a_u8(&in, EDGEFW_ROLE_A_TYPE, EDGEFW_ROLE_ACCESS);
	role_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void r_dup_type_new(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };
	size_t r;

	/* a single role nest: TYPE access, ADDRS, TYPE rproxy */
	set_hdr(b);
	a_u32(b, EDGEFW_A_FLAGS, 0);
	cfg_put_bindings(b, &c->ref);
	role_body(&in, EDGEFW_ROLE_ACCESS, NULL, -1, rp_addrs);
	a_u8(&in, EDGEFW_ROLE_A_TYPE, EDGEFW_ROLE_RPROXY);
	r = nest(b, NEST(EDGEFW_A_ROLE));
	buf_put(b, in.d, in.len);
	nest_end(b, r);
	msg_end(b);
	buf_free(&in);
}

static void r_dup_addrs(struct buf *b, struct ctx *c)
{
	static const char *const more[] = { "10.45.16.41", NULL };
	struct buf in = { 0 };

	role_body(&in, EDGEFW_ROLE_RPROXY, NULL, -1, rp_addrs);
	role_body(&in, -1, NULL, -1, more);
	role_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void r_dup_internal(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };

	role_body(&in, EDGEFW_ROLE_RPROXY, "172.25.33.40", -1, rp_addrs);
	a_ip(&in, EDGEFW_ROLE_A_INTERNAL_ADDR, "172.25.33.41");
	role_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void r_dup_media(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };
	size_t r;

	set_hdr(b);
	cfg_put_bindings(b, &c->ref);
	role_body(&in, EDGEFW_ROLE_AV, NULL, EDGEFW_MEDIA_OCS2007, rp_addrs);
	a_u8(&in, EDGEFW_ROLE_A_MEDIA_RANGE, EDGEFW_MEDIA_NONE);
	r = nest(b, NEST(EDGEFW_A_ROLE));
	buf_put(b, in.d, in.len);
	nest_end(b, r);
	msg_end(b);
	buf_free(&in);
}

/* A role with @n IPv4 addresses: 10.(128 + i / 65536).x.y */
static void role_n_addrs(struct buf *b, struct ctx *c, unsigned int n)
{
	size_t r, a;
	unsigned int i;

	set_hdr(b);
	cfg_put_bindings(b, &c->ref);
	r = nest(b, NEST(EDGEFW_A_ROLE));
	a_u8(b, EDGEFW_ROLE_A_TYPE, EDGEFW_ROLE_WEBCONF);
	a = nest(b, NEST(EDGEFW_ROLE_A_ADDRS));
	for (i = 0; i < n; i++) {
		uint8_t x[4] = { 10, (uint8_t)(128 + i / 62500),
				 (uint8_t)(i / 250 % 250), (uint8_t)(i % 250 + 1) };

		attr(b, EDGEFW_A_ADDR, x, 4);
	}
	nest_end(b, a);
	nest_end(b, r);
	msg_end(b);
}

/* A webconf role of @n IPv4 addresses (10.128.0.1 on), in parts of at
 * most @per addresses; @extra appends one more address, the first again
 * (@extra 1) or a new one (@extra 2).
 */
static void role_parts(struct buf *b, struct ctx *c, unsigned int n,
		       unsigned int per)
{
	unsigned int i = 0;

	set_hdr(b);
	cfg_put_bindings(b, &c->ref);
	while (i < n) {
		size_t r = nest(b, NEST(EDGEFW_A_ROLE)), a;
		unsigned int k;

		a_u8(b, EDGEFW_ROLE_A_TYPE, EDGEFW_ROLE_WEBCONF);
		a_ip(b, EDGEFW_ROLE_A_INTERNAL_ADDR, "172.25.33.10");
		a = nest(b, NEST(EDGEFW_ROLE_A_ADDRS));
		for (k = 0; k < per && i < n; k++, i++) {
			uint8_t x[4] = { 10, (uint8_t)(128 + i / 62500),
					 (uint8_t)(i / 250 % 250), (uint8_t)(i % 250 + 1) };

			attr(b, EDGEFW_A_ADDR, x, 4);
		}
		nest_end(b, a);
		nest_end(b, r);
	}
	msg_end(b);
}

static void r_20000(struct buf *b, struct ctx *c) { role_parts(b, c, 20000, 8000); }
static void r_million_plus(struct buf *b, struct ctx *c) { role_parts(b, c, EDGEFW_MAX_ROLE_ADDRS + 1, 8000); }

/* The most IPv4 addresses that one ADDRS nest (u16 length) can hold. */
#define ADDRS_PER_NEST	((0xffff - 2 * NLA_HDRLEN - 8) / 8)

static void r_max_nest(struct buf *b, struct ctx *c) { role_n_addrs(b, c, ADDRS_PER_NEST); }
static void r_wrap(struct buf *b, struct ctx *c) { role_n_addrs(b, c, 8200); }

static void r_late_fail(struct buf *b, struct ctx *c)
{
	/* 3 valid roles, then a 4th whose last of 500 addresses repeats the
	 * first: fails after every address was allocated and sorted
	 */
	struct buf in = { 0 };
	size_t a;
	int i;

	a_u8(&in, EDGEFW_ROLE_A_TYPE, EDGEFW_ROLE_RPROXY);
	a = nest(&in, NEST(EDGEFW_ROLE_A_ADDRS));
	for (i = 0; i < 500; i++) {
		uint8_t x[4] = { 10, 46, (uint8_t)(i / 250), (uint8_t)(i % 250 + 1) };

		attr(&in, EDGEFW_A_ADDR, x, 4);
	}
	attr(&in, EDGEFW_A_ADDR, "\x0a\x2e\x00\x01", 4);
	nest_end(&in, a);
	role_with(b, c, in.d, in.len);
	buf_free(&in);
}

static void r_many_roles(struct buf *b, struct ctx *c)
{
	int i;

	set_hdr(b);
	for (i = 0; i < 4096; i++)
		cfg_put_role(b, &c->ref, EDGEFW_ROLE_WEBCONF);
	msg_end(b);
}

/* -- generation -- */
static void g_with(struct buf *b, struct ctx *c, uint32_t gen)
{
	cfg_msg(b, &c->ref, &gen);
}

static void g_behind(struct buf *b, struct ctx *c) { g_with(b, c, c->gen - 1); }
static void g_ahead(struct buf *b, struct ctx *c) { g_with(b, c, c->gen + 1); }
static void g_max(struct buf *b, struct ctx *c) { g_with(b, c, c->gen == ~0u ? 0 : ~0u); }
static void g_current(struct buf *b, struct ctx *c) { g_with(b, c, c->gen); }

/* -- the protocol version (genlmsghdr.version) -- */
static void with_version(struct buf *b, uint8_t v)
{
	b->d[NLMSG_HDRLEN + 1] = v;
}

static void v_set(struct buf *b, struct ctx *c, uint8_t v)
{
	cfg_msg(b, &c->ref, NULL);
	with_version(b, v);
}

static void v_set0(struct buf *b, struct ctx *c) { v_set(b, c, 0); }
static void v_set1(struct buf *b, struct ctx *c) { v_set(b, c, 1); }
static void v_set3(struct buf *b, struct ctx *c) { v_set(b, c, EDGEFW_GENL_VERSION + 1); }
static void v_set255(struct buf *b, struct ctx *c) { v_set(b, c, 255); }

static void v_cmd(struct buf *b, uint16_t flags, uint8_t cmd, uint8_t v)
{
	cmd_msg(b, flags, cmd);
	with_version(b, v);
}

static void v_getcfg1(struct buf *b, struct ctx *c) { (void)c; v_cmd(b, DUMP, EDGEFW_CMD_GET_CONFIG, 1); }
static void v_getrules1(struct buf *b, struct ctx *c) { (void)c; v_cmd(b, DUMP, EDGEFW_CMD_GET_RULES, 1); }
static void v_reset1(struct buf *b, struct ctx *c) { (void)c; v_cmd(b, REQ, EDGEFW_CMD_RESET_COUNTERS, 1); }
static void v_confirm1(struct buf *b, struct ctx *c) { (void)c; v_cmd(b, REQ, EDGEFW_CMD_CONFIRM, 1); }
static void v_revert3(struct buf *b, struct ctx *c) { (void)c; v_cmd(b, REQ, EDGEFW_CMD_REVERT, 3); }
static void v_info0(struct buf *b, struct ctx *c) { (void)c; v_cmd(b, REQ, EDGEFW_CMD_GET_INFO, 0); }
static void v_info1(struct buf *b, struct ctx *c) { (void)c; v_cmd(b, REQ, EDGEFW_CMD_GET_INFO, 1); }
static void v_info255(struct buf *b, struct ctx *c) { (void)c; v_cmd(b, REQ, EDGEFW_CMD_GET_INFO, 255); }

/* -- confirmation and information -- */
static void n_confirm(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, REQ, EDGEFW_CMD_CONFIRM); }
static void n_revert(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, REQ, EDGEFW_CMD_REVERT); }
static void n_confirm_dump(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, DUMP, EDGEFW_CMD_CONFIRM); }
static void n_revert_dump(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, DUMP, EDGEFW_CMD_REVERT); }
static void n_info(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, REQ, EDGEFW_CMD_GET_INFO); }
static void n_info_dump(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, DUMP, EDGEFW_CMD_GET_INFO); }

static void with_gen_attr(struct buf *b, struct ctx *c, uint8_t cmd)
{
	msg_start(b, REQ, cmd);
	a_u32(b, EDGEFW_A_GENERATION, c->gen);
	msg_end(b);
}

static void n_confirm_attr(struct buf *b, struct ctx *c) { with_gen_attr(b, c, EDGEFW_CMD_CONFIRM); }
static void n_revert_attr(struct buf *b, struct ctx *c) { with_gen_attr(b, c, EDGEFW_CMD_REVERT); }
static void n_info_attr(struct buf *b, struct ctx *c) { with_gen_attr(b, c, EDGEFW_CMD_GET_INFO); }

static const char *a_info(const struct reply *r, const struct ctx *c)
{
	(void)c;
	return info_check(r);
}

/* -- flags and profiles -- */
/* The reference with other FLAGS, PROFILE (-1: absent) and av media. */
static void ref_with(struct buf *b, struct ctx *c, uint32_t flags,
		     int profile, uint8_t media)
{
	struct cfg x;

	cfg_copy(&x, &c->ref);
	x.flags = flags;
	x.profile = profile < 0 ? 0 : (uint8_t)profile;
	x.roles[EDGEFW_ROLE_AV].media = media;
	cfg_msg(b, &x, NULL);
	if (profile == EDGEFW_PROFILE_LYNC2010) {	/* said, not implied */
			a_u8(b, EDGEFW_A_PROFILE, EDGEFW_PROFILE_LYNC2010);
		msg_end(b);
	}
	cfg_free(&x);
}

#define LYNC	EDGEFW_MEDIA_LYNC2010
#define OCS	EDGEFW_MEDIA_OCS2007
static void f_audit(struct buf *b, struct ctx *c) { ref_with(b, c, EDGEFW_F_AUDIT, -1, LYNC); }
static void f_stateless(struct buf *b, struct ctx *c) { ref_with(b, c, EDGEFW_F_STATELESS_MEDIA, -1, LYNC); }
static void f_xmpp_lync(struct buf *b, struct ctx *c) { ref_with(b, c, EDGEFW_F_XMPP, -1, LYNC); }
static void f_xmpp_2015(struct buf *b, struct ctx *c) { ref_with(b, c, EDGEFW_F_XMPP, EDGEFW_PROFILE_SFB2015, LYNC); }
static void f_xmpp_2019(struct buf *b, struct ctx *c) { ref_with(b, c, EDGEFW_F_XMPP, EDGEFW_PROFILE_SFB2019, LYNC); }
static void f_2015(struct buf *b, struct ctx *c) { ref_with(b, c, 0, EDGEFW_PROFILE_SFB2015, LYNC); }
static void f_2019(struct buf *b, struct ctx *c) { ref_with(b, c, EDGEFW_F_STATELESS_MEDIA, EDGEFW_PROFILE_SFB2019, LYNC); }
static void f_2019_none(struct buf *b, struct ctx *c) { ref_with(b, c, 0, EDGEFW_PROFILE_SFB2019, EDGEFW_MEDIA_NONE); }
static void f_2015_ocs(struct buf *b, struct ctx *c) { ref_with(b, c, 0, EDGEFW_PROFILE_SFB2015, OCS); }
static void f_2019_ocs(struct buf *b, struct ctx *c) { ref_with(b, c, 0, EDGEFW_PROFILE_SFB2019, OCS); }
static void f_lync_ocs(struct buf *b, struct ctx *c) { ref_with(b, c, 0, EDGEFW_PROFILE_LYNC2010, OCS); }
static void f_profile3(struct buf *b, struct ctx *c) { ref_with(b, c, 0, __EDGEFW_PROFILE_LAST, LYNC); }

static void ref_plus(struct buf *b, struct ctx *c, uint16_t type,
		     const void *d, size_t n)
{
	set_hdr(b);
	ref_attrs(b, c);
	attr(b, type, d, n);
	msg_end(b);
}

static void f_profile_u32(struct buf *b, struct ctx *c) { ref_plus(b, c, EDGEFW_A_PROFILE, "\x01\0\0\0", 4); }
static void f_profile_nested(struct buf *b, struct ctx *c) { ref_plus(b, c, NEST(EDGEFW_A_PROFILE), "\x01\0\0\0", 4); }

static void f_profile_twice(struct buf *b, struct ctx *c)
{
	ref_with(b, c, 0, EDGEFW_PROFILE_SFB2015, LYNC);
	a_u8(b, EDGEFW_A_PROFILE, EDGEFW_PROFILE_SFB2019);
	msg_end(b);
}

/* -- logging -- */
static void l_group(struct buf *b, struct ctx *c) { ref_plus(b, c, EDGEFW_A_LOG_GROUP, "\x05\x00", 2); }
static void l_group_u32(struct buf *b, struct ctx *c) { ref_plus(b, c, EDGEFW_A_LOG_GROUP, "\x05\0\0\0", 4); }

static void l_group_twice(struct buf *b, struct ctx *c)
{
	l_group(b, c);
	a_u16(b, EDGEFW_A_LOG_GROUP, 6);
	msg_end(b);
}

static void l_drops(struct buf *b, struct ctx *c) { ref_with(b, c, EDGEFW_F_LOG_DROPS, -1, LYNC); }

static void l_drops_nflog(struct buf *b, struct ctx *c)
{
	ref_with(b, c, EDGEFW_F_LOG_DROPS, -1, LYNC);
	a_u16(b, EDGEFW_A_LOG_GROUP, 5);
	msg_end(b);
}

/* -- check only, confirmation timeouts -- */
/* The variant (cfg_alternate) with @how. */
static void cfg_alternate(struct cfg *alt);

static void alt_how(struct buf *b, struct ctx *c, const struct change *how)
{
	struct cfg alt;

	(void)c;
	cfg_alternate(&alt);
	cfg_msg_how(b, &alt, how);
	cfg_free(&alt);
}

static void k_check(struct buf *b, struct ctx *c)
{
	struct change how = { .check_only = true };

	alt_how(b, c, &how);
}

static void k_check_gen(struct buf *b, struct ctx *c)
{
	struct change how = { .check_only = true, .gen = &c->gen };

	alt_how(b, c, &how);
}

static void k_check_stale(struct buf *b, struct ctx *c)
{
	uint32_t g = c->gen - 1;
	struct change how = { .check_only = true, .gen = &g };

	alt_how(b, c, &how);
}

static void k_check_timeout(struct buf *b, struct ctx *c)
{
	struct change how = { .check_only = true, .confirm_timeout = 60 };

	alt_how(b, c, &how);
}

static void k_check_bad(struct buf *b, struct ctx *c)
{
	struct change how = { .check_only = true };
	struct cfg x;

	cfg_copy(&x, &c->ref);
	x.flags = EDGEFW_F_XMPP;
	cfg_msg_how(b, &x, &how);
	cfg_free(&x);
}

static void k_check_4(struct buf *b, struct ctx *c) { ref_plus(b, c, EDGEFW_A_CHECK_ONLY, "\0\0\0\0", 4); }
static void k_check_nested(struct buf *b, struct ctx *c) { ref_plus(b, c, NEST(EDGEFW_A_CHECK_ONLY), NULL, 0); }

static void k_check_twice(struct buf *b, struct ctx *c)
{
	k_check(b, c);
	attr(b, EDGEFW_A_CHECK_ONLY, NULL, 0);
	msg_end(b);
}

static void k_timeout(struct buf *b, struct ctx *c, uint32_t t)
{
	ref_plus(b, c, EDGEFW_A_CONFIRM_TIMEOUT, &t, 4);
}

static void k_timeout0(struct buf *b, struct ctx *c) { k_timeout(b, c, 0); }
static void k_timeout_max1(struct buf *b, struct ctx *c) { k_timeout(b, c, EDGEFW_MAX_CONFIRM_SECONDS + 1); }
static void k_timeout_all(struct buf *b, struct ctx *c) { k_timeout(b, c, ~0u); }
static void k_timeout_u16(struct buf *b, struct ctx *c) { ref_plus(b, c, EDGEFW_A_CONFIRM_TIMEOUT, "\x3c\x00", 2); }

static void k_timeout_twice(struct buf *b, struct ctx *c)
{
	uint32_t t = 60;

	k_timeout(b, c, 60);
	a_u32(b, EDGEFW_A_CONFIRM_TIMEOUT, t);
	msg_end(b);
}

/* What a check-only change answers: nothing changed, what it would do. */
static const char *a_check(const struct reply *r, const struct ctx *c)
{
	struct change_info ci;
	const char *e = set_reply_check(r, &ci);
	uint32_t n_rules;

	if (e)
		return e;
	if (ci.gen != c->gen)
		return "a check-only reply with another generation";
	e = rules_now(&c->now, c->gen, &n_rules);
	if (!e && ci.before != n_rules)
		return "RULES_BEFORE is not the number of rules in force";
	return e;
}

/* -- attributes of answers, not of requests -- */
static void s_answer_attr(struct buf *b, struct ctx *c, uint16_t type)
{
	size_t n;

	set_hdr(b);
	ref_attrs(b, c);
	n = nest(b, NEST(type));
	a_u32(b, 1, 1);
	nest_end(b, n);
	msg_end(b);
}

static void s_pending(struct buf *b, struct ctx *c) { s_answer_attr(b, c, EDGEFW_A_PENDING); }
static void s_check(struct buf *b, struct ctx *c) { s_answer_attr(b, c, EDGEFW_A_CHECK); }
static void s_query(struct buf *b, struct ctx *c) { s_answer_attr(b, c, EDGEFW_A_QUERY); }
static void s_verdict(struct buf *b, struct ctx *c) { s_answer_attr(b, c, EDGEFW_A_VERDICT); }
static void s_event(struct buf *b, struct ctx *c) { s_answer_attr(b, c, EDGEFW_A_EVENT); }
static void s_info(struct buf *b, struct ctx *c) { s_answer_attr(b, c, EDGEFW_A_INFO); }

/* -- Directors -- */
static void d_one(struct buf *b, struct ctx *c) { pool_ip(b, c, EDGEFW_POOL_A_DIRECTOR, "192.168.10.95"); }
static void d_v6(struct buf *b, struct ctx *c) { pool_ip(b, c, EDGEFW_POOL_A_DIRECTOR, "2001:db8:10::95"); }
static void d_mc(struct buf *b, struct ctx *c) { pool_ip(b, c, EDGEFW_POOL_A_DIRECTOR, "224.0.0.9"); }
static void d_5(struct buf *b, struct ctx *c) { pool_with(b, c, EDGEFW_POOL_A_DIRECTOR, "\xc0\xa8\x0a\x5f\x00", 5); }
/* the front end 192.168.10.90 is in the pool already: fine as a Director */
static void d_fe(struct buf *b, struct ctx *c) { pool_ip(b, c, EDGEFW_POOL_A_DIRECTOR, "192.168.10.90"); }

static void d_twice(struct buf *b, struct ctx *c)
{
	size_t p;

	set_hdr(b);
	cfg_put_bindings(b, &c->ref);
	p = nest(b, NEST(EDGEFW_A_POOL));
	a_ip(b, EDGEFW_POOL_A_DIRECTOR, "192.168.10.95");
	a_ip(b, EDGEFW_POOL_A_FRONT_END, "192.168.10.90");
	a_ip(b, EDGEFW_POOL_A_DIRECTOR, "192.168.10.95");
	nest_end(b, p);
	msg_end(b);
}

static void directors_n(struct buf *b, struct ctx *c, int n)
{
	size_t p;
	int i;

	set_hdr(b);
	cfg_put_bindings(b, &c->ref);
	p = nest(b, NEST(EDGEFW_A_POOL));
	a_ip(b, EDGEFW_POOL_A_FRONT_END, "192.168.10.90");
	for (i = 0; i < n; i++) {
		uint8_t a[4] = { 192, 168, 12, (uint8_t)(i + 1) };

		attr(b, EDGEFW_POOL_A_DIRECTOR, a, 4);
	}
	nest_end(b, p);
	msg_end(b);
}

static void d_33(struct buf *b, struct ctx *c) { directors_n(b, c, EDGEFW_MAX_DIRECTORS + 1); }
static void d_32(struct buf *b, struct ctx *c) { directors_n(b, c, EDGEFW_MAX_DIRECTORS); }

/* -- management rules -- */
/* The reference and one MGMT nest made of @body. */
static void mgmt_with(struct buf *b, struct ctx *c, const struct buf *body)
{
	size_t n;

	set_hdr(b);
	ref_attrs(b, c);
	n = nest(b, NEST(EDGEFW_A_MGMT));
	buf_put(b, body->d, body->len);
	nest_end(b, n);
	msg_end(b);
}

/* Attributes of a management rule; leave out those of @omit (bits). */
static void mgmt_body(struct buf *in, int zone, int proto, const char *prefix,
		      int plen, int port, unsigned int omit)
{
	if (!(omit & (1u << EDGEFW_MGMT_A_ZONE)))
		a_u8(in, EDGEFW_MGMT_A_ZONE, (uint8_t)zone);
	if (!(omit & (1u << EDGEFW_MGMT_A_PROTO)))
		a_u8(in, EDGEFW_MGMT_A_PROTO, (uint8_t)proto);
	if (!(omit & (1u << EDGEFW_MGMT_A_PREFIX)))
		a_ip(in, EDGEFW_MGMT_A_PREFIX, prefix);
	if (!(omit & (1u << EDGEFW_MGMT_A_PREFIX_LEN)))
		a_u8(in, EDGEFW_MGMT_A_PREFIX_LEN, (uint8_t)plen);
	if (!(omit & (1u << EDGEFW_MGMT_A_PORT)))
		a_u16(in, EDGEFW_MGMT_A_PORT, (uint16_t)port);
}

static void mgmt_case(struct buf *b, struct ctx *c, int zone, int proto,
		      const char *prefix, int plen, int port, unsigned int omit)
{
	struct buf in = { 0 };

	mgmt_body(&in, zone, proto, prefix, plen, port, omit);
	mgmt_with(b, c, &in);
	buf_free(&in);
}

#define INT	EDGEFW_ZONE_INTERNAL
#define TCP	IPPROTO_TCP
static void m_v4(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "172.25.33.0", 24, 22, 0); }
static void m_v6(struct buf *b, struct ctx *c) { mgmt_case(b, c, EDGEFW_ZONE_EXTERNAL, IPPROTO_UDP, "2001:db8:99::", 48, 161, 0); }
static void m_any(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "0.0.0.0", 0, 443, 0); }
static void m_host(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "172.25.33.7", 32, 22, 0); }
static void m_host6(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "2001:db8::7", 128, 22, 0); }
static void m_port_max(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "172.25.33.0", 24, 65535, 0); }
static void m_icmp(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, IPPROTO_ICMP, "172.25.33.0", 24, 22, 0); }
static void m_proto0(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, 0, "172.25.33.0", 24, 22, 0); }
static void m_sctp(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, IPPROTO_SCTP, "172.25.33.0", 24, 22, 0); }
static void m_plen33(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "172.25.33.0", 33, 22, 0); }
static void m_plen129(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "2001:db8::", 129, 22, 0); }
static void m_plen255(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "172.25.33.0", 255, 22, 0); }
static void m_bits4(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "10.0.0.1", 8, 22, 0); }
static void m_bits6(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "2001:db8::1", 64, 22, 0); }
static void m_bits0(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "10.0.0.0", 0, 22, 0); }
static void m_bit31(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "172.25.33.1", 31, 22, 0); }
static void m_port0(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "172.25.33.0", 24, 0, 0); }
static void m_zone2(struct buf *b, struct ctx *c) { mgmt_case(b, c, 2, TCP, "172.25.33.0", 24, 22, 0); }
static void m_no_zone(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "172.25.33.0", 24, 22, 1u << EDGEFW_MGMT_A_ZONE); }
static void m_no_proto(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "172.25.33.0", 24, 22, 1u << EDGEFW_MGMT_A_PROTO); }
static void m_no_prefix(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "172.25.33.0", 24, 22, 1u << EDGEFW_MGMT_A_PREFIX); }
static void m_no_plen(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "172.25.33.0", 24, 22, 1u << EDGEFW_MGMT_A_PREFIX_LEN); }
static void m_no_port(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "172.25.33.0", 24, 22, 1u << EDGEFW_MGMT_A_PORT); }
static void m_mcast(struct buf *b, struct ctx *c) { mgmt_case(b, c, INT, TCP, "224.0.0.0", 4, 22, 0); }

/* A management rule of 172.25.33.0/24 to port 22, then @extra. */
static void mgmt_plus(struct buf *b, struct ctx *c, uint16_t type,
		      const void *d, size_t n)
{
	struct buf in = { 0 };

	mgmt_body(&in, INT, TCP, "172.25.33.0", 24, 22, 0);
	attr(&in, type, d, n);
	mgmt_with(b, c, &in);
	buf_free(&in);
}

static void m_type6(struct buf *b, struct ctx *c) { mgmt_plus(b, c, __EDGEFW_MGMT_A_LAST, "\x01", 1); }
static void m_type0(struct buf *b, struct ctx *c) { mgmt_plus(b, c, 0, "\x01", 1); }
static void m_zone_twice(struct buf *b, struct ctx *c) { mgmt_plus(b, c, EDGEFW_MGMT_A_ZONE, "\x00", 1); }
static void m_port_twice(struct buf *b, struct ctx *c) { mgmt_plus(b, c, EDGEFW_MGMT_A_PORT, "\x17\x00", 2); }

/* A management rule with one attribute of another size. */
static void mgmt_odd(struct buf *b, struct ctx *c, unsigned int which,
		     const void *d, size_t n)
{
	struct buf in = { 0 };

	mgmt_body(&in, INT, TCP, "172.25.33.0", 24, 22, 1u << which);
	attr(&in, (uint16_t)which, d, n);
	mgmt_with(b, c, &in);
	buf_free(&in);
}

static void m_port_u8(struct buf *b, struct ctx *c) { mgmt_odd(b, c, EDGEFW_MGMT_A_PORT, "\x16", 1); }
static void m_port_u32(struct buf *b, struct ctx *c) { mgmt_odd(b, c, EDGEFW_MGMT_A_PORT, "\x16\0\0\0", 4); }
static void m_zone_u32(struct buf *b, struct ctx *c) { mgmt_odd(b, c, EDGEFW_MGMT_A_ZONE, "\x01\0\0\0", 4); }
static void m_prefix5(struct buf *b, struct ctx *c) { mgmt_odd(b, c, EDGEFW_MGMT_A_PREFIX, "\xac\x19\x21\x00\x00", 5); }
static void m_prefix17(struct buf *b, struct ctx *c) { mgmt_odd(b, c, EDGEFW_MGMT_A_PREFIX, "0123456789abcdefg", 17); }
static void m_prefix0(struct buf *b, struct ctx *c) { mgmt_odd(b, c, EDGEFW_MGMT_A_PREFIX, NULL, 0); }

static void m_empty(struct buf *b, struct ctx *c)
{
	struct buf in = { 0 };

	mgmt_with(b, c, &in);
}

static void m_flat(struct buf *b, struct ctx *c)
{
	m_v4(b, c);
	clear_nested_flag(b, NLMSG_HDRLEN + GENL_HDRLEN, EDGEFW_A_MGMT);
}

/* @n management rules: the same prefix, ports from @first on. */
static void mgmt_n(struct buf *b, struct ctx *c, unsigned int n,
		   unsigned int first)
{
	set_hdr(b);
	ref_attrs(b, c);
	for (unsigned int i = 0; i < n; i++) {
		struct mgmt m = {
			.zone = (uint8_t)(i & 1), .proto = IPPROTO_TCP,
			.prefix = ip("172.25.33.0"), .plen = 24,
			.port = (uint16_t)(first + i),
		};

		put_mgmt(b, &m);
	}
	msg_end(b);
}

static void m_256(struct buf *b, struct ctx *c) { mgmt_n(b, c, EDGEFW_MAX_MGMT, 1000); }
static void m_257(struct buf *b, struct ctx *c) { mgmt_n(b, c, EDGEFW_MAX_MGMT + 1, 1000); }
/* ports 1000, 1000: the same rule (zone alternates: rules 0 and 2) */
static void m_dup(struct buf *b, struct ctx *c)
{
	m_v4(b, c);
	{
		struct mgmt m = {
			.zone = INT, .proto = TCP, .prefix = ip("172.25.33.0"),
			.plen = 24, .port = 22,
		};

		put_mgmt(b, &m);
	}
	msg_end(b);
}

static void m_other_zone(struct buf *b, struct ctx *c)
{
	m_v4(b, c);
	{
		struct mgmt m = {
			.zone = EDGEFW_ZONE_EXTERNAL, .proto = TCP,
			.prefix = ip("172.25.33.0"), .plen = 24, .port = 22,
		};

		put_mgmt(b, &m);
	}
	msg_end(b);
}

/* -- verdicts -- */
/* A query, as ctx remembers it for the answer. */
static void put_query(struct buf *b, const struct query *q, unsigned int omit)
{
	size_t n = nest(b, NEST(EDGEFW_A_QUERY));

	if (!(omit & (1u << EDGEFW_QUERY_A_IFNAME)))
		a_str(b, EDGEFW_QUERY_A_IFNAME, q->ifname);
	if (!(omit & (1u << EDGEFW_QUERY_A_DIR)))
		a_u8(b, EDGEFW_QUERY_A_DIR, q->dir);
	if (!(omit & (1u << EDGEFW_QUERY_A_PROTO)))
		a_u8(b, EDGEFW_QUERY_A_PROTO, q->proto);
	if (!(omit & (1u << EDGEFW_QUERY_A_SRC)))
		put_addr(b, EDGEFW_QUERY_A_SRC, &q->src);
	if (!(omit & (1u << EDGEFW_QUERY_A_DST)))
		put_addr(b, EDGEFW_QUERY_A_DST, &q->dst);
	if (!(omit & (1u << EDGEFW_QUERY_A_SPORT)))
		a_u16(b, EDGEFW_QUERY_A_SPORT, q->sport);
	if (!(omit & (1u << EDGEFW_QUERY_A_DPORT)))
		a_u16(b, EDGEFW_QUERY_A_DPORT, q->dport);
	nest_end(b, n);
}

static struct query query_of(const char *ifname, uint8_t dir, uint8_t proto,
			     const char *src, const char *dst, uint16_t sport,
			     uint16_t dport)
{
	struct query q = {
		.dir = dir, .proto = proto, .src = ip(src), .dst = ip(dst),
		.sport = sport, .dport = dport,
	};

	snprintf(q.ifname, sizeof(q.ifname), "%s", ifname);
	return q;
}

/* A client on the Internet to the access edge's TLS port (row 3). */
static struct query q_access(uint16_t dport)
{
	return query_of(ext_if, EDGEFW_DIR_IN, IPPROTO_TCP, "198.51.100.7",
			"10.45.16.10", 40000, dport);
}

static void query_msg(struct buf *b, struct ctx *c, const struct query *q,
		      unsigned int omit)
{
	c->q = *q;
	msg_start(b, REQ, EDGEFW_CMD_VERDICT);
	put_query(b, q, omit);
	msg_end(b);
}

static void q_443(struct buf *b, struct ctx *c) { struct query q = q_access(443); query_msg(b, c, &q, 0); }
static void q_444(struct buf *b, struct ctx *c) { struct query q = q_access(444); query_msg(b, c, &q, 0); }

static void q_443_v6(struct buf *b, struct ctx *c)
{
	struct query q = query_of(ext_if, EDGEFW_DIR_IN, IPPROTO_TCP,
				  "2001:db8:7::7", "2001:db8:45:16::10", 40000, 443);

	query_msg(b, c, &q, 0);
}

static void q_lo(struct buf *b, struct ctx *c)
{
	struct query q = query_of("lo", EDGEFW_DIR_IN, IPPROTO_UDP, "127.0.0.1",
				  "127.0.0.1", 5, 53);

	query_msg(b, c, &q, 0);
}

static void q_nosuch(struct buf *b, struct ctx *c)
{
	struct query q = q_access(443);

	snprintf(q.ifname, sizeof(q.ifname), "nosuch0");
	query_msg(b, c, &q, 0);
}

/* Without the attribute @t (required ones: EINVAL; ports default to 0). */
static void q_without(struct buf *b, struct ctx *c, unsigned int t)
{
	struct query q = q_access(443);

	if (t == EDGEFW_QUERY_A_SPORT || t == EDGEFW_QUERY_A_DPORT)
		*(t == EDGEFW_QUERY_A_SPORT ? &q.sport : &q.dport) = 0;
	query_msg(b, c, &q, 1u << t);
}

static void q_no_ifname(struct buf *b, struct ctx *c) { q_without(b, c, EDGEFW_QUERY_A_IFNAME); }
static void q_no_dir(struct buf *b, struct ctx *c) { q_without(b, c, EDGEFW_QUERY_A_DIR); }
static void q_no_proto(struct buf *b, struct ctx *c) { q_without(b, c, EDGEFW_QUERY_A_PROTO); }
static void q_no_src(struct buf *b, struct ctx *c) { q_without(b, c, EDGEFW_QUERY_A_SRC); }
static void q_no_dst(struct buf *b, struct ctx *c) { q_without(b, c, EDGEFW_QUERY_A_DST); }
static void q_no_sport(struct buf *b, struct ctx *c) { q_without(b, c, EDGEFW_QUERY_A_SPORT); }
static void q_no_dport(struct buf *b, struct ctx *c) { q_without(b, c, EDGEFW_QUERY_A_DPORT); }

static void q_icmp(struct buf *b, struct ctx *c) { struct query q = q_access(443); q.proto = IPPROTO_ICMP; query_msg(b, c, &q, 0); }
static void q_dir2(struct buf *b, struct ctx *c) { struct query q = q_access(443); q.dir = 2; query_msg(b, c, &q, 0); }
static void q_families(struct buf *b, struct ctx *c) { struct query q = q_access(443); q.dst = ip("2001:db8:45:16::10"); query_msg(b, c, &q, 0); }

static void q_none(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, REQ, EDGEFW_CMD_VERDICT); }
static void q_dump(struct buf *b, struct ctx *c) { q_443(b, c); set16(b->d + 6, DUMP); }

/* The query of row 3 and, inside it, @extra. */
static void query_plus(struct buf *b, struct ctx *c, uint16_t type,
		       const void *d, size_t n)
{
	struct query q = q_access(443);

	query_msg(b, c, &q, 0);
	/* the query is the last attribute: open it again */
	attr(b, type, d, n);
	nest_end(b, NLMSG_HDRLEN + GENL_HDRLEN);
	msg_end(b);
}

static void q_type8(struct buf *b, struct ctx *c) { query_plus(b, c, __EDGEFW_QUERY_A_LAST, "\x01", 1); }
static void q_src5(struct buf *b, struct ctx *c) { query_plus(b, c, EDGEFW_QUERY_A_SRC, "\x0a\x00\x00\x01\x00", 5); }
static void q_src17(struct buf *b, struct ctx *c) { query_plus(b, c, EDGEFW_QUERY_A_SRC, "0123456789abcdefg", 17); }
static void q_port_u32(struct buf *b, struct ctx *c) { query_plus(b, c, EDGEFW_QUERY_A_DPORT, "\xbb\x01\0\0", 4); }
static void q_ifname16(struct buf *b, struct ctx *c) { query_plus(b, c, EDGEFW_QUERY_A_IFNAME, "abcdefghijklmnop", 16); }
static void q_ifname_nested(struct buf *b, struct ctx *c) { query_plus(b, c, NEST(EDGEFW_QUERY_A_IFNAME), "lo", 3); }
/* a second IFNAME, DPORT: the kernel reads the last one */
static void q_ifname_twice(struct buf *b, struct ctx *c) { query_plus(b, c, EDGEFW_QUERY_A_IFNAME, "lo", 3); c->q.ifname[0] = 'l', c->q.ifname[1] = 'o', c->q.ifname[2] = 0; }
static void q_dport_twice(struct buf *b, struct ctx *c) { query_plus(b, c, EDGEFW_QUERY_A_DPORT, "\xbc\x01", 2); c->q.dport = 444; }

static void q_flat(struct buf *b, struct ctx *c)
{
	q_443(b, c);
	clear_nested_flag(b, NLMSG_HDRLEN + GENL_HDRLEN, EDGEFW_A_QUERY);
}

static void q_top_flags(struct buf *b, struct ctx *c)
{
	q_443(b, c);
	a_u32(b, EDGEFW_A_FLAGS, 0);
	msg_end(b);
}

/* two queries: the kernel judges the last one */
static void q_twice(struct buf *b, struct ctx *c)
{
	struct query first = q_access(443), second = q_access(444);

	msg_start(b, REQ, EDGEFW_CMD_VERDICT);
	put_query(b, &first, 0);
	put_query(b, &second, 0);
	msg_end(b);
	c->q = second;
}

/* The answer due for c->q, judged with the configuration in force. */
static const char *verdict_of(const struct reply *r, const struct ctx *c,
			      int reason)
{
	const struct nlattr *tb[EDGEFW_A_MAX + 1], *v[EDGEFW_VERDICT_A_MAX + 1];
	const char *e = verdict_check(r, &c->q, &c->now, c->gen);

	if (e || reason < 0)
		return e;
	msg_table(reply_msg(r, EDGEFW_CMD_VERDICT), tb, EDGEFW_A_MAX, 0);
	nest_table(tb[EDGEFW_A_VERDICT], v, EDGEFW_VERDICT_A_MAX, 0);
	if (attr_uint(v[EDGEFW_VERDICT_A_REASON], 1) != reason)
		return "another reason than the reference's";
	return NULL;
}

static const char *a_verdict(const struct reply *r, const struct ctx *c) { return verdict_of(r, c, -1); }
static const char *a_rule(const struct reply *r, const struct ctx *c) { return verdict_of(r, c, EDGEFW_R_RULE); }
static const char *a_no_rule(const struct reply *r, const struct ctx *c) { return verdict_of(r, c, EDGEFW_R_NO_RULE); }
static const char *a_unbound(const struct reply *r, const struct ctx *c) { return verdict_of(r, c, EDGEFW_R_UNBOUND); }

/* -- informational: what the contract leaves open -- */
static void i_reserved(struct buf *b, struct ctx *c)
{
	cfg_msg(b, &c->ref, NULL);
	set16(b->d + NLMSG_HDRLEN + 2, 0xbeef);
}

static void i_loopback(struct buf *b, struct ctx *c) { r_addr_bad(b, c, "127.0.0.1"); }
static void i_mapped(struct buf *b, struct ctx *c) { r_addr_bad(b, c, "::ffff:10.45.16.41"); }
static void i_class_e(struct buf *b, struct ctx *c) { r_addr_bad(b, c, "240.0.0.1"); }
static void i_linklocal(struct buf *b, struct ctx *c) { r_addr_bad(b, c, "fe80::1"); }
static void i_byteorder(struct buf *b, struct ctx *c)
{
	set_hdr(b);
	ref_attrs(b, c);
	msg_end(b);
	/* the first attribute is FLAGS */
	set16(b->d + NLMSG_HDRLEN + GENL_HDRLEN + 2,
	      EDGEFW_A_FLAGS | NLA_F_NET_BYTEORDER);
}

static void i_same_addr_two_roles(struct buf *b, struct ctx *c)
{
	static const char *const a[] = { "10.45.16.10", NULL };

	role_case(b, c, EDGEFW_ROLE_RPROXY, NULL, -1, a);
}

#define C(name, exp, fn)	{ name, exp, fn, 0, NULL }
#define CC(name, exp, fn)	{ name, exp, fn, T_CHANGES, NULL }
/* accepted, changes nothing, answers as @answer checks */
#define CR(name, fn, answer)	{ name, 0, fn, T_READS, answer }

static const struct tcase catalogue[] = {
	/* transport: the kernel's netlink and genetlink layers */
	C("datagram of 8 bytes (netlink header cut)", NOREPLY, t_short),
	C("nlmsg_len 8, below the netlink header", NOREPLY, t_len8),
	C("nlmsg_len 64 bytes longer than the datagram", NOREPLY, t_len_long),
	C("nlmsg_len 16: no genetlink header", EINVAL, t_no_genl),
	C("nlmsg_len 18: genetlink header cut", EINVAL, t_genl_cut),
	C("unknown generic netlink family id 0xfffe", ENOENT, t_bad_family),
	C("empty SET_CONFIG (a flush) without NLM_F_REQUEST is ignored", 0, t_not_request),
	/* commands */
	C("command 0 (UNSPEC)", EOPNOTSUPP, c_cmd0),
	C("command 5 (CHANGED, an event)", EOPNOTSUPP, c_cmd5),
	C("command 10 (beyond the last)", EOPNOTSUPP, c_cmd_last),
	C("command 10 as a dump", EOPNOTSUPP, c_cmd_last_dump),
	C("command 255", EOPNOTSUPP, c_cmd255),
	C("SET_CONFIG sent as a dump", EOPNOTSUPP, c_set_dump),
	C("RESET_COUNTERS sent as a dump", EOPNOTSUPP, c_reset_dump),
	C("GET_CONFIG without NLM_F_DUMP", EOPNOTSUPP, c_getcfg_do),
	C("GET_RULES without NLM_F_DUMP", EOPNOTSUPP, c_getrules_do),
	C("GET_CONFIG with NLM_F_ROOT only (half a dump flag)", EINVAL, c_getcfg_root),
	C("SET_CONFIG with NLM_F_CREATE|NLM_F_EXCL", EINVAL, c_set_create),
	C("SET_CONFIG with NLM_F_ATOMIC", EINVAL, c_set_atomic),
	C("genl reserved field 0xbeef", EINVAL, i_reserved),
	C("CONFIRM sent as a dump", EOPNOTSUPP, n_confirm_dump),
	C("REVERT sent as a dump", EOPNOTSUPP, n_revert_dump),
	C("GET_INFO sent as a dump", EOPNOTSUPP, n_info_dump),
	C("VERDICT sent as a dump", EOPNOTSUPP, q_dump),
	/* the protocol version: 2 only, whatever the command but GET_INFO */
	C("SET_CONFIG of genl version 0", EPROTO, v_set0),
	C("SET_CONFIG of genl version 1 (the protocol before)", EPROTO, v_set1),
	C("SET_CONFIG of genl version 3 (a protocol to come)", EPROTO, v_set3),
	C("SET_CONFIG of genl version 255", EPROTO, v_set255),
	C("GET_CONFIG dump of genl version 1", EPROTO, v_getcfg1),
	C("GET_RULES dump of genl version 1", EPROTO, v_getrules1),
	C("RESET_COUNTERS of genl version 1", EPROTO, v_reset1),
	C("CONFIRM of genl version 1 (the version before the state)", EPROTO, v_confirm1),
	C("REVERT of genl version 3", EPROTO, v_revert3),
	CR("GET_INFO of genl version 0: any version may ask", v_info0, a_info),
	CR("GET_INFO of genl version 1", v_info1, a_info),
	CR("GET_INFO of genl version 255", v_info255, a_info),
	CR("GET_INFO tells the module's version and protocols 2..2", n_info, a_info),
	C("GET_INFO with EDGEFW_A_GENERATION", EINVAL, n_info_attr),
	/* confirmation, with no change waiting */
	C("CONFIRM with no change waiting", ENOENT, n_confirm),
	C("REVERT with no change waiting", ENOENT, n_revert),
	C("CONFIRM with EDGEFW_A_GENERATION", EINVAL, n_confirm_attr),
	C("REVERT with EDGEFW_A_GENERATION", EINVAL, n_revert_attr),
	/* requests that take no attribute */
	C("GET_CONFIG dump with EDGEFW_A_GENERATION", EINVAL, d_cfg_gen),
	C("GET_CONFIG dump with EDGEFW_A_FLAGS", EINVAL, d_cfg_type2),
	C("GET_RULES dump with a ROLE nest", EINVAL, d_rules_role),
	C("GET_RULES dump with 3 trailing bytes", EINVAL, d_rules_trailing),
	C("RESET_COUNTERS with EDGEFW_A_FLAGS", EINVAL, d_reset_flags),
	C("RESET_COUNTERS with attribute type 0", EINVAL, d_reset_type0),
	C("RESET_COUNTERS with EDGEFW_A_GENERATION", EINVAL, d_reset_gen),
	/* SET_CONFIG: top level */
	C("3 bytes after the last attribute", EINVAL, s_trailing),
	C("attribute with nla_len 2", EINVAL, s_nla_len2),
	C("attribute longer than the message", EINVAL, s_nla_long),
	C("attribute type 0", EINVAL, s_type0),
	C("attribute type 21 (beyond EDGEFW_A_MAX)", EINVAL, s_type_last),
	C("attribute type 0x3fff", EINVAL, s_type3fff),
	C("dump-only EDGEFW_A_RULE in a request", EINVAL, s_rule),
	C("dump-only EDGEFW_A_ZONE_STATS in a request", EINVAL, s_zstats),
	C("EDGEFW_A_ADDR at the top level", EINVAL, s_top_addr),
	C("EDGEFW_A_BINDING at the top level (outside BINDINGS)", EINVAL, s_top_binding),
	C("FLAGS as u8", EINVAL, s_flags_u8),
	C("FLAGS as u64", EINVAL, s_flags_u64),
	C("FLAGS empty", EINVAL, s_flags_empty),
	C("GENERATION as u16", EINVAL, s_gen_u16),
	C("FLAGS: the lowest bit that is no flag (1<<5)", EINVAL, s_flags_unknown),
	C("FLAGS unknown bit 1<<31", EINVAL, s_flags_bit31),
	C("FLAGS all bits", EINVAL, s_flags_all),
	C("FLAGS with NLA_F_NESTED", EINVAL, s_flags_nested),
	CC("FLAGS AUDIT accepted", 0, f_audit),
	CC("FLAGS STATELESS_MEDIA accepted", 0, f_stateless),
	C("FLAGS XMPP under lync2010 (profile absent)", EINVAL, f_xmpp_lync),
	CC("FLAGS XMPP under sfb2015 accepted", 0, f_xmpp_2015),
	C("FLAGS XMPP under sfb2019", EINVAL, f_xmpp_2019),
	CC("PROFILE sfb2015 accepted", 0, f_2015),
	CC("PROFILE sfb2019 with stateless media accepted", 0, f_2019),
	CC("PROFILE sfb2019 with media range none accepted", 0, f_2019_none),
	C("PROFILE sfb2015 with media range ocs2007", EINVAL, f_2015_ocs),
	C("PROFILE sfb2019 with media range ocs2007", EINVAL, f_2019_ocs),
	CC("PROFILE lync2010 (given) with media range ocs2007 accepted", 0, f_lync_ocs),
	C("PROFILE 3 (beyond the last)", ERANGE, f_profile3),
	C("PROFILE as u32", EINVAL, f_profile_u32),
	C("PROFILE with NLA_F_NESTED", EINVAL, f_profile_nested),
	C("PROFILE twice (duplicated singleton)", EINVAL, f_profile_twice),
	CC("LOG_GROUP 5 without LOG_DROPS accepted", 0, l_group),
	C("LOG_GROUP as u32", EINVAL, l_group_u32),
	C("LOG_GROUP twice (duplicated singleton)", EINVAL, l_group_twice),
	C("CHECK_ONLY of an XMPP configuration under lync2010", EINVAL, k_check_bad),
	CR("CHECK_ONLY: the variant checked, nothing changed", k_check, a_check),
	CR("CHECK_ONLY with the current GENERATION", k_check_gen, a_check),
	C("CHECK_ONLY with a stale GENERATION", ESTALE, k_check_stale),
	CR("CHECK_ONLY with CONFIRM_TIMEOUT: nothing waits", k_check_timeout, a_check),
	C("CHECK_ONLY of 4 bytes", ERANGE, k_check_4),
	C("CHECK_ONLY with NLA_F_NESTED", EINVAL, k_check_nested),
	C("CHECK_ONLY twice (duplicated singleton)", EINVAL, k_check_twice),
	C("CONFIRM_TIMEOUT 0", ERANGE, k_timeout0),
	C("CONFIRM_TIMEOUT 3601 (EDGEFW_MAX_CONFIRM_SECONDS + 1)", ERANGE, k_timeout_max1),
	C("CONFIRM_TIMEOUT 0xffffffff", ERANGE, k_timeout_all),
	C("CONFIRM_TIMEOUT as u16", EINVAL, k_timeout_u16),
	C("CONFIRM_TIMEOUT twice (duplicated singleton)", EINVAL, k_timeout_twice),
	C("answer-only PENDING in a request", EINVAL, s_pending),
	C("answer-only CHECK in a request", EINVAL, s_check),
	C("verdict's QUERY in SET_CONFIG", EINVAL, s_query),
	C("answer-only VERDICT in a request", EINVAL, s_verdict),
	C("event's EVENT in a request", EINVAL, s_event),
	C("answer-only INFO in a request", EINVAL, s_info),
	C("POOL without NLA_F_NESTED", EINVAL, s_pool_flat),
	C("BINDINGS without NLA_F_NESTED", EINVAL, s_bindings_flat),
	C("ROLE without NLA_F_NESTED", EINVAL, s_role_flat),
	C("POOL nest of 2 bytes", ERANGE, s_pool_2bytes),
	C("FLAGS twice (duplicated singleton)", EINVAL, s_dup_flags),
	C("GENERATION twice, stale then current", EINVAL, s_dup_gen),
	C("POOL twice (the first would be silently lost)", EINVAL, s_dup_pool),
	C("BINDINGS twice (the first would be silently lost)", EINVAL, s_dup_bindings),
	/* pool */
	C("front end of 5 bytes", EINVAL, p_fe5),
	C("front end of 17 bytes", ERANGE, p_fe17),
	C("front end of 0 bytes", EINVAL, p_fe0),
	C("VIP of 3 bytes", EINVAL, p_vip3),
	C("front end 0.0.0.0", EINVAL, p_fe_any4),
	C("front end 224.0.0.1 (multicast)", EINVAL, p_fe_mc4),
	C("front end 255.255.255.255", EINVAL, p_fe_bcast),
	C("front end ::", EINVAL, p_fe_any6),
	C("front end ff02::1 (multicast)", EINVAL, p_fe_mc6),
	C("VIP 239.1.1.1 (multicast)", EINVAL, p_vip_mc4),
	C("front end listed twice", EINVAL, p_fe_twice),
	C("pool attribute type 4 (beyond the last)", EINVAL, p_type_last),
	C("pool attribute type 0", EINVAL, p_type0),
	C("front end with NLA_F_NESTED holding an address (too deep)", EINVAL, p_fe_nested),
	C("two VIPs (duplicated singleton)", EINVAL, p_two_vips),
	C("33 front ends (EDGEFW_MAX_FRONT_ENDS + 1)", E2BIG, p_33),
	CC("32 front ends (EDGEFW_MAX_FRONT_ENDS) accepted", 0, p_32),
	CC("a Director accepted", 0, d_one),
	CC("an IPv6 Director accepted", 0, d_v6),
	C("a Front End server that is a Director too (BUGS.txt #8)", EINVAL, d_fe),
	C("Director 224.0.0.9 (multicast)", EINVAL, d_mc),
	C("Director of 5 bytes", EINVAL, d_5),
	C("Director listed twice", EINVAL, d_twice),
	C("33 Directors (EDGEFW_MAX_DIRECTORS + 1)", E2BIG, d_33),
	CC("32 Directors (EDGEFW_MAX_DIRECTORS) accepted", 0, d_32),
	/* management rules */
	CC("management rule TCP 22 from 172.25.33.0/24 accepted", 0, m_v4),
	CC("management rule UDP 161 from 2001:db8:99::/48 accepted", 0, m_v6),
	CC("management rule from 0.0.0.0/0 accepted", 0, m_any),
	CC("management rule from a host (/32) accepted", 0, m_host),
	CC("management rule from an IPv6 host (/128) accepted", 0, m_host6),
	CC("management rule to port 65535 accepted", 0, m_port_max),
	CC("the same management rule in both zones accepted", 0, m_other_zone),
	CC("256 management rules (EDGEFW_MAX_MGMT) accepted", 0, m_256),
	C("257 management rules (EDGEFW_MAX_MGMT + 1)", E2BIG, m_257),
	C("management rule given twice", EINVAL, m_dup),
	C("management rule for ICMP", EINVAL, m_icmp),
	C("management rule for protocol 0", EINVAL, m_proto0),
	C("management rule for SCTP", EINVAL, m_sctp),
	C("management prefix length 33 of an IPv4 prefix", EINVAL, m_plen33),
	C("management prefix length 129", ERANGE, m_plen129),
	C("management prefix length 255", ERANGE, m_plen255),
	C("management prefix 10.0.0.1/8 (host bits)", EINVAL, m_bits4),
	C("management prefix 2001:db8::1/64 (host bits)", EINVAL, m_bits6),
	C("management prefix 10.0.0.0/0 (host bits)", EINVAL, m_bits0),
	C("management prefix 172.25.33.1/31 (the last host bit)", EINVAL, m_bit31),
	C("management rule to port 0", ERANGE, m_port0),
	C("management rule in zone 2", ERANGE, m_zone2),
	C("management rule without ZONE", EINVAL, m_no_zone),
	C("management rule without PROTO", EINVAL, m_no_proto),
	C("management rule without PREFIX", EINVAL, m_no_prefix),
	C("management rule without PREFIX_LEN", EINVAL, m_no_plen),
	C("management rule without PORT", EINVAL, m_no_port),
	C("empty MGMT nest", EINVAL, m_empty),
	C("MGMT without NLA_F_NESTED", EINVAL, m_flat),
	C("management attribute type 6 (beyond the last)", EINVAL, m_type6),
	C("management attribute type 0", EINVAL, m_type0),
	C("management ZONE twice (duplicated singleton)", EINVAL, m_zone_twice),
	C("management PORT twice (duplicated singleton)", EINVAL, m_port_twice),
	C("management PORT as u8", EINVAL, m_port_u8),
	C("management PORT as u32", EINVAL, m_port_u32),
	C("management ZONE as u32", EINVAL, m_zone_u32),
	C("management PREFIX of 5 bytes", EINVAL, m_prefix5),
	C("management PREFIX of 17 bytes", ERANGE, m_prefix17),
	C("management PREFIX of 0 bytes", EINVAL, m_prefix0),
	/* bindings */
	C("65 bindings (EDGEFW_MAX_BINDINGS + 1)", E2BIG, b_65),
	C("binding without IFNAME", EINVAL, b_no_name),
	C("binding without ZONE", EINVAL, b_no_zone),
	C("empty binding nest", EINVAL, b_empty),
	C("IFNAME without NUL", EINVAL, b_no_nul),
	C("IFNAME of 16 characters (no NUL in the first 16 bytes)", EINVAL, b_16),
	C("IFNAME 'int0', NUL, then 12 more bytes", ERANGE, b_nul_late),
	C("IFNAME empty", EINVAL, b_emptyname),
	C("IFNAME '.'", EINVAL, b_dot),
	C("IFNAME '..'", EINVAL, b_dotdot),
	C("IFNAME 'a/b'", EINVAL, b_slash),
	C("IFNAME 'int0:1'", EINVAL, b_colon),
	C("IFNAME 'int 0'", EINVAL, b_space),
	C("IFNAME with a tab", EINVAL, b_tab),
	C("IFNAME with byte 0xa0 (the kernel's isspace)", EINVAL, b_nbsp),
	C("ZONE as u32", EINVAL, b_zone_u32),
	C("ZONE 2", ERANGE, b_zone2),
	C("ZONE 255", ERANGE, b_zone255),
	C("dump-only IFINDEX in a binding", EINVAL, b_ifindex),
	C("IFNAME twice in one binding (duplicated singleton)", EINVAL, b_dup_name),
	C("ZONE twice in one binding (duplicated singleton)", EINVAL, b_dup_zone),
	C("IFNAME with NLA_F_NESTED", EINVAL, b_name_nested),
	C("interface bound twice, same zone", EINVAL, b_twice_same),
	C("interface bound twice, both zones", EINVAL, b_twice_other),
	C("BINDING without NLA_F_NESTED", EINVAL, b_flat),
	C("ROLE nest inside BINDINGS", EINVAL, b_role_inside),
	CC("64 bindings (EDGEFW_MAX_BINDINGS), all pending, accepted", 0, b_64),
	/* roles */
	C("role without TYPE", EINVAL, r_no_type),
	C("role without ADDRS", EINVAL, r_no_addrs),
	C("role with an empty ADDRS", EINVAL, r_empty_addrs),
	C("empty role nest", EINVAL, r_empty),
	C("role TYPE 4", ERANGE, r_type4),
	C("role TYPE 255", ERANGE, r_type255),
	C("role TYPE as u32", EINVAL, r_type_u32),
	C("MEDIA_RANGE 3", ERANGE, r_media3),
	C("MEDIA_RANGE on the rproxy role", EINVAL, r_media_rproxy),
	C("MEDIA_RANGE as u32", EINVAL, r_media_u32),
	C("av in two parts: the second without the internal address", EINVAL, r_part_internal),
	C("av in two parts: another internal address", EINVAL, r_part_internal2),
	C("av in two parts: another media range", EINVAL, r_part_media),
	C("av in two parts: an address in both", EINVAL, r_part_dup),
	CC("av in two parts that agree: merged", 0, r_part_ok),
	CC("av in two parts, the second without MEDIA_RANGE (lync2010 both)", 0, r_part_nomedia),
	C("address listed twice in a role", EINVAL, r_addr_twice),
	C("IPv6 address listed twice in a role", EINVAL, r_addr6_twice),
	C("role address of 5 bytes", EINVAL, r_addr5),
	C("role address of 17 bytes", ERANGE, r_addr17),
	C("role address of 0 bytes", EINVAL, r_addr0),
	C("role address 0.0.0.0", EINVAL, r_any4),
	C("role address 224.0.0.5 (multicast)", EINVAL, r_mc4),
	C("role address 255.255.255.255", EINVAL, r_bcast),
	C("role address ::", EINVAL, r_any6),
	C("role address ff05::2 (multicast)", EINVAL, r_mc6),
	C("internal address 239.0.0.1 (multicast)", EINVAL, r_internal_mc),
	C("internal address of 8 bytes", EINVAL, r_internal8),
	C("ADDRS holding attribute type 1", EINVAL, r_addr_type1),
	C("ADDRS without NLA_F_NESTED", EINVAL, r_addrs_flat),
	C("ADDR with NLA_F_NESTED holding an address (too deep)", EINVAL, r_addr_nested),
	C("ROLE nest inside a role", EINVAL, r_role_in_role),
	C("role attribute type 5 (beyond the last)", EINVAL, r_type5),
	C("role TYPE twice: rproxy then access (duplicated singleton)", EINVAL, r_dup_type),
	C("role TYPE twice: access then rproxy (duplicated singleton)", EINVAL, r_dup_type_new),
	C("ADDRS twice in a role (the first would be lost)", EINVAL, r_dup_addrs),
	C("INTERNAL_ADDR twice in a role", EINVAL, r_dup_internal),
	C("MEDIA_RANGE twice in a role", EINVAL, r_dup_media),
	C("4th role's 501st address repeats its 1st (fails after allocation)", EINVAL, r_late_fail),
	C("4096 ROLE nests of one role (128 KiB)", EINVAL, r_many_roles),
	C("ADDRS of 8200 addresses: nest length wraps past 65535", EINVAL, r_wrap),
	CC("ADDRS of 8190 addresses (what one nest holds) accepted", 0, r_max_nest),
	CC("webconf of 20000 addresses in 3 parts accepted", 0, r_20000),
	C("webconf of 1000001 addresses in 126 parts (EDGEFW_MAX_ROLE_ADDRS + 1)", E2BIG, r_million_plus),
	/* verdicts: the reference in force answers */
	CR("verdict: TCP 443 to the access edge, on ext0: accepted by a rule", q_443, a_rule),
	CR("verdict: the same over IPv6: accepted by a rule", q_443_v6, a_rule),
	CR("verdict: TCP 444 to the access edge: no rule", q_444, a_no_rule),
	CR("verdict: on lo, not bound: accepted, unbound", q_lo, a_unbound),
	CR("verdict: without SPORT (0)", q_no_sport, a_verdict),
	CR("verdict: without DPORT (0)", q_no_dport, a_verdict),
	C("verdict: no interface 'nosuch0'", ENODEV, q_nosuch),
	C("verdict without QUERY", EINVAL, q_none),
	C("verdict without IFNAME", EINVAL, q_no_ifname),
	C("verdict without DIR", EINVAL, q_no_dir),
	C("verdict without PROTO", EINVAL, q_no_proto),
	C("verdict without SRC", EINVAL, q_no_src),
	C("verdict without DST", EINVAL, q_no_dst),
	C("verdict for ICMP", EINVAL, q_icmp),
	C("verdict with DIR 2", ERANGE, q_dir2),
	C("verdict from IPv4 to IPv6", EINVAL, q_families),
	C("verdict with query attribute type 8 (beyond the last)", EINVAL, q_type8),
	C("verdict with a SRC of 5 bytes (a second SRC)", EINVAL, q_src5),
	C("verdict with a SRC of 17 bytes (a second SRC)", ERANGE, q_src17),
	C("verdict with a DPORT as u32 (a second DPORT)", EINVAL, q_port_u32),
	C("verdict with an IFNAME of 16 characters (a second IFNAME)", EINVAL, q_ifname16),
	C("verdict with an IFNAME with NLA_F_NESTED", EINVAL, q_ifname_nested),
	C("verdict with QUERY without NLA_F_NESTED", EINVAL, q_flat),
	C("verdict with FLAGS beside the QUERY", EINVAL, q_top_flags),
	/* generation */
	C("GENERATION one behind (stale)", ESTALE, g_behind),
	C("GENERATION one ahead", ESTALE, g_ahead),
	C("GENERATION 0xffffffff", ESTALE, g_max),
	CC("GENERATION current: the reference accepted", 0, g_current),
	/* informational: the contract is silent; the result is reported */
	C("verdict with two QUERY nests (443, then 444)", EINVAL, q_twice),
	C("verdict with IFNAME twice (ext0, then lo)", EINVAL, q_ifname_twice),
	C("verdict with DPORT twice (443, then 444)", EINVAL, q_dport_twice),
	CC("LOG_DROPS to the namespace's logger", ANY_ERRNO, l_drops),
	CC("LOG_DROPS to NFLOG group 5", ANY_ERRNO, l_drops_nflog),
	CC("management rule from 224.0.0.0/4 (multicast sources)", ANY_ERRNO, m_mcast),
	CC("front end 0.1.2.3 (0.0.0.0/8, unicast since Linux 5.3)", ANY_ERRNO, p_fe_zeronet),
	CC("NLM_F_ECHO on SET_CONFIG", ANY_ERRNO, i_echo),
	CC("FLAGS with NLA_F_NET_BYTEORDER", ANY_ERRNO, i_byteorder),
	CC("role address 127.0.0.1 (loopback)", ANY_ERRNO, i_loopback),
	CC("role address ::ffff:10.45.16.41 (IPv4-mapped)", ANY_ERRNO, i_mapped),
	CC("role address 240.0.0.1 (class E)", ANY_ERRNO, i_class_e),
	CC("role address fe80::1 (link-local)", ANY_ERRNO, i_linklocal),
	CC("same address in two roles (access and rproxy)", ANY_ERRNO, i_same_addr_two_roles),
};

static bool restore(const struct cfg *base)
{
	struct buf b = { 0 };
	struct reply r = { 0 };

	cfg_msg(&b, base, NULL);
	xchg(&b, b.len, &r);
	buf_free(&b);
	buf_free(&r.dump);
	return r.err == 0;
}

#define RACED	"the generation moved meanwhile"

/*
 * Whether the rule set in force is the one configuration @c at @gen makes:
 * a check-only change to @c must keep every rule and add none, and the
 * rules dump must have that many. NULL, RACED if the generation moved
 * (the timer of a pending change), or why not.
 */
static const char *consistent(const struct cfg *c, uint32_t gen)
{
	struct change how = { .gen = &gen, .check_only = true };
	struct change_info ci = { 0 };
	struct buf b = { 0 };
	struct reply r = { 0 };
	const char *e;
	uint32_t n_rules;

	cfg_msg_how(&b, c, &how);
	xchg(&b, b.len, &r);
	if (r.err == ESTALE)
		e = RACED;
	else if (r.err)
		e = "the configuration in force is refused as a check";
	else
		e = set_reply_check(&r, &ci);
	if (!e && (ci.before != ci.after || ci.kept != ci.after))
		e = "the rules in force are not the configuration's";
	if (!e) {
		e = rules_now(c, gen, &n_rules);
		if (e && !strcmp(e, "a GET_RULES message without the generation"))
			e = RACED;
		else if (!e && n_rules != ci.after)
			e = "the rules dump has another number of rules";
	}
	buf_free(&b);
	buf_free(&r.dump);
	return e;
}

static const char *verdict_name(enum verdict v)
{
	switch (v) {
	case V_NOREPLY: return "no reply";
	case V_IGNORED: return "ignored";
	case V_REFUSE: return "refuse";
	case V_ACCEPT: return "accept";
	}
	return "?";
}

/* What the catalogue says of a case, as the model's verdict. */
static enum verdict catalogue_verdict(const struct tcase *t)
{
	if (t->expect == NOREPLY)
		return V_NOREPLY;
	if (t->expect)
		return V_REFUSE;
	return t->flags & (T_CHANGES | T_READS) ? V_ACCEPT : V_IGNORED;
}

/*
 * One case of the catalogue, from the state @before (updated to the state
 * after it). Returns whether the model agrees with the catalogue.
 */
static bool run_case(const struct tcase *t, struct ctx *c, struct snap *before,
		     const struct cfg *base, struct model *m)
{
	const struct kstate ks = { .gen = before->gen, .pending = before->pending };
	struct buf b = { 0 };
	struct reply r = { 0 };
	struct snap after = { 0 };
	bool changes, agree = true;
	const char *e;

	cfg_free(&c->now);
	if (cfg_from_snap(before, &c->now))
		die("cannot read the configuration in force");
	c->gen = before->gen;
	c->send_len = 0;
	t->build(&b, c);
	if (!c->send_len)
		c->send_len = b.len;
	xchg(&b, c->send_len, &r);
	model_judge(m, b.d, c->send_len, &ks);
	snapshot(&after);
	changes = r.err == 0 && (t->flags & T_CHANGES);

	if (t->expect == ANY_ERRNO) {
		printf("# info: %s: %s%s%s\n", t->name, errname(r.err),
		       r.msg[0] ? ": " : "", r.msg);
		if ((r.err > 0) != (m->v == V_REFUSE))
			printf("# note: the model says %s (%s) for: %s\n",
			       verdict_name(m->v), m->why, t->name);
	} else {
		if (r.err == t->expect)
			ok("%s: %s", t->name, errname(r.err));
		else
			not_ok("%s: %s%s%s, want %s", t->name, errname(r.err),
			       r.msg[0] ? " (" : "", r.msg[0] ? r.msg : "",
			       errname(t->expect));
		if (r.err == t->expect && r.msg[0] && verbose)
			printf("#   extack: %s\n", r.msg);
		/* the model must agree with the catalogue */
		if (m->v != catalogue_verdict(t) ||
		    (m->v == V_REFUSE && m->err && m->err != t->expect)) {
			printf("# model: %s%s%s (%s) for: %s\n",
			       verdict_name(m->v), m->err ? ", " : "",
			       m->err ? errname(m->err) : "", m->why, t->name);
			agree = false;
		}
	}
	if (r.err == 0 && t->answer) {
		e = t->answer(&r, c);
		if (e)
			not_ok("%s: the answer (%s)", t->name, e);
		else
			ok("%s: the answer", t->name);
	}
	if (after.err) {
		not_ok("%s: GET_CONFIG afterwards failed: %s", t->name,
		       errname(after.err));
	} else if (!changes) {
		if (snap_unchanged(before, &after))
			ok("%s: configuration and generation unchanged", t->name);
		else
			not_ok("%s: %s changed although the message %s", t->name,
			       snap_same_cfg(before, &after) ?
			       "the generation" : "the configuration",
			       r.err ? "was refused" : "changes nothing");
	} else if (m->v == V_ACCEPT) {
		struct change_info ci = { 0 };
		struct cfg got = { 0 };
		uint32_t n_rules = 0;

		e = cfg_from_snap(&after, &got);
		if (!e)
			e = cfg_diff(&m->cfg, &got);
		if (e)
			not_ok("%s: GET_CONFIG shows what was sent (%s differ)",
			       t->name, e);
		else if (t->expect != ANY_ERRNO)
			ok("%s: GET_CONFIG shows what was sent", t->name);
		e = set_reply_check(&r, &ci);
		if (!e && ci.gen != after.gen)
			e = "another generation than the dump's";
		if (!e)
			e = rules_now(&got, after.gen, &n_rules);
		if (!e && n_rules != ci.after)
			e = "RULES_AFTER is not the number of rules dumped";
		if (e)
			not_ok("%s: the reply says what the change did (%s)",
			       t->name, e);
		else if (t->expect != ANY_ERRNO)
			ok("%s: the reply says what the change did", t->name);
		cfg_free(&got);
	}
	if (changes) {
		if (!restore(base))
			die("cannot restore the configuration after: %s", t->name);
		snapshot(&after);
	}
	/* the next case starts from what is in force now */
	snap_copy(before, &after);
	buf_free(&after.raw);
	buf_free(&b);
	buf_free(&r.dump);
	return agree;
}

/* Dumps abandoned half-way: the socket closes with a dump running. */
static void abandoned_dumps(void)
{
	struct mnl_socket *mine = nl;
	struct buf b = { 0 };
	struct snap s = { 0 };
	char small[4096];
	unsigned int i;

	for (i = 0; i < 100; i++) {
		nl = mnl_socket_open(NETLINK_GENERIC);
		if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
			die("socket: %s", strerror(errno));
		msg_start(&b, DUMP, i & 1 ? EDGEFW_CMD_GET_RULES :
					    EDGEFW_CMD_GET_CONFIG);
		msg_end(&b);
		if (send(mnl_socket_get_fd(nl), b.d, b.len, 0) < 0)
			die("send: %s", strerror(errno));
		if (i % 3)
			(void)!recv(mnl_socket_get_fd(nl), small, sizeof(small),
				    MSG_DONTWAIT);
		mnl_socket_close(nl);
	}
	nl = mine;
	snapshot(&s);
	if (s.err)
		not_ok("100 dumps abandoned half-way: GET_CONFIG fails afterwards (%s)",
		       errname(s.err));
	else
		ok("100 dumps abandoned half-way: the family still answers");
	buf_free(&b);
	buf_free(&s.raw);
}

/* One step of a sequence: a request and the errno due. */
static void step(const char *what, struct buf *b, int want, struct reply *r)
{
	xchg(b, b->len, r);
	if (r->err == want)
		ok("%s: %s", what, errname(r->err));
	else
		not_ok("%s: %s%s%s, want %s", what, errname(r->err),
		       r->msg[0] ? " (" : "", r->msg[0] ? r->msg : "",
		       errname(want));
}

/* The state now: configuration @c (NULL: any), pending or not, at @gen. */
static void expect_state(const char *what, const struct cfg *c, bool pending,
			 uint32_t gen, struct snap *s)
{
	struct cfg got = { 0 };
	const char *e;

	snapshot(s);
	e = s->err ? "GET_CONFIG failed" : cfg_from_snap(s, &got);
	if (!e && c)
		e = cfg_diff(c, &got);
	if (!e && s->pending != pending)
		e = pending ? "no change waits" : "a change still waits";
	if (!e && s->gen != gen)
		e = "another generation";
	if (e)
		not_ok("%s (%s; generation %u, want %u)", what, e, s->gen, gen);
	else
		ok("%s (generation %u)", what, gen);
	cfg_free(&got);
}

/*
 * The timer's revert under readers: going back to a configuration of
 * 10000 more webconf addresses takes a while to build; dumps all along
 * must each show a state that its generation names: the change that
 * waits (PENDING) at its generation, the configuration put back at the
 * next one.
 */
static void revert_under_readers(const struct cfg *base)
{
	struct change wait1 = { .confirm_timeout = 1 };
	struct cfg big;
	struct buf b = { 0 };
	struct reply r = { 0 };
	struct snap s = { 0 }, back = { 0 };
	unsigned long dumps = 0, mixed = 0, other = 0;
	uint32_t g;
	double t0;

	cfg_copy(&big, base);
	big.roles[EDGEFW_ROLE_WEBCONF].present = true;
	for (unsigned int i = 0; i < 10000; i++) {
		struct addr a = { .len = 4, .a = { 10, (uint8_t)(128 + i / 62500),
					     (uint8_t)(i / 250 % 250),
					     (uint8_t)(i % 250 + 1) } };

		role_add(&big.roles[EDGEFW_ROLE_WEBCONF], &a);
	}
	if (!restore(&big))
		die("a configuration of 10000 more addresses was refused");
	snapshot(&back);
	g = back.gen + 1;
	cfg_msg_how(&b, base, &wait1);
	step("readers: a change back from 10000 addresses that waits 1 s", &b, 0,
	     &r);
	t0 = now();
	do {
		snapshot(&s);
		dumps++;
		if (s.gen == g && !s.pending)
			mixed++;
		else if (s.gen != g && (s.gen != g + 1 || s.pending ||
					!snap_same_cfg(&back, &s)))
			other++;
	} while ((s.pending || s.gen == g) && now() - t0 < 15);
	if (mixed || other)
		not_ok("readers: while the timer reverted, %lu of %lu dumps showed generation %u without its pending change (BUGS.txt #9), %lu another state",
		       mixed, dumps, g, other);
	else
		ok("readers: while the timer reverted, each of %lu dumps showed a state its generation names",
		   dumps);
	restore(base);
	cfg_free(&big);
	buf_free(&b);
	buf_free(&r.dump);
	buf_free(&s.raw);
	buf_free(&back.raw);
}

/*
 * Changes that wait for a confirmation: confirmed, reverted on request,
 * reverted by the kernel's timer; what is refused meanwhile; the events
 * each sends. Starts and ends with @base in force.
 */
static void confirm_sequences(const struct cfg *base)
{
	/* what each change tells listeners, in order */
	static const struct {
		int what;
		bool by_task;
	} want_ev[] = {
		{ EDGEFW_EVENT_CONFIG, true }, { EDGEFW_EVENT_PENDING, true },
		{ EDGEFW_EVENT_CONFIRMED, true }, { EDGEFW_EVENT_CONFIG, true },
		{ EDGEFW_EVENT_PENDING, true }, { EDGEFW_EVENT_REVERTED, true },
		{ EDGEFW_EVENT_PENDING, true }, { EDGEFW_EVENT_REVERTED, false },
		{ EDGEFW_EVENT_CONFIG, true },
	};
	struct change wait60 = { .confirm_timeout = 60 };
	struct change wait1 = { .confirm_timeout = 1 };
	struct change check = { .check_only = true };
	struct event evs[16];
	struct mnl_socket *ev = events_open();
	struct buf b = { 0 };
	struct reply r = { 0 };
	struct snap s = { 0 }, held = { 0 };
	struct change_info ci = { 0 };
	struct cfg alt, base_c;
	unsigned int n, i;
	uint32_t g0;
	double t0;
	const char *e;

	if (!ev)
		not_ok("confirm: root joins the '%s' group: %s", EDGEFW_MCGRP_EVENTS,
		       strerror(errno));
	cfg_alternate(&alt);
	cfg_canon(&alt);
	cfg_copy(&base_c, base);
	restore(&alt);
	snapshot(&s);
	g0 = s.gen;	/* the first event's */

	cfg_msg_how(&b, base, &wait60);
	step("confirm: a change that waits 60 s for its confirmation", &b, 0, &r);
	e = r.err ? "refused" : set_reply_check(&r, &ci);
	if (e || ci.gen != g0 + 1)
		not_ok("confirm: its reply carries the new generation (%s)",
		       e ?: "another generation");
	else
		ok("confirm: its reply carries the new generation");
	expect_state("confirm: it is in force and waits", &base_c, true, g0 + 1, &held);
	if (held.pending_timeout != 60 || !held.pending_left_ms ||
	    held.pending_left_ms > 60000)
		not_ok("confirm: PENDING says 60 s asked, %u ms left (%u s, %u ms)",
		       held.pending_left_ms, held.pending_timeout,
		       held.pending_left_ms);
	else
		ok("confirm: PENDING says 60 s asked, %u ms left", held.pending_left_ms);
	cfg_msg(&b, &alt, NULL);
	step("confirm: another change meanwhile is refused", &b, EBUSY, &r);
	cfg_msg_how(&b, &alt, &wait60);
	step("confirm: another change that would wait is refused", &b, EBUSY, &r);
	cfg_msg_how(&b, &alt, &check);
	step("confirm: a check-only change meanwhile is accepted", &b, 0, &r);
	snapshot(&s);
	if (snap_unchanged(&held, &s))
		ok("confirm: those changed nothing");
	else
		not_ok("confirm: those changed the configuration or generation");
	cmd_msg(&b, REQ, EDGEFW_CMD_CONFIRM);
	step("confirm: CONFIRM", &b, 0, &r);
	expect_state("confirm: the change stays, nothing waits", &base_c, false,
		     g0 + 2, &s);
	step("confirm: CONFIRM again", &b, ENOENT, &r);
	cmd_msg(&b, REQ, EDGEFW_CMD_REVERT);
	step("confirm: REVERT after the confirmation", &b, ENOENT, &r);

	restore(&alt);
	cfg_msg_how(&b, base, &wait60);
	step("revert: a change that waits 60 s", &b, 0, &r);
	cmd_msg(&b, REQ, EDGEFW_CMD_REVERT);
	step("revert: REVERT", &b, 0, &r);
	expect_state("revert: the configuration it replaced is back", &alt, false,
		     g0 + 5, &s);
	e = consistent(&alt, s.gen);
	if (e)
		not_ok("revert: the rules in force are the configuration's (%s)", e);
	else
		ok("revert: the rules in force are the configuration's");

	cfg_msg_how(&b, base, &wait1);
	step("timer: a change that waits 1 s", &b, 0, &r);
	t0 = now();
	do {
		usleep(100 * 1000);
		snapshot(&s);
	} while (s.pending && now() - t0 < 10);
	printf("# timer: nothing waits after %.1f s\n", now() - t0);
	expect_state("timer: the kernel put back the configuration it replaced",
		     &alt, false, g0 + 7, &s);
	e = consistent(&alt, s.gen);
	if (e)
		not_ok("timer: the rules in force are the configuration's (%s)", e);
	else
		ok("timer: the rules in force are the configuration's");
	restore(base);

	if (ev) {
		n = events_read(ev, evs, ARRAY_SIZE(evs), 1000, &e);
		for (i = 0; !e && i < n && i < ARRAY_SIZE(want_ev); i++) {
			if (evs[i].gen != g0 + i || evs[i].what != want_ev[i].what)
				e = "another change or generation";
			else if (evs[i].by_task != want_ev[i].by_task)
				e = want_ev[i].by_task ? "a change without its task" :
				    "the timer's revert with a task";
			else if (evs[i].by_task && evs[i].pid != (uint32_t)getpid())
				e = "another PID than the changer's";
		}
		if (!e && n != ARRAY_SIZE(want_ev))
			e = "not one event per change";
		if (e)
			not_ok("events: one per change, with its generation and who made it (%s; %u events)",
			       e, n);
		else
			ok("events: one per change, with its generation and who made it (%u)",
			   n);
	}
	if (ev)
		mnl_socket_close(ev);
	cfg_free(&alt);
	cfg_free(&base_c);
	buf_free(&b);
	buf_free(&r.dump);
	buf_free(&s.raw);
	buf_free(&held.raw);
}

static int mode_malformed(void)
{
	struct ctx c = { 0 };
	struct snap before = { 0 }, after = { 0 };
	struct cfg base = { 0 }, end = { 0 };
	struct model m = { 0 };
	unsigned int i, n_info = 0, disagree = 0;
	const char *e;

	cfg_reference(&c.ref);
	snapshot(&before);
	if (before.err)
		die("GET_CONFIG dump failed: %s", errname(before.err));
	/* what is in force now is what every case must leave in force */
	e = cfg_from_snap(&before, &base);
	if (e)
		die("cannot read the configuration in force: %s", e);

	for (i = 0; i < ARRAY_SIZE(catalogue); i++) {
		n_info += catalogue[i].expect == ANY_ERRNO;
		disagree += !run_case(&catalogue[i], &c, &before, &base, &m);
	}
	printf("# %u informational cases (not counted)\n", n_info);
	if (disagree)
		not_ok("the model agrees with the catalogue (%u cases differ)", disagree);
	else
		ok("the model agrees with the catalogue (%zu cases)",
		   ARRAY_SIZE(catalogue) - n_info);
	abandoned_dumps();
	confirm_sequences(&base);
	revert_under_readers(&base);

	/* the configuration in force at the end is the one at the start */
	snapshot(&after);
	e = after.err ? "dump failed" : cfg_from_snap(&after, &end);
	if (!e)
		e = cfg_diff(&base, &end);
	if (e)
		not_ok("catalogue ends with the configuration it started with (%s)", e);
	else
		ok("catalogue ends with the configuration it started with");
	cfg_free(&end);
	cfg_free(&base);
	cfg_free(&c.ref);
	cfg_free(&c.now);
	model_reset(&m);
	buf_free(&before.raw);
	buf_free(&after.raw);
	return finish();
}

/* ---- mode: fuzz -------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* splitmix64: deterministic for a seed */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t rn(uint32_t n)
{
	return n ? (uint32_t)(rnd() % n) : 0;
}

static bool chance(unsigned int percent)
{
	return rn(100) < percent;
}

/* An attribute tree, to mutate at the attribute level. */
struct node {
	uint16_t type;			/* with the flag bits */
	bool nest;
	struct buf data;		/* leaves */
	struct node *kids;
	unsigned int n, cap;
};

static void node_free(struct node *x)
{
	unsigned int i;

	for (i = 0; i < x->n; i++)
		node_free(&x->kids[i]);
	free(x->kids);
	buf_free(&x->data);
	memset(x, 0, sizeof(*x));
}

static void node_copy(struct node *dst, const struct node *src)
{
	unsigned int i;

	memset(dst, 0, sizeof(*dst));
	dst->type = src->type;
	dst->nest = src->nest;
	buf_put(&dst->data, src->data.d, src->data.len);
	if (src->n) {
		dst->cap = src->n;
		dst->kids = calloc(src->n, sizeof(*dst->kids));
		if (!dst->kids)
			die("out of memory");
		for (i = 0; i < src->n; i++)
			node_copy(&dst->kids[i], &src->kids[i]);
		dst->n = src->n;
	}
}

static void node_insert(struct node *parent, unsigned int at,
			const struct node *x)
{
	if (parent->n == parent->cap) {
		parent->cap = parent->cap ? 2 * parent->cap : 4;
		parent->kids = realloc(parent->kids,
				       parent->cap * sizeof(*parent->kids));
		if (!parent->kids)
			die("out of memory");
	}
	memmove(&parent->kids[at + 1], &parent->kids[at],
		(parent->n - at) * sizeof(*parent->kids));
	node_copy(&parent->kids[at], x);
	parent->n++;
}

static void node_remove(struct node *parent, unsigned int at)
{
	node_free(&parent->kids[at]);
	memmove(&parent->kids[at], &parent->kids[at + 1],
		(parent->n - at - 1) * sizeof(*parent->kids));
	parent->n--;
}

/* Parses attributes; nests are what carries NLA_F_NESTED. */
static void node_parse(struct node *parent, const uint8_t *p, int len)
{
	while (len >= NLA_HDRLEN) {
		uint16_t l = get16(p), t = get16(p + 2);
		struct node x = { .type = t };

		if (l < NLA_HDRLEN || l > len)
			break;
		if (t & NLA_F_NESTED) {
			x.nest = true;
			node_parse(&x, p + NLA_HDRLEN, l - NLA_HDRLEN);
		} else {
			buf_put(&x.data, p + NLA_HDRLEN, l - NLA_HDRLEN);
		}
		node_insert(parent, parent->n, &x);
		node_free(&x);
		p += NLA_ALIGN(l);
		len -= NLA_ALIGN(l);
	}
}

/* Serialises; records where each attribute header lands. */
static void node_put(struct buf *b, const struct node *x, size_t *offs,
		     unsigned int *n_offs, unsigned int max_offs)
{
	size_t start = b->len;
	unsigned int i;

	if (*n_offs < max_offs)
		offs[(*n_offs)++] = start;
	attr_lie(b, x->type, 0, NULL, 0);
	if (x->nest) {
		for (i = 0; i < x->n; i++)
			node_put(b, &x->kids[i], offs, n_offs, max_offs);
	} else {
		buf_put(b, x->data.d, x->data.len);
	}
	set16(b->d + start, (uint16_t)(b->len - start));
	buf_pad(b);
}

/* Every node, depth first, with its parent. */
struct nref {
	struct node *parent;
	unsigned int idx;
};

static unsigned int node_list(struct node *parent, struct nref *out,
			      unsigned int n, unsigned int max)
{
	unsigned int i;

	for (i = 0; i < parent->n && n < max; i++) {
		out[n].parent = parent;
		out[n++].idx = i;
		if (parent->kids[i].nest)
			n = node_list(&parent->kids[i], out, n, max);
	}
	return n;
}

static unsigned int nest_list(struct node *x, struct node **out,
			      unsigned int n, unsigned int max)
{
	unsigned int i;

	if (n < max)
		out[n++] = x;
	for (i = 0; i < x->n; i++)
		if (x->kids[i].nest)
			n = nest_list(&x->kids[i], out, n, max);
	return n;
}

static const uint32_t interesting32[] = {
	0, 1, 2, 3, 4, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000,
	0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
};

static const char *const interesting_ips[] = {
	"0.0.0.0", "0.1.2.3", "127.0.0.1", "224.0.0.1", "239.255.255.255",
	"255.255.255.255", "255.255.255.254", "10.45.16.10", "10.45.16.30",
	"192.168.10.90", "172.25.33.10", "::", "::1", "ff02::1", "fe80::1",
	"::ffff:10.45.16.10", "2001:db8:45:16::10",
};

static const char *const interesting_names[] = {
	"", ".", "..", "a/b", "a:b", "a b", "ext0", "int0", "lo", "mgmt0",
	"abcdefghijklmno", "abcdefghijklmnop", "ext0\xa0", "\xff\xfe",
};

static void mutate_leaf(struct node *x)
{
	struct addr a;
	uint32_t v;

	switch (rn(10)) {
	case 0:		/* interesting u8 */
		x->data.len = 0;
		buf_zero(&x->data, 1);
		x->data.d[0] = (uint8_t)(chance(50) ? rn(6) : rn(256));
		break;
	case 9:		/* interesting u16: ports, groups */
		{
			static const uint16_t v16[] = { 0, 1, 22, 443, 0x7fff, 0xffff };
			uint16_t v = v16[rn(ARRAY_SIZE(v16))];

			x->data.len = 0;
			buf_put(&x->data, &v, 2);
		}
		break;
	case 1:		/* interesting u32 */
		v = interesting32[rn(ARRAY_SIZE(interesting32))];
		x->data.len = 0;
		buf_put(&x->data, &v, 4);
		break;
	case 2:		/* interesting address */
		a = ip(interesting_ips[rn(ARRAY_SIZE(interesting_ips))]);
		x->data.len = 0;
		buf_put(&x->data, a.a, a.len);
		break;
	case 3:		/* interesting interface name, NUL or not */
		{
			const char *s = interesting_names[rn(ARRAY_SIZE(interesting_names))];

			x->data.len = 0;
			buf_put(&x->data, s, strlen(s) + (chance(80) ? 1 : 0));
		}
		break;
	case 4:		/* grow */
		{
			unsigned int k = 1 + rn(chance(80) ? 8 : 64);

			while (k--) {
				uint8_t byte = (uint8_t)rn(256);

				buf_put(&x->data, &byte, 1);
			}
		}
		break;
	case 5:		/* shrink */
		if (x->data.len)
			x->data.len = rn((uint32_t)x->data.len);
		break;
	case 6:		/* flip a bit */
		if (x->data.len)
			x->data.d[rn((uint32_t)x->data.len)] ^= (uint8_t)(1u << rn(8));
		break;
	case 7:		/* increment the last byte: a neighbouring address */
		if (x->data.len)
			x->data.d[x->data.len - 1]++;
		break;
	default:	/* random bytes of the same length */
		for (size_t i = 0; i < x->data.len; i++)
			x->data.d[i] = (uint8_t)rn(256);
		break;
	}
}

static void mutate_tree(struct node *root)
{
	struct nref refs[4096];
	struct node *nests[1024];
	unsigned int n = node_list(root, refs, 0, ARRAY_SIZE(refs));
	unsigned int nn = nest_list(root, nests, 0, ARRAY_SIZE(nests));
	struct node *x, *dst, copy;
	struct nref r;
	unsigned int k;

	if (!n) {
		struct node leaf = { .type = (uint16_t)rn(__EDGEFW_A_LAST + 1) };

		buf_put(&leaf.data, "\0\0\0\0", rn(5));
		node_insert(root, 0, &leaf);
		node_free(&leaf);
		return;
	}
	r = refs[rn(n)];
	x = &r.parent->kids[r.idx];
	switch (rn(10)) {
	case 0:		/* delete */
		node_remove(r.parent, r.idx);
		break;
	case 1:		/* duplicate in place */
		node_copy(&copy, x);
		node_insert(r.parent, r.idx + 1, &copy);
		node_free(&copy);
		break;
	case 2:		/* splice into another nest */
		node_copy(&copy, x);
		dst = nests[rn(nn)];
		node_insert(dst, rn(dst->n + 1), &copy);
		node_free(&copy);
		break;
	case 3:		/* change the type */
		x->type = (uint16_t)((x->type & ~TYPE_MASK) |
				     (chance(90) ? rn(__EDGEFW_A_LAST + 1) : rn(TYPE_MASK + 1)));
		break;
	case 4:		/* flip NLA_F_NESTED (or the byte order flag) */
		x->type ^= chance(85) ? NLA_F_NESTED : NLA_F_NET_BYTEORDER;
		break;
	case 5:		/* replicate: to reach the limits */
		k = 20 + rn(60);
		node_copy(&copy, x);
		while (k--) {
			if (!copy.nest && copy.data.len)
				copy.data.d[copy.data.len - 1]++;
			node_insert(r.parent, r.idx, &copy);
		}
		node_free(&copy);
		break;
	case 6:		/* swap with a sibling */
		if (r.parent->n > 1) {
			unsigned int j = rn(r.parent->n);
			struct node tmp = r.parent->kids[j];

			r.parent->kids[j] = r.parent->kids[r.idx];
			r.parent->kids[r.idx] = tmp;
		}
		break;
	case 7:		/* insert a random leaf */
		{
			struct node leaf = { .type = (uint16_t)rn(__EDGEFW_A_LAST + 1) };
			unsigned int len = rn(chance(70) ? 5 : 20);

			while (len--) {
				uint8_t byte = (uint8_t)rn(256);

				buf_put(&leaf.data, &byte, 1);
			}
			dst = nests[rn(nn)];
			node_insert(dst, rn(dst->n + 1), &leaf);
			node_free(&leaf);
		}
		break;
	default:	/* change a leaf's payload */
		if (x->nest) {
			/* turn the nest into a leaf of its bytes, or empty it */
			if (chance(50)) {
				while (x->n)
					node_remove(x, x->n - 1);
			} else {
				x->nest = false;
				x->type &= ~NLA_F_NESTED;
				while (x->n)
					node_remove(x, x->n - 1);
				buf_put(&x->data, "\x08\x00\x09\x00\x0a\x2d\x10\x0a", 8);
			}
		} else {
			mutate_leaf(x);
		}
		break;
	}
}

/* Byte-level mutations of a serialised message; never the nlmsg_type,
 * seq or pid (a stray type would reach another family).
 */
static void mutate_bytes(struct buf *b, const size_t *offs, unsigned int n_offs)
{
	size_t body = NLMSG_HDRLEN + GENL_HDRLEN;
	uint32_t len;

	switch (rn(8)) {
	case 0:		/* flip bits in the attributes */
	case 1:
		if (b->len > body) {
			unsigned int k = 1 + rn(4);

			while (k--)
				b->d[body + rn((uint32_t)(b->len - body))] ^=
					(uint8_t)(1u << rn(8));
		}
		break;
	case 2:		/* a byte set to an interesting value */
		if (b->len > body) {
			static const uint8_t v[] = { 0, 1, 3, 4, 0x7f, 0x80, 0xfe, 0xff };

			b->d[body + rn((uint32_t)(b->len - body))] = v[rn(ARRAY_SIZE(v))];
		}
		break;
	case 3:		/* an attribute's length field */
		if (n_offs) {
			size_t o = offs[rn(n_offs)];
			uint16_t l = get16(b->d + o);
			static const int16_t d[] = { -5, -4, -3, -1, 1, 3, 4, 5, 8 };

			switch (rn(3)) {
			case 0: l = (uint16_t)(l + d[rn(ARRAY_SIZE(d))]); break;
			case 1: l = (uint16_t)rn(8); break;
			default: l = chance(50) ? 0xffff : (uint16_t)rn(0x10000); break;
			}
			set16(b->d + o, l);
		}
		break;
	case 4:		/* truncate, with a consistent length */
		if (b->len > NLMSG_HDRLEN) {
			b->len = NLMSG_HDRLEN + rn((uint32_t)(b->len - NLMSG_HDRLEN));
			msg_end(b);
		}
		break;
	case 5:		/* nlmsg_len corrupted */
		len = get32(b->d);
		switch (rn(3)) {
		case 0: len += 1 + rn(64); break;		/* longer: dropped */
		case 1: len = len > 4 ? len - 1 - rn(4) : 0; break;
		default: len = rn(40); break;
		}
		set32(b->d, len);
		break;
	case 6:		/* the genl header: command, version, reserved */
		switch (rn(3)) {
		case 0: b->d[NLMSG_HDRLEN] = (uint8_t)(chance(70) ? rn(8) : rn(256)); break;
		case 1: b->d[NLMSG_HDRLEN + 1] = (uint8_t)rn(256); break;
		default: set16(b->d + NLMSG_HDRLEN + 2, (uint16_t)rnd()); break;
		}
		break;
	default:	/* the netlink flags */
		{
			static const uint16_t f[] = {
				NLM_F_REQUEST, NLM_F_ACK, NLM_F_ROOT, NLM_F_MATCH,
				NLM_F_ECHO, NLM_F_EXCL, NLM_F_ATOMIC,
			};

			set16(b->d + 6, get16(b->d + 6) ^ f[rn(ARRAY_SIZE(f))]);
		}
		break;
	}
}

/*
 * Never let a message's declared length leave bytes after it in the
 * datagram: the kernel would read them as a second message, whose type
 * (from our payload) could name another family.
 */
static size_t send_length(const struct buf *b)
{
	uint32_t nlen;

	if (b->len < NLMSG_HDRLEN)
		return b->len;
	nlen = get32(b->d);
	if (nlen >= NLMSG_HDRLEN && NLMSG_ALIGN(nlen) < b->len)
		return nlen;
	return b->len;
}

struct fuzz_stats {
	unsigned long sent, set_sent, query_sent, other_sent;
	unsigned long accepted, refused, noreply, ignored;
	unsigned long by_errno[256];
	unsigned long disagree_accept;	/* kernel accepted, model refused */
	unsigned long disagree_refuse;	/* kernel refused, model accepted */
	unsigned long disagree_errno;	/* refused with another errno than due */
	unsigned long disagree_other;
	unsigned long changed_refused;	/* refused (or only read) but changed */
	unsigned long cfg_mismatch;	/* accepted, the state not the model's */
	unsigned long answer_bad;	/* accepted, the answer not the contract's */
	unsigned long inconsistent;	/* rules in force not the configuration's */
	unsigned long health_ok, health_bad;
	unsigned long checks, consistent;
	/* changes that wait for a confirmation */
	unsigned long timed, confirmed, reverted, expired, raced, busy, none_waits;
	unsigned long check_only, verdicts;
};

#define MAX_REASONS 32
struct reason {
	char why[160];
	unsigned long count;
	struct buf example;
};

static struct reason reasons[MAX_REASONS];
static unsigned int n_reasons;

static void note_reason(const char *kind, const char *why, const struct buf *m,
			size_t len)
{
	char key[160];
	unsigned int i;

	snprintf(key, sizeof(key), "%s: %s", kind, why);
	/* group by the text before any number */
	for (i = 0; key[i]; i++)
		if (key[i] >= '0' && key[i] <= '9' && i > strlen(kind) + 2) {
			key[i] = 0;
			break;
		}
	for (i = 0; i < n_reasons; i++)
		if (!strcmp(reasons[i].why, key))
			break;
	if (i == n_reasons) {
		if (n_reasons == MAX_REASONS)
			return;
		n_reasons++;
		snprintf(reasons[i].why, sizeof(reasons[i].why), "%s", key);
		buf_put(&reasons[i].example, m->d, len);
	}
	reasons[i].count++;
}

static void hexdump(const struct buf *b)
{
	size_t i, n = verbose || b->len <= 160 ? b->len : 128;

	for (i = 0; i < n; i++)
		printf("%s%02x", i % 32 ? "" : "\n#     ", b->d[i]);
	if (n < b->len)
		printf("\n#     ... (%zu bytes; -v shows all)", b->len);
	putchar('\n');
}

/*
 * A request without a configuration, with random attributes (none, a
 * quarter of the time); no CONFIRM or REVERT if @to_timer (a change waits
 * and is left to the kernel's timer).
 */
static void junk_request(struct buf *b, bool to_timer)
{
	static const uint8_t cmds[] = {
		EDGEFW_CMD_GET_CONFIG, EDGEFW_CMD_GET_RULES,
		EDGEFW_CMD_RESET_COUNTERS, EDGEFW_CMD_GET_INFO,
		EDGEFW_CMD_CONFIRM, EDGEFW_CMD_REVERT,
	};
	uint8_t cmd = cmds[rn(ARRAY_SIZE(cmds))];
	uint16_t flags;
	unsigned int k = rn(4), i;

	if (to_timer && (cmd == EDGEFW_CMD_CONFIRM || cmd == EDGEFW_CMD_REVERT))
		cmd = EDGEFW_CMD_GET_INFO;
	flags = cmd == EDGEFW_CMD_GET_CONFIG || cmd == EDGEFW_CMD_GET_RULES ?
		DUMP : REQ;
	if (chance(15))
		flags ^= NLM_F_DUMP;
	msg_start(b, flags, cmd);
	while (k--) {
		unsigned int len = rn(20);
		uint16_t type = (uint16_t)(chance(80) ? rn(__EDGEFW_A_LAST + 1) : rnd());
		uint8_t d[20];

		for (i = 0; i < len; i++)
			d[i] = (uint8_t)rn(256);
		attr(b, type, d, len);
	}
	if (chance(10))
		buf_put(b, "\x01\x02\x03", 1 + rn(3));
	msg_end(b);
}

/* Serialises @root's children after a request header @cmd. */
static unsigned int tree_msg(struct buf *b, const struct node *root,
			     uint8_t cmd, size_t *offs, unsigned int max_offs)
{
	unsigned int k, n_offs = 0;

	msg_start(b, REQ, cmd);
	for (k = 0; k < root->n; k++)
		node_put(b, &root->kids[k], offs, &n_offs, max_offs);
	msg_end(b);
	return n_offs;
}

/* Mutates the attributes of the request in @base into @b. */
static void mutated(struct buf *b, const struct buf *base, uint8_t cmd,
		    unsigned int trees, unsigned int bytes)
{
	struct node root = { .nest = true };
	size_t offs[4096];
	unsigned int n_offs;

	node_parse(&root, base->d + NLMSG_HDRLEN + GENL_HDRLEN,
		   (int)(base->len - NLMSG_HDRLEN - GENL_HDRLEN));
	while (trees--)
		mutate_tree(&root);
	n_offs = tree_msg(b, &root, cmd, offs, ARRAY_SIZE(offs));
	node_free(&root);
	while (bytes--)
		mutate_bytes(b, offs, n_offs);
}

/* A SET_CONFIG of @base, made in any way, mutated most of the time. */
static void set_request(struct buf *b, const struct cfg *base, uint32_t gen)
{
	/* an accepted wait blocks every other change: none is long */
	static const uint32_t timeouts[] = { 0, 2, EDGEFW_MAX_CONFIRM_SECONDS + 1,
					     ~0u };
	uint32_t g = chance(50) ? gen : gen + (uint32_t)rn(3) - 1;
	struct change how = {
		.gen = chance(30) ? &g : NULL,
		.check_only = chance(8),
		.confirm_timeout = !chance(4) ? 0 : chance(85) ? 1 :
				   timeouts[rn(ARRAY_SIZE(timeouts))],
	};
	struct buf m = { 0 };
	unsigned int nt = chance(70) ? 1 + rn(3) : 0;
	unsigned int nb = chance(50) || !nt ? 1 + rn(3) : 0;

	cfg_msg_how(&m, base, &how);
	mutated(b, &m, EDGEFW_CMD_SET_CONFIG, nt, nb);
	buf_free(&m);
}

/* A verdict query of interesting values, mutated some of the time. */
static void query_request(struct buf *b)
{
	const char *const ifs[] = { ext_if, int_if, "lo", "nosuch0" };
	static const char *const v4[] = {
		"198.51.100.7", "10.45.16.10", "10.45.16.30", "10.45.16.40",
		"172.25.33.10", "172.25.33.7", "192.168.10.90", "0.0.0.0",
		"255.255.255.255",
	};
	static const char *const v6[] = {
		"2001:db8:7::7", "2001:db8:45:16::10", "2001:db8:45:16::30",
		"2001:db8:99::1", "::", "ff02::1",
	};
	static const uint16_t ports[] = {
		0, 22, 80, 161, 443, 444, 3478, 5061, 50000, 59999, 65535,
	};
	bool v6q = chance(30);
	const char *const *pool = v6q ? v6 : v4;
	uint32_t n = v6q ? ARRAY_SIZE(v6) : ARRAY_SIZE(v4);
	struct query q = query_of(ifs[rn(ARRAY_SIZE(ifs))], (uint8_t)rn(2),
				  chance(50) ? IPPROTO_TCP : IPPROTO_UDP,
				  pool[rn(n)], pool[rn(n)],
				  ports[rn(ARRAY_SIZE(ports))],
				  ports[rn(ARRAY_SIZE(ports))]);
	struct buf m = { 0 };

	msg_start(&m, REQ, EDGEFW_CMD_VERDICT);
	put_query(&m, &q, chance(10) ? 1u << rn(EDGEFW_QUERY_A_MAX + 1) : 0);
	msg_end(&m);
	if (chance(40))
		mutated(b, &m, EDGEFW_CMD_VERDICT, 1 + rn(2), chance(30));
	else
		buf_copy(b, &m);
	buf_free(&m);
}

/*
 * A state of the namespace the fuzzer expects: a configuration exactly as
 * dumped (raw), or as the model made it (cfg); its generation; whether a
 * change waits, and then what the timer puts back (back).
 */
struct state {
	const struct snap *raw;
	const struct cfg *cfg;		/* always: the configuration */
	uint32_t gen;
	bool pending;
	const struct state *back;
};

/* A way the kernel may have met a message, and what it leaves. */
struct outcome {
	const struct model *m;		/* the verdict on the message */
	const struct state *met;	/* the state the message met */
	struct state after;
	bool expired;			/* the timer reverted too */
	bool timed;			/* a change that waits began */
};

/* What accepting @m does to @s. */
static struct state apply(const struct model *m, const struct state *s)
{
	struct state a = *s;

	if (m->v != V_ACCEPT)
		return a;
	switch (m->cmd) {
	case EDGEFW_CMD_SET_CONFIG:
		if (m->check_only)
			break;
		a.raw = NULL;
		a.cfg = &m->cfg;
		a.gen++;
		a.pending = m->timeout;
		a.back = m->timeout ? s : NULL;
		break;
	case EDGEFW_CMD_CONFIRM:
		a.raw = NULL;
		a.gen++;
		a.pending = false;
		a.back = NULL;
		break;
	case EDGEFW_CMD_REVERT:
		a = *s->back;
		a.gen = s->gen + 1;
		a.pending = false;
		a.back = NULL;
		break;
	case EDGEFW_CMD_RESET_COUNTERS:
		a.gen++;
		break;
	}
	return a;
}

/* The timer's revert of @s (which waits). */
static struct state expire(const struct state *s)
{
	struct state a = *s->back;

	a.gen = s->gen + 1;
	a.pending = false;
	a.back = NULL;
	return a;
}

/* Adds the outcomes of @m meeting @met: with the timer after, or not. */
static unsigned int outcomes_of(struct outcome *o, const struct model *m,
				const struct state *met, bool expired_before)
{
	unsigned int n = 0;

	o[n] = (struct outcome){ .m = m, .met = met, .after = apply(m, met),
				 .expired = expired_before };
	o[n].timed = o[n].after.pending && !met->pending;
	if (o[n].after.pending) {
		o[n + 1] = o[n];
		o[n + 1].after = expire(&o[n].after);
		o[n + 1].expired = true;
		n++;
	}
	return n + 1;
}

static bool verdict_agrees(const struct model *m, int err)
{
	switch (m->v) {
	case V_ACCEPT:
		return err == 0;
	case V_REFUSE:
		return err > 0 && (!m->err || m->err == err);
	case V_NOREPLY:
		return err == NOREPLY;
	case V_IGNORED:
		return err == 0 || err == NOREPLY;
	}
	return false;
}

static bool state_is(const struct state *s, const struct snap *after,
		     const struct cfg *after_cfg)
{
	if (after->gen != s->gen || after->pending != s->pending)
		return false;
	return s->raw ? snap_same_cfg(s->raw, after) :
	       !cfg_diff(s->cfg, after_cfg);
}

/* Checks what an accepted request answered, in outcome @o. */
static const char *answer_check(const struct reply *r, const struct outcome *o)
{
	struct change_info ci;
	const char *e;

	switch (o->m->cmd) {
	case EDGEFW_CMD_SET_CONFIG:
		e = set_reply_check(r, &ci);
		if (!e && ci.gen != (o->m->check_only ? o->met->gen : o->met->gen + 1))
			e = "a reply with another generation";
		return e;
	case EDGEFW_CMD_VERDICT:
		return verdict_check(r, &o->m->q, o->met->cfg, o->met->gen);
	case EDGEFW_CMD_GET_INFO:
		return info_check(r);
	}
	return NULL;
}

/* What the fuzzer knows of the namespace between two messages. */
struct tracked {
	struct snap s;
	struct cfg cfg;
	struct snap back;		/* s.pending: what the timer puts back */
	struct cfg back_cfg;
};

static void track(struct tracked *t, const struct snap *s, const char **e)
{
	snap_copy(&t->s, s);
	cfg_free(&t->cfg);
	*e = cfg_from_snap(s, &t->cfg);
}

/* Keeps @s aside as what a pending change's timer puts back. */
static void track_back(struct tracked *t, const struct state *s)
{
	if (s->cfg == &t->back_cfg)
		return;		/* what the timer put back waits again */
	snap_copy(&t->back, s->raw);
	cfg_free(&t->back_cfg);
	cfg_copy(&t->back_cfg, s->cfg);
}

/*
 * The rules in force are the configuration's; if the timer reverted
 * meanwhile (the only change nobody asked for), that is checked too and
 * taken in. Returns false if not consistent.
 */
static bool check_consistent(struct tracked *t, struct fuzz_stats *st)
{
	struct snap s = { 0 };
	const char *e;
	int tries;

	for (tries = 0; tries < 3; tries++) {
		st->consistent++;
		e = consistent(&t->cfg, t->s.gen);
		if (!e || strcmp(e, RACED))
			break;
		snapshot(&s);
		if (!t->s.pending || s.pending || s.gen != t->s.gen + 1 ||
		    !snap_same_cfg(&t->back, &s)) {
			e = "the state changed by itself";
			break;
		}
		st->expired++;
		track(t, &s, &e);
		if (e)
			break;
	}
	buf_free(&s.raw);
	if (e)
		printf("# consistency at generation %u: %s\n", t->s.gen, e);
	return !e;
}

/* A valid change; the family must still work. A change that waits is
 * confirmed first (at the end of the fuzz).
 */
static bool health(const struct cfg *ref, struct tracked *t,
		   struct fuzz_stats *st)
{
	struct buf b = { 0 };
	struct reply r = { 0 };
	struct snap s = { 0 };
	bool good = true;
	uint32_t n_rules;
	const char *e;

	simple_request(REQ, EDGEFW_CMD_CONFIRM, &r);
	if (r.err && r.err != ENOENT)
		printf("# health: CONFIRM: %s %s\n", errname(r.err), r.msg);
	cfg_msg(&b, ref, NULL);
	xchg(&b, b.len, &r);
	if (r.err) {
		printf("# health: reference refused: %s %s\n", errname(r.err), r.msg);
		good = false;
	}
	snapshot(&s);
	e = s.err ? "GET_CONFIG failed" : NULL;
	if (!e)
		track(t, &s, &e);
	if (!e)
		e = cfg_diff(ref, &t->cfg);
	if (!e)
		e = rules_now(&t->cfg, s.gen, &n_rules);
	if (e) {
		printf("# health: after the reference: %s\n", e);
		good = false;
	}
	if (!e && !check_consistent(t, st)) {
		st->inconsistent++;
		good = false;
	}
	buf_free(&b);
	buf_free(&r.dump);
	buf_free(&s.raw);
	return good;
}

/*
 * Which logger backends nf_log has here: a check-only change that logs
 * drops to each tells (the module loads them on demand where it can).
 */
static void probe_loggers(const struct cfg *ref)
{
	struct change how = { .check_only = true };
	struct buf b = { 0 };
	struct reply r = { 0 };
	struct cfg x;

	cfg_copy(&x, ref);
	x.flags = EDGEFW_F_LOG_DROPS;
	cfg_msg_how(&b, &x, &how);
	xchg(&b, b.len, &r);
	have_log_kernel = !r.err;
	x.has_log_group = true;
	x.log_group = 7;
	cfg_msg_how(&b, &x, &how);
	xchg(&b, b.len, &r);
	have_log_nflog = !r.err;
	printf("# fuzz: drops can be logged to the kernel log: %s; to NFLOG: %s\n",
	       have_log_kernel ? "yes" : "no", have_log_nflog ? "yes" : "no");
	cfg_free(&x);
	buf_free(&b);
	buf_free(&r.dump);
}

/*
 * Judges what one message did: its answer against the ways the kernel may
 * have met it (the state before, or, while a change waits, that state
 * reverted by the timer first), then the state after. Updates @t.
 */
static void judge_message(struct fuzz_stats *st, struct tracked *t,
			  const struct buf *b, size_t len, struct reply *r,
			  struct model m[2], const struct snap *after)
{
	struct state before = {
		.raw = &t->s, .cfg = &t->cfg, .gen = t->s.gen,
		.pending = t->s.pending,
	}, back = { .raw = &t->back, .cfg = &t->back_cfg }, reverted;
	struct kstate ks = { .gen = t->s.gen, .pending = t->s.pending };
	struct outcome o[4];
	const struct outcome *hit = NULL, *agree = NULL;
	const char *answer_err = NULL;
	struct cfg after_cfg = { 0 };
	unsigned int n, i;
	const char *e = cfg_from_snap(after, &after_cfg);

	before.back = before.pending ? &back : NULL;
	model_judge(&m[0], b->d, len, &ks);
	n = outcomes_of(o, &m[0], &before, false);
	if (before.pending) {
		reverted = expire(&before);
		ks.gen = reverted.gen;
		ks.pending = false;
		model_judge(&m[1], b->d, len, &ks);
		n += outcomes_of(o + n, &m[1], &reverted, true);
	}
	/* errors are always answered; a request without NLM_F_ACK that
	 * succeeds is not
	 */
	if (r->err == NOREPLY && m[0].v != V_NOREPLY && m[0].v != V_IGNORED &&
	    !(get16(b->d + 6) & NLM_F_ACK))
		r->err = 0;
	/* the first way that explains the answer, the state and the reply */
	for (i = 0; i < n && (!hit || answer_err); i++) {
		const char *ae;

		if (!verdict_agrees(o[i].m, r->err))
			continue;
		agree = agree ?: &o[i];
		if (e || !state_is(&o[i].after, after, &after_cfg))
			continue;
		ae = r->err || o[i].m->v == V_IGNORED ? NULL : answer_check(r, &o[i]);
		if (!hit || !ae) {
			hit = &o[i];
			answer_err = ae;
		}
	}

	if (r->err == NOREPLY)
		st->noreply++;
	else if (r->err > 0)
		st->refused++, st->by_errno[r->err < 256 ? r->err : 255]++;
	else if (m[0].v == V_IGNORED)
		st->ignored++;
	else
		st->accepted++;
	st->busy += r->err == EBUSY;
	st->none_waits += r->err == ENOENT && (m[0].cmd == EDGEFW_CMD_CONFIRM ||
					       m[0].cmd == EDGEFW_CMD_REVERT);

	if (!agree) {
		/* the kernel and the model disagree on the message */
		char why[200];

		snprintf(why, sizeof(why), "%s (%.120s)", errname(r->err), r->msg);
		if (r->err > 0 && m[0].v == V_ACCEPT) {
			st->disagree_refuse++;
			note_reason("kernel refused a message the contract accepts",
				    why, b, len);
		} else if (r->err > 0 && m[0].v == V_REFUSE) {
			st->disagree_errno++;
			snprintf(why, sizeof(why), "%s, not %s (%.100s)",
				 errname(r->err), errname(m[0].err), m[0].why);
			note_reason("refused with another errno than due", why, b, len);
		} else if (r->err == 0 && m[0].v == V_REFUSE) {
			st->disagree_accept++;
			note_reason("kernel accepted", m[0].why, b, len);
		} else {
			st->disagree_other++;
			note_reason(r->err == NOREPLY ? "no reply, model says" :
				    "a reply, model says no reply", m[0].why, b, len);
		}
	} else if (!hit) {
		if (r->err) {
			if (!st->changed_refused++)
				printf("# state changed: generation %u -> %u, pending %d -> %d, configuration %s\n",
				       before.gen, after->gen, before.pending,
				       after->pending,
				       snap_same_cfg(&t->s, after) ? "the same" :
				       before.pending && snap_same_cfg(&t->back, after) ?
				       "the one the timer puts back" : "another");
			note_reason("state changed", errname(r->err), b, len);
		} else {
			st->cfg_mismatch++;
			note_reason("accepted, but the state is not the model's",
				    e ?: cfg_diff(agree->after.cfg, &after_cfg) ?:
				    agree->after.gen != after->gen ? "generation" :
				    "pending", b, len);
		}
	} else {
		if (answer_err) {
			st->answer_bad++;
			note_reason("an answer not the contract's", answer_err, b, len);
		}
		st->expired += hit->expired;
		st->raced += hit->m == &m[1];
		st->timed += hit->timed;
		if (!r->err && hit->m->v == V_ACCEPT) {
			st->confirmed += hit->m->cmd == EDGEFW_CMD_CONFIRM;
			st->reverted += hit->m->cmd == EDGEFW_CMD_REVERT;
			st->check_only += hit->m->cmd == EDGEFW_CMD_SET_CONFIG &&
					  hit->m->check_only;
			st->verdicts += hit->m->cmd == EDGEFW_CMD_VERDICT;
		}
	}

	/* what is known of the state now */
	if (hit && hit->after.pending && hit->after.back != &back)
		track_back(t, hit->after.back);
	else if (!hit && after->pending && !t->s.pending)
		track_back(t, &before);	/* a guess: the report says why */
	track(t, after, &e);
	cfg_free(&after_cfg);
}

static int mode_fuzz(uint64_t seed, unsigned long count, double seconds)
{
	struct fuzz_stats st = { 0 };
	struct tracked t = { 0 };
	struct cfg bases[2];
	struct buf b = { 0 };
	struct reply r = { 0 };
	struct snap after = { 0 };
	struct model m[2] = { { 0 } };
	double t0 = now(), elapsed, quiet_since = t0;
	bool health_due = false, was_pending = false, to_timer = false;
	unsigned long i;

	rng_state = seed;
	cfg_reference(&bases[0]);
	cfg_rich(&bases[1]);
	cfg_canon(&bases[0]);
	cfg_canon(&bases[1]);
	probe_loggers(&bases[0]);
	if (!health(&bases[0], &t, &st))
		die("the reference configuration is refused before fuzzing");

	for (i = 0; i < count && now() - t0 < seconds; i++) {
		uint32_t kind = rn(100);
		size_t len;

		b.len = 0;
		/* most changes that wait are left to the timer's revert */
		if (t.s.pending && !was_pending)
			to_timer = chance(60);
		was_pending = t.s.pending;
		if (t.s.pending)
			quiet_since = now();
		if (now() - quiet_since > 2) {
			/* whatever the rate, changes wait and expire meanwhile */
			struct change wait1 = { .confirm_timeout = 1 };

			cfg_msg_how(&b, &bases[rn(2)], &wait1);
			quiet_since = now();
			st.set_sent++;
		} else if (kind < 80) {
			set_request(&b, &bases[rn(2)], t.s.gen);
			st.set_sent++;
		} else if (kind < 90) {
			query_request(&b);
			st.query_sent++;
		} else {
			junk_request(&b, t.s.pending && to_timer);
			if (chance(30))
				mutate_bytes(&b, NULL, 0);
			st.other_sent++;
		}
		len = send_length(&b);
		xchg(&b, len, &r);
		st.sent++;
		snapshot(&after);
		st.checks++;
		if (after.err) {
			st.health_bad++;
			printf("# GET_CONFIG failed after message %lu: %s\n", i,
			       errname(after.err));
			break;
		}
		{
			uint32_t gen = t.s.gen;

			judge_message(&st, &t, &b, len, &r, m, &after);
			if (t.s.gen != gen && !check_consistent(&t, &st)) {
				st.inconsistent++;
				note_reason("the rules in force are not the configuration's",
					    "", &b, len);
			}
		}
		/* every 500 messages, once no change waits: the timer's
		 * reverts are what the fuzz is after, not confirmations
		 */
		health_due |= i % 500 == 499;
		if (health_due && !t.s.pending) {
			health_due = false;
			if (health(&bases[0], &t, &st))
				st.health_ok++;
			else
				st.health_bad++;
		}
	}
	if (health(&bases[0], &t, &st))
		st.health_ok++;
	else
		st.health_bad++;
	elapsed = now() - t0;

	printf("# fuzz: seed %llu: %lu messages in %.1f s (%.0f/s): %lu SET_CONFIG, %lu verdict queries, %lu other requests\n",
	       (unsigned long long)seed, st.sent, elapsed, st.sent / elapsed,
	       st.set_sent, st.query_sent, st.other_sent);
	printf("# fuzz: accepted %lu (%lu check-only changes, %lu verdicts), refused %lu, no reply %lu, ignored (not a request) %lu\n",
	       st.accepted, st.check_only, st.verdicts, st.refused, st.noreply,
	       st.ignored);
	printf("# fuzz: refused by errno:");
	for (unsigned int e = 1; e < 256; e++)
		if (st.by_errno[e])
			printf(" %s %lu", errname((int)e), st.by_errno[e]);
	printf("\n# fuzz: changes that waited for a confirmation: %lu; confirmed %lu, reverted on request %lu, reverted by the timer %lu (%lu of them before a message that met the reverted state); refused while one waited (EBUSY) %lu; CONFIRM/REVERT with none waiting (ENOENT) %lu\n",
	       st.timed, st.confirmed, st.reverted, st.expired, st.raced, st.busy,
	       st.none_waits);
	printf("# fuzz: GET_CONFIG dumps to check state: %lu; consistency checks of the rules in force: %lu; family health checks: %lu ok, %lu failed\n",
	       st.checks, st.consistent, st.health_ok, st.health_bad);
	for (unsigned int k = 0; k < n_reasons; k++) {
		printf("# %lu x %s; first example:", reasons[k].count, reasons[k].why);
		if (verbose || k < 8)
			hexdump(&reasons[k].example);
		else
			putchar('\n');
	}

	if (st.health_bad)
		not_ok("fuzz: the family kept working (%lu health checks failed)", st.health_bad);
	else
		ok("fuzz: the family kept working (%lu health checks)", st.health_ok);
	if (st.changed_refused)
		not_ok("fuzz: refused messages changed nothing (%lu did)", st.changed_refused);
	else
		ok("fuzz: refused messages changed nothing (%lu refused, %lu without reply, %lu not requests)",
		   st.refused, st.noreply, st.ignored);
	if (st.cfg_mismatch)
		not_ok("fuzz: accepted messages did what the contract says (%lu did not)",
		       st.cfg_mismatch);
	else
		ok("fuzz: accepted messages did what the contract says (%lu accepted)",
		   st.accepted);
	if (st.answer_bad)
		not_ok("fuzz: accepted requests answered as the contract says (%lu did not)",
		       st.answer_bad);
	else
		ok("fuzz: accepted requests answered as the contract says");
	if (st.inconsistent)
		not_ok("fuzz: the rules in force were the configuration's after every change (%lu times not)",
		       st.inconsistent);
	else
		ok("fuzz: the rules in force were the configuration's after every change (%lu checks)",
		   st.consistent);
	if (st.disagree_accept)
		not_ok("fuzz: malformed messages refused (%lu accepted that the contract refuses)",
		       st.disagree_accept);
	else
		ok("fuzz: malformed messages refused");
	if (st.disagree_refuse)
		not_ok("fuzz: valid messages accepted (%lu refused)", st.disagree_refuse);
	else
		ok("fuzz: valid messages accepted");
	if (st.disagree_errno)
		not_ok("fuzz: refusals the contract names have its errno (%lu another)",
		       st.disagree_errno);
	else
		ok("fuzz: refusals the contract names have its errno");
	if (st.disagree_other)
		not_ok("fuzz: replies where the contract expects them (%lu differ)",
		       st.disagree_other);
	else
		ok("fuzz: replies where the contract expects them");
	if (!st.expired)
		not_ok("fuzz: changes that waited 1 s expired during the fuzz (none did: not tested)");
	else
		ok("fuzz: %lu changes that waited expired during the fuzz", st.expired);

	for (i = 0; i < 2; i++) {
		cfg_free(&bases[i]);
		model_reset(&m[i]);
	}
	cfg_free(&t.cfg);
	cfg_free(&t.back_cfg);
	buf_free(&t.s.raw);
	buf_free(&t.back.raw);
	buf_free(&after.raw);
	buf_free(&b);
	buf_free(&r.dump);
	return finish();
}

/* ---- modes: perm, privdrop --------------------------------------------- */

/*
 * Every command, in an order that works where they are allowed: each is
 * refused with EPERM (GET_INFO excepted: version numbers only), or, with
 * @allowed, answered as for root. Returns whether the commands were
 * allowed (GET_CONFIG's answer).
 */
static bool perm_cases(const char *who, bool allowed)
{
	enum body { NONE, REF, MALFORMED, WAIT, CHECK, QUERY };
	static const struct {
		const char *name;
		uint16_t flags;
		uint8_t cmd;
		enum body body;
		int allowed_err;	/* the answer where allowed */
		bool open;		/* to anyone */
	} cases[] = {
		{ "GET_INFO (open to anyone)", REQ, EDGEFW_CMD_GET_INFO, NONE, 0, true },
		{ "GET_CONFIG dump", DUMP, EDGEFW_CMD_GET_CONFIG, NONE, 0, false },
		{ "GET_RULES dump", DUMP, EDGEFW_CMD_GET_RULES, NONE, 0, false },
		{ "SET_CONFIG, the reference", REQ, EDGEFW_CMD_SET_CONFIG, REF, 0, false },
		{ "SET_CONFIG, check only", REQ, EDGEFW_CMD_SET_CONFIG, CHECK, 0, false },
		{ "SET_CONFIG, malformed (permission comes first)", REQ,
		  EDGEFW_CMD_SET_CONFIG, MALFORMED, EINVAL, false },
		{ "VERDICT on lo", REQ, EDGEFW_CMD_VERDICT, QUERY, 0, false },
		{ "RESET_COUNTERS", REQ, EDGEFW_CMD_RESET_COUNTERS, NONE, 0, false },
		{ "CONFIRM, nothing waiting", REQ, EDGEFW_CMD_CONFIRM, NONE, ENOENT, false },
		{ "REVERT, nothing waiting", REQ, EDGEFW_CMD_REVERT, NONE, ENOENT, false },
		{ "SET_CONFIG, waiting 60 s for a confirmation", REQ,
		  EDGEFW_CMD_SET_CONFIG, WAIT, 0, false },
		{ "REVERT of it", REQ, EDGEFW_CMD_REVERT, NONE, 0, false },
		{ "SET_CONFIG, empty (a flush)", REQ, EDGEFW_CMD_SET_CONFIG, NONE, 0, false },
	};
	struct change wait = { .confirm_timeout = 60 }, check = { .check_only = true };
	struct query q = query_of("lo", EDGEFW_DIR_IN, IPPROTO_UDP, "127.0.0.1",
				  "127.0.0.1", 5, 53);
	struct buf b = { 0 };
	struct reply r = { 0 };
	struct cfg ref;
	bool cmds_allowed = false;
	unsigned int i;

	cfg_reference(&ref);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int want = cases[i].open || allowed ? cases[i].allowed_err : EPERM;

		switch (cases[i].body) {
		case REF:
			cfg_msg(&b, &ref, NULL);
			break;
		case WAIT:
			cfg_msg_how(&b, &ref, &wait);
			break;
		case CHECK:
			cfg_msg_how(&b, &ref, &check);
			break;
		case QUERY:
			msg_start(&b, REQ, EDGEFW_CMD_VERDICT);
			put_query(&b, &q, 0);
			msg_end(&b);
			break;
		default:
			msg_start(&b, cases[i].flags, cases[i].cmd);
			if (cases[i].body == MALFORMED)
				a_u8(&b, EDGEFW_A_FLAGS, 0xff);
			msg_end(&b);
		}
		xchg(&b, b.len, &r);
		if (cases[i].cmd == EDGEFW_CMD_GET_CONFIG)
			cmds_allowed = !r.err;
		if (r.err == want)
			ok("%s: %s: %s", who, cases[i].name, errname(r.err));
		else
			not_ok("%s: %s: %s%s%s, want %s", who, cases[i].name,
			       errname(r.err), r.msg[0] ? ": " : "", r.msg,
			       errname(want));
	}
	cfg_free(&ref);
	buf_free(&b);
	buf_free(&r.dump);
	return cmds_allowed;
}

static const char *label;	/* --label: who runs perm */
static bool own_netns;		/* --own-netns: the caller owns its netns */

/*
 * With @allowed, the events of perm_cases()' changes: each with its
 * generation, by this process, as root of the namespace's owner.
 */
static void perm_events(const char *who, struct mnl_socket *ev)
{
	static const int want[] = {
		EDGEFW_EVENT_CONFIG, EDGEFW_EVENT_COUNTERS_RESET,
		EDGEFW_EVENT_PENDING, EDGEFW_EVENT_REVERTED, EDGEFW_EVENT_CONFIG,
	};
	struct event evs[8];
	const char *e;
	unsigned int n, i;

	n = events_read(ev, evs, ARRAY_SIZE(evs), 1000, &e);
	for (i = 0; !e && i < n && i < ARRAY_SIZE(want); i++) {
		if (evs[i].what != want[i] || (i && evs[i].gen != evs[0].gen + i))
			e = "another change or generation";
		else if (!evs[i].by_task || evs[i].pid != (uint32_t)getpid() ||
			 evs[i].uid != 0)
			e = "not by this process as uid 0 of the namespace's owner";
	}
	if (!e && n != ARRAY_SIZE(want))
		e = "not one event per change";
	if (e)
		not_ok("%s: the events of its changes (%s; %u events)", who, e, n);
	else
		ok("%s: the events of its changes, generations %u to %u, by pid %u, uid 0",
		   who, evs[0].gen, evs[n - 1].gen, evs[0].pid);
}

static int mode_perm(void)
{
	struct mnl_socket *ev = NULL;
	bool cmds, events;
	struct snap s = { 0 };
	char who[128];
	int e = 0;

	if (label)
		snprintf(who, sizeof(who), "%s", label);
	else
		snprintf(who, sizeof(who), "uid %u", (unsigned int)geteuid());
	sock_open();
	if (!resolve_family()) {
		not_ok("%s: family '%s' resolves through nlctrl", who, EDGEFW_GENL_NAME);
		return finish();
	}
	ok("%s: family '%s' resolves through nlctrl (id %u)", who,
	   EDGEFW_GENL_NAME, fam_id);
	if (!mcgrp_id) {
		not_ok("%s: the family has its '%s' group (the module was built without GENL_MCAST_CAP_NET_ADMIN?)",
		       who, EDGEFW_MCGRP_EVENTS);
		return finish();
	}
	/* listening needs what commands need (GENL_MCAST_CAP_NET_ADMIN and
	 * GENL_UNS_ADMIN_PERM: CAP_NET_ADMIN over the netns's user namespace)
	 */
	ev = events_open();
	if (!ev)
		e = errno;
	events = !e;
	if (e == (own_netns ? 0 : EPERM))
		ok("%s: joining the '%s' group: %s", who, EDGEFW_MCGRP_EVENTS,
		   e ? "EPERM" : "allowed");
	else
		not_ok("%s: joining the '%s' group: %s, want %s (tests/hostile/BUGS.txt #3)",
		       who, EDGEFW_MCGRP_EVENTS, e ? strerror(e) : "allowed",
		       own_netns ? "allowed" : "EPERM");
	if (own_netns) {
		snapshot(&s);
		if (s.err || s.gen != 1)
			not_ok("%s: a fresh namespace starts at generation 1 (%s, %u)",
			       who, errname(s.err), s.gen);
		else
			ok("%s: a fresh namespace starts at generation 1", who);
		buf_free(&s.raw);
	}
	cmds = perm_cases(who, own_netns);
	if (cmds == events)
		ok("%s: commands and events agree: %s alike", who,
		   cmds ? "allowed" : "refused");
	else
		not_ok("%s: commands and events agree (commands %s, events %s)", who,
		       cmds ? "allowed" : "refused", events ? "allowed" : "refused");
	if (ev) {
		if (own_netns)
			perm_events(who, ev);
		mnl_socket_close(ev);
	}
	return finish();
}

static void drop_privileges(void)
{
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		die("cannot drop privileges: %s", strerror(errno));
}

/* Runs @fn in a child; its ok/not ok counts come back through a pipe. */
static void in_child(void (*fn)(int sv), int sv)
{
	int p[2], status, counts[2] = { 0, 0 };
	pid_t pid;

	if (pipe(p))
		die("pipe: %s", strerror(errno));
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (!pid) {
		close(p[0]);
		passed = failed = 0;
		fn(sv);
		counts[0] = passed;
		counts[1] = failed;
		if (write(p[1], counts, sizeof(counts)) != sizeof(counts))
			_exit(3);
		fflush(stdout);
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], counts, sizeof(counts)) != sizeof(counts))
		not_ok("privdrop: the child died before reporting");
	close(p[0]);
	waitpid(pid, &status, 0);
	passed += counts[0];
	failed += counts[1];
}

static void opened_root_used_nobody(int sv)
{
	(void)sv;
	sock_open();
	need_family();
	drop_privileges();
	perm_cases("socket opened by root, used after dropping to uid 65534",
		   false);
}

static void opened_root_used_in_userns(int sv)
{
	(void)sv;
	sock_open();
	need_family();
	if (unshare(CLONE_NEWUSER)) {
		printf("# skip: unshare(CLONE_NEWUSER): %s\n", strerror(errno));
		return;
	}
	perm_cases("socket opened by root, used in a new user namespace",
		   false);
}

/* The child (unprivileged) opens a socket and hands it to root. */
static void open_as_nobody_and_pass(int sv)
{
	struct msghdr mh = { 0 };
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct cmsghdr *cm;
	int fd;

	drop_privileges();
	sock_open();
	fd = mnl_socket_get_fd(nl);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	if (sendmsg(sv, &mh, 0) < 0)
		die("sendmsg: %s", strerror(errno));
}

static int receive_fd(int sv)
{
	struct msghdr mh = { 0 };
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 }, x;
	struct iovec iov = { .iov_base = &x, .iov_len = 1 };
	struct cmsghdr *cm;
	int fd;

	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	if (recvmsg(sv, &mh, 0) <= 0)
		return -1;
	cm = CMSG_FIRSTHDR(&mh);
	if (!cm || cm->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

static int mode_privdrop(void)
{
	struct snap before = { 0 }, after = { 0 };
	struct mnl_socket *mine;
	int sv[2], fd;

	if (geteuid() != 0)
		die("privdrop must run as root");
	sock_open();
	need_family();
	mine = nl;
	snapshot(&before);
	if (before.err)
		die("GET_CONFIG dump failed: %s", errname(before.err));

	in_child(opened_root_used_nobody, -1);
	in_child(opened_root_used_in_userns, -1);

	/* a socket opened by uid 65534, used by root */
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
		die("socketpair: %s", strerror(errno));
	in_child(open_as_nobody_and_pass, sv[1]);
	fd = receive_fd(sv[0]);
	if (fd < 0) {
		not_ok("privdrop: receive the unprivileged socket");
	} else {
		nl = mnl_socket_fdopen(fd);
		if (!nl)
			die("mnl_socket_fdopen: %s", strerror(errno));
		sock_setup(nl);
		perm_cases("socket opened by uid 65534, used by root", false);
		mnl_socket_close(nl);
	}
	close(sv[0]);
	close(sv[1]);

	nl = mine;
	snapshot(&after);
	if (!after.err && snap_unchanged(&before, &after))
		ok("privdrop: configuration and generation unchanged");
	else
		not_ok("privdrop: configuration or generation changed");
	return finish();
}

/* ---- mode: churn (for the caller's memory accounting) ------------------ */

/* The reference with other settings: flags, media range, 300 more webconf
 * addresses. The access and av rules that carry traffic are the same.
 */
static void cfg_alternate(struct cfg *alt)
{
	unsigned long i;

	cfg_reference(alt);
	alt->flags = EDGEFW_F_HTTP_REDIRECT;
	alt->roles[EDGEFW_ROLE_AV].media = EDGEFW_MEDIA_OCS2007;
	for (i = 0; i < 300; i++) {
		struct addr a = { .len = 4, .a = { 10, 47, (uint8_t)(i / 200), (uint8_t)(i % 200 + 1) } };

		role_add(&alt->roles[EDGEFW_ROLE_WEBCONF], &a);
	}
}

/* Replaces the configuration back and forth as fast as the kernel takes it. */
static double flip_interval;	/* seconds between replacements */

static int mode_flip(unsigned long count, double seconds)
{
	struct cfg ref, alt;
	struct buf m[2] = { { 0 }, { 0 } };
	struct reply r = { 0 };
	unsigned long i, bad = 0, stale = 0;
	double t0 = now();

	cfg_reference(&ref);
	cfg_alternate(&alt);
	cfg_msg(&m[0], &alt, NULL);
	cfg_msg(&m[1], &ref, NULL);
	/* the variant, then the reference twice: different and same */
	for (i = 0; i < count && now() - t0 < seconds; i++) {
		struct buf *x = &m[i % 3 ? 1 : 0];

		xchg(x, x->len, &r);
		if (r.err == ESTALE)
			stale++;
		else if (r.err)
			bad++;
		if (flip_interval > 0)
			usleep((useconds_t)(flip_interval * 1e6));
	}
	if (i % 3 == 1) {	/* end on the reference */
		xchg(&m[1], m[1].len, &r);
		bad += r.err != 0;
		i++;
	}
	printf("# flip: %lu replacements in %.1f s\n", i, now() - t0);
	if (bad)
		not_ok("flip: %lu replacements accepted (%lu refused)", i, bad);
	else
		ok("flip: %lu replacements accepted", i);
	cfg_free(&ref);
	cfg_free(&alt);
	buf_free(&m[0]);
	buf_free(&m[1]);
	buf_free(&r.dump);
	return finish();
}

/*
 * Dumps GET_CONFIG and GET_RULES over and over, in small parts, while
 * others change the configuration: a dump not flagged NLM_F_DUMP_INTR must
 * be consistent, i.e. carry one generation in all its messages.
 */
static int mode_dumpcheck(double seconds)
{
	struct buf b = { 0 };
	struct reply r = { 0 };
	unsigned long dumps = 0, parts = 0, intr = 0, mixed = 0, errors = 0;
	double t0 = now();
	int i;

	for (i = 0; now() - t0 < seconds; i++) {
		const struct nlmsghdr *h;
		uint32_t gen = 0;
		bool first = true, differ = false;
		int rem;

		msg_start(&b, DUMP, i & 1 ? EDGEFW_CMD_GET_RULES : EDGEFW_CMD_GET_CONFIG);
		msg_end(&b);
		xchg(&b, b.len, &r);
		dumps++;
		if (r.err) {
			errors++;
			printf("# dumpcheck: %s: %s %s\n", i & 1 ? "GET_RULES" : "GET_CONFIG",
			       errname(r.err), r.msg);
			continue;
		}
		parts += r.n_msgs;
		if (r.intr) {
			intr++;
			continue;
		}
		rem = (int)r.dump.len;
		for (h = (const struct nlmsghdr *)r.dump.d; mnl_nlmsg_ok(h, rem);
		     h = mnl_nlmsg_next(h, &rem)) {
			const struct nlattr *a;

			mnl_attr_for_each(a, h, GENL_HDRLEN) {
				if (mnl_attr_get_type(a) != EDGEFW_A_GENERATION)
					continue;
				if (!first && mnl_attr_get_u32(a) != gen)
					differ = true;
				gen = mnl_attr_get_u32(a);
				first = false;
			}
		}
		if (differ || first)
			mixed++;
	}
	printf("# dumpcheck: %lu dumps (%lu messages) in %.1f s: %lu interrupted (NLM_F_DUMP_INTR), %lu errors\n",
	       dumps, parts, now() - t0, intr, errors);
	if (errors)
		not_ok("dumpcheck: %lu dumps failed", errors);
	else
		ok("dumpcheck: %lu dumps answered", dumps);
	if (mixed)
		not_ok("dumpcheck: %lu dumps mixed generations without NLM_F_DUMP_INTR", mixed);
	else
		ok("dumpcheck: every dump not flagged interrupted has one generation");
	buf_free(&b);
	buf_free(&r.dump);
	return finish();
}

static int mode_churn(unsigned long count)
{
	struct ctx c = { 0 };
	struct cfg alt;
	struct buf b = { 0 };
	struct reply r = { 0 };
	struct snap s = { 0 };
	unsigned long i, bad[5] = { 0 };
	static const char *const what[] = {
		"refused after allocating 501 addresses (EINVAL)",
		"refused at the generation check, after parsing (ESTALE)",
		"refused with 65 bindings (E2BIG)",
		"accepted replacements, alternating two configurations",
		"check-only changes: a whole rule set built and dropped",
	};

	cfg_reference(&c.ref);
	cfg_alternate(&alt);
	snapshot(&s);
	for (i = 0; i < count; i++) {
		c.gen = s.gen;
		r_late_fail(&b, &c);
		xchg(&b, b.len, &r);
		bad[0] += r.err != EINVAL;
		g_behind(&b, &c);
		xchg(&b, b.len, &r);
		bad[1] += r.err != ESTALE;
		b_65(&b, &c);
		xchg(&b, b.len, &r);
		bad[2] += r.err != E2BIG;
		cfg_msg(&b, i & 1 ? &c.ref : &alt, NULL);
		xchg(&b, b.len, &r);
		bad[3] += r.err != 0;
		if (r.err == 0)
			s.gen++;
		k_check(&b, &c);
		xchg(&b, b.len, &r);
		bad[4] += r.err != 0;
	}
	/* end on the reference */
	restore(&c.ref);
	for (i = 0; i < ARRAY_SIZE(what); i++) {
		if (bad[i])
			not_ok("churn: %lu messages %s: %lu not as expected", count, what[i], bad[i]);
		else
			ok("churn: %lu messages %s", count, what[i]);
	}
	cfg_free(&c.ref);
	cfg_free(&alt);
	buf_free(&b);
	return finish();
}

/* ---- mode: dumpintr ---------------------------------------------------- */

/* A webconf role of @n IPv4 addresses, 10.128.0.1 on; nothing else. */
static void cfg_webconf(struct cfg *c, unsigned int n)
{
	struct role *w = &c->roles[EDGEFW_ROLE_WEBCONF];

	memset(c, 0, sizeof(*c));
	w->present = true;
	w->has_internal = true;
	w->internal = ip("172.25.33.10");
	for (unsigned int i = 0; i < n; i++) {
		struct addr a = { .len = 4, .a = { 10, (uint8_t)(128 + i / 62500),
					     (uint8_t)(i / 250 % 250),
					     (uint8_t)(i % 250 + 1) } };

		role_add(w, &a);
	}
}

/* A dump read in parts of at most 4 kB, the configuration changed once. */
struct dump_run {
	struct reply r;
	unsigned int parts;		/* recv() calls that read a part */
	unsigned int before;		/* messages read before the change */
	int change_err;			/* the change's answer */
};

/*
 * Dumps @cmd on a socket of its own, reading one part at a time; once
 * two parts are read (the kernel makes the third after the second read),
 * puts @then in force from the main socket.
 */
static void dump_changed(uint8_t cmd, const struct cfg *then,
			 struct dump_run *d)
{
	struct mnl_socket *mine = nl;
	struct buf b = { 0 };
	struct reply r = { 0 };
	uint32_t seq = seq_next++;
	bool done = false;
	int fd;

	sock_open();
	fd = mnl_socket_get_fd(nl);
	msg_start(&b, DUMP, cmd);
	set32(b.d + 8, seq);
	msg_end(&b);
	reply_reset(&d->r);
	d->parts = 0;
	d->change_err = NOREPLY;
	if (send(fd, b.d, b.len, 0) < 0)
		die("send: %s", strerror(errno));
	while (!done) {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		if (poll(&p, 1, 1000) <= 0) {
			snprintf(d->r.msg, sizeof(d->r.msg), "the dump stalled");
			break;
		}
		done = recv_answer(fd, 4096, &d->r, seq, false);
		d->parts++;
		if (d->parts == 2 && !done) {
			struct mnl_socket *reader = nl;

			d->before = d->r.n_msgs;
			nl = mine;
			cfg_msg(&b, then, NULL);
			xchg(&b, b.len, &r);
			d->change_err = r.err;
			nl = reader;
		}
	}
	mnl_socket_close(nl);
	nl = mine;
	buf_free(&b);
	buf_free(&r.dump);
}

/* How many messages of @d carry an EDGEFW_A_ROLE of type @type. */
static unsigned int role_msgs(const struct dump_run *d, unsigned int type)
{
	const struct nlmsghdr *h;
	int rem = (int)d->r.dump.len;
	unsigned int n = 0;

	for (h = (const struct nlmsghdr *)d->r.dump.d; mnl_nlmsg_ok(h, rem);
	     h = mnl_nlmsg_next(h, &rem)) {
		const struct nlattr *tb[EDGEFW_A_MAX + 1], *rt[EDGEFW_ROLE_A_MAX + 1];

		if (msg_table(h, tb, EDGEFW_A_MAX, 1ULL << EDGEFW_A_ROLE) &&
		    tb[EDGEFW_A_ROLE] &&
		    nest_table(tb[EDGEFW_A_ROLE], rt, EDGEFW_ROLE_A_MAX, 0) &&
		    attr_uint(rt[EDGEFW_ROLE_A_TYPE], 1) == type)
			n++;
	}
	return n;
}

/* The end of a dump that a change interrupted: flagged, not an error. */
static void dump_end(const char *what, const struct dump_run *d,
		     const char *spans)
{
	if (d->change_err)
		not_ok("%s: the change meanwhile is accepted (%s)", what,
		       errname(d->change_err));
	if (d->r.err)
		not_ok("%s: the dump ends without an error (%s%s%s, after %u parts)",
		       what, errname(d->r.err), d->r.msg[0] ? ": " : "",
		       d->r.msg, d->parts);
	else
		ok("%s: the dump ends without an error (%u parts, %s)", what,
		   d->parts, spans);
	if (d->r.intr)
		ok("%s: the dump is flagged NLM_F_DUMP_INTR", what);
	else
		not_ok("%s: the dump is flagged NLM_F_DUMP_INTR (it is not)", what);
}

/* Puts @c in force; dies if refused (the test needs it). */
static void must_set(const struct cfg *c)
{
	if (!restore(c))
		die("a configuration the dumps need was refused");
}

static int mode_dumpintr(void)
{
	struct cfg big, small, none = { 0 };
	struct dump_run d = { 0 };
	struct snap s = { 0 };
	char spans[96];
	uint32_t n_rules;
	const char *e;

	if (unshare(CLONE_NEWNET))
		die("unshare(CLONE_NEWNET): %s (dumpintr runs as root)",
		    strerror(errno));
	sock_open();
	need_family();
	snapshot(&s);
	if (s.err || s.gen != 1)
		not_ok("a fresh namespace starts at generation 1 (%s, generation %u)",
		       errname(s.err), s.gen);
	else
		ok("a fresh namespace starts at generation 1");
	e = rules_now(&none, 1, &n_rules);
	if (e)
		not_ok("a fresh namespace's GET_RULES: no rule, generation 1 (%s)", e);
	else
		ok("a fresh namespace's GET_RULES: no rule, generation 1");
	cfg_webconf(&big, 3000);
	must_set(&big);
	snapshot(&s);
	if (s.gen != 2)
		not_ok("its first change makes generation 2 (%u)", s.gen);
	else
		ok("its first change makes generation 2");

	/* a role spanning messages is removed while it is being dumped */
	cfg_webconf(&small, 0);
	small.roles[EDGEFW_ROLE_WEBCONF].present = false;
	small.roles[EDGEFW_ROLE_RPROXY].present = true;
	for (unsigned int i = 0; i < 10; i++) {
		struct addr a = { .len = 4, .a = { 10, 45, 16, (uint8_t)(40 + i) } };

		role_add(&small.roles[EDGEFW_ROLE_RPROXY], &a);
	}
	dump_changed(EDGEFW_CMD_GET_CONFIG, &small, &d);
	snprintf(spans, sizeof(spans), "webconf spans %u messages",
		 role_msgs(&d, EDGEFW_ROLE_WEBCONF));
	if (role_msgs(&d, EDGEFW_ROLE_WEBCONF) < 2)
		not_ok("GET_CONFIG: the webconf role spans messages (%s)", spans);
	dump_end("GET_CONFIG, webconf (3000 addresses) removed and rproxy (10) added mid-dump",
		 &d, spans);

	/* a rule set that shrinks under a rules dump: the cursor past its
	 * end, then inside it
	 */
	cfg_free(&small);
	cfg_webconf(&small, 1);
	must_set(&big);
	dump_changed(EDGEFW_CMD_GET_RULES, &small, &d);
	snprintf(spans, sizeof(spans), "%u rules before the change", d.before);
	dump_end("GET_RULES, 3000 addresses' rules shrunk to 1's mid-dump", &d,
		 spans);
	cfg_free(&small);
	cfg_webconf(&small, 300);
	must_set(&big);
	dump_changed(EDGEFW_CMD_GET_RULES, &small, &d);
	snprintf(spans, sizeof(spans), "%u rules before the change", d.before);
	dump_end("GET_RULES, 3000 addresses' rules shrunk to 300's mid-dump", &d,
		 spans);

	cfg_free(&big);
	cfg_free(&small);
	buf_free(&d.r.dump);
	buf_free(&s.raw);
	return finish();
}

static int mode_gen(void)
{
	struct snap s = { 0 };

	snapshot(&s);
	if (s.err)
		die("GET_CONFIG dump failed: %s", errname(s.err));
	printf("%u\n", s.gen);
	return 0;
}

/* ---- main -------------------------------------------------------------- */

static void usage(void)
{
	fputs("usage: nlhostile [-v] valid|malformed|perm|privdrop|gen\n"
	      "       nlhostile [-v] fuzz [--seed S] [--count N] [--seconds T]\n"
	      "       nlhostile [-v] churn [--count N]\n"
	      "       nlhostile [-v] flip [--count N] [--seconds T] [--interval MS]\n"
	      "       nlhostile [-v] dumpcheck [--seconds T]\n"
	      "       nlhostile [-v] dumpintr\n"
	      "       nlhostile [-v] perm [--label TEXT] [--own-netns yes]\n"
	      "options: --ext IFNAME --int IFNAME (the reference's interfaces)\n"
	      "         --bind IFNAME:external|internal (one more binding, up to 4)\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long count = 20000;
	double seconds = 60;
	uint64_t seed = 1;
	const char *mode;
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	i = 1;
	if (i < argc && !strcmp(argv[i], "-v")) {
		verbose = 1;
		i++;
	}
	if (i >= argc)
		usage();
	mode = argv[i++];
	for (; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			usage();
		if (!strcmp(o, "--seed"))
			seed = strtoull(v, NULL, 0);
		else if (!strcmp(o, "--count"))
			count = strtoul(v, NULL, 0);
		else if (!strcmp(o, "--seconds"))
			seconds = strtod(v, NULL);
		else if (!strcmp(o, "--label"))
			label = v;
		else if (!strcmp(o, "--own-netns") && !strcmp(v, "yes"))
			own_netns = true;
		else if (!strcmp(o, "--interval"))
			flip_interval = strtod(v, NULL) / 1000;
		else if (!strcmp(o, "--ext"))
			ext_if = v;
		else if (!strcmp(o, "--int"))
			int_if = v;
		else if (!strcmp(o, "--bind") && n_extra_binds < ARRAY_SIZE(extra_binds)) {
			struct binding *bd = &extra_binds[n_extra_binds++];
			const char *colon = strchr(v, ':');

			if (!colon || colon - v >= IFNAMSIZ || colon == v)
				die("--bind NAME:external|internal");
			memcpy(bd->name, v, colon - v);
			if (!strcmp(colon + 1, "external"))
				bd->zone = EDGEFW_ZONE_EXTERNAL;
			else if (!strcmp(colon + 1, "internal"))
				bd->zone = EDGEFW_ZONE_INTERNAL;
			else
				die("--bind NAME:external|internal");
		}
		else
			usage();
		i++;
	}
	if (strlen(ext_if) >= IFNAMSIZ || strlen(int_if) >= IFNAMSIZ)
		die("interface names are shorter than %d", IFNAMSIZ);

	if (!strcmp(mode, "perm"))
		return mode_perm();
	if (!strcmp(mode, "privdrop"))
		return mode_privdrop();
	if (!strcmp(mode, "dumpintr"))
		return mode_dumpintr();
	/* the kernel sizes dump parts after the largest read so far */
	if (!strcmp(mode, "dumpcheck"))
		rx_len = 8192;
	sock_open();
	need_family();
	if (!strcmp(mode, "valid"))
		return mode_valid();
	if (!strcmp(mode, "malformed"))
		return mode_malformed();
	if (!strcmp(mode, "fuzz"))
		return mode_fuzz(seed, count, seconds);
	if (!strcmp(mode, "churn"))
		return mode_churn(count);
	if (!strcmp(mode, "flip"))
		return mode_flip(count, seconds);
	if (!strcmp(mode, "dumpcheck"))
		return mode_dumpcheck(seconds);
	if (!strcmp(mode, "gen"))
		return mode_gen();
	usage();
	return 2;
}
