#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Binding expiry: a home registration with lifetime 1 (4 s) is removed when it
expires, and with it the proxy-ND entry and the tunnel.

   hnode 2001:db8:1::20 (resolves HoA)           mn fgn0 2001:db8:2::100
        |                                          |
   [home br0]--ha-home  ha-router  ha-fgn-------[fgn br0]
                          ha-cn -- cn 2001:db8:3::10 (ping HoA)

Rules: LT-3 (expire after the granted lifetime), BC-3, ND-8, REG-4;
ha-duties test 40.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import COA, HA, HA_MAC, HOA, check, log, run, wait_for  # noqa: E402


def body(env):
    from scapy.layers.inet6 import IPv6

    def ndisc():
        return env.resolve("hnode", HOA)

    check(env.register(COA, seq=10, lifetime=4) == 0, "registered with lifetime 4 s (1 unit)")
    t0 = time.monotonic()  # the BA has just arrived
    b = env.binding()
    check(b is not None and int(b["lifetime"]) == 4, "ha-ctl: binding granted 4 s")
    check(HOA in env.proxied(), "proxy-ND entry for the HoA")
    check(ndisc() == HA_MAC, "ND-5: an NS for the HoA is answered with the HA's MAC")
    check(wait_for(lambda: env.bindings() == [], 8, 0.25), "the binding is gone after expiry")
    gone = time.monotonic() - t0
    check(2.5 <= gone <= 6, f"LT-3: expired at the granted lifetime (4 s after the BA; "
          f"observed {gone:.1f} s)")
    check(HOA not in env.proxied(), "BC-3: the proxy-ND entry is gone")
    check(ndisc() is None, "ND-8: NS for the HoA no longer answered")
    t_exp = time.time()
    got, _ = env.ping("cn", HOA, count=2, wait=1)
    check(got == 0, "the CN no longer reaches the HoA")
    fg = [p for c in env.captures if c.link == "foreign" for p in c.packets()]
    late = [p for p in fg if p.haslayer(IPv6) and p[IPv6].src == HA and p[IPv6].nh == 41 and
            p.time > t_exp]
    check(late == [], "BC-3: nothing tunnelled to the CoA after expiry")
    log("drops after expiry:\n" + env.ctl("show", "drops"))


run("expiry", body, captures=("home", "foreign"))
