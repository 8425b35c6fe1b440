/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Parser of the forwarding plane (lib/fastpath/fp_parse.c) over valid,
 * truncated and malformed header chains. Every truncated copy lives in a
 * heap buffer of exactly its length, so a read past the end is caught by
 * AddressSanitizer in the sanitizer run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fp_parse.h"

static uint8_t pkt[256];
static uint32_t pkt_len;

/* Offsets in the reference packet. */
enum {
	OFF_L3 = 18,            /* after Ethernet + one VLAN tag */
	OFF_HBH = OFF_L3 + 40,  /* Hop-by-Hop, 8 bytes, PadN */
	OFF_DO1 = OFF_HBH + 8,  /* Destination Options: encapsulation limit, 8 bytes */
	OFF_FRAG = OFF_DO1 + 8, /* Fragment header (first fragment), 8 bytes */
	OFF_DO2 = OFF_FRAG + 8, /* Destination Options: HAO, 24 bytes */
	OFF_RH = OFF_DO2 + 24,  /* Type 2 routing header, 24 bytes */
	OFF_UDP = OFF_RH + 24,  /* UDP + 8 bytes of data */
	REF_LEN = OFF_UDP + 16,
};

/*
 * Ethernet | 802.1Q | IPv6 | HBH | DO(limit 3) | Frag | DO(HAO) | RH2 | UDP.
 * (An odd chain for a real packet; it exercises every header kind at once.)
 */
static void build_reference(void)
{
	uint8_t *p = pkt;

	memset(pkt, 0, sizeof(pkt));
	memcpy(p, "\x02\0\0\0\0\1\x02\0\0\0\0\2\x81\x00\x00\x05\x86\xdd", 18);
	p = pkt + OFF_L3;
	p[0] = 0x60;
	p[4] = (REF_LEN - OFF_L3 - 40) >> 8;
	p[5] = (REF_LEN - OFF_L3 - 40) & 0xff;
	p[6] = FP_NH_HOPOPTS;
	p[7] = 64;
	p[8] = 0x20, p[9] = 0x01, p[10] = 0x0d, p[11] = 0xb8, p[23] = 1;
	p[24] = 0x20, p[25] = 0x01, p[26] = 0x0d, p[27] = 0xb8, p[39] = 2;
	/* HBH: PadN of 4 */
	p = pkt + OFF_HBH;
	p[0] = FP_NH_DSTOPTS, p[1] = 0, p[2] = FP_OPT_PADN, p[3] = 4;
	/* DO: encapsulation limit 3 + PadN 1 */
	p = pkt + OFF_DO1;
	p[0] = FP_NH_FRAGMENT, p[1] = 0, p[2] = FP_OPT_TUNNEL_ENCAP_LIMIT, p[3] = 1, p[4] = 3;
	p[5] = FP_OPT_PADN, p[6] = 1, p[7] = 0;
	/* Fragment: offset 0, M=1 */
	p = pkt + OFF_FRAG;
	p[0] = FP_NH_DSTOPTS, p[3] = 1, p[7] = 0x42;
	/* DO: PadN 4 (2+2), HAO (2+16), i.e. 2 + 4 + 18 = 24 bytes */
	p = pkt + OFF_DO2;
	p[0] = FP_NH_ROUTING, p[1] = 2, p[2] = FP_OPT_PADN, p[3] = 2;
	p[6] = FP_OPT_HOME_ADDRESS, p[7] = 16;
	memcpy(p + 8, "\x20\x01\x0d\xb8\0\1\0\0\0\0\0\0\0\0\1\0", 16);
	/* RH2: Hdr Ext Len 2, type 2, segments left 1, reserved, address */
	p = pkt + OFF_RH;
	p[0] = FP_NH_UDP, p[1] = 2, p[2] = 2, p[3] = 1;
	memcpy(p + 8, "\x20\x01\x0d\xb8\0\1\0\0\0\0\0\0\0\0\1\0", 16);
	/* UDP */
	p = pkt + OFF_UDP;
	p[1] = 7, p[3] = 9, p[5] = 16;
	pkt_len = REF_LEN;
}

static int parse_exact(const uint8_t *src, uint32_t len, struct fp_parsed *out)
{
	uint8_t *b = malloc(len ? len : 1);
	int r;

	memcpy(b, src, len);
	r = fp_parse_eth(b, len, out);
	free(b);
	return r;
}

static int setup(void **state)
{
	(void)state;
	build_reference();
	return 0;
}

static void test_reference_chain(void **state)
{
	struct fp_parsed pp;

	(void)state;
	assert_int_equal(parse_exact(pkt, pkt_len, &pp), FP_DROP_OK);
	assert_int_equal(pp.l3, OFF_L3);
	assert_int_equal(pp.l4, OFF_UDP);
	assert_int_equal(pp.proto, FP_NH_UDP);
	assert_int_equal(pp.ip_len, REF_LEN - OFF_L3);
	assert_true(pp.flags & FP_P_VLAN);
	assert_true(pp.flags & FP_P_FRAG);
	assert_true(pp.flags & FP_P_RH2);
	assert_true(pp.flags & FP_P_HAO);
	assert_int_equal(pp.hao_off, OFF_DO2 + 8);
	assert_true(pp.flags & FP_P_ENCAP_LIMIT);
	assert_int_equal(pp.limit, 3);
	assert_int_equal(pp.limit_off, OFF_DO1 + 4);
	assert_int_equal(pp.nexthdrs, 5);
}

/* Every prefix of the packet is a truncated packet: never accepted, never
 * read past its end (ASan), and the reason is one of the truncation ones. */
static void test_every_truncation(void **state)
{
	struct fp_parsed pp;

	(void)state;
	for (uint32_t len = 0; len < pkt_len; len++) {
		int r = parse_exact(pkt, len, &pp);

		if (r == FP_DROP_OK)
			fail_msg("truncated to %u of %u bytes but accepted", len, pkt_len);
		if (r != FP_DROP_TRUNC_ETH && r != FP_DROP_TRUNC_IPV6 &&
		    r != FP_DROP_BAD_PAYLOAD_LEN)
			fail_msg("truncated to %u bytes: reason %s", len, fp_drop_name(r));
	}
}

/* Trailing bytes (Ethernet padding) beyond the payload length are fine. */
static void test_trailing_padding(void **state)
{
	struct fp_parsed pp;

	(void)state;
	assert_int_equal(parse_exact(pkt, pkt_len + 20, &pp), FP_DROP_OK);
	assert_int_equal(pp.ip_len, REF_LEN - OFF_L3);
}

/* A payload length that claims less than the headers hold cuts the chain:
 * each extension header running past the payload end is refused. */
static void test_short_payload_length_cuts_chain(void **state)
{
	static const uint32_t ends[] = {OFF_HBH + 4, OFF_DO1 + 7, OFF_FRAG + 4, OFF_DO2 + 20,
					OFF_RH + 8};
	struct fp_parsed pp;

	(void)state;
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		uint32_t plen = ends[i] - OFF_L3 - 40;

		build_reference();
		pkt[OFF_L3 + 4] = (uint8_t)(plen >> 8);
		pkt[OFF_L3 + 5] = (uint8_t)plen;
		assert_int_equal(parse_exact(pkt, pkt_len, &pp), FP_DROP_TRUNC_EXTHDR);
	}
	build_reference();
}

/* Header length fields that run past the end of the packet. */
static void test_exthdr_length_past_end(void **state)
{
	static const uint32_t len_field[] = {OFF_HBH + 1, OFF_DO1 + 1, OFF_DO2 + 1, OFF_RH + 1};
	struct fp_parsed pp;

	(void)state;
	for (size_t i = 0; i < sizeof(len_field) / sizeof(len_field[0]); i++) {
		build_reference();
		pkt[len_field[i]] = 0xff; /* (255 + 1) * 8 bytes */
		assert_int_equal(parse_exact(pkt, pkt_len, &pp), FP_DROP_TRUNC_EXTHDR);
	}
	build_reference();
}

/* An option whose length runs past its header; a bad limit/HAO length. */
static void test_option_overruns(void **state)
{
	struct fp_parsed pp;

	(void)state;
	pkt[OFF_HBH + 3] = 5; /* PadN of 5 in 6 bytes of room */
	assert_int_equal(parse_exact(pkt, pkt_len, &pp), FP_DROP_BAD_OPTION);
	build_reference();
	pkt[OFF_DO1 + 3] = 2; /* encapsulation limit option must have length 1 */
	assert_int_equal(parse_exact(pkt, pkt_len, &pp), FP_DROP_BAD_OPTION);
	build_reference();
	pkt[OFF_DO2 + 7] = 15; /* HAO must have length 16 */
	assert_int_equal(parse_exact(pkt, pkt_len, &pp), FP_DROP_BAD_OPTION);
	build_reference();
}

static void test_not_ipv6_and_bad_version(void **state)
{
	struct fp_parsed pp;

	(void)state;
	pkt[16] = 0x08, pkt[17] = 0x00;
	assert_int_equal(parse_exact(pkt, pkt_len, &pp), FP_DROP_NOT_IPV6);
	build_reference();
	pkt[OFF_L3] = 0x45;
	assert_int_equal(parse_exact(pkt, pkt_len, &pp), FP_DROP_BAD_VERSION);
	build_reference();
}

/* RFC 8200 §4.1: Hop-by-Hop only right after the IPv6 header. */
static void test_hop_by_hop_not_first(void **state)
{
	struct fp_parsed pp;

	(void)state;
	pkt[OFF_DO1] = FP_NH_HOPOPTS; /* DO1 -> HBH instead of Fragment */
	pkt[OFF_FRAG + 1] = 0;        /* make the "HBH" at OFF_FRAG 8 bytes */
	assert_int_equal(parse_exact(pkt, pkt_len, &pp), FP_DROP_BAD_OPTION);
	build_reference();
}

/* A chain longer than FP_MAX_EXTHDRS is refused. */
static void test_chain_too_long(void **state)
{
	uint8_t b[18 + 40 + 8 * 12 + 8];
	struct fp_parsed pp;
	uint32_t n = 12, plen = 8 * n + 8;

	(void)state;
	memset(b, 0, sizeof(b));
	memcpy(b, pkt, 18);
	b[18] = 0x60;
	b[18 + 4] = (uint8_t)(plen >> 8);
	b[18 + 5] = (uint8_t)plen;
	b[18 + 6] = FP_NH_DSTOPTS;
	for (uint32_t i = 0; i < n; i++) {
		uint8_t *h = b + 18 + 40 + 8 * i;

		h[0] = i + 1 < n ? FP_NH_DSTOPTS : FP_NH_UDP;
		h[2] = FP_OPT_PADN, h[3] = 4;
	}
	assert_int_equal(parse_exact(b, sizeof(b), &pp), FP_DROP_EXTHDR_CHAIN);
}

/* A non-first fragment: nothing after the fragment header is read. */
static void test_non_first_fragment_stops(void **state)
{
	struct fp_parsed pp;

	(void)state;
	pkt[OFF_FRAG + 3] = 0x08 | 1; /* offset 1 (8 bytes), M=1 */
	pkt[OFF_DO2 + 1] = 0xff;      /* garbage after it must not matter */
	assert_int_equal(parse_exact(pkt, pkt_len, &pp), FP_DROP_OK);
	assert_int_equal(pp.proto, FP_NH_FRAGMENT);
	assert_int_equal(pp.l4, OFF_FRAG);
	assert_false(pp.flags & FP_P_HAO);
	build_reference();
}

/* The walk stops at an inner IPv6 header (RFC 2473 §4.1.1 scan) and at ESP. */
static void test_stops_at_inner_ipv6_and_esp(void **state)
{
	struct fp_parsed pp;

	(void)state;
	pkt[OFF_RH] = FP_NH_IPV6;
	assert_int_equal(parse_exact(pkt, pkt_len, &pp), FP_DROP_OK);
	assert_int_equal(pp.proto, FP_NH_IPV6);
	assert_int_equal(pp.l4, OFF_UDP);
	pkt[OFF_RH] = FP_NH_ESP;
	assert_int_equal(parse_exact(pkt, pkt_len, &pp), FP_DROP_OK);
	assert_int_equal(pp.proto, FP_NH_ESP);
	build_reference();
}

/* Random corruption of the reference: never a crash or an out-of-bounds read,
 * and an accepted packet's offsets always lie inside it. */
static void test_random_mutations(void **state)
{
	uint8_t b[sizeof(pkt)];
	struct fp_parsed pp;
	unsigned int seed = 12345;

	(void)state;
	for (int it = 0; it < 200000; it++) {
		uint32_t len = pkt_len - (uint32_t)(rand_r(&seed) % 8);

		memcpy(b, pkt, pkt_len);
		for (int k = rand_r(&seed) % 4; k >= 0; k--)
			b[OFF_L3 + (uint32_t)rand_r(&seed) % (pkt_len - OFF_L3)] =
			    (uint8_t)rand_r(&seed);
		if (parse_exact(b, len, &pp) == FP_DROP_OK) {
			assert_true((uint32_t)pp.l3 + pp.ip_len <= len);
			assert_true(pp.l4 <= (uint32_t)pp.l3 + pp.ip_len);
			if (pp.flags & FP_P_HAO)
				assert_true((uint32_t)pp.hao_off + 16 <= len);
			if (pp.flags & FP_P_ENCAP_LIMIT)
				assert_true(pp.limit_off < len);
		}
	}
}

static void test_drop_names(void **state)
{
	(void)state;
	assert_string_equal(fp_drop_name(FP_DROP_OK), "ok");
	assert_string_equal(fp_drop_name(FP_DROP_TRUNC_ETH), "truncated-ethernet");
	assert_string_equal(fp_drop_name(FP_DROP_NB), "unknown");
	for (int d = 1; d < FP_DROP_NB; d++)
		for (int e = 1; e < d; e++)
			assert_string_not_equal(fp_drop_name(d), fp_drop_name(e));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_reference_chain, setup),
	    cmocka_unit_test_setup(test_every_truncation, setup),
	    cmocka_unit_test_setup(test_trailing_padding, setup),
	    cmocka_unit_test_setup(test_short_payload_length_cuts_chain, setup),
	    cmocka_unit_test_setup(test_exthdr_length_past_end, setup),
	    cmocka_unit_test_setup(test_option_overruns, setup),
	    cmocka_unit_test_setup(test_not_ipv6_and_bad_version, setup),
	    cmocka_unit_test_setup(test_hop_by_hop_not_first, setup),
	    cmocka_unit_test_setup(test_chain_too_long, setup),
	    cmocka_unit_test_setup(test_non_first_fragment_stops, setup),
	    cmocka_unit_test_setup(test_stops_at_inner_ipv6_and_esp, setup),
	    cmocka_unit_test_setup(test_random_mutations, setup),
	    cmocka_unit_test(test_drop_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
