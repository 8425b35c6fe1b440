/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ICMPv6 signalling punted to the control plane. DHAAD, Router
 * Advertisements and Mobile Prefix Discovery are not implemented yet: those
 * messages are counted and dropped.
 */
#include <errno.h>

#include "hac_priv.h"

void hac_icmp6_input(struct hac *h, const struct hac_rx *rx)
{
	if (rx->ul_len < 4) {
		hac_drop(h, HAC_DROP_ICMP_BAD);
		return;
	}
	switch (rx->pkt[rx->ul_off]) {
	case MIP6_HA_DISCOVERY_REQUEST:
		h->st.dhaad_rx++;
		break;
	case MIP6_PREFIX_SOLICIT:
		h->st.mps_rx++;
		break;
	case ND_ROUTER_ADVERT:
		h->st.ra_rx++;
		break;
	default:
		break;
	}
	hac_drop(h, HAC_DROP_ICMP_IGNORED);
}

int hac_ha_list_foreach(struct hac *h, uint32_t link,
			int (*fn)(void *arg, const struct hac_ha_info *ha), void *arg)
{
	if (h == NULL || fn == NULL || link >= h->cfg.n_links)
		return -EINVAL;
	/* HAL-1: the list holds this home agent itself (peers: not learnt yet) */
	const struct hac_link *k = &h->links[link].cfg;
	struct hac_ha_info me;
	memset(&me, 0, sizeof(me));
	me.self = true;
	memcpy(me.link_local, k->link_local, 16);
	me.preference = k->ha_preference;
	me.lifetime_s = me.remaining_s = k->ha_lifetime_s;
	me.n_addrs = k->n_ha_addrs;
	memcpy(me.addrs, k->ha_addrs, sizeof(me.addrs));
	return fn(arg, &me);
}
