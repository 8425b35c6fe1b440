/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include <rte_byteorder.h>

#include "fp_parse.h"

static const char *const drop_names[FP_DROP_NB] = {[FP_DROP_OK] = "ok",
#define FP_DROP_NAME(name, str) [FP_DROP_##name] = str,
						   FP_DROP_REASONS(FP_DROP_NAME)
#undef FP_DROP_NAME
};

const char *fp_drop_name(enum fp_drop d)
{
	return (unsigned int)d < FP_DROP_NB ? drop_names[d] : "unknown";
}

/* Walk the TLV options of a Hop-by-Hop or Destination Options header
 * (RFC 8200 §4.2): every option must fit inside the header. */
static int walk_options(const uint8_t *p, uint16_t off, uint16_t hlen, uint8_t nh,
			struct fp_parsed *out)
{
	uint16_t i = off + 2, end = off + hlen;

	while (i < end) {
		uint8_t type = p[i];

		if (type == FP_OPT_PAD1) {
			i++;
			continue;
		}
		if (i + 2 > end || i + 2 + p[i + 1] > end)
			return FP_DROP_BAD_OPTION;
		if (nh == FP_NH_DSTOPTS && type == FP_OPT_TUNNEL_ENCAP_LIMIT) {
			if (p[i + 1] != 1)
				return FP_DROP_BAD_OPTION;
			out->flags |= FP_P_ENCAP_LIMIT;
			out->limit = p[i + 2];
			out->limit_off = i + 2;
		} else if (nh == FP_NH_DSTOPTS && type == FP_OPT_HOME_ADDRESS) {
			if (p[i + 1] != 16)
				return FP_DROP_BAD_OPTION;
			out->flags |= FP_P_HAO;
			out->hao_off = i + 2;
		}
		i += 2 + p[i + 1];
	}
	return 0;
}

int fp_parse_ipv6(const uint8_t *p, uint32_t len, uint16_t l3, struct fp_parsed *out)
{
	uint32_t end, off;
	uint16_t plen;
	uint8_t nh;
	int r;

	out->l3 = l3;
	out->flags &= FP_P_VLAN;
	out->nexthdrs = 0;
	if (len < (uint32_t)l3 + 40)
		return FP_DROP_TRUNC_IPV6;
	if ((p[l3] >> 4) != 6)
		return FP_DROP_BAD_VERSION;
	plen = (uint16_t)(p[l3 + 4] << 8 | p[l3 + 5]);
	end = (uint32_t)l3 + 40 + plen;
	/* Jumbograms (payload length 0 with a Jumbo option) are not forwarded. */
	if (end > len || (plen == 0 && p[l3 + 6] == FP_NH_HOPOPTS))
		return FP_DROP_BAD_PAYLOAD_LEN;
	out->ip_len = (uint16_t)(40 + plen);
	nh = p[l3 + 6];
	off = (uint32_t)l3 + 40;
	for (;;) {
		uint32_t hlen;

		switch (nh) {
		case FP_NH_HOPOPTS:
		case FP_NH_DSTOPTS:
		case FP_NH_ROUTING:
			if (off + 8 > end)
				return FP_DROP_TRUNC_EXTHDR;
			hlen = ((uint32_t)p[off + 1] + 1) * 8;
			if (off + hlen > end)
				return FP_DROP_TRUNC_EXTHDR;
			if (nh == FP_NH_HOPOPTS && off != (uint32_t)l3 + 40)
				return FP_DROP_BAD_OPTION; /* RFC 8200 §4.1: only first */
			if (nh != FP_NH_ROUTING) {
				r = walk_options(p, (uint16_t)off, (uint16_t)hlen, nh, out);
				if (r != 0)
					return r;
			} else if (p[off + 2] == 2) {
				out->flags |= FP_P_RH2;
			}
			break;
		case FP_NH_FRAGMENT:
			if (off + 8 > end)
				return FP_DROP_TRUNC_EXTHDR;
			out->flags |= FP_P_FRAG;
			/* A non-first fragment has no further headers to see. */
			if ((p[off + 2] << 8 | (p[off + 3] & 0xf8)) != 0) {
				out->l4 = (uint16_t)off;
				out->proto = FP_NH_FRAGMENT;
				return 0;
			}
			hlen = 8;
			break;
		case FP_NH_AH:
			if (off + 8 > end)
				return FP_DROP_TRUNC_EXTHDR;
			hlen = ((uint32_t)p[off + 1] + 2) * 4;
			if (off + hlen > end)
				return FP_DROP_TRUNC_EXTHDR;
			break;
		default:
			/* Upper layer, ESP, No Next Header, or an inner IPv6 header. */
			out->l4 = (uint16_t)off;
			out->proto = nh;
			return 0;
		}
		if (++out->nexthdrs > FP_MAX_EXTHDRS)
			return FP_DROP_EXTHDR_CHAIN;
		nh = p[off];
		off += hlen;
	}
}

int fp_parse_eth(const uint8_t *p, uint32_t len, struct fp_parsed *out)
{
	uint16_t et, l3 = 14;

	memset(out, 0, sizeof(*out));
	if (len < 14)
		return FP_DROP_TRUNC_ETH;
	et = (uint16_t)(p[12] << 8 | p[13]);
	if (et == 0x8100) {
		if (len < 18)
			return FP_DROP_TRUNC_ETH;
		et = (uint16_t)(p[16] << 8 | p[17]);
		l3 = 18;
		out->flags |= FP_P_VLAN;
	}
	if (et != 0x86DD)
		return FP_DROP_NOT_IPV6;
	return fp_parse_ipv6(p, len, l3, out);
}
