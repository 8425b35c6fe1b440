/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Mobility Header input and Binding Update validation (ha-duties MH-*, HAO-*,
 * RH-*, BU-*, REG-2, BA-*, BE-*), table-driven where the RFC gives a table.
 * Runs with DupAddrDetectTransmits 0, so a first registration completes
 * within one dispatch.
 */
#include <arpa/inet.h>
#include <stdlib.h>

#include "hac_test.h"
#include "mip6_proto.h"

static struct hac_stats st(void)
{
	struct hac_stats s;
	hac_stats_get(ht_h, &s);
	return s;
}

static void register_ok(uint16_t seq)
{
	struct ht_bu b = ht_home_bu(seq);
	ht_send(&b);
	struct ht_msg m = ht_one_ba();
	assert_int_equal(m.status, IP6_MH_BAS_ACCEPTED);
	ht_out_reset();
}

/* MH-2: corrupted checksum => silent drop (conformance 1). */
static void test_MH_2_bad_checksum_silent(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	b.bad_cksum = true;
	ht_send(&b);
	assert_int_equal(ht_nout, 0);
	assert_int_equal(st().drops[HAC_DROP_MH_CHECKSUM], 1);
	assert_int_equal(ht_fp_bc_count(), 0);
}

/* MH-2 / HAO-6: pseudo-header source is the HoA, not the CoA (conformance 2). */
static void test_MH_2_pseudo_source_is_hoa(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	b.cksum_wire_src = true;
	ht_send(&b);
	assert_int_equal(ht_nout, 0);
	assert_int_equal(st().drops[HAC_DROP_MH_CHECKSUM], 1);
	b.cksum_wire_src = false;
	ht_send(&b);
	assert_int_equal(ht_one_ba().status, 0);
}

/* MH-3 / BE-1 / BE-2: unknown type => BE 2 to the wire source, HoA from the HAO. */
static void test_MH_3_unknown_type_be2(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	b.type = 255;
	ht_send(&b);
	assert_int_equal(ht_count_mh(IP6_MH_TYPE_BERROR), 1);
	struct ht_msg m = ht_last_mh(IP6_MH_TYPE_BERROR);
	assert_int_equal(m.be_status, IP6_MH_BES_UNKNOWN_MH);
	assert_true(ht_addr_eq(m.dst, HT_COA));
	assert_true(ht_addr_eq(m.src, HT_HA));
	assert_true(ht_addr_eq(m.be_hoa, HT_HOA));
	assert_false(m.rh2); /* MH-8 */
	/* without a HAO the Home Address field is :: */
	ht_out_reset();
	b.hao = NULL;
	ht_send(&b);
	m = ht_last_mh(IP6_MH_TYPE_BERROR);
	assert_true(ht_addr_eq(m.be_hoa, "::"));
}

/* MH-4: Payload Proto != 59 => Param Problem code 0 at Payload Proto. */
static void test_MH_4_payload_proto(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	b.payload_proto = 6;
	ht_send(&b);
	assert_int_equal(ht_nout, 1);
	struct ht_msg m;
	assert_true(ht_decode(&ht_out[0], &m));
	assert_int_equal(m.proto, IPPROTO_ICMPV6);
	assert_true(m.cksum_ok);
	assert_int_equal(m.icmp_type, ICMP6_PARAM_PROB);
	assert_int_equal(m.icmp_code, 0);
	assert_int_equal(m.icmp_ptr, 40 + 24);  /* IPv6 + DO header */
	assert_true(ht_addr_eq(m.dst, HT_COA)); /* straight to the Source, no RH2 */
	assert_false(m.rh2);
	assert_int_equal(ht_fp_bc_count(), 0);
}

/* MH-5: Header Len below the minimum => Param Problem at Header Len, no BA. */
static void test_MH_5_header_len(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	b.hdrlen = 1; /* Header Len 0: 8 octets */
	ht_send(&b);
	assert_int_equal(ht_count_mh(IP6_MH_TYPE_BACK), 0);
	assert_int_equal(ht_nout, 1);
	struct ht_msg m;
	assert_true(ht_decode(&ht_out[0], &m));
	assert_int_equal(m.icmp_type, ICMP6_PARAM_PROB);
	assert_int_equal(m.icmp_ptr, 40 + 24 + 1);
}

/* MH-6: unknown option skipped; overrun dropped; MH-7: auth data not last. */
static void test_MH_6_7_options(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	b.overrun = true;
	ht_send(&b);
	assert_int_equal(ht_nout, 0);
	assert_int_equal(st().drops[HAC_DROP_MH_OPTION], 1);
	b = ht_home_bu(1);
	b.auth_then_pad = true;
	ht_send(&b);
	assert_int_equal(ht_nout, 0);
	assert_int_equal(st().drops[HAC_DROP_MH_AUTH_NOT_LAST], 1);
	b = ht_home_bu(1);
	b.unknown_opt = true;
	ht_send(&b);
	assert_int_equal(ht_one_ba().status, 0);
}

/* HAO-1, HAO-2, BU-1: bad or duplicated HAO => silent drop. */
static void test_HAO_1_2_BU_1_bad_hao(void **state)
{
	(void)state;
	static const char *bad[] = {"fe80::100", "ff02::1", "::1", "::", "::ffff:10.0.0.1"};
	for (size_t i = 0; i < TC_ARRAY_SIZE(bad); i++) {
		struct ht_bu b = ht_home_bu(1);
		b.hao = bad[i];
		ht_send(&b);
	}
	struct ht_bu b = ht_home_bu(1);
	b.two_hao = true;
	ht_send(&b);
	assert_int_equal(ht_nout, 0);
	assert_int_equal(st().drops[HAC_DROP_HAO_BAD_ADDR], TC_ARRAY_SIZE(bad));
	assert_int_equal(st().drops[HAC_DROP_HAO_DUP], 1);
	/* BU-1 without a HAO: HoA = link-local source */
	b = ht_home_bu(1);
	b.hao = NULL;
	b.src = "fe80::5";
	ht_send(&b);
	assert_int_equal(ht_nout, 0);
	assert_int_equal(st().drops[HAC_DROP_BU_BAD_HOA], 1);
}

/* BU-2 / BA-1: non-routable Alternate CoA => silent drop, no BA (conformance 19). */
static void test_BU_2_bad_coa(void **state)
{
	(void)state;
	static const char *bad[] = {"ff02::1", "fe80::1", "::1", "::", "::ffff:10.0.0.1"};
	for (size_t i = 0; i < TC_ARRAY_SIZE(bad); i++) {
		struct ht_bu b = ht_home_bu(1);
		b.altcoa = bad[i];
		ht_send(&b);
	}
	assert_int_equal(ht_nout, 0);
	assert_int_equal(st().drops[HAC_DROP_BU_BAD_COA], TC_ARRAY_SIZE(bad));
}

/* BU-2, REG-3: the Alternate CoA, not the source, is bound (conformance 21). */
static void test_BU_2_altcoa_used(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	b.altcoa = "2001:db8:2::200";
	ht_send(&b);
	struct ht_msg m = ht_one_ba();
	assert_int_equal(m.status, 0);
	assert_true(ht_addr_eq(m.dst, HT_COA)); /* BA-5: never to the Alternate CoA */
	NPF_MIPv6HA_BC_Entry_t e;
	assert_true(ht_fp_binding(HT_HOA, &e));
	assert_true(ht_addr_eq(e.CoA.addr, "2001:db8:2::200"));
}

/* BU-3: H=1 with Nonce Indices => silent drop (conformance 8). */
static void test_BU_3_nonce_home(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	b.nonce = true;
	ht_send(&b);
	assert_int_equal(ht_nout, 0);
	assert_int_equal(st().drops[HAC_DROP_BU_NONCE_HOME], 1);
}

/* BA-4: BU from a multicast source => no BA (conformance 20). */
static void test_BA_4_multicast_source(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	b.src = "ff0e::1";
	b.altcoa = HT_COA;
	ht_send(&b);
	assert_int_equal(ht_nout, 0);
}

/* BU-4: first BU accepted with any sequence number (conformance 9). */
static void test_BU_4_first_any_seq(void **state)
{
	(void)state;
	register_ok(40000);
	struct hac_binding_info bi;
	uint8_t hoa[16];
	inet_pton(AF_INET6, HT_HOA, hoa);
	assert_int_equal(hac_binding_get(ht_h, hoa, &bi), 0);
	assert_int_equal(bi.seq, 40000); /* BU-9 */
}

/* BU-5, BU-6, BA-3: sequence window (ha-duties §7 cases 10-15). */
static void test_BU_5_6_sequence_window(void **state)
{
	(void)state;
	static const struct {
		uint16_t last, seq;
		bool newer;
	} t[] = {
	    {15, 14, false},    {15, 15, false},       {15, 16, true},        {15, 32782, true},
	    {15, 32783, false}, {32783, 32782, false}, {32783, 32783, false}, {32783, 32784, true},
	    {32783, 14, true},  {32783, 15, false},    {65535, 0, true},      {0, 65535, false},
	};
	uint8_t hoa[16];
	inet_pton(AF_INET6, HT_HOA, hoa);
	for (size_t i = 0; i < TC_ARRAY_SIZE(t); i++) {
		ht_stop();
		ht_start(0, NULL);
		register_ok(t[i].last);
		struct ht_bu b = ht_home_bu(t[i].seq);
		b.altcoa = "2001:db8:2::300";        /* a move: visible when accepted */
		b.flags &= (uint16_t)~IP6_MH_BU_ACK; /* BU-6: whatever the A bit */
		ht_send(&b);
		struct ht_msg m = ht_one_ba();
		struct hac_binding_info bi;
		assert_int_equal(hac_binding_get(ht_h, hoa, &bi), 0);
		if (t[i].newer) {
			assert_int_equal(m.status, 0);
			assert_int_equal(m.seq, t[i].seq);
			assert_int_equal(bi.seq, t[i].seq);
			assert_true(ht_addr_eq(bi.coa, "2001:db8:2::300"));
		} else {
			assert_int_equal(m.status, IP6_MH_BAS_SEQNO_BAD);
			assert_int_equal(m.seq, t[i].last); /* the last accepted */
			assert_int_equal(m.lifetime, 0);
			assert_int_equal(bi.seq, t[i].last);
			assert_true(ht_addr_eq(bi.coa, HT_COA)); /* binding unchanged */
		}
	}
}

/* BU-7: home BCE and H=0 => 139, flag kept (conformance 17). */
static void test_BU_7_type_change(void **state)
{
	(void)state;
	register_ok(1);
	struct ht_bu b = ht_home_bu(2);
	b.flags = IP6_MH_BU_ACK;
	ht_send(&b);
	struct ht_msg m = ht_one_ba();
	assert_int_equal(m.status, IP6_MH_BAS_REG_NOT_ALLOWED);
	assert_int_equal(m.seq, 2);
	assert_true(ht_fp_binding(HT_HOA, NULL));
}

/* BU-8 / SEC-1: IPsec required and missing => silent drop (conformance 22). */
static void ipsec_on(struct hac_config *c)
{
	c->require_ipsec = true;
}
static void test_BU_8_ipsec_required(void **state)
{
	(void)state;
	ht_stop();
	ht_start(0, ipsec_on);
	struct ht_bu b = ht_home_bu(1);
	ht_send(&b);
	assert_int_equal(ht_nout, 0);
	assert_int_equal(st().drops[HAC_DROP_NO_IPSEC], 1);
	b.esp = true;
	ht_send(&b);
	assert_int_equal(ht_one_ba().status, 0);
}

/* SEC-2 / SEC-3: a BU verified under the SA of another mobile node's HoA is
 * silently discarded (BU-8), whatever require-ipsec says. */
static void test_SEC_3_other_hoa_sa(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	b.esp = true;
	b.sa_hoa = "2001:db8:1::200";
	ht_send(&b);
	assert_int_equal(ht_nout, 0);
	assert_int_equal(st().drops[HAC_DROP_SA_HOA], 1);
	assert_false(ht_fp_binding(HT_HOA, NULL));
	b.sa_hoa = HT_HOA;
	ht_send(&b);
	assert_int_equal(ht_one_ba().status, 0);
}

/* Table of REG-2 / REG-7 refusals and their status (conformance 28-30, 69). */
static void ha_off(struct hac_config *c)
{
	c->ha_disabled = true;
}
static void acl_other(struct hac_config *c)
{
	c->n_acl = 1;
	inet_pton(AF_INET6, "2001:db8:1::200", c->acl[0].prefix);
	c->acl[0].len = 120;
}
static void one_binding(struct hac_config *c)
{
	c->max_bindings = 1;
}
static void test_REG_2_REG_7_status_table(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		void (*tweak)(struct hac_config *c);
		const char *hao, *altcoa;
		uint8_t status;
	} t[] = {
	    {"REG-2(1) not HA", ha_off, HT_HOA, NULL, IP6_MH_BAS_HA_NOT_SUPPORTED},
	    {"REG-2(2) off-link", NULL, "2001:db8:9::1", NULL, IP6_MH_BAS_NOT_HOME_SUBNET},
	    {"REG-2(3) policy", acl_other, HT_HOA, NULL, IP6_MH_BAS_PROHIBIT},
	    {"REG-2(3) acl permits", acl_other, "2001:db8:1::2ff", NULL, IP6_MH_BAS_ACCEPTED},
	    {"REG-7 CoA is the HA", NULL, HT_HOA, "2001:db8:1::2", IP6_MH_BAS_UNSPECIFIED},
	    {"REG-2(3) resources", one_binding, "2001:db8:1::101", NULL, IP6_MH_BAS_INSUFFICIENT},
	};
	for (size_t i = 0; i < TC_ARRAY_SIZE(t); i++) {
		ht_stop();
		ht_start(0, t[i].tweak);
		if (t[i].tweak == one_binding)
			register_ok(1);
		for (int a = 0; a < 2; a++) { /* REG-5: with A=1 and A=0 */
			ht_out_reset();
			struct ht_bu b = ht_home_bu((uint16_t)(7 + a));
			b.hao = t[i].hao;
			b.altcoa = t[i].altcoa;
			if (a == 1)
				b.flags &= (uint16_t)~IP6_MH_BU_ACK;
			ht_send(&b);
			struct ht_msg m = ht_one_ba();
			if (m.status != t[i].status)
				fail_msg("%s: status %u, want %u", t[i].name, m.status,
					 t[i].status);
			assert_int_equal(m.seq, 7 + a);
			if (m.status >= 128) {
				assert_int_equal(m.lifetime, 0);
				assert_true(ht_addr_eq(m.rh2_addr, t[i].hao)); /* BA-5 */
			}
		}
	}
}

/* REG-2 (4): home registration from away without HAO => silent (decision 2). */
static void test_REG_2_no_hao_silent(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	b.hao = NULL;
	b.src = HT_HOA;
	b.altcoa = HT_COA;
	ht_send(&b);
	assert_int_equal(ht_nout, 0);
	assert_int_equal(st().drops[HAC_DROP_BU_NO_HAO], 1);
}

/* BA-5, BA-7, RH-1: BA to the BU source from the address it was sent to, RH2 = HoA,
 * checksum over (HA, HoA) (conformance 32). */
static void test_BA_5_7_addressing_checksum(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(9);
	b.dst = "2001:db8:1::2";
	ht_send(&b);
	struct ht_msg m = ht_one_ba();
	assert_true(ht_addr_eq(m.src, "2001:db8:1::2"));
	assert_true(ht_addr_eq(m.dst, HT_COA));
	assert_true(m.rh2);
	assert_true(ht_addr_eq(m.rh2_addr, HT_HOA));
	assert_true(m.cksum_ok); /* decoder uses the RH2 address as destination */
	assert_int_equal(ht_out[0].port, HAC_PORT_ROUTE);
	assert_int_equal(m.ba_flags & IP6_MH_BA_KEYM, 0); /* LT-8: manual keys => K=0 */
	/* the same bytes do not verify over the wire destination */
	struct ht_pkt p = ht_out[0];
	memcpy(p.b + 40 + 8, p.b + 24, 16); /* pretend the RH2 held the CoA */
	struct ht_msg m2;
	assert_true(ht_decode(&p, &m2));
	assert_false(m2.cksum_ok);
}

/* BA-8: a rejected BU from an on-link MN leaves through the arrival port. */
static void test_BA_8_reject_on_link(void **state)
{
	(void)state;
	struct ht_bu b = ht_home_bu(1);
	b.hao = NULL;
	b.src = "2001:db8:1::150";
	b.lifetime = 0; /* de-registration without binding: 133 */
	uint8_t pkt[256];
	uint32_t n = ht_build(&b, pkt);
	ht_input_raw(pkt, n, 3, false);
	struct ht_msg m = ht_one_ba();
	assert_int_equal(m.status, IP6_MH_BAS_NOT_HA); /* DEREG-2 */
	assert_false(m.rh2);
	assert_true(ht_addr_eq(m.dst, "2001:db8:1::150"));
	assert_int_equal(ht_out[0].port, 3);
}

/* HAO-3, HAO-5: HAO on a non-MH packet without a binding => BE 1 (conformance 85). */
static uint32_t icmp_with_hao(uint8_t *p, const char *src, const char *hoa)
{
	memset(p, 0, 72);
	p[0] = 0x60;
	p[5] = 32;
	p[6] = IPPROTO_DSTOPTS;
	p[7] = 64;
	inet_pton(AF_INET6, src, p + 8);
	inet_pton(AF_INET6, HT_HA, p + 24);
	uint8_t *d = p + 40;
	d[0] = IPPROTO_ICMPV6;
	d[1] = 2;
	d[2] = 1;
	d[3] = 2;
	d[6] = IP6OPT_HOME_ADDRESS;
	d[7] = 16;
	inet_pton(AF_INET6, hoa, d + 8);
	p[64] = ICMP6_ECHO_REQUEST;
	return 72;
}
static void test_HAO_3_5_be1(void **state)
{
	(void)state;
	uint8_t p[72];
	uint32_t n = icmp_with_hao(p, HT_COA, HT_HOA);
	ht_input_raw(p, n, 0, false);
	struct ht_msg m = ht_last_mh(IP6_MH_TYPE_BERROR);
	assert_int_equal(m.be_status, IP6_MH_BES_UNKNOWN_HAO);
	assert_true(ht_addr_eq(m.dst, HT_COA));
	assert_true(ht_addr_eq(m.be_hoa, HT_HOA));
	/* with the binding in place (HoA, CoA = source) the packet is accepted */
	register_ok(1);
	ht_input_raw(p, n, 0, false);
	assert_int_equal(ht_count_mh(IP6_MH_TYPE_BERROR), 0);
	/* from another source: BE 1 again */
	n = icmp_with_hao(p, "2001:db8:2::999", HT_HOA);
	ht_input_raw(p, n, 0, false);
	assert_int_equal(ht_count_mh(IP6_MH_TYPE_BERROR), 1);
	/* HAO-4: IPsec-protected with an HoA we serve: no binding test */
	ht_out_reset();
	n = icmp_with_hao(p, HT_COA, "2001:db8:1::777");
	ht_input_raw(p, n, 0, true);
	assert_int_equal(ht_count_mh(IP6_MH_TYPE_BERROR), 0);
}

/* BE-3: Binding Errors are rate limited (conformance 87). */
static void slow_be(struct hac_config *c)
{
	c->be_rate_per_s = 2;
}
static void test_BE_3_rate_limit(void **state)
{
	(void)state;
	ht_stop();
	ht_start(0, slow_be);
	struct ht_bu b = ht_home_bu(1);
	b.type = 200;
	for (int i = 0; i < 10; i++)
		ht_send(&b);
	assert_int_equal(ht_count_mh(IP6_MH_TYPE_BERROR), 2);
	assert_int_equal(st().drops[HAC_DROP_RATE_LIMITED], 8);
	ht_advance(1000);
	ht_send(&b);
	assert_int_equal(ht_count_mh(IP6_MH_TYPE_BERROR), 3);
}

/* RH-2: a type 2 routing header with segments left reaching the HA is dropped. */
static void test_RH_2_dropped(void **state)
{
	(void)state;
	uint8_t p[64 + 16];
	memset(p, 0, sizeof(p));
	p[0] = 0x60;
	p[5] = 24 + 16;
	p[6] = IPPROTO_ROUTING;
	p[7] = 64;
	inet_pton(AF_INET6, HT_COA, p + 8);
	inet_pton(AF_INET6, HT_HA, p + 24);
	p[40] = IPPROTO_MH;
	p[41] = 2;
	p[42] = 2;
	p[43] = 1;
	inet_pton(AF_INET6, HT_HOA, p + 48);
	ht_input_raw(p, sizeof(p), 0, false);
	assert_int_equal(ht_nout, 0);
	assert_int_equal(st().drops[HAC_DROP_RH2], 1);
}

/* Robustness: truncations and random corruption are counted drops, never crashes. */
static void test_malformed_never_crash(void **state)
{
	(void)state;
	uint8_t pkt[256], q[256];
	struct ht_bu b = ht_home_bu(1);
	b.altcoa = "2001:db8:2::5";
	uint32_t n = ht_build(&b, pkt);
	for (uint32_t l = 0; l < n; l++)
		ht_input_raw(pkt, l, 0, false);
	uint64_t s = 12345;
	for (int i = 0; i < 3000; i++) {
		memcpy(q, pkt, n);
		int flips = 1 + (int)(tc_rand(&s) % 4);
		for (int f = 0; f < flips; f++)
			q[tc_rand(&s) % n] = (uint8_t)tc_rand(&s);
		ht_input_raw(q, n, 0, false);
	}
	struct hac_stats x = st();
	uint64_t drops = 0;
	for (int i = 0; i < HAC_DROP_MAX; i++)
		drops += x.drops[i];
	assert_true(drops > 0);
	assert_true(x.rx_pkts == n + 3000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_MH_2_bad_checksum_silent, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_MH_2_pseudo_source_is_hoa, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_MH_3_unknown_type_be2, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_MH_4_payload_proto, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_MH_5_header_len, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_MH_6_7_options, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_HAO_1_2_BU_1_bad_hao, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_BU_2_bad_coa, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_BU_2_altcoa_used, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_BU_3_nonce_home, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_BA_4_multicast_source, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_BU_4_first_any_seq, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_BU_5_6_sequence_window, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_BU_7_type_change, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_BU_8_ipsec_required, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_SEC_3_other_hoa_sa, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_REG_2_REG_7_status_table, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_REG_2_no_hao_silent, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_BA_5_7_addressing_checksum, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_BA_8_reject_on_link, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_HAO_3_5_be1, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_BE_3_rate_limit, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_RH_2_dropped, ht_setup, ht_teardown),
	    cmocka_unit_test_setup_teardown(test_malformed_never_crash, ht_setup, ht_teardown),
	};
	return cmocka_run_group_tests(tests, ht_group_setup, ht_group_teardown);
}
