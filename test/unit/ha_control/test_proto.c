/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mip6_proto.h compiles next to glibc's <netinet/ip6.h> and <netinet/icmp6.h>
 * (included first, as an application would) and its layouts are the wire's
 * (RFC 6275 §6; RFC 4584 §4 names).
 */
#include <netinet/in.h>
#include <netinet/ip6.h>
#include <netinet/icmp6.h>
#include <stddef.h>
#include <stdio.h>

#include "mip6_proto.h"

#define CHECK(c)                                                                                   \
	do {                                                                                       \
		if (!(c)) {                                                                        \
			fprintf(stderr, "FAIL: %s\n", #c);                                         \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

int main(void)
{
	CHECK(offsetof(struct ip6_mh_binding_update, ip6mhbu_seqno) == 6);
	CHECK(offsetof(struct ip6_mh_binding_update, ip6mhbu_flags) == 8);
	CHECK(offsetof(struct ip6_mh_binding_update, ip6mhbu_lifetime) == 10);
	CHECK(offsetof(struct ip6_mh_binding_ack, ip6mhba_status) == 6);
	CHECK(offsetof(struct ip6_mh_binding_ack, ip6mhba_seqno) == 8);
	CHECK(offsetof(struct ip6_mh_binding_ack, ip6mhba_lifetime) == 10);
	CHECK(offsetof(struct ip6_mh_binding_error, ip6mhbe_homeaddr) == 8);
	CHECK(offsetof(struct ip6_rthdr2, ip6r2_homeaddr) == 8);
	CHECK(offsetof(struct ip6_opt_home_address, ip6oha_addr) == 2);
	CHECK(offsetof(struct nd_opt_homeagent_info, nd_opt_hai_preference) == 4);
	CHECK(offsetof(struct nd_opt_homeagent_info, nd_opt_hai_lifetime) == 6);
	/* flag words: A is the top bit of octet 8 once read with ntohs */
	CHECK(IP6_MH_BU_ACK == 0x8000 && IP6_MH_BU_HOME == 0x4000 && IP6_MH_BU_LLOCAL == 0x2000 &&
	      IP6_MH_BU_KEYM == 0x1000);
	CHECK(ND_RA_FLAG_HOMEAGENT == ND_RA_FLAG_HOME_AGENT);
	CHECK(ND_OPT_PI_FLAG_ROUTER == ND_OPT_PI_FLAG_RADDR);
	CHECK(ND_OPT_ADV_INTERVAL == ND_OPT_RTR_ADV_INTERVAL);
	CHECK(ND_OPT_HA_INFORMATION == ND_OPT_HOME_AGENT_INFO);
	CHECK(IPPROTO_MH == 135 && IP6OPT_HOME_ADDRESS == 0xc9);
	CHECK(IP6_MH_BAS_SEQNO_BAD == 135 && IP6_MH_BAS_REG_NOT_ALLOWED == 139);
	struct mip6_dhaad_req r = {0};
	r.mip6_dhreq_type = MIP6_HA_DISCOVERY_REQUEST;
	CHECK(((const unsigned char *)&r)[0] == 144);
	return 0;
}
