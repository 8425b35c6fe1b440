/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Checksums, address classes and the packets the control plane emits:
 * Binding Acknowledgement, Binding Error, Binding Refresh Request, ICMPv6
 * Parameter Problem. Everything is built in a 1280-octet stack buffer.
 */
#include <arpa/inet.h>
#include <errno.h>

#include "hac_priv.h"
#include "npf_mipv6ha_runtime.h"

/*
 * RFC 1071 one's-complement sum over the RFC 2460 §8.1 pseudo-header and the
 * upper-layer packet. DPDK's rte_raw_cksum would do, but this module must not
 * depend on DPDK headers (its tests compare both).
 */
static uint32_t sum16(uint32_t s, const uint8_t *p, uint32_t len)
{
	uint32_t i;
	for (i = 0; i + 1 < len; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		s += (uint32_t)p[len - 1] << 8;
	return s;
}

uint16_t hac_cksum(const uint8_t src[16], const uint8_t dst[16], uint8_t nh, const uint8_t *p,
		   uint32_t len)
{
	uint32_t s = 0;
	s = sum16(s, src, 16);
	s = sum16(s, dst, 16);
	s += len >> 16;
	s += len & 0xFFFF;
	s += nh;
	/* fold in chunks so a long packet cannot overflow 32 bits */
	while (len > 0) {
		uint32_t n = len > 4096 ? 4096 : len;
		s = sum16(s, p, n);
		s = (s & 0xFFFF) + (s >> 16);
		p += n;
		len -= n;
	}
	while (s >> 16)
		s = (s & 0xFFFF) + (s >> 16);
	return (uint16_t)~s;
}

static void to_in6(struct in6_addr *o, const uint8_t a[16])
{
	memcpy(o, a, 16);
}

/* Unicast and usable beyond the link: RFC 6275 §9.3.1, §6.1.7 (HAO-1, BU-1, BU-2). */
bool hac_addr_unicast_routable(const uint8_t a[16])
{
	struct in6_addr x;
	to_in6(&x, a);
	return !(IN6_IS_ADDR_UNSPECIFIED(&x) || IN6_IS_ADDR_LOOPBACK(&x) ||
		 IN6_IS_ADDR_MULTICAST(&x) || IN6_IS_ADDR_LINKLOCAL(&x) ||
		 IN6_IS_ADDR_SITELOCAL(&x) || IN6_IS_ADDR_V4MAPPED(&x) || IN6_IS_ADDR_V4COMPAT(&x));
}

/* A unicast address of any scope (BA-4, BE-1). */
bool hac_addr_is_unicast(const uint8_t a[16])
{
	struct in6_addr x;
	to_in6(&x, a);
	return !(IN6_IS_ADDR_UNSPECIFIED(&x) || IN6_IS_ADDR_MULTICAST(&x));
}

bool hac_prefix_match(const uint8_t a[16], const uint8_t p[16], uint8_t len)
{
	if (len > 128)
		return false;
	unsigned int bytes = len / 8, bits = len % 8;
	if (memcmp(a, p, bytes) != 0)
		return false;
	if (bits == 0)
		return true;
	uint8_t mask = (uint8_t)(0xFF << (8 - bits));
	return (a[bytes] & mask) == (p[bytes] & mask);
}

int hac_tx(struct hac *h, uint16_t port, const uint8_t *pkt, uint32_t len)
{
	int rc = h->io.tx(h->io.arg, port, pkt, len);
	if (rc != 0)
		h->st.tx_fail++;
	return rc;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* IPv6 header, hop limit 64, no traffic class / flow label. */
static void ip6_hdr(uint8_t *p, uint16_t plen, uint8_t nh, uint8_t hlim, const uint8_t src[16],
		    const uint8_t dst[16])
{
	memset(p, 0, 8);
	p[0] = 0x60;
	put16(p + 4, plen);
	p[6] = nh;
	p[7] = hlim;
	memcpy(p + 8, src, 16);
	memcpy(p + 24, dst, 16);
}

/*
 * Binding Acknowledgement (RFC 6275 §6.1.8, §9.5.4, §10.3.1):
 * IPv6(src = address the BU was sent to, dst = BU source) [| RH2(HoA)] | MH.
 * BA-5: RH2 exactly when the BU carried a HAO. BA-7 / MH-2: the checksum's
 * pseudo-header destination is the final destination, the HoA in the RH2.
 * The 12-octet message is padded to 16 with the Binding Refresh Advice
 * (2n-aligned at 12, LT-7) or a PadN.
 */
void hac_send_ba(struct hac *h, const struct hac_reply *r, uint8_t status, uint8_t kflag,
		 uint16_t seq, uint16_t lifetime_units, uint16_t refresh_units)
{
	uint8_t pkt[40 + 24 + 16];
	uint32_t off = 40;
	const uint8_t *final_dst = r->dst;
	if (r->rh2) {
		struct ip6_rthdr2 rh;
		memset(&rh, 0, sizeof(rh));
		rh.ip6r2_nxt = IPPROTO_MH;
		rh.ip6r2_len = 2;
		rh.ip6r2_type = IPV6_RTHDR_TYPE_2;
		rh.ip6r2_segleft = 1;
		memcpy(&rh.ip6r2_homeaddr, r->hoa, 16);
		memcpy(pkt + off, &rh, sizeof(rh));
		off += sizeof(rh);
		final_dst = r->hoa;
	}
	uint8_t *mh = pkt + off;
	struct ip6_mh_binding_ack ba;
	memset(&ba, 0, sizeof(ba));
	ba.ip6mhba_proto = IPPROTO_NONE;
	ba.ip6mhba_hdrlen = 1;
	ba.ip6mhba_type = IP6_MH_TYPE_BACK;
	ba.ip6mhba_status = status;
	ba.ip6mhba_flags = kflag ? IP6_MH_BA_KEYM : 0;
	ba.ip6mhba_seqno = htons(seq);
	ba.ip6mhba_lifetime = htons(lifetime_units);
	memcpy(mh, &ba, sizeof(ba));
	if (refresh_units != 0) {
		struct ip6_mh_opt_refresh_advice bra = {IP6_MHOPT_BREFRESH, 2,
							htons(refresh_units)};
		memcpy(mh + 12, &bra, sizeof(bra));
	} else {
		static const uint8_t padn[4] = {IP6_MHOPT_PADN, 2, 0, 0};
		memcpy(mh + 12, padn, 4);
	}
	off += 16;
	ip6_hdr(pkt, (uint16_t)(off - 40), r->rh2 ? IPPROTO_ROUTING : IPPROTO_MH, HAC_HOP_LIMIT,
		r->src, r->dst);
	uint16_t ck = htons(hac_cksum(r->src, final_dst, IPPROTO_MH, mh, 16));
	memcpy(mh + 4, &ck, 2);
	if (hac_tx(h, r->port, pkt, off) == 0)
		h->st.ba_tx[status]++;
}

/* Token bucket shared by Binding Errors and ICMPv6 errors (BE-3, RFC 4443 §2.4f). */
bool hac_rate_ok(struct hac *h)
{
	uint64_t now = npf_mipv6ha_now_ms();
	uint64_t rate = h->cfg.be_rate_per_s ? h->cfg.be_rate_per_s : HAC_DEFAULT_BE_RATE;
	uint64_t cap = rate * 1000;
	if (now > h->tb_last_ms) {
		uint64_t add = (now - h->tb_last_ms) * rate;
		h->tb_tokens_milli =
		    h->tb_tokens_milli + add > cap ? cap : h->tb_tokens_milli + add;
		h->tb_last_ms = now;
	}
	if (h->tb_tokens_milli < 1000) {
		hac_drop(h, HAC_DROP_RATE_LIMITED);
		return false;
	}
	h->tb_tokens_milli -= 1000;
	return true;
}

/*
 * Binding Error (RFC 6275 §6.1.9, §9.3.3): to the offending packet's wire
 * source (BE-1), Home Address = the HAO value or :: (BE-2), no RH2, no HAO,
 * routed without Binding Cache data (MH-8), rate limited (BE-3).
 */
void hac_send_be(struct hac *h, const uint8_t src[16], const uint8_t dst[16], uint8_t status,
		 const uint8_t hoa[16])
{
	if (!hac_addr_is_unicast(dst) || !hac_addr_is_unicast(src))
		return;
	if (!hac_rate_ok(h))
		return;
	uint8_t pkt[40 + 24];
	struct ip6_mh_binding_error be;
	memset(&be, 0, sizeof(be));
	be.ip6mhbe_proto = IPPROTO_NONE;
	be.ip6mhbe_hdrlen = 2;
	be.ip6mhbe_type = IP6_MH_TYPE_BERROR;
	be.ip6mhbe_status = status;
	if (hoa != NULL)
		memcpy(&be.ip6mhbe_homeaddr, hoa, 16);
	memcpy(pkt + 40, &be, sizeof(be));
	ip6_hdr(pkt, 24, IPPROTO_MH, HAC_HOP_LIMIT, src, dst);
	uint16_t ck = htons(hac_cksum(src, dst, IPPROTO_MH, pkt + 40, 24));
	memcpy(pkt + 44, &ck, 2);
	if (hac_tx(h, HAC_PORT_ROUTE, pkt, sizeof(pkt)) == 0) {
		h->st.be_tx++;
		if (status < 3)
			h->st.be_tx_status[status]++;
	}
}

/*
 * ICMPv6 Parameter Problem code 0 (RFC 4443 §3.4) for MH-4 / MH-5, straight
 * to the IPv6 source (no Binding Cache, no RH2), carrying as much of the
 * invoking packet as keeps the message within 1280 octets.
 */
void hac_send_param_problem(struct hac *h, const uint8_t *ip6, uint32_t len, uint32_t pointer)
{
	const uint8_t *osrc = ip6 + 8, *odst = ip6 + 24;
	if (!hac_addr_is_unicast(osrc) || !hac_addr_is_unicast(odst))
		return;
	if (!hac_rate_ok(h))
		return;
	uint8_t pkt[HAC_PKT_MAX];
	uint32_t n = len > HAC_PKT_MAX - 48 ? HAC_PKT_MAX - 48 : len;
	uint8_t *ic = pkt + 40;
	memset(ic, 0, 8);
	ic[0] = ICMP6_PARAM_PROB;
	ic[1] = ICMP6_PARAMPROB_HEADER;
	ic[4] = (uint8_t)(pointer >> 24);
	ic[5] = (uint8_t)(pointer >> 16);
	ic[6] = (uint8_t)(pointer >> 8);
	ic[7] = (uint8_t)pointer;
	memcpy(ic + 8, ip6, n);
	ip6_hdr(pkt, (uint16_t)(8 + n), IPPROTO_ICMPV6, HAC_HOP_LIMIT, odst, osrc);
	uint16_t ck = htons(hac_cksum(odst, osrc, IPPROTO_ICMPV6, ic, 8 + n));
	memcpy(ic + 2, &ck, 2);
	if (hac_tx(h, HAC_PORT_ROUTE, pkt, 48 + n) == 0)
		h->st.icmp_err_tx++;
}

/*
 * Binding Refresh Request (RFC 6275 §6.1.2, §10.3.1 "MAY"): to the HoA, no
 * RH2 (MH-8); the forwarding plane tunnels it to the registered CoA.
 */
void hac_send_brr(struct hac *h, const struct hac_binding *b)
{
	uint8_t pkt[40 + 8];
	struct ip6_mh_binding_request br;
	memset(&br, 0, sizeof(br));
	br.ip6mhbr_proto = IPPROTO_NONE;
	br.ip6mhbr_hdrlen = 0;
	br.ip6mhbr_type = IP6_MH_TYPE_BRR;
	memcpy(pkt + 40, &br, sizeof(br));
	ip6_hdr(pkt, 8, IPPROTO_MH, HAC_HOP_LIMIT, b->ha_addr, b->k_hoa.a);
	uint16_t ck = htons(hac_cksum(b->ha_addr, b->k_hoa.a, IPPROTO_MH, pkt + 40, 8));
	memcpy(pkt + 44, &ck, 2);
	if (hac_tx(h, HAC_PORT_ROUTE, pkt, sizeof(pkt)) == 0)
		h->st.brr_tx++;
}
