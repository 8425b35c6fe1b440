/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file ips.h
 * ESP between the home agent and its mobile nodes (prefix ips_): RFC 3776,
 * RFC 4877 with manually keyed or externally negotiated SAs, RFC 4303 ESP
 * framing, sequence numbers and anti-replay through DPDK's librte_ipsec, the
 * cryptography of Intel IPsec-MB through the crypto_aesni_mb cryptodev in
 * its synchronous CPU-crypto mode.
 *
 * Tables: a Security Association Database of unidirectional SAs. Inbound
 * SAs are found by SPI alone (RFC 4301 §4.1); outbound SAs by the mobile
 * node's home address and the traffic they protect (the per-node policy of
 * RFC 3776 §5: one SA per HoA and direction for signalling, SEC-3).
 *
 * Threading: every function runs on one thread, the control thread (the one
 * that owns the signalling); nothing here is read by the worker lcores. The
 * packet functions may also run on a benchmark's single thread.
 *
 * An external IKEv2 daemon (RFC 4877) installs, rekeys and deletes SAs with
 * ips_sa_add() / ips_sa_del(); tunnel endpoints are not part of an SA: the
 * caller passes them per packet (the home agent takes them from the binding
 * cache, so they follow every accepted Binding Update, SEC-6).
 *
 * Functions return 0 or -errno.
 */
#ifndef IPS_H
#define IPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;

/** ESP transforms (the YANG typedef ipsec-algorithm, in that order). */
enum ips_alg {
	IPS_AES128_GCM = 0,             /**< RFC 4106, 16-octet ICV, key + 4-octet salt */
	IPS_AES128_CBC_HMAC_SHA1_96,    /**< RFC 3602 + RFC 2404 */
	IPS_AES256_CBC_HMAC_SHA256_128, /**< RFC 3602 + RFC 4868 */
	IPS_3DES_CBC_HMAC_SHA1_96,      /**< RFC 2451 + RFC 2404 */
	IPS_NULL_HMAC_SHA1_96,          /**< RFC 2410 + RFC 2404 */
	IPS_AES128_CBC_HMAC_SHA256_128, /**< RFC 3602 + RFC 4868 */
	IPS_ALG_MAX
};

/** What an SA protects, and so its mode and selectors (RFC 3776 §4). */
enum ips_traffic {
	/** Transport mode, Mobility Header between HoA and HA (BU/BA/BRR, SEC-1, SEC-2). */
	IPS_TR_SIGNALLING = 0,
	/** Transport mode, ICMPv6 Mobile Prefix Solicitation/Advertisement (SEC-5). */
	IPS_TR_PREFIX_DISCOVERY,
	/** Tunnel mode, Mobility Header relayed for the MN: HoTI in, HoT out (SEC-4). */
	IPS_TR_RETURN_ROUTABILITY,
	/** Tunnel mode, all tunnelled payload (RT-2, TUN-4): not supported (-ENOTSUP). */
	IPS_TR_PAYLOAD,
	IPS_TR_MAX
};

/** Anti-replay window of inbound SAs, in packets (RFC 4303 §3.4.3: at least 32). */
#define IPS_REPLAY_WINDOW 128

/** Parameters of ips_init(); zero fields take the defaults. */
struct ips_params {
	uint32_t max_sas; /**< SAD capacity (default 1024) */
	uint32_t mbufs;   /**< packet buffers of the control path (default 255) */
	int socket_id;    /**< NUMA socket (default any) */
};

/** One unidirectional SA. Keys are copied. */
struct ips_sa_conf {
	uint32_t spi; /**< 256..2^32-1 (RFC 4303 §2.1) */
	bool inbound; /**< from the mobile node */
	enum ips_traffic traffic;
	enum ips_alg alg;
	uint8_t hoa[16]; /**< the home address the SA is bound to (SEC-3) */
	uint8_t enc_key_len, auth_key_len;
	const uint8_t *enc_key, *auth_key;
};

/** Counters of one SA. */
struct ips_sa_stats {
	uint64_t packets, bytes; /**< processed successfully (plaintext bytes) */
	uint64_t auth_fail;      /**< ICV or padding check failed (inbound) */
	uint64_t replay;         /**< sequence number outside or already seen in the window */
	uint64_t selector;       /**< decrypted packet does not match the SA's selectors */
};

/** Operational view of one SA (ips_sa_foreach). */
struct ips_sa_info {
	struct ips_sa_conf conf; /**< keys are not reported: NULL, lengths kept */
	struct ips_sa_stats st;
};

/* Drop reasons of the ESP path (X-macro: enum suffix, name, description). */
#define IPS_DROP_REASONS(X)                                                                        \
	X(MALFORMED, malformed, "ESP packet shorter than its headers or not block aligned")        \
	X(NO_SA, no_sa, "no inbound SA for the SPI")                                               \
	X(REPLAY, replay, "sequence number replayed or left of the window (RFC 4303 3.4.3)")       \
	X(AUTH, auth, "ICV or padding check failed (RFC 4303 3.4.4)")                              \
	X(SELECTOR, selector, "decrypted packet outside the SA's selectors (SEC-2, SEC-4)")        \
	X(SEQ_OVERFLOW, seq_overflow, "outbound sequence number exhausted")                        \
	X(NO_BUF, no_buf, "no packet buffer, or the result would not fit")

enum ips_drop {
#define IPS_X_ENUM(n, s, d) IPS_DROP_##n,
	IPS_DROP_REASONS(IPS_X_ENUM)
#undef IPS_X_ENUM
	    IPS_DROP_MAX
};

/** Global counters. */
struct ips_stats {
	uint64_t in_ok, out_ok;
	uint64_t drops[IPS_DROP_MAX];
};

/**
 * Bring up the cryptodev (a crypto_aesni_mb vdev of its own) and the tables.
 * The EAL must be initialised.
 * @return 0; -EALREADY; -ENODEV (no crypto_aesni_mb PMD, or it lacks CPU
 *         crypto); -ENOMEM; -EINVAL (bad parameters).
 */
int ips_init(const struct ips_params *p);

/** Delete every SA and release the device. Safe when not initialised. */
void ips_fini(void);

/**
 * Can this build and cryptodev run @p alg? Valid before ips_init() too
 * (then false).
 */
bool ips_alg_supported(enum ips_alg alg);

/** Name of an algorithm as in the YANG module, NULL if out of range. */
const char *ips_alg_name(enum ips_alg alg);

/** Name of a traffic class as in the YANG module, NULL if out of range. */
const char *ips_traffic_name(enum ips_traffic t);

/**
 * Check an SA without installing it; @p err (may be NULL) receives a
 * one-line reason without the node path.
 * @return 0; -EINVAL (SPI, key lengths); -ENOTSUP (algorithm or traffic class
 *         this build cannot run); -ENODEV (not initialised).
 */
int ips_sa_check(const struct ips_sa_conf *c, char *err, size_t errlen);

/**
 * Install an SA. Sequence numbers start at 1, the replay window is empty.
 * @return 0; as ips_sa_check(); -EEXIST (an inbound SA with this SPI, or an
 *         outbound SA of this HoA and traffic class); -ENOSPC (SAD full);
 *         -ENOMEM.
 */
int ips_sa_add(const struct ips_sa_conf *c);

/**
 * Delete the SA (@p hoa, @p spi, direction).
 * @return 0; -ENOENT; -ENODEV.
 */
int ips_sa_del(const uint8_t hoa[16], uint32_t spi, bool inbound);

/** Delete every SA bound to @p hoa. @return how many were deleted. */
int ips_sa_del_hoa(const uint8_t hoa[16]);

/** Call @p fn for every SA until it returns non-zero. @return 0 or that value. */
int ips_sa_foreach(int (*fn)(void *arg, const struct ips_sa_info *sa), void *arg);

/** Does @p hoa have an outbound SA for @p t? */
bool ips_has_out_sa(const uint8_t hoa[16], enum ips_traffic t);

/** What ips_esp_input() found. */
struct ips_rx {
	uint32_t spi;
	enum ips_traffic traffic;
	bool tunnel;     /**< the result is the inner packet of a tunnel-mode SA */
	uint8_t hoa[16]; /**< the HoA the SA is bound to */
};

/**
 * Verify and decrypt an IPv6 packet carrying ESP after its extension
 * headers (@p ip6, @p len octets). Transport mode: @p out receives the packet
 * with the ESP header and trailer removed (next header and payload length
 * fixed) and the upper layer must be the one of the SA's traffic class
 * (Mobility Header, or ICMPv6 for prefix discovery). Tunnel mode: @p out
 * receives the inner IPv6 packet, whose source must be the SA's HoA and whose
 * upper layer must be a Mobility Header. The HoA check of transport mode
 * (HAO against rx->hoa) is the caller's (SEC-3).
 * @return the length written to @p out; -ENOMSG (not ESP, or not
 *         initialised: untouched, not counted); -EINVAL (malformed), -ENOENT (no SA), -EBADMSG (ICV,
 *         padding), -EALREADY (replay), -EPERM (selectors), -ENOBUFS: each
 *         counted under its drop reason.
 */
int ips_esp_input(const uint8_t *ip6, uint32_t len, uint8_t *out, uint32_t cap, struct ips_rx *rx);

/**
 * Protect a packet the home agent sends to a mobile node, in transport mode:
 * the SA is the outbound one of the final destination (the type 2 routing
 * header's address, else the IPv6 destination) for the upper layer (Mobility
 * Header: signalling; ICMPv6 Mobile Prefix Advertisement: prefix discovery,
 * else signalling). ESP goes after the routing header (BA-6:
 * IPv6 | RH2 | ESP | MH).
 * @return the length written to @p out; -ENOENT (no SA, or not
 *         initialised: send it as it is, not counted); -EINVAL (not IPv6 or malformed); -ENOBUFS,
 *         -EOVERFLOW: counted.
 */
int ips_esp_output(const uint8_t *ip6, uint32_t len, uint8_t *out, uint32_t cap);

/**
 * Protect @p inner (an IPv6 packet to a mobile node's HoA) in tunnel mode
 * under the HoA's return-routability SA: IPv6(@p src -> @p dst) | ESP |
 * inner (SEC-4: HA -> current CoA).
 * @return the length written to @p out; -ENOENT (no SA); -EINVAL; -ENOBUFS,
 *         -EOVERFLOW: counted.
 */
int ips_esp_tunnel_output(const uint8_t *inner, uint32_t len, const uint8_t src[16],
			  const uint8_t dst[16], uint8_t *out, uint32_t cap);

/** An outbound SA for the burst function below. */
struct ips_sa;

/** The outbound SA of (@p hoa, @p t), NULL if none. Valid until it is deleted. */
struct ips_sa *ips_out_sa_get(const uint8_t hoa[16], enum ips_traffic t);

/**
 * Tunnel-mode encapsulation of a burst of mbufs (data starting at the inner
 * IPv6 header) under a tunnel-mode SA, outer header src -> dst. Packets that
 * fail (no room, sequence exhausted) are moved behind the good ones.
 * @return the number encapsulated.
 */
uint16_t ips_tunnel_encap_burst(struct ips_sa *sa, struct rte_mbuf **m, uint16_t n,
				const uint8_t src[16], const uint8_t dst[16]);

void ips_stats_get(struct ips_stats *out);
/** Name of a drop reason ("replay"...), NULL if out of range. */
const char *ips_drop_name(unsigned int reason);

#ifdef __cplusplus
}
#endif

#endif /* IPS_H */
