/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Ports and worker lcores of ha-router. A port named by a vdev argument
 * string ("net_af_packet0,iface=eth1") is hot-plugged on the vdev bus; one
 * named by a PCI address must have been probed by the EAL (allow-list it
 * with -a). Every port gets as many RX queues as configured (default: one
 * per worker), spread round-robin over the workers, and one TX queue per
 * worker, so no queue is ever shared.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_bus.h>
#include <rte_dev.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

#include "dataplane.h"

#define RXD 512
#define TXD 512

static int vdev_probe(const char *device, char *name, size_t nlen)
{
	const char *comma = strchr(device, ',');
	size_t n = comma ? (size_t)(comma - device) : strlen(device);

	if (n == 0 || n >= nlen)
		return -EINVAL;
	memcpy(name, device, n);
	name[n] = '\0';
	if (strncmp(name, "net_", 4) != 0 && strncmp(name, "eth_", 4) != 0)
		return 0; /* a PCI address: probed by the EAL */
	uint16_t id;
	if (rte_eth_dev_get_port_by_name(name, &id) == 0)
		return 0; /* given with --vdev already */
	return rte_eal_hotplug_add("vdev", name, comma ? comma + 1 : "");
}

static int port_setup(struct har_dp *dp, struct har_port *hp, const struct hacfg_port *cp,
		      char *err, size_t errlen)
{
	struct rte_eth_dev_info info;
	struct rte_eth_conf conf;
	char name[RTE_ETH_NAME_MAX_LEN];
	int ret;

	ret = vdev_probe(cp->device, name, sizeof(name));
	if (ret != 0) {
		snprintf(err, errlen, "port %s: cannot probe %s: %s", cp->name, cp->device,
			 strerror(-ret));
		return ret;
	}
	if (rte_eth_dev_get_port_by_name(name, &hp->port_id) != 0) {
		snprintf(err, errlen,
			 "port %s: no ethdev named %s (allow-list PCI devices with -a)", cp->name,
			 name);
		return -ENODEV;
	}
	snprintf(hp->name, sizeof(hp->name), "%s", cp->name);
	ret = rte_eth_dev_info_get(hp->port_id, &info);
	if (ret != 0)
		return ret;
	hp->nrxq = cp->rx_queues ? cp->rx_queues : (uint16_t)dp->nworkers;
	hp->nrxq = RTE_MIN(hp->nrxq, info.max_rx_queues);
	if (hp->nrxq == 0 || info.max_tx_queues < dp->nworkers) {
		snprintf(err, errlen, "port %s: needs %u TX queues, has %u", cp->name, dp->nworkers,
			 info.max_tx_queues);
		return -ENOTSUP;
	}
	memset(&conf, 0, sizeof(conf));
	if (hp->nrxq > 1) {
		conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		conf.rx_adv_conf.rss_conf.rss_hf =
		    (RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_NONFRAG_IPV6_UDP |
		     RTE_ETH_RSS_NONFRAG_IPV6_TCP) &
		    info.flow_type_rss_offloads;
	}
	ret = rte_eth_dev_configure(hp->port_id, hp->nrxq, (uint16_t)dp->nworkers, &conf);
	for (uint16_t q = 0; ret == 0 && q < hp->nrxq; q++)
		ret = rte_eth_rx_queue_setup(hp->port_id, q, RXD,
					     rte_eth_dev_socket_id(hp->port_id), NULL, dp->pool);
	for (uint16_t q = 0; ret == 0 && q < dp->nworkers; q++)
		ret = rte_eth_tx_queue_setup(hp->port_id, q, TXD,
					     rte_eth_dev_socket_id(hp->port_id), NULL);
	if (ret == 0 && cp->has_mac) {
		struct rte_ether_addr m;

		memcpy(m.addr_bytes, cp->mac, 6);
		ret = rte_eth_dev_default_mac_addr_set(hp->port_id, &m);
	}
	if (ret == 0)
		ret = rte_eth_dev_start(hp->port_id);
	if (ret != 0) {
		snprintf(err, errlen, "port %s: setup failed: %s", cp->name, strerror(-ret));
		return ret;
	}
	rte_eth_macaddr_get(hp->port_id, &hp->mac);
	/* Proxy ND (ND-2) needs every solicited-node group of the proxied
	 * addresses; with up to millions of them, all-multicast is the only
	 * filter that scales. Promiscuous mode lets a port take frames for a
	 * MAC override on drivers that do not program it. */
	rte_eth_allmulticast_enable(hp->port_id);
	rte_eth_promiscuous_enable(hp->port_id);
	return 0;
}

int har_dp_init(struct har_dp *dp, const struct hacfg *cfg, char *err, size_t errlen)
{
	unsigned int lc;
	uint32_t nmbufs;
	int ret;

	memset(dp, 0, sizeof(*dp));
	RTE_LCORE_FOREACH_WORKER(lc)
	{
		if (dp->nworkers < HAR_MAX_WORKERS)
			dp->lcore[dp->nworkers++] = lc;
	}
	if (dp->nworkers == 0) {
		snprintf(err, errlen, "no worker lcore: give the EAL two lcores at least (-l 0-1)");
		return -EINVAL;
	}
	if (cfg->n_ports > HAR_MAX_PORTS) {
		snprintf(err, errlen, "too many ports (%u > %u)", cfg->n_ports, HAR_MAX_PORTS);
		return -EINVAL;
	}
	nmbufs = cfg->n_ports * dp->nworkers * (RXD + TXD + 2 * FP_TXBUF) + 2048;
	dp->pool = rte_pktmbuf_pool_create("har_rx", nmbufs, 256, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
					   (int)rte_socket_id());
	if (dp->pool == NULL) {
		snprintf(err, errlen, "cannot create a pool of %u mbufs (give the EAL more -m)",
			 nmbufs);
		return -ENOMEM;
	}
	for (uint32_t i = 0; i < cfg->n_ports; i++) {
		ret = port_setup(dp, &dp->port[i], &cfg->ports[i], err, errlen);
		if (ret != 0) {
			dp->nports = i;
			har_dp_fini(dp);
			return ret;
		}
		dp->nports = i + 1;
	}
	for (uint32_t k = 0; k < dp->nworkers; k++) {
		struct fp_worker *w =
		    rte_zmalloc_socket("har_worker", sizeof(*w), RTE_CACHE_LINE_SIZE,
				       (int)rte_lcore_to_socket_id(dp->lcore[k]));

		if (w == NULL) {
			har_dp_fini(dp);
			snprintf(err, errlen, "out of memory for workers");
			return -ENOMEM;
		}
		fp_worker_init(w, k, 0);
		w->serve_inject = k == 0;
		for (uint32_t p = 0; p < dp->nports; p++) {
			w->txq[dp->port[p].port_id] = (uint16_t)k;
			for (uint16_t q = (uint16_t)k; q < dp->port[p].nrxq;
			     q = (uint16_t)(q + dp->nworkers)) {
				if (w->nrxq == FP_MAX_RXQ)
					break;
				w->rxq[w->nrxq].port = dp->port[p].port_id;
				w->rxq[w->nrxq++].queue = q;
			}
		}
		dp->w[k] = w;
	}
	return 0;
}

static int worker_main(void *arg)
{
	struct har_dp *dp = arg;
	unsigned int me = rte_lcore_id();

	for (uint32_t k = 0; k < dp->nworkers; k++)
		if (dp->lcore[k] == me)
			return fp_worker_run(dp->w[k], &dp->stop);
	return -EINVAL;
}

int har_dp_start(struct har_dp *dp)
{
	dp->stop = false;
	for (uint32_t k = 0; k < dp->nworkers; k++) {
		int ret = rte_eal_remote_launch(worker_main, dp, dp->lcore[k]);

		if (ret != 0)
			return ret;
	}
	dp->running = true;
	return 0;
}

void har_dp_fini(struct har_dp *dp)
{
	if (dp->running) {
		__atomic_store_n(&dp->stop, true, __ATOMIC_RELEASE);
		rte_eal_mp_wait_lcore();
		dp->running = false;
	}
	for (uint32_t k = 0; k < dp->nworkers; k++) {
		if (dp->w[k] == NULL)
			continue;
		/* What was buffered for transmission goes back to the pool. */
		for (uint16_t p = 0; p < FP_MAX_PORTS; p++)
			rte_pktmbuf_free_bulk(dp->w[k]->out[p].m, dp->w[k]->out[p].n);
		rte_free(dp->w[k]);
		dp->w[k] = NULL;
	}
	for (uint32_t i = 0; i < dp->nports; i++) {
		rte_eth_dev_stop(dp->port[i].port_id);
		rte_eth_dev_close(dp->port[i].port_id);
	}
	dp->nports = 0;
	rte_mempool_free(dp->pool);
	dp->pool = NULL;
}

const struct har_port *har_dp_port(const struct har_dp *dp, const char *name)
{
	for (uint32_t i = 0; i < dp->nports; i++)
		if (strcmp(dp->port[i].name, name) == 0)
			return &dp->port[i];
	return NULL;
}

void har_dp_stats(const struct har_dp *dp, struct har_dp_stats *out)
{
	memset(out, 0, sizeof(*out));
	for (uint32_t k = 0; k < dp->nworkers; k++) {
		const struct fp_lcore *lc = &dp->w[k]->lc;

		for (int r = 0; r < FP_DROP_NB; r++)
			out->drops[r] += lc->drops[r];
		out->rx += lc->rx;
		out->tx += lc->tx;
		out->fwd += lc->fwd;
		out->encap += lc->encap;
		out->decap += lc->decap;
		out->punted += lc->punted;
		out->injected += lc->injected;
		out->nd_answered += lc->nd_answered;
		out->icmp_limited += lc->icmp_limited;
	}
}

void har_dp_stats_clear(struct har_dp *dp)
{
	/* Racy by nature (the worker may increment meanwhile); operators
	 * clear counters to watch what happens next, not for exactness. */
	for (uint32_t k = 0; k < dp->nworkers; k++) {
		struct fp_lcore *lc = &dp->w[k]->lc;

		memset(lc->drops, 0, sizeof(lc->drops));
		lc->rx = lc->tx = lc->fwd = lc->encap = lc->decap = 0;
		lc->punted = lc->injected = lc->nd_answered = lc->icmp_limited = 0;
	}
}
