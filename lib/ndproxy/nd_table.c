/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Proxied-address table and DAD state machine (RFC 4862 §5.4.2):
 * DupAddrDetectTransmits probes RetransTimer apart, the first at once (after
 * a random 0..MAX_RTR_SOLICITATION_DELAY when the link has just come up); the address is VALID RetransTimer after the last
 * probe unless a conflict was reported meanwhile (INVALID). With 0 transmits
 * DAD is not performed and the address is VALID at once. While the link is
 * down DAD does not progress; when it comes up, every address of the link is
 * probed anew (seed 003 §4.1.6).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include "fp_hash.h"
#include <rte_malloc.h>
#include <rte_random.h>

#include "fastpath.h"
#include "ndproxy.h"
#include "timerq.h"

struct nd_link {
	uint8_t dad_transmits;
	uint8_t up;
	uint32_t retrans_ms;
	uint32_t count;
};

struct rte_hash *nd_hash;

static struct {
	struct nd_entry *e; /**< [capacity] */
	uint32_t *free;     /**< stack of free entry indices */
	uint32_t nfree;
	uint32_t capacity;
	uint32_t count;
	uint64_t probes;
	struct timerq tq;
	struct nd_link links[ND_MAX_LINKS];
	nd_dad_done_fn done;
	void *arg;
	nd_tx_probe_fn tx;
	void *tx_arg;
} nd;

int nd_init(const struct nd_params *p)
{
	char name[RTE_HASH_NAMESIZE];

	if (nd_hash != NULL)
		return -EALREADY;
	if (p->capacity == 0 || p->capacity > (1u << 24))
		return -EINVAL;
	memset(&nd, 0, sizeof(nd));
	snprintf(name, sizeof(name), "nd_%p", (void *)&nd);
	struct rte_hash_parameters hp = {
	    .name = name,
	    /* rte_hash needs a bucket's worth; the free stack enforces capacity. */
	    .entries = RTE_MAX(p->capacity, 8u),
	    .key_len = sizeof(struct nd_key),
	    .hash_func = fp_hash_crc,
	    .hash_func_init_val = (uint32_t)rte_rand(),
	    .socket_id = p->socket_id,
	    .extra_flag = RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF | RTE_HASH_EXTRA_FLAGS_EXT_TABLE,
	};
	nd_hash = rte_hash_create(&hp);
	nd.e = rte_zmalloc_socket("nd_e", sizeof(*nd.e) * p->capacity, RTE_CACHE_LINE_SIZE,
				  p->socket_id);
	nd.free = malloc(sizeof(*nd.free) * p->capacity);
	if (nd_hash == NULL || nd.e == NULL || nd.free == NULL) {
		nd_fini();
		return -ENOMEM;
	}
	nd.capacity = p->capacity;
	for (uint32_t i = 0; i < p->capacity; i++)
		nd.free[i] = p->capacity - 1 - i;
	nd.nfree = p->capacity;
	nd.done = p->dad_done;
	nd.arg = p->arg;
	for (int l = 0; l < ND_MAX_LINKS; l++)
		nd.links[l] = (struct nd_link){.dad_transmits = 1, .up = 1, .retrans_ms = 1000};
	return 0;
}

void nd_fini(void)
{
	rte_hash_free(nd_hash);
	nd_hash = NULL;
	rte_free(nd.e);
	free(nd.free);
	timerq_free(&nd.tq);
	memset(&nd, 0, sizeof(nd));
}

void nd_set_tx(nd_tx_probe_fn fn, void *arg)
{
	nd.tx = fn;
	nd.tx_arg = arg;
}

/* Publish an entry's state: in the entry (control thread) and in the hash
 * value the lcores read (one atomic store in the LF hash), so answering an
 * NS costs one lookup and no dependent read of the entry. */
static void nd_set_state(struct nd_entry *e, enum nd_state st)
{
	__atomic_store_n(&e->state, st, __ATOMIC_RELEASE);
	if (st != ND_NONE)
		rte_hash_add_key_data(nd_hash, &e->key, ND_DATA((uint32_t)(e - nd.e), st));
}

static void nd_conclude(struct nd_entry *e, enum nd_state st)
{
	e->timer_gen++;
	nd_set_state(e, st);
	if (nd.done != NULL)
		nd.done(nd.arg, (uint16_t)e->key.link, e->key.addr, st);
}

/* Start (or restart) DAD for an entry. @p link_init: the link has just
 * come up. */
static void nd_dad_start(struct nd_entry *e, uint64_t now, bool link_init)
{
	const struct nd_link *l = &nd.links[e->key.link];

	e->timer_gen++;
	e->probes_sent = 0;
	nd_set_state(e, ND_PROBING);
	if (l->dad_transmits == 0) {
		nd_conclude(e, ND_VALID);
		return;
	}
	if (!l->up)
		return; /* resumes when the link comes up */
	/* RFC 4862 §5.4.2: the random delay is for the first message after
	 * the interface (re)initialises; an address added on a running link
	 * is probed at once, so a first registration is answered within
	 * RetransTimer x DupAddrDetectTransmits (InitialBindackTimeoutFirstReg
	 * of RFC 6275 §13 is 1.5 s). */
	uint64_t delay = link_init ? rte_rand_max(ND_DAD_MAX_DELAY_MS + 1) : 0;
	if (timerq_push(&nd.tq, now + delay, (uint32_t)(e - nd.e), e->timer_gen) != 0) {
		/* Without a timer the address would stay PROBING forever:
		 * conclude conservatively (not validated). */
		nd_conclude(e, ND_INVALID);
	}
}

void nd_link_set(uint16_t link, uint8_t dad_transmits, uint32_t retrans_ms, bool up, uint64_t now)
{
	struct nd_link *l;
	bool was_up;

	if (link >= ND_MAX_LINKS)
		return;
	l = &nd.links[link];
	was_up = l->up;
	l->dad_transmits = dad_transmits;
	l->retrans_ms = retrans_ms ? retrans_ms : 1000;
	l->up = up;
	if (up && !was_up && l->count > 0) {
		for (uint32_t i = 0; i < nd.capacity; i++)
			if (nd.e[i].state != ND_NONE && nd.e[i].key.link == link)
				nd_dad_start(&nd.e[i], now, true);
	}
}

static struct nd_entry *nd_find(uint16_t link, const uint8_t addr[16], int32_t *pos)
{
	struct nd_key k;
	void *data;
	int32_t r;

	memset(&k, 0, sizeof(k));
	memcpy(k.addr, addr, 16);
	k.link = link;
	r = rte_hash_lookup_data(nd_hash, &k, &data);
	if (r < 0)
		return NULL;
	if (pos != NULL)
		*pos = r;
	return &nd.e[ND_DATA_IDX(data)];
}

int nd_addr_add(uint16_t link, const uint8_t addr[16], uint64_t now)
{
	struct nd_entry *e;
	uint32_t idx;

	if (link >= ND_MAX_LINKS)
		return -EINVAL;
	e = nd_find(link, addr, NULL);
	if (e != NULL) {
		/* Seed §5.4.6: re-adding resets the address to PROBING. */
		nd_dad_start(e, now, false);
		return 0;
	}
	if (nd.nfree == 0) {
		fp_reclaim();
		if (nd.nfree == 0)
			return -ENOSPC;
	}
	idx = nd.free[--nd.nfree];
	e = &nd.e[idx];
	memset(e, 0, sizeof(*e));
	memcpy(e->key.addr, addr, 16);
	e->key.link = link;
	e->state = ND_PROBING;
	if (rte_hash_add_key_data(nd_hash, &e->key, ND_DATA(idx, ND_PROBING)) != 0) {
		nd.free[nd.nfree++] = idx;
		return -ENOMEM;
	}
	nd.count++;
	nd.links[link].count++;
	nd_dad_start(e, now, false);
	return 0;
}

static void nd_release(void *p, uint32_t idx, int32_t pos)
{
	RTE_SET_USED(p);
	rte_hash_free_key_with_position(nd_hash, pos);
	nd.free[nd.nfree++] = idx;
}

static void nd_remove(struct nd_entry *e, int32_t pos)
{
	e->timer_gen++;
	__atomic_store_n(&e->state, ND_NONE, __ATOMIC_RELEASE);
	nd.count--;
	nd.links[e->key.link].count--;
	/* Readers may still hold the entry: release it after a grace period. */
	fp_defer(nd_release, NULL, (uint32_t)(e - nd.e), pos);
}

int nd_addr_del(uint16_t link, const uint8_t addr[16])
{
	struct nd_entry *e;
	int32_t pos;

	if (link >= ND_MAX_LINKS)
		return -ENOENT;
	e = nd_find(link, addr, NULL);
	if (e == NULL)
		return -ENOENT;
	pos = rte_hash_del_key(nd_hash, &e->key);
	if (pos < 0)
		return -ENOENT;
	nd_remove(e, pos);
	return 0;
}

uint32_t nd_flush(uint16_t link)
{
	uint32_t n = 0;

	if (link >= ND_MAX_LINKS)
		return 0;
	for (uint32_t i = 0; i < nd.capacity && nd.links[link].count > 0; i++) {
		struct nd_entry *e = &nd.e[i];
		int32_t pos;

		if (e->state == ND_NONE || e->key.link != link)
			continue;
		pos = rte_hash_del_key(nd_hash, &e->key);
		if (pos >= 0) {
			nd_remove(e, pos);
			n++;
		}
	}
	return n;
}

int nd_addr_state(uint16_t link, const uint8_t addr[16])
{
	const struct nd_entry *e;

	if (link >= ND_MAX_LINKS)
		return -ENOENT;
	e = nd_find(link, addr, NULL);
	return e != NULL ? e->state : -ENOENT;
}

uint32_t nd_count(void)
{
	return nd.count;
}

uint32_t nd_capacity(void)
{
	return nd.capacity;
}

uint32_t nd_link_count(uint16_t link)
{
	return link < ND_MAX_LINKS ? nd.links[link].count : 0;
}

uint32_t nd_list(uint16_t link, uint8_t (*out)[16], uint32_t max)
{
	uint32_t n = 0;

	if (link >= ND_MAX_LINKS)
		return 0;
	for (uint32_t i = 0; i < nd.capacity && n < max && n < nd.links[link].count; i++)
		if (nd.e[i].state != ND_NONE && nd.e[i].key.link == link)
			memcpy(out[n++], nd.e[i].key.addr, 16);
	return n;
}

void nd_dad_conflict(uint16_t link, const uint8_t addr[16])
{
	struct nd_entry *e = link < ND_MAX_LINKS ? nd_find(link, addr, NULL) : NULL;

	/* RFC 4862 §5.4.3/5.4.4: only an address under probe is a tentative
	 * duplicate; a VALID one is defended by the NA datapath instead. */
	if (e != NULL && e->state == ND_PROBING)
		nd_conclude(e, ND_INVALID);
}

static int nd_timer_live(void *arg, const struct timerq_item *it)
{
	(void)arg;
	return nd.e[it->id].timer_gen == it->gen && nd.e[it->id].state == ND_PROBING;
}

void nd_service(uint64_t now)
{
	struct timerq_item it;

	while (timerq_pop_due(&nd.tq, now, &it)) {
		struct nd_entry *e = &nd.e[it.id];
		const struct nd_link *l;

		if (!nd_timer_live(NULL, &it))
			continue;
		l = &nd.links[e->key.link];
		if (!l->up)
			continue; /* restarted when the link comes back */
		if (e->probes_sent < l->dad_transmits) {
			if (nd.tx != NULL)
				nd.tx(nd.tx_arg, (uint16_t)e->key.link, e->key.addr);
			nd.probes++;
			e->probes_sent++;
			if (timerq_push(&nd.tq, it.due + l->retrans_ms, it.id, it.gen) != 0)
				nd_conclude(e, ND_INVALID);
		} else {
			nd_conclude(e, ND_VALID);
		}
	}
	if (nd.tq.n > 1024 && nd.tq.n > 2 * nd.count)
		timerq_compact(&nd.tq, nd_timer_live, NULL);
}

uint64_t nd_next_due(void)
{
	return timerq_next(&nd.tq);
}

uint64_t nd_probes_total(void)
{
	return nd.probes;
}
