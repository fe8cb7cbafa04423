// SPDX-License-Identifier: GPL-2.0
/*
 * sendpkt: a small packet generator for edgefw's benchmarks. Sends
 * minimum-size IPv4 UDP datagrams or TCP SYNs out of one interface through
 * a PACKET_TX_RING (one send() hands the kernel a whole ring of frames,
 * bypassing the qdisc), for a given time, and prints how many it sent.
 *
 *   sendpkt -i IFACE -m DST_MAC -p udp|tcp -s SRC[-SRC] -d DST[-DST]
 *           [-S SPORT[-SPORT]] -D DPORT -t SECONDS | -n COUNT
 *
 * A range (of addresses or ports) is walked at random, one value per
 * packet: a range of source addresses and ports makes every packet a new
 * flow for conntrack; a single value of each makes one flow. With -n, it
 * sends COUNT packets and then stops, and walks the source addresses and
 * ports in order instead (the address first), so that COUNT packets are
 * COUNT different flows as long as the ranges hold that many. Output,
 * one line: "sent N packets in T s: R pps".
 *
 * pktgen (in the kernel) cannot make TCP; this sends both protocols the
 * same way, so UDP and TCP numbers compare.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FRAME_SIZE	256
#define FRAME_NR	512
#define PKT_LEN		60	/* Ethernet minimum without FCS */

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void usage(void)
{
	fprintf(stderr, "usage: sendpkt -i IFACE -m DST_MAC -p udp|tcp -s SRC[-SRC] -d DST[-DST]\n"
			"               [-S SPORT[-SPORT]] -D DPORT -t SECONDS | -n COUNT\n");
	exit(2);
}

/* "a" or "a-b" of IPv4 addresses, host order. */
static void parse_addr_range(const char *s, uint32_t *lo, uint32_t *hi)
{
	char buf[64], *dash;
	struct in_addr a;

	snprintf(buf, sizeof(buf), "%s", s);
	dash = strchr(buf, '-');
	if (dash)
		*dash++ = '\0';
	if (inet_pton(AF_INET, buf, &a) != 1)
		usage();
	*lo = *hi = ntohl(a.s_addr);
	if (dash) {
		if (inet_pton(AF_INET, dash, &a) != 1)
			usage();
		*hi = ntohl(a.s_addr);
	}
	if (*hi < *lo)
		usage();
}

static void parse_port_range(const char *s, uint16_t *lo, uint16_t *hi)
{
	unsigned int a, b;

	if (sscanf(s, "%u-%u", &a, &b) == 2) {
		*lo = (uint16_t)a;
		*hi = (uint16_t)b;
	} else if (sscanf(s, "%u", &a) == 1) {
		*lo = *hi = (uint16_t)a;
	} else {
		usage();
	}
	if (*hi < *lo)
		usage();
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t rnd(void)	/* xorshift64* */
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 2685821657736338717ULL) >> 32);
}

static uint32_t pick(uint32_t lo, uint32_t hi)
{
	return lo == hi ? lo : lo + rnd() % (hi - lo + 1);
}

static uint32_t sum16(const void *p, size_t len, uint32_t sum)
{
	const uint8_t *b = p;

	for (; len > 1; len -= 2, b += 2)
		sum += (uint32_t)b[0] << 8 | b[1];
	if (len)
		sum += (uint32_t)b[0] << 8;
	return sum;
}

static uint16_t fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

struct cfg {
	int tcp;
	uint8_t smac[6], dmac[6];
	uint32_t src_lo, src_hi, dst_lo, dst_hi;
	uint16_t sport_lo, sport_hi, dport;
};

/*
 * Packet @seq's source: at random, or (@in_order) the @seq-th pair of
 * address and port, the address varying first.
 */
static void pick_source(const struct cfg *c, unsigned long long seq,
			int in_order, uint32_t *saddr, uint16_t *sport)
{
	unsigned long long n_addrs = (unsigned long long)c->src_hi - c->src_lo + 1;
	unsigned int n_ports = (unsigned int)c->sport_hi - c->sport_lo + 1;

	if (!in_order) {
		*saddr = pick(c->src_lo, c->src_hi);
		*sport = (uint16_t)pick(c->sport_lo, c->sport_hi);
		return;
	}
	*saddr = (uint32_t)(c->src_lo + seq % n_addrs);
	*sport = (uint16_t)(c->sport_lo + seq / n_addrs % n_ports);
}

static void fill(uint8_t *f, const struct cfg *c, unsigned long long seq,
		 int in_order)
{
	struct ether_header *eth = (void *)f;
	struct iphdr *ip = (void *)(f + sizeof(*eth));
	uint8_t *l4 = (uint8_t *)ip + sizeof(*ip);
	size_t l4len = PKT_LEN - sizeof(*eth) - sizeof(*ip);
	uint32_t saddr, daddr = pick(c->dst_lo, c->dst_hi);
	uint16_t sport;
	uint32_t sum;

	pick_source(c, seq, in_order, &saddr, &sport);

	memset(f, 0, PKT_LEN);
	memcpy(eth->ether_dhost, c->dmac, 6);
	memcpy(eth->ether_shost, c->smac, 6);
	eth->ether_type = htons(ETHERTYPE_IP);
	ip->version = 4;
	ip->ihl = 5;
	ip->ttl = 64;
	ip->protocol = c->tcp ? IPPROTO_TCP : IPPROTO_UDP;
	ip->saddr = htonl(saddr);
	ip->daddr = htonl(daddr);
	if (c->tcp) {
		struct tcphdr *th = (void *)l4;

		/* A SYN, no options; the rest of the frame is padding. */
		ip->tot_len = htons(sizeof(*ip) + sizeof(*th));
		th->source = htons(sport);
		th->dest = htons(c->dport);
		th->seq = htonl(rnd());
		th->doff = 5;
		th->syn = 1;
		th->window = htons(64240);
		sum = sum16(&ip->saddr, 8, IPPROTO_TCP + sizeof(*th));
		th->check = htons(fold(sum16(th, sizeof(*th), sum)));
	} else {
		struct udphdr *uh = (void *)l4;

		ip->tot_len = htons(sizeof(*ip) + l4len);
		uh->source = htons(sport);
		uh->dest = htons(c->dport);
		uh->len = htons(l4len);
		sum = sum16(&ip->saddr, 8, IPPROTO_UDP + l4len);
		uh->check = htons(fold(sum16(uh, l4len, sum)));
		if (!uh->check)
			uh->check = 0xffff;
	}
	ip->check = htons(fold(sum16(ip, sizeof(*ip), 0)));
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char *argv[])
{
	struct tpacket_req req = { FRAME_SIZE * FRAME_NR, 1, FRAME_SIZE, FRAME_NR };
	const char *ifname = NULL, *mac = NULL;
	int fd, opt, one = 1, ver = TPACKET_V2;
	struct sockaddr_ll sll = { 0 };
	struct cfg c = { 0 };
	unsigned long long sent = 0, count = 0;
	double secs = 0, t0, t;
	struct ifreq ifr;
	unsigned int i, next = 0;
	uint8_t *ring;

	c.sport_lo = c.sport_hi = 40000;
	c.src_lo = c.dst_lo = 0;
	while ((opt = getopt(argc, argv, "i:m:p:s:d:S:D:t:n:")) != -1) {
		switch (opt) {
		case 'i': ifname = optarg; break;
		case 'm': mac = optarg; break;
		case 'p': c.tcp = !strcmp(optarg, "tcp");
			  if (!c.tcp && strcmp(optarg, "udp"))
				  usage();
			  break;
		case 's': parse_addr_range(optarg, &c.src_lo, &c.src_hi); break;
		case 'd': parse_addr_range(optarg, &c.dst_lo, &c.dst_hi); break;
		case 'S': parse_port_range(optarg, &c.sport_lo, &c.sport_hi); break;
		case 'D': c.dport = (uint16_t)atoi(optarg); break;
		case 't': secs = atof(optarg); break;
		case 'n': count = strtoull(optarg, NULL, 10); break;
		default: usage();
		}
	}
	if (!ifname || !mac || !c.src_lo || !c.dst_lo || !c.dport ||
	    (secs <= 0) == !count)
		usage();
	if (sscanf(mac, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &c.dmac[0], &c.dmac[1],
		   &c.dmac[2], &c.dmac[3], &c.dmac[4], &c.dmac[5]) != 6)
		usage();
	rng ^= (uint64_t)getpid() << 32 ^ (uint64_t)time(NULL);

	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0)
		die("socket");
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr))
		die(ifname);
	memcpy(c.smac, ifr.ifr_hwaddr.sa_data, 6);
	if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &ver, sizeof(ver)))
		die("PACKET_VERSION");
	if (setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one)))
		die("PACKET_QDISC_BYPASS");
	if (setsockopt(fd, SOL_PACKET, PACKET_TX_RING, &req, sizeof(req)))
		die("PACKET_TX_RING");
	ring = mmap(NULL, req.tp_block_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		    fd, 0);
	if (ring == MAP_FAILED)
		die("mmap");
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_IP);
	sll.sll_ifindex = (int)if_nametoindex(ifname);
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)))
		die("bind");

	t0 = now();
	do {
		/* Fill every free frame, then hand them all to the kernel. */
		for (i = 0; i < FRAME_NR && (!count || sent < count); i++) {
			struct tpacket2_hdr *h = (void *)(ring + (size_t)next * FRAME_SIZE);

			if (h->tp_status != TP_STATUS_AVAILABLE)
				break;
			fill((uint8_t *)h + TPACKET2_HDRLEN - sizeof(struct sockaddr_ll),
			     &c, sent, count != 0);
			h->tp_len = PKT_LEN;
			h->tp_status = TP_STATUS_SEND_REQUEST;
			next = (next + 1) % FRAME_NR;
			sent++;
		}
		if (send(fd, NULL, 0, 0) < 0 && errno != ENOBUFS)
			die("send");
		t = now();
	} while (count ? sent < count : t - t0 < secs);
	/* Frames still queued when time is up were counted: wait for them. */
	send(fd, NULL, 0, 0);
	t = now();
	printf("sent %llu packets in %.3f s: %.0f pps\n", sent, t - t0,
	       sent / (t - t0));
	return 0;
}
