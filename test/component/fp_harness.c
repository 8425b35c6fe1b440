/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Component-test harness: the real forwarding plane (worker loop on its own
 * lcore, RCU, punt/inject, control-thread packet handling) on three net_ring
 * ports of the standard test topology, configured through the NPF API, and
 * driven by a script. Tests written in Python/Scapy build the input packets,
 * run the harness and check what it sent.
 *
 *   port 0  home link        2001:db8:1::1/64   fe80::1  02:00:00:00:01:01
 *   port 1  foreign link     2001:db8:2::1/64   fe80::1  02:00:00:00:02:01
 *   port 2  correspondent    2001:db8:3::1/64   fe80::1  02:00:00:00:03:01
 *   tunnel  HA 2001:db8:1::1, hop limit 64, MTU 1460
 *
 * Script lines (one command each, '#' comments):
 *   dad N                       DupAddrDetectTransmits of the home link
 *   tunnel MTU PMTU(on|off) LIMIT(-1..255)
 *   bc HOA COA [LIFETIME_S]     BC_Entry_Add (replace if bound), wait for completion
 *   bcdel HOA                   BC_Entry_Delete
 *   proxy ADDR | proxydel ADDR  ProxyND_AddressAdd / _AddressDelete
 *   neigh PORT ADDR MAC         install a neighbour
 *   send PORT FILE.pcap         frames into the port's RX ring
 *   run MS                      run the control loop for MS ms, capturing TX
 *   attr HOA | state ADDR       print BC_EntryAttrGet / ProxyND_AddrStateGet
 * Output: one JSON object per line on stdout; TX frames in OUTDIR/portN.pcap.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "fp_worker.h"
#include "npf_mipv6_if.h"
#include "npf_mipv6ha_runtime.h"

#define NPORTS 3

static struct rte_ring *rxr[NPORTS], *txr[NPORTS];
static uint16_t port_id[NPORTS];
static pcap_dumper_t *dump[NPORTS];
static pcap_t *dead;
static struct rte_mempool *mp;
static struct fp_worker worker;
static volatile bool stop;
static NPF_IfHandle_t homelink, tunnel;
static NPF_MIPv6HA_IF_TunnelConfig_t tcfg;
static NPF_callbackHandle_t cbh, evh;
static int pending;
static NPF_MIPv6HA_CallbackData_t last;
static NPF_MIPv6HA_AsyncResponse_t last_resp;
static NPF_MIPv6HA_BC_Entry_t last_attr;
static uint8_t dad_transmits;

static void die(const char *what)
{
	fprintf(stderr, "fp-harness: %s\n", what);
	exit(2);
}

static void addr(const char *s, uint8_t *a)
{
	if (inet_pton(AF_INET6, s, a) != 1)
		die("bad IPv6 address");
}

static void pr_addr(const uint8_t *a, char *buf)
{
	inet_ntop(AF_INET6, a, buf, INET6_ADDRSTRLEN);
}

static void on_done(NPF_userContext_t c, NPF_correlator_t k, NPF_MIPv6HA_CallbackData_t d)
{
	(void)c;
	(void)k;
	last = d;
	memset(&last_resp, 0, sizeof(last_resp));
	if (d.numResp > 0) {
		last_resp = d.resp[0];
		if (d.type == NPF_MIPV6HA_BC_ENTRY_ATTR_GET && d.resp[0].u2.BCentry != NULL)
			last_attr = *d.resp[0].u2.BCentry;
	}
	pending--;
}

static void on_event(NPF_userContext_t c, NPF_MIPv6HA_EventArray_t a)
{
	char s1[INET6_ADDRSTRLEN], s2[INET6_ADDRSTRLEN], s3[INET6_ADDRSTRLEN];

	(void)c;
	for (uint32_t i = 0; i < a.n_data; i++) {
		const NPF_MIPv6HA_EventData_t *e = &a.eventData[i];

		switch (e->eventType) {
		case NPF_MIPv6HA_BC_ENTRY_MISS:
			pr_addr(e->u.BC_entryMiss.packetAddr.addr, s1);
			printf("{\"event\":\"bc-miss\",\"dst\":\"%s\"}\n", s1);
			break;
		case NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED:
			pr_addr(e->u.subtnlEndpAuthFail.packetSrcAddr.addr, s1);
			pr_addr(e->u.subtnlEndpAuthFail.HoA.addr, s2);
			pr_addr(e->u.subtnlEndpAuthFail.packetDstAddr.addr, s3);
			printf("{\"event\":\"auth-failed\",\"src\":\"%s\",\"hoa\":\"%s\","
			       "\"dst\":\"%s\",\"handle\":%u,\"count\":%u}\n",
			       s1, s2, s3, (unsigned)e->u.subtnlEndpAuthFail.subtunnelHandle,
			       (unsigned)e->u.subtnlEndpAuthFail.repCount);
			break;
		case NPF_MIPv6HA_PROXYND_DAD:
			pr_addr(e->u.proxyND_DAD.ucAddr.addr, s1);
			printf("{\"event\":\"dad\",\"addr\":\"%s\",\"state\":%d}\n", s1,
			       (int)e->u.proxyND_DAD.ucAddrState);
			break;
		default:
			printf("{\"event\":\"other\",\"type\":%d}\n", (int)e->eventType);
		}
	}
	fflush(stdout);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Drain the TX rings into the capture files. */
static void capture(void)
{
	struct rte_mbuf *m[32];

	for (int p = 0; p < NPORTS; p++) {
		unsigned int n;

		while ((n = rte_ring_dequeue_burst(txr[p], (void **)m, 32, NULL)) > 0) {
			for (unsigned int i = 0; i < n; i++) {
				struct pcap_pkthdr h;
				uint64_t t = now_ms();

				h.ts.tv_sec = (time_t)(t / 1000);
				h.ts.tv_usec = (suseconds_t)(t % 1000) * 1000;
				static uint8_t buf[16384];
				const void *data;

				/* Fragments are chained mbufs: write them whole. */
				h.caplen = h.len = RTE_MIN(rte_pktmbuf_pkt_len(m[i]), sizeof(buf));
				data = rte_pktmbuf_read(m[i], 0, h.caplen, buf);
				pcap_dump((u_char *)dump[p], &h, data);
			}
			rte_pktmbuf_free_bulk(m, n);
		}
	}
}

static void run_for(uint64_t ms)
{
	uint64_t end = now_ms() + ms;

	do {
		npf_mipv6ha_dispatch(0);
		capture();
		rte_delay_us_sleep(200);
	} while (now_ms() < end || pending > 0);
}

static void wait_done(void)
{
	uint64_t end = now_ms() + 5000;

	while (pending > 0 && now_ms() < end) {
		npf_mipv6ha_dispatch(0);
		capture();
	}
	if (pending > 0)
		die("completion did not arrive");
}

static void send_file(int port, const char *file)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *pc = pcap_open_offline(file, err);
	struct pcap_pkthdr *h;
	const u_char *data;

	if (pc == NULL)
		die(err);
	while (pcap_next_ex(pc, &h, &data) == 1) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		char *d;

		if (m == NULL)
			die("out of mbufs");
		d = rte_pktmbuf_append(m, (uint16_t)h->caplen);
		if (d == NULL)
			die("frame too long");
		memcpy(d, data, h->caplen);
		m->port = port_id[port];
		while (rte_ring_enqueue(rxr[port], m) != 0)
			run_for(1);
	}
	pcap_close(pc);
}

static void tunnel_set(void)
{
	if (NPF_MIPv6HA_IF_TunnelSet(tunnel, &tcfg) != NPF_NO_ERROR)
		die("TunnelSet");
}

static void topology(void)
{
	NPF_MIPv6HA_IF_HomeLinkConfig_t h;
	NPF_MIPv6HA_IF_LinkConfig_t l;
	static const char *lnet[2] = {"2001:db8:2::1", "2001:db8:3::1"};

	memset(&h, 0, sizeof(h));
	h.portId = port_id[0];
	memcpy(h.macAddr, "\x02\x00\x00\x00\x01\x01", 6);
	h.mtu = 1500;
	addr("fe80::1", h.linkLocal.addr);
	h.nHaAddrs = 1;
	addr("2001:db8:1::1", h.haAddrs[0].addr);
	h.nPrefixes = 1;
	addr("2001:db8:1::", h.prefixes[0].prefix.addr);
	h.prefixes[0].prefixLen = 64;
	h.prefixes[0].validLifetime = NPF_MIPV6HA_IF_LIFETIME_INFINITE;
	h.prefixes[0].preferredLifetime = NPF_MIPV6HA_IF_LIFETIME_INFINITE;
	h.dadTransmits = dad_transmits;
	if (NPF_MIPv6HA_IF_HomeLinkCreate(&h, &homelink) != NPF_NO_ERROR)
		die("HomeLinkCreate");
	for (int i = 0; i < 2; i++) {
		memset(&l, 0, sizeof(l));
		l.portId = port_id[i + 1];
		memcpy(l.macAddr, "\x02\x00\x00\x00\x00\x01", 6);
		l.macAddr[4] = (uint8_t)(i + 2);
		l.mtu = 1500;
		addr("fe80::1", l.linkLocal.addr);
		l.nAddrs = 1;
		addr(lnet[i], l.addrs[0].addr.addr);
		l.addrs[0].prefixLen = 64;
		NPF_IfHandle_t lh;
		if (NPF_MIPv6HA_IF_LinkCreate(&l, &lh) != NPF_NO_ERROR)
			die("LinkCreate");
	}
	memset(&tcfg, 0, sizeof(tcfg));
	tcfg.homeLink = homelink;
	addr("2001:db8:1::1", tcfg.haAddr.addr);
	tcfg.hopLimit = 64;
	tcfg.mtu = 1460;
	tcfg.pmtuMode = NPF_MIPV6HA_IF_PMTU_OFF;
	tcfg.encapLimit = -1;
	if (NPF_MIPv6HA_IF_TunnelCreate(&tcfg, &tunnel) != NPF_NO_ERROR)
		die("TunnelCreate");
}

static struct {
	uint8_t hoa[16];
	NPF_MIPv6HA_SubtunnelHandle_t h;
} bound[64];

static NPF_MIPv6HA_SubtunnelHandle_t bound_get(const uint8_t *hoa)
{
	for (int i = 0; i < 64; i++)
		if (bound[i].h != 0 && memcmp(bound[i].hoa, hoa, 16) == 0)
			return bound[i].h;
	return 0;
}

static void bound_set(const uint8_t *hoa, NPF_MIPv6HA_SubtunnelHandle_t h)
{
	for (int i = 0; i < 64; i++)
		if (bound[i].h == 0 || memcmp(bound[i].hoa, hoa, 16) == 0) {
			memcpy(bound[i].hoa, hoa, 16);
			bound[i].h = h;
			return;
		}
}

static void cmd_bc(const char *hoa, const char *coa, uint32_t life)
{
	NPF_MIPv6HA_BC_Entry_t e;

	memset(&e, 0, sizeof(e));
	addr(hoa, e.HoA.addr);
	addr(coa, e.CoA.addr);
	e.subtunnelHandle = bound_get(e.HoA.addr);
	e.lifetimeMode = life ? NPF_MIPv6HA_LIFETIME_ON : NPF_MIPv6HA_LIFETIME_OFF;
	e.bindingLifetime = life;
	pending++;
	if (NPF_MIPv6HA_BC_Entry_Add(cbh, NULL, NPF_REPORT_ALL, tunnel, 1, &e) != NPF_NO_ERROR)
		die("BC_Entry_Add");
	wait_done();
	if (last_resp.errorCode != NPF_NO_ERROR)
		die("BC_Entry_Add failed");
	bound_set(e.HoA.addr, last_resp.u2.subtunnelIdentifiers.subtunnelHandle);
	printf("{\"bc\":\"%s\",\"handle\":%u}\n", hoa,
	       (unsigned)last_resp.u2.subtunnelIdentifiers.subtunnelHandle);
}

static void cmd_bcdel(const char *hoa)
{
	uint8_t a[16];
	NPF_MIPv6HA_SubtunnelHandle_t h;

	addr(hoa, a);
	h = bound_get(a);
	pending++;
	if (NPF_MIPv6HA_BC_Entry_Delete(cbh, NULL, NPF_REPORT_ALL, tunnel, 1, &h) != NPF_NO_ERROR)
		die("BC_Entry_Delete");
	wait_done();
	bound_set(a, 0);
}

static void cmd_proxy(const char *a, bool add)
{
	NPF_IPv6Address_t x;

	addr(a, x.addr);
	pending++;
	NPF_error_t r =
	    add ? NPF_MIPv6HA_ProxyND_AddressAdd(cbh, NULL, NPF_REPORT_ALL, homelink, 1, &x)
		: NPF_MIPv6HA_ProxyND_AddressDelete(cbh, NULL, NPF_REPORT_ALL, homelink, 1, &x);
	if (r != NPF_NO_ERROR)
		die("ProxyND");
	wait_done();
}

static void cmd_attr(const char *hoa)
{
	uint8_t a[16];
	NPF_MIPv6HA_SubtunnelHandle_t h;

	addr(hoa, a);
	h = bound_get(a);
	memset(&last_attr, 0, sizeof(last_attr));
	pending++;
	if (NPF_MIPv6HA_BC_EntryAttrGet(cbh, NULL, NPF_REPORT_ALL, tunnel, 1, &h) != NPF_NO_ERROR)
		die("AttrGet");
	wait_done();
	printf("{\"attr\":\"%s\",\"rc\":%d,\"pmtu\":%u}\n", hoa, (int)last_resp.errorCode,
	       (unsigned)last_attr.PMTU);
}

static void cmd_neigh(int port, const char *a, const char *mac)
{
	uint8_t x[16];
	struct rte_ether_addr m;

	addr(a, x);
	if (rte_ether_unformat_addr(mac, &m) != 0)
		die("bad MAC");
	if (fp_neigh_set(x, port_id[port], &m) != 0)
		die("neighbour");
}

static int worker_main(void *arg)
{
	(void)arg;
	return fp_worker_run(&worker, &stop);
}

static void print_stats(void)
{
	struct npf_mipv6ha_slow_stats s;
	struct npf_mipv6ha_api_stats a;

	npf_mipv6ha_slow_stats_get(&s);
	npf_mipv6ha_api_stats_get(&a);
	printf("{\"drops\":{");
	for (int r = 1; r < FP_DROP_NB; r++)
		printf("%s\"%s\":%" PRIu64, r > 1 ? "," : "", fp_drop_name((enum fp_drop)r),
		       worker.lc.drops[r]);
	printf("},\"lcore\":{\"rx\":%" PRIu64 ",\"tx\":%" PRIu64 ",\"fwd\":%" PRIu64
	       ",\"encap\":%" PRIu64 ",\"decap\":%" PRIu64 ",\"punted\":%" PRIu64
	       ",\"injected\":%" PRIu64 ",\"nd_answered\":%" PRIu64 ",\"icmp_limited\":%" PRIu64
	       ",\"frag_extra\":%" PRIu64 "},",
	       worker.lc.rx, worker.lc.tx, worker.lc.fwd, worker.lc.encap, worker.lc.decap,
	       worker.lc.punted, worker.lc.injected, worker.lc.nd_answered, worker.lc.icmp_limited,
	       worker.lc.frag_extra);
	printf("\"slow\":{\"punt_rx\":%" PRIu64 ",\"to_app\":%" PRIu64 ",\"unhandled\":%" PRIu64
	       ",\"ns_tx\":%" PRIu64 ",\"na_tx\":%" PRIu64 ",\"neigh_learnt\":%" PRIu64
	       ",\"neigh_held\":%" PRIu64 ",\"neigh_released\":%" PRIu64 ",\"neigh_drop\":%" PRIu64
	       ",\"dad_probes\":%" PRIu64 ",\"dad_conflicts\":%" PRIu64 ",\"una_tx\":%" PRIu64
	       ",\"icmp_err_tx\":%" PRIu64 ",\"icmp_relayed\":%" PRIu64 ",\"pmtu_learnt\":%" PRIu64
	       ",\"echo_replies\":%" PRIu64 "},",
	       s.punt_rx, s.to_app, s.unhandled, s.ns_tx, s.na_tx, s.neigh_learnt, s.neigh_held,
	       s.neigh_released, s.neigh_drop, s.dad_probes, s.dad_conflicts, s.una_tx,
	       s.icmp_err_tx, s.icmp_relayed, s.pmtu_learnt, s.echo_replies);
	printf("\"api\":{\"events_posted\":%" PRIu64 ",\"events_ring_full\":%" PRIu64 "}}\n",
	       a.events_posted, a.events_ring_full);
}

static void punt_to_app(void *arg, uint16_t port, const uint8_t *ip6, uint32_t len)
{
	(void)arg;
	printf("{\"punt\":%u,\"len\":%u,\"proto\":%u}\n", port, len, len > 6 ? ip6[6] : 0);
}

static void run_script(FILE *f)
{
	char line[512], a[128], b[128], c[128];
	int n;

	while (fgets(line, sizeof(line), f) != NULL) {
		unsigned int u;
		int i;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "dad %u", &u) == 1) {
			dad_transmits = (uint8_t)u;
			NPF_MIPv6HA_IF_HomeLinkInfo_t info;
			NPF_MIPv6HA_IF_HomeLinkGet(homelink, &info);
			/* DAD parameters are fixed at creation: re-create. */
			NPF_MIPv6HA_IF_TunnelDelete(tunnel);
			NPF_MIPv6HA_IF_HomeLinkDelete(homelink);
			info.config.dadTransmits = dad_transmits;
			if (NPF_MIPv6HA_IF_HomeLinkCreate(&info.config, &homelink) != NPF_NO_ERROR)
				die("HomeLinkCreate");
			tcfg.homeLink = homelink;
			if (NPF_MIPv6HA_IF_TunnelCreate(&tcfg, &tunnel) != NPF_NO_ERROR)
				die("TunnelCreate");
		} else if (sscanf(line, "tunnel %u %127s %d", &u, a, &i) == 3) {
			tcfg.mtu = (uint16_t)u;
			tcfg.pmtuMode =
			    strcmp(a, "on") == 0 ? NPF_MIPV6HA_IF_PMTU_ON : NPF_MIPV6HA_IF_PMTU_OFF;
			tcfg.encapLimit = (int16_t)i;
			tunnel_set();
		} else if ((n = sscanf(line, "bc %127s %127s %u", a, b, &u)) >= 2) {
			cmd_bc(a, b, n == 3 ? u : 0);
		} else if (sscanf(line, "bcdel %127s", a) == 1) {
			cmd_bcdel(a);
		} else if (sscanf(line, "proxydel %127s", a) == 1) {
			cmd_proxy(a, false);
		} else if (sscanf(line, "proxy %127s", a) == 1) {
			cmd_proxy(a, true);
		} else if (sscanf(line, "neigh %d %127s %127s", &i, a, c) == 3) {
			cmd_neigh(i, a, c);
		} else if (sscanf(line, "send %d %127s", &i, a) == 2) {
			if (i < 0 || i >= NPORTS)
				die("bad port");
			send_file(i, a);
		} else if (sscanf(line, "run %u", &u) == 1) {
			run_for(u);
		} else if (sscanf(line, "attr %127s", a) == 1) {
			cmd_attr(a);
		} else if (sscanf(line, "state %127s", a) == 1) {
			NPF_IPv6Address_t x;
			addr(a, x.addr);
			pending++;
			NPF_MIPv6HA_ProxyND_AddrStateGet(cbh, NULL, NPF_REPORT_ALL, homelink, 1,
							 &x);
			wait_done();
			printf("{\"state\":\"%s\",\"rc\":%d,\"value\":%d}\n", a,
			       (int)last_resp.errorCode, (int)last_resp.u2.proxyNDEntry.AddrState);
		} else {
			die(line);
		}
		fflush(stdout);
	}
}

int main(int argc, char **argv)
{
	int n = rte_eal_init(argc, argv);
	const char *script = NULL, *outdir = ".";
	char path[512];
	unsigned int wl;
	FILE *f;

	if (n < 0)
		die("EAL init");
	argc -= n;
	argv += n;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--script") == 0)
			script = argv[i + 1];
		else if (strcmp(argv[i], "--out") == 0)
			outdir = argv[i + 1];
	}
	if (script == NULL)
		die("usage: fp-harness EAL -- --script FILE [--out DIR]");
	wl = rte_get_next_lcore(-1, 1, 0);
	if (wl >= RTE_MAX_LCORE)
		die("needs a second lcore (--lcores=(0-1)@0)");
	mp = rte_pktmbuf_pool_create("harness", 8191, 256, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     SOCKET_ID_ANY);
	if (mp == NULL)
		die("mempool");
	if (npf_mipv6ha_init(&(struct npf_mipv6ha_params){.bc_capacity = 4096, .max_lcores = 2}) !=
	    0)
		die("npf_mipv6ha_init");
	dead = pcap_open_dead(DLT_EN10MB, 65535);
	for (int p = 0; p < NPORTS; p++) {
		char name[32];

		snprintf(name, sizeof(name), "rx%d", p);
		rxr[p] = rte_ring_create(name, 4096, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
		snprintf(name, sizeof(name), "tx%d", p);
		txr[p] = rte_ring_create(name, 4096, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
		snprintf(name, sizeof(name), "net_ring_p%d", p);
		n = rte_eth_from_rings(name, &rxr[p], 1, &txr[p], 1, SOCKET_ID_ANY);
		if (n < 0)
			die("rte_eth_from_rings");
		port_id[p] = (uint16_t)n;
		struct rte_eth_conf conf;
		memset(&conf, 0, sizeof(conf));
		if (rte_eth_dev_configure(port_id[p], 1, 1, &conf) != 0 ||
		    rte_eth_rx_queue_setup(port_id[p], 0, 512, SOCKET_ID_ANY, NULL, mp) != 0 ||
		    rte_eth_tx_queue_setup(port_id[p], 0, 512, SOCKET_ID_ANY, NULL) != 0 ||
		    rte_eth_dev_start(port_id[p]) != 0)
			die("port setup");
		snprintf(path, sizeof(path), "%s/port%d.pcap", outdir, p);
		dump[p] = pcap_dump_open(dead, path);
		if (dump[p] == NULL)
			die("pcap_dump_open");
	}
	topology();
	if (NPF_MIPv6HA_Register(NULL, on_done, &cbh) != NPF_NO_ERROR ||
	    NPF_MIPv6HA_EventRegister(NULL, on_event, ~(NPF_MIPv6HA_EventMask_t)0, &evh) !=
		NPF_NO_ERROR)
		die("register");
	npf_mipv6ha_punt_handler_set(punt_to_app, NULL);
	fp_worker_init(&worker, 0, 1000);
	worker.nrxq = NPORTS;
	for (int p = 0; p < NPORTS; p++) {
		worker.rxq[p].port = port_id[p];
		worker.rxq[p].queue = 0;
	}
	worker.serve_inject = true;
	rte_eal_remote_launch(worker_main, NULL, wl);
	f = fopen(script, "r");
	if (f == NULL)
		die("cannot open script");
	run_script(f);
	fclose(f);
	run_for(50);
	__atomic_store_n(&stop, true, __ATOMIC_RELAXED);
	rte_eal_mp_wait_lcore();
	capture();
	print_stats();
	for (int p = 0; p < NPORTS; p++)
		pcap_dump_close(dump[p]);
	pcap_close(dead);
	npf_mipv6ha_fini();
	rte_eal_cleanup();
	return 0;
}
