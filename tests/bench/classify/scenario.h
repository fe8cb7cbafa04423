/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The scenario of the classifier benchmark, shared by the kernel module
 * (bench.c) and the userspace build that counts instructions (ubench.c):
 * the configurations of each size and the packets of each kind.
 */
#ifndef EDGEFW_BENCH_SCENARIO_H
#define EDGEFW_BENCH_SCENARIO_H

#define NPKT	(1 << 16)

/* Role k's i-th external address: 10.(64 + k).(i >> 8).(i & 255) + 1. */
static __be32 role_addr(u32 role, u32 i)
{
	return htonl((10U << 24 | (64U + role) << 16) + i + 1);
}

static void set_v4(struct edgefw_addr *a, __be32 ip)
{
	memset(a, 0, sizeof(*a));
	a->family = AF_INET;
	a->a.ip = ip;
}

static struct edgefw_config *make_config(u32 n)
{
	struct edgefw_config *cfg = edgefw_config_alloc();
	u32 r;

	if (!cfg)
		return NULL;
	cfg->n_front_ends = 2;
	set_v4(&cfg->front_ends[0], htonl(0xc0a80a5a));	/* 192.168.10.90 */
	set_v4(&cfg->front_ends[1], htonl(0xc0a80a5b));	/* 192.168.10.91 */
	set_v4(&cfg->vip, htonl(0xc0a80abe));		/* 192.168.10.190 */
	for (r = 0; r < __EDGEFW_ROLE_LAST; r++) {
		struct edgefw_role_cfg *rc = &cfg->roles[r];
		u32 i, k = n / __EDGEFW_ROLE_LAST + (r < n % __EDGEFW_ROLE_LAST);

		if (!k)
			continue;
		rc->present = true;
		rc->media_range = EDGEFW_MEDIA_LYNC2010;
		/* 172.25.33.10, or .40 for the reverse proxy */
		set_v4(&rc->internal, htonl(r == EDGEFW_ROLE_RPROXY ?
					    0xac192128 : 0xac19210a));
		rc->addrs = kvcalloc(k, sizeof(*rc->addrs), GFP_KERNEL);
		if (!rc->addrs) {
			edgefw_config_free(cfg);
			return NULL;
		}
		for (i = 0; i < k; i++)
			set_v4(&rc->addrs[i], role_addr(r, i));
		rc->n_addrs = k;
	}
	return cfg;
}

static size_t rules_bytes(const struct edgefw_rules *rules)
{
	return sizeof(*rules) +
	       (size_t)rules->n_entries * sizeof(*rules->entries) +
	       (size_t)rules->n_rules * sizeof(*rules->rules) +
	       (size_t)(rules->hash_mask + 1) * sizeof(*rules->hash) +
	       (size_t)rules->n_chunks * (sizeof(*rules->chunks) +
		EDGEFW_COUNTERS_PER_CHUNK * sizeof(struct edgefw_pcpu_counter) *
		num_possible_cpus()) +
	       (size_t)max_t(u32, rules->n_rules, 1) * 2 * sizeof(u64);
}

enum kind { HOT, HIT, DENY, MISS, __KIND_LAST };
static const char *const kind_names[] = { "hot", "hit", "deny", "miss" };

/*
 * The last inbound rule of each role's external group (lync2010, no
 * http-redirect): access 5061 (row 4), webconf 443 (6), av 443 (13),
 * rproxy 443 (15); all TCP.
 */
static const u16 last_port[__EDGEFW_ROLE_LAST] = { 5061, 443, 443, 443 };

/* A cheap, seeded generator: the same packets on every run. */
static struct rnd_state rnd;
#define rand32() prandom_u32_state(&rnd)

static void make_pkt(struct edgefw_pkt *p, enum kind kind, u32 n)
{
	u32 role = rand32() % min_t(u32, n, __EDGEFW_ROLE_LAST);
	u32 k = n / __EDGEFW_ROLE_LAST + (role < n % __EDGEFW_ROLE_LAST);

	memset(p, 0, sizeof(*p));
	p->family = AF_INET;
	p->proto = IPPROTO_TCP;
	p->saddr.ip = htonl(0xc6120000 | (rand32() & 0x1ffff));
	p->sport = 1024 + rand32() % 64000;
	switch (kind) {
	case HOT:
		role = EDGEFW_ROLE_AV;
		p->daddr.ip = role_addr(role, 0);
		p->dport = last_port[role];
		break;
	case HIT:
		p->daddr.ip = role_addr(role, rand32() % k);
		p->dport = last_port[role];
		break;
	case DENY:
		p->daddr.ip = role_addr(role, rand32() % k);
		p->dport = 444;
		break;
	default:
		p->daddr.ip = htonl(0x0a640000 | (rand32() & 0xffff));
		p->dport = 443;
		break;
	}
}

#endif
