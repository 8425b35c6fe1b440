/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file npf.h
 * NPF software-conventions types and codes used by the NPF MIPv6 HA Service
 * API (seed 003 §2.3 names "NPF Software API Conventions, rev. 2" for these;
 * that document is not part of this project, so the definitions below are
 * this project's, chosen to be binary-stable and documented in
 * doc/npf-conformance.md).
 */
#ifndef NPF_H
#define NPF_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks an input parameter of an NPF function (documentation only). */
#define NPF_IN
/** Marks an output parameter of an NPF function (documentation only). */
#define NPF_OUT
/** Marks an input/output parameter of an NPF function (documentation only). */
#define NPF_INOUT

typedef uint8_t NPF_uint8_t;   /**< unsigned 8-bit integer */
typedef uint16_t NPF_uint16_t; /**< unsigned 16-bit integer */
typedef uint32_t NPF_uint32_t; /**< unsigned 32-bit integer */
typedef uint64_t NPF_uint64_t; /**< unsigned 64-bit integer */
typedef int8_t NPF_int8_t;     /**< signed 8-bit integer */
typedef int16_t NPF_int16_t;   /**< signed 16-bit integer */
typedef int32_t NPF_int32_t;   /**< signed 32-bit integer */
typedef int64_t NPF_int64_t;   /**< signed 64-bit integer */

/** Boolean of the NPF conventions: NPF_FALSE (0) or NPF_TRUE (1). */
typedef NPF_uint32_t NPF_boolean_t;
#define NPF_FALSE ((NPF_boolean_t)0) /**< false */
#define NPF_TRUE ((NPF_boolean_t)1)  /**< true */

/**
 * Status returned synchronously by every NPF function, and carried in
 * asynchronous responses. 0 is success; 1..99 are the conventions' generic
 * codes below; each Service API reserves a range of 100 above its own base
 * (the MIPv6 HA API's is NPF_MIPv6HA_BASE_ERR in npf_mipv6.h).
 */
typedef NPF_uint32_t NPF_error_t;

#define NPF_NO_ERROR ((NPF_error_t)0) /**< success / operation in progress */
/** Failure with no more specific code; also: unusable input parameters. */
#define NPF_E_UNKNOWN ((NPF_error_t)1)
/** The callback (or event handler) handle is not registered. */
#define NPF_E_BAD_CALLBACK_HANDLE ((NPF_error_t)2)
/** The callback (or event handler) function pointer is NULL. */
#define NPF_E_BAD_CALLBACK_FUNCTION ((NPF_error_t)3)
/** The (userContext, function) pair is already registered. */
#define NPF_E_CALLBACK_ALREADY_REGISTERED ((NPF_error_t)4)
/** The seed spells NPF_E_CALLBACK_ALREADY_REGISTERED this way too (§5.2.2). */
#define NPF_E_ALREADY_REGISTERED NPF_E_CALLBACK_ALREADY_REGISTERED
/** The function is not supported by the implementation. */
#define NPF_E_FUNCTION_NOT_SUPPORTED ((NPF_error_t)5)
/** The resource (e.g. an interface) is still in use. */
#define NPF_E_RESOURCE_IN_USE ((NPF_error_t)6)

/** Handle of a logical interface (Interface Management API). 0 is never valid. */
typedef NPF_uint32_t NPF_IfHandle_t;
/** Null interface handle. */
#define NPF_IF_HANDLE_NULL ((NPF_IfHandle_t)0)

/** An IPv6 address, network byte order, 16 bytes, byte aligned. */
typedef struct NPF_IPv6Address {
	NPF_uint8_t addr[16]; /**< the address, most significant byte first */
} NPF_IPv6Address_t;

/** Opaque application context handed back to callbacks. */
typedef void *NPF_userContext_t;
/** Opaque per-call application value handed back in the completion. */
typedef void *NPF_correlator_t;
/** Handle of a registered (userContext, callback) pair. 0 is never valid. */
typedef NPF_uint32_t NPF_callbackHandle_t;

/**
 * How much feedback an asynchronous call gives through its completion
 * callback:
 *  - NPF_REPORT_NONE:   the callback is never invoked for this call, not even
 *                       on failure (fire and forget);
 *  - NPF_REPORT_ERRORS: only failed operations are reported; a call whose
 *                       operations all succeed produces no invocation, and
 *                       successful responses are left out of partial ones;
 *  - NPF_REPORT_ALL:    every operation is reported as seed 003 §4.2.2 says.
 * Any other value is rejected synchronously with NPF_E_UNKNOWN.
 */
typedef enum {
	NPF_REPORT_NONE = 0,
	NPF_REPORT_ERRORS = 1,
	NPF_REPORT_ALL = 2
} NPF_errorReporting_t;

#ifdef __cplusplus
}
#endif

#endif /* NPF_H */
