/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Core of the NPF MIPv6 HA Service API: initialisation, callback and event
 * handler registration (seed 003 §5.2, §5.3), the completion queue and its
 * delivery under the rules of §4.2.2, and the dispatch step that runs on the
 * application's thread (completions are never invoked from inside the call
 * that caused them).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <rte_lcore.h>

#include "fastpath.h"
#include "fp_pipe.h"
#include "ndproxy.h"
#include "npf_priv.h"

struct npf_state npf;
RTE_LOG_REGISTER(npf_logtype, ha.npf, INFO);

static uint64_t npf_mono_ms(void *arg)
{
	struct timespec ts;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

uint64_t npf_now(void)
{
	return npf.p.clock(npf.p.clock_arg);
}

uint64_t npf_mipv6ha_now_ms(void)
{
	return npf.up ? npf_now() : 0;
}

struct rte_rcu_qsbr *npf_mipv6ha_qsbr(void)
{
	return npf.up ? fp_g.qsbr : NULL;
}

static void npf_dad_done(void *arg, uint16_t link, const uint8_t addr[16], enum nd_state st)
{
	NPF_MIPv6HA_EventData_t ev;

	(void)arg;
	memset(&ev, 0, sizeof(ev));
	ev.eventType = NPF_MIPv6HA_PROXYND_DAD;
	ev.u.proxyND_DAD.homelinkInterfaceHandle = npf_homelink_handle(link);
	memcpy(ev.u.proxyND_DAD.ucAddr.addr, addr, 16);
	ev.u.proxyND_DAD.ucAddrState = (NPF_IPv6AddrState_t)st;
	npf_event_queue(&ev);
	if (st == ND_VALID)
		npf_slow_dad_valid(link, addr);
}

int npf_mipv6ha_init(const struct npf_mipv6ha_params *params)
{
	struct npf_mipv6ha_params p;
	int ret;

	if (npf.up)
		return -EALREADY;
	memset(&p, 0, sizeof(p));
	if (params != NULL)
		p = *params;
	if (p.bc_capacity == 0)
		p.bc_capacity = 65536;
	if (p.proxynd_capacity == 0)
		p.proxynd_capacity = p.bc_capacity > (1u << 23) ? (1u << 24) : p.bc_capacity * 2;
	if (p.max_lcores == 0)
		p.max_lcores = RTE_MAX(rte_lcore_count(), 1u);
	if (p.event_ring_size == 0)
		p.event_ring_size = 4096;
	if (p.max_resp_per_callback == 0)
		p.max_resp_per_callback = 256;
	if (p.max_pending_calls == 0)
		p.max_pending_calls = 65536;
	if (p.clock == NULL)
		p.clock = npf_mono_ms;
	if (p.socket_id == 0)
		p.socket_id = SOCKET_ID_ANY;
	if (p.bc_capacity > (1u << 24) || p.proxynd_capacity > (1u << 24) ||
	    p.max_lcores > RTE_MAX_LCORE || p.max_pending_calls > (1u << 24) ||
	    p.max_resp_per_callback > UINT16_MAX)
		return -EINVAL;

	memset(&npf, 0, sizeof(npf));
	npf.p = p;
	npf.efd = -1;
	ret = fp_init(&(struct fp_params){.bc_capacity = p.bc_capacity,
					  .max_workers = p.max_lcores,
					  .event_ring_size = p.event_ring_size,
					  .extra_defer = p.proxynd_capacity,
					  .socket_id = p.socket_id});
	if (ret != 0)
		return ret;
	ret = fp_pipe_init(p.socket_id);
	if (ret != 0) {
		fp_fini();
		return ret;
	}
	ret = nd_init(&(struct nd_params){
	    .capacity = p.proxynd_capacity, .socket_id = p.socket_id, .dad_done = npf_dad_done});
	if (ret != 0) {
		fp_pipe_fini();
		fp_fini();
		return ret;
	}
	npf.cq = calloc(p.max_pending_calls, sizeof(*npf.cq));
	npf.bs = calloc(p.bc_capacity, sizeof(*npf.bs));
	npf.rl = calloc((size_t)p.bc_capacity + NPF_MIPV6HA_IF_MAX_TUNNELS, sizeof(*npf.rl));
	npf.efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	ret = npf_slow_init();
	if (npf.cq == NULL || npf.bs == NULL || npf.rl == NULL || npf.efd < 0 || ret != 0) {
		npf.up = true;
		npf_mipv6ha_fini();
		return -ENOMEM;
	}
	npf.next_reg_handle = 1;
	npf.up = true;
	return 0;
}

void npf_cq_free(struct npf_cq_item *it)
{
	if (it == NULL)
		return;
	free(it->resp);
	free(it->data);
	free(it);
}

void npf_mipv6ha_fini(void)
{
	if (!npf.up)
		return;
	for (uint32_t i = 0; i < npf.cq_len; i++)
		npf_cq_free(npf.cq[(npf.cq_head + i) % npf.p.max_pending_calls]);
	free(npf.cq);
	free(npf.evq);
	free(npf.bs);
	free(npf.rl);
	timerq_free(&npf.lt_q);
	timerq_free(&npf.rl_q);
	if (npf.efd >= 0)
		close(npf.efd);
	npf_slow_fini();
	/* Readers are gone: run every deferred release before the tables go. */
	fp_reclaim();
	nd_fini();
	fp_pipe_fini();
	fp_fini();
	memset(&npf, 0, sizeof(npf));
}

int npf_mipv6ha_event_fd(void)
{
	return npf.up ? npf.efd : -1;
}

void npf_signal(void)
{
	uint64_t one = 1;

	if (npf.efd >= 0 && write(npf.efd, &one, sizeof(one)) < 0) {
		/* EAGAIN: the counter is saturated, the fd is readable anyway. */
	}
}

void npf_mipv6ha_api_stats_get(struct npf_mipv6ha_api_stats *out)
{
	if (out == NULL)
		return;
	memset(out, 0, sizeof(*out));
	if (!npf.up)
		return;
	*out = npf.st;
	out->events_ring_full = fp_event_drops();
}

/* ---- registration (seed §5.2.2, §5.2.3, §5.3.2, §5.3.3) ---- */

static NPF_error_t npf_reg_add(struct npf_reg *tab, void *ctx, void *fn,
			       NPF_MIPv6HA_EventMask_t mask, bool is_event,
			       NPF_callbackHandle_t *out)
{
	struct npf_reg *free_slot = NULL;

	if (!npf.up || out == NULL)
		return NPF_E_UNKNOWN;
	if (fn == NULL)
		return NPF_E_BAD_CALLBACK_FUNCTION;
	for (int i = 0; i < NPF_MAX_REGS; i++) {
		if (tab[i].handle != 0 && tab[i].ctx == ctx && tab[i].fn == fn) {
			/* §5.3.2: the most recent mask of a pair is in effect. */
			if (is_event)
				tab[i].mask = mask;
			*out = tab[i].handle;
			return NPF_E_ALREADY_REGISTERED;
		}
		if (tab[i].handle == 0 && free_slot == NULL)
			free_slot = &tab[i];
	}
	if (free_slot == NULL)
		return NPF_MIPv6HA_E_NOMEMORY;
	/* Handles count up and are never reused within the life of the API. */
	*free_slot =
	    (struct npf_reg){.handle = npf.next_reg_handle++, .ctx = ctx, .fn = fn, .mask = mask};
	*out = free_slot->handle;
	return NPF_NO_ERROR;
}

static NPF_error_t npf_reg_del(struct npf_reg *tab, NPF_callbackHandle_t h)
{
	if (!npf.up || h == 0)
		return NPF_E_BAD_CALLBACK_HANDLE;
	for (int i = 0; i < NPF_MAX_REGS; i++)
		if (tab[i].handle == h) {
			memset(&tab[i], 0, sizeof(tab[i]));
			return NPF_NO_ERROR;
		}
	return NPF_E_BAD_CALLBACK_HANDLE;
}

NPF_error_t NPF_MIPv6HA_Register(NPF_userContext_t userContext,
				 NPF_MIPv6HA_CallbackFunc_t MIPv6HACallbackFunc,
				 NPF_callbackHandle_t *MIPv6HA_CallbackHandle)
{
	return npf_reg_add(npf.cbs, userContext, (void *)MIPv6HACallbackFunc, 0, false,
			   MIPv6HA_CallbackHandle);
}

NPF_error_t NPF_MIPv6HA_Deregister(NPF_callbackHandle_t MIPv6HACallbackHandle)
{
	return npf_reg_del(npf.cbs, MIPv6HACallbackHandle);
}

NPF_error_t NPF_MIPv6HA_EventRegister(NPF_userContext_t userContext,
				      NPF_MIPv6HA_EventCallFunc_t eventCallFunc,
				      NPF_MIPv6HA_EventMask_t eventMask,
				      NPF_callbackHandle_t *eventCallHandle)
{
	return npf_reg_add(npf.evh, userContext, (void *)eventCallFunc, eventMask, true,
			   eventCallHandle);
}

NPF_error_t NPF_MIPv6HA_EventDeregister(NPF_callbackHandle_t eventCallHandle)
{
	return npf_reg_del(npf.evh, eventCallHandle);
}

struct npf_reg *npf_cb_find(NPF_callbackHandle_t cb)
{
	if (cb == 0)
		return NULL;
	for (int i = 0; i < NPF_MAX_REGS; i++)
		if (npf.cbs[i].handle == cb)
			return &npf.cbs[i];
	return NULL;
}

/* Synchronous checks common to every asynchronous call. */
NPF_error_t npf_check_call(NPF_callbackHandle_t cb, NPF_errorReporting_t rep)
{
	if (!npf.up)
		return NPF_E_UNKNOWN;
	if (npf_cb_find(cb) == NULL)
		return NPF_E_BAD_CALLBACK_HANDLE;
	if (rep != NPF_REPORT_NONE && rep != NPF_REPORT_ERRORS && rep != NPF_REPORT_ALL)
		return NPF_E_UNKNOWN;
	if (npf.cq_len >= npf.p.max_pending_calls)
		return NPF_MIPv6HA_E_NOMEMORY;
	return NPF_NO_ERROR;
}

/* ---- completion queue ---- */

struct npf_cq_item *npf_cq_new(NPF_callbackHandle_t cb, NPF_correlator_t corr,
			       NPF_errorReporting_t rep, NPF_MIPv6HA_CallbackType_t type,
			       uint32_t nresp, bool multi, bool has_data, size_t data_size)
{
	struct npf_reg *r = npf_cb_find(cb);
	struct npf_cq_item *it = calloc(1, sizeof(*it));

	if (it == NULL || r == NULL) {
		free(it);
		return NULL;
	}
	it->fn = (NPF_MIPv6HA_CallbackFunc_t)r->fn;
	it->ctx = r->ctx;
	it->corr = corr;
	it->type = type;
	it->rep = rep;
	it->multi = multi;
	it->has_data = has_data;
	it->nresp = nresp;
	it->resp = calloc(nresp ? nresp : 1, sizeof(*it->resp));
	if (data_size != 0)
		it->data = calloc(1, data_size);
	if (it->resp == NULL || (data_size != 0 && it->data == NULL)) {
		npf_cq_free(it);
		return NULL;
	}
	return it;
}

void npf_cq_push(struct npf_cq_item *it)
{
	if (it->rep == NPF_REPORT_NONE) {
		npf_cq_free(it);
		return;
	}
	npf.cq[(npf.cq_head + npf.cq_len) % npf.p.max_pending_calls] = it;
	npf.cq_len++;
	npf_signal();
}

static bool resp_ok(const NPF_MIPv6HA_AsyncResponse_t *r)
{
	return r->errorCode == NPF_NO_ERROR;
}

static void npf_invoke(struct npf_cq_item *it, NPF_boolean_t all_ok, uint32_t n,
		       NPF_MIPv6HA_AsyncResponse_t *resp)
{
	NPF_MIPv6HA_CallbackData_t cd = {
	    .type = it->type, .allOK = all_ok, .numResp = n, .resp = n ? resp : NULL};

	npf.st.completions_delivered++;
	it->fn(it->ctx, it->corr, cd);
}

/*
 * Deliver (part of) one completion under the rules of seed §4.2.2.
 * @return true when the item is finished.
 */
static bool npf_cq_deliver(struct npf_cq_item *it, unsigned int *calls, unsigned int budget)
{
	const uint32_t chunk = npf.p.max_resp_per_callback;

	if (it->next == 0) {
		bool all_ok = true;

		for (uint32_t i = 0; i < it->nresp && all_ok; i++)
			all_ok = resp_ok(&it->resp[i]);
		if (all_ok && (it->rep == NPF_REPORT_ERRORS || !it->has_data)) {
			/* Nothing to report under ERRORS; plain success under ALL:
			 * allOK=TRUE, numResp=0, resp=NULL (single or multiple). */
			if (it->rep == NPF_REPORT_ALL) {
				npf_invoke(it, NPF_TRUE, 0, NULL);
				(*calls)++;
			}
			return true;
		}
		if (it->rep == NPF_REPORT_ERRORS) {
			/* Keep only the failed responses, in request order. */
			uint32_t k = 0;

			for (uint32_t i = 0; i < it->nresp; i++)
				if (!resp_ok(&it->resp[i]))
					it->resp[k++] = it->resp[i];
			it->nresp = k;
		}
	}
	while (it->next < it->nresp) {
		uint32_t n = RTE_MIN(chunk, it->nresp - it->next);

		if (budget != 0 && *calls >= budget)
			return false;
		npf_invoke(it, NPF_FALSE, n, &it->resp[it->next]);
		it->next += n;
		(*calls)++;
	}
	return true;
}

unsigned int npf_mipv6ha_dispatch(unsigned int budget)
{
	unsigned int calls = 0;
	uint64_t now, cnt;

	if (!npf.up)
		return 0;
	if (read(npf.efd, &cnt, sizeof(cnt)) < 0) {
		/* EAGAIN: nothing was signalled; timers may still be due. */
	}
	now = npf_now();
	fp_reclaim();
	nd_service(now);
	npf_slow_poll(budget == 0 ? 0 : budget * 4);
	npf_slow_service(now);
	npf_bc_service(now);
	npf_events_drain(now);
	npf_events_service(now);

	while (npf.cq_len > 0 && (budget == 0 || calls < budget)) {
		struct npf_cq_item *it = npf.cq[npf.cq_head];

		/* The callback may call the API again: new items go to the tail
		 * and this one stays at the head until it is finished. */
		if (!npf_cq_deliver(it, &calls, budget))
			break;
		npf.cq_head = (npf.cq_head + 1) % npf.p.max_pending_calls;
		npf.cq_len--;
		npf_cq_free(it);
	}
	if (budget == 0 || calls < budget)
		calls += npf_events_deliver(budget == 0 ? 0 : budget - calls);
	if (npf.cq_len > 0 || npf.evq_len > 0)
		npf_signal();
	return calls;
}

uint32_t npf_mipv6ha_next_timeout_ms(void)
{
	uint64_t due, now;

	if (!npf.up)
		return UINT32_MAX;
	due = RTE_MIN(RTE_MIN(nd_next_due(), npf_bc_next_due()), npf_events_next_due());
	due = RTE_MIN(due, npf_slow_next_due());
	if (rte_ring_count(fp_t.punt) > 0)
		return 0;
	if (due == UINT64_MAX)
		return UINT32_MAX;
	now = npf_now();
	return due <= now ? 0 : (uint32_t)RTE_MIN(due - now, (uint64_t)UINT32_MAX - 1);
}

void npf_event_queue(const NPF_MIPv6HA_EventData_t *ev)
{
	if (npf.evq_len == npf.evq_cap) {
		uint32_t ncap = npf.evq_cap ? npf.evq_cap * 2 : 256;
		NPF_MIPv6HA_EventData_t *nq = realloc(npf.evq, sizeof(*nq) * ncap);

		if (nq == NULL) {
			NPF_LOG(ERR, "event queue: out of memory, event %d lost",
				(int)ev->eventType);
			return;
		}
		npf.evq = nq;
		npf.evq_cap = ncap;
	}
	npf.evq[npf.evq_len++] = *ev;
	npf_signal();
}

bool npf_addr_is_global_unicast(const NPF_IPv6Address_t *a)
{
	static const uint8_t zero[16];
	static const uint8_t v4m[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	const uint8_t *b = a->addr;

	if (memcmp(b, zero, 15) == 0 && (b[15] == 0 || b[15] == 1))
		return false; /* unspecified, loopback */
	if (b[0] == 0xff)
		return false; /* multicast */
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
		return false; /* link-local */
	if (memcmp(b, v4m, 12) == 0)
		return false; /* IPv4-mapped */
	return true;
}
