/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mip6_proto.h
 * Mobile IPv6 wire formats (RFC 6275 §6) with the names of RFC 4584 §4.
 *
 * Every structure is the exact wire layout (asserted below); fields are in
 * network byte order. Packets arrive at any alignment, so code copies bytes
 * into these structures (memcpy) rather than casting buffer pointers.
 *
 * Byte order of the 16-bit flag words: the IP6_MH_BU_* values are those of
 * ntohs(ip6mhbu_flags) (the A flag is the most significant bit of octet 8 of
 * the Binding Update), MIP6_PA_FLAG_* those of ntohs(mip6_pa_flags_reserved).
 * 8-bit flag fields (IP6_MH_BA_KEYM, ND_RA_FLAG_HOMEAGENT,
 * ND_OPT_PI_FLAG_ROUTER) need no conversion.
 *
 * glibc's <netinet/ip6.h> and <netinet/icmp6.h> already define some RFC 4584
 * names (IPPROTO_MH, struct nd_opt_prefix_info, struct nd_opt_adv_interval
 * with glibc's own member names): those are included and used as they are;
 * only the names glibc lacks are defined here.
 */
#ifndef MIP6_PROTO_H
#define MIP6_PROTO_H

#include <stdint.h>
#include <netinet/in.h>
#include <netinet/ip6.h>
#include <netinet/icmp6.h>

#ifndef IPPROTO_MH
#define IPPROTO_MH 135 /**< IPv6 Mobility Header (IANA) */
#endif

/* ------------------------------------------------ Mobility Header (§6.1) */

/** Fixed part of every Mobility Header (RFC 6275 §6.1.1). */
struct ip6_mh {
	uint8_t ip6mh_proto;    /**< Payload Proto: IPPROTO_NONE (59) */
	uint8_t ip6mh_hdrlen;   /**< 8-octet units, excluding the first 8 */
	uint8_t ip6mh_type;     /**< IP6_MH_TYPE_* */
	uint8_t ip6mh_reserved; /**< 0 on send, ignored on receipt */
	uint16_t ip6mh_cksum;   /**< over the RFC 6275 §6.1.1 pseudo-header */
};

/** Binding Refresh Request (RFC 6275 §6.1.2). */
struct ip6_mh_binding_request {
	uint8_t ip6mhbr_proto;
	uint8_t ip6mhbr_hdrlen;
	uint8_t ip6mhbr_type;
	uint8_t ip6mhbr_reserved;
	uint16_t ip6mhbr_cksum;
	uint16_t ip6mhbr_reserved2;
	/* followed by mobility options */
};

/** Home Test Init (RFC 6275 §6.1.3). */
struct ip6_mh_home_test_init {
	uint8_t ip6mhhti_proto;
	uint8_t ip6mhhti_hdrlen;
	uint8_t ip6mhhti_type;
	uint8_t ip6mhhti_reserved;
	uint16_t ip6mhhti_cksum;
	uint16_t ip6mhhti_reserved2;
	uint32_t ip6mhhti_cookie[2];
};

/** Care-of Test Init (RFC 6275 §6.1.4). */
struct ip6_mh_careof_test_init {
	uint8_t ip6mhcti_proto;
	uint8_t ip6mhcti_hdrlen;
	uint8_t ip6mhcti_type;
	uint8_t ip6mhcti_reserved;
	uint16_t ip6mhcti_cksum;
	uint16_t ip6mhcti_reserved2;
	uint32_t ip6mhcti_cookie[2];
};

/** Home Test (RFC 6275 §6.1.5). */
struct ip6_mh_home_test {
	uint8_t ip6mhht_proto;
	uint8_t ip6mhht_hdrlen;
	uint8_t ip6mhht_type;
	uint8_t ip6mhht_reserved;
	uint16_t ip6mhht_cksum;
	uint16_t ip6mhht_nonce_index;
	uint32_t ip6mhht_cookie[2];
	uint32_t ip6mhht_keygen[2];
};

/** Care-of Test (RFC 6275 §6.1.6). */
struct ip6_mh_careof_test {
	uint8_t ip6mhct_proto;
	uint8_t ip6mhct_hdrlen;
	uint8_t ip6mhct_type;
	uint8_t ip6mhct_reserved;
	uint16_t ip6mhct_cksum;
	uint16_t ip6mhct_nonce_index;
	uint32_t ip6mhct_cookie[2];
	uint32_t ip6mhct_keygen[2];
};

/** Binding Update (RFC 6275 §6.1.7). */
struct ip6_mh_binding_update {
	uint8_t ip6mhbu_proto;
	uint8_t ip6mhbu_hdrlen;
	uint8_t ip6mhbu_type;
	uint8_t ip6mhbu_reserved;
	uint16_t ip6mhbu_cksum;
	uint16_t ip6mhbu_seqno;    /**< modulo 2^16 */
	uint16_t ip6mhbu_flags;    /**< IP6_MH_BU_* after ntohs() */
	uint16_t ip6mhbu_lifetime; /**< 4-second units; 0 = delete */
				   /* followed by mobility options */
};

/* Binding Update flags: values of ntohs(ip6mhbu_flags). */
#define IP6_MH_BU_ACK 0x8000    /**< A: acknowledgement requested */
#define IP6_MH_BU_HOME 0x4000   /**< H: home registration */
#define IP6_MH_BU_LLOCAL 0x2000 /**< L: link-local address compatibility */
#define IP6_MH_BU_KEYM 0x1000   /**< K: key management mobility */

/** Binding Acknowledgement (RFC 6275 §6.1.8). */
struct ip6_mh_binding_ack {
	uint8_t ip6mhba_proto;
	uint8_t ip6mhba_hdrlen;
	uint8_t ip6mhba_type;
	uint8_t ip6mhba_reserved;
	uint16_t ip6mhba_cksum;
	uint8_t ip6mhba_status; /**< IP6_MH_BAS_* */
	uint8_t ip6mhba_flags;  /**< IP6_MH_BA_KEYM */
	uint16_t ip6mhba_seqno;
	uint16_t ip6mhba_lifetime; /**< 4-second units */
				   /* followed by mobility options */
};

#define IP6_MH_BA_KEYM 0x80 /**< K: key management mobility */

/** Binding Error (RFC 6275 §6.1.9). */
struct ip6_mh_binding_error {
	uint8_t ip6mhbe_proto;
	uint8_t ip6mhbe_hdrlen;
	uint8_t ip6mhbe_type;
	uint8_t ip6mhbe_reserved;
	uint16_t ip6mhbe_cksum;
	uint8_t ip6mhbe_status; /**< IP6_MH_BES_* */
	uint8_t ip6mhbe_reserved2;
	struct in6_addr ip6mhbe_homeaddr;
	/* followed by mobility options */
};

/** Mobility option TLV (RFC 6275 §6.2.1); Pad1 has no length octet. */
struct ip6_mh_opt {
	uint8_t ip6mhopt_type;
	uint8_t ip6mhopt_len; /**< octets of data, excluding type and length */
};

/** Binding Refresh Advice (RFC 6275 §6.2.4), alignment 2n. */
struct ip6_mh_opt_refresh_advice {
	uint8_t ip6mora_type;
	uint8_t ip6mora_len;
	uint16_t ip6mora_interval; /**< 4-second units */
};

/** Alternate Care-of Address (RFC 6275 §6.2.5), alignment 8n+6. */
struct ip6_mh_opt_altcoa {
	uint8_t ip6moa_type;
	uint8_t ip6moa_len;
	uint8_t ip6moa_addr[16]; /**< byte array: the option sits at 8n+6 */
};

/** Nonce Indices (RFC 6275 §6.2.6), alignment 2n. */
struct ip6_mh_opt_nonce_index {
	uint8_t ip6moni_type;
	uint8_t ip6moni_len;
	uint16_t ip6moni_home_nonce;
	uint16_t ip6moni_coa_nonce;
};

/** Binding Authorization Data (RFC 6275 §6.2.7), alignment 8n+2. */
struct ip6_mh_opt_auth_data {
	uint8_t ip6moad_type;
	uint8_t ip6moad_len;
	uint8_t ip6moad_data[12];
};

/* Mobility Header types (RFC 6275 §6.1). */
#define IP6_MH_TYPE_BRR 0
#define IP6_MH_TYPE_HOTI 1
#define IP6_MH_TYPE_COTI 2
#define IP6_MH_TYPE_HOT 3
#define IP6_MH_TYPE_COT 4
#define IP6_MH_TYPE_BU 5
#define IP6_MH_TYPE_BACK 6
#define IP6_MH_TYPE_BERROR 7
#define IP6_MH_TYPE_MAX IP6_MH_TYPE_BERROR /**< highest type RFC 6275 defines */

/* Mobility option types (RFC 6275 §6.2). */
#define IP6_MHOPT_PAD1 0x00
#define IP6_MHOPT_PADN 0x01
#define IP6_MHOPT_BREFRESH 0x02
#define IP6_MHOPT_ALTCOA 0x03
#define IP6_MHOPT_NONCEID 0x04
#define IP6_MHOPT_BAUTH 0x05

/* Binding Acknowledgement status (RFC 6275 §6.1.8). */
#define IP6_MH_BAS_ACCEPTED 0
#define IP6_MH_BAS_PRFX_DISCOV 1
#define IP6_MH_BAS_UNSPECIFIED 128
#define IP6_MH_BAS_PROHIBIT 129
#define IP6_MH_BAS_INSUFFICIENT 130
#define IP6_MH_BAS_HA_NOT_SUPPORTED 131
#define IP6_MH_BAS_NOT_HOME_SUBNET 132
#define IP6_MH_BAS_NOT_HA 133
#define IP6_MH_BAS_DAD_FAILED 134
#define IP6_MH_BAS_SEQNO_BAD 135
#define IP6_MH_BAS_HOME_NI_EXPIRED 136
#define IP6_MH_BAS_COA_NI_EXPIRED 137
#define IP6_MH_BAS_NI_EXPIRED 138
#define IP6_MH_BAS_REG_NOT_ALLOWED 139
#define IP6_MH_BAS_INVALID_COA 174 /**< RFC 6275 §6.1.8 lists it */

/* Binding Error status (RFC 6275 §6.1.9). */
#define IP6_MH_BES_UNKNOWN_HAO 1
#define IP6_MH_BES_UNKNOWN_MH 2

/** Minimum Header Len of each known MH type (RFC 6275 §9.2, ha-duties §2.1). */
#define IP6_MH_MINLEN_BRR 0
#define IP6_MH_MINLEN_HOTI 1
#define IP6_MH_MINLEN_COTI 1
#define IP6_MH_MINLEN_HOT 2
#define IP6_MH_MINLEN_COT 2
#define IP6_MH_MINLEN_BU 1
#define IP6_MH_MINLEN_BACK 1
#define IP6_MH_MINLEN_BERROR 2

/* ------------------------------------ Home Address option (§6.3) */

/** Home Address destination option (RFC 6275 §6.3), alignment 8n+6. */
struct ip6_opt_home_address {
	uint8_t ip6oha_type;
	uint8_t ip6oha_len; /**< 16 */
	uint8_t ip6oha_addr[16];
};

#define IP6OPT_HOME_ADDRESS 0xc9 /**< 11 0 01001: unknown => discard + ICMP */

/* ------------------------------------ Type 2 routing header (§6.4) */

/** Type 2 Routing header (RFC 6275 §6.4.1). */
struct ip6_rthdr2 {
	uint8_t ip6r2_nxt;
	uint8_t ip6r2_len;     /**< 2 */
	uint8_t ip6r2_type;    /**< 2 */
	uint8_t ip6r2_segleft; /**< 1 */
	uint32_t ip6r2_reserved;
	struct in6_addr ip6r2_homeaddr;
};

#define IPV6_RTHDR_TYPE_2 2

/* ------------------------------------ ICMPv6 messages (§6.5-§6.8) */

#define MIP6_HA_DISCOVERY_REQUEST 144
#define MIP6_HA_DISCOVERY_REPLY 145
#define MIP6_PREFIX_SOLICIT 146
#define MIP6_PREFIX_ADVERT 147

/** Dynamic Home Agent Address Discovery Request (RFC 6275 §6.5). */
struct mip6_dhaad_req {
	struct icmp6_hdr mip6_dhreq_hdr;
};
#define mip6_dhreq_type mip6_dhreq_hdr.icmp6_type
#define mip6_dhreq_code mip6_dhreq_hdr.icmp6_code
#define mip6_dhreq_cksum mip6_dhreq_hdr.icmp6_cksum
#define mip6_dhreq_id mip6_dhreq_hdr.icmp6_data16[0]
#define mip6_dhreq_reserved mip6_dhreq_hdr.icmp6_data16[1]

/** DHAAD Reply (RFC 6275 §6.6); followed by home agent addresses. */
struct mip6_dhaad_rep {
	struct icmp6_hdr mip6_dhrep_hdr;
};
#define mip6_dhrep_type mip6_dhrep_hdr.icmp6_type
#define mip6_dhrep_code mip6_dhrep_hdr.icmp6_code
#define mip6_dhrep_cksum mip6_dhrep_hdr.icmp6_cksum
#define mip6_dhrep_id mip6_dhrep_hdr.icmp6_data16[0]
#define mip6_dhrep_reserved mip6_dhrep_hdr.icmp6_data16[1]

/** Mobile Prefix Solicitation (RFC 6275 §6.7). */
struct mip6_prefix_solicit {
	struct icmp6_hdr mip6_ps_hdr;
};
#define mip6_ps_type mip6_ps_hdr.icmp6_type
#define mip6_ps_code mip6_ps_hdr.icmp6_code
#define mip6_ps_cksum mip6_ps_hdr.icmp6_cksum
#define mip6_ps_id mip6_ps_hdr.icmp6_data16[0]
#define mip6_ps_reserved mip6_ps_hdr.icmp6_data16[1]

/** Mobile Prefix Advertisement (RFC 6275 §6.8); followed by PI options. */
struct mip6_prefix_advert {
	struct icmp6_hdr mip6_pa_hdr;
};
#define mip6_pa_type mip6_pa_hdr.icmp6_type
#define mip6_pa_code mip6_pa_hdr.icmp6_code
#define mip6_pa_cksum mip6_pa_hdr.icmp6_cksum
#define mip6_pa_id mip6_pa_hdr.icmp6_data16[0]
#define mip6_pa_flags_reserved mip6_pa_hdr.icmp6_data16[1]

/* Mobile Prefix Advertisement flags: values of ntohs(mip6_pa_flags_reserved). */
#define MIP6_PA_FLAG_MANAGED 0x8000
#define MIP6_PA_FLAG_OTHER 0x4000

/* ------------------------------------ Neighbor Discovery (§7) */

#define ND_RA_FLAG_HOMEAGENT 0x20  /**< H bit of the RA (RFC 6275 §7.1) */
#define ND_OPT_PI_FLAG_ROUTER 0x20 /**< R bit of the PIO (RFC 6275 §7.2) */
#define ND_OPT_ADV_INTERVAL 7      /**< RFC 6275 §7.3 */
#define ND_OPT_HA_INFORMATION 8    /**< RFC 6275 §7.4 */

/** Home Agent Information option (RFC 6275 §7.4). */
struct nd_opt_homeagent_info {
	uint8_t nd_opt_hai_type;
	uint8_t nd_opt_hai_len; /**< 1 */
	uint16_t nd_opt_hai_reserved;
	uint16_t nd_opt_hai_preference;
	uint16_t nd_opt_hai_lifetime; /**< seconds, never 0 */
};

/* Wire sizes (RFC 6275 §6, §7). */
_Static_assert(sizeof(struct ip6_mh) == 6, "MH fixed part");
_Static_assert(sizeof(struct ip6_mh_binding_request) == 8, "BRR");
_Static_assert(sizeof(struct ip6_mh_home_test_init) == 16, "HoTI");
_Static_assert(sizeof(struct ip6_mh_careof_test_init) == 16, "CoTI");
_Static_assert(sizeof(struct ip6_mh_home_test) == 24, "HoT");
_Static_assert(sizeof(struct ip6_mh_careof_test) == 24, "CoT");
_Static_assert(sizeof(struct ip6_mh_binding_update) == 12, "BU");
_Static_assert(sizeof(struct ip6_mh_binding_ack) == 12, "BA");
_Static_assert(sizeof(struct ip6_mh_binding_error) == 24, "BE");
_Static_assert(sizeof(struct ip6_mh_opt) == 2, "option header");
_Static_assert(sizeof(struct ip6_mh_opt_refresh_advice) == 4, "BRA");
_Static_assert(sizeof(struct ip6_mh_opt_altcoa) == 18, "Alternate CoA");
_Static_assert(sizeof(struct ip6_mh_opt_nonce_index) == 6, "Nonce Indices");
_Static_assert(sizeof(struct ip6_mh_opt_auth_data) == 14, "Binding Authorization Data");
_Static_assert(sizeof(struct ip6_opt_home_address) == 18, "HAO");
_Static_assert(sizeof(struct ip6_rthdr2) == 24, "RH2");
_Static_assert(sizeof(struct mip6_dhaad_req) == 8, "DHAAD request");
_Static_assert(sizeof(struct mip6_dhaad_rep) == 8, "DHAAD reply");
_Static_assert(sizeof(struct mip6_prefix_solicit) == 8, "MPS");
_Static_assert(sizeof(struct mip6_prefix_advert) == 8, "MPA");
_Static_assert(sizeof(struct nd_opt_homeagent_info) == 8, "HA Information option");
_Static_assert(sizeof(struct nd_opt_prefix_info) == 32, "Prefix Information option");
_Static_assert(sizeof(struct nd_opt_adv_interval) == 8, "Advertisement Interval option");
_Static_assert(sizeof(struct ip6_hdr) == 40, "IPv6 header");

#endif /* MIP6_PROTO_H */
