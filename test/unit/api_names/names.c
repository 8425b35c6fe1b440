/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * C11 half of the api_names test: the public NPF MIPv6 HA header offers every
 * name of seed 003 Appendix A and of the body's other spellings, with the
 * seed's types and values, and compiles cleanly with -std=c11 -pedantic
 * -Wall -Wextra -Werror. The shared name list is api_names.h; this file adds
 * what only C can check. Not linked against the library.
 */
#include <stdalign.h>

#include "api_names.h"

static_assert(alignof(NPF_IPv6Address_t) == 1, "NPF_IPv6Address_t is byte aligned");

/* In C the members of an anonymous union may be read under another name than
 * the one last written (C11 6.5.2.3 note 95): the two seed spellings of a
 * member really are one object. */
static void c_check_union_spellings(void)
{
	NPF_MIPv6HA_SubtunnelIdentifiers_t id;
	NPF_MIPv6HA_BC_Entry_t bc;
	NPF_MIPv6HA_BC_EntryStats_t st;
	NPF_MIPv6HA_AsyncResponse_t r;
	NPF_MIPv6HA_ProxyND_DAD_t dad;
	NPF_MIPv6HA_BindingLifetimeExpired_t exp;
	NPF_MIPv6HA_SubtunnelEndpointAuthFailed_t af;
	NPF_MIPv6HA_EventLimit_t lim;

	memset(&r, 0, sizeof(r));

	/* Appendix A spelling written, body spelling read. */
	id.subunnelhandle = 11;
	NC_CHECK(id.subtunnelHandle == 11);
	bc.subtunnelhandle = 12;
	bc.lifetimemode = NPF_MIPv6HA_LIFETIME_OFF;
	bc.bindinglifetime = 300;
	bc.remainingbindinglifetime = 299;
	NC_CHECK(bc.subtunnelHandle == 12 && bc.lifetimeMode == NPF_MIPv6HA_LIFETIME_OFF);
	NC_CHECK(bc.bindingLifetime == 300 && bc.remainingBindingLifetime == 299);
	st.subtunnelhandle = 13;
	st.dropRxOctets = 1000;
	st.dropRxPkts = 10;
	NC_CHECK(st.subtunnelHandle == 13 && st.dropRxCnt == 1000 && st.dropRXPkts == 10);
	r.u1.ifhandle = 14;
	r.u2.proxyND_Address.addr[15] = 0x42;
	NC_CHECK(r.u1.ifHandle == 14 && r.u2.proxyNDAddress.addr[15] == 0x42);
	NC_CHECK(r.u2.proxyNDEntry.Addr.addr[15] == 0x42); /* u2 members share storage */
	r.u2.entryspacerremaining = 15;
	NC_CHECK(r.u2.entryspaceRemaining == 15);
	r.u2.eventtype = NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED;
	NC_CHECK(r.u2.eventType == NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED);

	/* Body spelling written, Appendix A spelling read. */
	dad.ucAddr.addr[0] = 0xfe;
	dad.ucAddrState = NPF_IPv6_ADDR_INVALID;
	NC_CHECK(dad.ucAddrs.addr[0] == 0xfe && dad.ucAddrsState == NPF_IPv6_ADDR_INVALID);
	exp.MipV6HA_tunnelInterfaceHandle = 16;
	NC_CHECK(exp.Mipv6HAinterfacehandle == 16);
	af.subtunnelHandle = 17;
	NC_CHECK(af.subtunnelhandle == 17);
	lim.eventId = NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED;
	lim.u.numPerSec = 18;
	NC_CHECK(lim.eventid == NPF_MIPv6HA_TUNNEL_ENDPOINT_AUTH_FAILED && lim.u.nCount == 18);
}

int main(void)
{
	int failures;

	c_check_union_spellings();
	failures = api_names_run();
	if (failures != 0) {
		fprintf(stderr, "api-names-c: %d check(s) failed\n", failures);
		return 1;
	}
	printf("api-names-c: ok\n");
	return 0;
}
