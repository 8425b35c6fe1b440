/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Binding-cache functions of the NPF API (seed 003 §5.4.1-5.4.5, 5.4.10,
 * 5.4.11) over the forwarding plane's table (lib/fastpath), and the
 * binding lifetime countdown of §4.1.4 (lifetime mode ON).
 */
#include <stdlib.h>
#include <string.h>

#include "fastpath.h"
#include "npf_priv.h"

static void tunnel_params(const struct npf_tunnel *t, struct fp_tunnel_params *tp)
{
	memcpy(tp->src, t->cfg.haAddr.addr, 16);
	tp->hop_limit = t->cfg.hopLimit;
	tp->tclass = t->cfg.trafficClass;
	tp->flow = t->cfg.flowLabel;
	tp->mtu = t->cfg.mtu;
}

static uint8_t tunnel_index(const struct npf_tunnel *t)
{
	return (uint8_t)(t - npf.tun);
}

static void lifetime_arm(uint32_t handle, const NPF_MIPv6HA_BC_Entry_t *e, uint64_t now)
{
	struct npf_bstate *bs = &npf.bs[fp_handle_idx(handle)];

	bs->handle = handle;
	bs->lt_mode = (uint8_t)e->lifetimeMode;
	bs->lt_secs = e->bindingLifetime;
	bs->timer_gen++;
	if (e->lifetimeMode == NPF_MIPv6HA_LIFETIME_ON) {
		bs->expire_ms = now + (uint64_t)e->bindingLifetime * 1000u;
		if (timerq_push(&npf.lt_q, bs->expire_ms, fp_handle_idx(handle), bs->timer_gen) !=
		    0)
			NPF_LOG(ERR, "lifetime timer: out of memory");
	} else {
		bs->expire_ms = 0;
	}
}

static int cmp_addr(const void *a, const void *b)
{
	return memcmp(*(const uint8_t *const *)a, *(const uint8_t *const *)b, 16);
}

/* Seed §5.4.1: a HoA twice in one array is refused as a whole. */
static bool has_duplicate_hoa(uint32_t n, const NPF_MIPv6HA_BC_Entry_t *arr)
{
	const uint8_t **v;
	bool dup = false;

	if (n < 2)
		return false;
	v = malloc(sizeof(*v) * n);
	if (v == NULL)
		return false;
	for (uint32_t i = 0; i < n; i++)
		v[i] = arr[i].HoA.addr;
	qsort(v, n, sizeof(*v), cmp_addr);
	for (uint32_t i = 1; i < n && !dup; i++)
		dup = memcmp(v[i - 1], v[i], 16) == 0;
	free(v);
	return dup;
}

static NPF_MIPv6HA_ErrorType_t bc_add_one(struct npf_tunnel *t, const NPF_MIPv6HA_BC_Entry_t *e,
					  uint64_t now, uint32_t *handle)
{
	struct fp_tunnel_params tp;
	const struct fp_binding *old;
	uint16_t pmtu = t->cfg.mtu;
	int ret;

	*handle = 0;
	if (!npf_addr_is_global_unicast(&e->HoA) || !npf_addr_is_global_unicast(&e->CoA) ||
	    memcmp(&e->HoA, &e->CoA, 16) == 0 ||
	    (e->lifetimeMode != NPF_MIPv6HA_LIFETIME_ON &&
	     e->lifetimeMode != NPF_MIPv6HA_LIFETIME_OFF) ||
	    (e->lifetimeMode == NPF_MIPv6HA_LIFETIME_ON && e->bindingLifetime == 0))
		return NPF_MIPv6HA_E_INVALID_PARAM;
	*handle = fp_bc_find(e->HoA.addr);
	if (*handle != 0) {
		old = fp_bc_get(*handle);
		if (old->tun != tunnel_index(t)) {
			*handle = 0; /* the HoA is served by another tunnel interface */
			return NPF_MIPv6HA_E_INVALID_PARAM;
		}
		/* A learnt path MTU belongs to the path to the old CoA. */
		if (memcmp(old->outer.dst_addr, e->CoA.addr, 16) == 0)
			pmtu = old->pmtu;
	}
	tunnel_params(t, &tp);
	bool is_new = *handle == 0;
	ret = fp_bc_set(e->HoA.addr, e->CoA.addr, tunnel_index(t), &tp, pmtu, handle);
	if (ret != 0)
		return NPF_MIPv6HA_E_NOMEMORY; /* fp_bc_set left *handle as it was, or 0 */
	if (is_new)
		t->nentries++;
	lifetime_arm(*handle, e, now);
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_BC_Entry_Add(NPF_callbackHandle_t cbHandle, NPF_correlator_t cbCorrelator,
				     NPF_errorReporting_t errorReporting,
				     NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle,
				     NPF_uint32_t n_entries, NPF_MIPv6HA_BC_Entry_t *BCEntryarray)
{
	NPF_error_t err = npf_check_call(cbHandle, errorReporting);
	struct npf_tunnel *t;
	struct npf_cq_item *it;
	uint64_t now;

	if (err != NPF_NO_ERROR)
		return err;
	if (BCEntryarray == NULL || n_entries == 0 || n_entries > NPF_MIPV6HA_MAX_BATCH)
		return NPF_E_UNKNOWN;
	if (has_duplicate_hoa(n_entries, BCEntryarray))
		return NPF_MIPv6HA_E_DUPLICATE_HOA;
	it = npf_cq_new(cbHandle, cbCorrelator, errorReporting, NPF_MIPV6HA_BC_ENTRY_ADD, n_entries,
			n_entries > 1, true, 0);
	if (it == NULL)
		return NPF_MIPv6HA_E_NOMEMORY;
	t = npf_tunnel_get(Mipv6HA_tunnelInterfaceHandle);
	now = npf_now();
	for (uint32_t i = 0; i < n_entries; i++) {
		NPF_MIPv6HA_AsyncResponse_t *r = &it->resp[i];
		uint32_t h = 0;

		r->u1.ifHandle = Mipv6HA_tunnelInterfaceHandle;
		r->u2.subtunnelIdentifiers.HoA = BCEntryarray[i].HoA;
		r->errorCode = t == NULL ? NPF_MIPv6HA_E_INVALID_IF_HANDLE
					 : bc_add_one(t, &BCEntryarray[i], now, &h);
		r->u2.subtunnelIdentifiers.subtunnelHandle = h;
	}
	npf_cq_push(it);
	return NPF_NO_ERROR;
}

/* Delete a binding and its control-side state. */
static void bc_remove(struct npf_tunnel *t, uint32_t handle)
{
	npf.bs[fp_handle_idx(handle)].timer_gen++;
	npf.bs[fp_handle_idx(handle)].handle = 0;
	if (fp_bc_del(handle) == 0)
		t->nentries--;
}

/* A handle names a binding of tunnel @p t. */
static const struct fp_binding *bc_of(const struct npf_tunnel *t, uint32_t handle)
{
	const struct fp_binding *b = fp_bc_get(handle);

	return b != NULL && b->tun == tunnel_index(t) ? b : NULL;
}

/* Common frame of the calls that take an array of sub-tunnel handles. */
typedef NPF_MIPv6HA_ErrorType_t (*bc_op_fn)(struct npf_tunnel *t, uint32_t handle,
					    NPF_MIPv6HA_AsyncResponse_t *r, void *slot);

static NPF_error_t bc_handles_call(NPF_callbackHandle_t cb, NPF_correlator_t corr,
				   NPF_errorReporting_t rep, NPF_IfHandle_t ifh, uint32_t n,
				   const NPF_MIPv6HA_SubtunnelHandle_t *handles,
				   NPF_MIPv6HA_CallbackType_t type, size_t slot_size, bc_op_fn op)
{
	NPF_error_t err = npf_check_call(cb, rep);
	struct npf_tunnel *t;
	struct npf_cq_item *it;

	if (err != NPF_NO_ERROR)
		return err;
	if (handles == NULL || n == 0 || n > NPF_MIPV6HA_MAX_BATCH)
		return NPF_E_UNKNOWN;
	it = npf_cq_new(cb, corr, rep, type, n, n > 1, true, slot_size * n);
	if (it == NULL)
		return NPF_MIPv6HA_E_NOMEMORY;
	t = npf_tunnel_get(ifh);
	for (uint32_t i = 0; i < n; i++) {
		NPF_MIPv6HA_AsyncResponse_t *r = &it->resp[i];

		r->u1.ifHandle = ifh;
		/* §5.4.2: a delete response names the sub-tunnel it is about. */
		if (type == NPF_MIPV6HA_BC_ENTRY_DELETE)
			r->u2.subtunnelIdentifiers.subtunnelHandle = handles[i];
		r->errorCode = t == NULL ? NPF_MIPv6HA_E_INVALID_IF_HANDLE
					 : op(t, handles[i], r, (char *)it->data + slot_size * i);
	}
	npf_cq_push(it);
	return NPF_NO_ERROR;
}

static NPF_MIPv6HA_ErrorType_t op_delete(struct npf_tunnel *t, uint32_t handle,
					 NPF_MIPv6HA_AsyncResponse_t *r, void *slot)
{
	const struct fp_binding *b = bc_of(t, handle);

	(void)slot;
	r->u2.subtunnelIdentifiers.subtunnelHandle = handle;
	if (b == NULL)
		return NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE;
	memcpy(r->u2.subtunnelIdentifiers.HoA.addr, b->hoa, 16);
	bc_remove(t, handle);
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_BC_Entry_Delete(NPF_callbackHandle_t cbHandle,
					NPF_correlator_t cbCorrelator,
					NPF_errorReporting_t errorReporting,
					NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle,
					NPF_uint32_t n_entries,
					NPF_MIPv6HA_SubtunnelHandle_t *subtunnelHandleArray)
{
	return bc_handles_call(cbHandle, cbCorrelator, errorReporting,
			       Mipv6HA_tunnelInterfaceHandle, n_entries, subtunnelHandleArray,
			       NPF_MIPV6HA_BC_ENTRY_DELETE, 0, op_delete);
}

static uint32_t remaining_secs(const struct npf_bstate *bs, uint64_t now)
{
	if (bs->lt_mode != NPF_MIPv6HA_LIFETIME_ON || bs->expire_ms <= now)
		return 0;
	return (uint32_t)((bs->expire_ms - now + 999) / 1000);
}

static NPF_MIPv6HA_ErrorType_t op_attr(struct npf_tunnel *t, uint32_t handle,
				       NPF_MIPv6HA_AsyncResponse_t *r, void *slot)
{
	const struct fp_binding *b = bc_of(t, handle);
	NPF_MIPv6HA_BC_Entry_t *e = slot;
	const struct npf_bstate *bs;

	if (b == NULL)
		return NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE;
	bs = &npf.bs[fp_handle_idx(handle)];
	e->subtunnelHandle = handle;
	memcpy(e->HoA.addr, b->hoa, 16);
	memcpy(e->CoA.addr, b->outer.dst_addr, 16);
	/* Seed §4.1.4: the sub-tunnel PMTU when PMTU mode is on, else the
	 * tunnel interface's MTU. */
	e->PMTU = t->cfg.pmtuMode == NPF_MIPV6HA_IF_PMTU_ON ? b->pmtu : t->cfg.mtu;
	e->lifetimeMode = (NPF_MIPv6HA_LifetimeMode_t)bs->lt_mode;
	e->bindingLifetime = bs->lt_secs;
	e->remainingBindingLifetime = remaining_secs(bs, npf_now());
	r->u2.BCentry = e;
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_BC_EntryAttrGet(NPF_callbackHandle_t cbHandle,
					NPF_correlator_t cbCorrelator,
					NPF_errorReporting_t errorReporting,
					NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle,
					NPF_uint32_t n_entries,
					NPF_MIPv6HA_SubtunnelHandle_t *subtunnelHandleArray)
{
	return bc_handles_call(cbHandle, cbCorrelator, errorReporting,
			       Mipv6HA_tunnelInterfaceHandle, n_entries, subtunnelHandleArray,
			       NPF_MIPV6HA_BC_ENTRY_ATTR_GET, sizeof(NPF_MIPv6HA_BC_Entry_t),
			       op_attr);
}

static NPF_MIPv6HA_ErrorType_t op_stats(struct npf_tunnel *t, uint32_t handle,
					NPF_MIPv6HA_AsyncResponse_t *r, void *slot)
{
	const struct fp_binding *b = bc_of(t, handle);
	NPF_MIPv6HA_BC_EntryStats_t *s = slot;
	struct fp_st_counters sum;

	if (b == NULL || fp_bc_stats(handle, &sum) != 0)
		return NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE;
	s->subtunnelHandle = handle;
	memcpy(s->HoA.addr, b->hoa, 16);
	s->mipv6NodeHCInOctets = sum.octets[FP_ST_IN];
	s->mipv6NodeHCInPkts = sum.pkts[FP_ST_IN];
	s->mipv6NodeHCOctets = sum.octets[FP_ST_OUT];
	s->mipv6NodeHCPkts = sum.pkts[FP_ST_OUT];
	s->dropRxOctets = sum.octets[FP_ST_DROP_RX];
	s->dropRxPkts = sum.pkts[FP_ST_DROP_RX];
	s->dropTxOctets = sum.octets[FP_ST_DROP_TX];
	s->dropTxPkts = sum.pkts[FP_ST_DROP_TX];
	r->u2.BCentrystats = s;
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_BC_EntryStatsGet(NPF_callbackHandle_t cbHandle,
					 NPF_correlator_t cbCorrelator,
					 NPF_errorReporting_t errorReporting,
					 NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle,
					 NPF_uint32_t n_entries,
					 NPF_MIPv6HA_SubtunnelHandle_t *subtunnelHandleArray)
{
	return bc_handles_call(cbHandle, cbCorrelator, errorReporting,
			       Mipv6HA_tunnelInterfaceHandle, n_entries, subtunnelHandleArray,
			       NPF_MIPV6HA_BC_ENTRY_STATS_GET, sizeof(NPF_MIPv6HA_BC_EntryStats_t),
			       op_stats);
}

/* Common frame of the single-operation calls on a tunnel interface. */
static NPF_error_t
bc_if_call(NPF_callbackHandle_t cb, NPF_correlator_t corr, NPF_errorReporting_t rep,
	   NPF_IfHandle_t ifh, NPF_MIPv6HA_CallbackType_t type, bool has_data,
	   NPF_MIPv6HA_ErrorType_t (*op)(struct npf_tunnel *t, struct npf_cq_item *it))
{
	NPF_error_t err = npf_check_call(cb, rep);
	struct npf_tunnel *t;
	struct npf_cq_item *it;

	if (err != NPF_NO_ERROR)
		return err;
	it = npf_cq_new(cb, corr, rep, type, 1, false, has_data, 0);
	if (it == NULL)
		return NPF_MIPv6HA_E_NOMEMORY;
	t = npf_tunnel_get(ifh);
	it->resp[0].u1.ifHandle = ifh;
	it->resp[0].errorCode = t == NULL ? NPF_MIPv6HA_E_INVALID_IF_HANDLE : op(t, it);
	npf_cq_push(it);
	return NPF_NO_ERROR;
}

static NPF_MIPv6HA_ErrorType_t op_flush(struct npf_tunnel *t, struct npf_cq_item *it)
{
	uint32_t pos = 0, h;

	(void)it;
	while (t->nentries > 0 && (h = fp_bc_next(&pos)) != 0)
		if (fp_bc_get(h)->tun == tunnel_index(t))
			bc_remove(t, h);
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_BC_Flush(NPF_callbackHandle_t cbHandle, NPF_correlator_t cbCorrelator,
				 NPF_errorReporting_t errorReporting,
				 NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle)
{
	return bc_if_call(cbHandle, cbCorrelator, errorReporting, Mipv6HA_tunnelInterfaceHandle,
			  NPF_MIPV6HA_BC_FLUSH, false, op_flush);
}

static NPF_MIPv6HA_ErrorType_t op_space(struct npf_tunnel *t, struct npf_cq_item *it)
{
	(void)t;
	/* One binding cache serves every tunnel interface: its free room is
	 * exact (extendable buckets guarantee the configured capacity). */
	it->resp[0].u2.entryspaceRemaining = npf.p.bc_capacity - fp_bc_count();
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_BC_TableSpaceGet(NPF_callbackHandle_t cbHandle,
					 NPF_correlator_t cbCorrelator,
					 NPF_errorReporting_t errorReporting,
					 NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle)
{
	return bc_if_call(cbHandle, cbCorrelator, errorReporting, Mipv6HA_tunnelInterfaceHandle,
			  NPF_MIPV6HA_BC_TABLE_SPACE_GET, true, op_space);
}

static NPF_MIPv6HA_ErrorType_t op_getall(struct npf_tunnel *t, struct npf_cq_item *it)
{
	NPF_MIPv6HA_SubtunnelIdentifiersArray_t *arr;
	NPF_MIPv6HA_SubtunnelIdentifiers_t *ids;
	uint32_t pos = 0, n = 0, h;

	it->data = calloc(1, sizeof(*arr) + sizeof(*ids) * (t->nentries ? t->nentries : 1));
	if (it->data == NULL)
		return NPF_MIPv6HA_E_NOMEMORY;
	arr = it->data;
	ids = (NPF_MIPv6HA_SubtunnelIdentifiers_t *)(arr + 1);
	while (n < t->nentries && (h = fp_bc_next(&pos)) != 0) {
		const struct fp_binding *b = fp_bc_get(h);

		if (b->tun != tunnel_index(t))
			continue;
		ids[n].subtunnelHandle = h;
		memcpy(ids[n].HoA.addr, b->hoa, 16);
		n++;
	}
	arr->nCount = n;
	arr->subtunnelIdentifiersArray = ids;
	it->resp[0].u2.subtunnelIdentifiersArray = arr;
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_BC_GetAll(NPF_callbackHandle_t cbHandle, NPF_correlator_t cbCorrelator,
				  NPF_errorReporting_t errorReporting,
				  NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle)
{
	return bc_if_call(cbHandle, cbCorrelator, errorReporting, Mipv6HA_tunnelInterfaceHandle,
			  NPF_MIPV6HA_BC_GET_ALL, true, op_getall);
}

int npf_bc_retunnel(struct npf_tunnel *t)
{
	struct fp_tunnel_params tp;
	uint32_t pos = 0, h;
	int ret = 0;

	tunnel_params(t, &tp);
	while ((h = fp_bc_next(&pos)) != 0) {
		const struct fp_binding *b = fp_bc_get(h);
		uint8_t hoa[16], coa[16];
		uint16_t pmtu;

		if (b->tun != tunnel_index(t))
			continue;
		memcpy(hoa, b->hoa, 16);
		memcpy(coa, b->outer.dst_addr, 16);
		pmtu = RTE_MIN(b->pmtu, t->cfg.mtu);
		if (fp_bc_set(hoa, coa, b->tun, &tp, pmtu, &h) != 0)
			ret = -1;
	}
	return ret;
}

int npf_bc_pmtu_learn(const uint8_t hoa[16], const uint8_t coa[16], uint32_t pmtu)
{
	uint32_t h = fp_bc_find(hoa);
	const struct fp_binding *b;
	const struct npf_tunnel *t;
	struct fp_tunnel_params tp;
	uint8_t c[16];

	if (h == 0)
		return -ENOENT;
	b = fp_bc_get(h);
	t = &npf.tun[b->tun];
	/* Only for the path to the current CoA, and only when the tunnel
	 * interface learns path MTUs. The path MTU is at least 1280, so the
	 * tunnel MTU is at least 1280 minus the largest tunnel header (48);
	 * inner packets between it and 1280 are sent in outer fragments (MTU-3). */
	if (memcmp(b->outer.dst_addr, coa, 16) != 0 || t->cfg.pmtuMode != NPF_MIPV6HA_IF_PMTU_ON)
		return -EPERM;
	pmtu = RTE_MAX(pmtu, 1280u - 48);
	if (pmtu >= b->pmtu)
		return -EALREADY;
	memcpy(c, coa, 16);
	tunnel_params(t, &tp);
	return fp_bc_set(hoa, c, b->tun, &tp, (uint16_t)pmtu, &h);
}

/* ---- lifetime countdown (seed §4.1.4, lifetime mode ON) ---- */

static int lt_live(void *arg, const struct timerq_item *it)
{
	(void)arg;
	return npf.bs[it->id].timer_gen == it->gen && npf.bs[it->id].handle != 0;
}

void npf_bc_service(uint64_t now)
{
	struct timerq_item it;

	while (timerq_pop_due(&npf.lt_q, now, &it)) {
		struct npf_bstate *bs = &npf.bs[it.id];
		const struct fp_binding *b;
		NPF_MIPv6HA_EventData_t ev;
		uint32_t handle = bs->handle;

		if (!lt_live(NULL, &it) || (b = fp_bc_get(handle)) == NULL)
			continue;
		memset(&ev, 0, sizeof(ev));
		ev.eventType = NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED;
		ev.u.bindingLftExp.MipV6HA_tunnelInterfaceHandle = npf.tun[b->tun].handle;
		ev.u.bindingLftExp.subtunnelHandle = handle;
		memcpy(ev.u.bindingLftExp.HoA.addr, b->hoa, 16);
		bc_remove(&npf.tun[b->tun], handle);
		npf_event_queue(&ev);
	}
	if (npf.lt_q.n > 1024 && npf.lt_q.n > 2 * fp_bc_count())
		timerq_compact(&npf.lt_q, lt_live, NULL);
}

uint64_t npf_bc_next_due(void)
{
	return timerq_next(&npf.lt_q);
}
