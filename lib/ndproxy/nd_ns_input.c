/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Neighbor Solicitation input on a home link, run by the worker lcore that
 * received it (ND-5, ND-6): a valid NS for a proxied address in state VALID
 * is turned, in its own mbuf, into the NA that answers it. Nothing here
 * allocates or takes a lock; the proxied-address table is read under RCU.
 */
#include <errno.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_ip.h>

#include "nd_packet.h"
#include "ndproxy.h"

static const uint8_t all_nodes[16] = {0xff, 0x02, [15] = 0x01};
/* ff02::1:ff00:0/104, RFC 4291 §2.7.1 */
static const uint8_t sn_prefix[13] = {0xff, 0x02, [11] = 0x01, [12] = 0xff};

static inline bool is_unspec(const uint8_t *a)
{
	static const uint8_t z[16];

	return memcmp(a, z, 16) == 0;
}

static inline bool is_solicited_node(const uint8_t *a)
{
	return memcmp(a, sn_prefix, 13) == 0;
}

void nd_solicited_node(const uint8_t a[16], uint8_t out[16])
{
	memcpy(out, sn_prefix, 13);
	memcpy(out + 13, a + 13, 3);
}

void nd_mcast_mac(const uint8_t a[16], struct rte_ether_addr *out)
{
	out->addr_bytes[0] = 0x33;
	out->addr_bytes[1] = 0x33;
	memcpy(&out->addr_bytes[2], a + 12, 4);
}

uint16_t nd_icmp6_cksum(const uint8_t *ip, const uint8_t *l4, uint32_t n)
{
	/* RFC 8200 §8.1 pseudo-header: source, destination, upper-layer
	 * length, next header 58. */
	uint32_t sum = rte_raw_cksum(ip + 8, 32);
	uint32_t len = rte_cpu_to_be_32(n);
	uint32_t nh = rte_cpu_to_be_32(58);

	sum += rte_raw_cksum(&len, 4) + rte_raw_cksum(&nh, 4);
	sum += rte_raw_cksum(l4, n);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

int nd_msg_parse(const uint8_t *frame, uint32_t len, const struct fp_parsed *p, struct nd_msg *out)
{
	const uint8_t *ip = frame + p->l3;
	const uint8_t *icmp = frame + p->l4;
	uint32_t n;

	if (p->proto != FP_NH_ICMPV6 || (uint32_t)p->l3 + p->ip_len > len || p->l4 < p->l3 + 40)
		return -EINVAL;
	n = (uint32_t)p->l3 + p->ip_len - p->l4;
	/* RFC 4861 §7.1.1/§7.1.2: hop limit 255, code 0, 24 bytes at least. */
	if (ip[7] != 255 || n < 24 || icmp[1] != 0 ||
	    (icmp[0] != ND_TYPE_NS && icmp[0] != ND_TYPE_NA))
		return -EINVAL;
	if (nd_icmp6_cksum(ip, icmp, n) != 0)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	out->type = icmp[0];
	out->flags = icmp[4];
	memcpy(out->target, icmp + 8, 16);
	if (out->target[0] == 0xff)
		return -EINVAL; /* multicast target */
	for (uint32_t o = 24; o < n;) {
		if (n - o < 2 || icmp[o + 1] == 0 || (uint32_t)icmp[o + 1] * 8 > n - o)
			return -EINVAL; /* zero-length or overrunning option */
		uint8_t want = out->type == ND_TYPE_NS ? ND_OPT_SLLA : ND_OPT_TLLA;

		if (icmp[o] == want && icmp[o + 1] == 1) {
			out->has_lla = true;
			memcpy(out->lla.addr_bytes, icmp + o + 2, 6);
		}
		o += (uint32_t)icmp[o + 1] * 8;
	}
	if (out->type == ND_TYPE_NS && is_unspec(ip + 8) &&
	    (!is_solicited_node(ip + 24) || out->has_lla))
		return -EINVAL; /* §7.1.1: DAD probes go to the solicited-node group, no SLLA */
	if (out->type == ND_TYPE_NA && ip[24] == 0xff && (out->flags & ND_NA_S))
		return -EINVAL; /* §7.1.2: a multicast NA is not solicited */
	return 0;
}

static void write_ip6(uint8_t *ip, const uint8_t src[16], const uint8_t dst[16], uint16_t plen)
{
	struct rte_ipv6_hdr *h = (struct rte_ipv6_hdr *)ip;

	h->vtc_flow = rte_cpu_to_be_32(6u << 28);
	h->payload_len = rte_cpu_to_be_16(plen);
	h->proto = FP_NH_ICMPV6;
	h->hop_limits = 255;
	memcpy(h->src_addr, src, 16);
	memcpy(h->dst_addr, dst, 16);
}

/* Write the NA body at @p ip (IPv6 header on); 72 bytes. */
static void write_na(uint8_t *ip, const struct rte_ether_addr *smac, const uint8_t src[16],
		     const uint8_t dst[16], const uint8_t target[16], uint8_t flags)
{
	uint8_t *icmp = ip + 40;

	write_ip6(ip, src, dst, 32);
	memset(icmp, 0, 32);
	icmp[0] = ND_TYPE_NA;
	icmp[4] = flags;
	memcpy(icmp + 8, target, 16);
	icmp[24] = ND_OPT_TLLA;
	icmp[25] = 1;
	memcpy(icmp + 26, smac->addr_bytes, 6);
	uint16_t ck = nd_icmp6_cksum(ip, icmp, 32);
	memcpy(icmp + 2, &ck, 2);
}

static void write_eth(uint8_t *buf, const struct rte_ether_addr *dmac,
		      const struct rte_ether_addr *smac)
{
	struct rte_ether_hdr *e = (struct rte_ether_hdr *)buf;

	rte_ether_addr_copy(dmac, &e->dst_addr);
	rte_ether_addr_copy(smac, &e->src_addr);
	e->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV6);
}

uint32_t nd_build_na(uint8_t *buf, const struct rte_ether_addr *dmac,
		     const struct rte_ether_addr *smac, const uint8_t src[16],
		     const uint8_t dst[16], const uint8_t target[16], uint8_t flags)
{
	write_eth(buf, dmac, smac);
	write_na(buf + RTE_ETHER_HDR_LEN, smac, src, dst, target, flags);
	return ND_NA_FRAME_LEN;
}

uint32_t nd_build_ns(uint8_t *buf, const struct rte_ether_addr *smac, const uint8_t src[16],
		     const uint8_t *dst, const struct rte_ether_addr *dmac,
		     const uint8_t target[16])
{
	uint8_t sn[16];
	struct rte_ether_addr mm;
	uint8_t *ip = buf + RTE_ETHER_HDR_LEN;
	uint8_t *icmp = ip + 40;
	uint16_t plen = is_unspec(src) ? 24 : 32;

	if (dst == NULL) {
		nd_solicited_node(target, sn);
		dst = sn;
	}
	if (dmac == NULL) {
		nd_mcast_mac(dst, &mm);
		dmac = &mm;
	}
	write_eth(buf, dmac, smac);
	write_ip6(ip, src, dst, plen);
	memset(icmp, 0, plen);
	icmp[0] = ND_TYPE_NS;
	memcpy(icmp + 8, target, 16);
	if (plen == 32) {
		icmp[24] = ND_OPT_SLLA;
		icmp[25] = 1;
		memcpy(icmp + 26, smac->addr_bytes, 6);
	}
	uint16_t ck = nd_icmp6_cksum(ip, icmp, plen);
	memcpy(icmp + 2, &ck, 2);
	return (uint32_t)RTE_ETHER_HDR_LEN + 40 + plen;
}

/* Decide for one validated NS whose target is in state @p st, and rewrite
 * it into its NA when it is to be answered. */
static enum nd_ns_verdict ns_decide(struct rte_mbuf *m, const struct fp_parsed *p,
				    const struct nd_msg *ns, enum nd_state st,
				    const struct rte_ether_addr *mac, const uint8_t src[16],
				    enum fp_drop *reason)
{
	uint8_t *f = rte_pktmbuf_mtod(m, uint8_t *);
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)f;
	bool dad = is_unspec(f + p->l3 + 8);
	struct rte_ether_addr dmac;
	uint8_t dst[16];
	uint8_t flags;

	switch (st) {
	case ND_VALID:
		break;
	case ND_PROBING:
		/* DAD-*: another node's probe for the address we probe is a
		 * conflict (control thread); ordinary resolution is not. */
		if (dad)
			return ND_NS_PUNT;
		*reason = FP_DROP_ND_TENTATIVE;
		return ND_NS_DROP;
	case ND_INVALID:
		*reason = FP_DROP_ND_NOT_SERVED;
		return ND_NS_DROP;
	default:
		return ND_NS_PUNT;
	}
	/* ND-5/ND-6: answer as the proxy: TLLA = our MAC, R=0, O=0; S=1 and
	 * unicast to a unicast solicitor, S=0 to all-nodes for a DAD probe. */
	if (dad) {
		memcpy(dst, all_nodes, 16);
		nd_mcast_mac(all_nodes, &dmac);
		flags = 0;
	} else {
		memcpy(dst, f + p->l3 + 8, 16);
		rte_ether_addr_copy(ns->has_lla ? &ns->lla : &eth->src_addr, &dmac);
		flags = ND_NA_S;
	}
	uint32_t want = (uint32_t)p->l3 + 72;
	if (rte_pktmbuf_data_len(m) < want) {
		if (rte_pktmbuf_append(m, (uint16_t)(want - rte_pktmbuf_data_len(m))) == NULL) {
			*reason = FP_DROP_NO_HEADROOM;
			return ND_NS_DROP;
		}
	} else if (rte_pktmbuf_data_len(m) > want) {
		rte_pktmbuf_trim(m, (uint16_t)(rte_pktmbuf_data_len(m) - want));
	}
	f = rte_pktmbuf_mtod(m, uint8_t *);
	eth = (struct rte_ether_hdr *)f;
	rte_ether_addr_copy(&dmac, &eth->dst_addr);
	rte_ether_addr_copy(mac, &eth->src_addr);
	write_na(f + p->l3, mac, src, dst, ns->target, flags);
	return ND_NS_ANSWER;
}

void nd_ns_burst(struct rte_mbuf **m, const struct fp_parsed *p, const uint16_t *link, uint16_t n,
		 const struct rte_ether_addr *const *mac, const uint8_t *const *src,
		 uint8_t *verdict, uint8_t *reason)
{
	struct nd_key keys[ND_NS_BURST_MAX];
	const void *kp[ND_NS_BURST_MAX];
	struct nd_msg msg[ND_NS_BURST_MAX];
	void *data[ND_NS_BURST_MAX];
	uint16_t idx[ND_NS_BURST_MAX];
	uint64_t hits = 0;
	uint16_t k = 0;

	for (uint16_t i = 0; i < n; i++) {
		if (nd_msg_parse(rte_pktmbuf_mtod(m[i], const uint8_t *),
				 rte_pktmbuf_data_len(m[i]), &p[i], &msg[k]) != 0 ||
		    msg[k].type != ND_TYPE_NS) {
			verdict[i] = ND_NS_DROP;
			reason[i] = FP_DROP_ND_INVALID;
			continue;
		}
		memcpy(keys[k].addr, msg[k].target, 16);
		keys[k].link = link[i];
		kp[k] = &keys[k];
		idx[k++] = i;
	}
	/* One bulk lookup; the state is in the hash value itself. */
	if (k != 0)
		rte_hash_lookup_bulk_data(nd_hash, kp, k, &hits, data);
	for (uint16_t j = 0; j < k; j++) {
		uint16_t i = idx[j];
		enum nd_state st = ND_NONE;
		enum fp_drop r = FP_DROP_OK;

		if ((hits >> j) & 1)
			st = ND_DATA_STATE(data[j]);
		verdict[i] = (uint8_t)ns_decide(m[i], &p[i], &msg[j], st, mac[i], src[i], &r);
		reason[i] = (uint8_t)r;
	}
}
