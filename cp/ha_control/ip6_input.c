/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entry of punted packets: IPv6 header and extension headers, the Home
 * Address option (RFC 6275 §9.3.1, §10.3.1), then MH or ICMPv6.
 */
#include <arpa/inet.h>
#include <errno.h>

#include "hac_priv.h"

/* Destination options: HAO (HAO-1, HAO-2); unknown options by their action bits. */
static int parse_dstopts(struct hac *h, struct hac_rx *rx, const uint8_t *p, uint32_t hlen)
{
	uint32_t q = 2;
	while (q < hlen) {
		uint8_t t = p[q];
		if (t == IP6OPT_PAD1) {
			q++;
			continue;
		}
		if (q + 2 > hlen || q + 2 + p[q + 1] > hlen) {
			hac_drop(h, HAC_DROP_EXTHDR);
			return -EINVAL;
		}
		uint8_t olen = p[q + 1];
		if (t == IP6OPT_HOME_ADDRESS) {
			if (olen != 16) {
				hac_drop(h, HAC_DROP_EXTHDR);
				return -EINVAL;
			}
			if (rx->has_hao) { /* HAO-2: at most one per IPv6 header */
				hac_drop(h, HAC_DROP_HAO_DUP);
				return -EINVAL;
			}
			memcpy(rx->hoa, p + q + 2, 16);
			rx->has_hao = true;
			if (!hac_addr_unicast_routable(rx->hoa)) { /* HAO-1 */
				hac_drop(h, HAC_DROP_HAO_BAD_ADDR);
				return -EINVAL;
			}
		} else if (t != IP6OPT_PADN && (t & 0xC0) != 0) {
			/* RFC 2460 §4.2: action bits other than 00 discard */
			hac_drop(h, HAC_DROP_DSTOPT_UNKNOWN);
			return -EINVAL;
		}
		q += 2u + olen;
	}
	return 0;
}

/* HAO-3/HAO-4: a HAO on anything but MH (or ESP/AH, removed before us) needs a binding. */
static bool hao_check(struct hac *h, const struct hac_rx *rx)
{
	if (!rx->has_hao || rx->ul_proto == IPPROTO_MH)
		return true;
	uint32_t link, pfx;
	if (rx->m->esp_ok && hac_link_of_hoa(h, rx->hoa, &link, &pfx) == 0)
		return true; /* HAO-4: IPsec-protected, an HoA we could serve */
	const struct hac_binding *b = hac_lookup(h, rx->hoa);
	if (b != NULL && b->st == HAC_B_VALID && memcmp(b->k_hoa.a, rx->hoa, 16) == 0 &&
	    memcmp(b->coa, rx->src, 16) == 0)
		return true;
	hac_drop(h, HAC_DROP_HAO_NO_BINDING);
	hac_send_be(h, rx->dst, rx->src, IP6_MH_BES_UNKNOWN_HAO, rx->hoa); /* HAO-5 */
	return false;
}

void hac_input(struct hac *h, const struct hac_pkt_meta *m, const uint8_t *ip6, uint32_t len)
{
	if (h == NULL || m == NULL || ip6 == NULL)
		return;
	h->st.rx_pkts++;
	if (len < 40) {
		hac_drop(h, HAC_DROP_SHORT);
		return;
	}
	if ((ip6[0] >> 4) != 6) {
		hac_drop(h, HAC_DROP_NOT_IPV6);
		return;
	}
	uint32_t plen = (uint32_t)ip6[4] << 8 | ip6[5];
	if (40 + plen > len) {
		hac_drop(h, HAC_DROP_SHORT);
		return;
	}
	struct hac_rx rx;
	memset(&rx, 0, sizeof(rx));
	rx.pkt = ip6;
	rx.len = 40 + plen;
	rx.m = m;
	memcpy(rx.src, ip6 + 8, 16);
	memcpy(rx.dst, ip6 + 24, 16);
	uint8_t nh = ip6[6];
	uint32_t off = 40;
	for (unsigned int n = 0;; n++) {
		if (nh == IPPROTO_MH || nh == IPPROTO_ICMPV6)
			break;
		if (nh == IPPROTO_FRAGMENT) {
			hac_drop(h, HAC_DROP_FRAGMENT);
			return;
		}
		if (nh == IPPROTO_ESP || nh == IPPROTO_AH) {
			hac_drop(h, HAC_DROP_IPSEC_UNPROCESSED);
			return;
		}
		if (nh != IPPROTO_HOPOPTS && nh != IPPROTO_DSTOPTS && nh != IPPROTO_ROUTING) {
			hac_drop(h, HAC_DROP_PROTO);
			return;
		}
		if ((nh == IPPROTO_HOPOPTS && n != 0) || n > 8 || off + 2 > rx.len) {
			hac_drop(h, HAC_DROP_EXTHDR);
			return;
		}
		uint32_t hlen = ((uint32_t)ip6[off + 1] + 1) * 8;
		if (off + hlen > rx.len) {
			hac_drop(h, HAC_DROP_EXTHDR);
			return;
		}
		const uint8_t *p = ip6 + off;
		if (nh == IPPROTO_ROUTING && p[3] != 0) {
			/* RH-2: an RH2 with segments left is never forwarded by the HA */
			hac_drop(h, p[2] == IPV6_RTHDR_TYPE_2 ? HAC_DROP_RH2 : HAC_DROP_ROUTING);
			return;
		}
		if (nh == IPPROTO_DSTOPTS && parse_dstopts(h, &rx, p, hlen) != 0)
			return;
		nh = p[0];
		off += hlen;
	}
	rx.ul_off = off;
	rx.ul_len = rx.len - off;
	rx.ul_proto = nh;
	if (!hao_check(h, &rx))
		return;
	if (nh == IPPROTO_MH)
		hac_mh_input(h, &rx);
	else
		hac_icmp6_input(h, &rx);
}
