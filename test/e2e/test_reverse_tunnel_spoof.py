#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Reverse-tunnel source check: a tunnelled packet is forwarded only when its
outer source is the CoA registered for its inner source; others are dropped and
counted as reverse-tunnel-check-failed in 'ha-ctl show drops'.

   mn fgn0 2001:db8:2::100 (raw sockets: real and spoofed outer sources)
        |
   [fgn br0]--ha-fgn  ha-router  ha-cn-- cn 2001:db8:3::10 (captured)

Rules: RT-1, RT-3 (ha-duties tests 70, 71, 72), RT-4.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import CN, COA, COA2, HA, HOA, check, log, run  # noqa: E402

REASON = "reverse-tunnel-check-failed"


def body(env):
    from scapy.layers.inet6 import IPv6, ICMPv6EchoRequest

    check(env.register(COA, seq=10) == 0, "registered HoA -> CoA 2001:db8:2::100")
    s = env.l3_socket("mn")

    def tunnelled(outer_src, inner_src, ident):
        p = IPv6(src=outer_src, dst=HA) / IPv6(src=inner_src, dst=CN) / ICMPv6EchoRequest(
            id=ident, data=b"e2e-spoof")
        s.sendto(bytes(p), (HA, 0))

    d0 = env.drop_counts().get(REASON, 0)
    tunnelled(COA, HOA, 0x70)                     # test 70: the registered CoA
    tunnelled("2001:db8:2::99", HOA, 0x71)        # test 71: another outer source
    tunnelled(COA, "2001:db8:1::77", 0x7177)      # inner source with no binding
    time.sleep(0.5)
    env.ns("mn", "ip", "-6", "addr", "add", f"{COA2}/64", "dev", "fgn0", "nodad", check=True)
    check(env.register(COA2, seq=11) == 0, "the MN moves: HoA -> CoA 2001:db8:2::200")
    tunnelled(COA, HOA, 0x72)                     # test 72: the old CoA after the move
    tunnelled(COA2, HOA, 0x7070)                  # the new CoA
    time.sleep(0.5)
    d1 = env.drop_counts().get(REASON, 0)
    text = env.ctl("show", "drops")
    log("ha-ctl show drops:\n" + text)

    cn = [p for c in env.captures if c.link == "cn" for p in c.packets()]
    ids = {p[ICMPv6EchoRequest].id for p in cn if p.haslayer(ICMPv6EchoRequest) and
           p[IPv6].dst == CN}
    check(0x70 in ids, "RT-3 test 70: outer source = registered CoA: forwarded to the CN")
    check(0x7070 in ids, "after the move the new CoA is accepted")
    check(0x71 not in ids, "RT-3 test 71: spoofed outer source: not forwarded")
    check(0x7177 not in ids, "RT-3: inner source without a binding: not forwarded")
    check(0x72 not in ids, "RT-3 test 72: old CoA after the move: not forwarded")
    check(d1 - d0 == 3, f"ha-ctl --json show drops: {REASON} counted 3 drops ({d0} -> {d1})")
    env.bug(env.drop_counts_text().get(REASON) == d1,
            f"ha-ctl show drops (text) lists {REASON} {d1}", "the /ha/drops telemetry command "
            "adds forwarding-plane reasons as dict keys containing '-', which DPDK telemetry "
            "refuses (only alphanumerics, '_' and '/'), so they are silently left out")
    b = env.binding()
    check(b is not None and b["care-of-address"] == COA2, "the binding is untouched")


run("spoof", body, captures=("foreign", "cn"))
