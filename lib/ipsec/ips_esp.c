/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ESP input and output (RFC 4303) for the control thread: packets come and
 * go as byte buffers, are copied into an mbuf of the library's pool and run
 * through librte_ipsec's synchronous CPU-crypto path
 * (rte_ipsec_pkt_cpu_prepare, which also does the cryptography, then
 * rte_ipsec_pkt_process: trailer, padding and anti-replay window).
 */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_mbuf.h>

#include "ips_priv.h"

#define NH_MH 135
#define ICMP6_MPS 146 /* Mobile Prefix Solicitation (RFC 6275 §6.7) */
#define ICMP6_MPA 147 /* Mobile Prefix Advertisement (RFC 6275 §6.8) */

/* Extension headers in front of ESP or the upper layer. */
struct hdrs {
	uint32_t off;       /* first header that is not HBH, DO or RH */
	uint8_t nh;         /* its protocol */
	const uint8_t *rh2; /* address of a type 2 routing header, else NULL */
};

static int walk(const uint8_t *p, uint32_t len, struct hdrs *h)
{
	uint32_t plen;

	if (len < 40 || (p[0] >> 4) != 6)
		return -EINVAL;
	plen = (uint32_t)p[4] << 8 | p[5];
	if (40 + plen > len)
		return -EINVAL;
	h->off = 40;
	h->nh = p[6];
	h->rh2 = NULL;
	for (unsigned int n = 0;
	     h->nh == IPPROTO_HOPOPTS || h->nh == IPPROTO_DSTOPTS || h->nh == IPPROTO_ROUTING;
	     n++) {
		if (n > 8 || h->off + 8 > 40 + plen)
			return -EINVAL;
		const uint8_t *x = p + h->off;
		uint32_t hl = ((uint32_t)x[1] + 1) * 8;

		if (h->off + hl > 40 + plen)
			return -EINVAL;
		if (h->nh == IPPROTO_ROUTING && x[2] == 2 && hl == 24)
			h->rh2 = x + 8;
		h->nh = x[0];
		h->off += hl;
	}
	return 0;
}

static struct rte_mbuf *to_mbuf(const uint8_t *p, uint32_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(ips.pool);

	if (m == NULL)
		return NULL;
	if (rte_pktmbuf_append(m, (uint16_t)len) == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memcpy(rte_pktmbuf_mtod(m, uint8_t *), p, len);
	return m;
}

/* Copy the result out (the pool's mbufs hold a packet in one segment)
 * and free the mbuf. @return its length or -ENOBUFS (counted). */
static int from_mbuf(struct rte_mbuf *m, uint8_t *out, uint32_t cap)
{
	uint32_t n = rte_pktmbuf_pkt_len(m);
	int r = -ENOBUFS;

	if (n <= cap && m->nb_segs == 1) {
		memcpy(out, rte_pktmbuf_mtod(m, const uint8_t *), n);
		r = (int)n;
	}
	rte_pktmbuf_free(m);
	if (r < 0)
		ips_drop(IPS_DROP_NO_BUF);
	return r;
}

/* Transport mode: the upper layer must be the SA's (SEC-2, SEC-5). Tunnel
 * mode: the inner packet comes from the SA's HoA and carries a Mobility
 * Header (SEC-4: HoTI). */
static bool selectors_ok(const struct ips_sa *s, const uint8_t *p, uint32_t len, bool tunnel)
{
	struct hdrs h;

	if (walk(p, len, &h) != 0)
		return false;
	if (tunnel)
		return memcmp(p + 8, s->conf.hoa, 16) == 0 && h.nh == NH_MH;
	if (s->conf.traffic == IPS_TR_PREFIX_DISCOVERY)
		return h.nh == IPPROTO_ICMPV6 && h.off < len && p[h.off] == ICMP6_MPS;
	return h.nh == NH_MH;
}

static int in_fail(struct ips_sa *s, enum ips_drop why, int ret)
{
	if (s != NULL && why == IPS_DROP_REPLAY)
		s->st.replay++;
	else if (s != NULL && why == IPS_DROP_AUTH)
		s->st.auth_fail++;
	else if (s != NULL && why == IPS_DROP_SELECTOR)
		s->st.selector++;
	ips_drop(why);
	return ret;
}

int ips_esp_input(const uint8_t *ip6, uint32_t len, uint8_t *out, uint32_t cap, struct ips_rx *rx)
{
	struct hdrs h;
	struct ips_sa *s;
	struct rte_mbuf *m;
	uint32_t spi;
	bool tunnel;
	int n;

	if (ip6 == NULL || out == NULL || rx == NULL)
		return -EINVAL;
	if (!ips.up || walk(ip6, len, &h) != 0 || h.nh != IPPROTO_ESP)
		return -ENOMSG;
	len = 40 + ((uint32_t)ip6[4] << 8 | ip6[5]);
	if (h.off + 8 > len || h.off >= IPS_MAX_HDRS)
		return in_fail(NULL, IPS_DROP_MALFORMED, -EINVAL);
	memcpy(&spi, ip6 + h.off, 4);
	spi = rte_be_to_cpu_32(spi);
	s = ips_in_lookup(spi);
	if (s == NULL)
		return in_fail(NULL, IPS_DROP_NO_SA, -ENOENT);
	m = to_mbuf(ip6, len);
	if (m == NULL)
		return in_fail(NULL, IPS_DROP_NO_BUF, -ENOBUFS);
	m->l2_len = 0;
	m->l3_len = h.off;
	if (rte_ipsec_pkt_cpu_prepare(&s->ss, &m, 1) != 1) {
		/* a bad length is EBADMSG; anything else is the window check */
		bool bad = rte_errno == EBADMSG;

		rte_pktmbuf_free(m);
		return bad ? in_fail(s, IPS_DROP_MALFORMED, -EINVAL)
			   : in_fail(s, IPS_DROP_REPLAY, -EALREADY);
	}
	/* ICV and padding checked here; the window moves only for good packets */
	if (rte_ipsec_pkt_process(&s->ss, &m, 1) != 1) {
		rte_pktmbuf_free(m);
		return in_fail(s, IPS_DROP_AUTH, -EBADMSG);
	}
	n = from_mbuf(m, out, cap);
	if (n < 0)
		return n;
	tunnel = s->conf.traffic == IPS_TR_RETURN_ROUTABILITY;
	if (!selectors_ok(s, out, (uint32_t)n, tunnel))
		return in_fail(s, IPS_DROP_SELECTOR, -EPERM);
	s->st.packets++;
	s->st.bytes += (uint32_t)n;
	ips.st.in_ok++;
	rx->spi = spi;
	rx->traffic = s->conf.traffic;
	rx->tunnel = tunnel;
	memcpy(rx->hoa, s->conf.hoa, 16);
	return n;
}

/* Run one outbound mbuf through its SA. @return 0 or -errno (counted). */
static int out_one(struct ips_sa *s, struct rte_mbuf *m)
{
	if (rte_ipsec_pkt_cpu_prepare(&s->ss, &m, 1) != 1 ||
	    rte_ipsec_pkt_process(&s->ss, &m, 1) != 1) {
		int r = rte_errno == EOVERFLOW ? -EOVERFLOW : -ENOBUFS;

		ips_drop(r == -EOVERFLOW ? IPS_DROP_SEQ_OVERFLOW : IPS_DROP_NO_BUF);
		rte_pktmbuf_free(m);
		return r;
	}
	s->st.packets++;
	ips.st.out_ok++;
	return 0;
}

int ips_esp_output(const uint8_t *ip6, uint32_t len, uint8_t *out, uint32_t cap)
{
	struct hdrs h;
	struct ips_sa *s;
	struct rte_mbuf *m;
	enum ips_traffic t;
	int r;

	if (!ips.up)
		return -ENOENT;
	if (ip6 == NULL || out == NULL || walk(ip6, len, &h) != 0 || h.off >= IPS_MAX_HDRS)
		return -EINVAL;
	len = 40 + ((uint32_t)ip6[4] << 8 | ip6[5]);
	if (h.nh == NH_MH)
		t = IPS_TR_SIGNALLING;
	else if (h.nh == IPPROTO_ICMPV6 && h.off < len && ip6[h.off] == ICMP6_MPA)
		t = IPS_TR_PREFIX_DISCOVERY;
	else
		return -ENOENT;
	/* SEC-2: the selector is the HoA, the final destination (BA-6) */
	s = ips_out_lookup(h.rh2 != NULL ? h.rh2 : ip6 + 24, t);
	if (s == NULL)
		return -ENOENT;
	m = to_mbuf(ip6, len);
	if (m == NULL) {
		ips_drop(IPS_DROP_NO_BUF);
		return -ENOBUFS;
	}
	m->l2_len = 0;
	m->l3_len = h.off;
	s->st.bytes += len;
	r = out_one(s, m);
	return r != 0 ? r : from_mbuf(m, out, cap);
}

uint16_t ips_tunnel_encap_burst(struct ips_sa *s, struct rte_mbuf **m, uint16_t n,
				const uint8_t src[16], const uint8_t dst[16])
{
	uint16_t k;

	for (uint16_t i = 0; i < n; i++) {
		m[i]->l2_len = 0;
		m[i]->l3_len = sizeof(struct rte_ipv6_hdr);
		s->st.bytes += rte_pktmbuf_pkt_len(m[i]);
	}
	k = rte_ipsec_pkt_cpu_prepare(&s->ss, m, n);
	k = rte_ipsec_pkt_process(&s->ss, m, k);
	/* The outer addresses are not covered by the ICV (RFC 4303 §3.1.2):
	 * they follow the binding without touching the SA (SEC-6). */
	for (uint16_t i = 0; i < k; i++) {
		uint8_t *o = rte_pktmbuf_mtod(m[i], uint8_t *);

		memcpy(o + 8, src, 16);
		memcpy(o + 24, dst, 16);
	}
	s->st.packets += k;
	return k;
}

int ips_esp_tunnel_output(const uint8_t *inner, uint32_t len, const uint8_t src[16],
			  const uint8_t dst[16], uint8_t *out, uint32_t cap)
{
	struct hdrs h;
	struct ips_sa *s;
	struct rte_mbuf *m;

	if (!ips.up || inner == NULL || out == NULL || walk(inner, len, &h) != 0)
		return -EINVAL;
	s = ips_out_lookup(inner + 24, IPS_TR_RETURN_ROUTABILITY);
	if (s == NULL)
		return -ENOENT;
	m = to_mbuf(inner, 40 + ((uint32_t)inner[4] << 8 | inner[5]));
	if (m == NULL) {
		ips_drop(IPS_DROP_NO_BUF);
		return -ENOBUFS;
	}
	if (ips_tunnel_encap_burst(s, &m, 1, src, dst) != 1) {
		ips_drop(rte_errno == EOVERFLOW ? IPS_DROP_SEQ_OVERFLOW : IPS_DROP_NO_BUF);
		rte_pktmbuf_free(m);
		return rte_errno == EOVERFLOW ? -EOVERFLOW : -ENOBUFS;
	}
	ips.st.out_ok++;
	return from_mbuf(m, out, cap);
}
