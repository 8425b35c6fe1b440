/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The forwarding plane's binding cache: an rte_hash (lock-free readers,
 * single writer, extendable buckets so that the configured capacity is
 * exact) from HoA to a one-cache-line struct fp_binding.
 *
 * Memory reclamation: the hash is created with RW_CONCURRENCY_LF, which
 * keeps a deleted key's slot until rte_hash_free_key_with_position(). Every
 * object or key slot a reader might still hold goes through one RCU QSBR
 * defer queue and is released only after all registered workers have
 * reported a quiescent state.
 *
 * Sub-tunnel handles: handle = gen << idx_bits | idx. The idx names a
 * statistics slot and stays with the binding across replaces; it is freed
 * (after the grace period) only when the binding is deleted. Free idx values
 * are reused oldest-first (a FIFO ring) and each reuse bumps gen, so a
 * handle value comes back only after 2^(32 - idx_bits) reuses of its slot.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_pause.h>
#include "fp_hash.h"
#include <rte_random.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mempool.h>

#include "fastpath.h"
#include "fp_priv.h"

_Static_assert(sizeof(struct fp_binding) == RTE_CACHE_LINE_SIZE,
	       "a binding must fit exactly one cache line");
_Static_assert(sizeof(struct fp_event) % 4 == 0, "ring elements are multiples of 4 bytes");

struct fp_globals fp_g;
struct fp_ctl fp_c;

/* Deferred-free record: what to call once readers are past a grace period. */
struct fp_dq_elem {
	fp_defer_fn fn;
	void *p;
	uint32_t u;
	int32_t i;
};

static void fp_dq_free(void *p, void *e, unsigned int n)
{
	struct fp_dq_elem *el = e;
	unsigned int k;

	RTE_SET_USED(p);
	for (k = 0; k < n; k++)
		el[k].fn(el[k].p, el[k].u, el[k].i);
}

/* Reclaim of a binding object (replaced: pos < 0) or of a deleted binding. */
static void fp_bc_free(void *obj, uint32_t idx, int32_t pos)
{
	struct fp_binding *b = obj;

	/* Poison so that a reader that broke the RCU rules is caught. */
	b->state = FP_B_FREE;
	rte_mempool_put(fp_c.pool, b);
	if (pos >= 0) {
		rte_hash_free_key_with_position(fp_g.bc_hash, pos);
		rte_ring_sp_enqueue_elem(fp_c.free_idx, &idx, sizeof(uint32_t));
	}
}

static uint32_t log2_ceil(uint32_t v)
{
	uint32_t b = 0;

	while ((1ull << b) < v)
		b++;
	return b ? b : 1;
}

int fp_init(const struct fp_params *p)
{
	char name[RTE_MEMZONE_NAMESIZE];
	size_t sz;
	uint32_t i, headroom;

	if (fp_g.bc_hash != NULL)
		return -EALREADY;
	if (p->bc_capacity == 0 || p->bc_capacity > (1u << 24) || p->max_workers == 0 ||
	    p->max_workers > RTE_MAX_LCORE || p->event_ring_size < 2 || p->extra_defer > (1u << 25))
		return -EINVAL;

	memset(&fp_g, 0, sizeof(fp_g));
	memset(&fp_c, 0, sizeof(fp_c));
	fp_c.instance++;
	fp_g.capacity = p->bc_capacity;
	fp_g.max_workers = p->max_workers;
	fp_g.idx_bits = log2_ceil(p->bc_capacity);
	fp_g.idx_mask = (uint32_t)((1ull << fp_g.idx_bits) - 1);
	fp_c.gen_max = (uint32_t)((1ull << (32 - fp_g.idx_bits)) - 1);

	sz = rte_rcu_qsbr_get_memsize(p->max_workers);
	fp_g.qsbr = rte_zmalloc_socket("fp_qsbr", sz, RTE_CACHE_LINE_SIZE, p->socket_id);
	if (fp_g.qsbr == NULL || rte_rcu_qsbr_init(fp_g.qsbr, p->max_workers) != 0)
		goto nomem;

	snprintf(name, sizeof(name), "fp_bc_%p", (void *)&fp_c);
	struct rte_hash_parameters hp = {
	    .name = name,
	    /* rte_hash needs a bucket's worth; capacity is enforced by count. */
	    .entries = RTE_MAX(p->bc_capacity, 8u),
	    .key_len = 16,
	    .hash_func = fp_hash_crc,
	    .hash_func_init_val = (uint32_t)rte_rand(),
	    .socket_id = p->socket_id,
	    .extra_flag = RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF | RTE_HASH_EXTRA_FLAGS_EXT_TABLE,
	};
	fp_g.bc_hash = rte_hash_create(&hp);
	if (fp_g.bc_hash == NULL)
		goto nomem;

	headroom = RTE_MAX(1024u, p->bc_capacity / 8);
	snprintf(name, sizeof(name), "fp_bp_%p", (void *)&fp_c);
	fp_c.pool = rte_mempool_create(name, p->bc_capacity + headroom, sizeof(struct fp_binding),
				       0, 0, NULL, NULL, NULL, NULL, p->socket_id,
				       RTE_MEMPOOL_F_SP_PUT | RTE_MEMPOOL_F_SC_GET);
	if (fp_c.pool == NULL)
		goto nomem;

	snprintf(name, sizeof(name), "fp_dq_%p", (void *)&fp_c);
	struct rte_rcu_qsbr_dq_parameters dp = {
	    .name = name,
	    .size = p->bc_capacity + headroom + p->extra_defer,
	    .esize = sizeof(struct fp_dq_elem),
	    .trigger_reclaim_limit = 32,
	    .max_reclaim_size = 256,
	    .free_fn = fp_dq_free,
	    .v = fp_g.qsbr,
	};
	fp_c.dq = rte_rcu_qsbr_dq_create(&dp);
	if (fp_c.dq == NULL)
		goto nomem;

	snprintf(name, sizeof(name), "fp_fi_%p", (void *)&fp_c);
	fp_c.free_idx = rte_ring_create_elem(name, sizeof(uint32_t), p->bc_capacity, p->socket_id,
					     RING_F_SP_ENQ | RING_F_SC_DEQ | RING_F_EXACT_SZ);
	if (fp_c.free_idx == NULL)
		goto nomem;
	for (i = 0; i < p->bc_capacity; i++)
		rte_ring_sp_enqueue_elem(fp_c.free_idx, &i, sizeof(i));

	fp_c.slots =
	    rte_zmalloc_socket("fp_slots", sizeof(*fp_c.slots) * p->bc_capacity, 0, p->socket_id);
	sz = sizeof(struct fp_st_counters) * (size_t)p->bc_capacity * p->max_workers;
	fp_g.st = rte_zmalloc_socket("fp_st", sz, RTE_CACHE_LINE_SIZE, p->socket_id);
	fp_g.ev_drops = rte_zmalloc_socket("fp_evd", sizeof(uint64_t) * 8 * p->max_workers,
					   RTE_CACHE_LINE_SIZE, p->socket_id);
	if (fp_c.slots == NULL || fp_g.st == NULL || fp_g.ev_drops == NULL)
		goto nomem;

	snprintf(name, sizeof(name), "fp_ev_%p", (void *)&fp_c);
	fp_g.ev_ring = rte_ring_create_elem(name, sizeof(struct fp_event), p->event_ring_size,
					    p->socket_id, RING_F_SC_DEQ | RING_F_EXACT_SZ);
	if (fp_g.ev_ring == NULL)
		goto nomem;
	return 0;

nomem:
	fp_fini();
	return -ENOMEM;
}

void fp_fini(void)
{
	if (fp_c.dq != NULL) {
		/* Readers are gone: everything deferred can be freed now. */
		rte_rcu_qsbr_dq_delete(fp_c.dq);
	}
	rte_ring_free(fp_g.ev_ring);
	rte_free(fp_g.ev_drops);
	rte_free(fp_g.st);
	rte_free(fp_c.slots);
	rte_ring_free(fp_c.free_idx);
	rte_mempool_free(fp_c.pool);
	rte_hash_free(fp_g.bc_hash);
	rte_free(fp_g.qsbr);
	memset(&fp_g, 0, sizeof(fp_g));
	memset(&fp_c, 0, sizeof(fp_c));
}

void fp_reclaim(void)
{
	unsigned int freed, pending, avail;

	if (fp_c.dq == NULL)
		return;
	do {
		freed = 0;
		if (rte_rcu_qsbr_dq_reclaim(fp_c.dq, 1024, &freed, &pending, &avail) != 0)
			break;
	} while (freed == 1024);
}

static void fp_build(struct fp_binding *b, const uint8_t hoa[16], const uint8_t coa[16],
		     uint8_t tun, const struct fp_tunnel_params *tp, uint16_t pmtu, uint32_t handle)
{
	memset(b, 0, sizeof(*b));
	b->outer.vtc_flow =
	    rte_cpu_to_be_32((6u << 28) | ((uint32_t)tp->tclass << 20) | (tp->flow & 0xFFFFF));
	b->outer.proto = IPPROTO_IPV6;
	b->outer.hop_limits = tp->hop_limit;
	memcpy(b->outer.src_addr, tp->src, 16);
	memcpy(b->outer.dst_addr, coa, 16);
	memcpy(b->hoa, hoa, 16);
	b->handle = handle;
	b->pmtu = pmtu;
	b->tun = tun;
	b->state = FP_B_LIVE;
}

/*
 * Objects and slots run short only while deleted or replaced ones wait for a
 * grace period, i.e. while some worker has not yet passed a quiescent state
 * (a worker loop reports one per poll, so this lasts microseconds unless a
 * reader thread is descheduled). Wait for the readers, but never longer than
 * FP_GRACE_WAIT_MS: a stuck worker makes the call fail, not hang.
 */
#define FP_GRACE_WAIT_MS 100

static void fp_wait_grace(void)
{
	uint64_t token = rte_rcu_qsbr_start(fp_g.qsbr);
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() * FP_GRACE_WAIT_MS / 1000;

	while (rte_rcu_qsbr_check(fp_g.qsbr, token, false) == 0 && rte_get_timer_cycles() < end)
		rte_pause();
	fp_reclaim();
}

static struct fp_binding *fp_obj_get(void)
{
	void *o;

	if (rte_mempool_get(fp_c.pool, &o) == 0)
		return o;
	fp_reclaim();
	if (rte_mempool_get(fp_c.pool, &o) == 0)
		return o;
	fp_wait_grace();
	if (rte_mempool_get(fp_c.pool, &o) == 0)
		return o;
	return NULL;
}

void fp_defer(fp_defer_fn fn, void *p, uint32_t u, int32_t i)
{
	struct fp_dq_elem el = {.fn = fn, .p = p, .u = u, .i = i};

	/* The queue holds as many elements as objects that can exist (bindings,
	 * pool headroom, proxied addresses), so it cannot run out of room; if it
	 * ever did, waiting for the readers is still correct. */
	if (rte_rcu_qsbr_dq_enqueue(fp_c.dq, &el) != 0) {
		rte_rcu_qsbr_synchronize(fp_g.qsbr, RTE_QSBR_THRID_INVALID);
		fn(p, u, i);
	}
}

int fp_bc_set(const uint8_t hoa[16], const uint8_t coa[16], uint8_t tun,
	      const struct fp_tunnel_params *tp, uint16_t pmtu, uint32_t *handle)
{
	struct fp_binding *nb, *old = NULL;
	uint32_t idx, gen;
	int ret;

	if (*handle != 0) {
		idx = fp_handle_idx(*handle);
		if (idx >= fp_g.capacity || fp_c.slots[idx].b == NULL ||
		    fp_c.slots[idx].b->handle != *handle)
			return -ENOENT;
		old = fp_c.slots[idx].b;
		nb = fp_obj_get();
		if (nb == NULL)
			return -ENOMEM;
		fp_build(nb, hoa, coa, tun, tp, pmtu, *handle);
		/* Publishing is one atomic store of the data pointer (LF mode):
		 * readers see the old or the new object, both complete. */
		ret = rte_hash_add_key_data(fp_g.bc_hash, hoa, nb);
		if (ret != 0) {
			rte_mempool_put(fp_c.pool, nb);
			return -ENOMEM;
		}
		fp_c.slots[idx].b = nb;
		fp_defer(fp_bc_free, old, 0, -1);
		return 0;
	}

	if (fp_c.count >= fp_g.capacity)
		return -ENOSPC;
	if (rte_ring_sc_dequeue_elem(fp_c.free_idx, &idx, sizeof(idx)) != 0) {
		/* Slots wait for a grace period: reclaim what readers allow. */
		fp_reclaim();
		if (rte_ring_sc_dequeue_elem(fp_c.free_idx, &idx, sizeof(idx)) != 0) {
			fp_wait_grace();
			if (rte_ring_sc_dequeue_elem(fp_c.free_idx, &idx, sizeof(idx)) != 0)
				return -ENOMEM;
		}
	}
	nb = fp_obj_get();
	if (nb == NULL) {
		rte_ring_sp_enqueue_elem(fp_c.free_idx, &idx, sizeof(idx));
		return -ENOMEM;
	}
	gen = fp_c.slots[idx].gen + 1;
	if (gen > fp_c.gen_max)
		gen = 1;
	*handle = gen << fp_g.idx_bits | idx;
	fp_build(nb, hoa, coa, tun, tp, pmtu, *handle);
	/* No worker can still count on this idx: the slot was freed after a
	 * grace period, so its counters can be cleared without racing. */
	for (uint32_t w = 0; w < fp_g.max_workers; w++)
		memset(&fp_g.st[(size_t)w * fp_g.capacity + idx], 0, sizeof(struct fp_st_counters));
	ret = rte_hash_add_key_data(fp_g.bc_hash, hoa, nb);
	if (ret == -ENOSPC) {
		fp_wait_grace();
		ret = rte_hash_add_key_data(fp_g.bc_hash, hoa, nb);
	}
	if (ret != 0) {
		rte_mempool_put(fp_c.pool, nb);
		rte_ring_sp_enqueue_elem(fp_c.free_idx, &idx, sizeof(idx));
		*handle = 0;
		return -ENOMEM;
	}
	fp_c.slots[idx].gen = gen;
	fp_c.slots[idx].b = nb;
	fp_c.count++;
	return 0;
}

int fp_bc_del(uint32_t handle)
{
	uint32_t idx = fp_handle_idx(handle);
	struct fp_binding *b;
	int32_t pos;

	if (handle == 0 || idx >= fp_g.capacity || fp_c.slots[idx].b == NULL ||
	    fp_c.slots[idx].b->handle != handle)
		return -ENOENT;
	b = fp_c.slots[idx].b;
	pos = rte_hash_del_key(fp_g.bc_hash, b->hoa);
	if (pos < 0)
		return -ENOENT;
	fp_c.slots[idx].b = NULL;
	fp_c.count--;
	fp_defer(fp_bc_free, b, idx, pos);
	return 0;
}

const struct fp_binding *fp_bc_get(uint32_t handle)
{
	uint32_t idx = fp_handle_idx(handle);

	if (handle == 0 || fp_g.bc_hash == NULL || idx >= fp_g.capacity ||
	    fp_c.slots[idx].b == NULL || fp_c.slots[idx].b->handle != handle)
		return NULL;
	return fp_c.slots[idx].b;
}

uint32_t fp_bc_find(const uint8_t hoa[16])
{
	const struct fp_binding *b = fp_bc_lookup(hoa);

	return b != NULL ? b->handle : 0;
}

uint32_t fp_bc_count(void)
{
	return fp_c.count;
}

uint32_t fp_bc_next(uint32_t *pos)
{
	while (*pos < fp_g.capacity) {
		const struct fp_binding *b = fp_c.slots[(*pos)++].b;

		if (b != NULL)
			return b->handle;
	}
	return 0;
}

int fp_bc_stats(uint32_t handle, struct fp_st_counters *sum)
{
	uint32_t idx = fp_handle_idx(handle);

	if (fp_bc_get(handle) == NULL)
		return -ENOENT;
	memset(sum, 0, sizeof(*sum));
	for (uint32_t w = 0; w < fp_g.max_workers; w++) {
		const struct fp_st_counters *s = &fp_g.st[(size_t)w * fp_g.capacity + idx];

		for (int c = 0; c < FP_ST_NB; c++) {
			sum->pkts[c] += s->pkts[c];
			sum->octets[c] += s->octets[c];
		}
	}
	return 0;
}

int fp_reader_register(unsigned int worker)
{
	if (worker >= fp_g.max_workers)
		return -EINVAL;
	if (rte_rcu_qsbr_thread_register(fp_g.qsbr, worker) != 0)
		return -rte_errno;
	rte_rcu_qsbr_thread_online(fp_g.qsbr, worker);
	return 0;
}

void fp_reader_unregister(unsigned int worker)
{
	if (worker >= fp_g.max_workers)
		return;
	rte_rcu_qsbr_thread_offline(fp_g.qsbr, worker);
	rte_rcu_qsbr_thread_unregister(fp_g.qsbr, worker);
}

uint64_t fp_event_drops(void)
{
	uint64_t n = 0;

	for (uint32_t w = 0; w < fp_g.max_workers; w++)
		n += fp_g.ev_drops[(size_t)w * 8];
	return n;
}
