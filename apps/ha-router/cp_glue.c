/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ESP around the signalling control plane (cp_glue.h). Runs on the control
 * thread only; ESP failures are counted by lib/ipsec under their drop
 * reasons and the packet silently discarded (BU-8, RFC 4303 §3.4).
 */
#include <errno.h>
#include <string.h>

#include "cp_glue.h"
#include "ips.h"

#define GLUE_BUF 2048

static void tunnel_in(struct har_glue *g, const uint8_t *outer, uint8_t *inner, int n,
		      const struct ips_rx *rx)
{
	struct hac_binding_info b;

	/* SEC-6: tunnel-mode traffic is expected from the CoA of the latest
	 * accepted (ESP-authenticated) Binding Update. */
	if (hac_binding_get(g->h, rx->hoa, &b) != 0 || b.state != HAC_BS_VALID ||
	    memcmp(b.coa, outer + 8, 16) != 0) {
		g->st.tun_refused++;
		return;
	}
	/* RT-4: the inner HoTI is forwarded as a router forwards. */
	if (inner[7] <= 1) {
		g->st.hop_limit++;
		return;
	}
	inner[7]--;
	g->st.tun_in++;
	g->tx(g->tx_arg, HAC_PORT_ROUTE, inner, (uint32_t)n);
}

/* SEC-4: a HoT (any MH) on its way to a HoA with a return-routability SA
 * leaves in ESP tunnel mode from the HA address of the binding to its
 * current CoA: every accepted BU moves it, no SA changes (SEC-6). */
static bool tunnel_out(struct har_glue *g, const uint8_t *ip6, uint32_t len)
{
	struct hac_binding_info b;
	uint8_t buf[GLUE_BUF];
	int n;

	if (!ips_has_out_sa(ip6 + 24, IPS_TR_RETURN_ROUTABILITY))
		return false;
	if (hac_binding_get(g->h, ip6 + 24, &b) != 0 || b.state != HAC_BS_VALID) {
		g->st.tun_unbound++;
		return true;
	}
	n = ips_esp_tunnel_output(ip6, len, b.ha_addr, b.coa, buf, sizeof(buf));
	if (n > 0 && g->tx(g->tx_arg, HAC_PORT_ROUTE, buf, (uint32_t)n) == 0)
		g->st.tun_out++;
	return true;
}

void har_glue_punt(void *arg, uint16_t port, const uint8_t *ip6, uint32_t len)
{
	struct har_glue *g = arg;
	struct hac_pkt_meta m = {.port = port, .esp_ok = 0};
	uint8_t buf[GLUE_BUF];
	struct ips_rx rx;
	int n;

	n = ips_esp_input(ip6, len, buf, sizeof(buf), &rx);
	if (n == -ENOMSG) {
		/* Not ESP: signalling in the clear (refused by hac_input when
		 * IPsec is required), or a HoT for a protected tunnel. */
		if (len >= 40 && tunnel_out(g, ip6, len))
			return;
		hac_input(g->h, &m, ip6, len);
		return;
	}
	if (n < 0)
		return;
	if (rx.tunnel) {
		tunnel_in(g, ip6, buf, n, &rx);
		return;
	}
	m.esp_ok = 1;
	memcpy(m.sa_hoa, rx.hoa, 16);
	hac_input(g->h, &m, buf, (uint32_t)n);
}

int har_glue_tx(void *arg, uint16_t port, const uint8_t *ip6, uint32_t len)
{
	struct har_glue *g = arg;
	uint8_t buf[GLUE_BUF];
	int n = ips_esp_output(ip6, len, buf, sizeof(buf));

	if (n == -ENOENT || n == -EINVAL)
		return g->tx(g->tx_arg, port, ip6, len);
	if (n < 0)
		return n;
	return g->tx(g->tx_arg, port, buf, (uint32_t)n);
}
