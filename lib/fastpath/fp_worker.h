/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The worker loop of the forwarding plane (ARCHITECTURE.md "Threads and
 * data flow"): one per worker lcore, polling its RX queues, classifying
 * each burst and running it through the stages, buffering output per port,
 * transmitting the control thread's injected frames, and reporting an RCU
 * quiescent state once per loop.
 */
#ifndef FP_WORKER_H
#define FP_WORKER_H

#include <stdbool.h>
#include <stdint.h>

#include "fp_pipe.h"

#define FP_MAX_RXQ 16
#define FP_TXBUF 64

/** Output buffered for one port. */
struct fp_txbuf {
	uint16_t n;
	struct rte_mbuf *m[FP_TXBUF];
};

/** Transmit function (rte_eth_tx_burst by default; tests capture instead). */
typedef uint16_t (*fp_tx_fn)(void *arg, uint16_t port, uint16_t queue, struct rte_mbuf **m,
			     uint16_t n);

struct fp_worker {
	struct fp_lcore lc;
	uint16_t nrxq;
	struct {
		uint16_t port, queue;
	} rxq[FP_MAX_RXQ];
	uint16_t txq[FP_MAX_PORTS]; /**< this worker's TX queue on each port */
	bool serve_inject;          /**< this worker transmits injected frames */
	fp_tx_fn tx;
	void *tx_arg;
	/* ICMPv6 error token bucket (RFC 4443 §2.4 f): errors punted per second */
	uint64_t icmp_tokens, icmp_last, icmp_rate;
	struct fp_txbuf out[FP_MAX_PORTS];
};

/**
 * Prepare a worker: counters zeroed, default transmitter, @p icmp_pps
 * ICMPv6 errors per second at most (0: 1000).
 */
void fp_worker_init(struct fp_worker *w, unsigned int worker_id, uint32_t icmp_pps);

/**
 * Run one burst of received frames through the pipeline. Frames leave
 * buffered in w->out (sent by fp_worker_flush()), punted to the control
 * thread, or freed and counted under a drop reason.
 * @return frames buffered for transmission
 */
uint16_t fp_process(struct fp_worker *w, struct rte_mbuf **pkts, uint16_t n);

/** Move up to FP_BURST injected frames into the output buffers. @return how many. */
uint16_t fp_inject_poll(struct fp_worker *w);

/** Transmit everything buffered; what a TX queue refuses is freed and counted. */
void fp_worker_flush(struct fp_worker *w);

/** One poll of every RX queue, injection, flush and quiescent report. @return frames received */
uint32_t fp_worker_poll(struct fp_worker *w);

/**
 * Poll until *@p stop is set: registers as an RCU reader first and goes
 * offline at the end.
 */
int fp_worker_run(struct fp_worker *w, volatile const bool *stop);

/** Hand a frame to the control thread (counted as a punt; PUNT_FULL when the ring is full). */
void fp_punt(struct fp_lcore *lc, struct rte_mbuf *m, enum fp_punt why, uint16_t l3);

#endif /* FP_WORKER_H */
