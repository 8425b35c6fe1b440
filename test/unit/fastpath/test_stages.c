/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Packet stages of the forwarding plane, in process: bindings and tunnel
 * interfaces are set up through the NPF API exactly as the control plane
 * does, packets are built byte by byte, and every field of the output is
 * checked against RFC 2473 / RFC 6275 (rules of ha-duties.md in test names).
 */
#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <rte_eal.h>
#include <rte_fib6.h>
#include <rte_mbuf.h>

#include "fp_pipe.h"
#include "npf_mipv6_if.h"
#include "npf_mipv6ha_runtime.h"

static struct rte_mempool *mp;
static NPF_IfHandle_t homelink, tunnel;
static NPF_callbackHandle_t cbh, evh;
static NPF_MIPv6HA_SubtunnelHandle_t handle;
static struct fp_lcore lc;
static uint64_t now_ms = 1000;
static NPF_MIPv6HA_EventData_t last_ev;
static int n_ev;

static const char *HA = "2001:db8:1::1", *HOA = "2001:db8:1::100", *COA = "2001:db8:2::100",
		  *CN = "2001:db8:3::10";
static const uint8_t GW_MAC[6] = {0x02, 0, 0, 0, 0x02, 0x02};
static const uint8_t MY_MAC[6] = {0x02, 0, 0, 0, 0x01, 0x01};

static uint64_t clk(void *a)
{
	(void)a;
	return now_ms;
}

static void on_completion(NPF_userContext_t c, NPF_correlator_t k, NPF_MIPv6HA_CallbackData_t d)
{
	(void)c;
	(void)k;
	if (d.type == NPF_MIPV6HA_BC_ENTRY_ADD && d.numResp == 1)
		handle = d.resp[0].u2.subtunnelIdentifiers.subtunnelHandle;
}

static void on_events(NPF_userContext_t c, NPF_MIPv6HA_EventArray_t a)
{
	(void)c;
	n_ev += a.n_data;
	last_ev = a.eventData[a.n_data - 1];
}

static void ip6(const char *s, uint8_t *a)
{
	assert_int_equal(inet_pton(AF_INET6, s, a), 1);
}

static int setup(void **state, int16_t encap_limit)
{
	NPF_MIPv6HA_IF_HomeLinkConfig_t hc;
	NPF_MIPv6HA_IF_TunnelConfig_t tc;
	NPF_MIPv6HA_BC_Entry_t e;
	struct fp_nh nh;
	uint8_t any[16] = {0};

	(void)state;
	if (npf_mipv6ha_init(&(struct npf_mipv6ha_params){.bc_capacity = 64, .clock = clk}) != 0)
		return -1;
	memset(&hc, 0, sizeof(hc));
	hc.mtu = 1500;
	memcpy(hc.macAddr, MY_MAC, 6);
	ip6("fe80::1", hc.linkLocal.addr);
	hc.nHaAddrs = 1;
	ip6(HA, hc.haAddrs[0].addr);
	hc.nPrefixes = 1;
	ip6("2001:db8:1::", hc.prefixes[0].prefix.addr);
	hc.prefixes[0].prefixLen = 64;
	hc.prefixes[0].validLifetime = hc.prefixes[0].preferredLifetime = 3600;
	memset(&tc, 0, sizeof(tc));
	tc.hopLimit = 50;
	tc.trafficClass = 0x28;
	tc.flowLabel = 0x12345;
	tc.mtu = 1280;
	tc.encapLimit = encap_limit;
	ip6(HA, tc.haAddr.addr);
	if (NPF_MIPv6HA_IF_HomeLinkCreate(&hc, &homelink) != NPF_NO_ERROR)
		return -1;
	tc.homeLink = homelink;
	if (NPF_MIPv6HA_IF_TunnelCreate(&tc, &tunnel) != NPF_NO_ERROR ||
	    NPF_MIPv6HA_Register(NULL, on_completion, &cbh) != NPF_NO_ERROR ||
	    NPF_MIPv6HA_EventRegister(NULL, on_events, NPF_MIPv6HA_EVENT_ALL_ENABLE, &evh) !=
		NPF_NO_ERROR)
		return -1;
	memset(&e, 0, sizeof(e));
	ip6(HOA, e.HoA.addr);
	ip6(COA, e.CoA.addr);
	e.lifetimeMode = NPF_MIPv6HA_LIFETIME_OFF;
	handle = 0;
	NPF_MIPv6HA_BC_Entry_Add(cbh, NULL, NPF_REPORT_ALL, tunnel, 1, &e);
	npf_mipv6ha_dispatch(0);
	if (handle == 0)
		return -1;
	memset(&nh, 0, sizeof(nh));
	memcpy(nh.dst.addr_bytes, GW_MAC, 6);
	memcpy(nh.src.addr_bytes, MY_MAC, 6);
	nh.port = 3;
	nh.mtu = 1500;
	nh.flags = FP_NHF_RESOLVED;
	fp_nh_set(1, &nh);
	/* Only global unicast space is routed. */
	any[0] = 0x20;
	fp_route_add(any, 3, 1);
	memset(&lc, 0, sizeof(lc));
	n_ev = 0;
	return 0;
}

static int setup_plain(void **state)
{
	return setup(state, -1);
}

static int setup_limit4(void **state)
{
	return setup(state, 4);
}

static int teardown(void **state)
{
	(void)state;
	npf_mipv6ha_fini();
	return 0;
}

/* Ethernet + IPv6(src, dst, hop limit) + optional DO(limit) + UDP with @p data bytes. */
static struct rte_mbuf *mk(const char *src, const char *dst, uint8_t hlim, int limit, uint16_t data)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint16_t ext = limit >= 0 ? 8 : 0, plen = (uint16_t)(ext + 8 + data);
	uint8_t *p =
	    m != NULL ? (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(14 + 40 + plen)) : NULL;

	if (p == NULL)
		fail_msg("mbuf");

	memset(p, 0, 14 + 40 + plen);
	memcpy(p, MY_MAC, 6);
	p[12] = 0x86, p[13] = 0xdd;
	p += 14;
	p[0] = 0x60;
	p[4] = (uint8_t)(plen >> 8), p[5] = (uint8_t)plen;
	p[6] = limit >= 0 ? FP_NH_DSTOPTS : FP_NH_UDP;
	p[7] = hlim;
	ip6(src, p + 8);
	ip6(dst, p + 24);
	if (limit >= 0) {
		uint8_t *d = p + 40;

		d[0] = FP_NH_UDP, d[2] = FP_OPT_TUNNEL_ENCAP_LIMIT, d[3] = 1, d[4] = (uint8_t)limit;
		d[5] = FP_OPT_PADN, d[6] = 1;
	}
	return m;
}

/* Wrap @p inner (an Ethernet frame) into IPv6-in-IPv6 from @p osrc to @p odst. */
static struct rte_mbuf *tunnelled(struct rte_mbuf *m, const char *osrc, const char *odst)
{
	uint16_t ilen = (uint16_t)(m->data_len - 14);
	uint8_t *p;

	if (rte_pktmbuf_prepend(m, 40) == NULL)
		fail_msg("no headroom");
	p = rte_pktmbuf_mtod(m, uint8_t *);
	memmove(p, p + 40, 14);
	p += 14;
	memset(p, 0, 40);
	p[0] = 0x60;
	p[4] = (uint8_t)(ilen >> 8), p[5] = (uint8_t)ilen;
	p[6] = FP_NH_IPV6;
	p[7] = 64;
	ip6(osrc, p + 8);
	ip6(odst, p + 24);
	return m;
}

static uint16_t run_encap(struct rte_mbuf **m, uint16_t n)
{
	struct fp_parsed pp[FP_BURST];
	const struct fp_binding *b[FP_BURST];

	for (uint16_t i = 0; i < n; i++) {
		assert_int_equal(
		    fp_parse_eth(rte_pktmbuf_mtod(m[i], uint8_t *), m[i]->data_len, &pp[i]),
		    FP_DROP_OK);
		b[i] = fp_bc_lookup(rte_pktmbuf_mtod_offset(m[i], uint8_t *, pp[i].l3 + 24));
		assert_non_null(b[i]);
	}
	return fp_encap_burst(&lc, m, pp, b, n);
}

static uint16_t run_decap(struct rte_mbuf **m, uint16_t n)
{
	struct fp_parsed pp[FP_BURST];
	uint8_t tun[FP_BURST];

	for (uint16_t i = 0; i < n; i++) {
		assert_int_equal(
		    fp_parse_eth(rte_pktmbuf_mtod(m[i], uint8_t *), m[i]->data_len, &pp[i]),
		    FP_DROP_OK);
		assert_int_equal(pp[i].proto, FP_NH_IPV6);
		assert_int_equal(
		    fp_local_lookup(rte_pktmbuf_mtod_offset(m[i], uint8_t *, pp[i].l3 + 24),
				    &tun[i]),
		    FP_LOCAL_HA);
	}
	return fp_decap_burst(&lc, m, pp, tun, n);
}

static void expect_addr(const uint8_t *got, const char *want)
{
	uint8_t w[16];

	ip6(want, w);
	assert_memory_equal(got, w, 16);
}

static void stats(NPF_MIPv6HA_BC_EntryStats_t *out);

/* TUN-1, TUN-2, TUN-3: outer header from the tunnel, inner hop limit - 1. */
static void test_tun1_3_encap_fields(void **state)
{
	struct rte_mbuf *m = mk(CN, HOA, 64, -1, 32);
	const uint8_t *p;
	NPF_MIPv6HA_BC_EntryStats_t st;

	(void)state;
	assert_int_equal(run_encap(&m, 1), 1);
	p = rte_pktmbuf_mtod(m, const uint8_t *);
	assert_int_equal(m->data_len, 14 + 40 + 40 + 8 + 32);
	assert_memory_equal(p, GW_MAC, 6);
	assert_memory_equal(p + 6, MY_MAC, 6);
	assert_int_equal(m->port, 3);
	p += 14;
	/* version 6, traffic class 0x28, flow label 0x12345 */
	assert_int_equal(p[0], 0x62);
	assert_int_equal(p[1], 0x81);
	assert_int_equal(p[2], 0x23);
	assert_int_equal(p[3], 0x45);
	assert_int_equal(p[4] << 8 | p[5], 40 + 8 + 32);
	assert_int_equal(p[6], FP_NH_IPV6);
	assert_int_equal(p[7], 50);
	expect_addr(p + 8, HA);
	expect_addr(p + 24, COA);
	/* inner: hop limit decremented, addresses untouched */
	assert_int_equal(p[40 + 7], 63);
	expect_addr(p + 40 + 8, CN);
	expect_addr(p + 40 + 24, HOA);
	assert_int_equal(lc.encap, 1);
	stats(&st);
	assert_int_equal(st.mipv6NodeHCPkts, 1);
	assert_int_equal(st.mipv6NodeHCOctets, 40 + 8 + 32);
	rte_pktmbuf_free(m);
}

/* TUN-2: an inner hop limit of 1 cannot be forwarded: dropped, counted. */
static void test_tun2_hop_limit_exhausted(void **state)
{
	struct rte_mbuf *m = mk(CN, HOA, 1, -1, 8);
	NPF_MIPv6HA_BC_EntryStats_t st;

	(void)state;
	assert_int_equal(run_encap(&m, 1), 0);
	assert_int_equal(lc.drops[FP_DROP_HOP_LIMIT], 1);
	stats(&st);
	assert_int_equal(st.dropTxPkts, 1);
	rte_pktmbuf_free(m);
}

/* MTU-2: larger than the tunnel MTU (1280 here) and than 1280: dropped. */
static void test_mtu2_too_big(void **state)
{
	struct rte_mbuf *m = mk(CN, HOA, 64, -1, 1280 - 40 - 8 + 1);

	(void)state;
	assert_int_equal(run_encap(&m, 1), 0);
	assert_int_equal(lc.drops[FP_DROP_TOO_BIG], 1);
	rte_pktmbuf_free(m);
	m = mk(CN, HOA, 64, -1, 1280 - 40 - 8);
	assert_int_equal(run_encap(&m, 1), 1);
	rte_pktmbuf_free(m);
}

/* TUN-7: the configured limit is added as a Destination Options header. */
static void test_tun7_configured_limit_added(void **state)
{
	struct rte_mbuf *m = mk(CN, HOA, 64, -1, 16);
	const uint8_t *p;
	static const uint8_t want[8] = {FP_NH_IPV6, 0, FP_OPT_TUNNEL_ENCAP_LIMIT, 1, 4, FP_OPT_PADN,
					1,          0};

	(void)state;
	assert_int_equal(run_encap(&m, 1), 1);
	p = rte_pktmbuf_mtod_offset(m, const uint8_t *, 14);
	assert_int_equal(p[6], FP_NH_DSTOPTS);
	assert_int_equal(p[4] << 8 | p[5], 8 + 40 + 8 + 16);
	assert_memory_equal(p + 40, want, 8);
	assert_int_equal(p[48] >> 4, 6);
	rte_pktmbuf_free(m);
}

/* TUN-7: an inner limit n > 0 becomes n - 1; a limit of 0 forbids the tunnel. */
static void test_tun7_inner_limit(void **state)
{
	struct rte_mbuf *m = mk(CN, HOA, 64, 2, 16);
	const uint8_t *p;

	(void)state;
	assert_int_equal(run_encap(&m, 1), 1);
	p = rte_pktmbuf_mtod_offset(m, const uint8_t *, 14);
	assert_int_equal(p[6], FP_NH_DSTOPTS);
	assert_int_equal(p[40 + 4], 1);
	rte_pktmbuf_free(m);
	m = mk(CN, HOA, 64, 0, 16);
	assert_int_equal(run_encap(&m, 1), 0);
	assert_int_equal(lc.drops[FP_DROP_ENCAP_LIMIT], 1);
	rte_pktmbuf_free(m);
}

/* RT-1, RT-4: a packet from the registered CoA is decapsulated and the inner
 * packet forwarded as by a router. */
static void test_rt1_rt4_decap_and_forward(void **state)
{
	struct rte_mbuf *m = tunnelled(mk(HOA, CN, 64, -1, 24), COA, HA);
	const uint8_t *p;
	NPF_MIPv6HA_BC_EntryStats_t st;

	(void)state;
	assert_int_equal(run_decap(&m, 1), 1);
	p = rte_pktmbuf_mtod(m, const uint8_t *);
	assert_int_equal(m->data_len, 14 + 40 + 8 + 24);
	assert_memory_equal(p, GW_MAC, 6);
	assert_int_equal(p[12] << 8 | p[13], 0x86dd);
	expect_addr(p + 14 + 8, HOA);
	expect_addr(p + 14 + 24, CN);
	assert_int_equal(p[14 + 7], 63);
	assert_int_equal(lc.decap, 1);
	assert_int_equal(lc.fwd, 1);
	stats(&st);
	assert_int_equal(st.mipv6NodeHCInPkts, 1);
	assert_int_equal(st.mipv6NodeHCInOctets, 40 + 8 + 24);
	npf_mipv6ha_dispatch(0);
	assert_int_equal(n_ev, 0);
	rte_pktmbuf_free(m);
}

/* RT-3: an outer source other than the registered CoA is dropped, counted on
 * the binding, and reported as SUBTUNNEL_ENDPOINT_AUTH_FAILED. */
static void test_rt3_spoofed_outer_source(void **state)
{
	struct rte_mbuf *m = tunnelled(mk(HOA, CN, 64, -1, 24), "2001:db8:2::666", HA);
	NPF_MIPv6HA_BC_EntryStats_t st;
	const NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t *a = &last_ev.u.subtnlEndpAuthFail;

	(void)state;
	assert_int_equal(run_decap(&m, 1), 0);
	assert_int_equal(lc.drops[FP_DROP_DECAP_AUTH], 1);
	stats(&st);
	assert_int_equal(st.dropRxPkts, 1);
	npf_mipv6ha_dispatch(0);
	assert_int_equal(n_ev, 1);
	assert_int_equal(last_ev.eventType, NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED);
	assert_int_equal(a->Mipv6HA_tunnelInterfaceHandle, tunnel);
	assert_int_equal(a->subtunnelHandle, handle);
	expect_addr(a->HoA.addr, HOA);
	expect_addr(a->packetSrcAddr.addr, "2001:db8:2::666");
	expect_addr(a->packetDstAddr.addr, CN);
	assert_int_equal(a->repCount, 1);
	rte_pktmbuf_free(m);
}

/* RT-3: an inner source without a binding is dropped too (handle 0). */
static void test_rt3_unbound_inner_source(void **state)
{
	struct rte_mbuf *m = tunnelled(mk("2001:db8:1::999", CN, 64, -1, 24), COA, HA);

	(void)state;
	assert_int_equal(run_decap(&m, 1), 0);
	assert_int_equal(lc.drops[FP_DROP_DECAP_AUTH], 1);
	npf_mipv6ha_dispatch(0);
	assert_int_equal(n_ev, 1);
	assert_int_equal(last_ev.u.subtnlEndpAuthFail.subtunnelHandle, 0);
	expect_addr(last_ev.u.subtnlEndpAuthFail.HoA.addr, "2001:db8:1::999");
	rte_pktmbuf_free(m);
}

/* After a move (replace through the API), only the new CoA is accepted and
 * encapsulation goes to it at once. */
static void test_move_to_new_coa(void **state)
{
	NPF_MIPv6HA_BC_Entry_t e;
	struct rte_mbuf *m[2];

	(void)state;
	memset(&e, 0, sizeof(e));
	ip6(HOA, e.HoA.addr);
	ip6("2001:db8:4::100", e.CoA.addr);
	e.lifetimeMode = NPF_MIPv6HA_LIFETIME_OFF;
	NPF_MIPv6HA_BC_Entry_Add(cbh, NULL, NPF_REPORT_ALL, tunnel, 1, &e);
	npf_mipv6ha_dispatch(0);
	m[0] = mk(CN, HOA, 64, -1, 8);
	assert_int_equal(run_encap(m, 1), 1);
	expect_addr(rte_pktmbuf_mtod_offset(m[0], uint8_t *, 14 + 24), "2001:db8:4::100");
	rte_pktmbuf_free(m[0]);
	m[0] = tunnelled(mk(HOA, CN, 64, -1, 8), COA, HA);
	m[1] = tunnelled(mk(HOA, CN, 64, -1, 8), "2001:db8:4::100", HA);
	/* The burst is partitioned: the accepted packet first. */
	assert_int_equal(run_decap(m, 2), 1);
	expect_addr(rte_pktmbuf_mtod_offset(m[0], uint8_t *, 14 + 8), HOA);
	assert_int_equal(lc.drops[FP_DROP_DECAP_AUTH], 1);
	rte_pktmbuf_free(m[0]);
	rte_pktmbuf_free(m[1]);
}

/* Forwarding: link-local destinations never leave the link; no route, no packet. */
static void test_forward_link_local_and_no_route(void **state)
{
	struct fp_parsed pp[2];
	struct rte_mbuf *m[2] = {mk(CN, "fe80::5", 64, -1, 8), mk(CN, "4001::1", 64, -1, 8)};

	(void)state;
	for (int i = 0; i < 2; i++)
		assert_int_equal(
		    fp_parse_eth(rte_pktmbuf_mtod(m[i], uint8_t *), m[i]->data_len, &pp[i]),
		    FP_DROP_OK);
	assert_int_equal(fp_fwd_burst(&lc, m, pp, 2), 0);
	assert_int_equal(lc.drops[FP_DROP_LINK_LOCAL_DST], 1);
	assert_int_equal(lc.drops[FP_DROP_NO_ROUTE], 1);
	rte_pktmbuf_free(m[0]);
	rte_pktmbuf_free(m[1]);
}

static NPF_MIPv6HA_BC_EntryStats_t got_stats;

static void on_stats(NPF_userContext_t c, NPF_correlator_t k, NPF_MIPv6HA_CallbackData_t d)
{
	(void)c;
	(void)k;
	assert_int_equal(d.numResp, 1);
	assert_int_equal(d.resp[0].errorCode, NPF_NO_ERROR);
	got_stats = *d.resp[0].u2.BCentrystats;
}

static void stats(NPF_MIPv6HA_BC_EntryStats_t *out)
{
	NPF_callbackHandle_t h;

	NPF_MIPv6HA_Register(NULL, on_stats, &h);
	memset(&got_stats, 0xff, sizeof(got_stats));
	assert_int_equal(NPF_MIPv6HA_BC_EntryStatsGet(h, NULL, NPF_REPORT_ALL, tunnel, 1, &handle),
			 NPF_NO_ERROR);
	npf_mipv6ha_dispatch(0);
	NPF_MIPv6HA_Deregister(h);
	*out = got_stats;
}

int main(void)
{
	char *argv[] = {"test", "--no-huge", "--no-pci", "--no-shconf",          "-l",
			"0",    "-m",        "256",      "--log-level=*:warning"};
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_tun1_3_encap_fields, setup_plain, teardown),
	    cmocka_unit_test_setup_teardown(test_tun2_hop_limit_exhausted, setup_plain, teardown),
	    cmocka_unit_test_setup_teardown(test_mtu2_too_big, setup_plain, teardown),
	    cmocka_unit_test_setup_teardown(test_tun7_configured_limit_added, setup_limit4,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_tun7_inner_limit, setup_plain, teardown),
	    cmocka_unit_test_setup_teardown(test_rt1_rt4_decap_and_forward, setup_plain, teardown),
	    cmocka_unit_test_setup_teardown(test_rt3_spoofed_outer_source, setup_plain, teardown),
	    cmocka_unit_test_setup_teardown(test_rt3_unbound_inner_source, setup_plain, teardown),
	    cmocka_unit_test_setup_teardown(test_move_to_new_coa, setup_plain, teardown),
	    cmocka_unit_test_setup_teardown(test_forward_link_local_and_no_route, setup_plain,
					    teardown),
	};

	if (rte_eal_init((int)(sizeof(argv) / sizeof(argv[0])), argv) < 0)
		return 1;
	mp = rte_pktmbuf_pool_create("t", 1023, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (mp == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
