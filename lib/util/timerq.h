/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A min-heap of (due time, id, generation) for the control thread's timers
 * (binding lifetimes, DAD steps, rate-limit windows). Time comes from the
 * API's clock, which tests control; DPDK's rte_timer reads the TSC and cannot
 * be driven by a test clock, hence this small queue.
 *
 * Cancellation is lazy: the owner keeps the current generation of each id
 * and ignores popped items whose generation is stale. timerq_compact() drops
 * stale items when they outnumber live ones.
 */
#ifndef TIMERQ_H
#define TIMERQ_H

#include <stdint.h>

struct timerq_item {
	uint64_t due;
	uint32_t id;
	uint32_t gen;
};

typedef int (*timerq_live_fn)(void *arg, const struct timerq_item *it);

struct timerq {
	struct timerq_item *v;
	uint32_t n;
	uint32_t cap;
};

/** @return 0 or -ENOMEM */
int timerq_push(struct timerq *q, uint64_t due, uint32_t id, uint32_t gen);
/** Pop the earliest item if due <= now. @return 1 popped, 0 none due. */
int timerq_pop_due(struct timerq *q, uint64_t now, struct timerq_item *out);
/** Earliest due time, or UINT64_MAX. */
uint64_t timerq_next(const struct timerq *q);
/** Remove items for which @p live returns 0. */
void timerq_compact(struct timerq *q, timerq_live_fn live, void *arg);
void timerq_free(struct timerq *q);

#endif /* TIMERQ_H */
