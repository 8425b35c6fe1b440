/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ESP AES-128-GCM tunnel-mode encapsulation (lib/ipsec: librte_ipsec over
 * crypto_aesni_mb in CPU-crypto mode) against Intel IPsec-MB's
 * IMB_AES128_GCM_ENC called directly on the same ESP payload, in one run,
 * one core. Cycles per packet (rdtsc), median of 5 runs; the ratio is the
 * product's cost over the raw cipher's.
 *
 *   bench_esp --no-huge --no-pci --no-shconf -l 0 -m 512 -- [inner sizes...]
 *
 * Inner sizes are IPv6 packet sizes (default 64 and 1420). Packets are
 * refilled outside the timed section; the timed section is
 * ips_tunnel_encap_burst() on bursts of 32 (ESP header, IV, padding, trailer,
 * sequence number, GCM with ICV, outer header).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <intel-ipsec-mb.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_mbuf.h>

#include "ips.h"

#define BURST 32
#define ROUNDS 3000 /* bursts per run */
#define RUNS 5

static const uint8_t key[20] = {0x4c, 0x80, 0xcd, 0xef, 0xbb, 0x5d, 0x10, 0xda, 0x90, 0x6a,
				0xc7, 0x3c, 0x36, 0x13, 0xa6, 0x34, 0x2e, 0x44, 0x3b, 0x68};
static const uint8_t hoa[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 0x64};
static const uint8_t ha[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 1};
static const uint8_t coa[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 2, [15] = 0x64};

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void fill(struct rte_mbuf *m, uint32_t size)
{
	uint8_t *p;

	rte_pktmbuf_reset(m);
	p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)size);
	memset(p, 0xab, size);
	p[0] = 0x60;
	p[4] = (uint8_t)((size - 40) >> 8);
	p[5] = (uint8_t)(size - 40);
	p[6] = 17;
	p[7] = 64;
	memcpy(p + 24, hoa, 16);
}

/* Cycles per packet of the product's tunnel-mode ESP encapsulation. */
static double run_esp(struct ips_sa *sa, struct rte_mempool *mp, uint32_t size)
{
	struct rte_mbuf *m[BURST];
	uint64_t cyc = 0, n = 0;

	for (int r = 0; r < ROUNDS; r++) {
		if (rte_pktmbuf_alloc_bulk(mp, m, BURST) != 0)
			abort();
		for (int i = 0; i < BURST; i++)
			fill(m[i], size);
		uint64_t t0 = rte_rdtsc_precise();
		uint16_t k = ips_tunnel_encap_burst(sa, m, BURST, ha, coa);
		cyc += rte_rdtsc_precise() - t0;
		if (k != BURST)
			abort();
		n += k;
		rte_pktmbuf_free_bulk(m, BURST);
	}
	return (double)cyc / (double)n;
}

/* Cycles per packet of IMB_AES128_GCM_ENC over the same plaintext (inner
 * packet + padding + ESP trailer), 8-octet AAD (SPI, sequence), 16-octet tag. */
static double run_raw(IMB_MGR *mgr, const struct gcm_key_data *kd, uint32_t size)
{
	uint32_t len = (size + 2 + 3) & ~3u; /* GCM pads to 4 octets (RFC 4106 §3) */
	static uint8_t in[BURST][2048], out[BURST][2048];
	uint8_t iv[12] = {0}, aad[8] = {0}, tag[16];
	struct gcm_context_data ctx;
	uint64_t cyc = 0, n = 0;

	for (int i = 0; i < BURST; i++)
		memset(in[i], 0xab, len);
	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t0 = rte_rdtsc_precise();
		for (int i = 0; i < BURST; i++) {
			iv[11] = (uint8_t)i;
			IMB_AES128_GCM_ENC(mgr, kd, &ctx, out[i], in[i], len, iv, aad, 8, tag, 16);
		}
		cyc += rte_rdtsc_precise() - t0;
		n += BURST;
	}
	return (double)cyc / (double)n;
}

int main(int argc, char **argv)
{
	uint32_t sizes[8] = {64, 1420};
	int nsizes = 2;
	int n = rte_eal_init(argc, argv);

	if (n < 0)
		return 1;
	if (argc > n + 1) {
		nsizes = 0;
		for (int i = n + 1; i < argc && nsizes < 8; i++)
			sizes[nsizes++] = (uint32_t)atoi(argv[i]);
	}
	if (ips_init(NULL) != 0) {
		fprintf(stderr, "ips_init failed\n");
		return 1;
	}
	struct ips_sa_conf c = {.spi = 0x1000,
				.traffic = IPS_TR_RETURN_ROUTABILITY,
				.alg = IPS_AES128_GCM,
				.enc_key_len = 20,
				.enc_key = key};
	memcpy(c.hoa, hoa, 16);
	if (ips_sa_add(&c) != 0)
		return 1;
	struct ips_sa *sa = ips_out_sa_get(hoa, IPS_TR_RETURN_ROUTABILITY);
	struct rte_mempool *mp =
	    rte_pktmbuf_pool_create("bench", 2 * BURST - 1, 0, 0, 2048 + 256, SOCKET_ID_ANY);
	IMB_MGR *mgr = alloc_mb_mgr(0);
	struct gcm_key_data kd;

	if (sa == NULL || mp == NULL || mgr == NULL)
		return 1;
	init_mb_mgr_auto(mgr, NULL);
	IMB_AES128_GCM_PRE(mgr, key, &kd);
	printf("| inner bytes | lib/ipsec ESP c/p | IPsec-MB GCM c/p | ratio |\n"
	       "|---:|---:|---:|---:|\n");
	for (int s = 0; s < nsizes; s++) {
		double e[RUNS], r[RUNS], q[RUNS];

		for (int k = 0; k < RUNS; k++) {
			e[k] = run_esp(sa, mp, sizes[s]);
			r[k] = run_raw(mgr, &kd, sizes[s]);
			q[k] = e[k] / r[k];
		}
		qsort(e, RUNS, sizeof(e[0]), cmp);
		qsort(r, RUNS, sizeof(r[0]), cmp);
		qsort(q, RUNS, sizeof(q[0]), cmp);
		printf("| %u | %.1f | %.1f | %.2f |\n", sizes[s], e[RUNS / 2], r[RUNS / 2],
		       q[RUNS / 2]);
	}
	free_mb_mgr(mgr);
	ips_fini();
	rte_eal_cleanup();
	return 0;
}
