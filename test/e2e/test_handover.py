#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""L3 handover (Treck use case, seed 000 §2.2.3): the mobile node moves to a new
care-of address and re-registers; the HA's tunnel follows at once.

   mn fgn0 2001:db8:2::100 -> 2001:db8:2::200 (mip0 HoA 2001:db8:1::100)
        |
   [fgn br0]--ha-fgn  ha-router  ha-cn-- cn 2001:db8:3::10 (ping -i 0.05 HoA)

Rules: BU-5, BU-9, REG-3, REG-6 (new CoA at once), DAD-1 (no DAD on a move),
TUN-1, RT-3.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import COA, COA2, HA, HOA, check, log, run, wait_for  # noqa: E402


def body(env):
    from scapy.layers.inet6 import IPv6, ICMPv6EchoRequest, MIP6MH_BA

    check(env.register(COA, seq=10) == 0, "registered from CoA 2001:db8:2::100")
    env.tunnel(COA)
    got, _ = env.ping("cn", HOA, count=2)
    check(got == 2, "CN reaches the HoA through the tunnel")

    ping = env.spawn("cn", "ping", "-n", "-i", "0.05", "-c", "100", "-W", "1", HOA,
                     logname="ping.log")
    time.sleep(1.5)
    t = time.monotonic()
    rc, status = env.move(COA2, seq=11, keep_old=COA)
    check(rc == 0 and status == 0, "BU from the new CoA 2001:db8:2::200 accepted (BA 0)")
    log(f"move took {time.monotonic() - t:.2f} s (BU -> BA -> tunnel switched)")
    b = env.binding()
    check(b["care-of-address"] == COA2 and int(b["sequence"]) == 11,
          "ha-ctl: binding now points to the new CoA, sequence 11")
    check(wait_for(lambda: ping.poll() is not None, 10), "ping finished")
    out = env.read(ping.logpath)
    rx = int(out.split(" received")[0].split()[-1])
    log(out.strip().splitlines()[-2])
    check(rx >= 97, f"CN -> HoA ping across the move: {rx}/100 replies (<= 3 lost)")

    fg = [p for c in env.captures if c.link == "foreign" for p in c.packets()]
    ba = [p for p in fg if p.haslayer(MIP6MH_BA) and p[IPv6].src == HA and
          p[MIP6MH_BA].seq == 11]
    check(len(ba) == 1 and ba[0][IPv6].dst == COA2, "BA for seq 11 sent to the new CoA")
    t_ba = ba[0].time
    enc = [(p.time, p[IPv6].dst) for p in fg if p.haslayer(IPv6) and p[IPv6].src == HA and
           p[IPv6].nh == 41 and p[IPv6].payload.haslayer(ICMPv6EchoRequest)]
    before = [d for t, d in enc if t < t_ba]
    after = [d for t, d in enc if t > t_ba]
    check(before and set(before) == {COA}, f"before the BA: {len(before)} tunnelled to the old CoA")
    check(after and set(after) == {COA2},
          f"REG-6: after the BA every tunnelled packet ({len(after)}) goes to the new CoA")
    rev = [p for p in fg if p.haslayer(IPv6) and p[IPv6].dst == HA and p[IPv6].nh == 41 and
           p.time > t_ba + 0.2]
    check(rev and all(p[IPv6].src == COA2 for p in rev),
          "the MN's reverse tunnel now starts at the new CoA")


run("handover", body, captures=("foreign",))
