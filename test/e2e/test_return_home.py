#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Return home and de-registration from the home link (Treck use case, seed 000
§2.2.3; seed 001 walk-through, last step).

   hnode 2001:db8:1::20                    mn home0 2001:db8:1::100 (back home)
        |                                      |      fgn0 (down after the move)
   [home br0]--ha-home  ha-router  ha-fgn--[fgn br0]
                          ha-cn -- cn 2001:db8:3::10

Rules: DEREG-1 (from home: Src = HoA, no HAO), DEREG-3 (BA 0, lifetime 0),
DEREG-4 (interception stops at once), DEREG-5 (BA to the HoA, no RH2),
DEREG-6 (entry purged after MAX_DELETE_BCE_TIMEOUT), DEREG-7 (no DAD on return).
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import CN, COA, HA, HA_MAC, HOA, check, log, run, wait_for  # noqa: E402


def body(env):
    from scapy.layers.inet6 import Ether, IPv6, IPv6ExtHdrRouting, MIP6MH_BA

    check(env.register(COA, seq=10) == 0, "registered from the foreign link")
    env.tunnel(COA)
    check(env.ping("cn", HOA, count=2)[0] == 2, "CN reaches the HoA through the tunnel")
    check(env.resolve("hnode", HOA) == HA_MAC, "the home node resolves the HoA to the HA (proxy)")

    log("the MN returns home: tunnel closed, foreign interface down, HoA on home0 (no DAD)")
    env.stop_tunnel()
    env.go_home(dad=False)
    mn_mac = env.ns("mn", "cat", "/sys/class/net/home0/address").stdout.strip()
    t_dereg = time.time()
    rc, status, _ = env.mn("deregister", "--at-home", "--hoa", HOA, "--ha", HA, "--iface",
                           "home0", "--seq", "11")
    check(rc == 0 and status == 0, "DEREG-3: de-registration from home answered with BA 0")
    check(HOA not in env.proxied(), "DEREG-4: proxy-ND entry removed at once")
    check(env.binding() is None, "DEREG-4: no live binding (at most an entry in its grace period)")
    log("ha-ctl show bindings:\n" + env.ctl("show", "bindings"))
    check(env.resolve("hnode", HOA) == mn_mac, "the home node now resolves the HoA to the MN")
    check(env.ping("hnode", HOA, count=2)[0] == 2, "the home node reaches the MN on the link")
    check(env.ping("cn", HOA, count=2)[0] == 2, "the CN reaches the MN at home, not tunnelled")
    check(env.ping("mn", CN, count=2)[0] == 2, "the MN reaches the CN through its home router")
    check(wait_for(lambda: env.bindings() == [], 13, 0.5),
          "DEREG-6: the de-registered entry is purged (MAX_DELETE_BCE_TIMEOUT 10 s)")

    home = [p for c in env.captures if c.link == "home" for p in c.packets()]
    fg = [p for c in env.captures if c.link == "foreign" for p in c.packets()]
    ba = [p for p in home if p.haslayer(MIP6MH_BA) and p[IPv6].src == HA]
    check(len(ba) == 1, "one BA on the home link")
    ba = ba[0]
    check(ba[IPv6].dst == HOA and ba.getlayer(IPv6ExtHdrRouting) is None,
          "DEREG-5: BA addressed to the HoA, no type 2 routing header")
    check(ba[Ether].dst == mn_mac, "BA-8: BA sent to the MN's own link-layer address")
    check(ba[MIP6MH_BA].seq == 11 and ba[MIP6MH_BA].mhtime == 0, "BA: sequence 11, lifetime 0")
    late = [p for p in fg if p.haslayer(IPv6) and p[IPv6].src == HA and p[IPv6].nh == 41 and
            p.time > t_dereg + 0.5]
    check(late == [], "nothing tunnelled to the old CoA after the de-registration")


run("home", body, captures=("home", "foreign"))
