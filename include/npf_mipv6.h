/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file npf_mipv6.h
 * The NPF Mobile IPv6 Home Agent Service API (NPF IA rev. 1.0, seed 003),
 * Appendix A made to compile, with the spellings of the document's body
 * (§4, §5) offered beside those of the appendix. Every deviation from the
 * printed text is listed in doc/npf-conformance.md.
 *
 * Threading: every function is called from one thread, the application's
 * control thread. Completion callbacks and event handlers are never invoked
 * from inside the call that caused them; they run from
 * npf_mipv6ha_dispatch() (npf_mipv6ha_runtime.h) on that same thread.
 *
 * Pointers inside a completion or an event (BC entries, statistics, address
 * and identifier arrays) are valid only until the callback returns.
 */
#ifndef NPF_MIPV6_H
#define NPF_MIPV6_H

#include "npf.h"

#ifdef __cplusplus
extern "C" {
#endif

/** NPF MIPv6 error type (asynchronous response codes, seed §4.4). */
typedef NPF_uint32_t NPF_MIPv6HA_ErrorType_t;
/** §4.2.3 spelling of NPF_MIPv6HA_ErrorType_t. */
typedef NPF_MIPv6HA_ErrorType_t NPF_MIPv6HA_errorType_t;

/**
 * Sub-tunnel handle, chosen by the implementation (seed §4.1.1). Never 0.
 * A handle stays the same when its entry is replaced (BC_Entry_Add of an
 * existing HoA). A handle is generation << b | slot, with b = ceil(log2(
 * capacity)) and the generation counting 1..2^(32-b)-1; free slots are
 * reused oldest-freed first. After a delete, the same value is handed out
 * again only once its slot has been reused 2^(32-b)-1 times (4095 times at
 * 1M capacity, after about 4 billion deletions in all), so a stale handle is
 * answered with NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE, not aliased.
 */
typedef NPF_uint32_t NPF_MIPv6HA_SubtunnelHandle_t;
typedef NPF_MIPv6HA_SubtunnelHandle_t NPF_MIPV6HA_SubtunnelHandle_t; /**< §5.4.2 */
typedef NPF_MIPv6HA_SubtunnelHandle_t NPF_MIPv6HA_subtunnelHandle_t; /**< §4.3.2.2 */
typedef NPF_MIPv6HA_SubtunnelHandle_t NPF_MIPv6HA_subtunnel_t;       /**< §3.1 */

/** §5.4 spellings of the base types. */
typedef NPF_IfHandle_t NPF_ifHandle_t;
typedef NPF_IfHandle_t NPF_ifhandle_t;
typedef NPF_IPv6Address_t NPF_Ipv6Address_t;
typedef NPF_callbackHandle_t NPF_callHandle_t;     /**< §5.3.2 */
typedef NPF_callbackHandle_t NPF_callbackhandle_t; /**< §5.3.4 */

/** Sub-tunnel identifiers (seed §4.1.2). */
typedef struct {
	union {
		NPF_MIPv6HA_SubtunnelHandle_t subtunnelHandle; /**< §4.1.2 */
		NPF_MIPv6HA_SubtunnelHandle_t subunnelhandle;  /**< Appendix A */
	};
	NPF_IPv6Address_t HoA; /**< home address of the mobile node */
} NPF_MIPv6HA_SubtunnelIdentifiers_t;
typedef NPF_MIPv6HA_SubtunnelIdentifiers_t NPF_MIPv6HA_subtunnelIdentifiers_t; /**< §3.1 */

/** Sub-tunnel identifiers array (seed §4.1.3). */
typedef struct {
	NPF_uint32_t nCount; /**< number of elements */
	union {
		NPF_MIPv6HA_SubtunnelIdentifiers_t *subtunnelIdentifiersArray; /**< §4.1.3 */
		NPF_MIPv6HA_SubtunnelIdentifiers_t *subunnelidentifiersarray;  /**< App. A */
	};
} NPF_MIPv6HA_SubtunnelIdentifiersArray_t;
/** §5.4.11 calls it a tunnel handle array. */
typedef NPF_MIPv6HA_SubtunnelIdentifiersArray_t NPF_MIPv6HA_tunnelHandle_array_t;

/** Binding cache entry lifetime mode (seed §4.1.4). */
typedef enum {
	NPF_MIPv6HA_LIFETIME_ON = 1, /**< lifetime (s) counted down; entry deleted at 0 */
	NPF_MIPv6HA_LIFETIME_OFF = 2 /**< infinite until deleted by the application */
} NPF_MIPv6HA_LifetimeMode_t;

/** Binding cache entry (seed §4.1.4). */
typedef struct {
	union {
		/** Read only: chosen by the implementation; ignored on add. */
		NPF_MIPv6HA_SubtunnelHandle_t subtunnelHandle;
		NPF_MIPv6HA_SubtunnelHandle_t subtunnelhandle; /**< Appendix A */
	};
	NPF_IPv6Address_t HoA; /**< home address: global unicast */
	NPF_IPv6Address_t CoA; /**< care-of address: global unicast */
	/** Read only: the sub-tunnel's path MTU when the tunnel interface's PMTU
	 *  mode is on, else the tunnel interface's MTU. Ignored on add. */
	NPF_uint16_t PMTU;
	union {
		NPF_MIPv6HA_LifetimeMode_t lifetimeMode; /**< §4.1.4 */
		NPF_MIPv6HA_LifetimeMode_t lifetimemode; /**< Appendix A */
	};
	union {
		/** Lifetime in seconds, used when lifetimeMode is ON (must be > 0). */
		NPF_uint32_t bindingLifetime;
		NPF_uint32_t bindinglifetime; /**< Appendix A */
	};
	union {
		/** Read only: seconds left (rounded up); 0 when mode is OFF. */
		NPF_uint32_t remainingBindingLifetime;
		NPF_uint32_t remainingbindinglifetime; /**< Appendix A */
	};
} NPF_MIPv6HA_BC_Entry_t;

/** Per sub-tunnel packet statistics (seed §4.1.5). */
typedef struct {
	union {
		NPF_MIPv6HA_SubtunnelHandle_t subtunnelHandle;
		NPF_MIPv6HA_SubtunnelHandle_t subtunnelhandle; /**< Appendix A */
	};
	NPF_IPv6Address_t HoA;
	NPF_uint64_t mipv6NodeHCInOctets; /**< octets decapsulated from the MN */
	NPF_uint64_t mipv6NodeHCInPkts;   /**< packets decapsulated from the MN */
	NPF_uint64_t mipv6NodeHCOctets;   /**< octets encapsulated to the MN */
	NPF_uint64_t mipv6NodeHCPkts;     /**< packets encapsulated to the MN */
	union {
		NPF_uint64_t dropRxOctets; /**< Appendix A: received octets dropped */
		NPF_uint64_t dropRxCnt;    /**< §4.1.5 spelling */
	};
	union {
		NPF_uint64_t dropRxPkts; /**< Appendix A: received packets dropped */
		NPF_uint64_t dropRXPkts; /**< §4.1.5 spelling */
	};
	NPF_uint64_t dropTxOctets; /**< octets for the MN dropped */
	NPF_uint64_t dropTxPkts;   /**< packets for the MN dropped */
} NPF_MIPv6HA_BC_EntryStats_t;
/** §5.4.5 spelling. */
typedef NPF_MIPv6HA_BC_EntryStats_t NPF_MIPV6HA_BC_Entry_Stats_t;

/** IPv6 address state (Interface Management API, quoted in seed §4.1.6). */
typedef enum {
	NPF_IPv6_ADDR_VALID = 1,   /**< DAD succeeded; proxied until deleted */
	NPF_IPv6_ADDR_PROBING = 2, /**< DAD in progress */
	NPF_IPv6_ADDR_INVALID = 3  /**< DAD found a duplicate; must be deleted */
} NPF_IPv6AddrState_t;

/** Proxy ND address entry (seed §4.1.6). */
typedef struct {
	NPF_IPv6Address_t Addr;
	NPF_IPv6AddrState_t AddrState; /**< read only */
} NPF_MIPv6HA_ProxyND_Entry_t;
typedef NPF_MIPv6HA_ProxyND_Entry_t NPF_MIPV6HA_proxyND_entry_t; /**< §5.4.9 */

/** IPv6 address array (seed §4.1.7). */
typedef struct {
	NPF_uint32_t nCount;
	NPF_IPv6Address_t *Ipv6AddressArray;
} NPF_IPv6AddressArray_t;
typedef NPF_IPv6AddressArray_t NPF_Ipv6AddressArray_t; /**< §4.2.3 spelling */

/** Completion callback types (seed §4.2.1). */
typedef enum {
	NPF_MIPV6HA_BC_ENTRY_ADD = 1,
	NPF_MIPV6HA_BC_ENTRY_DELETE = 2,
	NPF_MIPV6HA_BC_FLUSH = 3,
	NPF_MIPV6HA_BC_ENTRY_ATTR_GET = 4,
	NPF_MIPV6HA_BC_ENTRY_STATS_GET = 5,
	NPF_MIPV6HA_PROXYND_ADDR_ADD = 6,
	NPF_MIPV6HA_PROXYND_ADDR_DELETE = 7,
	NPF_MIPV6HA_PROXYND_FLUSH = 8,
	NPF_MIPV6HA_PROXYND_ADDR_STATE_GET = 9,
	NPF_MIPV6HA_BC_TABLE_SPACE_GET = 10,
	NPF_MIPV6HA_BC_GET_ALL = 11,
	NPF_MIPV6HA_PROXYND_TABLE_SPACE_GET = 12,
	NPF_MIPV6HA_PROXYND_GET_ALL = 13,
	NPF_MIPV6HA_RATE_LIMIT_EVENTS = 14
} NPF_MIPv6HA_CallbackType_t;
typedef NPF_MIPv6HA_CallbackType_t NPF_MIPV6HA_CallbackType_t; /**< §4.2.1 */

/* Other spellings of the callback types used in §5. */
#define NPF_MIPv6HA_BC_ENTRY_ADD NPF_MIPV6HA_BC_ENTRY_ADD                       /**< §5.4.1 */
#define NPF_MIPV6HA_ProxyND_ADDR_ADD NPF_MIPV6HA_PROXYND_ADDR_ADD               /**< §5.4.6 */
#define NPF_MIPV6HA_BC_ProxyND_ADDR_DELETE NPF_MIPV6HA_PROXYND_ADDR_DELETE      /**< §5.4.7 */
#define NPF_MIPV6HA_BC_PROXYND_FLUSH NPF_MIPV6HA_PROXYND_FLUSH                  /**< §5.4.8 */
#define NPF_MIPV6HA_NDPROXY_TABLE_SPACE_GET NPF_MIPV6HA_PROXYND_TABLE_SPACE_GET /**< §5.4.12 */
#define NPF_MIPv6HA_RATE_LIMIT_EVENT NPF_MIPV6HA_RATE_LIMIT_EVENTS              /**< §5.3.4 */
#define NPF_MIPv6HA_RATE_LIMIT_EVENTS NPF_MIPV6HA_RATE_LIMIT_EVENTS             /**< §4.2.3 */

/** Event types (seed §4.3.1, which also gives the enum tag). */
typedef enum MIPv6_HA_Event {
	NPF_MIPv6HA_PROXYND_DAD = 1,              /**< DAD concluded for a proxied address */
	NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED = 2, /**< BC entry deleted at lifetime 0 */
	NPF_MIPv6HA_BC_ENTRY_MISS = 3,            /**< packet for a proxied HoA without binding */
	NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED = 4 /**< reverse-tunnel HoA/CoA check failed */
} NPF_MIPv6HA_Event_t;
/** Appendix A spelling of NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED. */
#define NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED

/**
 * Asynchronous response (seed §4.2.3). Query results are carried by pointer
 * (the body's choice); the pointed-to data is valid until the callback
 * returns.
 */
typedef struct {
	NPF_MIPv6HA_ErrorType_t errorCode; /**< NPF_NO_ERROR or the failure */
	union {
		NPF_IfHandle_t ifHandle; /**< interface handle the call named */
		NPF_IfHandle_t ifhandle; /**< Appendix A */
		NPF_uint32_t unused;     /**< RATE_LIMIT_EVENTS */
	} u1;
	union {
		/** BC_ENTRY_ADD, BC_ENTRY_DELETE */
		NPF_MIPv6HA_SubtunnelIdentifiers_t subtunnelIdentifiers;
		NPF_MIPv6HA_BC_Entry_t *BCentry;           /**< BC_ENTRY_ATTR_GET */
		NPF_MIPv6HA_BC_EntryStats_t *BCentrystats; /**< BC_ENTRY_STATS_GET */
		NPF_IPv6Address_t proxyNDAddress;          /**< PROXYND_ADDR_ADD/DELETE */
		NPF_IPv6Address_t proxyND_Address;         /**< Appendix A */
		NPF_MIPv6HA_ProxyND_Entry_t proxyNDEntry;  /**< PROXYND_ADDR_STATE_GET */
		NPF_MIPv6HA_ProxyND_Entry_t proxyND_Entry; /**< Appendix A */
		/** BC_GET_ALL */
		NPF_MIPv6HA_SubtunnelIdentifiersArray_t *subtunnelIdentifiersArray;
		NPF_IPv6AddressArray_t *Ipv6Address; /**< PROXYND_GET_ALL */
		NPF_uint32_t entryspaceRemaining;    /**< *_TABLE_SPACE_GET */
		NPF_uint32_t entryspacerremaining;   /**< Appendix A */
		NPF_MIPv6HA_Event_t eventType;       /**< RATE_LIMIT_EVENTS */
		NPF_MIPv6HA_Event_t eventtype;       /**< Appendix A */
		NPF_uint32_t unused;                 /**< flushes */
	} u2;
} NPF_MIPv6HA_AsyncResponse_t;
typedef NPF_MIPv6HA_AsyncResponse_t NPF_MIPV6HA_AsyncResponse_t; /**< §4.2.2 */

/**
 * Completion callback data (seed §4.2.2).
 * Single operation: allOK=TRUE, numResp=0, resp=NULL on success without
 * data; otherwise allOK=FALSE, numResp=1. Multiple operations: responses may
 * be spread over several invocations, each response given once.
 */
typedef struct {
	NPF_MIPv6HA_CallbackType_t type; /**< the function that led to it */
	NPF_boolean_t allOK;
	NPF_uint32_t numResp;
	NPF_MIPv6HA_AsyncResponse_t *resp; /**< numResp elements, or NULL */
} NPF_MIPv6HA_CallbackData_t;
typedef NPF_MIPv6HA_CallbackData_t NPF_MIPV6HA_CallbackData_t; /**< §4.2.2 */
typedef NPF_MIPv6HA_CallbackData_t NPF_MIPv6HA_callbackData_t; /**< §5.2.1 */

/** Proxy ND DAD event (seed §4.3.2.1). */
typedef struct {
	NPF_IfHandle_t homelinkInterfaceHandle;
	union {
		NPF_IPv6Address_t ucAddr;  /**< §4.3.2.1 */
		NPF_IPv6Address_t ucAddrs; /**< Appendix A */
	};
	union {
		NPF_IPv6AddrState_t ucAddrState;  /**< VALID or INVALID */
		NPF_IPv6AddrState_t ucAddrsState; /**< Appendix A */
	};
} NPF_MIPv6HA_ProxyND_DAD_t;

/** Binding lifetime expired event (seed §4.3.2.2). */
typedef struct {
	union {
		NPF_IfHandle_t MipV6HA_tunnelInterfaceHandle; /**< §4.3.2.2 */
		NPF_IfHandle_t Mipv6HAinterfacehandle;        /**< Appendix A */
	};
	NPF_MIPv6HA_SubtunnelHandle_t subtunnelHandle;
	NPF_IPv6Address_t HoA;
} NPF_MIPv6HA_BindingLifetimeExpired_t;

/** No BC entry found (seed §4.3.2.3). */
typedef struct {
	NPF_IPv6Address_t packetAddr; /**< IPv6 destination address of the packet */
} NPF_MIPv6HA_BC_EntryMiss_t;

/** Reverse-tunnel endpoint check failed (seed §4.3.2.4). */
typedef struct {
	NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle;
	union {
		/** Binding of the inner source HoA; 0 when the HoA has none. */
		NPF_MIPv6HA_SubtunnelHandle_t subtunnelHandle;
		NPF_MIPv6HA_SubtunnelHandle_t subtunnelhandle; /**< Appendix A */
	};
	NPF_IPv6Address_t HoA;           /**< inner source address */
	NPF_IPv6Address_t packetSrcAddr; /**< outer source of the last offending packet */
	NPF_IPv6Address_t packetDstAddr; /**< inner destination of the last offending packet */
	/** Packets this event stands for under rate limiting (saturates at 255). */
	NPF_uint8_t repCount;
} NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t;
/** §5.3.4 spelling. */
typedef NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t NPF_MIPv6HA_subtunnelEndpointAuthFailed_t;

/** Event data (seed §4.3.2). */
typedef struct NPF_MIPv6HA_EventData {
	NPF_MIPv6HA_Event_t eventType;
	union {
		NPF_MIPv6HA_ProxyND_DAD_t proxyND_DAD;
		NPF_MIPv6HA_BindingLifetimeExpired_t bindingLftExp;
		NPF_MIPv6HA_BC_EntryMiss_t BC_entryMiss;
		NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t subtnlEndpAuthFail;
	} u;
} NPF_MIPv6HA_EventData_t;

/** Event array (seed §4.3.2); valid until the handler returns. */
typedef struct NPF_MIPv6HA_EventArray {
	NPF_uint16_t n_data;
	union {
		NPF_MIPv6HA_EventData_t *eventData; /**< §4.3.2 */
		NPF_MIPv6HA_EventData_t *eventdata; /**< Appendix A */
	};
} NPF_MIPv6HA_EventArray_t;

/** Event bitmask of the event registration call (seed §4.3.3). */
typedef NPF_uint32_t NPF_MIPv6HA_EventMask_t;
typedef NPF_MIPv6HA_EventMask_t NPF_MIPv6HA_EventMask; /**< §5.3.2 */

/**
 * Mask bit of an event type. The seed's mask macros for three events share
 * their names with the enum constants above; those names stay the enum
 * constants, and the masks are spelled with a _MASK suffix (or built with
 * this macro). See doc/npf-conformance.md.
 */
#define NPF_MIPv6HA_EVENT_MASK(ev) ((NPF_MIPv6HA_EventMask_t)1u << ((unsigned)(ev)-1u))
#define NPF_IPSEC_EVENT_ALL_DISABLE (0)   /**< seed §4.3.3: disable all */
#define NPF_MIPv6HA_EVENT_ALL_DISABLE (0) /**< same, with this API's prefix */
#define NPF_MIPv6HA_PROXYND_DAD_CONCLUDED (1 << 0)
#define NPF_MIPv6HA_PROXYND_DAD_MASK (1 << 0)
#define NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED_MASK (1 << 1)
#define NPF_MIPv6HA_BC_ENTRY_MISS_MASK (1 << 2)
#define NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK (1 << 3)
#define NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED_MASK (1 << 3)
#define NPF_MIPv6HA_EVENT_ALL_ENABLE 0xFFFFFFFF

/** Rate limiting type (seed §4.3.4). */
typedef enum {
	NPF_MIPv6HA_EVENT_LIMIT_TIME = 1, /**< at most numPerSec events per second */
	NPF_MIPv6HA_EVENT_LIMIT_COUNT = 2 /**< one event per nCount occurrences */
} NPF_MIPv6HA_EventLimitType_t;

/**
 * Rate limit of one event type (seed §4.3.4). Only
 * NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED can be limited; limits apply per
 * sub-tunnel. A value of 0 (numPerSec or nCount) removes the limit.
 */
typedef struct {
	union {
		NPF_MIPv6HA_Event_t eventId; /**< §4.3.4 */
		NPF_MIPv6HA_Event_t eventid; /**< Appendix A */
	};
	NPF_MIPv6HA_EventLimitType_t limitType;
	union {
		NPF_uint32_t numPerSec; /**< events per second and sub-tunnel */
		NPF_uint32_t nCount;    /**< one event for every nCount encounters */
	} u;
} NPF_MIPv6HA_EventLimit_t;

/*
 * Error codes (seed §4.4). The seed leaves the base open ("XXX"); this
 * implementation reserves 1600..1699 for the MIPv6 HA API.
 */
#define NPF_MIPv6HA_BASE_ERR 1600
/** Optional feature not supported. */
#define NPF_MIPv6HA_E_OPTIONAL_FEATURE_NOT_SUPPORTED                                               \
	((NPF_MIPv6HA_ErrorType_t)NPF_MIPv6HA_BASE_ERR + 1)
/** Unable to allocate memory (or table full) to complete the operation. */
#define NPF_MIPv6HA_E_NOMEMORY ((NPF_MIPv6HA_ErrorType_t)NPF_MIPv6HA_BASE_ERR + 2)
/** Interface handle unknown, or of the wrong kind for the call. */
#define NPF_MIPv6HA_E_INVALID_IF_HANDLE ((NPF_MIPv6HA_ErrorType_t)NPF_MIPv6HA_BASE_ERR + 3)
/** Proxy ND address not found. */
#define NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN ((NPF_MIPv6HA_ErrorType_t)NPF_MIPv6HA_BASE_ERR + 4)
/** Invalid parameter (e.g. a CoA or HoA that is not global unicast). */
#define NPF_MIPv6HA_E_INVALID_PARAM ((NPF_MIPv6HA_ErrorType_t)NPF_MIPv6HA_BASE_ERR + 5)
/** The same HoA appears twice in one BC_Entry_Add array. */
#define NPF_MIPv6HA_E_DUPLICATE_HOA ((NPF_MIPv6HA_ErrorType_t)NPF_MIPv6HA_BASE_ERR + 6)
/** Invalid or unknown sub-tunnel handle. */
#define NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE ((NPF_MIPv6HA_ErrorType_t)NPF_MIPv6HA_BASE_ERR + 7)
/** The same event id appears twice in one RateLimitEvents array. */
#define NPF_MIPv6HA_E_DUPLICATE_EVENT_ID ((NPF_MIPv6HA_ErrorType_t)NPF_MIPv6HA_BASE_ERR + 8)
/** Invalid or unknown event id. */
#define NPF_MIPv6HA_E_INVALID_EVENT_ID ((NPF_MIPv6HA_ErrorType_t)NPF_MIPv6HA_BASE_ERR + 9)

/* §5 spells the codes NPF_MIPV6HA_E_* (and once NPF_MIPV6_E_NOMEMORY). */
#define NPF_MIPV6HA_E_OPTIONAL_FEATURE_NOT_SUPPORTED NPF_MIPv6HA_E_OPTIONAL_FEATURE_NOT_SUPPORTED
#define NPF_MIPV6HA_E_NOMEMORY NPF_MIPv6HA_E_NOMEMORY
#define NPF_MIPV6_E_NOMEMORY NPF_MIPv6HA_E_NOMEMORY
#define NPF_MIPV6HA_E_INVALID_IF_HANDLE NPF_MIPv6HA_E_INVALID_IF_HANDLE
#define NPF_MIPV6HA_E_PROXYND_ADDR_UNKNOWN NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN
#define NPF_MIPV6HA_E_INVALID_PARAM NPF_MIPv6HA_E_INVALID_PARAM
#define NPF_MIPV6HA_E_DUPLICATE_HOA NPF_MIPv6HA_E_DUPLICATE_HOA
#define NPF_MIPV6HA_E_INVALID_SUBTUNNEL_HANDLE NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE
#define NPF_MIPV6HA_E_DUPLICATE_EVENT_ID NPF_MIPv6HA_E_DUPLICATE_EVENT_ID
#define NPF_MIPV6HA_E_INVALID_EVENT_ID NPF_MIPv6HA_E_INVALID_EVENT_ID

/**
 * Completion callback (seed §5.2.1), run from npf_mipv6ha_dispatch().
 * @param userContext  the value given to NPF_MIPv6HA_Register()
 * @param correlator   the value given to the call being completed
 * @param MIPv6HACallbackData responses; see NPF_MIPv6HA_CallbackData_t
 */
typedef void (*NPF_MIPv6HA_CallbackFunc_t)(NPF_IN NPF_userContext_t userContext,
					   NPF_IN NPF_correlator_t correlator,
					   NPF_IN NPF_MIPv6HA_CallbackData_t MIPv6HACallbackData);

/**
 * Register a completion callback (seed §5.2.2). Synchronous.
 * @param userContext  opaque, returned to the callback
 * @param MIPv6HACallbackFunc the callback
 * @param[out] MIPv6HA_CallbackHandle the pair's handle (also on
 *             NPF_E_ALREADY_REGISTERED: the existing one)
 * @return NPF_NO_ERROR; NPF_E_BAD_CALLBACK_FUNCTION (function NULL);
 *         NPF_E_ALREADY_REGISTERED (pair already registered, nothing changed);
 *         NPF_E_UNKNOWN (handle pointer NULL, or API not initialised);
 *         NPF_MIPv6HA_E_NOMEMORY (too many registrations).
 */
NPF_error_t NPF_MIPv6HA_Register(NPF_IN NPF_userContext_t userContext,
				 NPF_IN NPF_MIPv6HA_CallbackFunc_t MIPv6HACallbackFunc,
				 NPF_OUT NPF_callbackHandle_t *MIPv6HA_CallbackHandle);

/**
 * Deregister a completion callback (seed §5.2.3). Synchronous. Completions
 * already queued for it are still delivered to it (the seed allows this).
 * @return NPF_NO_ERROR; NPF_E_BAD_CALLBACK_HANDLE (unknown handle).
 */
NPF_error_t NPF_MIPv6HA_Deregister(NPF_IN NPF_callbackHandle_t MIPv6HACallbackHandle);

/**
 * Event handler (seed §5.3.1), run from npf_mipv6ha_dispatch().
 * @param userContext the value given to NPF_MIPv6HA_EventRegister()
 * @param eventArray  one or more events enabled by the handler's mask
 */
typedef void (*NPF_MIPv6HA_EventCallFunc_t)(NPF_IN NPF_userContext_t userContext,
					    NPF_IN NPF_MIPv6HA_EventArray_t eventArray);

/**
 * Register an event handler, or change its mask (seed §5.3.2). Synchronous.
 * Re-registering a (userContext, eventCallFunc) pair replaces its mask and
 * returns NPF_E_ALREADY_REGISTERED with the existing handle.
 * @return NPF_NO_ERROR; NPF_E_BAD_CALLBACK_FUNCTION (function NULL);
 *         NPF_E_ALREADY_REGISTERED (mask updated); NPF_E_UNKNOWN (handle
 *         pointer NULL or not initialised); NPF_MIPv6HA_E_NOMEMORY (too many
 *         handlers). NPF_MIPv6HA_E_OPTIONAL_FEATURE_NOT_SUPPORTED is never
 *         returned: every event of §4.3 is supported.
 */
NPF_error_t NPF_MIPv6HA_EventRegister(NPF_IN NPF_userContext_t userContext,
				      NPF_IN NPF_MIPv6HA_EventCallFunc_t eventCallFunc,
				      NPF_IN NPF_MIPv6HA_EventMask_t eventMask,
				      NPF_OUT NPF_callbackHandle_t *eventCallHandle);

/**
 * Deregister an event handler (seed §5.3.3). Synchronous. Events queued but
 * not yet delivered are not delivered to it.
 * @return NPF_NO_ERROR; NPF_E_BAD_CALLBACK_HANDLE (unknown handle).
 */
NPF_error_t NPF_MIPv6HA_EventDeregister(NPF_IN NPF_callbackHandle_t eventCallHandle);

/**
 * Set event rate limits (seed §5.3.4). One NPF_MIPV6HA_RATE_LIMIT_EVENTS
 * completion with one response per array element (eventType in u2); plain
 * success (allOK=TRUE, numResp=0) when every element is accepted.
 * @return synchronous: NPF_NO_ERROR; NPF_E_BAD_CALLBACK_HANDLE;
 *         NPF_MIPv6HA_E_DUPLICATE_EVENT_ID (an event id twice in the array);
 *         NPF_E_UNKNOWN (NULL array, count 0 or above 4, bad errorReporting);
 *         NPF_MIPv6HA_E_NOMEMORY (completion queue full).
 *         Asynchronous: NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_EVENT_ID (not a
 *         rate-limitable event, or bad limitType).
 */
NPF_error_t NPF_MIPv6HA_RateLimitEvents(NPF_IN NPF_callbackHandle_t cbHandle,
					NPF_IN NPF_correlator_t cbCorrelator,
					NPF_IN NPF_errorReporting_t errorReporting,
					NPF_IN NPF_uint32_t countEventData,
					NPF_IN NPF_MIPv6HA_EventLimit_t *eventLimitArray);

/*
 * Common synchronous return codes of the asynchronous calls below:
 *   NPF_NO_ERROR                 the operation is in progress;
 *   NPF_E_BAD_CALLBACK_HANDLE    cbHandle is not registered;
 *   NPF_E_UNKNOWN                unusable input: NULL array, n of 0 or above
 *                                NPF_MIPV6HA_MAX_BATCH, bad errorReporting,
 *                                API not initialised;
 *   NPF_MIPv6HA_E_NOMEMORY       the completion queue is full.
 */

/** Largest n_entries / n_addresses one call accepts. */
#define NPF_MIPV6HA_MAX_BATCH (1u << 20)

/**
 * Add or replace BC entries (seed §5.4.1). Each entry is applied atomically
 * on its own (not the array as a whole). An existing HoA keeps its handle
 * and gets the new CoA, lifetime mode and lifetime.
 * @return synchronous: common codes; NPF_MIPv6HA_E_DUPLICATE_HOA (an HoA
 *         appears twice in the array; nothing is applied).
 *         Asynchronous, per entry (subtunnelIdentifiers in u2): NPF_NO_ERROR;
 *         NPF_MIPv6HA_E_INVALID_IF_HANDLE (unknown or not a tunnel
 *         interface); NPF_MIPv6HA_E_INVALID_PARAM (HoA or CoA unspecified,
 *         loopback, multicast, link-local, v4-mapped; HoA equal to CoA;
 *         lifetime mode not ON/OFF; lifetime 0 with mode ON; HoA bound on
 *         another tunnel interface); NPF_MIPv6HA_E_NOMEMORY (table full).
 */
NPF_error_t NPF_MIPv6HA_BC_Entry_Add(NPF_IN NPF_callbackHandle_t cbHandle,
				     NPF_IN NPF_correlator_t cbCorrelator,
				     NPF_IN NPF_errorReporting_t errorReporting,
				     NPF_IN NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle,
				     NPF_IN NPF_uint32_t n_entries,
				     NPF_IN NPF_MIPv6HA_BC_Entry_t *BCEntryarray);

/**
 * Delete BC entries (seed §5.4.2).
 * @return synchronous: common codes. Asynchronous, per handle
 *         (subtunnelIdentifiers in u2, HoA filled when known): NPF_NO_ERROR;
 *         NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE (unknown, stale, or of
 *         another tunnel interface); NPF_MIPv6HA_E_INVALID_IF_HANDLE.
 */
NPF_error_t NPF_MIPv6HA_BC_Entry_Delete(NPF_IN NPF_callbackHandle_t cbHandle,
					NPF_IN NPF_correlator_t cbCorrelator,
					NPF_IN NPF_errorReporting_t errorReporting,
					NPF_IN NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle,
					NPF_IN NPF_uint32_t n_entries,
					NPF_IN NPF_MIPv6HA_SubtunnelHandle_t *subtunnelHandleArray);

/**
 * Delete every BC entry of a tunnel interface (seed §5.4.3).
 * @return synchronous: common codes. Asynchronous (single): NPF_NO_ERROR;
 *         NPF_MIPv6HA_E_INVALID_IF_HANDLE.
 */
NPF_error_t NPF_MIPv6HA_BC_Flush(NPF_IN NPF_callbackHandle_t cbHandle,
				 NPF_IN NPF_correlator_t cbCorrelator,
				 NPF_IN NPF_errorReporting_t errorReporting,
				 NPF_IN NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle);

/**
 * Read BC entries (seed §5.4.4; optional, supported).
 * @return synchronous: common codes. Asynchronous, per handle (BCentry in
 *         u2 on success): NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE;
 *         NPF_MIPv6HA_E_INVALID_IF_HANDLE.
 */
NPF_error_t NPF_MIPv6HA_BC_EntryAttrGet(NPF_IN NPF_callbackHandle_t cbHandle,
					NPF_IN NPF_correlator_t cbCorrelator,
					NPF_IN NPF_errorReporting_t errorReporting,
					NPF_IN NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle,
					NPF_IN NPF_uint32_t n_entries,
					NPF_IN NPF_MIPv6HA_SubtunnelHandle_t *subtunnelHandleArray);

/**
 * Read per sub-tunnel statistics (seed §5.4.5), summed over lcores at read.
 * @return synchronous: common codes. Asynchronous, per handle (BCentrystats
 *         in u2 on success): NPF_NO_ERROR;
 *         NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE; NPF_MIPv6HA_E_INVALID_IF_HANDLE.
 */
NPF_error_t NPF_MIPv6HA_BC_EntryStatsGet(
    NPF_IN NPF_callbackHandle_t cbHandle, NPF_IN NPF_correlator_t cbCorrelator,
    NPF_IN NPF_errorReporting_t errorReporting, NPF_IN NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle,
    NPF_IN NPF_uint32_t n_entries, NPF_IN NPF_MIPv6HA_SubtunnelHandle_t *subtunnelHandleArray);

/**
 * Add (or restart DAD for) proxy ND addresses on a home link (seed §5.4.6).
 * Completes before DAD; DAD's outcome is an NPF_MIPv6HA_PROXYND_DAD event.
 * @return synchronous: common codes. Asynchronous, per address
 *         (proxyNDAddress in u2): NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_PARAM
 *         (not a unicast address usable on the link); NPF_MIPv6HA_E_NOMEMORY
 *         (table full); NPF_MIPv6HA_E_INVALID_IF_HANDLE (unknown or not a
 *         home link interface).
 */
NPF_error_t NPF_MIPv6HA_ProxyND_AddressAdd(NPF_IN NPF_callbackHandle_t cbHandle,
					   NPF_IN NPF_correlator_t cbCorrelator,
					   NPF_IN NPF_errorReporting_t errorReporting,
					   NPF_IN NPF_IfHandle_t homelinkInterfaceHandle,
					   NPF_IN NPF_uint32_t n_addresses,
					   NPF_IN NPF_IPv6Address_t *Ipv6AddressArray);

/**
 * Delete proxy ND addresses (seed §5.4.7): answering stops at once.
 * @return synchronous: common codes. Asynchronous, per address:
 *         NPF_NO_ERROR; NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN;
 *         NPF_MIPv6HA_E_INVALID_IF_HANDLE.
 */
NPF_error_t NPF_MIPv6HA_ProxyND_AddressDelete(NPF_IN NPF_callbackHandle_t cbHandle,
					      NPF_IN NPF_correlator_t cbCorrelator,
					      NPF_IN NPF_errorReporting_t errorReporting,
					      NPF_IN NPF_IfHandle_t homelinkInterfaceHandle,
					      NPF_IN NPF_uint32_t n_addresses,
					      NPF_IN NPF_IPv6Address_t *Ipv6AddressArray);

/**
 * Delete every proxy ND address of a home link (seed §5.4.8).
 * @return synchronous: common codes. Asynchronous (single): NPF_NO_ERROR;
 *         NPF_MIPv6HA_E_INVALID_IF_HANDLE.
 */
NPF_error_t NPF_MIPv6HA_ProxyND_Flush(NPF_IN NPF_callbackHandle_t cbHandle,
				      NPF_IN NPF_correlator_t cbCorrelator,
				      NPF_IN NPF_errorReporting_t errorReporting,
				      NPF_IN NPF_IfHandle_t homelinkInterfaceHandle);

/**
 * Read proxy ND address states (seed §5.4.9).
 * @return synchronous: common codes. Asynchronous, per address
 *         (proxyNDEntry in u2): NPF_NO_ERROR; NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN;
 *         NPF_MIPv6HA_E_INVALID_IF_HANDLE.
 */
NPF_error_t NPF_MIPv6HA_ProxyND_AddrStateGet(NPF_IN NPF_callbackHandle_t cbHandle,
					     NPF_IN NPF_correlator_t cbCorrelator,
					     NPF_IN NPF_errorReporting_t errorReporting,
					     NPF_IN NPF_IfHandle_t homelinkInterfaceHandle,
					     NPF_IN NPF_uint32_t n_addresses,
					     NPF_IN NPF_IPv6Address_t *Ipv6AddressArray);

/**
 * Number of BC entries that can still be added (seed §5.4.10). The binding
 * cache is shared by all tunnel interfaces; the figure is exact.
 * @return synchronous: common codes. Asynchronous (single, data:
 *         entryspaceRemaining): NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_IF_HANDLE.
 */
NPF_error_t NPF_MIPv6HA_BC_TableSpaceGet(NPF_IN NPF_callbackHandle_t cbHandle,
					 NPF_IN NPF_correlator_t cbCorrelator,
					 NPF_IN NPF_errorReporting_t errorReporting,
					 NPF_IN NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle);

/**
 * All sub-tunnel identifiers of a tunnel interface (seed §5.4.11).
 * @return synchronous: common codes. Asynchronous (single, data:
 *         subtunnelIdentifiersArray): NPF_NO_ERROR;
 *         NPF_MIPv6HA_E_INVALID_IF_HANDLE; NPF_MIPv6HA_E_NOMEMORY.
 */
NPF_error_t NPF_MIPv6HA_BC_GetAll(NPF_IN NPF_callbackHandle_t cbHandle,
				  NPF_IN NPF_correlator_t cbCorrelator,
				  NPF_IN NPF_errorReporting_t errorReporting,
				  NPF_IN NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle);

/**
 * Number of proxy ND addresses that can still be added (seed §5.4.12);
 * exact, shared by all home links.
 * @return synchronous: common codes. Asynchronous (single, data:
 *         entryspaceRemaining): NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_IF_HANDLE.
 */
NPF_error_t NPF_MIPv6HA_ProxyND_TableSpaceGet(NPF_IN NPF_callbackHandle_t cbHandle,
					      NPF_IN NPF_correlator_t cbCorrelator,
					      NPF_IN NPF_errorReporting_t errorReporting,
					      NPF_IN NPF_IfHandle_t homelinkInterfaceHandle);

/**
 * All proxy ND addresses of a home link (seed §5.4.13).
 * @return synchronous: common codes. Asynchronous (single, data:
 *         Ipv6Address): NPF_NO_ERROR; NPF_MIPv6HA_E_INVALID_IF_HANDLE;
 *         NPF_MIPv6HA_E_NOMEMORY.
 */
NPF_error_t NPF_MIPv6HA_ProxyND_GetAll(NPF_IN NPF_callbackHandle_t cbHandle,
				       NPF_IN NPF_correlator_t cbCorrelator,
				       NPF_IN NPF_errorReporting_t errorReporting,
				       NPF_IN NPF_IfHandle_t homelinkInterfaceHandle);

/*
 * The §5 spellings of the function names (seed §5.4 headings and §3 lists).
 * The §3 names NPF_Mipv6HA_BC_AttrGet and NPF_Mipv6HA_ProxyND_AttrGet have
 * no definition in the seed and are not provided (doc/npf-conformance.md).
 */
#define NPF_Mipv6HA_BC_EntryAdd NPF_MIPv6HA_BC_Entry_Add
#define NPF_Mipv6HA_BC_Entry_Add NPF_MIPv6HA_BC_Entry_Add
#define NPF_Mipv6HA_BC_EntryDelete NPF_MIPv6HA_BC_Entry_Delete
#define NPF_Mipv6HA_BC_Entry_Delete NPF_MIPv6HA_BC_Entry_Delete
#define NPF_Mipv6HA_BC_Flush NPF_MIPv6HA_BC_Flush
#define NPF_Mipv6HA_BC_EntryAttrGet NPF_MIPv6HA_BC_EntryAttrGet
#define NPF_Mipv6HA_BC_EntryStatsGet NPF_MIPv6HA_BC_EntryStatsGet
#define NPF_Mipv6HA_ProxyND_AddressAdd NPF_MIPv6HA_ProxyND_AddressAdd
#define NPF_Mipv6HA_ProxyND_AddressDelete NPF_MIPv6HA_ProxyND_AddressDelete
#define NPF_Mipv6HA_ProxyND_Flush NPF_MIPv6HA_ProxyND_Flush
#define NPF_Mipv6HA_ProxyND_AddrStateGet NPF_MIPv6HA_ProxyND_AddrStateGet
#define NPF_Mipv6HA_BC_TableSpaceGet NPF_MIPv6HA_BC_TableSpaceGet
#define NPF_Mipv6HA_BC_GetAll NPF_MIPv6HA_BC_GetAll
#define NPF_Mipv6HA_ProxyND_TableSpaceGet NPF_MIPv6HA_ProxyND_TableSpaceGet
#define NPF_Mipv6HA_ProxyND_GetAll NPF_MIPv6HA_ProxyND_GetAll
#define NPF_MIPv6HA_BC_EntryAdd NPF_MIPv6HA_BC_Entry_Add
#define NPF_MIPv6HA_BC_EntryDelete NPF_MIPv6HA_BC_Entry_Delete

#ifdef __cplusplus
}
#endif

#endif /* NPF_MIPV6_H */
