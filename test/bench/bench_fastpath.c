/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Forwarding-plane benchmark: in one process and one run, the same packets
 * (destinations drawn uniformly at random among the bound HoAs) go through
 *   (a) a minimal IPv6 router: FIB lookup of the destination, hop-limit
 *       decrement, MAC rewrite (the reference);
 *   (b) the encapsulation stage (parse, bulk binding lookup, encap, FIB
 *       lookup of the CoA, MAC rewrite), and its one-lookup-at-a-time variant;
 *   (c) the decapsulation + HoA/CoA check stage (parse outer and inner,
 *       own-address lookup, bulk binding lookup, check, strip, forward).
 * Cycles per packet by rdtsc, median of RUNS runs per stage, for each
 * binding-cache size. Bindings are installed through the NPF API.
 *
 * Usage: bench_fastpath [EAL options] -- [sizes...]   (default 1024 65536 1048576 4194304)
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_fib6.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_prefetch.h>
#include <rte_random.h>

#include "fp_pipe.h"
#include "npf_mipv6_if.h"
#include "npf_mipv6ha_runtime.h"

#define NPKTS 8192
#define ROUNDS 8 /* rounds of NPKTS fresh packets per run */
#define RUNS 5
#define PKT_LEN 78 /* Ethernet + IPv6 + UDP + 16 bytes */

static struct rte_mempool *mp;
static struct rte_mbuf *pkts[NPKTS];
static uint32_t *dst_idx; /* binding index of each packet */
static struct fp_lcore lc;
static NPF_IfHandle_t tunnel;
static NPF_callbackHandle_t cbh;
static uint32_t add_fail;
static uint32_t nb; /* bindings of the current size */

static const uint8_t ha_addr[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

static void hoa_of(uint32_t i, uint8_t a[16])
{
	static const uint8_t p[8] = {0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0};

	memcpy(a, p, 8);
	memset(a + 8, 0, 4);
	a[12] = (uint8_t)(i >> 24);
	a[13] = (uint8_t)(i >> 16);
	a[14] = (uint8_t)(i >> 8);
	a[15] = (uint8_t)(i | 0); /* never ::0 host part: i starts at 1 */
}

static void coa_of(uint32_t i, uint8_t a[16])
{
	hoa_of(i, a);
	a[5] = 2; /* 2001:db8:2::/64 */
}

static void on_completion(NPF_userContext_t c, NPF_correlator_t k, NPF_MIPv6HA_CallbackData_t d)
{
	(void)c;
	(void)k;
	for (uint32_t i = 0; i < d.numResp; i++)
		if (d.resp[i].errorCode != NPF_NO_ERROR)
			add_fail++;
}

static int setup(void)
{
	NPF_MIPv6HA_IF_HomeLinkConfig_t hc;
	NPF_MIPv6HA_IF_TunnelConfig_t tc;
	NPF_IfHandle_t hl;
	static NPF_MIPv6HA_BC_Entry_t batch[4096];
	struct fp_nh nh;
	uint8_t any[16] = {0};

	if (npf_mipv6ha_init(&(struct npf_mipv6ha_params){.bc_capacity = nb, .max_lcores = 2}) != 0)
		return -1;
	memset(&hc, 0, sizeof(hc));
	hc.mtu = 1500;
	memcpy(hc.macAddr, "\x02\0\0\0\1\1", 6);
	inet_pton(AF_INET6, "fe80::1", hc.linkLocal.addr);
	hc.nHaAddrs = 1;
	memcpy(hc.haAddrs[0].addr, ha_addr, 16);
	hc.nPrefixes = 1;
	inet_pton(AF_INET6, "2001:db8:1::", hc.prefixes[0].prefix.addr);
	hc.prefixes[0].prefixLen = 64;
	hc.prefixes[0].validLifetime = hc.prefixes[0].preferredLifetime = 86400;
	memset(&tc, 0, sizeof(tc));
	tc.hopLimit = 64;
	tc.mtu = 1460;
	tc.encapLimit = -1;
	memcpy(tc.haAddr.addr, ha_addr, 16);
	if (NPF_MIPv6HA_IF_HomeLinkCreate(&hc, &hl) != NPF_NO_ERROR)
		return -1;
	tc.homeLink = hl;
	if (NPF_MIPv6HA_IF_TunnelCreate(&tc, &tunnel) != NPF_NO_ERROR ||
	    NPF_MIPv6HA_Register(NULL, on_completion, &cbh) != NPF_NO_ERROR)
		return -1;
	/* Everything routes through one resolved gateway. */
	memset(&nh, 0, sizeof(nh));
	memcpy(nh.dst.addr_bytes, "\x02\0\0\0\2\2", 6);
	memcpy(nh.src.addr_bytes, "\x02\0\0\0\1\1", 6);
	nh.mtu = 1500;
	nh.flags = FP_NHF_RESOLVED;
	fp_nh_set(1, &nh);
	fp_route_add(any, 0, 1);

	add_fail = 0;
	for (uint32_t i = 0; i < nb;) {
		uint32_t n = RTE_MIN(nb - i, 4096u);

		memset(batch, 0, sizeof(batch[0]) * n);
		for (uint32_t k = 0; k < n; k++) {
			hoa_of(i + k + 1, batch[k].HoA.addr);
			coa_of(i + k + 1, batch[k].CoA.addr);
			batch[k].lifetimeMode = NPF_MIPv6HA_LIFETIME_OFF;
		}
		NPF_MIPv6HA_BC_Entry_Add(cbh, NULL, NPF_REPORT_ERRORS, tunnel, n, batch);
		npf_mipv6ha_dispatch(0);
		i += n;
	}
	return add_fail == 0 ? 0 : -1;
}

static void teardown(void)
{
	NPF_MIPv6HA_BC_Flush(cbh, NULL, NPF_REPORT_NONE, tunnel);
	npf_mipv6ha_dispatch(0);
	npf_mipv6ha_fini();
}

/* Fresh packets: plain IPv6/UDP to the HoA, or tunnelled from its CoA. */
static void build(bool tunnelled)
{
	for (uint32_t i = 0; i < NPKTS; i++) {
		struct rte_mbuf *m = pkts[i];
		uint32_t len = PKT_LEN + (tunnelled ? 40 : 0);
		uint8_t *p;

		rte_pktmbuf_reset(m);
		p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)len);
		memset(p, 0, len);
		memcpy(p, "\x02\0\0\0\1\1\x02\0\0\0\3\3\x86\xdd", 14);
		uint8_t *ip = p + 14;
		if (tunnelled) {
			ip[0] = 0x60;
			ip[5] = PKT_LEN - 14;
			ip[6] = FP_NH_IPV6;
			ip[7] = 60;
			coa_of(dst_idx[i], ip + 8);
			memcpy(ip + 24, ha_addr, 16);
			ip += 40;
		}
		ip[0] = 0x60;
		ip[5] = PKT_LEN - 14 - 40;
		ip[6] = FP_NH_UDP;
		ip[7] = 64;
		if (tunnelled) {
			hoa_of(dst_idx[i], ip + 8);
			inet_pton(AF_INET6, "2001:db8:3::10", ip + 24);
		} else {
			inet_pton(AF_INET6, "2001:db8:3::10", ip + 8);
			hoa_of(dst_idx[i], ip + 24);
		}
	}
}

/* (a) the reference: what a minimal IPv6 router does per packet. */
static void stage_baseline(struct rte_mbuf **b, uint16_t n)
{
	uint8_t dst[FP_BURST][16];
	uint64_t nh[FP_BURST];

	for (uint16_t i = 0; i < n; i++)
		memcpy(dst[i], rte_pktmbuf_mtod_offset(b[i], uint8_t *, 14 + 24), 16);
	rte_fib6_lookup_bulk(fp_t.fib, dst, nh, n);
	for (uint16_t i = 0; i < n; i++) {
		struct rte_ether_hdr *eth = rte_pktmbuf_mtod(b[i], struct rte_ether_hdr *);
		struct rte_ipv6_hdr *ip = (struct rte_ipv6_hdr *)(eth + 1);
		const struct fp_nh *h = &fp_t.nh[nh[i]];

		if (ip->hop_limits <= 1 || nh[i] == FP_NHOP_NONE)
			continue;
		ip->hop_limits--;
		rte_ether_addr_copy(&h->dst, &eth->dst_addr);
		rte_ether_addr_copy(&h->src, &eth->src_addr);
		b[i]->port = h->port;
	}
}

static uint16_t parse_burst(struct rte_mbuf **b, struct fp_parsed *pp, uint16_t n)
{
	for (uint16_t i = 0; i < n; i++)
		rte_prefetch0(rte_pktmbuf_mtod(b[i], void *));
	for (uint16_t i = 0; i < n; i++)
		if (fp_parse_eth(rte_pktmbuf_mtod(b[i], uint8_t *), b[i]->data_len, &pp[i]) != 0)
			return i;
	return n;
}

/* (b) encapsulation with a bulk lookup. */
static void stage_encap(struct rte_mbuf **b, uint16_t n)
{
	struct fp_parsed pp[FP_BURST];
	const uint8_t *keys[FP_BURST];
	const struct fp_binding *bd[FP_BURST];

	n = parse_burst(b, pp, n);
	for (uint16_t i = 0; i < n; i++)
		keys[i] = rte_pktmbuf_mtod_offset(b[i], uint8_t *, pp[i].l3 + 24);
	uint64_t hits = fp_bc_lookup_bulk(keys, n, bd);
	if (hits == (n == 64 ? ~0ull : (1ull << n) - 1))
		fp_encap_burst(&lc, b, pp, bd, n);
}

/* (b') the same, one lookup at a time. */
static void stage_encap_single(struct rte_mbuf **b, uint16_t n)
{
	struct fp_parsed pp[FP_BURST];
	const struct fp_binding *bd[FP_BURST];

	n = parse_burst(b, pp, n);
	for (uint16_t i = 0; i < n; i++) {
		bd[i] = fp_bc_lookup(rte_pktmbuf_mtod_offset(b[i], uint8_t *, pp[i].l3 + 24));
		if (bd[i] == NULL)
			return;
	}
	fp_encap_burst(&lc, b, pp, bd, n);
}

/* (c) decapsulation + HoA/CoA check + forwarding of the inner packet. */
static void stage_decap(struct rte_mbuf **b, uint16_t n)
{
	struct fp_parsed pp[FP_BURST];
	uint8_t tun[FP_BURST];

	n = parse_burst(b, pp, n);
	for (uint16_t i = 0; i < n; i++)
		if (pp[i].proto != FP_NH_IPV6 ||
		    fp_local_lookup(rte_pktmbuf_mtod_offset(b[i], uint8_t *, pp[i].l3 + 24),
				    &tun[i]) != FP_LOCAL_HA)
			return;
	fp_decap_burst(&lc, b, pp, tun, n);
}

typedef void (*stage_fn)(struct rte_mbuf **b, uint16_t n);

static double run_stage(stage_fn fn, bool tunnelled)
{
	double best[RUNS];

	for (int r = 0; r < RUNS; r++) {
		uint64_t cyc = 0;

		for (int k = 0; k < ROUNDS; k++) {
			uint64_t t0;

			/* New destinations each round, packets rebuilt untimed. */
			for (uint32_t i = 0; i < NPKTS; i++)
				dst_idx[i] = 1 + (uint32_t)rte_rand_max(nb);
			build(tunnelled);
			t0 = rte_rdtsc_precise();
			for (uint32_t i = 0; i < NPKTS; i += FP_BURST)
				fn(&pkts[i], FP_BURST);
			cyc += rte_rdtsc_precise() - t0;
		}
		best[r] = (double)cyc / (NPKTS * ROUNDS);
	}
	/* median */
	for (int i = 1; i < RUNS; i++)
		for (int j = i; j > 0 && best[j] < best[j - 1]; j--) {
			double t = best[j];
			best[j] = best[j - 1];
			best[j - 1] = t;
		}
	return best[RUNS / 2];
}

static uint64_t heap_used(void)
{
	struct rte_malloc_socket_stats s;
	uint64_t used = 0;

	for (unsigned int sock = 0; sock < RTE_MAX_NUMA_NODES; sock++)
		if (rte_malloc_get_socket_stats((int)sock, &s) == 0)
			used += s.heap_allocsz_bytes;
	return used;
}

int main(int argc, char **argv)
{
	uint32_t sizes[8] = {1024, 65536, 1048576, 4194304};
	int nsizes = 4, n;
	double hz;

	n = rte_eal_init(argc, argv);
	if (n < 0)
		return 1;
	if (argc > n + 1) {
		nsizes = 0;
		for (int i = n + 1; i < argc && nsizes < 8; i++)
			sizes[nsizes++] = (uint32_t)strtoul(argv[i], NULL, 0);
	}
	mp = rte_pktmbuf_pool_create("bench", NPKTS + 1024, 0, 0, RTE_PKTMBUF_HEADROOM + 256,
				     SOCKET_ID_ANY);
	if (mp == NULL || rte_pktmbuf_alloc_bulk(mp, pkts, NPKTS) != 0) {
		fprintf(stderr, "mbuf pool: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	dst_idx = malloc(sizeof(*dst_idx) * NPKTS);
	hz = (double)rte_get_tsc_hz();
	printf("tsc %.0f MHz, %d x %d packets per run, median of %d runs, burst %d\n", hz / 1e6,
	       ROUNDS, NPKTS, RUNS, FP_BURST);
	printf("%9s %9s %9s %9s %9s %9s %7s %7s %7s %9s %9s\n", "bindings", "base c/p", "encap c/p",
	       "enc1 c/p", "decap c/p", "enc Mpps", "enc/bs", "enc1/bs", "dec/enc", "B/binding",
	       "setup s");
	for (int s = 0; s < nsizes; s++) {
		nb = sizes[s];
		uint64_t h0 = heap_used(), t0 = rte_get_tsc_cycles();

		if (setup() != 0) {
			fprintf(stderr, "setup of %u bindings failed\n", nb);
			return 1;
		}
		double setup_s = (double)(rte_get_tsc_cycles() - t0) / hz;
		uint64_t bytes = heap_used() - h0;
		/* The control plane's per-binding state lives in malloc'd arrays. */
		bytes += (uint64_t)nb * (sizeof(uint64_t) * 4 + 64);
		double base = run_stage(stage_baseline, false);
		double enc = run_stage(stage_encap, false);
		double enc1 = run_stage(stage_encap_single, false);
		double dec = run_stage(stage_decap, true);
		printf("%9u %9.1f %9.1f %9.1f %9.1f %9.2f %7.2f %7.2f %7.2f %9.0f %9.2f\n", nb,
		       base, enc, enc1, dec, hz / enc / 1e6, enc / base, enc1 / base, dec / enc,
		       (double)bytes / nb, setup_s);
		fflush(stdout);
		if (lc.encap == 0 || lc.decap == 0) {
			fprintf(stderr, "no packet went through a stage: bench is broken\n");
			return 1;
		}
		teardown();
	}
	rte_eal_cleanup();
	return 0;
}
