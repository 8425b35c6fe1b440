/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Mobility Header input (RFC 6275 §9.2) and Binding Update processing as a
 * home agent (RFC 6275 §9.5.1, §10.3.1, §10.3.2), in the order of
 * ha-duties §4: MH-2..MH-7, BU-1..BU-10, REG-2, then the API operations in
 * hac_core.c that end with the Binding Acknowledgement.
 */
#include <arpa/inet.h>
#include <errno.h>

#include "hac_priv.h"
#include "npf_mipv6ha_runtime.h"

/* Minimum Header Len per known type (RFC 6275 §9.2, MH-5). */
static const uint8_t mh_minlen[IP6_MH_TYPE_MAX + 1] = {
    [IP6_MH_TYPE_BRR] = IP6_MH_MINLEN_BRR,   [IP6_MH_TYPE_HOTI] = IP6_MH_MINLEN_HOTI,
    [IP6_MH_TYPE_COTI] = IP6_MH_MINLEN_COTI, [IP6_MH_TYPE_HOT] = IP6_MH_MINLEN_HOT,
    [IP6_MH_TYPE_COT] = IP6_MH_MINLEN_COT,   [IP6_MH_TYPE_BU] = IP6_MH_MINLEN_BU,
    [IP6_MH_TYPE_BACK] = IP6_MH_MINLEN_BACK, [IP6_MH_TYPE_BERROR] = IP6_MH_MINLEN_BERROR,
};

/* Options of a BU (RFC 6275 §6.2). */
struct bu_opts {
	bool has_altcoa, has_nonce, has_auth;
	uint8_t altcoa[16];
};

/* MH-6: skip unknown options, drop overruns; MH-7: authorization data last. */
static int parse_bu_opts(struct hac *h, const uint8_t *mh, uint32_t len, struct bu_opts *o)
{
	uint32_t q = sizeof(struct ip6_mh_binding_update);
	while (q < len) {
		uint8_t t = mh[q];
		if (o->has_auth) { /* anything after Binding Authorization Data */
			hac_drop(h, HAC_DROP_MH_AUTH_NOT_LAST);
			return -EINVAL;
		}
		if (t == IP6_MHOPT_PAD1) {
			q++;
			continue;
		}
		if (q + 2 > len || q + 2 + mh[q + 1] > len) {
			hac_drop(h, HAC_DROP_MH_OPTION);
			return -EINVAL;
		}
		uint8_t olen = mh[q + 1];
		switch (t) {
		case IP6_MHOPT_ALTCOA:
			if (olen != 16 || o->has_altcoa) {
				hac_drop(h, HAC_DROP_MH_OPTION);
				return -EINVAL;
			}
			memcpy(o->altcoa, mh + q + 2, 16);
			o->has_altcoa = true;
			break;
		case IP6_MHOPT_NONCEID:
			if (olen != 4) {
				hac_drop(h, HAC_DROP_MH_OPTION);
				return -EINVAL;
			}
			o->has_nonce = true;
			break;
		case IP6_MHOPT_BAUTH:
			o->has_auth = true;
			break;
		default: /* PadN, Binding Refresh Advice, unknown: skipped (MH-6) */
			break;
		}
		q += 2u + olen;
	}
	return 0;
}

/* BU-5: newer iff 0 < (seq - last) mod 2^16 < 32768 (RFC 6275 §9.5.1). */
static bool seq_newer(uint16_t seq, uint16_t last)
{
	uint16_t d = (uint16_t)(seq - last);
	return d != 0 && d < HAC_SEQ_WINDOW;
}

static bool acl_permits(const struct hac *h, const uint8_t hoa[16])
{
	if (h->cfg.n_acl == 0)
		return true;
	for (uint32_t i = 0; i < h->cfg.n_acl; i++)
		if (hac_prefix_match(hoa, h->cfg.acl[i].prefix, h->cfg.acl[i].len))
			return true;
	return false;
}

/*
 * Granted lifetime and status (LT-1..LT-5), in 4-s units. Returns false when
 * the prefix has no valid lifetime left to grant.
 */
static bool grant(const struct hac *h, uint32_t link, uint32_t pfx, uint16_t bu_units,
		  uint16_t *g_out, uint8_t *status)
{
	uint32_t valid_s, pref_s;
	hac_prefix_remaining(h, link, pfx, &valid_s, &pref_s);
	uint32_t cap_s = h->cfg.max_lifetime_s ? h->cfg.max_lifetime_s : HAC_UNITS_MAX * 4u;
	uint32_t g = bu_units; /* LT-1 */
	if (g > cap_s / 4)     /* LT-3 */
		g = cap_s / 4;
	uint32_t valid_u = valid_s == HAC_INFINITE ? UINT32_MAX : valid_s >> 2;
	uint32_t pref_u = pref_s == HAC_INFINITE ? UINT32_MAX : pref_s >> 2;
	if (g > valid_u) /* LT-2: the valid (not preferred) lifetime bounds g */
		g = valid_u;
	if (g == 0)
		return false;
	*g_out = (uint16_t)g;
	/* LT-5: prefix discovery necessary if deprecated now or within g, or invalid at g */
	*status = (pref_s == 0 || pref_u < g || valid_u == g) ? IP6_MH_BAS_PRFX_DISCOV
							      : IP6_MH_BAS_ACCEPTED;
	return true;
}

static void bu_input(struct hac *h, const struct hac_rx *rx, const uint8_t *mh, uint32_t len)
{
	struct ip6_mh_binding_update bu;
	memcpy(&bu, mh, sizeof(bu));
	uint16_t seq = ntohs(bu.ip6mhbu_seqno);
	uint16_t flags = ntohs(bu.ip6mhbu_flags);
	uint16_t lifetime = ntohs(bu.ip6mhbu_lifetime);
	bool home = (flags & IP6_MH_BU_HOME) != 0;
	struct bu_opts o;
	memset(&o, 0, sizeof(o));
	if (parse_bu_opts(h, mh, len, &o) != 0)
		return;
	/* SEC-1 / BU-8: without verified ESP when required, silently discard */
	if (h->cfg.require_ipsec && !rx->m->esp_ok) {
		hac_drop(h, HAC_DROP_NO_IPSEC);
		return;
	}
	const uint8_t *hoa = rx->has_hao ? rx->hoa : rx->src;   /* BU-1 */
	const uint8_t *coa = o.has_altcoa ? o.altcoa : rx->src; /* BU-2 */
	/* SEC-2 / SEC-3: the selector is the HoA (after HAO substitution); an SA
	 * bound to another mobile node's HoA cannot register this one. */
	if (rx->m->esp_ok && memcmp(hoa, rx->m->sa_hoa, 16) != 0) {
		hac_drop(h, HAC_DROP_SA_HOA);
		return;
	}
	if (!hac_addr_unicast_routable(hoa)) {
		hac_drop(h, HAC_DROP_BU_BAD_HOA);
		return;
	}
	if (!hac_addr_unicast_routable(coa)) {
		hac_drop(h, HAC_DROP_BU_BAD_COA);
		return;
	}
	if (!hac_addr_is_unicast(rx->src)) { /* BA-4 */
		hac_drop(h, HAC_DROP_BU_BAD_SRC);
		return;
	}
	if (home && o.has_nonce) { /* BU-3 */
		hac_drop(h, HAC_DROP_BU_NONCE_HOME);
		return;
	}
	if (!hac_is_own_addr(h, rx->dst)) {
		hac_drop(h, HAC_DROP_BU_NOT_OURS);
		return;
	}
	h->st.bu_rx++;

	/* BA-5 / BA-8: reply to the BU source from the address it was sent to;
	 * RH2 when a HAO came; from home (no HAO) straight out of the arrival port. */
	struct hac_reply r;
	memset(&r, 0, sizeof(r));
	memcpy(r.src, rx->dst, 16);
	memcpy(r.dst, rx->src, 16);
	memcpy(r.hoa, hoa, 16);
	r.rh2 = rx->has_hao;
	r.port = rx->has_hao ? HAC_PORT_ROUTE : rx->m->port;

	struct hac_binding *b = hac_lookup(h, hoa);
	if (b != NULL && memcmp(b->k_hoa.a, hoa, 16) != 0)
		b = NULL; /* the HoA is some binding's derived link-local, not an HoA */
	if (b != NULL && b->st != HAC_B_VALID && b->st != HAC_B_GRACE) {
		hac_drop(h, HAC_DROP_BU_BUSY); /* bounded: one operation per HoA */
		return;
	}
	/* BU-4, BU-5, BU-6: grace entries count (DEREG-6); 135 carries the last accepted */
	if (b != NULL && !seq_newer(seq, b->seq)) {
		hac_send_ba(h, &r, IP6_MH_BAS_SEQNO_BAD, 0, b->seq, 0, 0);
		return;
	}
	if (!home) {
		if (b != NULL && b->st == HAC_B_VALID) /* BU-7: keep the home flag */
			hac_send_ba(h, &r, IP6_MH_BAS_REG_NOT_ALLOWED, 0, seq, 0, 0);
		else
			hac_drop(h, HAC_DROP_BU_NOT_HOME);
		return;
	}
	/* BU-10: lifetime 0, or (decision) CoA == HoA, is a de-registration */
	bool dereg = lifetime == 0 || memcmp(coa, hoa, 16) == 0;
	if (h->cfg.ha_disabled) { /* REG-2 (1) */
		hac_send_ba(h, &r, IP6_MH_BAS_HA_NOT_SUPPORTED, 0, seq, 0, 0);
		return;
	}
	if (dereg) {
		/* DEREG-1: from home (no HAO: HoA = source) or from away (HAO). A
		 * de-registration from home naming another CoA is not one. */
		if (!rx->has_hao && o.has_altcoa && memcmp(o.altcoa, rx->src, 16) != 0) {
			hac_drop(h, HAC_DROP_BU_NO_HAO);
			return;
		}
		if (b == NULL || b->st != HAC_B_VALID) { /* DEREG-2 */
			hac_send_ba(h, &r, IP6_MH_BAS_NOT_HA, 0, seq, 0, 0);
			return;
		}
		b->p.seq = seq;
		b->p.flags = (uint8_t)(flags >> 8);
		b->p.r = r;
		hac_start_dereg(h, b);
		return;
	}
	uint32_t link, pfx;
	if (hac_link_of_hoa(h, hoa, &link, &pfx) != 0) { /* REG-2 (2) */
		hac_send_ba(h, &r, IP6_MH_BAS_NOT_HOME_SUBNET, 0, seq, 0, 0);
		return;
	}
	if (!acl_permits(h, hoa)) { /* REG-2 (3): policy */
		hac_send_ba(h, &r, IP6_MH_BAS_PROHIBIT, 0, seq, 0, 0);
		return;
	}
	if (hac_is_own_addr(h, coa)) { /* REG-7: would loop the tunnel (RFC 2473 §4.1.2) */
		hac_send_ba(h, &r, IP6_MH_BAS_UNSPECIFIED, 0, seq, 0, 0);
		return;
	}
	if (!rx->has_hao) { /* REG-2 (4), decision 2: no status defined */
		hac_drop(h, HAC_DROP_BU_NO_HAO);
		return;
	}
	uint16_t g;
	uint8_t status;
	if (!grant(h, link, pfx, lifetime, &g, &status)) {
		hac_send_ba(h, &r, IP6_MH_BAS_NOT_HOME_SUBNET, 0, seq, 0, 0);
		return;
	}
	bool refresh = b != NULL && b->st == HAC_B_VALID;
	if (!refresh) {
		if (b == NULL && h->n_used >= h->cfg.max_bindings) { /* REG-2 (3): resources */
			hac_send_ba(h, &r, IP6_MH_BAS_INSUFFICIENT, 0, seq, 0, 0);
			return;
		}
		if (b == NULL)
			b = hac_alloc(h, hoa);
		if (b == NULL) {
			hac_send_ba(h, &r, IP6_MH_BAS_INSUFFICIENT, 0, seq, 0, 0);
			return;
		}
		b->link = link;
	}
	memcpy(b->p.coa, coa, 16);
	b->p.seq = seq;
	b->p.flags = (uint8_t)(flags >> 8);
	b->p.g_units = g;
	b->p.status = status;
	b->p.r = r;
	if (refresh)
		hac_start_refresh(h, b); /* DAD-1: no DAD for a binding we hold */
	else
		hac_start_registration(h, b);
}

void hac_mh_input(struct hac *h, const struct hac_rx *rx)
{
	const uint8_t *mh = rx->pkt + rx->ul_off;
	uint32_t len = rx->ul_len;
	if (len < 8) {
		hac_drop(h, HAC_DROP_MH_SHORT);
		return;
	}
	/* MH-2: pseudo-header source = HoA from the HAO (HAO-6, RFC 6275 §6.1.1) */
	const uint8_t *psrc = rx->has_hao ? rx->hoa : rx->src;
	if (hac_cksum(psrc, rx->dst, IPPROTO_MH, mh, len) != 0) {
		hac_drop(h, HAC_DROP_MH_CHECKSUM);
		return;
	}
	uint8_t type = mh[2];
	if (type > IP6_MH_TYPE_MAX) { /* MH-3 */
		hac_drop(h, HAC_DROP_MH_UNKNOWN_TYPE);
		hac_send_be(h, rx->dst, rx->src, IP6_MH_BES_UNKNOWN_MH,
			    rx->has_hao ? rx->hoa : NULL);
		return;
	}
	if (mh[0] != IPPROTO_NONE) { /* MH-4: Pointer at Payload Proto */
		hac_drop(h, HAC_DROP_MH_PAYLOAD_PROTO);
		hac_send_param_problem(h, rx->pkt, rx->len, rx->ul_off);
		return;
	}
	if (mh[1] < mh_minlen[type]) { /* MH-5: Pointer at Header Len */
		hac_drop(h, HAC_DROP_MH_HDRLEN);
		hac_send_param_problem(h, rx->pkt, rx->len, rx->ul_off + 1);
		return;
	}
	if (((uint32_t)mh[1] + 1) * 8 != len) {
		hac_drop(h, HAC_DROP_MH_LENGTH);
		return;
	}
	h->st.rx_mh++;
	if (type == IP6_MH_TYPE_BU)
		bu_input(h, rx, mh, len);
	else
		hac_drop(h, HAC_DROP_MH_UNEXPECTED);
}
