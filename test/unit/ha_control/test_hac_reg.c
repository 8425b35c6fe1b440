/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Registration flows through the NPF API (ha-duties DAD-*, REG-3..5, LT-*,
 * DEREG-*, BC-3), checked on the BAs and on the forwarding plane's state.
 */
#include <arpa/inet.h>

#include "hac_test.h"
#include "mip6_proto.h"
#include "ndproxy.h"

static void hoa16(uint8_t o[16], const char *s)
{
	inet_pton(AF_INET6, s, o);
}

/* DAD-1, DAD-7, DAD-8, REG-3, ND-8: BA only once DAD has succeeded. */
static void test_DAD_1_7_first_registration(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	uint64_t t0 = tc_now_ms;
	ht_send(&b);
	assert_int_equal(ht_nout, 0); /* held while probing */
	assert_int_equal(ht_fp_proxy_state(HT_HOA), NPF_IPv6_ADDR_PROBING);
	assert_false(ht_fp_binding(HT_HOA, NULL));
	while (ht_nout == 0 && tc_now_ms - t0 < 5000)
		ht_advance(10);
	uint64_t delay = tc_now_ms - t0;
	struct ht_msg m = ht_one_ba();
	assert_int_equal(m.status, 0);
	assert_int_equal(m.lifetime, 100);
	/* RetransTimer 1000 ms after the probe, sent at once (no start delay
	 * on a running link): the BA can beat InitialBindackTimeoutFirstReg */
	assert_true(delay >= 1000 && delay <= 1010);
	assert_int_equal(ht_fp_proxy_state(HT_HOA), NPF_IPv6_ADDR_VALID);
	NPF_MIPv6HA_BC_Entry_t e;
	assert_true(ht_fp_binding(HT_HOA, &e));
	assert_true(ht_addr_eq(e.CoA.addr, HT_COA));
	assert_int_equal(e.lifetimeMode, NPF_MIPv6HA_LIFETIME_ON);
	assert_int_equal(e.bindingLifetime, 400);
	/* DAD-1: a refresh skips DAD and is answered at once */
	ht_out_reset();
	b = ht_home_bu(2);
	ht_send(&b);
	assert_int_equal(ht_one_ba().status, 0);
}

/* DAD-2, DAD-6: L=1 proxies the derived link-local; a conflict on it => 134, nothing left. */
static void test_DAD_2_6_link_local_conflict(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	b.flags |= IP6_MH_BU_LLOCAL;
	ht_send(&b);
	assert_int_equal(ht_fp_proxy_state("fe80::100"), NPF_IPv6_ADDR_PROBING);
	assert_int_equal(ht_fp_proxy_state(HT_HOA), NPF_IPv6_ADDR_PROBING);
	uint8_t ll[16];
	hoa16(ll, "fe80::100");
	nd_dad_conflict(0, ll); /* an NA for the link-local (DAD-5) */
	ht_advance(2500);
	struct ht_msg m = ht_one_ba();
	assert_int_equal(m.status, IP6_MH_BAS_DAD_FAILED);
	assert_int_equal(m.seq, 1);
	assert_false(ht_fp_binding(HT_HOA, NULL));
	assert_int_equal(ht_fp_proxy_state(HT_HOA), 0);
	assert_int_equal(ht_fp_proxy_state("fe80::100"), 0);
	uint8_t h[16];
	struct hac_binding_info bi;
	hoa16(h, HT_HOA);
	assert_int_equal(hac_binding_get(ht_h, h, &bi), -ENOENT);
}

/* DAD-6: conflict on the HoA => 134. */
static void test_DAD_6_hoa_conflict(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	ht_send(&b);
	uint8_t a[16];
	hoa16(a, HT_HOA);
	nd_dad_conflict(0, a);
	ht_advance(2500);
	assert_int_equal(ht_one_ba().status, IP6_MH_BAS_DAD_FAILED);
	assert_int_equal(ht_fp_proxy_state(HT_HOA), 0);
	assert_int_equal(ht_fp_bc_count(), 0);
}

/* LT-1..LT-7: granted lifetime and status against prefix lifetimes and policy
 * (conformance 33-37). */
static void test_LT_granted_lifetime_table(void **state)
{
	(void)state;
	static const struct {
		const char *rule;
		uint32_t valid_s, pref_s, cap_s;
		uint16_t bu, want_g;
		uint8_t want_status;
	} t[] = {
	    {"LT-1 infinite", HAC_INFINITE, HAC_INFINITE, 0, 100, 100, 0},
	    {"LT-2 valid bounds", 200, 200, 0, 100, 50, 1},
	    {"LT-2 preferred does not bound", 4000, 40, 0, 100, 100, 1},
	    {"LT-3 policy cap", HAC_INFINITE, HAC_INFINITE, 60, 100, 15, 0},
	    {"LT-5 deprecated", 4000, 0, 0, 100, 100, 1},
	    {"LT-5 invalid at g", 400, 400, 0, 100, 100, 1},
	    {"LT-5 fine", 4000, 4000, 0, 100, 100, 0},
	};
	for (size_t i = 0; i < TC_ARRAY_SIZE(t); i++) {
		struct hac_config c = ht_cfg;
		c.links[0].prefixes[0].valid_s = t[i].valid_s;
		c.links[0].prefixes[0].preferred_s = t[i].pref_s;
		c.max_lifetime_s = t[i].cap_s;
		c.refresh_advice_s = 100000; /* LT-7: clamped below the BA lifetime */
		assert_int_equal(hac_reconfigure(ht_h, &c), 0);
		ht_out_reset();
		struct ht_bu b = ht_home_bu((uint16_t)(i + 1));
		b.lifetime = t[i].bu;
		ht_send(&b);
		struct ht_msg m = ht_one_ba();
		if (m.lifetime != t[i].want_g || m.status != t[i].want_status)
			fail_msg("%s: g %u status %u", t[i].rule, m.lifetime, m.status);
		assert_true(m.has_bra);
		assert_true(m.refresh < m.lifetime);
		NPF_MIPv6HA_BC_Entry_t e;
		assert_true(ht_fp_binding(HT_HOA, &e));
		assert_int_equal(e.bindingLifetime, t[i].want_g * 4u); /* LT-6 */
	}
}

/* DEREG-2..6, BU-9, BU-10: de-registration from away, grace, then a fresh start. */
static void test_DEREG_from_away_and_grace(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(10);
	ht_send(&b);
	ht_out_reset();
	b = ht_home_bu(11);
	b.lifetime = 0;
	b.flags = IP6_MH_BU_HOME; /* A=0: DEREG-3 BA regardless */
	ht_send(&b);
	struct ht_msg m = ht_one_ba();
	assert_int_equal(m.status, 0);
	assert_int_equal(m.seq, 11);
	assert_int_equal(m.lifetime, 0);
	assert_false(m.has_bra);
	assert_true(m.rh2);
	assert_true(ht_addr_eq(m.rh2_addr, HT_HOA));
	assert_false(ht_fp_binding(HT_HOA, NULL)); /* DEREG-4 */
	assert_int_equal(ht_fp_proxy_state(HT_HOA), 0);
	/* DEREG-6: an older BU within the grace period gets 135 */
	ht_out_reset();
	b = ht_home_bu(10);
	ht_send(&b);
	m = ht_one_ba();
	assert_int_equal(m.status, IP6_MH_BAS_SEQNO_BAD);
	assert_int_equal(m.seq, 11);
	assert_false(ht_fp_binding(HT_HOA, NULL));
	/* after MAX_DELETE_BCE_TIMEOUT the same BU is a first registration */
	ht_advance(10100);
	ht_out_reset();
	ht_send(&b);
	assert_int_equal(ht_one_ba().status, 0);
	assert_true(ht_fp_binding(HT_HOA, NULL));
	struct hac_stats s;
	hac_stats_get(ht_h, &s);
	assert_int_equal(s.grace_purged, 1);
}

/* DEREG-1, DEREG-5, BU-10: from home, CoA == HoA with lifetime != 0 (conformance 77, 83). */
static void test_DEREG_from_home(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	ht_send(&b);
	ht_out_reset();
	b = ht_home_bu(2);
	b.hao = NULL;
	b.src = HT_HOA; /* back home: source = HoA, no HAO, lifetime 100 */
	uint8_t pkt[256];
	uint32_t n = ht_build(&b, pkt);
	ht_input_raw(pkt, n, 0, false);
	struct ht_msg m = ht_one_ba();
	assert_int_equal(m.status, 0);
	assert_int_equal(m.lifetime, 0);
	assert_false(m.rh2);
	assert_true(ht_addr_eq(m.dst, HT_HOA));
	assert_int_equal(ht_out[0].port, 0);
	assert_false(ht_fp_binding(HT_HOA, NULL));
}

/* BC-3, LT-3: the binding ends at the granted lifetime (API expiry event). */
static void test_BC_3_expiry(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	b.lifetime = 2; /* 8 s */
	ht_send(&b);
	assert_true(ht_fp_binding(HT_HOA, NULL));
	ht_advance(7000);
	assert_true(ht_fp_binding(HT_HOA, NULL));
	uint8_t h[16];
	struct hac_binding_info bi;
	hoa16(h, HT_HOA);
	assert_int_equal(hac_binding_get(ht_h, h, &bi), 0);
	assert_int_equal(bi.remaining, 1);
	ht_advance(1100);
	assert_false(ht_fp_binding(HT_HOA, NULL));
	assert_int_equal(ht_fp_proxy_state(HT_HOA), 0);
	assert_int_equal(hac_binding_get(ht_h, h, &bi), -ENOENT);
}

/* Binding Refresh Request before expiry when configured. */
static void brr_on(struct hac_config *c)
{
	c->brr_lead_s = 4;
}
static void test_BRR_before_expiry(void **state)
{
	(void)state;
	ht_stop();
	ht_start(0, brr_on);
	struct ht_bu b = ht_home_bu(1);
	b.lifetime = 3; /* 12 s: BRR at 8 s */
	ht_send(&b);
	ht_advance(7900);
	assert_int_equal(ht_count_mh(IP6_MH_TYPE_BRR), 0);
	ht_advance(200);
	assert_int_equal(ht_count_mh(IP6_MH_TYPE_BRR), 1);
	struct ht_msg m = ht_last_mh(IP6_MH_TYPE_BRR);
	assert_true(ht_addr_eq(m.dst, HT_HOA));
	assert_false(m.rh2); /* MH-8 */
	assert_int_equal(hac_next_timeout_ms(ht_h), UINT32_MAX);
}

/* Bounded state: a flood of distinct HoAs gets 130 beyond max_bindings; retransmissions
 * during DAD are counted drops (REG-2 (3)). */
static void test_flood_bounded(void **state)
{
	(void)state;
	ht_stop();
	ht_start(1, NULL);
	char hoa[64];
	for (int i = 0; i < 12; i++) {
		snprintf(hoa, sizeof(hoa), "2001:db8:1::%x", 0x200 + i);
		struct ht_bu b = ht_home_bu(1);
		b.hao = hoa;
		ht_send(&b);
		ht_send(&b); /* retransmission while probing */
	}
	assert_int_equal(ht_count_mh(IP6_MH_TYPE_BACK), 8); /* 4 HoAs refused, twice */
	struct ht_msg m = ht_last_mh(IP6_MH_TYPE_BACK);
	assert_int_equal(m.status, IP6_MH_BAS_INSUFFICIENT);
	struct hac_stats s;
	hac_stats_get(ht_h, &s);
	assert_int_equal(s.drops[HAC_DROP_BU_BUSY], 8);
	ht_advance(2500);
	assert_int_equal(ht_fp_bc_count(), 8);
	assert_int_equal(ht_count_mh(IP6_MH_TYPE_BACK), 8 + 8);
}

/* Operator clear and destroy leave nothing behind in the forwarding plane. */
static int count_cb(void *arg, const struct hac_binding_info *b)
{
	(*(int *)arg)++;
	return b->state == HAC_BS_VALID ? 0 : -1;
}
static void test_clear_and_destroy(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	ht_send(&b);
	b.hao = "2001:db8:1::101";
	ht_send(&b);
	int n = 0;
	assert_int_equal(hac_binding_foreach(ht_h, count_cb, &n), 0);
	assert_int_equal(n, 2);
	uint8_t h[16];
	hoa16(h, HT_HOA);
	ht_out_reset();
	assert_int_equal(hac_binding_clear(ht_h, h), 0);
	ht_pump();
	assert_int_equal(ht_nout, 0); /* no BA */
	assert_false(ht_fp_binding(HT_HOA, NULL));
	assert_int_equal(hac_binding_clear(ht_h, h), -ENOENT);
	/* destroy with a binding and a registration still probing */
	ht_stop();
	ht_start(1, NULL);
	b = ht_home_bu(1);
	ht_send(&b);
	hac_destroy(ht_h);
	ht_h = NULL;
	ht_advance(2500);
	assert_int_equal(ht_fp_bc_count(), 0);
	assert_int_equal(ht_fp_proxy_state(HT_HOA), 0);
}

/* Reconfiguration: a prefix removed takes its bindings along (LT-4). */
static void test_LT_4_reconfigure_prefix_gone(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	ht_send(&b);
	struct hac_config c = ht_cfg;
	inet_pton(AF_INET6, "2001:db8:7::", c.links[0].prefixes[0].prefix);
	assert_int_equal(hac_reconfigure(ht_h, &c), 0);
	ht_pump();
	assert_false(ht_fp_binding(HT_HOA, NULL));
	/* shorter valid lifetime: the entry is shortened */
	c = ht_cfg;
	assert_int_equal(hac_reconfigure(ht_h, &c), 0);
	b = ht_home_bu(5);
	ht_send(&b);
	c.links[0].prefixes[0].valid_s = 20;
	c.links[0].prefixes[0].preferred_s = 20;
	assert_int_equal(hac_reconfigure(ht_h, &c), 0);
	ht_pump();
	NPF_MIPv6HA_BC_Entry_t e;
	assert_true(ht_fp_binding(HT_HOA, &e));
	assert_int_equal(e.bindingLifetime, 20);
	c.max_bindings = 1000;
	assert_int_equal(hac_reconfigure(ht_h, &c), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_DAD_1_7_first_registration, ht_setup_dad,
					    ht_teardown),
	    cmocka_unit_test_setup_teardown(test_DAD_2_6_link_local_conflict, ht_setup_dad,
					    ht_teardown),
	    cmocka_unit_test_setup_teardown(test_DAD_6_hoa_conflict, ht_setup_dad, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_LT_granted_lifetime_table, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_DEREG_from_away_and_grace, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_DEREG_from_home, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_BC_3_expiry, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_BRR_before_expiry, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_flood_bounded, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_clear_and_destroy, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_LT_4_reconfigure_prefix_gone, ht_setup,
					    ht_teardown),
	};
	return cmocka_run_group_tests(tests, ht_group_setup, ht_group_teardown);
}
