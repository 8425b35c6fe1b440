/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The per-lcore packet stages of the forwarding plane and the tables they
 * read besides the binding cache: the FIB (rte_fib6), next hops, neighbours
 * and the home agent's own addresses. Same single-writer / RCU rules as
 * fastpath.h. Stage functions take a burst, partition it in place (passed
 * packets first) and return how many passed; the caller frees the rest,
 * whose drop reasons have been counted.
 */
#ifndef FP_PIPE_H
#define FP_PIPE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <rte_ether.h>
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "fastpath.h"
#include "fp_drop.h"
#include "fp_parse.h"

#define FP_BURST 32
#define FP_PUNT_RING 1024   /**< punt ring size */
#define FP_INJECT_RING 1024 /**< inject ring size */
#define FP_CTL_MBUFS 4095   /**< control-thread mbufs */
#define FP_MAX_NH 4096
#define FP_NHOP_NONE 0 /**< FIB value: no route */
#define FP_MAX_PORTS RTE_MAX_ETHPORTS
#define FP_PORT_ROUTE 0xFFFF /**< inject: route the packet by its destination */

enum fp_nh_flags {
	FP_NHF_VALID = 1 << 0,     /**< entry in use */
	FP_NHF_RESOLVED = 1 << 1,  /**< gateway MAC known */
	FP_NHF_CONNECTED = 1 << 2, /**< on-link: resolve the destination itself */
};

/** A next hop, read by lcores (fields are written before the FIB points at it). */
struct fp_nh {
	struct rte_ether_addr dst; /**< gateway MAC when RESOLVED */
	struct rte_ether_addr src; /**< our MAC on the port */
	uint16_t port;
	uint16_t vlan; /**< 0: untagged */
	uint16_t mtu;
	uint8_t flags;
	uint8_t gw[16]; /**< gateway address (unused when CONNECTED) */
} __rte_cache_aligned;

/** Key of the neighbour table; its value is the MAC (6 low bytes) | FP_NEIGH_VALID. */
struct fp_neigh_key {
	uint8_t addr[16];
	uint32_t port;
};
#define FP_NEIGH_VALID (1ull << 63)

/** Kinds of the home agent's own addresses. */
enum fp_local_kind {
	FP_LOCAL_HA = 1,      /**< an HA address anchoring a tunnel (reverse tunnel exit) */
	FP_LOCAL_ADDR = 2,    /**< another own address (link-local, HA address without tunnel) */
	FP_LOCAL_ANYCAST = 3, /**< home-agents anycast address (DHAAD) */
};

/** Per worker lcore state; the counters are this lcore's only. */
struct fp_lcore {
	unsigned int worker; /**< RCU reader id and statistics row */
	uint64_t drops[FP_DROP_NB];
	uint64_t fwd, encap, decap;
	uint64_t rx, tx, punted, injected, nd_answered, icmp_limited;
	uint64_t frag_extra; /**< frames added by outer fragmentation (MTU-3) */
} __rte_cache_aligned;

/** What the forwarding plane knows of a port (one link per port). */
struct fp_port {
	struct rte_ether_addr mac; /**< our MAC on the link */
	uint16_t mtu;              /**< link MTU (IPv6 packet size) */
	uint16_t link;             /**< home link index + 1; 0: not a home link */
	uint8_t valid;
	uint8_t ll[16]; /**< our link-local address */
	uint8_t ga[16]; /**< our global address (source of NAs and ICMP errors) */
};

/** Why a packet was handed to the control thread (struct fp_meta.punt). */
enum fp_punt {
	FP_PUNT_NONE = 0,
	FP_PUNT_LOCAL,      /**< addressed to the home agent (MH, ICMPv6, DHAAD, ...) */
	FP_PUNT_ND,         /**< link-scope ND/MLD/RA/RS, NS/NA the fast path does not answer */
	FP_PUNT_NEIGH_MISS, /**< next hop unresolved; aux = next hop id */
	FP_PUNT_ICMP_ERR,   /**< dropped for meta.drop; the control thread sends the ICMPv6 error */
};

/**
 * Per-packet metadata in an mbuf dynamic field: set by the stages when a
 * packet is dropped or punted, and by the control thread on injected
 * packets (output port).
 */
struct fp_meta {
	uint16_t l3;  /**< offset of the IPv6 header */
	uint8_t punt; /**< enum fp_punt */
	uint8_t drop; /**< enum fp_drop of a dropped packet */
	uint32_t aux; /**< TOO_BIG: MTU; ENCAP_LIMIT: pointer; NEIGH_MISS: next hop; inject: port */
};

extern int fp_meta_offset;

static inline struct fp_meta *fp_meta(struct rte_mbuf *m)
{
	return RTE_MBUF_DYNFIELD(m, fp_meta_offset, struct fp_meta *);
}

/** Tables of the pipeline (lcores read, control thread writes). */
struct fp_pipe_tables {
	struct rte_fib6 *fib;
	struct rte_hash *neigh; /**< (addr, port) -> MAC | FP_NEIGH_VALID, as a value */
	struct rte_hash *local; /**< addr -> kind << 8 | tunnel, as a value */
	struct fp_nh *nh;       /**< [FP_MAX_NH] */
	int16_t encap_limit[FP_MAX_TUNNELS]; /**< -1: none (TUN-7) */
	struct fp_port port[FP_MAX_PORTS];
	struct rte_ring *punt; /**< MP/SC: mbufs for the control thread */
	struct rte_ring
	    *inject; /**< SP/MC: complete frames from the control thread, meta.aux = port */
	struct rte_mempool *pool; /**< mbufs of the control thread (inject, ICMP, ND) */
};

extern struct fp_pipe_tables fp_t;

/* ---- control thread ---- */
int fp_pipe_init(int socket_id);
void fp_pipe_fini(void);
/** Add a route; @p nh_id from fp_nh_set(). @return 0 or -errno. */
int fp_route_add(const uint8_t prefix[16], uint8_t len, uint32_t nh_id);
int fp_route_del(const uint8_t prefix[16], uint8_t len);
/** Create or update next hop @p nh_id (1..FP_MAX_NH-1). */
int fp_nh_set(uint32_t nh_id, const struct fp_nh *nh);
/** Learn (or forget, @p mac NULL) a neighbour on a port. */
int fp_neigh_set(const uint8_t addr[16], uint16_t port, const struct rte_ether_addr *mac);
int fp_local_add(const uint8_t addr[16], enum fp_local_kind kind, uint8_t tun);
int fp_local_del(const uint8_t addr[16]);
/** Describe a port (control thread; written before traffic is steered to it). */
int fp_port_set(uint16_t port, const struct fp_port *info);

/* ---- lcore stages ---- */
/** Forward parsed packets as a router (hop limit, FIB, neighbour, MAC). */
uint16_t fp_fwd_burst(struct fp_lcore *lc, struct rte_mbuf **pkts, struct fp_parsed *pp,
		      uint16_t n);
/** Encapsulate packets for bound HoAs to their CoAs and route the outer
 *  packets (TUN-1..3, TUN-7, MTU-2). @p b[i] is the binding of pkts[i]. */
uint16_t fp_encap_burst(struct fp_lcore *lc, struct rte_mbuf **pkts, struct fp_parsed *pp,
			const struct fp_binding **b, uint16_t n);
/** Decapsulate reverse-tunnelled packets addressed to an HA address of
 *  tunnel @p tun[i], check inner source against the binding (RT-1, RT-3),
 *  and forward the inner packets (RT-4). */
uint16_t fp_decap_burst(struct fp_lcore *lc, struct rte_mbuf **pkts, struct fp_parsed *pp,
			const uint8_t *tun, uint16_t n);

/** MAC of neighbour (@p addr, @p port). @return false if unknown. */
static inline bool fp_neigh_lookup(const uint8_t addr[16], uint16_t port,
				   struct rte_ether_addr *mac)
{
	struct fp_neigh_key k;
	void *v;
	uint64_t x;

	memset(&k, 0, sizeof(k));
	memcpy(k.addr, addr, 16);
	k.port = port;
	if (rte_hash_lookup_data(fp_t.neigh, &k, &v) < 0)
		return false;
	x = (uint64_t)(uintptr_t)v;
	for (int i = 0; i < RTE_ETHER_ADDR_LEN; i++)
		mac->addr_bytes[i] = (uint8_t)(x >> (8 * i));
	return true;
}

/** Local address kind (0: not local) and its tunnel. */
static inline int fp_local_lookup(const uint8_t addr[16], uint8_t *tun)
{
	void *v;

	if (rte_hash_lookup_data(fp_t.local, addr, &v) < 0)
		return 0;
	*tun = (uint8_t)(uintptr_t)v;
	return (int)((uintptr_t)v >> 8);
}

#endif /* FP_PIPE_H */
