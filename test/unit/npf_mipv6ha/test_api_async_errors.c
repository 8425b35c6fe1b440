/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * NPF MIPv6 HA Service API: the per-element asynchronous error codes of the
 * BC and proxy ND calls (seed 003 §5.4, npf_mipv6.h): invalid parameters
 * with per-entry atomicity, unknown / stale / foreign sub-tunnel handles,
 * HoA bound on another tunnel interface, unknown proxy ND addresses, full
 * tables (NOMEMORY, exact TableSpaceGet), deleted interfaces.
 */
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

/*
 * §5.4.2: "Each response contains ... the subtunnelidentifiers of the
 * BCentry": a failed delete still names the handle it was asked to delete,
 * whatever the failure (unknown handle, or interface handle not a tunnel).
 */
static void test_s5_4_2_delete_failure_echoes_handle(void **state)
{
	(void)state;
	NPF_MIPv6HA_SubtunnelHandle_t h[2];
	for (uint32_t i = 0; i < 2; i++)
		assert_int_equal(tc_add_off(tc.tun, tc_hoa(i), tc_coa(i), &h[i]), NPF_NO_ERROR);
	NPF_MIPv6HA_SubtunnelHandle_t req[3] = {h[0], 0x0BADBAD0u, h[1]};
	const NPF_IfHandle_t ifs[] = {tc.tun, tc.hl, 0xDEADBEEF};
	for (size_t k = 0; k < TC_ARRAY_SIZE(ifs); k++) {
		tc_rec_reset();
		void *corr = (void *)(uintptr_t)(0x880 + k);
		/* on the real tunnel, delete only the unknown handle */
		uint32_t n = k == 0 ? 1 : 3;
		NPF_MIPv6HA_SubtunnelHandle_t *a = k == 0 ? &req[1] : req;
		assert_int_equal(
		    NPF_MIPv6HA_BC_Entry_Delete(tc.cbh, corr, NPF_REPORT_ALL, ifs[k], n, a),
		    NPF_NO_ERROR);
		tc_dispatch_checked();
		struct tc_resp *r[3];
		assert_int_equal(tc_collect(NPF_MIPV6HA_BC_ENTRY_DELETE, corr, r, 3), n);
		for (uint32_t i = 0; i < n; i++) {
			assert_int_not_equal(r[i]->raw.errorCode, NPF_NO_ERROR);
			if (r[i]->raw.u2.subtunnelIdentifiers.subtunnelHandle != a[i])
				fail_msg("delete on ifHandle 0x%x, element %u (code %u): response "
					 "subtunnelHandle 0x%x, want the requested 0x%x",
					 ifs[k], i, r[i]->raw.errorCode,
					 r[i]->raw.u2.subtunnelIdentifiers.subtunnelHandle, a[i]);
		}
	}
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 2);
}

/* A deleted interface's handle is no longer valid. */
static void test_s5_4_deleted_interface_handle(void **state)
{
	(void)state;
	NPF_IfHandle_t t2 = tc_tunnel(tc.hl, "2001:db8:1::2");
	assert_int_equal(tc_add_off(t2, tc_hoa(1), tc_coa(1), NULL), NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_IF_TunnelDelete(t2), NPF_E_RESOURCE_IN_USE);
	assert_int_equal(tc_bc_flush(t2), NPF_NO_ERROR);
	assert_int_equal(NPF_MIPv6HA_IF_TunnelDelete(t2), NPF_NO_ERROR);
	assert_int_equal(tc_add_off(t2, tc_hoa(1), tc_coa(1), NULL),
			 NPF_MIPv6HA_E_INVALID_IF_HANDLE);
	assert_int_equal(tc_bc_flush(t2), NPF_MIPv6HA_E_INVALID_IF_HANDLE);
	/* the flushed entry's HoA can be bound on the remaining tunnel */
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(1), tc_coa(1), NULL), NPF_NO_ERROR);
}

struct bad_case {
	const char *what;
	NPF_MIPv6HA_BC_Entry_t e;
	bool ok;
};

/* §5.4.1: per-entry validation and per-entry atomicity. */
static void test_s5_4_1_invalid_param_per_entry(void **state)
{
	(void)state;
	const char *bad_addrs[] = {"::", "::1", "ff02::1", "ff0e::10", "fe80::5", "::ffff:1.2.3.4"};
	struct bad_case c[40];
	uint32_t n = 0, v = 0;
#define OK_CASE()                                                                                  \
	do {                                                                                       \
		c[n].what = "valid";                                                               \
		c[n].e = tc_entry(tc_hoa(100 + v), tc_coa(100 + v), NPF_MIPv6HA_LIFETIME_OFF, 0);  \
		c[n++].ok = true;                                                                  \
		v++;                                                                               \
	} while (0)
	for (size_t i = 0; i < TC_ARRAY_SIZE(bad_addrs); i++) {
		OK_CASE();
		c[n].what = "bad HoA";
		c[n].e = tc_entry(tc_a(bad_addrs[i]), tc_coa(200 + i), NPF_MIPv6HA_LIFETIME_OFF, 0);
		c[n++].ok = false;
		c[n].what = "bad CoA";
		c[n].e = tc_entry(tc_hoa(200 + i), tc_a(bad_addrs[i]), NPF_MIPv6HA_LIFETIME_OFF, 0);
		c[n++].ok = false;
	}
	OK_CASE();
	c[n].what = "HoA == CoA";
	c[n].e = tc_entry(tc_hoa(300), tc_hoa(300), NPF_MIPv6HA_LIFETIME_OFF, 0);
	c[n++].ok = false;
	c[n].what = "lifetimeMode 0";
	c[n].e = tc_entry(tc_hoa(301), tc_coa(301), (NPF_MIPv6HA_LifetimeMode_t)0, 10);
	c[n++].ok = false;
	c[n].what = "lifetimeMode 3";
	c[n].e = tc_entry(tc_hoa(302), tc_coa(302), (NPF_MIPv6HA_LifetimeMode_t)3, 10);
	c[n++].ok = false;
	c[n].what = "mode ON lifetime 0";
	c[n].e = tc_entry(tc_hoa(303), tc_coa(303), NPF_MIPv6HA_LIFETIME_ON, 0);
	c[n++].ok = false;
	c[n].what = "mode OFF lifetime 0 (valid)";
	c[n].e = tc_entry(tc_hoa(304), tc_coa(304), NPF_MIPv6HA_LIFETIME_OFF, 0);
	c[n++].ok = true;
	c[n].what = "mode ON lifetime 1 (valid)";
	c[n].e = tc_entry(tc_hoa(305), tc_coa(305), NPF_MIPv6HA_LIFETIME_ON, 1);
	c[n++].ok = true;
	OK_CASE();
#undef OK_CASE
	assert_true(n <= TC_ARRAY_SIZE(c));
	NPF_MIPv6HA_BC_Entry_t e[40];
	uint32_t n_ok = 0;
	for (uint32_t i = 0; i < n; i++) {
		e[i] = c[i].e;
		n_ok += c[i].ok;
	}
	void *corr = (void *)(uintptr_t)0x4242;
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(tc.cbh, corr, NPF_REPORT_ALL, tc.tun, n, e),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	struct tc_resp *r[40];
	assert_int_equal(tc_collect(NPF_MIPV6HA_BC_ENTRY_ADD, corr, r, 40), n);
	NPF_MIPv6HA_SubtunnelHandle_t hs[40];
	for (uint32_t i = 0; i < n; i++) {
		NPF_MIPv6HA_ErrorType_t want = c[i].ok ? NPF_NO_ERROR : NPF_MIPv6HA_E_INVALID_PARAM;
		if (r[i]->raw.errorCode != want)
			fail_msg("element %u (%s, HoA %s CoA %s): got %u, want %u", i, c[i].what,
				 tc_astr(&e[i].HoA), tc_astr(&e[i].CoA), r[i]->raw.errorCode, want);
		assert_int_equal(r[i]->raw.u1.ifHandle, tc.tun);
		assert_true(tc_aeq(&r[i]->raw.u2.subtunnelIdentifiers.HoA, &e[i].HoA));
		hs[i] = r[i]->raw.u2.subtunnelIdentifiers.subtunnelHandle;
		if (c[i].ok)
			assert_int_not_equal(hs[i], 0);
	}
	tc_rec_reset();
	/* exactly the valid ones were applied */
	NPF_MIPv6HA_SubtunnelIdentifiers_t *ids = NULL;
	uint32_t got = tc_bc_getall(tc.tun, &ids);
	assert_int_equal(got, n_ok);
	for (uint32_t i = 0; i < n; i++) {
		if (!c[i].ok)
			continue;
		assert_true(tc_ids_has_handle(ids, got, hs[i]));
		NPF_MIPv6HA_BC_Entry_t be;
		assert_int_equal(tc_attr1(tc.tun, hs[i], &be), NPF_NO_ERROR);
		assert_true(tc_aeq(&be.HoA, &e[i].HoA));
		assert_true(tc_aeq(&be.CoA, &e[i].CoA));
	}
	free(ids);
	assert_int_equal(tc_bc_space(tc.tun), 64 - n_ok);
}

/* §5.4.2/§5.4.4/§5.4.5: unknown and stale sub-tunnel handles. */
static void test_s5_4_2_unknown_and_stale_subtunnel_handles(void **state)
{
	(void)state;
	NPF_MIPv6HA_SubtunnelHandle_t live, stale;
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(1), tc_coa(1), &live), NPF_NO_ERROR);
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(2), tc_coa(2), &stale), NPF_NO_ERROR);
	NPF_IPv6Address_t hoa;
	assert_int_equal(tc_del1(tc.tun, stale, &hoa), NPF_NO_ERROR);
	NPF_IPv6Address_t want = tc_hoa(2);
	assert_true(tc_aeq(&hoa, &want));
	/* the same slot is reused by a new entry: the old handle must stay dead */
	NPF_MIPv6HA_SubtunnelHandle_t reuse;
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(3), tc_coa(3), &reuse), NPF_NO_ERROR);
	assert_int_not_equal(reuse, stale);
	const NPF_MIPv6HA_SubtunnelHandle_t bad[] = {
	    0, stale, 0xFFFFFFFFu, live ^ 0x80000000u, live + 0x10000u, 12345};
	for (size_t k = 0; k < TC_ARRAY_SIZE(bad); k++) {
		if (bad[k] == live || bad[k] == reuse)
			continue;
		assert_int_equal(tc_del1(tc.tun, bad[k], NULL),
				 NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
		assert_int_equal(tc_attr1(tc.tun, bad[k], NULL),
				 NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
		assert_int_equal(tc_stats1(tc.tun, bad[k], NULL),
				 NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
	}
	/* deleting twice: the second is an unknown handle */
	assert_int_equal(tc_del1(tc.tun, live, NULL), NPF_NO_ERROR);
	assert_int_equal(tc_del1(tc.tun, live, NULL), NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
	assert_int_equal(tc_attr1(tc.tun, reuse, NULL), NPF_NO_ERROR);
	assert_int_equal(tc_bc_space(tc.tun), 63);
}

/* §5.4.2: a handle of another tunnel interface is INVALID_SUBTUNNEL_HANDLE here. */
static void test_s5_4_2_handle_of_other_tunnel(void **state)
{
	(void)state;
	NPF_IfHandle_t t2 = tc_tunnel(tc.hl, "2001:db8:1::2");
	NPF_MIPv6HA_SubtunnelHandle_t h1, h2;
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(1), tc_coa(1), &h1), NPF_NO_ERROR);
	assert_int_equal(tc_add_off(t2, tc_hoa(2), tc_coa(2), &h2), NPF_NO_ERROR);
	assert_int_equal(tc_del1(t2, h1, NULL), NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
	assert_int_equal(tc_attr1(t2, h1, NULL), NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
	assert_int_equal(tc_stats1(t2, h1, NULL), NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
	assert_int_equal(tc_del1(tc.tun, h2, NULL), NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
	assert_int_equal(tc_attr1(tc.tun, h2, NULL), NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE);
	/* both entries survived on their own tunnels */
	assert_int_equal(tc_attr1(tc.tun, h1, NULL), NPF_NO_ERROR);
	assert_int_equal(tc_attr1(t2, h2, NULL), NPF_NO_ERROR);
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 1);
	assert_int_equal(tc_bc_getall(t2, NULL), 1);
}

/* §5.4.1 / npf_mipv6.h: an HoA bound on another tunnel interface -> INVALID_PARAM. */
static void test_s5_4_1_hoa_bound_on_other_tunnel(void **state)
{
	(void)state;
	NPF_IfHandle_t hl2 = tc_homelink(1, 0, 1);
	NPF_IfHandle_t t2 = tc_tunnel(hl2, "2001:db8:5::1");
	NPF_MIPv6HA_SubtunnelHandle_t h1, h2;
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(1), tc_coa(1), &h1), NPF_NO_ERROR);
	assert_int_equal(tc_add_off(t2, tc_hoa(1), tc_coa(2), NULL), NPF_MIPv6HA_E_INVALID_PARAM);
	/* in a batch: only that element fails */
	NPF_MIPv6HA_BC_Entry_t e[3] = {
	    tc_entry(tc_a("2001:db8:5::100"), tc_coa(3), NPF_MIPv6HA_LIFETIME_OFF, 0),
	    tc_entry(tc_hoa(1), tc_coa(4), NPF_MIPv6HA_LIFETIME_OFF, 0),
	    tc_entry(tc_a("2001:db8:5::101"), tc_coa(5), NPF_MIPv6HA_LIFETIME_OFF, 0),
	};
	tc_rec_reset();
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(tc.cbh, NULL, NPF_REPORT_ALL, t2, 3, e),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	struct tc_resp *r[3];
	assert_int_equal(tc_collect(NPF_MIPV6HA_BC_ENTRY_ADD, NULL, r, 3), 3);
	assert_int_equal(r[0]->raw.errorCode, NPF_NO_ERROR);
	assert_int_equal(r[1]->raw.errorCode, NPF_MIPv6HA_E_INVALID_PARAM);
	assert_int_equal(r[2]->raw.errorCode, NPF_NO_ERROR);
	/* the binding on the first tunnel is untouched */
	NPF_MIPv6HA_BC_Entry_t be;
	assert_int_equal(tc_attr1(tc.tun, h1, &be), NPF_NO_ERROR);
	NPF_IPv6Address_t c1 = tc_coa(1);
	assert_true(tc_aeq(&be.CoA, &c1));
	assert_int_equal(tc_bc_getall(t2, NULL), 2);
	/* once unbound there, the HoA may be bound on the other tunnel */
	assert_int_equal(tc_del1(tc.tun, h1, NULL), NPF_NO_ERROR);
	assert_int_equal(tc_add_off(t2, tc_hoa(1), tc_coa(2), &h2), NPF_NO_ERROR);
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(1), tc_coa(1), NULL),
			 NPF_MIPv6HA_E_INVALID_PARAM);
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 0);
}

/* §5.4.7 / §5.4.9: unknown proxy ND address. */
static void test_s5_4_7_proxynd_addr_unknown(void **state)
{
	(void)state;
	NPF_IfHandle_t hl2 = tc_homelink(1, 0, 1);
	NPF_IPv6Address_t a = tc_hoa(7), other = tc_hoa(8), b2 = tc_a("2001:db8:5::7");
	assert_int_equal(tc_pnd_del1(tc.hl, a), NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN);
	assert_int_equal(tc_pnd_state1(tc.hl, a, NULL), NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN);
	assert_int_equal(tc_pnd_add1(tc.hl, a), NPF_NO_ERROR);
	assert_int_equal(tc_pnd_add1(hl2, b2), NPF_NO_ERROR);
	assert_int_equal(tc_pnd_state1(tc.hl, other, NULL), NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN);
	/* an address of another home link is unknown on this one */
	assert_int_equal(tc_pnd_state1(tc.hl, b2, NULL), NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN);
	assert_int_equal(tc_pnd_del1(tc.hl, b2), NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN);
	assert_int_equal(tc_pnd_state1(hl2, b2, NULL), NPF_NO_ERROR);
	assert_int_equal(tc_pnd_del1(tc.hl, a), NPF_NO_ERROR);
	assert_int_equal(tc_pnd_del1(tc.hl, a), NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN);
	assert_int_equal(tc_pnd_state1(tc.hl, a, NULL), NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN);
	assert_int_equal(tc_pnd_flush(hl2), NPF_NO_ERROR);
}

/* §5.4.6: unusable proxy ND addresses -> INVALID_PARAM for that element only. */
static void test_s5_4_6_proxynd_add_invalid_param(void **state)
{
	(void)state;
	NPF_IPv6Address_t a[6] = {tc_hoa(1), tc_a("::"),  tc_a("ff02::1"),
				  tc_hoa(2), tc_a("::1"), tc_a("ff05::1:3")};
	const bool ok[6] = {true, false, false, true, false, false};
	void *corr = (void *)(uintptr_t)77;
	assert_int_equal(NPF_MIPv6HA_ProxyND_AddressAdd(tc.cbh, corr, NPF_REPORT_ALL, tc.hl, 6, a),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	struct tc_resp *r[6];
	assert_int_equal(tc_collect(NPF_MIPV6HA_PROXYND_ADDR_ADD, corr, r, 6), 6);
	for (int i = 0; i < 6; i++) {
		NPF_MIPv6HA_ErrorType_t want = ok[i] ? NPF_NO_ERROR : NPF_MIPv6HA_E_INVALID_PARAM;
		if (r[i]->raw.errorCode != want)
			fail_msg("element %d (%s): got %u, want %u", i, tc_astr(&a[i]),
				 r[i]->raw.errorCode, want);
		assert_true(tc_aeq(&r[i]->raw.u2.proxyNDAddress, &a[i]));
		assert_int_equal(r[i]->raw.u1.ifHandle, tc.hl);
	}
	assert_int_equal(tc_pnd_getall(tc.hl, NULL), 2);
	for (int i = 0; i < 6; i++)
		if (!ok[i])
			assert_int_equal(tc_pnd_add1(tc.hl, a[i]), NPF_MIPv6HA_E_INVALID_PARAM);
	assert_int_equal(tc_pnd_space(tc.hl), 64 - 2);
}

/* §5.4.1 / §5.4.10: the (N+1)-th HoA -> NOMEMORY; TableSpaceGet is exact. */
static void test_s5_4_10_bc_table_full_nomemory(void **state)
{
	(void)state;
	struct npf_mipv6ha_params p;
	tc_params(&p, 8);
	tc_start(&p, 0);
	NPF_IfHandle_t t2 = tc_tunnel(tc.hl, "2001:db8:1::2");
	NPF_MIPv6HA_SubtunnelHandle_t h[8];
	assert_int_equal(tc_bc_space(tc.tun), 8);
	for (uint32_t i = 0; i < 8; i++) {
		assert_int_equal(tc_add_off(i < 5 ? tc.tun : t2, tc_hoa(i), tc_coa(i), &h[i]),
				 NPF_NO_ERROR);
		assert_int_equal(tc_bc_space(tc.tun), 8 - (i + 1));
	}
	/* the table is shared by all tunnel interfaces */
	assert_int_equal(tc_bc_space(t2), 0);
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(8), tc_coa(8), NULL), NPF_MIPv6HA_E_NOMEMORY);
	assert_int_equal(tc_add_off(t2, tc_hoa(9), tc_coa(9), NULL), NPF_MIPv6HA_E_NOMEMORY);
	/* replacing an existing HoA needs no space */
	NPF_MIPv6HA_SubtunnelHandle_t hr;
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(0), tc_coa(30), &hr), NPF_NO_ERROR);
	assert_int_equal(hr, h[0]);
	assert_int_equal(tc_bc_space(tc.tun), 0);
	/* delete k = 3 -> exactly 3 free */
	for (uint32_t i = 0; i < 3; i++)
		assert_int_equal(tc_del1(tc.tun, h[i], NULL), NPF_NO_ERROR);
	assert_int_equal(tc_bc_space(tc.tun), 3);
	/* a batch of 5 new HoAs: 3 succeed, 2 get NOMEMORY */
	NPF_MIPv6HA_BC_Entry_t e[5];
	for (uint32_t i = 0; i < 5; i++)
		e[i] = tc_entry(tc_hoa(40 + i), tc_coa(40 + i), NPF_MIPv6HA_LIFETIME_OFF, 0);
	tc_rec_reset();
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(tc.cbh, NULL, NPF_REPORT_ALL, tc.tun, 5, e),
			 NPF_NO_ERROR);
	tc_dispatch_checked();
	struct tc_resp *r[5];
	assert_int_equal(tc_collect(NPF_MIPV6HA_BC_ENTRY_ADD, NULL, r, 5), 5);
	uint32_t n_ok = 0, n_nomem = 0;
	for (uint32_t i = 0; i < 5; i++) {
		n_ok += r[i]->raw.errorCode == NPF_NO_ERROR;
		n_nomem += r[i]->raw.errorCode == NPF_MIPv6HA_E_NOMEMORY;
		/* applied in array order: the first three fit */
		assert_int_equal(r[i]->raw.errorCode,
				 i < 3 ? NPF_NO_ERROR : NPF_MIPv6HA_E_NOMEMORY);
	}
	assert_int_equal(n_ok, 3);
	assert_int_equal(n_nomem, 2);
	assert_int_equal(tc_bc_space(tc.tun), 0);
	assert_int_equal(tc_bc_getall(tc.tun, NULL), 2 + 3);
	assert_int_equal(tc_bc_getall(t2, NULL), 3);
	/* flush of one tunnel frees exactly its entries */
	assert_int_equal(tc_bc_flush(t2), NPF_NO_ERROR);
	assert_int_equal(tc_bc_space(tc.tun), 3);
}

/* §5.4.6 / §5.4.12: proxy ND table full. */
static void test_s5_4_12_proxynd_table_full_nomemory(void **state)
{
	(void)state;
	struct npf_mipv6ha_params p;
	tc_params(&p, 16);
	p.proxynd_capacity = 8;
	tc_start(&p, 0);
	NPF_IfHandle_t hl2 = tc_homelink(1, 0, 1);
	assert_int_equal(tc_pnd_space(tc.hl), 8);
	/* 5 on home link 0, 3 on home link 1: the table is shared */
	for (uint32_t i = 0; i < 8; i++) {
		NPF_IfHandle_t l = i < 5 ? tc.hl : hl2;
		NPF_IPv6Address_t a = i < 5 ? tc_hoa(i) : tc_a("2001:db8:5::100");
		a.addr[15] = (uint8_t)(a.addr[15] + i);
		assert_int_equal(tc_pnd_add1(l, a), NPF_NO_ERROR);
		assert_int_equal(tc_pnd_space(tc.hl), 7 - i);
	}
	assert_int_equal(tc_pnd_space(hl2), 0);
	NPF_IPv6Address_t extra = tc_hoa(50);
	assert_int_equal(tc_pnd_add1(tc.hl, extra), NPF_MIPv6HA_E_NOMEMORY);
	/* re-adding an existing address (restart of DAD) needs no space */
	NPF_IPv6Address_t a0 = tc_hoa(0), a1 = tc_hoa(1);
	a1.addr[15] = (uint8_t)(a1.addr[15] + 1);
	assert_int_equal(tc_pnd_add1(tc.hl, a0), NPF_NO_ERROR);
	assert_int_equal(tc_pnd_del1(tc.hl, a1), NPF_NO_ERROR);
	assert_int_equal(tc_pnd_space(tc.hl), 1);
	assert_int_equal(tc_pnd_add1(tc.hl, extra), NPF_NO_ERROR);
	assert_int_equal(tc_pnd_space(tc.hl), 0);
	assert_int_equal(tc_pnd_getall(tc.hl, NULL), 5);
	assert_int_equal(tc_pnd_getall(hl2, NULL), 3);
	assert_int_equal(tc_pnd_flush(hl2), NPF_NO_ERROR);
	assert_int_equal(tc_pnd_space(tc.hl), 3);
}

/*
 * npf_mipv6ha_runtime.h: capacities are entry counts; small ones are valid
 * (only "bad parameters" give -EINVAL) and TableSpaceGet is exact for them.
 */
static void test_runtime_small_capacities(void **state)
{
	(void)state;
	const uint32_t caps[] = {1, 2, 4, 7};
	for (size_t k = 0; k < TC_ARRAY_SIZE(caps); k++) {
		uint32_t cap = caps[k];
		struct npf_mipv6ha_params p;
		tc_params(&p, cap);
		p.proxynd_capacity = cap;
		tc_stop();
		tc.params = p;
		int rc = npf_mipv6ha_init(&p);
		if (rc != 0)
			fail_msg(
			    "npf_mipv6ha_init(bc_capacity=%u, proxynd_capacity=%u) = %d, want 0",
			    cap, cap, rc);
		npf_mipv6ha_fini();
		tc_start(&p, 0);
		assert_int_equal(tc_bc_space(tc.tun), cap);
		assert_int_equal(tc_pnd_space(tc.hl), cap);
		for (uint32_t i = 0; i < cap; i++) {
			assert_int_equal(tc_add_off(tc.tun, tc_hoa(i), tc_coa(i), NULL),
					 NPF_NO_ERROR);
			assert_int_equal(tc_pnd_add1(tc.hl, tc_hoa(i)), NPF_NO_ERROR);
		}
		assert_int_equal(tc_bc_space(tc.tun), 0);
		assert_int_equal(tc_pnd_space(tc.hl), 0);
		assert_int_equal(tc_add_off(tc.tun, tc_hoa(cap), tc_coa(cap), NULL),
				 NPF_MIPv6HA_E_NOMEMORY);
		assert_int_equal(tc_pnd_add1(tc.hl, tc_hoa(cap)), NPF_MIPv6HA_E_NOMEMORY);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_s5_4_2_delete_failure_echoes_handle, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_deleted_interface_handle, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_1_invalid_param_per_entry, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_2_unknown_and_stale_subtunnel_handles,
					    tc_setup, tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_2_handle_of_other_tunnel, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_1_hoa_bound_on_other_tunnel, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_7_proxynd_addr_unknown, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_6_proxynd_add_invalid_param, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_10_bc_table_full_nomemory, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_s5_4_12_proxynd_table_full_nomemory, tc_setup,
					    tc_teardown),
	    cmocka_unit_test_setup_teardown(test_runtime_small_capacities, tc_setup, tc_teardown),
	};
	return cmocka_run_group_tests(tests, tc_group_setup, tc_group_teardown);
}
