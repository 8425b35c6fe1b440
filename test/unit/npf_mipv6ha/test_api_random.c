/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * NPF MIPv6 HA Service API, randomised: 100,000 random BC operations on two
 * tunnel interfaces sharing a 512-entry binding cache, each completion
 * checked against a deliberately naive reference (an unordered array and
 * linear searches): handles, HoA -> CoA, per-tunnel sets (GetAll), exact
 * table space, and every response code (NOMEMORY when full, INVALID_PARAM
 * for an HoA bound on the other tunnel, INVALID_SUBTUNNEL_HANDLE for stale,
 * unknown or foreign handles). Seeded; TC_SEED=<seed> reproduces a run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

enum {
	CAP = 512,
	POOL = 700, /* more HoAs than room: the table fills */
	OPS = 100000,
	MAXB = 8,
	LIFETIME = 100000, /* the clock never moves: no expiry */
};

/* ------------------------------------------------ the naive reference */

struct ref_e {
	uint32_t hoa; /* index into the pool */
	int tun;      /* 0 or 1 */
	NPF_IPv6Address_t coa;
	NPF_MIPv6HA_SubtunnelHandle_t h;
	NPF_MIPv6HA_LifetimeMode_t mode;
	uint32_t lt;
};

static struct ref_e live[CAP];
static uint32_t n_live;
static NPF_MIPv6HA_SubtunnelHandle_t stale[256];
static uint32_t n_stale;
static NPF_MIPv6HA_SubtunnelHandle_t *issued;
static uint32_t n_issued, cap_issued;

static int ref_by_hoa(uint32_t hoa)
{
	for (uint32_t i = 0; i < n_live; i++)
		if (live[i].hoa == hoa)
			return (int)i;
	return -1;
}

static int ref_by_handle(NPF_MIPv6HA_SubtunnelHandle_t h)
{
	for (uint32_t i = 0; i < n_live; i++)
		if (live[i].h == h)
			return (int)i;
	return -1;
}

static void ref_remove(int i)
{
	stale[n_stale++ % 256] = live[i].h;
	live[i] = live[--n_live];
}

static uint32_t ref_count(int tun)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < n_live; i++)
		n += live[i].tun == tun;
	return n;
}

static void issue(NPF_MIPv6HA_SubtunnelHandle_t h)
{
	if (n_issued == cap_issued) {
		cap_issued = cap_issued ? cap_issued * 2 : 4096;
		issued = realloc(issued, cap_issued * sizeof(*issued));
		assert_non_null(issued);
	}
	issued[n_issued++] = h;
}

/* -------------------------------------------------------- the run */

static uint64_t rng;
static uint64_t seed;
static bool trace; /* TC_TRACE=1: print every operation */
static uint32_t n_nomem, n_elsewhere, n_replaced, n_stale_hits;
static uint32_t op;
static NPF_IfHandle_t tun_h[2];

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("op %u (seed 0x%llx): ", op, (unsigned long long)seed);             \
			fail_msg(__VA_ARGS__);                                                     \
		}                                                                                  \
	} while (0)

static uint32_t rnd(uint32_t n)
{
	return (uint32_t)(tc_rand(&rng) % n);
}

static NPF_MIPv6HA_SubtunnelHandle_t some_handle(void)
{
	uint32_t k = rnd(100);
	if (k < 55 && n_live > 0)
		return live[rnd(n_live)].h;
	if (k < 80 && n_stale > 0)
		return stale[rnd(n_stale < 256 ? n_stale : 256)];
	if (k < 90)
		return 0;
	NPF_MIPv6HA_SubtunnelHandle_t h;
	do
		h = (NPF_MIPv6HA_SubtunnelHandle_t)tc_rand(&rng);
	while (ref_by_handle(h) >= 0);
	return h;
}

static uint32_t collect(NPF_MIPv6HA_CallbackType_t type, void *corr, struct tc_resp **r,
			uint32_t max)
{
	tc_dispatch_checked();
	return tc_collect(type, corr, r, max);
}

static void op_add(void)
{
	int t = (int)rnd(2);
	uint32_t n = 1 + rnd(MAXB);
	NPF_MIPv6HA_BC_Entry_t e[MAXB];
	uint32_t hoa[MAXB];
	bool bad[MAXB];
	bool dup = rnd(100) == 0 && n > 1;
	for (uint32_t i = 0; i < n; i++) {
		bool fresh;
		do {
			hoa[i] = rnd(POOL);
			fresh = true;
			for (uint32_t j = 0; j < i; j++)
				fresh &= hoa[j] != hoa[i];
		} while (!fresh);
		if (dup && i == n - 1)
			hoa[i] = hoa[0];
		bool on = rnd(2);
		e[i] = tc_entry(tc_hoa(hoa[i]), tc_coa(rnd(100000)),
				on ? NPF_MIPv6HA_LIFETIME_ON : NPF_MIPv6HA_LIFETIME_OFF,
				on ? 1 + rnd(LIFETIME) : 0);
		bad[i] = rnd(40) == 0;
		if (bad[i]) {
			switch (rnd(4)) {
			case 0:
				e[i].CoA = e[i].HoA;
				break;
			case 1:
				e[i].CoA = tc_a("fe80::99");
				break;
			case 2:
				e[i].lifetimeMode = (NPF_MIPv6HA_LifetimeMode_t)(3 + rnd(5));
				break;
			default:
				e[i].lifetimeMode = NPF_MIPv6HA_LIFETIME_ON;
				e[i].bindingLifetime = 0;
				break;
			}
		}
	}
	void *corr = (void *)(uintptr_t)(op + 1);
	NPF_error_t rc = NPF_MIPv6HA_BC_Entry_Add(tc.cbh, corr, NPF_REPORT_ALL, tun_h[t], n, e);
	if (dup) {
		CHECK(rc == NPF_MIPv6HA_E_DUPLICATE_HOA, "duplicate HoA: sync %u", rc);
		tc_dispatch();
		CHECK(tc_rec.n_inv == 0, "rejected add delivered %u invocations", tc_rec.n_inv);
		return;
	}
	CHECK(rc == NPF_NO_ERROR, "add sync %u", rc);
	struct tc_resp *r[MAXB];
	uint32_t got = collect(NPF_MIPV6HA_BC_ENTRY_ADD, corr, r, MAXB);
	if (trace) {
		printf("op %u: add tunnel %d n %u:", op, t, n);
		for (uint32_t i = 0; i < n && i < got; i++)
			printf(" #%u%s->%u/0x%x", hoa[i], bad[i] ? "(bad)" : "",
			       r[i]->raw.errorCode,
			       r[i]->raw.u2.subtunnelIdentifiers.subtunnelHandle);
		printf("\n");
	}
	CHECK(got == n, "add: %u responses for %u entries", got, n);
	for (uint32_t i = 0; i < n; i++) {
		const NPF_MIPv6HA_AsyncResponse_t *x = &r[i]->raw;
		CHECK(x->u1.ifHandle == tun_h[t], "add: ifHandle 0x%x", x->u1.ifHandle);
		CHECK(tc_aeq(&x->u2.subtunnelIdentifiers.HoA, &e[i].HoA), "add %u: HoA %s, want %s",
		      i, tc_astr(&x->u2.subtunnelIdentifiers.HoA), tc_astr(&e[i].HoA));
		int k = ref_by_hoa(hoa[i]);
		NPF_MIPv6HA_ErrorType_t want;
		if (bad[i] || (k >= 0 && live[k].tun != t))
			want = NPF_MIPv6HA_E_INVALID_PARAM;
		else if (k < 0 && n_live == CAP)
			want = NPF_MIPv6HA_E_NOMEMORY;
		else
			want = NPF_NO_ERROR;
		CHECK(x->errorCode == want,
		      "add %u/%u (HoA #%u, tunnel %d, bound %s, %u live): got %u want %u", i, n,
		      hoa[i], t,
		      k < 0              ? "nowhere"
		      : live[k].tun == t ? "here"
					 : "elsewhere",
		      n_live, x->errorCode, want);
		n_nomem += want == NPF_MIPv6HA_E_NOMEMORY;
		n_elsewhere += !bad[i] && k >= 0 && live[k].tun != t;
		if (want != NPF_NO_ERROR)
			continue;
		n_replaced += k >= 0;
		NPF_MIPv6HA_SubtunnelHandle_t h = x->u2.subtunnelIdentifiers.subtunnelHandle;
		if (k >= 0) {
			CHECK(h == live[k].h, "replace: handle 0x%x, want 0x%x", h, live[k].h);
		} else {
			CHECK(h != 0, "new handle 0");
			CHECK(ref_by_handle(h) < 0, "new handle 0x%x already live", h);
			issue(h);
			k = (int)n_live++;
			live[k].hoa = hoa[i];
			live[k].tun = t;
			live[k].h = h;
		}
		live[k].coa = e[i].CoA;
		live[k].mode = e[i].lifetimeMode;
		live[k].lt = e[i].bindingLifetime;
	}
}

static void op_handles(bool del)
{
	int t = (int)rnd(2);
	uint32_t n = 1 + rnd(MAXB);
	NPF_MIPv6HA_SubtunnelHandle_t h[MAXB];
	for (uint32_t i = 0; i < n; i++)
		h[i] = some_handle();
	uint32_t rep_draw = rnd(10);
	NPF_errorReporting_t rep = rep_draw < 7   ? NPF_REPORT_ALL
				   : rep_draw < 9 ? NPF_REPORT_ERRORS
						  : NPF_REPORT_NONE;
	void *corr = (void *)(uintptr_t)(op + 1);
	NPF_error_t rc = del ? NPF_MIPv6HA_BC_Entry_Delete(tc.cbh, corr, rep, tun_h[t], n, h)
			     : NPF_MIPv6HA_BC_EntryAttrGet(tc.cbh, corr, rep, tun_h[t], n, h);
	CHECK(rc == NPF_NO_ERROR, "%s sync %u", del ? "delete" : "attr-get", rc);
	struct tc_resp *r[MAXB];
	uint32_t got = collect(del ? NPF_MIPV6HA_BC_ENTRY_DELETE : NPF_MIPV6HA_BC_ENTRY_ATTR_GET,
			       corr, r, MAXB);
	if (trace) {
		printf("op %u: %s tunnel %d rep %d n %u:", op, del ? "delete" : "attr-get", t, rep,
		       n);
		for (uint32_t i = 0; i < n; i++)
			printf(" 0x%x", h[i]);
		printf(" ->");
		for (uint32_t i = 0; i < got; i++)
			printf(" %u", r[i]->raw.errorCode);
		printf("\n");
	}
	uint32_t j = 0; /* next delivered response */
	for (uint32_t i = 0; i < n; i++) {
		int k = ref_by_handle(h[i]);
		bool ok = k >= 0 && live[k].tun == t;
		bool delivered = rep == NPF_REPORT_ALL || (rep == NPF_REPORT_ERRORS && !ok);
		if (!delivered) {
			if (ok && del)
				ref_remove(k);
			continue;
		}
		CHECK(j < got, "%s: response for element %u missing (%u delivered)",
		      del ? "delete" : "attr-get", i, got);
		const struct tc_resp *x = r[j++];
		NPF_MIPv6HA_ErrorType_t want =
		    ok ? NPF_NO_ERROR : NPF_MIPv6HA_E_INVALID_SUBTUNNEL_HANDLE;
		CHECK(x->raw.errorCode == want,
		      "%s %u/%u handle 0x%x on tunnel %d (%s): got %u want %u",
		      del ? "delete" : "attr-get", i, n, h[i], t,
		      k < 0              ? "not live"
		      : live[k].tun == t ? "live here"
					 : "live elsewhere",
		      x->raw.errorCode, want);
		CHECK(x->raw.u1.ifHandle == tun_h[t], "ifHandle 0x%x", x->raw.u1.ifHandle);
		if (!ok) {
			for (uint32_t s = 0; s < n_stale && s < 256; s++)
				n_stale_hits += stale[s] == h[i];
			continue;
		}
		NPF_IPv6Address_t hoa = tc_hoa(live[k].hoa);
		if (del) {
			CHECK(x->raw.u2.subtunnelIdentifiers.subtunnelHandle == h[i],
			      "delete: handle 0x%x",
			      x->raw.u2.subtunnelIdentifiers.subtunnelHandle);
			CHECK(tc_aeq(&x->raw.u2.subtunnelIdentifiers.HoA, &hoa), "delete: HoA %s",
			      tc_astr(&x->raw.u2.subtunnelIdentifiers.HoA));
		} else {
			CHECK(x->has_bc, "attr-get without entry");
			CHECK(x->bc.subtunnelHandle == h[i], "attr-get handle 0x%x",
			      x->bc.subtunnelHandle);
			CHECK(tc_aeq(&x->bc.HoA, &hoa), "attr-get HoA %s, want %s",
			      tc_astr(&x->bc.HoA), tc_astr(&hoa));
			CHECK(tc_aeq(&x->bc.CoA, &live[k].coa), "attr-get CoA %s, want %s",
			      tc_astr(&x->bc.CoA), tc_astr(&live[k].coa));
			CHECK(x->bc.lifetimeMode == live[k].mode, "attr-get mode %u, want %u",
			      x->bc.lifetimeMode, live[k].mode);
			CHECK(x->bc.PMTU == 1460, "attr-get PMTU %u", x->bc.PMTU);
			if (live[k].mode == NPF_MIPv6HA_LIFETIME_ON) {
				CHECK(x->bc.bindingLifetime == live[k].lt, "lifetime %u, want %u",
				      x->bc.bindingLifetime, live[k].lt);
				CHECK(x->bc.remainingBindingLifetime == live[k].lt,
				      "remaining %u, want %u", x->bc.remainingBindingLifetime,
				      live[k].lt);
			} else {
				CHECK(x->bc.remainingBindingLifetime == 0,
				      "remaining %u (mode OFF)", x->bc.remainingBindingLifetime);
			}
		}
		if (del)
			ref_remove(k);
	}
	CHECK(j == got, "%s: %u responses delivered, want %u", del ? "delete" : "attr-get", got, j);
}

static int cmp_h(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static void op_get_all(int t)
{
	NPF_MIPv6HA_SubtunnelIdentifiers_t *ids = NULL;
	uint32_t n = tc_bc_getall(tun_h[t], &ids);
	uint32_t want = ref_count(t);
	CHECK(n == want, "GetAll tunnel %d: %u identifiers, want %u", t, n, want);
	static uint32_t a[CAP], b[CAP];
	uint32_t m = 0;
	for (uint32_t i = 0; i < n_live; i++)
		if (live[i].tun == t)
			a[m++] = live[i].h;
	for (uint32_t i = 0; i < n; i++) {
		b[i] = ids[i].subtunnelHandle;
		int k = ref_by_handle(b[i]);
		CHECK(k >= 0 && live[k].tun == t, "GetAll tunnel %d lists 0x%x", t, b[i]);
		NPF_IPv6Address_t hoa = tc_hoa(live[k].hoa);
		CHECK(tc_aeq(&ids[i].HoA, &hoa), "GetAll: HoA of 0x%x", b[i]);
	}
	free(ids);
	qsort(a, m, sizeof(*a), cmp_h);
	qsort(b, n, sizeof(*b), cmp_h);
	for (uint32_t i = 0; i < n; i++)
		CHECK(a[i] == b[i], "GetAll tunnel %d: set differs at %u", t, i);
}

static void op_space(void)
{
	uint32_t s = tc_bc_space(tun_h[rnd(2)]);
	CHECK(s == CAP - n_live, "TableSpaceGet %u, want %u", s, CAP - n_live);
}

static void op_flush(void)
{
	int t = (int)rnd(2);
	CHECK(tc_bc_flush(tun_h[t]) == NPF_NO_ERROR, "flush failed");
	if (trace)
		printf("op %u: flush tunnel %d\n", op, t);
	for (uint32_t i = 0; i < n_live;)
		if (live[i].tun == t)
			ref_remove((int)i);
		else
			i++;
}

/* Randomised operations vs. the naive reference. */
static void test_random_ops_vs_naive_reference(void **state)
{
	(void)state;
	struct npf_mipv6ha_params p;
	tc_params(&p, CAP);
	tc_start(&p, 0);
	tun_h[0] = tc.tun;
	tun_h[1] = tc_tunnel(tc.hl, "2001:db8:1::2");
	seed = tc_seed("test_random_ops_vs_naive_reference");
	rng = seed;
	trace = getenv("TC_TRACE") != NULL;
	n_live = n_stale = n_issued = 0;
	n_nomem = n_elsewhere = n_replaced = n_stale_hits = 0;
	uint32_t full_seen = 0, max_live = 0;
	for (op = 0; op < OPS; op++) {
		tc_rec_reset();
		/* alternate growing and shrinking phases */
		bool grow = (op / 5000) % 2 == 0;
		uint32_t d = rnd(1000);
		uint32_t p_del = grow ? 150 : 450;
		if (d < 3)
			op_flush();
		else if (d < 400)
			op_add();
		else if (d < 400 + p_del)
			op_handles(true);
		else if (d < 930)
			op_handles(false);
		else if (d < 965)
			op_get_all((int)rnd(2));
		else
			op_space();
		full_seen += n_live == CAP;
		if (n_live > max_live)
			max_live = n_live;
		if (op % 997 == 0) {
			op_get_all(0);
			op_get_all(1);
			op_space();
		}
	}
	op_get_all(0);
	op_get_all(1);
	op_space();
	/* handles never repeat */
	qsort(issued, n_issued, sizeof(*issued), cmp_h);
	for (uint32_t i = 1; i < n_issued; i++)
		CHECK(issued[i] != issued[i - 1], "handle 0x%x issued twice", issued[i]);
	printf("random: %u ops, %u handles issued, max %u live, %u ops with a full table, "
	       "%u NOMEMORY, %u bound elsewhere, %u replaced, %u stale handles rejected\n",
	       OPS, n_issued, max_live, full_seen, n_nomem, n_elsewhere, n_replaced, n_stale_hits);
	/* every path was exercised */
	assert_true(full_seen > 0);
	assert_true(n_nomem > 0);
	assert_true(n_elsewhere > 0);
	assert_true(n_replaced > 0);
	assert_true(n_stale_hits > 0);
	free(issued);
	issued = NULL;
	cap_issued = 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_random_ops_vs_naive_reference, tc_setup,
					    tc_teardown),
	};
	return cmocka_run_group_tests(tests, tc_group_setup, tc_group_teardown);
}
