/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Harness of the cp/ha_control tests (see hac_test.h).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ip.h>

#include "hac_test.h"
#include "mip6_proto.h"

struct ht_pkt ht_out[HT_MAX_OUT];
unsigned int ht_nout;
struct hac *ht_h;
struct hac_config ht_cfg;

/* ------------------------------------------------------------ pcap out */

static FILE *pcap;

static void pcap_write(const uint8_t *p, uint32_t len)
{
	const char *path = getenv("HAC_PCAP");
	if (path == NULL || *path == '\0')
		return;
	if (pcap == NULL) {
		pcap = fopen(path, "ab");
		if (pcap == NULL)
			return;
		if (ftell(pcap) == 0) {
			/* classic pcap, microseconds, Ethernet (linktype 1) */
			uint32_t gh[6] = {0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1};
			fwrite(gh, sizeof(gh), 1, pcap);
		}
	}
	static const uint8_t eth[14] = {0x02, 0, 0, 0, 0, 0x99, 0x02, 0, 0, 0, 0, 0x01, 0x86, 0xdd};
	uint32_t rec[4] = {(uint32_t)(tc_now_ms / 1000), (uint32_t)(tc_now_ms % 1000) * 1000,
			   len + 14, len + 14};
	fwrite(rec, sizeof(rec), 1, pcap);
	fwrite(eth, sizeof(eth), 1, pcap);
	fwrite(p, len, 1, pcap);
	fflush(pcap);
}

int ht_fake_tx(void *arg, uint16_t port, const uint8_t *ip6, uint32_t len)
{
	(void)arg;
	pcap_write(ip6, len);
	if (ht_nout >= HT_MAX_OUT || len > sizeof(ht_out[0].b))
		return -ENOSPC;
	ht_out[ht_nout].port = port;
	ht_out[ht_nout].len = len;
	memcpy(ht_out[ht_nout].b, ip6, len);
	ht_nout++;
	return 0;
}

void ht_out_reset(void)
{
	ht_nout = 0;
}

/* ----------------------------------------------------------- life cycle */

static void a16(uint8_t out[16], const char *s)
{
	NPF_IPv6Address_t a = tc_a(s);
	memcpy(out, a.addr, 16);
}

bool ht_addr_eq(const uint8_t a[16], const char *s)
{
	uint8_t b[16];
	a16(b, s);
	return memcmp(a, b, 16) == 0;
}

static void default_cfg(struct hac_config *c)
{
	memset(c, 0, sizeof(*c));
	c->n_links = 1;
	struct hac_link *l = &c->links[0];
	l->port = 0;
	l->homeLink = tc.hl;
	l->tunnel = tc.tun;
	l->n_ha_addrs = 2;
	a16(l->ha_addrs[0], "2001:db8:1::1");
	a16(l->ha_addrs[1], "2001:db8:1::2");
	a16(l->link_local, "fe80::1");
	const uint8_t mac[6] = {0x02, 0, 0, 0, 0, 1};
	memcpy(l->mac, mac, 6);
	l->n_prefixes = 1;
	a16(l->prefixes[0].prefix, "2001:db8:1::");
	l->prefixes[0].len = 64;
	l->prefixes[0].valid_s = HAC_INFINITE;
	l->prefixes[0].preferred_s = HAC_INFINITE;
	c->max_bindings = 8;
	c->be_rate_per_s = 1000;
}

void ht_start_io(uint8_t dad, void (*tweak)(struct hac_config *c), const struct hac_io *io)
{
	struct npf_mipv6ha_params p;
	struct hac_io fake = {.tx = ht_fake_tx, .arg = NULL};
	tc_params(&p, 16);
	tc_start(&p, dad);
	default_cfg(&ht_cfg);
	if (tweak != NULL)
		tweak(&ht_cfg);
	ht_h = hac_create(&ht_cfg, io != NULL ? io : &fake);
	assert_non_null(ht_h);
	ht_out_reset();
}

void ht_start(uint8_t dad, void (*tweak)(struct hac_config *c))
{
	ht_start_io(dad, tweak, NULL);
}

void ht_stop(void)
{
	if (ht_h != NULL)
		hac_destroy(ht_h);
	ht_h = NULL;
	tc_stop();
}

int ht_setup(void **state)
{
	(void)state;
	ht_start(0, NULL);
	return 0;
}

int ht_setup_dad(void **state)
{
	(void)state;
	ht_start(1, NULL);
	return 0;
}

int ht_teardown(void **state)
{
	(void)state;
	ht_stop();
	return 0;
}

int ht_group_setup(void **state)
{
	return tc_group_setup(state);
}

int ht_group_teardown(void **state)
{
	if (pcap != NULL)
		fclose(pcap);
	pcap = NULL;
	return tc_group_teardown(state);
}

/* --------------------------------------------------------- BU builder */

struct ht_bu ht_home_bu(uint16_t seq)
{
	struct ht_bu b;
	memset(&b, 0, sizeof(b));
	b.hao = HT_HOA;
	b.seq = seq;
	b.flags = IP6_MH_BU_ACK | IP6_MH_BU_HOME;
	b.lifetime = 100;
	return b;
}

/*
 * RFC 2460 §8.1 checksum computed with DPDK's rte_raw_cksum, independent of
 * the cp's. (rte_ipv6_udptcp_cksum is not used: in DPDK 22.11 its
 * rte_ipv6_phdr_cksum shifts the next-header value into the sign bit of an
 * int, which UBSan rejects for next header 135.) The result is in memory
 * order, ready to be copied into the packet.
 */
static uint16_t dpdk_cksum(const uint8_t src[16], const uint8_t dst[16], uint8_t nh,
			   const uint8_t *p, uint32_t len)
{
	static uint8_t buf[40 + 1500];
	if (len > 1500)
		return 0xdead;
	memcpy(buf, src, 16);
	memcpy(buf + 16, dst, 16);
	buf[32] = (uint8_t)(len >> 24);
	buf[33] = (uint8_t)(len >> 16);
	buf[34] = (uint8_t)(len >> 8);
	buf[35] = (uint8_t)len;
	buf[36] = buf[37] = buf[38] = 0;
	buf[39] = nh;
	memcpy(buf + 40, p, len);
	return (uint16_t)~rte_raw_cksum(buf, 40 + len);
}

uint32_t ht_build(const struct ht_bu *s, uint8_t *out)
{
	uint8_t src[16], dst[16], hao[16];
	a16(src, s->src ? s->src : HT_COA);
	a16(dst, s->dst ? s->dst : HT_HA);
	uint32_t off = 40;
	uint8_t nh = IPPROTO_MH;
	if (s->hao != NULL) {
		a16(hao, s->hao);
		/* DO header: PadN(4) HAO at 6 (8n+6); a second HAO needs 24 more */
		uint8_t *d = out + off;
		uint32_t hl = s->two_hao ? 48 : 24;
		memset(d, 0, hl);
		d[0] = IPPROTO_MH;
		d[1] = (uint8_t)(hl / 8 - 1);
		d[2] = IP6OPT_PADN;
		d[3] = 2;
		d[6] = IP6OPT_HOME_ADDRESS;
		d[7] = 16;
		memcpy(d + 8, hao, 16);
		if (s->two_hao) {
			d[24] = IP6OPT_PADN;
			d[25] = 4;
			d[30] = IP6OPT_HOME_ADDRESS;
			d[31] = 16;
			memcpy(d + 32, hao, 16);
		}
		nh = IPPROTO_DSTOPTS;
		off += hl;
	}
	uint8_t *mh = out + off;
	memset(mh, 0, 64);
	uint32_t q = 12;
	if (s->altcoa != NULL) { /* PadN(2) then Alternate CoA at 14 (8n+6) */
		mh[q] = IP6OPT_PADN;
		mh[q + 1] = 0;
		mh[q + 2] = IP6_MHOPT_ALTCOA;
		mh[q + 3] = 16;
		a16(mh + q + 4, s->altcoa);
		q += 20;
	}
	if (s->nonce) { /* at 2n */
		mh[q] = IP6_MHOPT_NONCEID;
		mh[q + 1] = 4;
		q += 6;
	}
	if (s->unknown_opt) {
		mh[q] = 200;
		mh[q + 1] = 2;
		q += 4;
	}
	if (s->auth_then_pad) {
		mh[q] = IP6_MHOPT_BAUTH;
		mh[q + 1] = 12;
		q += 14;
		mh[q] = IP6_MHOPT_PAD1;
		q += 1;
	}
	if (s->overrun) {
		mh[q] = 200;
		mh[q + 1] = 30; /* runs past the end */
		q += 2;
	}
	uint32_t len = (q + 7) & ~7u;
	if (len < 16 && !s->overrun && s->hdrlen == 0)
		len = 16; /* BU without options: 4 octets of padding (PadN 01 02 00 00) */
	if (len > q) {
		if (len - q == 1) {
			mh[q] = IP6_MHOPT_PAD1;
		} else if (!s->overrun) {
			mh[q] = IP6_MHOPT_PADN;
			mh[q + 1] = (uint8_t)(len - q - 2);
		}
	}
	if (s->hdrlen > 0)
		len = (uint32_t)s->hdrlen * 8; /* forced Header Len (value hdrlen - 1) */
	mh[0] = s->payload_proto ? (uint8_t)s->payload_proto : IPPROTO_NONE;
	mh[1] = (uint8_t)(len / 8 - 1);
	mh[2] = s->type ? s->type : IP6_MH_TYPE_BU;
	uint16_t v = htons(s->seq);
	memcpy(mh + 6, &v, 2);
	v = htons(s->flags);
	memcpy(mh + 8, &v, 2);
	v = htons(s->lifetime);
	memcpy(mh + 10, &v, 2);
	const uint8_t *psrc = (s->hao != NULL && !s->cksum_wire_src) ? hao : src;
	uint16_t ck = dpdk_cksum(psrc, dst, IPPROTO_MH, mh, len);
	if (s->bad_cksum)
		ck ^= 0x5555;
	memcpy(mh + 4, &ck, 2);
	off += len;
	memset(out, 0, 8);
	out[0] = 0x60;
	out[4] = (uint8_t)((off - 40) >> 8);
	out[5] = (uint8_t)(off - 40);
	out[6] = nh;
	out[7] = 64;
	memcpy(out + 8, src, 16);
	memcpy(out + 24, dst, 16);
	return off;
}

static void input_sa(const uint8_t *p, uint32_t len, uint16_t port, bool esp, const char *sa_hoa)
{
	struct hac_pkt_meta m = {.port = port, .esp_ok = esp ? 1 : 0};
	if (esp)
		assert_int_equal(inet_pton(AF_INET6, sa_hoa, m.sa_hoa), 1);
	hac_input(ht_h, &m, p, len);
	ht_pump();
}

void ht_input_raw(const uint8_t *p, uint32_t len, uint16_t port, bool esp)
{
	input_sa(p, len, port, esp, HT_HOA);
}

void ht_send(const struct ht_bu *s)
{
	uint8_t pkt[256];
	uint32_t n = ht_build(s, pkt);
	input_sa(pkt, n, 0, s->esp, s->sa_hoa != NULL ? s->sa_hoa : HT_HOA);
}

void ht_pump(void)
{
	for (int i = 0; i < 64; i++) {
		unsigned int n = npf_mipv6ha_dispatch(0);
		hac_service(ht_h);
		if (n == 0)
			break;
	}
}

void ht_advance(uint64_t ms)
{
	while (ms > 0) {
		uint64_t step = ms > 100 ? 100 : ms;
		tc_now_ms += step;
		ms -= step;
		ht_pump();
	}
}

/* -------------------------------------------------------------- decoder */

bool ht_decode(const struct ht_pkt *p, struct ht_msg *m)
{
	memset(m, 0, sizeof(*m));
	if (p->len < 40 || (p->b[0] >> 4) != 6)
		return false;
	uint32_t plen = (uint32_t)p->b[4] << 8 | p->b[5];
	if (40 + plen != p->len)
		return false;
	memcpy(m->src, p->b + 8, 16);
	memcpy(m->dst, p->b + 24, 16);
	m->hlim = p->b[7];
	uint8_t nh = p->b[6];
	uint32_t off = 40;
	const uint8_t *final = m->dst;
	if (nh == IPPROTO_ROUTING) {
		const uint8_t *r = p->b + off;
		if (r[1] != 2 || r[2] != 2 || r[3] != 1)
			return false;
		m->rh2 = true;
		memcpy(m->rh2_addr, r + 8, 16);
		final = m->rh2_addr;
		nh = r[0];
		off += 24;
	}
	m->proto = nh;
	const uint8_t *u = p->b + off;
	uint32_t ulen = p->len - off;
	m->cksum_ok = dpdk_cksum(m->src, final, nh, u, ulen) == 0 ||
		      dpdk_cksum(m->src, final, nh, u, ulen) == 0xFFFF;
	if (nh == IPPROTO_MH) {
		m->mh_type = u[2];
		m->len_ok = ((uint32_t)u[1] + 1) * 8 == ulen && u[0] == IPPROTO_NONE;
		if (m->mh_type == IP6_MH_TYPE_BACK) {
			m->status = u[6];
			m->ba_flags = u[7];
			m->seq = (uint16_t)(u[8] << 8 | u[9]);
			m->lifetime = (uint16_t)(u[10] << 8 | u[11]);
			for (uint32_t q = 12; q < ulen;) {
				if (u[q] == 0) {
					q++;
					continue;
				}
				if (u[q] == IP6_MHOPT_BREFRESH) {
					m->has_bra = true;
					m->refresh = (uint16_t)(u[q + 2] << 8 | u[q + 3]);
				}
				q += 2u + u[q + 1];
			}
		} else if (m->mh_type == IP6_MH_TYPE_BERROR) {
			m->be_status = u[6];
			memcpy(m->be_hoa, u + 8, 16);
		}
	} else if (nh == IPPROTO_ICMPV6) {
		m->icmp_type = u[0];
		m->icmp_code = u[1];
		m->icmp_ptr =
		    (uint32_t)u[4] << 24 | (uint32_t)u[5] << 16 | (uint32_t)u[6] << 8 | u[7];
	}
	return true;
}

unsigned int ht_count_mh(uint8_t type)
{
	unsigned int n = 0;
	for (unsigned int i = 0; i < ht_nout; i++) {
		struct ht_msg m;
		if (ht_decode(&ht_out[i], &m) && m.proto == IPPROTO_MH &&
		    (type == 255 || m.mh_type == type))
			n++;
	}
	return n;
}

struct ht_msg ht_last_mh(uint8_t type)
{
	struct ht_msg m, found;
	bool ok = false;
	for (unsigned int i = 0; i < ht_nout; i++)
		if (ht_decode(&ht_out[i], &m) && m.proto == IPPROTO_MH && m.mh_type == type) {
			found = m;
			ok = true;
		}
	assert_true(ok);
	assert_true(found.cksum_ok);
	assert_true(found.len_ok);
	return found;
}

struct ht_msg ht_one_ba(void)
{
	assert_int_equal(ht_count_mh(IP6_MH_TYPE_BACK), 1);
	return ht_last_mh(IP6_MH_TYPE_BACK);
}

/* ------------------------------------------------ forwarding-plane view */

bool ht_fp_binding(const char *hoa, NPF_MIPv6HA_BC_Entry_t *out)
{
	NPF_MIPv6HA_SubtunnelIdentifiers_t *ids = NULL;
	uint32_t n = tc_bc_getall(tc.tun, &ids);
	NPF_IPv6Address_t h = tc_a(hoa);
	bool found = false;
	for (uint32_t i = 0; i < n; i++) {
		if (!tc_aeq(&ids[i].HoA, &h))
			continue;
		found = true;
		if (out != NULL)
			assert_int_equal(tc_attr1(tc.tun, ids[i].subtunnelHandle, out),
					 NPF_NO_ERROR);
	}
	free(ids);
	return found;
}

uint32_t ht_fp_bc_count(void)
{
	NPF_MIPv6HA_SubtunnelIdentifiers_t *ids = NULL;
	uint32_t n = tc_bc_getall(tc.tun, &ids);
	free(ids);
	return n;
}

int ht_fp_proxy_state(const char *a)
{
	NPF_IPv6AddrState_t st = 0;
	if (tc_pnd_state1(tc.hl, tc_a(a), &st) != NPF_NO_ERROR)
		return 0;
	return (int)st;
}
