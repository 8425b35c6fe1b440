/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/ipsec: SA validation and API misuse, ESP transport and tunnel round
 * trips for every algorithm, anti-replay window, ICV tampering, selectors.
 * Interoperation with independent implementations is in test_esp.py.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "ips.h"
#include "test_common.h"

#define HOA "2001:db8:1::100"
#define HA "2001:db8:1::1"
#define COA "2001:db8:2::100"
#define CN "2001:db8:3::10"

static const uint8_t key[32] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb,
				0xcc, 0xdd, 0xee, 0xff, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
				0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x12};
/* enc / auth key octets per algorithm */
static const uint8_t klen[IPS_ALG_MAX][2] = {
    [IPS_AES128_GCM] = {20, 0},
    [IPS_AES128_CBC_HMAC_SHA1_96] = {16, 20},
    [IPS_AES256_CBC_HMAC_SHA256_128] = {32, 32},
    [IPS_3DES_CBC_HMAC_SHA1_96] = {24, 20},
    [IPS_NULL_HMAC_SHA1_96] = {0, 20},
    [IPS_AES128_CBC_HMAC_SHA256_128] = {16, 32},
};

static void a16(uint8_t *o, const char *s)
{
	assert_int_equal(inet_pton(AF_INET6, s, o), 1);
}

static struct ips_sa_conf conf(enum ips_alg alg, uint32_t spi, bool in, enum ips_traffic t,
			       const char *hoa)
{
	struct ips_sa_conf c;

	memset(&c, 0, sizeof(c));
	c.spi = spi;
	c.inbound = in;
	c.traffic = t;
	c.alg = alg;
	a16(c.hoa, hoa);
	c.enc_key_len = klen[alg][0];
	c.auth_key_len = klen[alg][1];
	c.enc_key = key;
	c.auth_key = key;
	return c;
}

/* IPv6(HA -> CoA) | RH2(HoA) | MH (a BA), or without RH2 / with ICMPv6. */
static uint32_t build(uint8_t *p, bool rh2, uint8_t ul, const char *src, const char *dst,
		      uint8_t fill)
{
	uint32_t off = 40;

	memset(p, 0, 40);
	p[0] = 0x60;
	p[6] = rh2 ? IPPROTO_ROUTING : ul;
	p[7] = 64;
	a16(p + 8, src);
	a16(p + 24, dst);
	if (rh2) {
		memset(p + 40, 0, 24);
		p[40] = ul;
		p[41] = 2;
		p[42] = 2;
		p[43] = 1;
		a16(p + 48, HOA);
		off += 24;
	}
	memset(p + off, fill, 16);
	p[off] = ul == 135 ? 59 : 147; /* MH payload proto, or ICMPv6 type MPA */
	p[off + 1] = 1;
	off += 16;
	p[4] = (uint8_t)((off - 40) >> 8);
	p[5] = (uint8_t)(off - 40);
	return off;
}

static uint64_t drops(enum ips_drop r)
{
	struct ips_stats s;

	ips_stats_get(&s);
	return s.drops[r];
}

static int setup(void **state)
{
	(void)state;
	tc_eal_init("0");
	return ips_init(NULL);
}

static int teardown(void **state)
{
	(void)state;
	ips_fini();
	return 0;
}

static void test_all_algorithms_supported(void **state)
{
	(void)state;
	for (int a = 0; a < IPS_ALG_MAX; a++)
		assert_true(ips_alg_supported(a));
	assert_false(ips_alg_supported(IPS_ALG_MAX));
	assert_string_equal(ips_alg_name(IPS_AES128_GCM), "aes-128-gcm");
}

static void test_sa_check_rejects(void **state)
{
	struct ips_sa_conf c = conf(IPS_AES128_CBC_HMAC_SHA1_96, 300, true, IPS_TR_SIGNALLING, HOA);
	char err[160];

	(void)state;
	assert_int_equal(ips_sa_check(&c, err, sizeof(err)), 0);
	c.spi = 255; /* RFC 4303 2.1 */
	assert_int_equal(ips_sa_check(&c, err, sizeof(err)), -EINVAL);
	c.spi = 300;
	c.enc_key_len = 24;
	assert_int_equal(ips_sa_check(&c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "encryption key length"));
	c.enc_key_len = 16;
	c.auth_key_len = 32;
	assert_int_equal(ips_sa_check(&c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "authentication key length"));
	c.auth_key_len = 20;
	c.traffic = IPS_TR_PAYLOAD;
	assert_int_equal(ips_sa_check(&c, err, sizeof(err)), -ENOTSUP);
	assert_int_equal(ips_sa_check(NULL, NULL, 0), -EINVAL);
	assert_int_equal(ips_sa_add(&c), -ENOTSUP);
	c.traffic = IPS_TR_SIGNALLING;
	c.alg = IPS_ALG_MAX;
	assert_int_equal(ips_sa_check(&c, NULL, 0), -EINVAL);
}

static void test_sa_duplicates_and_delete(void **state)
{
	struct ips_sa_conf in = conf(IPS_AES128_GCM, 1000, true, IPS_TR_SIGNALLING, HOA);
	struct ips_sa_conf in2 = conf(IPS_AES128_GCM, 1000, true, IPS_TR_SIGNALLING, CN);
	struct ips_sa_conf out = conf(IPS_AES128_GCM, 1001, false, IPS_TR_SIGNALLING, HOA);
	struct ips_sa_conf out2 = conf(IPS_AES128_GCM, 1002, false, IPS_TR_SIGNALLING, HOA);
	uint8_t hoa[16];

	(void)state;
	a16(hoa, HOA);
	assert_int_equal(ips_sa_add(&in), 0);
	assert_int_equal(ips_sa_add(&in2), -EEXIST); /* inbound: SPI alone */
	assert_int_equal(ips_sa_add(&out), 0);
	assert_int_equal(ips_sa_add(&out2), -EEXIST); /* one per HoA and traffic */
	assert_true(ips_has_out_sa(hoa, IPS_TR_SIGNALLING));
	assert_false(ips_has_out_sa(hoa, IPS_TR_PREFIX_DISCOVERY));
	assert_int_equal(ips_sa_del(hoa, 1000, false), -ENOENT);
	assert_int_equal(ips_sa_del(hoa, 1000, true), 0);
	assert_int_equal(ips_sa_del(hoa, 1000, true), -ENOENT);
	assert_int_equal(ips_sa_add(&in2), 0);
	assert_int_equal(ips_sa_del_hoa(hoa), 1);
	assert_false(ips_has_out_sa(hoa, IPS_TR_SIGNALLING));
}

/* BA-6: IPv6 | RH2 | ESP | MH, and back, for every transform. */
static void test_transport_round_trip_all_algorithms(void **state)
{
	(void)state;
	for (int a = 0; a < IPS_ALG_MAX; a++) {
		struct ips_sa_conf out = conf(a, 0x1000 + a, false, IPS_TR_SIGNALLING, HOA);
		struct ips_sa_conf in = conf(a, 0x1000 + a, true, IPS_TR_SIGNALLING, HOA);
		uint8_t p[256], e[512], d[512];
		struct ips_rx rx;
		uint32_t n = build(p, true, 135, HA, COA, (uint8_t)a);
		int en, dn;

		assert_int_equal(ips_sa_add(&out), 0);
		assert_int_equal(ips_sa_add(&in), 0);
		en = ips_esp_output(p, n, e, sizeof(e));
		assert_true(en > (int)n);
		assert_int_equal(e[6], IPPROTO_ROUTING); /* IPv6 | RH2 | ESP */
		assert_int_equal(e[40], IPPROTO_ESP);
		assert_memory_equal(e + 48, p + 48, 16);
		assert_int_equal(e[64] << 24 | e[65] << 16 | e[66] << 8 | e[67], 0x1000 + a);
		assert_int_equal(e[71], 1); /* first sequence number */
		assert_int_equal(e[4] << 8 | e[5], en - 40);
		if (a != IPS_NULL_HMAC_SHA1_96) /* the MH is not in the clear */
			assert_null(memmem(e + 64, (size_t)en - 64, p + 64, 16));
		dn = ips_esp_input(e, (uint32_t)en, d, sizeof(d), &rx);
		assert_int_equal(dn, (int)n);
		assert_memory_equal(d, p, n);
		assert_int_equal(rx.spi, 0x1000 + a);
		assert_false(rx.tunnel);
		assert_memory_equal(rx.hoa, out.hoa, 16);
		assert_int_equal(ips_sa_del_hoa(out.hoa), 2);
	}
}

/* RFC 4303 3.4.3: replayed packets are dropped and counted; the window
 * (IPS_REPLAY_WINDOW >= 64) takes packets out of order within it. */
static void test_replay_window(void **state)
{
	struct ips_sa_conf out = conf(IPS_AES128_GCM, 4000, false, IPS_TR_SIGNALLING, HOA);
	struct ips_sa_conf in = conf(IPS_AES128_GCM, 4000, true, IPS_TR_SIGNALLING, HOA);
	static uint8_t e[IPS_REPLAY_WINDOW + 10][256];
	int en[IPS_REPLAY_WINDOW + 10];
	uint8_t p[256], d[512];
	struct ips_rx rx;
	uint32_t n = build(p, true, 135, HA, COA, 7);
	uint64_t r0 = drops(IPS_DROP_REPLAY);

	(void)state;
	assert_true(IPS_REPLAY_WINDOW >= 64);
	assert_int_equal(ips_sa_add(&out), 0);
	assert_int_equal(ips_sa_add(&in), 0);
	for (int i = 0; i < IPS_REPLAY_WINDOW + 10; i++)
		en[i] = ips_esp_output(p, n, e[i], sizeof(e[i]));
	assert_int_equal(ips_esp_input(e[0], (uint32_t)en[0], d, sizeof(d), &rx), (int)n);
	assert_int_equal(ips_esp_input(e[0], (uint32_t)en[0], d, sizeof(d), &rx), -EALREADY);
	assert_int_equal(drops(IPS_DROP_REPLAY), r0 + 1);
	/* sequence 74, then 10 (64 behind): accepted out of order */
	assert_int_equal(ips_esp_input(e[73], (uint32_t)en[73], d, sizeof(d), &rx), (int)n);
	assert_int_equal(ips_esp_input(e[9], (uint32_t)en[9], d, sizeof(d), &rx), (int)n);
	/* the last one; then sequence 2 is left of the window */
	int last = IPS_REPLAY_WINDOW + 9;
	assert_int_equal(ips_esp_input(e[last], (uint32_t)en[last], d, sizeof(d), &rx), (int)n);
	assert_int_equal(ips_esp_input(e[1], (uint32_t)en[1], d, sizeof(d), &rx), -EALREADY);
	assert_int_equal(drops(IPS_DROP_REPLAY), r0 + 2);
	ips_sa_del_hoa(out.hoa);
}

/* RFC 4303 3.4.4: a changed ICV, ciphertext or ESP header fails the check,
 * is counted, and does not move the window. */
static void test_tampered_icv(void **state)
{
	(void)state;
	for (int a = 0; a < IPS_ALG_MAX; a++) {
		struct ips_sa_conf out = conf(a, 5000, false, IPS_TR_SIGNALLING, HOA);
		struct ips_sa_conf in = conf(a, 5000, true, IPS_TR_SIGNALLING, HOA);
		uint8_t p[256], e[512], t[512], d[512];
		struct ips_rx rx;
		uint32_t n = build(p, false, 135, HA, HOA, 3);
		uint64_t a0 = drops(IPS_DROP_AUTH);
		int en;

		assert_int_equal(ips_sa_add(&out), 0);
		assert_int_equal(ips_sa_add(&in), 0);
		en = ips_esp_output(p, n, e, sizeof(e));
		for (int where = 0; where < 3; where++) {
			memcpy(t, e, (size_t)en);
			t[where == 0 ? en - 1 : where == 1 ? en - 20 : 46] ^= 0x01;
			assert_int_equal(ips_esp_input(t, (uint32_t)en, d, sizeof(d), &rx),
					 -EBADMSG);
		}
		assert_int_equal(drops(IPS_DROP_AUTH), a0 + 3);
		assert_int_equal(ips_esp_input(e, (uint32_t)en, d, sizeof(d), &rx), (int)n);
		ips_sa_del_hoa(out.hoa);
	}
}

/* SEC-2 / SEC-5: the decrypted upper layer must be the SA's traffic. */
static void test_selectors(void **state)
{
	struct ips_sa_conf out =
	    conf(IPS_NULL_HMAC_SHA1_96, 6000, false, IPS_TR_PREFIX_DISCOVERY, HOA);
	struct ips_sa_conf in = conf(IPS_NULL_HMAC_SHA1_96, 6000, true, IPS_TR_SIGNALLING, HOA);
	uint8_t p[256], e[512], d[512];
	struct ips_rx rx;
	uint32_t n = build(p, true, IPPROTO_ICMPV6, HA, COA, 0);
	uint64_t s0 = drops(IPS_DROP_SELECTOR), n0 = drops(IPS_DROP_NO_SA);
	int en;

	(void)state;
	assert_int_equal(ips_sa_add(&out), 0);
	assert_int_equal(ips_sa_add(&in), 0);
	en = ips_esp_output(p, n, e, sizeof(e)); /* an MPA under the prefix-discovery SA */
	assert_true(en > 0);
	assert_int_equal(ips_esp_input(e, (uint32_t)en, d, sizeof(d), &rx), -EPERM);
	assert_int_equal(drops(IPS_DROP_SELECTOR), s0 + 1);
	e[67] ^= 0xff; /* unknown SPI */
	assert_int_equal(ips_esp_input(e, (uint32_t)en, d, sizeof(d), &rx), -ENOENT);
	assert_int_equal(drops(IPS_DROP_NO_SA), n0 + 1);
	/* ICMPv6 other than MPA, and other protocols, have no SA: sent as they are */
	p[64] = 128;
	assert_int_equal(ips_esp_output(p, n, e, sizeof(e)), -ENOENT);
	/* not ESP at all, and garbage */
	assert_int_equal(ips_esp_input(p, n, d, sizeof(d), &rx), -ENOMSG);
	assert_int_equal(ips_esp_input(p, 20, d, sizeof(d), &rx), -ENOMSG);
	assert_int_equal(ips_esp_input(NULL, 20, d, sizeof(d), &rx), -EINVAL);
	ips_sa_del_hoa(out.hoa);
}

/* SEC-4: tunnel mode, outer addresses given per packet (they follow the
 * binding); the inner packet must come from the SA's HoA. */
static void test_tunnel_round_trip(void **state)
{
	/* HoTI: inner HoA -> CN; the outbound SA is keyed by the inner destination */
	struct ips_sa_conf out =
	    conf(IPS_AES128_CBC_HMAC_SHA1_96, 7000, false, IPS_TR_RETURN_ROUTABILITY, CN);
	struct ips_sa_conf in =
	    conf(IPS_AES128_CBC_HMAC_SHA1_96, 7000, true, IPS_TR_RETURN_ROUTABILITY, HOA);
	uint8_t p[256], e[512], d[512], src[16], dst[16];
	struct ips_rx rx;
	uint32_t n = build(p, false, 135, HOA, CN, 1);
	int en;

	(void)state;
	a16(src, COA);
	a16(dst, HA);
	assert_int_equal(ips_sa_add(&out), 0);
	assert_int_equal(ips_sa_add(&in), 0);
	en = ips_esp_tunnel_output(p, n, src, dst, e, sizeof(e));
	assert_true(en > (int)(n + 40));
	assert_int_equal(e[6], IPPROTO_ESP);
	assert_memory_equal(e + 8, src, 16);
	assert_memory_equal(e + 24, dst, 16);
	assert_int_equal(e[4] << 8 | e[5], en - 40);
	assert_int_equal(ips_esp_input(e, (uint32_t)en, d, sizeof(d), &rx), (int)n);
	assert_true(rx.tunnel);
	assert_memory_equal(d, p, n);
	/* an inner source other than the SA's HoA is refused */
	a16(p + 8, "2001:db8:1::999");
	en = ips_esp_tunnel_output(p, n, src, dst, e, sizeof(e));
	assert_int_equal(ips_esp_input(e, (uint32_t)en, d, sizeof(d), &rx), -EPERM);
	ips_sa_del_hoa(out.hoa);
	ips_sa_del_hoa(in.hoa);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_all_algorithms_supported),
	    cmocka_unit_test(test_sa_check_rejects),
	    cmocka_unit_test(test_sa_duplicates_and_delete),
	    cmocka_unit_test(test_transport_round_trip_all_algorithms),
	    cmocka_unit_test(test_replay_window),
	    cmocka_unit_test(test_tampered_icv),
	    cmocka_unit_test(test_selectors),
	    cmocka_unit_test(test_tunnel_round_trip),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
