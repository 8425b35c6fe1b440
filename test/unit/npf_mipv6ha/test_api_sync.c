/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * NPF MIPv6 HA Service API: synchronous return codes (seed 003 §5.1-§5.4),
 * bad input, registration, and the per-element asynchronous error codes of
 * the BC and proxy ND calls (§5.4, npf_mipv6.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

/* ------------------------------------------------------------ helpers */

enum fn_id {
	F_BC_ADD,
	F_BC_DEL,
	F_BC_FLUSH,
	F_BC_ATTR,
	F_BC_STATS,
	F_PND_ADD,
	F_PND_DEL,
	F_PND_FLUSH,
	F_PND_STATE,
	F_BC_SPACE,
	F_BC_GETALL,
	F_PND_SPACE,
	F_PND_GETALL,
	F_RATE,
	F__N
};

static const char *const fn_name[F__N] = {
    "BC_Entry_Add",          "BC_Entry_Delete",  "BC_Flush",
    "BC_EntryAttrGet",       "BC_EntryStatsGet", "ProxyND_AddressAdd",
    "ProxyND_AddressDelete", "ProxyND_Flush",    "ProxyND_AddrStateGet",
    "BC_TableSpaceGet",      "BC_GetAll",        "ProxyND_TableSpaceGet",
    "ProxyND_GetAll",        "RateLimitEvents"};

static bool fn_has_array(int f)
{
	return f != F_BC_FLUSH && f != F_PND_FLUSH && f != F_BC_SPACE && f != F_BC_GETALL &&
	       f != F_PND_SPACE && f != F_PND_GETALL;
}

static bool fn_is_bc(int f)
{
	return f <= F_BC_STATS || f == F_BC_SPACE || f == F_BC_GETALL;
}

/* Valid request arrays (4 elements each) used by call_fn(). */
static NPF_MIPv6HA_BC_Entry_t g_entries[4];
static NPF_MIPv6HA_SubtunnelHandle_t g_handles[4];
static NPF_IPv6Address_t g_addrs[4];
static NPF_MIPv6HA_EventLimit_t g_limits[5];

static void fill_requests(void)
{
	for (uint32_t i = 0; i < 4; i++) {
		g_entries[i] =
		    tc_entry(tc_hoa(50 + i), tc_coa(50 + i), NPF_MIPv6HA_LIFETIME_OFF, 0);
		g_handles[i] = 0x12345600u + i;
		g_addrs[i] = tc_hoa(60 + i);
	}
	for (uint32_t i = 0; i < 5; i++) {
		memset(&g_limits[i], 0, sizeof(g_limits[i]));
		g_limits[i].eventId = (NPF_MIPv6HA_Event_t)(i + 1);
		g_limits[i].limitType = NPF_MIPv6HA_EVENT_LIMIT_COUNT;
		g_limits[i].u.nCount = 2;
	}
}

static NPF_error_t call_fn(int f, NPF_callbackHandle_t cbh, NPF_errorReporting_t rep,
			   NPF_IfHandle_t ifh, uint32_t n, bool null_array)
{
	void *corr = (void *)(uintptr_t)0xABCD;
	switch (f) {
	case F_BC_ADD:
		return NPF_MIPv6HA_BC_Entry_Add(cbh, corr, rep, ifh, n,
						null_array ? NULL : g_entries);
	case F_BC_DEL:
		return NPF_MIPv6HA_BC_Entry_Delete(cbh, corr, rep, ifh, n,
						   null_array ? NULL : g_handles);
	case F_BC_FLUSH:
		return NPF_MIPv6HA_BC_Flush(cbh, corr, rep, ifh);
	case F_BC_ATTR:
		return NPF_MIPv6HA_BC_EntryAttrGet(cbh, corr, rep, ifh, n,
						   null_array ? NULL : g_handles);
	case F_BC_STATS:
		return NPF_MIPv6HA_BC_EntryStatsGet(cbh, corr, rep, ifh, n,
						    null_array ? NULL : g_handles);
	case F_PND_ADD:
		return NPF_MIPv6HA_ProxyND_AddressAdd(cbh, corr, rep, ifh, n,
						      null_array ? NULL : g_addrs);
	case F_PND_DEL:
		return NPF_MIPv6HA_ProxyND_AddressDelete(cbh, corr, rep, ifh, n,
							 null_array ? NULL : g_addrs);
	case F_PND_FLUSH:
		return NPF_MIPv6HA_ProxyND_Flush(cbh, corr, rep, ifh);
	case F_PND_STATE:
		return NPF_MIPv6HA_ProxyND_AddrStateGet(cbh, corr, rep, ifh, n,
							null_array ? NULL : g_addrs);
	case F_BC_SPACE:
		return NPF_MIPv6HA_BC_TableSpaceGet(cbh, corr, rep, ifh);
	case F_BC_GETALL:
		return NPF_MIPv6HA_BC_GetAll(cbh, corr, rep, ifh);
	case F_PND_SPACE:
		return NPF_MIPv6HA_ProxyND_TableSpaceGet(cbh, corr, rep, ifh);
	case F_PND_GETALL:
		return NPF_MIPv6HA_ProxyND_GetAll(cbh, corr, rep, ifh);
	case F_RATE:
		return NPF_MIPv6HA_RateLimitEvents(cbh, corr, rep, n, null_array ? NULL : g_limits);
	default:
		fail();
	}
	return NPF_E_UNKNOWN;
}

static NPF_IfHandle_t fn_ifh(int f)
{
	return fn_is_bc(f) ? tc.tun : tc.hl;
}

/* Snapshot of the tables, to prove that a rejected call changed nothing. */
struct snap {
	uint32_t bc_space, pnd_space, n_ids, n_addrs;
	NPF_MIPv6HA_SubtunnelIdentifiers_t *ids;
	NPF_IPv6Address_t *addrs;
};

static int cmp_ids(const void *a, const void *b)
{
	const NPF_MIPv6HA_SubtunnelIdentifiers_t *x = a, *y = b;
	return x->subtunnelHandle < y->subtunnelHandle ? -1
						       : x->subtunnelHandle > y->subtunnelHandle;
}

static int cmp_addr(const void *a, const void *b)
{
	return memcmp(a, b, 16);
}

static void snap_take(struct snap *s)
{
	s->bc_space = tc_bc_space(tc.tun);
	s->pnd_space = tc_pnd_space(tc.hl);
	s->n_ids = tc_bc_getall(tc.tun, &s->ids);
	s->n_addrs = tc_pnd_getall(tc.hl, &s->addrs);
	if (s->n_ids)
		qsort(s->ids, s->n_ids, sizeof(*s->ids), cmp_ids);
	if (s->n_addrs)
		qsort(s->addrs, s->n_addrs, sizeof(*s->addrs), cmp_addr);
	tc_rec_reset();
}

static void snap_check(const struct snap *want)
{
	struct snap now;
	snap_take(&now);
	assert_int_equal(now.bc_space, want->bc_space);
	assert_int_equal(now.pnd_space, want->pnd_space);
	assert_int_equal(now.n_ids, want->n_ids);
	assert_int_equal(now.n_addrs, want->n_addrs);
	for (uint32_t i = 0; i < now.n_ids; i++) {
		assert_int_equal(now.ids[i].subtunnelHandle, want->ids[i].subtunnelHandle);
		assert_true(tc_aeq(&now.ids[i].HoA, &want->ids[i].HoA));
	}
	for (uint32_t i = 0; i < now.n_addrs; i++)
		assert_true(tc_aeq(&now.addrs[i], &want->addrs[i]));
	free(now.ids);
	free(now.addrs);
}

static void snap_free(struct snap *s)
{
	free(s->ids);
	free(s->addrs);
}

/* Three BC entries and two proxied addresses, so that "unchanged" means something. */
static void populate(void)
{
	for (uint32_t i = 0; i < 3; i++)
		assert_int_equal(tc_add_off(tc.tun, tc_hoa(i), tc_coa(i), NULL), NPF_NO_ERROR);
	for (uint32_t i = 0; i < 2; i++)
		assert_int_equal(tc_pnd_add1(tc.hl, tc_hoa(i)), NPF_NO_ERROR);
	tc_rec_reset();
}

/* A rejected call must queue nothing: dispatch delivers no completion. */
static void expect_nothing_queued(int f, const char *why)
{
	tc_dispatch();
	if (tc_rec.n_inv != 0)
		fail_msg("%s (%s): a synchronously rejected call produced %u callback invocations",
			 fn_name[f], why, tc_rec.n_inv);
}

/* --------------------------------------------------------------- tests */

/* §5.1, npf_mipv6.h: every call before npf_mipv6ha_init() -> NPF_E_UNKNOWN. */
static void test_s5_not_initialised_returns_unknown(void **state)
{
	(void)state;
	tc_stop();
	fill_requests();
	NPF_callbackHandle_t h = 0;
	assert_int_equal(NPF_MIPv6HA_Register(TC_CTX, tc_cb, &h), NPF_E_UNKNOWN);
	struct tc_evrec ev = {0};
	assert_int_equal(NPF_MIPv6HA_EventRegister(&ev, tc_ev_handler, ~0u, &h), NPF_E_UNKNOWN);
	for (int f = 0; f < F__N; f++) {
		NPF_error_t rc = call_fn(f, 1, NPF_REPORT_ALL, 1, 1, false);
		if (rc != NPF_E_UNKNOWN)
			fail_msg("%s before init: got %u, want NPF_E_UNKNOWN", fn_name[f], rc);
	}
	NPF_MIPv6HA_IF_HomeLinkConfig_t c;
	tc_homelink_cfg(&c, 0, 0, 1);
	NPF_IfHandle_t ifh = 0;
	assert_int_equal(NPF_MIPv6HA_IF_HomeLinkCreate(&c, &ifh), NPF_E_UNKNOWN);
	assert_int_equal(npf_mipv6ha_dispatch(0), 0);
	assert_int_equal(tc_rec.n_inv, 0);
}

/* npf_mipv6ha_runtime.h: init twice -> -EALREADY; init/fini repeatable. */
static void test_runtime_init_twice_and_restart(void **state)
{
	(void)state;
	assert_int_equal(npf_mipv6ha_init(&tc.params), -EALREADY);
	/* still usable after the refused second init */
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(0), tc_coa(0), NULL), NPF_NO_ERROR);
	struct npf_mipv6ha_params p = tc.params;
	for (int i = 0; i < 3; i++) {
		tc_start(&p, 0);
		assert_int_equal(tc_bc_space(tc.tun), 64);
		assert_int_equal(tc_add_off(tc.tun, tc_hoa(0), tc_coa(0), NULL), NPF_NO_ERROR);
		assert_int_equal(tc_bc_space(tc.tun), 63);
	}
}

/* §5.2.2 / §5.2.3: registration of completion callbacks. */
static void test_s5_2_2_register_deregister(void **state)
{
	(void)state;
	NPF_callbackHandle_t h1 = 0, h1b = 0, h2 = 0, h3 = 0, hx = 0;
	void *ctxA = (void *)(uintptr_t)0xA, *ctxB = (void *)(uintptr_t)0xB;

	assert_int_equal(NPF_MIPv6HA_Register(ctxA, NULL, &hx), NPF_E_BAD_CALLBACK_FUNCTION);
	assert_int_equal(NPF_MIPv6HA_Register(ctxA, tc_cb, NULL), NPF_E_UNKNOWN);

	assert_int_equal(NPF_MIPv6HA_Register(ctxA, tc_cb, &h1), NPF_NO_ERROR);
	assert_int_not_equal(h1, 0);
	assert_int_equal(NPF_MIPv6HA_Register(ctxA, tc_cb, &h1b), NPF_E_ALREADY_REGISTERED);
	assert_int_equal(h1b, h1);
	/* same function, other context: a new pair */
	assert_int_equal(NPF_MIPv6HA_Register(ctxB, tc_cb, &h2), NPF_NO_ERROR);
	assert_int_not_equal(h2, 0);
	assert_int_not_equal(h2, h1);
	/* same context, other function: a new pair */
	assert_int_equal(NPF_MIPv6HA_Register(ctxA, tc_cb2, &h3), NPF_NO_ERROR);
	assert_int_not_equal(h3, 0);
	assert_int_not_equal(h3, h1);
	assert_int_not_equal(h3, h2);
	assert_int_not_equal(h1, tc.cbh);

	/* each handle routes to its own pair */
	assert_int_equal(NPF_MIPv6HA_BC_Flush(h2, NULL, NPF_REPORT_ALL, tc.tun), NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_BC_Flush(h3, NULL, NPF_REPORT_ALL, tc.tun), NPF_NO_ERROR);
	tc_dispatch_checked();
	assert_int_equal(tc_rec.n_inv, 2);
	assert_ptr_equal(tc_rec.inv[0].ctx, ctxB);
	assert_int_equal(tc_rec.inv[0].fn, 1);
	assert_ptr_equal(tc_rec.inv[1].ctx, ctxA);
	assert_int_equal(tc_rec.inv[1].fn, 2);
	tc_rec_reset();

	assert_int_equal(NPF_MIPv6HA_Deregister(0), NPF_E_BAD_CALLBACK_HANDLE);
	assert_int_equal(NPF_MIPv6HA_Deregister(0xDEADBEEF), NPF_E_BAD_CALLBACK_HANDLE);
	assert_int_equal(NPF_MIPv6HA_Deregister(h1), NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_Deregister(h1), NPF_E_BAD_CALLBACK_HANDLE);
	/* the deregistered handle is rejected by every asynchronous call */
	fill_requests();
	for (int f = 0; f < F__N; f++) {
		NPF_error_t rc = call_fn(f, h1, NPF_REPORT_ALL, fn_ifh(f), 1, false);
		if (rc != NPF_E_BAD_CALLBACK_HANDLE)
			fail_msg("%s with a deregistered handle: got %u, want BAD_CALLBACK_HANDLE",
				 fn_name[f], rc);
		expect_nothing_queued(f, "deregistered handle");
	}
	/* the other registrations are untouched */
	assert_int_equal(NPF_MIPv6HA_BC_Flush(h2, NULL, NPF_REPORT_ALL, tc.tun), NPF_NO_ERROR);
	tc_dispatch_checked();
	assert_int_equal(tc_rec.n_inv, 1);
	tc_rec_reset();
	/* the pair can be registered again after deregistration */
	assert_int_equal(NPF_MIPv6HA_Register(ctxA, tc_cb, &hx), NPF_NO_ERROR);
	assert_int_not_equal(hx, 0);
	assert_int_equal(NPF_MIPv6HA_Deregister(hx), NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_Deregister(h2), NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_Deregister(h3), NPF_NO_ERROR);
}

/* §5.3.2 / §5.3.3: synchronous codes of event registration. */
static void test_s5_3_2_event_register_sync(void **state)
{
	(void)state;
	struct tc_evrec a = {0}, b = {0};
	NPF_callbackHandle_t h = 0, h2 = 0, hb = 0;
	assert_int_equal(NPF_MIPv6HA_EventRegister(&a, NULL, ~0u, &h), NPF_E_BAD_CALLBACK_FUNCTION);
	assert_int_equal(NPF_MIPv6HA_EventRegister(&a, tc_ev_handler, ~0u, NULL), NPF_E_UNKNOWN);
	assert_int_equal(NPF_MIPv6HA_EventRegister(&a, tc_ev_handler, 1, &h), NPF_NO_ERROR);
	assert_int_not_equal(h, 0);
	assert_int_equal(NPF_MIPv6HA_EventRegister(&a, tc_ev_handler, 2, &h2),
			 NPF_E_ALREADY_REGISTERED);
	assert_int_equal(h2, h);
	assert_int_equal(NPF_MIPv6HA_EventRegister(&b, tc_ev_handler, 2, &hb), NPF_NO_ERROR);
	assert_int_not_equal(hb, h);
	assert_int_equal(NPF_MIPv6HA_EventDeregister(0), NPF_E_BAD_CALLBACK_HANDLE);
	assert_int_equal(NPF_MIPv6HA_EventDeregister(0xDEADBEEF), NPF_E_BAD_CALLBACK_HANDLE);
	assert_int_equal(NPF_MIPv6HA_EventDeregister(h), NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_EventDeregister(h), NPF_E_BAD_CALLBACK_HANDLE);
	assert_int_equal(NPF_MIPv6HA_EventDeregister(hb), NPF_NO_ERROR);
	tc_dispatch();
	assert_int_equal(a.n_inv + b.n_inv, 0);
	assert_int_equal(tc_rec.n_inv, 0);
}

/* §5.4 common codes: unknown cbHandle -> NPF_E_BAD_CALLBACK_HANDLE, nothing queued. */
static void test_s5_async_bad_callback_handle(void **state)
{
	(void)state;
	populate();
	struct snap before;
	snap_take(&before);
	fill_requests();
	const NPF_callbackHandle_t bad[] = {0, 0xDEADBEEF, tc.cbh + 1000};
	for (int f = 0; f < F__N; f++) {
		for (size_t k = 0; k < TC_ARRAY_SIZE(bad); k++) {
			NPF_error_t rc = call_fn(f, bad[k], NPF_REPORT_ALL, fn_ifh(f), 1, false);
			if (rc != NPF_E_BAD_CALLBACK_HANDLE)
				fail_msg("%s cbHandle 0x%x: got %u, want BAD_CALLBACK_HANDLE",
					 fn_name[f], bad[k], rc);
			expect_nothing_queued(f, "bad cbHandle");
		}
	}
	snap_check(&before);
	snap_free(&before);
}

/* §5.4 common codes: NULL array, n 0, n > NPF_MIPV6HA_MAX_BATCH, bad errorReporting. */
static void test_s5_async_bad_input_unknown(void **state)
{
	(void)state;
	populate();
	struct snap before;
	snap_take(&before);
	fill_requests();
	for (int f = 0; f < F__N; f++) {
		NPF_IfHandle_t ifh = fn_ifh(f);
		NPF_error_t rc;
		if (fn_has_array(f)) {
			rc = call_fn(f, tc.cbh, NPF_REPORT_ALL, ifh, 1, true);
			if (rc != NPF_E_UNKNOWN)
				fail_msg("%s NULL array: got %u, want NPF_E_UNKNOWN", fn_name[f],
					 rc);
			expect_nothing_queued(f, "NULL array");
			rc = call_fn(f, tc.cbh, NPF_REPORT_ALL, ifh, 0, false);
			if (rc != NPF_E_UNKNOWN)
				fail_msg("%s n=0: got %u, want NPF_E_UNKNOWN", fn_name[f], rc);
			expect_nothing_queued(f, "n=0");
			uint32_t big = f == F_RATE ? 5 : NPF_MIPV6HA_MAX_BATCH + 1;
			rc = call_fn(f, tc.cbh, NPF_REPORT_ALL, ifh, big, false);
			if (rc != NPF_E_UNKNOWN)
				fail_msg("%s n=%u: got %u, want NPF_E_UNKNOWN", fn_name[f], big,
					 rc);
			expect_nothing_queued(f, "n too big");
			rc = call_fn(f, tc.cbh, NPF_REPORT_ALL, ifh, 0xFFFFFFFFu, false);
			if (rc != NPF_E_UNKNOWN)
				fail_msg("%s n=0xffffffff: got %u, want NPF_E_UNKNOWN", fn_name[f],
					 rc);
			expect_nothing_queued(f, "n huge");
		}
		const uint32_t bad_rep[] = {3, 4, 0x80000000u, 0xFFFFFFFFu};
		for (size_t k = 0; k < TC_ARRAY_SIZE(bad_rep); k++) {
			rc = call_fn(f, tc.cbh, (NPF_errorReporting_t)bad_rep[k], ifh, 1, false);
			if (rc != NPF_E_UNKNOWN)
				fail_msg("%s errorReporting %u: got %u, want NPF_E_UNKNOWN",
					 fn_name[f], bad_rep[k], rc);
			expect_nothing_queued(f, "bad errorReporting");
		}
	}
	snap_check(&before);
	snap_free(&before);
}

/* §5.1 / §5.4.1: the same HoA twice in one array -> DUPLICATE_HOA, nothing applied. */
static void test_s5_4_1_duplicate_hoa_sync(void **state)
{
	(void)state;
	populate();
	struct snap before;
	snap_take(&before);
	NPF_MIPv6HA_BC_Entry_t e[4] = {
	    tc_entry(tc_hoa(10), tc_coa(10), NPF_MIPv6HA_LIFETIME_OFF, 0),
	    tc_entry(tc_hoa(11), tc_coa(11), NPF_MIPv6HA_LIFETIME_OFF, 0),
	    tc_entry(tc_hoa(10), tc_coa(12), NPF_MIPv6HA_LIFETIME_ON, 30),
	    tc_entry(tc_hoa(12), tc_coa(13), NPF_MIPv6HA_LIFETIME_OFF, 0),
	};
	const NPF_errorReporting_t reps[] = {NPF_REPORT_NONE, NPF_REPORT_ERRORS, NPF_REPORT_ALL};
	for (size_t k = 0; k < TC_ARRAY_SIZE(reps); k++) {
		assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(tc.cbh, NULL, reps[k], tc.tun, 4, e),
				 NPF_MIPv6HA_E_DUPLICATE_HOA);
		expect_nothing_queued(F_BC_ADD, "duplicate HoA");
	}
	/* an existing HoA twice (would be two replacements) is a duplicate too */
	NPF_MIPv6HA_BC_Entry_t r[2] = {
	    tc_entry(tc_hoa(0), tc_coa(20), NPF_MIPv6HA_LIFETIME_OFF, 0),
	    tc_entry(tc_hoa(0), tc_coa(21), NPF_MIPv6HA_LIFETIME_OFF, 0),
	};
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(tc.cbh, NULL, NPF_REPORT_ALL, tc.tun, 2, r),
			 NPF_MIPv6HA_E_DUPLICATE_HOA);
	expect_nothing_queued(F_BC_ADD, "duplicate existing HoA");
	snap_check(&before);
	snap_free(&before);
	/* the CoA of the existing HoA was not replaced */
	NPF_MIPv6HA_SubtunnelHandle_t h = 0;
	NPF_MIPv6HA_SubtunnelIdentifiers_t *ids = NULL;
	uint32_t n = tc_bc_getall(tc.tun, &ids);
	for (uint32_t i = 0; i < n; i++)
		if (tc_aeq(&ids[i].HoA, &r[0].HoA))
			h = ids[i].subtunnelHandle;
	free(ids);
	assert_int_not_equal(h, 0);
	NPF_MIPv6HA_BC_Entry_t got;
	assert_int_equal(tc_attr1(tc.tun, h, &got), NPF_NO_ERROR);
	NPF_IPv6Address_t c0 = tc_coa(0);
	assert_true(tc_aeq(&got.CoA, &c0));
}

/* §5.3.4: synchronous codes of RateLimitEvents. */
static void test_s5_3_4_rate_limit_sync(void **state)
{
	(void)state;
	NPF_MIPv6HA_EventLimit_t l[5];
	memset(l, 0, sizeof(l));
	for (int i = 0; i < 5; i++) {
		l[i].eventId = NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED;
		l[i].limitType = NPF_MIPv6HA_EVENT_LIMIT_COUNT;
		l[i].u.nCount = 3;
	}
	l[1].eventId = NPF_MIPv6HA_BC_ENTRY_MISS;
	/* [AUTH_FAILED, BC_ENTRY_MISS, AUTH_FAILED]: duplicate */
	assert_int_equal(NPF_MIPv6HA_RateLimitEvents(tc.cbh, NULL, NPF_REPORT_ALL, 3, l),
			 NPF_MIPv6HA_E_DUPLICATE_EVENT_ID);
	expect_nothing_queued(F_RATE, "duplicate event id");
	assert_int_equal(NPF_MIPv6HA_RateLimitEvents(tc.cbh, NULL, NPF_REPORT_NONE, 2,
						     (NPF_MIPv6HA_EventLimit_t[]){l[0], l[0]}),
			 NPF_MIPv6HA_E_DUPLICATE_EVENT_ID);
	expect_nothing_queued(F_RATE, "duplicate event id (NONE)");
	assert_int_equal(NPF_MIPv6HA_RateLimitEvents(tc.cbh, NULL, NPF_REPORT_ALL, 0, l),
			 NPF_E_UNKNOWN);
	assert_int_equal(NPF_MIPv6HA_RateLimitEvents(tc.cbh, NULL, NPF_REPORT_ALL, 5, l),
			 NPF_E_UNKNOWN);
	assert_int_equal(NPF_MIPv6HA_RateLimitEvents(tc.cbh, NULL, NPF_REPORT_ALL, 1, NULL),
			 NPF_E_UNKNOWN);
	assert_int_equal(NPF_MIPv6HA_RateLimitEvents(tc.cbh, NULL, (NPF_errorReporting_t)7, 1, l),
			 NPF_E_UNKNOWN);
	assert_int_equal(NPF_MIPv6HA_RateLimitEvents(0, NULL, NPF_REPORT_ALL, 1, l),
			 NPF_E_BAD_CALLBACK_HANDLE);
	assert_int_equal(NPF_MIPv6HA_RateLimitEvents(0x7777777, NULL, NPF_REPORT_ALL, 1, l),
			 NPF_E_BAD_CALLBACK_HANDLE);
	expect_nothing_queued(F_RATE, "bad input");
	/* four distinct ids is the maximum accepted */
	NPF_MIPv6HA_EventLimit_t four[4];
	memset(four, 0, sizeof(four));
	for (int i = 0; i < 4; i++) {
		four[i].eventId = (NPF_MIPv6HA_Event_t)(i + 1);
		four[i].limitType = NPF_MIPv6HA_EVENT_LIMIT_COUNT;
		four[i].u.nCount = 0;
	}
	assert_int_equal(NPF_MIPv6HA_RateLimitEvents(tc.cbh, NULL, NPF_REPORT_ALL, 4, four),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	assert_int_equal(tc_rec_total_resp(), 4);
}

/* §5.4.1-§5.4.11: BC calls on a non-tunnel or unknown interface handle. */
static void test_s5_4_bc_invalid_if_handle(void **state)
{
	(void)state;
	NPF_MIPv6HA_SubtunnelHandle_t h[3];
	for (uint32_t i = 0; i < 3; i++)
		assert_int_equal(tc_add_off(tc.tun, tc_hoa(i), tc_coa(i), &h[i]), NPF_NO_ERROR);
	NPF_MIPv6HA_BC_Entry_t e[3];
	for (uint32_t i = 0; i < 3; i++)
		e[i] = tc_entry(tc_hoa(20 + i), tc_coa(20 + i), NPF_MIPv6HA_LIFETIME_OFF, 0);
	const NPF_IfHandle_t bad[] = {tc.hl, 0, 0xDEADBEEF, tc.tun + 777};
	for (size_t k = 0; k < TC_ARRAY_SIZE(bad); k++) {
		NPF_IfHandle_t b = bad[k];
		for (int f = F_BC_ADD; f <= F_BC_STATS; f++) {
			if (f == F_BC_FLUSH)
				continue;
			tc_rec_reset();
			void *corr = (void *)(uintptr_t)(0x900 + f);
			NPF_error_t rc;
			NPF_MIPv6HA_CallbackType_t type;
			if (f == F_BC_ADD) {
				rc =
				    NPF_MIPv6HA_BC_Entry_Add(tc.cbh, corr, NPF_REPORT_ALL, b, 3, e);
				type = NPF_MIPV6HA_BC_ENTRY_ADD;
			} else if (f == F_BC_DEL) {
				rc = NPF_MIPv6HA_BC_Entry_Delete(tc.cbh, corr, NPF_REPORT_ALL, b, 3,
								 h);
				type = NPF_MIPV6HA_BC_ENTRY_DELETE;
			} else if (f == F_BC_ATTR) {
				rc = NPF_MIPv6HA_BC_EntryAttrGet(tc.cbh, corr, NPF_REPORT_ALL, b, 3,
								 h);
				type = NPF_MIPV6HA_BC_ENTRY_ATTR_GET;
			} else {
				rc = NPF_MIPv6HA_BC_EntryStatsGet(tc.cbh, corr, NPF_REPORT_ALL, b,
								  3, h);
				type = NPF_MIPV6HA_BC_ENTRY_STATS_GET;
			}
			assert_int_equal(rc, NPF_NO_ERROR);
			tc_dispatch_checked();
			struct tc_resp *r[8];
			assert_int_equal(tc_collect(type, corr, r, 8), 3);
			for (uint32_t i = 0; i < 3; i++) {
				if (r[i]->raw.errorCode != NPF_MIPv6HA_E_INVALID_IF_HANDLE)
					fail_msg("%s on ifHandle 0x%x, element %u: got %u, want "
						 "INVALID_IF_HANDLE",
						 fn_name[f], b, i, r[i]->raw.errorCode);
				assert_int_equal(r[i]->raw.u1.ifHandle, b);
				if (f == F_BC_ADD)
					assert_true(tc_aeq(&r[i]->raw.u2.subtunnelIdentifiers.HoA,
							   &e[i].HoA));
			}
		}
		assert_int_equal(tc_bc_flush(b), NPF_MIPv6HA_E_INVALID_IF_HANDLE);
		assert_int_equal(tc_bc_space_rc(b, NULL), NPF_MIPv6HA_E_INVALID_IF_HANDLE);
		tc_rec_reset();
		assert_int_equal(NPF_MIPv6HA_BC_GetAll(tc.cbh, NULL, NPF_REPORT_ALL, b),
				 NPF_NO_ERROR);
		tc_dispatch_checked();
		assert_int_equal(tc_rec.n_inv, 1);
		assert_int_equal(tc_rec.inv[0].allOK, NPF_FALSE);
		assert_int_equal(tc_rec.inv[0].numResp, 1);
		assert_int_equal(tc_inv_resp(0, 0)->raw.errorCode, NPF_MIPv6HA_E_INVALID_IF_HANDLE);
		assert_int_equal(tc_inv_resp(0, 0)->raw.u1.ifHandle, b);
	}
	/* nothing was added, deleted or flushed on the real tunnel */
	NPF_MIPv6HA_SubtunnelIdentifiers_t *ids = NULL;
	assert_int_equal(tc_bc_getall(tc.tun, &ids), 3);
	for (uint32_t i = 0; i < 3; i++)
		assert_true(tc_ids_has_handle(ids, 3, h[i]));
	free(ids);
	assert_int_equal(tc_bc_space(tc.tun), 64 - 3);
}

/* §5.4.6-§5.4.13: proxy ND calls on a tunnel handle or an unknown handle. */
static void test_s5_4_proxynd_invalid_if_handle(void **state)
{
	(void)state;
	assert_int_equal(tc_pnd_add1(tc.hl, tc_hoa(1)), NPF_NO_ERROR);
	const NPF_IfHandle_t bad[] = {tc.tun, 0, 0xDEADBEEF};
	NPF_IPv6Address_t a[2] = {tc_hoa(1), tc_hoa(2)};
	for (size_t k = 0; k < TC_ARRAY_SIZE(bad); k++) {
		NPF_IfHandle_t b = bad[k];
		for (int f = F_PND_ADD; f <= F_PND_STATE; f++) {
			if (f == F_PND_FLUSH)
				continue;
			tc_rec_reset();
			void *corr = (void *)(uintptr_t)(0x700 + f);
			NPF_error_t rc;
			NPF_MIPv6HA_CallbackType_t type;
			if (f == F_PND_ADD) {
				rc = NPF_MIPv6HA_ProxyND_AddressAdd(tc.cbh, corr, NPF_REPORT_ALL, b,
								    2, a);
				type = NPF_MIPV6HA_PROXYND_ADDR_ADD;
			} else if (f == F_PND_DEL) {
				rc = NPF_MIPv6HA_ProxyND_AddressDelete(tc.cbh, corr, NPF_REPORT_ALL,
								       b, 2, a);
				type = NPF_MIPV6HA_PROXYND_ADDR_DELETE;
			} else {
				rc = NPF_MIPv6HA_ProxyND_AddrStateGet(tc.cbh, corr, NPF_REPORT_ALL,
								      b, 2, a);
				type = NPF_MIPV6HA_PROXYND_ADDR_STATE_GET;
			}
			assert_int_equal(rc, NPF_NO_ERROR);
			tc_dispatch_checked();
			struct tc_resp *r[4];
			assert_int_equal(tc_collect(type, corr, r, 4), 2);
			for (uint32_t i = 0; i < 2; i++) {
				if (r[i]->raw.errorCode != NPF_MIPv6HA_E_INVALID_IF_HANDLE)
					fail_msg("%s on ifHandle 0x%x: got %u, want "
						 "INVALID_IF_HANDLE",
						 fn_name[f], b, r[i]->raw.errorCode);
				assert_int_equal(r[i]->raw.u1.ifHandle, b);
			}
		}
		assert_int_equal(tc_pnd_flush(b), NPF_MIPv6HA_E_INVALID_IF_HANDLE);
		for (int f = F_PND_SPACE; f <= F_PND_GETALL; f++) {
			tc_rec_reset();
			assert_int_equal(call_fn(f, tc.cbh, NPF_REPORT_ALL, b, 0, false),
					 NPF_NO_ERROR);
			tc_dispatch_checked();
			assert_int_equal(tc_rec.n_inv, 1);
			assert_int_equal(tc_rec.inv[0].allOK, NPF_FALSE);
			assert_int_equal(tc_rec.inv[0].numResp, 1);
			assert_int_equal(tc_inv_resp(0, 0)->raw.errorCode,
					 NPF_MIPv6HA_E_INVALID_IF_HANDLE);
			assert_int_equal(tc_inv_resp(0, 0)->raw.u1.ifHandle, b);
		}
	}
	/* the real home link still has exactly its address */
	NPF_IPv6Address_t *l = NULL;
	assert_int_equal(tc_pnd_getall(tc.hl, &l), 1);
	assert_true(tc_aeq(&l[0], &a[0]));
	free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_s5_not_initialised_returns_unknown, NULL,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_runtime_init_twice_and_restart, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_2_2_register_deregister, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_3_2_event_register_sync, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_async_bad_callback_handle, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_async_bad_input_unknown, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_1_duplicate_hoa_sync, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_3_4_rate_limit_sync, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_bc_invalid_if_handle, tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_proxynd_invalid_if_handle, tc_setup,
					    tc_teardown),
	};
	return cmocka_run_group_tests(tests, tc_group_setup, tc_group_teardown);
}
