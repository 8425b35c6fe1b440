/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Forwarding-plane tables shared with sibling modules: the binding cache read
 * lock-free by worker lcores, per-lcore sub-tunnel statistics, and the event
 * ring through which lcores report BC misses and reverse-tunnel check
 * failures to the control thread.
 *
 * Concurrency rules (ARCHITECTURE.md "one writer, lock-free readers"):
 *  - every fp_bc_* writer function runs on the control thread only;
 *  - readers (worker lcores) call fp_bc_lookup*() between
 *    fp_reader_register() and fp_reader_unregister(), and report
 *    fp_reader_quiescent() once per poll loop, holding no binding pointer
 *    across that call;
 *  - a binding object is never modified once published: replacing a binding
 *    publishes a new object (one atomic pointer store in the hash) and frees
 *    the old one after an RCU grace period, so a reader sees either the old
 *    or the new HoA/CoA pair, never a mix.
 */
#ifndef FASTPATH_H
#define FASTPATH_H

#include <stdint.h>
#include <string.h>

#include <rte_common.h>
#include <rte_hash.h>
#include <rte_ip.h>
#include <rte_prefetch.h>
#include <rte_rcu_qsbr.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Tunnel interfaces are numbered 1..FP_MAX_TUNNELS-1 inside the fast path. */
#define FP_MAX_TUNNELS 256

#define FP_B_LIVE 0xA5 /**< state of a published binding object */
#define FP_B_FREE 0x5A /**< state of a reclaimed (poisoned) binding object */

/**
 * A binding as the encapsulation needs it: one cache line. The outer header
 * is prebuilt from the tunnel interface (source = HA address, hop limit,
 * traffic class, flow label) and the CoA (destination); only payload_len is
 * filled in per packet.
 */
struct fp_binding {
	struct rte_ipv6_hdr outer; /**< 40 bytes; dst_addr is the CoA */
	uint8_t hoa[16];           /**< the key */
	uint32_t handle;           /**< NPF sub-tunnel handle */
	uint16_t pmtu;             /**< tunnel PMTU for inner packets */
	uint8_t tun;               /**< fast-path tunnel index */
	uint8_t state;             /**< FP_B_LIVE while reachable */
} __rte_cache_aligned;

/** Outer-header parameters of a tunnel interface, used to build bindings. */
struct fp_tunnel_params {
	uint8_t src[16];   /**< HA address */
	uint8_t hop_limit; /**< outer hop limit */
	uint8_t tclass;    /**< outer traffic class */
	uint32_t flow;     /**< outer flow label (20 bits) */
	uint16_t mtu;      /**< tunnel MTU */
};

/** Per sub-tunnel counters (NPF_MIPv6HA_BC_EntryStats_t pairs). */
enum fp_st_ctr {
	FP_ST_IN = 0,  /**< decapsulated from the MN */
	FP_ST_OUT,     /**< encapsulated to the MN */
	FP_ST_DROP_RX, /**< received from the MN, dropped */
	FP_ST_DROP_TX, /**< for the MN, dropped */
	FP_ST_NB
};

struct fp_st_counters {
	uint64_t pkts[FP_ST_NB];
	uint64_t octets[FP_ST_NB];
} __rte_cache_aligned;

/** Fast-path event record (one ring element). */
enum fp_event_type {
	FP_EV_BC_MISS = 1,
	FP_EV_AUTH_FAILED = 2,
};

struct fp_event {
	uint8_t type; /**< enum fp_event_type */
	uint8_t tun;  /**< fast-path tunnel index (AUTH_FAILED) */
	uint16_t pad;
	uint32_t handle; /**< binding of the inner source, or 0 */
	uint8_t a1[16];  /**< BC_MISS: destination; AUTH_FAILED: inner source (HoA) */
	uint8_t a2[16];  /**< AUTH_FAILED: outer source */
	uint8_t a3[16];  /**< AUTH_FAILED: inner destination */
};

/** Global forwarding-plane state; written by the control thread only. */
struct fp_globals {
	struct rte_rcu_qsbr *qsbr;
	struct rte_hash *bc_hash;  /**< HoA -> struct fp_binding * */
	struct rte_ring *ev_ring;  /**< MP/SC ring of struct fp_event */
	struct fp_st_counters *st; /**< [worker][idx] */
	uint64_t *ev_drops;        /**< per worker, stride 8 (one cache line) */
	uint32_t max_workers;
	uint32_t capacity;
	uint32_t idx_bits; /**< handle = gen << idx_bits | idx */
	uint32_t idx_mask;
};

extern struct fp_globals fp_g;

/* ---- lifecycle (control thread) ---- */

struct fp_params {
	uint32_t bc_capacity;
	uint32_t max_workers;
	uint32_t event_ring_size;
	uint32_t extra_defer; /**< room for other modules' deferred frees */
	int socket_id;
};

/** Create the QSBR variable, binding cache, statistics and event ring.
 *  @return 0, -EINVAL, -EALREADY, -ENOMEM */
int fp_init(const struct fp_params *p);
/** Release everything created by fp_init(). Readers must be gone. */
void fp_fini(void);

/** A release to run once every reader has passed a quiescent state. */
typedef void (*fp_defer_fn)(void *p, uint32_t u, int32_t i);
/** Defer @p fn(p, u, i) until after an RCU grace period (control thread). */
void fp_defer(fp_defer_fn fn, void *p, uint32_t u, int32_t i);

/* ---- binding cache writer (control thread) ---- */

/**
 * Insert or replace the binding of @p hoa.
 * @param handle in: 0 to create, or the handle of the existing binding to
 *        replace; out: the binding's handle
 * @return 0; -ENOSPC (table full); -ENOMEM (no object free before a grace
 *         period ends); -ENOENT (replace of an unknown handle)
 */
int fp_bc_set(const uint8_t hoa[16], const uint8_t coa[16], uint8_t tun,
	      const struct fp_tunnel_params *tp, uint16_t pmtu, uint32_t *handle);
/** Delete a binding. @return 0 or -ENOENT. */
int fp_bc_del(uint32_t handle);
/** Current binding object of a handle, or NULL (control thread). */
const struct fp_binding *fp_bc_get(uint32_t handle);
/** Handle bound to @p hoa, or 0 (control thread). */
uint32_t fp_bc_find(const uint8_t hoa[16]);
/** Live bindings. */
uint32_t fp_bc_count(void);
/** Next live handle at slot index >= *pos, advancing *pos; 0 at the end. */
uint32_t fp_bc_next(uint32_t *pos);
/** Run the deferred releases whose grace period is over. */
void fp_reclaim(void);
/** Sum a binding's counters over all workers. @return 0 or -ENOENT. */
int fp_bc_stats(uint32_t handle, struct fp_st_counters *sum);

static inline uint32_t fp_handle_idx(uint32_t handle)
{
	return handle & fp_g.idx_mask;
}

/* ---- reader side (worker lcores) ---- */

/** Register worker @p worker (< max_workers) as an RCU reader and go online. */
int fp_reader_register(unsigned int worker);
/** Go offline and unregister. */
void fp_reader_unregister(unsigned int worker);

static inline void fp_reader_quiescent(unsigned int worker)
{
	rte_rcu_qsbr_quiescent(fp_g.qsbr, worker);
}

/** Look up one HoA; the result is valid until the next quiescent report. */
static inline const struct fp_binding *fp_bc_lookup(const uint8_t hoa[16])
{
	void *data;

	if (rte_hash_lookup_data(fp_g.bc_hash, hoa, &data) < 0)
		return NULL;
	return (const struct fp_binding *)data;
}

/**
 * Look up @p n (<= RTE_HASH_LOOKUP_BULK_MAX) HoAs at once.
 * @return bitmask of hits; out[i] is set for each hit.
 */
static inline uint64_t fp_bc_lookup_bulk(const uint8_t *hoas[], unsigned int n,
					 const struct fp_binding *out[])
{
	uint64_t hits = 0;

	rte_hash_lookup_bulk_data(fp_g.bc_hash, (const void **)hoas, n, &hits, (void **)out);
	return hits;
}

/** Prefetch this worker's counters of a sub-tunnel before counting on them. */
static inline void fp_st_prefetch(unsigned int worker, uint32_t handle)
{
	rte_prefetch0(&fp_g.st[(size_t)worker * fp_g.capacity + fp_handle_idx(handle)]);
}

/** Count one packet of @p bytes on a sub-tunnel counter of this worker. */
static inline void fp_st_count(unsigned int worker, uint32_t handle, enum fp_st_ctr c,
			       uint32_t bytes)
{
	struct fp_st_counters *s = &fp_g.st[(size_t)worker * fp_g.capacity + fp_handle_idx(handle)];

	s->pkts[c]++;
	s->octets[c] += bytes;
}

static inline int fp_event_post(unsigned int worker, const struct fp_event *ev)
{
	if (unlikely(rte_ring_mp_enqueue_elem(fp_g.ev_ring, (void *)(uintptr_t)ev, sizeof(*ev)) !=
		     0)) {
		fp_g.ev_drops[(size_t)worker * 8]++;
		return -ENOBUFS;
	}
	return 0;
}

/** Report a packet for a proxied HoA that has no binding (seed §4.3.2.3). */
static inline int fp_event_post_bc_miss(unsigned int worker, const uint8_t dst[16])
{
	struct fp_event ev = {.type = FP_EV_BC_MISS};

	memcpy(ev.a1, dst, 16);
	return fp_event_post(worker, &ev);
}

/**
 * Report a reverse-tunnelled packet that failed the HoA/CoA check
 * (seed §4.3.2.4). @p tun is the tunnel the packet arrived on, @p handle the
 * binding of the inner source (0 if none).
 */
static inline int fp_event_post_auth_failed(unsigned int worker, uint8_t tun, uint32_t handle,
					    const uint8_t hoa[16], const uint8_t outer_src[16],
					    const uint8_t inner_dst[16])
{
	struct fp_event ev = {.type = FP_EV_AUTH_FAILED, .tun = tun, .handle = handle};

	memcpy(ev.a1, hoa, 16);
	memcpy(ev.a2, outer_src, 16);
	memcpy(ev.a3, inner_dst, 16);
	return fp_event_post(worker, &ev);
}

/** Drain up to @p n events (control thread). */
static inline unsigned int fp_event_drain(struct fp_event *evs, unsigned int n)
{
	return rte_ring_sc_dequeue_burst_elem(fp_g.ev_ring, evs, sizeof(*evs), n, NULL);
}

/** Events dropped because the ring was full, summed over workers. */
uint64_t fp_event_drops(void);

#ifdef __cplusplus
}
#endif

#endif /* FASTPATH_H */
