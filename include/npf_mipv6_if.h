/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file npf_mipv6_if.h
 * Interface Management extension for the MIPv6 HA Service API: the home link
 * interface and the MIPv6 HA tunnel interface that seed 003 presumes (§2.2,
 * §3, §5.5, Appendix B.3.1) but leaves to the (unpublished) IM API.
 *
 * These calls are synchronous: they return once the interface exists in the
 * forwarding plane. Order of operations (seed §5.5), enforced:
 *  - a tunnel interface is created on an existing home link interface and
 *    anchored on one of its HA addresses;
 *  - BC calls need a tunnel interface handle, proxy ND calls a home link
 *    interface handle (otherwise NPF_MIPv6HA_E_INVALID_IF_HANDLE);
 *  - a tunnel interface can be deleted only once its BC entries are flushed,
 *    a home link only once its tunnel interfaces are deleted and its proxy
 *    ND addresses flushed (otherwise NPF_E_RESOURCE_IN_USE).
 */
#ifndef NPF_MIPV6_IF_H
#define NPF_MIPV6_IF_H

#include "npf_mipv6.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NPF_MIPV6HA_IF_MAX_HA_ADDRS 8 /**< HA addresses per home link */
#define NPF_MIPV6HA_IF_MAX_PREFIXES 8 /**< home prefixes per home link */
#define NPF_MIPV6HA_IF_MAX_HOMELINKS 64
#define NPF_MIPV6HA_IF_MAX_TUNNELS 256
/** Lifetime value meaning "infinite" (RFC 4861 §4.6.2). */
#define NPF_MIPV6HA_IF_LIFETIME_INFINITE 0xFFFFFFFFu
/** RFC 4861 §10 RetransTimer default, milliseconds. */
#define NPF_MIPV6HA_IF_RETRANS_TIMER_DEFAULT_MS 1000u

/** A home prefix served on a home link. */
typedef struct {
	NPF_IPv6Address_t prefix;       /**< host bits must be zero */
	NPF_uint8_t prefixLen;          /**< 1..128; 64 for SLAAC links */
	NPF_uint32_t validLifetime;     /**< seconds, or ..._LIFETIME_INFINITE */
	NPF_uint32_t preferredLifetime; /**< seconds, <= validLifetime */
} NPF_MIPv6HA_IF_Prefix_t;

/** Configuration of a home link interface. */
typedef struct {
	NPF_uint16_t portId;         /**< forwarding-plane port of the link */
	NPF_uint16_t vlanId;         /**< 0: untagged; else 1..4094 */
	NPF_uint8_t macAddr[6];      /**< the HA's link-layer address (unicast) */
	NPF_uint16_t mtu;            /**< link MTU, >= 1280 */
	NPF_IPv6Address_t linkLocal; /**< the HA's link-local address (fe80::/64) */
	NPF_uint32_t nHaAddrs;       /**< 1..NPF_MIPV6HA_IF_MAX_HA_ADDRS */
	NPF_IPv6Address_t haAddrs[NPF_MIPV6HA_IF_MAX_HA_ADDRS]; /**< global unicast */
	NPF_uint32_t nPrefixes; /**< 1..NPF_MIPV6HA_IF_MAX_PREFIXES */
	NPF_MIPv6HA_IF_Prefix_t prefixes[NPF_MIPV6HA_IF_MAX_PREFIXES];
	/** DupAddrDetectTransmits for proxied addresses (RFC 4862 §5.1); 0 = no DAD. */
	NPF_uint8_t dadTransmits;
	/** RetransTimer in ms (RFC 4861 §10); 0 selects the 1000 ms default. */
	NPF_uint32_t retransTimerMs;
} NPF_MIPv6HA_IF_HomeLinkConfig_t;

/** Read-back of a home link interface. */
typedef struct {
	NPF_MIPv6HA_IF_HomeLinkConfig_t config;
	/** Home-agents anycast address of each prefix (RFC 2526, RFC 6275 §9.8). */
	NPF_IPv6Address_t anycast[NPF_MIPV6HA_IF_MAX_PREFIXES];
	NPF_boolean_t operUp;     /**< operational status */
	NPF_uint32_t nTunnels;    /**< tunnel interfaces anchored here */
	NPF_uint32_t nProxyAddrs; /**< proxied addresses on this link */
} NPF_MIPv6HA_IF_HomeLinkInfo_t;

/** Path MTU discovery mode of a tunnel interface (seed §3.1). */
typedef enum {
	NPF_MIPV6HA_IF_PMTU_OFF = 0, /**< the tunnel MTU is static */
	NPF_MIPV6HA_IF_PMTU_ON = 1   /**< per sub-tunnel PMTU from received PTBs */
} NPF_MIPv6HA_IF_PmtuMode_t;

/** Configuration of a MIPv6 HA tunnel interface (RFC 2473 parameters). */
typedef struct {
	NPF_IfHandle_t homeLink;  /**< the home link interface it rides on */
	NPF_IPv6Address_t haAddr; /**< anchor: one of the home link's HA addresses */
	NPF_uint8_t hopLimit;     /**< outer hop limit, 1..255 (RFC 2473 §6.3) */
	NPF_uint8_t trafficClass; /**< outer traffic class */
	NPF_uint32_t flowLabel;   /**< outer flow label, 0..0xFFFFF */
	NPF_uint16_t mtu;         /**< tunnel MTU (inner packets), >= 1280 */
	NPF_MIPv6HA_IF_PmtuMode_t pmtuMode;
	/** Tunnel Encapsulation Limit to insert (RFC 2473 §4.1.1); -1: none. */
	NPF_int16_t encapLimit;
} NPF_MIPv6HA_IF_TunnelConfig_t;

/** Read-back of a tunnel interface. */
typedef struct {
	NPF_MIPv6HA_IF_TunnelConfig_t config;
	NPF_uint32_t nEntries; /**< BC entries bound to it */
} NPF_MIPv6HA_IF_TunnelInfo_t;

/**
 * Create a home link interface.
 * @param cfg configuration (copied)
 * @param[out] ifHandle its handle: never 0; after a delete, the same value is
 *        given out again only once its slot has been re-created 2^20 times
 * @return NPF_NO_ERROR; NPF_E_UNKNOWN (NULL pointer, not initialised);
 *         NPF_MIPv6HA_E_INVALID_PARAM (bad address, prefix, MTU, MAC, VLAN,
 *         counts, or an HA address already used by another home link);
 *         NPF_MIPv6HA_E_NOMEMORY (too many home links).
 */
NPF_error_t NPF_MIPv6HA_IF_HomeLinkCreate(NPF_IN const NPF_MIPv6HA_IF_HomeLinkConfig_t *cfg,
					  NPF_OUT NPF_IfHandle_t *ifHandle);

/**
 * Delete a home link interface.
 * @return NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_IF_HANDLE; NPF_E_RESOURCE_IN_USE
 *         (tunnel interfaces or proxy ND addresses remain).
 */
NPF_error_t NPF_MIPv6HA_IF_HomeLinkDelete(NPF_IN NPF_IfHandle_t ifHandle);

/**
 * Replace the home prefixes of a home link (e.g. on configuration reload).
 * @return NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_IF_HANDLE; NPF_E_UNKNOWN (NULL);
 *         NPF_MIPv6HA_E_INVALID_PARAM.
 */
NPF_error_t NPF_MIPv6HA_IF_HomeLinkPrefixesSet(NPF_IN NPF_IfHandle_t ifHandle,
					       NPF_IN NPF_uint32_t nPrefixes,
					       NPF_IN const NPF_MIPv6HA_IF_Prefix_t *prefixes);

/**
 * Set the operational status of a home link. DAD only completes while the
 * link is up; going down and up again restarts DAD for every proxied address
 * (seed §4.1.6).
 * @return NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_IF_HANDLE.
 */
NPF_error_t NPF_MIPv6HA_IF_HomeLinkOperStatusSet(NPF_IN NPF_IfHandle_t ifHandle,
						 NPF_IN NPF_boolean_t up);

/**
 * Read a home link interface.
 * @return NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_IF_HANDLE; NPF_E_UNKNOWN (NULL).
 */
NPF_error_t NPF_MIPv6HA_IF_HomeLinkGet(NPF_IN NPF_IfHandle_t ifHandle,
				       NPF_OUT NPF_MIPv6HA_IF_HomeLinkInfo_t *info);

/**
 * Create a MIPv6 HA tunnel interface anchored on an HA address.
 * @return NPF_NO_ERROR; NPF_E_UNKNOWN (NULL pointer);
 *         NPF_MIPv6HA_E_INVALID_IF_HANDLE (homeLink unknown or not a home
 *         link); NPF_MIPv6HA_E_INVALID_PARAM (haAddr not an HA address of the
 *         home link or already anchoring a tunnel, hop limit 0, flow label
 *         above 20 bits, MTU below 1280, bad PMTU mode or encapLimit);
 *         NPF_MIPv6HA_E_NOMEMORY (too many tunnel interfaces).
 */
NPF_error_t NPF_MIPv6HA_IF_TunnelCreate(NPF_IN const NPF_MIPv6HA_IF_TunnelConfig_t *cfg,
					NPF_OUT NPF_IfHandle_t *ifHandle);

/**
 * Delete a tunnel interface.
 * @return NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_IF_HANDLE; NPF_E_RESOURCE_IN_USE
 *         (BC entries remain: flush them first).
 */
NPF_error_t NPF_MIPv6HA_IF_TunnelDelete(NPF_IN NPF_IfHandle_t ifHandle);

/**
 * Change the outer-header parameters of a tunnel interface (hop limit,
 * traffic class, flow label, MTU, PMTU mode, encapsulation limit; homeLink
 * and haAddr must stay the same). Existing sub-tunnels take the new values
 * atomically, each on its own.
 * @return NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_IF_HANDLE; NPF_E_UNKNOWN (NULL);
 *         NPF_MIPv6HA_E_INVALID_PARAM; NPF_MIPv6HA_E_NOMEMORY.
 */
NPF_error_t NPF_MIPv6HA_IF_TunnelSet(NPF_IN NPF_IfHandle_t ifHandle,
				     NPF_IN const NPF_MIPv6HA_IF_TunnelConfig_t *cfg);

/**
 * Read a tunnel interface.
 * @return NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_IF_HANDLE; NPF_E_UNKNOWN (NULL).
 */
NPF_error_t NPF_MIPv6HA_IF_TunnelGet(NPF_IN NPF_IfHandle_t ifHandle,
				     NPF_OUT NPF_MIPv6HA_IF_TunnelInfo_t *info);

/* ---- Plain router links and static routes ----
 * The home agent is also the IPv6 router between its links (ARCHITECTURE.md
 * standard topology). A home link's prefixes are on-link routes of its
 * port; other links are created with NPF_MIPv6HA_IF_LinkCreate(), and
 * routes through gateways with NPF_MIPv6HA_IF_RouteAdd(). */

#define NPF_MIPV6HA_IF_MAX_LINKS 64     /**< plain router links */
#define NPF_MIPV6HA_IF_MAX_LINK_ADDRS 8 /**< addresses per plain link */

/** An address of the router on a link, and the on-link prefix it implies. */
typedef struct {
	NPF_IPv6Address_t addr; /**< global unicast */
	NPF_uint8_t prefixLen;  /**< 1..128 */
} NPF_MIPv6HA_IF_LinkAddr_t;

typedef struct {
	NPF_uint16_t portId;         /**< forwarding-plane port; one link per port */
	NPF_uint16_t vlanId;         /**< 0: untagged */
	NPF_uint8_t macAddr[6];      /**< the router's MAC on the link */
	NPF_uint16_t mtu;            /**< link MTU, >= 1280 */
	NPF_IPv6Address_t linkLocal; /**< fe80::/64 */
	NPF_uint32_t nAddrs;         /**< 1..NPF_MIPV6HA_IF_MAX_LINK_ADDRS */
	NPF_MIPv6HA_IF_LinkAddr_t addrs[NPF_MIPV6HA_IF_MAX_LINK_ADDRS];
} NPF_MIPv6HA_IF_LinkConfig_t;

/**
 * Create a plain router link.
 * @return NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_PARAM (bad field, port already
 *         used by a link or home link, address in use); NPF_MIPv6HA_E_NOMEMORY
 *         (no slot or route space); NPF_E_UNKNOWN (NULL pointer, not initialised).
 */
NPF_error_t NPF_MIPv6HA_IF_LinkCreate(NPF_IN const NPF_MIPv6HA_IF_LinkConfig_t *cfg,
				      NPF_OUT NPF_IfHandle_t *ifHandle);

/**
 * Delete a plain router link, its on-link routes and the routes through it.
 * @return NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_IF_HANDLE.
 */
NPF_error_t NPF_MIPv6HA_IF_LinkDelete(NPF_IN NPF_IfHandle_t ifHandle);

/**
 * Add (or replace) a route through @p gateway on link @p ifHandle (a plain
 * link or a home link); @p gateway NULL makes the prefix on-link there.
 * @return NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_IF_HANDLE;
 *         NPF_MIPv6HA_E_INVALID_PARAM (prefix length, host bits, gateway not
 *         unicast); NPF_MIPv6HA_E_NOMEMORY (route or next-hop table full);
 *         NPF_E_UNKNOWN (NULL pointer).
 */
NPF_error_t NPF_MIPv6HA_IF_RouteAdd(NPF_IN const NPF_IPv6Address_t *prefix,
				    NPF_IN NPF_uint8_t prefixLen,
				    NPF_IN const NPF_IPv6Address_t *gateway,
				    NPF_IN NPF_IfHandle_t ifHandle);

/**
 * Delete a route added with NPF_MIPv6HA_IF_RouteAdd().
 * @return NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_PARAM (no such route);
 *         NPF_E_UNKNOWN (NULL pointer).
 */
NPF_error_t NPF_MIPv6HA_IF_RouteDelete(NPF_IN const NPF_IPv6Address_t *prefix,
				       NPF_IN NPF_uint8_t prefixLen);

#ifdef __cplusplus
}
#endif

#endif /* NPF_MIPV6_IF_H */
