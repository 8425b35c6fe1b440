/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Packet stages: forwarding as a router, encapsulation to the care-of
 * address (RFC 2473 as RFC 6275 §10.4.2 uses it), and decapsulation with the
 * reverse-tunnel source check (RFC 6275 §10.4.5). Rules cited are those of
 * ha-duties.md.
 */
#include <string.h>

#include <rte_fib6.h>
#include <rte_ip.h>
#include <rte_prefetch.h>

#include "fp_pipe.h"
#include "ndproxy.h"

/* Partition helper: keep pkts[i] at the front when it passed. */
struct part {
	struct rte_mbuf *drop[FP_BURST];
	uint16_t nok, ndrop;
};

static inline void pass(struct part *pt, struct rte_mbuf **pkts, struct fp_parsed *pp,
			struct rte_mbuf *m, const struct fp_parsed *p)
{
	pp[pt->nok] = *p;
	pkts[pt->nok++] = m;
}

static inline void drop(struct fp_lcore *lc, struct part *pt, struct rte_mbuf *m, enum fp_drop r)
{
	struct fp_meta *md = fp_meta(m);

	md->drop = (uint8_t)r;
	md->punt = FP_PUNT_NONE;
	lc->drops[r]++;
	pt->drop[pt->ndrop++] = m;
}

/* Remember what an ICMPv6 error about a dropped packet needs. */
static inline void note(struct rte_mbuf *m, uint16_t l3, uint32_t aux)
{
	struct fp_meta *md = fp_meta(m);

	md->l3 = l3;
	md->aux = aux;
}

static inline uint16_t finish(struct part *pt, struct rte_mbuf **pkts)
{
	memcpy(&pkts[pt->nok], pt->drop, sizeof(pkts[0]) * pt->ndrop);
	return pt->nok;
}

/* Resolve the link-layer next hop and rewrite the Ethernet header. */
static inline enum fp_drop l2_rewrite(struct rte_mbuf *m, const struct fp_parsed *p, uint64_t nh_id,
				      const uint8_t *dst)
{
	const struct fp_nh *nh;
	struct rte_ether_hdr *eth;

	if (unlikely(nh_id == FP_NHOP_NONE || nh_id >= FP_MAX_NH))
		return FP_DROP_NO_ROUTE;
	nh = &fp_t.nh[nh_id];
	eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	if (nh->flags & FP_NHF_CONNECTED) {
		if (!fp_neigh_lookup(dst, nh->port, &eth->dst_addr)) {
			note(m, p->l3, (uint32_t)nh_id);
			return FP_DROP_NEIGH_MISS;
		}
	} else if (likely(nh->flags & FP_NHF_RESOLVED)) {
		rte_ether_addr_copy(&nh->dst, &eth->dst_addr);
	} else {
		note(m, p->l3, (uint32_t)nh_id);
		return FP_DROP_NEIGH_MISS;
	}
	rte_ether_addr_copy(&nh->src, &eth->src_addr);
	m->port = nh->port;
	if (unlikely(p->ip_len > nh->mtu && nh->mtu != 0)) {
		note(m, p->l3, nh->mtu);
		return FP_DROP_TOO_BIG;
	}
	return FP_DROP_OK;
}

static inline bool is_link_local(const uint8_t *a)
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}

uint16_t fp_fwd_burst(struct fp_lcore *lc, struct rte_mbuf **pkts, struct fp_parsed *pp, uint16_t n)
{
	uint8_t dst[FP_BURST][16];
	uint64_t nh[FP_BURST];
	struct part pt = {.nok = 0, .ndrop = 0};

	for (uint16_t i = 0; i < n; i++)
		memcpy(dst[i], rte_pktmbuf_mtod_offset(pkts[i], uint8_t *, pp[i].l3 + 24), 16);
	rte_fib6_lookup_bulk(fp_t.fib, dst, nh, n);
	for (uint16_t i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		struct fp_parsed p = pp[i];
		struct rte_ipv6_hdr *ip = rte_pktmbuf_mtod_offset(m, struct rte_ipv6_hdr *, p.l3);
		enum fp_drop r;

		/* A router never forwards link-local destinations off-link;
		 * TUN-5: one for a mobile node's proxied link-local address
		 * earns a Destination Unreachable code 3. */
		if (unlikely(is_link_local(dst[i]))) {
			uint16_t rl = m->port < FP_MAX_PORTS ? fp_t.port[m->port].link : 0;

			note(m, p.l3, 0);
			drop(lc, &pt, m,
			     rl != 0 && nd_lookup_state((uint16_t)(rl - 1), dst[i]) != ND_NONE
				 ? FP_DROP_LL_TO_MN
				 : FP_DROP_LINK_LOCAL_DST);
			continue;
		}
		if (unlikely(ip->hop_limits <= 1)) {
			note(m, p.l3, 0);
			drop(lc, &pt, m, FP_DROP_HOP_LIMIT);
			continue;
		}
		/* A proxied home address without a binding (ND-8 keeps the
		 * proxy until the binding is gone): report and drop. */
		if (nh[i] != FP_NHOP_NONE && nh[i] < FP_MAX_NH &&
		    (fp_t.nh[nh[i]].flags & FP_NHF_CONNECTED)) {
			uint16_t ol = fp_t.port[fp_t.nh[nh[i]].port].link;

			if (ol != 0 && nd_lookup_state((uint16_t)(ol - 1), dst[i]) != ND_NONE) {
				fp_event_post_bc_miss(lc->worker, dst[i]);
				drop(lc, &pt, m, FP_DROP_BC_MISS);
				continue;
			}
		}
		r = l2_rewrite(m, &p, nh[i], dst[i]);
		if (unlikely(r != FP_DROP_OK)) {
			if (r == FP_DROP_NO_ROUTE)
				note(m, p.l3, 0);
			if (r == FP_DROP_NEIGH_MISS) {
				const struct fp_nh *n = &fp_t.nh[nh[i]];

				/* Held for resolution and sent later as it
				 * is: route it completely now (hop limit,
				 * link MTU). */
				if (n->mtu != 0 && p.ip_len > n->mtu) {
					note(m, p.l3, n->mtu);
					r = FP_DROP_TOO_BIG;
				} else {
					ip->hop_limits--;
				}
			}
			drop(lc, &pt, m, r);
			continue;
		}
		ip->hop_limits--;
		lc->fwd++;
		pass(&pt, pkts, pp, m, &p);
	}
	return finish(&pt, pkts);
}

/* Encapsulation-limit Destination Options header (ha-duties §2.8). */
static inline void write_limit_hdr(uint8_t *h, uint8_t limit)
{
	h[0] = FP_NH_IPV6;
	h[1] = 0;
	h[2] = FP_OPT_TUNNEL_ENCAP_LIMIT;
	h[3] = 1;
	h[4] = limit;
	h[5] = FP_OPT_PADN;
	h[6] = 1;
	h[7] = 0;
}

uint16_t fp_encap_burst(struct fp_lcore *lc, struct rte_mbuf **pkts, struct fp_parsed *pp,
			const struct fp_binding **b, uint16_t n)
{
	uint8_t coa[FP_BURST][16];
	uint16_t fmtu[FP_BURST];
	uint64_t nh[FP_BURST], nhp[FP_BURST];
	struct part pt = {.nok = 0, .ndrop = 0};
	uint16_t k = 0;

	for (uint16_t i = 0; i < n; i++)
		rte_prefetch0(b[i]);
	for (uint16_t i = 0; i < n; i++)
		fp_st_prefetch(lc->worker, b[i]->handle);
	/* Route the outer packets first (TUN-1): the outgoing link's MTU
	 * bounds the tunnel MTU (MTU-1). */
	for (uint16_t i = 0; i < n; i++)
		memcpy(coa[i], b[i]->outer.dst_addr, 16);
	rte_fib6_lookup_bulk(fp_t.fib, coa, nh, n);
	for (uint16_t i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		struct fp_parsed p = pp[i];
		const struct fp_binding *bd = b[i];
		struct rte_ipv6_hdr *in = rte_pktmbuf_mtod_offset(m, struct rte_ipv6_hdr *, p.l3);
		int limit = fp_t.encap_limit[bd->tun];
		uint16_t add = 40;
		uint32_t tmtu;
		uint8_t *s;

		/* TUN-2: the inner hop limit is decremented first, as a router. */
		if (unlikely(in->hop_limits <= 1)) {
			fp_st_count(lc->worker, bd->handle, FP_ST_DROP_TX, p.ip_len);
			note(m, p.l3, 0);
			drop(lc, &pt, m, FP_DROP_HOP_LIMIT);
			continue;
		}
		/* TUN-7: an inner limit of 0 forbids another encapsulation; n > 0
		 * becomes n - 1; without one, the configured limit (if any). */
		if (unlikely(p.flags & FP_P_ENCAP_LIMIT)) {
			if (p.limit == 0) {
				fp_st_count(lc->worker, bd->handle, FP_ST_DROP_TX, p.ip_len);
				note(m, p.l3, (uint32_t)(p.limit_off - p.l3));
				drop(lc, &pt, m, FP_DROP_ENCAP_LIMIT);
				continue;
			}
			limit = p.limit - 1;
		}
		if (limit >= 0)
			add += 8;
		/* MTU-1: the tunnel MTU is the sub-tunnel's path MTU, and never
		 * more than the outgoing link allows. */
		tmtu = bd->pmtu;
		if (likely(nh[i] != FP_NHOP_NONE && nh[i] < FP_MAX_NH) && fp_t.nh[nh[i]].mtu > add)
			tmtu = RTE_MIN(tmtu, (uint32_t)(fp_t.nh[nh[i]].mtu - add));
		/* MTU-2: larger than the tunnel MTU and than 1280: Packet Too Big. */
		if (unlikely(p.ip_len > tmtu && p.ip_len > 1280)) {
			fp_st_count(lc->worker, bd->handle, FP_ST_DROP_TX, p.ip_len);
			note(m, p.l3, RTE_MAX(tmtu, 1280u));
			drop(lc, &pt, m, FP_DROP_TOO_BIG);
			continue;
		}
		s = (uint8_t *)rte_pktmbuf_prepend(m, add);
		if (unlikely(s == NULL)) {
			fp_st_count(lc->worker, bd->handle, FP_ST_DROP_TX, p.ip_len);
			drop(lc, &pt, m, FP_DROP_NO_HEADROOM);
			continue;
		}
		/* Keep the Ethernet header in front; the outer header goes between. */
		in->hop_limits--;
		memmove(s, s + add, p.l3);
		struct rte_ipv6_hdr *out = (struct rte_ipv6_hdr *)(s + p.l3);
		rte_memcpy(out, &bd->outer, sizeof(*out));
		out->payload_len = rte_cpu_to_be_16((uint16_t)(p.ip_len + add - 40));
		if (limit >= 0) {
			out->proto = FP_NH_DSTOPTS;
			write_limit_hdr((uint8_t *)(out + 1), (uint8_t)limit);
		}
		fp_st_count(lc->worker, bd->handle, FP_ST_OUT, p.ip_len);
		/* MTU-3: an inner packet within 1280 but above the tunnel
		 * MTU is carried in outer fragments (fp_worker.c). */
		fmtu[k] = unlikely(p.ip_len > tmtu) ? (uint16_t)(tmtu + add) : 0;
		p.ip_len = (uint16_t)(p.ip_len + add);
		p.l4 = (uint16_t)(p.l3 + add);
		p.proto = FP_NH_IPV6;
		memcpy(coa[k], bd->outer.dst_addr, 16);
		nhp[k++] = nh[i];
		pass(&pt, pkts, pp, m, &p);
	}
	uint16_t ok = pt.nok;
	pt.nok = 0;
	for (uint16_t i = 0; i < ok; i++) {
		enum fp_drop r;

		if (unlikely(fmtu[i] != 0)) {
			/* Link layer first (as below), then fragments. */
			r = l2_rewrite(pkts[i], &pp[i], nhp[i], coa[i]);
			if (r == FP_DROP_OK || r == FP_DROP_TOO_BIG) {
				struct fp_meta *md = fp_meta(pkts[i]);

				note(pkts[i], pp[i].l3, fmtu[i]);
				md->drop = FP_DROP_FRAG_FAIL;
				md->punt = FP_PUNT_NONE;
				pt.drop[pt.ndrop++] = pkts[i];
				continue;
			}
		} else {
			r = l2_rewrite(pkts[i], &pp[i], nhp[i], coa[i]);
		}
		if (unlikely(r != FP_DROP_OK)) {
			drop(lc, &pt, pkts[i], r);
			continue;
		}
		lc->encap++;
		pass(&pt, pkts, pp, pkts[i], &pp[i]);
	}
	return finish(&pt, pkts);
}

uint16_t fp_decap_burst(struct fp_lcore *lc, struct rte_mbuf **pkts, struct fp_parsed *pp,
			const uint8_t *tun, uint16_t n)
{
	const uint8_t *src[FP_BURST];
	const struct fp_binding *b[FP_BURST];
	struct fp_parsed inner[FP_BURST];
	struct part pt = {.nok = 0, .ndrop = 0};
	uint16_t k = 0;
	uint64_t hits;

	/* Parse the inner headers; collect inner sources for one bulk lookup. */
	for (uint16_t i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		const uint8_t *d = rte_pktmbuf_mtod(m, const uint8_t *);
		int r;

		r = fp_parse_ipv6(d, (uint32_t)pp[i].l3 + pp[i].ip_len, pp[i].l4, &inner[k]);
		if (unlikely(r != 0)) {
			drop(lc, &pt, m, FP_DROP_DECAP_INNER);
			continue;
		}
		inner[k].flags |= pp[i].flags & FP_P_VLAN;
		src[k] = d + pp[i].l4 + 8;
		pkts[pt.nok + k] = m; /* compact survivors behind the passed ones */
		pp[pt.nok + k] = pp[i];
		k++;
	}
	hits = k ? fp_bc_lookup_bulk(src, k, b) : 0;
	for (uint16_t j = 0; j < k; j++)
		if ((hits >> j) & 1)
			rte_prefetch0(b[j]);
	for (uint16_t j = 0; j < k; j++)
		if ((hits >> j) & 1)
			fp_st_prefetch(lc->worker, b[j]->handle);
	for (uint16_t j = 0; j < k; j++) {
		struct rte_mbuf *m = pkts[j];
		struct fp_parsed o = pp[j];
		const uint8_t *d = rte_pktmbuf_mtod(m, const uint8_t *);
		const uint8_t *osrc = d + o.l3 + 8;
		const struct fp_binding *bd = (hits >> j) & 1 ? b[j] : NULL;
		uint8_t t = tun[j];

		/* RT-3: the outer source must be the CoA registered for the inner
		 * source, on the tunnel of the HA address the packet was sent to. */
		if (unlikely(bd == NULL || bd->tun != t ||
			     memcmp(bd->outer.dst_addr, osrc, 16) != 0)) {
			if (bd != NULL)
				fp_st_count(lc->worker, bd->handle, FP_ST_DROP_RX, o.ip_len);
			fp_event_post_auth_failed(lc->worker, t, bd != NULL ? bd->handle : 0,
						  src[j], osrc, d + inner[j].l3 + 24);
			drop(lc, &pt, m, FP_DROP_DECAP_AUTH);
			continue;
		}
		fp_st_count(lc->worker, bd->handle, FP_ST_IN, inner[j].ip_len);
		/* TUN-9: strip the outer header and any extension headers
		 * (encapsulation limit included) in front of the inner one. */
		uint16_t strip = (uint16_t)(o.l4 - o.l3);
		uint8_t *s = rte_pktmbuf_mtod(m, uint8_t *);
		memmove(s + strip, s, o.l3);
		rte_pktmbuf_adj(m, strip);
		rte_pktmbuf_trim(m, (uint16_t)(rte_pktmbuf_pkt_len(m) - (o.l3 + inner[j].ip_len)));
		inner[j].l3 = o.l3;
		inner[j].l4 = (uint16_t)(inner[j].l4 - strip);
		if (inner[j].flags & FP_P_ENCAP_LIMIT)
			inner[j].limit_off = (uint16_t)(inner[j].limit_off - strip);
		lc->decap++;
		/* RT-4: an inner packet for the HA itself is delivered locally. */
		uint8_t itun;
		if (unlikely(fp_local_lookup(rte_pktmbuf_mtod_offset(m, const uint8_t *, o.l3 + 24),
					     &itun) != 0)) {
			struct fp_meta *md = fp_meta(m);

			md->punt = FP_PUNT_LOCAL;
			md->drop = FP_DROP_OK;
			md->l3 = o.l3;
			pt.drop[pt.ndrop++] = m;
			continue;
		}
		pass(&pt, pkts, pp, m, &inner[j]);
	}
	/* RT-4: forward the inner packets as a router. */
	uint16_t ok = finish(&pt, pkts);
	uint16_t fwd = fp_fwd_burst(lc, pkts, pp, ok);
	/* fp_fwd_burst put its drops at [fwd, ok); ours follow from ok. */
	return fwd;
}
