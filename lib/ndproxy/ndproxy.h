/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Proxy Neighbor Discovery for home addresses: the proxied-address table
 * (read lock-free by worker lcores to answer NS, written by the control
 * thread) and the DAD state machine of RFC 4862 §5.4 run from the control
 * thread's service step (seed 003 §3.2, §4.1.6).
 *
 * Entries are keyed by (home link index, address). A deleted entry's memory
 * and key slot are released after an RCU grace period (fp_defer()).
 */
#ifndef NDPROXY_H
#define NDPROXY_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_hash.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ND_MAX_LINKS 64
/** RFC 4861 §10 MAX_RTR_SOLICITATION_DELAY: the RFC 4862 §5.4.2 random delay bound. */
#define ND_DAD_MAX_DELAY_MS 1000u

/* Address states, numerically the NPF_IPv6AddrState_t values. */
enum nd_state {
	ND_NONE = 0, /**< entry being released */
	ND_VALID = 1,
	ND_PROBING = 2,
	ND_INVALID = 3,
};

struct nd_key {
	uint8_t addr[16];
	uint32_t link;
};

struct nd_entry {
	struct nd_key key;
	uint8_t state;       /**< enum nd_state (lcores read it from the hash value) */
	uint8_t probes_sent; /**< DAD probes sent in this round */
	uint16_t pad;
	uint32_t timer_gen; /**< current DAD timer generation */
};

/** Outcome of DAD for an address (VALID or INVALID). */
typedef void (*nd_dad_done_fn)(void *arg, uint16_t link, const uint8_t addr[16],
			       enum nd_state state);
/** Send one DAD probe (NS from ::) for an address (packet I/O is the fast path's). */
typedef void (*nd_tx_probe_fn)(void *arg, uint16_t link, const uint8_t addr[16]);

struct nd_params {
	uint32_t capacity;
	int socket_id;
	nd_dad_done_fn dad_done;
	void *arg;
};

/* The hash value of an address: its entry index and state (the lcores read
 * the state from the value alone). */
#define ND_DATA(idx, st) ((void *)(uintptr_t)((uint64_t)(idx) << 3 | (uint64_t)(st)))
#define ND_DATA_IDX(v) ((uint32_t)((uintptr_t)(v) >> 3))
#define ND_DATA_STATE(v) ((enum nd_state)((uintptr_t)(v)&7))

extern struct rte_hash *nd_hash;

/** @return 0, -EINVAL, -EALREADY, -ENOMEM */
int nd_init(const struct nd_params *p);
void nd_fini(void);

/** Set a link's DAD parameters and operational status. Going up after being
 *  down restarts DAD for every address of the link (seed §4.1.6). */
void nd_link_set(uint16_t link, uint8_t dad_transmits, uint32_t retrans_ms, bool up, uint64_t now);
/** Add an address, or restart DAD for an existing one. @return 0, -ENOSPC, -ENOMEM */
int nd_addr_add(uint16_t link, const uint8_t addr[16], uint64_t now);
/** @return 0 or -ENOENT */
int nd_addr_del(uint16_t link, const uint8_t addr[16]);
/** Delete every address of a link. @return how many. */
uint32_t nd_flush(uint16_t link);
/** @return enum nd_state, or -ENOENT */
int nd_addr_state(uint16_t link, const uint8_t addr[16]);
uint32_t nd_count(void);
uint32_t nd_capacity(void);
uint32_t nd_link_count(uint16_t link);
/** Copy up to @p max addresses of a link. @return how many copied. */
uint32_t nd_list(uint16_t link, uint8_t (*out)[16], uint32_t max);
/** A neighbour answered for (NA) or probed (DAD NS) an address we probe:
 *  it is a duplicate (RFC 4862 §5.4.3, §5.4.4). */
void nd_dad_conflict(uint16_t link, const uint8_t addr[16]);
/** Install the probe transmitter (NULL: probes are counted as not sent). */
void nd_set_tx(nd_tx_probe_fn fn, void *arg);
/** Run DAD timers due at @p now. */
void nd_service(uint64_t now);
/** Earliest DAD timer, or UINT64_MAX. */
uint64_t nd_next_due(void);
/** Probes sent (or that would have been sent without a transmitter). */
uint64_t nd_probes_total(void);

/** Lcore side: state of (link, addr), ND_NONE if not proxied. */
static inline enum nd_state nd_lookup_state(uint16_t link, const uint8_t addr[16])
{
	struct nd_key k;
	void *data;

	__builtin_memcpy(k.addr, addr, 16);
	k.link = link;
	if (rte_hash_lookup_data(nd_hash, &k, &data) < 0)
		return ND_NONE;
	return ND_DATA_STATE(data);
}

#ifdef __cplusplus
}
#endif

#endif /* NDPROXY_H */
