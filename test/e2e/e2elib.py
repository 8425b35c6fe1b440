# SPDX-License-Identifier: BSD-3-Clause
"""Shared harness of the end-to-end tests (meson suite 'e2e').

Each test builds the standard topology (scripts/topology.sh) under its own
namespace prefix, runs ha-router in the root namespace on the root-side veth
ends, drives a real kernel mobile node with tools/mn-agent, captures each link
with dumpcap on the namespace side of the link (ha-router's af_packet ports
bypass the qdisc, so a capture on the root-side ends would miss what it sends)
and, when the tool is present, passes every capture through mip6-pcap-lint.
Everything is torn down on exit, on failure and on SIGTERM (meson's timeout).

Exit codes follow meson: 0 pass, 1 fail, 77 skip.
"""
import atexit
import contextlib
import ctypes
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

SRC = os.environ.get("E2E_SOURCE_ROOT") or os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("E2E_BUILD_ROOT") or os.path.join(SRC, "build")
HA_ROUTER = os.environ.get("HA_ROUTER") or os.path.join(BUILD, "apps/ha-router/ha-router")
HA_CTL = os.path.join(SRC, "apps/ha-router/ha-ctl")
MN_AGENT = os.path.join(SRC, "tools/mn-agent")
TOPOLOGY = os.path.join(SRC, "scripts/topology.sh")
LINT = os.environ.get("MIP6_PCAP_LINT") or os.path.join(SRC, "..", "shared", "tools",
                                                        "mip6-pcap-lint")
PY = "/usr/bin/python3"

HA = "2001:db8:1::1"
HA_MAC = "02:00:00:00:01:01"
HA_FGN = "2001:db8:2::1"
HA_CN = "2001:db8:3::1"
HOME_NODE = "2001:db8:1::20"
HOA = "2001:db8:1::100"
COA = "2001:db8:2::100"
COA2 = "2001:db8:2::200"
COA3 = "2001:db8:2::300"
CN = "2001:db8:3::10"

# Where each link is captured: (namespace suffix, interface).
LINKS = {"home": ("home", "p-ha"), "foreign": ("fgn", "p-ha"), "cn": ("cn", "eth0")}

T0 = time.monotonic()


def log(msg):
    print(f"[{time.monotonic() - T0:6.2f}] {msg}", flush=True)


class Fail(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Fail(msg)
    log(f"ok: {msg}")


def skip(msg):
    print(f"SKIP: {msg}", flush=True)
    sys.exit(77)


def wait_for(fn, timeout, step=0.1):
    """Poll fn until it returns a true value or timeout seconds pass."""
    end = time.monotonic() + timeout
    while True:
        v = fn()
        if v or time.monotonic() >= end:
            return v
        time.sleep(step)


# ------------------------------------------------------------------ netns
_libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNET = 0x40000000
SYS_tgkill = 234  # x86_64


@contextlib.contextmanager
def in_netns(name):
    """Run the calling thread in namespace NAME; sockets made inside stay there."""
    home = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    target = os.open(f"/run/netns/{name}", os.O_RDONLY)
    try:
        if _libc.setns(target, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), f"setns {name}")
        yield
    finally:
        _libc.setns(home, CLONE_NEWNET)
        os.close(home)
        os.close(target)


class Capture:
    """dumpcap on one link, from inside the link's namespace."""

    def __init__(self, env, link, bpf=None):
        ns, ifn = LINKS[link]
        self.path = os.path.join(env.work, f"{link}-{len(env.captures)}.pcapng")
        self.link = link
        cmd = ["ip", "netns", "exec", env.p + ns, "dumpcap", "-q", "-i", ifn, "-w", self.path]
        if bpf:
            cmd += ["-f", bpf]
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        self.err = open(self.path + ".log", "w")
        self.proc = subprocess.Popen(cmd, stdout=self.err, stderr=self.err)
        env.captures.append(self)

    def ready(self):
        return os.path.exists(self.path) and os.path.getsize(self.path) > 0

    def stop(self):
        if self.proc.poll() is None:
            time.sleep(0.5)  # let dumpcap drain its buffer before it stops
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.err.close()

    def packets(self):
        """The capture so far, read with Scapy (stops dumpcap first)."""
        from scapy.utils import rdpcap
        self.stop()
        return list(rdpcap(self.path)) if self.ready() else []


class Env:
    """Topology + ha-router for one test; use as a context manager."""

    def __init__(self, name, config=None, captures=("home", "foreign", "cn"), lint=True,
                 ha_only=False):
        self.name = name
        self.p = f"e2e-{name}-"[:12]
        self.dpdk_prefix = f"e2e-{name}"
        self.config = config
        self.want_captures = captures
        self.ha_only = ha_only  # capture only the frames ha-router sends
        self.lint = lint
        self.work = os.path.join(os.environ.get("E2E_WORKDIR") or
                                 "/tmp/mip6-e2e", name)
        self.captures, self.procs, self.daemon = [], [], None
        self.bugs = []
        self._down = False

    # -- set up and tear down
    def __enter__(self):
        if os.geteuid() != 0:
            skip("needs root (network namespaces)")
        for tool in ("ip", "dumpcap", "ethtool"):
            if shutil.which(tool) is None:
                skip(f"{tool} not installed")
        if not os.access(HA_ROUTER, os.X_OK):
            skip(f"{HA_ROUTER} not built")
        try:
            import scapy  # noqa: F401
        except ImportError:
            skip("python3-scapy missing (run with /usr/bin/python3)")
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        atexit.register(self.down)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit("e2e: terminated (timeout?)"))
        signal.signal(signal.SIGINT, lambda *_: sys.exit("e2e: interrupted"))
        log(f"topology up (prefix {self.p}), work dir {self.work}")
        r = subprocess.run([TOPOLOGY, "up", self.p], capture_output=True, text=True)
        if r.returncode != 0:
            raise Fail(f"topology.sh up failed: {r.stderr}")
        if self.config is not None:
            path = os.path.join(self.work, "config.json")
            with open(path, "w") as f:
                json.dump(self.config, f, indent=2)
            self.config = path
        ha_macs = {"home": HA_MAC, "foreign": self.root_mac("ha-fgn"),
                   "cn": self.root_mac("ha-cn")}
        for link in self.want_captures:
            # ha_only: what the HA sends, less its ICMPv6 errors (types < 128), which
            # must quote the malformed packets that provoked them (RFC 4443 §2.4) and
            # would make the linter judge the barrage rather than the home agent.
            Capture(self, link, f"ether src {ha_macs[link]} and not (ip6 and ip6[6] == 58 and "
                    "ip6[40] < 128)" if self.ha_only else None)
        self.start_daemon()
        if not wait_for(lambda: all(c.ready() for c in self.captures), 5):
            raise Fail("dumpcap did not start")
        return self

    def start_daemon(self):
        args = [HA_ROUTER, "--no-huge", "--no-pci", "--file-prefix", self.dpdk_prefix,
                "-m", "512", "-l", "0-1", "--log-level=lib.eal:error", "--"]
        if self.config:
            args += ["--config", self.config]
        self.daemon_log = os.path.join(self.work, "ha-router.log")
        out = open(self.daemon_log, "w")
        self.daemon = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
        out.close()
        if not wait_for(lambda: "ha-router: running" in self.read(self.daemon_log) or
                        self.daemon.poll() is not None, 20):
            raise Fail("ha-router did not start:\n" + self.read(self.daemon_log))
        if self.daemon.poll() is not None:
            raise Fail("ha-router exited at start:\n" + self.read(self.daemon_log))
        log(f"ha-router running (pid {self.daemon.pid}, --file-prefix {self.dpdk_prefix})")

    def stop_daemon(self):
        """SIGTERM must shut the daemon down cleanly; returns its exit status."""
        if self.daemon is None:
            return 0
        d, self.daemon = self.daemon, None
        if d.poll() is not None:
            return d.returncode if d.returncode else -999
        # SIGTERM to the main thread (tgkill), where the daemon's signalfd reads it:
        # a process-wide SIGTERM is taken by an EAL thread that does not block it and
        # kills the process (product bug, see test_daemon_signals).
        _libc.syscall(SYS_tgkill, d.pid, d.pid, int(signal.SIGTERM))
        try:
            return d.wait(15)
        except subprocess.TimeoutExpired:
            d.kill()
            d.wait()
            return -998

    def __exit__(self, et, ev, tb):
        alive = self.alive()
        rc_daemon = self.stop_daemon()
        self.down()
        if et is None and not alive:
            raise Fail(f"ha-router died during the test; log {self.daemon_log}")
        if et is None and rc_daemon != 0:
            raise Fail(f"ha-router exited with status {rc_daemon} on SIGTERM; "
                       f"log {self.daemon_log}")
        if et is None and self.lint:
            self.lint_captures()
        return False

    def down(self):
        if self._down:
            return
        self._down = True
        for p in self.procs:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(3)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        for c in self.captures:
            c.stop()
        if self.daemon is not None:
            self.stop_daemon()
        subprocess.run([TOPOLOGY, "down", self.p], capture_output=True)
        shutil.rmtree(f"/var/run/dpdk/{self.dpdk_prefix}", ignore_errors=True)

    def lint_captures(self):
        files = [c.path for c in self.captures if c.ready()]
        if not os.path.exists(LINT):
            log(f"mip6-pcap-lint not found at {LINT}: captures not linted")
            return
        if not files or shutil.which("tshark") is None:
            log("no capture or no tshark: nothing linted")
            return
        r = subprocess.run([PY, LINT, *files], capture_output=True, text=True)
        print(r.stdout, end="")
        if r.returncode != 0:
            raise Fail(f"mip6-pcap-lint failed on {files}: {r.stderr}")
        log(f"ok: mip6-pcap-lint passes on {len(files)} captures")

    @staticmethod
    def read(path):
        try:
            with open(path) as f:
                return f.read()
        except OSError:
            return ""

    def bug(self, cond, msg, why=""):
        """A check that a product bug makes fail: recorded, the test goes on, and
        ends as skipped with a BUG: note (never as passed). why: the diagnosis."""
        if cond:
            log(f"ok: {msg}")
        else:
            note = f"{msg} ({why})" if why else msg
            log(f"BUG: {note}")
            self.bugs.append(note)

    def alive(self):
        return self.daemon is not None and self.daemon.poll() is None

    # -- namespaces
    def ns(self, which, *cmd, check=False, timeout=30):
        r = subprocess.run(["ip", "netns", "exec", self.p + which, *cmd], capture_output=True,
                           text=True, timeout=timeout)
        if check and r.returncode != 0:
            raise Fail(f"{which}: {' '.join(cmd)} failed: {r.stdout}{r.stderr}")
        return r

    def spawn(self, which, *cmd, logname):
        """A background process in a namespace; output in WORK/logname."""
        path = os.path.join(self.work, logname)
        out = open(path, "w")
        p = subprocess.Popen(["ip", "netns", "exec", self.p + which, *cmd], stdout=out,
                             stderr=subprocess.STDOUT)
        out.close()
        p.logpath = path
        self.procs.append(p)
        return p

    def netns(self, which):
        return in_netns(self.p + which)

    def ping(self, which, dst, count=3, interval=0.2, wait=1):
        r = self.ns(which, "ping", "-n", "-c", str(count), "-i", str(interval), "-W", str(wait),
                    dst, timeout=count * (interval + wait) + 5)
        m = re.search(r"(\d+) received", r.stdout)
        return int(m.group(1)) if m else 0, r.stdout

    def resolve(self, which, target, ifname="eth0"):
        """The link-layer address a node's kernel resolves target to (ND), or None."""
        self.ns(which, "ip", "-6", "neigh", "flush", "dev", ifname)
        self.ns(which, "ping", "-n", "-c", "1", "-W", "1", target, timeout=5)
        out = self.ns(which, "ip", "-6", "neigh", "show", target, "dev", ifname).stdout
        m = re.search(r"lladdr (\S+) (?!.*FAILED)", out)
        return m.group(1).lower() if m and "FAILED" not in out else None

    # -- ha-ctl
    def ctl(self, *words, as_json=False):
        args = [PY, HA_CTL, "--prefix", self.dpdk_prefix] + (["--json"] if as_json else [])
        r = subprocess.run(args + list(words), capture_output=True, text=True, timeout=15)
        if as_json:
            if r.returncode != 0:
                raise Fail(f"ha-ctl {' '.join(words)}: {r.stderr}")
            return json.loads(r.stdout)
        return r.stdout + r.stderr

    def telemetry(self, cmd):
        """One raw DPDK telemetry command (e.g. /ethdev/stats,0) to the daemon."""
        s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        s.connect(f"/var/run/dpdk/{self.dpdk_prefix}/dpdk_telemetry.v2")
        info = json.loads(s.recv(1024).decode())
        s.send(cmd.encode())
        reply = json.loads(s.recv(info.get("max_output_len", 16384)).decode())
        s.close()
        return reply.get(cmd.split(",")[0])

    def port_stats(self):
        """ethdev counters summed over the daemon's ports."""
        tot = {}
        for port in self.telemetry("/ethdev/list") or []:
            for k, v in (self.telemetry(f"/ethdev/stats,{port}") or {}).items():
                if isinstance(v, int):
                    tot[k] = tot.get(k, 0) + v
        return tot

    def bindings(self):
        return self.ctl("show", "bindings", as_json=True)["ha-router:bindings"].get("binding", [])

    def binding(self, hoa=HOA):
        """The live binding for hoa (a de-registered entry in its grace period is not one)."""
        for b in self.bindings():
            if b["home-address"] == hoa and int(b.get("lifetime", 0)) > 0:
                return b
        return None

    def proxied(self):
        d = self.ctl("show", "proxy-nd", as_json=True)["ha-router:proxy-nd"]
        return {e["address"]: e.get("state") for e in d.get("entry", [])}

    def drop_counts(self):
        """Drop counters by reason (ha-ctl --json show drops)."""
        d = self.ctl("show", "drops", as_json=True).get("ha-router:drops", {})
        return {e["reason"]: int(e["count"]) for e in d.get("drop", [])}

    def drop_counts_text(self):
        """Drop counters by reason as the operator sees them (ha-ctl show drops)."""
        res = {}
        for line in self.ctl("show", "drops").splitlines()[1:]:
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                res[parts[0]] = int(parts[1])
        return res

    # -- the mobile node
    def mn(self, *args, timeout=30):
        r = self.ns("mn", PY, MN_AGENT, *args, timeout=timeout)
        out = r.stdout + r.stderr
        m = re.search(r"BA status (\d+)", out)
        log(f"mn-agent {' '.join(args)} -> rc {r.returncode}: {out.strip()}")
        return r.returncode, (int(m.group(1)) if m else None), out

    def register(self, coa=COA, seq=10, lifetime=3600, hoa=HOA, iface="fgn0"):
        return self.mn("register", "--hoa", hoa, "--coa", coa, "--ha", HA, "--iface", iface,
                       "--seq", str(seq), "--lifetime", str(lifetime))[1]

    def tunnel(self, coa=COA):
        self.ctl_file = os.path.join(self.work, "mn-agent.json")
        p = self.spawn("mn", PY, MN_AGENT, "tunnel", "--hoa", HOA, "--coa", coa, "--ha", HA,
                       "--ctl", self.ctl_file, logname="mn-agent-tunnel.log")
        if not wait_for(lambda: "mn-agent: tunnel" in self.read(p.logpath) or
                        p.poll() is not None, 10) or p.poll() is not None:
            raise Fail("mn-agent tunnel did not start: " + self.read(p.logpath))
        self.tunnel_proc = p
        return p

    def move(self, coa, seq, lifetime=3600, keep_old=None):
        """L3 handover: the new CoA on fgn0, BU, the tunnel follows; old CoA removed."""
        self.ns("mn", "ip", "-6", "addr", "add", f"{coa}/64", "dev", "fgn0", "nodad", check=True)
        rc, status, _ = self.mn("move", "--coa", coa, "--seq", str(seq), "--lifetime",
                                str(lifetime), "--ctl", self.ctl_file, "--iface", "fgn0")
        if keep_old is not None:
            self.ns("mn", "ip", "-6", "addr", "del", f"{keep_old}/64", "dev", "fgn0")
        return rc, status

    def stop_tunnel(self):
        p = self.tunnel_proc
        p.terminate()
        p.wait(5)
        return self.read(p.logpath)

    def go_home(self, dad=False):
        """The MN returns to the home link: foreign interface down, HoA on home0."""
        self.ns("mn", "ip", "link", "set", "fgn0", "down", check=True)
        self.ns("mn", "ip", "link", "set", "home0", "up", check=True)
        extra = [] if dad else ["nodad"]
        if dad:
            self.ns("mn", "sysctl", "-qw", "net.ipv6.conf.home0.accept_dad=1",
                    "net.ipv6.conf.home0.dad_transmits=1", check=True)
        self.ns("mn", "ip", "-6", "addr", "add", f"{HOA}/64", "dev", "home0", *extra, check=True)
        self.ns("mn", "ip", "-6", "route", "replace", "default", "via", HA, "dev", "home0",
                check=True)

    # -- raw packets from a namespace
    def l2_socket(self, which, ifname):
        with self.netns(which):
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
            s.bind((ifname, 0))
        return s

    def l3_socket(self, which):
        """A raw IPv6 socket with header included: the kernel routes and resolves."""
        with self.netns(which):
            s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
        return s

    @staticmethod
    def root_mac(ifname):
        with open(f"/sys/class/net/{ifname}/address") as f:
            return f.read().strip()


def run(name, body, **kw):
    """Run body(env) in an Env; map the outcome to meson's exit codes."""
    try:
        with Env(name, **kw) as env:
            body(env)
        if env.bugs:
            raise Bug("; ".join(env.bugs))
    except Fail as e:
        print(f"FAIL: {e}", flush=True)
        sys.exit(1)
    except Bug as e:
        print(f"BUG: {e}\nSKIP: known product bug, test kept per the RFC", flush=True)
        sys.exit(77)
    log("PASS")
    sys.exit(0)


class Bug(Exception):
    """A product bug: the test is right (RFC behaviour); reported and skipped."""
