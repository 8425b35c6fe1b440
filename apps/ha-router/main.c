/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ha-router: the home agent daemon. At this stage it brings up DPDK's EAL and
 * the forwarding plane's tables, creates the home link and HA tunnel
 * interfaces of the standard topology, and runs the control thread's
 * dispatch loop (epoll on the API's eventfd). With --demo it walks a mobile
 * node through registration, a move and de-registration through the NPF API
 * and prints what the forwarding plane holds at each step.
 *
 * Usage: ha-router [EAL options] -- [--demo]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>

#include "npf_mipv6_if.h"
#include "npf_mipv6ha_runtime.h"

static volatile sig_atomic_t stop;
static NPF_IfHandle_t homelink, tunnel;
static NPF_callbackHandle_t cbh, evh;

/* What the demo waits for. */
static struct {
	bool dad_valid;
	bool dad_done;
	NPF_MIPv6HA_SubtunnelHandle_t handle;
	int completions;
} demo;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void addr(const char *s, NPF_IPv6Address_t *a)
{
	if (inet_pton(AF_INET6, s, a->addr) != 1) {
		fprintf(stderr, "bad address %s\n", s);
		exit(2);
	}
}

static const char *fmt(const NPF_IPv6Address_t *a, char *buf)
{
	return inet_ntop(AF_INET6, a->addr, buf, INET6_ADDRSTRLEN);
}

static void on_completion(NPF_userContext_t ctx, NPF_correlator_t corr,
			  NPF_MIPv6HA_CallbackData_t d)
{
	char b1[INET6_ADDRSTRLEN], b2[INET6_ADDRSTRLEN];

	(void)ctx;
	demo.completions++;
	printf("  completion %-28s type=%d allOK=%s numResp=%u\n", (const char *)corr, d.type,
	       d.allOK ? "TRUE" : "FALSE", d.numResp);
	for (uint32_t i = 0; i < d.numResp; i++) {
		const NPF_MIPv6HA_AsyncResponse_t *r = &d.resp[i];

		if (r->errorCode != NPF_NO_ERROR) {
			printf("    response %u: error %u\n", i, r->errorCode);
			continue;
		}
		switch (d.type) {
		case NPF_MIPV6HA_BC_ENTRY_ADD:
			demo.handle = r->u2.subtunnelIdentifiers.subtunnelHandle;
			/* fallthrough */
		case NPF_MIPV6HA_BC_ENTRY_DELETE:
			printf("    sub-tunnel 0x%08x HoA %s\n",
			       r->u2.subtunnelIdentifiers.subtunnelHandle,
			       fmt(&r->u2.subtunnelIdentifiers.HoA, b1));
			break;
		case NPF_MIPV6HA_BC_ENTRY_ATTR_GET:
			printf("    binding 0x%08x HoA %s CoA %s PMTU %u lifetime %u/%u s\n",
			       r->u2.BCentry->subtunnelHandle, fmt(&r->u2.BCentry->HoA, b1),
			       fmt(&r->u2.BCentry->CoA, b2), r->u2.BCentry->PMTU,
			       r->u2.BCentry->remainingBindingLifetime,
			       r->u2.BCentry->bindingLifetime);
			break;
		case NPF_MIPV6HA_BC_TABLE_SPACE_GET:
			printf("    binding cache room: %u entries\n", r->u2.entryspaceRemaining);
			break;
		case NPF_MIPV6HA_BC_GET_ALL:
			printf("    %u binding(s) on the tunnel interface\n",
			       r->u2.subtunnelIdentifiersArray->nCount);
			break;
		default:
			break;
		}
	}
}

static void on_events(NPF_userContext_t ctx, NPF_MIPv6HA_EventArray_t a)
{
	char b[INET6_ADDRSTRLEN];

	(void)ctx;
	for (unsigned int i = 0; i < a.n_data; i++) {
		const NPF_MIPv6HA_EventData_t *e = &a.eventData[i];

		switch (e->eventType) {
		case NPF_MIPv6HA_PROXYND_DAD:
			printf("  event: DAD for %s concluded: %s\n",
			       fmt(&e->u.proxyND_DAD.ucAddr, b),
			       e->u.proxyND_DAD.ucAddrState == NPF_IPv6_ADDR_VALID ? "VALID"
										   : "INVALID");
			demo.dad_done = true;
			demo.dad_valid = e->u.proxyND_DAD.ucAddrState == NPF_IPv6_ADDR_VALID;
			break;
		case NPF_MIPv6HA_BINDING_LIFETIME_EXPIRED:
			printf("  event: binding of %s expired\n", fmt(&e->u.bindingLftExp.HoA, b));
			break;
		case NPF_MIPv6HA_BC_ENTRY_MISS:
			printf("  event: no binding for %s\n",
			       fmt(&e->u.BC_entryMiss.packetAddr, b));
			break;
		case NPF_MIPv6HA_SUBTUNNEL_ENDPOINT_AUTH_FAILED:
			printf("  event: reverse-tunnel check failed for %s (x%u)\n",
			       fmt(&e->u.subtnlEndpAuthFail.HoA, b),
			       e->u.subtnlEndpAuthFail.repCount);
			break;
		}
	}
}

/* Standard test topology of the architecture document (home link). */
static int create_interfaces(void)
{
	NPF_MIPv6HA_IF_HomeLinkConfig_t hc;
	NPF_MIPv6HA_IF_TunnelConfig_t tc;
	NPF_error_t err;

	memset(&hc, 0, sizeof(hc));
	hc.mtu = 1500;
	memcpy(hc.macAddr, "\x02\x00\x00\x00\x01\x01", 6);
	addr("fe80::1", &hc.linkLocal);
	hc.nHaAddrs = 1;
	addr("2001:db8:1::1", &hc.haAddrs[0]);
	hc.nPrefixes = 1;
	addr("2001:db8:1::", &hc.prefixes[0].prefix);
	hc.prefixes[0].prefixLen = 64;
	hc.prefixes[0].validLifetime = 86400;
	hc.prefixes[0].preferredLifetime = 14400;
	hc.dadTransmits = 1;
	err = NPF_MIPv6HA_IF_HomeLinkCreate(&hc, &homelink);
	if (err != NPF_NO_ERROR)
		return -(int)err;
	memset(&tc, 0, sizeof(tc));
	tc.homeLink = homelink;
	tc.haAddr = hc.haAddrs[0];
	tc.hopLimit = 64;
	tc.mtu = 1460;
	tc.pmtuMode = NPF_MIPV6HA_IF_PMTU_ON;
	tc.encapLimit = -1;
	err = NPF_MIPv6HA_IF_TunnelCreate(&tc, &tunnel);
	return err == NPF_NO_ERROR ? 0 : -(int)err;
}

/* Run the dispatch loop until @p done is true, a signal, or @p ms elapse. */
static void run_until(const bool *done, uint32_t ms)
{
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = {.events = EPOLLIN};
	uint64_t end = npf_mipv6ha_now_ms() + ms;

	epoll_ctl(ep, EPOLL_CTL_ADD, npf_mipv6ha_event_fd(), &ev);
	while (!stop && (done == NULL || !*done) && (ms == 0 || npf_mipv6ha_now_ms() < end)) {
		uint32_t t = npf_mipv6ha_next_timeout_ms();

		epoll_wait(ep, &ev, 1, (int)(t > 200 ? 200 : t));
		npf_mipv6ha_dispatch(0);
	}
	close(ep);
}

static int demo_walkthrough(void)
{
	NPF_MIPv6HA_BC_Entry_t e;
	NPF_IPv6Address_t hoa;
	NPF_MIPv6HA_SubtunnelHandle_t h;
	const bool yes = true;

	memset(&e, 0, sizeof(e));
	addr("2001:db8:1::100", &hoa);
	printf("\n[1] mobile node 2001:db8:1::100 registers from 2001:db8:2::100:"
	       " proxy ND and DAD for its HoA\n");
	NPF_MIPv6HA_ProxyND_AddressAdd(cbh, "ProxyND_AddressAdd", NPF_REPORT_ALL, homelink, 1,
				       &hoa);
	run_until(&demo.dad_done, 5000);
	if (!demo.dad_valid) {
		printf("DAD did not succeed\n");
		return 1;
	}
	printf("\n[2] DAD succeeded: install the binding (lifetime 420 s)\n");
	e.HoA = hoa;
	addr("2001:db8:2::100", &e.CoA);
	e.lifetimeMode = NPF_MIPv6HA_LIFETIME_ON;
	e.bindingLifetime = 420;
	NPF_MIPv6HA_BC_Entry_Add(cbh, "BC_Entry_Add", NPF_REPORT_ALL, tunnel, 1, &e);
	run_until(&yes, 0);
	npf_mipv6ha_dispatch(0);
	h = demo.handle;
	NPF_MIPv6HA_BC_EntryAttrGet(cbh, "BC_EntryAttrGet", NPF_REPORT_ALL, tunnel, 1, &h);
	NPF_MIPv6HA_BC_TableSpaceGet(cbh, "BC_TableSpaceGet", NPF_REPORT_ALL, tunnel);
	npf_mipv6ha_dispatch(0);

	printf("\n[3] the mobile node moves to 2001:db8:2::200: the binding is replaced,"
	       " same sub-tunnel handle\n");
	addr("2001:db8:2::200", &e.CoA);
	NPF_MIPv6HA_BC_Entry_Add(cbh, "BC_Entry_Add", NPF_REPORT_ALL, tunnel, 1, &e);
	npf_mipv6ha_dispatch(0);
	NPF_MIPv6HA_BC_EntryAttrGet(cbh, "BC_EntryAttrGet", NPF_REPORT_ALL, tunnel, 1, &h);
	npf_mipv6ha_dispatch(0);

	printf("\n[4] the mobile node returns home: binding and proxy removed\n");
	NPF_MIPv6HA_BC_Entry_Delete(cbh, "BC_Entry_Delete", NPF_REPORT_ALL, tunnel, 1, &h);
	NPF_MIPv6HA_ProxyND_AddressDelete(cbh, "ProxyND_AddressDelete", NPF_REPORT_ALL, homelink, 1,
					  &hoa);
	NPF_MIPv6HA_BC_GetAll(cbh, "BC_GetAll", NPF_REPORT_ALL, tunnel);
	npf_mipv6ha_dispatch(0);
	return 0;
}

int main(int argc, char **argv)
{
	bool do_demo = false;
	int n, ret = 0;

	n = rte_eal_init(argc, argv);
	if (n < 0) {
		fprintf(stderr, "ha-router: EAL initialisation failed: %s\n",
			rte_strerror(rte_errno));
		return 1;
	}
	for (int i = n + 1; i < argc; i++) {
		if (strcmp(argv[i], "--demo") == 0) {
			do_demo = true;
		} else {
			fprintf(stderr, "usage: ha-router [EAL options] -- [--demo]\n");
			rte_eal_cleanup();
			return 2;
		}
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (npf_mipv6ha_init(NULL) != 0 || create_interfaces() != 0 ||
	    NPF_MIPv6HA_Register(NULL, on_completion, &cbh) != NPF_NO_ERROR ||
	    NPF_MIPv6HA_EventRegister(NULL, on_events, NPF_MIPv6HA_EVENT_ALL_ENABLE, &evh) !=
		NPF_NO_ERROR) {
		fprintf(stderr, "ha-router: start-up failed\n");
		ret = 1;
	} else if (do_demo) {
		printf("ha-router: home link 2001:db8:1::/64, HA 2001:db8:1::1, tunnel interface"
		       " 0x%08x\n",
		       tunnel);
		ret = demo_walkthrough();
	} else {
		printf("ha-router: running; SIGINT or SIGTERM to stop\n");
		run_until(NULL, 0);
	}
	npf_mipv6ha_fini();
	rte_eal_cleanup();
	return ret;
}
