// SPDX-License-Identifier: GPL-2.0
/*
 * nlhostile: a hostile generic netlink client for edgefw, on libmnl.
 *
 * Independent of edgectl on purpose: its own message builders, its own
 * decoder of the configuration dump and its own model of the contract in
 * uapi/linux/edgefw.h (the only header it shares with the module).
 *
 *   nlhostile [-v] valid [--ext IF] [--int IF]
 *	sends the reference configuration (4 roles, pool, 2 bindings).
 *   nlhostile [-v] malformed [--ext IF] [--int IF]
 *	a fixed catalogue of bad messages; each must be refused with its
 *	errno and leave the configuration (dumped with GET_CONFIG, generation
 *	included) exactly as it was.
 *   nlhostile [-v] fuzz [--seed S] [--count N] [--seconds T] [--ext IF] [--int IF]
 *	mutates the reference SET_CONFIG (and dump requests), sends each,
 *	and checks every answer against the model of the contract.
 *   nlhostile [-v] perm [--label TEXT] [--own-netns yes]
 *	as an unprivileged caller: every command must be refused (EPERM),
 *	and joining the events group too, unless the caller owns the netns
 *	(--own-netns yes: reported only).
 *   nlhostile [-v] privdrop
 *	as root: sockets that cross a privilege boundary (opened privileged
 *	then used unprivileged, and the reverse) must be refused.
 *   nlhostile [-v] churn --count N [--ext IF] [--int IF]
 *	N refused messages that fail late (after allocations) and N
 *	accepted replacements, for the caller's memory accounting.
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
	}
	snprintf(other, sizeof(other), "errno %d", e);
	return other;
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

struct cfg {
	uint32_t flags;
	uint32_t n_fe;
	struct addr fe[EDGEFW_MAX_FRONT_ENDS + 1];
	bool has_vip;
	struct addr vip;
	uint32_t n_b;
	struct binding b[EDGEFW_MAX_BINDINGS + 1];
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

static const char *ext_if = "ext0", *int_if = "int0";
/* --bind NAME:ZONE: more bindings in the reference */
static struct binding extra_binds[4];
static unsigned int n_extra_binds;

/*
 * The reference: the topology of tests/vm/topo.sh, one IPv4 and one IPv6
 * external address per role.
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

/* Sorted as the kernel keeps them, so that configurations compare. */
static void cfg_canon(struct cfg *c)
{
	unsigned int r;

	qsort(c->fe, c->n_fe, sizeof(c->fe[0]), addr_cmp);
	for (r = 0; r < ARRAY_SIZE(c->roles); r++)
		qsort(c->roles[r].addrs, c->roles[r].n,
		      sizeof(struct addr), addr_cmp);
}

static bool addr_eq(const struct addr *a, const struct addr *b)
{
	return !addr_cmp(a, b);
}

/* Why @a and @b differ, or NULL. Both canonical. */
static const char *cfg_diff(const struct cfg *a, const struct cfg *b)
{
	unsigned int i, r;

	if (a->flags != b->flags)
		return "flags";
	if (a->n_fe != b->n_fe)
		return "number of front ends";
	for (i = 0; i < a->n_fe; i++)
		if (!addr_eq(&a->fe[i], &b->fe[i]))
			return "front ends";
	if (a->has_vip != b->has_vip ||
	    (a->has_vip && !addr_eq(&a->vip, &b->vip)))
		return "VIP";
	if (a->n_b != b->n_b)
		return "number of bindings";
	for (i = 0; i < a->n_b; i++)
		if (strcmp(a->b[i].name, b->b[i].name) ||
		    a->b[i].zone != b->b[i].zone)
			return "bindings";
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
		if (x->n != y->n)
			return "number of role addresses";
		for (i = 0; i < x->n; i++)
			if (!addr_eq(&x->addrs[i], &y->addrs[i]))
				return "role addresses";
	}
	return NULL;
}

static void put_addr(struct buf *b, uint16_t type, const struct addr *a)
{
	attr(b, type, a->a, a->len);
}

static void cfg_put_role(struct buf *b, const struct cfg *c, unsigned int r)
{
	const struct role *rc = &c->roles[r];
	size_t n, m;
	uint32_t i;

	n = nest(b, NEST(EDGEFW_A_ROLE));
	a_u8(b, EDGEFW_ROLE_A_TYPE, (uint8_t)r);
	if (r == EDGEFW_ROLE_AV)
		a_u8(b, EDGEFW_ROLE_A_MEDIA_RANGE, rc->media);
	if (rc->has_internal)
		put_addr(b, EDGEFW_ROLE_A_INTERNAL_ADDR, &rc->internal);
	m = nest(b, NEST(EDGEFW_ROLE_A_ADDRS));
	for (i = 0; i < rc->n; i++)
		put_addr(b, EDGEFW_A_ADDR, &rc->addrs[i]);
	nest_end(b, m);
	nest_end(b, n);
}

static void cfg_put_pool(struct buf *b, const struct cfg *c)
{
	size_t n = nest(b, NEST(EDGEFW_A_POOL));
	uint32_t i;

	for (i = 0; i < c->n_fe; i++)
		put_addr(b, EDGEFW_POOL_A_FRONT_END, &c->fe[i]);
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

/* The attributes of a SET_CONFIG for @c (no header). */
static void cfg_put(struct buf *b, const struct cfg *c)
{
	unsigned int r;

	a_u32(b, EDGEFW_A_FLAGS, c->flags);
	if (c->n_fe || c->has_vip)
		cfg_put_pool(b, c);
	if (c->n_b)
		cfg_put_bindings(b, c);
	for (r = 0; r < ARRAY_SIZE(c->roles); r++)
		if (c->roles[r].present)
			cfg_put_role(b, c, r);
}

static void cfg_msg(struct buf *b, const struct cfg *c, const uint32_t *gen)
{
	msg_start(b, REQ, EDGEFW_CMD_SET_CONFIG);
	cfg_put(b, c);
	if (gen)
		a_u32(b, EDGEFW_A_GENERATION, *gen);
	msg_end(b);
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

/*
 * Sends @len bytes of @m (its sequence number is set here if the header is
 * whole) and collects the answer. The kernel handles a request to a generic
 * netlink family synchronously, inside sendmsg(): once it returns, the
 * answer (if any) is queued, so "no reply" needs no timeout. Dumps go on
 * as they are read.
 */
static void xchg(struct buf *m, size_t len, struct reply *r)
{
	uint32_t seq = seq_next++;
	int fd = mnl_socket_get_fd(nl);
	bool done = false;

	r->err = NOREPLY;
	r->msg[0] = 0;
	r->bad_off = 0;
	r->dump.len = 0;
	r->intr = false;
	r->n_msgs = 0;
	if (len >= 12)
		set32(m->d + 8, seq);
	if (send(fd, m->d, len, 0) < 0) {
		r->err = errno;
		snprintf(r->msg, sizeof(r->msg), "send: %s", strerror(errno));
		return;
	}
	while (!done) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		const struct nlmsghdr *h;
		ssize_t n;
		int rem;

		/* Answers are queued by now; a dump's next part is made by
		 * the read before; 1 s only guards against a wedged kernel.
		 */
		if (poll(&p, 1, r->err == NOREPLY && !r->n_msgs ? 0 : 1000) <= 0)
			break;
		n = recv(fd, rxbuf, rx_len, MSG_TRUNC);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			r->err = errno;
			snprintf(r->msg, sizeof(r->msg), "recv: %s",
				 strerror(errno));
			return;
		}
		if ((size_t)n > rx_len) {
			r->err = EMSGSIZE;
			snprintf(r->msg, sizeof(r->msg),
				 "a %zd-byte answer does not fit %zu bytes", n, rx_len);
			return;
		}
		rem = (int)n;
		for (h = (const struct nlmsghdr *)rxbuf; mnl_nlmsg_ok(h, rem);
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
				done = true;
				break;
			}
			if (h->nlmsg_type == NLMSG_DONE) {
				int e = 0;

				if (h->nlmsg_len >= NLMSG_HDRLEN + sizeof(int))
					memcpy(&e, mnl_nlmsg_get_payload(h),
					       sizeof(int));
				r->err = -e;
				parse_extack(h, r, NLMSG_HDRLEN + sizeof(int));
				done = true;
				break;
			}
			r->n_msgs++;
			buf_put(&r->dump, h, h->nlmsg_len);
			if (r->err == NOREPLY)
				r->err = 0;
			if (!(h->nlmsg_flags & NLM_F_MULTI)) {
				done = true;
				break;
			}
		}
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

/* ---- snapshots: the configuration as GET_CONFIG dumps it --------------- */

struct snap {
	struct buf raw;			/* per message: u32 length, genl payload;
					 * generations zeroed */
	uint32_t gen;
	int err;
};

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
		if (r.err || r.intr)
			continue;
		rem = (int)r.dump.len;
		for (h = (const struct nlmsghdr *)r.dump.d; mnl_nlmsg_ok(h, rem);
		     h = mnl_nlmsg_next(h, &rem)) {
			uint32_t n = h->nlmsg_len - NLMSG_HDRLEN;
			size_t start;
			uint8_t *p;
			int left;

			buf_put(&s->raw, &n, 4);
			start = s->raw.len;
			buf_put(&s->raw, mnl_nlmsg_get_payload(h), n);
			/* zero the generation, keep it aside */
			p = s->raw.d + start + GENL_HDRLEN;
			left = (int)n - GENL_HDRLEN;
			while (left >= NLA_HDRLEN) {
				uint16_t l = get16(p), t = get16(p + 2);

				if (l < NLA_HDRLEN || l > left)
					break;
				if ((t & TYPE_MASK) == EDGEFW_A_GENERATION &&
				    l == NLA_HDRLEN + 4) {
					s->gen = get32(p + NLA_HDRLEN);
					memset(p + NLA_HDRLEN, 0, 4);
				}
				p += NLA_ALIGN(l);
				left -= NLA_ALIGN(l);
			}
		}
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

static const char *cfg_from_attr(const struct nlattr *a, struct cfg *c)
{
	const struct nlattr *x, *y;
	uint16_t t = mnl_attr_get_type(a);
	struct role tmp = { 0 }, *rc;
	struct addr ad;
	int type = -1;
	uint32_t i;

	switch (t) {
	case EDGEFW_A_FLAGS:
		c->flags = mnl_attr_get_u32(a);
		break;
	case EDGEFW_A_POOL:
		mnl_attr_for_each_nested(x, a) {
			if (!get_addr_attr(x, &ad))
				return "bad pool address";
			if (mnl_attr_get_type(x) == EDGEFW_POOL_A_VIP) {
				c->has_vip = true;
				c->vip = ad;
			} else if (c->n_fe <= EDGEFW_MAX_FRONT_ENDS) {
				c->fe[c->n_fe++] = ad;
			} else {
				return "too many front ends";
			}
		}
		break;
	case EDGEFW_A_BINDINGS:
		mnl_attr_for_each_nested(x, a) {
			struct binding *bd;

			if (c->n_b > EDGEFW_MAX_BINDINGS)
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
		break;
	case EDGEFW_A_ROLE:
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
		break;
	}
	return NULL;
}

/* Decodes a snapshot into @c (canonical). Returns an error text or NULL. */
static const char *cfg_from_snap(const struct snap *s, struct cfg *c)
{
	size_t off = 0;

	memset(c, 0, sizeof(*c));
	while (off + 4 <= s->raw.len) {
		uint32_t n = get32(s->raw.d + off);
		const struct nlattr *a;
		const uint8_t *p = s->raw.d + off + 4 + GENL_HDRLEN;
		int rem = (int)n - GENL_HDRLEN;
		const char *e;

		off += 4 + n;
		for (a = (const struct nlattr *)p; mnl_attr_ok(a, rem);
		     a = mnl_attr_next(a)) {
			rem -= NLA_ALIGN(a->nla_len);
			e = cfg_from_attr(a, c);
			if (e)
				return e;
		}
	}
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

struct model {
	enum verdict v;
	char why[160];
	int cmd;			/* when accepted */
	struct cfg cfg;			/* SET_CONFIG accepted: the result */
	/* parsing state */
	uint32_t cur_gen;
	bool seen[16];
};

static bool refuse(struct model *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static bool refuse(struct model *m, const char *fmt, ...)
{
	va_list ap;

	if (m->v != V_REFUSE) {
		m->v = V_REFUSE;
		va_start(ap, fmt);
		vsnprintf(m->why, sizeof(m->why), fmt, ap);
		va_end(ap);
	}
	return false;
}

typedef bool (*attr_fn)(struct model *m, void *ctx, uint16_t type,
			bool nested, const uint8_t *d, int n);

/*
 * Walks attributes as the kernel's nla_for_each_attr() and strict
 * validation do: stops at the first one that does not fit; bytes left
 * over after it (rem > 0) are an error, a missing final pad is not.
 */
/* The attributes that a level holds at most once, by type. */
static const char *const set_once[16] = {
	[EDGEFW_A_GENERATION] = "GENERATION", [EDGEFW_A_FLAGS] = "FLAGS",
	[EDGEFW_A_POOL] = "POOL", [EDGEFW_A_BINDINGS] = "BINDINGS",
};
static const char *const pool_once[16] = { [EDGEFW_POOL_A_VIP] = "VIP" };
static const char *const binding_once[16] = {
	[EDGEFW_BINDING_A_IFNAME] = "IFNAME", [EDGEFW_BINDING_A_ZONE] = "ZONE",
};
static const char *const role_once[16] = {
	[EDGEFW_ROLE_A_TYPE] = "role TYPE", [EDGEFW_ROLE_A_ADDRS] = "ADDRS",
	[EDGEFW_ROLE_A_INTERNAL_ADDR] = "INTERNAL_ADDR",
	[EDGEFW_ROLE_A_MEDIA_RANGE] = "MEDIA_RANGE",
};
static const char *const none_once[16];

static bool walk(struct model *m, const char *where, const uint8_t *p,
		 int len, attr_fn fn, void *ctx, const char *const once_names[16])
{
	const uint8_t *q = p;
	uint32_t seen = 0;
	int rem = len;

	/* a duplicated singleton first: the most telling reason */
	while (rem >= NLA_HDRLEN) {
		uint16_t l = get16(q), t = get16(q + 2) & TYPE_MASK;

		if (l < NLA_HDRLEN || l > rem)
			break;
		if (t < 16 && once_names[t]) {
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

static bool unicast(struct model *m, const char *what, bool nested,
		    const uint8_t *d, int n, struct addr *out)
{
	static const uint8_t zero[16];

	if (!leaf(m, what, nested))
		return false;
	if (n != 4 && n != 16)
		return refuse(m, "%s: address of %d bytes", what, n);
	/* ipv4_is_zeronet() is 0.0.0.0 only: since Linux 5.3 the rest of
	 * 0.0.0.0/8 is unicast
	 */
	if (n == 4 && (!memcmp(d, "\0\0\0\0", 4) || (d[0] >= 224 && d[0] <= 239) ||
		       !memcmp(d, "\xff\xff\xff\xff", 4)))
		return refuse(m, "%s: not a unicast IPv4 address", what);
	if (n == 16 && (!memcmp(d, zero, 16) || d[0] == 0xff))
		return refuse(m, "%s: not a unicast IPv6 address", what);
	memset(out, 0, sizeof(*out));
	out->len = (uint8_t)n;
	memcpy(out->a, d, n);
	return true;
}

static bool once(struct model *m, bool *seen, const char *what)
{
	if (*seen)
		return refuse(m, "%s given twice", what);
	*seen = true;
	return true;
}

/* pool */
struct pool_ctx {
	bool vip;
};

static bool pool_attr(struct model *m, void *ctx, uint16_t t, bool nested,
		      const uint8_t *d, int n)
{
	struct pool_ctx *pc = ctx;
	struct cfg *c = &m->cfg;
	struct addr a;

	switch (t) {
	case EDGEFW_POOL_A_FRONT_END:
		if (!unicast(m, "front end", nested, d, n, &a))
			return false;
		if (c->n_fe == EDGEFW_MAX_FRONT_ENDS)
			return refuse(m, "more than %d front ends",
				      EDGEFW_MAX_FRONT_ENDS);
		for (uint32_t i = 0; i < c->n_fe; i++)
			if (addr_eq(&c->fe[i], &a))
				return refuse(m, "front end listed twice");
		c->fe[c->n_fe++] = a;
		return true;
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
		if (!leaf(m, "IFNAME", nested))
			return false;
		if (!n || !memchr(d, 0, n < IFNAMSIZ ? n : IFNAMSIZ))
			return refuse(m, "IFNAME: no NUL in the first %d bytes",
				      IFNAMSIZ);
		len = d[n - 1] ? n : n - 1;
		if (len > IFNAMSIZ - 1)
			return refuse(m, "IFNAME: longer than %d", IFNAMSIZ - 1);
		if (!once(m, &bc->name, "IFNAME"))
			return false;
		memset(bc->b.name, 0, IFNAMSIZ);
		memcpy(bc->b.name, d, len);
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

static bool set_attr(struct model *m, void *ctx, uint16_t t, bool nested,
		     const uint8_t *d, int n)
{
	struct pool_ctx pc = { 0 };
	struct role_ctx rc = { .rtype = -1 };
	struct cfg *c = &m->cfg;
	uint32_t v;
	bool r;

	(void)ctx;
	switch (t) {
	case EDGEFW_A_GENERATION:
		if (!fixed(m, "GENERATION", nested, n, 4) ||
		    !once(m, &m->seen[t], "GENERATION"))
			return false;
		v = get32(d);
		if (v != m->cur_gen)
			return refuse(m, "stale generation %u (current %u)",
				      v, m->cur_gen);
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
	case EDGEFW_A_POOL:
		if (!nest_ok(m, "POOL", nested, n) ||
		    !once(m, &m->seen[t], "POOL"))
			return false;
		return walk(m, "pool", d, n, pool_attr, &pc, pool_once);
	case EDGEFW_A_BINDINGS:
		if (!nest_ok(m, "BINDINGS", nested, n) ||
		    !once(m, &m->seen[t], "BINDINGS"))
			return false;
		return walk(m, "bindings", d, n, bindings_attr, NULL, none_once);
	case EDGEFW_A_ROLE:
		if (!nest_ok(m, "ROLE", nested, n))
			return false;
		r = walk(m, "role", d, n, role_attr, &rc, role_once);
		if (r && (!rc.type || !rc.addrs || !rc.r.n))
			r = refuse(m, "role without %s", !rc.type ? "TYPE" :
				   "addresses");
		if (r && rc.media && rc.rtype != EDGEFW_ROLE_AV)
			r = refuse(m, "MEDIA_RANGE on a role other than av");
		if (r && !c->roles[rc.rtype].present) {
			rc.r.present = true;
			c->roles[rc.rtype] = rc.r;
			return true;
		}
		/* a later part of the role: settings agree, addresses add up */
		if (r) {
			struct role *first = &c->roles[rc.rtype];

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
	return refuse(m, "unknown top-level attribute %u", t);
}

static bool no_attr(struct model *m, void *ctx, uint16_t t, bool nested,
		    const uint8_t *d, int n)
{
	(void)ctx, (void)nested, (void)d, (void)n;
	return refuse(m, "attribute %u in a request that takes none", t);
}

/* The model's verdict on the datagram @p of @len bytes. */
static void model_judge(struct model *m, const uint8_t *p, size_t len,
			uint32_t cur_gen)
{
	uint32_t nlen;
	uint16_t flags;
	bool dump;

	cfg_free(&m->cfg);
	memset(m, 0, sizeof(*m));
	m->cur_gen = cur_gen;
	m->v = V_ACCEPT;
	if (len < NLMSG_HDRLEN) {
		m->v = V_NOREPLY;
		snprintf(m->why, sizeof(m->why), "shorter than a header");
		return;
	}
	nlen = get32(p);
	flags = get16(p + 6);
	if (nlen >= NLMSG_HDRLEN && nlen <= len && get16(p + 4) != fam_id) {
		refuse(m, "not edgefw's family id");
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
		refuse(m, "genetlink header cut");
		return;
	}
	m->cmd = p[NLMSG_HDRLEN];
	dump = (flags & NLM_F_DUMP) == NLM_F_DUMP;
	/* genetlink's header check (genl_header_check()) */
	if (get16(p + NLMSG_HDRLEN + 2)) {
		refuse(m, "genlmsghdr.reserved not 0");
		return;
	}
	if ((dump ? flags & ~NLM_F_DUMP : flags) &
	    ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO)) {
		refuse(m, "ambiguous netlink flags 0x%x", flags);
		return;
	}
	p += NLMSG_HDRLEN + GENL_HDRLEN;
	nlen -= NLMSG_HDRLEN + GENL_HDRLEN;
	switch (m->cmd) {
	case EDGEFW_CMD_GET_CONFIG:
	case EDGEFW_CMD_GET_RULES:
		if (!dump)
			refuse(m, "dump command without NLM_F_DUMP");
		else
			walk(m, "request", p, (int)nlen, no_attr, NULL, none_once);
		return;
	case EDGEFW_CMD_RESET_COUNTERS:
		if (dump)
			refuse(m, "RESET_COUNTERS as a dump");
		else
			walk(m, "request", p, (int)nlen, no_attr, NULL, none_once);
		return;
	case EDGEFW_CMD_SET_CONFIG:
		if (dump) {
			refuse(m, "SET_CONFIG as a dump");
			return;
		}
		if (!walk(m, "SET_CONFIG", p, (int)nlen, set_attr, NULL, set_once))
			return;
		cfg_canon(&m->cfg);
		for (unsigned int r = 0; r < ARRAY_SIZE(m->cfg.roles); r++) {
			const struct role *rc = &m->cfg.roles[r];

			if (rc->n > EDGEFW_MAX_ROLE_ADDRS) {
				refuse(m, "more than %d addresses in a role",
				       EDGEFW_MAX_ROLE_ADDRS);
				return;
			}
			for (uint32_t i = 1; i < rc->n; i++)
				if (addr_eq(&rc->addrs[i - 1], &rc->addrs[i])) {
					refuse(m, "role address listed twice");
					return;
				}
		}
		return;
	}
	refuse(m, "unknown command %d", m->cmd);
}

/* ---- modes: valid, gen ------------------------------------------------- */

static int mode_valid(void)
{
	struct cfg ref, got;
	struct buf b = { 0 };
	struct reply r = { 0 };
	struct snap s = { 0 };
	const char *e;

	cfg_reference(&ref);
	cfg_msg(&b, &ref, NULL);
	xchg(&b, b.len, &r);
	if (r.err)
		not_ok("valid: reference SET_CONFIG refused: %s %s",
		       errname(r.err), r.msg);
	else
		ok("valid: reference SET_CONFIG accepted");
	snapshot(&s);
	cfg_canon(&ref);
	e = s.err ? "dump failed" : cfg_from_snap(&s, &got);
	if (!e)
		e = cfg_diff(&ref, &got);
	if (e)
		not_ok("valid: GET_CONFIG shows the reference (%s)", e);
	else
		ok("valid: GET_CONFIG shows the reference (generation %u)", s.gen);
	return finish();
}

/* ---- mode: malformed --------------------------------------------------- */

struct ctx {
	struct cfg ref;			/* the reference configuration */
	uint32_t gen;			/* generation in force */
	size_t send_len;		/* 0: the whole buffer */
};

typedef void (*build_fn)(struct buf *b, struct ctx *c);

struct tcase {
	const char *name;
	int expect;			/* errno, 0, NOREPLY, ANY_ERRNO */
	build_fn build;
	unsigned int flags;
};

#define T_CHANGES	1	/* accepted and changes the configuration */

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
static void c_cmd6(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, REQ, __EDGEFW_CMD_LAST); }
static void c_cmd255(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, REQ, 255); }
static void c_cmd6_dump(struct buf *b, struct ctx *c) { (void)c; cmd_msg(b, DUMP, __EDGEFW_CMD_LAST); }

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
static void s_type10(struct buf *b, struct ctx *c) { s_attr_type(b, c, __EDGEFW_A_LAST); }
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
static void s_flags_bit2(struct buf *b, struct ctx *c) { (void)c; set_hdr(b); a_u32(b, EDGEFW_A_FLAGS, 1u << 2); msg_end(b); }
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
static void p_type3(struct buf *b, struct ctx *c) { pool_ip(b, c, 3, "192.168.10.92"); }
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

/* -- informational: what the contract leaves open -- */
static void i_version(struct buf *b, struct ctx *c, uint8_t v)
{
	cfg_msg(b, &c->ref, NULL);
	b->d[NLMSG_HDRLEN + 1] = v;
}

static void i_version0(struct buf *b, struct ctx *c) { i_version(b, c, 0); }
static void i_version99(struct buf *b, struct ctx *c) { i_version(b, c, 99); }

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

#define C(name, exp, fn)	{ name, exp, fn, 0 }
#define CC(name, exp, fn)	{ name, exp, fn, T_CHANGES }

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
	C("command 6 (beyond the last)", EOPNOTSUPP, c_cmd6),
	C("command 6 as a dump", EOPNOTSUPP, c_cmd6_dump),
	C("command 255", EOPNOTSUPP, c_cmd255),
	C("SET_CONFIG sent as a dump", EOPNOTSUPP, c_set_dump),
	C("RESET_COUNTERS sent as a dump", EOPNOTSUPP, c_reset_dump),
	C("GET_CONFIG without NLM_F_DUMP", EOPNOTSUPP, c_getcfg_do),
	C("GET_RULES without NLM_F_DUMP", EOPNOTSUPP, c_getrules_do),
	C("GET_CONFIG with NLM_F_ROOT only (half a dump flag)", EINVAL, c_getcfg_root),
	C("SET_CONFIG with NLM_F_CREATE|NLM_F_EXCL", EINVAL, c_set_create),
	C("SET_CONFIG with NLM_F_ATOMIC", EINVAL, c_set_atomic),
	C("genl reserved field 0xbeef", EINVAL, i_reserved),
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
	C("attribute type 10 (beyond EDGEFW_A_MAX)", EINVAL, s_type10),
	C("attribute type 0x3fff", EINVAL, s_type3fff),
	C("dump-only EDGEFW_A_RULE in a request", EINVAL, s_rule),
	C("dump-only EDGEFW_A_ZONE_STATS in a request", EINVAL, s_zstats),
	C("EDGEFW_A_ADDR at the top level", EINVAL, s_top_addr),
	C("EDGEFW_A_BINDING at the top level (outside BINDINGS)", EINVAL, s_top_binding),
	C("FLAGS as u8", EINVAL, s_flags_u8),
	C("FLAGS as u64", EINVAL, s_flags_u64),
	C("FLAGS empty", EINVAL, s_flags_empty),
	C("GENERATION as u16", EINVAL, s_gen_u16),
	C("FLAGS unknown bit 1<<2", EINVAL, s_flags_bit2),
	C("FLAGS unknown bit 1<<31", EINVAL, s_flags_bit31),
	C("FLAGS all bits", EINVAL, s_flags_all),
	C("FLAGS with NLA_F_NESTED", EINVAL, s_flags_nested),
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
	C("pool attribute type 3 (beyond the last)", EINVAL, p_type3),
	C("pool attribute type 0", EINVAL, p_type0),
	C("front end with NLA_F_NESTED holding an address (too deep)", EINVAL, p_fe_nested),
	C("two VIPs (duplicated singleton)", EINVAL, p_two_vips),
	C("33 front ends (EDGEFW_MAX_FRONT_ENDS + 1)", E2BIG, p_33),
	CC("32 front ends (EDGEFW_MAX_FRONT_ENDS) accepted", 0, p_32),
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
	/* generation */
	C("GENERATION one behind (stale)", ESTALE, g_behind),
	C("GENERATION one ahead", ESTALE, g_ahead),
	C("GENERATION 0xffffffff", ESTALE, g_max),
	CC("GENERATION current: the reference accepted", 0, g_current),
	/* informational: the contract is silent; the result is reported */
	CC("genl version 0", ANY_ERRNO, i_version0),
	CC("genl version 99", ANY_ERRNO, i_version99),
	CC("front end 0.1.2.3 (0.0.0.0/8, unicast since Linux 5.3)", ANY_ERRNO, p_fe_zeronet),
	CC("NLM_F_ECHO on SET_CONFIG", ANY_ERRNO, i_echo),
	CC("FLAGS with NLA_F_NET_BYTEORDER", ANY_ERRNO, i_byteorder),
	CC("role address 127.0.0.1 (loopback)", ANY_ERRNO, i_loopback),
	CC("role address ::ffff:10.45.16.41 (IPv4-mapped)", ANY_ERRNO, i_mapped),
	CC("role address 240.0.0.1 (class E)", ANY_ERRNO, i_class_e),
	CC("role address fe80::1 (link-local)", ANY_ERRNO, i_linklocal),
	CC("same address in two roles (access and rproxy)", ANY_ERRNO, i_same_addr_two_roles),
};

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

static int mode_malformed(void)
{
	struct ctx c = { 0 };
	struct snap before = { 0 }, after = { 0 };
	struct cfg base = { 0 };
	struct buf b = { 0 };
	struct reply r = { 0 };
	struct model m = { 0 };
	unsigned int i, info = 0;
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
		const struct tcase *t = &catalogue[i];
		enum verdict want;
		bool good;

		c.gen = before.gen;
		c.send_len = 0;
		b.len = 0;
		t->build(&b, &c);
		if (!c.send_len)
			c.send_len = b.len;
		xchg(&b, c.send_len, &r);
		model_judge(&m, b.d, c.send_len, before.gen);
		snapshot(&after);

		if (t->expect == ANY_ERRNO) {
			info++;
			printf("# info: %s: %s%s%s\n", t->name, errname(r.err),
			       r.msg[0] ? ": " : "", r.msg);
		} else {
			good = r.err == t->expect;
			if (good)
				ok("%s: %s", t->name, errname(r.err));
			else
				not_ok("%s: %s%s%s, want %s", t->name,
				       errname(r.err), r.msg[0] ? " (" : "",
				       r.msg[0] ? r.msg : "",
				       errname(t->expect));
			if (good && r.msg[0] && verbose)
				printf("#   extack: %s\n", r.msg);
			/* the model must agree with the catalogue */
			want = t->expect == NOREPLY ? V_NOREPLY :
			       t->expect == 0 ? (t->flags & T_CHANGES ? V_ACCEPT : V_IGNORED) :
			       V_REFUSE;
			if (m.v != want)
				printf("# note: the model says %s (%s) for: %s\n",
				       verdict_name(m.v), m.why, t->name);
		}
		if (after.err) {
			not_ok("%s: GET_CONFIG afterwards failed: %s", t->name,
			       errname(after.err));
		} else if (r.err != 0 || !(t->flags & T_CHANGES)) {
			/* refused (or ignored): nothing may change */
			if (t->expect != ANY_ERRNO || r.err != 0) {
				if (snap_unchanged(&before, &after))
					ok("%s: configuration and generation unchanged", t->name);
				else
					not_ok("%s: %s changed although the message %s",
					       t->name,
					       snap_same_cfg(&before, &after) ?
					       "the generation" : "the configuration",
					       r.err ? "was refused" :
					       t->expect == 0 ? "was not a request" :
					       "should have been refused");
			}
		}
		if (r.err == 0 && (t->flags & T_CHANGES) && m.v == V_ACCEPT &&
		    !after.err) {
			struct cfg got = { 0 };

			e = cfg_from_snap(&after, &got);
			if (!e)
				e = cfg_diff(&m.cfg, &got);
			if (e)
				not_ok("%s: GET_CONFIG shows what was sent (%s differ)",
				       t->name, e);
			else if (t->expect != ANY_ERRNO)
				ok("%s: GET_CONFIG shows what was sent", t->name);
			cfg_free(&got);
		}
		if (r.err == 0 && (t->flags & T_CHANGES)) {
			if (!restore(&base))
				die("cannot restore the configuration after: %s", t->name);
			snapshot(&after);
		}
		/* the next case starts from what is in force now */
		buf_copy(&before.raw, &after.raw);
		before.gen = after.gen;
	}
	printf("# %u informational cases (not counted)\n", info);

	/* dumps abandoned half-way: the socket closes with a dump running */
	{
		struct mnl_socket *mine = nl;
		char small[4096];

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
		snapshot(&after);
		if (after.err)
			not_ok("100 dumps abandoned half-way: GET_CONFIG fails afterwards (%s)",
			       errname(after.err));
		else
			ok("100 dumps abandoned half-way: the family still answers");
	}

	/* the configuration in force at the end is the one at the start */
	snapshot(&after);
	{
		struct cfg end = { 0 };

		e = after.err ? "dump failed" : cfg_from_snap(&after, &end);
		if (!e)
			e = cfg_diff(&base, &end);
		if (e)
			not_ok("catalogue ends with the configuration it started with (%s)", e);
		else
			ok("catalogue ends with the configuration it started with");
		cfg_free(&end);
	}
	cfg_free(&base);
	cfg_free(&c.ref);
	cfg_free(&m.cfg);
	buf_free(&b);
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

	switch (rn(9)) {
	case 0:		/* interesting u8 */
		x->data.len = 0;
		buf_zero(&x->data, 1);
		x->data.d[0] = (uint8_t)(chance(50) ? rn(6) : rn(256));
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
		struct node leaf = { .type = (uint16_t)rn(12) };

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
				     (chance(90) ? rn(12) : rn(TYPE_MASK + 1)));
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
			struct node leaf = { .type = (uint16_t)rn(12) };
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
	unsigned long sent, set_sent, other_sent;
	unsigned long accepted, refused, noreply, ignored;
	unsigned long by_errno[256];
	unsigned long disagree_accept;	/* kernel accepted, model refused */
	unsigned long disagree_refuse;	/* kernel refused, model accepted */
	unsigned long disagree_other;
	unsigned long changed_refused;	/* refused but changed */
	unsigned long cfg_mismatch;	/* accepted, dump != model */
	unsigned long health_ok, health_bad;
	unsigned long checks;
	unsigned long dumps_intr;
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

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A dump or reset request with random attributes. */
static void junk_request(struct buf *b)
{
	static const uint8_t cmds[] = {
		EDGEFW_CMD_GET_CONFIG, EDGEFW_CMD_GET_RULES,
		EDGEFW_CMD_RESET_COUNTERS,
	};
	uint8_t cmd = cmds[rn(ARRAY_SIZE(cmds))];
	uint16_t flags = cmd == EDGEFW_CMD_RESET_COUNTERS ? REQ : DUMP;
	unsigned int k = rn(4), i;

	if (chance(15))
		flags ^= NLM_F_DUMP;
	msg_start(b, flags, cmd);
	while (k--) {
		unsigned int len = rn(20);
		uint16_t type = (uint16_t)(chance(80) ? rn(12) : rnd());
		uint8_t d[20];

		for (i = 0; i < len; i++)
			d[i] = (uint8_t)rn(256);
		attr(b, type, d, len);
	}
	if (chance(10))
		buf_put(b, "\x01\x02\x03", 1 + rn(3));
	msg_end(b);
}

/* A valid request; the family must still work. */
static bool health(const struct cfg *ref, uint32_t *gen, struct snap *s)
{
	struct buf b = { 0 };
	struct reply r = { 0 };
	struct cfg got = { 0 };
	bool good = true;
	const char *e;

	cfg_msg(&b, ref, NULL);
	xchg(&b, b.len, &r);
	if (r.err) {
		printf("# health: reference refused: %s %s\n", errname(r.err), r.msg);
		good = false;
	}
	snapshot(s);
	e = s->err ? "GET_CONFIG failed" : cfg_from_snap(s, &got);
	if (!e)
		e = cfg_diff(ref, &got);
	if (e) {
		printf("# health: configuration after the reference: %s\n", e);
		good = false;
	}
	msg_start(&b, DUMP, EDGEFW_CMD_GET_RULES);
	msg_end(&b);
	xchg(&b, b.len, &r);
	if (r.err || r.n_msgs < 2) {
		printf("# health: GET_RULES: %s, %u messages\n", errname(r.err),
		       r.n_msgs);
		good = false;
	}
	*gen = s->gen;
	cfg_free(&got);
	buf_free(&b);
	buf_free(&r.dump);
	return good;
}

static int mode_fuzz(uint64_t seed, unsigned long count, double seconds)
{
	struct fuzz_stats st = { 0 };
	struct cfg ref;
	struct buf base = { 0 }, b = { 0 };
	struct reply r = { 0 };
	struct snap before = { 0 }, after = { 0 };
	struct model m = { 0 };
	struct node root;
	size_t offs[4096];
	double t0 = now(), elapsed;
	unsigned long i;
	uint32_t gen;

	rng_state = seed;
	cfg_reference(&ref);
	cfg_canon(&ref);
	if (!health(&ref, &gen, &before))
		die("the reference configuration is refused before fuzzing");

	for (i = 0; i < count && now() - t0 < seconds; i++) {
		unsigned int n_offs = 0, k, nt, nb;
		size_t len;

		b.len = 0;
		if (chance(88)) {
			/* the reference, sometimes with the current or
			 * another generation, mutated
			 */
			uint32_t g = chance(50) ? gen : gen + (uint32_t)rn(3) - 1;

			cfg_msg(&base, &ref, chance(30) ? &g : NULL);
			memset(&root, 0, sizeof(root));
			root.nest = true;
			node_parse(&root, base.d + NLMSG_HDRLEN + GENL_HDRLEN,
				   (int)(base.len - NLMSG_HDRLEN - GENL_HDRLEN));
			nt = chance(70) ? 1 + rn(3) : 0;
			nb = chance(50) || !nt ? 1 + rn(3) : 0;
			while (nt--)
				mutate_tree(&root);
			msg_start(&b, REQ, EDGEFW_CMD_SET_CONFIG);
			for (k = 0; k < root.n; k++)
				node_put(&b, &root.kids[k], offs, &n_offs,
					 ARRAY_SIZE(offs));
			msg_end(&b);
			node_free(&root);
			while (nb--)
				mutate_bytes(&b, offs, n_offs);
			st.set_sent++;
		} else {
			junk_request(&b);
			if (chance(30))
				mutate_bytes(&b, offs, 0);
			st.other_sent++;
		}
		len = send_length(&b);
		model_judge(&m, b.d, len, gen);
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

		/* errors are always answered; a request without NLM_F_ACK
		 * that succeeds is not
		 */
		if (r.err == NOREPLY && m.v != V_NOREPLY && m.v != V_IGNORED &&
		    !(get16(b.d + 6) & NLM_F_ACK))
			r.err = 0;
		if (r.err == NOREPLY) {
			st.noreply++;
		} else if (r.err > 0) {
			st.refused++;
			st.by_errno[r.err < 256 ? r.err : 255]++;
		} else if (m.v == V_IGNORED) {
			st.ignored++;
		} else {
			st.accepted++;
		}

		/* does the kernel agree with the model? */
		if (r.err > 0 && m.v == V_ACCEPT) {
			st.disagree_refuse++;
			char why[160];

			snprintf(why, sizeof(why), "%s (%.120s)", errname(r.err), r.msg);
			note_reason("kernel refused a message the contract accepts", why,
				    &b, len);
		} else if (r.err == 0 && m.v == V_REFUSE) {
			st.disagree_accept++;
			note_reason("kernel accepted", m.why, &b, len);
		} else if ((r.err == NOREPLY) != (m.v == V_NOREPLY) &&
			   !(m.v == V_IGNORED && r.err == NOREPLY)) {
			st.disagree_other++;
			note_reason(r.err == NOREPLY ? "no reply, model says" :
				    "a reply, model says no reply", m.why, &b, len);
		}

		/* what changed */
		if (r.err != 0 || m.v == V_IGNORED || m.v == V_NOREPLY ||
		    (m.cmd != EDGEFW_CMD_SET_CONFIG &&
		     m.cmd != EDGEFW_CMD_RESET_COUNTERS)) {
			/* refused, ignored, or a dump: nothing may change,
			 * unless the kernel wrongly accepted a SET or reset
			 */
			if (!snap_unchanged(&before, &after) &&
			    !(r.err == 0 && m.v == V_REFUSE)) {
				st.changed_refused++;
				note_reason("state changed", r.err ? errname(r.err) :
					    verdict_name(m.v), &b, len);
			}
		} else if (m.v == V_ACCEPT && m.cmd == EDGEFW_CMD_SET_CONFIG) {
			struct cfg got = { 0 };
			const char *e = cfg_from_snap(&after, &got);

			if (!e)
				e = cfg_diff(&m.cfg, &got);
			if (e) {
				st.cfg_mismatch++;
				note_reason("accepted, but GET_CONFIG differs from the message",
					    e, &b, len);
			}
			if (after.gen == before.gen) {
				st.cfg_mismatch++;
				note_reason("accepted without a new generation", "", &b, len);
			}
			cfg_free(&got);
		}
		gen = after.gen;
		buf_copy(&before.raw, &after.raw);
		before.gen = after.gen;

		if (i % 500 == 499) {
			if (health(&ref, &gen, &before))
				st.health_ok++;
			else
				st.health_bad++;
		}
	}
	if (health(&ref, &gen, &before))
		st.health_ok++;
	else
		st.health_bad++;
	elapsed = now() - t0;

	printf("# fuzz: seed %llu: %lu messages in %.1f s (%.0f/s): %lu SET_CONFIG, %lu dump/reset requests\n",
	       (unsigned long long)seed, st.sent, elapsed, st.sent / elapsed,
	       st.set_sent, st.other_sent);
	printf("# fuzz: accepted %lu, refused %lu, no reply %lu, ignored (not a request) %lu\n",
	       st.accepted, st.refused, st.noreply, st.ignored);
	printf("# fuzz: refused by errno:");
	for (unsigned int e = 1; e < 256; e++)
		if (st.by_errno[e])
			printf(" %s %lu", errname((int)e), st.by_errno[e]);
	printf("\n# fuzz: GET_CONFIG dumps to check state: %lu; family health checks: %lu ok, %lu failed\n",
	       st.checks, st.health_ok, st.health_bad);
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
		not_ok("fuzz: accepted configurations are what the message said (%lu differ)",
		       st.cfg_mismatch);
	else
		ok("fuzz: accepted configurations are what the message said (%lu accepted)",
		   st.accepted);
	if (st.disagree_accept)
		not_ok("fuzz: malformed messages refused (%lu accepted that the contract refuses)",
		       st.disagree_accept);
	else
		ok("fuzz: malformed messages refused");
	if (st.disagree_refuse)
		not_ok("fuzz: valid messages accepted (%lu refused)", st.disagree_refuse);
	else
		ok("fuzz: valid messages accepted");
	if (st.disagree_other)
		not_ok("fuzz: replies where the contract expects them (%lu differ)",
		       st.disagree_other);
	else
		ok("fuzz: replies where the contract expects them");

	cfg_free(&ref);
	cfg_free(&m.cfg);
	buf_free(&base);
	buf_free(&b);
	return finish();
}

/* ---- modes: perm, privdrop --------------------------------------------- */

/* Every command, each expected to be refused with EPERM. */
static void perm_cases(const char *who)
{
	static const struct {
		const char *name;
		uint16_t flags;
		uint8_t cmd;
		int body;		/* 0 none, 1 reference, 2 malformed */
	} cases[] = {
		{ "GET_CONFIG dump", DUMP, EDGEFW_CMD_GET_CONFIG, 0 },
		{ "GET_RULES dump", DUMP, EDGEFW_CMD_GET_RULES, 0 },
		{ "SET_CONFIG, empty (a flush)", REQ, EDGEFW_CMD_SET_CONFIG, 0 },
		{ "SET_CONFIG, the reference", REQ, EDGEFW_CMD_SET_CONFIG, 1 },
		{ "SET_CONFIG, malformed (permission comes first)", REQ, EDGEFW_CMD_SET_CONFIG, 2 },
		{ "RESET_COUNTERS", REQ, EDGEFW_CMD_RESET_COUNTERS, 0 },
	};
	struct buf b = { 0 };
	struct reply r = { 0 };
	struct cfg ref;
	unsigned int i;

	cfg_reference(&ref);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		msg_start(&b, cases[i].flags, cases[i].cmd);
		if (cases[i].body == 1)
			cfg_put(&b, &ref);
		else if (cases[i].body == 2)
			a_u8(&b, EDGEFW_A_FLAGS, 0xff);
		msg_end(&b);
		xchg(&b, b.len, &r);
		if (r.err == EPERM)
			ok("%s: %s refused: EPERM", who, cases[i].name);
		else
			not_ok("%s: %s: %s%s%s, want EPERM", who, cases[i].name,
			       errname(r.err), r.msg[0] ? ": " : "", r.msg);
	}
	cfg_free(&ref);
	buf_free(&b);
	buf_free(&r.dump);
}

static const char *label;	/* --label: who runs perm */
static bool own_netns;		/* --own-netns: the caller owns its netns */

static int mode_perm(void)
{
	char who[128];

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
	perm_cases(who);
	/* change events are for admins too (GENL_MCAST_CAP_NET_ADMIN: over
	 * the netns's user namespace; the owner of a netns may watch its own)
	 */
	if (mcgrp_id) {
		int fd = mnl_socket_get_fd(nl), e = 0;

		if (setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &mcgrp_id,
			       sizeof(mcgrp_id)))
			e = errno;
		if (own_netns)
			printf("# info: %s: joining the '%s' group of its own netns: %s\n",
			       who, EDGEFW_MCGRP_EVENTS, e ? strerror(e) : "allowed");
		else if (e == EPERM)
			ok("%s: joining the '%s' multicast group refused: EPERM", who,
			   EDGEFW_MCGRP_EVENTS);
		else
			not_ok("%s: joining the '%s' multicast group: %s, want EPERM (tests/hostile/BUGS.txt #3)",
			       who, EDGEFW_MCGRP_EVENTS, e ? strerror(e) : "allowed");
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
	perm_cases("socket opened by root, used after dropping to uid 65534");
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
	perm_cases("socket opened by root, used in a new user namespace");
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
		perm_cases("socket opened by uid 65534, used by root");
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
	unsigned long i, bad[4] = { 0 };
	static const char *const what[] = {
		"refused after allocating 501 addresses (EINVAL)",
		"refused at the generation check, after building (ESTALE)",
		"refused with 65 bindings (E2BIG)",
		"accepted replacements, alternating two configurations",
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
