/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Lock-free readers vs. the single writer (ARCHITECTURE.md rule 1,
 * lib/fastpath/fastpath.h): two reader pthreads look HoAs up in the binding
 * cache through fp_bc_lookup()/fp_bc_lookup_bulk(), reporting a quiescent
 * state every iteration, while the control thread adds, replaces and
 * deletes bindings through the NPF API for ~3 s. A reader must only ever see
 * a live binding object (FP_B_LIVE: freed ones are poisoned) whose HoA is the
 * key and whose CoA is one the writer paired with that HoA: the writer puts
 * the HoA's low 32 bits in CoA bytes 8..11 and a version number (never above
 * what the writer has published) in bytes 12..15.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fastpath.h"
#include "test_common.h"

enum { NHOA = 1000, NREADERS = 2, RUN_MS = 3000, BULK = 8 };

static atomic_bool stop;
static atomic_uint ready;
static _Atomic uint32_t version; /* highest CoA version handed to the API */

struct reader {
	pthread_t th;
	unsigned int id;
	uint64_t seed;
	uint64_t lookups, hits, violations;
	int reg_rc;
	char first_violation[160];
};

static NPF_IPv6Address_t hoas[NHOA];

static NPF_IPv6Address_t coa_for(uint32_t i, uint32_t ver)
{
	NPF_IPv6Address_t c = tc_a("2001:db8:2::");
	memcpy(&c.addr[8], &hoas[i].addr[12], 4);
	c.addr[12] = (uint8_t)(ver >> 24);
	c.addr[13] = (uint8_t)(ver >> 16);
	c.addr[14] = (uint8_t)(ver >> 8);
	c.addr[15] = (uint8_t)ver;
	return c;
}

static void violation(struct reader *r, const char *what, uint32_t i)
{
	if (r->violations++ == 0)
		snprintf(r->first_violation, sizeof(r->first_violation), "reader %u, HoA #%u: %s",
			 r->id, i, what);
}

static void check_binding(struct reader *r, const struct fp_binding *b, uint32_t i)
{
	static const uint8_t pfx[8] = {0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00};
	if (b->state != FP_B_LIVE) {
		violation(r, "binding object not live (freed or poisoned)", i);
		return;
	}
	if (memcmp(b->hoa, hoas[i].addr, 16) != 0) {
		violation(r, "binding HoA differs from the key", i);
		return;
	}
	const uint8_t *coa = (const uint8_t *)&b->outer.dst_addr;
	if (memcmp(coa, pfx, 8) != 0 || memcmp(coa + 8, &hoas[i].addr[12], 4) != 0) {
		violation(r, "CoA not one the writer paired with this HoA", i);
		return;
	}
	uint32_t ver =
	    (uint32_t)coa[12] << 24 | (uint32_t)coa[13] << 16 | (uint32_t)coa[14] << 8 | coa[15];
	if (ver == 0 || ver > atomic_load_explicit(&version, memory_order_acquire)) {
		violation(r, "CoA version never published", i);
		return;
	}
	if (b->handle == 0)
		violation(r, "binding with handle 0", i);
}

static void *reader_main(void *arg)
{
	struct reader *r = arg;
	r->reg_rc = fp_reader_register(r->id);
	atomic_fetch_add(&ready, 1);
	if (r->reg_rc != 0)
		return NULL;
	uint64_t s = r->seed;
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		uint64_t x = tc_rand(&s);
		if (x & 1) {
			uint32_t i = (uint32_t)(x >> 8) % NHOA;
			const struct fp_binding *b = fp_bc_lookup(hoas[i].addr);
			r->lookups++;
			if (b != NULL) {
				r->hits++;
				check_binding(r, b, i);
			}
		} else {
			const uint8_t *keys[BULK];
			const struct fp_binding *out[BULK];
			uint32_t idx[BULK];
			for (int k = 0; k < BULK; k++) {
				idx[k] = (uint32_t)(tc_rand(&s) % NHOA);
				keys[k] = hoas[idx[k]].addr;
				out[k] = NULL;
			}
			uint64_t hits = fp_bc_lookup_bulk(keys, BULK, out);
			r->lookups += BULK;
			for (int k = 0; k < BULK; k++) {
				if (!(hits & (1ull << k)))
					continue;
				r->hits++;
				if (out[k] == NULL)
					violation(r, "bulk hit without a binding", idx[k]);
				else
					check_binding(r, out[k], idx[k]);
			}
		}
		fp_reader_quiescent(r->id);
	}
	fp_reader_unregister(r->id);
	return NULL;
}

static uint64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int group_setup(void **state)
{
	(void)state;
	/* Three lcores as the forwarding plane would have (main + 2 workers),
	 * mapped onto CPU 0 so that it runs on any machine; the readers
	 * themselves are plain pthreads. */
	tc_eal_init("--lcores=(0-2)@0");
	return 0;
}

/* Readers never see a freed, half-built or mismatched binding. */
static void test_rcu_readers_vs_writer(void **state)
{
	(void)state;
	struct npf_mipv6ha_params p;
	tc_params(&p, 2048);
	p.max_lcores = 3; /* worker ids 0..2; the readers are 1 and 2 */
	tc_start(&p, 0);
	for (uint32_t i = 0; i < NHOA; i++)
		hoas[i] = tc_hoa(i * 7919u);
	uint64_t seed = tc_seed("test_rcu_readers_vs_writer");
	atomic_store(&stop, false);
	atomic_store(&ready, 0);
	atomic_store(&version, 0);
	struct reader rd[NREADERS];
	memset(rd, 0, sizeof(rd));
	for (unsigned int k = 0; k < NREADERS; k++) {
		rd[k].id = k + 1;
		rd[k].seed = seed ^ (0x1234567ull * (k + 1));
		assert_int_equal(pthread_create(&rd[k].th, NULL, reader_main, &rd[k]), 0);
	}
	while (atomic_load(&ready) < NREADERS)
		;
	for (unsigned int k = 0; k < NREADERS; k++)
		assert_int_equal(rd[k].reg_rc, 0);

	NPF_MIPv6HA_SubtunnelHandle_t h[NHOA] = {0};
	uint64_t rng = seed, ops = 0, adds = 0, dels = 0, flushes = 0, bad = 0;
	uint32_t first_bad = 0, live_at_first_bad = 0, space_at_first_bad = 0;
	bool first_bad_replace = false;
	uint64_t last_flush_op = 0, first_bad_since_flush = 0;
	uint64_t t_end = mono_ms() + RUN_MS;
	while (mono_ms() < t_end) {
		uint64_t x = tc_rand(&rng);
		uint32_t i = (uint32_t)(x >> 16) % NHOA;
		uint32_t d = (uint32_t)(x % 1000);
		tc_rec_reset();
		if (d == 0) {
			/* rarely: everything goes */
			if (tc_bc_flush(tc.tun) != NPF_NO_ERROR && bad++ == 0)
				first_bad = 1;
			memset(h, 0, sizeof(h));
			flushes++;
			last_flush_op = ops;
		} else if (h[i] != 0 && d < 350) {
			NPF_MIPv6HA_ErrorType_t rc = tc_del1(tc.tun, h[i], NULL);
			if (rc != NPF_NO_ERROR && bad++ == 0)
				first_bad = rc;
			h[i] = 0;
			dels++;
		} else {
			/* add, or replace with a new CoA */
			uint32_t ver = atomic_load(&version) + 1;
			atomic_store_explicit(&version, ver, memory_order_release);
			NPF_MIPv6HA_SubtunnelHandle_t nh = 0;
			NPF_MIPv6HA_ErrorType_t rc =
			    tc_add_off(tc.tun, hoas[i], coa_for(i, ver), &nh);
			if (rc != NPF_NO_ERROR) {
				if (bad++ == 0) {
					first_bad = rc;
					live_at_first_bad = 0;
					for (uint32_t k = 0; k < NHOA; k++)
						live_at_first_bad += h[k] != 0;
					space_at_first_bad = tc_bc_space(tc.tun);
					first_bad_replace = h[i] != 0;
					first_bad_since_flush = ops - last_flush_op;
				}
			} else {
				if (h[i] != 0 && nh != h[i] && bad++ == 0)
					first_bad = 0xFFFF; /* replace changed the handle */
				h[i] = nh;
			}
			adds++;
		}
		ops++;
	}
	atomic_store(&stop, true);
	for (unsigned int k = 0; k < NREADERS; k++)
		assert_int_equal(pthread_join(rd[k].th, NULL), 0);
	tc_dispatch();

	uint64_t lookups = 0, hits = 0, violations = 0;
	for (unsigned int k = 0; k < NREADERS; k++) {
		printf("reader %u: %llu lookups, %llu hits, %llu violations%s%s\n", rd[k].id,
		       (unsigned long long)rd[k].lookups, (unsigned long long)rd[k].hits,
		       (unsigned long long)rd[k].violations, rd[k].violations ? ": first " : "",
		       rd[k].first_violation);
		lookups += rd[k].lookups;
		hits += rd[k].hits;
		violations += rd[k].violations;
	}
	printf("writer: %llu ops (%llu add/replace, %llu delete, %llu flush), %llu failed\n",
	       (unsigned long long)ops, (unsigned long long)adds, (unsigned long long)dels,
	       (unsigned long long)flushes, (unsigned long long)bad);
	assert_int_equal(violations, 0);
	/* §5.4.1: NOMEMORY means the table is full; here it never is (<= 1000 of 2048) */
	if (bad != 0)
		fail_msg("%llu of %llu writer operations failed; the first (code %u) was the %s "
			 "of an HoA, %llu operations after a flush, with %u bindings live and "
			 "TableSpaceGet = %u",
			 (unsigned long long)bad, (unsigned long long)ops, first_bad,
			 first_bad_replace ? "replace" : "add",
			 (unsigned long long)first_bad_since_flush, live_at_first_bad,
			 space_at_first_bad);
	assert_true(ops > 1000);
	assert_true(lookups > 100000);
	assert_true(hits > 1000);
	/* the table is still consistent with the writer's view */
	uint32_t n = 0;
	for (uint32_t i = 0; i < NHOA; i++)
		n += h[i] != 0;
	assert_int_equal(tc_bc_getall(tc.tun, NULL), n);
	assert_int_equal(tc_bc_space(tc.tun), 2048 - n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_rcu_readers_vs_writer, tc_setup, tc_teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, tc_group_teardown);
}
