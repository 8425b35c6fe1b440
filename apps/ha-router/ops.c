/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Telemetry commands of ha-router (all under /ha/):
 *   /ha/oper,OFFSET     the operational state as YANG JSON of the ha-router
 *                       module, in chunks (OFFSET 0 renders it afresh)
 *   /ha/bindings[,HOA]  bindings (the first 512, or one)
 *   /ha/stats           forwarding-plane, control-thread and signalling counters
 *   /ha/drops           drop counters by reason (non-zero)
 *   /ha/clear_binding,HOA   /ha/clear_stats   /ha/reload
 * ha-ctl is built on /ha/oper and the commands that change things.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <rte_telemetry.h>

#include "npf_mipv6ha_runtime.h"
#include "ops.h"

#define CHUNK 8000

static struct {
	struct har_ops_ctx ctx;
	int efd;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	/* the request in the mailbox */
	const char *cmd, *params;
	struct rte_tel_data *d;
	int rc;
	bool busy, done;
	/* last rendered operational state */
	char *oper;
	size_t oper_len;
	/* synchronous use of the asynchronous API */
	NPF_callbackHandle_t cbh;
	int pending;
	NPF_MIPv6HA_BC_Entry_t *attr;
	NPF_MIPv6HA_BC_EntryStats_t *stats;
	uint32_t nresp;
	NPF_IPv6Address_t *addrs;
	uint32_t naddrs;
	NPF_MIPv6HA_ProxyND_Entry_t *nd;
	/* counters cleared by "clear stats": shown relative to this base */
	struct har_dp_stats dp_base;
	struct npf_mipv6ha_slow_stats slow_base;
} ops = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER, .efd = -1};

/* ---- the asynchronous API, waited for on the control thread ---- */

static void on_done(NPF_userContext_t c, NPF_correlator_t k, NPF_MIPv6HA_CallbackData_t d)
{
	(void)c;
	(void)k;
	for (uint32_t i = 0; i < d.numResp; i++) {
		const NPF_MIPv6HA_AsyncResponse_t *r = &d.resp[i];

		if (r->errorCode != NPF_NO_ERROR)
			continue;
		if (d.type == NPF_MIPV6HA_BC_ENTRY_ATTR_GET && r->u2.BCentry != NULL &&
		    ops.attr != NULL)
			ops.attr[ops.nresp++] = *r->u2.BCentry;
		else if (d.type == NPF_MIPV6HA_BC_ENTRY_STATS_GET && r->u2.BCentrystats != NULL &&
			 ops.stats != NULL)
			ops.stats[ops.nresp++] = *r->u2.BCentrystats;
		else if (d.type == NPF_MIPV6HA_PROXYND_GET_ALL && r->u2.Ipv6Address != NULL) {
			const NPF_IPv6AddressArray_t *a = r->u2.Ipv6Address;
			NPF_IPv6Address_t *n =
			    realloc(ops.addrs, sizeof(*n) * (ops.naddrs + a->nCount));

			if (n == NULL)
				continue;
			ops.addrs = n;
			memcpy(n + ops.naddrs, a->Ipv6AddressArray, sizeof(*n) * a->nCount);
			ops.naddrs += a->nCount;
		} else if (d.type == NPF_MIPV6HA_PROXYND_ADDR_STATE_GET && ops.nd != NULL)
			ops.nd[ops.nresp++] = r->u2.proxyNDEntry;
	}
	/* Responses of one call may be spread over several invocations
	 * (seed §4.2.2): wait for as many as operations were asked. */
	if (d.numResp == 0 || (uint32_t)ops.pending <= d.numResp)
		ops.pending = 0;
	else
		ops.pending -= (int)d.numResp;
}

static void wait_api(void)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (ops.pending > 0) {
		npf_mipv6ha_dispatch(0);
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec > 2)
			break;
	}
	ops.pending = 0;
}

/* ---- operational state ---- */

struct bcollect {
	struct hacfg_oper_binding *b;
	struct hac_binding_info *info;
	uint32_t n, cap;
};

static int collect_binding(void *arg, const struct hac_binding_info *bi)
{
	struct bcollect *c = arg;

	if (c->n == c->cap) {
		uint32_t ncap = c->cap ? c->cap * 2 : 64;
		void *a = realloc(c->b, sizeof(*c->b) * ncap);
		void *b;

		if (a == NULL)
			return -ENOMEM;
		c->b = a;
		b = realloc(c->info, sizeof(*c->info) * ncap);
		if (b == NULL)
			return -ENOMEM;
		c->info = b;
		c->cap = ncap;
	}
	c->info[c->n++] = *bi;
	return 0;
}

static const char *home_link_name(uint32_t link)
{
	const struct hacfg *cfg = ops.ctx.st->cfg;

	return link < cfg->n_home_links ? cfg->home_links[link].name : NULL;
}

/* Fill per-binding path MTU and counters, one API call per home link. */
static void binding_details(struct bcollect *c)
{
	const struct hacfg *cfg = ops.ctx.st->cfg;
	NPF_MIPv6HA_SubtunnelHandle_t *h = calloc(c->n + 1, sizeof(*h));
	uint32_t *idx = calloc(c->n + 1, sizeof(*idx));

	ops.attr = calloc(c->n + 1, sizeof(*ops.attr));
	ops.stats = calloc(c->n + 1, sizeof(*ops.stats));
	for (uint32_t l = 0; h && idx && ops.attr && ops.stats && l < cfg->n_home_links; l++) {
		uint32_t k = 0;

		for (uint32_t i = 0; i < c->n; i++)
			if (c->info[i].link == l && c->info[i].handle != 0) {
				idx[k] = i;
				h[k++] = c->info[i].handle;
			}
		if (k == 0)
			continue;
		ops.nresp = 0;
		ops.pending = (int)k;
		if (NPF_MIPv6HA_BC_EntryAttrGet(ops.cbh, NULL, NPF_REPORT_ALL, ops.ctx.st->tun[l],
						k, h) == NPF_NO_ERROR)
			wait_api();
		for (uint32_t j = 0; j < ops.nresp; j++)
			for (uint32_t i = 0; i < k; i++)
				if (h[i] == ops.attr[j].subtunnelHandle)
					c->b[idx[i]].path_mtu = ops.attr[j].PMTU;
		ops.nresp = 0;
		ops.pending = (int)k;
		if (NPF_MIPv6HA_BC_EntryStatsGet(ops.cbh, NULL, NPF_REPORT_ALL, ops.ctx.st->tun[l],
						 k, h) == NPF_NO_ERROR)
			wait_api();
		for (uint32_t j = 0; j < ops.nresp; j++)
			for (uint32_t i = 0; i < k; i++)
				if (h[i] == ops.stats[j].subtunnelHandle) {
					struct hacfg_oper_binding *b = &c->b[idx[i]];
					const NPF_MIPv6HA_BC_EntryStats_t *s = &ops.stats[j];

					b->in_packets = s->mipv6NodeHCInPkts;
					b->in_octets = s->mipv6NodeHCInOctets;
					b->out_packets = s->mipv6NodeHCPkts;
					b->out_octets = s->mipv6NodeHCOctets;
					b->in_drops = s->dropRxPkts;
					b->out_drops = s->dropTxPkts;
				}
	}
	free(ops.attr);
	free(ops.stats);
	ops.attr = NULL;
	ops.stats = NULL;
	free(h);
	free(idx);
}

struct hacollect {
	struct hacfg_oper_home_agent *ha;
	struct in6_addr *addrs;
	uint32_t n, cap;
	uint32_t link;
};

static int collect_ha(void *arg, const struct hac_ha_info *hi)
{
	struct hacollect *c = arg;

	if (c->n == c->cap)
		return 1; /* enough for an operator's view */
	struct hacfg_oper_home_agent *a = &c->ha[c->n];
	memset(a, 0, sizeof(*a));
	a->home_link = home_link_name(c->link);
	a->self = hi->self;
	if (hi->self)
		memcpy(&a->link_local,
		       ops.ctx.st->cfg->home_links[c->link].has_link_local
			   ? (const void *)&ops.ctx.st->cfg->home_links[c->link].link_local
			   : (const void *)hi->link_local,
		       16);
	else
		memcpy(&a->link_local, hi->link_local, 16);
	a->preference = (int16_t)hi->preference;
	a->lifetime_s = (uint16_t)RTE_MIN(hi->lifetime_s, 65535u);
	a->remaining_s = (uint16_t)RTE_MIN(hi->remaining_s, 65535u);
	a->n_global = RTE_MIN(hi->n_addrs, (uint32_t)HAC_MAX_HA_ADDRS);
	memcpy(&c->addrs[c->n * HAC_MAX_HA_ADDRS], hi->addrs, 16 * a->n_global);
	a->global = &c->addrs[c->n * HAC_MAX_HA_ADDRS];
	c->n++;
	return 0;
}

static void drops_collect(struct hacfg_oper_drop *d, uint32_t *n, uint32_t cap,
			  const struct har_dp_stats *dps, const struct hac_stats *hs)
{
	for (int r = 1; r < FP_DROP_NB && *n < cap; r++)
		if (dps->drops[r] > ops.dp_base.drops[r]) {
			d[*n].reason = fp_drop_name((enum fp_drop)r);
			d[(*n)++].count = dps->drops[r] - ops.dp_base.drops[r];
		}
	for (unsigned int r = 0; r < HAC_DROP_MAX && *n < cap; r++)
		if (hs->drops[r] != 0) {
			d[*n].reason = hac_drop_name(r);
			d[(*n)++].count = hs->drops[r];
		}
}

static const char *ba_name(unsigned int s)
{
	switch (s) {
	case 0:
		return "accepted";
	case 1:
		return "accepted-prefix-discovery-necessary";
	case 128:
		return "reason-unspecified";
	case 129:
		return "administratively-prohibited";
	case 130:
		return "insufficient-resources";
	case 131:
		return "home-registration-not-supported";
	case 132:
		return "not-home-subnet";
	case 133:
		return "not-home-agent-for-this-mobile-node";
	case 134:
		return "duplicate-address-detection-failed";
	case 135:
		return "sequence-number-out-of-window";
	case 139:
		return "registration-type-change-disallowed";
	default:
		return NULL;
	}
}

static int oper_render(char **json)
{
	struct har_state *st = ops.ctx.st;
	struct bcollect bc = {0};
	struct hacollect hc = {0};
	struct hacfg_oper o;
	struct hacfg_oper_drop drops[FP_DROP_NB + HAC_DROP_MAX];
	struct hacfg_oper_ba_status ba[256];
	struct hacfg_oper_proxy_nd *pnd = NULL;
	struct har_dp_stats dps;
	struct hac_stats hs;
	uint32_t npnd = 0;
	int ret;

	memset(&o, 0, sizeof(o));
	hac_binding_foreach(st->cp, collect_binding, &bc);
	for (uint32_t i = 0; i < bc.n; i++) {
		struct hacfg_oper_binding *b = &bc.b[i];
		const struct hac_binding_info *bi = &bc.info[i];

		memset(b, 0, sizeof(*b));
		memcpy(&b->hoa, bi->hoa, 16);
		memcpy(&b->coa, bi->coa, 16);
		b->home_link = home_link_name(bi->link);
		b->lifetime_s = bi->lifetime;
		b->remaining_s = bi->remaining;
		b->sequence = bi->seq;
		b->flags =
		    ((bi->flags & 0x80) ? HACFG_BF_A : 0) | ((bi->flags & 0x40) ? HACFG_BF_H : 0) |
		    ((bi->flags & 0x20) ? HACFG_BF_L : 0) | ((bi->flags & 0x10) ? HACFG_BF_K : 0);
	}
	binding_details(&bc);
	o.n_bindings = bc.n;
	o.bindings = bc.b;

	hc.cap = 64;
	hc.ha = calloc(hc.cap, sizeof(*hc.ha));
	hc.addrs = calloc((size_t)hc.cap * HAC_MAX_HA_ADDRS, sizeof(*hc.addrs));
	for (uint32_t l = 0; hc.ha && hc.addrs && l < st->cfg->n_home_links; l++) {
		hc.link = l;
		hac_ha_list_foreach(st->cp, l, collect_ha, &hc);
	}
	o.n_home_agents = hc.n;
	o.home_agents = hc.ha;

	for (uint32_t l = 0; l < st->cfg->n_home_links; l++) {
		ops.naddrs = 0;
		ops.pending = 1;
		if (NPF_MIPv6HA_ProxyND_GetAll(ops.cbh, NULL, NPF_REPORT_ALL, st->hl[l]) !=
		    NPF_NO_ERROR)
			continue;
		wait_api();
		if (ops.naddrs == 0)
			continue;
		ops.nd = calloc(ops.naddrs, sizeof(*ops.nd));
		void *np = realloc(pnd, sizeof(*pnd) * (npnd + ops.naddrs));
		if (ops.nd == NULL || np == NULL) {
			free(ops.nd);
			ops.nd = NULL;
			break;
		}
		pnd = np;
		ops.nresp = 0;
		ops.pending = (int)ops.naddrs;
		if (NPF_MIPv6HA_ProxyND_AddrStateGet(ops.cbh, NULL, NPF_REPORT_ALL, st->hl[l],
						     ops.naddrs, ops.addrs) == NPF_NO_ERROR)
			wait_api();
		for (uint32_t i = 0; i < ops.nresp; i++) {
			struct hacfg_oper_proxy_nd *e = &pnd[npnd++];

			memcpy(&e->addr, ops.nd[i].Addr.addr, 16);
			e->home_link = home_link_name(l);
			e->state = ops.nd[i].AddrState == NPF_IPv6_ADDR_VALID ? HACFG_ND_VALID
				   : ops.nd[i].AddrState == NPF_IPv6_ADDR_INVALID
				       ? HACFG_ND_INVALID
				       : HACFG_ND_PROBING;
		}
		free(ops.nd);
		ops.nd = NULL;
	}
	o.n_proxy_nd = npnd;
	o.proxy_nd = pnd;

	har_dp_stats(ops.ctx.dp, &dps);
	hac_stats_get(st->cp, &hs);
	drops_collect(drops, &o.n_drops, RTE_DIM(drops), &dps, &hs);
	o.drops = drops;
	o.has_signalling = true;
	o.bu_received = hs.bu_rx;
	for (unsigned int r = 0; r < HAC_DROP_MAX; r++)
		o.bu_discarded += hs.drops[r];
	o.brr_sent = hs.brr_tx;
	o.be_sent = hs.be_tx;
	for (unsigned int s = 0; s < 256; s++)
		if (hs.ba_tx[s] != 0) {
			ba[o.n_ba_status].status = (uint8_t)s;
			ba[o.n_ba_status].name = ba_name(s);
			ba[o.n_ba_status++].count = hs.ba_tx[s];
		}
	o.ba_status = ba;
	ret = hacfg_oper_json(&o, json);
	free(bc.b);
	free(bc.info);
	free(hc.ha);
	free(hc.addrs);
	free(pnd);
	free(ops.addrs);
	ops.addrs = NULL;
	ops.naddrs = 0;
	return ret;
}

/* ---- commands (control thread) ---- */

static int do_oper(const char *params, struct rte_tel_data *d)
{
	long off = params != NULL && *params ? strtol(params, NULL, 10) : 0;

	if (off == 0 || ops.oper == NULL) {
		free(ops.oper);
		ops.oper = NULL;
		ops.oper_len = 0;
		if (oper_render(&ops.oper) != 0 || ops.oper == NULL)
			return -EIO;
		ops.oper_len = strlen(ops.oper);
	}
	if (off < 0 || (size_t)off > ops.oper_len)
		return -EINVAL;
	size_t n = RTE_MIN((size_t)CHUNK, ops.oper_len - (size_t)off);
	char buf[CHUNK + 1];

	memcpy(buf, ops.oper + off, n);
	buf[n] = '\0';
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "total", ops.oper_len);
	rte_tel_data_add_dict_u64(d, "offset", (uint64_t)off);
	rte_tel_data_add_dict_string(d, "chunk", buf);
	return 0;
}

static void binding_dict(struct rte_tel_data *d, const struct hac_binding_info *b)
{
	char s[INET6_ADDRSTRLEN];

	rte_tel_data_start_dict(d);
	inet_ntop(AF_INET6, b->hoa, s, sizeof(s));
	rte_tel_data_add_dict_string(d, "hoa", s);
	inet_ntop(AF_INET6, b->coa, s, sizeof(s));
	rte_tel_data_add_dict_string(d, "coa", s);
	rte_tel_data_add_dict_u64(d, "lifetime", b->lifetime);
	rte_tel_data_add_dict_u64(d, "remaining", b->remaining);
	rte_tel_data_add_dict_u64(d, "sequence", b->seq);
	rte_tel_data_add_dict_u64(d, "flags", b->flags);
	rte_tel_data_add_dict_u64(d, "state", (uint64_t)b->state);
}

struct blist {
	struct rte_tel_data *d;
	int n;
};

static int binding_to_tel(void *arg, const struct hac_binding_info *b)
{
	struct blist *l = arg;
	struct rte_tel_data *c;

	if (l->n >= RTE_TEL_MAX_ARRAY_ENTRIES)
		return 1;
	c = rte_tel_data_alloc();
	if (c == NULL)
		return -ENOMEM;
	binding_dict(c, b);
	rte_tel_data_add_array_container(l->d, c, 0);
	l->n++;
	return 0;
}

static int do_bindings(const char *params, struct rte_tel_data *d)
{
	if (params != NULL && *params) {
		uint8_t a[16];
		struct hac_binding_info b;

		if (inet_pton(AF_INET6, params, a) != 1)
			return -EINVAL;
		if (hac_binding_get(ops.ctx.st->cp, a, &b) != 0)
			return -ENOENT;
		binding_dict(d, &b);
		return 0;
	}
	struct blist l = {.d = d};
	rte_tel_data_start_array(d, RTE_TEL_CONTAINER);
	hac_binding_foreach(ops.ctx.st->cp, binding_to_tel, &l);
	return 0;
}

static void stat_to_tel(void *arg, const char *name, uint64_t v)
{
	rte_tel_data_add_dict_u64(arg, name, v);
}

/* clang-format off */
#define SLOW_FIELDS(X)                                                                             \
	X(punt_rx) X(to_app) X(unhandled) X(inject_tx) X(inject_full) X(no_mbuf) X(no_route)       \
	X(ns_tx) X(na_tx) X(na_rx) X(nd_invalid) X(nd_ignored) X(neigh_learnt) X(neigh_held)       \
	X(neigh_released) X(neigh_drop) X(dad_probes) X(dad_conflicts) X(una_tx)                   \
	X(nd_queue_full) X(icmp_err_tx) X(icmp_relayed) X(pmtu_learnt) X(echo_replies)
/* clang-format on */

static int do_stats(struct rte_tel_data *d)
{
	struct har_dp_stats s;
	struct npf_mipv6ha_slow_stats sl;
	struct hac_stats hs;
	struct rte_tel_data *fp = rte_tel_data_alloc(), *ct = rte_tel_data_alloc(),
			    *cp = rte_tel_data_alloc();

	if (fp == NULL || ct == NULL || cp == NULL) {
		rte_tel_data_free(fp);
		rte_tel_data_free(ct);
		rte_tel_data_free(cp);
		return -ENOMEM;
	}
	har_dp_stats(ops.ctx.dp, &s);
	npf_mipv6ha_slow_stats_get(&sl);
	hac_stats_get(ops.ctx.st->cp, &hs);
	rte_tel_data_start_dict(d);
	rte_tel_data_start_dict(fp);
/* clang-format off */
#define DPF(f) rte_tel_data_add_dict_u64(fp, #f, s.f - ops.dp_base.f);
	DPF(rx) DPF(tx) DPF(fwd) DPF(encap) DPF(decap) DPF(punted) DPF(injected) DPF(nd_answered)
	DPF(icmp_limited)
#undef DPF
	    /* clang-format on */
	    rte_tel_data_start_dict(ct);
#define SLF(f) rte_tel_data_add_dict_u64(ct, #f, sl.f - ops.slow_base.f);
	SLOW_FIELDS(SLF)
#undef SLF
	rte_tel_data_start_dict(cp);
	struct hac_stats nz = hs;
	memset(nz.drops, 0, sizeof(nz.drops)); /* drops are in /ha/drops */
	hac_stats_foreach(&nz, stat_to_tel, cp);
	rte_tel_data_add_dict_container(d, "forwarding", fp, 0);
	rte_tel_data_add_dict_container(d, "control", ct, 0);
	rte_tel_data_add_dict_container(d, "signalling", cp, 0);
	return 0;
}

static int do_drops(struct rte_tel_data *d)
{
	struct hacfg_oper_drop drops[FP_DROP_NB + HAC_DROP_MAX];
	struct har_dp_stats s;
	struct hac_stats hs;
	uint32_t n = 0;

	har_dp_stats(ops.ctx.dp, &s);
	hac_stats_get(ops.ctx.st->cp, &hs);
	drops_collect(drops, &n, RTE_DIM(drops), &s, &hs);
	rte_tel_data_start_dict(d);
	for (uint32_t i = 0; i < n; i++) {
		char name[RTE_TEL_MAX_STRING_LEN];

		/* Telemetry keys take no '-': the YANG names use '_' here. */
		snprintf(name, sizeof(name), "%s", drops[i].reason);
		for (char *c = name; *c; c++)
			if (*c == '-')
				*c = '_';
		if (rte_tel_data_add_dict_u64(d, name, drops[i].count) != 0)
			return -E2BIG;
	}
	return 0;
}

static int do_clear_binding(const char *params, struct rte_tel_data *d)
{
	uint8_t a[16];
	int ret;

	if (params == NULL || inet_pton(AF_INET6, params, a) != 1)
		return -EINVAL;
	ret = hac_binding_clear(ops.ctx.st->cp, a);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_int(d, "result", ret);
	rte_tel_data_add_dict_string(d, "message", ret == 0 ? "cleared" : strerror(-ret));
	return 0;
}

static int do_clear_stats(struct rte_tel_data *d)
{
	har_dp_stats(ops.ctx.dp, &ops.dp_base);
	npf_mipv6ha_slow_stats_get(&ops.slow_base);
	hac_stats_clear(ops.ctx.st->cp);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_int(d, "result", 0);
	return 0;
}

static int do_reload(struct rte_tel_data *d)
{
	char err[512] = "";
	int ret = ops.ctx.reload(ops.ctx.arg, err, sizeof(err));

	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_int(d, "result", ret);
	rte_tel_data_add_dict_string(d, "message", ret == 0 ? "configuration applied" : err);
	return 0;
}

void har_ops_serve(void)
{
	uint64_t v;

	if (read(ops.efd, &v, sizeof(v)) < 0) {
		/* nothing signalled */
	}
	pthread_mutex_lock(&ops.mu);
	if (ops.busy && !ops.done) {
		const char *c = ops.cmd;

		if (strcmp(c, "/ha/oper") == 0)
			ops.rc = do_oper(ops.params, ops.d);
		else if (strcmp(c, "/ha/bindings") == 0)
			ops.rc = do_bindings(ops.params, ops.d);
		else if (strcmp(c, "/ha/stats") == 0)
			ops.rc = do_stats(ops.d);
		else if (strcmp(c, "/ha/drops") == 0)
			ops.rc = do_drops(ops.d);
		else if (strcmp(c, "/ha/clear_binding") == 0)
			ops.rc = do_clear_binding(ops.params, ops.d);
		else if (strcmp(c, "/ha/clear_stats") == 0)
			ops.rc = do_clear_stats(ops.d);
		else if (strcmp(c, "/ha/reload") == 0)
			ops.rc = do_reload(ops.d);
		else
			ops.rc = -ENOTSUP;
		ops.done = true;
		pthread_cond_broadcast(&ops.cv);
	}
	pthread_mutex_unlock(&ops.mu);
}

/* Telemetry thread: post the request and wait for the control thread. */
static int tel_cb(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct timespec until;
	uint64_t one = 1;
	int rc = -ETIMEDOUT;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	pthread_mutex_lock(&ops.mu);
	while (ops.busy)
		if (pthread_cond_timedwait(&ops.cv, &ops.mu, &until) != 0) {
			pthread_mutex_unlock(&ops.mu);
			return -EBUSY;
		}
	ops.busy = true;
	ops.done = false;
	ops.cmd = cmd;
	ops.params = params;
	ops.d = d;
	if (write(ops.efd, &one, sizeof(one)) < 0) {
		/* the counter is saturated: the control thread is awake anyway */
	}
	while (!ops.done)
		if (pthread_cond_timedwait(&ops.cv, &ops.mu, &until) != 0)
			break;
	if (ops.done)
		rc = ops.rc;
	/* A request that timed out is withdrawn: the control thread will not
	 * touch d (it checks busy && !done under the lock). */
	ops.busy = false;
	ops.done = true;
	pthread_cond_broadcast(&ops.cv);
	pthread_mutex_unlock(&ops.mu);
	return rc;
}

int har_ops_init(const struct har_ops_ctx *ctx)
{
	static const struct {
		const char *cmd, *help;
	} cmds[] = {
	    {"/ha/oper", "Operational state as ha-router YANG JSON. Parameter: chunk offset"},
	    {"/ha/bindings", "Bindings (first 512), or one. Parameter: home address"},
	    {"/ha/stats", "Forwarding, control-thread and signalling counters"},
	    {"/ha/drops", "Drop counters by reason"},
	    {"/ha/clear_binding", "Delete a binding and its proxy. Parameter: home address"},
	    {"/ha/clear_stats", "Zero the counters"},
	    {"/ha/reload", "Reload the configuration file, applied as a diff"},
	};

	ops.ctx = *ctx;
	ops.efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (ops.efd < 0)
		return -errno;
	if (NPF_MIPv6HA_Register(NULL, on_done, &ops.cbh) != NPF_NO_ERROR)
		return -EIO;
	for (size_t i = 0; i < RTE_DIM(cmds); i++)
		if (rte_telemetry_register_cmd(cmds[i].cmd, tel_cb, cmds[i].help) != 0)
			return -EINVAL;
	return 0;
}

int har_ops_fd(void)
{
	return ops.efd;
}

void har_ops_fini(void)
{
	pthread_mutex_lock(&ops.mu);
	ops.busy = false;
	ops.done = true;
	pthread_cond_broadcast(&ops.cv);
	pthread_mutex_unlock(&ops.mu);
	if (ops.cbh != 0)
		NPF_MIPv6HA_Deregister(ops.cbh);
	free(ops.oper);
	ops.oper = NULL;
	if (ops.efd >= 0)
		close(ops.efd);
	ops.efd = -1;
}
