/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Configuration -> NPF API. Validation (libyang, config.c) has already
 * passed; what can still fail here is what only the running system knows
 * (a port that is missing, an address the forwarding plane already has), and
 * each failure names the object.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "apply.h"
#include "ips.h"
#include "npf_mipv6_if.h"
#include "npf_mipv6ha_runtime.h"

static void eui64_ll(const uint8_t mac[6], uint8_t out[16])
{
	memset(out, 0, 16);
	out[0] = 0xfe;
	out[1] = 0x80;
	out[8] = mac[0] ^ 0x02;
	out[9] = mac[1];
	out[10] = mac[2];
	out[11] = 0xff;
	out[12] = 0xfe;
	out[13] = mac[3];
	out[14] = mac[4];
	out[15] = mac[5];
}

static int find_iface(const struct hacfg *cfg, const char *name)
{
	for (uint32_t i = 0; i < cfg->n_interfaces; i++)
		if (strcmp(cfg->interfaces[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int find_home(const struct hacfg *cfg, const char *name)
{
	for (uint32_t i = 0; i < cfg->n_home_links; i++)
		if (strcmp(cfg->home_links[i].name, name) == 0)
			return (int)i;
	return -1;
}

static void tunnel_cfg(const struct hacfg_home_link *h, NPF_IfHandle_t hl,
		       NPF_MIPv6HA_IF_TunnelConfig_t *t)
{
	memset(t, 0, sizeof(*t));
	t->homeLink = hl;
	memcpy(t->haAddr.addr, &h->ha_addrs[0], 16);
	t->hopLimit = h->tunnel.hop_limit;
	t->trafficClass = h->tunnel.traffic_class;
	t->flowLabel = h->tunnel.flow_label;
	t->mtu = h->tunnel.mtu;
	t->pmtuMode =
	    h->tunnel.pmtu_mode == HACFG_PMTU_ON ? NPF_MIPV6HA_IF_PMTU_ON : NPF_MIPV6HA_IF_PMTU_OFF;
	t->encapLimit = h->tunnel.encap_limit;
}

static void prefixes_of(const struct hacfg_home_link *h, NPF_MIPv6HA_IF_Prefix_t *p)
{
	for (uint32_t k = 0; k < h->n_prefixes; k++) {
		memcpy(p[k].prefix.addr, &h->prefixes[k].prefix.addr, 16);
		p[k].prefixLen = h->prefixes[k].prefix.len;
		p[k].validLifetime = h->prefixes[k].valid_lifetime;
		p[k].preferredLifetime = h->prefixes[k].preferred_lifetime;
	}
}

static int home_link_create(struct har_state *st, uint32_t i, const struct hacfg_home_link *h,
			    char *err, size_t errlen)
{
	const struct har_port *p = har_dp_port(st->dp, h->port);
	NPF_MIPv6HA_IF_HomeLinkConfig_t c;
	NPF_MIPv6HA_IF_TunnelConfig_t t;
	NPF_error_t e;

	if (p == NULL) {
		snprintf(err, errlen, "home-link %s: port %s is not up", h->name, h->port);
		return -ENODEV;
	}
	memset(&c, 0, sizeof(c));
	c.portId = p->port_id;
	c.vlanId = h->vlan;
	memcpy(c.macAddr, h->has_mac ? h->mac : p->mac.addr_bytes, 6);
	c.mtu = h->mtu;
	if (h->has_link_local)
		memcpy(c.linkLocal.addr, &h->link_local, 16);
	else
		eui64_ll(c.macAddr, c.linkLocal.addr);
	c.nHaAddrs = h->n_ha_addrs;
	for (uint32_t k = 0; k < h->n_ha_addrs; k++)
		memcpy(c.haAddrs[k].addr, &h->ha_addrs[k], 16);
	c.nPrefixes = h->n_prefixes;
	prefixes_of(h, c.prefixes);
	c.dadTransmits = h->dad_transmits;
	c.retransTimerMs = h->retrans_timer_ms;
	e = NPF_MIPv6HA_IF_HomeLinkCreate(&c, &st->hl[i]);
	if (e != NPF_NO_ERROR) {
		snprintf(err, errlen, "home-link %s: the forwarding plane refused it (error %u)",
			 h->name, e);
		return -EINVAL;
	}
	tunnel_cfg(h, st->hl[i], &t);
	e = NPF_MIPv6HA_IF_TunnelCreate(&t, &st->tun[i]);
	if (e != NPF_NO_ERROR) {
		snprintf(err, errlen, "home-link %s/ha-tunnel: refused (error %u)", h->name, e);
		return -EINVAL;
	}
	return 0;
}

static int link_create(struct har_state *st, uint32_t i, const struct hacfg_interface *f, char *err,
		       size_t errlen)
{
	const struct har_port *p = har_dp_port(st->dp, f->port);
	NPF_MIPv6HA_IF_LinkConfig_t c;
	NPF_error_t e;

	if (p == NULL) {
		snprintf(err, errlen, "interface %s: port %s is not up", f->name, f->port);
		return -ENODEV;
	}
	if (f->n_addrs > NPF_MIPV6HA_IF_MAX_LINK_ADDRS || f->n_addrs == 0) {
		snprintf(err, errlen, "interface %s: 1 to %u addresses", f->name,
			 NPF_MIPV6HA_IF_MAX_LINK_ADDRS);
		return -EINVAL;
	}
	memset(&c, 0, sizeof(c));
	c.portId = p->port_id;
	c.vlanId = f->vlan;
	memcpy(c.macAddr, p->mac.addr_bytes, 6);
	c.mtu = f->mtu;
	if (f->has_link_local)
		memcpy(c.linkLocal.addr, &f->link_local, 16);
	else
		eui64_ll(c.macAddr, c.linkLocal.addr);
	c.nAddrs = f->n_addrs;
	for (uint32_t k = 0; k < f->n_addrs; k++) {
		memcpy(c.addrs[k].addr.addr, &f->addrs[k].addr, 16);
		c.addrs[k].prefixLen = f->addrs[k].len;
	}
	e = NPF_MIPv6HA_IF_LinkCreate(&c, &st->lk[i]);
	if (e != NPF_NO_ERROR) {
		snprintf(err, errlen, "interface %s: the forwarding plane refused it (error %u)",
			 f->name, e);
		return -EINVAL;
	}
	return 0;
}

static int route_apply(struct har_state *st, const struct hacfg *cfg, const struct hacfg_route *r,
		       bool add, char *err, size_t errlen)
{
	NPF_IPv6Address_t pfx, gw;
	NPF_IfHandle_t h = 0;
	int i;

	memcpy(pfx.addr, &r->prefix.addr, 16);
	if (!add)
		return NPF_MIPv6HA_IF_RouteDelete(&pfx, r->prefix.len) == NPF_NO_ERROR ? 0
										       : -ENOENT;
	if ((i = find_iface(cfg, r->interface)) >= 0)
		h = st->lk[i];
	else if ((i = find_home(cfg, r->interface)) >= 0)
		h = st->hl[i];
	memcpy(gw.addr, &r->gateway, 16);
	NPF_error_t e =
	    NPF_MIPv6HA_IF_RouteAdd(&pfx, r->prefix.len, r->has_gateway ? &gw : NULL, h);
	if (e != NPF_NO_ERROR) {
		char b[64];

		inet_ntop(AF_INET6, &r->prefix.addr, b, sizeof(b));
		snprintf(err, errlen, "route %s/%u via %s: refused (error %u)", b, r->prefix.len,
			 r->interface, e);
		return -EINVAL;
	}
	return 0;
}

int har_apply_initial(struct har_state *st, struct har_dp *dp, struct hacfg *cfg, char *err,
		      size_t errlen)
{
	int ret;

	memset(st, 0, sizeof(*st));
	st->dp = dp;
	st->cfg = cfg;
	if (cfg->n_home_links > HAC_MAX_LINKS || cfg->n_interfaces > HAR_MAX_LINKS) {
		snprintf(err, errlen, "too many home links or interfaces");
		return -EINVAL;
	}
	for (uint32_t i = 0; i < cfg->n_interfaces; i++)
		if ((ret = link_create(st, i, &cfg->interfaces[i], err, errlen)) != 0)
			return ret;
	for (uint32_t i = 0; i < cfg->n_home_links; i++)
		if ((ret = home_link_create(st, i, &cfg->home_links[i], err, errlen)) != 0)
			return ret;
	for (uint32_t i = 0; i < cfg->n_routes; i++)
		if ((ret = route_apply(st, cfg, &cfg->routes[i], true, err, errlen)) != 0)
			return ret;
	return 0;
}

int har_cp_config(const struct har_state *st, const struct hacfg *cfg, struct hac_config *out,
		  char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	if (cfg->n_home_links > HAC_MAX_LINKS) {
		snprintf(err, errlen, "at most %u home links", HAC_MAX_LINKS);
		return -EINVAL;
	}
	out->n_links = cfg->n_home_links;
	for (uint32_t i = 0; i < cfg->n_home_links; i++) {
		const struct hacfg_home_link *h = &cfg->home_links[i];
		struct hac_link *l = &out->links[i];
		NPF_MIPv6HA_IF_HomeLinkInfo_t info;

		if (NPF_MIPv6HA_IF_HomeLinkGet(st->hl[i], &info) != NPF_NO_ERROR) {
			snprintf(err, errlen, "home-link %s: not created", h->name);
			return -ENOENT;
		}
		l->port = info.config.portId;
		l->homeLink = st->hl[i];
		l->tunnel = st->tun[i];
		l->n_ha_addrs = h->n_ha_addrs;
		for (uint32_t k = 0; k < h->n_ha_addrs && k < HAC_MAX_HA_ADDRS; k++)
			memcpy(l->ha_addrs[k], &h->ha_addrs[k], 16);
		memcpy(l->link_local, info.config.linkLocal.addr, 16);
		memcpy(l->mac, info.config.macAddr, 6);
		l->n_prefixes = h->n_prefixes;
		for (uint32_t k = 0; k < h->n_prefixes && k < HAC_MAX_PREFIXES; k++) {
			memcpy(l->prefixes[k].prefix, &h->prefixes[k].prefix.addr, 16);
			l->prefixes[k].len = h->prefixes[k].prefix.len;
			l->prefixes[k].valid_s = h->prefixes[k].valid_lifetime;
			l->prefixes[k].preferred_s = h->prefixes[k].preferred_lifetime;
		}
		l->ha_preference = (uint16_t)h->ha_preference;
		l->ha_lifetime_s = h->ha_lifetime;
		l->ra_enable = h->ra_enabled;
		l->ra_min_interval_ms = h->ra_min_interval_ms;
		l->ra_max_interval_ms = h->ra_max_interval_ms;
		l->mpd_enable = h->mpd_enabled;
		l->mpd_min_interval_s = h->mpd_min_interval_s;
		l->mpd_max_interval_s = h->mpd_max_interval_s;
	}
	out->max_bindings = cfg->policy.max_bindings;
	out->max_lifetime_s = cfg->policy.max_lifetime_s;
	if (cfg->policy.n_permit > HAC_MAX_ACL) {
		snprintf(err, errlen, "binding-policy: at most %u permitted prefixes", HAC_MAX_ACL);
		return -EINVAL;
	}
	out->n_acl = cfg->policy.n_permit;
	for (uint32_t k = 0; k < cfg->policy.n_permit; k++) {
		memcpy(out->acl[k].prefix, &cfg->policy.permit[k].addr, 16);
		out->acl[k].len = cfg->policy.permit[k].len;
	}
	out->refresh_advice_s = cfg->policy.refresh_advice_s;
	out->brr_lead_s = cfg->policy.brr_lead_time_s;
	out->require_ipsec = cfg->policy.require_ipsec;
	out->be_rate_per_s = cfg->policy.be_rate_limit;
	return 0;
}

/* The YANG enumerations and lib/ipsec's follow the same order. */
static const enum ips_alg alg_map[] = {
    [HACFG_ESP_AES128_GCM] = IPS_AES128_GCM,
    [HACFG_ESP_AES128_CBC_HMAC_SHA1_96] = IPS_AES128_CBC_HMAC_SHA1_96,
    [HACFG_ESP_AES256_CBC_HMAC_SHA256_128] = IPS_AES256_CBC_HMAC_SHA256_128,
    [HACFG_ESP_3DES_CBC_HMAC_SHA1_96] = IPS_3DES_CBC_HMAC_SHA1_96,
    [HACFG_ESP_NULL_HMAC_SHA1_96] = IPS_NULL_HMAC_SHA1_96,
    [HACFG_ESP_AES128_CBC_HMAC_SHA256_128] = IPS_AES128_CBC_HMAC_SHA256_128,
};
static const enum ips_traffic traffic_map[] = {
    [HACFG_SA_SIGNALLING] = IPS_TR_SIGNALLING,
    [HACFG_SA_PREFIX_DISCOVERY] = IPS_TR_PREFIX_DISCOVERY,
    [HACFG_SA_RETURN_ROUTABILITY] = IPS_TR_RETURN_ROUTABILITY,
    [HACFG_SA_PAYLOAD] = IPS_TR_PAYLOAD,
};

static void sa_conf(const struct hacfg_ipsec_mn *mn, const struct hacfg_ipsec_sa *sa,
		    struct ips_sa_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->spi = sa->spi;
	c->inbound = sa->inbound;
	c->traffic = traffic_map[sa->traffic];
	c->alg = alg_map[sa->alg];
	memcpy(c->hoa, &mn->hoa, 16);
	c->enc_key = sa->enc_key;
	c->enc_key_len = sa->enc_key_len;
	c->auth_key = sa->auth_key;
	c->auth_key_len = sa->auth_key_len;
}

static void sa_path(const struct hacfg_ipsec_mn *mn, const struct hacfg_ipsec_sa *sa, char *buf,
		    size_t len)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(AF_INET6, &mn->hoa, a, sizeof(a));
	snprintf(buf, len, "/ha-router:ipsec/mobile-node[home-address='%s']/sa[spi='%u']", a,
		 sa->spi);
}

int har_ipsec_check(const struct hacfg *cfg, char *err, size_t errlen)
{
	struct ips_sa_conf c;
	char why[160], path[160];
	int r;

	for (uint32_t i = 0; i < cfg->n_ipsec; i++)
		for (uint32_t k = 0; k < cfg->ipsec[i].n_sas; k++) {
			sa_conf(&cfg->ipsec[i], &cfg->ipsec[i].sas[k], &c);
			r = ips_sa_check(&c, why, sizeof(why));
			if (r != 0) {
				sa_path(&cfg->ipsec[i], &cfg->ipsec[i].sas[k], path, sizeof(path));
				snprintf(err, errlen, "%s%s: %s", path,
					 r == -ENOTSUP && c.traffic != IPS_TR_PAYLOAD ? "/algorithm"
					 : r == -ENOTSUP                              ? "/traffic"
										      : "",
					 why);
				return r;
			}
		}
	return 0;
}

static int mn_apply(const struct hacfg_ipsec_mn *mn, char *err, size_t errlen)
{
	struct ips_sa_conf c;
	char path[160];
	int r;

	for (uint32_t k = 0; k < mn->n_sas; k++) {
		sa_conf(mn, &mn->sas[k], &c);
		r = ips_sa_add(&c);
		if (r != 0) {
			sa_path(mn, &mn->sas[k], path, sizeof(path));
			snprintf(err, errlen, "%s: not installed: %s", path, strerror(-r));
			return r;
		}
	}
	return 0;
}

int har_ipsec_apply(const struct hacfg *cfg, char *err, size_t errlen)
{
	int r = 0;

	for (uint32_t i = 0; r == 0 && i < cfg->n_ipsec; i++)
		r = mn_apply(&cfg->ipsec[i], err, errlen);
	return r;
}

/* What a reload may change in place. */
#define HL_IN_PLACE                                                                                \
	(HACFG_HL_PREFIXES | HACFG_HL_HA_INFO | HACFG_HL_RA | HACFG_HL_MPD | HACFG_HL_TUNNEL)

int har_reload(struct har_state *st, struct hacfg *next, char *err, size_t errlen)
{
	struct hacfg_diff d;
	struct hac_config cc;
	int ret = 0;

	ret = hacfg_diff(st->cfg, next, &d);
	if (ret != 0) {
		snprintf(err, errlen, "cannot compare configurations: %s", strerror(-ret));
		return ret;
	}
	/* Refuse, before touching anything, what cannot be done in place. */
	if (d.restart_required) {
		snprintf(err, errlen, "needs a restart: %s", d.restart_reason);
		ret = -EPERM;
	}
	for (uint32_t i = 0; ret == 0 && i < d.n_items; i++) {
		const struct hacfg_diff_item *it = &d.items[i];

		if (it->kind == HACFG_DK_HOME_LINK &&
		    (it->op != HACFG_DIFF_CHANGE || (it->fields & ~(uint32_t)HL_IN_PLACE))) {
			snprintf(err, errlen,
				 "home-link %s: adding, removing, or changing its port, layer 2, "
				 "ND or HA addresses needs a restart (bindings would be lost)",
				 it->op == HACFG_DIFF_ADD ? next->home_links[it->new_idx].name
							  : st->cfg->home_links[it->old_idx].name);
			ret = -EPERM;
		} else if (it->kind == HACFG_DK_INTERFACE && it->op != HACFG_DIFF_ADD &&
			   it->op != HACFG_DIFF_REMOVE) {
			snprintf(err, errlen, "interface %s: changes need a restart",
				 st->cfg->interfaces[it->old_idx].name);
			ret = -EPERM;
		} else if (it->kind == HACFG_DK_INTERFACE) {
			/* interfaces are indexed by position: keep it simple. */
			snprintf(err, errlen, "adding or removing interfaces needs a restart");
			ret = -EPERM;
		}
	}
	if (ret == 0)
		ret = har_ipsec_check(next, err, errlen);
	if (ret != 0) {
		hacfg_diff_free(&d);
		return ret;
	}
	/* Apply: removals first (the diff is ordered so). */
	for (uint32_t i = 0; ret == 0 && i < d.n_items; i++) {
		const struct hacfg_diff_item *it = &d.items[i];

		if (it->kind == HACFG_DK_ROUTE) {
			if (it->op != HACFG_DIFF_ADD)
				route_apply(st, st->cfg, &st->cfg->routes[it->old_idx], false, err,
					    errlen);
			if (it->op != HACFG_DIFF_REMOVE)
				ret = route_apply(st, next, &next->routes[it->new_idx], true, err,
						  errlen);
		} else if (it->kind == HACFG_DK_IPSEC_MN) {
			/* A mobile node's SAs are replaced as a whole; those of
			 * unchanged nodes keep their sequence numbers and windows. */
			if (it->op != HACFG_DIFF_ADD)
				ips_sa_del_hoa((const uint8_t *)&st->cfg->ipsec[it->old_idx].hoa);
			if (it->op != HACFG_DIFF_REMOVE)
				ret = mn_apply(&next->ipsec[it->new_idx], err, errlen);
		} else if (it->kind == HACFG_DK_HOME_LINK && it->op == HACFG_DIFF_CHANGE) {
			const struct hacfg_home_link *h = &next->home_links[it->new_idx];
			uint32_t k = (uint32_t)it->old_idx;

			if (it->fields & HACFG_HL_PREFIXES) {
				NPF_MIPv6HA_IF_Prefix_t p[HACFG_MAX_PREFIXES];

				prefixes_of(h, p);
				if (NPF_MIPv6HA_IF_HomeLinkPrefixesSet(st->hl[k], h->n_prefixes,
								       p) != NPF_NO_ERROR) {
					snprintf(err, errlen, "home-link %s: prefixes refused",
						 h->name);
					ret = -EINVAL;
				}
			}
			if (ret == 0 && (it->fields & HACFG_HL_TUNNEL)) {
				NPF_MIPv6HA_IF_TunnelConfig_t t;

				tunnel_cfg(h, st->hl[k], &t);
				if (NPF_MIPv6HA_IF_TunnelSet(st->tun[k], &t) != NPF_NO_ERROR) {
					snprintf(err, errlen, "home-link %s/ha-tunnel: refused",
						 h->name);
					ret = -EINVAL;
				}
			}
			if (k != (uint32_t)it->new_idx) {
				NPF_IfHandle_t a = st->hl[k], b = st->tun[k];

				st->hl[k] = st->hl[it->new_idx];
				st->tun[k] = st->tun[it->new_idx];
				st->hl[it->new_idx] = a;
				st->tun[it->new_idx] = b;
			}
		}
	}
	hacfg_diff_free(&d);
	if (ret != 0)
		return ret;
	if (st->cp != NULL) {
		ret = har_cp_config(st, next, &cc, err, errlen);
		if (ret == 0 && (ret = hac_reconfigure(st->cp, &cc)) != 0)
			snprintf(err, errlen, "control plane refused the new configuration: %s",
				 strerror(-ret));
		if (ret != 0)
			return ret;
	}
	hacfg_free(st->cfg);
	st->cfg = next;
	return 0;
}

void har_teardown(struct har_state *st)
{
	if (st->cp != NULL) {
		hac_destroy(st->cp); /* bindings and proxies flushed through the API */
		st->cp = NULL;
	}
	if (st->cfg == NULL)
		return;
	for (uint32_t i = 0; i < st->cfg->n_routes; i++)
		route_apply(st, st->cfg, &st->cfg->routes[i], false, NULL, 0);
	for (uint32_t i = 0; i < st->cfg->n_home_links; i++) {
		if (st->tun[i] != 0)
			NPF_MIPv6HA_IF_TunnelDelete(st->tun[i]);
		if (st->hl[i] != 0)
			NPF_MIPv6HA_IF_HomeLinkDelete(st->hl[i]);
	}
	for (uint32_t i = 0; i < st->cfg->n_interfaces; i++)
		if (st->lk[i] != 0)
			NPF_MIPv6HA_IF_LinkDelete(st->lk[i]);
	hacfg_free(st->cfg);
	st->cfg = NULL;
}
