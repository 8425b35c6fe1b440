/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Proxy ND functions of the NPF API (seed 003 §5.4.6-5.4.9, 5.4.12, 5.4.13)
 * over lib/ndproxy's table. DAD outcomes come back as
 * NPF_MIPv6HA_PROXYND_DAD events (§4.3.2.1).
 */
#include <stdlib.h>
#include <string.h>

#include "ndproxy.h"
#include "npf_priv.h"

/* Addresses that may be proxied: unicast (global or link-local). */
static bool proxy_addr_ok(const NPF_IPv6Address_t *a)
{
	const uint8_t *b = a->addr;

	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
		return true; /* the MN's link-local address (RFC 6275 §10.4.1, L=1) */
	return npf_addr_is_global_unicast(a);
}

static uint16_t link_of(const struct npf_homelink *hl)
{
	return (uint16_t)(hl - npf.hl);
}

typedef NPF_MIPv6HA_ErrorType_t (*nd_op_fn)(struct npf_homelink *hl, const NPF_IPv6Address_t *a,
					    NPF_MIPv6HA_AsyncResponse_t *r, uint64_t now);

static NPF_error_t nd_addrs_call(NPF_callbackHandle_t cb, NPF_correlator_t corr,
				 NPF_errorReporting_t rep, NPF_IfHandle_t ifh, uint32_t n,
				 const NPF_IPv6Address_t *addrs, NPF_MIPv6HA_CallbackType_t type,
				 bool has_data, nd_op_fn op)
{
	NPF_error_t err = npf_check_call(cb, rep);
	struct npf_homelink *hl;
	struct npf_cq_item *it;
	uint64_t now;

	if (err != NPF_NO_ERROR)
		return err;
	if (addrs == NULL || n == 0 || n > NPF_MIPV6HA_MAX_BATCH)
		return NPF_E_UNKNOWN;
	it = npf_cq_new(cb, corr, rep, type, n, n > 1, has_data, 0);
	if (it == NULL)
		return NPF_MIPv6HA_E_NOMEMORY;
	hl = npf_homelink_get(ifh);
	now = npf_now();
	for (uint32_t i = 0; i < n; i++) {
		NPF_MIPv6HA_AsyncResponse_t *r = &it->resp[i];

		r->u1.ifHandle = ifh;
		r->u2.proxyNDAddress = addrs[i];
		r->errorCode =
		    hl == NULL ? NPF_MIPv6HA_E_INVALID_IF_HANDLE : op(hl, &addrs[i], r, now);
	}
	npf_cq_push(it);
	return NPF_NO_ERROR;
}

static NPF_MIPv6HA_ErrorType_t op_add(struct npf_homelink *hl, const NPF_IPv6Address_t *a,
				      NPF_MIPv6HA_AsyncResponse_t *r, uint64_t now)
{
	(void)r;
	if (!proxy_addr_ok(a))
		return NPF_MIPv6HA_E_INVALID_PARAM;
	switch (nd_addr_add(link_of(hl), a->addr, now)) {
	case 0:
		return NPF_NO_ERROR;
	case -ENOSPC:
	case -ENOMEM:
		return NPF_MIPv6HA_E_NOMEMORY;
	default:
		return NPF_E_UNKNOWN;
	}
}

NPF_error_t NPF_MIPv6HA_ProxyND_AddressAdd(NPF_callbackHandle_t cbHandle,
					   NPF_correlator_t cbCorrelator,
					   NPF_errorReporting_t errorReporting,
					   NPF_IfHandle_t homelinkInterfaceHandle,
					   NPF_uint32_t n_addresses,
					   NPF_IPv6Address_t *Ipv6AddressArray)
{
	return nd_addrs_call(cbHandle, cbCorrelator, errorReporting, homelinkInterfaceHandle,
			     n_addresses, Ipv6AddressArray, NPF_MIPV6HA_PROXYND_ADDR_ADD, false,
			     op_add);
}

static NPF_MIPv6HA_ErrorType_t op_del(struct npf_homelink *hl, const NPF_IPv6Address_t *a,
				      NPF_MIPv6HA_AsyncResponse_t *r, uint64_t now)
{
	(void)r;
	(void)now;
	return nd_addr_del(link_of(hl), a->addr) == 0 ? NPF_NO_ERROR
						      : NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN;
}

NPF_error_t NPF_MIPv6HA_ProxyND_AddressDelete(NPF_callbackHandle_t cbHandle,
					      NPF_correlator_t cbCorrelator,
					      NPF_errorReporting_t errorReporting,
					      NPF_IfHandle_t homelinkInterfaceHandle,
					      NPF_uint32_t n_addresses,
					      NPF_IPv6Address_t *Ipv6AddressArray)
{
	return nd_addrs_call(cbHandle, cbCorrelator, errorReporting, homelinkInterfaceHandle,
			     n_addresses, Ipv6AddressArray, NPF_MIPV6HA_PROXYND_ADDR_DELETE, false,
			     op_del);
}

static NPF_MIPv6HA_ErrorType_t op_state(struct npf_homelink *hl, const NPF_IPv6Address_t *a,
					NPF_MIPv6HA_AsyncResponse_t *r, uint64_t now)
{
	int st = nd_addr_state(link_of(hl), a->addr);

	(void)now;
	if (st <= 0)
		return NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN;
	r->u2.proxyNDEntry.Addr = *a;
	r->u2.proxyNDEntry.AddrState = (NPF_IPv6AddrState_t)st;
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_ProxyND_AddrStateGet(NPF_callbackHandle_t cbHandle,
					     NPF_correlator_t cbCorrelator,
					     NPF_errorReporting_t errorReporting,
					     NPF_IfHandle_t homelinkInterfaceHandle,
					     NPF_uint32_t n_addresses,
					     NPF_IPv6Address_t *Ipv6AddressArray)
{
	return nd_addrs_call(cbHandle, cbCorrelator, errorReporting, homelinkInterfaceHandle,
			     n_addresses, Ipv6AddressArray, NPF_MIPV6HA_PROXYND_ADDR_STATE_GET,
			     true, op_state);
}

/* Common frame of the single-operation calls on a home link. */
static NPF_error_t
nd_if_call(NPF_callbackHandle_t cb, NPF_correlator_t corr, NPF_errorReporting_t rep,
	   NPF_IfHandle_t ifh, NPF_MIPv6HA_CallbackType_t type, bool has_data,
	   NPF_MIPv6HA_ErrorType_t (*op)(struct npf_homelink *hl, struct npf_cq_item *it))
{
	NPF_error_t err = npf_check_call(cb, rep);
	struct npf_homelink *hl;
	struct npf_cq_item *it;

	if (err != NPF_NO_ERROR)
		return err;
	it = npf_cq_new(cb, corr, rep, type, 1, false, has_data, 0);
	if (it == NULL)
		return NPF_MIPv6HA_E_NOMEMORY;
	hl = npf_homelink_get(ifh);
	it->resp[0].u1.ifHandle = ifh;
	it->resp[0].errorCode = hl == NULL ? NPF_MIPv6HA_E_INVALID_IF_HANDLE : op(hl, it);
	npf_cq_push(it);
	return NPF_NO_ERROR;
}

static NPF_MIPv6HA_ErrorType_t op_flush(struct npf_homelink *hl, struct npf_cq_item *it)
{
	(void)it;
	nd_flush(link_of(hl));
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_ProxyND_Flush(NPF_callbackHandle_t cbHandle, NPF_correlator_t cbCorrelator,
				      NPF_errorReporting_t errorReporting,
				      NPF_IfHandle_t homelinkInterfaceHandle)
{
	return nd_if_call(cbHandle, cbCorrelator, errorReporting, homelinkInterfaceHandle,
			  NPF_MIPV6HA_PROXYND_FLUSH, false, op_flush);
}

static NPF_MIPv6HA_ErrorType_t op_space(struct npf_homelink *hl, struct npf_cq_item *it)
{
	(void)hl;
	it->resp[0].u2.entryspaceRemaining = nd_capacity() - nd_count();
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_ProxyND_TableSpaceGet(NPF_callbackHandle_t cbHandle,
					      NPF_correlator_t cbCorrelator,
					      NPF_errorReporting_t errorReporting,
					      NPF_IfHandle_t homelinkInterfaceHandle)
{
	return nd_if_call(cbHandle, cbCorrelator, errorReporting, homelinkInterfaceHandle,
			  NPF_MIPV6HA_PROXYND_TABLE_SPACE_GET, true, op_space);
}

static NPF_MIPv6HA_ErrorType_t op_getall(struct npf_homelink *hl, struct npf_cq_item *it)
{
	uint32_t n = nd_link_count(link_of(hl));
	NPF_IPv6AddressArray_t *arr;

	it->data = calloc(1, sizeof(*arr) + 16u * (n ? n : 1));
	if (it->data == NULL)
		return NPF_MIPv6HA_E_NOMEMORY;
	arr = it->data;
	arr->Ipv6AddressArray = (NPF_IPv6Address_t *)(arr + 1);
	arr->nCount = nd_list(link_of(hl), (uint8_t(*)[16])arr->Ipv6AddressArray, n);
	it->resp[0].u2.Ipv6Address = arr;
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_ProxyND_GetAll(NPF_callbackHandle_t cbHandle, NPF_correlator_t cbCorrelator,
				       NPF_errorReporting_t errorReporting,
				       NPF_IfHandle_t homelinkInterfaceHandle)
{
	return nd_if_call(cbHandle, cbCorrelator, errorReporting, homelinkInterfaceHandle,
			  NPF_MIPV6HA_PROXYND_GET_ALL, true, op_getall);
}
