/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The router side of the Interface Management extension: ports of home
 * links and plain links, their on-link routes, and static routes through
 * gateways. Everything is written by the control thread; next hops are
 * complete before a route points at them (fp_pipe.c).
 */
#include <string.h>

#include "fp_pipe.h"
#include "npf_priv.h"

static const uint8_t zero16[16];

bool npf_port_in_use(uint16_t port)
{
	for (int i = 0; i < NPF_MIPV6HA_IF_MAX_HOMELINKS; i++)
		if (npf.hl[i].handle != 0 && npf.hl[i].cfg.portId == port)
			return true;
	for (int i = 0; i < NPF_MIPV6HA_IF_MAX_LINKS; i++)
		if (npf.lk[i].handle != 0 && npf.lk[i].cfg.portId == port)
			return true;
	return false;
}

static void port_publish(uint16_t port, const uint8_t mac[6], uint16_t mtu, const uint8_t ll[16],
			 const uint8_t ga[16], uint16_t link_plus1, uint32_t nh_id, bool add)
{
	struct fp_port pi;
	struct fp_nh nh;

	if (!add) {
		memset(&pi, 0, sizeof(pi));
		fp_t.port[port] = pi; /* routes through it are gone already */
		return;
	}
	memset(&pi, 0, sizeof(pi));
	memcpy(pi.mac.addr_bytes, mac, 6);
	pi.mtu = mtu;
	pi.link = link_plus1;
	memcpy(pi.ll, ll, 16);
	memcpy(pi.ga, ga, 16);
	fp_port_set(port, &pi);
	memset(&nh, 0, sizeof(nh));
	memcpy(nh.src.addr_bytes, mac, 6);
	nh.port = port;
	nh.mtu = mtu;
	nh.flags = FP_NHF_CONNECTED;
	fp_nh_set(nh_id, &nh);
}

void npf_homelink_prefix_routes(const struct npf_homelink *hl, bool add)
{
	uint32_t nh = NPF_NH_HOMELINK(hl - npf.hl);

	for (uint32_t i = 0; i < hl->cfg.nPrefixes; i++) {
		if (add)
			fp_route_add(hl->cfg.prefixes[i].prefix.addr, hl->cfg.prefixes[i].prefixLen,
				     nh);
		else
			fp_route_del(hl->cfg.prefixes[i].prefix.addr,
				     hl->cfg.prefixes[i].prefixLen);
	}
}

static void routes_via_port_del(uint16_t port)
{
	for (int i = 0; i < NPF_MAX_ROUTES; i++) {
		struct npf_route *r = &npf.routes[i];

		if (r->used && fp_t.nh[r->nh].port == port) {
			fp_route_del(r->prefix, r->len);
			npf.nh_ref[r->nh]--;
			r->used = 0;
		}
	}
}

int npf_homelink_attach(const struct npf_homelink *hl, bool add)
{
	uint16_t slot = (uint16_t)(hl - npf.hl);

	if (!add) {
		npf_homelink_prefix_routes(hl, false);
		routes_via_port_del(hl->cfg.portId);
	}
	port_publish(hl->cfg.portId, hl->cfg.macAddr, hl->cfg.mtu, hl->cfg.linkLocal.addr,
		     hl->cfg.haAddrs[0].addr, (uint16_t)(slot + 1), NPF_NH_HOMELINK(slot), add);
	if (add)
		npf_homelink_prefix_routes(hl, true);
	return 0;
}

static struct npf_link *link_get(NPF_IfHandle_t h)
{
	uint32_t slot = h & 0xFF;

	if (!npf.up || h >> 28 != IF_KIND_LINK || slot >= NPF_MIPV6HA_IF_MAX_LINKS)
		return NULL;
	return npf.lk[slot].handle == h ? &npf.lk[slot] : NULL;
}

static void prefix_of(const uint8_t *a, uint8_t len, uint8_t *out)
{
	memset(out, 0, 16);
	memcpy(out, a, len / 8);
	if (len % 8)
		out[len / 8] = (uint8_t)(a[len / 8] & (0xFF << (8 - len % 8)));
}

static void link_publish(const struct npf_link *l, bool add)
{
	uint16_t slot = (uint16_t)(l - npf.lk);
	uint8_t pfx[16];

	if (!add)
		routes_via_port_del(l->cfg.portId);
	for (uint32_t i = 0; i < l->cfg.nAddrs; i++) {
		prefix_of(l->cfg.addrs[i].addr.addr, l->cfg.addrs[i].prefixLen, pfx);
		if (add) {
			fp_local_add(l->cfg.addrs[i].addr.addr, FP_LOCAL_ADDR, 0);
		} else {
			fp_route_del(pfx, l->cfg.addrs[i].prefixLen);
			fp_local_del(l->cfg.addrs[i].addr.addr);
		}
	}
	if (add)
		fp_local_add(l->cfg.linkLocal.addr, FP_LOCAL_ADDR, 0);
	else
		fp_local_del(l->cfg.linkLocal.addr);
	port_publish(l->cfg.portId, l->cfg.macAddr, l->cfg.mtu, l->cfg.linkLocal.addr,
		     l->cfg.addrs[0].addr.addr, 0, NPF_NH_LINK(slot), add);
	if (add)
		for (uint32_t i = 0; i < l->cfg.nAddrs; i++) {
			prefix_of(l->cfg.addrs[i].addr.addr, l->cfg.addrs[i].prefixLen, pfx);
			fp_route_add(pfx, l->cfg.addrs[i].prefixLen, NPF_NH_LINK(slot));
		}
}

NPF_error_t NPF_MIPv6HA_IF_LinkCreate(const NPF_MIPv6HA_IF_LinkConfig_t *cfg,
				      NPF_IfHandle_t *ifHandle)
{
	struct npf_link *l = NULL;
	uint16_t slot;

	if (!npf.up || cfg == NULL || ifHandle == NULL)
		return NPF_E_UNKNOWN;
	if (cfg->nAddrs == 0 || cfg->nAddrs > NPF_MIPV6HA_IF_MAX_LINK_ADDRS || cfg->mtu < 1280 ||
	    cfg->vlanId > 4094 || (cfg->macAddr[0] & 1) != 0 ||
	    memcmp(cfg->macAddr, zero16, 6) == 0 || cfg->portId >= FP_MAX_PORTS ||
	    !(cfg->linkLocal.addr[0] == 0xfe && (cfg->linkLocal.addr[1] & 0xc0) == 0x80) ||
	    npf_port_in_use(cfg->portId))
		return NPF_MIPv6HA_E_INVALID_PARAM;
	for (uint32_t i = 0; i < cfg->nAddrs; i++) {
		uint8_t kind_tun;

		if (!npf_addr_is_global_unicast(&cfg->addrs[i].addr) ||
		    cfg->addrs[i].prefixLen == 0 || cfg->addrs[i].prefixLen > 128 ||
		    fp_local_lookup(cfg->addrs[i].addr.addr, &kind_tun) != 0)
			return NPF_MIPv6HA_E_INVALID_PARAM;
	}
	for (slot = 0; slot < NPF_MIPV6HA_IF_MAX_LINKS; slot++)
		if (npf.lk[slot].handle == 0) {
			l = &npf.lk[slot];
			break;
		}
	if (l == NULL)
		return NPF_MIPv6HA_E_NOMEMORY;
	uint32_t gen = (l->gen + 1) & IF_GEN_MASK;
	memset(l, 0, sizeof(*l));
	l->gen = gen ? gen : 1;
	l->handle = npf_if_handle(IF_KIND_LINK, l->gen, slot);
	l->cfg = *cfg;
	link_publish(l, true);
	*ifHandle = l->handle;
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_IF_LinkDelete(NPF_IfHandle_t ifHandle)
{
	struct npf_link *l = link_get(ifHandle);

	if (l == NULL)
		return NPF_MIPv6HA_E_INVALID_IF_HANDLE;
	link_publish(l, false);
	l->handle = 0;
	return NPF_NO_ERROR;
}

/* Port of a link or home link handle; -1 if neither. */
static int port_of(NPF_IfHandle_t h)
{
	const struct npf_link *l = link_get(h);
	const struct npf_homelink *hl = npf_homelink_get(h);

	if (l != NULL)
		return l->cfg.portId;
	if (hl != NULL)
		return hl->cfg.portId;
	return -1;
}

static uint32_t gw_nh_get(const uint8_t gw[16], uint16_t port)
{
	uint32_t free_id = 0;
	const struct fp_port *pi = &fp_t.port[port];
	struct fp_nh nh;

	for (uint32_t id = NPF_NH_GW_FIRST; id < FP_MAX_NH; id++) {
		if (npf.nh_ref[id] != 0 && fp_t.nh[id].port == port &&
		    memcmp(fp_t.nh[id].gw, gw, 16) == 0)
			return id;
		if (npf.nh_ref[id] == 0 && free_id == 0)
			free_id = id;
	}
	if (free_id == 0)
		return 0;
	/* The gateway's MAC is learnt by the neighbour resolution of the
	 * control thread, which then marks the next hop RESOLVED. */
	memset(&nh, 0, sizeof(nh));
	nh.src = pi->mac;
	nh.port = port;
	nh.mtu = pi->mtu;
	memcpy(nh.gw, gw, 16);
	fp_nh_set(free_id, &nh);
	return free_id;
}

/* The on-link next hop of a link or home link. */
static uint32_t connected_nh(NPF_IfHandle_t h)
{
	const struct npf_link *l = link_get(h);
	const struct npf_homelink *hl = npf_homelink_get(h);

	if (l != NULL)
		return NPF_NH_LINK(l - npf.lk);
	return hl != NULL ? NPF_NH_HOMELINK(hl - npf.hl) : 0;
}

NPF_error_t NPF_MIPv6HA_IF_RouteAdd(const NPF_IPv6Address_t *prefix, NPF_uint8_t prefixLen,
				    const NPF_IPv6Address_t *gateway, NPF_IfHandle_t ifHandle)
{
	struct npf_route *r = NULL;
	uint32_t nh;
	int port;

	if (!npf.up || prefix == NULL)
		return NPF_E_UNKNOWN;
	port = port_of(ifHandle);
	if (port < 0)
		return NPF_MIPv6HA_E_INVALID_IF_HANDLE;
	if (prefixLen > 128 || !npf_host_bits_clear(prefix->addr, prefixLen) ||
	    (gateway != NULL &&
	     (gateway->addr[0] == 0xff || memcmp(gateway->addr, zero16, 16) == 0)))
		return NPF_MIPv6HA_E_INVALID_PARAM;
	for (int i = 0; i < NPF_MAX_ROUTES; i++) {
		if (npf.routes[i].used && npf.routes[i].len == prefixLen &&
		    memcmp(npf.routes[i].prefix, prefix->addr, 16) == 0) {
			r = &npf.routes[i]; /* replace */
			break;
		}
		if (!npf.routes[i].used && r == NULL)
			r = &npf.routes[i];
	}
	if (r == NULL)
		return NPF_MIPv6HA_E_NOMEMORY;
	nh = gateway != NULL ? gw_nh_get(gateway->addr, (uint16_t)port) : connected_nh(ifHandle);
	if (nh == 0)
		return NPF_MIPv6HA_E_NOMEMORY;
	npf.nh_ref[nh]++;
	if (fp_route_add(prefix->addr, prefixLen, nh) != 0) {
		npf.nh_ref[nh]--;
		return NPF_MIPv6HA_E_NOMEMORY;
	}
	if (r->used)
		npf.nh_ref[r->nh]--;
	memcpy(r->prefix, prefix->addr, 16);
	r->len = prefixLen;
	r->nh = (uint16_t)nh;
	r->used = 1;
	return NPF_NO_ERROR;
}

NPF_error_t NPF_MIPv6HA_IF_RouteDelete(const NPF_IPv6Address_t *prefix, NPF_uint8_t prefixLen)
{
	if (!npf.up || prefix == NULL)
		return NPF_E_UNKNOWN;
	for (int i = 0; i < NPF_MAX_ROUTES; i++) {
		struct npf_route *r = &npf.routes[i];

		if (r->used && r->len == prefixLen && memcmp(r->prefix, prefix->addr, 16) == 0) {
			fp_route_del(r->prefix, r->len);
			npf.nh_ref[r->nh]--;
			r->used = 0;
			return NPF_NO_ERROR;
		}
	}
	return NPF_MIPv6HA_E_INVALID_PARAM;
}
