/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CRC32 (SSE4.2) hash for the forwarding plane's tables. Keys come from
 * packet headers and API arrays at any alignment; rte_hash_crc() reads them
 * through uint64_t pointers, so this wrapper loads them with memcpy (plain
 * unaligned loads on x86) and hashes the same way.
 */
#ifndef FP_HASH_H
#define FP_HASH_H

#include <stdint.h>
#include <string.h>

#include <rte_hash_crc.h>

static inline uint32_t fp_hash_crc(const void *key, uint32_t len, uint32_t init)
{
	const uint8_t *p = (const uint8_t *)key;
	uint32_t h = init;
	uint64_t w8;
	uint32_t w4;

	for (; len >= 8; len -= 8, p += 8) {
		memcpy(&w8, p, 8);
		h = rte_hash_crc_8byte(w8, h);
	}
	if (len >= 4) {
		memcpy(&w4, p, 4);
		h = rte_hash_crc_4byte(w4, h);
		len -= 4;
		p += 4;
	}
	while (len-- > 0)
		h = rte_hash_crc_1byte(*p++, h);
	return h;
}

#endif /* FP_HASH_H */
