/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Ethernet / IPv6 / extension-header parser of the forwarding plane. Pure
 * function over a byte buffer: never reads past @p len, whatever the header
 * lengths claim.
 */
#ifndef FP_PARSE_H
#define FP_PARSE_H

#include <stdint.h>

#include "fp_drop.h"

#define FP_MAX_EXTHDRS 8

/* IPv6 next-header values the parser knows. */
#define FP_NH_HOPOPTS 0
#define FP_NH_TCP 6
#define FP_NH_UDP 17
#define FP_NH_IPV6 41
#define FP_NH_ROUTING 43
#define FP_NH_FRAGMENT 44
#define FP_NH_ESP 50
#define FP_NH_AH 51
#define FP_NH_ICMPV6 58
#define FP_NH_NONE 59
#define FP_NH_DSTOPTS 60
#define FP_NH_MH 135

/* Option types (RFC 2473 §4.1.1, RFC 6275 §6.3). */
#define FP_OPT_PAD1 0
#define FP_OPT_PADN 1
#define FP_OPT_TUNNEL_ENCAP_LIMIT 4
#define FP_OPT_HOME_ADDRESS 201

enum fp_pflags {
	FP_P_RH2 = 1 << 0,         /**< a type 2 routing header is present */
	FP_P_HAO = 1 << 1,         /**< a Home Address option is present */
	FP_P_FRAG = 1 << 2,        /**< a fragment header is present */
	FP_P_ENCAP_LIMIT = 1 << 3, /**< a Tunnel Encapsulation Limit option is present */
	FP_P_VLAN = 1 << 4,        /**< one 802.1Q tag */
};

struct fp_parsed {
	uint16_t l3;        /**< offset of the IPv6 header */
	uint16_t l4;        /**< offset of the upper-layer header (or where the walk stopped) */
	uint16_t ip_len;    /**< 40 + payload length */
	uint16_t limit_off; /**< offset of the encapsulation-limit octet */
	uint16_t hao_off;   /**< offset of the HoA in the Home Address option */
	uint8_t proto;      /**< upper-layer protocol, or where the walk stopped */
	uint8_t flags;      /**< enum fp_pflags */
	uint8_t limit;      /**< encapsulation limit value */
	uint8_t nexthdrs;   /**< extension headers walked */
};

/**
 * Parse Ethernet (one optional VLAN tag), the IPv6 header and its extension
 * headers (RFC 8200 §4), stopping at an upper-layer header, ESP, a non-first
 * fragment, or an inner IPv6 header (RFC 2473 §4.1.1's scan for the
 * encapsulation limit stops at the same places).
 * @return 0, or the enum fp_drop reason (> 0) for a malformed packet.
 */
int fp_parse_eth(const uint8_t *p, uint32_t len, struct fp_parsed *out);

/** Same, for a buffer that starts with the IPv6 header (offset @p l3 in @p p). */
int fp_parse_ipv6(const uint8_t *p, uint32_t len, uint16_t l3, struct fp_parsed *out);

#endif /* FP_PARSE_H */
