#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""The HA as a plain IPv6 router: every forwarded packet has its hop limit
decremented once, including the first packet to a next hop not resolved yet
(held while the HA sends its NS, RFC 4861 §7.2.2).

   hnode 2001:db8:1::20 --[home br0]--ha-home  ha-router  ha-cn-- cn 2001:db8:3::10

Rules: RFC 8200 §3 (Hop Limit), RFC 4861 §7.2.2 (queue while resolving), TUN-2.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import CN, HOME_NODE, check, run  # noqa: E402


def body(env):
    from scapy.layers.inet6 import IPv6, ICMPv6EchoRequest, ICMPv6EchoReply

    got, out = env.ping("cn", HOME_NODE, count=3)
    check(got == 3, "the CN pings the home node across the HA (3/3)")
    home = [p for c in env.captures if c.link == "home" for p in c.packets()]
    cn = [p for c in env.captures if c.link == "cn" for p in c.packets()]
    req = [p[IPv6].hlim for p in home if p.haslayer(ICMPv6EchoRequest) and p[IPv6].src == CN]
    rep = [p[IPv6].hlim for p in cn if p.haslayer(ICMPv6EchoReply) and p[IPv6].src == HOME_NODE]
    check(len(req) == 3 and len(rep) == 3, "3 requests forwarded to the home link, 3 replies to the CN")
    # The first packet to each next hop waits for neighbour resolution: it too
    # leaves decremented (was a bug: held packets were released with 64).
    check(req == [63, 63, 63], f"requests forwarded with hop limit 63 (64 - 1): seen {req}")
    check(rep == [63, 63, 63], f"replies forwarded with hop limit 63 (64 - 1): seen {rep}")


run("hoplimit", body, captures=("home", "cn"))
