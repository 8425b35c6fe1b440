/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * C++17 half of the api_names test: the public NPF MIPv6 HA header offers
 * every name of seed 003 Appendix A and of the body's other spellings, and
 * compiles cleanly with -std=c++17 -pedantic -Wall -Wextra -Werror. The shared
 * name list is api_names.h (where, in C++, type checks are exact:
 * std::is_same); this file adds what only C++ can check. Not linked against
 * the library.
 */
#include <type_traits>

#include "api_names.h"

static_assert(alignof(NPF_IPv6Address_t) == 1, "NPF_IPv6Address_t is byte aligned");

/* Spelling macros expand to the enumerator itself, so they keep its type. */
#define CXX_ENUMERATOR(e, T) static_assert(std::is_same<decltype(e), T>::value, #e " is a " #T)
CXX_ENUMERATOR(NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED, NPF_MIPv6HA_Event_t);
CXX_ENUMERATOR(NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED, NPF_MIPv6HA_Event_t);
CXX_ENUMERATOR(NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED, NPF_MIPv6HA_Event_t);
CXX_ENUMERATOR(NPF_MIPv6HA_BC_ENTRY_MISS, NPF_MIPv6HA_Event_t);
CXX_ENUMERATOR(NPF_MIPv6HA_PROXYND_DAD, NPF_MIPv6HA_Event_t);
CXX_ENUMERATOR(NPF_MIPv6HA_BC_ENTRY_ADD, NPF_MIPv6HA_CallbackType_t);
CXX_ENUMERATOR(NPF_MIPV6HA_ProxyND_ADDR_ADD, NPF_MIPv6HA_CallbackType_t);
CXX_ENUMERATOR(NPF_MIPV6HA_BC_ProxyND_ADDR_DELETE, NPF_MIPv6HA_CallbackType_t);
CXX_ENUMERATOR(NPF_MIPV6HA_BC_PROXYND_FLUSH, NPF_MIPv6HA_CallbackType_t);
CXX_ENUMERATOR(NPF_MIPV6HA_NDPROXY_TABLE_SPACE_GET, NPF_MIPv6HA_CallbackType_t);
CXX_ENUMERATOR(NPF_MIPv6HA_RATE_LIMIT_EVENT, NPF_MIPv6HA_CallbackType_t);
CXX_ENUMERATOR(NPF_MIPv6HA_RATE_LIMIT_EVENTS, NPF_MIPv6HA_CallbackType_t);
CXX_ENUMERATOR(NPF_MIPv6HA_LIFETIME_ON, NPF_MIPv6HA_LifetimeMode_t);
CXX_ENUMERATOR(NPF_IPv6_ADDR_PROBING, NPF_IPv6AddrState_t);
CXX_ENUMERATOR(NPF_MIPv6HA_EVENT_LIMIT_COUNT, NPF_MIPv6HA_EventLimitType_t);
CXX_ENUMERATOR(NPF_REPORT_ALL, NPF_errorReporting_t);

/* Codes carry the seed's types. */
CXX_ENUMERATOR(NPF_MIPv6HA_E_NOMEMORY, NPF_MIPv6HA_ErrorType_t);
CXX_ENUMERATOR(NPF_MIPV6HA_E_INVALID_PARAM, NPF_MIPv6HA_ErrorType_t);
CXX_ENUMERATOR(NPF_E_UNKNOWN, NPF_error_t);
CXX_ENUMERATOR(NPF_E_ALREADY_REGISTERED, NPF_error_t);
CXX_ENUMERATOR(NPF_TRUE, NPF_boolean_t);
CXX_ENUMERATOR(NPF_MIPv6HA_EVENT_MASK(NPF_MIPv6HA_BC_ENTRY_MISS), NPF_MIPv6HA_EventMask_t);

/* The enumerations are plain C enums (not scoped), and every structure is a
 * C-compatible aggregate that can be passed by value and copied bytewise. */
static_assert(!std::is_convertible<int, NPF_MIPv6HA_Event_t>::value, "enum, not int");
static_assert(std::is_convertible<NPF_MIPv6HA_Event_t, unsigned>::value, "unscoped enum");
#define CXX_C_STRUCT(T)                                                                            \
	static_assert(std::is_standard_layout<T>::value && std::is_trivial<T>::value,              \
		      #T " is a C-compatible aggregate")
CXX_C_STRUCT(NPF_IPv6Address_t);
CXX_C_STRUCT(NPF_MIPv6HA_SubtunnelIdentifiers_t);
CXX_C_STRUCT(NPF_MIPv6HA_SubtunnelIdentifiersArray_t);
CXX_C_STRUCT(NPF_MIPv6HA_BC_Entry_t);
CXX_C_STRUCT(NPF_MIPv6HA_BC_EntryStats_t);
CXX_C_STRUCT(NPF_MIPv6HA_ProxyND_Entry_t);
CXX_C_STRUCT(NPF_IPv6AddressArray_t);
CXX_C_STRUCT(NPF_MIPv6HA_AsyncResponse_t);
CXX_C_STRUCT(NPF_MIPv6HA_CallbackData_t);
CXX_C_STRUCT(NPF_MIPv6HA_ProxyND_DAD_t);
CXX_C_STRUCT(NPF_MIPv6HA_BindingLifetimeExpired_t);
CXX_C_STRUCT(NPF_MIPv6HA_BC_EntryMiss_t);
CXX_C_STRUCT(NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t);
CXX_C_STRUCT(NPF_MIPv6HA_EventData_t);
CXX_C_STRUCT(NPF_MIPv6HA_EventArray_t);
CXX_C_STRUCT(NPF_MIPv6HA_EventLimit_t);

/* A BC entry written with the Appendix A member names keeps its values when
 * copied by value, as a completion's data is (anonymous unions are standard
 * C++; the two spellings are one object, checked in api_names.h). */
static void cxx_check_member_access()
{
	NPF_MIPv6HA_BC_Entry_t e = {};

	e.subtunnelhandle = 5;
	e.HoA.addr[0] = 0x20;
	e.CoA.addr[0] = 0x20;
	e.CoA.addr[15] = 0x01;
	e.lifetimemode = NPF_MIPv6HA_LIFETIME_ON;
	e.bindinglifetime = 60;

	const NPF_MIPv6HA_BC_Entry_t copy = e;

	NC_CHECK(copy.subtunnelhandle == 5 && copy.lifetimemode == NPF_MIPv6HA_LIFETIME_ON);
	NC_CHECK(copy.bindinglifetime == 60 && copy.remainingbindinglifetime == 0);
	NC_CHECK(memcmp(&copy, &e, sizeof(e)) == 0);
	NC_CHECK_SAME_OBJECT(copy, subtunnelHandle, subtunnelhandle);
}

int main()
{
	int failures;

	cxx_check_member_access();
	failures = api_names_run();
	if (failures != 0) {
		fprintf(stderr, "api-names-cxx: %d check(s) failed\n", failures);
		return 1;
	}
	printf("api-names-cxx: ok\n");
	return 0;
}
