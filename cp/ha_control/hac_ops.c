/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Operations of the daemon: reconfiguration, timers, operational state,
 * statistics.
 */
#include <errno.h>
#include <stdio.h>

#include "hac_priv.h"
#include "npf_mipv6ha_runtime.h"

static bool pending(const struct hac_binding *b)
{
	return b->st == HAC_B_DAD || b->st == HAC_B_ADDING || b->st == HAC_B_DELETING;
}

/* Remove a binding without a BA (operator, reconfiguration). */
static int clear_binding(struct hac *h, struct hac_binding *b)
{
	if (b->st == HAC_B_GRACE) {
		h->st.bindings_cleared++;
		hac_binding_free(h, b);
		return 0;
	}
	if (b->st != HAC_B_VALID)
		return -EBUSY;
	b->p.quiet = true;
	b->p.seq = b->seq;
	hac_start_dereg(h, b);
	return 0;
}

int hac_reconfigure(struct hac *h, const struct hac_config *cfg)
{
	if (h == NULL || hac_check_config(cfg) != 0 || cfg->max_bindings > h->cap)
		return -EINVAL;
	/* map old link index -> new one (by home link handle) */
	int map[HAC_MAX_LINKS];
	for (uint32_t l = 0; l < h->cfg.n_links; l++) {
		map[l] = -1;
		for (uint32_t n = 0; n < cfg->n_links; n++)
			if (cfg->links[n].homeLink == h->links[l].cfg.homeLink &&
			    cfg->links[n].tunnel == h->links[l].cfg.tunnel)
				map[l] = (int)n;
	}
	for (uint32_t i = 0; i < h->cap; i++)
		if (pending(&h->b[i]) && map[h->b[i].link] < 0)
			return -EBUSY; /* retry once the operation has completed */
	/* Bindings on removed links go first, with the old link table. */
	for (uint32_t i = 0; i < h->cap; i++) {
		struct hac_binding *b = &h->b[i];
		if (b->st != HAC_B_FREE && map[b->link] < 0)
			clear_binding(h, b);
	}
	struct hac_link_rt old[HAC_MAX_LINKS];
	memcpy(old, h->links, sizeof(old));
	uint32_t old_n = h->cfg.n_links;
	h->cfg = *cfg;
	hac_apply_links(h, cfg);
	/* a prefix whose lifetimes did not change keeps counting from before */
	for (uint32_t l = 0; l < old_n; l++) {
		if (map[l] < 0)
			continue;
		struct hac_link_rt *n = &h->links[map[l]];
		if (memcmp(n->cfg.prefixes, old[l].cfg.prefixes, sizeof(n->cfg.prefixes)) == 0)
			n->cfg_at_ms = old[l].cfg_at_ms;
	}
	uint64_t now = npf_mipv6ha_now_ms();
	for (uint32_t i = 0; i < h->cap; i++) {
		struct hac_binding *b = &h->b[i];
		if (b->st == HAC_B_FREE || map[b->link] < 0)
			continue;
		b->link = (uint32_t)map[b->link];
		if (b->st != HAC_B_VALID)
			continue;
		uint32_t link, pfx, valid_s, pref_s;
		if (hac_link_of_hoa(h, b->k_hoa.a, &link, &pfx) != 0) {
			clear_binding(h, b); /* LT-4: the prefix is gone */
			continue;
		}
		hac_prefix_remaining(h, link, pfx, &valid_s, &pref_s);
		uint64_t left_s = b->expires_ms > now ? (b->expires_ms - now + 999) / 1000 : 0;
		if (valid_s == HAC_INFINITE || left_s <= valid_s)
			continue;
		/* LT-4: the binding must not outlive its prefix: shorten the entry */
		NPF_MIPv6HA_BC_Entry_t e;
		memset(&e, 0, sizeof(e));
		memcpy(e.HoA.addr, b->k_hoa.a, 16);
		memcpy(e.CoA.addr, b->coa, 16);
		e.lifetimeMode = NPF_MIPv6HA_LIFETIME_ON;
		e.bindingLifetime = valid_s;
		if (NPF_MIPv6HA_BC_Entry_Add(h->cbh, NULL, NPF_REPORT_ERRORS,
					     h->links[b->link].cfg.tunnel, 1, &e) != NPF_NO_ERROR)
			h->st.api_fail++;
		b->expires_ms = now + (uint64_t)valid_s * 1000u;
	}
	return 0;
}

void hac_service(struct hac *h)
{
	if (h == NULL)
		return;
	uint64_t now = npf_mipv6ha_now_ms();
	struct timerq_item it;
	while (timerq_pop_due(&h->tq, now, &it) == 1) {
		if (!hac_timer_live(h, &it))
			continue;
		struct hac_binding *b = &h->b[it.id];
		if (b->st == HAC_B_GRACE) { /* DEREG-6: purge after the grace period */
			h->st.grace_purged++;
			hac_binding_free(h, b);
		} else if (b->st == HAC_B_VALID && !b->brr_sent) {
			b->brr_sent = true;
			hac_send_brr(h, b);
		}
	}
	/* lazy cancellation leaves stale items: keep the heap near the live count */
	if (h->tq.n > 2 * h->n_used + 64)
		timerq_compact(&h->tq, hac_timer_live, h);
}

uint32_t hac_next_timeout_ms(const struct hac *h)
{
	if (h == NULL)
		return UINT32_MAX;
	uint64_t next = timerq_next(&h->tq);
	if (next == UINT64_MAX)
		return UINT32_MAX;
	uint64_t now = npf_mipv6ha_now_ms();
	if (next <= now)
		return 0;
	return next - now >= UINT32_MAX ? UINT32_MAX - 1 : (uint32_t)(next - now);
}

static void info_of(const struct hac *h, const struct hac_binding *b, struct hac_binding_info *o)
{
	memset(o, 0, sizeof(*o));
	memcpy(o->hoa, b->k_hoa.a, 16);
	memcpy(o->coa, b->coa, 16);
	o->seq = b->seq;
	o->flags = b->flags;
	o->lifetime = b->granted_units * 4u;
	uint64_t now = npf_mipv6ha_now_ms();
	if (b->installed && b->expires_ms > now)
		o->remaining = (uint32_t)((b->expires_ms - now + 999) / 1000);
	o->state = (int)b->st;
	o->handle = b->handle;
	o->link = b->link;
	memcpy(o->ha_addr, b->ha_addr, 16);
	if (b->has_ll)
		memcpy(o->link_local, b->k_ll.a, 16);
	(void)h;
}

int hac_binding_foreach(struct hac *h, int (*fn)(void *arg, const struct hac_binding_info *b),
			void *arg)
{
	if (h == NULL || fn == NULL)
		return -EINVAL;
	for (uint32_t i = 0; i < h->cap; i++) {
		if (h->b[i].st == HAC_B_FREE)
			continue;
		struct hac_binding_info o;
		info_of(h, &h->b[i], &o);
		int rc = fn(arg, &o);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static struct hac_binding *find_hoa(struct hac *h, const uint8_t hoa[16])
{
	struct hac_binding *b = hac_lookup(h, hoa);
	if (b == NULL || memcmp(b->k_hoa.a, hoa, 16) != 0)
		return NULL;
	return b;
}

int hac_binding_get(struct hac *h, const uint8_t hoa[16], struct hac_binding_info *out)
{
	if (h == NULL || hoa == NULL || out == NULL)
		return -EINVAL;
	struct hac_binding *b = find_hoa(h, hoa);
	if (b == NULL)
		return -ENOENT;
	info_of(h, b, out);
	return 0;
}

int hac_binding_clear(struct hac *h, const uint8_t hoa[16])
{
	if (h == NULL || hoa == NULL)
		return -EINVAL;
	struct hac_binding *b = find_hoa(h, hoa);
	if (b == NULL)
		return -ENOENT;
	return clear_binding(h, b);
}

void hac_stats_get(const struct hac *h, struct hac_stats *out)
{
	if (h == NULL || out == NULL)
		return;
	*out = h->st;
}

void hac_stats_clear(struct hac *h)
{
	if (h != NULL)
		memset(&h->st, 0, sizeof(h->st));
}

static const char *const drop_names[HAC_DROP_MAX] = {
#define HAC_X_NAME(n, s, d) [HAC_DROP_##n] = #s,
    HAC_DROP_REASONS(HAC_X_NAME)
#undef HAC_X_NAME
};

const char *hac_drop_name(unsigned int reason)
{
	return reason < HAC_DROP_MAX ? drop_names[reason] : NULL;
}

void hac_stats_foreach(const struct hac_stats *s,
		       void (*fn)(void *arg, const char *name, uint64_t v), void *arg)
{
	if (s == NULL || fn == NULL)
		return;
#define HAC_X_EMIT(f, d) fn(arg, #f, s->f);
	HAC_COUNTERS(HAC_X_EMIT)
#undef HAC_X_EMIT
	char name[48];
	for (unsigned int i = 0; i < HAC_DROP_MAX; i++) {
		snprintf(name, sizeof(name), "drop_%s", drop_names[i]);
		fn(arg, name, s->drops[i]);
	}
	for (unsigned int i = 0; i < 256; i++) {
		if (s->ba_tx[i] == 0)
			continue;
		snprintf(name, sizeof(name), "ba_tx_%u", i);
		fn(arg, name, s->ba_tx[i]);
	}
	for (unsigned int i = 1; i < 3; i++) {
		if (s->be_tx_status[i] == 0)
			continue;
		snprintf(name, sizeof(name), "be_tx_%u", i);
		fn(arg, name, s->be_tx_status[i]);
	}
}
