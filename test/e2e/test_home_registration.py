#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Seed 001 walk-through: home registration from the foreign link, correspondent
traffic to the HoA intercepted and tunnelled, the reverse tunnel, a home-link node
reaching the mobile node.

   hnode 2001:db8:1::20        mn (away): fgn0 2001:db8:2::100, mip0 HoA 2001:db8:1::100
        |                                  |
   [home br0]--ha-home  ha-router  ha-fgn--[fgn br0]
                           ha-cn
                             |
                        cn 2001:db8:3::10

Rules: REG-3/5, BA-3/5/7, RH-1, DAD-1, ND-3/5, TUN-1/2/3, RT-1/3/4.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import CN, COA, HA, HA_MAC, HOA, HOME_NODE, check, log, run  # noqa: E402


def body(env):
    from scapy.layers.inet6 import (IPv6, ICMPv6EchoRequest, ICMPv6ND_NA, ICMPv6ND_NS,
                                    IPv6ExtHdrRouting, MIP6MH_BA, ICMPv6NDOptDstLLAddr)

    log("REG-3/REG-5: the MN registers its HoA from the foreign link")
    check(env.register(COA, seq=10, lifetime=3600) == 0, "BA status 0 for the home registration")
    b = env.binding()
    check(b is not None and b["care-of-address"] == COA and int(b["sequence"]) == 10,
          f"ha-ctl shows the binding {HOA} -> {COA} seq 10")
    check("home-registration" in str(b.get("flags")), "binding flagged home registration")
    check(env.proxied().get(HOA) is not None, "ha-ctl show proxy-nd lists the HoA")

    env.tunnel(COA)
    log("TUN-1, RT-1/RT-3: CN -> HoA is tunnelled to the CoA, replies come back reversed")
    got, out = env.ping("cn", HOA, count=3)
    check(got == 3, f"CN pings the HoA through the HA (3/3):\n{out}")
    log("a home-link node reaches the MN (ND-5 proxy, TUN-1)")
    got, out = env.ping("hnode", HOA, count=3)
    check(got == 3, f"home node {HOME_NODE} pings the HoA (3/3)")
    got, out = env.ping("mn", CN, count=2)
    check(got == 2, "the MN reaches the CN from its HoA (reverse tunnel)")
    b = env.binding()
    check(int(b["counters"]["out-packets"]) >= 5 and int(b["counters"]["in-packets"]) >= 5,
          f"binding counters count the tunnelled traffic ({b['counters']})")

    fg = [p for c in env.captures if c.link == "foreign" for p in c.packets()]
    home = [p for c in env.captures if c.link == "home" for p in c.packets()]
    bas = [p for p in fg if p.haslayer(MIP6MH_BA) and p[IPv6].src == HA]
    check(len(bas) == 1, "exactly one BA on the foreign link")
    ba = bas[0]
    rh = ba.getlayer(IPv6ExtHdrRouting)
    check(ba[IPv6].src == HA and ba[IPv6].dst == COA, "BA-5: BA from the HA to the CoA")
    check(rh is not None and rh.type == 2 and rh.segleft == 1 and rh.addresses == [HOA],
          "RH-1/BA-5: BA carries a type 2 routing header holding the HoA")
    check(ba[MIP6MH_BA].seq == 10 and ba[MIP6MH_BA].status == 0, "BA-3: sequence 10 copied")

    dad = [p for p in home if p.haslayer(ICMPv6ND_NS) and p[IPv6].src == "::" and
           p[ICMPv6ND_NS].tgt == HOA]
    check(len(dad) >= 1, "DAD-1/DAD-3: a DAD probe (NS from ::) for the HoA on the home link")
    una = [p for p in home if p.haslayer(ICMPv6ND_NA) and p[IPv6].dst == "ff02::1" and
           p[ICMPv6ND_NA].tgt == HOA]
    check(len(una) >= 1, "ND-3: unsolicited NA for the HoA to ff02::1")
    na = una[0][ICMPv6ND_NA]
    check(na.O == 1 and na.S == 0 and na.R == 0 and una[0][IPv6].hlim == 255,
          "ND-3: the unsolicited NA has O=1 S=0 R=0, hop limit 255")
    check(una[0].haslayer(ICMPv6NDOptDstLLAddr) and
          una[0][ICMPv6NDOptDstLLAddr].lladdr == HA_MAC, "ND-3: TLLA is the HA's MAC")

    enc = [p for p in fg if p.haslayer(IPv6) and p[IPv6].nh == 41 and p[IPv6].src == HA and
           p[IPv6].dst == COA and p[IPv6].payload.haslayer(ICMPv6EchoRequest)]
    check(len(enc) >= 3, "TUN-1: echo requests to the HoA leave IPv6-in-IPv6 HA -> CoA")
    inner = enc[0][IPv6].payload
    check(inner.src == CN and inner.dst == HOA, "the inner packet is CN -> HoA, unchanged")
    check(enc[0][IPv6].hlim == 64 and inner.hlim == 63,
          "TUN-2/TUN-3: outer hop limit 64 (tunnel), inner decremented once (64 -> 63)")
    rev = [p for p in fg if p.haslayer(IPv6) and p[IPv6].nh == 41 and p[IPv6].src == COA and
           p[IPv6].dst == HA]
    check(len(rev) >= 3, "RT-1: the MN's replies arrive reverse-tunnelled CoA -> HA")
    check(env.alive(), "ha-router still running")


run("home-reg", body)
