/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private to cp/ha_control.
 */
#ifndef HAC_PRIV_H
#define HAC_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "ha_control.h"
#include "mip6_proto.h"
#include "npf_mipv6_if.h"
#include "timerq.h"

#define HAC_UNITS_MAX 0xFFFFu       /* 4-s units (RFC 6275 §6.1.7) */
#define HAC_SEQ_WINDOW 32768u       /* RFC 6275 §9.5.1 */
#define HAC_DEFAULT_GRACE_MS 10000u /* MAX_DELETE_BCE_TIMEOUT, RFC 6275 §12 */
#define HAC_DEFAULT_BE_RATE 10u
#define HAC_HOP_LIMIT 64u
#define HAC_MAX_BINDINGS (1u << 20)
#define HAC_PKT_MAX 1280u /* every packet we build fits the IPv6 minimum MTU */

/* Where a BA (or BE) goes: BA-5, BA-8. */
struct hac_reply {
	uint8_t src[16]; /* the address the BU was sent to */
	uint8_t dst[16]; /* the BU's IPv6 source */
	uint8_t hoa[16]; /* RH2 address when rh2 */
	bool rh2;
	uint16_t port;
};

enum hac_bstate {
	HAC_B_FREE = 0,
	HAC_B_DAD = HAC_BS_DAD,
	HAC_B_ADDING = HAC_BS_ADDING,
	HAC_B_VALID = HAC_BS_VALID,
	HAC_B_DELETING = HAC_BS_DELETING,
	HAC_B_GRACE = HAC_BS_GRACE,
};

/* Key of the address index (tsearch): points back to its binding. */
struct hac_akey {
	uint8_t a[16];
	uint32_t slot;
};

/* One conceptual Binding Cache entry (RFC 6275 §9.1, ha-duties BC-2). */
struct hac_binding {
	enum hac_bstate st;
	uint32_t gen;  /* bumped when the slot is freed: stale completions */
	uint32_t tgen; /* timer generation: lazy cancellation */
	uint32_t link;
	struct hac_akey k_hoa, k_ll;
	bool has_ll, in_tree_hoa, in_tree_ll;
	uint8_t coa[16];
	uint8_t ha_addr[16];
	uint16_t seq;
	uint8_t flags;          /* BU flags octet */
	uint32_t granted_units; /* 4-s units */
	uint64_t expires_ms;
	NPF_MIPv6HA_SubtunnelHandle_t handle;
	bool brr_sent;
	bool installed; /* a BC entry exists in the forwarding plane */
	/* The operation in flight (DAD, ADDING, DELETING). */
	struct {
		uint8_t coa[16];
		uint16_t seq;
		uint8_t flags;
		uint16_t g_units;
		uint8_t status; /* 0 or 1 once accepted (LT-5) */
		uint8_t dad_wait;
		bool first; /* first registration: undo proxies on failure */
		bool quiet; /* no BA (operator clear) */
		struct hac_reply r;
	} p;
};

struct hac_link_rt {
	struct hac_link cfg;
	uint64_t cfg_at_ms; /* decrementing lifetimes count from here */
};

struct hac {
	struct hac_config cfg;
	struct hac_link_rt links[HAC_MAX_LINKS];
	struct hac_io io;
	NPF_callbackHandle_t cbh, evh;
	uint32_t cap;
	uint32_t n_used; /* non-free slots */
	struct hac_binding *b;
	uint32_t *free_stack;
	uint32_t n_free;
	void *tree; /* tsearch root: struct hac_akey * by address */
	struct timerq tq;
	uint32_t n_timers_live;
	/* BE / ICMPv6 error token bucket (RFC 6275 §9.3.3, RFC 4443 §2.4f) */
	uint64_t tb_tokens_milli;
	uint64_t tb_last_ms;
	bool dying;
	bool sentinel_seen;
	struct hac_stats st;
};

/* hac_pkt.c: checksums, address classes, packet builders */
uint16_t hac_cksum(const uint8_t src[16], const uint8_t dst[16], uint8_t nh, const uint8_t *p,
		   uint32_t len);
bool hac_addr_unicast_routable(const uint8_t a[16]);
bool hac_addr_is_unicast(const uint8_t a[16]);
bool hac_prefix_match(const uint8_t a[16], const uint8_t p[16], uint8_t len);
int hac_tx(struct hac *h, uint16_t port, const uint8_t *pkt, uint32_t len);
void hac_send_ba(struct hac *h, const struct hac_reply *r, uint8_t status, uint8_t kflag,
		 uint16_t seq, uint16_t lifetime_units, uint16_t refresh_units);
bool hac_rate_ok(struct hac *h);
void hac_send_be(struct hac *h, const uint8_t src[16], const uint8_t dst[16], uint8_t status,
		 const uint8_t hoa[16]);
void hac_send_param_problem(struct hac *h, const uint8_t *ip6, uint32_t len, uint32_t pointer);
void hac_send_brr(struct hac *h, const struct hac_binding *b);

static inline void hac_drop(struct hac *h, enum hac_drop r)
{
	h->st.drops[r]++;
}

/* bu_input.c */
struct hac_rx {
	const uint8_t *pkt;
	uint32_t len; /* 40 + payload length */
	const struct hac_pkt_meta *m;
	uint8_t src[16], dst[16];
	uint8_t hoa[16];
	bool has_hao;
	uint32_t ul_off; /* upper-layer header offset */
	uint32_t ul_len;
	uint8_t ul_proto;
};
void hac_mh_input(struct hac *h, const struct hac_rx *rx);

/* hac_core.c: binding table and API glue used by bu_input.c */
struct hac_binding *hac_lookup(struct hac *h, const uint8_t a[16]);
int hac_link_of_hoa(const struct hac *h, const uint8_t hoa[16], uint32_t *link, uint32_t *pfx);
bool hac_is_own_addr(const struct hac *h, const uint8_t a[16]);
void hac_prefix_remaining(const struct hac *h, uint32_t link, uint32_t pfx, uint32_t *valid_s,
			  uint32_t *pref_s);
struct hac_binding *hac_alloc(struct hac *h, const uint8_t hoa[16]);
void hac_start_registration(struct hac *h, struct hac_binding *b);
void hac_start_refresh(struct hac *h, struct hac_binding *b);
void hac_start_dereg(struct hac *h, struct hac_binding *b);
void hac_binding_free(struct hac *h, struct hac_binding *b);
void hac_arm(struct hac *h, struct hac_binding *b, uint64_t due);
int hac_timer_live(void *arg, const struct timerq_item *it);
void hac_proxies_delete(struct hac *h, struct hac_binding *b);
void hac_apply_links(struct hac *h, const struct hac_config *cfg);
int hac_check_config(const struct hac_config *c);
int hac_link_of_homelink(const struct hac *h, NPF_IfHandle_t hl);
void hac_icmp6_input(struct hac *h, const struct hac_rx *rx);

#endif /* HAC_PRIV_H */
