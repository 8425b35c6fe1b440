/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private state of the NPF MIPv6 HA Service API implementation. Everything
 * here is owned by the control thread (the thread that calls the API and
 * npf_mipv6ha_dispatch()); nothing is locked.
 */
#ifndef NPF_PRIV_H
#define NPF_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_log.h>

#include "npf_mipv6.h"
#include "npf_mipv6_if.h"
#include "npf_mipv6ha_runtime.h"
#include "fastpath.h"
#include "fp_pipe.h"
#include "timerq.h"

extern int npf_logtype;
#define NPF_LOG(level, fmt, ...)                                                                   \
	rte_log(RTE_LOG_##level, npf_logtype, "npf_mipv6ha: " fmt "\n", ##__VA_ARGS__)

#define NPF_MAX_REGS 64 /* completion callbacks, and separately event handlers */

struct npf_reg {
	NPF_callbackHandle_t handle; /* 0: slot free */
	void *ctx;
	void *fn;
	NPF_MIPv6HA_EventMask_t mask; /* event handlers only */
};

/* A queued completion: every response is computed when the call is made
 * (the control thread is the tables' only writer), delivered later. */
struct npf_cq_item {
	NPF_MIPv6HA_CallbackFunc_t fn;
	void *ctx;
	NPF_correlator_t corr;
	NPF_MIPv6HA_CallbackType_t type;
	NPF_errorReporting_t rep;
	bool multi;    /* the request had several operations */
	bool has_data; /* responses carry data the caller did not supply */
	uint32_t nresp;
	uint32_t next; /* responses already delivered */
	NPF_MIPv6HA_AsyncResponse_t *resp;
	void *data; /* storage the responses point into */
};

struct npf_homelink {
	NPF_IfHandle_t handle; /* 0: free */
	uint32_t gen;
	NPF_MIPv6HA_IF_HomeLinkConfig_t cfg;
	NPF_IPv6Address_t anycast[NPF_MIPV6HA_IF_MAX_PREFIXES];
	bool up;
	uint32_t ntunnels;
};

/* A plain router link (npf_mipv6_if.h LinkCreate). */
struct npf_link {
	NPF_IfHandle_t handle; /* 0: free */
	uint32_t gen;
	NPF_MIPv6HA_IF_LinkConfig_t cfg;
};

/* A static route through a gateway. */
struct npf_route {
	uint8_t prefix[16];
	uint8_t len;
	uint8_t used;
	uint16_t nh;
};

#define NPF_MAX_ROUTES 1024
/* Next-hop ids: 1..64 home links (connected), 65..128 plain links
 * (connected), the rest gateways shared by the routes through them. */
#define NPF_NH_HOMELINK(slot) (1u + (slot))
#define NPF_NH_LINK(slot) (1u + NPF_MIPV6HA_IF_MAX_HOMELINKS + (slot))
#define NPF_NH_GW_FIRST (1u + NPF_MIPV6HA_IF_MAX_HOMELINKS + NPF_MIPV6HA_IF_MAX_LINKS)

#define IF_KIND_HOMELINK 1u
#define IF_KIND_TUNNEL 2u
#define IF_KIND_LINK 3u
#define IF_GEN_MASK 0xFFFFFu

static inline NPF_IfHandle_t npf_if_handle(uint32_t kind, uint32_t gen, uint16_t slot)
{
	return (NPF_IfHandle_t)(kind << 28 | (gen & IF_GEN_MASK) << 8 | (slot & 0xFFu));
}

struct npf_tunnel {
	NPF_IfHandle_t handle; /* 0: free */
	uint32_t gen;
	uint16_t hl; /* home link slot */
	NPF_MIPv6HA_IF_TunnelConfig_t cfg;
	uint32_t nentries;
};

/* Control-side per-binding state, indexed like the fast path's slots. */
struct npf_bstate {
	uint32_t handle; /* binding the state belongs to */
	uint8_t lt_mode; /* NPF_MIPv6HA_LifetimeMode_t */
	uint32_t lt_secs;
	uint32_t timer_gen;
	uint64_t expire_ms;
};

/* AUTH_FAILED rate-limit state of one sub-tunnel (or of "no binding" on a
 * tunnel). */
struct npf_rl {
	uint32_t handle; /* owner; state is reset when it changes */
	uint32_t count;  /* events (TIME) or occurrences (COUNT) in the window */
	uint32_t folded; /* occurrences not yet reported */
	uint8_t timer_armed;
	uint64_t win_start;
	struct fp_event last;
};

struct npf_state {
	bool up;
	struct npf_mipv6ha_params p;
	int efd;
	struct npf_reg cbs[NPF_MAX_REGS];
	struct npf_reg evh[NPF_MAX_REGS];
	uint32_t next_reg_handle;

	struct npf_cq_item **cq; /* ring of max_pending_calls */
	uint32_t cq_head, cq_len;

	NPF_MIPv6HA_EventData_t *evq; /* events waiting for dispatch */
	uint32_t evq_len, evq_cap;

	struct npf_homelink hl[NPF_MIPV6HA_IF_MAX_HOMELINKS];
	struct npf_tunnel tun[NPF_MIPV6HA_IF_MAX_TUNNELS]; /* [0] unused */
	struct npf_link lk[NPF_MIPV6HA_IF_MAX_LINKS];
	struct npf_route routes[NPF_MAX_ROUTES];
	uint32_t nh_ref[FP_MAX_NH]; /* routes per gateway next hop */

	struct npf_bstate *bs; /* [bc_capacity] */
	struct timerq lt_q;    /* binding lifetimes */

	/* AUTH_FAILED rate limiting */
	NPF_MIPv6HA_EventLimitType_t rl_type;
	uint32_t rl_value; /* 0: no limit */
	struct npf_rl *rl; /* [bc_capacity + NPF_MIPV6HA_IF_MAX_TUNNELS] */
	struct timerq rl_q;

	struct npf_mipv6ha_api_stats st;
};

extern struct npf_state npf;

/* api_core.c */
uint64_t npf_now(void);
NPF_error_t npf_check_call(NPF_callbackHandle_t cb, NPF_errorReporting_t rep);
struct npf_reg *npf_cb_find(NPF_callbackHandle_t cb);
struct npf_cq_item *npf_cq_new(NPF_callbackHandle_t cb, NPF_correlator_t corr,
			       NPF_errorReporting_t rep, NPF_MIPv6HA_CallbackType_t type,
			       uint32_t nresp, bool multi, bool has_data, size_t data_size);
void npf_cq_push(struct npf_cq_item *it);
void npf_cq_free(struct npf_cq_item *it);
void npf_event_queue(const NPF_MIPv6HA_EventData_t *ev);
void npf_signal(void);

/* api_if.c */
struct npf_tunnel *npf_tunnel_get(NPF_IfHandle_t h);
struct npf_homelink *npf_homelink_get(NPF_IfHandle_t h);
NPF_IfHandle_t npf_homelink_handle(uint16_t slot);
void npf_tunnels_republish(const struct npf_homelink *hl);

/* api_route.c */
bool npf_port_in_use(uint16_t port);
int npf_homelink_attach(const struct npf_homelink *hl, bool add);
void npf_homelink_prefix_routes(const struct npf_homelink *hl, bool add);

/* api_slow.c */
int npf_slow_init(void);
void npf_slow_fini(void);
unsigned int npf_slow_poll(unsigned int budget);
void npf_slow_service(uint64_t now);
uint64_t npf_slow_next_due(void);
void npf_slow_dad_valid(uint16_t link, const uint8_t addr[16]);

/* api_bc.c */
int npf_bc_pmtu_learn(const uint8_t hoa[16], const uint8_t coa[16], uint32_t pmtu);
void npf_bc_service(uint64_t now);
int npf_bc_retunnel(struct npf_tunnel *t);
uint64_t npf_bc_next_due(void);

/* api_events.c */
void npf_events_drain(uint64_t now);
void npf_events_service(uint64_t now);
uint64_t npf_events_next_due(void);
unsigned int npf_events_deliver(unsigned int budget);

/* No bit set past the first @p len bits (a prefix as routes and links take it). */
static inline bool npf_host_bits_clear(const uint8_t *a, unsigned int len)
{
	for (unsigned int bit = len; bit < 128; bit++)
		if (a[bit / 8] & (0x80 >> (bit % 8)))
			return false;
	return true;
}

/* Address classes that the API refuses as HoA/CoA. */
bool npf_addr_is_global_unicast(const NPF_IPv6Address_t *a);

#endif /* NPF_PRIV_H */
