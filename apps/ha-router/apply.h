/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Applying a validated configuration to the running home agent through the
 * NPF API and npf_mipv6_if.h (ARCHITECTURE.md rule 8: YANG -> validate ->
 * diff -> apply), and building the control plane's configuration from it.
 */
#ifndef HA_ROUTER_APPLY_H
#define HA_ROUTER_APPLY_H

#include "config.h"
#include "dataplane.h"
#include "ha_control.h"

#define HAR_MAX_LINKS 64

struct har_state {
	struct hacfg *cfg;                 /**< the running configuration (owned) */
	NPF_IfHandle_t hl[HAC_MAX_LINKS];  /**< per home link */
	NPF_IfHandle_t tun[HAC_MAX_LINKS]; /**< per home link: tunnel on its first HA address */
	NPF_IfHandle_t lk[HAR_MAX_LINKS];  /**< per plain interface */
	struct hac *cp;
	struct har_dp *dp;
};

/**
 * Create links, home links, tunnels and routes of @p cfg (ownership passes
 * to @p st). @return 0 or -errno with a message naming the object.
 */
int har_apply_initial(struct har_state *st, struct har_dp *dp, struct hacfg *cfg, char *err,
		      size_t errlen);

/** The control plane's view of @p cfg with the handles of @p st. */
int har_cp_config(const struct har_state *st, const struct hacfg *cfg, struct hac_config *out,
		  char *err, size_t errlen);

/**
 * Apply @p next as a diff against the running configuration, keeping the
 * bindings. Changes that cannot be made without dropping bindings or
 * restarting (ports, a home link's layer 2 or ND parameters, removing a home
 * link or an HA address) are refused as a whole and nothing is changed.
 * On success @p next becomes the running configuration.
 * @return 0 or -errno with a message.
 */
int har_reload(struct har_state *st, struct hacfg *next, char *err, size_t errlen);

/**
 * What only the running system can tell about ipsec/mobile-node/sa: the
 * crypto device must run each algorithm (and tunnelled payload protection
 * is refused). @return 0 or -errno with a message naming the node.
 */
int har_ipsec_check(const struct hacfg *cfg, char *err, size_t errlen);

/** Install every SA of @p cfg (lib/ipsec). @return 0 or -errno with a message. */
int har_ipsec_apply(const struct hacfg *cfg, char *err, size_t errlen);

/** Delete everything har_apply_initial() created (bindings first). */
void har_teardown(struct har_state *st);

#endif /* HA_ROUTER_APPLY_H */
