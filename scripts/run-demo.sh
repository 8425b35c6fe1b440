#!/usr/bin/env bash
# The README's main job: installs what is needed, builds, and runs the
# demonstration home agent on the standard topology (scripts/topology.sh):
# a mobile node registers from the foreign link, a correspondent's traffic
# follows it through the tunnel and back, it moves to a new care-of address,
# returns home and de-registers. ha-ctl shows the home agent's state at each
# step. Everything is cleaned up on exit; exit status 0 only if every step
# worked. See doc/demo.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || exec sudo "$0" "$@" # namespaces and veths need root
scripts/setup.sh build

P=demo-                      # namespace prefix
FP="ha-demo-$$"              # DPDK --file-prefix of this ha-router
HOA=2001:db8:1::100 HA=2001:db8:1::1 CN=2001:db8:3::10
COA1=2001:db8:2::100 COA2=2001:db8:2::200
LOG=$(mktemp -d /tmp/ha-demo.XXXXXX)
CTLF="$LOG/mn-agent.json"
PY=/usr/bin/python3
HAR_PID="" TUN_PID=""

cleanup() {
	local rc=$?
	trap - EXIT
	[ -n "$TUN_PID" ] && kill "$TUN_PID" 2>/dev/null && wait "$TUN_PID" 2>/dev/null
	if [ -n "$HAR_PID" ] && kill -0 "$HAR_PID" 2>/dev/null; then
		kill -TERM "$HAR_PID" 2>/dev/null
		wait "$HAR_PID" 2>/dev/null
	fi
	scripts/topology.sh down "$P"
	rm -rf "/var/run/dpdk/$FP"
	if [ "$rc" -eq 0 ]; then
		printf '\n=== demo finished: every step worked (logs in %s)\n' "$LOG"
	else
		printf '\n=== demo FAILED (exit %s); logs in %s\n' "$rc" "$LOG" >&2
		tail -n 20 "$LOG/ha-router.log" >&2 2>/dev/null || true
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n=== %s\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }
ctl() { show "$PY" apps/ha-router/ha-ctl --prefix "$FP" "$@"; }
mn() { show ip netns exec "${P}mn" "$PY" tools/mn-agent "$@"; }
in_ns() { local ns=$1; shift; show ip netns exec "$P$ns" "$@"; }
wait_for() { # wait_for SECONDS COMMAND...: poll until COMMAND succeeds
	local end=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.2
	done
}

step "1. The standard topology in network namespaces (prefix $P)"
sed -n '/^#  *root namespace/,/^#  *(CoA 2001/p' scripts/topology.sh | sed 's/^#//'
scripts/topology.sh up "$P"

step "2. ha-router on the embedded default configuration (examples/default.json)"
build/apps/ha-router/ha-router --no-huge --no-pci --file-prefix "$FP" -m 512 -l 0-1 \
	--log-level=lib.eal:error -- >"$LOG/ha-router.log" 2>&1 &
HAR_PID=$!
wait_for 20 grep -q "ha-router: running" "$LOG/ha-router.log"
cat "$LOG/ha-router.log"
ctl show home-agents

step "3. The mobile node, away on the foreign link (CoA $COA1), registers its HoA $HOA"
mn register --hoa "$HOA" --coa "$COA1" --ha "$HA" --iface fgn0 --seq 10 --lifetime 3600
ctl show bindings
ctl show proxy-nd

step "4. The correspondent pings the HoA: the HA intercepts and tunnels to the CoA; the MN's replies come back through the reverse tunnel"
ip netns exec "${P}mn" "$PY" tools/mn-agent tunnel --hoa "$HOA" --coa "$COA1" --ha "$HA" \
	--ctl "$CTLF" >"$LOG/mn-agent.log" 2>&1 &
TUN_PID=$!
wait_for 10 grep -q "mn-agent: tunnel" "$LOG/mn-agent.log"
cat "$LOG/mn-agent.log"
in_ns cn ping -n -c 3 -i 0.2 "$CN" >/dev/null # warm the CN's own neighbour cache
in_ns cn ping -n -c 3 -i 0.2 -W 2 "$HOA"
in_ns hnode ping -n -c 2 -i 0.2 -W 2 "$HOA"
ctl show stats

step "5. The MN moves to a new care-of address $COA2 and re-registers: traffic follows"
in_ns mn ip -6 addr add "$COA2/64" dev fgn0 nodad
mn move --coa "$COA2" --seq 11 --ctl "$CTLF" --iface fgn0
in_ns mn ip -6 addr del "$COA1/64" dev fgn0
in_ns cn ping -n -c 3 -i 0.2 -W 2 "$HOA"
ctl show bindings

step "6. The MN returns home and de-registers from the home link (source HoA, lifetime 0)"
kill "$TUN_PID" && wait "$TUN_PID" || true
TUN_PID=""
tail -n 1 "$LOG/mn-agent.log"
in_ns mn ip link set fgn0 down
in_ns mn ip link set home0 up
in_ns mn ip -6 addr add "$HOA/64" dev home0 nodad
in_ns mn ip -6 route replace default via "$HA" dev home0
mn deregister --at-home --hoa "$HOA" --ha "$HA" --iface home0 --seq 12
ctl show proxy-nd
in_ns cn ping -n -c 3 -i 0.2 -W 2 "$HOA"
echo "(the HA keeps a de-registered entry 10 s, RFC 6275 10.3.2, so a late BU gets status 135)"
ctl show bindings
wait_for 15 sh -c "[ \"\$($PY apps/ha-router/ha-ctl --prefix $FP show bindings)\" = '(none)' ]"
ctl show bindings

step "7. Stop ha-router"
# SIGTERM to the daemon's main thread, whose signalfd reads it (a process-wide
# SIGTERM is currently taken by an EAL thread: see doc/demo.md, known issues).
"$PY" -c "import ctypes,signal,sys; p=int(sys.argv[1]); ctypes.CDLL(None).syscall(234,p,p,int(signal.SIGTERM))" "$HAR_PID"
wait "$HAR_PID" && echo "ha-router: exit status 0"
HAR_PID=""
