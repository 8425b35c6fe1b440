/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Difference between the running configuration and a new one, so that a
 * reload touches only what changed and bindings on unchanged home links (and
 * on links whose changes have setters in the NPF IF API) survive.
 *
 * Objects are matched by their YANG keys. The result lists removals first,
 * then changes, then additions: the order in which the daemon applies them
 * (an HA address moved from one home link to another is freed before it is
 * claimed again).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "config.h"

struct items {
	struct hacfg_diff *d;
	uint32_t cap;
};

static int push(struct items *it, enum hacfg_diff_kind kind, enum hacfg_diff_op op, int32_t o,
		int32_t n, uint32_t fields)
{
	struct hacfg_diff *d = it->d;

	if (d->n_items == it->cap) {
		uint32_t cap = it->cap ? it->cap * 2 : 16;
		struct hacfg_diff_item *p = realloc(d->items, cap * sizeof(*p));

		if (p == NULL)
			return -ENOMEM;
		d->items = p;
		it->cap = cap;
	}
	d->items[d->n_items++] = (struct hacfg_diff_item){kind, op, o, n, fields};
	return 0;
}

static bool same_prefix(const struct hacfg_prefix *a, const struct hacfg_prefix *b)
{
	return a->len == b->len && memcmp(&a->addr, &b->addr, sizeof(a->addr)) == 0;
}

static bool same_addr(const struct in6_addr *a, const struct in6_addr *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

/* Per kind: how many objects, whether two have the same key, what changed. */
struct kind_ops {
	enum hacfg_diff_kind kind;
	uint32_t (*count)(const struct hacfg *c);
	bool (*same_key)(const struct hacfg *a, uint32_t i, const struct hacfg *b, uint32_t j);
	uint32_t (*changed)(const struct hacfg *a, uint32_t i, const struct hacfg *b, uint32_t j);
};

static uint32_t n_ports(const struct hacfg *c)
{
	return c->n_ports;
}

static bool key_port(const struct hacfg *a, uint32_t i, const struct hacfg *b, uint32_t j)
{
	return strcmp(a->ports[i].name, b->ports[j].name) == 0;
}

static uint32_t chg_port(const struct hacfg *a, uint32_t i, const struct hacfg *b, uint32_t j)
{
	const struct hacfg_port *x = &a->ports[i], *y = &b->ports[j];

	return strcmp(x->device, y->device) != 0 || x->rx_queues != y->rx_queues ||
		       x->has_mac != y->has_mac || (x->has_mac && memcmp(x->mac, y->mac, 6) != 0)
		   ? HACFG_CHANGED_ANY
		   : 0;
}

static uint32_t n_ifs(const struct hacfg *c)
{
	return c->n_interfaces;
}

static bool key_if(const struct hacfg *a, uint32_t i, const struct hacfg *b, uint32_t j)
{
	return strcmp(a->interfaces[i].name, b->interfaces[j].name) == 0;
}

static uint32_t chg_if(const struct hacfg *a, uint32_t i, const struct hacfg *b, uint32_t j)
{
	const struct hacfg_interface *x = &a->interfaces[i], *y = &b->interfaces[j];
	uint32_t k;

	if (strcmp(x->port, y->port) != 0 || x->vlan != y->vlan || x->mtu != y->mtu ||
	    x->has_link_local != y->has_link_local ||
	    (x->has_link_local && !same_addr(&x->link_local, &y->link_local)) ||
	    x->n_addrs != y->n_addrs)
		return HACFG_CHANGED_ANY;
	for (k = 0; k < x->n_addrs; k++)
		if (!same_prefix(&x->addrs[k], &y->addrs[k]))
			return HACFG_CHANGED_ANY;
	return 0;
}

static uint32_t n_routes(const struct hacfg *c)
{
	return c->n_routes;
}

static bool key_route(const struct hacfg *a, uint32_t i, const struct hacfg *b, uint32_t j)
{
	return same_prefix(&a->routes[i].prefix, &b->routes[j].prefix);
}

static uint32_t chg_route(const struct hacfg *a, uint32_t i, const struct hacfg *b, uint32_t j)
{
	const struct hacfg_route *x = &a->routes[i], *y = &b->routes[j];

	return x->has_gateway != y->has_gateway ||
		       (x->has_gateway && !same_addr(&x->gateway, &y->gateway)) ||
		       strcmp(x->interface, y->interface) != 0
		   ? HACFG_CHANGED_ANY
		   : 0;
}

static uint32_t n_hls(const struct hacfg *c)
{
	return c->n_home_links;
}

static bool key_hl(const struct hacfg *a, uint32_t i, const struct hacfg *b, uint32_t j)
{
	return strcmp(a->home_links[i].name, b->home_links[j].name) == 0;
}

/* HA addresses as a set: order in the file does not matter. */
static bool same_addr_set(const struct in6_addr *x, uint32_t nx, const struct in6_addr *y,
			  uint32_t ny)
{
	uint32_t i, j;

	if (nx != ny)
		return false;
	for (i = 0; i < nx; i++) {
		for (j = 0; j < ny && !same_addr(&x[i], &y[j]); j++)
			;
		if (j == ny)
			return false;
	}
	return true;
}

/* Bindings anchored on an HA address go with its tunnel interface. */
static bool ha_addr_removed(const struct hacfg_home_link *x, const struct hacfg_home_link *y)
{
	uint32_t i, j;

	for (i = 0; i < x->n_ha_addrs; i++) {
		for (j = 0; j < y->n_ha_addrs && !same_addr(&x->ha_addrs[i], &y->ha_addrs[j]); j++)
			;
		if (j == y->n_ha_addrs)
			return true;
	}
	return false;
}

static uint32_t chg_hl(const struct hacfg *a, uint32_t i, const struct hacfg *b, uint32_t j)
{
	const struct hacfg_home_link *x = &a->home_links[i], *y = &b->home_links[j];
	uint32_t f = 0, k;

	if (strcmp(x->port, y->port) != 0 || x->vlan != y->vlan || x->mtu != y->mtu ||
	    x->has_mac != y->has_mac || (x->has_mac && memcmp(x->mac, y->mac, 6) != 0) ||
	    x->has_link_local != y->has_link_local ||
	    (x->has_link_local && !same_addr(&x->link_local, &y->link_local)))
		f |= HACFG_HL_L2;
	if (x->dad_transmits != y->dad_transmits || x->retrans_timer_ms != y->retrans_timer_ms)
		f |= HACFG_HL_ND;
	if (!same_addr_set(x->ha_addrs, x->n_ha_addrs, y->ha_addrs, y->n_ha_addrs))
		f |= HACFG_HL_HA_ADDRS;
	if (x->n_prefixes != y->n_prefixes) {
		f |= HACFG_HL_PREFIXES;
	} else {
		for (k = 0; k < x->n_prefixes; k++)
			if (!same_prefix(&x->prefixes[k].prefix, &y->prefixes[k].prefix) ||
			    x->prefixes[k].valid_lifetime != y->prefixes[k].valid_lifetime ||
			    x->prefixes[k].preferred_lifetime != y->prefixes[k].preferred_lifetime)
				f |= HACFG_HL_PREFIXES;
	}
	if (x->ha_preference != y->ha_preference || x->ha_lifetime != y->ha_lifetime)
		f |= HACFG_HL_HA_INFO;
	if (x->ra_enabled != y->ra_enabled || x->ra_min_interval_ms != y->ra_min_interval_ms ||
	    x->ra_max_interval_ms != y->ra_max_interval_ms)
		f |= HACFG_HL_RA;
	if (x->mpd_enabled != y->mpd_enabled || x->mpd_min_interval_s != y->mpd_min_interval_s ||
	    x->mpd_max_interval_s != y->mpd_max_interval_s)
		f |= HACFG_HL_MPD;
	if (x->tunnel.hop_limit != y->tunnel.hop_limit ||
	    x->tunnel.traffic_class != y->tunnel.traffic_class ||
	    x->tunnel.flow_label != y->tunnel.flow_label || x->tunnel.mtu != y->tunnel.mtu ||
	    x->tunnel.pmtu_mode != y->tunnel.pmtu_mode ||
	    x->tunnel.encap_limit != y->tunnel.encap_limit)
		f |= HACFG_HL_TUNNEL;
	return f;
}

static uint32_t n_mns(const struct hacfg *c)
{
	return c->n_ipsec;
}

static bool key_mn(const struct hacfg *a, uint32_t i, const struct hacfg *b, uint32_t j)
{
	return same_addr(&a->ipsec[i].hoa, &b->ipsec[j].hoa);
}

static uint32_t chg_mn(const struct hacfg *a, uint32_t i, const struct hacfg *b, uint32_t j)
{
	const struct hacfg_ipsec_mn *x = &a->ipsec[i], *y = &b->ipsec[j];
	uint32_t k;

	if (x->n_sas != y->n_sas)
		return HACFG_CHANGED_ANY;
	for (k = 0; k < x->n_sas; k++) {
		const struct hacfg_ipsec_sa *s = &x->sas[k], *t = &y->sas[k];

		if (s->spi != t->spi || s->inbound != t->inbound || s->traffic != t->traffic ||
		    s->alg != t->alg || s->enc_key_len != t->enc_key_len ||
		    s->auth_key_len != t->auth_key_len ||
		    memcmp(s->enc_key, t->enc_key, s->enc_key_len) != 0 ||
		    memcmp(s->auth_key, t->auth_key, s->auth_key_len) != 0)
			return HACFG_CHANGED_ANY;
	}
	return 0;
}

static const struct kind_ops kinds[] = {
    {HACFG_DK_PORT, n_ports, key_port, chg_port},     {HACFG_DK_INTERFACE, n_ifs, key_if, chg_if},
    {HACFG_DK_ROUTE, n_routes, key_route, chg_route}, {HACFG_DK_HOME_LINK, n_hls, key_hl, chg_hl},
    {HACFG_DK_IPSEC_MN, n_mns, key_mn, chg_mn},
};

static int32_t find(const struct kind_ops *k, const struct hacfg *a, uint32_t i,
		    const struct hacfg *b)
{
	uint32_t j, n = k->count(b);

	for (j = 0; j < n; j++)
		if (k->same_key(a, i, b, j))
			return (int32_t)j;
	return -1;
}

static bool same_policy(const struct hacfg_policy *x, const struct hacfg_policy *y)
{
	uint32_t k;

	if (x->max_bindings != y->max_bindings || x->max_lifetime_s != y->max_lifetime_s ||
	    x->refresh_advice_s != y->refresh_advice_s ||
	    x->brr_lead_time_s != y->brr_lead_time_s || x->require_ipsec != y->require_ipsec ||
	    x->be_rate_limit != y->be_rate_limit || x->n_permit != y->n_permit)
		return false;
	for (k = 0; k < x->n_permit; k++)
		if (!same_prefix(&x->permit[k], &y->permit[k]))
			return false;
	return true;
}

static void note_restart(struct hacfg_diff *d, const struct hacfg *c, int32_t idx, const char *what)
{
	if (d->restart_required)
		return;
	d->restart_required = true;
	snprintf(d->restart_reason, sizeof(d->restart_reason),
		 "/ha-router:ports/port[name='%s']: %s; ports change only at restart",
		 c->ports[idx].name, what);
}

static int pass(struct items *it, const struct hacfg *old, const struct hacfg *new,
		enum hacfg_diff_op op)
{
	struct hacfg_diff *d = it->d;
	size_t k;
	uint32_t i, f;
	int32_t j;
	int r;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		const struct kind_ops *ko = &kinds[k];
		const struct hacfg *from = op == HACFG_DIFF_ADD ? new : old;
		const struct hacfg *to = op == HACFG_DIFF_ADD ? old : new;

		for (i = 0; i < ko->count(from); i++) {
			j = find(ko, from, i, to);
			if (op != HACFG_DIFF_CHANGE && j >= 0)
				continue;
			if (op == HACFG_DIFF_CHANGE) {
				if (j < 0)
					continue;
				f = ko->changed(old, i, new, (uint32_t)j);
				if (f == 0)
					continue;
				r = push(it, ko->kind, op, (int32_t)i, j, f);
				if (ko->kind == HACFG_DK_HOME_LINK &&
				    ((f & (HACFG_HL_L2 | HACFG_HL_ND)) ||
				     ha_addr_removed(&old->home_links[i], &new->home_links[j])))
					d->drops_bindings = true;
				if (ko->kind == HACFG_DK_PORT)
					note_restart(d, new, j, "changed");
			} else if (op == HACFG_DIFF_REMOVE) {
				r = push(it, ko->kind, op, (int32_t)i, -1, 0);
				if (ko->kind == HACFG_DK_PORT)
					note_restart(d, old, (int32_t)i, "removed");
				if (ko->kind == HACFG_DK_HOME_LINK)
					d->drops_bindings = true;
			} else {
				r = push(it, ko->kind, op, -1, (int32_t)i, 0);
				if (ko->kind == HACFG_DK_PORT)
					note_restart(d, new, (int32_t)i, "added");
			}
			if (r < 0)
				return r;
		}
		if (ko->kind == HACFG_DK_HOME_LINK && op == HACFG_DIFF_CHANGE &&
		    !same_policy(&old->policy, &new->policy)) {
			/* The policy is a singleton: listed after the home links. */
			r = push(it, HACFG_DK_POLICY, op, 0, 0, HACFG_CHANGED_ANY);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

int hacfg_diff(const struct hacfg *old, const struct hacfg *new, struct hacfg_diff *out)
{
	struct items it = {out, 0};
	int r;

	if (old == NULL || new == NULL || out == NULL)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	r = pass(&it, old, new, HACFG_DIFF_REMOVE);
	if (r == 0)
		r = pass(&it, old, new, HACFG_DIFF_CHANGE);
	if (r == 0)
		r = pass(&it, old, new, HACFG_DIFF_ADD);
	if (r < 0)
		hacfg_diff_free(out);
	return r;
}

void hacfg_diff_free(struct hacfg_diff *d)
{
	if (d == NULL)
		return;
	free(d->items);
	memset(d, 0, sizeof(*d));
}
