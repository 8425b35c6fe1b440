/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ha-router: the Mobile IPv6 home agent daemon.
 *
 *   ha-router [EAL options] -- [--config FILE] [--check]
 *
 * Brings up the EAL, loads and validates the YANG configuration (the
 * embedded default, the standard test topology, without --config), starts
 * the ports and one worker loop per EAL worker lcore, applies the
 * configuration through the NPF API, and runs the control thread: the
 * signalling control plane (cp/ha_control), the API's completions and
 * events, punted packets, timers and the telemetry commands.
 *
 * SIGINT/SIGTERM: bindings flushed through the API, workers and ports
 * stopped, everything freed. SIGHUP (or /ha/reload): the configuration file
 * is read again and applied as a diff; an invalid one changes nothing.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>

#include "apply.h"
#include "config.h"
#include "cp_glue.h"
#include "dataplane.h"
#include "ha_control.h"
#include "ips.h"
#include "npf_mipv6ha_runtime.h"
#include "ops.h"

static int har_logtype;
#define LOG(level, fmt, ...)                                                                       \
	rte_log(RTE_LOG_##level, har_logtype, "ha-router: " fmt "\n", ##__VA_ARGS__)

static struct {
	const char *config_path;
	struct har_dp dp;
	struct har_state st;
	struct har_glue glue;
} d;

/* The control plane's packets leave through the forwarding plane's inject
 * path (routed, or on the named port for link-scoped destinations). */
static int cp_tx(void *arg, uint16_t port, const uint8_t *ip6, uint32_t len)
{
	(void)arg;
	return npf_mipv6ha_inject(port == HAC_PORT_ROUTE ? NPF_MIPV6HA_PORT_ROUTE : port, ip6, len);
}

/* Parse and validate, then check what only the running system knows (the
 * crypto device's algorithms). */
static int load(const char *path, struct hacfg **cfg, char *err, size_t errlen)
{
	int ret;

	if (path != NULL)
		ret = hacfg_load_file(path, cfg, err, errlen);
	else
		ret = hacfg_load_string(hacfg_default_json(), HACFG_FMT_JSON, cfg, err, errlen);
	if (ret == 0 && (ret = har_ipsec_check(*cfg, err, errlen)) != 0) {
		hacfg_free(*cfg);
		*cfg = NULL;
	}
	return ret;
}

static int reload(void *arg, char *err, size_t errlen)
{
	struct hacfg *next = NULL;
	int ret;

	(void)arg;
	ret = load(d.config_path, &next, err, errlen);
	if (ret == 0) {
		ret = har_reload(&d.st, next, err, errlen);
		if (ret != 0)
			hacfg_free(next);
	}
	if (ret == 0)
		LOG(NOTICE, "configuration reloaded");
	else
		LOG(ERR, "reload refused, running configuration unchanged: %s", err);
	return ret;
}

static void control_loop(int sfd)
{
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = {.events = EPOLLIN};
	bool stop = false;

	ev.data.fd = sfd;
	epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &ev);
	ev.data.fd = npf_mipv6ha_event_fd();
	epoll_ctl(ep, EPOLL_CTL_ADD, ev.data.fd, &ev);
	ev.data.fd = har_ops_fd();
	epoll_ctl(ep, EPOLL_CTL_ADD, ev.data.fd, &ev);
	while (!stop) {
		struct epoll_event evs[4];
		/* Punted packets are not signalled: look at the ring at least
		 * every millisecond. */
		int timeout = (int)RTE_MIN(
		    RTE_MIN(npf_mipv6ha_next_timeout_ms(), hac_next_timeout_ms(d.st.cp)), 1u);
		int n = epoll_wait(ep, evs, 4, timeout);

		for (int i = 0; i < n; i++) {
			if (evs[i].data.fd == sfd) {
				struct signalfd_siginfo si;

				if (read(sfd, &si, sizeof(si)) != sizeof(si))
					continue;
				if (si.ssi_signo == SIGHUP) {
					char err[512];

					reload(NULL, err, sizeof(err));
				} else {
					LOG(NOTICE, "signal %u: shutting down", si.ssi_signo);
					stop = true;
				}
			} else if (evs[i].data.fd == har_ops_fd()) {
				har_ops_serve();
			}
		}
		npf_mipv6ha_dispatch(0);
		hac_service(d.st.cp);
	}
	close(ep);
}

static int usage(void)
{
	fprintf(stderr, "usage: ha-router [EAL options] -- [--config FILE] [--check]\n"
			"  --config FILE  YANG configuration (JSON, or XML by extension);\n"
			"                 default: the embedded standard test topology\n"
			"  --check        validate the configuration and exit\n");
	return 2;
}

int main(int argc, char **argv)
{
	char err[512];
	struct hacfg *cfg = NULL;
	struct hac_config cc;
	bool check = false;
	sigset_t ss;
	int n, sfd, ret;

	/* Signals are read from a signalfd on the control thread: block them
	 * before the EAL creates its threads, which inherit the mask. */
	sigemptyset(&ss);
	sigaddset(&ss, SIGINT);
	sigaddset(&ss, SIGTERM);
	sigaddset(&ss, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &ss, NULL);
	n = rte_eal_init(argc, argv);
	if (n < 0) {
		fprintf(stderr, "ha-router: EAL initialisation failed: %s\n",
			rte_strerror(rte_errno));
		return 1;
	}
	har_logtype = rte_log_register_type_and_pick_level("ha_router", RTE_LOG_NOTICE);
	ret = ips_init(NULL);
	if (ret != 0)
		LOG(WARNING, "IPsec unavailable (%s): a configuration with SAs is refused",
		    strerror(-ret));
	for (int i = n + 1; i < argc; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			d.config_path = argv[++i];
		else if (strcmp(argv[i], "--check") == 0)
			check = true;
		else
			return usage();
	}
	ret = load(d.config_path, &cfg, err, sizeof(err));
	if (ret != 0) {
		fprintf(stderr, "ha-router: invalid configuration: %s\n", err);
		ips_fini();
		rte_eal_cleanup();
		return 2;
	}
	if (check) {
		printf("ha-router: configuration is valid\n");
		hacfg_free(cfg);
		ips_fini();
		rte_eal_cleanup();
		return 0;
	}
	sfd = signalfd(-1, &ss, SFD_CLOEXEC);

	uint32_t cap = cfg->policy.max_bindings < 1024 ? 1024 : cfg->policy.max_bindings;
	ret = npf_mipv6ha_init(&(struct npf_mipv6ha_params){
	    .bc_capacity = cap, .max_lcores = RTE_MAX(rte_lcore_count(), 2u)});
	if (ret != 0) {
		fprintf(stderr, "ha-router: forwarding plane: %s\n", strerror(-ret));
		goto out_cfg;
	}
	ret = har_dp_init(&d.dp, cfg, err, sizeof(err));
	if (ret != 0) {
		fprintf(stderr, "ha-router: %s\n", err);
		goto out_npf;
	}
	ret = har_apply_initial(&d.st, &d.dp, cfg, err, sizeof(err));
	cfg = NULL; /* owned by d.st now */
	if (ret == 0)
		ret = har_ipsec_apply(d.st.cfg, err, sizeof(err));
	if (ret == 0)
		ret = har_cp_config(&d.st, d.st.cfg, &cc, err, sizeof(err));
	if (ret == 0) {
		struct hac_io io = {.tx = har_glue_tx, .arg = &d.glue};

		d.glue.tx = cp_tx;
		d.st.cp = hac_create(&cc, &io);
		d.glue.h = d.st.cp;
		if (d.st.cp == NULL) {
			ret = -errno;
			snprintf(err, sizeof(err), "control plane: %s", strerror(errno));
		}
	}
	if (ret != 0) {
		fprintf(stderr, "ha-router: %s\n", err);
		goto out_state;
	}
	npf_mipv6ha_punt_handler_set(har_glue_punt, &d.glue);
	ret = har_ops_init(&(struct har_ops_ctx){
	    .st = &d.st, .dp = &d.dp, .config_path = d.config_path, .reload = reload});
	if (ret != 0)
		LOG(WARNING, "telemetry commands unavailable: %s", strerror(-ret));
	ret = har_dp_start(&d.dp);
	if (ret != 0) {
		fprintf(stderr, "ha-router: cannot launch workers\n");
		goto out_ops;
	}
	LOG(NOTICE, "running: %u ports, %u worker lcores, %u home links; SIGHUP reloads",
	    d.dp.nports, d.dp.nworkers, d.st.cfg->n_home_links);
	printf("ha-router: running\n");
	fflush(stdout);
	control_loop(sfd);
	ret = 0;
out_ops:
	npf_mipv6ha_punt_handler_set(NULL, NULL);
	har_ops_fini();
out_state:
	har_teardown(&d.st); /* bindings and proxies flushed through the API */
	har_dp_fini(&d.dp);
out_npf:
	npf_mipv6ha_fini();
out_cfg:
	hacfg_free(cfg);
	close(sfd);
	ips_fini();
	rte_eal_cleanup();
	return ret == 0 ? 0 : 1;
}
