#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""ha-router's process life: configuration reload (telemetry 'reload' and SIGHUP)
keeps the bindings; SIGTERM and SIGINT shut it down cleanly (exit status 0).

   mn fgn0 2001:db8:2::100 --[fgn br0]--ha-fgn  ha-router  (home, cn ports idle)

Issue 6: "clean shutdown on SIGINT/SIGTERM ...; configuration reload (SIGHUP and a
command) applied as a diff without dropping bindings".
"""
import ctypes
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import COA, SYS_tgkill, check, log, run, wait_for  # noqa: E402




def body(env):
    check(env.register(COA, seq=10) == 0, "registration accepted")
    out = env.ctl("reload")
    log(f"ha-ctl reload: {out.strip()}")
    b = env.binding()
    check(b is not None and b["care-of-address"] == COA, "ha-ctl reload keeps the binding")

    env.daemon.send_signal(signal.SIGHUP)
    time.sleep(1)
    alive = env.alive()
    env.bug(alive, "SIGHUP reloads the configuration and the daemon keeps running",
            f"status {env.daemon.poll()}: killed by SIGHUP, same cause as below")
    if alive:
        b = env.binding()
        check(b is not None and b["care-of-address"] == COA, "SIGHUP reload keeps the binding")
    else:
        env.start_daemon()

    for sig in (signal.SIGTERM, signal.SIGINT):
        env.daemon.send_signal(sig)
        try:
            rc = env.daemon.wait(15)
        except Exception:  # noqa: BLE001
            env.daemon.kill()
            rc = env.daemon.wait()
        env.bug(rc == 0, f"{sig.name}: ha-router shuts down cleanly, exit status 0 (got {rc})",
                "apps/ha-router/main.c blocks the signals after rte_eal_init, so an EAL thread "
                "that does not block them takes the signal and the process dies")
        env.start_daemon()

    # Diagnosis: the same signal sent to the main thread only (tgkill) reaches the
    # signalfd, and the shutdown path itself works.
    libc = ctypes.CDLL(None, use_errno=True)
    pid = env.daemon.pid
    libc.syscall(SYS_tgkill, pid, pid, int(signal.SIGTERM))
    rc = env.daemon.wait(15)
    check(rc == 0, f"SIGTERM to the main thread (tgkill): clean exit, status {rc}")
    env.start_daemon()
    check(wait_for(lambda: env.alive(), 2), "restarted daemon runs")


run("signals", body, captures=("foreign",))
