/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_common.h
 * Shared harness of the NPF MIPv6 HA Service API unit tests: EAL bring-up,
 * a fake millisecond clock, the standard topology (home link + tunnel
 * interface), a completion recorder that deep-copies what callbacks receive,
 * an event recorder, and "synchronous" wrappers that issue one asynchronous
 * call, check that nothing is delivered before npf_mipv6ha_dispatch(), then
 * dispatch and check the seed 003 §4.2.2 single-operation rules.
 *
 * Callbacks and handlers never assert (a failed cmocka assert would longjmp
 * out of the implementation's dispatch loop); they only record. Tests assert
 * on the records afterwards.
 */
#ifndef TEST_COMMON_H
#define TEST_COMMON_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <cmocka.h>

#include "npf.h"
#include "npf_mipv6.h"
#include "npf_mipv6_if.h"
#include "npf_mipv6ha_runtime.h"

#define TC_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- EAL */

/**
 * rte_eal_init once per process (--no-huge --no-pci --no-shconf -m 1024);
 * lcores is a "-l" list ("0") or a whole option ("--lcores=...").
 */
void tc_eal_init(const char *lcores);
/** cmocka group setup: EAL with "-l 0". */
int tc_group_setup(void **state);
/** cmocka group teardown. */
int tc_group_teardown(void **state);

/* -------------------------------------------------------------- clock */

/** The fake clock read by the API (ms). Tests advance it. */
extern uint64_t tc_now_ms;
#define TC_T0_MS 1000000u

/* ---------------------------------------------------------- addresses */

NPF_IPv6Address_t tc_a(const char *s);
/** 2001:db8:1::100 + i (i added to the low 32 bits). */
NPF_IPv6Address_t tc_hoa(uint32_t i);
/** 2001:db8:2::100 + i. */
NPF_IPv6Address_t tc_coa(uint32_t i);
bool tc_aeq(const NPF_IPv6Address_t *a, const NPF_IPv6Address_t *b);
/** Text form, in a rotating static buffer (for messages). */
const char *tc_astr(const NPF_IPv6Address_t *a);
NPF_MIPv6HA_BC_Entry_t tc_entry(NPF_IPv6Address_t hoa, NPF_IPv6Address_t coa,
				NPF_MIPv6HA_LifetimeMode_t mode, uint32_t lifetime);

/* -------------------------------------------------- completion recorder */

/** Copy of one response, with deep copies of the pointed-to data. */
struct tc_resp {
	NPF_MIPv6HA_AsyncResponse_t raw; /**< as received (pointers dead) */
	bool has_bc;                     /**< ATTR_GET: BCentry was non-NULL */
	NPF_MIPv6HA_BC_Entry_t bc;
	bool has_st; /**< STATS_GET: BCentrystats was non-NULL */
	NPF_MIPv6HA_BC_EntryStats_t st;
	bool has_list; /**< GET_ALL: the array pointer was non-NULL */
	uint32_t n_list;
	NPF_MIPv6HA_SubtunnelIdentifiers_t *ids; /**< BC_GET_ALL */
	NPF_IPv6Address_t *addrs;                /**< PROXYND_GET_ALL */
};

/** One callback invocation. */
struct tc_inv {
	void *ctx;
	void *corr;
	NPF_MIPv6HA_CallbackType_t type;
	NPF_boolean_t allOK;
	uint32_t numResp;
	bool resp_null;
	uint32_t first; /**< index of its first response in tc_rec.resp */
	int fn;         /**< 1: tc_cb, 2: tc_cb2 */
};

struct tc_rec {
	uint32_t n_inv, cap_inv;
	struct tc_inv *inv;
	uint32_t n_resp, cap_resp;
	struct tc_resp *resp;
	/** Set by the recorder when a response list could not be copied. */
	uint32_t anomalies;
};

/** Everything tc_cb / tc_cb2 receive goes here. */
extern struct tc_rec tc_rec;
/** Completion callbacks that record into tc_rec (ctx stored as given). */
void tc_cb(NPF_userContext_t ctx, NPF_correlator_t corr, NPF_MIPv6HA_CallbackData_t d);
void tc_cb2(NPF_userContext_t ctx, NPF_correlator_t corr, NPF_MIPv6HA_CallbackData_t d);
/** Forget every record (and free deep copies). */
void tc_rec_reset(void);
/** Response j of invocation i. */
struct tc_resp *tc_inv_resp(uint32_t i, uint32_t j);
/** Sum of numResp over all recorded invocations. */
uint32_t tc_rec_total_resp(void);

/* ------------------------------------------------------ event recorder */

struct tc_evrec {
	uint32_t n_inv;
	uint32_t n_ev, cap_ev;
	NPF_MIPv6HA_EventData_t *ev;
	uint32_t empty_arrays; /**< invocations with n_data 0 or NULL data */
	void *last_ctx;
};

/** Event handler; userContext must point to a struct tc_evrec. */
void tc_ev_handler(NPF_userContext_t ctx, NPF_MIPv6HA_EventArray_t arr);
void tc_evrec_reset(struct tc_evrec *r);
/** Number of recorded events of one type. */
uint32_t tc_evrec_count(const struct tc_evrec *r, NPF_MIPv6HA_Event_t type);
/** Register tc_ev_handler with ctx r and a mask; asserts NPF_NO_ERROR. */
NPF_callbackHandle_t tc_ev_register(struct tc_evrec *r, NPF_MIPv6HA_EventMask_t mask);

/* ------------------------------------------------------- life cycle */

/** Defaults of the tests: fake clock, small tables. */
void tc_params(struct npf_mipv6ha_params *p, uint32_t bc_capacity);

/** Standard environment of one test. */
struct tc_env {
	bool up;                  /**< npf_mipv6ha_init succeeded */
	NPF_callbackHandle_t cbh; /**< tc_cb registered with ctx TC_CTX */
	NPF_IfHandle_t hl;        /**< home link 0 */
	NPF_IfHandle_t tun;       /**< tunnel on 2001:db8:1::1 */
	struct npf_mipv6ha_params params;
};
extern struct tc_env tc;
#define TC_CTX ((void *)(uintptr_t)0xC0FFEE)

/**
 * init with *p (fake clock forced), register tc_cb, create home link 0 with
 * dadTransmits dad, a tunnel on 2001:db8:1::1, and reset the recorders.
 */
void tc_start(const struct npf_mipv6ha_params *p, uint8_t dad);
/** fini (if started) and reset the recorders. */
void tc_stop(void);
/** cmocka setup: tc_start(tc_params(64), dad 0). */
int tc_setup(void **state);
/** cmocka teardown: tc_stop(). */
int tc_teardown(void **state);

/** Home link idx (0: 2001:db8:1::/64 HA ::1 [and ::2 when n_ha == 2];
 *  1: 2001:db8:5::/64 HA 2001:db8:5::1), set operationally up. */
void tc_homelink_cfg(NPF_MIPv6HA_IF_HomeLinkConfig_t *c, unsigned idx, uint8_t dad, unsigned n_ha);
NPF_IfHandle_t tc_homelink(unsigned idx, uint8_t dad, unsigned n_ha);
void tc_tunnel_cfg(NPF_MIPv6HA_IF_TunnelConfig_t *c, NPF_IfHandle_t hl, const char *ha);
NPF_IfHandle_t tc_tunnel(NPF_IfHandle_t hl, const char *ha);

/* -------------------------------------------------------- dispatching */

/** npf_mipv6ha_dispatch(0) until it reports no invocation (bounded). */
unsigned int tc_dispatch(void);
/** Assert that nothing has been recorded, then tc_dispatch(). */
unsigned int tc_dispatch_checked(void);

/* ------------------------------------- single-operation call wrappers */
/*
 * Each wrapper resets tc_rec, makes one call with tc.cbh, NPF_REPORT_ALL and
 * a correlator, asserts the synchronous NPF_NO_ERROR, asserts nothing was
 * delivered before dispatch, dispatches, asserts exactly one invocation with
 * the right type, ctx and correlator and the §4.2.2 single-operation shape
 * (no-data types: allOK TRUE/numResp 0/resp NULL on success; data types:
 * allOK FALSE/numResp 1/NPF_NO_ERROR; any failure: allOK FALSE/numResp 1)
 * and u1.ifHandle == the interface of the call, then returns the response
 * code. The records stay in tc_rec until the next wrapper.
 */
NPF_MIPv6HA_ErrorType_t tc_add1(NPF_IfHandle_t tun, NPF_IPv6Address_t hoa, NPF_IPv6Address_t coa,
				NPF_MIPv6HA_LifetimeMode_t mode, uint32_t lifetime,
				NPF_MIPv6HA_SubtunnelHandle_t *h);
/** Add with mode OFF. */
NPF_MIPv6HA_ErrorType_t tc_add_off(NPF_IfHandle_t tun, NPF_IPv6Address_t hoa, NPF_IPv6Address_t coa,
				   NPF_MIPv6HA_SubtunnelHandle_t *h);
/** Delete; *hoa_out (may be NULL) gets the HoA of the response. */
NPF_MIPv6HA_ErrorType_t tc_del1(NPF_IfHandle_t tun, NPF_MIPv6HA_SubtunnelHandle_t h,
				NPF_IPv6Address_t *hoa_out);
NPF_MIPv6HA_ErrorType_t tc_attr1(NPF_IfHandle_t tun, NPF_MIPv6HA_SubtunnelHandle_t h,
				 NPF_MIPv6HA_BC_Entry_t *out);
NPF_MIPv6HA_ErrorType_t tc_stats1(NPF_IfHandle_t tun, NPF_MIPv6HA_SubtunnelHandle_t h,
				  NPF_MIPv6HA_BC_EntryStats_t *out);
NPF_MIPv6HA_ErrorType_t tc_bc_flush(NPF_IfHandle_t tun);
/** Returns the code; *space gets entryspaceRemaining on success. */
NPF_MIPv6HA_ErrorType_t tc_bc_space_rc(NPF_IfHandle_t tun, uint32_t *space);
/** Asserts success, returns entryspaceRemaining. */
uint32_t tc_bc_space(NPF_IfHandle_t tun);
/** Asserts success; *out gets a malloc'd copy (free it), returns nCount. */
uint32_t tc_bc_getall(NPF_IfHandle_t tun, NPF_MIPv6HA_SubtunnelIdentifiers_t **out);

NPF_MIPv6HA_ErrorType_t tc_pnd_add1(NPF_IfHandle_t hl, NPF_IPv6Address_t a);
NPF_MIPv6HA_ErrorType_t tc_pnd_del1(NPF_IfHandle_t hl, NPF_IPv6Address_t a);
NPF_MIPv6HA_ErrorType_t tc_pnd_state1(NPF_IfHandle_t hl, NPF_IPv6Address_t a,
				      NPF_IPv6AddrState_t *st);
NPF_MIPv6HA_ErrorType_t tc_pnd_flush(NPF_IfHandle_t hl);
uint32_t tc_pnd_space(NPF_IfHandle_t hl);
uint32_t tc_pnd_getall(NPF_IfHandle_t hl, NPF_IPv6Address_t **out);

/** One RateLimitEvents element; returns the code (single operation). */
NPF_MIPv6HA_ErrorType_t tc_ratelimit1(NPF_MIPv6HA_Event_t ev, NPF_MIPv6HA_EventLimitType_t type,
				      uint32_t value);

/**
 * After a multi-operation call with NPF_REPORT_ALL or NPF_REPORT_ERRORS:
 * asserts that every recorded invocation has this type, ctx TC_CTX and
 * correlator corr, allOK FALSE, 1..max_resp_per_callback responses and a
 * non-NULL resp; stores pointers to the responses in delivery order in out
 * (up to max) and returns their total number.
 */
uint32_t tc_collect(NPF_MIPv6HA_CallbackType_t type, void *corr, struct tc_resp **out,
		    uint32_t max);
/** The effective max_resp_per_callback (256 when the parameter is 0). */
uint32_t tc_max_resp(void);

/** True if the (sorted or not) list contains a handle / an HoA. */
bool tc_ids_has_handle(const NPF_MIPv6HA_SubtunnelIdentifiers_t *ids, uint32_t n,
		       NPF_MIPv6HA_SubtunnelHandle_t h);

/** splitmix64 PRNG. */
uint64_t tc_rand(uint64_t *s);
/** Seed from $TC_SEED or the time; printed. */
uint64_t tc_seed(const char *what);

#endif /* TEST_COMMON_H */
