/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private to lib/ipsec.
 */
#ifndef IPS_PRIV_H
#define IPS_PRIV_H

#include <rte_ipsec.h>
#include <rte_mempool.h>

#include "ips.h"

#define IPS_MAX_HDRS 512 /* IPv6 + extension headers in front of ESP (l3_len limit) */

struct ips_sa {
	bool used;
	struct ips_sa_conf conf; /* keys point nowhere */
	struct rte_ipsec_sa *rsa;
	void *cses; /* cryptodev session */
	struct rte_ipsec_session ss;
	struct ips_sa_stats st;
};

struct ips_state {
	bool up;
	uint8_t dev_id;
	int socket_id;
	uint32_t cap;
	struct ips_sa *sas;   /* [cap] */
	struct rte_hash *in;  /* SPI -> index */
	struct rte_hash *out; /* struct ips_out_key -> index */
	struct rte_mempool *sess_pool;
	struct rte_mempool *pool; /* mbufs of the byte-buffer functions */
	struct ips_stats st;
};

struct ips_out_key {
	uint8_t hoa[16];
	uint32_t traffic;
};

extern struct ips_state ips;

static inline void ips_drop(enum ips_drop r)
{
	ips.st.drops[r]++;
}

struct ips_sa *ips_in_lookup(uint32_t spi);
struct ips_sa *ips_out_lookup(const uint8_t hoa[16], enum ips_traffic t);

#endif /* IPS_PRIV_H */
