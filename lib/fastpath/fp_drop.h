/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Drop reasons of the forwarding plane. This list is the single source of
 * the enum, the per-lcore counters and their names (ARCHITECTURE.md rule 3):
 * every dropped packet is counted under exactly one of them.
 */
#ifndef FP_DROP_H
#define FP_DROP_H

#define FP_DROP_REASONS(X)                                                                         \
	X(TRUNC_ETH, "truncated-ethernet")                                                         \
	X(NOT_IPV6, "not-ipv6")                                                                    \
	X(SEGMENTED_HDR, "headers-not-contiguous")                                                 \
	X(TRUNC_IPV6, "truncated-ipv6")                                                            \
	X(BAD_VERSION, "bad-ip-version")                                                           \
	X(BAD_PAYLOAD_LEN, "payload-length-mismatch")                                              \
	X(TRUNC_EXTHDR, "truncated-extension-header")                                              \
	X(BAD_OPTION, "malformed-option")                                                          \
	X(EXTHDR_CHAIN, "extension-header-chain-too-long")                                         \
	X(BAD_SRC, "invalid-source-address")                                                       \
	X(HOP_LIMIT, "hop-limit-exceeded")                                                         \
	X(NO_ROUTE, "no-route")                                                                    \
	X(NEIGH_MISS, "neighbour-unresolved")                                                      \
	X(LINK_LOCAL_DST, "link-local-destination")                                                \
	X(TOO_BIG, "packet-too-big")                                                               \
	X(ENCAP_LIMIT, "tunnel-encapsulation-limit-zero")                                          \
	X(NO_HEADROOM, "no-headroom")                                                              \
	X(DECAP_AUTH, "reverse-tunnel-check-failed")                                               \
	X(DECAP_INNER, "malformed-inner-packet")                                                   \
	X(BC_MISS, "no-binding-for-home-address")                                                  \
	X(RH2_AT_HA, "type-2-routing-header-at-home-agent")                                        \
	X(LL_TO_MN, "mobile-node-link-local-destination")                                          \
	X(MCAST_DST, "multicast-not-routed")                                                       \
	X(ND_INVALID, "invalid-neighbour-discovery")                                               \
	X(ND_TENTATIVE, "solicitation-for-tentative-address")                                      \
	X(ND_NOT_SERVED, "solicitation-for-invalid-address")                                       \
	X(FRAG_FAIL, "outer-fragmentation-failed")                                                 \
	X(PUNT_FULL, "punt-ring-full")                                                             \
	X(TX_FULL, "tx-queue-full")

enum fp_drop {
	FP_DROP_OK = 0, /**< not a drop; reasons start at 1 */
#define FP_DROP_ENUM(name, str) FP_DROP_##name,
	FP_DROP_REASONS(FP_DROP_ENUM)
#undef FP_DROP_ENUM
	    FP_DROP_NB
};

/** Name of a drop reason, as shown to operators. */
const char *fp_drop_name(enum fp_drop d);

#endif /* FP_DROP_H */
