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

#ifdef __cplusplus
}
#endif

#endif /* NPF_MIPV6HA_RUNTIME_H */
