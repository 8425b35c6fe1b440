#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Cold boot at home while the HA still defends the HoA (Treck use case, seed 000
§2.2.3): the MN's kernel runs DAD on its HoA, the HA answers for the registered
HoA so DAD fails; the de-registration from home still works, after which the MN
claims its address.

   hnode 2001:db8:1::20                    mn home0 2001:db8:1::100 (DAD on)
        |                                      |
   [home br0]--ha-home  ha-router  ha-fgn--[fgn br0]  (binding made from away)

Rules: ND-5 (NS from :: answered: NA to ff02::1, S=0), DAD-8 (the HA defends the
HoA for the binding's lifetime), DEREG-1/3/4/5, BA-8.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import COA, HA, HA_MAC, HOA, check, log, run, wait_for  # noqa: E402


def body(env):
    from scapy.layers.inet6 import IPv6, ICMPv6ND_NA, ICMPv6ND_NS

    check(env.register(COA, seq=100) == 0, "binding made from the foreign link")
    log("the MN reboots on the home link: HoA added with DAD")
    env.go_home(dad=True)

    def state():
        return env.ns("mn", "ip", "-6", "addr", "show", "dev", "home0").stdout

    check(wait_for(lambda: "dadfailed" in state() or "tentative" not in state(), 4)
          and "dadfailed" in state(), "the MN's DAD for its HoA fails: the HA defends it")
    check(env.binding() is not None, "the binding is still in place")
    rc, status, _ = env.mn("deregister", "--at-home", "--hoa", HOA, "--ha", HA, "--iface",
                           "home0", "--seq", "101", "--timeout", "3")
    env.bug(rc == 0 and status == 0,
            "BA-8/DEREG-5: de-registration from home answered with BA 0 sent to the BU's "
            "source link-layer address", "the HA resolves the HoA with NS instead, which the MN "
            "whose DAD failed never answers, so the BA is never sent")
    check(HOA not in env.proxied(), "DEREG-4: proxy-ND entry removed")
    check(env.binding() is None, "DEREG-4: no live binding left")
    env.ns("mn", "ip", "-6", "addr", "del", f"{HOA}/64", "dev", "home0", check=True)
    env.ns("mn", "ip", "-6", "addr", "add", f"{HOA}/64", "dev", "home0", check=True)
    check(wait_for(lambda: "tentative" not in state(), 4) and "dadfailed" not in state(),
          "the MN's second DAD succeeds: the HA no longer defends the HoA")
    env.ns("mn", "ip", "-6", "route", "replace", "default", "via", HA, "dev", "home0")
    check(env.ping("hnode", HOA, count=2)[0] == 2, "the home node reaches the MN")

    home = [p for c in env.captures if c.link == "home" for p in c.packets()]
    dad_ns = [p for p in home if p.haslayer(ICMPv6ND_NS) and p[IPv6].src == "::" and
              p[ICMPv6ND_NS].tgt == HOA]
    check(len(dad_ns) >= 2, "DAD probes from :: for the HoA seen (HA's and the MN's)")
    defend = [p for p in home if p.haslayer(ICMPv6ND_NA) and p[ICMPv6ND_NA].tgt == HOA and
              p.src == HA_MAC and p[IPv6].dst == "ff02::1" and p[ICMPv6ND_NA].S == 0]
    check(defend, "ND-5: the HA defends the HoA with an NA to ff02::1 (S=0)")


run("coldboot", body, captures=("home",))
