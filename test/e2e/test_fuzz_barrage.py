#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Malformed-packet barrage on every port: random and mutated Mobility Header, ND,
ICMPv6 and IPv6-in-IPv6 packets (Scapy fuzz() and byte mutation), sent at layer 2
from a node on each link. Afterwards ha-router runs, the binding is intact, the
HA still answers and signals, and the counters account for what it dropped. The
capture of what the HA itself sent must pass mip6-pcap-lint.

   hnode eth0 --[home br0]--ha-home  ha-router  ha-fgn--[fgn br0]-- mn fgn0
      (fuzz)                          ha-cn                          (fuzz, binding)
                                        |
                                   cn eth0 (fuzz)

Rules: MH-1..MH-7, HAO-1/2, RH-2, ND-5 (validity), RT-3, REG-4 (a home BCE
survives), architecture rule 3 (every dropped packet counted).
"""
import os
import random
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import (CN, COA, HA, HA_CN, HA_FGN, HA_MAC, HOA, HOME_NODE, check, log,  # noqa: E402
                    run)

PER_PORT = 1000
SEED = int(os.environ.get("E2E_FUZZ_SEED", "6275"))


def packets(src, dst, rnd):
    """PER_PORT malformed packets from src to dst (IPv6 layer and up)."""
    from scapy.all import fuzz, raw
    from scapy.layers.inet6 import (HAO, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrRouting, ICMPv6DestUnreach,
                                    ICMPv6EchoRequest, ICMPv6ND_NA, ICMPv6ND_NS, ICMPv6ND_RA,
                                    ICMPv6ND_RS, ICMPv6NDOptSrcLLAddr, ICMPv6PacketTooBig,
                                    ICMPv6ParamProblem, MIP6MH_BA, MIP6MH_BE, MIP6MH_BRR,
                                    MIP6MH_BU, MIP6MH_Generic, MIP6MH_HoTI, MIP6OptAltCoA)
    fake = "2001:db8:1::300"  # never our MN's HoA: a lucky valid BU cannot move its binding
    makers = [
        lambda: IPv6(src=src, dst=dst) / fuzz(MIP6MH_BU()),
        lambda: IPv6(src=src, dst=dst) / IPv6ExtHdrDestOpt(options=[HAO(hoa=fake)]) /
        fuzz(MIP6MH_BU(options=[MIP6OptAltCoA()])),
        lambda: IPv6(src=src, dst=dst) / fuzz(IPv6ExtHdrDestOpt()) / fuzz(MIP6MH_BU()),
        lambda: IPv6(src=src, dst=dst) / fuzz(MIP6MH_Generic()),
        lambda: IPv6(src=src, dst=dst) / fuzz(MIP6MH_BA()),
        lambda: IPv6(src=src, dst=dst) / fuzz(MIP6MH_BE()),
        lambda: IPv6(src=src, dst=dst) / fuzz(MIP6MH_BRR()),
        lambda: IPv6(src=src, dst=dst) / fuzz(MIP6MH_HoTI()),
        lambda: IPv6(src=src, dst=dst) / fuzz(IPv6ExtHdrRouting(type=2)) / fuzz(MIP6MH_BU()),
        lambda: IPv6(src=src, dst="ff02::1:ff00:100", hlim=255) / fuzz(ICMPv6ND_NS(tgt=HOA)) /
        fuzz(ICMPv6NDOptSrcLLAddr()),
        lambda: IPv6(src=src, dst="ff02::1", hlim=255) / fuzz(ICMPv6ND_NA()),
        lambda: IPv6(src=src, dst=dst, hlim=255) / fuzz(ICMPv6ND_NS()),
        lambda: IPv6(src=src, dst="ff02::2", hlim=255) / fuzz(ICMPv6ND_RS()),
        lambda: IPv6(src="fe80::99", dst="ff02::1", hlim=255) / fuzz(ICMPv6ND_RA()),
        lambda: IPv6(src=src, dst=dst) / fuzz(ICMPv6EchoRequest()),
        lambda: IPv6(src=src, dst=dst) / fuzz(ICMPv6PacketTooBig()) / IPv6(src=HA, dst=COA) /
        fuzz(IPv6(src=CN, dst=HOA)),
        lambda: IPv6(src=src, dst=dst) / fuzz(ICMPv6DestUnreach()) / fuzz(IPv6()),
        lambda: IPv6(src=src, dst=dst) / fuzz(ICMPv6ParamProblem()) / fuzz(IPv6()),
        lambda: IPv6(src=src, dst=dst) / fuzz(IPv6(src=HOA, dst=CN)) / fuzz(ICMPv6EchoRequest()),
        lambda: IPv6(src=src, dst=dst) / fuzz(IPv6()) / fuzz(MIP6MH_BU()),
        lambda: IPv6(src=src, dst=dst) / IPv6(src=fake, dst=dst) / fuzz(IPv6()),
        lambda: fuzz(IPv6(src=src, dst=dst)) / fuzz(ICMPv6EchoRequest()),
    ]
    out = []
    for i in range(PER_PORT):
        for _ in range(10):  # fuzz() may draw a value its own build cannot encode
            try:
                b = bytearray(raw(makers[i % len(makers)]()))
                break
            except (struct.error, ValueError, OverflowError):
                continue
        if i % 3 == 1:  # byte mutation on top: a few random bytes, maybe a truncation
            for _ in range(rnd.randint(1, 4)):
                b[rnd.randrange(len(b))] = rnd.randrange(256)
        if i % 7 == 3 and len(b) > 41:
            b = b[:rnd.randrange(20, len(b))]
        out.append(bytes(b))
    return out


def body(env):
    from scapy.layers.l2 import Ether

    check(env.register(COA, seq=10) == 0, "binding HoA -> CoA before the barrage")
    before = env.binding()
    d0 = sum(env.drop_counts().values())
    rnd = random.Random(SEED)
    random.seed(SEED)  # fuzz() draws from the global generator
    ports = [("home", "hnode", "eth0", HOME_NODE, HA, HA_MAC),
             ("foreign", "mn", "fgn0", COA, HA, env.root_mac("ha-fgn")),
             ("cn", "cn", "eth0", CN, HA_CN, env.root_mac("ha-cn"))]
    t = time.monotonic()
    frames = []
    for name, ns, ifn, src, dst, mac in ports:
        smac = env.ns(ns, "cat", f"/sys/class/net/{ifn}/address").stdout.strip()
        l2 = bytes(Ether(src=smac, dst=mac, type=0x86DD))
        frames.append((env.l2_socket(ns, ifn), [l2 + p for p in packets(src, dst, rnd)], name))
    log(f"built {sum(len(f[1]) for f in frames)} frames in {time.monotonic() - t:.1f} s "
        f"(seed {SEED})")
    fwd0, ps0 = stats_rx(env), env.port_stats()
    sent = 0
    for i in range(PER_PORT):
        for sock, fr, _ in frames:
            sock.send(fr[i])
            sent += 1
        if i % 5 == 4:
            time.sleep(0.01)
    time.sleep(1)
    log(f"sent {sent} frames on 3 ports")
    check(env.alive(), "ha-router survived the barrage")
    after = env.binding()
    check(after is not None and after["care-of-address"] == before["care-of-address"] and
          after["sequence"] == before["sequence"], "the MN's binding is intact (CoA, sequence)")
    check(HOA in env.proxied(), "the HoA is still proxied")
    rx = stats_rx(env) - fwd0
    ps = {k: env.port_stats().get(k, 0) - ps0.get(k, 0) for k in ("ipackets", "imissed", "ierrors")}
    log(f"ports: {ps}")
    d1 = sum(env.drop_counts().values())
    log("ha-ctl show stats:\n" + env.ctl("show", "stats"))
    log("ha-ctl --json show drops: " + str(env.drop_counts()))
    got = ps["ipackets"] + ps["imissed"] + ps["ierrors"]
    check(got >= sent, f"the ports account for every frame sent: {got} >= {sent} "
          "(received + missed + errors; other frames on the links add to it)")
    check(rx >= ps["ipackets"] * 0.95, f"the forwarding plane saw what the ports received "
          f"({rx} of {ps['ipackets']})")
    check(d1 - d0 >= sent * 0.3, f"drops counted by reason: {d1 - d0} more")
    check(env.ping("hnode", HA, count=2)[0] == 2, "the HA still answers on the home link")
    check(env.ping("cn", HA_CN, count=2)[0] == 2, "the HA still answers on the CN link")
    check(env.ping("mn", HA_FGN, count=2)[0] == 2, "the HA still answers on the foreign link")
    check(env.register(COA, seq=11) == 0, "the MN still refreshes its binding (BA 0)")


def stats_rx(env):
    out = env.ctl("show", "stats")
    for line in out.splitlines():
        p = line.split()
        if len(p) == 2 and p[0] == "rx":
            return int(p[1])
    return 0


# Only what the HA sends is captured (and linted): the barrage itself is malformed.
if __name__ == "__main__":
    run("fuzz", body, ha_only=True)
