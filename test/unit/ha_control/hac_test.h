/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Harness of the cp/ha_control tests: the real NPF library with a fake clock
 * (test_common of the API tests), an hac instance on home link
 * 2001:db8:1::/64 (HA 2001:db8:1::1), a fake hac_io capturing every emitted
 * packet (also written to the pcap file named by $HAC_PCAP), a Binding Update
 * builder and an independent decoder of what comes out.
 */
#ifndef HAC_TEST_H
#define HAC_TEST_H

#include "test_common.h"

#include "ha_control.h"

#define HT_HA "2001:db8:1::1"
#define HT_HOA "2001:db8:1::100"
#define HT_COA "2001:db8:2::100"
#define HT_MAX_OUT 512

struct ht_pkt {
	uint16_t port;
	uint32_t len;
	uint8_t b[1500];
};
extern struct ht_pkt ht_out[HT_MAX_OUT];
extern unsigned int ht_nout;
extern struct hac *ht_h;
extern struct hac_config ht_cfg;

/** tc_start (DAD transmits dad) + hac_create with ht_cfg (tweak may edit it first). */
void ht_start(uint8_t dad, void (*tweak)(struct hac_config *c));
/** ht_start with the control plane's output through @p io (NULL: the capture). */
void ht_start_io(uint8_t dad, void (*tweak)(struct hac_config *c), const struct hac_io *io);
/** The capture: records into ht_out (and $HAC_PCAP). */
int ht_fake_tx(void *arg, uint16_t port, const uint8_t *ip6, uint32_t len);
void ht_stop(void);
int ht_setup(void **state);     /* dad 0 */
int ht_setup_dad(void **state); /* dad 1 */
int ht_teardown(void **state);
int ht_group_setup(void **state);
int ht_group_teardown(void **state);

/** A Binding Update (or other MH) to build. Zero fields take defaults. */
struct ht_bu {
	const char *src;    /* default HT_COA */
	const char *dst;    /* default HT_HA */
	const char *hao;    /* HAO address; NULL: none (unless no_hao == false and from_away) */
	const char *altcoa; /* Alternate CoA option */
	uint16_t seq;
	uint16_t flags; /* IP6_MH_BU_* */
	uint16_t lifetime;
	bool nonce;
	bool auth_then_pad; /* Binding Authorization Data followed by PadN (MH-7) */
	bool unknown_opt;   /* an option of type 200 */
	bool overrun;       /* last option runs past the MH */
	bool bad_cksum;
	bool cksum_wire_src; /* checksum over the wire source instead of the HoA */
	bool two_hao;
	uint8_t type;       /* 0: BU */
	int payload_proto;  /* 0: 59 */
	int hdrlen;         /* 0: computed; >0: forced value + 1 */
	bool esp;           /* meta esp_ok */
	const char *sa_hoa; /* with esp: the SA's HoA (default HT_HOA) */
};

/** Home BU from away: src CoA, HAO HoA, H|A, lifetime 100 units. */
struct ht_bu ht_home_bu(uint16_t seq);
uint32_t ht_build(const struct ht_bu *s, uint8_t *out);
/** Build, hac_input, then pump. */
void ht_send(const struct ht_bu *s);
void ht_input_raw(const uint8_t *p, uint32_t len, uint16_t port, bool esp);
/** Dispatch NPF completions/events and hac_service until idle. */
void ht_pump(void);
/** Advance the fake clock by ms in 100 ms steps, pumping at each. */
void ht_advance(uint64_t ms);
void ht_out_reset(void);

/** What the decoder found in one emitted packet. */
struct ht_msg {
	uint8_t src[16], dst[16];
	uint8_t hlim;
	bool rh2;
	uint8_t rh2_addr[16];
	uint8_t proto; /* upper layer: 135 or 58 */
	uint8_t mh_type;
	bool cksum_ok; /* upper-layer checksum over the right pseudo-header */
	bool len_ok;   /* (hdrlen+1)*8 == bytes, payload proto 59 */
	/* BA */
	uint8_t status, ba_flags;
	uint16_t seq, lifetime;
	bool has_bra;
	uint16_t refresh;
	/* BE */
	uint8_t be_status;
	uint8_t be_hoa[16];
	/* ICMPv6 */
	uint8_t icmp_type, icmp_code;
	uint32_t icmp_ptr;
};
bool ht_decode(const struct ht_pkt *p, struct ht_msg *m);
/** Number of emitted packets that are MH of this type (255: any MH). */
unsigned int ht_count_mh(uint8_t type);
/** The last emitted MH of this type; asserts there is one. */
struct ht_msg ht_last_mh(uint8_t type);
/** Assert exactly one BA was emitted since ht_out_reset and return it. */
struct ht_msg ht_one_ba(void);

bool ht_addr_eq(const uint8_t a[16], const char *s);
/** Forwarding-plane view: is there a BC entry for hoa on the tunnel; its CoA. */
bool ht_fp_binding(const char *hoa, NPF_MIPv6HA_BC_Entry_t *out);
/** Proxy ND state of an address, 0 if unknown. */
int ht_fp_proxy_state(const char *a);
uint32_t ht_fp_bc_count(void);

#endif /* HAC_TEST_H */
