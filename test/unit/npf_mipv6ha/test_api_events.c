/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * NPF MIPv6 HA Service API: events (seed 003 §4.3, §5.3): masks, several
 * handlers, re-registration and deregistration, the fast-path events
 * BC_ENTRY_MISS (§4.3.2.3) and SUBTUNNEL_ENDPOINT_AUTH_FAILED (§4.3.2.4)
 * posted through lib/fastpath's event ring, ring overflow, and the rate
 * limits of §5.3.4 / §4.3.4 on the fake clock.
 */
#include <stdlib.h>
#include <string.h>

#include "fastpath.h"
#include "test_common.h"

static struct tc_evrec rec[8];

static int ev_teardown(void **state)
{
	for (size_t i = 0; i < TC_ARRAY_SIZE(rec); i++)
		tc_evrec_reset(&rec[i]);
	return tc_teardown(state);
}

static void advance_to(uint64_t rel_ms)
{
	tc_now_ms = TC_T0_MS + rel_ms;
	tc_rec_reset();
	tc_dispatch();
}

/* The fast-path tunnel index of the tunnel a binding is on. */
static uint8_t fp_tun_of(NPF_MIPv6HA_SubtunnelHandle_t h)
{
	const struct fp_binding *b = fp_bc_get(h);
	assert_non_null(b);
	return b->tun;
}

static NPF_IPv6Address_t plus(const char *base, uint32_t k)
{
	NPF_IPv6Address_t a = tc_a(base);
	a.addr[13] = (uint8_t)(k >> 16);
	a.addr[14] = (uint8_t)(k >> 8);
	a.addr[15] = (uint8_t)k;
	return a;
}

/* Offending packet k: outer source and inner destination vary with k. */
static NPF_IPv6Address_t pkt_src(uint32_t k)
{
	return plus("2001:db8:9::", k);
}

static NPF_IPv6Address_t pkt_dst(uint32_t k)
{
	return plus("2001:db8:3::", k);
}

static void post_auth(uint8_t tun, NPF_MIPv6HA_SubtunnelHandle_t h, NPF_IPv6Address_t hoa,
		      uint32_t k)
{
	NPF_IPv6Address_t s = pkt_src(k), d = pkt_dst(k);
	assert_int_equal(fp_event_post_auth_failed(k % 2, tun, h, hoa.addr, s.addr, d.addr), 0);
}

static void post_miss(uint32_t k)
{
	NPF_IPv6Address_t d = tc_hoa(500 + k);
	assert_int_equal(fp_event_post_bc_miss(k % 3, d.addr), 0);
}

/* AUTH_FAILED event i of a recorder (asserting its type). */
static const NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t *auth_ev(const struct tc_evrec *r,
								uint32_t i)
{
	assert_true(i < r->n_ev);
	assert_int_equal(r->ev[i].eventType, NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED);
	return &r->ev[i].u.subtnlEndpAuthFail;
}

/* Asserts the fields of an AUTH_FAILED event: last packet k, repCount rep. */
static void expect_auth(const NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t *a, NPF_IfHandle_t tun,
			NPF_MIPv6HA_SubtunnelHandle_t h, NPF_IPv6Address_t hoa, uint32_t k,
			uint8_t rep)
{
	NPF_IPv6Address_t s = pkt_src(k), d = pkt_dst(k);
	assert_int_equal(a->Mipv6HA_tunnelInterfaceHandle, tun);
	assert_int_equal(a->subtunnelHandle, h);
	assert_true(tc_aeq(&a->HoA, &hoa));
	if (a->repCount != rep)
		fail_msg("repCount %u, want %u", a->repCount, rep);
	if (!tc_aeq(&a->packetSrcAddr, &s) || !tc_aeq(&a->packetDstAddr, &d))
		fail_msg("addresses %s -> %s, want those of packet %u: %s -> %s",
			 tc_astr(&a->packetSrcAddr), tc_astr(&a->packetDstAddr), k, tc_astr(&s),
			 tc_astr(&d));
}

/* One binding to report on: returns its handle, *tun its fast-path index. */
static NPF_MIPv6HA_SubtunnelHandle_t binding(uint32_t i, uint8_t *tun)
{
	NPF_MIPv6HA_SubtunnelHandle_t h;
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(i), tc_coa(i), &h), NPF_NO_ERROR);
	*tun = fp_tun_of(h);
	return h;
}

/* §4.3.3 / §5.3.2: each handler receives exactly the types of its mask. */
static void test_s4_3_3_masks_select_types(void **state)
{
	(void)state;
	const NPF_MIPv6HA_EventMask_t masks[7] = {
	    NPF_MIPv6HA_EVENT_ALL_ENABLE,
	    NPF_MIPv6HA_PROXYND_DAD_CONCLUDED,
	    NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED_MASK,
	    NPF_MIPv6HA_BC_ENTRY_MISS_MASK,
	    NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK,
	    NPF_MIPv6HA_EVENT_ALL_DISABLE,
	    NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED_MASK | NPF_MIPv6HA_BC_ENTRY_MISS_MASK,
	};
	for (int i = 0; i < 7; i++)
		tc_ev_register(&rec[i], masks[i]);
	/* one event of each type */
	assert_int_equal(tc_pnd_add1(tc.hl, tc_hoa(1)), NPF_NO_ERROR);
	NPF_MIPv6HA_SubtunnelHandle_t h;
	assert_int_equal(tc_add1(tc.tun, tc_hoa(2), tc_coa(2), NPF_MIPv6HA_LIFETIME_ON, 1, &h),
			 NPF_NO_ERROR);
	uint8_t tun = fp_tun_of(h);
	post_miss(0);
	post_auth(tun, h, tc_hoa(2), 0);
	advance_to(1000);
	advance_to(1001);
	const NPF_MIPv6HA_Event_t types[4] = {
	    NPF_MIPv6HA_PROXYND_DAD, NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED,
	    NPF_MIPv6HA_BC_ENTRY_MISS, NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED};
	for (int i = 0; i < 7; i++) {
		assert_int_equal(rec[i].empty_arrays, 0);
		uint32_t want_total = 0;
		for (int t = 0; t < 4; t++) {
			bool on = (masks[i] & NPF_MIPv6HA_EVENT_MASK(types[t])) != 0;
			uint32_t got = tc_evrec_count(&rec[i], types[t]);
			if (got != (on ? 1u : 0u))
				fail_msg("handler %d (mask 0x%x): %u events of type %d, want %u", i,
					 masks[i], got, types[t], on ? 1 : 0);
			want_total += on;
		}
		/* an event array never contains a disabled (or unknown) type */
		assert_int_equal(rec[i].n_ev, want_total);
		assert_ptr_equal(rec[i].last_ctx, rec[i].n_inv ? &rec[i] : NULL);
	}
	assert_int_equal(rec[5].n_inv, 0);
	/* the mask bit macros follow the enum order */
	assert_int_equal(NPF_MIPv6HA_EVENT_MASK(NPF_MIPv6HA_PROXYND_DAD),
			 NPF_MIPv6HA_PROXYND_DAD_CONCLUDED);
	assert_int_equal(NPF_MIPv6HA_EVENT_MASK(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED),
			 NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK);
}

/* §5.3.2: re-registering the pair returns ALREADY_REGISTERED and the new mask rules. */
static void test_s5_3_2_reregister_replaces_mask(void **state)
{
	(void)state;
	NPF_callbackHandle_t h1 = tc_ev_register(&rec[0], NPF_MIPv6HA_BC_ENTRY_MISS_MASK), h2 = 0;
	post_miss(0);
	advance_to(1);
	assert_int_equal(tc_evrec_count(&rec[0], NPF_MIPv6HA_BC_ENTRY_MISS), 1);
	assert_int_equal(NPF_MIPv6HA_EventRegister(&rec[0], tc_ev_handler,
						   NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK,
						   &h2),
			 NPF_E_ALREADY_REGISTERED);
	assert_int_equal(h2, h1);
	uint8_t tun;
	NPF_MIPv6HA_SubtunnelHandle_t h = binding(1, &tun);
	post_miss(1);
	post_auth(tun, h, tc_hoa(1), 0);
	advance_to(2);
	assert_int_equal(tc_evrec_count(&rec[0], NPF_MIPv6HA_BC_ENTRY_MISS), 1);
	assert_int_equal(tc_evrec_count(&rec[0], NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED), 1);
	/* mask 0 through re-registration: nothing, but still registered */
	assert_int_equal(NPF_MIPv6HA_EventRegister(&rec[0], tc_ev_handler, 0, &h2),
			 NPF_E_ALREADY_REGISTERED);
	assert_int_equal(h2, h1);
	post_miss(2);
	post_auth(tun, h, tc_hoa(1), 1);
	advance_to(3);
	assert_int_equal(rec[0].n_ev, 2);
	assert_int_equal(NPF_MIPv6HA_EventDeregister(h1), NPF_NO_ERROR);
}

/* §5.3.3 / npf_mipv6.h: events queued but not dispatched are not delivered to a
 * handler deregistered meanwhile; the other handlers still get them. */
static void test_s5_3_3_deregistered_gets_no_pending(void **state)
{
	(void)state;
	NPF_callbackHandle_t ha = tc_ev_register(&rec[0], NPF_MIPv6HA_EVENT_ALL_ENABLE);
	tc_ev_register(&rec[1], NPF_MIPv6HA_EVENT_ALL_ENABLE);
	post_miss(0);
	post_miss(1);
	/* a DAD event (dadTransmits 0) is also pending until dispatch */
	NPF_IPv6Address_t a = tc_hoa(1);
	assert_int_equal(
	    NPF_MIPv6HA_ProxyND_AddressAdd(tc.cbh, NULL, NPF_REPORT_NONE, tc.hl, 1, &a),
	    NPF_NO_ERROR);
	assert_int_equal(rec[0].n_inv + rec[1].n_inv, 0);
	assert_int_equal(NPF_MIPv6HA_EventDeregister(ha), NPF_NO_ERROR);
	advance_to(1);
	advance_to(2);
	assert_int_equal(rec[0].n_inv, 0);
	assert_int_equal(tc_evrec_count(&rec[1], NPF_MIPv6HA_BC_ENTRY_MISS), 2);
	assert_int_equal(tc_evrec_count(&rec[1], NPF_MIPv6HA_PROXYND_DAD), 1);
	/* and later events neither */
	post_miss(2);
	advance_to(3);
	assert_int_equal(rec[0].n_inv, 0);
	assert_int_equal(tc_evrec_count(&rec[1], NPF_MIPv6HA_BC_ENTRY_MISS), 3);
}

/* §4.3.2.3: BC_ENTRY_MISS carries the packet's destination. */
static void test_s4_3_2_3_bc_entry_miss(void **state)
{
	(void)state;
	tc_ev_register(&rec[0], NPF_MIPv6HA_BC_ENTRY_MISS_MASK);
	for (uint32_t k = 0; k < 5; k++)
		post_miss(k);
	assert_int_equal(rec[0].n_inv, 0); /* nothing outside dispatch */
	advance_to(0);
	assert_int_equal(rec[0].n_ev, 5);
	for (uint32_t k = 0; k < 5; k++) {
		bool found = false;
		NPF_IPv6Address_t d = tc_hoa(500 + k);
		for (uint32_t i = 0; i < 5; i++) {
			assert_int_equal(rec[0].ev[i].eventType, NPF_MIPv6HA_BC_ENTRY_MISS);
			found |= tc_aeq(&rec[0].ev[i].u.BC_entryMiss.packetAddr, &d);
		}
		assert_true(found);
	}
	struct npf_mipv6ha_api_stats st;
	npf_mipv6ha_api_stats_get(&st);
	assert_true(st.events_posted >= 5);
	assert_true(st.events_delivered >= 5);
}

/* §4.3.2.4: AUTH_FAILED without rate limiting: one event per packet, repCount 1. */
static void test_s4_3_2_4_auth_failed_fields(void **state)
{
	(void)state;
	tc_ev_register(&rec[0], NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK);
	uint8_t tun;
	NPF_MIPv6HA_SubtunnelHandle_t h = binding(1, &tun);
	for (uint32_t k = 0; k < 3; k++)
		post_auth(tun, h, tc_hoa(1), k);
	/* inner source without a binding: handle 0 */
	post_auth(tun, 0, tc_hoa(77), 3);
	advance_to(0);
	assert_int_equal(rec[0].n_ev, 4);
	for (uint32_t k = 0; k < 3; k++)
		expect_auth(auth_ev(&rec[0], k), tc.tun, h, tc_hoa(1), k, 1);
	expect_auth(auth_ev(&rec[0], 3), tc.tun, 0, tc_hoa(77), 3, 1);
}

/* Ring overflow: events beyond the ring are dropped and counted. */
static void test_runtime_event_ring_full(void **state)
{
	(void)state;
	struct npf_mipv6ha_params p;
	tc_params(&p, 64);
	p.event_ring_size = 64;
	tc_start(&p, 0);
	tc_ev_register(&rec[0], NPF_MIPv6HA_BC_ENTRY_MISS_MASK);
	struct npf_mipv6ha_api_stats st0, st;
	npf_mipv6ha_api_stats_get(&st0);
	uint32_t ok = 0, dropped = 0;
	for (uint32_t k = 0; k < 100; k++) {
		NPF_IPv6Address_t d = tc_hoa(k);
		if (fp_event_post_bc_miss(k % 2, d.addr) == 0)
			ok++;
		else
			dropped++;
	}
	assert_true(ok > 0 && ok <= 64);
	assert_int_equal(ok + dropped, 100);
	advance_to(0);
	npf_mipv6ha_api_stats_get(&st);
	if (st.events_ring_full - st0.events_ring_full != dropped)
		fail_msg("events_ring_full %lu, want %u",
			 (unsigned long)(st.events_ring_full - st0.events_ring_full), dropped);
	assert_int_equal(st.events_posted - st0.events_posted, ok);
	assert_int_equal(rec[0].n_ev, ok);
	/* the first ones got through */
	for (uint32_t i = 0; i < ok; i++) {
		NPF_IPv6Address_t d = tc_hoa(i);
		assert_true(tc_aeq(&rec[0].ev[i].u.BC_entryMiss.packetAddr, &d));
	}
	/* drained: room again */
	NPF_IPv6Address_t d = tc_hoa(1000);
	assert_int_equal(fp_event_post_bc_miss(0, d.addr), 0);
	advance_to(1);
	assert_int_equal(rec[0].n_ev, ok + 1);
}

/* §5.3.4 COUNT: one event per nCount occurrences, repCount nCount, last packet. */
static void test_s5_3_4_count_limit(void **state)
{
	(void)state;
	tc_ev_register(&rec[0], NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK);
	uint8_t tun;
	NPF_MIPv6HA_SubtunnelHandle_t h = binding(1, &tun);
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED,
				       NPF_MIPv6HA_EVENT_LIMIT_COUNT, 4),
			 NPF_NO_ERROR);
	for (uint32_t k = 0; k < 10; k++)
		post_auth(tun, h, tc_hoa(1), k);
	advance_to(0);
	assert_int_equal(rec[0].n_ev, 2);
	expect_auth(auth_ev(&rec[0], 0), tc.tun, h, tc_hoa(1), 3, 4);
	expect_auth(auth_ev(&rec[0], 1), tc.tun, h, tc_hoa(1), 7, 4);
	/* time does not flush a partial count */
	advance_to(60000);
	assert_int_equal(rec[0].n_ev, 2);
	post_auth(tun, h, tc_hoa(1), 10);
	post_auth(tun, h, tc_hoa(1), 11);
	advance_to(60001);
	assert_int_equal(rec[0].n_ev, 3);
	expect_auth(auth_ev(&rec[0], 2), tc.tun, h, tc_hoa(1), 11, 4);
	struct npf_mipv6ha_api_stats st;
	npf_mipv6ha_api_stats_get(&st);
	assert_true(st.events_rate_limited >= 9);
}

/* §5.3.4 TIME: numPerSec events per window, the rest folded into one event. */
static void test_s5_3_4_time_limit(void **state)
{
	(void)state;
	tc_ev_register(&rec[0], NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK);
	uint8_t tun;
	NPF_MIPv6HA_SubtunnelHandle_t h = binding(1, &tun);
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED,
				       NPF_MIPv6HA_EVENT_LIMIT_TIME, 2),
			 NPF_NO_ERROR);
	for (uint32_t k = 0; k < 10; k++)
		post_auth(tun, h, tc_hoa(1), k);
	advance_to(0);
	assert_int_equal(rec[0].n_ev, 2);
	expect_auth(auth_ev(&rec[0], 0), tc.tun, h, tc_hoa(1), 0, 1);
	expect_auth(auth_ev(&rec[0], 1), tc.tun, h, tc_hoa(1), 1, 1);
	assert_true(npf_mipv6ha_next_timeout_ms() <= 1000);
	advance_to(999);
	assert_int_equal(rec[0].n_ev, 2);
	advance_to(1000);
	assert_int_equal(rec[0].n_ev, 3);
	expect_auth(auth_ev(&rec[0], 2), tc.tun, h, tc_hoa(1), 9, 8);
	advance_to(5000);
	assert_int_equal(rec[0].n_ev, 3);
}

/* §4.3.2.4: the repetition count saturates at 255. */
static void test_s4_3_2_4_rep_count_saturates(void **state)
{
	(void)state;
	tc_ev_register(&rec[0], NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK);
	uint8_t tun;
	NPF_MIPv6HA_SubtunnelHandle_t h = binding(1, &tun);
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED,
				       NPF_MIPv6HA_EVENT_LIMIT_TIME, 1),
			 NPF_NO_ERROR);
	for (uint32_t k = 0; k < 300; k++)
		post_auth(tun, h, tc_hoa(1), k);
	advance_to(0);
	assert_int_equal(rec[0].n_ev, 1);
	expect_auth(auth_ev(&rec[0], 0), tc.tun, h, tc_hoa(1), 0, 1);
	advance_to(1000);
	assert_int_equal(rec[0].n_ev, 2);
	expect_auth(auth_ev(&rec[0], 1), tc.tun, h, tc_hoa(1), 299, 255);
}

/* §5.3.4 TIME: after a quiet gap, a new window starts at the next occurrence. */
static void test_s5_3_4_time_limit_new_window_after_gap(void **state)
{
	(void)state;
	tc_ev_register(&rec[0], NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK);
	uint8_t tun;
	NPF_MIPv6HA_SubtunnelHandle_t h = binding(1, &tun);
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED,
				       NPF_MIPv6HA_EVENT_LIMIT_TIME, 2),
			 NPF_NO_ERROR);
	post_auth(tun, h, tc_hoa(1), 0);
	post_auth(tun, h, tc_hoa(1), 1);
	advance_to(0);
	assert_int_equal(rec[0].n_ev, 2);
	advance_to(4000);
	assert_int_equal(rec[0].n_ev, 2);
	/* 5 s later: a fresh window [5000, 6000) */
	advance_to(5000);
	for (uint32_t k = 2; k < 5; k++)
		post_auth(tun, h, tc_hoa(1), k);
	advance_to(5000);
	if (rec[0].n_ev != 4)
		fail_msg("%u events in all after 3 occurrences in a fresh window at +5000 ms "
			 "(want 2 + 2); the last one has repCount %u",
			 rec[0].n_ev, auth_ev(&rec[0], rec[0].n_ev - 1)->repCount);
	expect_auth(auth_ev(&rec[0], 2), tc.tun, h, tc_hoa(1), 2, 1);
	expect_auth(auth_ev(&rec[0], 3), tc.tun, h, tc_hoa(1), 3, 1);
	advance_to(5999);
	assert_int_equal(rec[0].n_ev, 4);
	advance_to(6000);
	assert_int_equal(rec[0].n_ev, 5);
	expect_auth(auth_ev(&rec[0], 4), tc.tun, h, tc_hoa(1), 4, 1);
}

/* §4.3.4: limits apply per sub-tunnel. */
static void test_s5_3_4_limits_per_subtunnel(void **state)
{
	(void)state;
	tc_ev_register(&rec[0], NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK);
	uint8_t tun;
	NPF_MIPv6HA_SubtunnelHandle_t h1 = binding(1, &tun), h2 = binding(2, &tun);
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED,
				       NPF_MIPv6HA_EVENT_LIMIT_COUNT, 4),
			 NPF_NO_ERROR);
	for (uint32_t k = 0; k < 4; k++) {
		if (k < 3)
			post_auth(tun, h1, tc_hoa(1), k);
		post_auth(tun, h2, tc_hoa(2), 10 + k);
	}
	advance_to(0);
	assert_int_equal(rec[0].n_ev, 1);
	expect_auth(auth_ev(&rec[0], 0), tc.tun, h2, tc_hoa(2), 13, 4);
	post_auth(tun, h1, tc_hoa(1), 3);
	advance_to(1);
	assert_int_equal(rec[0].n_ev, 2);
	expect_auth(auth_ev(&rec[0], 1), tc.tun, h1, tc_hoa(1), 3, 4);

	/* TIME, one per second and sub-tunnel */
	tc_evrec_reset(&rec[0]);
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED,
				       NPF_MIPv6HA_EVENT_LIMIT_TIME, 1),
			 NPF_NO_ERROR);
	advance_to(10000);
	for (uint32_t k = 0; k < 2; k++) {
		post_auth(tun, h1, tc_hoa(1), 20 + k);
		post_auth(tun, h2, tc_hoa(2), 30 + k);
	}
	advance_to(10000);
	assert_int_equal(rec[0].n_ev, 2);
	uint32_t seen1 = 0, seen2 = 0;
	for (uint32_t i = 0; i < 2; i++) {
		const NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t *a = auth_ev(&rec[0], i);
		if (a->subtunnelHandle == h1) {
			seen1++;
			expect_auth(a, tc.tun, h1, tc_hoa(1), 20, 1);
		} else {
			seen2++;
			expect_auth(a, tc.tun, h2, tc_hoa(2), 30, 1);
		}
	}
	assert_int_equal(seen1, 1);
	assert_int_equal(seen2, 1);
	advance_to(11000);
	assert_int_equal(rec[0].n_ev, 4);
	for (uint32_t i = 2; i < 4; i++) {
		const NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t *a = auth_ev(&rec[0], i);
		if (a->subtunnelHandle == h1)
			expect_auth(a, tc.tun, h1, tc_hoa(1), 21, 1);
		else
			expect_auth(a, tc.tun, h2, tc_hoa(2), 31, 1);
	}
	assert_int_not_equal(auth_ev(&rec[0], 2)->subtunnelHandle,
			     auth_ev(&rec[0], 3)->subtunnelHandle);
}

/* npf_mipv6.h: a limit value of 0 removes the limit. */
static void test_s5_3_4_zero_removes_limit(void **state)
{
	(void)state;
	tc_ev_register(&rec[0], NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK);
	uint8_t tun;
	NPF_MIPv6HA_SubtunnelHandle_t h = binding(1, &tun);
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED,
				       NPF_MIPv6HA_EVENT_LIMIT_COUNT, 4),
			 NPF_NO_ERROR);
	for (uint32_t k = 0; k < 4; k++)
		post_auth(tun, h, tc_hoa(1), k);
	advance_to(0);
	assert_int_equal(rec[0].n_ev, 1);
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED,
				       NPF_MIPv6HA_EVENT_LIMIT_COUNT, 0),
			 NPF_NO_ERROR);
	for (uint32_t k = 10; k < 15; k++)
		post_auth(tun, h, tc_hoa(1), k);
	advance_to(1);
	assert_int_equal(rec[0].n_ev, 6);
	for (uint32_t i = 1; i < 6; i++)
		expect_auth(auth_ev(&rec[0], i), tc.tun, h, tc_hoa(1), 9 + i, 1);
	/* TIME with 0 as well */
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED,
				       NPF_MIPv6HA_EVENT_LIMIT_TIME, 0),
			 NPF_NO_ERROR);
	for (uint32_t k = 20; k < 25; k++)
		post_auth(tun, h, tc_hoa(1), k);
	advance_to(2);
	assert_int_equal(rec[0].n_ev, 11);
	for (uint32_t i = 6; i < 11; i++)
		expect_auth(auth_ev(&rec[0], i), tc.tun, h, tc_hoa(1), 14 + i, 1);
}

/* §5.3.4: only AUTH_FAILED can be limited; the valid elements still apply. */
static void test_s5_3_4_invalid_event_id_async(void **state)
{
	(void)state;
	tc_ev_register(&rec[0], NPF_MIPv6HA_EVENT_ALL_ENABLE);
	uint8_t tun;
	NPF_MIPv6HA_SubtunnelHandle_t h = binding(1, &tun);
	NPF_MIPv6HA_EventLimit_t l[3];
	memset(l, 0, sizeof(l));
	l[0].eventId = NPF_MIPv6HA_BC_ENTRY_MISS;
	l[0].limitType = NPF_MIPv6HA_EVENT_LIMIT_COUNT;
	l[0].u.nCount = 2;
	l[1].eventId = NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED;
	l[1].limitType = NPF_MIPv6HA_EVENT_LIMIT_COUNT;
	l[1].u.nCount = 3;
	l[2].eventId = (NPF_MIPv6HA_Event_t)42;
	l[2].limitType = NPF_MIPv6HA_EVENT_LIMIT_TIME;
	l[2].u.numPerSec = 3;
	void *corr = (void *)(uintptr_t)0x3333;
	tc_rec_reset();
	assert_int_equal(NPF_MIPv6HA_RateLimitEvents(tc.cbh, corr, NPF_REPORT_ALL, 3, l),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	struct tc_resp *r[3];
	assert_int_equal(tc_collect(NPF_MIPV6HA_RATE_LIMIT_EVENTS, corr, r, 3), 3);
	assert_int_equal(r[0]->raw.errorCode, NPF_MIPv6HA_E_INVALID_EVENT_ID);
	assert_int_equal(r[0]->raw.u2.eventType, NPF_MIPv6HA_BC_ENTRY_MISS);
	assert_int_equal(r[1]->raw.errorCode, NPF_NO_ERROR);
	assert_int_equal(r[1]->raw.u2.eventType, NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED);
	assert_int_equal(r[2]->raw.errorCode, NPF_MIPv6HA_E_INVALID_EVENT_ID);
	assert_int_equal(r[2]->raw.u2.eventType, 42);
	/* the AUTH_FAILED limit applies, BC_ENTRY_MISS stays unlimited */
	for (uint32_t k = 0; k < 3; k++)
		post_auth(tun, h, tc_hoa(1), k);
	for (uint32_t k = 0; k < 4; k++)
		post_miss(k);
	advance_to(0);
	assert_int_equal(tc_evrec_count(&rec[0], NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED), 1);
	assert_int_equal(tc_evrec_count(&rec[0], NPF_MIPv6HA_BC_ENTRY_MISS), 4);
	/* a bad limit type for AUTH_FAILED is an invalid event id as well */
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED,
				       (NPF_MIPv6HA_EventLimitType_t)9, 1),
			 NPF_MIPv6HA_E_INVALID_EVENT_ID);
}

/* §5.1: a RateLimitEvents call refused synchronously changes no limit. */
static void test_s5_3_4_sync_failure_changes_nothing(void **state)
{
	(void)state;
	tc_ev_register(&rec[0], NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK);
	uint8_t tun;
	NPF_MIPv6HA_SubtunnelHandle_t h = binding(1, &tun);
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED,
				       NPF_MIPv6HA_EVENT_LIMIT_COUNT, 4),
			 NPF_NO_ERROR);
	NPF_MIPv6HA_EventLimit_t l[2];
	memset(l, 0, sizeof(l));
	for (int i = 0; i < 2; i++) {
		l[i].eventId = NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED;
		l[i].limitType = NPF_MIPv6HA_EVENT_LIMIT_COUNT;
		l[i].u.nCount = 1;
	}
	tc_rec_reset();
	assert_int_equal(NPF_MIPv6HA_RateLimitEvents(tc.cbh, NULL, NPF_REPORT_ALL, 2, l),
			 NPF_MIPv6HA_E_DUPLICATE_EVENT_ID);
	assert_int_equal(NPF_MIPv6HA_RateLimitEvents(tc.cbh, NULL, (NPF_errorReporting_t)5, 1, l),
			 NPF_E_UNKNOWN);
	assert_int_equal(NPF_MIPv6HA_RateLimitEvents(0xBAD, NULL, NPF_REPORT_ALL, 1, l),
			 NPF_E_BAD_CALLBACK_HANDLE);
	for (uint32_t k = 0; k < 4; k++)
		post_auth(tun, h, tc_hoa(1), k);
	advance_to(0);
	assert_int_equal(tc_rec.n_inv, 0);
	/* still one event per four occurrences */
	assert_int_equal(rec[0].n_ev, 1);
	expect_auth(auth_ev(&rec[0], 0), tc.tun, h, tc_hoa(1), 3, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_s4_3_3_masks_select_types, tc_setup, ev_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_3_2_reregister_replaces_mask, tc_setup,
					    ev_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_3_3_deregistered_gets_no_pending, tc_setup,
					    ev_teardown),
	    cmocka_unit_test_setup_teardown(test_s4_3_2_3_bc_entry_miss, tc_setup, ev_teardown),
	    cmocka_unit_test_setup_teardown(test_s4_3_2_4_auth_failed_fields, tc_setup,
					    ev_teardown),
	    cmocka_unit_test_setup_teardown(test_runtime_event_ring_full, tc_setup, ev_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_3_4_count_limit, tc_setup, ev_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_3_4_time_limit, tc_setup, ev_teardown),
	    cmocka_unit_test_setup_teardown(test_s4_3_2_4_rep_count_saturates, tc_setup,
					    ev_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_3_4_time_limit_new_window_after_gap, tc_setup,
					    ev_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_3_4_limits_per_subtunnel, tc_setup,
					    ev_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_3_4_zero_removes_limit, tc_setup, ev_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_3_4_invalid_event_id_async, tc_setup,
					    ev_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_3_4_sync_failure_changes_nothing, tc_setup,
					    ev_teardown),
	};
	return cmocka_run_group_tests(tests, tc_group_setup, tc_group_teardown);
}
