/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Operational state as JSON of the ha-router module. The tree is built with
 * libyang from plain C data and validated before printing, so what ha-ctl
 * --json and telemetry show always conforms to the module.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_priv.h"

static const char *ip(const struct in6_addr *a, char *buf)
{
	return inet_ntop(AF_INET6, a, buf, INET6_ADDRSTRLEN);
}

static LY_ERR term(struct lyd_node *parent, const char *name, const char *value)
{
	return lyd_new_term(parent, NULL, name, value, 0, NULL);
}

static LY_ERR term_u64(struct lyd_node *parent, const char *name, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	return term(parent, name, buf);
}

static LY_ERR term_i64(struct lyd_node *parent, const char *name, int64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRId64, v);
	return term(parent, name, buf);
}

static const char *const flag_names[] = {"acknowledge", "home-registration", "link-local-compat",
					 "key-management", "mobile-router"};

static LY_ERR add_binding(struct lyd_node *top, const struct hacfg_oper_binding *b)
{
	char a[INET6_ADDRSTRLEN], flags[96] = "";
	struct lyd_node *n, *c;
	LY_ERR r;
	size_t i;

	r = lyd_new_list(top, NULL, "binding", 0, &n, ip(&b->hoa, a));
	if (r == LY_SUCCESS)
		r = term(n, "care-of-address", ip(&b->coa, a));
	if (r == LY_SUCCESS && b->home_link != NULL)
		r = term(n, "home-link", b->home_link);
	if (r == LY_SUCCESS)
		r = term_u64(n, "lifetime", b->lifetime_s);
	if (r == LY_SUCCESS)
		r = term_u64(n, "remaining", b->remaining_s);
	if (r == LY_SUCCESS)
		r = term_u64(n, "sequence", b->sequence);
	for (i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++) {
		if (!(b->flags & (1u << i)))
			continue;
		if (flags[0] != '\0')
			strcat(flags, " ");
		strcat(flags, flag_names[i]);
	}
	if (r == LY_SUCCESS)
		r = term(n, "flags", flags);
	if (r == LY_SUCCESS)
		r = term_u64(n, "path-mtu", b->path_mtu);
	if (r == LY_SUCCESS)
		r = lyd_new_inner(n, NULL, "counters", 0, &c);
	if (r == LY_SUCCESS)
		r = term_u64(c, "in-packets", b->in_packets);
	if (r == LY_SUCCESS)
		r = term_u64(c, "in-octets", b->in_octets);
	if (r == LY_SUCCESS)
		r = term_u64(c, "out-packets", b->out_packets);
	if (r == LY_SUCCESS)
		r = term_u64(c, "out-octets", b->out_octets);
	if (r == LY_SUCCESS)
		r = term_u64(c, "in-drops", b->in_drops);
	if (r == LY_SUCCESS)
		r = term_u64(c, "out-drops", b->out_drops);
	return r;
}

static LY_ERR add_home_agent(struct lyd_node *top, const struct hacfg_oper_home_agent *h)
{
	char a[INET6_ADDRSTRLEN];
	struct lyd_node *n;
	uint32_t i;
	LY_ERR r;

	r = lyd_new_list(top, NULL, "home-agent", 0, &n, h->home_link != NULL ? h->home_link : "",
			 ip(&h->link_local, a));
	for (i = 0; r == LY_SUCCESS && h->global != NULL && i < h->n_global; i++)
		r = term(n, "global-address", ip(&h->global[i], a));
	if (r == LY_SUCCESS)
		r = term_i64(n, "preference", h->preference);
	if (r == LY_SUCCESS)
		r = term_u64(n, "lifetime", h->lifetime_s);
	if (r == LY_SUCCESS)
		r = term_u64(n, "remaining", h->remaining_s);
	if (r == LY_SUCCESS)
		r = term(n, "self", h->self ? "true" : "false");
	return r;
}

static LY_ERR add_proxy(struct lyd_node *top, const struct hacfg_oper_proxy_nd *p)
{
	static const char *const states[] = {"probing", "valid", "invalid"};
	char a[INET6_ADDRSTRLEN];
	struct lyd_node *n;
	LY_ERR r;

	if ((unsigned int)p->state > HACFG_ND_INVALID)
		return LY_EINVAL;
	r = lyd_new_list(top, NULL, "entry", 0, &n, ip(&p->addr, a));
	if (r == LY_SUCCESS && p->home_link != NULL)
		r = term(n, "home-link", p->home_link);
	if (r == LY_SUCCESS)
		r = term(n, "state", states[p->state]);
	return r;
}

static LY_ERR build(const struct lys_module *mod, const struct hacfg_oper *st,
		    struct lyd_node **tree)
{
	struct lyd_node *t = NULL, *n, *e;
	char buf[8];
	uint32_t i;
	LY_ERR r = LY_SUCCESS;

#define TOP(name)                                                                                  \
	do {                                                                                       \
		t = NULL;                                                                          \
		r = lyd_new_inner(NULL, mod, name, 0, &t);                                         \
		if (r == LY_SUCCESS) {                                                             \
			r = lyd_insert_sibling(*tree, t, tree);                                    \
			if (r != LY_SUCCESS)                                                       \
				lyd_free_tree(t);                                                  \
		}                                                                                  \
		if (r != LY_SUCCESS)                                                               \
			return r;                                                                  \
	} while (0)

	if (st->n_bindings > 0) {
		TOP("bindings");
		for (i = 0; r == LY_SUCCESS && i < st->n_bindings; i++)
			r = add_binding(t, &st->bindings[i]);
	}
	if (r == LY_SUCCESS && st->n_home_agents > 0) {
		TOP("home-agents");
		for (i = 0; r == LY_SUCCESS && i < st->n_home_agents; i++)
			r = add_home_agent(t, &st->home_agents[i]);
	}
	if (r == LY_SUCCESS && st->n_proxy_nd > 0) {
		TOP("proxy-nd");
		for (i = 0; r == LY_SUCCESS && i < st->n_proxy_nd; i++)
			r = add_proxy(t, &st->proxy_nd[i]);
	}
	if (r == LY_SUCCESS && st->n_drops > 0) {
		TOP("drops");
		for (i = 0; r == LY_SUCCESS && i < st->n_drops; i++) {
			r = lyd_new_list(t, NULL, "drop", 0, &n,
					 st->drops[i].reason != NULL ? st->drops[i].reason : "");
			if (r == LY_SUCCESS)
				r = term_u64(n, "count", st->drops[i].count);
		}
	}
	if (r == LY_SUCCESS && st->has_signalling) {
		TOP("signalling");
		r = term_u64(t, "bu-received", st->bu_received);
		if (r == LY_SUCCESS)
			r = term_u64(t, "bu-discarded", st->bu_discarded);
		if (r == LY_SUCCESS)
			r = term_u64(t, "brr-sent", st->brr_sent);
		if (r == LY_SUCCESS)
			r = term_u64(t, "be-sent", st->be_sent);
		for (i = 0; r == LY_SUCCESS && st->ba_status != NULL && i < st->n_ba_status; i++) {
			snprintf(buf, sizeof(buf), "%u", st->ba_status[i].status);
			r = lyd_new_list(t, NULL, "ba-sent", 0, &e, buf);
			if (r == LY_SUCCESS && st->ba_status[i].name != NULL)
				r = term(e, "name", st->ba_status[i].name);
			if (r == LY_SUCCESS)
				r = term_u64(e, "count", st->ba_status[i].count);
		}
	}
#undef TOP
	return r;
}

/* Arrays announced with a count must be there. */
static bool oper_ok(const struct hacfg_oper *st)
{
	return (st->n_bindings == 0 || st->bindings != NULL) &&
	       (st->n_home_agents == 0 || st->home_agents != NULL) &&
	       (st->n_proxy_nd == 0 || st->proxy_nd != NULL) &&
	       (st->n_drops == 0 || st->drops != NULL);
}

int hacfg_oper_json(const struct hacfg_oper *st, char **json)
{
	struct ly_ctx *ctx = NULL;
	const struct lys_module *mod = NULL;
	struct lyd_node *tree = NULL;
	char *text = NULL;
	LY_ERR lr;
	int r;

	if (json == NULL)
		return -EINVAL;
	*json = NULL;
	if (st == NULL || !oper_ok(st))
		return -EINVAL;
	r = hacfg_ctx_open(&ctx, &mod, NULL, 0);
	if (r < 0)
		return r;
	/* Duplicate keys fail here already; validation checks the rest. */
	lr = build(mod, st, &tree);
	if (lr == LY_SUCCESS && tree != NULL)
		lr = lyd_validate_all(&tree, ctx, LYD_VALIDATE_PRESENT, NULL);
	if (lr == LY_SUCCESS && tree != NULL)
		lr = lyd_print_mem(&text, tree, LYD_JSON, LYD_PRINT_WITHSIBLINGS);
	if (lr == LY_SUCCESS) {
		*json = text != NULL ? text : strdup("{\n}\n");
		r = *json != NULL ? 0 : -ENOMEM;
	} else {
		r = lr == LY_EMEM ? -ENOMEM : -EINVAL;
	}
	lyd_free_all(tree);
	hacfg_ctx_close(ctx);
	return r;
}

int hacfg_validate_oper_json(const char *json, char *err, size_t errlen)
{
	struct ly_ctx *ctx = NULL;
	const struct lys_module *mod = NULL;
	struct lyd_node *tree = NULL;
	LY_ERR lr;
	int r;

	if (json == NULL) {
		hacfg_errf(err, errlen, "NULL argument");
		return -EINVAL;
	}
	r = hacfg_check_text(json, strnlen(json, HACFG_MAX_INPUT + 1), HACFG_FMT_JSON, err, errlen);
	if (r < 0)
		return r;
	r = hacfg_ctx_open(&ctx, &mod, err, errlen);
	if (r < 0)
		return r;
	lr = lyd_parse_data_mem(ctx, json, LYD_JSON, LYD_PARSE_STRICT | LYD_PARSE_ONLY, 0, &tree);
	if (lr == LY_SUCCESS)
		lr = lyd_validate_all(&tree, ctx, LYD_VALIDATE_PRESENT, NULL);
	if (lr != LY_SUCCESS) {
		hacfg_ly_error_tree(ctx, tree, err, errlen);
		r = lr == LY_EMEM ? -ENOMEM : -EINVAL;
	}
	lyd_free_all(tree);
	hacfg_ctx_close(ctx);
	return r;
}
