#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Refused home registrations: a HoA outside every home prefix gets BA 132, a
HoA on the home link but outside the binding-policy access list gets BA 129;
neither creates a binding or a proxy entry. ha-router runs on a configuration
written here: examples/default.json plus an access list permitting
2001:db8:1::100/128 only.

   mn fgn0 2001:db8:2::100 --[fgn br0]--ha-fgn  ha-router --config access-list.json

Rules: REG-2 (132, then 129), BA-2/3/5, BU-6; ha-duties tests 29, 30.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import COA, HA, HOA, SRC, check, run  # noqa: E402

OFF_LINK = "2001:db8:9::100"
NOT_PERMITTED = "2001:db8:1::200"


def config():
    with open(os.path.join(SRC, "examples", "default.json")) as f:
        cfg = json.load(f)
    cfg["ha-router:binding-policy"]["access-list"] = {"permit": [f"{HOA}/128"]}
    return cfg


def body(env):
    from scapy.layers.inet6 import IPv6, IPv6ExtHdrRouting, MIP6MH_BA

    st = env.register(COA, seq=20, hoa=OFF_LINK)
    check(st == 132, f"REG-2: HoA {OFF_LINK} outside the home prefix: BA 132 (got {st})")
    st = env.register(COA, seq=30, hoa=NOT_PERMITTED)
    check(st == 129, f"REG-2: HoA {NOT_PERMITTED} not in the access list: BA 129 (got {st})")
    check(env.bindings() == [], "no binding created by the refused BUs")
    check(env.proxied() == {}, "no proxy-ND entry created by the refused BUs")
    st = env.register(COA, seq=40, hoa=HOA)
    check(st == 0, f"the permitted HoA {HOA} registers (BA 0)")
    check([b["home-address"] for b in env.bindings()] == [HOA], "ha-ctl: only that binding")
    stats = env.ctl("show", "stats")
    check("ba_tx_132" in stats and "ba_tx_129" in stats, "ha-ctl show stats counts BA 132 and 129")

    fg = [p for c in env.captures if c.link == "foreign" for p in c.packets()]
    bas = {p[MIP6MH_BA].seq: p for p in fg if p.haslayer(MIP6MH_BA) and p[IPv6].src == HA}
    for seq, status, hoa in ((20, 132, OFF_LINK), (30, 129, NOT_PERMITTED)):
        p = bas.get(seq)
        check(p is not None and p[MIP6MH_BA].status == status and p[MIP6MH_BA].mhtime == 0,
              f"BA-3: BA {status} copies sequence {seq}, lifetime 0")
        rh = p.getlayer(IPv6ExtHdrRouting)
        check(p[IPv6].dst == COA and rh is not None and rh.addresses == [hoa],
              f"BA-5: BA {status} to the CoA with a type 2 routing header holding {hoa}")


run("refused", body, config=config(), captures=("foreign",))
