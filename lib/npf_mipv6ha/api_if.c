/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interface Management extension (npf_mipv6_if.h): home link and MIPv6 HA
 * tunnel interfaces, and the order-of-operations rules of seed 003 §5.5.
 *
 * Interface handles: kind << 28 | generation << 8 | slot. The kind keeps a
 * home link handle from being taken for a tunnel handle and vice versa; the
 * 20-bit generation keeps a deleted interface's handle from naming a
 * successor in the same slot until the slot has been re-created 2^20 times.
 */
#include <string.h>

#include "fastpath.h"
#include "fp_pipe.h"
#include "ndproxy.h"
#include "npf_priv.h"

/* The forwarding plane learns the HA's own addresses on a home link:
 * link-local, HA addresses and the home-agents anycast addresses. */
static void homelink_publish(const struct npf_homelink *hl, bool add)
{
	static const uint8_t zero[16];

	if (add)
		fp_local_add(hl->cfg.linkLocal.addr, FP_LOCAL_ADDR, 0);
	else
		fp_local_del(hl->cfg.linkLocal.addr);
	for (uint32_t i = 0; i < hl->cfg.nHaAddrs; i++) {
		if (add)
			fp_local_add(hl->cfg.haAddrs[i].addr, FP_LOCAL_ADDR, 0);
		else
			fp_local_del(hl->cfg.haAddrs[i].addr);
	}
	for (uint32_t i = 0; i < hl->cfg.nPrefixes; i++) {
		if (memcmp(hl->anycast[i].addr, zero, 16) == 0)
			continue;
		if (add)
			fp_local_add(hl->anycast[i].addr, FP_LOCAL_ANYCAST, 0);
		else
			fp_local_del(hl->anycast[i].addr);
	}
}

struct npf_homelink *npf_homelink_get(NPF_IfHandle_t h)
{
	uint32_t slot = h & 0xFF;

	if (!npf.up || h >> 28 != IF_KIND_HOMELINK || slot >= NPF_MIPV6HA_IF_MAX_HOMELINKS)
		return NULL;
	return npf.hl[slot].handle == h ? &npf.hl[slot] : NULL;
}

struct npf_tunnel *npf_tunnel_get(NPF_IfHandle_t h)
{
	uint32_t slot = h & 0xFF;

	if (!npf.up || h >> 28 != IF_KIND_TUNNEL || slot == 0 || slot >= NPF_MIPV6HA_IF_MAX_TUNNELS)
		return NULL;
	return npf.tun[slot].handle == h ? &npf.tun[slot] : NULL;
}

NPF_IfHandle_t npf_homelink_handle(uint16_t slot)
{
	return slot < NPF_MIPV6HA_IF_MAX_HOMELINKS ? npf.hl[slot].handle : 0;
}

static bool prefix_ok(const NPF_MIPv6HA_IF_Prefix_t *p)
{
	if (p->prefixLen == 0 || p->prefixLen > 128 || p->preferredLifetime > p->validLifetime ||
	    !npf_addr_is_global_unicast(&p->prefix))
		return false;
	return npf_host_bits_clear(p->prefix.addr, p->prefixLen);
}

static bool prefixes_ok(uint32_t n, const NPF_MIPv6HA_IF_Prefix_t *p)
{
	if (n == 0 || n > NPF_MIPV6HA_IF_MAX_PREFIXES)
		return false;
	for (uint32_t i = 0; i < n; i++)
		if (!prefix_ok(&p[i]))
			return false;
	return true;
}

/* RFC 2526 §2 / RFC 6275 §9.8: the home-agents anycast address of a /64 is
 * the prefix with interface identifier fdff:ffff:ffff:fffe (subnet anycast
 * ID 0x7e with the EUI-64 u bit 0). Prefixes longer than /64 have none. */
static void anycast_of(const NPF_MIPv6HA_IF_Prefix_t *p, NPF_IPv6Address_t *out)
{
	static const uint8_t iid[8] = {0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe};

	memset(out, 0, sizeof(*out));
	if (p->prefixLen > 64)
		return;
	memcpy(out->addr, p->prefix.addr, 8);
	memcpy(out->addr + 8, iid, 8);
}

static bool addr_in_use(const NPF_IPv6Address_t *a)
{
	for (int i = 0; i < NPF_MIPV6HA_IF_MAX_HOMELINKS; i++) {
		if (npf.hl[i].handle == 0)
			continue;
		for (uint32_t k = 0; k < npf.hl[i].cfg.nHaAddrs; k++)
			if (memcmp(&npf.hl[i].cfg.haAddrs[k], a, 16) == 0)
				return true;
	}
	return false;
}

NPF_error_t NPF_MIPv6HA_IF_HomeLinkCreate(const NPF_MIPv6HA_IF_HomeLinkConfig_t *cfg,
					  NPF_IfHandle_t *ifHandle)
{
	struct npf_homelink *hl = NULL;
	uint16_t slot;

	if (!npf.up || cfg == NULL || ifHandle == NULL)
		return NPF_E_UNKNOWN;
	if (cfg->nHaAddrs == 0 || cfg->nHaAddrs > NPF_MIPV6HA_IF_MAX_HA_ADDRS || cfg->mtu < 1280 ||
	    cfg->vlanId > 4094 || (cfg->macAddr[0] & 1) != 0 ||
	    memcmp(cfg->macAddr, "\0\0\0\0\0\0", 6) == 0 ||
	    !(cfg->linkLocal.addr[0] == 0xfe && (cfg->linkLocal.addr[1] & 0xc0) == 0x80) ||
	    !prefixes_ok(cfg->nPrefixes, cfg->prefixes) || cfg->portId >= FP_MAX_PORTS ||
	    npf_port_in_use(cfg->portId))
		return NPF_MIPv6HA_E_INVALID_PARAM;
	for (uint32_t i = 0; i < cfg->nHaAddrs; i++) {
		if (!npf_addr_is_global_unicast(&cfg->haAddrs[i]) || addr_in_use(&cfg->haAddrs[i]))
			return NPF_MIPv6HA_E_INVALID_PARAM;
		for (uint32_t j = 0; j < i; j++)
			if (memcmp(&cfg->haAddrs[i], &cfg->haAddrs[j], 16) == 0)
				return NPF_MIPv6HA_E_INVALID_PARAM;
	}
	for (slot = 0; slot < NPF_MIPV6HA_IF_MAX_HOMELINKS; slot++)
		if (npf.hl[slot].handle == 0) {
			hl = &npf.hl[slot];
			break;
		}
	if (hl == NULL)
		return NPF_MIPv6HA_E_NOMEMORY;
	uint32_t gen = (hl->gen + 1) & IF_GEN_MASK;
	memset(hl, 0, sizeof(*hl));
	hl->gen = gen ? gen : 1;
	hl->handle = npf_if_handle(IF_KIND_HOMELINK, hl->gen, slot);
	hl->cfg = *cfg;
	if (hl->cfg.retransTimerMs == 0)
		hl->cfg.retransTimerMs = NPF_MIPV6HA_IF_RETRANS_TIMER_DEFAULT_MS;
	for (uint32_t i = 0; i < cfg->nPrefixes; i++)
		anycast_of(&cfg->prefixes[i], &hl->anycast[i]);
	hl->up = true;
	nd_link_set(slot, hl->cfg.dadTransmits, hl->cfg.retransTimerMs, true, npf_now());
	homelink_publish(hl, true);
	npf_homelink_attach(hl, true);
	*ifHandle = hl->handle;
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_IF_HomeLinkDelete(NPF_IfHandle_t ifHandle)
{
	struct npf_homelink *hl = npf_homelink_get(ifHandle);

	if (hl == NULL)
		return NPF_MIPv6HA_E_INVALID_IF_HANDLE;
	/* Seed §5.5: tunnels and proxied addresses go first. */
	if (hl->ntunnels > 0 || nd_link_count((uint16_t)(hl - npf.hl)) > 0)
		return NPF_E_RESOURCE_IN_USE;
	npf_homelink_attach(hl, false);
	homelink_publish(hl, false);
	hl->handle = 0;
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_IF_HomeLinkPrefixesSet(NPF_IfHandle_t ifHandle, NPF_uint32_t nPrefixes,
					       const NPF_MIPv6HA_IF_Prefix_t *prefixes)
{
	struct npf_homelink *hl = npf_homelink_get(ifHandle);

	if (hl == NULL)
		return NPF_MIPv6HA_E_INVALID_IF_HANDLE;
	if (prefixes == NULL)
		return NPF_E_UNKNOWN;
	if (!prefixes_ok(nPrefixes, prefixes))
		return NPF_MIPv6HA_E_INVALID_PARAM;
	homelink_publish(hl, false);
	npf_homelink_prefix_routes(hl, false);
	hl->cfg.nPrefixes = nPrefixes;
	memset(hl->anycast, 0, sizeof(hl->anycast));
	for (uint32_t i = 0; i < nPrefixes; i++) {
		hl->cfg.prefixes[i] = prefixes[i];
		anycast_of(&prefixes[i], &hl->anycast[i]);
	}
	homelink_publish(hl, true);
	npf_homelink_prefix_routes(hl, true);
	npf_tunnels_republish(hl);
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_IF_HomeLinkOperStatusSet(NPF_IfHandle_t ifHandle, NPF_boolean_t up)
{
	struct npf_homelink *hl = npf_homelink_get(ifHandle);

	if (hl == NULL)
		return NPF_MIPv6HA_E_INVALID_IF_HANDLE;
	hl->up = up != NPF_FALSE;
	nd_link_set((uint16_t)(hl - npf.hl), hl->cfg.dadTransmits, hl->cfg.retransTimerMs, hl->up,
		    npf_now());
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_IF_HomeLinkGet(NPF_IfHandle_t ifHandle, NPF_MIPv6HA_IF_HomeLinkInfo_t *info)
{
	struct npf_homelink *hl = npf_homelink_get(ifHandle);

	if (hl == NULL)
		return NPF_MIPv6HA_E_INVALID_IF_HANDLE;
	if (info == NULL)
		return NPF_E_UNKNOWN;
	memset(info, 0, sizeof(*info));
	info->config = hl->cfg;
	memcpy(info->anycast, hl->anycast, sizeof(info->anycast));
	info->operUp = hl->up ? NPF_TRUE : NPF_FALSE;
	info->nTunnels = hl->ntunnels;
	info->nProxyAddrs = nd_link_count((uint16_t)(hl - npf.hl));
	return NPF_NO_ERROR;
}

/* A tunnel's HA address is where reverse-tunnelled packets exit (RT-1);
 * its encapsulation limit applies to every packet it carries (TUN-7). */
static void tunnel_publish(const struct npf_tunnel *t, bool add)
{
	uint8_t slot = (uint8_t)(t - npf.tun);

	if (add) {
		fp_local_add(t->cfg.haAddr.addr, FP_LOCAL_HA, slot);
		fp_t.encap_limit[slot] = t->cfg.encapLimit;
	} else {
		fp_t.encap_limit[slot] = -1;
		/* Back to a plain own address of the home link. */
		fp_local_add(t->cfg.haAddr.addr, FP_LOCAL_ADDR, 0);
	}
}

/* Home link addresses were republished: keep tunnel anchors on top. */
void npf_tunnels_republish(const struct npf_homelink *hl)
{
	for (int i = 1; i < NPF_MIPV6HA_IF_MAX_TUNNELS; i++)
		if (npf.tun[i].handle != 0 && &npf.hl[npf.tun[i].hl] == hl)
			tunnel_publish(&npf.tun[i], true);
}

static NPF_error_t tunnel_cfg_check(const NPF_MIPv6HA_IF_TunnelConfig_t *cfg,
				    const struct npf_homelink *hl)
{
	bool anchored = false;

	for (uint32_t k = 0; k < hl->cfg.nHaAddrs; k++)
		if (memcmp(&hl->cfg.haAddrs[k], &cfg->haAddr, 16) == 0)
			anchored = true;
	if (!anchored || cfg->hopLimit == 0 || cfg->flowLabel > 0xFFFFF || cfg->mtu < 1280 ||
	    (cfg->pmtuMode != NPF_MIPV6HA_IF_PMTU_OFF && cfg->pmtuMode != NPF_MIPV6HA_IF_PMTU_ON) ||
	    cfg->encapLimit < -1 || cfg->encapLimit > 255)
		return NPF_MIPv6HA_E_INVALID_PARAM;
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_IF_TunnelCreate(const NPF_MIPv6HA_IF_TunnelConfig_t *cfg,
					NPF_IfHandle_t *ifHandle)
{
	struct npf_homelink *hl;
	struct npf_tunnel *t = NULL;
	NPF_error_t err;
	uint16_t slot;

	if (!npf.up || cfg == NULL || ifHandle == NULL)
		return NPF_E_UNKNOWN;
	hl = npf_homelink_get(cfg->homeLink);
	if (hl == NULL)
		return NPF_MIPv6HA_E_INVALID_IF_HANDLE;
	err = tunnel_cfg_check(cfg, hl);
	if (err != NPF_NO_ERROR)
		return err;
	for (slot = 1; slot < NPF_MIPV6HA_IF_MAX_TUNNELS; slot++) {
		if (npf.tun[slot].handle != 0 &&
		    memcmp(&npf.tun[slot].cfg.haAddr, &cfg->haAddr, 16) == 0)
			return NPF_MIPv6HA_E_INVALID_PARAM; /* one tunnel per HA address */
	}
	for (slot = 1; slot < NPF_MIPV6HA_IF_MAX_TUNNELS; slot++)
		if (npf.tun[slot].handle == 0) {
			t = &npf.tun[slot];
			break;
		}
	if (t == NULL)
		return NPF_MIPv6HA_E_NOMEMORY;
	uint32_t gen = (t->gen + 1) & IF_GEN_MASK;
	memset(t, 0, sizeof(*t));
	t->gen = gen ? gen : 1;
	t->handle = npf_if_handle(IF_KIND_TUNNEL, t->gen, slot);
	t->hl = (uint16_t)(hl - npf.hl);
	t->cfg = *cfg;
	hl->ntunnels++;
	tunnel_publish(t, true);
	*ifHandle = t->handle;
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_IF_TunnelDelete(NPF_IfHandle_t ifHandle)
{
	struct npf_tunnel *t = npf_tunnel_get(ifHandle);

	if (t == NULL)
		return NPF_MIPv6HA_E_INVALID_IF_HANDLE;
	if (t->nentries > 0)
		return NPF_E_RESOURCE_IN_USE; /* seed §5.5: flush first */
	npf.hl[t->hl].ntunnels--;
	tunnel_publish(t, false);
	t->handle = 0;
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_IF_TunnelSet(NPF_IfHandle_t ifHandle,
				     const NPF_MIPv6HA_IF_TunnelConfig_t *cfg)
{
	struct npf_tunnel *t = npf_tunnel_get(ifHandle);
	NPF_error_t err;

	if (t == NULL)
		return NPF_MIPv6HA_E_INVALID_IF_HANDLE;
	if (cfg == NULL)
		return NPF_E_UNKNOWN;
	if (cfg->homeLink != t->cfg.homeLink || memcmp(&cfg->haAddr, &t->cfg.haAddr, 16) != 0)
		return NPF_MIPv6HA_E_INVALID_PARAM;
	err = tunnel_cfg_check(cfg, &npf.hl[t->hl]);
	if (err != NPF_NO_ERROR)
		return err;
	t->cfg = *cfg;
	tunnel_publish(t, true);
	return npf_bc_retunnel(t) == 0 ? NPF_NO_ERROR : NPF_MIPv6HA_E_NOMEMORY;
}

NPF_error_t NPF_MIPv6HA_IF_TunnelGet(NPF_IfHandle_t ifHandle, NPF_MIPv6HA_IF_TunnelInfo_t *info)
{
	struct npf_tunnel *t = npf_tunnel_get(ifHandle);

	if (t == NULL)
		return NPF_MIPv6HA_E_INVALID_IF_HANDLE;
	if (info == NULL)
		return NPF_E_UNKNOWN;
	info->config = t->cfg;
	info->nEntries = t->nentries;
	return NPF_NO_ERROR;
}
