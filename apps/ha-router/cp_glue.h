/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Between the forwarding plane and the signalling control plane on the
 * control thread: ESP (lib/ipsec) on the way in and out.
 *
 *  in:  ESP transport (BU, MPS) -> verified, decrypted -> hac_input with
 *       esp_ok and the SA's HoA (SEC-1..3, SEC-5); ESP tunnel (HoTI, SEC-4)
 *       -> decrypted, outer source checked against the binding's CoA
 *       (SEC-6) -> inner packet routed on (RT-4); anything else -> hac_input;
 *       a Mobility Header punted on its way to a HoA with a
 *       return-routability SA (HoT) -> ESP tunnel to the current CoA.
 *  out: MH / MPA to a HoA with an outbound transport SA -> ESP (BA-6, MPD-6),
 *       else as it is.
 */
#ifndef HA_ROUTER_CP_GLUE_H
#define HA_ROUTER_CP_GLUE_H

#include <stdint.h>

#include "ha_control.h"

struct har_glue_stats {
	uint64_t tun_in;      /**< tunnel-mode packets decrypted and routed on */
	uint64_t tun_refused; /**< tunnel-mode packets not from the registered CoA (SEC-6) */
	uint64_t tun_out;     /**< packets sent in tunnel mode to a CoA (SEC-4) */
	uint64_t tun_unbound; /**< to a HoA with a tunnel SA but no valid binding */
	uint64_t hop_limit;   /**< inner packets that could not be forwarded (hop limit) */
};

struct har_glue {
	struct hac *h;
	/** Where packets go: the forwarding plane's inject path. */
	int (*tx)(void *arg, uint16_t port, const uint8_t *ip6, uint32_t len);
	void *tx_arg;
	struct har_glue_stats st;
};

/** npf_mipv6ha_punt_fn: @p arg is a struct har_glue. */
void har_glue_punt(void *arg, uint16_t port, const uint8_t *ip6, uint32_t len);

/** hac_io.tx: @p arg is a struct har_glue. @return 0 or -errno. */
int har_glue_tx(void *arg, uint16_t port, const uint8_t *ip6, uint32_t len);

#endif /* HA_ROUTER_CP_GLUE_H */
