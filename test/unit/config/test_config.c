/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Configuration layer: the embedded default, JSON and XML equivalence, a table
 * of invalid configurations each rejected with the offending node's path,
 * hostile input (empty, garbage, huge, deeply nested, truncated), diffs, and
 * operational-state JSON. No DPDK: only libyang and the config library.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "config.h"

#ifndef SRCDIR
#error "SRCDIR must name the source tree"
#endif

static char err[1024];

static struct in6_addr A(const char *s) {
	struct in6_addr a;

	assert_int_equal(inet_pton(AF_INET6, s, &a), 1);
	return a;
}

static bool
addr_eq(const struct in6_addr *a, const char *s)
{
	struct in6_addr b = A(s);

	return memcmp(a, &b, sizeof(b)) == 0;
}

/* The default text with the first occurrence of @p from replaced by @p to. */
static char *variant(const char *from, const char *to)
{
	const char *base = hacfg_default_json();
	const char *p = strstr(base, from);
	size_t n;
	char *out;

	if (p == NULL)
		fail_msg("test table: \"%s\" is not in the default configuration", from);
	n = strlen(base) - strlen(from) + strlen(to) + 1;
	out = malloc(n);
	assert_non_null(out);
	snprintf(out, n, "%.*s%s%s", (int)(p - base), base, to, p + strlen(from));
	return out;
}

static struct hacfg *load_ok(const char *text, enum hacfg_format fmt)
{
	struct hacfg *cfg = NULL;
	int r = hacfg_load_string(text, fmt, &cfg, err, sizeof(err));

	if (r != 0)
		fail_msg("load failed (%d): %s", r, err);
	assert_non_null(cfg);
	return cfg;
}

static struct hacfg *load_variant(const char *from, const char *to)
{
	char *t = variant(from, to);
	struct hacfg *c = load_ok(t, HACFG_FMT_JSON);

	free(t);
	return c;
}

static void test_default(void **state)
{
	struct hacfg *c = load_ok(hacfg_default_json(), HACFG_FMT_JSON);
	const struct hacfg_home_link *h;

	(void)state;
	assert_int_equal(c->n_ports, 3);
	assert_string_equal(c->ports[0].name, "home");
	assert_string_equal(c->ports[0].device, "net_af_packet0,iface=ha-home");
	assert_string_equal(c->ports[1].device, "net_af_packet1,iface=ha-fgn");
	assert_string_equal(c->ports[2].device, "net_af_packet2,iface=ha-cn");
	assert_int_equal(c->ports[0].rx_queues, 0);
	assert_false(c->ports[0].has_mac);

	assert_int_equal(c->n_interfaces, 2);
	assert_string_equal(c->interfaces[0].port, "foreign");
	assert_int_equal(c->interfaces[0].n_addrs, 1);
	assert_true(addr_eq(&c->interfaces[0].addrs[0].addr, "2001:db8:2::1"));
	assert_int_equal(c->interfaces[0].addrs[0].len, 64);
	assert_true(addr_eq(&c->interfaces[1].addrs[0].addr, "2001:db8:3::1"));
	assert_int_equal(c->interfaces[1].mtu, 1500);
	assert_false(c->interfaces[1].has_link_local);
	assert_int_equal(c->n_routes, 0);

	assert_int_equal(c->n_home_links, 1);
	h = &c->home_links[0];
	assert_string_equal(h->name, "home0");
	assert_string_equal(h->port, "home");
	assert_int_equal(h->vlan, 0);
	assert_int_equal(h->mtu, 1500);
	assert_true(h->has_mac);
	assert_memory_equal(h->mac, "\x02\x00\x00\x00\x01\x01", 6);
	assert_true(h->has_link_local);
	assert_true(addr_eq(&h->link_local, "fe80::1"));
	assert_int_equal(h->n_ha_addrs, 1);
	assert_true(addr_eq(&h->ha_addrs[0], "2001:db8:1::1"));
	assert_int_equal(h->n_prefixes, 1);
	assert_true(addr_eq(&h->prefixes[0].prefix.addr, "2001:db8:1::"));
	assert_int_equal(h->prefixes[0].prefix.len, 64);
	assert_int_equal(h->prefixes[0].valid_lifetime, 86400);
	assert_int_equal(h->prefixes[0].preferred_lifetime, 14400);
	assert_int_equal(h->ha_preference, 0);
	assert_int_equal(h->ha_lifetime, 1800);
	assert_true(h->ra_enabled);
	assert_int_equal(h->ra_min_interval_ms, 1000);
	assert_int_equal(h->ra_max_interval_ms, 3000);
	assert_int_equal(h->dad_transmits, 1);
	assert_int_equal(h->retrans_timer_ms, 1000);
	assert_true(h->mpd_enabled);
	assert_int_equal(h->mpd_min_interval_s, 600);
	assert_int_equal(h->mpd_max_interval_s, 86400);
	assert_int_equal(h->tunnel.hop_limit, 64);
	assert_int_equal(h->tunnel.traffic_class, 0);
	assert_int_equal(h->tunnel.flow_label, 0);
	assert_int_equal(h->tunnel.mtu, 1460);
	assert_int_equal(h->tunnel.pmtu_mode, HACFG_PMTU_ON);
	assert_int_equal(h->tunnel.encap_limit, -1);

	assert_int_equal(c->policy.max_bindings, 1024);
	assert_int_equal(c->policy.max_lifetime_s, 3600);
	assert_false(c->policy.require_ipsec);
	assert_int_equal(c->policy.n_permit, 0);
	assert_int_equal(c->policy.refresh_advice_s, 0);
	assert_int_equal(c->policy.brr_lead_time_s, 10);
	assert_int_equal(c->policy.be_rate_limit, 10);
	assert_int_equal(c->n_ipsec, 0);
	hacfg_free(c);
}

static void test_yang_embedded(void **state)
{
	(void)state;
	assert_non_null(strstr(hacfg_yang_module(), "module ha-router"));
	assert_non_null(strstr(hacfg_yang_module(), "yang-version 1.1"));
}

/* Module defaults apply when a container is left out entirely. */
static void test_defaults_when_omitted(void **state)
{
	const char *min = "{\"ha-router:ports\":{\"port\":[{\"name\":\"p\",\"device\":\"d\"}]},"
			  "\"ha-router:home-links\":{\"home-link\":[{\"name\":\"h\",\"port\":\"p\","
			  "\"ha-address\":[\"2001:db8:1::1\"],"
			  "\"home-prefix\":[{\"prefix\":\"2001:db8:1::\"}]}]}}";
	struct hacfg *c = load_ok(min, HACFG_FMT_JSON);
	const struct hacfg_home_link *h = &c->home_links[0];

	(void)state;
	assert_int_equal(h->prefixes[0].prefix.len, 64);
	assert_int_equal(h->prefixes[0].valid_lifetime, 2592000);
	assert_int_equal(h->prefixes[0].preferred_lifetime, 604800);
	assert_false(h->has_mac);
	assert_false(h->has_link_local);
	assert_int_equal(h->ra_min_interval_ms, 200000);
	assert_int_equal(h->ra_max_interval_ms, 600000);
	assert_int_equal(h->tunnel.mtu, 1460);
	assert_true(c->policy.require_ipsec);
	assert_int_equal(c->policy.max_bindings, 65536);
	hacfg_free(c);
}

static const char default_xml[] =
    "<ports xmlns=\"urn:example:ha-router\">\n"
    "  <port><name>home</name><device>net_af_packet0,iface=ha-home</device></port>\n"
    "  <port><name>foreign</name><device>net_af_packet1,iface=ha-fgn</device></port>\n"
    "  <port><name>cn</name><device>net_af_packet2,iface=ha-cn</device></port>\n"
    "</ports>\n"
    "<interfaces xmlns=\"urn:example:ha-router\">\n"
    "  <interface><name>foreign</name><port>foreign</port>\n"
    "    <address><ip>2001:db8:2::1</ip><prefix-length>64</prefix-length></address>\n"
    "  </interface>\n"
    "  <interface><name>cn</name><port>cn</port>\n"
    "    <address><ip>2001:db8:3::1</ip><prefix-length>64</prefix-length></address>\n"
    "  </interface>\n"
    "</interfaces>\n"
    "<home-links xmlns=\"urn:example:ha-router\">\n"
    "  <home-link>\n"
    "    <name>home0</name><port>home</port>\n"
    "    <mac-address>02:00:00:00:01:01</mac-address>\n"
    "    <link-local-address>fe80::1</link-local-address>\n"
    "    <ha-address>2001:db8:1::1</ha-address>\n"
    "    <home-prefix><prefix>2001:db8:1::</prefix><length>64</length>\n"
    "      <valid-lifetime>86400</valid-lifetime>\n"
    "      <preferred-lifetime>14400</preferred-lifetime></home-prefix>\n"
    "    <router-advertisements><min-interval>1000</min-interval>\n"
    "      <max-interval>3000</max-interval></router-advertisements>\n"
    "    <ha-tunnel><hop-limit>64</hop-limit><mtu>1460</mtu><pmtu-mode>on</pmtu-mode>\n"
    "    </ha-tunnel>\n"
    "  </home-link>\n"
    "</home-links>\n"
    "<binding-policy xmlns=\"urn:example:ha-router\">\n"
    "  <max-bindings>1024</max-bindings><max-lifetime>3600</max-lifetime>\n"
    "  <require-ipsec>false</require-ipsec>\n"
    "</binding-policy>\n";

static char tmpdir[64];

static char *tmp_file(const char *name, const void *data, size_t len)
{
	char *path;
	FILE *f;

	assert_true(asprintf(&path, "%s/%s", tmpdir, name) > 0);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	return path;
}

static void assert_no_diff(const struct hacfg *a, const struct hacfg *b)
{
	struct hacfg_diff d;

	assert_int_equal(hacfg_diff(a, b, &d), 0);
	assert_int_equal(d.n_items, 0);
	assert_false(d.restart_required);
	hacfg_diff_free(&d);
}

static void test_xml_json_equivalent(void **state)
{
	struct hacfg *j = load_ok(hacfg_default_json(), HACFG_FMT_JSON);
	struct hacfg *x = load_ok(default_xml, HACFG_FMT_XML);
	struct hacfg *fj = NULL, *fx = NULL;
	char *pj = tmp_file("default.json", hacfg_default_json(), strlen(hacfg_default_json()));
	char *px = tmp_file("default.XML", default_xml, strlen(default_xml));

	(void)state;
	assert_no_diff(j, x);
	assert_int_equal(hacfg_load_file(pj, &fj, err, sizeof(err)), 0);
	assert_int_equal(hacfg_load_file(px, &fx, err, sizeof(err)), 0);
	assert_no_diff(fj, fx);
	assert_no_diff(j, fj);
	/* XML given as JSON is refused, and the other way round. */
	assert_int_equal(hacfg_load_string(default_xml, HACFG_FMT_JSON, &fj, err, sizeof(err)),
			 -EINVAL);
	assert_int_equal(
	    hacfg_load_string(hacfg_default_json(), HACFG_FMT_XML, &fj, err, sizeof(err)), -EINVAL);
	hacfg_free(j);
	hacfg_free(x);
	hacfg_free(fj);
	hacfg_free(fx);
	unlink(pj);
	unlink(px);
	free(pj);
	free(px);
}

static void test_examples(void **state)
{
	struct hacfg *c = NULL, *d = NULL;
	const struct hacfg_home_link *h;

	(void)state;
	if (hacfg_load_file(SRCDIR "/examples/real-nics.json", &c, err, sizeof(err)) != 0)
		fail_msg("real-nics.json: %s", err);
	assert_int_equal(c->n_ports, 2);
	assert_string_equal(c->ports[0].device, "0000:3b:00.0");
	assert_int_equal(c->ports[0].rx_queues, 4);
	assert_int_equal(c->n_routes, 1);
	assert_int_equal(c->routes[0].prefix.len, 0);
	assert_true(c->routes[0].has_gateway);
	assert_string_equal(c->routes[0].interface, "uplink");
	h = &c->home_links[0];
	assert_int_equal(h->vlan, 100);
	assert_int_equal(h->n_ha_addrs, 2);
	assert_int_equal(h->n_prefixes, 2);
	assert_int_equal(h->prefixes[1].valid_lifetime, HACFG_LIFETIME_INFINITE);
	assert_int_equal(h->prefixes[1].preferred_lifetime, HACFG_LIFETIME_INFINITE);
	assert_int_equal(h->ha_preference, 10);
	assert_int_equal(h->tunnel.encap_limit, 4);
	assert_int_equal(h->tunnel.mtu, 8952);
	assert_int_equal(c->policy.n_permit, 2);
	assert_int_equal(c->policy.permit[1].len, 64);
	assert_true(c->policy.require_ipsec);
	assert_int_equal(c->policy.refresh_advice_s, 3000);
	assert_int_equal(c->n_ipsec, 1);
	assert_int_equal(c->ipsec[0].n_sas, 2);
	assert_int_equal(c->ipsec[0].sas[0].spi, 1001);
	assert_true(c->ipsec[0].sas[0].inbound);
	assert_int_equal(c->ipsec[0].sas[0].alg, HACFG_ESP_AES128_CBC_HMAC_SHA1_96);
	assert_int_equal(c->ipsec[0].sas[0].enc_key_len, 16);
	assert_int_equal(c->ipsec[0].sas[0].auth_key_len, 20);
	assert_int_equal(c->ipsec[0].sas[0].auth_key[19], 0x23);
	if (hacfg_load_file(SRCDIR "/examples/default.json", &d, err, sizeof(err)) != 0)
		fail_msg("default.json: %s", err);
	hacfg_free(c);
	hacfg_free(d);
}

static const char ipsec_tail[] =
    "\"ha-router:ipsec\": {\"mobile-node\": [{\"home-address\": \"2001:db8:1::100\", "
    "\"sa\": [{\"spi\": 300, \"direction\": \"inbound\", \"algorithm\": \"%s\", "
    "\"encryption-key\": \"%s\", \"authentication-key\": \"%s\"}]}]},\n"
    "  \"ha-router:binding-policy\": {";

/* An invalid configuration, how to make it from the default, the path the
 * message must contain. */
struct bad {
	const char *what;
	const char *from;
	const char *to;
	const char *path;
};

#define HL "/ha-router:home-links/home-link[name='home0']"
#define HP HL "/home-prefix[prefix='2001:db8:1::']"

static const struct bad bad_cases[] = {
    {"dad-transmits out of range", "\"ha-tunnel\": {", "\"dad-transmits\": 99, \"ha-tunnel\": {",
     HL "/dad-transmits"},
    {"bad prefix text", "\"prefix\": \"2001:db8:1::\"", "\"prefix\": \"2001:db8:1::zz\"",
     HL "/home-prefix"},
    {"prefix host bits", "\"prefix\": \"2001:db8:1::\"", "\"prefix\": \"2001:db8:1::5\"",
     HL "/home-prefix[prefix='2001:db8:1::5']/prefix"},
    {"prefix length 129", "\"length\": 64", "\"length\": 129", HP "/length"},
    {"link-local home prefix", "\"prefix\": \"2001:db8:1::\"", "\"prefix\": \"fe80::\"",
     HL "/home-prefix[prefix='fe80::']/prefix"},
    {"preferred > valid", "\"preferred-lifetime\": 14400", "\"preferred-lifetime\": 100000",
     HP "/preferred-lifetime"},
    {"preferred infinite, valid finite", "\"preferred-lifetime\": 14400",
     "\"preferred-lifetime\": \"infinite\"", HP "/preferred-lifetime"},
    {"HA address outside home prefixes", "[ \"2001:db8:1::1\" ]", "[ \"2001:db8:9::1\" ]",
     HL "/ha-address[.='2001:db8:9::1']"},
    {"duplicate port name", "{ \"name\": \"cn\", \"device\": \"net_af_packet2,iface=ha-cn\" }",
     "{ \"name\": \"cn\", \"device\": \"net_af_packet2,iface=ha-cn\" }, "
     "{ \"name\": \"cn\", \"device\": \"x\" }",
     "/ha-router:ports/port[name='cn']"},
    {"duplicate HA address", "[ \"2001:db8:1::1\" ]", "[ \"2001:db8:1::1\", \"2001:db8:1::1\" ]",
     HL "/ha-address"},
    {"unknown node", "\"max-bindings\": 1024", "\"max-bindingz\": 1024",
     "/ha-router:binding-policy"},
    {"wrong type", "\"max-bindings\": 1024", "\"max-bindings\": \"lots\"",
     "/ha-router:binding-policy/max-bindings"},
    {"wrong type boolean", "\"require-ipsec\": false", "\"require-ipsec\": \"no\"",
     "/ha-router:binding-policy/require-ipsec"},
    {"missing mandatory device", "{ \"name\": \"cn\", \"device\": \"net_af_packet2,iface=ha-cn\" }",
     "{ \"name\": \"cn\" }", "/ha-router:ports/port[name='cn']/device"},
    {"missing ha-address", "\"ha-address\": [ \"2001:db8:1::1\" ],", "", HL "/ha-address"},
    {"dangling port reference", "\"port\": \"home\"", "\"port\": \"nosuch\"", HL "/port"},
    {"RA min above 0.75 max", "\"min-interval\": 1000", "\"min-interval\": 2500",
     HL "/router-advertisements/min-interval"},
    {"RA max below RFC 6275 floor", "\"max-interval\": 3000", "\"max-interval\": 50",
     HL "/router-advertisements/max-interval"},
    {"RA min below RFC 6275 floor", "\"min-interval\": 1000", "\"min-interval\": 20",
     HL "/router-advertisements/min-interval"},
    {"flow label above 20 bits", "\"hop-limit\": 64", "\"hop-limit\": 64, \"flow-label\": 1048576",
     HL "/ha-tunnel/flow-label"},
    {"tunnel MTU below 1280", "\"mtu\": 1460", "\"mtu\": 1000", HL "/ha-tunnel/mtu"},
    {"hop limit 0", "\"hop-limit\": 64", "\"hop-limit\": 0", HL "/ha-tunnel/hop-limit"},
    {"encapsulation limit 256", "\"hop-limit\": 64",
     "\"hop-limit\": 64, \"encapsulation-limit\": 256", HL "/ha-tunnel/encapsulation-limit"},
    {"pmtu mode unknown", "\"pmtu-mode\": \"on\"", "\"pmtu-mode\": \"auto\"",
     HL "/ha-tunnel/pmtu-mode"},
    {"link-local outside fe80::/10", "\"link-local-address\": \"fe80::1\"",
     "\"link-local-address\": \"2001:db8::1\"", HL "/link-local-address"},
    {"bad MAC", "\"02:00:00:00:01:01\"", "\"02:00:00:00:01\"", HL "/mac-address"},
    {"VLAN 4095", "\"port\": \"home\",", "\"port\": \"home\", \"vlan\": 4095,", HL "/vlan"},
    {"link MTU 1279", "\"port\": \"home\",", "\"port\": \"home\", \"mtu\": 1279,", HL "/mtu"},
    {"HA lifetime 0", "\"port\": \"home\",", "\"port\": \"home\", \"ha-lifetime\": 0,",
     HL "/ha-lifetime"},
    {"HA preference out of int16", "\"port\": \"home\",",
     "\"port\": \"home\", \"ha-preference\": 40000,", HL "/ha-preference"},
    {"retrans timer 0", "\"port\": \"home\",", "\"port\": \"home\", \"retrans-timer\": 0,",
     HL "/retrans-timer"},
    {"MPD min > max", "\"port\": \"home\",",
     "\"port\": \"home\", \"mobile-prefix-discovery\": {\"min-interval\": 9000, "
     "\"max-interval\": 8000},",
     HL "/mobile-prefix-discovery/min-interval"},
    {"bad name", "\"name\": \"home0\"", "\"name\": \"-home\"", "/ha-router:home-links"},
    {"port and VLAN used twice", "\"port\": \"foreign\"", "\"port\": \"home\"", HL "/port"},
    {"device used twice", "\"net_af_packet2,iface=ha-cn\"", "\"net_af_packet1,iface=ha-fgn\"",
     "/ha-router:ports/port[name='cn']/device"},
    {"max-lifetime too long", "\"max-lifetime\": 3600", "\"max-lifetime\": 262144",
     "/ha-router:binding-policy/max-lifetime"},
    {"interface address multicast", "\"ip\": \"2001:db8:3::1\"", "\"ip\": \"ff02::1\"",
     "/ha-router:interfaces/interface[name='cn']/address[ip='ff02::1']/ip"},
    {"route to unknown interface", "\"ha-router:binding-policy\": {",
     "\"ha-router:routes\": {\"route\": [{\"prefix\": \"::/0\", \"interface\": \"x\"}]},\n"
     "  \"ha-router:binding-policy\": {",
     "/ha-router:routes/route[prefix='::/0']/interface"},
    {"state data in a configuration", "\"ha-router:binding-policy\": {",
     "\"ha-router:drops\": {\"drop\": [{\"reason\": \"x\", \"count\": 1}]},\n"
     "  \"ha-router:binding-policy\": {",
     "/ha-router:drops"},
    {"unknown module", "\"ha-router:binding-policy\": {",
     "\"other:x\": {}, \"ha-router:binding-policy\": {", "other"},
    {"SPI reserved", "\"ha-router:binding-policy\": {",
     "\"ha-router:ipsec\": {\"mobile-node\": [{\"home-address\": \"2001:db8:1::100\", "
     "\"sa\": [{\"spi\": 5, \"direction\": \"inbound\", \"algorithm\": \"aes-128-gcm\"}]}]},"
     "\"ha-router:binding-policy\": {",
     "/ha-router:ipsec/mobile-node[home-address='2001:db8:1::100']/sa"},
    {"unknown algorithm", "\"ha-router:binding-policy\": {",
     "\"ha-router:ipsec\": {\"mobile-node\": [{\"home-address\": \"2001:db8:1::100\", "
     "\"sa\": [{\"spi\": 300, \"direction\": \"inbound\", \"algorithm\": \"rot13\"}]}]},"
     "\"ha-router:binding-policy\": {",
     "/ha-router:ipsec/mobile-node[home-address='2001:db8:1::100']/sa[spi='300']/algorithm"},
    {"key not hex", "\"ha-router:binding-policy\": {",
     "\"ha-router:ipsec\": {\"mobile-node\": [{\"home-address\": \"2001:db8:1::100\", "
     "\"sa\": [{\"spi\": 300, \"direction\": \"inbound\", \"algorithm\": \"aes-128-gcm\", "
     "\"encryption-key\": \"xyz\"}]}]},"
     "\"ha-router:binding-policy\": {",
     "/ha-router:ipsec/mobile-node[home-address='2001:db8:1::100']/sa[spi='300']/"
     "encryption-key"},
    {"two outbound SAs for one traffic", "\"ha-router:binding-policy\": {",
     "\"ha-router:ipsec\": {\"mobile-node\": [{\"home-address\": \"2001:db8:1::100\", "
     "\"sa\": [{\"spi\": 300, \"direction\": \"outbound\", \"traffic\": \"signalling\", "
     "\"algorithm\": \"null-hmac-sha1-96\", \"authentication-key\": "
     "\"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b\"}, {\"spi\": 301, \"direction\": \"outbound\", "
     "\"algorithm\": \"null-hmac-sha1-96\", \"authentication-key\": "
     "\"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b\"}]}]},"
     "\"ha-router:binding-policy\": {",
     "/ha-router:ipsec/mobile-node[home-address='2001:db8:1::100']/sa[spi='301']"},
};

static void check_bad(const struct bad *b, const char *text)
{
	struct hacfg *cfg = NULL;
	int r;

	err[0] = '\0';
	r = hacfg_load_string(text, HACFG_FMT_JSON, &cfg, err, sizeof(err));
	if (r != -EINVAL)
		fail_msg("%s: expected -EINVAL, got %d (%s)", b->what, r, err);
	assert_null(cfg);
	if (strstr(err, b->path) == NULL)
		fail_msg("%s: message \"%s\" does not name \"%s\"", b->what, err, b->path);
	print_message("  %-34s %s\n", b->what, err);
}

static void test_invalid_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		char *t = variant(bad_cases[i].from, bad_cases[i].to);

		check_bad(&bad_cases[i], t);
		free(t);
	}
}

/* Key lengths must fit the algorithm (a `must` per key). */
static void test_ipsec_keys(void **state)
{
	static const struct {
		const char *alg, *enc, *auth;
		bool ok;
	} k[] = {
	    {"aes-128-gcm", "00112233445566778899aabbccddeeff01020304", "", true},
	    {"aes-128-gcm", "00112233445566778899aabbccddeeff", "", false},
	    {"null-hmac-sha1-96", "", "0011223344556677889900112233445566778899", true},
	    {"aes-256-cbc-hmac-sha256-128",
	     "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	     "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", true},
	    {"aes-256-cbc-hmac-sha256-128",
	     "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	     "0011223344556677889900112233445566778899", false},
	    {"3des-cbc-hmac-sha1-96", "00112233445566778899aabbccddeeff0011223344556677",
	     "0011223344556677889900112233445566778899", true},
	};
	const struct bad b = {"key length", NULL, NULL,
			      "/ha-router:ipsec/mobile-node[home-address='2001:db8:1::100']/"
			      "sa[spi='300']/"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		char tail[1024];
		char *t;

		snprintf(tail, sizeof(tail), ipsec_tail, k[i].alg, k[i].enc, k[i].auth);
		t = variant("\"ha-router:binding-policy\": {", tail);
		if (k[i].ok) {
			struct hacfg *c = load_ok(t, HACFG_FMT_JSON);

			assert_int_equal(c->ipsec[0].sas[0].enc_key_len, strlen(k[i].enc) / 2);
			hacfg_free(c);
		} else {
			check_bad(&b, t);
		}
		free(t);
	}
}

static void test_no_home_link(void **state)
{
	const struct bad b = {"no home link", NULL, NULL, "/ha-router:home-links"};
	struct hacfg *cfg = NULL;

	(void)state;
	check_bad(&b, "{\"ha-router:ports\": {\"port\": [{\"name\": \"a\", \"device\": \"b\"}]}}");
	check_bad(&b, "{}");
	err[0] = '\0';
	assert_int_equal(hacfg_load_string("<ports xmlns=\"urn:example:ha-router\"/>",
					   HACFG_FMT_XML, &cfg, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "/ha-router:home-links"));
}

static void expect_load_error(const char *what, const char *text, enum hacfg_format fmt, int want)
{
	struct hacfg *cfg = NULL;
	int r;

	err[0] = '\0';
	r = hacfg_load_string(text, fmt, &cfg, err, sizeof(err));
	if (r != want)
		fail_msg("%s: expected %d, got %d (%s)", what, want, r, err);
	assert_null(cfg);
	assert_true(err[0] != '\0');
}

static void test_hostile_input(void **state)
{
	const size_t big = 10u << 20;
	struct hacfg *cfg = NULL;
	char *buf, *path;
	size_t i;

	(void)state;
	expect_load_error("empty", "", HACFG_FMT_JSON, -ENODATA);
	expect_load_error("blank", " \n\t ", HACFG_FMT_XML, -ENODATA);
	expect_load_error("not JSON", "ha-router rules", HACFG_FMT_JSON, -EINVAL);
	expect_load_error("not XML", "<<<>>>", HACFG_FMT_XML, -EINVAL);
	expect_load_error("JSON array", "[1, 2, 3]", HACFG_FMT_JSON, -EINVAL);
	expect_load_error("bad format", "{}", (enum hacfg_format)7, -EINVAL);

	/* Deep nesting is refused before libyang sees it. */
	buf = malloc(big + 1);
	assert_non_null(buf);
	memset(buf, '[', 200000);
	buf[200000] = '\0';
	expect_load_error("deep JSON", buf, HACFG_FMT_JSON, -EINVAL);
	for (i = 0; i < 20000; i++)
		memcpy(buf + i * 3, "<a>", 3);
	buf[60000] = '\0';
	expect_load_error("deep XML", buf, HACFG_FMT_XML, -EINVAL);
	memset(buf, '{', 20);
	memcpy(buf + 20, "\"a\":1", 6);
	expect_load_error("moderately nested", buf, HACFG_FMT_JSON, -EINVAL);

	/* 10 MB: refused by size, as a string and as a file. */
	memset(buf, ' ', big);
	buf[0] = '{';
	buf[big - 1] = '}';
	buf[big] = '\0';
	expect_load_error("10 MB string", buf, HACFG_FMT_JSON, -EFBIG);
	path = tmp_file("big.json", buf, big);
	assert_int_equal(hacfg_load_file(path, &cfg, err, sizeof(err)), -EFBIG);
	unlink(path);
	free(path);

	/* Binary garbage with NUL bytes, and without. */
	srand(6275);
	for (i = 0; i < 4096; i++)
		buf[i] = (char)(rand() & 0xFF);
	buf[0] = '{';
	buf[17] = '\0';
	path = tmp_file("garbage.json", buf, 4096);
	assert_int_equal(hacfg_load_file(path, &cfg, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "NUL"));
	unlink(path);
	free(path);
	for (i = 0; i < 4096; i++)
		buf[i] = (char)(1 + rand() % 255);
	buf[4096] = '\0';
	expect_load_error("garbage JSON", buf, HACFG_FMT_JSON, -EINVAL);
	expect_load_error("garbage XML", buf, HACFG_FMT_XML, -EINVAL);

	/* Every truncation of the default is an error, never a crash. */
	for (i = 1; i + 1 < strlen(hacfg_default_json()); i += 7) {
		memcpy(buf, hacfg_default_json(), i);
		buf[i] = '\0';
		if (hacfg_load_string(buf, HACFG_FMT_JSON, &cfg, err, sizeof(err)) == 0) {
			hacfg_free(cfg);
			cfg = NULL;
		}
	}
	for (i = 1; i + 1 < strlen(default_xml); i += 11) {
		memcpy(buf, default_xml, i);
		buf[i] = '\0';
		if (hacfg_load_string(buf, HACFG_FMT_XML, &cfg, err, sizeof(err)) == 0) {
			hacfg_free(cfg);
			cfg = NULL;
		}
	}
	free(buf);

	/* Files that are not there or not files. */
	path = tmp_file("empty.json", "", 0);
	assert_int_equal(hacfg_load_file(path, &cfg, err, sizeof(err)), -ENODATA);
	unlink(path);
	free(path);
	assert_int_equal(hacfg_load_file("/nonexistent/ha.json", &cfg, err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "/nonexistent/ha.json"));
	assert_int_equal(hacfg_load_file(tmpdir, &cfg, err, sizeof(err)), -EISDIR);
	assert_null(cfg);

	/* NULL arguments; an absent error buffer is allowed. */
	assert_int_equal(hacfg_load_file(NULL, &cfg, err, sizeof(err)), -EINVAL);
	assert_int_equal(hacfg_load_string(NULL, HACFG_FMT_JSON, &cfg, NULL, 0), -EINVAL);
	assert_int_equal(hacfg_load_string("{}", HACFG_FMT_JSON, NULL, NULL, 0), -EINVAL);
	assert_int_equal(hacfg_load_string("{", HACFG_FMT_JSON, &cfg, NULL, 0), -EINVAL);
	hacfg_free(NULL);
}

/* ---- diff ---- */

static struct hacfg *base_cfg(void)
{
	return load_ok(hacfg_default_json(), HACFG_FMT_JSON);
}

static const struct hacfg_diff_item *only_item(const struct hacfg_diff *d)
{
	assert_int_equal(d->n_items, 1);
	return &d->items[0];
}

static void test_diff_tunnel(void **state)
{
	struct hacfg *a = base_cfg();
	struct hacfg *b = load_variant("\"hop-limit\": 64", "\"hop-limit\": 32");
	struct hacfg_diff d;
	const struct hacfg_diff_item *it;

	(void)state;
	assert_int_equal(hacfg_diff(a, b, &d), 0);
	it = only_item(&d);
	assert_int_equal(it->kind, HACFG_DK_HOME_LINK);
	assert_int_equal(it->op, HACFG_DIFF_CHANGE);
	assert_int_equal(it->fields, HACFG_HL_TUNNEL);
	assert_int_equal(it->old_idx, 0);
	assert_int_equal(it->new_idx, 0);
	assert_false(d.drops_bindings);
	assert_false(d.restart_required);
	hacfg_diff_free(&d);
	assert_int_equal(d.n_items, 0);
	assert_no_diff(a, a);
	hacfg_free(a);
	hacfg_free(b);
}

static void test_diff_home_link_fields(void **state)
{
	static const struct {
		const char *from, *to;
		uint32_t fields;
		bool drops;
	} c[] = {
	    {"\"valid-lifetime\": 86400", "\"valid-lifetime\": 90000", HACFG_HL_PREFIXES, false},
	    {"\"ha-address\": [ \"2001:db8:1::1\" ]",
	     "\"ha-address\": [ \"2001:db8:1::1\", \"2001:db8:1::2\" ]", HACFG_HL_HA_ADDRS, false},
	    {"\"ha-address\": [ \"2001:db8:1::1\" ]", "\"ha-address\": [ \"2001:db8:1::2\" ]",
	     HACFG_HL_HA_ADDRS, true},
	    {"\"min-interval\": 1000", "\"min-interval\": 500", HACFG_HL_RA, false},
	    {"\"port\": \"home\",", "\"port\": \"home\", \"ha-preference\": 5,", HACFG_HL_HA_INFO,
	     false},
	    {"\"port\": \"home\",", "\"port\": \"home\", \"dad-transmits\": 2,", HACFG_HL_ND, true},
	    {"\"port\": \"home\",", "\"port\": \"home\", \"vlan\": 7,", HACFG_HL_L2, true},
	    {"\"port\": \"home\",",
	     "\"port\": \"home\", \"mobile-prefix-discovery\": {\"enabled\": false},", HACFG_HL_MPD,
	     false},
	    {"\"pmtu-mode\": \"on\"", "\"pmtu-mode\": \"on\", \"encapsulation-limit\": 4",
	     HACFG_HL_TUNNEL, false},
	};
	struct hacfg *a = base_cfg();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct hacfg *b = load_variant(c[i].from, c[i].to);
		struct hacfg_diff d;
		const struct hacfg_diff_item *it;

		assert_int_equal(hacfg_diff(a, b, &d), 0);
		it = only_item(&d);
		assert_int_equal(it->kind, HACFG_DK_HOME_LINK);
		assert_int_equal(it->op, HACFG_DIFF_CHANGE);
		if (it->fields != c[i].fields)
			fail_msg("case %zu: fields %#x, expected %#x", i, it->fields, c[i].fields);
		assert_int_equal(d.drops_bindings, c[i].drops);
		hacfg_diff_free(&d);
		hacfg_free(b);
	}
	hacfg_free(a);
}

static void test_diff_lists(void **state)
{
	struct hacfg *a = base_cfg();
	struct hacfg *b;
	struct hacfg_diff d;
	const struct hacfg_diff_item *it;

	(void)state;
	/* Route added, then removed. */
	b = load_variant("\"ha-router:binding-policy\": {",
			 "\"ha-router:routes\": {\"route\": [{\"prefix\": \"2001:db8:9::/48\", "
			 "\"gateway\": \"2001:db8:2::2\", \"interface\": \"foreign\"}]},\n"
			 "  \"ha-router:binding-policy\": {");
	assert_int_equal(hacfg_diff(a, b, &d), 0);
	it = only_item(&d);
	assert_int_equal(it->kind, HACFG_DK_ROUTE);
	assert_int_equal(it->op, HACFG_DIFF_ADD);
	assert_int_equal(it->old_idx, -1);
	assert_int_equal(it->new_idx, 0);
	hacfg_diff_free(&d);
	assert_int_equal(hacfg_diff(b, a, &d), 0);
	it = only_item(&d);
	assert_int_equal(it->kind, HACFG_DK_ROUTE);
	assert_int_equal(it->op, HACFG_DIFF_REMOVE);
	assert_int_equal(it->new_idx, -1);
	hacfg_diff_free(&d);
	hacfg_free(b);

	/* Policy. */
	b = load_variant("\"require-ipsec\": false", "\"require-ipsec\": true");
	assert_int_equal(hacfg_diff(a, b, &d), 0);
	it = only_item(&d);
	assert_int_equal(it->kind, HACFG_DK_POLICY);
	assert_int_equal(it->op, HACFG_DIFF_CHANGE);
	hacfg_diff_free(&d);
	hacfg_free(b);

	/* Interface address changed. */
	b = load_variant("\"prefix-length\": 64", "\"prefix-length\": 56");
	assert_int_equal(hacfg_diff(a, b, &d), 0);
	it = only_item(&d);
	assert_int_equal(it->kind, HACFG_DK_INTERFACE);
	assert_int_equal(it->op, HACFG_DIFF_CHANGE);
	hacfg_diff_free(&d);
	hacfg_free(b);

	/* A port added: restart needed, named in the reason. */
	b = load_variant("{ \"name\": \"cn\",",
			 "{ \"name\": \"extra\", \"device\": \"net_null0\" }, "
			 "{ \"name\": \"cn\",");
	assert_int_equal(hacfg_diff(a, b, &d), 0);
	it = only_item(&d);
	assert_int_equal(it->kind, HACFG_DK_PORT);
	assert_int_equal(it->op, HACFG_DIFF_ADD);
	assert_true(d.restart_required);
	assert_non_null(strstr(d.restart_reason, "/ha-router:ports/port[name='extra']"));
	hacfg_diff_free(&d);
	assert_false(d.restart_required);
	hacfg_free(b);

	/* Home link renamed: removal listed before addition; bindings go. */
	b = load_variant("\"name\": \"home0\"", "\"name\": \"home1\"");
	assert_int_equal(hacfg_diff(a, b, &d), 0);
	assert_int_equal(d.n_items, 2);
	assert_int_equal(d.items[0].kind, HACFG_DK_HOME_LINK);
	assert_int_equal(d.items[0].op, HACFG_DIFF_REMOVE);
	assert_int_equal(d.items[1].kind, HACFG_DK_HOME_LINK);
	assert_int_equal(d.items[1].op, HACFG_DIFF_ADD);
	assert_true(d.drops_bindings);
	assert_false(d.restart_required);
	hacfg_diff_free(&d);
	hacfg_free(b);

	/* List order alone is no change. */
	b = load_variant("{ \"name\": \"home\", \"device\": \"net_af_packet0,iface=ha-home\" },\n"
			 "      { \"name\": \"foreign\", \"device\": "
			 "\"net_af_packet1,iface=ha-fgn\" },",
			 "{ \"name\": \"foreign\", \"device\": \"net_af_packet1,iface=ha-fgn\" },"
			 "{ \"name\": \"home\", \"device\": \"net_af_packet0,iface=ha-home\" },");
	assert_string_equal(b->ports[0].name, "foreign");
	assert_no_diff(a, b);
	hacfg_free(b);

	assert_int_equal(hacfg_diff(NULL, a, &d), -EINVAL);
	assert_int_equal(hacfg_diff(a, NULL, &d), -EINVAL);
	assert_int_equal(hacfg_diff(a, a, NULL), -EINVAL);
	hacfg_diff_free(NULL);
	hacfg_free(a);
}

/* ---- operational state ---- */

static void test_oper_json(void **state)
{
	struct hacfg_oper_binding b[2] = {
	    {.hoa = A("2001:db8:1::100"),
	     .coa = A("2001:db8:2::100"),
	     .home_link = "home0",
	     .lifetime_s = 420,
	     .remaining_s = 400,
	     .sequence = 7,
	     .flags = HACFG_BF_A | HACFG_BF_H,
	     .path_mtu = 1460,
	     .in_packets = 10,
	     .in_octets = 1000,
	     .out_packets = 20,
	     .out_octets = 2000},
	    {.hoa = A("2001:db8:1::101"), .coa = A("2001:db8:2::101")},
	};
	struct in6_addr g = A("2001:db8:1::1");
	struct hacfg_oper_home_agent ha = {.home_link = "home0",
					   .link_local = A("fe80::1"),
					   .n_global = 1,
					   .global = &g,
					   .preference = -3,
					   .lifetime_s = 1800,
					   .remaining_s = 1800,
					   .self = true};
	struct hacfg_oper_proxy_nd pnd = {A("2001:db8:1::100"), "home0", HACFG_ND_VALID};
	struct hacfg_oper_drop drops[] = {{"bc-miss", 3}, {"tunnel-src-mismatch", 1}};
	struct hacfg_oper_ba_status ba[] = {{0, "accepted", 5}, {129, "prohibited", 1}};
	struct hacfg_oper st = {.n_bindings = 2,
				.bindings = b,
				.n_home_agents = 1,
				.home_agents = &ha,
				.n_proxy_nd = 1,
				.proxy_nd = &pnd,
				.n_drops = 2,
				.drops = drops,
				.has_signalling = true,
				.bu_received = 6,
				.n_ba_status = 2,
				.ba_status = ba};
	char *json = NULL, *bad, *p;

	(void)state;
	assert_int_equal(hacfg_oper_json(&st, &json), 0);
	assert_non_null(json);
	assert_non_null(strstr(json, "\"ha-router:bindings\""));
	assert_non_null(strstr(json, "\"care-of-address\": \"2001:db8:2::100\""));
	assert_non_null(strstr(json, "\"flags\": \"acknowledge home-registration\""));
	assert_non_null(strstr(json, "\"state\": \"valid\""));
	assert_non_null(strstr(json, "\"preference\": -3"));
	assert_non_null(strstr(json, "\"ha-router:signalling\""));
	/* Configuration defaults are not printed. */
	assert_null(strstr(json, "binding-policy"));
	if (hacfg_validate_oper_json(json, err, sizeof(err)) != 0)
		fail_msg("own output rejected: %s\n%s", err, json);

	/* A broken document fails, naming the node. */
	p = strstr(json, "\"state\": \"valid\"");
	assert_non_null(p);
	bad = strdup(json);
	memcpy(bad + (p - json), "\"state\": \"vali!\"", 16);
	assert_int_equal(hacfg_validate_oper_json(bad, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "/ha-router:proxy-nd/entry[address='2001:db8:1::100']/state"));
	free(bad);
	assert_int_equal(hacfg_validate_oper_json("{\"ha-router:bindings\": {\"binding\": "
						  "[{\"home-address\": \"2001:db8:1::1\"}]}}",
						  err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "/ha-router:bindings/binding[home-address='2001:db8:1::1']"));
	assert_int_equal(hacfg_validate_oper_json("{\"ha-router:drops\": {\"drop\": "
						  "[{\"reason\": \"x\", \"count\": -1}]}}",
						  err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "/ha-router:drops/drop[reason='x']/count"));
	assert_int_equal(hacfg_validate_oper_json("", err, sizeof(err)), -ENODATA);
	assert_int_equal(hacfg_validate_oper_json(NULL, err, sizeof(err)), -EINVAL);
	free(json);

	/* Data the module rejects is not rendered. */
	b[1].hoa = b[0].hoa;
	assert_int_equal(hacfg_oper_json(&st, &json), -EINVAL);
	assert_null(json);
	b[1].hoa = A("2001:db8:1::101");
	pnd.state = (enum hacfg_nd_state)9;
	assert_int_equal(hacfg_oper_json(&st, &json), -EINVAL);
	pnd.state = HACFG_ND_PROBING;
	drops[0].reason = "";
	assert_int_equal(hacfg_oper_json(&st, &json), -EINVAL);
	drops[0].reason = "bc-miss";
	st.bindings = NULL;
	assert_int_equal(hacfg_oper_json(&st, &json), -EINVAL);
	assert_int_equal(hacfg_oper_json(NULL, &json), -EINVAL);
	assert_int_equal(hacfg_oper_json(&st, NULL), -EINVAL);

	/* Nothing to show is an empty object. */
	memset(&st, 0, sizeof(st));
	assert_int_equal(hacfg_oper_json(&st, &json), 0);
	assert_int_equal(hacfg_validate_oper_json(json, err, sizeof(err)), 0);
	free(json);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/hacfg-test-XXXXXX");
	return mkdtemp(tmpdir) != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return rmdir(tmpdir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_yang_embedded),
	    cmocka_unit_test(test_default),
	    cmocka_unit_test(test_defaults_when_omitted),
	    cmocka_unit_test(test_xml_json_equivalent),
	    cmocka_unit_test(test_examples),
	    cmocka_unit_test(test_invalid_table),
	    cmocka_unit_test(test_ipsec_keys),
	    cmocka_unit_test(test_no_home_link),
	    cmocka_unit_test(test_hostile_input),
	    cmocka_unit_test(test_diff_tunnel),
	    cmocka_unit_test(test_diff_home_link_fields),
	    cmocka_unit_test(test_diff_lists),
	    cmocka_unit_test(test_oper_json),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
