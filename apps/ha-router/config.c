/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Configuration loading: text -> libyang data tree (parse, YANG validation)
 * -> semantic checks the module cannot express -> plain C structures.
 *
 * Nothing is returned unless every step succeeded, so a bad file never leaves
 * a half-built configuration behind. Every error names a data node path in
 * the same form libyang uses, so an operator sees one kind of message.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config_priv.h"

/* Deeper nesting than this is not a configuration of this module. */
#define HACFG_MAX_DEPTH 32

void hacfg_errf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

const char *hacfg_default_json(void)
{
	return hacfg_default_text;
}

const char *hacfg_yang_module(void)
{
	return hacfg_yang_text;
}

/*
 * libyang prints every error to stderr unless told otherwise. The config
 * layer reports errors itself, so libyang only keeps the last one (per
 * thread and context). libyang 2.1.30 ignores the per-thread
 * ly_temp_log_options() when deciding whether to print, so the process-wide
 * option is set, once: the config layer is libyang's only user in the daemon.
 */
static pthread_once_t ly_log_once = PTHREAD_ONCE_INIT;

static void ly_log_quiet(void)
{
	ly_log_options(LY_LOSTORE_LAST);
}

int hacfg_ctx_open(struct ly_ctx **ctx, const struct lys_module **mod, char *err, size_t errlen)
{
	LY_ERR r;

	pthread_once(&ly_log_once, ly_log_quiet);
	r = ly_ctx_new(NULL, LY_CTX_DISABLE_SEARCHDIRS | LY_CTX_NO_YANGLIBRARY, ctx);
	if (r != LY_SUCCESS) {
		hacfg_errf(err, errlen, "libyang: cannot create a context");
		return r == LY_EMEM ? -ENOMEM : -EINVAL;
	}
	r = lys_parse_mem(*ctx, hacfg_yang_text, LYS_IN_YANG, (struct lys_module **)mod);
	if (r != LY_SUCCESS) {
		/* Only a broken build gets here: the module is checked by tests. */
		hacfg_ly_error(*ctx, err, errlen);
		hacfg_ctx_close(*ctx);
		*ctx = NULL;
		return r == LY_EMEM ? -ENOMEM : -EINVAL;
	}
	return 0;
}

void hacfg_ctx_close(struct ly_ctx *ctx)
{
	if (ctx != NULL)
		ly_ctx_destroy(ctx);
}

/*
 * libyang 2.1 keeps the location in ly_err_item.path as
 * `Data location "/mod:a/b", line number 3.` or `Schema location "..."`, or
 * just `Line number 3.` for syntax errors. The operator wants the data path
 * first, then the reason.
 */
void hacfg_ly_error(const struct ly_ctx *ctx, char *err, size_t errlen)
{
	const struct ly_err_item *e = ly_err_last(ctx);
	const char *msg, *loc, *p, *q;
	char line[32] = "";

	if (e == NULL) {
		hacfg_errf(err, errlen, "libyang: unknown error");
		return;
	}
	msg = e->msg != NULL ? e->msg : "invalid data";
	loc = e->path;
	if (loc == NULL) {
		hacfg_errf(err, errlen, "%s", msg);
		return;
	}
	p = strstr(loc, "ine number ");
	if (p != NULL)
		snprintf(line, sizeof(line), " (line %ld)", strtol(p + 11, NULL, 10));
	p = strstr(loc, "Data location \"");
	if (p == NULL)
		p = strstr(loc, "Schema location \"");
	if (p != NULL) {
		p = strchr(p, '"') + 1;
		q = strchr(p, '"');
		if (q == NULL)
			q = p + strlen(p);
		hacfg_errf(err, errlen, "%.*s: %s%s", (int)(q - p), p, msg, line);
		return;
	}
	if (loc[0] == '/')
		hacfg_errf(err, errlen, "%s: %s", loc, msg);
	else
		hacfg_errf(err, errlen, "%s%s", msg, line);
}

/*
 * libyang 2.1 reports a missing mandatory node or too few instances with the
 * schema path only ("/ha-router:ports/port/device"). Find the first data
 * instance of the parent that lacks the node and name it with its keys
 * instead ("/ha-router:ports/port[name='cn']/device").
 */
void hacfg_ly_error_tree(const struct ly_ctx *ctx, const struct lyd_node *tree, char *err,
			 size_t errlen)
{
	const struct ly_err_item *e = ly_err_last(ctx);
	const char *p, *q, *leaf;
	struct ly_set *set = NULL;
	char *xpath = NULL, *dpath = NULL;

	hacfg_ly_error(ctx, err, errlen);
	if (e == NULL || e->path == NULL || tree == NULL ||
	    strncmp(e->path, "Schema location \"", 17) != 0)
		return;
	p = e->path + 17;
	q = strchr(p, '"');
	if (q == NULL)
		return;
	leaf = q;
	while (leaf > p && leaf[-1] != '/')
		leaf--;
	if (leaf - 1 <= p || (strpbrk(p, "[]()") != NULL && strpbrk(p, "[]()") < q))
		return;
	if (asprintf(&xpath, "%.*s[not(%.*s)]", (int)(leaf - 1 - p), p, (int)(q - leaf), leaf) < 0)
		return;
	if (lyd_find_xpath(tree, xpath, &set) == LY_SUCCESS && set->count > 0)
		dpath = lyd_path(set->dnodes[0], LYD_PATH_STD, NULL, 0);
	if (dpath != NULL)
		hacfg_errf(err, errlen, "%s/%.*s: %s", dpath, (int)(q - leaf), leaf,
			   e->msg != NULL ? e->msg : "invalid data");
	free(dpath);
	ly_set_free(set, NULL);
	free(xpath);
}

int hacfg_check_text(const char *data, size_t len, enum hacfg_format fmt, char *err, size_t errlen)
{
	size_t i, depth = 0, max = 0;
	bool in_str = false;

	if (len > HACFG_MAX_INPUT) {
		hacfg_errf(err, errlen, "input of %zu bytes is larger than the %u-byte limit", len,
			   HACFG_MAX_INPUT);
		return -EFBIG;
	}
	for (i = 0; i < len && isspace((unsigned char)data[i]); i++)
		;
	if (i == len) {
		hacfg_errf(err, errlen, "empty input");
		return -ENODATA;
	}
	if (memchr(data, '\0', len) != NULL) {
		hacfg_errf(err, errlen, "input contains a NUL byte at offset %zu",
			   (size_t)((const char *)memchr(data, '\0', len) - data));
		return -EINVAL;
	}
	/*
	 * libyang's parsers would refuse absurd nesting too, but only after
	 * building state for it; a linear pre-scan bounds the work. Counting
	 * is approximate for XML (comments, CDATA) but errs on the safe side.
	 */
	for (i = 0; i < len; i++) {
		char c = data[i];

		if (fmt == HACFG_FMT_JSON) {
			if (in_str) {
				if (c == '\\')
					i++;
				else if (c == '"')
					in_str = false;
				continue;
			}
			if (c == '"')
				in_str = true;
			else if (c == '{' || c == '[')
				depth++;
			else if ((c == '}' || c == ']') && depth > 0)
				depth--;
		} else if (c == '<' && i + 1 < len) {
			if (data[i + 1] == '/' && depth > 0)
				depth--;
			else if (data[i + 1] != '?' && data[i + 1] != '!')
				depth++;
		} else if (c == '>' && i > 0 && data[i - 1] == '/' && depth > 0) {
			depth--;
		}
		if (depth > max)
			max = depth;
		if (max > HACFG_MAX_DEPTH) {
			hacfg_errf(err, errlen, "input nested deeper than %d levels at offset %zu",
				   HACFG_MAX_DEPTH, i);
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * Tree access helpers. The tree is valid when they run, so a missing
 * mandatory or defaulted node is an internal error; optional nodes come back
 * as NULL.
 */
static const struct lyd_node *child(const struct lyd_node *parent, const char *name)
{
	const struct lyd_node *c;

	LY_LIST_FOR(lyd_child(parent), c)
	{
		if (c->schema != NULL && strcmp(c->schema->name, name) == 0)
			return c;
	}
	return NULL;
}

static const char *str(const struct lyd_node *parent, const char *name)
{
	const struct lyd_node *c = child(parent, name);

	return c != NULL ? lyd_get_value(c) : NULL;
}

static uint64_t num(const struct lyd_node *parent, const char *name, uint64_t dflt)
{
	const char *s = str(parent, name);

	return s != NULL ? strtoull(s, NULL, 10) : dflt;
}

static int64_t snum(const struct lyd_node *parent, const char *name, int64_t dflt)
{
	const char *s = str(parent, name);

	return s != NULL ? strtoll(s, NULL, 10) : dflt;
}

static bool boolean(const struct lyd_node *parent, const char *name, bool dflt)
{
	const char *s = str(parent, name);

	return s != NULL ? strcmp(s, "true") == 0 : dflt;
}

static uint32_t count(const struct lyd_node *parent, const char *name)
{
	const struct lyd_node *c;
	uint32_t n = 0;

	LY_LIST_FOR(lyd_child(parent), c)
	{
		if (c->schema != NULL && strcmp(c->schema->name, name) == 0)
			n++;
	}
	return n;
}

#define FOR_EACH_NAMED(parent, nm, c)                                                              \
	LY_LIST_FOR(lyd_child(parent), c)                                                          \
	if (c->schema != NULL && strcmp(c->schema->name, nm) == 0)

static void copy_name(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src != NULL ? src : "");
}

static void addr6(const char *s, struct in6_addr *a)
{
	/* Values were validated as inet:ipv6-address-no-zone. */
	if (s == NULL || inet_pton(AF_INET6, s, a) != 1)
		memset(a, 0, sizeof(*a));
}

/* inet:ipv6-prefix canonical text "addr/len". */
static void prefix6(const char *s, struct hacfg_prefix *p)
{
	char buf[INET6_ADDRSTRLEN + 8];
	char *slash;

	memset(p, 0, sizeof(*p));
	if (s == NULL)
		return;
	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (slash == NULL)
		return;
	*slash = '\0';
	addr6(buf, &p->addr);
	p->len = (uint8_t)strtoul(slash + 1, NULL, 10);
}

static bool mac(const char *s, uint8_t m[6])
{
	if (s == NULL)
		return false;
	return sscanf(s, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &m[0], &m[1], &m[2], &m[3], &m[4],
		      &m[5]) == 6;
}

static uint32_t lifetime(const char *s)
{
	if (s == NULL || strcmp(s, "infinite") == 0)
		return HACFG_LIFETIME_INFINITE;
	return (uint32_t)strtoul(s, NULL, 10);
}

static uint8_t hex_bytes(const char *s, uint8_t *out, size_t max)
{
	size_t n = 0;

	while (s != NULL && s[0] != '\0' && s[1] != '\0' && n < max) {
		sscanf(s, "%2hhx", &out[n++]);
		s += 2;
	}
	return (uint8_t)n;
}

static bool in_prefix(const struct in6_addr *a, const struct hacfg_prefix *p)
{
	unsigned int full = p->len / 8, rest = p->len % 8;

	if (memcmp(a->s6_addr, p->addr.s6_addr, full) != 0)
		return false;
	if (rest == 0)
		return true;
	return ((a->s6_addr[full] ^ p->addr.s6_addr[full]) & (0xFF00 >> rest)) == 0;
}

static bool host_bits_zero(const struct hacfg_prefix *p)
{
	unsigned int i;

	for (i = p->len; i < 128; i++)
		if (p->addr.s6_addr[i / 8] & (0x80 >> (i % 8)))
			return false;
	return true;
}

/* Global unicast in the sense of RFC 4291 2.4: not ::, ::1, fe80::/10, ff00::/8. */
static bool global_unicast(const struct in6_addr *a)
{
	return !IN6_IS_ADDR_UNSPECIFIED(a) && !IN6_IS_ADDR_LOOPBACK(a) &&
	       !IN6_IS_ADDR_LINKLOCAL(a) && !IN6_IS_ADDR_MULTICAST(a);
}

/* An error on a data node, in libyang's "path: reason" form. */
static int node_error(const struct lyd_node *n, char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int node_error(const struct lyd_node *n, char *err, size_t errlen, const char *fmt, ...)
{
	char reason[256];
	char *path = lyd_path(n, LYD_PATH_STD, NULL, 0);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	hacfg_errf(err, errlen, "%s: %s", path != NULL ? path : "/ha-router", reason);
	free(path);
	return -EINVAL;
}

static const struct lyd_node *top(const struct lyd_node *tree, const struct lys_module *mod,
				  const char *name)
{
	const struct lyd_node *n;

	LY_LIST_FOR(tree, n)
	{
		if (n->schema != NULL && n->schema->module == mod &&
		    strcmp(n->schema->name, name) == 0)
			return n;
	}
	return NULL;
}

/* Who already uses a port + VLAN pair, to refuse a second routed link on it. */
struct l2_use {
	const char *port;
	uint16_t vlan;
	const char *what;
	const char *name;
};

static int l2_claim(struct l2_use *uses, uint32_t *n, const struct lyd_node *node, const char *port,
		    uint16_t vlan, const char *what, const char *name, char *err, size_t errlen)
{
	uint32_t i;

	for (i = 0; i < *n; i++)
		if (uses[i].vlan == vlan && strcmp(uses[i].port, port) == 0)
			return node_error(child(node, "port"), err, errlen,
					  "port \"%s\" VLAN %u is already used by %s \"%s\"", port,
					  vlan, uses[i].what, uses[i].name);
	uses[*n] = (struct l2_use){port, vlan, what, name};
	(*n)++;
	return 0;
}

static int conv_ports(const struct lyd_node *c, struct hacfg *cfg, char *err, size_t errlen)
{
	const struct lyd_node *n;
	uint32_t i = 0, j;

	cfg->n_ports = count(c, "port");
	cfg->ports = calloc(cfg->n_ports ? cfg->n_ports : 1, sizeof(*cfg->ports));
	if (cfg->ports == NULL)
		return -ENOMEM;
	FOR_EACH_NAMED(c, "port", n)
	{
		struct hacfg_port *p = &cfg->ports[i];

		copy_name(p->name, sizeof(p->name), str(n, "name"));
		copy_name(p->device, sizeof(p->device), str(n, "device"));
		p->rx_queues = (uint16_t)num(n, "rx-queues", 0);
		p->has_mac = mac(str(n, "mac-address"), p->mac);
		for (j = 0; j < i; j++)
			if (strcmp(cfg->ports[j].device, p->device) == 0)
				return node_error(child(n, "device"), err, errlen,
						  "device \"%s\" is already used by port \"%s\"",
						  p->device, cfg->ports[j].name);
		i++;
	}
	return 0;
}

static int conv_interfaces(const struct lyd_node *c, struct hacfg *cfg, struct l2_use *uses,
			   uint32_t *n_uses, char *err, size_t errlen)
{
	const struct lyd_node *n, *a;
	uint32_t i = 0, j;
	int r;

	cfg->n_interfaces = count(c, "interface");
	cfg->interfaces =
	    calloc(cfg->n_interfaces ? cfg->n_interfaces : 1, sizeof(*cfg->interfaces));
	if (cfg->interfaces == NULL)
		return -ENOMEM;
	FOR_EACH_NAMED(c, "interface", n)
	{
		struct hacfg_interface *f = &cfg->interfaces[i++];

		copy_name(f->name, sizeof(f->name), str(n, "name"));
		copy_name(f->port, sizeof(f->port), str(n, "port"));
		f->vlan = (uint16_t)num(n, "vlan", 0);
		f->mtu = (uint16_t)num(n, "mtu", 1500);
		f->has_link_local = str(n, "link-local-address") != NULL;
		addr6(str(n, "link-local-address"), &f->link_local);
		r = l2_claim(uses, n_uses, n, f->port, f->vlan, "interface", f->name, err, errlen);
		if (r < 0)
			return r;
		f->n_addrs = count(n, "address");
		f->addrs = calloc(f->n_addrs ? f->n_addrs : 1, sizeof(*f->addrs));
		if (f->addrs == NULL)
			return -ENOMEM;
		j = 0;
		FOR_EACH_NAMED(n, "address", a)
		{
			addr6(str(a, "ip"), &f->addrs[j].addr);
			f->addrs[j].len = (uint8_t)num(a, "prefix-length", 64);
			if (!global_unicast(&f->addrs[j].addr))
				return node_error(child(a, "ip"), err, errlen,
						  "an interface address must be global unicast");
			j++;
		}
	}
	return 0;
}

static int conv_routes(const struct lyd_node *c, struct hacfg *cfg)
{
	const struct lyd_node *n;
	uint32_t i = 0;

	cfg->n_routes = count(c, "route");
	cfg->routes = calloc(cfg->n_routes ? cfg->n_routes : 1, sizeof(*cfg->routes));
	if (cfg->routes == NULL)
		return -ENOMEM;
	FOR_EACH_NAMED(c, "route", n)
	{
		struct hacfg_route *rt = &cfg->routes[i++];

		prefix6(str(n, "prefix"), &rt->prefix);
		rt->has_gateway = str(n, "gateway") != NULL;
		addr6(str(n, "gateway"), &rt->gateway);
		copy_name(rt->interface, sizeof(rt->interface), str(n, "interface"));
	}
	return 0;
}

static void conv_tunnel(const struct lyd_node *t, struct hacfg_tunnel *tu)
{
	const char *pm = str(t, "pmtu-mode");

	tu->hop_limit = (uint8_t)num(t, "hop-limit", 64);
	tu->traffic_class = (uint8_t)num(t, "traffic-class", 0);
	tu->flow_label = (uint32_t)num(t, "flow-label", 0);
	tu->mtu = (uint16_t)num(t, "mtu", 1460);
	tu->pmtu_mode = pm != NULL && strcmp(pm, "off") == 0 ? HACFG_PMTU_OFF : HACFG_PMTU_ON;
	tu->encap_limit = (int16_t)snum(t, "encapsulation-limit", -1);
}

static int conv_home_link(const struct lyd_node *n, struct hacfg *cfg, uint32_t idx, char *err,
			  size_t errlen)
{
	struct hacfg_home_link *h = &cfg->home_links[idx];
	const struct lyd_node *c, *ra, *mpd;
	uint32_t i, j, k;

	copy_name(h->name, sizeof(h->name), str(n, "name"));
	copy_name(h->port, sizeof(h->port), str(n, "port"));
	h->vlan = (uint16_t)num(n, "vlan", 0);
	h->mtu = (uint16_t)num(n, "mtu", 1500);
	h->has_mac = mac(str(n, "mac-address"), h->mac);
	h->has_link_local = str(n, "link-local-address") != NULL;
	addr6(str(n, "link-local-address"), &h->link_local);
	h->ha_preference = (int16_t)snum(n, "ha-preference", 0);
	h->ha_lifetime = (uint16_t)num(n, "ha-lifetime", 1800);
	h->dad_transmits = (uint8_t)num(n, "dad-transmits", 1);
	h->retrans_timer_ms = (uint32_t)num(n, "retrans-timer", 1000);
	ra = child(n, "router-advertisements");
	h->ra_enabled = boolean(ra, "enabled", true);
	h->ra_min_interval_ms = (uint32_t)num(ra, "min-interval", 200000);
	h->ra_max_interval_ms = (uint32_t)num(ra, "max-interval", 600000);
	mpd = child(n, "mobile-prefix-discovery");
	h->mpd_enabled = boolean(mpd, "enabled", true);
	h->mpd_min_interval_s = (uint32_t)num(mpd, "min-interval", 600);
	h->mpd_max_interval_s = (uint32_t)num(mpd, "max-interval", 86400);
	conv_tunnel(child(n, "ha-tunnel"), &h->tunnel);

	i = 0;
	FOR_EACH_NAMED(n, "home-prefix", c)
	{
		struct hacfg_home_prefix *p = &h->prefixes[i];

		if (i == HACFG_MAX_PREFIXES) /* max-elements in the module */
			return node_error(c, err, errlen, "too many home prefixes");
		addr6(str(c, "prefix"), &p->prefix.addr);
		p->prefix.len = (uint8_t)num(c, "length", 64);
		p->valid_lifetime = lifetime(str(c, "valid-lifetime"));
		p->preferred_lifetime = lifetime(str(c, "preferred-lifetime"));
		if (!global_unicast(&p->prefix.addr))
			return node_error(child(c, "prefix"), err, errlen,
					  "a home prefix must be a global unicast prefix");
		if (!host_bits_zero(&p->prefix))
			return node_error(child(c, "prefix"), err, errlen,
					  "Value \"%s\" has bits set past the prefix length %u",
					  str(c, "prefix"), p->prefix.len);
		for (j = 0; j < i; j++)
			if (in_prefix(&p->prefix.addr, &h->prefixes[j].prefix) ||
			    in_prefix(&h->prefixes[j].prefix.addr, &p->prefix))
				return node_error(child(c, "prefix"), err, errlen,
						  "home prefixes of a link must not overlap");
		i++;
	}
	h->n_prefixes = i;

	i = 0;
	FOR_EACH_NAMED(n, "ha-address", c)
	{
		struct in6_addr *a = &h->ha_addrs[i];

		if (i == HACFG_MAX_HA_ADDRS)
			return node_error(c, err, errlen, "too many HA addresses");
		addr6(lyd_get_value(c), a);
		for (j = 0; j < h->n_prefixes; j++)
			if (in_prefix(a, &h->prefixes[j].prefix))
				break;
		if (j == h->n_prefixes)
			return node_error(c, err, errlen,
					  "HA address %s is not inside any home prefix of the link",
					  lyd_get_value(c));
		/* The NPF IF API refuses an HA address on two home links. */
		for (j = 0; j < idx; j++)
			for (k = 0; k < cfg->home_links[j].n_ha_addrs; k++)
				if (memcmp(a, &cfg->home_links[j].ha_addrs[k], sizeof(*a)) == 0)
					return node_error(
					    c, err, errlen,
					    "HA address %s is already used by home link \"%s\"",
					    lyd_get_value(c), cfg->home_links[j].name);
		i++;
	}
	h->n_ha_addrs = i;
	return 0;
}

static int conv_home_links(const struct lyd_node *c, struct hacfg *cfg, struct l2_use *uses,
			   uint32_t *n_uses, char *err, size_t errlen)
{
	const struct lyd_node *n;
	uint32_t i = 0;
	int r;

	cfg->n_home_links = c != NULL ? count(c, "home-link") : 0;
	if (cfg->n_home_links == 0) {
		hacfg_errf(err, errlen,
			   "/ha-router:home-links: at least one home link is required");
		return -EINVAL;
	}
	cfg->home_links = calloc(cfg->n_home_links, sizeof(*cfg->home_links));
	if (cfg->home_links == NULL)
		return -ENOMEM;
	FOR_EACH_NAMED(c, "home-link", n)
	{
		r = conv_home_link(n, cfg, i, err, errlen);
		if (r == 0)
			r = l2_claim(uses, n_uses, n, cfg->home_links[i].port,
				     cfg->home_links[i].vlan, "home link", cfg->home_links[i].name,
				     err, errlen);
		if (r < 0)
			return r;
		i++;
	}
	return 0;
}

static int conv_policy(const struct lyd_node *c, struct hacfg *cfg)
{
	struct hacfg_policy *p = &cfg->policy;
	const struct lyd_node *acl = child(c, "access-list"), *n;
	uint32_t i = 0;

	p->max_bindings = (uint32_t)num(c, "max-bindings", 65536);
	p->max_lifetime_s = (uint32_t)num(c, "max-lifetime", 3600);
	p->refresh_advice_s = (uint32_t)num(c, "refresh-advice", 0);
	p->brr_lead_time_s = (uint32_t)num(c, "brr-lead-time", 10);
	p->require_ipsec = boolean(c, "require-ipsec", true);
	p->be_rate_limit = (uint16_t)num(c, "binding-error-rate", 10);
	p->n_permit = acl != NULL ? count(acl, "permit") : 0;
	p->permit = calloc(p->n_permit ? p->n_permit : 1, sizeof(*p->permit));
	if (p->permit == NULL)
		return -ENOMEM;
	if (acl != NULL)
		FOR_EACH_NAMED(acl, "permit", n)
		{
			prefix6(lyd_get_value(n), &p->permit[i++]);
		}
	return 0;
}

static const char *const alg_names[] = {
    [HACFG_ESP_AES128_GCM] = "aes-128-gcm",
    [HACFG_ESP_AES128_CBC_HMAC_SHA1_96] = "aes-128-cbc-hmac-sha1-96",
    [HACFG_ESP_AES256_CBC_HMAC_SHA256_128] = "aes-256-cbc-hmac-sha256-128",
    [HACFG_ESP_3DES_CBC_HMAC_SHA1_96] = "3des-cbc-hmac-sha1-96",
    [HACFG_ESP_NULL_HMAC_SHA1_96] = "null-hmac-sha1-96",
    [HACFG_ESP_AES128_CBC_HMAC_SHA256_128] = "aes-128-cbc-hmac-sha256-128",
};

static enum hacfg_sa_traffic traffic_of(const char *tr)
{
	if (tr == NULL || strcmp(tr, "signalling") == 0)
		return HACFG_SA_SIGNALLING;
	if (strcmp(tr, "prefix-discovery") == 0)
		return HACFG_SA_PREFIX_DISCOVERY;
	if (strcmp(tr, "return-routability") == 0)
		return HACFG_SA_RETURN_ROUTABILITY;
	return HACFG_SA_PAYLOAD;
}

static int conv_ipsec(const struct lyd_node *c, struct hacfg *cfg, char *err, size_t errlen)
{
	const struct lyd_node *n, *s;
	uint32_t i = 0, j, k, l;

	cfg->n_ipsec = c != NULL ? count(c, "mobile-node") : 0;
	cfg->ipsec = calloc(cfg->n_ipsec ? cfg->n_ipsec : 1, sizeof(*cfg->ipsec));
	if (cfg->ipsec == NULL)
		return -ENOMEM;
	if (c == NULL)
		return 0;
	FOR_EACH_NAMED(c, "mobile-node", n)
	{
		struct hacfg_ipsec_mn *mn = &cfg->ipsec[i++];

		addr6(str(n, "home-address"), &mn->hoa);
		mn->n_sas = count(n, "sa");
		mn->sas = calloc(mn->n_sas ? mn->n_sas : 1, sizeof(*mn->sas));
		if (mn->sas == NULL)
			return -ENOMEM;
		j = 0;
		FOR_EACH_NAMED(n, "sa", s)
		{
			struct hacfg_ipsec_sa *sa = &mn->sas[j++];
			const char *alg = str(s, "algorithm"), *tr = str(s, "traffic");

			sa->spi = (uint32_t)num(s, "spi", 0);
			sa->inbound = strcmp(str(s, "direction"), "inbound") == 0;
			sa->traffic = traffic_of(tr);
			for (k = 0; k < sizeof(alg_names) / sizeof(alg_names[0]); k++)
				if (alg != NULL && strcmp(alg, alg_names[k]) == 0)
					sa->alg = (enum hacfg_esp_alg)k;
			sa->enc_key_len =
			    hex_bytes(str(s, "encryption-key"), sa->enc_key, sizeof(sa->enc_key));
			sa->auth_key_len = hex_bytes(str(s, "authentication-key"), sa->auth_key,
						     sizeof(sa->auth_key));
			if (!sa->inbound) {
				/* RFC 3776 §5: one outbound SA per HoA and traffic. */
				for (k = 0; k + 1 < j; k++)
					if (!mn->sas[k].inbound &&
					    mn->sas[k].traffic == sa->traffic)
						return node_error(
						    child(s, "traffic") ? child(s, "traffic") : s,
						    err, errlen,
						    "a second outbound SA for the same traffic "
						    "(SPI %u already protects it)",
						    mn->sas[k].spi);
				continue;
			}
			/* Inbound ESP is demultiplexed by SPI alone (RFC 4301 4.1). */
			for (k = 0; k + 1 < i; k++)
				for (l = 0; l < cfg->ipsec[k].n_sas; l++)
					if (cfg->ipsec[k].sas[l].inbound &&
					    cfg->ipsec[k].sas[l].spi == sa->spi)
						return node_error(
						    child(s, "spi"), err, errlen,
						    "inbound SPI %u is already used for another "
						    "mobile node",
						    sa->spi);
		}
	}
	return 0;
}

static int convert(const struct lyd_node *tree, const struct lys_module *mod, struct hacfg *cfg,
		   char *err, size_t errlen)
{
	const struct lyd_node *ports = top(tree, mod, "ports");
	const struct lyd_node *ifs = top(tree, mod, "interfaces");
	const struct lyd_node *hls = top(tree, mod, "home-links");
	struct l2_use *uses;
	uint32_t n_uses = 0, n_max;
	int r;

	n_max = (ifs != NULL ? count(ifs, "interface") : 0) +
		(hls != NULL ? count(hls, "home-link") : 0) + 1;
	uses = calloc(n_max, sizeof(*uses));
	if (uses == NULL)
		return -ENOMEM;
	r = conv_ports(ports, cfg, err, errlen);
	if (r == 0)
		r = conv_interfaces(ifs, cfg, uses, &n_uses, err, errlen);
	if (r == 0)
		r = conv_home_links(hls, cfg, uses, &n_uses, err, errlen);
	if (r == 0)
		r = conv_routes(top(tree, mod, "routes"), cfg);
	if (r == 0)
		r = conv_policy(top(tree, mod, "binding-policy"), cfg);
	if (r == 0)
		r = conv_ipsec(top(tree, mod, "ipsec"), cfg, err, errlen);
	free(uses);
	if (r == -ENOMEM)
		hacfg_errf(err, errlen, "out of memory");
	return r;
}

void hacfg_free(struct hacfg *cfg)
{
	uint32_t i;

	if (cfg == NULL)
		return;
	for (i = 0; cfg->interfaces != NULL && i < cfg->n_interfaces; i++)
		free(cfg->interfaces[i].addrs);
	for (i = 0; cfg->ipsec != NULL && i < cfg->n_ipsec; i++)
		free(cfg->ipsec[i].sas);
	free(cfg->ports);
	free(cfg->interfaces);
	free(cfg->routes);
	free(cfg->home_links);
	free(cfg->policy.permit);
	free(cfg->ipsec);
	free(cfg);
}

/* The text is NUL-terminated at data[len]. */
static int load_text(const char *data, size_t len, enum hacfg_format fmt, struct hacfg **out,
		     char *err, size_t errlen)
{
	struct ly_ctx *ctx = NULL;
	const struct lys_module *mod = NULL;
	struct lyd_node *tree = NULL;
	struct hacfg *cfg;
	LY_ERR lr;
	int r;

	if (fmt != HACFG_FMT_JSON && fmt != HACFG_FMT_XML) {
		hacfg_errf(err, errlen, "unknown format %d", (int)fmt);
		return -EINVAL;
	}
	r = hacfg_check_text(data, len, fmt, err, errlen);
	if (r < 0)
		return r;
	r = hacfg_ctx_open(&ctx, &mod, err, errlen);
	if (r < 0)
		return r;
	/*
	 * Parse only, then validate the module explicitly: validation then adds
	 * the defaults of every container even when the text leaves one out.
	 */
	lr = lyd_parse_data_mem(ctx, data, fmt == HACFG_FMT_XML ? LYD_XML : LYD_JSON,
				LYD_PARSE_STRICT | LYD_PARSE_NO_STATE | LYD_PARSE_ONLY, 0, &tree);
	if (lr == LY_SUCCESS)
		lr = lyd_validate_module(&tree, mod, LYD_VALIDATE_NO_STATE, NULL);
	if (lr != LY_SUCCESS) {
		hacfg_ly_error_tree(ctx, tree, err, errlen);
		r = lr == LY_EMEM ? -ENOMEM : -EINVAL;
		goto out;
	}
	cfg = calloc(1, sizeof(*cfg));
	if (cfg == NULL) {
		hacfg_errf(err, errlen, "out of memory");
		r = -ENOMEM;
		goto out;
	}
	r = convert(tree, mod, cfg, err, errlen);
	if (r < 0) {
		hacfg_free(cfg);
		goto out;
	}
	*out = cfg;
out:
	lyd_free_all(tree);
	hacfg_ctx_close(ctx);
	return r;
}

int hacfg_load_string(const char *data, enum hacfg_format fmt, struct hacfg **out, char *err,
		      size_t errlen)
{
	if (data == NULL || out == NULL) {
		hacfg_errf(err, errlen, "NULL argument");
		return -EINVAL;
	}
	/* Bound the scan: a text past the limit is refused without reading it all. */
	return load_text(data, strnlen(data, HACFG_MAX_INPUT + 1), fmt, out, err, errlen);
}

static enum hacfg_format format_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot != NULL && strcasecmp(dot, ".xml") == 0 ? HACFG_FMT_XML : HACFG_FMT_JSON;
}

int hacfg_load_file(const char *path, struct hacfg **out, char *err, size_t errlen)
{
	struct stat st;
	char *buf;
	size_t len = 0;
	ssize_t n;
	int fd, r;

	if (path == NULL || out == NULL) {
		hacfg_errf(err, errlen, "NULL argument");
		return -EINVAL;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		hacfg_errf(err, errlen, "%s: %s", path, strerror(-r));
		return r;
	}
	if (fstat(fd, &st) < 0) {
		r = -errno;
		hacfg_errf(err, errlen, "%s: %s", path, strerror(-r));
		close(fd);
		return r;
	}
	if (!S_ISREG(st.st_mode)) {
		r = S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
		hacfg_errf(err, errlen, "%s: not a regular file", path);
		close(fd);
		return r;
	}
	if ((uint64_t)st.st_size > HACFG_MAX_INPUT) {
		hacfg_errf(err, errlen, "%s: %lld bytes is larger than the %u-byte limit", path,
			   (long long)st.st_size, HACFG_MAX_INPUT);
		close(fd);
		return -EFBIG;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL) {
		close(fd);
		hacfg_errf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	/* The file may change under us: never read past the allocation. */
	while (len < (size_t)st.st_size) {
		n = read(fd, buf + len, (size_t)st.st_size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			hacfg_errf(err, errlen, "%s: %s", path, strerror(-r));
			free(buf);
			close(fd);
			return r;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	r = load_text(buf, len, format_of(path), out, err, errlen);
	free(buf);
	if (r < 0 && err != NULL && errlen > 0 && r != -ENOMEM) {
		/* Prefix the file name for the operator. */
		char *msg = strdup(err);

		if (msg != NULL) {
			hacfg_errf(err, errlen, "%s: %s", path, msg);
			free(msg);
		}
	}
	return r;
}
