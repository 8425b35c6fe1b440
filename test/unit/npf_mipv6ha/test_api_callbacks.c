/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * NPF MIPv6 HA Service API: the completion callback contract of seed 003
 * §4.2.2 (allOK / numResp / resp for single and multiple operations,
 * splitting, no repetition), §4.2.3 (u1/u2 contents), errorReporting
 * (npf.h), userContext/correlator, and delivery only from dispatch (§5.1,
 * npf_mipv6ha_runtime.h).
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

static void *const CORR = (void *)(uintptr_t)0xC022;

/* Restart with max_resp_per_callback = m (0: default). */
static void restart_with_max_resp(uint32_t m, uint32_t cap)
{
	struct npf_mipv6ha_params p;
	tc_params(&p, cap);
	p.max_resp_per_callback = m;
	tc_start(&p, 0);
}

/* Asserts the invocation sizes recorded, e.g. {4, 4, 2}. */
static void expect_split(const uint32_t *sizes, uint32_t n)
{
	if (tc_rec.n_inv != n)
		fail_msg("%u invocations, want %u", tc_rec.n_inv, n);
	for (uint32_t i = 0; i < n; i++)
		if (tc_rec.inv[i].numResp != sizes[i])
			fail_msg("invocation %u carries %u responses, want %u", i,
				 tc_rec.inv[i].numResp, sizes[i]);
}

/* Asserts one invocation of shape allOK TRUE / numResp 0 / resp NULL. */
static void expect_all_ok_no_data(NPF_MIPv6HA_CallbackType_t type, void *corr)
{
	assert_int_equal(tc_rec.n_inv, 1);
	assert_int_equal(tc_rec.inv[0].type, type);
	assert_ptr_equal(tc_rec.inv[0].ctx, TC_CTX);
	assert_ptr_equal(tc_rec.inv[0].corr, corr);
	assert_int_equal(tc_rec.inv[0].allOK, NPF_TRUE);
	assert_int_equal(tc_rec.inv[0].numResp, 0);
	assert_true(tc_rec.inv[0].resp_null);
}

/* §4.2.2 single operation, types without data: success -> allOK TRUE, 0, NULL. */
static void test_s4_2_2_single_op_no_data_success(void **state)
{
	(void)state;
	/* The wrappers assert exactly one invocation of the right type, ctx and
	 * correlator, and accept a no-data success only as TRUE/0/NULL. */
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(1), tc_coa(1), NULL), NPF_NO_ERROR);
	assert_int_equal(tc_bc_flush(tc.tun), NPF_NO_ERROR);
	expect_all_ok_no_data(NPF_MIPV6HA_BC_FLUSH, tc_rec.inv[0].corr);
	/* flush of an empty tunnel succeeds too */
	assert_int_equal(tc_bc_flush(tc.tun), NPF_NO_ERROR);
	assert_int_equal(tc_pnd_add1(tc.hl, tc_hoa(1)), NPF_NO_ERROR);
	expect_all_ok_no_data(NPF_MIPV6HA_PROXYND_ADDR_ADD, tc_rec.inv[0].corr);
	assert_int_equal(tc_pnd_del1(tc.hl, tc_hoa(1)), NPF_NO_ERROR);
	expect_all_ok_no_data(NPF_MIPV6HA_PROXYND_ADDR_DELETE, tc_rec.inv[0].corr);
	assert_int_equal(tc_pnd_add1(tc.hl, tc_hoa(2)), NPF_NO_ERROR);
	assert_int_equal(tc_pnd_flush(tc.hl), NPF_NO_ERROR);
	expect_all_ok_no_data(NPF_MIPV6HA_PROXYND_FLUSH, tc_rec.inv[0].corr);
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED,
				       NPF_MIPv6HA_EVENT_LIMIT_COUNT, 3),
			 NPF_NO_ERROR);
	expect_all_ok_no_data(NPF_MIPV6HA_RATE_LIMIT_EVENTS, tc_rec.inv[0].corr);
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED,
				       NPF_MIPv6HA_EVENT_LIMIT_TIME, 0),
			 NPF_NO_ERROR);
	expect_all_ok_no_data(NPF_MIPV6HA_RATE_LIMIT_EVENTS, tc_rec.inv[0].corr);
}

/* Asserts the single invocation of a data type: FALSE / 1 / NO_ERROR / ifHandle. */
static struct tc_resp *expect_single_data(NPF_MIPv6HA_CallbackType_t type, NPF_IfHandle_t ifh)
{
	assert_int_equal(tc_rec.n_inv, 1);
	assert_int_equal(tc_rec.inv[0].type, type);
	assert_int_equal(tc_rec.inv[0].allOK, NPF_FALSE);
	assert_int_equal(tc_rec.inv[0].numResp, 1);
	struct tc_resp *r = tc_inv_resp(0, 0);
	assert_int_equal(r->raw.errorCode, NPF_NO_ERROR);
	assert_int_equal(r->raw.u1.ifHandle, ifh);
	return r;
}

/* §4.2.2 single operation, types with data: success -> FALSE, 1, NO_ERROR + data. */
static void test_s4_2_2_single_op_data_success(void **state)
{
	(void)state;
	NPF_IPv6Address_t hoa = tc_hoa(1), coa = tc_coa(1);
	NPF_MIPv6HA_SubtunnelHandle_t h;
	assert_int_equal(tc_add1(tc.tun, hoa, coa, NPF_MIPv6HA_LIFETIME_ON, 300, &h), NPF_NO_ERROR);
	struct tc_resp *r = expect_single_data(NPF_MIPV6HA_BC_ENTRY_ADD, tc.tun);
	assert_int_not_equal(r->raw.u2.subtunnelIdentifiers.subtunnelHandle, 0);
	assert_true(tc_aeq(&r->raw.u2.subtunnelIdentifiers.HoA, &hoa));

	NPF_MIPv6HA_BC_Entry_t be;
	assert_int_equal(tc_attr1(tc.tun, h, &be), NPF_NO_ERROR);
	r = expect_single_data(NPF_MIPV6HA_BC_ENTRY_ATTR_GET, tc.tun);
	assert_true(r->has_bc);
	assert_int_equal(be.subtunnelHandle, h);
	assert_true(tc_aeq(&be.HoA, &hoa));
	assert_true(tc_aeq(&be.CoA, &coa));
	assert_int_equal(be.lifetimeMode, NPF_MIPv6HA_LIFETIME_ON);
	assert_int_equal(be.bindingLifetime, 300);
	assert_int_equal(be.remainingBindingLifetime, 300);
	assert_int_equal(be.PMTU, 1460);

	NPF_MIPv6HA_BC_EntryStats_t st;
	assert_int_equal(tc_stats1(tc.tun, h, &st), NPF_NO_ERROR);
	r = expect_single_data(NPF_MIPV6HA_BC_ENTRY_STATS_GET, tc.tun);
	assert_true(r->has_st);
	assert_int_equal(st.subtunnelHandle, h);
	assert_true(tc_aeq(&st.HoA, &hoa));

	assert_int_equal(tc_bc_space(tc.tun), 63);
	r = expect_single_data(NPF_MIPV6HA_BC_TABLE_SPACE_GET, tc.tun);
	assert_int_equal(r->raw.u2.entryspaceRemaining, 63);

	NPF_MIPv6HA_SubtunnelIdentifiers_t *ids = NULL;
	assert_int_equal(tc_bc_getall(tc.tun, &ids), 1);
	expect_single_data(NPF_MIPV6HA_BC_GET_ALL, tc.tun);
	assert_int_equal(ids[0].subtunnelHandle, h);
	assert_true(tc_aeq(&ids[0].HoA, &hoa));
	free(ids);

	NPF_IPv6Address_t hoa_del;
	assert_int_equal(tc_del1(tc.tun, h, &hoa_del), NPF_NO_ERROR);
	r = expect_single_data(NPF_MIPV6HA_BC_ENTRY_DELETE, tc.tun);
	assert_int_equal(r->raw.u2.subtunnelIdentifiers.subtunnelHandle, h);
	assert_true(tc_aeq(&hoa_del, &hoa));

	/* an empty GET_ALL is a success with nCount 0 */
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 0);
	expect_single_data(NPF_MIPV6HA_BC_GET_ALL, tc.tun);

	NPF_IPv6Address_t pa = tc_hoa(5);
	assert_int_equal(tc_pnd_add1(tc.hl, pa), NPF_NO_ERROR);
	NPF_IPv6AddrState_t s;
	assert_int_equal(tc_pnd_state1(tc.hl, pa, &s), NPF_NO_ERROR);
	r = expect_single_data(NPF_MIPV6HA_PROXYND_ADDR_STATE_GET, tc.hl);
	assert_true(tc_aeq(&r->raw.u2.proxyNDEntry.Addr, &pa));
	assert_true(s == NPF_IPv6_ADDR_VALID || s == NPF_IPv6_ADDR_PROBING);

	assert_int_equal(tc_pnd_space(tc.hl), 63);
	r = expect_single_data(NPF_MIPV6HA_PROXYND_TABLE_SPACE_GET, tc.hl);
	assert_int_equal(r->raw.u2.entryspaceRemaining, 63);

	NPF_IPv6Address_t *al = NULL;
	assert_int_equal(tc_pnd_getall(tc.hl, &al), 1);
	expect_single_data(NPF_MIPV6HA_PROXYND_GET_ALL, tc.hl);
	assert_true(tc_aeq(&al[0], &pa));
	free(al);
}

/* §4.2.2 single operation failure -> allOK FALSE, numResp 1, the code. */
static void test_s4_2_2_single_op_failure(void **state)
{
	(void)state;
	/* every wrapper asserts FALSE/1 and u1.ifHandle for a failure */
	assert_int_equal(tc_add_off(tc.tun, tc_a("::"), tc_coa(1), NULL),
			 NPF_MIPv6HA_E_INVALID_PARAM);
	assert_int_equal(tc_add_off(tc.hl, tc_hoa(1), tc_coa(1), NULL),
			 NPF_MIPv6HA_E_INVALID_IF_HANDLE);
	assert_int_equal(tc_del1(tc.tun, 0x777, NULL), NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
	assert_int_equal(tc_attr1(tc.tun, 0x777, NULL), NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
	assert_int_equal(tc_stats1(tc.tun, 0x777, NULL), NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
	assert_int_equal(tc_bc_flush(tc.hl), NPF_MIPv6HA_E_INVALID_IF_HANDLE);
	assert_int_equal(tc_bc_space_rc(tc.hl, NULL), NPF_MIPv6HA_E_INVALID_IF_HANDLE);
	assert_int_equal(tc_pnd_add1(tc.hl, tc_a("ff02::1")), NPF_MIPv6HA_E_INVALID_PARAM);
	assert_int_equal(tc_pnd_add1(tc.tun, tc_hoa(1)), NPF_MIPv6HA_E_INVALID_IF_HANDLE);
	assert_int_equal(tc_pnd_del1(tc.hl, tc_hoa(1)), NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN);
	assert_int_equal(tc_pnd_state1(tc.hl, tc_hoa(1), NULL), NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN);
	assert_int_equal(tc_pnd_flush(tc.tun), NPF_MIPv6HA_E_INVALID_IF_HANDLE);
	/* RateLimitEvents: not a rate-limitable event, bad limit type */
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_BC_ENTRY_MISS, NPF_MIPv6HA_EVENT_LIMIT_COUNT, 2),
			 NPF_MIPv6HA_E_INVALID_EVENT_ID);
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_PROXYND_DAD, NPF_MIPv6HA_EVENT_LIMIT_TIME, 2),
			 NPF_MIPv6HA_E_INVALID_EVENT_ID);
	assert_int_equal(
	    tc_ratelimit1(NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED, NPF_MIPv6HA_EVENT_LIMIT_TIME, 2),
	    NPF_MIPv6HA_E_INVALID_EVENT_ID);
	assert_int_equal(tc_ratelimit1((NPF_MIPv6HA_Event_t)99, NPF_MIPv6HA_EVENT_LIMIT_TIME, 2),
			 NPF_MIPv6HA_E_INVALID_EVENT_ID);
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED,
				       (NPF_MIPv6HA_EventLimitType_t)0, 2),
			 NPF_MIPv6HA_E_INVALID_EVENT_ID);
	assert_int_equal(tc_ratelimit1(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED,
				       (NPF_MIPv6HA_EventLimitType_t)3, 2),
			 NPF_MIPv6HA_E_INVALID_EVENT_ID);
}

/* §4.2.2 multiple operations, all OK, no data -> ONE invocation TRUE/0/NULL. */
static void test_s4_2_2_multi_op_no_data_all_ok(void **state)
{
	(void)state;
	restart_with_max_resp(4, 64);
	NPF_IPv6Address_t a[10];
	for (uint32_t i = 0; i < 10; i++)
		a[i] = tc_hoa(i);
	assert_int_equal(NPF_MIPv6HA_ProxyND_AddressAdd(tc.cbh, CORR, NPF_REPORT_ALL, tc.hl, 10, a),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	expect_all_ok_no_data(NPF_MIPV6HA_PROXYND_ADDR_ADD, CORR);
	tc_rec_reset();
	assert_int_equal(
	    NPF_MIPv6HA_ProxyND_AddressDelete(tc.cbh, CORR, NPF_REPORT_ALL, tc.hl, 10, a),
	    NPF_NO_ERROR);
	tc_dispatch_checked();
	expect_all_ok_no_data(NPF_MIPV6HA_PROXYND_ADDR_DELETE, CORR);
	assert_int_equal(tc_pnd_getall(tc.hl, NULL), 0);
}

/* §4.2.2 multiple operations with data: split 4,4,2, in array order, no repeat. */
static void test_s4_2_2_multi_op_data_split(void **state)
{
	(void)state;
	restart_with_max_resp(4, 64);
	const uint32_t split[] = {4, 4, 2};
	NPF_MIPv6HA_BC_Entry_t e[10];
	for (uint32_t i = 0; i < 10; i++)
		e[i] = tc_entry(tc_hoa(i), tc_coa(i), NPF_MIPv6HA_LIFETIME_OFF, 0);
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(tc.cbh, CORR, NPF_REPORT_ALL, tc.tun, 10, e),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	expect_split(split, 3);
	struct tc_resp *r[10];
	assert_int_equal(tc_collect(NPF_MIPV6HA_BC_ENTRY_ADD, CORR, r, 10), 10);
	NPF_MIPv6HA_SubtunnelHandle_t h[10];
	for (uint32_t i = 0; i < 10; i++) {
		assert_int_equal(r[i]->raw.errorCode, NPF_NO_ERROR);
		assert_int_equal(r[i]->raw.u1.ifHandle, tc.tun);
		assert_true(tc_aeq(&r[i]->raw.u2.subtunnelIdentifiers.HoA, &e[i].HoA));
		h[i] = r[i]->raw.u2.subtunnelIdentifiers.subtunnelHandle;
		assert_int_not_equal(h[i], 0);
		for (uint32_t j = 0; j < i; j++)
			assert_int_not_equal(h[i], h[j]);
	}

	/* attr-get of the 10 in reverse order: data follows the request order */
	NPF_MIPv6HA_SubtunnelHandle_t q[10];
	for (uint32_t i = 0; i < 10; i++)
		q[i] = h[9 - i];
	tc_rec_reset();
	assert_int_equal(NPF_MIPv6HA_BC_EntryAttrGet(tc.cbh, CORR, NPF_REPORT_ALL, tc.tun, 10, q),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	expect_split(split, 3);
	assert_int_equal(tc_collect(NPF_MIPV6HA_BC_ENTRY_ATTR_GET, CORR, r, 10), 10);
	for (uint32_t i = 0; i < 10; i++) {
		assert_int_equal(r[i]->raw.errorCode, NPF_NO_ERROR);
		assert_true(r[i]->has_bc);
		assert_int_equal(r[i]->bc.subtunnelHandle, q[i]);
		assert_true(tc_aeq(&r[i]->bc.HoA, &e[9 - i].HoA));
		assert_true(tc_aeq(&r[i]->bc.CoA, &e[9 - i].CoA));
	}

	tc_rec_reset();
	assert_int_equal(NPF_MIPv6HA_BC_EntryStatsGet(tc.cbh, CORR, NPF_REPORT_ALL, tc.tun, 10, q),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	expect_split(split, 3);
	assert_int_equal(tc_collect(NPF_MIPV6HA_BC_ENTRY_STATS_GET, CORR, r, 10), 10);
	for (uint32_t i = 0; i < 10; i++) {
		assert_int_equal(r[i]->raw.errorCode, NPF_NO_ERROR);
		assert_true(r[i]->has_st);
		assert_int_equal(r[i]->st.subtunnelHandle, q[i]);
		assert_true(tc_aeq(&r[i]->st.HoA, &e[9 - i].HoA));
	}

	tc_rec_reset();
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Delete(tc.cbh, CORR, NPF_REPORT_ALL, tc.tun, 10, h),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	expect_split(split, 3);
	assert_int_equal(tc_collect(NPF_MIPV6HA_BC_ENTRY_DELETE, CORR, r, 10), 10);
	for (uint32_t i = 0; i < 10; i++) {
		assert_int_equal(r[i]->raw.errorCode, NPF_NO_ERROR);
		assert_int_equal(r[i]->raw.u2.subtunnelIdentifiers.subtunnelHandle, h[i]);
		assert_true(tc_aeq(&r[i]->raw.u2.subtunnelIdentifiers.HoA, &e[i].HoA));
	}
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 0);
}

/* §4.2.2: a partial completion (some fail) of a no-data type, split 4,4,2. */
static void test_s4_2_2_multi_op_partial_split(void **state)
{
	(void)state;
	restart_with_max_resp(4, 64);
	const uint32_t split[] = {4, 4, 2};
	NPF_IPv6Address_t a[10];
	bool ok[10];
	for (uint32_t i = 0; i < 10; i++) {
		ok[i] = !(i == 1 || i == 5 || i == 9);
		a[i] = ok[i] ? tc_hoa(i) : tc_a("ff02::1");
		if (!ok[i])
			a[i].addr[15] = (uint8_t)i; /* distinct multicast addresses */
	}
	assert_int_equal(NPF_MIPv6HA_ProxyND_AddressAdd(tc.cbh, CORR, NPF_REPORT_ALL, tc.hl, 10, a),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	expect_split(split, 3);
	struct tc_resp *r[10];
	assert_int_equal(tc_collect(NPF_MIPV6HA_PROXYND_ADDR_ADD, CORR, r, 10), 10);
	for (uint32_t i = 0; i < 10; i++) {
		assert_int_equal(r[i]->raw.errorCode,
				 ok[i] ? NPF_NO_ERROR : NPF_MIPv6HA_E_INVALID_PARAM);
		assert_int_equal(r[i]->raw.u1.ifHandle, tc.hl);
		assert_true(tc_aeq(&r[i]->raw.u2.proxyNDAddress, &a[i]));
	}
	assert_int_equal(tc_pnd_getall(tc.hl, NULL), 7);

	/* a BC add with one failure among 10: all 10 responses, data per element */
	NPF_MIPv6HA_BC_Entry_t e[10];
	for (uint32_t i = 0; i < 10; i++)
		e[i] = tc_entry(tc_hoa(i), tc_coa(i), NPF_MIPv6HA_LIFETIME_OFF, 0);
	e[7].CoA = tc_a("fe80::7");
	tc_rec_reset();
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(tc.cbh, CORR, NPF_REPORT_ALL, tc.tun, 10, e),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	expect_split(split, 3);
	assert_int_equal(tc_collect(NPF_MIPV6HA_BC_ENTRY_ADD, CORR, r, 10), 10);
	for (uint32_t i = 0; i < 10; i++) {
		assert_int_equal(r[i]->raw.errorCode,
				 i == 7 ? NPF_MIPv6HA_E_INVALID_PARAM : NPF_NO_ERROR);
		assert_true(tc_aeq(&r[i]->raw.u2.subtunnelIdentifiers.HoA, &e[i].HoA));
	}
}

/* Default max_resp_per_callback is 256: 600 responses -> 256, 256, 88. */
static void test_s4_2_2_default_split_256(void **state)
{
	(void)state;
	restart_with_max_resp(0, 1024);
	static NPF_MIPv6HA_BC_Entry_t e[600];
	for (uint32_t i = 0; i < 600; i++)
		e[i] = tc_entry(tc_hoa(i), tc_coa(i), NPF_MIPv6HA_LIFETIME_OFF, 0);
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(tc.cbh, CORR, NPF_REPORT_ALL, tc.tun, 600, e),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	const uint32_t split[] = {256, 256, 88};
	expect_split(split, 3);
	static struct tc_resp *r[600];
	assert_int_equal(tc_collect(NPF_MIPV6HA_BC_ENTRY_ADD, CORR, r, 600), 600);
	for (uint32_t i = 0; i < 600; i++) {
		assert_int_equal(r[i]->raw.errorCode, NPF_NO_ERROR);
		assert_true(tc_aeq(&r[i]->raw.u2.subtunnelIdentifiers.HoA, &e[i].HoA));
	}
	assert_int_equal(tc_bc_space(tc.tun), 1024 - 600);
}

/* npf.h NPF_REPORT_NONE: never an invocation, even on failure; work is done. */
static void test_npf_report_none(void **state)
{
	(void)state;
	restart_with_max_resp(4, 64);
	NPF_MIPv6HA_BC_Entry_t e[6];
	for (uint32_t i = 0; i < 6; i++)
		e[i] = tc_entry(tc_hoa(i), tc_coa(i), NPF_MIPv6HA_LIFETIME_OFF, 0);
	e[2].HoA = tc_a("::1"); /* fails */
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(tc.cbh, CORR, NPF_REPORT_NONE, tc.tun, 6, e),
			 NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(tc.cbh, CORR, NPF_REPORT_NONE, tc.tun, 1, e),
			 NPF_NO_ERROR);
	NPF_MIPv6HA_SubtunnelHandle_t bad = 0x999;
	NPF_IPv6Address_t pa[2] = {tc_hoa(1), tc_a("::")};
	NPF_MIPv6HA_EventLimit_t l = {.eventId = NPF_MIPv6HA_BC_ENTRY_MISS,
				      .limitType = NPF_MIPv6HA_EVENT_LIMIT_COUNT};
	assert_int_equal(
	    NPF_MIPv6HA_BC_Entry_Delete(tc.cbh, CORR, NPF_REPORT_NONE, tc.tun, 1, &bad),
	    NPF_NO_ERROR);
	assert_int_equal(
	    NPF_MIPv6HA_BC_EntryAttrGet(tc.cbh, CORR, NPF_REPORT_NONE, tc.tun, 1, &bad),
	    NPF_NO_ERROR);
	assert_int_equal(
	    NPF_MIPv6HA_BC_EntryStatsGet(tc.cbh, CORR, NPF_REPORT_NONE, tc.tun, 1, &bad),
	    NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_BC_Flush(tc.cbh, CORR, NPF_REPORT_NONE, tc.hl), NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_BC_TableSpaceGet(tc.cbh, CORR, NPF_REPORT_NONE, tc.tun),
			 NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_BC_GetAll(tc.cbh, CORR, NPF_REPORT_NONE, tc.tun),
			 NPF_NO_ERROR);
	assert_int_equal(
	    NPF_MIPv6HA_ProxyND_AddressAdd(tc.cbh, CORR, NPF_REPORT_NONE, tc.hl, 2, pa),
	    NPF_NO_ERROR);
	assert_int_equal(
	    NPF_MIPv6HA_ProxyND_AddrStateGet(tc.cbh, CORR, NPF_REPORT_NONE, tc.hl, 2, pa),
	    NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_ProxyND_TableSpaceGet(tc.cbh, CORR, NPF_REPORT_NONE, tc.hl),
			 NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_ProxyND_GetAll(tc.cbh, CORR, NPF_REPORT_NONE, tc.tun),
			 NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_ProxyND_Flush(tc.cbh, CORR, NPF_REPORT_NONE, tc.tun),
			 NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_RateLimitEvents(tc.cbh, CORR, NPF_REPORT_NONE, 1, &l),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	assert_int_equal(tc_rec.n_inv, 0);
	/* the operations were applied all the same */
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 5);
	assert_int_equal(tc_pnd_getall(tc.hl, NULL), 1);
	/* and a NONE flush / delete really deletes */
	assert_int_equal(NPF_MIPv6HA_ProxyND_Flush(tc.cbh, CORR, NPF_REPORT_NONE, tc.hl),
			 NPF_NO_ERROR);
	tc_rec_reset();
	assert_int_equal(NPF_MIPv6HA_BC_Flush(tc.cbh, CORR, NPF_REPORT_NONE, tc.tun), NPF_NO_ERROR);
	tc_dispatch_checked();
	assert_int_equal(tc_rec.n_inv, 0);
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 0);
	assert_int_equal(tc_pnd_getall(tc.hl, NULL), 0);
}

/* npf.h NPF_REPORT_ERRORS: only failed responses; none when all succeed. */
static void test_npf_report_errors(void **state)
{
	(void)state;
	restart_with_max_resp(4, 64);
	NPF_MIPv6HA_BC_Entry_t e[20];
	for (uint32_t i = 0; i < 20; i++)
		e[i] = tc_entry(tc_hoa(i), tc_coa(i), NPF_MIPv6HA_LIFETIME_OFF, 0);
	/* all succeed (data type): no invocation at all */
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(tc.cbh, CORR, NPF_REPORT_ERRORS, tc.tun, 5, e),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	assert_int_equal(tc_rec.n_inv, 0);
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 5);
	tc_rec_reset();
	/* single successful op of each data kind: nothing */
	assert_int_equal(NPF_MIPv6HA_BC_TableSpaceGet(tc.cbh, CORR, NPF_REPORT_ERRORS, tc.tun),
			 NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_BC_GetAll(tc.cbh, CORR, NPF_REPORT_ERRORS, tc.tun),
			 NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_BC_Flush(tc.cbh, CORR, NPF_REPORT_ERRORS, tc.tun),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	assert_int_equal(tc_rec.n_inv, 0);
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 0);
	tc_rec_reset();

	/* 20 operations, the odd ones fail: exactly the 10 failures, in order, 4/4/2 */
	for (uint32_t i = 1; i < 20; i += 2)
		e[i].CoA = e[i].HoA;
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(tc.cbh, CORR, NPF_REPORT_ERRORS, tc.tun, 20, e),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	const uint32_t split[] = {4, 4, 2};
	expect_split(split, 3);
	struct tc_resp *r[20];
	assert_int_equal(tc_collect(NPF_MIPV6HA_BC_ENTRY_ADD, CORR, r, 20), 10);
	for (uint32_t k = 0; k < 10; k++) {
		assert_int_equal(r[k]->raw.errorCode, NPF_MIPv6HA_E_INVALID_PARAM);
		assert_true(tc_aeq(&r[k]->raw.u2.subtunnelIdentifiers.HoA, &e[2 * k + 1].HoA));
		assert_int_equal(r[k]->raw.u1.ifHandle, tc.tun);
	}
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 10);
	tc_rec_reset();

	/* no-data type, partial: only the failure */
	NPF_IPv6Address_t pa[3] = {tc_hoa(1), tc_a("::"), tc_hoa(2)};
	assert_int_equal(
	    NPF_MIPv6HA_ProxyND_AddressAdd(tc.cbh, CORR, NPF_REPORT_ERRORS, tc.hl, 3, pa),
	    NPF_NO_ERROR);
	tc_dispatch_checked();
	assert_int_equal(tc_collect(NPF_MIPV6HA_PROXYND_ADDR_ADD, CORR, r, 20), 1);
	assert_int_equal(r[0]->raw.errorCode, NPF_MIPv6HA_E_INVALID_PARAM);
	assert_true(tc_aeq(&r[0]->raw.u2.proxyNDAddress, &pa[1]));
	tc_rec_reset();
	/* single failure is reported */
	assert_int_equal(NPF_MIPv6HA_BC_Flush(tc.cbh, CORR, NPF_REPORT_ERRORS, tc.hl),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	assert_int_equal(tc_collect(NPF_MIPV6HA_BC_FLUSH, CORR, r, 20), 1);
	assert_int_equal(r[0]->raw.errorCode, NPF_MIPv6HA_E_INVALID_IF_HANDLE);
	assert_int_equal(r[0]->raw.u1.ifHandle, tc.hl);
	tc_rec_reset();
	/* a successful no-data single op: nothing */
	assert_int_equal(NPF_MIPv6HA_ProxyND_Flush(tc.cbh, CORR, NPF_REPORT_ERRORS, tc.hl),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	assert_int_equal(tc_rec.n_inv, 0);
}

/* §5.2.1 / §5.2.2: userContext and correlator come back unchanged, per pair. */
static void test_s5_2_1_context_and_correlator(void **state)
{
	(void)state;
	void *ctx2 = (void *)(uintptr_t)0xBEEF0002;
	NPF_callbackHandle_t h2 = 0, h3 = 0;
	assert_int_equal(NPF_MIPv6HA_Register(ctx2, tc_cb2, &h2), NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_Register(NULL, tc_cb, &h3), NPF_NO_ERROR);
	struct {
		NPF_callbackHandle_t cbh;
		void *ctx;
		int fn;
	} who[3] = {{tc.cbh, TC_CTX, 1}, {h2, ctx2, 2}, {h3, NULL, 1}};
	for (uint32_t i = 0; i < 12; i++) {
		void *corr = i == 0 ? NULL : (void *)(uintptr_t)(0xF00D0000u + i);
		assert_int_equal(
		    NPF_MIPv6HA_BC_TableSpaceGet(who[i % 3].cbh, corr, NPF_REPORT_ALL, tc.tun),
		    NPF_NO_ERROR);
	}
	assert_int_equal(tc_rec.n_inv, 0);
	tc_dispatch();
	assert_int_equal(tc_rec.n_inv, 12);
	bool seen[12] = {false};
	for (uint32_t k = 0; k < 12; k++) {
		const struct tc_inv *v = &tc_rec.inv[k];
		uint32_t i = v->corr == NULL ? 0 : (uint32_t)((uintptr_t)v->corr - 0xF00D0000u);
		assert_true(i < 12);
		assert_false(seen[i]);
		seen[i] = true;
		assert_ptr_equal(v->ctx, who[i % 3].ctx);
		assert_int_equal(v->fn, who[i % 3].fn);
		assert_int_equal(v->type, NPF_MIPV6HA_BC_TABLE_SPACE_GET);
	}
}

/* §5.2.3: completions queued for a callback deregistered meanwhile are delivered. */
static void test_s5_2_3_deregister_queued_still_delivered(void **state)
{
	(void)state;
	NPF_callbackHandle_t h2 = 0;
	void *ctx2 = (void *)(uintptr_t)0x2222;
	assert_int_equal(NPF_MIPv6HA_Register(ctx2, tc_cb2, &h2), NPF_NO_ERROR);
	NPF_MIPv6HA_BC_Entry_t e = tc_entry(tc_hoa(1), tc_coa(1), NPF_MIPv6HA_LIFETIME_OFF, 0);
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(h2, CORR, NPF_REPORT_ALL, tc.tun, 1, &e),
			 NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_Deregister(h2), NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(h2, CORR, NPF_REPORT_ALL, tc.tun, 1, &e),
			 NPF_E_BAD_CALLBACK_HANDLE);
	tc_dispatch_checked();
	assert_int_equal(tc_rec.n_inv, 1);
	assert_int_equal(tc_rec.inv[0].fn, 2);
	assert_ptr_equal(tc_rec.inv[0].ctx, ctx2);
	assert_ptr_equal(tc_rec.inv[0].corr, CORR);
	assert_int_equal(tc_rec.inv[0].type, NPF_MIPV6HA_BC_ENTRY_ADD);
	assert_int_equal(tc_inv_resp(0, 0)->raw.errorCode, NPF_NO_ERROR);
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 1);
}

/* npf_mipv6ha_runtime.h: nothing inside the call; budget limits invocations. */
static void test_runtime_dispatch_budget(void **state)
{
	(void)state;
	for (uint32_t i = 0; i < 3; i++)
		assert_int_equal(NPF_MIPv6HA_BC_TableSpaceGet(tc.cbh, (void *)(uintptr_t)(i + 1),
							      NPF_REPORT_ALL, tc.tun),
				 NPF_NO_ERROR);
	assert_int_equal(tc_rec.n_inv, 0);
	assert_int_equal(npf_mipv6ha_dispatch(1), 1);
	assert_int_equal(tc_rec.n_inv, 1);
	assert_int_equal(npf_mipv6ha_dispatch(0), 2);
	assert_int_equal(tc_rec.n_inv, 3);
	assert_int_equal(npf_mipv6ha_dispatch(0), 0);
	struct npf_mipv6ha_api_stats st;
	npf_mipv6ha_api_stats_get(&st);
	assert_true(st.completions_delivered >= 3);
}

static bool fd_readable(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

/* npf_mipv6ha_runtime.h: the event fd is readable while completions are queued. */
static void test_runtime_event_fd(void **state)
{
	(void)state;
	int fd = npf_mipv6ha_event_fd();
	assert_true(fd >= 0);
	tc_dispatch();
	assert_false(fd_readable(fd));
	assert_int_equal(NPF_MIPv6HA_BC_GetAll(tc.cbh, CORR, NPF_REPORT_ALL, tc.tun), NPF_NO_ERROR);
	assert_true(fd_readable(fd));
	tc_dispatch();
	assert_int_equal(tc_rec.n_inv, 1);
	assert_false(fd_readable(fd));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_s4_2_2_single_op_no_data_success, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s4_2_2_single_op_data_success, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s4_2_2_single_op_failure, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s4_2_2_multi_op_no_data_all_ok, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s4_2_2_multi_op_data_split, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s4_2_2_multi_op_partial_split, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s4_2_2_default_split_256, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_npf_report_none, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_npf_report_errors, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_2_1_context_and_correlator, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_2_3_deregister_queued_still_delivered, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_runtime_dispatch_budget, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_runtime_event_fd, tc_setup, tc_teardown),
	};
	return cmocka_run_group_tests(tests, tc_group_setup, tc_group_teardown);
}
