/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Classification and the poll loop of a worker lcore. Per burst:
 *
 *   parse ─┬─ multicast: NS on a home link -> ndproxy answer | ND/MLD -> punt | else drop
 *          ├─ own address: IPv6-in-IPv6 to a tunnel's HA address -> decap+check
 *          │               RH2 -> drop (RH-2) | anything else -> punt
 *          ├─ NS (NUD) on a home link -> ndproxy answer
 *          └─ bulk binding-cache lookup: hit -> encap | miss -> forward
 *
 * Packets a stage refuses come back with their drop reason in the mbuf's
 * fp_meta; those that deserve an ICMPv6 error (within the error budget) or
 * wait for a neighbour are punted, the others freed.
 */
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_ip_frag.h>

#include "fp_worker.h"
#include "nd_packet.h"
#include "ndproxy.h"

static uint16_t eth_tx(void *arg, uint16_t port, uint16_t queue, struct rte_mbuf **m, uint16_t n)
{
	RTE_SET_USED(arg);
	return rte_eth_tx_burst(port, queue, m, n);
}

void fp_worker_init(struct fp_worker *w, unsigned int worker_id, uint32_t icmp_pps)
{
	memset(w, 0, sizeof(*w));
	w->lc.worker = worker_id;
	w->tx = eth_tx;
	w->icmp_rate = icmp_pps ? icmp_pps : 1000;
	w->icmp_tokens = w->icmp_rate / 10 + 1;
	w->icmp_last = rte_get_timer_cycles();
}

void fp_punt(struct fp_lcore *lc, struct rte_mbuf *m, enum fp_punt why, uint16_t l3)
{
	struct fp_meta *md = fp_meta(m);

	md->punt = (uint8_t)why;
	md->l3 = l3;
	if (unlikely(rte_ring_mp_enqueue(fp_t.punt, m) != 0)) {
		lc->drops[FP_DROP_PUNT_FULL]++;
		rte_pktmbuf_free(m);
		return;
	}
	lc->punted++;
}

static void flush_port(struct fp_worker *w, uint16_t port)
{
	struct fp_txbuf *b = &w->out[port];
	uint16_t sent = w->tx(w->tx_arg, port, w->txq[port], b->m, b->n);

	w->lc.tx += sent;
	if (unlikely(sent < b->n)) {
		w->lc.drops[FP_DROP_TX_FULL] += (uint64_t)(b->n - sent);
		rte_pktmbuf_free_bulk(&b->m[sent], b->n - sent);
	}
	b->n = 0;
}

static inline void tx_buffer(struct fp_worker *w, struct rte_mbuf *m)
{
	uint16_t port = m->port;
	struct fp_txbuf *b;

	if (unlikely(port >= FP_MAX_PORTS)) {
		w->lc.drops[FP_DROP_NO_ROUTE]++;
		rte_pktmbuf_free(m);
		return;
	}
	b = &w->out[port];
	if (unlikely(b->n == FP_TXBUF))
		flush_port(w, port);
	b->m[b->n++] = m;
}

void fp_worker_flush(struct fp_worker *w)
{
	for (uint16_t p = 0; p < FP_MAX_PORTS; p++)
		if (w->out[p].n != 0)
			flush_port(w, p);
}

static inline void drop_free(struct fp_lcore *lc, struct rte_mbuf *m, enum fp_drop r)
{
	lc->drops[r]++;
	rte_pktmbuf_free(m);
}

/* RFC 4443 §2.4 (f): a token bucket bounds the errors the control thread
 * is asked to send; what exceeds it is only counted. */
static inline bool icmp_budget(struct fp_worker *w)
{
	uint64_t now = rte_get_timer_cycles();
	uint64_t per = rte_get_timer_hz() / w->icmp_rate;

	if (now - w->icmp_last >= per) {
		uint64_t add = (now - w->icmp_last) / per;
		uint64_t cap = w->icmp_rate / 10 + 1;

		w->icmp_tokens = RTE_MIN(cap, w->icmp_tokens + add);
		w->icmp_last += add * per;
	}
	if (w->icmp_tokens == 0) {
		w->lc.icmp_limited++;
		return false;
	}
	w->icmp_tokens--;
	return true;
}

/* MTU-3 (RFC 2473 §7.1 b): an encapsulated packet larger than the link MTU
 * (its inner packet was within the IPv6 minimum) leaves as fragments of the
 * outer packet. The link-layer header already built is copied in front of
 * each fragment. */
static void frag_outer(struct fp_worker *w, struct rte_mbuf *m, const struct fp_meta *md)
{
	struct rte_mbuf *frags[8];
	uint8_t l2[32];
	uint16_t l3 = md->l3, port = m->port;
	int n;

	if (l3 > sizeof(l2) || md->aux < 1280) {
		drop_free(&w->lc, m, FP_DROP_FRAG_FAIL);
		return;
	}
	memcpy(l2, rte_pktmbuf_mtod(m, const void *), l3);
	rte_pktmbuf_adj(m, l3);
	n = rte_ipv6_fragment_packet(m, frags, RTE_DIM(frags), (uint16_t)md->aux, fp_t.pool,
				     fp_t.pool);
	rte_pktmbuf_free(m);
	if (n <= 0) {
		w->lc.drops[FP_DROP_FRAG_FAIL]++;
		return;
	}
	for (int i = 0; i < n; i++) {
		uint8_t *h = (uint8_t *)rte_pktmbuf_prepend(frags[i], l3);

		if (h == NULL) {
			drop_free(&w->lc, frags[i], FP_DROP_FRAG_FAIL);
			continue;
		}
		memcpy(h, l2, l3);
		frags[i]->port = port;
		tx_buffer(w, frags[i]);
	}
	w->lc.encap++;
	w->lc.frag_extra += (uint64_t)(n - 1);
}

/* Packets a stage did not pass: [0, n) of @p pkts, reasons in fp_meta. */
static void stage_rest(struct fp_worker *w, struct rte_mbuf **pkts, uint16_t n)
{
	for (uint16_t i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		struct fp_meta *md = fp_meta(m);

		if (md->punt == FP_PUNT_LOCAL) {
			fp_punt(&w->lc, m, FP_PUNT_LOCAL, md->l3);
			continue;
		}
		switch (md->drop) {
		case FP_DROP_FRAG_FAIL:
			frag_outer(w, m, md);
			break;
		case FP_DROP_NEIGH_MISS:
			fp_punt(&w->lc, m, FP_PUNT_NEIGH_MISS, md->l3);
			break;
		case FP_DROP_HOP_LIMIT:
		case FP_DROP_NO_ROUTE:
		case FP_DROP_TOO_BIG:
		case FP_DROP_ENCAP_LIMIT:
		case FP_DROP_LL_TO_MN:
			if (icmp_budget(w))
				fp_punt(&w->lc, m, FP_PUNT_ICMP_ERR, md->l3);
			else
				rte_pktmbuf_free(m);
			break;
		default:
			rte_pktmbuf_free(m);
		}
	}
}

/* A stage passed [0, k) of @p pkts: buffer them for transmission; the rest
 * carry their reasons. @return k */
static uint16_t stage_out(struct fp_worker *w, struct rte_mbuf **pkts, uint16_t k, uint16_t n)
{
	for (uint16_t i = 0; i < k; i++)
		tx_buffer(w, pkts[i]);
	stage_rest(w, pkts + k, (uint16_t)(n - k));
	return k;
}

static inline bool home_link_of(uint16_t port, uint16_t *link)
{
	if (port >= FP_MAX_PORTS || fp_t.port[port].link == 0)
		return false;
	*link = (uint16_t)(fp_t.port[port].link - 1);
	return true;
}

/* NS received on home links: the proxy answers in place (ND-5). */
static void ns_burst(struct fp_worker *w, struct rte_mbuf **m, const struct fp_parsed *p,
		     const uint16_t *link, uint16_t n)
{
	const struct rte_ether_addr *mac[FP_BURST];
	const uint8_t *src[FP_BURST];
	uint8_t verdict[FP_BURST], reason[FP_BURST];

	for (uint16_t i = 0; i < n; i++) {
		mac[i] = &fp_t.port[m[i]->port].mac;
		src[i] = fp_t.port[m[i]->port].ll;
	}
	nd_ns_burst(m, p, link, n, mac, src, verdict, reason);
	for (uint16_t i = 0; i < n; i++) {
		switch (verdict[i]) {
		case ND_NS_ANSWER:
			w->lc.nd_answered++;
			tx_buffer(w, m[i]);
			break;
		case ND_NS_PUNT:
			fp_punt(&w->lc, m[i], FP_PUNT_ND, p[i].l3);
			break;
		default:
			drop_free(&w->lc, m[i], (enum fp_drop)reason[i]);
		}
	}
}

static inline uint8_t icmp_type(const struct rte_mbuf *m, const struct fp_parsed *p)
{
	if (p->proto != FP_NH_ICMPV6 || (uint32_t)p->l3 + p->ip_len <= p->l4)
		return 0;
	return *rte_pktmbuf_mtod_offset(m, const uint8_t *, p->l4);
}

static void mcast_input(struct fp_worker *w, struct rte_mbuf *m, const struct fp_parsed *p)
{
	uint8_t t = icmp_type(m, p);

	/* MLD (130-132, 143), RS, RA, NS, NA, Redirect (133-137) and MRD
	 * (151-153) are the control thread's; the HA routes no multicast. */
	if ((t >= 130 && t <= 137) || t == 143 || (t >= 151 && t <= 153)) {
		fp_punt(&w->lc, m, FP_PUNT_ND, p->l3);
		return;
	}
	drop_free(&w->lc, m, FP_DROP_MCAST_DST);
}

uint16_t fp_process(struct fp_worker *w, struct rte_mbuf **pkts, uint16_t n)
{
	struct fp_lcore *lc = &w->lc;
	struct rte_mbuf *cand[FP_BURST], *enc[FP_BURST], *dec[FP_BURST], *fwd[FP_BURST];
	struct fp_parsed pc[FP_BURST], pe[FP_BURST], pd[FP_BURST], pf[FP_BURST];
	const uint8_t *cdst[FP_BURST];
	const struct fp_binding *cb[FP_BURST], *eb[FP_BURST];
	struct rte_mbuf *ns[FP_BURST];
	struct fp_parsed pn[FP_BURST];
	uint16_t nlink[FP_BURST];
	uint8_t dtun[FP_BURST];
	uint16_t nc = 0, ne = 0, nd = 0, nf = 0, nn = 0, out = 0;
	uint64_t hits;

	lc->rx += n;
	for (uint16_t i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		struct fp_parsed p;
		const uint8_t *dst;
		uint16_t link;
		uint8_t tun;
		int r, kind;

		if (unlikely(m->nb_segs > 1) && rte_pktmbuf_linearize(m) != 0) {
			drop_free(lc, m, FP_DROP_SEGMENTED_HDR);
			continue;
		}
		r = fp_parse_eth(rte_pktmbuf_mtod(m, const uint8_t *), rte_pktmbuf_data_len(m), &p);
		if (unlikely(r != 0)) {
			drop_free(lc, m, (enum fp_drop)r);
			continue;
		}
		dst = rte_pktmbuf_mtod_offset(m, const uint8_t *, p.l3 + 24);
		/* NS on a home link, multicast or unicast (NUD): proxy ND. A
		 * unicast NS for an own address is the control thread's. */
		if (unlikely(icmp_type(m, &p) == ND_TYPE_NS) && home_link_of(m->port, &link) &&
		    (dst[0] == 0xff || fp_local_lookup(dst, &tun) == 0)) {
			ns[nn] = m;
			pn[nn] = p;
			nlink[nn++] = link;
			continue;
		}
		if (unlikely(dst[0] == 0xff)) {
			mcast_input(w, m, &p);
			continue;
		}
		kind = fp_local_lookup(dst, &tun);
		if (kind != 0) {
			/* RH-2: the HA owns no home address; an RH2 naming one
			 * of its addresses is never processed or forwarded. */
			if (unlikely(p.flags & FP_P_RH2)) {
				drop_free(lc, m, FP_DROP_RH2_AT_HA);
			} else if (kind == FP_LOCAL_HA && p.proto == FP_NH_IPV6) {
				dec[nd] = m;
				pd[nd] = p;
				dtun[nd++] = tun;
			} else {
				fp_punt(lc, m, FP_PUNT_LOCAL, p.l3);
			}
			continue;
		}
		cand[nc] = m;
		pc[nc] = p;
		cdst[nc++] = dst;
	}
	if (nn)
		ns_burst(w, ns, pn, nlink, nn);
	hits = nc ? fp_bc_lookup_bulk(cdst, nc, cb) : 0;
	for (uint16_t i = 0; i < nc; i++) {
		if ((hits >> i) & 1) {
			enc[ne] = cand[i];
			pe[ne] = pc[i];
			eb[ne++] = cb[i];
		} else {
			fwd[nf] = cand[i];
			pf[nf++] = pc[i];
		}
	}
	if (ne)
		out = (uint16_t)(out + stage_out(w, enc, fp_encap_burst(lc, enc, pe, eb, ne), ne));
	if (nd)
		out =
		    (uint16_t)(out + stage_out(w, dec, fp_decap_burst(lc, dec, pd, dtun, nd), nd));
	if (nf)
		out = (uint16_t)(out + stage_out(w, fwd, fp_fwd_burst(lc, fwd, pf, nf), nf));
	return out;
}

uint16_t fp_inject_poll(struct fp_worker *w)
{
	struct rte_mbuf *m[FP_BURST];
	unsigned int n = rte_ring_mc_dequeue_burst(fp_t.inject, (void **)m, FP_BURST, NULL);

	for (unsigned int i = 0; i < n; i++) {
		uint32_t port = fp_meta(m[i])->aux;

		if (unlikely(port >= FP_MAX_PORTS || !fp_t.port[port].valid)) {
			drop_free(&w->lc, m[i], FP_DROP_NO_ROUTE);
			continue;
		}
		m[i]->port = (uint16_t)port;
		tx_buffer(w, m[i]);
	}
	w->lc.injected += n;
	return (uint16_t)n;
}

uint32_t fp_worker_poll(struct fp_worker *w)
{
	struct rte_mbuf *pkts[FP_BURST];
	uint32_t total = 0;

	for (uint16_t q = 0; q < w->nrxq; q++) {
		uint16_t n = rte_eth_rx_burst(w->rxq[q].port, w->rxq[q].queue, pkts, FP_BURST);

		if (n == 0)
			continue;
		total += n;
		fp_process(w, pkts, n);
	}
	if (w->serve_inject)
		fp_inject_poll(w);
	fp_worker_flush(w);
	return total;
}

int fp_worker_run(struct fp_worker *w, volatile const bool *stop)
{
	int ret = fp_reader_register(w->lc.worker);

	if (ret != 0)
		return ret;
	while (!__atomic_load_n(stop, __ATOMIC_RELAXED)) {
		fp_worker_poll(w);
		/* ARCHITECTURE.md rule 1: no table pointer is held past here. */
		fp_reader_quiescent(w->lc.worker);
	}
	fp_reader_unregister(w->lc.worker);
	return 0;
}
