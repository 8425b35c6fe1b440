/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The control thread's side of the forwarding plane: packets the workers
 * punt and packets the home agent sends itself.
 *
 *  - neighbour resolution: a packet whose next hop is unresolved is held
 *    (a few per neighbour, a bounded number of neighbours) while NS are
 *    sent; the NA installs the neighbour and releases the held packets;
 *  - ND for the router's own addresses (NS answered, DAD of others
 *    defended), DAD conflicts for proxied addresses (DAD-*), DAD probes and
 *    the unsolicited NAs of ND-3/ND-4, paced through the inject ring;
 *  - ICMPv6 errors for packets the workers dropped (TUN-2, TUN-5, TUN-7,
 *    MTU-2, no route, hop limit), errors about tunnel packets relayed or
 *    turned into a path MTU (ICMP-1..4), echo replies;
 *  - everything else addressed to the home agent (Mobility Header, DHAAD,
 *    prefix discovery, RS/RA, MLD) goes to the application's punt handler.
 */
#include <errno.h>
#include <string.h>

#include <rte_fib6.h>
#include <rte_malloc.h>

#include "nd_packet.h"
#include "ndproxy.h"
#include "npf_priv.h"

#define PEND_MAX 256      /* neighbours being resolved */
#define PEND_HELD 4       /* packets held per neighbour */
#define PEND_TRIES 3      /* RFC 4861 §10 MAX_MULTICAST_SOLICIT */
#define PEND_RETRANS 1000 /* ms, RFC 4861 §10 RETRANS_TIMER */
#define UNA_COUNT 3       /* ND-4: MAX_NEIGHBOR_ADVERTISEMENT */
#define ICMP_ERR_MAX 1232 /* 1280 - IPv6 header - ICMPv6 header (ICMP-4) */

enum ndq_kind { NDQ_PROBE = 1, NDQ_UNA = 2 };

/* A DAD probe or unsolicited NA to send (FIFO, paced by the inject ring). */
struct ndq_item {
	uint8_t addr[16];
	uint16_t link;
	uint8_t kind;
	uint8_t left; /* NAs still to send */
	uint64_t due;
};

struct pend {
	uint8_t addr[16];
	uint16_t port;
	uint8_t used;
	uint8_t tries;
	uint8_t nheld;
	uint64_t next;
	struct rte_mbuf *held[PEND_HELD];
	uint16_t held_l3[PEND_HELD];
};

static struct {
	npf_mipv6ha_punt_fn fn;
	void *arg;
	struct pend pend[PEND_MAX];
	struct ndq_item *q;
	uint32_t qcap, qhead, qlen;
	struct npf_mipv6ha_slow_stats st;
} sl;

static const uint8_t all_nodes[16] = {0xff, 0x02, [15] = 0x01};
static const uint8_t zero16[16];

void npf_mipv6ha_punt_handler_set(npf_mipv6ha_punt_fn fn, void *arg)
{
	sl.fn = fn;
	sl.arg = arg;
}

void npf_mipv6ha_slow_stats_get(struct npf_mipv6ha_slow_stats *out)
{
	*out = sl.st;
}

/* ---- output ---- */

static int inject_mbuf(struct rte_mbuf *m, uint16_t port)
{
	fp_meta(m)->aux = port;
	if (rte_ring_sp_enqueue(fp_t.inject, m) != 0) {
		sl.st.inject_full++;
		rte_pktmbuf_free(m);
		return -ENOBUFS;
	}
	sl.st.inject_tx++;
	return 0;
}

static struct rte_mbuf *frame_alloc(uint32_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(fp_t.pool);

	if (m == NULL) {
		sl.st.no_mbuf++;
		return NULL;
	}
	if (rte_pktmbuf_append(m, (uint16_t)len) == NULL) {
		rte_pktmbuf_free(m);
		sl.st.no_mbuf++;
		return NULL;
	}
	return m;
}

static int frame_send(const uint8_t *buf, uint32_t len, uint16_t port)
{
	struct rte_mbuf *m;

	if (rte_ring_free_count(fp_t.inject) == 0) {
		sl.st.inject_full++;
		return -ENOBUFS;
	}
	m = frame_alloc(len);
	if (m == NULL)
		return -ENOMEM;
	memcpy(rte_pktmbuf_mtod(m, uint8_t *), buf, len);
	return inject_mbuf(m, port);
}

static void send_ns(const uint8_t target[16], uint16_t port)
{
	const struct fp_port *pi = &fp_t.port[port];
	uint8_t buf[ND_NS_FRAME_LEN];
	const uint8_t *src =
	    (target[0] == 0xfe || memcmp(pi->ga, zero16, 16) == 0) ? pi->ll : pi->ga;
	uint32_t len = nd_build_ns(buf, &pi->mac, src, NULL, NULL, target);

	if (frame_send(buf, len, port) == 0)
		sl.st.ns_tx++;
}

static struct pend *pend_find(const uint8_t addr[16], uint16_t port)
{
	for (int i = 0; i < PEND_MAX; i++)
		if (sl.pend[i].used && sl.pend[i].port == port &&
		    memcmp(sl.pend[i].addr, addr, 16) == 0)
			return &sl.pend[i];
	return NULL;
}

/* Hold @p m until (addr, port) is resolved; start resolving it. */
static void hold(struct rte_mbuf *m, uint16_t l3, const uint8_t addr[16], uint16_t port)
{
	struct pend *p = pend_find(addr, port);

	if (p == NULL) {
		for (int i = 0; i < PEND_MAX && p == NULL; i++)
			if (!sl.pend[i].used)
				p = &sl.pend[i];
		if (p == NULL) {
			sl.st.neigh_drop++;
			rte_pktmbuf_free(m);
			return;
		}
		memset(p, 0, sizeof(*p));
		memcpy(p->addr, addr, 16);
		p->port = port;
		p->used = 1;
		p->tries = 1;
		p->next = npf_now() + PEND_RETRANS;
		send_ns(addr, port);
	}
	if (p->nheld == PEND_HELD) {
		/* RFC 4861 §7.2.2: keep the newest few. */
		sl.st.neigh_drop++;
		rte_pktmbuf_free(p->held[0]);
		memmove(&p->held[0], &p->held[1], sizeof(p->held[0]) * (PEND_HELD - 1));
		memmove(&p->held_l3[0], &p->held_l3[1], sizeof(p->held_l3[0]) * (PEND_HELD - 1));
		p->nheld--;
	}
	p->held[p->nheld] = m;
	p->held_l3[p->nheld++] = l3;
	sl.st.neigh_held++;
}

/* Complete the Ethernet header of a frame whose IPv6 header is at @p l3
 * and send it on @p port toward @p target (resolved or held). */
static int l2_out(struct rte_mbuf *m, uint16_t l3, uint16_t port, const uint8_t target[16])
{
	struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	const uint8_t *dst = rte_pktmbuf_mtod_offset(m, const uint8_t *, l3 + 24);

	if (port >= FP_MAX_PORTS || !fp_t.port[port].valid) {
		sl.st.no_route++;
		rte_pktmbuf_free(m);
		return -ENETUNREACH;
	}
	rte_ether_addr_copy(&fp_t.port[port].mac, &eth->src_addr);
	if (l3 == RTE_ETHER_HDR_LEN)
		eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV6);
	if (dst[0] == 0xff) {
		nd_mcast_mac(dst, &eth->dst_addr);
	} else if (!fp_neigh_lookup(target, port, &eth->dst_addr)) {
		hold(m, l3, target, port);
		return 0;
	}
	return inject_mbuf(m, port);
}

/* TUN-6: a packet the home agent itself sends to a registered home address
 * goes to the care-of address with a type 2 routing header holding the home
 * address (RFC 6275 §9.3.2), as a correspondent would send it. The
 * upper-layer checksum already covers the home address as final
 * destination. @return 0, or -ENOENT if @p dst has no binding. */
static int rh2_insert(struct rte_mbuf *m, uint16_t l3)
{
	uint8_t *ip = rte_pktmbuf_mtod_offset(m, uint8_t *, l3);
	uint32_t h = fp_bc_find(ip + 24);
	const struct fp_binding *b = h != 0 ? fp_bc_get(h) : NULL;
	uint8_t *n;

	if (b == NULL)
		return -ENOENT;
	n = (uint8_t *)rte_pktmbuf_prepend(m, 24);
	if (n == NULL)
		return -ENOBUFS;
	memmove(n, n + 24, l3 + 40u);
	ip = n + l3;
	uint8_t *rh = ip + 40;
	rh[0] = ip[6]; /* next header of the original */
	rh[1] = 2;     /* RH-1: length 2, type 2, segments left 1 */
	rh[2] = 2;
	rh[3] = 1;
	memset(rh + 4, 0, 4);
	memcpy(rh + 8, ip + 24, 16);
	ip[6] = FP_NH_ROUTING;
	uint16_t plen = (uint16_t)((ip[4] << 8 | ip[5]) + 24);
	ip[4] = (uint8_t)(plen >> 8);
	ip[5] = (uint8_t)plen;
	memcpy(ip + 24, b->outer.dst_addr, 16);
	return 0;
}

/* Route a frame by its IPv6 destination (FIB, next hop, neighbour). */
static int route_out(struct rte_mbuf *m, uint16_t l3)
{
	uint8_t dst[1][16];
	uint64_t nh_id = FP_NHOP_NONE;
	const struct fp_nh *nh;

	if (rh2_insert(m, l3) == -ENOBUFS) {
		sl.st.no_mbuf++;
		rte_pktmbuf_free(m);
		return -ENOBUFS;
	}
	memcpy(dst[0], rte_pktmbuf_mtod_offset(m, const uint8_t *, l3 + 24), 16);
	if (dst[0][0] == 0xff || (dst[0][0] == 0xfe && (dst[0][1] & 0xc0) == 0x80)) {
		sl.st.no_route++; /* link-scoped: the sender must name the port */
		rte_pktmbuf_free(m);
		return -EINVAL;
	}
	rte_fib6_lookup_bulk(fp_t.fib, dst, &nh_id, 1);
	if (nh_id == FP_NHOP_NONE || nh_id >= FP_MAX_NH) {
		sl.st.no_route++;
		rte_pktmbuf_free(m);
		return -ENETUNREACH;
	}
	nh = &fp_t.nh[nh_id];
	return l2_out(m, l3, nh->port, (nh->flags & FP_NHF_CONNECTED) ? dst[0] : nh->gw);
}

int npf_mipv6ha_inject(uint16_t port, const uint8_t *ip6, uint32_t len)
{
	struct rte_mbuf *m;

	if (!npf.up)
		return -ENODEV;
	if (ip6 == NULL || len < 40 || len > RTE_MBUF_DEFAULT_DATAROOM - RTE_ETHER_HDR_LEN ||
	    (ip6[0] >> 4) != 6)
		return -EINVAL;
	m = frame_alloc(RTE_ETHER_HDR_LEN + len);
	if (m == NULL)
		return -ENOMEM;
	memcpy(rte_pktmbuf_mtod_offset(m, uint8_t *, RTE_ETHER_HDR_LEN), ip6, len);
	if (port == NPF_MIPV6HA_PORT_ROUTE)
		return route_out(m, RTE_ETHER_HDR_LEN);
	return l2_out(m, RTE_ETHER_HDR_LEN, port, ip6 + 24);
}

/* ---- neighbours ---- */

/* A neighbour's MAC is known: install it, mark gateway next hops through
 * it resolved, release what waited for it. */
static void neigh_learn(const uint8_t addr[16], uint16_t port, const struct rte_ether_addr *mac)
{
	struct pend *p;

	if (fp_neigh_set(addr, port, mac) == 0)
		sl.st.neigh_learnt++;
	for (uint32_t id = NPF_NH_GW_FIRST; id < FP_MAX_NH; id++) {
		struct fp_nh *nh = &fp_t.nh[id];

		if ((nh->flags & FP_NHF_VALID) && !(nh->flags & FP_NHF_CONNECTED) &&
		    nh->port == port && memcmp(nh->gw, addr, 16) == 0) {
			/* MAC first, then the flag that makes lcores use it. */
			nh->dst = *mac;
			__atomic_store_n(&nh->flags, (uint8_t)(nh->flags | FP_NHF_RESOLVED),
					 __ATOMIC_RELEASE);
		}
	}
	p = pend_find(addr, port);
	if (p == NULL)
		return;
	for (uint8_t i = 0; i < p->nheld; i++) {
		struct rte_ether_hdr *eth = rte_pktmbuf_mtod(p->held[i], struct rte_ether_hdr *);

		rte_ether_addr_copy(mac, &eth->dst_addr);
		rte_ether_addr_copy(&fp_t.port[port].mac, &eth->src_addr);
		if (inject_mbuf(p->held[i], port) == 0)
			sl.st.neigh_released++;
	}
	p->used = 0;
}

static bool is_known_neigh(const uint8_t addr[16], uint16_t port)
{
	struct rte_ether_addr mac;

	return fp_neigh_lookup(addr, port, &mac) || pend_find(addr, port) != NULL;
}

static int link_of_port(uint16_t port)
{
	return port < FP_MAX_PORTS && fp_t.port[port].link ? fp_t.port[port].link - 1 : -1;
}

/* An NS or NA the fast path did not answer. */
static void nd_input(struct rte_mbuf *m, const struct fp_parsed *p)
{
	const uint8_t *f = rte_pktmbuf_mtod(m, const uint8_t *);
	const uint8_t *ip = f + p->l3;
	const struct rte_ether_hdr *eth = (const struct rte_ether_hdr *)f;
	uint16_t port = m->port;
	int link = link_of_port(port);
	struct nd_msg msg;
	uint8_t tun;

	if (nd_msg_parse(f, rte_pktmbuf_data_len(m), p, &msg) != 0) {
		sl.st.nd_invalid++;
		return;
	}
	if (msg.type == ND_TYPE_NA) {
		sl.st.na_rx++;
		/* DAD-*: a node answering for an address we probe owns it. */
		if (link >= 0 && nd_addr_state((uint16_t)link, msg.target) == ND_PROBING) {
			nd_dad_conflict((uint16_t)link, msg.target);
			sl.st.dad_conflicts++;
			return;
		}
		if (is_known_neigh(msg.target, port))
			neigh_learn(msg.target, port, msg.has_lla ? &msg.lla : &eth->src_addr);
		return;
	}
	/* NS */
	if (memcmp(ip + 8, zero16, 16) == 0 && link >= 0 &&
	    nd_addr_state((uint16_t)link, msg.target) == ND_PROBING) {
		nd_dad_conflict((uint16_t)link, msg.target);
		sl.st.dad_conflicts++;
		return;
	}
	int kind = fp_local_lookup(msg.target, &tun);
	if (kind == 0 || kind == FP_LOCAL_ANYCAST) {
		sl.st.nd_ignored++; /* not ours; an anycast address is never solicited here */
		return;
	}
	const struct fp_port *pi = &fp_t.port[port];
	uint8_t buf[ND_NA_FRAME_LEN];
	struct rte_ether_addr dmac;
	uint32_t len;

	if (memcmp(ip + 8, zero16, 16) == 0) {
		/* Someone probes our address: defend it (RFC 4862 §5.4.3). */
		nd_mcast_mac(all_nodes, &dmac);
		len = nd_build_na(buf, &dmac, &pi->mac, msg.target, all_nodes, msg.target,
				  ND_NA_R | ND_NA_O);
	} else {
		/* RFC 4861 §7.2.3: learn the solicitor, answer it. */
		dmac = msg.has_lla ? msg.lla : eth->src_addr;
		if (msg.has_lla && is_known_neigh(ip + 8, port))
			neigh_learn(ip + 8, port, &msg.lla);
		len = nd_build_na(buf, &dmac, &pi->mac, msg.target, ip + 8, msg.target,
				  ND_NA_R | ND_NA_S | ND_NA_O);
	}
	if (frame_send(buf, len, port) == 0)
		sl.st.na_tx++;
}

/* ---- ICMPv6 ---- */

static void icmp_fill(uint8_t *ip, const uint8_t src[16], const uint8_t dst[16], uint32_t plen)
{
	struct rte_ipv6_hdr *h = (struct rte_ipv6_hdr *)ip;

	h->vtc_flow = rte_cpu_to_be_32(6u << 28);
	h->payload_len = rte_cpu_to_be_16((uint16_t)plen);
	h->proto = FP_NH_ICMPV6;
	h->hop_limits = 64;
	memcpy(h->src_addr, src, 16);
	memcpy(h->dst_addr, dst, 16);
	uint16_t ck = nd_icmp6_cksum(ip, ip + 40, plen);
	memcpy(ip + 42, &ck, 2);
}

/* Send an ICMPv6 error about the packet @p inv (IPv6 header on) to its
 * source, from @p src (RFC 4443 §2.4 (c)-(e) checks done by the callers). */
static void icmp_error_send(const uint8_t *inv, uint32_t inv_len, uint8_t type, uint8_t code,
			    uint32_t param, const uint8_t src[16], uint16_t in_port)
{
	uint32_t n = RTE_MIN(inv_len, (uint32_t)ICMP_ERR_MAX);
	struct rte_mbuf *m;
	uint8_t *ip;

	if (memcmp(src, zero16, 16) == 0 || inv[8] == 0xff || memcmp(inv + 8, zero16, 16) == 0)
		return; /* no source of ours, or nobody to tell */
	m = frame_alloc(RTE_ETHER_HDR_LEN + 48 + n);
	if (m == NULL)
		return;
	ip = rte_pktmbuf_mtod_offset(m, uint8_t *, RTE_ETHER_HDR_LEN);
	ip[40] = type;
	ip[41] = code;
	ip[42] = ip[43] = 0;
	uint32_t be = rte_cpu_to_be_32(param);
	memcpy(ip + 44, &be, 4);
	memcpy(ip + 48, inv, n);
	sl.st.icmp_err_tx++;
	/* A link-local source is answered on the link it came from, from
	 * our link-local address there (RFC 4443 §2.2). */
	if (inv[8] == 0xfe && (inv[9] & 0xc0) == 0x80) {
		if (in_port >= FP_MAX_PORTS) {
			rte_pktmbuf_free(m);
			return;
		}
		icmp_fill(ip, fp_t.port[in_port].ll, inv + 8, 8 + n);
		l2_out(m, RTE_ETHER_HDR_LEN, in_port, inv + 8);
		return;
	}
	icmp_fill(ip, src, inv + 8, 8 + n);
	route_out(m, RTE_ETHER_HDR_LEN);
}

/* Is the invoking packet itself an ICMPv6 error (RFC 4443 §2.4 (e.1))? */
static bool is_icmp_error(const uint8_t *inv, uint32_t len)
{
	struct fp_parsed q;

	if (fp_parse_ipv6(inv, len, 0, &q) != 0)
		return false;
	return q.proto == FP_NH_ICMPV6 && q.l4 < len && inv[q.l4] < 128;
}

/* A packet a worker dropped for a reason that deserves an ICMPv6 error. */
static void drop_error(struct rte_mbuf *m, const struct fp_meta *md)
{
	const uint8_t *inv = rte_pktmbuf_mtod_offset(m, const uint8_t *, md->l3);
	uint32_t len = rte_pktmbuf_data_len(m) - md->l3;
	const uint8_t *src = m->port < FP_MAX_PORTS ? fp_t.port[m->port].ga : zero16;
	uint16_t in = m->port;

	if (len < 40 || is_icmp_error(inv, len))
		return;
	switch (md->drop) {
	case FP_DROP_HOP_LIMIT: /* TUN-2 */
		icmp_error_send(inv, len, 3, 0, 0, src, in);
		break;
	case FP_DROP_NO_ROUTE:
		icmp_error_send(inv, len, 1, 0, 0, src, in);
		break;
	case FP_DROP_LL_TO_MN: /* TUN-5: beyond scope of source address */
		icmp_error_send(inv, len, 1, 3, 0, src, in);
		break;
	case FP_DROP_TOO_BIG: /* MTU-2: never below the IPv6 minimum */
		icmp_error_send(inv, len, 2, 0, RTE_MAX(md->aux, 1280u), src, in);
		break;
	case FP_DROP_ENCAP_LIMIT: /* TUN-7: pointer at the limit octet */
		icmp_error_send(inv, len, 4, 0, md->aux, src, in);
		break;
	default:
		break;
	}
}

/* ICMP-1..4: an error about a packet of one of our tunnels. @return true
 * if it was one. */
static bool tunnel_error(const uint8_t *ip, const uint8_t *icmp, uint32_t n)
{
	const uint8_t *inv = icmp + 8;
	uint32_t inv_len = n - 8, off = 40;
	uint8_t tun;

	if (n < 8 + 40 || fp_local_lookup(inv + 8, &tun) != FP_LOCAL_HA)
		return false;
	if (inv[6] == FP_NH_DSTOPTS && inv_len >= 48 && inv[40] == FP_NH_IPV6)
		off = 40 + ((uint32_t)inv[41] + 1) * 8;
	else if (inv[6] != FP_NH_IPV6)
		return false;
	if (inv_len < off + 40)
		return true; /* ours, but too little of the inner packet to act on */
	const uint8_t *inner = inv + off;
	uint32_t inner_len = inv_len - off;
	uint32_t inner_full = 40 + ((uint32_t)inner[4] << 8 | inner[5]);

	if (icmp[0] == 2) {
		uint32_t mtu = (uint32_t)icmp[4] << 24 | icmp[5] << 16 | icmp[6] << 8 | icmp[7];
		uint32_t tmtu = mtu > off ? mtu - off : 0;

		/* ICMP-3 / MTU-1: the tunnel MTU follows the path MTU. */
		if (npf_bc_pmtu_learn(inner + 24, inv + 24, tmtu) == 0)
			sl.st.pmtu_learnt++;
		if (inner_full > RTE_MAX(tmtu, 1280u))
			icmp_error_send(inner, inner_len, 2, 0, RTE_MAX(tmtu, 1280u), ip + 24,
					FP_MAX_PORTS);
	} else {
		/* ICMP-2: the tunnel failed: address unreachable to the sender. */
		icmp_error_send(inner, inner_len, 1, 3, 0, ip + 24, FP_MAX_PORTS);
	}
	sl.st.icmp_relayed++;
	return true;
}

/* ---- punted packets ---- */

static void deliver(struct rte_mbuf *m, uint16_t l3)
{
	if (sl.fn == NULL) {
		sl.st.unhandled++;
		return;
	}
	sl.st.to_app++;
	sl.fn(sl.arg, m->port, rte_pktmbuf_mtod_offset(m, const uint8_t *, l3),
	      rte_pktmbuf_data_len(m) - l3);
}

static void local_input(struct rte_mbuf *m, const struct fp_parsed *p)
{
	const uint8_t *f = rte_pktmbuf_mtod(m, const uint8_t *);
	const uint8_t *ip = f + p->l3;
	uint32_t n = (uint32_t)p->l3 + p->ip_len - p->l4;
	uint8_t tun;

	if (p->proto != FP_NH_ICMPV6 || (uint32_t)p->l3 + p->ip_len > rte_pktmbuf_data_len(m) ||
	    n < 4) {
		deliver(m, p->l3);
		return;
	}
	const uint8_t *icmp = f + p->l4;
	switch (icmp[0]) {
	case ND_TYPE_NS:
	case ND_TYPE_NA:
		nd_input(m, p);
		return;
	case 128: /* echo request to one of our unicast addresses */
		if (n >= 8 && fp_local_lookup(ip + 24, &tun) != FP_LOCAL_ANYCAST) {
			struct rte_mbuf *r = frame_alloc(RTE_ETHER_HDR_LEN + 40 + n);
			uint8_t *rip;

			if (r == NULL)
				return;
			rip = rte_pktmbuf_mtod_offset(r, uint8_t *, RTE_ETHER_HDR_LEN);
			memcpy(rip + 40, icmp, n);
			rip[40] = 129;
			rip[42] = rip[43] = 0;
			icmp_fill(rip, ip + 24, ip + 8, n);
			sl.st.echo_replies++;
			if (ip[8] == 0xfe && (ip[9] & 0xc0) == 0x80)
				l2_out(r, RTE_ETHER_HDR_LEN, m->port, ip + 8);
			else
				route_out(r, RTE_ETHER_HDR_LEN);
			return;
		}
		break;
	case 1:
	case 2:
	case 3:
	case 4:
		if (tunnel_error(ip, icmp, n))
			return;
		break;
	default:
		break;
	}
	deliver(m, p->l3);
}

static void punt_one(struct rte_mbuf *m)
{
	struct fp_meta *md = fp_meta(m);
	struct fp_parsed p;
	const uint8_t *dst;

	sl.st.punt_rx++;
	switch (md->punt) {
	case FP_PUNT_NEIGH_MISS: {
		const struct fp_nh *nh = md->aux < FP_MAX_NH ? &fp_t.nh[md->aux] : NULL;

		dst = rte_pktmbuf_mtod_offset(m, const uint8_t *, md->l3 + 24);
		if (nh == NULL || !(nh->flags & FP_NHF_VALID)) {
			rte_pktmbuf_free(m);
			return;
		}
		hold(m, md->l3, (nh->flags & FP_NHF_CONNECTED) ? dst : nh->gw, nh->port);
		return; /* the mbuf is held or freed */
	}
	case FP_PUNT_ICMP_ERR:
		drop_error(m, md);
		break;
	case FP_PUNT_ND:
	case FP_PUNT_LOCAL:
		if (fp_parse_eth(rte_pktmbuf_mtod(m, const uint8_t *), rte_pktmbuf_data_len(m),
				 &p) != 0)
			break;
		if (md->punt == FP_PUNT_LOCAL) {
			local_input(m, &p);
		} else {
			const uint8_t *f = rte_pktmbuf_mtod(m, const uint8_t *);
			uint8_t t = p.l4 < rte_pktmbuf_data_len(m) ? f[p.l4] : 0;

			if (t == ND_TYPE_NS || t == ND_TYPE_NA)
				nd_input(m, &p);
			else
				deliver(m, p.l3);
		}
		break;
	default:
		break;
	}
	rte_pktmbuf_free(m);
}

unsigned int npf_slow_poll(unsigned int budget)
{
	struct rte_mbuf *m[32];
	unsigned int done = 0;

	while (budget == 0 || done < budget) {
		unsigned int want = budget == 0 ? 32 : RTE_MIN(32u, budget - done);
		unsigned int n = rte_ring_sc_dequeue_burst(fp_t.punt, (void **)m, want, NULL);

		for (unsigned int i = 0; i < n; i++)
			punt_one(m[i]);
		done += n;
		if (n < want)
			break;
	}
	return done;
}

/* ---- DAD probes and unsolicited NAs (paced) ---- */

static int ndq_push(uint16_t link, const uint8_t addr[16], uint8_t kind, uint8_t left, uint64_t due)
{
	struct ndq_item *it;

	if (sl.qlen == sl.qcap) {
		sl.st.nd_queue_full++;
		return -ENOSPC;
	}
	it = &sl.q[(sl.qhead + sl.qlen++) % sl.qcap];
	memcpy(it->addr, addr, 16);
	it->link = link;
	it->kind = kind;
	it->left = left;
	it->due = due;
	return 0;
}

/* nd_service() asks for a DAD probe: NS from ::, no SLLA (DAD-*). */
static void dad_probe(void *arg, uint16_t link, const uint8_t addr[16])
{
	RTE_SET_USED(arg);
	ndq_push(link, addr, NDQ_PROBE, 1, 0);
}

void npf_slow_dad_valid(uint16_t link, const uint8_t addr[16])
{
	/* ND-3/ND-4: announce the proxy, up to three times. */
	ndq_push(link, addr, NDQ_UNA, UNA_COUNT, npf_now());
}

static int ndq_send(const struct ndq_item *it)
{
	const struct npf_homelink *hl = &npf.hl[it->link];
	const struct fp_port *pi;
	uint8_t buf[ND_NA_FRAME_LEN];
	struct rte_ether_addr dmac;
	uint32_t len;

	if (hl->handle == 0 || !hl->up)
		return 0; /* link gone or down: nothing to say */
	pi = &fp_t.port[hl->cfg.portId];
	if (it->kind == NDQ_PROBE) {
		len = nd_build_ns(buf, &pi->mac, zero16, NULL, NULL, it->addr);
		int r = frame_send(buf, len, hl->cfg.portId);
		if (r == 0)
			sl.st.dad_probes++;
		return r;
	} else {
		/* ND-8: only while the address is still proxied and valid. */
		if (nd_addr_state(it->link, it->addr) != ND_VALID)
			return 0;
		nd_mcast_mac(all_nodes, &dmac);
		len = nd_build_na(buf, &dmac, &pi->mac, hl->cfg.haAddrs[0].addr, all_nodes,
				  it->addr, ND_NA_O);
	}
	int r = frame_send(buf, len, hl->cfg.portId);
	if (r == 0)
		sl.st.una_tx++;
	return r;
}

void npf_slow_service(uint64_t now)
{
	for (int i = 0; i < PEND_MAX; i++) {
		struct pend *p = &sl.pend[i];

		if (!p->used || p->next > now)
			continue;
		if (p->tries >= PEND_TRIES) {
			/* RFC 4861 §7.3.3: unreachable; drop what waited. */
			sl.st.neigh_drop += p->nheld;
			for (uint8_t k = 0; k < p->nheld; k++)
				rte_pktmbuf_free(p->held[k]);
			p->used = 0;
			continue;
		}
		p->tries++;
		p->next = now + PEND_RETRANS;
		send_ns(p->addr, p->port);
	}
	while (sl.qlen > 0) {
		struct ndq_item *it = &sl.q[sl.qhead];

		if (it->due > now)
			break;
		/* Paced output stops at half the ring: the other half stays for
		 * what must not wait, the Binding Acks of a registration burst
		 * (whose proxies queue three NAs each) among them. */
		if (rte_ring_free_count(fp_t.inject) <= FP_INJECT_RING / 2)
			break;
		if (ndq_send(it) == -ENOBUFS)
			break; /* the ring is full: go on at the next service */
		struct ndq_item cur = *it;

		sl.qhead = (sl.qhead + 1) % sl.qcap;
		sl.qlen--;
		if (cur.kind == NDQ_UNA && cur.left > 1)
			ndq_push(cur.link, cur.addr, NDQ_UNA, (uint8_t)(cur.left - 1),
				 now + npf.hl[cur.link].cfg.retransTimerMs);
	}
}

uint64_t npf_slow_next_due(void)
{
	uint64_t due = UINT64_MAX;

	for (int i = 0; i < PEND_MAX; i++)
		if (sl.pend[i].used)
			due = RTE_MIN(due, sl.pend[i].next);
	if (sl.qlen > 0)
		due = RTE_MIN(due, sl.q[sl.qhead].due);
	return due;
}

int npf_slow_init(void)
{
	memset(&sl, 0, sizeof(sl));
	sl.qcap = npf.p.proxynd_capacity * 2 + 64;
	sl.q = rte_malloc("npf_ndq", sizeof(*sl.q) * sl.qcap, 0);
	if (sl.q == NULL)
		return -ENOMEM;
	nd_set_tx(dad_probe, NULL);
	return 0;
}

void npf_slow_fini(void)
{
	for (int i = 0; i < PEND_MAX; i++)
		for (uint8_t k = 0; sl.pend[i].used && k < sl.pend[i].nheld; k++)
			rte_pktmbuf_free(sl.pend[i].held[k]);
	rte_free(sl.q);
	nd_set_tx(NULL, NULL);
	memset(&sl, 0, sizeof(sl));
}
