/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Neighbor Discovery on the wire (RFC 4861 §4.3, §4.4, §4.6.1): the
 * fast-path NS input that answers for proxied addresses, and the builders
 * of NS and NA frames shared by the fast path and the control thread.
 */
#ifndef ND_PACKET_H
#define ND_PACKET_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>
#include <rte_mbuf.h>

#include "fp_drop.h"
#include "fp_parse.h"

#define ND_TYPE_RS 133
#define ND_TYPE_RA 134
#define ND_TYPE_NS 135
#define ND_TYPE_NA 136
#define ND_OPT_SLLA 1
#define ND_OPT_TLLA 2
#define ND_NA_R 0x80
#define ND_NA_S 0x40
#define ND_NA_O 0x20
/** Ethernet + IPv6 + NA with a TLLA option. */
#define ND_NA_FRAME_LEN (RTE_ETHER_HDR_LEN + 40 + 32)
/** Ethernet + IPv6 + NS with an SLLA option (without: 8 bytes less). */
#define ND_NS_FRAME_LEN (RTE_ETHER_HDR_LEN + 40 + 32)

/** What the fast path does with a received NS. */
enum nd_ns_verdict {
	ND_NS_ANSWER = 0, /**< the frame was rewritten into the NA to send back on its port */
	ND_NS_PUNT = 1,   /**< for the control thread (own address, DAD conflict) */
	ND_NS_DROP = 2,   /**< invalid or not to be answered: *reason says why */
};

/** Fields of a validated NS or NA. */
struct nd_msg {
	uint8_t type;
	uint8_t flags; /**< NA: R/S/O */
	uint8_t target[16];
	bool has_lla; /**< SLLA (NS) or TLLA (NA) present */
	struct rte_ether_addr lla;
};

/**
 * Validate an NS or NA (RFC 4861 §7.1.1, §7.1.2) of a parsed frame of @p len
 * bytes: hop limit 255, code 0, checksum, length, non-multicast target,
 * option lengths, and for NS from :: a solicited-node destination and no
 * SLLA; for NA to a multicast destination S=0.
 * @return 0, or -EINVAL.
 */
int nd_msg_parse(const uint8_t *frame, uint32_t len, const struct fp_parsed *p, struct nd_msg *out);

#define ND_NS_BURST_MAX 32 /**< NS per nd_ns_burst() call */

/**
 * Fast-path NS input on home links (ND-5, ND-6, DAD-*), a burst at a time:
 * answer for a VALID proxied target (the mbuf is rewritten into the NA, to
 * send back on its port), punt a DAD probe (source ::) for a PROBING target
 * and everything not proxied, drop the rest.
 * @param link home link index of each packet
 * @param mac our MAC on each packet's port; @param src our address that sources the NA
 * @param[out] verdict enum nd_ns_verdict per packet
 * @param[out] reason enum fp_drop per dropped packet
 */
void nd_ns_burst(struct rte_mbuf **m, const struct fp_parsed *p, const uint16_t *link, uint16_t n,
		 const struct rte_ether_addr *const *mac, const uint8_t *const *src,
		 uint8_t *verdict, uint8_t *reason);

/**
 * Write an NA frame into @p buf (ND_NA_FRAME_LEN bytes).
 * @return the frame length.
 */
uint32_t nd_build_na(uint8_t *buf, const struct rte_ether_addr *dmac,
		     const struct rte_ether_addr *smac, const uint8_t src[16],
		     const uint8_t dst[16], const uint8_t target[16], uint8_t flags);

/**
 * Write an NS frame into @p buf (ND_NS_FRAME_LEN bytes): to the target's
 * solicited-node group when @p dst is NULL, with an SLLA unless @p src is ::.
 * @return the frame length.
 */
uint32_t nd_build_ns(uint8_t *buf, const struct rte_ether_addr *smac, const uint8_t src[16],
		     const uint8_t *dst, const struct rte_ether_addr *dmac,
		     const uint8_t target[16]);

/** Solicited-node multicast address of @p a (RFC 4291 §2.7.1). */
void nd_solicited_node(const uint8_t a[16], uint8_t out[16]);

/** Ethernet multicast address of an IPv6 multicast address (RFC 2464 §7). */
void nd_mcast_mac(const uint8_t a[16], struct rte_ether_addr *out);

/** ICMPv6 checksum of the upper-layer part [l4, l4+n) of an IPv6 packet at @p ip. */
uint16_t nd_icmp6_cksum(const uint8_t *ip, const uint8_t *l4, uint32_t n);

#endif /* ND_PACKET_H */
