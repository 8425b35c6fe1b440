/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Tables of the pipeline besides the binding cache. Neighbours and own
 * addresses are stored as values in the hash data pointer (no object to
 * reclaim); next hops are written before a route points at them and are
 * only ever updated in place field by field (port, MACs), which a reader
 * sees as either the old or the new next hop for each field.
 *
 * rte_fib6 (trie) in DPDK 22.11 has no RCU hook: a reader racing a route
 * change sees the old or the new next hop; tbl8 groups are never returned
 * to the system while the FIB exists.
 */
#include <errno.h>
#include <string.h>

#include <rte_fib6.h>
#include "fp_hash.h"
#include <rte_random.h>
#include <rte_malloc.h>

#include "fp_pipe.h"

struct fp_pipe_tables fp_t;
int fp_meta_offset = -1;

static const struct rte_mbuf_dynfield fp_meta_desc = {
    .name = "mip6ha_fp_meta",
    .size = sizeof(struct fp_meta),
    .align = __alignof__(struct fp_meta),
};

int fp_pipe_init(int socket_id)
{
	char name[64];

	if (fp_t.fib != NULL)
		return -EALREADY;
	snprintf(name, sizeof(name), "fp_fib_%p", (void *)&fp_t);
	struct rte_fib6_conf fc = {
	    .type = RTE_FIB6_TRIE,
	    .default_nh = FP_NHOP_NONE,
	    .max_routes = 65536,
	    .trie = {.nh_sz = RTE_FIB6_TRIE_4B, .num_tbl8 = 1 << 14},
	};
	fp_t.fib = rte_fib6_create(name, socket_id, &fc);
	snprintf(name, sizeof(name), "fp_ng_%p", (void *)&fp_t);
	struct rte_hash_parameters nhp = {
	    .name = name,
	    .entries = 65536,
	    .key_len = sizeof(struct fp_neigh_key),
	    .hash_func = fp_hash_crc,
	    .hash_func_init_val = (uint32_t)rte_rand(),
	    .socket_id = socket_id,
	    .extra_flag = RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF,
	};
	fp_t.neigh = rte_hash_create(&nhp);
	snprintf(name, sizeof(name), "fp_lo_%p", (void *)&fp_t);
	struct rte_hash_parameters lhp = {
	    .name = name,
	    .entries = 4096,
	    .key_len = 16,
	    .hash_func = fp_hash_crc,
	    .hash_func_init_val = (uint32_t)rte_rand(),
	    .socket_id = socket_id,
	    .extra_flag = RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF,
	};
	fp_t.local = rte_hash_create(&lhp);
	fp_t.nh = rte_zmalloc_socket("fp_nh", sizeof(struct fp_nh) * FP_MAX_NH, RTE_CACHE_LINE_SIZE,
				     socket_id);
	fp_meta_offset = rte_mbuf_dynfield_register(&fp_meta_desc);
	snprintf(name, sizeof(name), "fp_pu_%p", (void *)&fp_t);
	fp_t.punt = rte_ring_create(name, FP_PUNT_RING, socket_id, RING_F_SC_DEQ);
	snprintf(name, sizeof(name), "fp_in_%p", (void *)&fp_t);
	fp_t.inject = rte_ring_create(name, FP_INJECT_RING, socket_id, RING_F_SP_ENQ);
	snprintf(name, sizeof(name), "fp_mp_%p", (void *)&fp_t);
	fp_t.pool =
	    rte_pktmbuf_pool_create(name, FP_CTL_MBUFS, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, socket_id);
	if (fp_t.fib == NULL || fp_t.neigh == NULL || fp_t.local == NULL || fp_t.nh == NULL ||
	    fp_meta_offset < 0 || fp_t.punt == NULL || fp_t.inject == NULL || fp_t.pool == NULL) {
		fp_pipe_fini();
		return -ENOMEM;
	}
	for (int i = 0; i < FP_MAX_TUNNELS; i++)
		fp_t.encap_limit[i] = -1;
	return 0;
}

static void ring_drain_free(struct rte_ring *r)
{
	void *m;

	while (r != NULL && rte_ring_dequeue(r, &m) == 0)
		rte_pktmbuf_free(m);
}

void fp_pipe_fini(void)
{
	ring_drain_free(fp_t.punt);
	ring_drain_free(fp_t.inject);
	rte_ring_free(fp_t.punt);
	rte_ring_free(fp_t.inject);
	rte_mempool_free(fp_t.pool);
	rte_fib6_free(fp_t.fib);
	rte_hash_free(fp_t.neigh);
	rte_hash_free(fp_t.local);
	rte_free(fp_t.nh);
	memset(&fp_t, 0, sizeof(fp_t));
}

int fp_route_add(const uint8_t prefix[16], uint8_t len, uint32_t nh_id)
{
	if (nh_id == FP_NHOP_NONE || nh_id >= FP_MAX_NH || len > 128 ||
	    !(fp_t.nh[nh_id].flags & FP_NHF_VALID))
		return -EINVAL;
	return rte_fib6_add(fp_t.fib, prefix, len, nh_id);
}

int fp_route_del(const uint8_t prefix[16], uint8_t len)
{
	return rte_fib6_delete(fp_t.fib, prefix, len);
}

int fp_nh_set(uint32_t nh_id, const struct fp_nh *nh)
{
	if (nh_id == FP_NHOP_NONE || nh_id >= FP_MAX_NH)
		return -EINVAL;
	fp_t.nh[nh_id] = *nh;
	fp_t.nh[nh_id].flags |= FP_NHF_VALID;
	return 0;
}

/* LF hashes keep a deleted key's slot until readers are past it. */
static void hash_free_pos(void *h, uint32_t u, int32_t pos)
{
	RTE_SET_USED(u);
	rte_hash_free_key_with_position(h, pos);
}

static int hash_del(struct rte_hash *h, const void *key)
{
	int32_t pos = rte_hash_del_key(h, key);

	if (pos < 0)
		return -ENOENT;
	fp_defer(hash_free_pos, h, 0, pos);
	return 0;
}

int fp_neigh_set(const uint8_t addr[16], uint16_t port, const struct rte_ether_addr *mac)
{
	struct fp_neigh_key k;
	uint64_t v = FP_NEIGH_VALID;

	memset(&k, 0, sizeof(k));
	memcpy(k.addr, addr, 16);
	k.port = port;
	if (mac == NULL)
		return hash_del(fp_t.neigh, &k);
	for (int i = 0; i < RTE_ETHER_ADDR_LEN; i++)
		v |= (uint64_t)mac->addr_bytes[i] << (8 * i);
	return rte_hash_add_key_data(fp_t.neigh, &k, (void *)(uintptr_t)v);
}

int fp_local_add(const uint8_t addr[16], enum fp_local_kind kind, uint8_t tun)
{
	return rte_hash_add_key_data(fp_t.local, addr,
				     (void *)(uintptr_t)((unsigned)kind << 8 | tun));
}

int fp_local_del(const uint8_t addr[16])
{
	return hash_del(fp_t.local, addr);
}

int fp_port_set(uint16_t port, const struct fp_port *info)
{
	if (port >= FP_MAX_PORTS)
		return -EINVAL;
	fp_t.port[port] = *info;
	fp_t.port[port].valid = 1;
	return 0;
}
