/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Proxy ND benchmark (issue: proxy ND and DAD at scale).
 *
 *  (a) NS answering: valid multicast NS for proxied addresses (targets
 *      drawn uniformly at random) go through the worker's classification
 *      and lib/ndproxy's NS input, which rewrites each into its NA. Cycles
 *      per NS by rdtsc, median of RUNS runs, with 10 and with 100,000
 *      proxied addresses in the table.
 *  (b) DAD at scale: 100,000 addresses added at once with
 *      DupAddrDetectTransmits 1 on the real clock; the time until every
 *      address is VALID, the probes sent, and when the last probe left
 *      (a stand-in worker drains the inject ring as the real one would).
 *
 * Usage: bench_ndproxy [EAL options] -- [n_small n_large]
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_mbuf.h>
#include <rte_random.h>

#include "fp_worker.h"
#include "nd_packet.h"
#include "npf_mipv6_if.h"
#include "npf_mipv6ha_runtime.h"

#define NPKTS 4096
#define ROUNDS 8
#define RUNS 5

static struct rte_mempool *mp;
static struct rte_mbuf *pkts[NPKTS];
static NPF_IfHandle_t hl;
static NPF_callbackHandle_t cbh, evh;
static uint32_t n_valid, n_fail;
static struct fp_worker w;
static uint64_t sent;

static void addr_of(uint32_t i, uint8_t a[16])
{
	inet_pton(AF_INET6, "2001:db8:1::", a);
	a[12] = (uint8_t)(i >> 24);
	a[13] = (uint8_t)(i >> 16);
	a[14] = (uint8_t)(i >> 8);
	a[15] = (uint8_t)i;
}

static void on_done(NPF_userContext_t c, NPF_correlator_t k, NPF_MIPv6HA_CallbackData_t d)
{
	(void)c;
	(void)k;
	for (uint32_t i = 0; i < d.numResp; i++)
		if (d.resp[i].errorCode != NPF_NO_ERROR)
			n_fail++;
}

static void on_event(NPF_userContext_t c, NPF_MIPv6HA_EventArray_t a)
{
	(void)c;
	for (uint32_t i = 0; i < a.n_data; i++)
		if (a.eventData[i].eventType == NPF_MIPv6HA_PROXYND_DAD &&
		    a.eventData[i].u.proxyND_DAD.ucAddrState == NPF_IPv6_ADDR_VALID)
			n_valid++;
}

static uint16_t tx_free(void *arg, uint16_t port, uint16_t q, struct rte_mbuf **m, uint16_t n)
{
	(void)arg;
	(void)port;
	(void)q;
	sent += n;
	rte_pktmbuf_free_bulk(m, n);
	return n;
}

/* The NAs are the benchmark's own mbufs, rebuilt each round: keep them. */
static uint16_t tx_keep(void *arg, uint16_t port, uint16_t q, struct rte_mbuf **m, uint16_t n)
{
	(void)arg;
	(void)port;
	(void)q;
	(void)m;
	return n;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int home_link(uint8_t dad)
{
	NPF_MIPv6HA_IF_HomeLinkConfig_t c;

	memset(&c, 0, sizeof(c));
	c.mtu = 1500;
	memcpy(c.macAddr, "\x02\0\0\0\1\1", 6);
	inet_pton(AF_INET6, "fe80::1", c.linkLocal.addr);
	c.nHaAddrs = 1;
	inet_pton(AF_INET6, "2001:db8:1::1", c.haAddrs[0].addr);
	c.nPrefixes = 1;
	inet_pton(AF_INET6, "2001:db8:1::", c.prefixes[0].prefix.addr);
	c.prefixes[0].prefixLen = 64;
	c.prefixes[0].validLifetime = c.prefixes[0].preferredLifetime = 86400;
	c.dadTransmits = dad;
	return NPF_MIPv6HA_IF_HomeLinkCreate(&c, &hl) == NPF_NO_ERROR ? 0 : -1;
}

/* Add addresses 1000..1000+n-1 in batches. */
static void add_all(uint32_t n)
{
	static NPF_IPv6Address_t batch[4096];

	for (uint32_t i = 0; i < n;) {
		uint32_t k = RTE_MIN(n - i, 4096u);

		for (uint32_t j = 0; j < k; j++)
			addr_of(1000 + i + j, batch[j].addr);
		NPF_MIPv6HA_ProxyND_AddressAdd(cbh, NULL, NPF_REPORT_ERRORS, hl, k, batch);
		npf_mipv6ha_dispatch(0);
		i += k;
	}
}

static int init(uint32_t cap, uint8_t dad)
{
	n_valid = n_fail = 0;
	if (npf_mipv6ha_init(&(struct npf_mipv6ha_params){
		.bc_capacity = 1024, .proxynd_capacity = cap, .max_lcores = 2}) != 0 ||
	    home_link(dad) != 0 || NPF_MIPv6HA_Register(NULL, on_done, &cbh) != NPF_NO_ERROR ||
	    NPF_MIPv6HA_EventRegister(NULL, on_event, NPF_MIPv6HA_EVENT_ALL_ENABLE, &evh) !=
		NPF_NO_ERROR)
		return -1;
	return 0;
}

/* NS from a home node (with SLLA) to the target's solicited-node group. */
static void build_ns(struct rte_mbuf *m, uint32_t target_idx)
{
	static const struct rte_ether_addr smac = {{0x02, 0, 0, 0, 0x01, 0x20}};
	uint8_t src[16], tgt[16];
	uint8_t *b;

	rte_pktmbuf_reset(m);
	b = (uint8_t *)rte_pktmbuf_append(m, ND_NS_FRAME_LEN);
	inet_pton(AF_INET6, "2001:db8:1::20", src);
	addr_of(target_idx, tgt);
	nd_build_ns(b, &smac, src, NULL, NULL, tgt);
	m->port = 0;
}

static double ns_bench(uint32_t n)
{
	double med[RUNS];

	for (int r = 0; r < RUNS; r++) {
		uint64_t cyc = 0;

		for (int k = 0; k < ROUNDS; k++) {
			for (uint32_t i = 0; i < NPKTS; i++)
				build_ns(pkts[i], 1000 + (uint32_t)rte_rand_max(n));
			uint64_t before = w.lc.nd_answered;
			uint64_t t0 = rte_rdtsc_precise();
			for (uint32_t i = 0; i < NPKTS; i += FP_BURST)
				fp_process(&w, &pkts[i], FP_BURST);
			cyc += rte_rdtsc_precise() - t0;
			if (w.lc.nd_answered - before != NPKTS) {
				fprintf(stderr, "only %lu of %d NS answered\n",
					(unsigned long)(w.lc.nd_answered - before), NPKTS);
				exit(1);
			}
			/* The NAs (the same mbufs, rewritten) sit in the
			 * port's buffer; they are rebuilt as NS next round. */
			w.out[0].n = 0;
		}
		med[r] = (double)cyc / (NPKTS * ROUNDS);
	}
	for (int i = 1; i < RUNS; i++)
		for (int j = i; j > 0 && med[j] < med[j - 1]; j--) {
			double t = med[j];
			med[j] = med[j - 1];
			med[j - 1] = t;
		}
	return med[RUNS / 2];
}

int main(int argc, char **argv)
{
	uint32_t sizes[2] = {10, 100000};
	int n = rte_eal_init(argc, argv);

	if (n < 0)
		return 1;
	for (int i = n + 1, k = 0; i < argc && k < 2; i++, k++)
		sizes[k] = (uint32_t)strtoul(argv[i], NULL, 10);
	mp = rte_pktmbuf_pool_create("bench_nd", NPKTS * 2, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     SOCKET_ID_ANY);
	if (mp == NULL || rte_pktmbuf_alloc_bulk(mp, pkts, NPKTS) != 0)
		return 1;

	printf("(a) NS answered by the fast path, cycles per NS (median of %d runs)\n", RUNS);
	double c[2];
	for (int s = 0; s < 2; s++) {
		if (init(sizes[1] + 16, 0) != 0)
			return 1;
		add_all(sizes[s]);
		npf_mipv6ha_dispatch(0);
		if (n_valid != sizes[s] || n_fail != 0) {
			fprintf(stderr, "DAD: %u valid of %u, %u failed\n", n_valid, sizes[s],
				n_fail);
			return 1;
		}
		fp_worker_init(&w, 0, 0);
		w.tx = tx_keep;
		fp_reader_register(0);
		c[s] = ns_bench(sizes[s]);
		fp_reader_unregister(0);
		printf("  %7u proxied addresses: %6.1f cycles/NS (%.1f M NS/s at %.1f GHz)\n",
		       sizes[s], c[s], rte_get_tsc_hz() / c[s] / 1e6, rte_get_tsc_hz() / 1e9);
		npf_mipv6ha_fini();
	}
	printf("  ratio %u : %u addresses = %.2f\n", sizes[1], sizes[0], c[1] / c[0]);

	printf("(b) DAD for %u addresses added at once, DupAddrDetectTransmits 1, "
	       "RetransTimer 1000 ms\n",
	       sizes[1]);
	struct npf_mipv6ha_slow_stats sl;
	if (init(sizes[1] + 16, 1) != 0)
		return 1;
	fp_worker_init(&w, 0, 0);
	w.tx = tx_free;
	sent = 0;
	uint64_t t0 = now_ms(), t_last_probe = t0, t_done = 0, probes = 0;
	add_all(sizes[1]);
	uint64_t t_added = now_ms();
	while (now_ms() - t0 < 10000) {
		npf_mipv6ha_dispatch(0);
		fp_inject_poll(&w); /* the worker's share of the loop */
		fp_worker_flush(&w);
		npf_mipv6ha_slow_stats_get(&sl);
		if (sl.dad_probes != probes) {
			probes = sl.dad_probes;
			t_last_probe = now_ms();
		}
		if (n_valid == sizes[1]) {
			t_done = now_ms();
			break;
		}
	}
	npf_mipv6ha_slow_stats_get(&sl);
	printf("  added in %lu ms; all VALID after %lu ms (%u of %u); %lu probes sent, the last "
	       "%lu ms after the start; %lu frames transmitted; queue overflows %lu\n",
	       (unsigned long)(t_added - t0), (unsigned long)(t_done ? t_done - t0 : 0), n_valid,
	       sizes[1], (unsigned long)sl.dad_probes, (unsigned long)(t_last_probe - t0),
	       (unsigned long)sent, (unsigned long)sl.nd_queue_full);
	npf_mipv6ha_fini();
	rte_eal_cleanup();
	return t_done ? 0 : 1;
}
