/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Harness of the IPsec tests: lib/ipsec (crypto_aesni_mb in CPU-crypto
 * mode), the control-thread glue of ha-router (apps/ha-router/cp_glue.c)
 * and the signalling control plane on the real NPF library with a fake clock
 * (the cp/ha_control test harness: home link 2001:db8:1::/64, HA
 * 2001:db8:1::1). Driven by a script; Python (Scapy, tshark) builds the
 * input and checks the output.
 *
 * Script lines:
 *   require-ipsec 0|1                 before start (default 1)
 *   sa in|out SPI TRAFFIC ALG HOA ENCKEY|- AUTHKEY|-   ips_sa_add (keys in hex)
 *   start                             create the control plane
 *   rx FILE.pcap                      every frame (Ethernet) to the punt handler
 *   tx FILE.pcap                      every frame (Ethernet) through the output glue
 *   advance MS                        move the fake clock
 *   binding HOA                       print the binding's state and CoA
 *   stats                             print the counters
 * Output: JSON lines on stdout; every packet the glue sends in $HAC_PCAP.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp_glue.h"
#include "hac_test.h"
#include "ips.h"

static struct har_glue glue;
static bool require_ipsec = true;

static const char *const alg_names[IPS_ALG_MAX] = {
    "aes-128-gcm",           "aes-128-cbc-hmac-sha1-96", "aes-256-cbc-hmac-sha256-128",
    "3des-cbc-hmac-sha1-96", "null-hmac-sha1-96",        "aes-128-cbc-hmac-sha256-128",
};

static int hex(const char *s, uint8_t *out, int cap)
{
	int n = 0;

	if (strcmp(s, "-") == 0)
		return 0;
	for (; s[0] && s[1] && n < cap; s += 2)
		if (sscanf(s, "%2hhx", &out[n++]) != 1)
			return -1;
	return n;
}

static void tweak(struct hac_config *c)
{
	c->require_ipsec = require_ipsec;
}

static int cmd_sa(char *args)
{
	char dir[8], tr[32], alg[40], hoa[64], ek[160], ak[160];
	uint8_t ekb[80], akb[80];
	struct ips_sa_conf c;
	unsigned int spi;
	int r;

	if (sscanf(args, "%7s %u %31s %39s %63s %159s %159s", dir, &spi, tr, alg, hoa, ek, ak) != 7)
		return -EINVAL;
	memset(&c, 0, sizeof(c));
	c.spi = spi;
	c.inbound = strcmp(dir, "in") == 0;
	c.traffic = IPS_TR_MAX;
	for (int t = 0; t < IPS_TR_MAX; t++)
		if (strcmp(tr, ips_traffic_name(t)) == 0)
			c.traffic = t;
	c.alg = IPS_ALG_MAX;
	for (int a = 0; a < IPS_ALG_MAX; a++)
		if (strcmp(alg, alg_names[a]) == 0)
			c.alg = a;
	if (inet_pton(AF_INET6, hoa, c.hoa) != 1)
		return -EINVAL;
	r = hex(ek, ekb, sizeof(ekb));
	c.enc_key_len = (uint8_t)(r < 0 ? 0 : r);
	c.enc_key = ekb;
	r = hex(ak, akb, sizeof(akb));
	c.auth_key_len = (uint8_t)(r < 0 ? 0 : r);
	c.auth_key = akb;
	return ips_sa_add(&c);
}

/* Feed every frame of a pcap file to @p fn (IPv6 header on). */
static int each_frame(const char *path, void (*fn)(const uint8_t *ip6, uint32_t len))
{
	char eb[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline(path, eb);
	struct pcap_pkthdr *h;
	const u_char *d;
	int n = 0;

	if (p == NULL)
		return -ENOENT;
	while (pcap_next_ex(p, &h, &d) == 1) {
		if (h->caplen <= 14)
			continue;
		fn(d + 14, h->caplen - 14);
		ht_pump();
		n++;
	}
	pcap_close(p);
	return n;
}

static void rx_one(const uint8_t *ip6, uint32_t len)
{
	har_glue_punt(&glue, 1, ip6, len);
}

static void tx_one(const uint8_t *ip6, uint32_t len)
{
	har_glue_tx(&glue, HAC_PORT_ROUTE, ip6, len);
}

static void print_stats(void)
{
	struct ips_stats is;
	struct hac_stats hs;
	uint64_t ba = 0;

	ips_stats_get(&is);
	hac_stats_get(ht_h, &hs);
	for (int i = 0; i < 256; i++)
		ba += hs.ba_tx[i];
	printf("{\"ipsec_in_ok\": %lu, \"ipsec_out_ok\": %lu", (unsigned long)is.in_ok,
	       (unsigned long)is.out_ok);
	for (unsigned int i = 0; i < IPS_DROP_MAX; i++)
		printf(", \"ipsec_drop_%s\": %lu", ips_drop_name(i), (unsigned long)is.drops[i]);
	for (unsigned int i = 0; i < HAC_DROP_MAX; i++)
		if (hs.drops[i] != 0)
			printf(", \"hac_drop_%s\": %lu", hac_drop_name(i),
			       (unsigned long)hs.drops[i]);
	printf(", \"ba_tx\": %lu, \"bu_rx\": %lu, \"tun_in\": %lu, \"tun_refused\": %lu, "
	       "\"tun_out\": %lu, \"tun_unbound\": %lu}\n",
	       (unsigned long)ba, (unsigned long)hs.bu_rx, (unsigned long)glue.st.tun_in,
	       (unsigned long)glue.st.tun_refused, (unsigned long)glue.st.tun_out,
	       (unsigned long)glue.st.tun_unbound);
}

static void print_binding(const char *s)
{
	struct hac_binding_info b;
	uint8_t a[16];
	char coa[INET6_ADDRSTRLEN];

	if (inet_pton(AF_INET6, s, a) != 1 || hac_binding_get(ht_h, a, &b) != 0) {
		printf("{\"binding\": null}\n");
		return;
	}
	inet_ntop(AF_INET6, b.coa, coa, sizeof(coa));
	printf("{\"binding\": {\"state\": %d, \"coa\": \"%s\", \"seq\": %u}}\n", b.state, coa,
	       b.seq);
}

static int run(FILE *f)
{
	char line[1024];

	while (fgets(line, sizeof(line), f) != NULL) {
		char *arg = strchr(line, ' ');

		line[strcspn(line, "\n")] = 0;
		if (arg != NULL)
			*arg++ = 0;
		if (line[0] == 0 || line[0] == '#')
			continue;
		if (strcmp(line, "require-ipsec") == 0 && arg != NULL) {
			require_ipsec = atoi(arg) != 0;
		} else if (strcmp(line, "sa") == 0 && arg != NULL) {
			printf("{\"sa_add\": %d}\n", cmd_sa(arg));
		} else if (strcmp(line, "start") == 0) {
			struct hac_io io = {.tx = har_glue_tx, .arg = &glue};

			glue.tx = ht_fake_tx;
			ht_start_io(0, tweak, &io);
			glue.h = ht_h;
		} else if ((strcmp(line, "rx") == 0 || strcmp(line, "tx") == 0) && arg != NULL) {
			int n = each_frame(arg, line[0] == 'r' ? rx_one : tx_one);

			printf("{\"%s\": %d}\n", line, n);
		} else if (strcmp(line, "advance") == 0 && arg != NULL) {
			ht_advance(strtoull(arg, NULL, 10));
		} else if (strcmp(line, "binding") == 0 && arg != NULL) {
			print_binding(arg);
		} else if (strcmp(line, "stats") == 0) {
			print_stats();
		} else {
			fprintf(stderr, "bad line: %s\n", line);
			return 2;
		}
		fflush(stdout);
	}
	return 0;
}

int main(int argc, char **argv)
{
	FILE *f;
	int r;

	if (argc != 2 || (f = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "usage: esp-harness SCRIPT\n");
		return 2;
	}
	tc_eal_init("0");
	r = ips_init(NULL);
	if (r != 0) {
		fprintf(stderr, "ips_init: %s\n", strerror(-r));
		return 3;
	}
	r = run(f);
	fclose(f);
	if (ht_h != NULL)
		ht_stop();
	ips_fini();
	return r;
}
