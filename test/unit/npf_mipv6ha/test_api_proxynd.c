/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * NPF MIPv6 HA Service API: proxy ND tables (seed 003 §4.1.6, §5.4.6-§5.4.9,
 * §5.4.12-§5.4.13) and the PROXYND_DAD event (§4.3.2.1), with the DAD timing
 * of RFC 4862 §5.4 (random delay <= MAX_RTR_SOLICITATION_DELAY 1 s, then
 * RetransTimer 1 s per transmission) on the fake clock. The DAD exchange on
 * the wire is tested elsewhere.
 */
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

static struct tc_evrec ev_dad, ev_other;

static void handlers(void)
{
	tc_evrec_reset(&ev_dad);
	tc_evrec_reset(&ev_other);
	tc_ev_register(&ev_dad, NPF_MIPv6HA_PROXYND_DAD_CONCLUDED);
	tc_ev_register(&ev_other, NPF_MIPv6HA_EVENT_ALL_ENABLE &
				      ~(NPF_MIPv6HA_EventMask_t)NPF_MIPv6HA_PROXYND_DAD_MASK);
}

static void handlers_free(void)
{
	tc_evrec_reset(&ev_dad);
	tc_evrec_reset(&ev_other);
}

static int setup_dad1(void **state)
{
	(void)state;
	struct npf_mipv6ha_params p;
	tc_params(&p, 64);
	tc_start(&p, 1);
	return 0;
}

static void advance_to(uint64_t rel_ms)
{
	tc_now_ms = TC_T0_MS + rel_ms;
	tc_rec_reset();
	tc_dispatch();
}

static NPF_IPv6AddrState_t state_of(NPF_IfHandle_t hl, NPF_IPv6Address_t a)
{
	NPF_IPv6AddrState_t s = 0;
	assert_int_equal(tc_pnd_state1(hl, a, &s), NPF_NO_ERROR);
	return s;
}

/* Asserts that event k is a DAD event for (hl, a, VALID). */
static void expect_dad_event(uint32_t k, NPF_IfHandle_t hl, NPF_IPv6Address_t a)
{
	assert_true(k < ev_dad.n_ev);
	const NPF_MIPv6HA_EventData_t *e = &ev_dad.ev[k];
	assert_int_equal(e->eventType, NPF_MIPv6HA_PROXYND_DAD);
	assert_int_equal(e->u.proxyND_DAD.homelinkInterfaceHandle, hl);
	if (!tc_aeq(&e->u.proxyND_DAD.ucAddr, &a))
		fail_msg("DAD event %u for %s, want %s", k, tc_astr(&e->u.proxyND_DAD.ucAddr),
			 tc_astr(&a));
	assert_int_equal(e->u.proxyND_DAD.ucAddrState, NPF_IPv6_ADDR_VALID);
}

/* §5.4.6 with dadTransmits 0: VALID at once, one DAD event per address. */
static void test_s5_4_6_no_dad_valid_and_event(void **state)
{
	(void)state;
	handlers();
	NPF_IPv6Address_t a = tc_hoa(1);
	assert_int_equal(tc_pnd_add1(tc.hl, a), NPF_NO_ERROR);
	tc_dispatch();
	assert_int_equal(state_of(tc.hl, a), NPF_IPv6_ADDR_VALID);
	tc_dispatch();
	assert_int_equal(ev_dad.empty_arrays, 0);
	assert_int_equal(ev_dad.n_ev, 1);
	expect_dad_event(0, tc.hl, a);
	assert_int_equal(ev_other.n_inv, 0);
	/* a batch of three: three events, one per address */
	NPF_IPv6Address_t b[3] = {tc_hoa(2), tc_hoa(3), tc_hoa(4)};
	tc_rec_reset();
	assert_int_equal(NPF_MIPv6HA_ProxyND_AddressAdd(tc.cbh, NULL, NPF_REPORT_ALL, tc.hl, 3, b),
			 NPF_NO_ERROR);
	tc_dispatch();
	advance_to(10);
	assert_int_equal(ev_dad.n_ev, 4);
	for (uint32_t i = 0; i < 3; i++) {
		bool found = false;
		for (uint32_t k = 1; k < 4; k++)
			found |= tc_aeq(&ev_dad.ev[k].u.proxyND_DAD.ucAddr, &b[i]);
		assert_true(found);
		assert_int_equal(state_of(tc.hl, b[i]), NPF_IPv6_ADDR_VALID);
	}
	for (uint32_t k = 1; k < 4; k++) {
		assert_int_equal(ev_dad.ev[k].u.proxyND_DAD.ucAddrState, NPF_IPv6_ADDR_VALID);
		assert_int_equal(ev_dad.ev[k].u.proxyND_DAD.homelinkInterfaceHandle, tc.hl);
	}
	assert_int_equal(ev_other.n_inv, 0);
	handlers_free();
}

/* §4.1.6 / RFC 4862 §5.4 with dadTransmits 1: PROBING, then VALID + event. */
static void test_s4_1_6_dad_probing_then_valid(void **state)
{
	(void)state;
	handlers();
	NPF_IPv6Address_t a = tc_hoa(1);
	assert_int_equal(tc_pnd_add1(tc.hl, a), NPF_NO_ERROR);
	tc_dispatch();
	assert_int_equal(state_of(tc.hl, a), NPF_IPv6_ADDR_PROBING);
	assert_int_equal(ev_dad.n_ev, 0);
	/* RetransTimer (1000 ms) must pass after the NS: never VALID before 1 s */
	advance_to(999);
	assert_int_equal(state_of(tc.hl, a), NPF_IPv6_ADDR_PROBING);
	assert_int_equal(ev_dad.n_ev, 0);
	/* probed at once on a running link: VALID RetransTimer later */
	advance_to(1010);
	tc_dispatch();
	assert_int_equal(state_of(tc.hl, a), NPF_IPv6_ADDR_VALID);
	assert_int_equal(ev_dad.n_ev, 1);
	expect_dad_event(0, tc.hl, a);
	assert_int_equal(ev_other.n_inv, 0);
	advance_to(10000);
	assert_int_equal(ev_dad.n_ev, 1);
	handlers_free();
}

/* §5.4.6: re-adding an address restarts DAD (PROBING again, a new event). */
static void test_s5_4_6_readd_restarts_probing(void **state)
{
	(void)state;
	handlers();
	NPF_IPv6Address_t a = tc_hoa(1);
	assert_int_equal(tc_pnd_add1(tc.hl, a), NPF_NO_ERROR);
	advance_to(2100);
	tc_dispatch();
	assert_int_equal(state_of(tc.hl, a), NPF_IPv6_ADDR_VALID);
	assert_int_equal(ev_dad.n_ev, 1);
	assert_int_equal(tc_pnd_add1(tc.hl, a), NPF_NO_ERROR);
	tc_dispatch();
	assert_int_equal(state_of(tc.hl, a), NPF_IPv6_ADDR_PROBING);
	assert_int_equal(tc_pnd_space(tc.hl), 63); /* still one entry */
	assert_int_equal(tc_pnd_getall(tc.hl, NULL), 1);
	advance_to(2100 + 999);
	assert_int_equal(state_of(tc.hl, a), NPF_IPv6_ADDR_PROBING);
	advance_to(2100 + 2100);
	tc_dispatch();
	assert_int_equal(state_of(tc.hl, a), NPF_IPv6_ADDR_VALID);
	assert_int_equal(ev_dad.n_ev, 2);
	expect_dad_event(1, tc.hl, a);
	handlers_free();
}

/* npf_mipv6_if.h: DAD only completes while the link is up. */
static void test_if_dad_waits_for_link_up(void **state)
{
	(void)state;
	handlers();
	assert_int_equal(NPF_MIPv6HA_IF_HomeLinkOperStatusSet(tc.hl, NPF_FALSE), NPF_NO_ERROR);
	NPF_IPv6Address_t a = tc_hoa(1);
	assert_int_equal(tc_pnd_add1(tc.hl, a), NPF_NO_ERROR);
	advance_to(5000);
	assert_int_equal(state_of(tc.hl, a), NPF_IPv6_ADDR_PROBING);
	assert_int_equal(ev_dad.n_ev, 0);
	assert_int_equal(NPF_MIPv6HA_IF_HomeLinkOperStatusSet(tc.hl, NPF_TRUE), NPF_NO_ERROR);
	advance_to(5000 + 999);
	assert_int_equal(state_of(tc.hl, a), NPF_IPv6_ADDR_PROBING);
	advance_to(5000 + 2100);
	tc_dispatch();
	assert_int_equal(state_of(tc.hl, a), NPF_IPv6_ADDR_VALID);
	assert_int_equal(ev_dad.n_ev, 1);
	expect_dad_event(0, tc.hl, a);
	handlers_free();
}

/* §5.4.13: GetAll lists exactly the link's addresses. */
static void test_s5_4_13_get_all_per_link(void **state)
{
	(void)state;
	NPF_IfHandle_t hl2 = tc_homelink(1, 0, 1);
	NPF_IPv6Address_t a[5], b[3];
	for (uint32_t i = 0; i < 5; i++) {
		a[i] = tc_hoa(i);
		assert_int_equal(tc_pnd_add1(tc.hl, a[i]), NPF_NO_ERROR);
	}
	for (uint32_t i = 0; i < 3; i++) {
		b[i] = tc_a("2001:db8:5::100");
		b[i].addr[15] = (uint8_t)(b[i].addr[15] + i);
		assert_int_equal(tc_pnd_add1(hl2, b[i]), NPF_NO_ERROR);
	}
	assert_int_equal(tc_pnd_del1(tc.hl, a[2]), NPF_NO_ERROR);
	NPF_IPv6Address_t *l = NULL;
	uint32_t n = tc_pnd_getall(tc.hl, &l);
	assert_int_equal(n, 4);
	for (uint32_t i = 0; i < 5; i++) {
		bool found = false;
		for (uint32_t k = 0; k < n; k++)
			found |= tc_aeq(&l[k], &a[i]);
		assert_int_equal(found, i != 2);
	}
	free(l);
	n = tc_pnd_getall(hl2, &l);
	assert_int_equal(n, 3);
	for (uint32_t i = 0; i < 3; i++) {
		bool found = false;
		for (uint32_t k = 0; k < n; k++)
			found |= tc_aeq(&l[k], &b[i]);
		assert_true(found);
	}
	free(l);
	assert_int_equal(tc_pnd_space(tc.hl), 64 - 7);
	assert_int_equal(tc_pnd_space(hl2), 64 - 7);
	assert_int_equal(tc_pnd_flush(hl2), NPF_NO_ERROR);
}

/* §5.4.8: flush removes every address of that link only. */
static void test_s5_4_8_flush(void **state)
{
	(void)state;
	handlers();
	NPF_IfHandle_t hl2 = tc_homelink(1, 1, 1); /* with DAD: flush while probing */
	NPF_IPv6Address_t a[4], b = tc_a("2001:db8:5::100");
	for (uint32_t i = 0; i < 4; i++) {
		a[i] = tc_hoa(i);
		assert_int_equal(tc_pnd_add1(tc.hl, a[i]), NPF_NO_ERROR);
	}
	assert_int_equal(tc_pnd_add1(hl2, b), NPF_NO_ERROR);
	assert_int_equal(tc_pnd_space(tc.hl), 59);
	assert_int_equal(NPF_MIPv6HA_IF_HomeLinkDelete(tc.hl), NPF_E_RESOURCE_IN_USE);
	assert_int_equal(tc_pnd_flush(tc.hl), NPF_NO_ERROR);
	assert_int_equal(tc_pnd_getall(tc.hl, NULL), 0);
	for (uint32_t i = 0; i < 4; i++)
		assert_int_equal(tc_pnd_state1(tc.hl, a[i], NULL),
				 NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN);
	assert_int_equal(tc_pnd_space(tc.hl), 63);
	assert_int_equal(tc_pnd_getall(hl2, NULL), 1);
	assert_int_equal(state_of(hl2, b), NPF_IPv6_ADDR_PROBING);
	/* flushing an empty link is fine; re-adding works */
	assert_int_equal(tc_pnd_flush(tc.hl), NPF_NO_ERROR);
	assert_int_equal(tc_pnd_add1(tc.hl, a[0]), NPF_NO_ERROR);
	assert_int_equal(tc_pnd_getall(tc.hl, NULL), 1);
	uint32_t dad_before = ev_dad.n_ev;
	assert_int_equal(tc_pnd_flush(hl2), NPF_NO_ERROR);
	advance_to(5000);
	/* an address flushed during DAD gives no DAD event for that link */
	for (uint32_t k = dad_before; k < ev_dad.n_ev; k++)
		assert_int_not_equal(ev_dad.ev[k].u.proxyND_DAD.homelinkInterfaceHandle, hl2);
	handlers_free();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_s5_4_6_no_dad_valid_and_event, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s4_1_6_dad_probing_then_valid, setup_dad1,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_6_readd_restarts_probing, setup_dad1,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_if_dad_waits_for_link_up, setup_dad1, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_13_get_all_per_link, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_8_flush, tc_setup, tc_teardown),
	};
	return cmocka_run_group_tests(tests, tc_group_setup, tc_group_teardown);
}
