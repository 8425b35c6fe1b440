/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Binding Updates per second through the signalling control plane, end to
 * end on one core: hac_input parses and validates each BU (checksum, HAO,
 * BU-*, REG-*), makes the NPF calls (ProxyND_AddressAdd with
 * DupAddrDetectTransmits 0, BC_Entry_Add), takes their completions and DAD
 * events from npf_mipv6ha_dispatch, builds the BA and hands it to the
 * inject path. A stand-in worker drains the inject ring; its cycles are
 * measured and subtracted (they belong to the worker lcore).
 *
 *  1. first registrations of the first 1,024 HoAs (1K present);
 *  2. refreshes of random HoAs among those 1,024;
 *  3. first registrations of all the others up to N (default 2^20): the
 *     total time, and the rate of the last 65,536 (about N present);
 *  4. refreshes of random HoAs among the N.
 * Then the memory per binding: the forwarding plane's DPDK heap and the
 * control plane's malloc heap, per installed binding.
 *
 * Usage: bench_hac [EAL options] -- [N]
 */
#include <arpa/inet.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_random.h>

#include "fp_pipe.h"
#include "fp_worker.h"
#include "ha_control.h"
#include "mip6_proto.h"
#include "npf_mipv6_if.h"
#include "npf_mipv6ha_runtime.h"

#define BATCH 256 /* BUs in flight at once: a quarter of the inject ring */
#define RUNS 5
#define REFRESH_BUS 65536

static struct fp_worker w;
static struct hac *h;
static uint16_t *seqs;
static uint64_t drain_cycles;

static uint16_t tx_free(void *arg, uint16_t port, uint16_t q, struct rte_mbuf **m, uint16_t n)
{
	(void)arg;
	(void)port;
	(void)q;
	rte_pktmbuf_free_bulk(m, n);
	return n;
}

static int cp_tx(void *arg, uint16_t port, const uint8_t *ip6, uint32_t len)
{
	(void)arg;
	return npf_mipv6ha_inject(port == HAC_PORT_ROUTE ? NPF_MIPV6HA_PORT_ROUTE : port, ip6, len);
}

static void drain(void)
{
	uint64_t t0 = rte_rdtsc();

	while (fp_inject_poll(&w) != 0)
		fp_worker_flush(&w);
	fp_worker_flush(&w);
	fp_reader_quiescent(0); /* what the worker's loop reports */
	drain_cycles += rte_rdtsc() - t0;
}

static void hoa_of(uint32_t i, uint8_t a[16])
{
	inet_pton(AF_INET6, "2001:db8:1::", a);
	a[11] = 1; /* keep clear of the HA's own addresses */
	a[12] = (uint8_t)(i >> 24);
	a[13] = (uint8_t)(i >> 16);
	a[14] = (uint8_t)(i >> 8);
	a[15] = (uint8_t)i;
}

static uint16_t fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xFFFF) + (s >> 16);
	return (uint16_t)s;
}

static uint32_t sum16(uint32_t s, const uint8_t *p, uint32_t len)
{
	for (uint32_t i = 0; i + 1 < len; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	return s;
}

/*
 * Home registration from away (RFC 6275 §6.1.7): IPv6 (CoA -> HA) | Destination
 * Options with PadN and the HAO | MH Binding Update (A|H, lifetime 1000 units,
 * sequence seq) padded to 16 octets. Returns the length.
 */
static uint32_t build_bu(uint8_t *p, uint32_t i, uint16_t seq)
{
	static const uint8_t pseudo_tail[] = {0, 0, 0, 16, 0, 0, 0, IPPROTO_MH};
	uint8_t hoa[16], *ip = p, *dst = p + 40, *mh = p + 64;

	memset(p, 0, 80);
	ip[0] = 0x60;
	ip[5] = 40; /* payload: 24 DO + 16 MH */
	ip[6] = IPPROTO_DSTOPTS;
	ip[7] = 64;
	inet_pton(AF_INET6, "2001:db8:2::1", ip + 8);
	ip[8 + 13] = (uint8_t)(i >> 16);
	ip[8 + 14] = (uint8_t)(i >> 8);
	ip[8 + 15] = (uint8_t)i;
	inet_pton(AF_INET6, "2001:db8:1::1", ip + 24);
	hoa_of(i, hoa);
	dst[0] = IPPROTO_MH;
	dst[1] = 2;           /* 24 octets */
	dst[2] = IP6OPT_PADN; /* 2 + 2: the HAO at 8n+6 */
	dst[3] = 2;
	dst[6] = IP6OPT_HOME_ADDRESS;
	dst[7] = 16;
	memcpy(dst + 8, hoa, 16);
	mh[0] = IPPROTO_NONE;
	mh[1] = 1; /* 16 octets */
	mh[2] = IP6_MH_TYPE_BU;
	mh[6] = (uint8_t)(seq >> 8);
	mh[7] = (uint8_t)seq;
	mh[8] = 0x80 | 0x40; /* A, H */
	mh[10] = 1000 >> 8;  /* 4000 s */
	mh[11] = 1000 & 0xFF;
	mh[12] = IP6OPT_PADN; /* 4 octets of padding */
	mh[13] = 2;
	/* MH-2: pseudo-header with the HoA as source */
	uint32_t s = sum16(0, hoa, 16);
	s = sum16(s, ip + 24, 16);
	s = sum16(s, pseudo_tail, sizeof(pseudo_tail));
	s = sum16(s, mh, 16);
	uint16_t c = (uint16_t)~fold(s);
	mh[4] = (uint8_t)(c >> 8);
	mh[5] = (uint8_t)c;
	return 80;
}

static uint64_t bas_ok(void)
{
	struct hac_stats st;

	hac_stats_get(h, &st);
	return st.ba_tx[IP6_MH_BAS_ACCEPTED] + st.ba_tx[IP6_MH_BAS_PRFX_DISCOV];
}

static void print_stat(void *arg, const char *name, uint64_t v)
{
	(void)arg;
	if (v != 0)
		fprintf(stderr, "  %s %lu\n", name, (unsigned long)v);
}

/* Feed BUs for HoAs idx[0..n-1] in batches; wait for every BA. */
static int run_bus(const uint32_t *idx, uint32_t n)
{
	static uint8_t pkt[BATCH][80];
	struct hac_pkt_meta m = {.port = 0}; /* IPsec not required here */
	uint64_t want = bas_ok();

	for (uint32_t k = 0; k < n; k += BATCH) {
		uint32_t b = RTE_MIN(n - k, (uint32_t)BATCH);

		for (uint32_t j = 0; j < b; j++)
			build_bu(pkt[j], idx[k + j], ++seqs[idx[k + j]]);
		for (uint32_t j = 0; j < b; j++)
			hac_input(h, &m, pkt[j], 80);
		want += b;
		for (int spin = 0; bas_ok() < want; spin++) {
			npf_mipv6ha_dispatch(0);
			hac_service(h);
			drain();
			if (spin > 1000000) {
				struct hac_stats st;
				hac_stats_get(h, &st);
				fprintf(stderr, "BAs: %lu of %lu; control plane counters:\n",
					(unsigned long)bas_ok(), (unsigned long)want);
				hac_stats_foreach(&st, print_stat, NULL);
				return -1;
			}
		}
		drain();
	}
	return 0;
}

/* BUs per second (worker drain excluded) for the HoAs in idx. */
static double rate(const uint32_t *idx, uint32_t n, double *secs)
{
	drain_cycles = 0;
	uint64_t t0 = rte_rdtsc();
	if (run_bus(idx, n) != 0)
		exit(1);
	double s = (double)(rte_rdtsc() - t0 - drain_cycles) / (double)rte_get_tsc_hz();
	if (secs != NULL)
		*secs = s;
	return n / s;
}

static double median(double *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j] < v[j - 1]; j--) {
			double t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[n / 2];
}

static double refresh_rate(uint32_t present, uint32_t *idx)
{
	double r[RUNS];

	for (int run = 0; run < RUNS; run++) {
		/* distinct HoAs within a batch: an HoA has one BU in flight */
		for (uint32_t i = 0; i < REFRESH_BUS; i++)
			idx[i] =
			    (uint32_t)((rte_rand_max(present / BATCH ?: 1) * BATCH + i % BATCH) %
				       present);
		r[run] = rate(idx, REFRESH_BUS, NULL);
	}
	return median(r, RUNS);
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

/* The care-of addresses (2001:db8:2::/48) lie behind a router on a second
 * link whose MAC is known, so every BA leaves without waiting for ND. */
static int cao_route(void)
{
	static const struct rte_ether_addr gw_mac = {{0x02, 0, 0, 0, 9, 2}};
	NPF_MIPv6HA_IF_LinkConfig_t lc;
	NPF_IPv6Address_t pfx, gw;
	NPF_IfHandle_t link = 0;

	memset(&lc, 0, sizeof(lc));
	lc.portId = 1;
	lc.mtu = 1500;
	memcpy(lc.macAddr, "\x02\0\0\0\1\2", 6);
	inet_pton(AF_INET6, "fe80::2", lc.linkLocal.addr);
	lc.nAddrs = 1;
	inet_pton(AF_INET6, "2001:db8:9::1", lc.addrs[0].addr.addr);
	lc.addrs[0].prefixLen = 64;
	inet_pton(AF_INET6, "2001:db8:2::", pfx.addr);
	inet_pton(AF_INET6, "2001:db8:9::2", gw.addr);
	if (NPF_MIPv6HA_IF_LinkCreate(&lc, &link) != NPF_NO_ERROR ||
	    NPF_MIPv6HA_IF_RouteAdd(&pfx, 48, &gw, link) != NPF_NO_ERROR)
		return -1;
	return fp_neigh_set(gw.addr, 1, &gw_mac);
}

static int setup(uint32_t cap)
{
	NPF_MIPv6HA_IF_HomeLinkConfig_t c;
	NPF_MIPv6HA_IF_TunnelConfig_t t;
	NPF_IfHandle_t hl = 0, tun = 0;
	struct hac_config cc;

	if (npf_mipv6ha_init(&(struct npf_mipv6ha_params){.bc_capacity = cap, .max_lcores = 2}) !=
	    0)
		return -1;
	memset(&c, 0, sizeof(c));
	c.mtu = 1500;
	memcpy(c.macAddr, "\x02\0\0\0\1\1", 6);
	inet_pton(AF_INET6, "fe80::1", c.linkLocal.addr);
	c.nHaAddrs = 1;
	inet_pton(AF_INET6, "2001:db8:1::1", c.haAddrs[0].addr);
	c.nPrefixes = 1;
	inet_pton(AF_INET6, "2001:db8:1::", c.prefixes[0].prefix.addr);
	c.prefixes[0].prefixLen = 64;
	c.prefixes[0].validLifetime = c.prefixes[0].preferredLifetime = 0xFFFFFFFFu;
	c.dadTransmits = 0;
	memset(&t, 0, sizeof(t));
	t.haAddr = c.haAddrs[0];
	t.hopLimit = 64;
	t.mtu = 1460;
	t.encapLimit = -1;
	if (NPF_MIPv6HA_IF_HomeLinkCreate(&c, &hl) != NPF_NO_ERROR ||
	    NPF_MIPv6HA_IF_HomeLinkOperStatusSet(hl, NPF_TRUE) != NPF_NO_ERROR)
		return -1;
	t.homeLink = hl;
	if (NPF_MIPv6HA_IF_TunnelCreate(&t, &tun) != NPF_NO_ERROR)
		return -1;

	if (cao_route() != 0)
		return -1;
	memset(&cc, 0, sizeof(cc));
	cc.n_links = 1;
	struct hac_link *l = &cc.links[0];
	l->homeLink = hl;
	l->tunnel = tun;
	l->n_ha_addrs = 1;
	memcpy(l->ha_addrs[0], c.haAddrs[0].addr, 16);
	memcpy(l->link_local, c.linkLocal.addr, 16);
	memcpy(l->mac, c.macAddr, 6);
	l->n_prefixes = 1;
	memcpy(l->prefixes[0].prefix, c.prefixes[0].prefix.addr, 16);
	l->prefixes[0].len = 64;
	l->prefixes[0].valid_s = l->prefixes[0].preferred_s = HAC_INFINITE;
	cc.max_bindings = cap;
	h = hac_create(&cc, &(struct hac_io){.tx = cp_tx});
	if (h == NULL)
		return -1;
	fp_worker_init(&w, 0, 0);
	w.tx = tx_free;
	return 0;
}

int main(int argc, char **argv)
{
	uint32_t n = 1u << 20, small = 1024, tail = 65536;
	int k = rte_eal_init(argc, argv);

	if (k < 0)
		return 1;
	if (argc > k + 1)
		n = (uint32_t)strtoul(argv[k + 1], NULL, 0);
	if (n < 2 * tail) {
		fprintf(stderr, "N must be at least %u\n", 2 * tail);
		return 1;
	}
	uint32_t *all = malloc(sizeof(*all) * n), *idx = malloc(sizeof(*idx) * REFRESH_BUS);
	seqs = calloc(n, sizeof(*seqs));
	if (all == NULL || idx == NULL || seqs == NULL)
		return 1;
	for (uint32_t i = 0; i < n; i++)
		all[i] = i;

	uint64_t fp0 = heap_used();
	struct mallinfo2 mi0 = mallinfo2();
	if (setup(n) != 0) {
		fprintf(stderr, "setup failed\n");
		return 1;
	}
	fp_reader_register(0);
	printf("BUs through the control plane on one core, DupAddrDetectTransmits 0, "
	       "tsc %.0f MHz; refresh rates are medians of %d runs of %u BUs\n",
	       rte_get_tsc_hz() / 1e6, RUNS, REFRESH_BUS);
	double s_small, s_rest, s_tail;
	double r1 = rate(all, small, &s_small);
	double rr1 = refresh_rate(small, idx);
	double r2 = rate(all + small, n - small - tail, &s_rest);
	double r3 = rate(all + n - tail, tail, &s_tail);
	double rrn = refresh_rate(n, idx);
	struct mallinfo2 mi1 = mallinfo2();
	uint64_t fp1 = heap_used();

	printf("  first registrations, 0 -> %u present:   %9.0f BU/s\n", small, r1);
	printf("  refreshes, %u present:                  %9.0f BU/s\n", small, rr1);
	printf("  first registrations, %u -> %u present: %9.0f BU/s\n", small, n - tail, r2);
	printf("  first registrations, %u -> %u present: %9.0f BU/s\n", n - tail, n, r3);
	printf("  all %u first registrations: %.2f s\n", n, s_small + s_rest + s_tail);
	printf("  refreshes, %u present:               %9.0f BU/s\n", n, rrn);
	printf("  memory per binding: forwarding plane %.0f B (DPDK heap), control plane %.0f B "
	       "(malloc), at %u bindings\n",
	       (double)(fp1 - fp0) / n,
	       (double)((mi1.uordblks + mi1.hblkhd) - (mi0.uordblks + mi0.hblkhd)) / n, n);

	struct hac_stats st;
	hac_stats_get(h, &st);
	printf("  BAs 0: %lu, tx failures %lu, drops %lu\n", (unsigned long)st.ba_tx[0],
	       (unsigned long)st.tx_fail, (unsigned long)st.api_fail);
	int bad = st.tx_fail != 0 || st.api_fail != 0 || st.bindings_created != n;
	fp_reader_unregister(0);
	hac_destroy(h);
	npf_mipv6ha_fini();
	rte_eal_cleanup();
	return bad;
}
