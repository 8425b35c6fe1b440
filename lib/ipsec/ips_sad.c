/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Security Association Database: the cryptodev, SAs built with
 * librte_ipsec over CPU-crypto sessions of crypto_aesni_mb, the inbound
 * index by SPI and the outbound index by (HoA, traffic class).
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include <rte_bus_vdev.h>
#include <rte_cryptodev.h>
#include <rte_errno.h>
#include <rte_hash.h>
#include <rte_jhash.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "ips_priv.h"

#define IPS_VDEV "crypto_aesni_mb_ips"
#define IPS_DEFAULT_SAS 1024
#define IPS_DEFAULT_MBUFS 255
/* Where librte_ipsec expects the IV in a crypto op (unused by CPU crypto). */
#define IPS_IV_OFFSET (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))

struct ips_state ips;

/* One ESP transform: cipher (or AEAD) and integrity, key and ICV sizes. */
struct alg_desc {
	const char *name;
	bool aead;
	enum rte_crypto_cipher_algorithm cipher;
	enum rte_crypto_auth_algorithm auth;
	uint8_t enc_key;  /* octets, AES-GCM salt included */
	uint8_t auth_key; /* octets */
	uint8_t iv;       /* octets of the cipher's IV (GCM: nonce) */
	uint8_t icv;      /* octets */
};

static const struct alg_desc algs[IPS_ALG_MAX] = {
    [IPS_AES128_GCM] = {"aes-128-gcm", true, RTE_CRYPTO_CIPHER_NULL, RTE_CRYPTO_AUTH_NULL, 20, 0,
			12, 16},
    [IPS_AES128_CBC_HMAC_SHA1_96] = {"aes-128-cbc-hmac-sha1-96", false, RTE_CRYPTO_CIPHER_AES_CBC,
				     RTE_CRYPTO_AUTH_SHA1_HMAC, 16, 20, 16, 12},
    [IPS_AES256_CBC_HMAC_SHA256_128] = {"aes-256-cbc-hmac-sha256-128", false,
					RTE_CRYPTO_CIPHER_AES_CBC, RTE_CRYPTO_AUTH_SHA256_HMAC, 32,
					32, 16, 16},
    [IPS_3DES_CBC_HMAC_SHA1_96] = {"3des-cbc-hmac-sha1-96", false, RTE_CRYPTO_CIPHER_3DES_CBC,
				   RTE_CRYPTO_AUTH_SHA1_HMAC, 24, 20, 8, 12},
    [IPS_NULL_HMAC_SHA1_96] = {"null-hmac-sha1-96", false, RTE_CRYPTO_CIPHER_NULL,
			       RTE_CRYPTO_AUTH_SHA1_HMAC, 0, 20, 0, 12},
    [IPS_AES128_CBC_HMAC_SHA256_128] = {"aes-128-cbc-hmac-sha256-128", false,
					RTE_CRYPTO_CIPHER_AES_CBC, RTE_CRYPTO_AUTH_SHA256_HMAC, 16,
					32, 16, 16},
};

static const char *const traffic_names[IPS_TR_MAX] = {
    [IPS_TR_SIGNALLING] = "signalling",
    [IPS_TR_PREFIX_DISCOVERY] = "prefix-discovery",
    [IPS_TR_RETURN_ROUTABILITY] = "return-routability",
    [IPS_TR_PAYLOAD] = "payload",
};

const char *ips_alg_name(enum ips_alg alg)
{
	return (unsigned int)alg < IPS_ALG_MAX ? algs[alg].name : NULL;
}

const char *ips_traffic_name(enum ips_traffic t)
{
	return (unsigned int)t < IPS_TR_MAX ? traffic_names[t] : NULL;
}

static bool traffic_tunnel(enum ips_traffic t)
{
	return t == IPS_TR_RETURN_ROUTABILITY || t == IPS_TR_PAYLOAD;
}

/* The cryptodev's capabilities cover the transform with these sizes. */
static bool dev_supports(const struct alg_desc *a)
{
	struct rte_cryptodev_sym_capability_idx idx;
	const struct rte_cryptodev_symmetric_capability *cap;

	if (a->aead) {
		idx.type = RTE_CRYPTO_SYM_XFORM_AEAD;
		idx.algo.aead = RTE_CRYPTO_AEAD_AES_GCM;
		cap = rte_cryptodev_sym_capability_get(ips.dev_id, &idx);
		return cap != NULL && rte_cryptodev_sym_capability_check_aead(
					  cap, a->enc_key - 4, a->icv, 8, a->iv) == 0;
	}
	idx.type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	idx.algo.cipher = a->cipher;
	cap = rte_cryptodev_sym_capability_get(ips.dev_id, &idx);
	if (cap == NULL || rte_cryptodev_sym_capability_check_cipher(cap, a->enc_key, a->iv) != 0)
		return false;
	idx.type = RTE_CRYPTO_SYM_XFORM_AUTH;
	idx.algo.auth = a->auth;
	cap = rte_cryptodev_sym_capability_get(ips.dev_id, &idx);
	return cap != NULL &&
	       rte_cryptodev_sym_capability_check_auth(cap, a->auth_key, a->icv, 0) == 0;
}

bool ips_alg_supported(enum ips_alg alg)
{
	return ips.up && (unsigned int)alg < IPS_ALG_MAX && dev_supports(&algs[alg]);
}

static int dev_up(int socket)
{
	struct rte_cryptodev_config dc = {.socket_id = socket, .nb_queue_pairs = 1};
	struct rte_cryptodev_qp_conf qc = {.nb_descriptors = 128};
	struct rte_cryptodev_info info;
	int id, r;

	r = rte_vdev_init(IPS_VDEV, NULL);
	if (r != 0 && r != -EEXIST)
		return -ENODEV;
	id = rte_cryptodev_get_dev_id(IPS_VDEV);
	if (id < 0)
		return -ENODEV;
	ips.dev_id = (uint8_t)id;
	rte_cryptodev_info_get(ips.dev_id, &info);
	if (!(info.feature_flags & RTE_CRYPTODEV_FF_SYM_CPU_CRYPTO))
		return -ENODEV;
	ips.sess_pool = rte_cryptodev_sym_session_pool_create(
	    "ips_sess", ips.cap, rte_cryptodev_sym_get_private_session_size(ips.dev_id), 0, 0,
	    socket);
	if (ips.sess_pool == NULL)
		return -ENOMEM;
	qc.mp_session = ips.sess_pool;
	if (rte_cryptodev_configure(ips.dev_id, &dc) != 0 ||
	    rte_cryptodev_queue_pair_setup(ips.dev_id, 0, &qc, socket) != 0 ||
	    rte_cryptodev_start(ips.dev_id) != 0)
		return -ENODEV;
	return 0;
}

int ips_init(const struct ips_params *p)
{
	struct ips_params d = {0};
	int r;

	if (ips.up)
		return -EALREADY;
	if (p == NULL)
		p = &d;
	memset(&ips, 0, sizeof(ips));
	ips.cap = p->max_sas ? p->max_sas : IPS_DEFAULT_SAS;
	ips.socket_id = p->socket_id ? p->socket_id : SOCKET_ID_ANY;
	if (ips.cap > (1u << 20))
		return -EINVAL;
	struct rte_hash_parameters hi = {.name = "ips_in",
					 .entries = ips.cap,
					 .key_len = sizeof(uint32_t),
					 .hash_func = rte_jhash,
					 .socket_id = ips.socket_id};
	struct rte_hash_parameters ho = hi;
	ho.name = "ips_out";
	ho.key_len = sizeof(struct ips_out_key);
	ips.in = rte_hash_create(&hi);
	ips.out = rte_hash_create(&ho);
	ips.sas = rte_zmalloc_socket("ips_sad", sizeof(*ips.sas) * ips.cap, 0, ips.socket_id);
	ips.pool = rte_pktmbuf_pool_create("ips_pkt", p->mbufs ? p->mbufs : IPS_DEFAULT_MBUFS, 0, 0,
					   RTE_MBUF_DEFAULT_BUF_SIZE, ips.socket_id);
	r = ips.in && ips.out && ips.sas && ips.pool ? dev_up(ips.socket_id) : -ENOMEM;
	if (r != 0) {
		ips_fini();
		return r;
	}
	ips.up = true;
	return 0;
}

static void sa_release(struct ips_sa *s)
{
	if (s->cses != NULL)
		rte_cryptodev_sym_session_free(ips.dev_id, s->cses);
	if (s->rsa != NULL) {
		rte_ipsec_sa_fini(s->rsa);
		rte_free(s->rsa);
	}
	memset(s, 0, sizeof(*s));
}

void ips_fini(void)
{
	for (uint32_t i = 0; ips.sas != NULL && i < ips.cap; i++)
		if (ips.sas[i].used)
			sa_release(&ips.sas[i]);
	if (ips.sess_pool != NULL) {
		rte_cryptodev_stop(ips.dev_id);
		rte_cryptodev_close(ips.dev_id);
		rte_vdev_uninit(IPS_VDEV);
	}
	rte_mempool_free(ips.sess_pool);
	rte_mempool_free(ips.pool);
	rte_hash_free(ips.in);
	rte_hash_free(ips.out);
	rte_free(ips.sas);
	memset(&ips, 0, sizeof(ips));
}

static int errf(char *err, size_t errlen, int ret, const char *fmt, const char *a)
{
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, fmt, a);
	return ret;
}

int ips_sa_check(const struct ips_sa_conf *c, char *err, size_t errlen)
{
	const struct alg_desc *a;

	if (!ips.up)
		return errf(err, errlen, -ENODEV, "%s", "IPsec is not initialised");
	if (c == NULL || (unsigned int)c->alg >= IPS_ALG_MAX ||
	    (unsigned int)c->traffic >= IPS_TR_MAX)
		return errf(err, errlen, -EINVAL, "%s", "invalid SA");
	a = &algs[c->alg];
	if (c->spi < 256) /* RFC 4303 §2.1: 1..255 reserved, 0 local */
		return errf(err, errlen, -EINVAL, "%s", "SPI 0..255 is reserved (RFC 4303 2.1)");
	if (c->enc_key_len != a->enc_key || (c->enc_key_len != 0 && c->enc_key == NULL))
		return errf(err, errlen, -EINVAL, "encryption key length does not fit %s", a->name);
	if (c->auth_key_len != a->auth_key || (c->auth_key_len != 0 && c->auth_key == NULL))
		return errf(err, errlen, -EINVAL, "authentication key length does not fit %s",
			    a->name);
	if (!dev_supports(a))
		return errf(err, errlen, -ENOTSUP,
			    "algorithm %s is not supported by the crypto device", a->name);
	if (c->traffic == IPS_TR_PAYLOAD)
		return errf(err, errlen, -ENOTSUP, "%s",
			    "ESP for tunnelled payload is not supported (RT-2 and TUN-4 "
			    "payload protection are optional)");
	return 0;
}

struct ips_sa *ips_in_lookup(uint32_t spi)
{
	void *v;

	if (rte_hash_lookup_data(ips.in, &spi, &v) < 0)
		return NULL;
	return &ips.sas[(uintptr_t)v];
}

static void out_key(struct ips_out_key *k, const uint8_t hoa[16], enum ips_traffic t)
{
	memset(k, 0, sizeof(*k));
	memcpy(k->hoa, hoa, 16);
	k->traffic = (uint32_t)t;
}

struct ips_sa *ips_out_lookup(const uint8_t hoa[16], enum ips_traffic t)
{
	struct ips_out_key k;
	void *v;

	if (!ips.up)
		return NULL;
	out_key(&k, hoa, t);
	if (rte_hash_lookup_data(ips.out, &k, &v) < 0)
		return NULL;
	return &ips.sas[(uintptr_t)v];
}

struct ips_sa *ips_out_sa_get(const uint8_t hoa[16], enum ips_traffic t)
{
	return ips_out_lookup(hoa, t);
}

bool ips_has_out_sa(const uint8_t hoa[16], enum ips_traffic t)
{
	return ips_out_lookup(hoa, t) != NULL;
}

/* Crypto transforms in librte_ipsec's order: outbound cipher then auth,
 * inbound auth then cipher; one AEAD transform for GCM. */
static void xforms(const struct ips_sa_conf *c, struct rte_crypto_sym_xform x[2])
{
	const struct alg_desc *a = &algs[c->alg];
	struct rte_crypto_sym_xform *ci, *au;

	memset(x, 0, sizeof(*x) * 2);
	if (a->aead) {
		x[0].type = RTE_CRYPTO_SYM_XFORM_AEAD;
		x[0].aead.op = c->inbound ? RTE_CRYPTO_AEAD_OP_DECRYPT : RTE_CRYPTO_AEAD_OP_ENCRYPT;
		x[0].aead.algo = RTE_CRYPTO_AEAD_AES_GCM;
		x[0].aead.key.data = c->enc_key;
		x[0].aead.key.length = (uint16_t)(a->enc_key - 4);
		x[0].aead.iv.offset = IPS_IV_OFFSET;
		x[0].aead.iv.length = a->iv;
		x[0].aead.digest_length = a->icv;
		x[0].aead.aad_length = 8; /* SPI and 32-bit sequence number (RFC 4106 §5) */
		return;
	}
	ci = c->inbound ? &x[1] : &x[0];
	au = c->inbound ? &x[0] : &x[1];
	ci->type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	ci->cipher.op = c->inbound ? RTE_CRYPTO_CIPHER_OP_DECRYPT : RTE_CRYPTO_CIPHER_OP_ENCRYPT;
	ci->cipher.algo = a->cipher;
	ci->cipher.key.data = c->enc_key;
	ci->cipher.key.length = a->enc_key;
	ci->cipher.iv.offset = IPS_IV_OFFSET;
	ci->cipher.iv.length = a->iv;
	au->type = RTE_CRYPTO_SYM_XFORM_AUTH;
	au->auth.op = c->inbound ? RTE_CRYPTO_AUTH_OP_VERIFY : RTE_CRYPTO_AUTH_OP_GENERATE;
	au->auth.algo = a->auth;
	au->auth.key.data = c->auth_key;
	au->auth.key.length = a->auth_key;
	au->auth.digest_length = a->icv;
	x[0].next = &x[1];
}

/* Outer header template of tunnel-mode SAs; the addresses are written per
 * packet (ips_tunnel_encap_burst) so that they follow the binding. */
static const uint8_t tun_hdr[40] = {0x60, 0, 0, 0, 0, 0, IPPROTO_ESP, 64};

static int sa_build(struct ips_sa *s, const struct ips_sa_conf *c, uint32_t idx)
{
	struct rte_crypto_sym_xform x[2];
	struct rte_ipsec_sa_prm prm;
	bool tunnel = traffic_tunnel(c->traffic);
	int sz;

	xforms(c, x);
	memset(&prm, 0, sizeof(prm));
	prm.userdata = idx;
	prm.ipsec_xform.spi = c->spi;
	prm.ipsec_xform.direction =
	    c->inbound ? RTE_SECURITY_IPSEC_SA_DIR_INGRESS : RTE_SECURITY_IPSEC_SA_DIR_EGRESS;
	prm.ipsec_xform.proto = RTE_SECURITY_IPSEC_SA_PROTO_ESP;
	prm.ipsec_xform.mode =
	    tunnel ? RTE_SECURITY_IPSEC_SA_MODE_TUNNEL : RTE_SECURITY_IPSEC_SA_MODE_TRANSPORT;
	prm.ipsec_xform.tunnel.type = RTE_SECURITY_IPSEC_TUNNEL_IPV6;
	prm.ipsec_xform.replay_win_sz = c->inbound ? IPS_REPLAY_WINDOW : 0;
	if (algs[c->alg].aead) /* RFC 4106 §8.1: the last 4 key octets are the salt */
		memcpy(&prm.ipsec_xform.salt, c->enc_key + algs[c->alg].enc_key - 4, 4);
	prm.crypto_xform = x;
	if (tunnel) {
		prm.tun.next_proto = IPPROTO_IPV6;
		prm.tun.hdr = tun_hdr;
		prm.tun.hdr_len = sizeof(tun_hdr);
	} else {
		prm.trs.proto = IPPROTO_IPV6;
	}
	sz = rte_ipsec_sa_size(&prm);
	if (sz < 0)
		return -EINVAL;
	s->rsa = rte_zmalloc_socket("ips_sa", (size_t)sz, RTE_CACHE_LINE_SIZE, ips.socket_id);
	if (s->rsa == NULL)
		return -ENOMEM;
	if (rte_ipsec_sa_init(s->rsa, &prm, (uint32_t)sz) < 0)
		return -EINVAL;
	s->cses = rte_cryptodev_sym_session_create(ips.dev_id, x, ips.sess_pool);
	if (s->cses == NULL)
		return rte_errno == ENOMEM ? -ENOSPC : -EINVAL;
	s->ss.sa = s->rsa;
	s->ss.type = RTE_SECURITY_ACTION_TYPE_CPU_CRYPTO;
	s->ss.crypto.ses = s->cses;
	s->ss.crypto.dev_id = ips.dev_id;
	return rte_ipsec_session_prepare(&s->ss) == 0 ? 0 : -EINVAL;
}

static int sa_index(const struct ips_sa_conf *c, struct ips_out_key *ok, void **v)
{
	if (c->inbound)
		return rte_hash_lookup_data(ips.in, &c->spi, v);
	out_key(ok, c->hoa, c->traffic);
	return rte_hash_lookup_data(ips.out, ok, v);
}

int ips_sa_add(const struct ips_sa_conf *c)
{
	struct ips_out_key ok;
	struct ips_sa *s = NULL;
	uint32_t idx;
	void *v;
	int r = ips_sa_check(c, NULL, 0);

	if (r != 0)
		return r;
	if (sa_index(c, &ok, &v) >= 0)
		return -EEXIST;
	for (idx = 0; idx < ips.cap && s == NULL; idx++)
		if (!ips.sas[idx].used)
			s = &ips.sas[idx];
	if (s == NULL)
		return -ENOSPC;
	idx--;
	r = sa_build(s, c, idx);
	if (r == 0)
		r = c->inbound ? rte_hash_add_key_data(ips.in, &c->spi, (void *)(uintptr_t)idx)
			       : rte_hash_add_key_data(ips.out, &ok, (void *)(uintptr_t)idx);
	if (r != 0) {
		sa_release(s);
		return r;
	}
	s->used = true;
	s->conf = *c;
	s->conf.enc_key = s->conf.auth_key = NULL;
	return 0;
}

static void sa_unlink(struct ips_sa *s)
{
	struct ips_out_key ok;

	if (s->conf.inbound) {
		rte_hash_del_key(ips.in, &s->conf.spi);
	} else {
		out_key(&ok, s->conf.hoa, s->conf.traffic);
		rte_hash_del_key(ips.out, &ok);
	}
	sa_release(s);
}

int ips_sa_del(const uint8_t hoa[16], uint32_t spi, bool inbound)
{
	if (!ips.up)
		return -ENODEV;
	for (uint32_t i = 0; i < ips.cap; i++) {
		struct ips_sa *s = &ips.sas[i];

		if (s->used && s->conf.spi == spi && s->conf.inbound == inbound &&
		    memcmp(s->conf.hoa, hoa, 16) == 0) {
			sa_unlink(s);
			return 0;
		}
	}
	return -ENOENT;
}

int ips_sa_del_hoa(const uint8_t hoa[16])
{
	int n = 0;

	for (uint32_t i = 0; ips.up && i < ips.cap; i++)
		if (ips.sas[i].used && memcmp(ips.sas[i].conf.hoa, hoa, 16) == 0) {
			sa_unlink(&ips.sas[i]);
			n++;
		}
	return n;
}

int ips_sa_foreach(int (*fn)(void *arg, const struct ips_sa_info *sa), void *arg)
{
	struct ips_sa_info info;
	int r;

	for (uint32_t i = 0; ips.up && i < ips.cap; i++) {
		if (!ips.sas[i].used)
			continue;
		info.conf = ips.sas[i].conf;
		info.st = ips.sas[i].st;
		r = fn(arg, &info);
		if (r != 0)
			return r;
	}
	return 0;
}

void ips_stats_get(struct ips_stats *out)
{
	*out = ips.st;
}

const char *ips_drop_name(unsigned int reason)
{
	static const char *const names[IPS_DROP_MAX] = {
#define IPS_X_NAME(n, s, d) #s,
	    IPS_DROP_REASONS(IPS_X_NAME)
#undef IPS_X_NAME
	};
	return reason < IPS_DROP_MAX ? names[reason] : NULL;
}
