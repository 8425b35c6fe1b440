/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file ha_control.h
 * The signalling control plane of the home agent (prefix hac_): it speaks
 * Mobile IPv6 (RFC 6275) to mobile nodes and drives the forwarding plane only
 * through the NPF MIPv6 HA Service API (npf_mipv6.h, npf_mipv6_if.h,
 * npf_mipv6ha_runtime.h). It sees plain byte buffers and never a DPDK type.
 *
 * Threading and event loop: every function runs on the control thread, the
 * one that calls npf_mipv6ha_dispatch(). The daemon's loop is:
 *   - hand every punted packet to hac_input() (buffer starts at the IPv6
 *     header: Ethernet/VLAN stripped; ESP already removed and verified when
 *     hac_pkt_meta.esp_ok is 1);
 *   - call npf_mipv6ha_dispatch(): it delivers the completions and events
 *     this module registered for (DAD outcome, BC add/delete completions,
 *     binding lifetime expiry) and those drive the Binding Acknowledgements;
 *   - call hac_service() when hac_next_timeout_ms() says so.
 * Packets leave through hac_io.tx only.
 *
 * Binding lifetime authority: the forwarding plane. Bindings are installed
 * with NPF_MIPv6HA_LIFETIME_ON and the granted lifetime; the
 * NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED event removes the binding here (and
 * its proxied addresses). The module's own clock copy serves only the
 * "remaining" figure, Binding Refresh Requests and the de-registration grace
 * period (RFC 6275 §10.3.2, MAX_DELETE_BCE_TIMEOUT).
 *
 * Every function returns 0 or -errno; constructors return NULL and set errno.
 */
#ifndef HA_CONTROL_H
#define HA_CONTROL_H

#include <stdbool.h>
#include <stdint.h>

#include "npf_mipv6.h"

#ifdef __cplusplus
extern "C" {
#endif

/** hac_io.tx port meaning "let the forwarding plane route the packet". */
#define HAC_PORT_ROUTE 0xFFFF
#define HAC_MAX_LINKS 8          /**< home links per instance */
#define HAC_MAX_HA_ADDRS 8       /**< HA global addresses per home link */
#define HAC_MAX_PREFIXES 8       /**< home prefixes per home link */
#define HAC_MAX_ACL 32           /**< entries of the HoA access list */
#define HAC_INFINITE 0xFFFFFFFFu /**< infinite prefix lifetime (RFC 4861 §4.6.2) */

/** Output of the control plane. */
struct hac_io {
	/**
	 * Send one IPv6 packet (bytes from the IPv6 header on, checksums
	 * complete). port: output port for link-scoped destinations (multicast,
	 * link-local, and replies to an on-link mobile node that must reach it
	 * directly, RFC 6275 §10.3.2) — the glue resolves the next hop by ND on
	 * that port and MUST NOT use the binding cache; HAC_PORT_ROUTE: let the
	 * forwarding plane route it (a packet to a registered HoA is then
	 * tunnelled, which is what a Binding Refresh Request needs).
	 * Returns 0 or -errno (counted as tx_fail). The buffer is valid only
	 * during the call.
	 */
	int (*tx)(void *arg, uint16_t port, const uint8_t *ip6, uint32_t len);
	void *arg;
};

/** Metadata of a punted packet. */
struct hac_pkt_meta {
	uint16_t port;  /**< input port */
	uint8_t esp_ok; /**< 1: arrived in ESP that verified (ESP removed) */
	/** With esp_ok: the home address the SA is bound to (SEC-2, SEC-3). */
	uint8_t sa_hoa[16];
};

/** A home prefix (RFC 4861 §4.6.2 lifetimes, seconds). */
struct hac_prefix {
	uint8_t prefix[16];
	uint8_t len;          /**< 1..128 */
	uint32_t valid_s;     /**< HAC_INFINITE or seconds */
	uint32_t preferred_s; /**< HAC_INFINITE or seconds, <= valid_s */
	bool decrement;       /**< lifetimes count down from the (re)configuration */
};

/** A served home link. */
struct hac_link {
	uint16_t port;                          /**< forwarding-plane port of the link */
	NPF_IfHandle_t homeLink;                /**< from NPF_MIPv6HA_IF_HomeLinkCreate */
	NPF_IfHandle_t tunnel;                  /**< from NPF_MIPv6HA_IF_TunnelCreate */
	uint32_t n_ha_addrs;                    /**< 1..HAC_MAX_HA_ADDRS */
	uint8_t ha_addrs[HAC_MAX_HA_ADDRS][16]; /**< [0] is the default source */
	uint8_t link_local[16];
	uint8_t mac[6];
	uint32_t n_prefixes; /**< 1..HAC_MAX_PREFIXES */
	struct hac_prefix prefixes[HAC_MAX_PREFIXES];
	uint16_t ha_preference;                          /**< RFC 6275 §7.4, default 0 */
	uint16_t ha_lifetime_s;                          /**< RFC 6275 §7.4; 0: router lifetime */
	bool ra_enable;                                  /**< send RAs (RFC 6275 §7) */
	uint32_t ra_min_interval_ms, ra_max_interval_ms; /**< 0: 200 s / 600 s */
	uint16_t router_lifetime_s;                      /**< 0: 1800 s */
	bool mpd_enable; /**< Mobile Prefix Discovery (RFC 6275 §10.6) */
	uint32_t mpd_min_interval_s, mpd_max_interval_s; /**< 0: 600 / 86400 s */
};

/** An access-list entry: permitted HoA prefix. */
struct hac_acl_entry {
	uint8_t prefix[16];
	uint8_t len;
};

/** Configuration (copied by hac_create / hac_reconfigure). */
struct hac_config {
	uint32_t n_links;
	struct hac_link links[HAC_MAX_LINKS];
	/** true: refuse home registrations with status 131 (RFC 6275 §10.3.1). */
	bool ha_disabled;
	uint32_t max_bindings;   /**< 1..2^20; capacity is fixed by hac_create */
	uint32_t max_lifetime_s; /**< policy cap on granted lifetimes; 0: 262140 s */
	uint32_t n_acl;          /**< 0: every on-link HoA is permitted */
	struct hac_acl_entry acl[HAC_MAX_ACL];
	/** Binding Refresh Advice interval (RFC 6275 §6.2.4); 0: not sent. */
	uint32_t refresh_advice_s;
	/** Send a Binding Refresh Request this long before expiry; 0: never. */
	uint32_t brr_lead_s;
	/** true: BUs not received in verified ESP are dropped (RFC 6275 §5.1). */
	bool require_ipsec;
	/** Binding Errors and ICMPv6 errors per second (RFC 6275 §9.3.3); 0: 10. */
	uint32_t be_rate_per_s;
	/** De-registration grace (RFC 6275 §10.3.2) in ms; 0: 10000. */
	uint32_t grace_ms;
};

struct hac;

/** Binding state, as reported by hac_binding_info.state. */
enum hac_binding_state {
	HAC_BS_DAD = 1,      /**< first registration waiting for DAD */
	HAC_BS_ADDING = 2,   /**< BC add in flight */
	HAC_BS_VALID = 3,    /**< installed */
	HAC_BS_DELETING = 4, /**< BC delete in flight (de-registration) */
	HAC_BS_GRACE = 5     /**< de-registered, kept for the grace period */
};

/** Operational view of one binding. */
struct hac_binding_info {
	uint8_t hoa[16], coa[16];
	uint16_t seq;                         /**< last accepted sequence number */
	uint8_t flags;                        /**< BU flags octet: 0x80 A, 0x40 H, 0x20 L, 0x10 K */
	uint32_t lifetime;                    /**< granted, seconds */
	uint32_t remaining;                   /**< seconds left (rounded up) */
	int state;                            /**< enum hac_binding_state */
	NPF_MIPv6HA_SubtunnelHandle_t handle; /**< 0 until installed */
	uint32_t link;                        /**< index into hac_config.links */
	uint8_t ha_addr[16];                  /**< HA address the BU was sent to */
	uint8_t link_local[16];               /**< proxied link-local (L=1), else :: */
};

/* Drop reasons: one counter each (X-macro: enum suffix, name, description). */
#define HAC_DROP_REASONS(X)                                                                        \
	X(SHORT, short, "shorter than an IPv6 header or its payload length")                       \
	X(NOT_IPV6, not_ipv6, "IP version is not 6")                                               \
	X(EXTHDR, exthdr, "malformed or truncated extension header")                               \
	X(FRAGMENT, fragment, "fragment (not reassembled by the punt path)")                       \
	X(IPSEC_UNPROCESSED, ipsec_unprocessed, "ESP/AH still present")                            \
	X(RH2, rh2, "type 2 routing header reached the HA (RH-2)")                                 \
	X(ROUTING, routing, "routing header with segments left")                                   \
	X(DSTOPT_UNKNOWN, dstopt_unknown, "unknown destination option that requires discard")      \
	X(HAO_DUP, hao_dup, "two Home Address options (HAO-2)")                                    \
	X(HAO_BAD_ADDR, hao_bad_addr, "Home Address option address not unicast routable (HAO-1)")  \
	X(HAO_NO_BINDING, hao_no_binding,                                                          \
	  "Home Address option without a matching binding (HAO-3)")                                \
	X(PROTO, proto, "upper layer is neither MH nor ICMPv6")                                    \
	X(MH_SHORT, mh_short, "Mobility Header shorter than 8 octets")                             \
	X(MH_CHECKSUM, mh_checksum, "Mobility Header checksum (MH-2)")                             \
	X(MH_UNKNOWN_TYPE, mh_unknown_type, "unknown MH type (MH-3)")                              \
	X(MH_PAYLOAD_PROTO, mh_payload_proto, "MH Payload Proto is not 59 (MH-4)")                 \
	X(MH_HDRLEN, mh_hdrlen, "MH Header Len below the type's minimum (MH-5)")                   \
	X(MH_LENGTH, mh_length, "MH Header Len does not match the payload")                        \
	X(MH_OPTION, mh_option, "mobility option overruns or is malformed (MH-6)")                 \
	X(MH_AUTH_NOT_LAST, mh_auth_not_last, "Binding Authorization Data not last (MH-7)")        \
	X(MH_UNEXPECTED, mh_unexpected, "MH type a home agent does not process")                   \
	X(NO_IPSEC, no_ipsec, "BU without verified ESP while IPsec is required (BU-8)")            \
	X(SA_HOA, sa_hoa, "BU for a HoA other than its SA's (SEC-3)")                              \
	X(BU_BAD_HOA, bu_bad_hoa, "HoA not unicast routable (BU-1)")                               \
	X(BU_BAD_COA, bu_bad_coa, "CoA not unicast routable (BU-2)")                               \
	X(BU_BAD_SRC, bu_bad_src, "BU source not unicast (BA-4)")                                  \
	X(BU_NONCE_HOME, bu_nonce_home, "home registration with Nonce Indices (BU-3)")             \
	X(BU_NOT_HOME, bu_not_home, "correspondent registration (H=0): not a correspondent node")  \
	X(BU_NO_HAO, bu_no_hao, "home registration from away without HAO (REG-2)")                 \
	X(BU_BUSY, bu_busy, "an operation is still in flight for this HoA")                        \
	X(BU_NOT_OURS, bu_not_ours, "BU destination is not an HA address")                         \
	X(ICMP_IGNORED, icmp_ignored, "ICMPv6 message the control plane does not process")         \
	X(ICMP_BAD, icmp_bad, "malformed ICMPv6 signalling message")                               \
	X(RATE_LIMITED, rate_limited,                                                              \
	  "Binding Error / ICMPv6 error suppressed by the rate limit (BE-3)")                      \
	X(NO_ROOM, no_room, "output packet would not fit")

enum hac_drop {
#define HAC_X_ENUM(n, s, d) HAC_DROP_##n,
	HAC_DROP_REASONS(HAC_X_ENUM)
#undef HAC_X_ENUM
	    HAC_DROP_MAX
};

/* Scalar counters (X-macro: field, description). */
#define HAC_COUNTERS(X)                                                                            \
	X(rx_pkts, "packets handed to hac_input")                                                  \
	X(rx_mh, "Mobility Header messages that passed MH-2..MH-5")                                \
	X(bu_rx, "Binding Updates accepted for processing")                                        \
	X(be_tx, "Binding Errors sent")                                                            \
	X(icmp_err_tx, "ICMPv6 Parameter Problems sent (MH-4, MH-5)")                              \
	X(brr_tx, "Binding Refresh Requests sent")                                                 \
	X(tx_fail, "hac_io.tx failures")                                                           \
	X(api_fail, "NPF calls refused synchronously")                                             \
	X(api_async_fail, "NPF operations that failed in their completion")                        \
	X(dad_ok, "DAD succeeded for a registration")                                              \
	X(dad_fail, "DAD failed for a registration (DAD-6)")                                       \
	X(bindings_created, "first registrations installed")                                       \
	X(bindings_refreshed, "refreshes and moves installed")                                     \
	X(bindings_deregistered, "de-registrations")                                               \
	X(bindings_expired, "bindings removed at lifetime expiry")                                 \
	X(bindings_cleared, "bindings removed by the operator or reconfiguration")                 \
	X(grace_purged, "de-registered entries purged after the grace period")                     \
	X(bc_miss_events, "BC_ENTRY_MISS events seen")                                             \
	X(auth_fail_events, "SUBTUNNEL_ENDPOINT_AUTH_FAILED events seen")                          \
	X(dhaad_rx, "DHAAD requests received")                                                     \
	X(dhaad_tx, "DHAAD replies sent")                                                          \
	X(ra_rx, "Router Advertisements received")                                                 \
	X(ra_tx, "Router Advertisements sent")                                                     \
	X(mps_rx, "Mobile Prefix Solicitations received")                                          \
	X(mpa_tx, "Mobile Prefix Advertisements sent")

/** Statistics; counters only grow until hac_stats_clear(). */
struct hac_stats {
#define HAC_X_FIELD(f, d) uint64_t f;
	HAC_COUNTERS(HAC_X_FIELD)
#undef HAC_X_FIELD
	uint64_t ba_tx[256];          /**< BAs sent, by status */
	uint64_t be_tx_status[3];     /**< BEs sent, by status (1, 2) */
	uint64_t drops[HAC_DROP_MAX]; /**< by enum hac_drop */
};

/**
 * Create an instance: checks the configuration, allocates a binding table of
 * cfg->max_bindings entries, and registers a completion callback and an event
 * handler with the NPF API (which must be initialised, and the links and
 * tunnels created, by the caller).
 * @return the instance, or NULL with errno EINVAL (bad configuration or io),
 *         ENOMEM, or EIO (the NPF API refused the registration).
 */
struct hac *hac_create(const struct hac_config *cfg, const struct hac_io *io);

/**
 * Destroy: deletes its BC entries and proxied addresses through the API,
 * runs npf_mipv6ha_dispatch() until its own completions have been delivered
 * (so call it from the control thread, never from inside an NPF callback),
 * then deregisters. NULL is ignored.
 */
void hac_destroy(struct hac *h);

/**
 * Apply a new configuration, keeping bindings. Links are matched by
 * homeLink handle; bindings on removed links, and bindings whose HoA no longer
 * lies in a home prefix, are removed.
 * @return 0; -EINVAL (bad configuration, or max_bindings above the capacity
 *         given to hac_create); nothing is changed on error.
 */
int hac_reconfigure(struct hac *h, const struct hac_config *cfg);

/** Process one punted packet (IPv6 header first). Never fails: problems are counted. */
void hac_input(struct hac *h, const struct hac_pkt_meta *m, const uint8_t *ip6, uint32_t len);

/** Run due timers (grace purge, Binding Refresh Requests) on npf_mipv6ha_now_ms(). */
void hac_service(struct hac *h);

/** Milliseconds until hac_service() has work (UINT32_MAX: none). */
uint32_t hac_next_timeout_ms(const struct hac *h);

/**
 * Call fn for every binding (all states) until it returns non-zero.
 * @return 0, or the first non-zero value fn returned; -EINVAL (NULL).
 */
int hac_binding_foreach(struct hac *h, int (*fn)(void *arg, const struct hac_binding_info *b),
			void *arg);

/** @return 0; -ENOENT (no binding for hoa); -EINVAL (NULL). */
int hac_binding_get(struct hac *h, const uint8_t hoa[16], struct hac_binding_info *out);

/**
 * Operator "clear binding": delete the BC entry and proxied addresses, no BA.
 * @return 0; -ENOENT; -EBUSY (an operation is in flight, retry); -EINVAL.
 */
int hac_binding_clear(struct hac *h, const uint8_t hoa[16]);

void hac_stats_get(const struct hac *h, struct hac_stats *out);
void hac_stats_clear(struct hac *h);
/** Name of a drop reason ("mh_checksum"...), NULL if out of range. */
const char *hac_drop_name(unsigned int reason);
/**
 * Call fn(name, value) for every scalar counter, every drop reason
 * ("drop_<reason>"), and every non-zero "ba_tx_<status>" / "be_tx_<status>".
 */
void hac_stats_foreach(const struct hac_stats *s,
		       void (*fn)(void *arg, const char *name, uint64_t v), void *arg);

/** One entry of a home agents list (RFC 6275 §10.1). */
struct hac_ha_info {
	uint8_t link_local[16]; /**< :: for this home agent itself */
	bool self;
	uint16_t preference;
	uint32_t lifetime_s, remaining_s;
	uint32_t n_addrs;
	uint8_t addrs[HAC_MAX_HA_ADDRS][16];
};

/**
 * Call fn for every home agent of link `link` (this one included), in
 * decreasing preference order, until fn returns non-zero.
 * @return 0 or fn's value; -EINVAL (NULL or link out of range).
 */
int hac_ha_list_foreach(struct hac *h, uint32_t link,
			int (*fn)(void *arg, const struct hac_ha_info *ha), void *arg);

#ifdef __cplusplus
}
#endif

#endif /* HA_CONTROL_H */
