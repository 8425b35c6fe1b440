/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Events of the NPF API (seed 003 §4.3, §5.3): the fast path's event ring is
 * drained on the control thread, AUTH_FAILED events are rate limited per
 * sub-tunnel as NPF_MIPv6HA_RateLimitEvents() configured (§5.3.4, §4.3.2.4),
 * and every queued event is handed to the handlers whose mask enables it.
 */
#include <stdlib.h>
#include <string.h>

#include "fastpath.h"
#include "npf_priv.h"

#define RL_WINDOW_MS 1000u
#define DRAIN_BURST 64u
#define DELIVER_CHUNK 1024u

NPF_error_t NPF_MIPv6HA_RateLimitEvents(NPF_callbackHandle_t cbHandle,
					NPF_correlator_t cbCorrelator,
					NPF_errorReporting_t errorReporting,
					NPF_uint32_t countEventData,
					NPF_MIPv6HA_EventLimit_t *eventLimitArray)
{
	NPF_error_t err = npf_check_call(cbHandle, errorReporting);
	struct npf_cq_item *it;

	if (err != NPF_NO_ERROR)
		return err;
	/* There are four event types; a longer array must repeat one. */
	if (eventLimitArray == NULL || countEventData == 0 || countEventData > 4)
		return NPF_E_UNKNOWN;
	for (uint32_t i = 0; i < countEventData; i++)
		for (uint32_t j = 0; j < i; j++)
			if (eventLimitArray[i].eventId == eventLimitArray[j].eventId)
				return NPF_MIPv6HA_E_DUPLICATE_EVENT_ID;
	it = npf_cq_new(cbHandle, cbCorrelator, errorReporting, NPF_MIPV6HA_RATE_LIMIT_EVENTS,
			countEventData, countEventData > 1, false, 0);
	if (it == NULL)
		return NPF_MIPv6HA_E_NOMEMORY;
	for (uint32_t i = 0; i < countEventData; i++) {
		const NPF_MIPv6HA_EventLimit_t *l = &eventLimitArray[i];
		NPF_MIPv6HA_AsyncResponse_t *r = &it->resp[i];

		r->u2.eventType = l->eventId;
		/* §5.3.4: only the auth-failed event can be limited. */
		if (l->eventId != NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED ||
		    (l->limitType != NPF_MIPv6HA_EVENT_LIMIT_TIME &&
		     l->limitType != NPF_MIPv6HA_EVENT_LIMIT_COUNT)) {
			r->errorCode = NPF_MIPv6HA_E_INVALID_EVENT_ID;
			continue;
		}
		npf.rl_type = l->limitType;
		npf.rl_value =
		    l->limitType == NPF_MIPv6HA_EVENT_LIMIT_TIME ? l->u.numPerSec : l->u.nCount;
		/* New limits start from clean windows. */
		memset(npf.rl, 0,
		       sizeof(*npf.rl) * ((size_t)npf.p.bc_capacity + NPF_MIPV6HA_IF_MAX_TUNNELS));
		timerq_free(&npf.rl_q);
		r->errorCode = NPF_NO_ERROR;
	}
	npf_cq_push(it);
	return NPF_NO_ERROR;
}

static void emit_auth_failed(const struct fp_event *fe, uint32_t rep)
{
	NPF_MIPv6HA_EventData_t ev;
	NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t *a = &ev.u.subtnlEndpAuthFail;

	memset(&ev, 0, sizeof(ev));
	ev.eventType = NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED;
	a->Mipv6HA_tunnelInterfaceHandle = npf.tun[fe->tun].handle;
	a->subtunnelHandle = fe->handle;
	memcpy(a->HoA.addr, fe->a1, 16);
	memcpy(a->packetSrcAddr.addr, fe->a2, 16);
	memcpy(a->packetDstAddr.addr, fe->a3, 16);
	/* §4.3.2.4: how many packets the event stands for; one byte wide. */
	a->repCount = (NPF_uint8_t)RTE_MIN(rep, 255u);
	npf_event_queue(&ev);
}

/* Rate-limit slot of an event: its sub-tunnel, or "no binding" per tunnel. */
static uint32_t rl_slot(const struct fp_event *fe)
{
	if (fe->handle != 0 && fp_bc_get(fe->handle) != NULL)
		return fp_handle_idx(fe->handle);
	return npf.p.bc_capacity + fe->tun;
}

static void auth_failed_in(struct fp_event *fe, uint64_t now)
{
	struct npf_rl *rl;
	uint32_t slot;

	if (fe->handle != 0 && fp_bc_get(fe->handle) == NULL)
		fe->handle = 0; /* the binding went away meanwhile */
	if (npf.rl_value == 0) {
		emit_auth_failed(fe, 1);
		return;
	}
	slot = rl_slot(fe);
	rl = &npf.rl[slot];
	if (rl->handle != fe->handle) {
		memset(rl, 0, sizeof(*rl));
		rl->handle = fe->handle;
	}
	rl->last = *fe;
	if (npf.rl_type == NPF_MIPv6HA_EVENT_LIMIT_COUNT) {
		/* One event for every nCount occurrences. */
		if (++rl->count >= npf.rl_value) {
			emit_auth_failed(fe, rl->count);
			rl->count = 0;
		} else {
			npf.st.events_rate_limited++;
		}
		return;
	}
	/* Time based: numPerSec events per window of one second. */
	/* A window with nothing folded ends quietly: the next occurrence opens
	 * a new one. (A window with folded occurrences is closed by its timer,
	 * which npf_events_service() ran before this drain.) */
	if (rl->folded == 0 && (rl->count == 0 || now >= rl->win_start + RL_WINDOW_MS)) {
		rl->count = 0;
		rl->win_start = now;
	}
	if (rl->count < npf.rl_value) {
		rl->count++;
		emit_auth_failed(fe, 1);
		return;
	}
	rl->folded++;
	npf.st.events_rate_limited++;
	if (!rl->timer_armed &&
	    timerq_push(&npf.rl_q, rl->win_start + RL_WINDOW_MS, slot, rl->handle) == 0)
		rl->timer_armed = 1;
}

void npf_events_service(uint64_t now)
{
	struct timerq_item it;

	while (timerq_pop_due(&npf.rl_q, now, &it)) {
		struct npf_rl *rl = &npf.rl[it.id];

		if (rl->handle != it.gen || !rl->timer_armed)
			continue;
		rl->timer_armed = 0;
		if (rl->folded == 0) {
			rl->count = 0;
			continue;
		}
		/* Window over: report what was folded, with the addresses of the
		 * last folded packet; the report opens the next window. */
		emit_auth_failed(&rl->last, rl->folded);
		rl->folded = 0;
		rl->count = 1;
		rl->win_start = it.due;
	}
}

uint64_t npf_events_next_due(void)
{
	return timerq_next(&npf.rl_q);
}

void npf_events_drain(uint64_t now)
{
	struct fp_event evs[DRAIN_BURST];
	uint32_t total = 0;
	unsigned int n;

	/* Close rate-limit windows before new occurrences are counted. */
	npf_events_service(now);
	/* At most one ring's worth per dispatch keeps a flood from starving
	 * completions. */
	while (total < npf.p.event_ring_size && (n = fp_event_drain(evs, DRAIN_BURST)) > 0) {
		total += n;
		for (unsigned int i = 0; i < n; i++) {
			npf.st.events_posted++;
			if (evs[i].type == FP_EV_BC_MISS) {
				NPF_MIPv6HA_EventData_t ev;

				memset(&ev, 0, sizeof(ev));
				ev.eventType = NPF_MIPv6HA_BC_ENTRY_MISS;
				memcpy(ev.u.BC_entryMiss.packetAddr.addr, evs[i].a1, 16);
				npf_event_queue(&ev);
			} else if (evs[i].type == FP_EV_AUTH_FAILED) {
				auth_failed_in(&evs[i], now);
			}
		}
	}
}

unsigned int npf_events_deliver(unsigned int budget)
{
	NPF_MIPv6HA_EventData_t *q = npf.evq, *sel;
	uint32_t len = npf.evq_len;
	unsigned int calls = 0;

	(void)budget; /* events already queued are delivered in full */
	if (len == 0)
		return 0;
	/* Handlers may call the API, which may queue new events: those wait
	 * for the next dispatch. */
	npf.evq = NULL;
	npf.evq_len = npf.evq_cap = 0;
	sel = malloc(sizeof(*sel) * RTE_MIN(len, DELIVER_CHUNK));
	for (int h = 0; sel != NULL && h < NPF_MAX_REGS; h++) {
		uint32_t i = 0;

		while (i < len) {
			uint32_t k = 0;

			for (; i < len && k < DELIVER_CHUNK; i++) {
				NPF_MIPv6HA_EventMask_t bit =
				    NPF_MIPv6HA_EVENT_MASK(q[i].eventType);

				if (npf.evh[h].handle != 0 && (npf.evh[h].mask & bit))
					sel[k++] = q[i];
			}
			/* Re-check: an earlier handler may have deregistered it. */
			if (k == 0 || npf.evh[h].handle == 0)
				continue;
			NPF_MIPv6HA_EventArray_t arr = {.n_data = (NPF_uint16_t)k,
							.eventData = sel};

			npf.st.events_delivered += k;
			calls++;
			((NPF_MIPv6HA_EventCallFunc_t)npf.evh[h].fn)(npf.evh[h].ctx, arr);
		}
	}
	free(sel);
	free(q);
	return calls;
}
