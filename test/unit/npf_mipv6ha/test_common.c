/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Harness shared by the NPF MIPv6 HA API unit tests (see test_common.h).
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_eal.h>

#include "test_common.h"

uint64_t tc_now_ms = TC_T0_MS;
struct tc_rec tc_rec;
struct tc_env tc;

/* ---------------------------------------------------------------- EAL */

static bool eal_up;

void tc_eal_init(const char *lcores)
{
	if (eal_up)
		return;
	/* "-l 0" style, or "--lcores=..." passed through as is */
	static char lc[64], opt[8];
	bool full = strncmp(lcores, "--", 2) == 0;
	snprintf(lc, sizeof(lc), "%s", lcores);
	snprintf(opt, sizeof(opt), "%s", full ? "--" : "-l");
	char *argv[] = {"test",
			"--no-huge",
			"--no-pci",
			"--no-shconf",
			"-m",
			"1024",
			"--log-level=*:warning",
			full ? lc : opt,
			full ? NULL : lc,
			NULL};
	int argc = full ? 8 : 9;
	int rc = rte_eal_init(argc, argv);
	if (rc < 0) {
		fprintf(stderr, "rte_eal_init failed: %d\n", rc);
		abort();
	}
	eal_up = true;
}

int tc_group_setup(void **state)
{
	(void)state;
	tc_eal_init("0");
	return 0;
}

int tc_group_teardown(void **state)
{
	(void)state;
	tc_stop();
	return 0;
}

/* -------------------------------------------------------------- clock */

static uint64_t tc_clock(void *arg)
{
	return *(const uint64_t *)arg;
}

/* ---------------------------------------------------------- addresses */

NPF_IPv6Address_t tc_a(const char *s)
{
	NPF_IPv6Address_t a;
	memset(&a, 0, sizeof(a));
	if (inet_pton(AF_INET6, s, a.addr) != 1) {
		fprintf(stderr, "bad address literal %s\n", s);
		abort();
	}
	return a;
}

static NPF_IPv6Address_t addr_plus(const char *base, uint32_t i)
{
	NPF_IPv6Address_t a = tc_a(base);
	uint32_t lo = ((uint32_t)a.addr[12] << 24) | ((uint32_t)a.addr[13] << 16) |
		      ((uint32_t)a.addr[14] << 8) | a.addr[15];
	lo += i;
	a.addr[12] = (uint8_t)(lo >> 24);
	a.addr[13] = (uint8_t)(lo >> 16);
	a.addr[14] = (uint8_t)(lo >> 8);
	a.addr[15] = (uint8_t)lo;
	return a;
}

NPF_IPv6Address_t tc_hoa(uint32_t i)
{
	return addr_plus("2001:db8:1::100", i);
}

NPF_IPv6Address_t tc_coa(uint32_t i)
{
	return addr_plus("2001:db8:2::100", i);
}

bool tc_aeq(const NPF_IPv6Address_t *a, const NPF_IPv6Address_t *b)
{
	return memcmp(a->addr, b->addr, 16) == 0;
}

const char *tc_astr(const NPF_IPv6Address_t *a)
{
	static char buf[8][INET6_ADDRSTRLEN];
	static unsigned int k;
	char *b = buf[k++ % 8];
	inet_ntop(AF_INET6, a->addr, b, INET6_ADDRSTRLEN);
	return b;
}

NPF_MIPv6HA_BC_Entry_t tc_entry(NPF_IPv6Address_t hoa, NPF_IPv6Address_t coa,
				NPF_MIPv6HA_LifetimeMode_t mode, uint32_t lifetime)
{
	NPF_MIPv6HA_BC_Entry_t e;
	memset(&e, 0, sizeof(e));
	e.HoA = hoa;
	e.CoA = coa;
	e.lifetimeMode = mode;
	e.bindingLifetime = lifetime;
	return e;
}

/* -------------------------------------------------- completion recorder */

static void *grow(void *p, uint32_t *cap, uint32_t need, size_t elt)
{
	if (need <= *cap)
		return p;
	uint32_t n = *cap ? *cap : 64;
	while (n < need)
		n *= 2;
	void *q = realloc(p, (size_t)n * elt);
	if (q == NULL)
		abort();
	*cap = n;
	return q;
}

static void record(int fn, NPF_userContext_t ctx, NPF_correlator_t corr,
		   NPF_MIPv6HA_CallbackData_t d)
{
	struct tc_rec *r = &tc_rec;
	r->inv = grow(r->inv, &r->cap_inv, r->n_inv + 1, sizeof(*r->inv));
	struct tc_inv *v = &r->inv[r->n_inv++];
	v->ctx = ctx;
	v->corr = corr;
	v->type = d.type;
	v->allOK = d.allOK;
	v->numResp = d.numResp;
	v->resp_null = d.resp == NULL;
	v->first = r->n_resp;
	v->fn = fn;
	if (d.resp == NULL) {
		if (d.numResp != 0)
			r->anomalies++;
		v->numResp = d.numResp;
		return;
	}
	r->resp = grow(r->resp, &r->cap_resp, r->n_resp + d.numResp, sizeof(*r->resp));
	for (uint32_t i = 0; i < d.numResp; i++) {
		const NPF_MIPv6HA_AsyncResponse_t *in = &d.resp[i];
		struct tc_resp *o = &r->resp[r->n_resp++];
		memset(o, 0, sizeof(*o));
		o->raw = *in;
		if (in->errorCode != NPF_NO_ERROR)
			continue; /* pointers are only defined on success */
		switch (d.type) {
		case NPF_MIPV6HA_BC_ENTRY_ATTR_GET:
			if (in->u2.BCentry != NULL) {
				o->has_bc = true;
				o->bc = *in->u2.BCentry;
			}
			break;
		case NPF_MIPV6HA_BC_ENTRY_STATS_GET:
			if (in->u2.BCentrystats != NULL) {
				o->has_st = true;
				o->st = *in->u2.BCentrystats;
			}
			break;
		case NPF_MIPV6HA_BC_GET_ALL: {
			const NPF_MIPv6HA_SubtunnelIdentifiersArray_t *a =
			    in->u2.subtunnelIdentifiersArray;
			if (a == NULL)
				break;
			o->has_list = true;
			o->n_list = a->nCount;
			if (a->nCount == 0)
				break;
			if (a->subtunnelIdentifiersArray == NULL) {
				r->anomalies++;
				o->n_list = 0;
				break;
			}
			o->ids = malloc((size_t)a->nCount * sizeof(*o->ids));
			if (o->ids == NULL)
				abort();
			memcpy(o->ids, a->subtunnelIdentifiersArray,
			       (size_t)a->nCount * sizeof(*o->ids));
			break;
		}
		case NPF_MIPV6HA_PROXYND_GET_ALL: {
			const NPF_IPv6AddressArray_t *a = in->u2.Ipv6Address;
			if (a == NULL)
				break;
			o->has_list = true;
			o->n_list = a->nCount;
			if (a->nCount == 0)
				break;
			if (a->Ipv6AddressArray == NULL) {
				r->anomalies++;
				o->n_list = 0;
				break;
			}
			o->addrs = malloc((size_t)a->nCount * sizeof(*o->addrs));
			if (o->addrs == NULL)
				abort();
			memcpy(o->addrs, a->Ipv6AddressArray,
			       (size_t)a->nCount * sizeof(*o->addrs));
			break;
		}
		default:
			break;
		}
	}
}

void tc_cb(NPF_userContext_t ctx, NPF_correlator_t corr, NPF_MIPv6HA_CallbackData_t d)
{
	record(1, ctx, corr, d);
}

void tc_cb2(NPF_userContext_t ctx, NPF_correlator_t corr, NPF_MIPv6HA_CallbackData_t d)
{
	record(2, ctx, corr, d);
}

void tc_rec_reset(void)
{
	for (uint32_t i = 0; i < tc_rec.n_resp; i++) {
		free(tc_rec.resp[i].ids);
		free(tc_rec.resp[i].addrs);
	}
	tc_rec.n_inv = 0;
	tc_rec.n_resp = 0;
	tc_rec.anomalies = 0;
}

struct tc_resp *tc_inv_resp(uint32_t i, uint32_t j)
{
	assert_true(i < tc_rec.n_inv);
	assert_true(j < tc_rec.inv[i].numResp);
	assert_false(tc_rec.inv[i].resp_null);
	return &tc_rec.resp[tc_rec.inv[i].first + j];
}

uint32_t tc_rec_total_resp(void)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < tc_rec.n_inv; i++)
		n += tc_rec.inv[i].numResp;
	return n;
}

/* ------------------------------------------------------ event recorder */

void tc_ev_handler(NPF_userContext_t ctx, NPF_MIPv6HA_EventArray_t arr)
{
	struct tc_evrec *r = ctx;
	r->n_inv++;
	r->last_ctx = ctx;
	if (arr.n_data == 0 || arr.eventData == NULL) {
		r->empty_arrays++;
		return;
	}
	r->ev = grow(r->ev, &r->cap_ev, r->n_ev + arr.n_data, sizeof(*r->ev));
	memcpy(&r->ev[r->n_ev], arr.eventData, (size_t)arr.n_data * sizeof(*r->ev));
	r->n_ev += arr.n_data;
}

void tc_evrec_reset(struct tc_evrec *r)
{
	free(r->ev);
	memset(r, 0, sizeof(*r));
}

uint32_t tc_evrec_count(const struct tc_evrec *r, NPF_MIPv6HA_Event_t type)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < r->n_ev; i++)
		n += r->ev[i].eventType == type;
	return n;
}

NPF_callbackHandle_t tc_ev_register(struct tc_evrec *r, NPF_MIPv6HA_EventMask_t mask)
{
	NPF_callbackHandle_t h = 0;
	assert_int_equal(NPF_MIPv6HA_EventRegister(r, tc_ev_handler, mask, &h), NPF_NO_ERROR);
	assert_int_not_equal(h, 0);
	return h;
}

/* ------------------------------------------------------- life cycle */

void tc_params(struct npf_mipv6ha_params *p, uint32_t bc_capacity)
{
	memset(p, 0, sizeof(*p));
	p->bc_capacity = bc_capacity;
	p->proxynd_capacity = 64;
	p->max_lcores = 4;
	p->event_ring_size = 1024;
	p->clock = tc_clock;
	p->clock_arg = &tc_now_ms;
	p->socket_id = -1; /* SOCKET_ID_ANY */
}

void tc_homelink_cfg(NPF_MIPv6HA_IF_HomeLinkConfig_t *c, unsigned idx, uint8_t dad, unsigned n_ha)
{
	memset(c, 0, sizeof(*c));
	c->portId = (uint16_t)idx;
	c->vlanId = 0;
	const uint8_t mac[6] = {0x02, 0, 0, 0, 0, (uint8_t)(idx + 1)};
	memcpy(c->macAddr, mac, 6);
	c->mtu = 1500;
	c->dadTransmits = dad;
	c->retransTimerMs = 0; /* RFC 4861 default, 1000 ms */
	c->nPrefixes = 1;
	c->prefixes[0].prefixLen = 64;
	c->prefixes[0].validLifetime = 86400;
	c->prefixes[0].preferredLifetime = 14400;
	if (idx == 0) {
		c->linkLocal = tc_a("fe80::1");
		c->nHaAddrs = n_ha;
		c->haAddrs[0] = tc_a("2001:db8:1::1");
		c->haAddrs[1] = tc_a("2001:db8:1::2");
		c->prefixes[0].prefix = tc_a("2001:db8:1::");
	} else {
		c->linkLocal = tc_a("fe80::2");
		c->nHaAddrs = 1;
		c->haAddrs[0] = tc_a("2001:db8:5::1");
		c->prefixes[0].prefix = tc_a("2001:db8:5::");
	}
}

NPF_IfHandle_t tc_homelink(unsigned idx, uint8_t dad, unsigned n_ha)
{
	NPF_MIPv6HA_IF_HomeLinkConfig_t c;
	tc_homelink_cfg(&c, idx, dad, n_ha);
	NPF_IfHandle_t h = 0;
	assert_int_equal(NPF_MIPv6HA_IF_HomeLinkCreate(&c, &h), NPF_NO_ERROR);
	assert_int_not_equal(h, 0);
	assert_int_equal(NPF_MIPv6HA_IF_HomeLinkOperStatusSet(h, NPF_TRUE), NPF_NO_ERROR);
	return h;
}

void tc_tunnel_cfg(NPF_MIPv6HA_IF_TunnelConfig_t *c, NPF_IfHandle_t hl, const char *ha)
{
	memset(c, 0, sizeof(*c));
	c->homeLink = hl;
	c->haAddr = tc_a(ha);
	c->hopLimit = 64;
	c->trafficClass = 0;
	c->flowLabel = 0;
	c->mtu = 1460;
	c->pmtuMode = NPF_MIPV6HA_IF_PMTU_OFF;
	c->encapLimit = -1;
}

NPF_IfHandle_t tc_tunnel(NPF_IfHandle_t hl, const char *ha)
{
	NPF_MIPv6HA_IF_TunnelConfig_t c;
	tc_tunnel_cfg(&c, hl, ha);
	NPF_IfHandle_t h = 0;
	assert_int_equal(NPF_MIPv6HA_IF_TunnelCreate(&c, &h), NPF_NO_ERROR);
	assert_int_not_equal(h, 0);
	return h;
}

void tc_start(const struct npf_mipv6ha_params *p, uint8_t dad)
{
	tc_stop();
	tc_now_ms = TC_T0_MS;
	tc.params = *p;
	tc.params.clock = tc_clock;
	tc.params.clock_arg = &tc_now_ms;
	int rc = npf_mipv6ha_init(&tc.params);
	assert_int_equal(rc, 0);
	tc.up = true;
	assert_int_equal(NPF_MIPv6HA_Register(TC_CTX, tc_cb, &tc.cbh), NPF_NO_ERROR);
	assert_int_not_equal(tc.cbh, 0);
	tc.hl = tc_homelink(0, dad, 2);
	tc.tun = tc_tunnel(tc.hl, "2001:db8:1::1");
	tc_dispatch();
	tc_rec_reset();
}

void tc_stop(void)
{
	if (tc.up)
		npf_mipv6ha_fini();
	tc.up = false;
	tc.cbh = 0;
	tc.hl = tc.tun = 0;
	tc_rec_reset();
}

int tc_setup(void **state)
{
	(void)state;
	struct npf_mipv6ha_params p;
	tc_params(&p, 64);
	tc_start(&p, 0);
	return 0;
}

int tc_teardown(void **state)
{
	(void)state;
	tc_stop();
	return 0;
}

/* -------------------------------------------------------- dispatching */

unsigned int tc_dispatch(void)
{
	unsigned int total = 0;
	for (int i = 0; i < 1000; i++) {
		unsigned int n = npf_mipv6ha_dispatch(0);
		total += n;
		if (n == 0)
			break;
	}
	return total;
}

unsigned int tc_dispatch_checked(void)
{
	assert_int_equal(tc_rec.n_inv, 0);
	return tc_dispatch();
}

/* ------------------------------------- single-operation call wrappers */

static uint32_t corr_seq;

static void *next_corr(void)
{
	return (void *)(uintptr_t)(0x5000 + (++corr_seq));
}

static bool type_has_data(NPF_MIPv6HA_CallbackType_t t)
{
	switch (t) {
	case NPF_MIPV6HA_BC_FLUSH:
	case NPF_MIPV6HA_PROXYND_FLUSH:
	case NPF_MIPV6HA_PROXYND_ADDR_ADD:
	case NPF_MIPV6HA_PROXYND_ADDR_DELETE:
	case NPF_MIPV6HA_RATE_LIMIT_EVENTS:
		return false;
	default:
		return true;
	}
}

/*
 * Checks the single-operation shape of §4.2.2 and returns the response
 * (NULL for a no-data success).
 */
static struct tc_resp *single_done(NPF_MIPv6HA_CallbackType_t type, void *corr, NPF_IfHandle_t ifh,
				   NPF_MIPv6HA_ErrorType_t *code)
{
	tc_dispatch_checked();
	assert_int_equal(tc_rec.n_inv, 1);
	const struct tc_inv *v = &tc_rec.inv[0];
	assert_int_equal(v->type, type);
	assert_ptr_equal(v->ctx, TC_CTX);
	assert_ptr_equal(v->corr, corr);
	assert_int_equal(tc_rec.anomalies, 0);
	if (v->allOK == NPF_TRUE) {
		/* §4.2.2: allowed only for a successful no-data operation. */
		assert_false(type_has_data(type));
		assert_int_equal(v->numResp, 0);
		assert_true(v->resp_null);
		*code = NPF_NO_ERROR;
		return NULL;
	}
	assert_int_equal(v->allOK, NPF_FALSE);
	assert_int_equal(v->numResp, 1);
	assert_false(v->resp_null);
	struct tc_resp *r = tc_inv_resp(0, 0);
	*code = r->raw.errorCode;
	/* §4.2.2: a no-data success is reported with allOK TRUE only. */
	if (!type_has_data(type))
		assert_int_not_equal(*code, NPF_NO_ERROR);
	if (type != NPF_MIPV6HA_RATE_LIMIT_EVENTS)
		assert_int_equal(r->raw.u1.ifHandle, ifh);
	return r;
}

NPF_MIPv6HA_ErrorType_t tc_add1(NPF_IfHandle_t tun, NPF_IPv6Address_t hoa, NPF_IPv6Address_t coa,
				NPF_MIPv6HA_LifetimeMode_t mode, uint32_t lifetime,
				NPF_MIPv6HA_SubtunnelHandle_t *h)
{
	tc_rec_reset();
	NPF_MIPv6HA_BC_Entry_t e = tc_entry(hoa, coa, mode, lifetime);
	void *corr = next_corr();
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Add(tc.cbh, corr, NPF_REPORT_ALL, tun, 1, &e),
			 NPF_NO_ERROR);
	NPF_MIPv6HA_ErrorType_t code;
	struct tc_resp *r = single_done(NPF_MIPV6HA_BC_ENTRY_ADD, corr, tun, &code);
	assert_true(tc_aeq(&r->raw.u2.subtunnelIdentifiers.HoA, &hoa));
	if (code == NPF_NO_ERROR) {
		assert_int_not_equal(r->raw.u2.subtunnelIdentifiers.subtunnelHandle, 0);
		if (h != NULL)
			*h = r->raw.u2.subtunnelIdentifiers.subtunnelHandle;
	}
	return code;
}

NPF_MIPv6HA_ErrorType_t tc_add_off(NPF_IfHandle_t tun, NPF_IPv6Address_t hoa, NPF_IPv6Address_t coa,
				   NPF_MIPv6HA_SubtunnelHandle_t *h)
{
	return tc_add1(tun, hoa, coa, NPF_MIPv6HA_LIFETIME_OFF, 0, h);
}

NPF_MIPv6HA_ErrorType_t tc_del1(NPF_IfHandle_t tun, NPF_MIPv6HA_SubtunnelHandle_t h,
				NPF_IPv6Address_t *hoa_out)
{
	tc_rec_reset();
	void *corr = next_corr();
	assert_int_equal(NPF_MIPv6HA_BC_Entry_Delete(tc.cbh, corr, NPF_REPORT_ALL, tun, 1, &h),
			 NPF_NO_ERROR);
	NPF_MIPv6HA_ErrorType_t code;
	struct tc_resp *r = single_done(NPF_MIPV6HA_BC_ENTRY_DELETE, corr, tun, &code);
	assert_int_equal(r->raw.u2.subtunnelIdentifiers.subtunnelHandle, h);
	if (hoa_out != NULL)
		*hoa_out = r->raw.u2.subtunnelIdentifiers.HoA;
	return code;
}

NPF_MIPv6HA_ErrorType_t tc_attr1(NPF_IfHandle_t tun, NPF_MIPv6HA_SubtunnelHandle_t h,
				 NPF_MIPv6HA_BC_Entry_t *out)
{
	tc_rec_reset();
	void *corr = next_corr();
	assert_int_equal(NPF_MIPv6HA_BC_EntryAttrGet(tc.cbh, corr, NPF_REPORT_ALL, tun, 1, &h),
			 NPF_NO_ERROR);
	NPF_MIPv6HA_ErrorType_t code;
	struct tc_resp *r = single_done(NPF_MIPV6HA_BC_ENTRY_ATTR_GET, corr, tun, &code);
	if (code == NPF_NO_ERROR) {
		assert_true(r->has_bc);
		assert_int_equal(r->bc.subtunnelHandle, h);
		if (out != NULL)
			*out = r->bc;
	}
	return code;
}

NPF_MIPv6HA_ErrorType_t tc_stats1(NPF_IfHandle_t tun, NPF_MIPv6HA_SubtunnelHandle_t h,
				  NPF_MIPv6HA_BC_EntryStats_t *out)
{
	tc_rec_reset();
	void *corr = next_corr();
	assert_int_equal(NPF_MIPv6HA_BC_EntryStatsGet(tc.cbh, corr, NPF_REPORT_ALL, tun, 1, &h),
			 NPF_NO_ERROR);
	NPF_MIPv6HA_ErrorType_t code;
	struct tc_resp *r = single_done(NPF_MIPV6HA_BC_ENTRY_STATS_GET, corr, tun, &code);
	if (code == NPF_NO_ERROR) {
		assert_true(r->has_st);
		assert_int_equal(r->st.subtunnelHandle, h);
		if (out != NULL)
			*out = r->st;
	}
	return code;
}

NPF_MIPv6HA_ErrorType_t tc_bc_flush(NPF_IfHandle_t tun)
{
	tc_rec_reset();
	void *corr = next_corr();
	assert_int_equal(NPF_MIPv6HA_BC_Flush(tc.cbh, corr, NPF_REPORT_ALL, tun), NPF_NO_ERROR);
	NPF_MIPv6HA_ErrorType_t code;
	single_done(NPF_MIPV6HA_BC_FLUSH, corr, tun, &code);
	return code;
}

NPF_MIPv6HA_ErrorType_t tc_bc_space_rc(NPF_IfHandle_t tun, uint32_t *space)
{
	tc_rec_reset();
	void *corr = next_corr();
	assert_int_equal(NPF_MIPv6HA_BC_TableSpaceGet(tc.cbh, corr, NPF_REPORT_ALL, tun),
			 NPF_NO_ERROR);
	NPF_MIPv6HA_ErrorType_t code;
	struct tc_resp *r = single_done(NPF_MIPV6HA_BC_TABLE_SPACE_GET, corr, tun, &code);
	if (code == NPF_NO_ERROR && space != NULL)
		*space = r->raw.u2.entryspaceRemaining;
	return code;
}

uint32_t tc_bc_space(NPF_IfHandle_t tun)
{
	uint32_t s = 0;
	assert_int_equal(tc_bc_space_rc(tun, &s), NPF_NO_ERROR);
	return s;
}

uint32_t tc_bc_getall(NPF_IfHandle_t tun, NPF_MIPv6HA_SubtunnelIdentifiers_t **out)
{
	tc_rec_reset();
	void *corr = next_corr();
	assert_int_equal(NPF_MIPv6HA_BC_GetAll(tc.cbh, corr, NPF_REPORT_ALL, tun), NPF_NO_ERROR);
	NPF_MIPv6HA_ErrorType_t code;
	struct tc_resp *r = single_done(NPF_MIPV6HA_BC_GET_ALL, corr, tun, &code);
	assert_int_equal(code, NPF_NO_ERROR);
	assert_true(r->has_list);
	uint32_t n = r->n_list;
	if (out != NULL) {
		*out = r->ids; /* ownership moves to the caller */
		r->ids = NULL;
	}
	return n;
}

NPF_MIPv6HA_ErrorType_t tc_pnd_add1(NPF_IfHandle_t hl, NPF_IPv6Address_t a)
{
	tc_rec_reset();
	void *corr = next_corr();
	assert_int_equal(NPF_MIPv6HA_ProxyND_AddressAdd(tc.cbh, corr, NPF_REPORT_ALL, hl, 1, &a),
			 NPF_NO_ERROR);
	NPF_MIPv6HA_ErrorType_t code;
	struct tc_resp *r = single_done(NPF_MIPV6HA_PROXYND_ADDR_ADD, corr, hl, &code);
	if (r != NULL)
		assert_true(tc_aeq(&r->raw.u2.proxyNDAddress, &a));
	return code;
}

NPF_MIPv6HA_ErrorType_t tc_pnd_del1(NPF_IfHandle_t hl, NPF_IPv6Address_t a)
{
	tc_rec_reset();
	void *corr = next_corr();
	assert_int_equal(NPF_MIPv6HA_ProxyND_AddressDelete(tc.cbh, corr, NPF_REPORT_ALL, hl, 1, &a),
			 NPF_NO_ERROR);
	NPF_MIPv6HA_ErrorType_t code;
	struct tc_resp *r = single_done(NPF_MIPV6HA_PROXYND_ADDR_DELETE, corr, hl, &code);
	if (r != NULL)
		assert_true(tc_aeq(&r->raw.u2.proxyNDAddress, &a));
	return code;
}

NPF_MIPv6HA_ErrorType_t tc_pnd_state1(NPF_IfHandle_t hl, NPF_IPv6Address_t a,
				      NPF_IPv6AddrState_t *st)
{
	tc_rec_reset();
	void *corr = next_corr();
	assert_int_equal(NPF_MIPv6HA_ProxyND_AddrStateGet(tc.cbh, corr, NPF_REPORT_ALL, hl, 1, &a),
			 NPF_NO_ERROR);
	NPF_MIPv6HA_ErrorType_t code;
	struct tc_resp *r = single_done(NPF_MIPV6HA_PROXYND_ADDR_STATE_GET, corr, hl, &code);
	if (code == NPF_NO_ERROR) {
		assert_true(tc_aeq(&r->raw.u2.proxyNDEntry.Addr, &a));
		if (st != NULL)
			*st = r->raw.u2.proxyNDEntry.AddrState;
	}
	return code;
}

NPF_MIPv6HA_ErrorType_t tc_pnd_flush(NPF_IfHandle_t hl)
{
	tc_rec_reset();
	void *corr = next_corr();
	assert_int_equal(NPF_MIPv6HA_ProxyND_Flush(tc.cbh, corr, NPF_REPORT_ALL, hl), NPF_NO_ERROR);
	NPF_MIPv6HA_ErrorType_t code;
	single_done(NPF_MIPV6HA_PROXYND_FLUSH, corr, hl, &code);
	return code;
}

uint32_t tc_pnd_space(NPF_IfHandle_t hl)
{
	tc_rec_reset();
	void *corr = next_corr();
	assert_int_equal(NPF_MIPv6HA_ProxyND_TableSpaceGet(tc.cbh, corr, NPF_REPORT_ALL, hl),
			 NPF_NO_ERROR);
	NPF_MIPv6HA_ErrorType_t code;
	struct tc_resp *r = single_done(NPF_MIPV6HA_PROXYND_TABLE_SPACE_GET, corr, hl, &code);
	assert_int_equal(code, NPF_NO_ERROR);
	return r->raw.u2.entryspaceRemaining;
}

uint32_t tc_pnd_getall(NPF_IfHandle_t hl, NPF_IPv6Address_t **out)
{
	tc_rec_reset();
	void *corr = next_corr();
	assert_int_equal(NPF_MIPv6HA_ProxyND_GetAll(tc.cbh, corr, NPF_REPORT_ALL, hl),
			 NPF_NO_ERROR);
	NPF_MIPv6HA_ErrorType_t code;
	struct tc_resp *r = single_done(NPF_MIPV6HA_PROXYND_GET_ALL, corr, hl, &code);
	assert_int_equal(code, NPF_NO_ERROR);
	assert_true(r->has_list);
	uint32_t n = r->n_list;
	if (out != NULL) {
		*out = r->addrs;
		r->addrs = NULL;
	}
	return n;
}

NPF_MIPv6HA_ErrorType_t tc_ratelimit1(NPF_MIPv6HA_Event_t ev, NPF_MIPv6HA_EventLimitType_t type,
				      uint32_t value)
{
	tc_rec_reset();
	NPF_MIPv6HA_EventLimit_t l;
	memset(&l, 0, sizeof(l));
	l.eventId = ev;
	l.limitType = type;
	l.u.nCount = value;
	void *corr = next_corr();
	assert_int_equal(NPF_MIPv6HA_RateLimitEvents(tc.cbh, corr, NPF_REPORT_ALL, 1, &l),
			 NPF_NO_ERROR);
	NPF_MIPv6HA_ErrorType_t code;
	struct tc_resp *r = single_done(NPF_MIPV6HA_RATE_LIMIT_EVENTS, corr, 0, &code);
	if (r != NULL)
		assert_int_equal(r->raw.u2.eventType, ev);
	return code;
}

uint32_t tc_max_resp(void)
{
	return tc.params.max_resp_per_callback ? tc.params.max_resp_per_callback : 256;
}

uint32_t tc_collect(NPF_MIPv6HA_CallbackType_t type, void *corr, struct tc_resp **out, uint32_t max)
{
	uint32_t n = 0;
	assert_int_equal(tc_rec.anomalies, 0);
	for (uint32_t i = 0; i < tc_rec.n_inv; i++) {
		const struct tc_inv *v = &tc_rec.inv[i];
		assert_int_equal(v->type, type);
		assert_ptr_equal(v->ctx, TC_CTX);
		assert_ptr_equal(v->corr, corr);
		assert_int_equal(v->allOK, NPF_FALSE);
		assert_true(v->numResp >= 1);
		assert_true(v->numResp <= tc_max_resp());
		assert_false(v->resp_null);
		for (uint32_t j = 0; j < v->numResp; j++) {
			if (n < max)
				out[n] = tc_inv_resp(i, j);
			n++;
		}
	}
	return n;
}

bool tc_ids_has_handle(const NPF_MIPv6HA_SubtunnelIdentifiers_t *ids, uint32_t n,
		       NPF_MIPv6HA_SubtunnelHandle_t h)
{
	for (uint32_t i = 0; i < n; i++)
		if (ids[i].subtunnelHandle == h)
			return true;
	return false;
}

/* ------------------------------------------------------------ PRNG */

uint64_t tc_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

uint64_t tc_seed(const char *what)
{
	uint64_t s;
	const char *e = getenv("TC_SEED");
	if (e != NULL && *e != '\0') {
		s = strtoull(e, NULL, 0);
	} else {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		s = (uint64_t)ts.tv_sec * 1000000007ull ^ (uint64_t)ts.tv_nsec;
	}
	printf("%s: seed 0x%" PRIx64 " (rerun with TC_SEED=0x%" PRIx64 ")\n", what, s, s);
	fflush(stdout);
	return s;
}
