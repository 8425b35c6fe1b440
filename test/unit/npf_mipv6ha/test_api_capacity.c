/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * NPF MIPv6 HA Service API: the 1M binding capacity requirement. With
 * bc_capacity = 2^20 the binding cache takes exactly 1,048,576 entries
 * (added in batches through NPF_MIPv6HA_BC_Entry_Add), TableSpaceGet then
 * reports 0 (§5.4.10: the figure is exact) and the next new HoA gets
 * NPF_MIPv6HA_E_NOMEMORY (§5.4.1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test_common.h"

enum { CAP = 1u << 20, BATCH = 1u << 16 };

/* A counting callback: 1M recorded responses would be wasteful. */
static struct {
	uint32_t inv, ok, fail, first_fail_code, bad_hoa;
	const NPF_MIPv6HA_BC_Entry_t *req; /* the batch being completed */
	uint32_t next;                     /* index of the next expected response */
} cnt;

static void count_cb(NPF_userContext_t ctx, NPF_correlator_t corr, NPF_MIPv6HA_CallbackData_t d)
{
	(void)ctx;
	(void)corr;
	cnt.inv++;
	if (d.resp == NULL)
		return;
	for (uint32_t i = 0; i < d.numResp; i++) {
		if (d.resp[i].errorCode == NPF_NO_ERROR) {
			cnt.ok++;
		} else {
			if (cnt.fail++ == 0)
				cnt.first_fail_code = d.resp[i].errorCode;
		}
		if (cnt.req != NULL &&
		    memcmp(&d.resp[i].u2.subtunnelIdentifiers.HoA, &cnt.req[cnt.next].HoA, 16) != 0)
			cnt.bad_hoa++;
		cnt.next++;
	}
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* §5.4.1 / §5.4.10 / §7: 1,048,576 bindings fit, exactly. */
static void test_s5_4_10_capacity_1m_fill(void **state)
{
	(void)state;
	struct npf_mipv6ha_params p;
	tc_params(&p, CAP);
	p.proxynd_capacity = 64;
	p.max_lcores = 2;
	tc_start(&p, 0);
	NPF_callbackHandle_t cb = 0;
	assert_int_equal(NPF_MIPv6HA_Register(NULL, count_cb, &cb), NPF_NO_ERROR);
	assert_int_equal(tc_bc_space(tc.tun), CAP);
	NPF_MIPv6HA_BC_Entry_t *e = malloc(BATCH * sizeof(*e));
	assert_non_null(e);
	double t0 = now_s();
	for (uint32_t base = 0; base < CAP; base += BATCH) {
		for (uint32_t i = 0; i < BATCH; i++)
			e[i] = tc_entry(tc_hoa(base + i), tc_coa(base + i),
					NPF_MIPv6HA_LIFETIME_OFF, 0);
		memset(&cnt, 0, sizeof(cnt));
		cnt.req = e;
		assert_int_equal(
		    NPF_MIPv6HA_BC_Entry_Add(cb, NULL, NPF_REPORT_ALL, tc.tun, BATCH, e),
		    NPF_NO_ERROR);
		assert_int_equal(cnt.inv, 0);
		tc_dispatch();
		if (cnt.ok != BATCH)
			fail_msg("batch at %u: %u of %u added, first failure code %u", base, cnt.ok,
				 BATCH, cnt.first_fail_code);
		assert_int_equal(cnt.bad_hoa, 0);
	}
	double t1 = now_s();
	printf("capacity: %u bindings added in %.2f s\n", CAP, t1 - t0);
	assert_int_equal(tc_bc_space(tc.tun), 0);
	/* the next distinct HoA does not fit, on any tunnel interface */
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(CAP), tc_coa(0), NULL), NPF_MIPv6HA_E_NOMEMORY);
	NPF_IfHandle_t t2 = tc_tunnel(tc.hl, "2001:db8:1::2");
	assert_int_equal(tc_add_off(t2, tc_hoa(CAP + 1), tc_coa(0), NULL), NPF_MIPv6HA_E_NOMEMORY);
	/* a replace still works when full */
	NPF_MIPv6HA_SubtunnelHandle_t h;
	assert_int_equal(tc_add_off(tc.tun, tc_hoa(12345), tc_coa(7), &h), NPF_NO_ERROR);
	/* one freed, one room */
	assert_int_equal(tc_del1(tc.tun, h, NULL), NPF_NO_ERROR);
	assert_int_equal(tc_bc_space(tc.tun), 1);
	assert_int_equal(tc_add_off(t2, tc_hoa(CAP), tc_coa(0), NULL), NPF_NO_ERROR);
	assert_int_equal(tc_bc_space(tc.tun), 0);
	/* GetAll of a million: exact, or NOMEMORY as §5.4.11 allows */
	tc_rec_reset();
	assert_int_equal(NPF_MIPv6HA_BC_GetAll(tc.cbh, NULL, NPF_REPORT_ALL, tc.tun), NPF_NO_ERROR);
	tc_dispatch();
	assert_int_equal(tc_rec.n_inv, 1);
	struct tc_resp *r = tc_inv_resp(0, 0);
	if (r->raw.errorCode == NPF_NO_ERROR)
		assert_int_equal(r->n_list, CAP - 1);
	else
		assert_int_equal(r->raw.errorCode, NPF_MIPv6HA_E_NOMEMORY);
	tc_rec_reset();
	/* flush gives all the room back */
	assert_int_equal(tc_bc_flush(tc.tun), NPF_NO_ERROR);
	assert_int_equal(tc_bc_flush(t2), NPF_NO_ERROR);
	assert_int_equal(tc_bc_space(tc.tun), CAP);
	printf("capacity: whole test %.2f s\n", now_s() - t0);
	free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_s5_4_10_capacity_1m_fill, tc_setup, tc_teardown),
	};
	return cmocka_run_group_tests(tests, tc_group_setup, tc_group_teardown);
}
