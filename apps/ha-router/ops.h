/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Operations interface of ha-router: commands registered with DPDK
 * telemetry (so dpdk-telemetry.py and ha-ctl work on a running daemon).
 * Telemetry calls arrive on DPDK's telemetry thread; they are handed to the
 * control thread through a one-slot mailbox and answered from there, so the
 * control plane's state is only ever touched by its own thread.
 */
#ifndef HA_ROUTER_OPS_H
#define HA_ROUTER_OPS_H

#include "apply.h"

/** What the operations need from the daemon. */
struct har_ops_ctx {
	struct har_state *st;
	struct har_dp *dp;
	const char *config_path; /**< NULL: the embedded default */
	/** Reload from config_path; 0 or -errno with a message. */
	int (*reload)(void *arg, char *err, size_t errlen);
	void *arg;
};

/** Register the telemetry commands. @return 0 or -errno */
int har_ops_init(const struct har_ops_ctx *ctx);

/** eventfd that is readable when a telemetry request waits for the control thread. */
int har_ops_fd(void);

/** Answer a waiting request (control thread). */
void har_ops_serve(void);

void har_ops_fini(void);

#endif /* HA_ROUTER_OPS_H */
