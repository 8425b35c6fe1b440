/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The name list shared by names.c (C11) and names.cc (C++17): every type, enum
 * constant, macro, struct member and function of seed 003 Appendix A, and every
 * other spelling of the seed's body (§3-§5) that include/npf_mipv6.h offers,
 * checked against the seed's type and value. doc/npf-conformance.md explains
 * each deviation from the printed seed that these checks lock in.
 *
 * Functions are named only in unevaluated operands (typeof/decltype, sizeof),
 * so the test links without the library. Compile-time checks live at file
 * scope below; api_names_run() holds the run-time ones.
 */
#ifndef API_NAMES_H
#define API_NAMES_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "npf_mipv6.h"
#include "npf_mipv6_if.h"
#include "npf_mipv6ha_runtime.h"

#ifdef __cplusplus
#include <type_traits>
/* Exact type identity. */
#define NC_SAME(a, b) (std::is_same<a, b>::value)
#define NC_TYPEOF(x) decltype(x)
/* List-initialising a pointer of the seed's type from &fn type-checks the
 * prototype; as an operand of sizeof it is never evaluated. */
#define NC_FNPTR_SIZE(T, fn) sizeof(T{&fn})
#else
#include <assert.h>
/* C type compatibility (C has no stricter notion). */
#define NC_SAME(a, b) __builtin_types_compatible_p(a, b)
#define NC_TYPEOF(x) __typeof__(x)
/* Initialising an object of the seed's pointer type from &fn type-checks the
 * prototype (an incompatible pointer is an error under -Werror); as an operand
 * of sizeof it is never evaluated. */
#define NC_FNPTR_SIZE(T, fn) sizeof((T[]){&fn})
#endif

#define NC_STR2(x) #x
#define NC_STR(x) NC_STR2(x)

/* Type of a member (a member designator such as u2.BCentry is allowed). */
#define NC_MEMBER_TYPE(T, m) NC_TYPEOF(((T *)0)->m)
/* T.m exists and has the given type. */
#define NC_MEMBER(T, m, type)                                                                      \
	static_assert(NC_SAME(NC_MEMBER_TYPE(T, m), type), #T "." #m " has type " #type)
/* T.a and T.b are two names of one member: same offset, size and type. */
#define NC_ALIAS(T, a, b)                                                                          \
	static_assert(offsetof(T, a) == offsetof(T, b) &&                                          \
			  sizeof(((T *)0)->a) == sizeof(((T *)0)->b) &&                            \
			  NC_SAME(NC_MEMBER_TYPE(T, a), NC_MEMBER_TYPE(T, b)),                     \
		      #T "." #a " and ." #b " are the same member")
/* Two names of one type. */
#define NC_TYPE_ALIAS(a, b) static_assert(NC_SAME(a, b), #a " is " #b)
/* fn (possibly a spelling macro) has exactly the prototype T. */
#define NC_FN(fn, T)                                                                               \
	static_assert(NC_SAME(NC_TYPEOF(&fn), T) && NC_FNPTR_SIZE(T, fn) == sizeof(T),             \
		      #fn " has the prototype of " #T)
/* Compile-time value check. */
#define NC_VALUE(expr, value) static_assert((expr) == (value), #expr " == " #value)

/* ---------------------------------------------------------------------------
 * Macros of Appendix A and of the body: they must be macros (usable in #if
 * where their value allows it).
 */
#if !defined(NPF_IN) || !defined(NPF_OUT) || !defined(NPF_INOUT)
#error "NPF_IN / NPF_OUT / NPF_INOUT missing"
#endif
#if !defined(NPF_MIPv6HA_BASE_ERR) || NPF_MIPv6HA_BASE_ERR != 1600
#error "NPF_MIPv6HA_BASE_ERR must be 1600 (the seed prints XXX)"
#endif
#if !defined(NPF_IPSEC_EVENT_ALL_DISABLE) || NPF_IPSEC_EVENT_ALL_DISABLE != 0
#error "NPF_IPSEC_EVENT_ALL_DISABLE (seed §4.3.3) must be 0"
#endif
#if !defined(NPF_MIPv6HA_EVENT_ALL_DISABLE) || NPF_MIPv6HA_EVENT_ALL_DISABLE != 0
#error "NPF_MIPv6HA_EVENT_ALL_DISABLE must be 0"
#endif
#if !defined(NPF_MIPv6HA_PROXYND_DAD_CONCLUDED) || NPF_MIPv6HA_PROXYND_DAD_CONCLUDED != (1 << 0)
#error "NPF_MIPv6HA_PROXYND_DAD_CONCLUDED must be (1 << 0)"
#endif
#if !defined(NPF_MIPv6HA_PROXYND_DAD_MASK) || NPF_MIPv6HA_PROXYND_DAD_MASK != (1 << 0)
#error "NPF_MIPv6HA_PROXYND_DAD_MASK must be (1 << 0)"
#endif
#if !defined(NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED_MASK) ||                                         \
    NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED_MASK != (1 << 1)
#error "NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED_MASK must be (1 << 1)"
#endif
#if !defined(NPF_MIPv6HA_BC_ENTRY_MISS_MASK) || NPF_MIPv6HA_BC_ENTRY_MISS_MASK != (1 << 2)
#error "NPF_MIPv6HA_BC_ENTRY_MISS_MASK must be (1 << 2)"
#endif
#if !defined(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK) ||                                   \
    NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK != (1 << 3)
#error "NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK must be (1 << 3)"
#endif
#if !defined(NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED_MASK) ||                                      \
    NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED_MASK != (1 << 3)
#error "NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED_MASK must be (1 << 3)"
#endif
#if !defined(NPF_MIPv6HA_EVENT_ALL_ENABLE) || NPF_MIPv6HA_EVENT_ALL_ENABLE != 0xFFFFFFFF
#error "NPF_MIPv6HA_EVENT_ALL_ENABLE must be 0xFFFFFFFF"
#endif
#ifndef NPF_MIPv6HA_EVENT_MASK
#error "NPF_MIPv6HA_EVENT_MASK(ev) missing"
#endif
/* The three mask names of §4.3.3 that clash with §4.3.1 stay enum constants. */
#if defined(NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED) || defined(NPF_MIPv6HA_BC_ENTRY_MISS) ||         \
    defined(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED) || defined(NPF_MIPv6HA_PROXYND_DAD)
#error "event names must be the enum constants of §4.3.1, not mask macros"
#endif
#if !defined(NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED)
#error "NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED (Appendix A) missing"
#endif
/* Error codes, §4.4 and the §5 spellings. */
#if !defined(NPF_MIPv6HA_E_OPTIONAL_FEATURE_NOT_SUPPORTED) || !defined(NPF_MIPv6HA_E_NOMEMORY) ||  \
    !defined(NPF_MIPv6HA_E_INVALID_IF_HANDLE) || !defined(NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN) ||   \
    !defined(NPF_MIPv6HA_E_INVALID_PARAM) || !defined(NPF_MIPv6HA_E_DUPLICATE_HOA) ||              \
    !defined(NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE) ||                                            \
    !defined(NPF_MIPv6HA_E_DUPLICATE_EVENT_ID) || !defined(NPF_MIPv6HA_E_INVALID_EVENT_ID)
#error "an NPF_MIPv6HA_E_* error code of §4.4 is missing"
#endif
#if !defined(NPF_MIPV6HA_E_OPTIONAL_FEATURE_NOT_SUPPORTED) || !defined(NPF_MIPV6HA_E_NOMEMORY) ||  \
    !defined(NPF_MIPV6_E_NOMEMORY) || !defined(NPF_MIPV6HA_E_INVALID_IF_HANDLE) ||                 \
    !defined(NPF_MIPV6HA_E_PROXYND_ADDR_UNKNOWN) || !defined(NPF_MIPV6HA_E_INVALID_PARAM) ||       \
    !defined(NPF_MIPV6HA_E_DUPLICATE_HOA) || !defined(NPF_MIPV6HA_E_INVALID_SUBTUNNEL_HANDLE) ||   \
    !defined(NPF_MIPV6HA_E_DUPLICATE_EVENT_ID) || !defined(NPF_MIPV6HA_E_INVALID_EVENT_ID)
#error "an NPF_MIPV6HA_E_* spelling of §5 is missing"
#endif
/* Callback-type spellings of §4.2.3 / §5. */
#if !defined(NPF_MIPv6HA_BC_ENTRY_ADD) || !defined(NPF_MIPV6HA_ProxyND_ADDR_ADD) ||                \
    !defined(NPF_MIPV6HA_BC_ProxyND_ADDR_DELETE) || !defined(NPF_MIPV6HA_BC_PROXYND_FLUSH) ||      \
    !defined(NPF_MIPV6HA_NDPROXY_TABLE_SPACE_GET) || !defined(NPF_MIPv6HA_RATE_LIMIT_EVENT) ||     \
    !defined(NPF_MIPv6HA_RATE_LIMIT_EVENTS)
#error "a callback-type spelling of §4.2.3 / §5 is missing"
#endif
/* Function-name spellings of §3 / §5 (headings and prototypes). */
#if !defined(NPF_Mipv6HA_BC_EntryAdd) || !defined(NPF_Mipv6HA_BC_Entry_Add) ||                     \
    !defined(NPF_Mipv6HA_BC_EntryDelete) || !defined(NPF_Mipv6HA_BC_Entry_Delete) ||               \
    !defined(NPF_Mipv6HA_BC_Flush) || !defined(NPF_Mipv6HA_BC_EntryAttrGet) ||                     \
    !defined(NPF_Mipv6HA_BC_EntryStatsGet) || !defined(NPF_Mipv6HA_ProxyND_AddressAdd) ||          \
    !defined(NPF_Mipv6HA_ProxyND_AddressDelete) || !defined(NPF_Mipv6HA_ProxyND_Flush) ||          \
    !defined(NPF_Mipv6HA_ProxyND_AddrStateGet) || !defined(NPF_Mipv6HA_BC_TableSpaceGet) ||        \
    !defined(NPF_Mipv6HA_BC_GetAll) || !defined(NPF_Mipv6HA_ProxyND_TableSpaceGet) ||              \
    !defined(NPF_Mipv6HA_ProxyND_GetAll) || !defined(NPF_MIPv6HA_BC_EntryAdd) ||                   \
    !defined(NPF_MIPv6HA_BC_EntryDelete)
#error "a function-name spelling of §5 is missing"
#endif
/* Listed in §3 but never defined by the seed: deliberately not provided. */
#if defined(NPF_Mipv6HA_BC_AttrGet) || defined(NPF_Mipv6HA_ProxyND_AttrGet)
#error "the undefined §3 functions *_AttrGet must not be offered"
#endif
/* npf.h */
#if !defined(NPF_NO_ERROR) || !defined(NPF_E_UNKNOWN) || !defined(NPF_E_BAD_CALLBACK_HANDLE) ||    \
    !defined(NPF_E_BAD_CALLBACK_FUNCTION) || !defined(NPF_E_CALLBACK_ALREADY_REGISTERED) ||        \
    !defined(NPF_E_ALREADY_REGISTERED) || !defined(NPF_E_FUNCTION_NOT_SUPPORTED) ||                \
    !defined(NPF_E_RESOURCE_IN_USE) || !defined(NPF_TRUE) || !defined(NPF_FALSE) ||                \
    !defined(NPF_IF_HANDLE_NULL)
#error "an npf.h code is missing"
#endif
#if !defined(NPF_MIPV6HA_MAX_BATCH) || NPF_MIPV6HA_MAX_BATCH != (1u << 20)
#error "NPF_MIPV6HA_MAX_BATCH must be 2^20"
#endif

/* ---------------------------------------------------------------------------
 * npf.h
 */
NC_VALUE(sizeof(NPF_uint8_t), 1);
NC_VALUE(sizeof(NPF_uint16_t), 2);
NC_VALUE(sizeof(NPF_uint32_t), 4);
NC_VALUE(sizeof(NPF_uint64_t), 8);
NC_VALUE(sizeof(NPF_int8_t), 1);
NC_VALUE(sizeof(NPF_int16_t), 2);
NC_VALUE(sizeof(NPF_int32_t), 4);
NC_VALUE(sizeof(NPF_int64_t), 8);
NC_VALUE(sizeof(NPF_IPv6Address_t), 16);
NC_VALUE(sizeof(NPF_Ipv6Address_t), 16);
NC_VALUE(sizeof(struct NPF_IPv6Address), 16);
NC_MEMBER(NPF_IPv6Address_t, addr, NPF_uint8_t[16]);
NC_TYPE_ALIAS(NPF_boolean_t, NPF_uint32_t);
NC_TYPE_ALIAS(NPF_error_t, NPF_uint32_t);
NC_TYPE_ALIAS(NPF_IfHandle_t, NPF_uint32_t);
NC_TYPE_ALIAS(NPF_callbackHandle_t, NPF_uint32_t);
NC_TYPE_ALIAS(NPF_userContext_t, void *);
NC_TYPE_ALIAS(NPF_correlator_t, void *);
NC_VALUE(NPF_FALSE, 0);
NC_VALUE(NPF_TRUE, 1);
NC_VALUE(NPF_NO_ERROR, 0);
NC_VALUE(NPF_E_UNKNOWN, 1);
NC_VALUE(NPF_E_BAD_CALLBACK_HANDLE, 2);
NC_VALUE(NPF_E_BAD_CALLBACK_FUNCTION, 3);
NC_VALUE(NPF_E_CALLBACK_ALREADY_REGISTERED, 4);
NC_VALUE(NPF_E_ALREADY_REGISTERED, 4);
NC_VALUE(NPF_E_FUNCTION_NOT_SUPPORTED, 5);
NC_VALUE(NPF_E_RESOURCE_IN_USE, 6);
NC_VALUE(NPF_IF_HANDLE_NULL, 0);
NC_VALUE(NPF_REPORT_NONE, 0);
NC_VALUE(NPF_REPORT_ERRORS, 1);
NC_VALUE(NPF_REPORT_ALL, 2);

/* ---------------------------------------------------------------------------
 * Types of Appendix A, and the body's other spellings of them.
 */
NC_TYPE_ALIAS(NPF_MIPv6HA_ErrorType_t, NPF_uint32_t);
NC_TYPE_ALIAS(NPF_MIPv6HA_errorType_t, NPF_MIPv6HA_ErrorType_t); /* §4.2.3 */
NC_TYPE_ALIAS(NPF_MIPv6HA_SubtunnelHandle_t, NPF_uint32_t);
NC_TYPE_ALIAS(NPF_MIPV6HA_SubtunnelHandle_t, NPF_MIPv6HA_SubtunnelHandle_t);           /* §5.4.2 */
NC_TYPE_ALIAS(NPF_MIPv6HA_subtunnelHandle_t, NPF_MIPv6HA_SubtunnelHandle_t);           /* §3.1 */
NC_TYPE_ALIAS(NPF_MIPv6HA_subtunnel_t, NPF_MIPv6HA_SubtunnelHandle_t);                 /* §3.1 */
NC_TYPE_ALIAS(NPF_ifHandle_t, NPF_IfHandle_t);                                         /* §5 */
NC_TYPE_ALIAS(NPF_ifhandle_t, NPF_IfHandle_t);                                         /* §5.4.8 */
NC_TYPE_ALIAS(NPF_Ipv6Address_t, NPF_IPv6Address_t);                                   /* §5.4.6 */
NC_TYPE_ALIAS(NPF_callHandle_t, NPF_callbackHandle_t);                                 /* §5.3.2 */
NC_TYPE_ALIAS(NPF_callbackhandle_t, NPF_callbackHandle_t);                             /* §5.3.4 */
NC_TYPE_ALIAS(NPF_MIPv6HA_subtunnelIdentifiers_t, NPF_MIPv6HA_SubtunnelIdentifiers_t); /* §3.1 */
NC_TYPE_ALIAS(NPF_MIPv6HA_tunnelHandle_array_t,
	      NPF_MIPv6HA_SubtunnelIdentifiersArray_t);                   /* §5.4.11 */
NC_TYPE_ALIAS(NPF_MIPV6HA_BC_Entry_Stats_t, NPF_MIPv6HA_BC_EntryStats_t); /* §5.4.5 */
NC_TYPE_ALIAS(NPF_MIPV6HA_proxyND_entry_t, NPF_MIPv6HA_ProxyND_Entry_t);  /* §5.4.9 */
NC_TYPE_ALIAS(NPF_Ipv6AddressArray_t, NPF_IPv6AddressArray_t);            /* §4.2.3 */
NC_TYPE_ALIAS(NPF_MIPV6HA_CallbackType_t, NPF_MIPv6HA_CallbackType_t);    /* §4.2.1 */
NC_TYPE_ALIAS(NPF_MIPV6HA_AsyncResponse_t, NPF_MIPv6HA_AsyncResponse_t);  /* §4.2.2 */
NC_TYPE_ALIAS(NPF_MIPV6HA_CallbackData_t, NPF_MIPv6HA_CallbackData_t);    /* §4.2.2 */
NC_TYPE_ALIAS(NPF_MIPv6HA_callbackData_t, NPF_MIPv6HA_CallbackData_t);    /* §5.2.1 */
NC_TYPE_ALIAS(enum MIPv6_HA_Event, NPF_MIPv6HA_Event_t);                  /* §4.3.1 tag */
NC_TYPE_ALIAS(struct NPF_MIPv6HA_EventData, NPF_MIPv6HA_EventData_t);     /* §4.3.2 tag */
NC_TYPE_ALIAS(struct NPF_MIPv6HA_EventArray, NPF_MIPv6HA_EventArray_t);   /* §4.3.2 tag */
NC_TYPE_ALIAS(NPF_MIPv6HA_EventMask_t, NPF_uint32_t);
NC_TYPE_ALIAS(NPF_MIPv6HA_EventMask, NPF_MIPv6HA_EventMask_t); /* §5.3.2 */
NC_TYPE_ALIAS(NPF_MIPv6HA_subtunnelEndpointAuthFailed_t,
	      NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t); /* §5.3.4 */

/* Enumerations: values of §4.1.4, §4.1.6, §4.2.1, §4.3.1, §4.3.4. */
NC_VALUE(NPF_MIPv6HA_LIFETIME_ON, 1);
NC_VALUE(NPF_MIPv6HA_LIFETIME_OFF, 2);
NC_VALUE(NPF_IPv6_ADDR_VALID, 1);
NC_VALUE(NPF_IPv6_ADDR_PROBING, 2);
NC_VALUE(NPF_IPv6_ADDR_INVALID, 3);
NC_VALUE(NPF_MIPV6HA_BC_ENTRY_ADD, 1);
NC_VALUE(NPF_MIPV6HA_BC_ENTRY_DELETE, 2);
NC_VALUE(NPF_MIPV6HA_BC_FLUSH, 3);
NC_VALUE(NPF_MIPV6HA_BC_ENTRY_ATTR_GET, 4);
NC_VALUE(NPF_MIPV6HA_BC_ENTRY_STATS_GET, 5);
NC_VALUE(NPF_MIPV6HA_PROXYND_ADDR_ADD, 6);
NC_VALUE(NPF_MIPV6HA_PROXYND_ADDR_DELETE, 7);
NC_VALUE(NPF_MIPV6HA_PROXYND_FLUSH, 8);
NC_VALUE(NPF_MIPV6HA_PROXYND_ADDR_STATE_GET, 9);
NC_VALUE(NPF_MIPV6HA_BC_TABLE_SPACE_GET, 10);
NC_VALUE(NPF_MIPV6HA_BC_GET_ALL, 11);
NC_VALUE(NPF_MIPV6HA_PROXYND_TABLE_SPACE_GET, 12);
NC_VALUE(NPF_MIPV6HA_PROXYND_GET_ALL, 13);
NC_VALUE(NPF_MIPV6HA_RATE_LIMIT_EVENTS, 14);
NC_VALUE(NPF_MIPv6HA_BC_ENTRY_ADD, 1);             /* §5.4.1 */
NC_VALUE(NPF_MIPV6HA_ProxyND_ADDR_ADD, 6);         /* §5.4.6 */
NC_VALUE(NPF_MIPV6HA_BC_ProxyND_ADDR_DELETE, 7);   /* §5.4.7 */
NC_VALUE(NPF_MIPV6HA_BC_PROXYND_FLUSH, 8);         /* §5.4.8 */
NC_VALUE(NPF_MIPV6HA_NDPROXY_TABLE_SPACE_GET, 12); /* §5.4.12 */
NC_VALUE(NPF_MIPv6HA_RATE_LIMIT_EVENT, 14);        /* §5.3.4 */
NC_VALUE(NPF_MIPv6HA_RATE_LIMIT_EVENTS, 14);       /* §4.2.3 */
NC_VALUE(NPF_MIPv6HA_PROXYND_DAD, 1);
NC_VALUE(NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED, 2);
NC_VALUE(NPF_MIPv6HA_BC_ENTRY_MISS, 3);
NC_VALUE(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED, 4); /* §4.3.1 */
NC_VALUE(NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED, 4);    /* Appendix A */
NC_VALUE(NPF_MIPv6HA_EVENT_LIMIT_TIME, 1);
NC_VALUE(NPF_MIPv6HA_EVENT_LIMIT_COUNT, 2);

/* Event masks (§4.3.3), by name and by NPF_MIPv6HA_EVENT_MASK(event). */
NC_VALUE(NPF_MIPv6HA_PROXYND_DAD_CONCLUDED, 1u << 0);
NC_VALUE(NPF_MIPv6HA_PROXYND_DAD_MASK, 1u << 0);
NC_VALUE(NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED_MASK, 1u << 1);
NC_VALUE(NPF_MIPv6HA_BC_ENTRY_MISS_MASK, 1u << 2);
NC_VALUE(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK, 1u << 3);
NC_VALUE(NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED_MASK, 1u << 3);
NC_VALUE(NPF_MIPv6HA_EVENT_MASK(NPF_MIPv6HA_PROXYND_DAD), 1u << 0);
NC_VALUE(NPF_MIPv6HA_EVENT_MASK(NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED), 1u << 1);
NC_VALUE(NPF_MIPv6HA_EVENT_MASK(NPF_MIPv6HA_BC_ENTRY_MISS), 1u << 2);
NC_VALUE(NPF_MIPv6HA_EVENT_MASK(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED), 1u << 3);
NC_VALUE(NPF_MIPv6HA_EVENT_MASK(NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED), 1u << 3);
NC_VALUE(NPF_MIPv6HA_EVENT_ALL_ENABLE, 0xFFFFFFFFu);
NC_VALUE(NPF_IPSEC_EVENT_ALL_DISABLE, 0);
NC_VALUE(NPF_MIPv6HA_EVENT_ALL_DISABLE, 0);

/* Error codes (§4.4): NPF_MIPv6HA_BASE_ERR + n, and their §5 spellings. */
NC_VALUE(NPF_MIPv6HA_E_OPTIONAL_FEATURE_NOT_SUPPORTED, NPF_MIPv6HA_BASE_ERR + 1);
NC_VALUE(NPF_MIPv6HA_E_NOMEMORY, NPF_MIPv6HA_BASE_ERR + 2);
NC_VALUE(NPF_MIPv6HA_E_INVALID_IF_HANDLE, NPF_MIPv6HA_BASE_ERR + 3);
NC_VALUE(NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN, NPF_MIPv6HA_BASE_ERR + 4);
NC_VALUE(NPF_MIPv6HA_E_INVALID_PARAM, NPF_MIPv6HA_BASE_ERR + 5);
NC_VALUE(NPF_MIPv6HA_E_DUPLICATE_HOA, NPF_MIPv6HA_BASE_ERR + 6);
NC_VALUE(NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE, NPF_MIPv6HA_BASE_ERR + 7);
NC_VALUE(NPF_MIPv6HA_E_DUPLICATE_EVENT_ID, NPF_MIPv6HA_BASE_ERR + 8);
NC_VALUE(NPF_MIPv6HA_E_INVALID_EVENT_ID, NPF_MIPv6HA_BASE_ERR + 9);
NC_VALUE(NPF_MIPV6HA_E_OPTIONAL_FEATURE_NOT_SUPPORTED, NPF_MIPv6HA_BASE_ERR + 1);
NC_VALUE(NPF_MIPV6HA_E_NOMEMORY, NPF_MIPv6HA_BASE_ERR + 2);
NC_VALUE(NPF_MIPV6_E_NOMEMORY, NPF_MIPv6HA_BASE_ERR + 2);
NC_VALUE(NPF_MIPV6HA_E_INVALID_IF_HANDLE, NPF_MIPv6HA_BASE_ERR + 3);
NC_VALUE(NPF_MIPV6HA_E_PROXYND_ADDR_UNKNOWN, NPF_MIPv6HA_BASE_ERR + 4);
NC_VALUE(NPF_MIPV6HA_E_INVALID_PARAM, NPF_MIPv6HA_BASE_ERR + 5);
NC_VALUE(NPF_MIPV6HA_E_DUPLICATE_HOA, NPF_MIPv6HA_BASE_ERR + 6);
NC_VALUE(NPF_MIPV6HA_E_INVALID_SUBTUNNEL_HANDLE, NPF_MIPv6HA_BASE_ERR + 7);
NC_VALUE(NPF_MIPV6HA_E_DUPLICATE_EVENT_ID, NPF_MIPv6HA_BASE_ERR + 8);
NC_VALUE(NPF_MIPV6HA_E_INVALID_EVENT_ID, NPF_MIPv6HA_BASE_ERR + 9);
static_assert(NPF_MIPv6HA_E_INVALID_EVENT_ID < NPF_MIPv6HA_BASE_ERR + 100,
	      "error codes stay within the reserved range of 100");

/* ---------------------------------------------------------------------------
 * Structure members: every Appendix A name and every §4 spelling.
 */
/* §4.1.2 */
NC_MEMBER(NPF_MIPv6HA_SubtunnelIdentifiers_t, subunnelhandle, NPF_MIPv6HA_SubtunnelHandle_t);
NC_MEMBER(NPF_MIPv6HA_SubtunnelIdentifiers_t, subtunnelHandle, NPF_MIPv6HA_SubtunnelHandle_t);
NC_MEMBER(NPF_MIPv6HA_SubtunnelIdentifiers_t, HoA, NPF_IPv6Address_t);
NC_ALIAS(NPF_MIPv6HA_SubtunnelIdentifiers_t, subtunnelHandle, subunnelhandle);
/* §4.1.3 */
NC_MEMBER(NPF_MIPv6HA_SubtunnelIdentifiersArray_t, nCount, NPF_uint32_t);
NC_MEMBER(NPF_MIPv6HA_SubtunnelIdentifiersArray_t, subunnelidentifiersarray,
	  NPF_MIPv6HA_SubtunnelIdentifiers_t *);
NC_MEMBER(NPF_MIPv6HA_SubtunnelIdentifiersArray_t, subtunnelIdentifiersArray,
	  NPF_MIPv6HA_SubtunnelIdentifiers_t *);
NC_ALIAS(NPF_MIPv6HA_SubtunnelIdentifiersArray_t, subtunnelIdentifiersArray,
	 subunnelidentifiersarray);
/* §4.1.4 */
NC_MEMBER(NPF_MIPv6HA_BC_Entry_t, subtunnelhandle, NPF_MIPv6HA_SubtunnelHandle_t);
NC_MEMBER(NPF_MIPv6HA_BC_Entry_t, subtunnelHandle, NPF_MIPv6HA_SubtunnelHandle_t);
NC_MEMBER(NPF_MIPv6HA_BC_Entry_t, HoA, NPF_IPv6Address_t);
NC_MEMBER(NPF_MIPv6HA_BC_Entry_t, CoA, NPF_IPv6Address_t);
NC_MEMBER(NPF_MIPv6HA_BC_Entry_t, PMTU, NPF_uint16_t);
NC_MEMBER(NPF_MIPv6HA_BC_Entry_t, lifetimemode, NPF_MIPv6HA_LifetimeMode_t);
NC_MEMBER(NPF_MIPv6HA_BC_Entry_t, lifetimeMode, NPF_MIPv6HA_LifetimeMode_t);
NC_MEMBER(NPF_MIPv6HA_BC_Entry_t, bindinglifetime, NPF_uint32_t);
NC_MEMBER(NPF_MIPv6HA_BC_Entry_t, bindingLifetime, NPF_uint32_t);
NC_MEMBER(NPF_MIPv6HA_BC_Entry_t, remainingbindinglifetime, NPF_uint32_t);
NC_MEMBER(NPF_MIPv6HA_BC_Entry_t, remainingBindingLifetime, NPF_uint32_t);
NC_ALIAS(NPF_MIPv6HA_BC_Entry_t, subtunnelHandle, subtunnelhandle);
NC_ALIAS(NPF_MIPv6HA_BC_Entry_t, lifetimeMode, lifetimemode);
NC_ALIAS(NPF_MIPv6HA_BC_Entry_t, bindingLifetime, bindinglifetime);
NC_ALIAS(NPF_MIPv6HA_BC_Entry_t, remainingBindingLifetime, remainingbindinglifetime);
/* §4.1.5 */
NC_MEMBER(NPF_MIPv6HA_BC_EntryStats_t, subtunnelhandle, NPF_MIPv6HA_SubtunnelHandle_t);
NC_MEMBER(NPF_MIPv6HA_BC_EntryStats_t, subtunnelHandle, NPF_MIPv6HA_SubtunnelHandle_t);
NC_MEMBER(NPF_MIPv6HA_BC_EntryStats_t, HoA, NPF_IPv6Address_t);
NC_MEMBER(NPF_MIPv6HA_BC_EntryStats_t, mipv6NodeHCInOctets, NPF_uint64_t);
NC_MEMBER(NPF_MIPv6HA_BC_EntryStats_t, mipv6NodeHCInPkts, NPF_uint64_t);
NC_MEMBER(NPF_MIPv6HA_BC_EntryStats_t, mipv6NodeHCOctets, NPF_uint64_t);
NC_MEMBER(NPF_MIPv6HA_BC_EntryStats_t, mipv6NodeHCPkts, NPF_uint64_t);
NC_MEMBER(NPF_MIPv6HA_BC_EntryStats_t, dropRxOctets, NPF_uint64_t);
NC_MEMBER(NPF_MIPv6HA_BC_EntryStats_t, dropRxCnt, NPF_uint64_t);
NC_MEMBER(NPF_MIPv6HA_BC_EntryStats_t, dropRxPkts, NPF_uint64_t);
NC_MEMBER(NPF_MIPv6HA_BC_EntryStats_t, dropRXPkts, NPF_uint64_t);
NC_MEMBER(NPF_MIPv6HA_BC_EntryStats_t, dropTxOctets, NPF_uint64_t);
NC_MEMBER(NPF_MIPv6HA_BC_EntryStats_t, dropTxPkts, NPF_uint64_t);
NC_ALIAS(NPF_MIPv6HA_BC_EntryStats_t, subtunnelHandle, subtunnelhandle);
NC_ALIAS(NPF_MIPv6HA_BC_EntryStats_t, dropRxCnt, dropRxOctets);
NC_ALIAS(NPF_MIPv6HA_BC_EntryStats_t, dropRXPkts, dropRxPkts);
/* §4.1.6, §4.1.7 */
NC_MEMBER(NPF_MIPv6HA_ProxyND_Entry_t, Addr, NPF_IPv6Address_t);
NC_MEMBER(NPF_MIPv6HA_ProxyND_Entry_t, AddrState, NPF_IPv6AddrState_t);
NC_MEMBER(NPF_IPv6AddressArray_t, nCount, NPF_uint32_t);
NC_MEMBER(NPF_IPv6AddressArray_t, Ipv6AddressArray, NPF_IPv6Address_t *);
/* §4.2.3: the body's pointer members are chosen (doc/npf-conformance.md). */
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, errorCode, NPF_MIPv6HA_errorType_t);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u1.ifhandle, NPF_IfHandle_t);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u1.ifHandle, NPF_IfHandle_t);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u1.unused, NPF_uint32_t);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u2.subtunnelIdentifiers, NPF_MIPv6HA_SubtunnelIdentifiers_t);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u2.BCentry, NPF_MIPv6HA_BC_Entry_t *);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u2.BCentrystats, NPF_MIPv6HA_BC_EntryStats_t *);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u2.proxyND_Address, NPF_IPv6Address_t);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u2.proxyNDAddress, NPF_IPv6Address_t);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u2.proxyND_Entry, NPF_MIPv6HA_ProxyND_Entry_t);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u2.proxyNDEntry, NPF_MIPv6HA_ProxyND_Entry_t);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u2.subtunnelIdentifiersArray,
	  NPF_MIPv6HA_SubtunnelIdentifiersArray_t *);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u2.Ipv6Address, NPF_IPv6AddressArray_t *);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u2.Ipv6Address, NPF_Ipv6AddressArray_t *);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u2.entryspacerremaining, NPF_uint32_t);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u2.entryspaceRemaining, NPF_uint32_t);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u2.eventtype, NPF_MIPv6HA_Event_t);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u2.eventType, NPF_MIPv6HA_Event_t);
NC_MEMBER(NPF_MIPv6HA_AsyncResponse_t, u2.unused, NPF_uint32_t);
NC_ALIAS(NPF_MIPv6HA_AsyncResponse_t, u1.ifHandle, u1.ifhandle);
NC_ALIAS(NPF_MIPv6HA_AsyncResponse_t, u2.proxyNDAddress, u2.proxyND_Address);
NC_ALIAS(NPF_MIPv6HA_AsyncResponse_t, u2.proxyNDEntry, u2.proxyND_Entry);
NC_ALIAS(NPF_MIPv6HA_AsyncResponse_t, u2.entryspaceRemaining, u2.entryspacerremaining);
NC_ALIAS(NPF_MIPv6HA_AsyncResponse_t, u2.eventType, u2.eventtype);
/* §4.2.2 */
NC_MEMBER(NPF_MIPv6HA_CallbackData_t, type, NPF_MIPv6HA_CallbackType_t);
NC_MEMBER(NPF_MIPv6HA_CallbackData_t, allOK, NPF_boolean_t);
NC_MEMBER(NPF_MIPv6HA_CallbackData_t, numResp, NPF_uint32_t);
NC_MEMBER(NPF_MIPv6HA_CallbackData_t, resp, NPF_MIPv6HA_AsyncResponse_t *);
/* §4.3.2.1 - §4.3.2.4 */
NC_MEMBER(NPF_MIPv6HA_ProxyND_DAD_t, homelinkInterfaceHandle, NPF_IfHandle_t);
NC_MEMBER(NPF_MIPv6HA_ProxyND_DAD_t, ucAddrs, NPF_IPv6Address_t);
NC_MEMBER(NPF_MIPv6HA_ProxyND_DAD_t, ucAddr, NPF_IPv6Address_t);
NC_MEMBER(NPF_MIPv6HA_ProxyND_DAD_t, ucAddrsState, NPF_IPv6AddrState_t);
NC_MEMBER(NPF_MIPv6HA_ProxyND_DAD_t, ucAddrState, NPF_IPv6AddrState_t);
NC_ALIAS(NPF_MIPv6HA_ProxyND_DAD_t, ucAddr, ucAddrs);
NC_ALIAS(NPF_MIPv6HA_ProxyND_DAD_t, ucAddrState, ucAddrsState);
NC_MEMBER(NPF_MIPv6HA_BindingLifetimeExpired_t, Mipv6HAinterfacehandle, NPF_IfHandle_t);
NC_MEMBER(NPF_MIPv6HA_BindingLifetimeExpired_t, MipV6HA_tunnelInterfaceHandle, NPF_IfHandle_t);
NC_MEMBER(NPF_MIPv6HA_BindingLifetimeExpired_t, subtunnelHandle, NPF_MIPv6HA_SubtunnelHandle_t);
NC_MEMBER(NPF_MIPv6HA_BindingLifetimeExpired_t, HoA, NPF_IPv6Address_t);
NC_ALIAS(NPF_MIPv6HA_BindingLifetimeExpired_t, MipV6HA_tunnelInterfaceHandle,
	 Mipv6HAinterfacehandle);
NC_MEMBER(NPF_MIPv6HA_BC_EntryMiss_t, packetAddr, NPF_IPv6Address_t);
NC_MEMBER(NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t, Mipv6HA_tunnelInterfaceHandle, NPF_IfHandle_t);
NC_MEMBER(NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t, subtunnelhandle,
	  NPF_MIPv6HA_SubtunnelHandle_t);
NC_MEMBER(NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t, subtunnelHandle,
	  NPF_MIPv6HA_SubtunnelHandle_t);
NC_MEMBER(NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t, HoA, NPF_IPv6Address_t);
NC_MEMBER(NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t, packetSrcAddr, NPF_IPv6Address_t);
NC_MEMBER(NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t, packetDstAddr, NPF_IPv6Address_t);
NC_MEMBER(NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t, repCount, NPF_uint8_t);
NC_ALIAS(NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t, subtunnelHandle, subtunnelhandle);
/* §4.3.2 */
NC_MEMBER(NPF_MIPv6HA_EventData_t, eventType, NPF_MIPv6HA_Event_t);
NC_MEMBER(NPF_MIPv6HA_EventData_t, u.proxyND_DAD, NPF_MIPv6HA_ProxyND_DAD_t);
NC_MEMBER(NPF_MIPv6HA_EventData_t, u.bindingLftExp, NPF_MIPv6HA_BindingLifetimeExpired_t);
NC_MEMBER(NPF_MIPv6HA_EventData_t, u.BC_entryMiss, NPF_MIPv6HA_BC_EntryMiss_t);
NC_MEMBER(NPF_MIPv6HA_EventData_t, u.subtnlEndpAuthFail, NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t);
NC_MEMBER(NPF_MIPv6HA_EventArray_t, n_data, NPF_uint16_t);
NC_MEMBER(NPF_MIPv6HA_EventArray_t, eventdata, NPF_MIPv6HA_EventData_t *);
NC_MEMBER(NPF_MIPv6HA_EventArray_t, eventData, NPF_MIPv6HA_EventData_t *);
NC_ALIAS(NPF_MIPv6HA_EventArray_t, eventData, eventdata);
/* §4.3.4 */
NC_MEMBER(NPF_MIPv6HA_EventLimit_t, eventid, NPF_MIPv6HA_Event_t);
NC_MEMBER(NPF_MIPv6HA_EventLimit_t, eventId, NPF_MIPv6HA_Event_t);
NC_MEMBER(NPF_MIPv6HA_EventLimit_t, limitType, NPF_MIPv6HA_EventLimitType_t);
NC_MEMBER(NPF_MIPv6HA_EventLimit_t, u.numPerSec, NPF_uint32_t);
NC_MEMBER(NPF_MIPv6HA_EventLimit_t, u.nCount, NPF_uint32_t);
NC_ALIAS(NPF_MIPv6HA_EventLimit_t, eventId, eventid);
NC_ALIAS(NPF_MIPv6HA_EventLimit_t, u.numPerSec, u.nCount); /* a union in the seed too */

/* ---------------------------------------------------------------------------
 * Callback types and function prototypes exactly as printed (Appendix A
 * spelling first, then the §5 spelling). Inside extern "C" in C++ so that the
 * function types carry C language linkage like the header's.
 */
#ifdef __cplusplus
extern "C" {
#endif

/* Appendix A */
typedef void (*seedA_CallbackFunc_t)(NPF_IN NPF_userContext_t userContext,
				     NPF_IN NPF_correlator_t correlator,
				     NPF_IN NPF_MIPv6HA_CallbackData_t MIPv6HACallbackData);
typedef NPF_error_t (*seedA_Register_t)(NPF_IN NPF_userContext_t userContext,
					NPF_IN NPF_MIPv6HA_CallbackFunc_t MIPv6HACallbackFunc,
					NPF_OUT NPF_callbackHandle_t *MIPv6HA_CallbackHandle);
typedef NPF_error_t (*seedA_Deregister_t)(NPF_IN NPF_callbackHandle_t MIPv6HACallbackHandle);
typedef void (*seedA_EventCallFunc_t)(NPF_IN NPF_userContext_t userContext,
				      NPF_IN NPF_MIPv6HA_EventArray_t eventArray);
typedef NPF_error_t (*seedA_EventRegister_t)(NPF_IN NPF_userContext_t usercontext,
					     NPF_IN NPF_MIPv6HA_EventCallFunc_t eventCallFunc,
					     NPF_IN NPF_MIPv6HA_EventMask_t eventmask,
					     NPF_OUT NPF_callbackHandle_t *eventCallHandle);
typedef NPF_error_t (*seedA_EventDeregister_t)(NPF_IN NPF_callbackHandle_t cbHandle);
typedef NPF_error_t (*seedA_RateLimitEvents_t)(NPF_IN NPF_callbackHandle_t cbHandle,
					       NPF_IN NPF_correlator_t cbCorrelator,
					       NPF_IN NPF_errorReporting_t errorReporting,
					       NPF_IN NPF_uint32_t countEventData,
					       NPF_IN NPF_MIPv6HA_EventLimit_t *eventLimitArray);
typedef NPF_error_t (*seedA_BC_Entry_Add_t)(NPF_IN NPF_callbackHandle_t cbHandle,
					    NPF_IN NPF_correlator_t cbCorrelator,
					    NPF_IN NPF_errorReporting_t errorReporting,
					    NPF_IN NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle,
					    NPF_IN NPF_uint32_t n_entries,
					    NPF_IN NPF_MIPv6HA_BC_Entry_t *BCEntryarray);
/* BC_Entry_Delete, BC_EntryAttrGet, BC_EntryStatsGet */
typedef NPF_error_t (*seedA_BC_HandleArray_t)(
    NPF_IN NPF_callbackHandle_t cbHandle, NPF_IN NPF_correlator_t cbCorrelator,
    NPF_IN NPF_errorReporting_t errorReporting, NPF_IN NPF_IfHandle_t Mipv6HA_tunnelInterfaceHandle,
    NPF_IN NPF_uint32_t n_entries, NPF_IN NPF_MIPv6HA_SubtunnelHandle_t *subtunnelHandleArray);
/* BC_Flush, BC_TableSpaceGet, BC_GetAll, ProxyND_Flush, ProxyND_TableSpaceGet,
 * ProxyND_GetAll */
typedef NPF_error_t (*seedA_IfOnly_t)(NPF_IN NPF_callbackHandle_t cbHandle,
				      NPF_IN NPF_correlator_t cbCorrelator,
				      NPF_IN NPF_errorReporting_t errorReporting,
				      NPF_IN NPF_IfHandle_t interfaceHandle);
/* ProxyND_AddressAdd, ProxyND_AddressDelete, ProxyND_AddrStateGet */
typedef NPF_error_t (*seedA_ProxyND_AddrArray_t)(NPF_IN NPF_callbackHandle_t cbHandle,
						 NPF_IN NPF_correlator_t cbCorrelator,
						 NPF_IN NPF_errorReporting_t errorReporting,
						 NPF_IN NPF_IfHandle_t homelinkInterfaceHandle,
						 NPF_IN NPF_uint32_t n_addresses,
						 NPF_IN NPF_IPv6Address_t *Ipv6AddressArray);

/* §5 (body) spellings */
typedef void (*seed5_CallbackFunc_t)(NPF_IN NPF_userContext_t userContext,
				     NPF_IN NPF_correlator_t correlator,
				     NPF_IN NPF_MIPv6HA_callbackData_t MIPv6HA_CallbackData);
/* §5.2.3 prints NPF__callbackHandle_t (not provided: reserved in C++). */
typedef NPF_error_t (*seed5_Deregister_t)(NPF_IN NPF_callbackHandle_t MIPv6HA_CallbackHandle);
typedef NPF_error_t (*seed5_EventRegister_t)(NPF_IN NPF_userContext_t userContext,
					     NPF_IN NPF_MIPv6HA_EventCallFunc_t eventCallFunc,
					     NPF_IN NPF_MIPv6HA_EventMask eventMask,
					     NPF_OUT NPF_callHandle_t *eventCallHandle);
typedef NPF_error_t (*seed5_EventDeregister_t)(NPF_IN NPF_callHandle_t);
typedef NPF_error_t (*seed5_RateLimitEvents_t)(NPF_IN NPF_callbackhandle_t cbHandle,
					       NPF_IN NPF_correlator_t cbCorrelator,
					       NPF_IN NPF_errorReporting_t errorReporting,
					       NPF_IN NPF_uint32_t countEventData,
					       NPF_IN NPF_MIPv6HA_EventLimit_t *eventLimitArray);
typedef NPF_error_t (*seed5_BC_Entry_Add_t)(NPF_IN NPF_callbackHandle_t cbHandle,
					    NPF_IN NPF_correlator_t cbCorrelator,
					    NPF_IN NPF_errorReporting_t errorReporting,
					    NPF_IN NPF_ifHandle_t Mipv6HA_tunnelInterfaceHandle,
					    NPF_IN NPF_uint32_t n_entries,
					    NPF_IN NPF_MIPv6HA_BC_Entry_t *BCentryarray);
typedef NPF_error_t (*seed5_BC_Entry_Delete_t)(
    NPF_IN NPF_callbackHandle_t cbHandle, NPF_IN NPF_correlator_t cbCorrelator,
    NPF_IN NPF_errorReporting_t errorReporting, NPF_IN NPF_ifHandle_t Mipv6HA_tunnelInterfaceHandle,
    NPF_IN NPF_uint32_t n_entries, NPF_IN NPF_MIPV6HA_SubtunnelHandle_t *subtunnelHandleArray);
typedef NPF_error_t (*seed5_BC_EntryAttrGet_t)(
    NPF_IN NPF_callbackHandle_t cbHandle, NPF_IN NPF_correlator_t cbCorrelator,
    NPF_IN NPF_errorReporting_t errorReporting, NPF_IN NPF_ifHandle_t Mipv6HA_tunnelInterfaceHandle,
    NPF_IN NPF_uint32_t n_entries, NPF_IN NPF_MIPv6HA_SubtunnelHandle_t *subtunnelHandleArray);
typedef NPF_error_t (*seed5_IfHandle_t)(NPF_IN NPF_callbackHandle_t cbHandle,
					NPF_IN NPF_correlator_t cbCorrelator,
					NPF_IN NPF_errorReporting_t errorReporting,
					NPF_IN NPF_ifHandle_t Mipv6HA_tunnelInterfaceHandle);
typedef NPF_error_t (*seed5_Ifhandle_t)(NPF_IN NPF_callbackHandle_t cbHandle,
					NPF_IN NPF_correlator_t cbCorrelator,
					NPF_IN NPF_errorReporting_t errorReporting,
					NPF_IN NPF_ifhandle_t homelinkInterfaceHandle);
typedef NPF_error_t (*seed5_ProxyND_AddrArray_t)(NPF_IN NPF_callbackHandle_t cbHandle,
						 NPF_IN NPF_correlator_t cbCorrelator,
						 NPF_IN NPF_errorReporting_t errorReporting,
						 NPF_IN NPF_ifHandle_t homelinkInterfaceHandle,
						 NPF_IN NPF_uint32_t n_addresses,
						 NPF_IN NPF_Ipv6Address_t *Ipv6AddressArray);

/* Extension headers: the entry points doc/npf-conformance.md refers to. */
typedef NPF_error_t (*ext_HomeLinkGet_t)(NPF_IfHandle_t, NPF_MIPv6HA_IF_HomeLinkInfo_t *);
typedef NPF_error_t (*ext_TunnelGet_t)(NPF_IfHandle_t, NPF_MIPv6HA_IF_TunnelInfo_t *);
typedef NPF_error_t (*ext_Delete_t)(NPF_IfHandle_t);
typedef unsigned int (*ext_dispatch_t)(unsigned int);
typedef int (*ext_event_fd_t)(void);

#ifdef __cplusplus
}
#endif

/* Callback types */
NC_TYPE_ALIAS(NPF_MIPv6HA_CallbackFunc_t, seedA_CallbackFunc_t);
NC_TYPE_ALIAS(NPF_MIPv6HA_CallbackFunc_t, seed5_CallbackFunc_t);
NC_TYPE_ALIAS(NPF_MIPv6HA_EventCallFunc_t, seedA_EventCallFunc_t);

/* Appendix A names */
NC_FN(NPF_MIPv6HA_Register, seedA_Register_t);
NC_FN(NPF_MIPv6HA_Deregister, seedA_Deregister_t);
NC_FN(NPF_MIPv6HA_EventRegister, seedA_EventRegister_t);
NC_FN(NPF_MIPv6HA_EventDeregister, seedA_EventDeregister_t);
NC_FN(NPF_MIPv6HA_RateLimitEvents, seedA_RateLimitEvents_t);
NC_FN(NPF_MIPv6HA_BC_Entry_Add, seedA_BC_Entry_Add_t);
NC_FN(NPF_MIPv6HA_BC_Entry_Delete, seedA_BC_HandleArray_t);
NC_FN(NPF_MIPv6HA_BC_Flush, seedA_IfOnly_t);
NC_FN(NPF_MIPv6HA_BC_EntryAttrGet, seedA_BC_HandleArray_t);
NC_FN(NPF_MIPv6HA_BC_EntryStatsGet, seedA_BC_HandleArray_t);
NC_FN(NPF_MIPv6HA_ProxyND_AddressAdd, seedA_ProxyND_AddrArray_t);
NC_FN(NPF_MIPv6HA_ProxyND_AddressDelete, seedA_ProxyND_AddrArray_t);
NC_FN(NPF_MIPv6HA_ProxyND_Flush, seedA_IfOnly_t);
NC_FN(NPF_MIPv6HA_ProxyND_AddrStateGet, seedA_ProxyND_AddrArray_t);
NC_FN(NPF_MIPv6HA_BC_TableSpaceGet, seedA_IfOnly_t);
NC_FN(NPF_MIPv6HA_BC_GetAll, seedA_IfOnly_t);
NC_FN(NPF_MIPv6HA_ProxyND_TableSpaceGet, seedA_IfOnly_t);
NC_FN(NPF_MIPv6HA_ProxyND_GetAll, seedA_IfOnly_t);

/* §5 names with §5 prototypes */
NC_FN(NPF_MIPv6HA_Deregister, seed5_Deregister_t);
NC_FN(NPF_MIPv6HA_EventRegister, seed5_EventRegister_t);
NC_FN(NPF_MIPv6HA_EventDeregister, seed5_EventDeregister_t);
NC_FN(NPF_MIPv6HA_RateLimitEvents, seed5_RateLimitEvents_t);
NC_FN(NPF_Mipv6HA_BC_EntryAdd, seed5_BC_Entry_Add_t);
NC_FN(NPF_Mipv6HA_BC_Entry_Add, seed5_BC_Entry_Add_t);
NC_FN(NPF_MIPv6HA_BC_EntryAdd, seed5_BC_Entry_Add_t);
NC_FN(NPF_Mipv6HA_BC_EntryDelete, seed5_BC_Entry_Delete_t);
NC_FN(NPF_Mipv6HA_BC_Entry_Delete, seed5_BC_Entry_Delete_t);
NC_FN(NPF_MIPv6HA_BC_EntryDelete, seed5_BC_Entry_Delete_t);
NC_FN(NPF_Mipv6HA_BC_Flush, seed5_IfHandle_t);
NC_FN(NPF_Mipv6HA_BC_EntryAttrGet, seed5_BC_EntryAttrGet_t);
NC_FN(NPF_Mipv6HA_BC_EntryStatsGet, seed5_BC_Entry_Delete_t);
NC_FN(NPF_Mipv6HA_ProxyND_AddressAdd, seed5_ProxyND_AddrArray_t);
NC_FN(NPF_Mipv6HA_ProxyND_AddressDelete, seed5_ProxyND_AddrArray_t);
NC_FN(NPF_Mipv6HA_ProxyND_Flush, seed5_Ifhandle_t);
NC_FN(NPF_Mipv6HA_ProxyND_AddrStateGet, seed5_ProxyND_AddrArray_t);
NC_FN(NPF_Mipv6HA_BC_TableSpaceGet, seed5_Ifhandle_t);
NC_FN(NPF_Mipv6HA_BC_GetAll, seed5_Ifhandle_t);
NC_FN(NPF_Mipv6HA_ProxyND_TableSpaceGet, seed5_Ifhandle_t);
NC_FN(NPF_Mipv6HA_ProxyND_GetAll, seed5_Ifhandle_t);

/* Extension headers */
NC_FN(NPF_MIPv6HA_IF_HomeLinkGet, ext_HomeLinkGet_t);
NC_FN(NPF_MIPv6HA_IF_TunnelGet, ext_TunnelGet_t);
NC_FN(NPF_MIPv6HA_IF_HomeLinkDelete, ext_Delete_t);
NC_FN(NPF_MIPv6HA_IF_TunnelDelete, ext_Delete_t);
NC_FN(npf_mipv6ha_dispatch, ext_dispatch_t);
NC_FN(npf_mipv6ha_event_fd, ext_event_fd_t);
NC_MEMBER(struct npf_mipv6ha_params, max_resp_per_callback, uint32_t);

/* ---------------------------------------------------------------------------
 * -Wswitch (part of -Wall, an error here) proves that each enumeration holds
 * exactly the seed's constants: one missing case, or an enumerator the seed
 * does not have, fails the build; duplicate values fail as duplicate cases.
 */
static inline const char *nc_callback_type_name(NPF_MIPv6HA_CallbackType_t t)
{
	switch (t) {
	case NPF_MIPV6HA_BC_ENTRY_ADD:
		return "BC_ENTRY_ADD";
	case NPF_MIPV6HA_BC_ENTRY_DELETE:
		return "BC_ENTRY_DELETE";
	case NPF_MIPV6HA_BC_FLUSH:
		return "BC_FLUSH";
	case NPF_MIPV6HA_BC_ENTRY_ATTR_GET:
		return "BC_ENTRY_ATTR_GET";
	case NPF_MIPV6HA_BC_ENTRY_STATS_GET:
		return "BC_ENTRY_STATS_GET";
	case NPF_MIPV6HA_PROXYND_ADDR_ADD:
		return "PROXYND_ADDR_ADD";
	case NPF_MIPV6HA_PROXYND_ADDR_DELETE:
		return "PROXYND_ADDR_DELETE";
	case NPF_MIPV6HA_PROXYND_FLUSH:
		return "PROXYND_FLUSH";
	case NPF_MIPV6HA_PROXYND_ADDR_STATE_GET:
		return "PROXYND_ADDR_STATE_GET";
	case NPF_MIPV6HA_BC_TABLE_SPACE_GET:
		return "BC_TABLE_SPACE_GET";
	case NPF_MIPV6HA_BC_GET_ALL:
		return "BC_GET_ALL";
	case NPF_MIPV6HA_PROXYND_TABLE_SPACE_GET:
		return "PROXYND_TABLE_SPACE_GET";
	case NPF_MIPV6HA_PROXYND_GET_ALL:
		return "PROXYND_GET_ALL";
	case NPF_MIPV6HA_RATE_LIMIT_EVENTS:
		return "RATE_LIMIT_EVENTS";
	}
	return NULL;
}

static inline const char *nc_event_name(NPF_MIPv6HA_Event_t e)
{
	switch (e) {
	case NPF_MIPv6HA_PROXYND_DAD:
		return "PROXYND_DAD";
	case NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED:
		return "BINDING_LIFETIME_EXPIRED";
	case NPF_MIPv6HA_BC_ENTRY_MISS:
		return "BC_ENTRY_MISS";
	case NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED: /* = SUBTUNNEL_..., §4.3.1 */
		return "SUBTUNNEL_ENDPOINT_AUTH_FAILED";
	}
	return NULL;
}

static inline int nc_small_enums_ok(void)
{
	int n = 0;
	NPF_MIPv6HA_LifetimeMode_t modes[] = {NPF_MIPv6HA_LIFETIME_ON, NPF_MIPv6HA_LIFETIME_OFF};
	NPF_IPv6AddrState_t states[] = {NPF_IPv6_ADDR_VALID, NPF_IPv6_ADDR_PROBING,
					NPF_IPv6_ADDR_INVALID};
	NPF_MIPv6HA_EventLimitType_t limits[] = {NPF_MIPv6HA_EVENT_LIMIT_TIME,
						 NPF_MIPv6HA_EVENT_LIMIT_COUNT};
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		switch (modes[i]) {
		case NPF_MIPv6HA_LIFETIME_ON:
		case NPF_MIPv6HA_LIFETIME_OFF:
			n++;
			break;
		}
	}
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		switch (states[i]) {
		case NPF_IPv6_ADDR_VALID:
		case NPF_IPv6_ADDR_PROBING:
		case NPF_IPv6_ADDR_INVALID:
			n++;
			break;
		}
	}
	for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		switch (limits[i]) {
		case NPF_MIPv6HA_EVENT_LIMIT_TIME:
		case NPF_MIPv6HA_EVENT_LIMIT_COUNT:
			n++;
			break;
		}
	}
	return n == 7;
}

/* Error codes: a duplicate value is a duplicate case label (compile error). */
static inline const char *nc_error_name(NPF_MIPv6HA_ErrorType_t e)
{
	switch (e) {
	case NPF_NO_ERROR:
		return "NPF_NO_ERROR";
	case NPF_E_UNKNOWN:
		return "NPF_E_UNKNOWN";
	case NPF_E_BAD_CALLBACK_HANDLE:
		return "NPF_E_BAD_CALLBACK_HANDLE";
	case NPF_E_BAD_CALLBACK_FUNCTION:
		return "NPF_E_BAD_CALLBACK_FUNCTION";
	case NPF_E_CALLBACK_ALREADY_REGISTERED:
		return "NPF_E_CALLBACK_ALREADY_REGISTERED";
	case NPF_E_FUNCTION_NOT_SUPPORTED:
		return "NPF_E_FUNCTION_NOT_SUPPORTED";
	case NPF_E_RESOURCE_IN_USE:
		return "NPF_E_RESOURCE_IN_USE";
	case NPF_MIPv6HA_E_OPTIONAL_FEATURE_NOT_SUPPORTED:
		return "NPF_MIPv6HA_E_OPTIONAL_FEATURE_NOT_SUPPORTED";
	case NPF_MIPv6HA_E_NOMEMORY:
		return "NPF_MIPv6HA_E_NOMEMORY";
	case NPF_MIPv6HA_E_INVALID_IF_HANDLE:
		return "NPF_MIPv6HA_E_INVALID_IF_HANDLE";
	case NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN:
		return "NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN";
	case NPF_MIPv6HA_E_INVALID_PARAM:
		return "NPF_MIPv6HA_E_INVALID_PARAM";
	case NPF_MIPv6HA_E_DUPLICATE_HOA:
		return "NPF_MIPv6HA_E_DUPLICATE_HOA";
	case NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE:
		return "NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE";
	case NPF_MIPv6HA_E_DUPLICATE_EVENT_ID:
		return "NPF_MIPv6HA_E_DUPLICATE_EVENT_ID";
	case NPF_MIPv6HA_E_INVALID_EVENT_ID:
		return "NPF_MIPv6HA_E_INVALID_EVENT_ID";
	default:
		return NULL;
	}
}

/* ---------------------------------------------------------------------------
 * Run-time checks.
 */
static int nc_failures;

#define NC_CHECK(cond)                                                                             \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
			nc_failures++;                                                             \
		}                                                                                  \
	} while (0)

/* Two spellings of one member designate the same object. */
#define NC_CHECK_SAME_OBJECT(obj, a, b)                                                            \
	NC_CHECK((const void *)&(obj).a == (const void *)&(obj).b &&                               \
		 sizeof((obj).a) == sizeof((obj).b))

static void nc_check_aliases(void)
{
	NPF_MIPv6HA_SubtunnelIdentifiers_t id;
	NPF_MIPv6HA_SubtunnelIdentifiersArray_t ida;
	NPF_MIPv6HA_BC_Entry_t bc;
	NPF_MIPv6HA_BC_EntryStats_t st;
	NPF_MIPv6HA_AsyncResponse_t r;
	NPF_MIPv6HA_ProxyND_DAD_t dad;
	NPF_MIPv6HA_BindingLifetimeExpired_t exp;
	NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t af;
	NPF_MIPv6HA_EventArray_t ea;
	NPF_MIPv6HA_EventLimit_t lim;

	NC_CHECK_SAME_OBJECT(id, subtunnelHandle, subunnelhandle);
	NC_CHECK_SAME_OBJECT(ida, subtunnelIdentifiersArray, subunnelidentifiersarray);
	NC_CHECK_SAME_OBJECT(bc, subtunnelHandle, subtunnelhandle);
	NC_CHECK_SAME_OBJECT(bc, lifetimeMode, lifetimemode);
	NC_CHECK_SAME_OBJECT(bc, bindingLifetime, bindinglifetime);
	NC_CHECK_SAME_OBJECT(bc, remainingBindingLifetime, remainingbindinglifetime);
	NC_CHECK_SAME_OBJECT(st, subtunnelHandle, subtunnelhandle);
	NC_CHECK_SAME_OBJECT(st, dropRxCnt, dropRxOctets);
	NC_CHECK_SAME_OBJECT(st, dropRXPkts, dropRxPkts);
	NC_CHECK_SAME_OBJECT(r, u1.ifHandle, u1.ifhandle);
	NC_CHECK_SAME_OBJECT(r, u2.proxyNDAddress, u2.proxyND_Address);
	NC_CHECK_SAME_OBJECT(r, u2.proxyNDEntry, u2.proxyND_Entry);
	NC_CHECK_SAME_OBJECT(r, u2.entryspaceRemaining, u2.entryspacerremaining);
	NC_CHECK_SAME_OBJECT(r, u2.eventType, u2.eventtype);
	NC_CHECK_SAME_OBJECT(dad, ucAddr, ucAddrs);
	NC_CHECK_SAME_OBJECT(dad, ucAddrState, ucAddrsState);
	NC_CHECK_SAME_OBJECT(exp, MipV6HA_tunnelInterfaceHandle, Mipv6HAinterfacehandle);
	NC_CHECK_SAME_OBJECT(af, subtunnelHandle, subtunnelhandle);
	NC_CHECK_SAME_OBJECT(ea, eventData, eventdata);
	NC_CHECK_SAME_OBJECT(lim, eventId, eventid);
	NC_CHECK_SAME_OBJECT(lim, u.numPerSec, u.nCount);
	/* distinct members stay distinct */
	NC_CHECK((const void *)&bc.HoA != (const void *)&bc.CoA);
	NC_CHECK((const void *)&st.dropRxOctets != (const void *)&st.dropRxPkts);
	NC_CHECK((const void *)&af.packetSrcAddr != (const void *)&af.packetDstAddr);
}

static void nc_check_values(void)
{
	static const NPF_MIPv6HA_ErrorType_t codes[] = {
	    NPF_MIPv6HA_E_OPTIONAL_FEATURE_NOT_SUPPORTED,
	    NPF_MIPv6HA_E_NOMEMORY,
	    NPF_MIPv6HA_E_INVALID_IF_HANDLE,
	    NPF_MIPv6HA_E_PROXYND_ADDR_UNKNOWN,
	    NPF_MIPv6HA_E_INVALID_PARAM,
	    NPF_MIPv6HA_E_DUPLICATE_HOA,
	    NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE,
	    NPF_MIPv6HA_E_DUPLICATE_EVENT_ID,
	    NPF_MIPv6HA_E_INVALID_EVENT_ID,
	};
	static const NPF_MIPv6HA_ErrorType_t body_codes[] = {
	    NPF_MIPV6HA_E_OPTIONAL_FEATURE_NOT_SUPPORTED,
	    NPF_MIPV6HA_E_NOMEMORY,
	    NPF_MIPV6HA_E_INVALID_IF_HANDLE,
	    NPF_MIPV6HA_E_PROXYND_ADDR_UNKNOWN,
	    NPF_MIPV6HA_E_INVALID_PARAM,
	    NPF_MIPV6HA_E_DUPLICATE_HOA,
	    NPF_MIPV6HA_E_INVALID_SUBTUNNEL_HANDLE,
	    NPF_MIPV6HA_E_DUPLICATE_EVENT_ID,
	    NPF_MIPV6HA_E_INVALID_EVENT_ID,
	};
	static const NPF_MIPv6HA_EventMask_t masks[] = {
	    NPF_MIPv6HA_PROXYND_DAD_CONCLUDED,
	    NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED_MASK,
	    NPF_MIPv6HA_BC_ENTRY_MISS_MASK,
	    NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK,
	};
	NPF_MIPv6HA_EventMask_t all = 0;
	NPF_IPv6Address_t a;
	unsigned int i, j;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		NC_CHECK(codes[i] == (NPF_MIPv6HA_ErrorType_t)(1600 + i + 1));
		NC_CHECK(body_codes[i] == codes[i]);
		NC_CHECK(codes[i] >= 1600 && codes[i] <= 1699);
		NC_CHECK(nc_error_name(codes[i]) != NULL);
		for (j = 0; j < i; j++)
			NC_CHECK(codes[i] != codes[j]);
	}
	NC_CHECK(NPF_MIPV6_E_NOMEMORY == NPF_MIPv6HA_E_NOMEMORY);
	NC_CHECK(nc_error_name(NPF_E_ALREADY_REGISTERED) != NULL);

	for (i = 0; i < 4; i++) {
		NPF_MIPv6HA_Event_t ev = (NPF_MIPv6HA_Event_t)(i + 1);

		NC_CHECK(masks[i] == (NPF_MIPv6HA_EventMask_t)1u << i);
		NC_CHECK(NPF_MIPv6HA_EVENT_MASK(ev) == masks[i]);
		NC_CHECK(nc_event_name(ev) != NULL);
		NC_CHECK((NPF_MIPv6HA_EVENT_ALL_ENABLE & masks[i]) == masks[i]);
		NC_CHECK((NPF_IPSEC_EVENT_ALL_DISABLE & masks[i]) == 0);
		NC_CHECK((all & masks[i]) == 0);
		all |= masks[i];
	}
	NC_CHECK(all == 0xFu);
	NC_CHECK((NPF_MIPv6HA_EventMask_t)NPF_MIPv6HA_EVENT_ALL_ENABLE == 0xFFFFFFFFu);
	NC_CHECK(NPF_MIPv6HA_EVENT_ALL_DISABLE == NPF_IPSEC_EVENT_ALL_DISABLE);
	NC_CHECK(NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED ==
		 NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED);

	for (i = 1; i <= 14; i++)
		NC_CHECK(nc_callback_type_name((NPF_MIPv6HA_CallbackType_t)i) != NULL);
	NC_CHECK(nc_small_enums_ok());

	NC_CHECK(sizeof(NPF_IPv6Address_t) == 16);
	NC_CHECK(sizeof(a.addr) == 16);
	NC_CHECK((const void *)&a == (const void *)a.addr);
}

/* A completion callback and an event handler with the seed's signatures,
 * called through the header's callback types as the implementation would. */
struct nc_seen {
	int completions;
	NPF_MIPv6HA_CallbackType_t type;
	NPF_boolean_t allOK;
	NPF_uint32_t numResp;
	NPF_IfHandle_t ifHandle;
	NPF_MIPv6HA_SubtunnelHandle_t handle;
	NPF_uint8_t hoa0;
	NPF_uint32_t pmtu;
	int events;
	NPF_MIPv6HA_EventMask_t event_bits;
	NPF_uint8_t repCount;
	const void *ctx;
	const void *corr;
};
static struct nc_seen nc_seen;

static void nc_completion(NPF_IN NPF_userContext_t userContext, NPF_IN NPF_correlator_t correlator,
			  NPF_IN NPF_MIPv6HA_CallbackData_t MIPv6HACallbackData)
{
	const NPF_MIPv6HA_AsyncResponse_t *r = MIPv6HACallbackData.resp;

	nc_seen.completions++;
	nc_seen.ctx = userContext;
	nc_seen.corr = correlator;
	nc_seen.type = MIPv6HACallbackData.type;
	nc_seen.allOK = MIPv6HACallbackData.allOK;
	nc_seen.numResp = MIPv6HACallbackData.numResp;
	if (MIPv6HACallbackData.numResp < 1 || r == NULL)
		return;
	nc_seen.ifHandle = r[0].u1.ifHandle;
	switch (MIPv6HACallbackData.type) {
	case NPF_MIPV6HA_BC_ENTRY_ADD:
	case NPF_MIPV6HA_BC_ENTRY_DELETE:
		nc_seen.handle = r[0].u2.subtunnelIdentifiers.subtunnelHandle;
		nc_seen.hoa0 = r[0].u2.subtunnelIdentifiers.HoA.addr[0];
		break;
	case NPF_MIPV6HA_BC_ENTRY_ATTR_GET:
		nc_seen.handle = r[0].u2.BCentry->subtunnelHandle;
		nc_seen.pmtu = r[0].u2.BCentry->PMTU;
		break;
	default:
		break;
	}
}

static void nc_event(NPF_IN NPF_userContext_t userContext,
		     NPF_IN NPF_MIPv6HA_EventArray_t eventArray)
{
	NPF_uint16_t i;

	nc_seen.ctx = userContext;
	for (i = 0; i < eventArray.n_data; i++) {
		const NPF_MIPv6HA_EventData_t *e = &eventArray.eventData[i];

		nc_seen.events++;
		nc_seen.event_bits |= NPF_MIPv6HA_EVENT_MASK(e->eventType);
		if (e->eventType == NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED)
			nc_seen.repCount = e->u.subtnlEndpAuthFail.repCount;
	}
}

static void nc_check_callbacks(void)
{
	NPF_MIPv6HA_CallbackFunc_t cb = nc_completion;
	NPF_MIPv6HA_EventCallFunc_t ev = nc_event;
	int ctx = 0, corr = 0;
	NPF_MIPv6HA_AsyncResponse_t resp[2];
	NPF_MIPv6HA_BC_Entry_t entry;
	NPF_MIPv6HA_CallbackData_t data;
	NPF_MIPv6HA_EventData_t evd[4];
	NPF_MIPv6HA_EventArray_t arr;

	memset(&nc_seen, 0, sizeof(nc_seen));
	memset(resp, 0, sizeof(resp));
	memset(&entry, 0, sizeof(entry));
	memset(&data, 0, sizeof(data));
	memset(evd, 0, sizeof(evd));
	memset(&arr, 0, sizeof(arr));

	/* A single successful BC_Entry_Add carries data: allOK=FALSE, numResp=1. */
	resp[0].errorCode = NPF_NO_ERROR;
	resp[0].u1.ifHandle = 7;
	resp[0].u2.subtunnelIdentifiers.subtunnelHandle = 0x10001;
	resp[0].u2.subtunnelIdentifiers.HoA.addr[0] = 0x20;
	data.type = NPF_MIPV6HA_BC_ENTRY_ADD;
	data.allOK = NPF_FALSE;
	data.numResp = 1;
	data.resp = resp;
	cb(&ctx, &corr, data);
	NC_CHECK(nc_seen.completions == 1);
	NC_CHECK(nc_seen.ctx == &ctx && nc_seen.corr == &corr);
	NC_CHECK(nc_seen.type == NPF_MIPv6HA_BC_ENTRY_ADD);
	NC_CHECK(nc_seen.allOK == NPF_FALSE && nc_seen.numResp == 1);
	NC_CHECK(nc_seen.ifHandle == 7);
	NC_CHECK(nc_seen.handle == 0x10001 && nc_seen.hoa0 == 0x20);
	NC_CHECK(nc_error_name(resp[0].errorCode) != NULL);

	/* ATTR_GET: u2.BCentry points to the entry (valid during the call). */
	entry.subtunnelHandle = 0x20002;
	entry.PMTU = 1400;
	entry.lifetimeMode = NPF_MIPv6HA_LIFETIME_ON;
	resp[1].errorCode = NPF_NO_ERROR;
	resp[1].u1.ifHandle = 7;
	resp[1].u2.BCentry = &entry;
	data.type = NPF_MIPV6HA_BC_ENTRY_ATTR_GET;
	data.resp = &resp[1];
	cb(&ctx, &corr, data);
	NC_CHECK(nc_seen.completions == 2);
	NC_CHECK(nc_seen.handle == 0x20002 && nc_seen.pmtu == 1400);

	/* A flush carries no data: allOK=TRUE, numResp=0, resp=NULL. */
	data.type = NPF_MIPV6HA_BC_PROXYND_FLUSH;
	data.allOK = NPF_TRUE;
	data.numResp = 0;
	data.resp = NULL;
	cb(&ctx, &corr, data);
	NC_CHECK(nc_seen.completions == 3 && nc_seen.type == NPF_MIPV6HA_PROXYND_FLUSH);
	NC_CHECK(nc_seen.allOK == NPF_TRUE && nc_seen.numResp == 0);

	/* One event of each type in one invocation. */
	evd[0].eventType = NPF_MIPv6HA_PROXYND_DAD;
	evd[0].u.proxyND_DAD.ucAddrState = NPF_IPv6_ADDR_VALID;
	evd[1].eventType = NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED;
	evd[1].u.bindingLftExp.subtunnelHandle = 0x10001;
	evd[2].eventType = NPF_MIPv6HA_BC_ENTRY_MISS;
	evd[2].u.BC_entryMiss.packetAddr.addr[15] = 1;
	evd[3].eventType = NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED;
	evd[3].u.subtnlEndpAuthFail.repCount = 255;
	arr.n_data = 4;
	arr.eventData = evd;
	ev(&ctx, arr);
	NC_CHECK(nc_seen.events == 4);
	NC_CHECK(nc_seen.event_bits ==
		 (NPF_MIPv6HA_EventMask_t)(NPF_MIPv6HA_PROXYND_DAD_CONCLUDED |
					   NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED_MASK |
					   NPF_MIPv6HA_BC_ENTRY_MISS_MASK |
					   NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED_MASK));
	NC_CHECK(nc_seen.repCount == 255);
	NC_CHECK(arr.eventdata == evd);
}

/* Runs every run-time check; returns the number of failures. */
static inline int api_names_run(void)
{
	nc_check_aliases();
	nc_check_values();
	nc_check_callbacks();
	return nc_failures;
}

#endif /* API_NAMES_H */
