/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Just enough of the kernel's API, in userspace, to compile kmod/config.c,
 * template.c, rules.c and classify.c unchanged, so that valgrind can count
 * the instructions of a lookup. The packet-path helpers the classifier
 * calls (jhash2 from the kernel's own header, ipv6_addr_equal as the kernel
 * writes it for 64-bit machines, skb_header_pointer for a linear skb)
 * behave as in the kernel; the rest (allocation, per-CPU data with one
 * CPU, sort) only has to work.
 */
#ifndef EDGEFW_BENCH_SHIM_H
#define EDGEFW_BENCH_SHIM_H

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;
typedef uint32_t __u32;
typedef uint16_t __be16;
typedef uint32_t __be32;

#define __percpu
#define __rcu
#define __read_mostly
#define fallthrough __attribute__((__fallthrough__))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define BIT(n) (1UL << (n))
#define U16_MAX ((u16)~0U)
#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)
#define swap(a, b) do { typeof(a) __t = (a); (a) = (b); (b) = __t; } while (0)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define max_t(t, a, b) ((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))

static inline u32 rol32(u32 w, unsigned int s)
{
	return (w << (s & 31)) | (w >> ((-s) & 31));
}

static inline u32 __get_unaligned_cpu32(const void *p)
{
	u32 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline unsigned long roundup_pow_of_two(unsigned long n)
{
	unsigned long p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

/* ---- memory ---- */
#define GFP_KERNEL 0
#define kzalloc(size, gfp) calloc(1, size)
#define kfree(p) free(p)
#define kvfree(p) free((void *)(p))
#define kvmalloc_array(n, size, gfp) calloc(n, size)
#define kvcalloc(n, size, gfp) calloc(n, size)

#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)
static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline bool IS_ERR(const void *ptr) { return IS_ERR_VALUE(ptr); }

static inline u32 get_random_u32(void) { return 0x5eed1234; }

static inline void sort(void *base, size_t num, size_t size,
			int (*cmp)(const void *, const void *), void *swap)
{
	(void)swap;
	qsort(base, num, size, cmp);
}

/* ---- one CPU ---- */
#define num_possible_cpus() 1
#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < 1; (cpu)++)
#define __alloc_percpu_gfp(size, align, gfp) calloc(1, size)
#define free_percpu(p) free((void *)(p))
#define per_cpu_ptr(p, cpu) ((void)(cpu), (p))
#define this_cpu_ptr(p) (p)
static inline void local_bh_disable(void) {}
static inline void local_bh_enable(void) {}

typedef struct { u64 v; } u64_stats_t;
struct u64_stats_sync { int unused; };
static inline void u64_stats_init(struct u64_stats_sync *s) { (void)s; }
static inline unsigned int u64_stats_fetch_begin(const struct u64_stats_sync *s) { (void)s; return 0; }
static inline bool u64_stats_fetch_retry(const struct u64_stats_sync *s, unsigned int x) { (void)s; (void)x; return false; }
static inline void u64_stats_update_begin(struct u64_stats_sync *s) { (void)s; }
static inline void u64_stats_update_end(struct u64_stats_sync *s) { (void)s; }
static inline u64 u64_stats_read(const u64_stats_t *p) { return p->v; }
static inline void u64_stats_inc(u64_stats_t *p) { p->v++; }
static inline void u64_stats_add(u64_stats_t *p, unsigned long v) { p->v += v; }

typedef struct { int refs; } refcount_t;
static inline void refcount_set(refcount_t *r, int n) { r->refs = n; }
static inline void refcount_inc(refcount_t *r) { r->refs++; }
static inline bool refcount_dec_and_test(refcount_t *r) { return --r->refs == 0; }

/* Only named in edgefw.h's declarations and structures. */
struct net;
struct net_device;
struct netlink_ext_ack;
struct genl_info;
struct genl_family;
struct netlink_callback;
struct nlattr;
struct nla_policy { int unused; };
struct mutex { int unused; };
struct rcu_head { void *next; };
struct ratelimit_state { int unused; };
struct work_struct { int unused; };
struct delayed_work { int unused; };

static inline void cond_resched(void) {}

/* include/linux/inetdevice.h */
static inline __be32 inet_make_mask(int logmask)
{
	return logmask ? htonl(~((1U << (32 - logmask)) - 1)) : 0;
}

/* include/net/ipv6.h */
static inline bool ipv6_prefix_equal(const struct in6_addr *a1,
				     const struct in6_addr *a2,
				     unsigned int prefixlen)
{
	unsigned int pdw = prefixlen >> 5, pbi = prefixlen & 0x1f;

	if (pdw && memcmp(a1, a2, pdw << 2))
		return false;
	return !pbi || !((a1->s6_addr32[pdw] ^ a2->s6_addr32[pdw]) &
			 htonl((0xffffffffU) << (32 - pbi)));
}

/* include/net/tcp.h */
#define TCPHDR_FIN	0x01
#define TCPHDR_SYN	0x02
#define TCPHDR_RST	0x04
#define TCPHDR_ACK	0x10

/* ---- addresses and packets ---- */
union nf_inet_addr {
	__u32		all[4];
	__be32		ip;
	__be32		ip6[4];
	struct in_addr	in;
	struct in6_addr	in6;
};

/* include/net/ipv6.h, CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS && 64-bit */
static inline bool ipv6_addr_equal(const struct in6_addr *a1,
				   const struct in6_addr *a2)
{
	const unsigned long *ul1 = (const unsigned long *)a1;
	const unsigned long *ul2 = (const unsigned long *)a2;

	return ((ul1[0] ^ ul2[0]) | (ul1[1] ^ ul2[1])) == 0UL;
}

struct ipv6hdr {
	u8 priority:4, version:4;
	u8 flow_lbl[3];
	__be16 payload_len;
	u8 nexthdr;
	u8 hop_limit;
	struct in6_addr saddr, daddr;
};

#define IP_MF		0x2000
#define IP_OFFSET	0x1FFF
static inline bool ip_is_fragment(const struct iphdr *iph)
{
	return (iph->frag_off & htons(IP_MF | IP_OFFSET)) != 0;
}

#define ICMPV6_MGM_QUERY		130
#define ICMPV6_MGM_REPORT		131
#define ICMPV6_MGM_REDUCTION		132
#define NDISC_ROUTER_SOLICITATION	133
#define NDISC_ROUTER_ADVERTISEMENT	134
#define NDISC_NEIGHBOUR_SOLICITATION	135
#define NDISC_NEIGHBOUR_ADVERTISEMENT	136
#define NDISC_REDIRECT			137
#define ICMPV6_MLD2_REPORT		143

/* A linear skb: the packet starts at the network header. */
struct sk_buff {
	unsigned char *data;
	unsigned int len;
};

static inline int skb_network_offset(const struct sk_buff *skb)
{
	(void)skb;
	return 0;
}

static inline void *skb_header_pointer(const struct sk_buff *skb, int offset,
				       int len, void *buffer)
{
	(void)buffer;
	if (offset < 0 || (unsigned int)(offset + len) > skb->len)
		return NULL;
	return skb->data + offset;
}

static inline int ipv6_skip_exthdr(const struct sk_buff *skb, int start,
				   u8 *nexthdrp, __be16 *frag_offp)
{
	(void)skb; (void)nexthdrp; (void)frag_offp;
	return start;			/* no extension headers here */
}

/* include/linux/prandom.h's interface; any fixed sequence will do. */
struct rnd_state { u64 s; };
static inline void prandom_seed_state(struct rnd_state *st, u64 seed)
{
	st->s = seed * 0x9e3779b97f4a7c15ULL + 1;
}
static inline u32 prandom_u32_state(struct rnd_state *st)
{
	st->s ^= st->s >> 12;
	st->s ^= st->s << 25;
	st->s ^= st->s >> 27;
	return (u32)((st->s * 2685821657736338717ULL) >> 32);
}

#endif
