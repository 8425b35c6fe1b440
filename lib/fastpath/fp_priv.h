/* SPDX-License-Identifier: BSD-3-Clause */
/* Control-thread-only state of the forwarding plane's tables. */
#ifndef FP_PRIV_H
#define FP_PRIV_H

#include <rte_mempool.h>
#include <rte_rcu_qsbr.h>
#include <rte_ring.h>

#include "fastpath.h"

struct fp_slot {
	struct fp_binding *b; /**< current object, NULL when the slot is free */
	uint32_t gen;         /**< generation of the last handle given out */
};

struct fp_ctl {
	struct rte_mempool *pool;   /**< struct fp_binding objects */
	struct rte_rcu_qsbr_dq *dq; /**< objects/key slots waiting a grace period */
	struct rte_ring *free_idx;  /**< FIFO of free slot indices */
	struct fp_slot *slots;      /**< [capacity] */
	uint32_t count;             /**< live bindings */
	uint32_t gen_max;
	uint32_t instance;
};

extern struct fp_ctl fp_c;

#endif /* FP_PRIV_H */
