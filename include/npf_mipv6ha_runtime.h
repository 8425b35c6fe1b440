/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file npf_mipv6ha_runtime.h
 * What the NPF API leaves to the implementation: bringing the forwarding
 * plane's tables up and down, and delivering completions and events on the
 * application's thread (seed 003 §5.1: callbacks are asynchronous).
 *
 * DPDK's EAL must be initialised before npf_mipv6ha_init().
 */
#ifndef NPF_MIPV6HA_RUNTIME_H
#define NPF_MIPV6HA_RUNTIME_H

#include <stdint.h>

#include "npf_mipv6.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rte_rcu_qsbr;

/** Time source in milliseconds (monotonic). */
typedef uint64_t (*npf_mipv6ha_clock_fn)(void *arg);

/** Parameters of npf_mipv6ha_init(); zero fields take the defaults. */
struct npf_mipv6ha_params {
	uint32_t bc_capacity;      /**< binding cache entries (default 65536) */
	uint32_t proxynd_capacity; /**< proxied addresses (default = bc_capacity*2) */
	uint32_t max_lcores;       /**< forwarding lcores that will read (default RTE_MAX_LCORE) */
	uint32_t event_ring_size;  /**< fast-path event ring (default 4096) */
	uint32_t max_resp_per_callback; /**< responses per invocation (default 256) */
	uint32_t max_pending_calls;     /**< queued completions (default 65536) */
	npf_mipv6ha_clock_fn clock;     /**< time source (default CLOCK_MONOTONIC) */
	void *clock_arg;
	int socket_id; /**< NUMA socket for the tables (default any) */
};

/**
 * Create the forwarding plane's tables and the API's state.
 * @return 0, or -EINVAL (bad parameters), -EALREADY (already initialised),
 *         -ENOMEM.
 */
int npf_mipv6ha_init(const struct npf_mipv6ha_params *params);

/**
 * Tear everything down: pending completions and events are dropped without
 * being delivered; interfaces, entries and registrations are released.
 * The forwarding lcores must have stopped reading the tables.
 */
void npf_mipv6ha_fini(void);

/**
 * Deliver queued completions and events, and run the timers (binding
 * lifetimes, rate-limit windows, proxy ND DAD). Call it from the control
 * thread's loop, or whenever npf_mipv6ha_event_fd() is readable.
 * @param budget maximum callback/handler invocations (0: no limit)
 * @return invocations made
 */
unsigned int npf_mipv6ha_dispatch(unsigned int budget);

/**
 * An eventfd that is readable while npf_mipv6ha_dispatch() has work that is
 * already due (queued completions or events). Timers are not signalled
 * through it: call npf_mipv6ha_dispatch() at least every
 * npf_mipv6ha_next_timeout_ms() milliseconds.
 */
int npf_mipv6ha_event_fd(void);

/** Milliseconds until the next timer falls due (UINT32_MAX: none). */
uint32_t npf_mipv6ha_next_timeout_ms(void);

/** The RCU QSBR variable forwarding lcores report quiescent states on. */
struct rte_rcu_qsbr *npf_mipv6ha_qsbr(void);

/** Current time of the API's clock, milliseconds. */
uint64_t npf_mipv6ha_now_ms(void);

/** Counters of the API itself. */
struct npf_mipv6ha_api_stats {
	uint64_t events_posted;         /**< fast-path events accepted in the ring */
	uint64_t events_ring_full;      /**< fast-path events dropped: ring full */
	uint64_t events_rate_limited;   /**< occurrences folded into a repCount */
	uint64_t events_delivered;      /**< event records handed to handlers */
	uint64_t completions_delivered; /**< callback invocations */
};

/** Read the API's counters. */
void npf_mipv6ha_api_stats_get(struct npf_mipv6ha_api_stats *out);

/* ---- Packets of the control plane ----
 * Worker lcores punt what is addressed to the home agent into a bounded
 * ring; npf_mipv6ha_dispatch() handles what belongs to the forwarding plane
 * itself (neighbour resolution, ND for own addresses, DAD conflicts, ICMPv6
 * errors and their relaying, echo) and hands the rest (Mobility Header,
 * DHAAD, prefix discovery, RS/RA, MLD, ...) to the punt handler. */

/** Output port value that makes npf_mipv6ha_inject() route the packet. */
#define NPF_MIPV6HA_PORT_ROUTE 0xFFFF

/**
 * Receives a punted packet: @p ip6 (IPv6 header on, @p len bytes) arrived on
 * @p port. The buffer is valid during the call only.
 */
typedef void (*npf_mipv6ha_punt_fn)(void *arg, uint16_t port, const uint8_t *ip6, uint32_t len);

/** Install the punt handler (NULL: such packets are counted and dropped). */
void npf_mipv6ha_punt_handler_set(npf_mipv6ha_punt_fn fn, void *arg);

/**
 * Send an IPv6 packet of the control plane: on @p port (link-scoped
 * destinations: multicast, link-local) or routed by its destination
 * (NPF_MIPV6HA_PORT_ROUTE). The link-layer header is added here; if the
 * next hop is not resolved yet the packet waits for neighbour resolution.
 * @return 0 (sent or waiting), -EINVAL (not IPv6, too long, link-scoped
 *         destination without a port), -ENETUNREACH (no route or port),
 *         -ENOBUFS (inject ring full), -ENOMEM (no mbuf), -ENODEV (not
 *         initialised).
 */
int npf_mipv6ha_inject(uint16_t port, const uint8_t *ip6, uint32_t len);

/** Counters of the control thread's packet handling. */
struct npf_mipv6ha_slow_stats {
	uint64_t punt_rx;        /**< punted packets handled */
	uint64_t to_app;         /**< handed to the punt handler */
	uint64_t unhandled;      /**< for the punt handler, but none installed */
	uint64_t inject_tx;      /**< frames put in the inject ring */
	uint64_t inject_full;    /**< frames dropped: inject ring full */
	uint64_t no_mbuf;        /**< frames not built: no mbuf */
	uint64_t no_route;       /**< injected packets without route or port */
	uint64_t ns_tx;          /**< neighbour solicitations sent (resolution) */
	uint64_t na_tx;          /**< NAs for own addresses */
	uint64_t na_rx;          /**< NAs received */
	uint64_t nd_invalid;     /**< invalid NS/NA (RFC 4861 §7.1) */
	uint64_t nd_ignored;     /**< NS for addresses that are not ours */
	uint64_t neigh_learnt;   /**< neighbour entries installed */
	uint64_t neigh_held;     /**< packets held for resolution */
	uint64_t neigh_released; /**< held packets sent after resolution */
	uint64_t neigh_drop;     /**< held packets dropped (unresolved, overflow) */
	uint64_t dad_probes;     /**< DAD NS sent for proxied addresses */
	uint64_t dad_conflicts;  /**< proxied addresses found duplicate */
	uint64_t una_tx;         /**< unsolicited NAs for proxied addresses */
	uint64_t nd_queue_full;  /**< probes/NAs not queued: queue full */
	uint64_t icmp_err_tx;    /**< ICMPv6 errors sent */
	uint64_t icmp_relayed;   /**< errors about tunnel packets handled */
	uint64_t pmtu_learnt;    /**< sub-tunnel PMTUs lowered */
	uint64_t echo_replies;   /**< echo replies sent */
};

/** Read the control thread's packet counters. */
void npf_mipv6ha_slow_stats_get(struct npf_mipv6ha_slow_stats *out);

#ifdef __cplusplus
}
#endif

#endif /* NPF_MIPV6HA_RUNTIME_H */
