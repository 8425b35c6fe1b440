/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file config.h
 * Configuration layer of ha-router: the YANG module `ha-router`
 * (yang/ha-router.yang, embedded in the binary) parsed and validated with
 * libyang, turned into plain C structures, compared with the running
 * configuration, and operational state rendered as module-shaped JSON.
 *
 * The flow is YANG -> validate -> diff -> apply. Only the first two steps can
 * fail, and they fail with a message naming the offending data node, e.g.
 * `/ha-router:home-links/home-link[name='home0']/dad-transmits: ...`. The
 * structures below carry no libyang type: the rest of the daemon applies them
 * through the NPF API without knowing libyang.
 *
 * All functions may be called from any thread, one call at a time per object.
 * Every call builds and frees its own libyang context: nothing is kept
 * between calls.
 */
#ifndef HA_ROUTER_CONFIG_H
#define HA_ROUTER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HACFG_NAME_LEN 64                   /**< names: 1..63 characters + NUL */
#define HACFG_DEVICE_LEN 256                /**< device strings: 1..255 characters + NUL */
#define HACFG_MAX_HA_ADDRS 8                /**< = NPF_MIPV6HA_IF_MAX_HA_ADDRS */
#define HACFG_MAX_PREFIXES 8                /**< = NPF_MIPV6HA_IF_MAX_PREFIXES */
#define HACFG_LIFETIME_INFINITE 0xFFFFFFFFu /**< "infinite" prefix lifetime */
#define HACFG_MAX_INPUT (4u << 20)          /**< largest configuration text accepted */

/** Input formats. */
enum hacfg_format {
	HACFG_FMT_JSON = 0, /**< RFC 7951 JSON */
	HACFG_FMT_XML = 1   /**< RFC 7950 XML */
};

/** An IPv6 prefix or an address with its on-link prefix length. */
struct hacfg_prefix {
	struct in6_addr addr;
	uint8_t len; /**< 0..128 */
};

/** ports/port: a DPDK ethdev. */
struct hacfg_port {
	char name[HACFG_NAME_LEN];
	char device[HACFG_DEVICE_LEN]; /**< PCI address or vdev argument string */
	uint16_t rx_queues;            /**< 0: one per worker lcore */
	bool has_mac;
	uint8_t mac[6]; /**< MAC override when has_mac */
};

/** interfaces/interface: a plain routed link. */
struct hacfg_interface {
	char name[HACFG_NAME_LEN];
	char port[HACFG_NAME_LEN]; /**< name of a struct hacfg_port */
	uint16_t vlan;             /**< 0: untagged */
	uint16_t mtu;
	bool has_link_local; /**< false: derive from the port MAC (EUI-64) */
	struct in6_addr link_local;
	uint32_t n_addrs;
	struct hacfg_prefix *addrs; /**< router addresses with prefix lengths */
};

/** routes/route: a static route. */
struct hacfg_route {
	struct hacfg_prefix prefix; /**< host bits clear */
	bool has_gateway;           /**< false: on-link */
	struct in6_addr gateway;
	char interface[HACFG_NAME_LEN]; /**< an interface or a home link */
};

/** home-links/home-link/home-prefix. */
struct hacfg_home_prefix {
	struct hacfg_prefix prefix;  /**< host bits zero (checked) */
	uint32_t valid_lifetime;     /**< seconds or HACFG_LIFETIME_INFINITE */
	uint32_t preferred_lifetime; /**< <= valid_lifetime (checked) */
};

/** Path MTU discovery mode of the HA tunnels. */
enum hacfg_pmtu_mode { HACFG_PMTU_OFF = 0, HACFG_PMTU_ON = 1 };

/** home-links/home-link/ha-tunnel: RFC 2473 outer-header parameters. */
struct hacfg_tunnel {
	uint8_t hop_limit;
	uint8_t traffic_class;
	uint32_t flow_label; /**< 20 bits */
	uint16_t mtu;
	enum hacfg_pmtu_mode pmtu_mode;
	int16_t encap_limit; /**< -1: no Tunnel Encapsulation Limit option */
};

/** home-links/home-link: one home link with its tunnel parameters. */
struct hacfg_home_link {
	char name[HACFG_NAME_LEN];
	char port[HACFG_NAME_LEN];
	uint16_t vlan;
	uint16_t mtu;
	bool has_mac; /**< false: the port's MAC address */
	uint8_t mac[6];
	bool has_link_local; /**< false: derived from the MAC (EUI-64) */
	struct in6_addr link_local;
	uint32_t n_ha_addrs; /**< 1..HACFG_MAX_HA_ADDRS */
	struct in6_addr ha_addrs[HACFG_MAX_HA_ADDRS];
	uint32_t n_prefixes; /**< 1..HACFG_MAX_PREFIXES */
	struct hacfg_home_prefix prefixes[HACFG_MAX_PREFIXES];
	int16_t ha_preference;
	uint16_t ha_lifetime; /**< seconds */
	bool ra_enabled;
	uint32_t ra_min_interval_ms;
	uint32_t ra_max_interval_ms;
	uint8_t dad_transmits;
	uint32_t retrans_timer_ms;
	bool mpd_enabled;
	uint32_t mpd_min_interval_s;
	uint32_t mpd_max_interval_s;
	struct hacfg_tunnel tunnel;
};

/** binding-policy. */
struct hacfg_policy {
	uint32_t max_bindings;
	uint32_t max_lifetime_s;
	uint32_t n_permit; /**< 0: any HoA inside a home prefix */
	struct hacfg_prefix *permit;
	uint32_t refresh_advice_s; /**< 0: no Binding Refresh Advice option */
	uint32_t brr_lead_time_s;  /**< 0: no Binding Refresh Request */
	bool require_ipsec;
	uint16_t be_rate_limit; /**< Binding Errors per second */
};

/** ESP transforms of ipsec/mobile-node/sa/algorithm. */
enum hacfg_esp_alg {
	HACFG_ESP_AES128_GCM = 0,
	HACFG_ESP_AES128_CBC_HMAC_SHA1_96,
	HACFG_ESP_AES256_CBC_HMAC_SHA256_128,
	HACFG_ESP_3DES_CBC_HMAC_SHA1_96,
	HACFG_ESP_NULL_HMAC_SHA1_96,
	HACFG_ESP_AES128_CBC_HMAC_SHA256_128,
};

/** What a security association protects (RFC 3776 4). */
enum hacfg_sa_traffic {
	HACFG_SA_SIGNALLING = 0,
	HACFG_SA_PREFIX_DISCOVERY,
	HACFG_SA_RETURN_ROUTABILITY,
	HACFG_SA_PAYLOAD,
};

/** ipsec/mobile-node/sa: one manually keyed ESP SA. */
struct hacfg_ipsec_sa {
	uint32_t spi;
	bool inbound; /**< true: from the mobile node */
	enum hacfg_sa_traffic traffic;
	enum hacfg_esp_alg alg;
	uint8_t enc_key_len; /**< octets */
	uint8_t auth_key_len;
	uint8_t enc_key[128];
	uint8_t auth_key[128];
};

/** ipsec/mobile-node. */
struct hacfg_ipsec_mn {
	struct in6_addr hoa;
	uint32_t n_sas;
	struct hacfg_ipsec_sa *sas;
};

/** The whole configuration. Lists are in the order of the source text. */
struct hacfg {
	uint32_t n_ports;
	struct hacfg_port *ports;
	uint32_t n_interfaces;
	struct hacfg_interface *interfaces;
	uint32_t n_routes;
	struct hacfg_route *routes;
	uint32_t n_home_links; /**< >= 1 */
	struct hacfg_home_link *home_links;
	struct hacfg_policy policy;
	uint32_t n_ipsec;
	struct hacfg_ipsec_mn *ipsec;
};

/**
 * Parse and validate a configuration file; the format follows the extension
 * (`.xml`: XML, anything else: JSON).
 * @param path file to read
 * @param[out] out the configuration, to free with hacfg_free(); untouched on
 *        error
 * @param err buffer for a one-line message naming the offending node (may be
 *        NULL when errlen is 0)
 * @param errlen size of @p err
 * @return 0; -EINVAL (NULL argument, invalid configuration, NUL byte in the
 *         text); -ENOENT, -EACCES, -EISDIR and other -errno of open/read;
 *         -EFBIG (larger than HACFG_MAX_INPUT); -ENODATA (empty file);
 *         -ENOMEM.
 */
int hacfg_load_file(const char *path, struct hacfg **out, char *err, size_t errlen);

/**
 * Parse and validate a configuration held in memory (NUL-terminated).
 * @return as hacfg_load_file(), without the file errors.
 */
int hacfg_load_string(const char *data, enum hacfg_format fmt, struct hacfg **out, char *err,
		      size_t errlen);

/** Free a configuration; NULL is allowed. */
void hacfg_free(struct hacfg *cfg);

/**
 * The embedded default configuration (examples/default.json): the standard
 * test topology with require-ipsec false for the demonstration.
 * @return a static NUL-terminated JSON text.
 */
const char *hacfg_default_json(void);

/** The embedded YANG module text. */
const char *hacfg_yang_module(void);

/** Kinds of configuration object a diff item names. */
enum hacfg_diff_kind {
	HACFG_DK_PORT = 0,
	HACFG_DK_INTERFACE,
	HACFG_DK_ROUTE,
	HACFG_DK_HOME_LINK,
	HACFG_DK_POLICY,
	HACFG_DK_IPSEC_MN,
};

/** What happened to the object. */
enum hacfg_diff_op {
	HACFG_DIFF_ADD = 0,
	HACFG_DIFF_REMOVE,
	HACFG_DIFF_CHANGE,
};

/**
 * Fields of a home link that changed (struct hacfg_diff_item.fields), and
 * what applying them takes.
 */
enum {
	/** port, vlan, mac, mtu, link-local: the home link interface must be
	 *  re-created, which drops the link's bindings and proxied addresses. */
	HACFG_HL_L2 = 1u << 0,
	/** dad-transmits, retrans-timer: likewise (no setter in the IF API). */
	HACFG_HL_ND = 1u << 1,
	/** HA addresses added or removed: create or delete tunnel interfaces;
	 *  bindings anchored on a removed address go with it. */
	HACFG_HL_HA_ADDRS = 1u << 2,
	/** home prefixes: NPF_MIPv6HA_IF_HomeLinkPrefixesSet. */
	HACFG_HL_PREFIXES = 1u << 3,
	/** ha-preference, ha-lifetime: control plane only. */
	HACFG_HL_HA_INFO = 1u << 4,
	/** router-advertisements: control plane only. */
	HACFG_HL_RA = 1u << 5,
	/** mobile-prefix-discovery: control plane only. */
	HACFG_HL_MPD = 1u << 6,
	/** ha-tunnel: NPF_MIPv6HA_IF_TunnelSet on each tunnel; bindings kept. */
	HACFG_HL_TUNNEL = 1u << 7,
};

/** Fields changed in routes and interfaces (any change: replace). */
#define HACFG_CHANGED_ANY 1u

/** One difference between two configurations. */
struct hacfg_diff_item {
	enum hacfg_diff_kind kind;
	enum hacfg_diff_op op;
	int32_t old_idx; /**< index in the old configuration's list, -1 for ADD */
	int32_t new_idx; /**< index in the new configuration's list, -1 for REMOVE */
	uint32_t fields; /**< CHANGE of a home link: HACFG_HL_* bits; else HACFG_CHANGED_ANY */
};

/** The difference from a running configuration to a new one. */
struct hacfg_diff {
	uint32_t n_items;
	struct hacfg_diff_item *items; /**< removals first, then changes, then additions */
	/** A change that cannot be applied to a running daemon (ports); the
	 *  daemon must refuse the reload and keep the running configuration. */
	bool restart_required;
	/** Why, naming the node, when restart_required. */
	char restart_reason[256];
	/** Applying the diff drops some bindings: a home link removed, an
	 *  HACFG_HL_L2 or HACFG_HL_ND change, or an HA address removed. */
	bool drops_bindings;
};

/**
 * Compute what changed from @p old to @p new. Objects are matched by their
 * keys (names, prefixes, home addresses), not by position.
 * @param[out] out filled in; release with hacfg_diff_free()
 * @return 0 (also when restart_required is set); -EINVAL (NULL argument);
 *         -ENOMEM.
 */
int hacfg_diff(const struct hacfg *old, const struct hacfg *new, struct hacfg_diff *out);

/** Release the items of a diff; the structure may be reused afterwards. */
void hacfg_diff_free(struct hacfg_diff *d);

/** DAD state of a proxied address. */
enum hacfg_nd_state {
	HACFG_ND_PROBING = 0,
	HACFG_ND_VALID,
	HACFG_ND_INVALID,
};

/** Binding Update flags recorded in a binding (RFC 6275 6.1.7, RFC 3963). */
enum {
	HACFG_BF_A = 1u << 0,
	HACFG_BF_H = 1u << 1,
	HACFG_BF_L = 1u << 2,
	HACFG_BF_K = 1u << 3,
	HACFG_BF_R = 1u << 4,
};

/** bindings/binding. */
struct hacfg_oper_binding {
	struct in6_addr hoa;
	struct in6_addr coa;
	const char *home_link; /**< NULL: omitted */
	uint32_t lifetime_s;
	uint32_t remaining_s;
	uint16_t sequence;
	uint32_t flags; /**< HACFG_BF_* */
	uint16_t path_mtu;
	uint64_t in_packets, in_octets, out_packets, out_octets, in_drops, out_drops;
};

/** home-agents/home-agent. */
struct hacfg_oper_home_agent {
	const char *home_link;
	struct in6_addr link_local;
	uint32_t n_global;
	const struct in6_addr *global;
	int16_t preference;
	uint16_t lifetime_s;
	uint16_t remaining_s;
	bool self;
};

/** proxy-nd/entry. */
struct hacfg_oper_proxy_nd {
	struct in6_addr addr;
	const char *home_link; /**< NULL: omitted */
	enum hacfg_nd_state state;
};

/** drops/drop. */
struct hacfg_oper_drop {
	const char *reason; /**< 1..64 characters */
	uint64_t count;
};

/** signalling/ba-sent. */
struct hacfg_oper_ba_status {
	uint8_t status;
	const char *name; /**< NULL: omitted */
	uint64_t count;
};

/** Operational state to render; all pointers are borrowed. */
struct hacfg_oper {
	uint32_t n_bindings;
	const struct hacfg_oper_binding *bindings;
	uint32_t n_home_agents;
	const struct hacfg_oper_home_agent *home_agents;
	uint32_t n_proxy_nd;
	const struct hacfg_oper_proxy_nd *proxy_nd;
	uint32_t n_drops;
	const struct hacfg_oper_drop *drops;
	bool has_signalling; /**< render the signalling container */
	uint64_t bu_received, bu_discarded, brr_sent, be_sent;
	uint32_t n_ba_status;
	const struct hacfg_oper_ba_status *ba_status;
};

/**
 * Render operational state as RFC 7951 JSON of the ha-router module,
 * validated against it before it is returned.
 * @param[out] json malloc'd text, to free(); NULL on error
 * @return 0; -EINVAL (NULL argument, or data the module rejects, such as two
 *         bindings with the same home address); -ENOMEM.
 */
int hacfg_oper_json(const struct hacfg_oper *st, char **json);

/**
 * Check that @p json is valid operational state of the module (tests and
 * ha-ctl use it).
 * @return 0; -EINVAL with a message naming the node; -EFBIG; -ENOMEM.
 */
int hacfg_validate_oper_json(const char *json, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* HA_ROUTER_CONFIG_H */
