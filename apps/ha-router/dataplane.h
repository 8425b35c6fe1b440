/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ha-router's data plane: the configured DPDK ports (PCI NICs or vdevs),
 * their RX queues spread over the worker lcores (RSS when a port has
 * several), one TX queue per worker, and the worker loops.
 */
#ifndef HA_ROUTER_DATAPLANE_H
#define HA_ROUTER_DATAPLANE_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>

#include "config.h"
#include "fp_worker.h"

#define HAR_MAX_PORTS 16
#define HAR_MAX_WORKERS 16

struct har_port {
	char name[HACFG_NAME_LEN];
	uint16_t port_id;
	uint16_t nrxq;
	struct rte_ether_addr mac;
};

struct har_dp {
	uint32_t nports;
	struct har_port port[HAR_MAX_PORTS];
	uint32_t nworkers;
	unsigned int lcore[HAR_MAX_WORKERS];
	struct fp_worker *w[HAR_MAX_WORKERS];
	struct rte_mempool *pool;
	bool running;
	volatile bool stop;
};

/**
 * Probe the configured ports, configure and start them with their queues
 * (one TX queue per worker lcore). Worker lcores are the EAL's worker lcores.
 * @return 0 or -errno, with a message in @p err
 */
int har_dp_init(struct har_dp *dp, const struct hacfg *cfg, char *err, size_t errlen);

/** Launch the worker loops. @return 0 or -errno */
int har_dp_start(struct har_dp *dp);

/** Stop the worker loops, stop and close the ports, free what init made. */
void har_dp_fini(struct har_dp *dp);

/** Port of a configured port name, or NULL. */
const struct har_port *har_dp_port(const struct har_dp *dp, const char *name);

/** Counters summed over the workers (read while they run: approximate). */
struct har_dp_stats {
	uint64_t drops[FP_DROP_NB];
	uint64_t rx, tx, fwd, encap, decap, punted, injected, nd_answered, icmp_limited;
};
void har_dp_stats(const struct har_dp *dp, struct har_dp_stats *out);
/** Zero the workers' counters (operator "clear stats"). */
void har_dp_stats_clear(struct har_dp *dp);

#endif /* HA_ROUTER_DATAPLANE_H */
