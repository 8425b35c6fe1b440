/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Life cycle, binding table, and the NPF API operations of a registration:
 * proxy ND add + DAD (RFC 6275 §10.3.1, DAD-*), BC add, BC delete, expiry,
 * grace period (DEREG-6), timers, statistics.
 *
 * Bounded memory: the binding table is allocated once with max_bindings
 * slots; each slot holds at most one operation in flight (a BU for an HoA
 * whose operation is pending is dropped and counted), so a BU flood ends in
 * BA 130 or counted drops. The address index is a libc tsearch tree with one
 * node per HoA and per proxied link-local, bounded by the table.
 */
#include <errno.h>
#include <search.h>
#include <stdlib.h>

#include "hac_priv.h"
#include "npf_mipv6ha_runtime.h"

_Static_assert(sizeof(void *) == 8, "correlators pack a generation and a slot");

#define CORR_SENTINEL ((void *)(uintptr_t)1)

static void *corr_of(const struct hac *h, const struct hac_binding *b)
{
	uint64_t slot = (uint64_t)(b - h->b) + 2;
	return (void *)(uintptr_t)((uint64_t)b->gen << 32 | slot);
}

static struct hac_binding *binding_of(struct hac *h, void *corr)
{
	uint64_t v = (uint64_t)(uintptr_t)corr;
	uint64_t slot = (v & 0xFFFFFFFFu);
	if (slot < 2 || slot - 2 >= h->cap)
		return NULL;
	struct hac_binding *b = &h->b[slot - 2];
	if (b->st == HAC_B_FREE || b->gen != (uint32_t)(v >> 32))
		return NULL;
	return b;
}

/* ------------------------------------------------------- address index */

static int akey_cmp(const void *a, const void *b)
{
	return memcmp(((const struct hac_akey *)a)->a, ((const struct hac_akey *)b)->a, 16);
}

struct hac_binding *hac_lookup(struct hac *h, const uint8_t a[16])
{
	struct hac_akey k;
	memcpy(k.a, a, 16);
	void **r = tfind(&k, &h->tree, akey_cmp);
	if (r == NULL)
		return NULL;
	return &h->b[(*(struct hac_akey **)r)->slot];
}

static int tree_add(struct hac *h, struct hac_akey *k)
{
	void **r = tsearch(k, &h->tree, akey_cmp);
	if (r == NULL)
		return -ENOMEM;
	return *(struct hac_akey **)r == k ? 0 : -EEXIST;
}

static void tree_del(struct hac *h, struct hac_akey *k, bool *in)
{
	if (*in)
		tdelete(k, &h->tree, akey_cmp);
	*in = false;
}

struct hac_binding *hac_alloc(struct hac *h, const uint8_t hoa[16])
{
	if (h->n_free == 0)
		return NULL;
	uint32_t slot = h->free_stack[h->n_free - 1];
	struct hac_binding *b = &h->b[slot];
	uint32_t gen = b->gen, tgen = b->tgen;
	memset(b, 0, sizeof(*b));
	b->gen = gen;
	b->tgen = tgen;
	memcpy(b->k_hoa.a, hoa, 16);
	b->k_hoa.slot = slot;
	b->k_ll.slot = slot;
	if (tree_add(h, &b->k_hoa) != 0)
		return NULL;
	b->in_tree_hoa = true;
	b->st = HAC_B_DAD;
	h->n_free--;
	h->n_used++;
	return b;
}

void hac_binding_free(struct hac *h, struct hac_binding *b)
{
	tree_del(h, &b->k_hoa, &b->in_tree_hoa);
	tree_del(h, &b->k_ll, &b->in_tree_ll);
	b->gen++;
	b->tgen++;
	b->st = HAC_B_FREE;
	h->free_stack[h->n_free++] = (uint32_t)(b - h->b);
	h->n_used--;
}

/* ----------------------------------------------------- links, prefixes */

bool hac_is_own_addr(const struct hac *h, const uint8_t a[16])
{
	for (uint32_t l = 0; l < h->cfg.n_links; l++) {
		const struct hac_link *k = &h->links[l].cfg;
		if (memcmp(k->link_local, a, 16) == 0)
			return true;
		for (uint32_t i = 0; i < k->n_ha_addrs; i++)
			if (memcmp(k->ha_addrs[i], a, 16) == 0)
				return true;
	}
	return false;
}

void hac_prefix_remaining(const struct hac *h, uint32_t link, uint32_t pfx, uint32_t *valid_s,
			  uint32_t *pref_s)
{
	const struct hac_link_rt *l = &h->links[link];
	const struct hac_prefix *p = &l->cfg.prefixes[pfx];
	*valid_s = p->valid_s;
	*pref_s = p->preferred_s;
	if (!p->decrement)
		return;
	uint64_t el = (npf_mipv6ha_now_ms() - l->cfg_at_ms) / 1000;
	if (*valid_s != HAC_INFINITE)
		*valid_s = *valid_s > el ? (uint32_t)(*valid_s - el) : 0;
	if (*pref_s != HAC_INFINITE)
		*pref_s = *pref_s > el ? (uint32_t)(*pref_s - el) : 0;
}

/* REG-2 (2): on-link with respect to the HA's Prefix List (valid prefixes only). */
int hac_link_of_hoa(const struct hac *h, const uint8_t hoa[16], uint32_t *link, uint32_t *pfx)
{
	for (uint32_t l = 0; l < h->cfg.n_links; l++) {
		const struct hac_link *k = &h->links[l].cfg;
		for (uint32_t i = 0; i < k->n_prefixes; i++) {
			if (!hac_prefix_match(hoa, k->prefixes[i].prefix, k->prefixes[i].len))
				continue;
			uint32_t v, p;
			hac_prefix_remaining(h, l, i, &v, &p);
			if (v == 0)
				continue;
			*link = l;
			*pfx = i;
			return 0;
		}
	}
	return -ENOENT;
}

/* ---------------------------------------------------------------- timers */

void hac_arm(struct hac *h, struct hac_binding *b, uint64_t due)
{
	b->tgen++;
	if (timerq_push(&h->tq, due, (uint32_t)(b - h->b), b->tgen) != 0)
		h->st.api_fail++; /* the timer is lost; the binding still expires via the API */
}

int hac_timer_live(void *arg, const struct timerq_item *it)
{
	const struct hac *h = arg;
	return it->id < h->cap && h->b[it->id].tgen == it->gen && h->b[it->id].st != HAC_B_FREE;
}

/* ------------------------------------------------------ API operations */

static uint32_t addrs_of(const struct hac_binding *b, NPF_IPv6Address_t a[2])
{
	memcpy(a[0].addr, b->k_hoa.a, 16);
	if (!b->has_ll)
		return 1;
	memcpy(a[1].addr, b->k_ll.a, 16);
	return 2;
}

void hac_proxies_delete(struct hac *h, struct hac_binding *b)
{
	NPF_IPv6Address_t a[2];
	uint32_t n = addrs_of(b, a);
	/* DEREG-4 / ND-8: interception stops when the call returns */
	if (NPF_MIPv6HA_ProxyND_AddressDelete(h->cbh, NULL, NPF_REPORT_ERRORS,
					      h->links[b->link].cfg.homeLink, n, a) != NPF_NO_ERROR)
		h->st.api_fail++;
	tree_del(h, &b->k_ll, &b->in_tree_ll);
	b->has_ll = false;
}

/* DAD-6: a failed first registration leaves nothing installed. */
static void fail_first(struct hac *h, struct hac_binding *b, uint8_t status)
{
	hac_proxies_delete(h, b);
	struct hac_reply r = b->p.r;
	uint16_t seq = b->p.seq;
	hac_binding_free(h, b);
	hac_send_ba(h, &r, status, 0, seq, 0, 0);
}

static uint8_t status_of_npf(NPF_MIPv6HA_ErrorType_t e)
{
	return e == NPF_MIPv6HA_E_NOMEMORY ? IP6_MH_BAS_INSUFFICIENT : IP6_MH_BAS_UNSPECIFIED;
}

static void bc_add(struct hac *h, struct hac_binding *b)
{
	NPF_MIPv6HA_BC_Entry_t e;
	memset(&e, 0, sizeof(e));
	memcpy(e.HoA.addr, b->k_hoa.a, 16);
	memcpy(e.CoA.addr, b->p.coa, 16);
	/* The API counts the lifetime down and raises the expiry event (LT-3). */
	e.lifetimeMode = NPF_MIPv6HA_LIFETIME_ON;
	e.bindingLifetime = (uint32_t)b->p.g_units * 4u;
	b->st = HAC_B_ADDING;
	if (NPF_MIPv6HA_BC_Entry_Add(h->cbh, corr_of(h, b), NPF_REPORT_ALL,
				     h->links[b->link].cfg.tunnel, 1, &e) == NPF_NO_ERROR)
		return;
	h->st.api_fail++;
	if (b->p.first) {
		fail_first(h, b, IP6_MH_BAS_INSUFFICIENT);
	} else {
		b->st = HAC_B_VALID;
		hac_send_ba(h, &b->p.r, IP6_MH_BAS_INSUFFICIENT, 0, b->p.seq, 0, 0);
	}
}

/* DAD-2: L=1 also proxies fe80::/64 + the HoA's interface identifier. */
void hac_start_registration(struct hac *h, struct hac_binding *b)
{
	b->tgen++; /* cancels a grace timer when re-registering */
	b->st = HAC_B_DAD;
	b->installed = false;
	b->handle = 0;
	b->p.first = true;
	b->has_ll = false;
	if (b->p.flags & (IP6_MH_BU_LLOCAL >> 8)) {
		memset(b->k_ll.a, 0, 16);
		b->k_ll.a[0] = 0xfe;
		b->k_ll.a[1] = 0x80;
		memcpy(b->k_ll.a + 8, b->k_hoa.a + 8, 8);
		if (tree_add(h, &b->k_ll) != 0) {
			/* the link-local is proxied for another MN: it is a duplicate */
			h->st.dad_fail++;
			struct hac_reply r = b->p.r;
			uint16_t seq = b->p.seq;
			hac_binding_free(h, b);
			hac_send_ba(h, &r, IP6_MH_BAS_DAD_FAILED, 0, seq, 0, 0);
			return;
		}
		b->in_tree_ll = true;
		b->has_ll = true;
	}
	NPF_IPv6Address_t a[2];
	uint32_t n = addrs_of(b, a);
	b->p.dad_wait = (uint8_t)n;
	/* DAD-1, DAD-7: the BA waits for the PROXYND_DAD event(s) */
	if (NPF_MIPv6HA_ProxyND_AddressAdd(h->cbh, corr_of(h, b), NPF_REPORT_ERRORS,
					   h->links[b->link].cfg.homeLink, n, a) != NPF_NO_ERROR) {
		h->st.api_fail++;
		tree_del(h, &b->k_ll, &b->in_tree_ll);
		b->has_ll = false;
		struct hac_reply r = b->p.r;
		uint16_t seq = b->p.seq;
		hac_binding_free(h, b);
		hac_send_ba(h, &r, IP6_MH_BAS_INSUFFICIENT, 0, seq, 0, 0);
	}
}

void hac_start_refresh(struct hac *h, struct hac_binding *b)
{
	b->p.first = false;
	bc_add(h, b);
}

static uint16_t refresh_units(const struct hac *h, uint16_t g)
{
	/* LT-7: the Refresh Interval must be below the BA Lifetime */
	uint32_t ru = h->cfg.refresh_advice_s / 4;
	if (ru == 0)
		return 0;
	if (ru >= g)
		ru = g > 1 ? g - 1u : 0;
	return (uint16_t)ru;
}

static void commit(struct hac *h, struct hac_binding *b, NPF_MIPv6HA_SubtunnelHandle_t handle)
{
	uint64_t now = npf_mipv6ha_now_ms();
	bool first = b->p.first;
	memcpy(b->coa, b->p.coa, 16);
	b->seq = b->p.seq; /* BU-9 */
	b->flags = b->p.flags;
	b->granted_units = b->p.g_units;
	b->expires_ms = now + (uint64_t)b->p.g_units * 4000u;
	memcpy(b->ha_addr, b->p.r.src, 16);
	b->handle = handle;
	b->installed = true;
	b->brr_sent = false;
	b->st = HAC_B_VALID; /* REG-3 */
	if (h->cfg.brr_lead_s != 0 && (uint64_t)h->cfg.brr_lead_s * 1000u < b->expires_ms - now)
		hac_arm(h, b, b->expires_ms - (uint64_t)h->cfg.brr_lead_s * 1000u);
	else
		b->tgen++;
	if (first)
		h->st.bindings_created++;
	else
		h->st.bindings_refreshed++;
	/* REG-5, LT-6: BA regardless of A, lifetime = the BCE's; LT-8: K=0 (manual keys) */
	hac_send_ba(h, &b->p.r, b->p.status, 0, b->seq, b->p.g_units,
		    refresh_units(h, b->p.g_units));
}

static void finish_dereg(struct hac *h, struct hac_binding *b)
{
	b->installed = false;
	b->handle = 0;
	if (b->p.quiet) {
		h->st.bindings_cleared++;
		hac_binding_free(h, b);
		return;
	}
	h->st.bindings_deregistered++;
	b->seq = b->p.seq; /* BU-9 */
	b->flags = b->p.flags;
	b->granted_units = 0;
	b->st = HAC_B_GRACE;
	/* DEREG-6: keep the sequence number for MAX_DELETE_BCE_TIMEOUT */
	hac_arm(h, b,
		npf_mipv6ha_now_ms() + (h->cfg.grace_ms ? h->cfg.grace_ms : HAC_DEFAULT_GRACE_MS));
	/* DEREG-3: status 0, sequence copied, lifetime 0, no BRA */
	hac_send_ba(h, &b->p.r, IP6_MH_BAS_ACCEPTED, 0, b->seq, 0, 0);
}

void hac_start_dereg(struct hac *h, struct hac_binding *b)
{
	b->st = HAC_B_DELETING;
	b->tgen++; /* no Binding Refresh Request any more */
	hac_proxies_delete(h, b);
	if (NPF_MIPv6HA_BC_Entry_Delete(h->cbh, corr_of(h, b), NPF_REPORT_ALL,
					h->links[b->link].cfg.tunnel, 1,
					&b->handle) != NPF_NO_ERROR) {
		h->st.api_fail++;
		finish_dereg(h, b);
	}
}

/* ------------------------------------------------- completions, events */

static void on_completion(NPF_userContext_t ctx, NPF_correlator_t corr,
			  NPF_MIPv6HA_CallbackData_t d)
{
	struct hac *h = ctx;
	if (corr == CORR_SENTINEL) {
		h->sentinel_seen = true;
		return;
	}
	NPF_MIPv6HA_ErrorType_t err = NPF_NO_ERROR;
	if (!d.allOK && d.numResp > 0 && d.resp != NULL)
		err = d.resp[0].errorCode;
	else if (!d.allOK)
		err = NPF_E_UNKNOWN;
	if (err != NPF_NO_ERROR)
		h->st.api_async_fail++;
	if (h->dying) {
		/* a first registration's entry installed while destroying: remove it */
		if (d.type == NPF_MIPV6HA_BC_ENTRY_ADD && err == NPF_NO_ERROR && d.resp != NULL &&
		    d.numResp > 0)
			NPF_MIPv6HA_BC_Entry_Delete(
			    h->cbh, NULL, NPF_REPORT_NONE, d.resp[0].u1.ifHandle, 1,
			    &d.resp[0].u2.subtunnelIdentifiers.subtunnelHandle);
		return;
	}
	struct hac_binding *b = binding_of(h, corr);
	if (b == NULL)
		return;
	switch (d.type) {
	case NPF_MIPV6HA_PROXYND_ADDR_ADD:
		if (b->st == HAC_B_DAD && err != NPF_NO_ERROR)
			fail_first(h, b, status_of_npf(err));
		break;
	case NPF_MIPV6HA_BC_ENTRY_ADD:
		if (b->st != HAC_B_ADDING)
			break;
		if (err == NPF_NO_ERROR && d.numResp > 0 && d.resp != NULL) {
			commit(h, b, d.resp[0].u2.subtunnelIdentifiers.subtunnelHandle);
		} else if (b->p.first) {
			fail_first(h, b, status_of_npf(err));
		} else {
			/* the API left the old entry in place: keep ours */
			b->st = HAC_B_VALID;
			hac_send_ba(h, &b->p.r, status_of_npf(err), 0, b->p.seq, 0, 0);
		}
		break;
	case NPF_MIPV6HA_BC_ENTRY_DELETE:
		if (b->st == HAC_B_DELETING)
			finish_dereg(h, b); /* also when the entry had just expired */
		break;
	default:
		break;
	}
}

int hac_link_of_homelink(const struct hac *h, NPF_IfHandle_t hl)
{
	for (uint32_t l = 0; l < h->cfg.n_links; l++)
		if (h->links[l].cfg.homeLink == hl)
			return (int)l;
	return -1;
}

static int link_of_tunnel(const struct hac *h, NPF_IfHandle_t t)
{
	for (uint32_t l = 0; l < h->cfg.n_links; l++)
		if (h->links[l].cfg.tunnel == t)
			return (int)l;
	return -1;
}

static void on_dad(struct hac *h, const NPF_MIPv6HA_ProxyND_DAD_t *ev)
{
	if (hac_link_of_homelink(h, ev->homelinkInterfaceHandle) < 0)
		return;
	struct hac_binding *b = hac_lookup(h, ev->ucAddr.addr);
	if (b == NULL || b->st != HAC_B_DAD)
		return;
	if (ev->ucAddrState == NPF_IPv6_ADDR_INVALID) { /* DAD-5, DAD-6 */
		h->st.dad_fail++;
		fail_first(h, b, IP6_MH_BAS_DAD_FAILED);
		return;
	}
	if (ev->ucAddrState != NPF_IPv6_ADDR_VALID || b->p.dad_wait == 0)
		return;
	if (--b->p.dad_wait == 0) {
		h->st.dad_ok++;
		bc_add(h, b);
	}
}

/* BC-3: the forwarding plane deleted the entry at lifetime 0; stop proxying. */
static void on_expired(struct hac *h, const NPF_MIPv6HA_BindingLifetimeExpired_t *ev)
{
	if (link_of_tunnel(h, ev->MipV6HA_tunnelInterfaceHandle) < 0)
		return;
	struct hac_binding *b = hac_lookup(h, ev->HoA.addr);
	/* an ADDING binding re-installs (or replaced) the entry: ignore */
	if (b == NULL || b->st != HAC_B_VALID || b->handle != ev->subtunnelHandle)
		return;
	hac_proxies_delete(h, b);
	h->st.bindings_expired++;
	hac_binding_free(h, b);
}

static void on_event(NPF_userContext_t ctx, NPF_MIPv6HA_EventArray_t arr)
{
	struct hac *h = ctx;
	if (h->dying || arr.eventData == NULL)
		return;
	for (uint32_t i = 0; i < arr.n_data; i++) {
		const NPF_MIPv6HA_EventData_t *e = &arr.eventData[i];
		switch (e->eventType) {
		case NPF_MIPv6HA_PROXYND_DAD:
			on_dad(h, &e->u.proxyND_DAD);
			break;
		case NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED:
			on_expired(h, &e->u.bindingLftExp);
			break;
		case NPF_MIPv6HA_BC_ENTRY_MISS:
			h->st.bc_miss_events++;
			break;
		case NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED:
			h->st.auth_fail_events++;
			break;
		default:
			break;
		}
	}
}

/* ------------------------------------------------------------ life cycle */

int hac_check_config(const struct hac_config *c)
{
	if (c == NULL || c->n_links > HAC_MAX_LINKS || c->max_bindings == 0 ||
	    c->max_bindings > HAC_MAX_BINDINGS || c->n_acl > HAC_MAX_ACL)
		return -EINVAL;
	for (uint32_t i = 0; i < c->n_acl; i++)
		if (c->acl[i].len > 128)
			return -EINVAL;
	for (uint32_t l = 0; l < c->n_links; l++) {
		const struct hac_link *k = &c->links[l];
		if (k->homeLink == NPF_IF_HANDLE_NULL || k->tunnel == NPF_IF_HANDLE_NULL ||
		    k->n_ha_addrs == 0 || k->n_ha_addrs > HAC_MAX_HA_ADDRS || k->n_prefixes == 0 ||
		    k->n_prefixes > HAC_MAX_PREFIXES)
			return -EINVAL;
		for (uint32_t i = 0; i < k->n_ha_addrs; i++)
			if (!hac_addr_unicast_routable(k->ha_addrs[i]))
				return -EINVAL;
		for (uint32_t i = 0; i < k->n_prefixes; i++) {
			const struct hac_prefix *p = &k->prefixes[i];
			if (p->len == 0 || p->len > 128 || p->preferred_s > p->valid_s)
				return -EINVAL;
		}
		for (uint32_t m = 0; m < l; m++)
			if (c->links[m].homeLink == k->homeLink || c->links[m].tunnel == k->tunnel)
				return -EINVAL;
	}
	return 0;
}

void hac_apply_links(struct hac *h, const struct hac_config *cfg)
{
	uint64_t now = npf_mipv6ha_now_ms();
	for (uint32_t l = 0; l < cfg->n_links; l++) {
		h->links[l].cfg = cfg->links[l];
		h->links[l].cfg_at_ms = now;
	}
}

struct hac *hac_create(const struct hac_config *cfg, const struct hac_io *io)
{
	if (hac_check_config(cfg) != 0 || io == NULL || io->tx == NULL) {
		errno = EINVAL;
		return NULL;
	}
	struct hac *h = calloc(1, sizeof(*h));
	if (h == NULL)
		return NULL;
	h->cfg = *cfg;
	h->io = *io;
	h->cap = cfg->max_bindings;
	h->b = calloc(h->cap, sizeof(*h->b));
	h->free_stack = calloc(h->cap, sizeof(*h->free_stack));
	if (h->b == NULL || h->free_stack == NULL) {
		free(h->b);
		free(h->free_stack);
		free(h);
		errno = ENOMEM;
		return NULL;
	}
	for (uint32_t i = 0; i < h->cap; i++)
		h->free_stack[i] = h->cap - 1 - i; /* slot 0 first */
	h->n_free = h->cap;
	hac_apply_links(h, cfg);
	h->tb_last_ms = npf_mipv6ha_now_ms();
	h->tb_tokens_milli =
	    (uint64_t)(cfg->be_rate_per_s ? cfg->be_rate_per_s : HAC_DEFAULT_BE_RATE) * 1000u;
	if (NPF_MIPv6HA_Register(h, on_completion, &h->cbh) != NPF_NO_ERROR ||
	    NPF_MIPv6HA_EventRegister(h, on_event,
				      NPF_MIPv6HA_PROXYND_DAD_MASK |
					  NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED_MASK |
					  NPF_MIPv6HA_BC_ENTRY_MISS_MASK |
					  NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK,
				      &h->evh) != NPF_NO_ERROR) {
		if (h->cbh != 0)
			NPF_MIPv6HA_Deregister(h->cbh);
		free(h->b);
		free(h->free_stack);
		free(h);
		errno = EIO;
		return NULL;
	}
	return h;
}

static void noop_free(void *p)
{
	(void)p;
}

void hac_destroy(struct hac *h)
{
	if (h == NULL)
		return;
	h->dying = true;
	for (uint32_t i = 0; i < h->cap; i++) {
		struct hac_binding *b = &h->b[i];
		if (b->st == HAC_B_FREE)
			continue;
		if (b->installed && NPF_MIPv6HA_BC_Entry_Delete(h->cbh, NULL, NPF_REPORT_NONE,
								h->links[b->link].cfg.tunnel, 1,
								&b->handle) != NPF_NO_ERROR)
			h->st.api_fail++;
		/* DAD, ADDING: proxies exist; DELETING, GRACE: already deleted */
		if (b->st == HAC_B_DAD || b->st == HAC_B_ADDING || b->st == HAC_B_VALID) {
			NPF_IPv6Address_t a[2];
			uint32_t n = addrs_of(b, a);
			NPF_MIPv6HA_ProxyND_AddressDelete(h->cbh, NULL, NPF_REPORT_NONE,
							  h->links[b->link].cfg.homeLink, n, a);
		}
	}
	/* Completions are delivered in order: once the sentinel's arrives,
	 * none of ours is left queued and h can be freed (doc 5.9). */
	if (h->cfg.n_links > 0 &&
	    NPF_MIPv6HA_BC_TableSpaceGet(h->cbh, CORR_SENTINEL, NPF_REPORT_ALL,
					 h->links[0].cfg.tunnel) == NPF_NO_ERROR) {
		for (int i = 0; i < 100000 && !h->sentinel_seen; i++)
			npf_mipv6ha_dispatch(0);
	}
	NPF_MIPv6HA_EventDeregister(h->evh);
	NPF_MIPv6HA_Deregister(h->cbh);
	tdestroy(h->tree, noop_free);
	timerq_free(&h->tq);
	free(h->b);
	free(h->free_stack);
	free(h);
}
