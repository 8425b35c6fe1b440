/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * NPF MIPv6 HA Service API: binding cache semantics (seed 003 §4.1.1-§4.1.5,
 * §5.4.1-§5.4.5, §5.4.10-§5.4.11): replace, handle uniqueness and
 * staleness, flush, get-all, attributes, per-lcore statistics, and the
 * binding lifetime countdown with its BINDING_LIFETIME_EXPIRED event
 * (§4.3.2.2), driven by the fake clock.
 */
#include <stdlib.h>
#include <string.h>

#include "fastpath.h"
#include "test_common.h"

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* §5.4.1: add of an existing HoA replaces CoA/lifetime, keeps the handle. */
static void test_s5_4_1_replace_keeps_handle(void **state)
{
	(void)state;
	NPF_MIPv6HA_SubtunnelHandle_t h, h2, other;
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(1), tc_coa(1), &h), NPF_NO_ERROR);
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(2), tc_coa(2), &other), NPF_NO_ERROR);
	assert_int_equal(tc_bc_space(tc.tun), 62);
	assert_int_equal(tc_add1(tc.tun, tc_hoa(1), tc_coa(9), NPF_MIPv6HA_LIFETIME_ON, 100, &h2),
			 NPF_NO_ERROR);
	assert_int_equal(h2, h);
	NPF_MIPv6HA_BC_Entry_t be;
	assert_int_equal(tc_attr1(tc.tun, h, &be), NPF_NO_ERROR);
	NPF_IPv6Address_t hoa = tc_hoa(1), coa9 = tc_coa(9);
	assert_true(tc_aeq(&be.HoA, &hoa));
	assert_true(tc_aeq(&be.CoA, &coa9));
	assert_int_equal(be.lifetimeMode, NPF_MIPv6HA_LIFETIME_ON);
	assert_int_equal(be.bindingLifetime, 100);
	assert_int_equal(be.remainingBindingLifetime, 100);
	/* no space used by a replace, nothing else touched */
	assert_int_equal(tc_bc_space(tc.tun), 62);
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 2);
	NPF_IPv6Address_t coa2 = tc_coa(2);
	assert_int_equal(tc_attr1(tc.tun, other, &be), NPF_NO_ERROR);
	assert_true(tc_aeq(&be.CoA, &coa2));
	/* replace back to mode OFF, same CoA as another binding is allowed */
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(1), tc_coa(2), &h2), NPF_NO_ERROR);
	assert_int_equal(h2, h);
	assert_int_equal(tc_attr1(tc.tun, h, &be), NPF_NO_ERROR);
	assert_true(tc_aeq(&be.CoA, &coa2));
	assert_int_equal(be.lifetimeMode, NPF_MIPv6HA_LIFETIME_OFF);
	assert_int_equal(be.remainingBindingLifetime, 0);
	/* a replace in a batch, next to a new entry */
	NPF_MIPv6HA_BC_Entry_t e[2] = {
	    tc_entry(tc_hoa(3), tc_coa(3), NPF_MIPv6HA_LIFETIME_OFF, 0),
	    tc_entry(tc_hoa(2), tc_coa(7), NPF_MIPv6HA_LIFETIME_OFF, 0),
	};
	tc_rec_reset();
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(tc.cbh, NULL, NPF_REPORT_ALL, tc.tun, 2, e),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	struct tc_resp *r[2];
	assert_int_equal(tc_collect(NPF_MIPV6HA_BC_ENTRY_ADD, NULL, r, 2), 2);
	assert_int_equal(r[0]->raw.errorCode, NPF_NO_ERROR);
	assert_int_equal(r[1]->raw.errorCode, NPF_NO_ERROR);
	assert_int_equal(r[1]->raw.u2.subtunnelIdentifiers.subtunnelHandle, other);
	assert_int_not_equal(r[0]->raw.u2.subtunnelIdentifiers.subtunnelHandle, other);
	assert_int_not_equal(r[0]->raw.u2.subtunnelIdentifiers.subtunnelHandle, h);
	assert_int_equal(tc_bc_space(tc.tun), 61);
}

/* §4.1.1 / npf_mipv6.h: handles never 0, never reused, stale ones rejected. */
static void test_s4_1_1_handles_unique_over_10000_adds(void **state)
{
	(void)state;
	enum { ROUNDS = 1250, B = 8, TOTAL = ROUNDS * B };
	struct npf_mipv6ha_params p;
	tc_params(&p, B); /* every round reuses every slot */
	tc_start(&p, 0);
	uint32_t *all = malloc(TOTAL * sizeof(*all));
	assert_non_null(all);
	NPF_MIPv6HA_BC_Entry_t e[B];
	struct tc_resp *r[B];
	uint32_t n = 0;
	for (uint32_t round = 0; round < ROUNDS; round++) {
		for (uint32_t i = 0; i < B; i++)
			e[i] =
			    tc_entry(tc_hoa(round * B + i), tc_coa(i), NPF_MIPv6HA_LIFETIME_OFF, 0);
		tc_rec_reset();
		assert_int_equal(
		    NPF_MIPv6HA_BC_Entry_Add(tc.cbh, NULL, NPF_REPORT_ALL, tc.tun, B, e),
		    NPF_NO_ERROR);
		tc_dispatch_checked();
		assert_int_equal(tc_collect(NPF_MIPV6HA_BC_ENTRY_ADD, NULL, r, B), B);
		NPF_MIPv6HA_SubtunnelHandle_t h[B];
		for (uint32_t i = 0; i < B; i++) {
			if (r[i]->raw.errorCode != NPF_NO_ERROR)
				fail_msg("round %u element %u: add got %u", round, i,
					 r[i]->raw.errorCode);
			h[i] = r[i]->raw.u2.subtunnelIdentifiers.subtunnelHandle;
			assert_int_not_equal(h[i], 0);
			all[n++] = h[i];
		}
		tc_rec_reset();
		assert_int_equal(
		    NPF_MIPv6HA_BC_Entry_Delete(tc.cbh, NULL, NPF_REPORT_ERRORS, tc.tun, B, h),
		    NPF_NO_ERROR);
		tc_dispatch_checked();
		if (tc_rec.n_inv != 0)
			fail_msg("round %u: delete of fresh handles reported %u failures", round,
				 tc_rec_total_resp());
	}
	uint32_t *sorted = malloc(TOTAL * sizeof(*sorted));
	assert_non_null(sorted);
	memcpy(sorted, all, TOTAL * sizeof(*sorted));
	qsort(sorted, TOTAL, sizeof(*sorted), cmp_u32);
	for (uint32_t i = 1; i < TOTAL; i++)
		if (sorted[i] == sorted[i - 1])
			fail_msg("handle 0x%x handed out twice in %u adds", sorted[i], TOTAL);
	free(sorted);
	/* fill every slot again; then every old handle must be rejected */
	for (uint32_t i = 0; i < B; i++)
		assert_int_equal(tc_add_off(tc.tun, tc_hoa(TOTAL + i), tc_coa(i), NULL),
				 NPF_NO_ERROR);
	for (uint32_t off = 0; off < TOTAL; off += 1000) {
		tc_rec_reset();
		assert_int_equal(NPF_MIPv6HA_BC_EntryAttrGet(tc.cbh, NULL, NPF_REPORT_ALL, tc.tun,
							     1000, all + off),
				 NPF_NO_ERROR);
		tc_dispatch_checked();
		static struct tc_resp *rr[1000];
		assert_int_equal(tc_collect(NPF_MIPV6HA_BC_ENTRY_ATTR_GET, NULL, rr, 1000), 1000);
		for (uint32_t i = 0; i < 1000; i++)
			if (rr[i]->raw.errorCode != NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE)
				fail_msg("stale handle 0x%x: attr-get got %u", all[off + i],
					 rr[i]->raw.errorCode);
		tc_rec_reset();
		assert_int_equal(NPF_MIPv6HA_BC_Entry_Delete(tc.cbh, NULL, NPF_REPORT_NONE, tc.tun,
							     1000, all + off),
				 NPF_NO_ERROR);
		tc_dispatch_checked();
	}
	/* deleting 10,000 stale handles did not delete a live entry */
	assert_int_equal(tc_bc_getall(tc.tun, NULL), B);
	free(all);
}

/* §5.4.3: flush empties only that tunnel interface. */
static void test_s5_4_3_flush_only_that_tunnel(void **state)
{
	(void)state;
	NPF_IfHandle_t t2 = tc_tunnel(tc.hl, "2001:db8:1::2");
	NPF_MIPv6HA_SubtunnelHandle_t h1[5], h2[5];
	for (uint32_t i = 0; i < 5; i++) {
		assert_int_equal(tc_add_off(tc.tun, tc_hoa(i), tc_coa(i), &h1[i]), NPF_NO_ERROR);
		assert_int_equal(tc_add_off(t2, tc_hoa(10 + i), tc_coa(i), &h2[i]), NPF_NO_ERROR);
	}
	assert_int_equal(tc_bc_space(tc.tun), 54);
	assert_int_equal(tc_bc_flush(tc.tun), NPF_NO_ERROR);
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 0);
	assert_int_equal(tc_bc_space(tc.tun), 59);
	NPF_MIPv6HA_SubtunnelIdentifiers_t *ids = NULL;
	assert_int_equal(tc_bc_getall(t2, &ids), 5);
	for (uint32_t i = 0; i < 5; i++) {
		assert_true(tc_ids_has_handle(ids, 5, h2[i]));
		assert_int_equal(tc_attr1(tc.tun, h1[i], NULL),
				 NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
		assert_int_equal(tc_attr1(t2, h2[i], NULL), NPF_NO_ERROR);
	}
	free(ids);
	/* the flushed HoAs can be bound again, even on the other tunnel */
	assert_int_equal(tc_add_off(t2, tc_hoa(0), tc_coa(0), NULL), NPF_NO_ERROR);
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(1), tc_coa(1), NULL), NPF_NO_ERROR);
	/* tunnel interface with entries cannot be deleted; after flush it can */
	assert_int_equal(NPF_MIPv6HA_IF_TunnelDelete(t2), NPF_E_RESOURCE_IN_USE);
	assert_int_equal(tc_bc_flush(t2), NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_IF_TunnelDelete(t2), NPF_NO_ERROR);
	assert_int_equal(tc_bc_space(tc.tun), 63);
}

/* §5.4.11: GetAll returns exactly the live identifiers of that interface. */
static void test_s5_4_11_get_all_exact(void **state)
{
	(void)state;
	NPF_IfHandle_t t2 = tc_tunnel(tc.hl, "2001:db8:1::2");
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 0);
	NPF_MIPv6HA_SubtunnelHandle_t h[20];
	for (uint32_t i = 0; i < 20; i++)
		assert_int_equal(tc_add_off(i % 4 == 3 ? t2 : tc.tun, tc_hoa(i), tc_coa(i), &h[i]),
				 NPF_NO_ERROR);
	/* delete some, replace some */
	for (uint32_t i = 0; i < 20; i += 5)
		assert_int_equal(tc_del1(i % 4 == 3 ? t2 : tc.tun, h[i], NULL), NPF_NO_ERROR);
	for (uint32_t i = 1; i < 20; i += 6)
		assert_int_equal(
		    tc_add_off(i % 4 == 3 ? t2 : tc.tun, tc_hoa(i), tc_coa(100 + i), NULL),
		    NPF_NO_ERROR);
	NPF_MIPv6HA_SubtunnelIdentifiers_t *ids = NULL;
	uint32_t n = tc_bc_getall(tc.tun, &ids);
	uint32_t want = 0;
	for (uint32_t i = 0; i < 20; i++) {
		bool live = i % 5 != 0, mine = i % 4 != 3;
		if (!(live && mine))
			continue;
		want++;
		bool found = false;
		for (uint32_t k = 0; k < n; k++) {
			if (ids[k].subtunnelHandle != h[i])
				continue;
			NPF_IPv6Address_t hoa = tc_hoa(i);
			assert_true(tc_aeq(&ids[k].HoA, &hoa));
			found = true;
		}
		if (!found)
			fail_msg("live entry %u (handle 0x%x) missing from GetAll", i, h[i]);
	}
	assert_int_equal(n, want);
	/* no duplicates */
	for (uint32_t a = 0; a < n; a++)
		for (uint32_t b = a + 1; b < n; b++)
			assert_int_not_equal(ids[a].subtunnelHandle, ids[b].subtunnelHandle);
	free(ids);
	n = tc_bc_getall(t2, &ids);
	assert_int_equal(n, 4); /* i = 3, 7, 11, 19 (15 deleted) */
	free(ids);
}

/* §4.1.4 / §5.4.4: the attributes read back. */
static void test_s5_4_4_attr_get_fields(void **state)
{
	(void)state;
	NPF_MIPv6HA_SubtunnelHandle_t ho, hn;
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(1), tc_coa(1), &ho), NPF_NO_ERROR);
	assert_int_equal(tc_add1(tc.tun, tc_hoa(2), tc_coa(2), NPF_MIPv6HA_LIFETIME_ON, 3600, &hn),
			 NPF_NO_ERROR);
	NPF_MIPv6HA_BC_Entry_t be;
	NPF_IPv6Address_t hoa1 = tc_hoa(1), coa1 = tc_coa(1), hoa2 = tc_hoa(2), coa2 = tc_coa(2);
	assert_int_equal(tc_attr1(tc.tun, ho, &be), NPF_NO_ERROR);
	assert_int_equal(be.subtunnelHandle, ho);
	assert_true(tc_aeq(&be.HoA, &hoa1));
	assert_true(tc_aeq(&be.CoA, &coa1));
	assert_int_equal(be.PMTU, 1460); /* tunnel MTU, PMTU mode off */
	assert_int_equal(be.lifetimeMode, NPF_MIPv6HA_LIFETIME_OFF);
	assert_int_equal(be.remainingBindingLifetime, 0);
	assert_int_equal(tc_attr1(tc.tun, hn, &be), NPF_NO_ERROR);
	assert_int_equal(be.subtunnelHandle, hn);
	assert_true(tc_aeq(&be.HoA, &hoa2));
	assert_true(tc_aeq(&be.CoA, &coa2));
	assert_int_equal(be.PMTU, 1460);
	assert_int_equal(be.lifetimeMode, NPF_MIPv6HA_LIFETIME_ON);
	assert_int_equal(be.bindingLifetime, 3600);
	assert_int_equal(be.remainingBindingLifetime, 3600);
	/* a tunnel MTU change is seen by existing sub-tunnels */
	NPF_MIPv6HA_IF_TunnelConfig_t c;
	tc_tunnel_cfg(&c, tc.hl, "2001:db8:1::1");
	c.mtu = 1400;
	assert_int_equal(NPF_MIPv6HA_IF_TunnelSet(tc.tun, &c), NPF_NO_ERROR);
	assert_int_equal(tc_attr1(tc.tun, ho, &be), NPF_NO_ERROR);
	assert_int_equal(be.PMTU, 1400);
}

/* §4.1.5 / §5.4.5: statistics start at 0 and sum the workers' counters. */
static void test_s5_4_5_stats_sum_over_workers(void **state)
{
	(void)state;
	NPF_MIPv6HA_SubtunnelHandle_t h, h2;
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(1), tc_coa(1), &h), NPF_NO_ERROR);
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(2), tc_coa(2), &h2), NPF_NO_ERROR);
	NPF_MIPv6HA_BC_EntryStats_t st;
	assert_int_equal(tc_stats1(tc.tun, h, &st), NPF_NO_ERROR);
	NPF_IPv6Address_t hoa = tc_hoa(1);
	assert_true(tc_aeq(&st.HoA, &hoa));
	assert_int_equal(st.mipv6NodeHCInPkts, 0);
	assert_int_equal(st.mipv6NodeHCInOctets, 0);
	assert_int_equal(st.mipv6NodeHCPkts, 0);
	assert_int_equal(st.mipv6NodeHCOctets, 0);
	assert_int_equal(st.dropRxPkts, 0);
	assert_int_equal(st.dropRxOctets, 0);
	assert_int_equal(st.dropTxPkts, 0);
	assert_int_equal(st.dropTxOctets, 0);
	/* worker 0 and worker 3 (max_lcores = 4) */
	for (int i = 0; i < 3; i++)
		fp_st_count(0, h, FP_ST_IN, 100);
	for (int i = 0; i < 2; i++)
		fp_st_count(3, h, FP_ST_IN, 50);
	fp_st_count(0, h, FP_ST_OUT, 1000);
	for (int i = 0; i < 4; i++)
		fp_st_count(3, h, FP_ST_OUT, 10);
	for (int i = 0; i < 7; i++)
		fp_st_count(3, h, FP_ST_DROP_RX, 7);
	for (int i = 0; i < 2; i++)
		fp_st_count(0, h, FP_ST_DROP_TX, 1500);
	fp_st_count(1, h2, FP_ST_OUT, 64);
	assert_int_equal(tc_stats1(tc.tun, h, &st), NPF_NO_ERROR);
	assert_int_equal(st.mipv6NodeHCInPkts, 5);
	assert_int_equal(st.mipv6NodeHCInOctets, 400);
	assert_int_equal(st.mipv6NodeHCPkts, 5);
	assert_int_equal(st.mipv6NodeHCOctets, 1040);
	assert_int_equal(st.dropRxPkts, 7);
	assert_int_equal(st.dropRxOctets, 49);
	assert_int_equal(st.dropTxPkts, 2);
	assert_int_equal(st.dropTxOctets, 3000);
	assert_int_equal(tc_stats1(tc.tun, h2, &st), NPF_NO_ERROR);
	assert_int_equal(st.mipv6NodeHCInPkts, 0);
	assert_int_equal(st.mipv6NodeHCPkts, 1);
	assert_int_equal(st.mipv6NodeHCOctets, 64);
	assert_int_equal(st.dropRxPkts + st.dropTxPkts, 0);
	/* a replace (new CoA) keeps the sub-tunnel and its counters */
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(1), tc_coa(5), NULL), NPF_NO_ERROR);
	assert_int_equal(tc_stats1(tc.tun, h, &st), NPF_NO_ERROR);
	assert_int_equal(st.mipv6NodeHCInPkts, 5);
}

/* §5.4.5: a new entry in a reused slot starts from 0. */
static void test_s5_4_5_stats_zero_after_slot_reuse(void **state)
{
	(void)state;
	struct npf_mipv6ha_params p;
	tc_params(&p, 8);
	tc_start(&p, 0);
	NPF_MIPv6HA_SubtunnelHandle_t old;
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(0), tc_coa(0), &old), NPF_NO_ERROR);
	fp_st_count(0, old, FP_ST_IN, 123);
	fp_st_count(2, old, FP_ST_OUT, 456);
	fp_st_count(1, old, FP_ST_DROP_RX, 1);
	fp_st_count(3, old, FP_ST_DROP_TX, 2);
	assert_int_equal(tc_del1(tc.tun, old, NULL), NPF_NO_ERROR);
	/* fill the table: one of these uses the old slot */
	bool reused = false;
	for (uint32_t i = 1; i <= 8; i++) {
		NPF_MIPv6HA_SubtunnelHandle_t h;
		assert_int_equal(tc_add_off(tc.tun, tc_hoa(i), tc_coa(i), &h), NPF_NO_ERROR);
		reused |= fp_handle_idx(h) == fp_handle_idx(old);
		NPF_MIPv6HA_BC_EntryStats_t st;
		assert_int_equal(tc_stats1(tc.tun, h, &st), NPF_NO_ERROR);
		if (st.mipv6NodeHCInPkts | st.mipv6NodeHCInOctets | st.mipv6NodeHCPkts |
		    st.mipv6NodeHCOctets | st.dropRxPkts | st.dropRxOctets | st.dropTxPkts |
		    st.dropTxOctets)
			fail_msg("new entry 0x%x (slot %u, deleted 0x%x was slot %u) starts with "
				 "in %lu/%lu out %lu/%lu droprx %lu/%lu droptx %lu/%lu",
				 h, fp_handle_idx(h), old, fp_handle_idx(old),
				 (unsigned long)st.mipv6NodeHCInPkts,
				 (unsigned long)st.mipv6NodeHCInOctets,
				 (unsigned long)st.mipv6NodeHCPkts,
				 (unsigned long)st.mipv6NodeHCOctets, (unsigned long)st.dropRxPkts,
				 (unsigned long)st.dropRxOctets, (unsigned long)st.dropTxPkts,
				 (unsigned long)st.dropTxOctets);
	}
	assert_true(reused);
	assert_int_equal(tc_stats1(tc.tun, old, NULL), NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
}

/* Lifetime tests: a recorder for BINDING_LIFETIME_EXPIRED and one for DAD only. */
static struct tc_evrec ev_life, ev_dad;

static void lifetime_handlers(void)
{
	tc_evrec_reset(&ev_life);
	tc_evrec_reset(&ev_dad);
	tc_ev_register(&ev_life, NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED_MASK);
	tc_ev_register(&ev_dad, NPF_MIPv6HA_PROXYND_DAD_CONCLUDED);
}

static uint32_t remaining(NPF_MIPv6HA_SubtunnelHandle_t h)
{
	NPF_MIPv6HA_BC_Entry_t be;
	assert_int_equal(tc_attr1(tc.tun, h, &be), NPF_NO_ERROR);
	return be.remainingBindingLifetime;
}

static void advance_to(uint64_t rel_ms)
{
	tc_now_ms = TC_T0_MS + rel_ms;
	tc_rec_reset();
	tc_dispatch();
}

/* §4.1.4 / §4.3.2.2: countdown, expiry at 0, event, handle invalid. */
static void test_s4_1_4_lifetime_expiry(void **state)
{
	(void)state;
	lifetime_handlers();
	NPF_MIPv6HA_SubtunnelHandle_t h, keep;
	assert_int_equal(tc_add1(tc.tun, tc_hoa(1), tc_coa(1), NPF_MIPv6HA_LIFETIME_ON, 10, &h),
			 NPF_NO_ERROR);
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(2), tc_coa(2), &keep), NPF_NO_ERROR);
	assert_int_equal(remaining(h), 10);
	uint32_t to = npf_mipv6ha_next_timeout_ms();
	assert_true(to <= 10000);
	advance_to(3500);
	assert_int_equal(remaining(h), 7); /* 6.5 s rounded up */
	advance_to(9999);
	assert_int_equal(ev_life.n_ev, 0);
	assert_int_equal(remaining(h), 1);
	assert_int_equal(tc_bc_space(tc.tun), 62);
	advance_to(10000);
	assert_int_equal(ev_life.empty_arrays, 0);
	assert_int_equal(ev_life.n_ev, 1);
	const NPF_MIPv6HA_EventData_t *ev = &ev_life.ev[0];
	assert_int_equal(ev->eventType, NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED);
	assert_int_equal(ev->u.bindingLftExp.MipV6HA_tunnelInterfaceHandle, tc.tun);
	assert_int_equal(ev->u.bindingLftExp.subtunnelHandle, h);
	NPF_IPv6Address_t hoa = tc_hoa(1);
	assert_true(tc_aeq(&ev->u.bindingLftExp.HoA, &hoa));
	assert_int_equal(ev_dad.n_inv, 0);
	/* deleted: handle invalid, space back, only the OFF entry left */
	assert_int_equal(tc_attr1(tc.tun, h, NULL), NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
	assert_int_equal(tc_del1(tc.tun, h, NULL), NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
	assert_int_equal(tc_bc_space(tc.tun), 63);
	NPF_MIPv6HA_SubtunnelIdentifiers_t *ids = NULL;
	assert_int_equal(tc_bc_getall(tc.tun, &ids), 1);
	assert_int_equal(ids[0].subtunnelHandle, keep);
	free(ids);
	/* no second event */
	advance_to(30000);
	assert_int_equal(ev_life.n_ev, 1);
	/* the HoA can be bound again, under a new handle */
	NPF_MIPv6HA_SubtunnelHandle_t h2;
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(1), tc_coa(1), &h2), NPF_NO_ERROR);
	assert_int_not_equal(h2, h);
	tc_evrec_reset(&ev_life);
	tc_evrec_reset(&ev_dad);
}

/* §5.4.1 + §4.1.4: a replace with a new lifetime restarts the countdown. */
static void test_s4_1_4_lifetime_replace_restarts(void **state)
{
	(void)state;
	lifetime_handlers();
	NPF_MIPv6HA_SubtunnelHandle_t h, hs, h2;
	assert_int_equal(tc_add1(tc.tun, tc_hoa(1), tc_coa(1), NPF_MIPv6HA_LIFETIME_ON, 10, &h),
			 NPF_NO_ERROR);
	/* a second one that will be shortened */
	assert_int_equal(tc_add1(tc.tun, tc_hoa(2), tc_coa(2), NPF_MIPv6HA_LIFETIME_ON, 100, &hs),
			 NPF_NO_ERROR);
	advance_to(1000);
	assert_int_equal(tc_add1(tc.tun, tc_hoa(2), tc_coa(3), NPF_MIPv6HA_LIFETIME_ON, 5, &h2),
			 NPF_NO_ERROR);
	assert_int_equal(h2, hs);
	advance_to(8000);
	assert_int_equal(tc_add1(tc.tun, tc_hoa(1), tc_coa(4), NPF_MIPv6HA_LIFETIME_ON, 10, &h2),
			 NPF_NO_ERROR);
	assert_int_equal(h2, h);
	assert_int_equal(remaining(h), 10);
	/* hs was due at 1000 + 5000 */
	assert_int_equal(tc_evrec_count(&ev_life, NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED), 1);
	assert_int_equal(ev_life.ev[0].u.bindingLftExp.subtunnelHandle, hs);
	assert_int_equal(tc_attr1(tc.tun, hs, NULL), NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
	advance_to(10000); /* the first deadline has been replaced */
	assert_int_equal(ev_life.n_ev, 1);
	assert_int_equal(remaining(h), 8);
	advance_to(17999);
	assert_int_equal(ev_life.n_ev, 1);
	assert_int_equal(remaining(h), 1);
	advance_to(18000);
	assert_int_equal(ev_life.n_ev, 2);
	assert_int_equal(ev_life.ev[1].u.bindingLftExp.subtunnelHandle, h);
	assert_int_equal(tc_attr1(tc.tun, h, NULL), NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
	assert_int_equal(tc_bc_space(tc.tun), 64);
	tc_evrec_reset(&ev_life);
	tc_evrec_reset(&ev_dad);
}

/* §4.1.4: mode OFF never expires; ON -> OFF cancels, OFF -> ON starts a countdown. */
static void test_s4_1_4_lifetime_off_never_expires(void **state)
{
	(void)state;
	lifetime_handlers();
	NPF_MIPv6HA_SubtunnelHandle_t off, sw, on;
	assert_int_equal(tc_add1(tc.tun, tc_hoa(1), tc_coa(1), NPF_MIPv6HA_LIFETIME_OFF, 5, &off),
			 NPF_NO_ERROR);
	assert_int_equal(tc_add1(tc.tun, tc_hoa(2), tc_coa(2), NPF_MIPv6HA_LIFETIME_ON, 5, &sw),
			 NPF_NO_ERROR);
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(3), tc_coa(3), &on), NPF_NO_ERROR);
	assert_int_equal(remaining(off), 0);
	advance_to(1000);
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(2), tc_coa(2), NULL), NPF_NO_ERROR);
	assert_int_equal(tc_add1(tc.tun, tc_hoa(3), tc_coa(3), NPF_MIPv6HA_LIFETIME_ON, 20, NULL),
			 NPF_NO_ERROR);
	advance_to(20000);
	assert_int_equal(ev_life.n_ev, 0);
	assert_int_equal(remaining(sw), 0);
	assert_int_equal(remaining(on), 1);
	advance_to(21000);
	assert_int_equal(ev_life.n_ev, 1);
	assert_int_equal(ev_life.ev[0].u.bindingLftExp.subtunnelHandle, on);
	advance_to(1000ull * 1000 * 1000); /* 11.5 days */
	assert_int_equal(ev_life.n_ev, 1);
	assert_int_equal(remaining(off), 0);
	assert_int_equal(remaining(sw), 0);
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 2);
	tc_evrec_reset(&ev_life);
	tc_evrec_reset(&ev_dad);
}

/* §4.3.2.2: several entries expiring at once each give one event. */
static void test_s4_3_2_2_many_expire_together(void **state)
{
	(void)state;
	lifetime_handlers();
	NPF_MIPv6HA_BC_Entry_t e[20];
	for (uint32_t i = 0; i < 20; i++)
		e[i] = tc_entry(tc_hoa(i), tc_coa(i), NPF_MIPv6HA_LIFETIME_ON, 1 + i % 3);
	tc_rec_reset();
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(tc.cbh, NULL, NPF_REPORT_ALL, tc.tun, 20, e),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	struct tc_resp *r[20];
	assert_int_equal(tc_collect(NPF_MIPV6HA_BC_ENTRY_ADD, NULL, r, 20), 20);
	NPF_MIPv6HA_SubtunnelHandle_t h[20];
	for (uint32_t i = 0; i < 20; i++)
		h[i] = r[i]->raw.u2.subtunnelIdentifiers.subtunnelHandle;
	advance_to(5000); /* everything is due */
	assert_int_equal(ev_life.n_ev, 20);
	for (uint32_t i = 0; i < 20; i++) {
		uint32_t found = 0;
		for (uint32_t k = 0; k < ev_life.n_ev; k++) {
			const NPF_MIPv6HA_BindingLifetimeExpired_t *x =
			    &ev_life.ev[k].u.bindingLftExp;
			if (x->subtunnelHandle != h[i])
				continue;
			found++;
			assert_true(tc_aeq(&x->HoA, &e[i].HoA));
			assert_int_equal(x->MipV6HA_tunnelInterfaceHandle, tc.tun);
		}
		assert_int_equal(found, 1);
	}
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 0);
	assert_int_equal(tc_bc_space(tc.tun), 64);
	tc_evrec_reset(&ev_life);
	tc_evrec_reset(&ev_dad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_s5_4_1_replace_keeps_handle, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s4_1_1_handles_unique_over_10000_adds, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_3_flush_only_that_tunnel, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_11_get_all_exact, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_4_attr_get_fields, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_5_stats_sum_over_workers, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_5_stats_zero_after_slot_reuse, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s4_1_4_lifetime_expiry, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s4_1_4_lifetime_replace_restarts, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s4_1_4_lifetime_off_never_expires, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s4_3_2_2_many_expire_together, tc_setup,
					    tc_teardown),
	};
	return cmocka_run_group_tests(tests, tc_group_setup, tc_group_teardown);
}
