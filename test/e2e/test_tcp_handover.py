#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""A real kernel TCP connection survives two handovers: the CN streams to a server
bound on the HoA in the mobile node's namespace (whose HoA traffic mn-agent
tunnels), while the MN moves 2001:db8:2::100 -> ::200 -> ::300; no reset, no stall
longer than a few seconds, every byte delivered.

   mn: tcp_peer server [HoA]:5001 on mip0 (TUN, mn-agent) over fgn0 (CoA changes twice)
        |
   [fgn br0]--ha-fgn  ha-router  ha-cn-- cn: tcp_peer client -> [HoA]:5001

Rules: REG-6, TUN-1, RT-3 (issue 6: "A real kernel TCP connection survives handovers").
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import COA, COA2, COA3, HOA, PY, check, log, run, wait_for  # noqa: E402

PEER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tcp_peer.py")
MAX_STALL = 3.0


def body(env):
    check(env.register(COA, seq=10) == 0, "registered from 2001:db8:2::100")
    env.tunnel(COA)
    srv = env.spawn("mn", PY, PEER, "server", HOA, "5001", logname="tcp-server.log")
    check(wait_for(lambda: "listening" in env.read(srv.logpath), 5), "server listening on the HoA")
    cli = env.spawn("cn", PY, PEER, "client", HOA, "5001", "9", logname="tcp-client.log")
    time.sleep(2.5)
    rc, st = env.move(COA2, seq=11, keep_old=COA)
    check(rc == 0 and st == 0, "handover 1: 2001:db8:2::100 -> ::200 registered")
    time.sleep(2.5)
    rc, st = env.move(COA3, seq=12, keep_old=COA2)
    check(rc == 0 and st == 0, "handover 2: 2001:db8:2::200 -> ::300 registered")
    check(wait_for(lambda: cli.poll() is not None and srv.poll() is not None, 25),
          "stream finished")
    c = json.loads(env.read(cli.logpath).strip().splitlines()[-1])
    s = json.loads(env.read(srv.logpath).strip().splitlines()[-1])
    log(f"client {c}, server {s}")
    check(c["error"] is None and s["error"] is None, "no reset, no socket error on either end")
    check(c["bytes"] > 500_000 and s["bytes"] == c["bytes"] == c["echo"],
          f"every byte delivered ({c['bytes']} sent, {s['bytes']} received, echoed)")
    check(s["max_gap"] < MAX_STALL, f"longest stall {s['max_gap']} s < {MAX_STALL} s")
    b = env.binding()
    check(b["care-of-address"] == COA3 and int(b["sequence"]) == 12, "binding at ::300, seq 12")
    log("mn-agent: " + env.stop_tunnel().strip().splitlines()[-1])


run("tcp", body, captures=("foreign",))
