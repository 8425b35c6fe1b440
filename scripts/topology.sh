#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# scripts/topology.sh up|down|status [PREFIX]
#
# The standard test topology of ARCHITECTURE.md in network namespaces. ha-router
# runs in the ROOT namespace on the three root-side veth ends (net_af_packet ports
# of examples/default.json); everything else lives in namespaces named PREFIX*
# (default PREFIX "mip6-").
#
#                                        root namespace
#                               +--------------------------------+
#                               |       ha-router (DPDK)         |
#                               |  ha-home     ha-fgn     ha-cn  |
#                               +----|-----------|----------|----+
#                HA 2001:db8:1::1    |   2001:db8:2::1      |  2001:db8:3::1
#                fe80::1             |           |          |
#   PREFIX home (bridge br0) -------+--.         |          |
#   | p-ha  p-hn  p-mn |               |         |          |
#   +-------|-----|----+               |         |          |
#           |     |     PREFIX fgn (bridge br0)--+          |
#           |     |     | p-ha  p-mn |                      |
#           |     |     +-------|----+                      |
#           |     |             |                           |
#   PREFIX hnode  |             |                   PREFIX cn
#   eth0 2001:db8:1::20         |                   eth0 2001:db8:3::10
#                 |             |
#               home0         fgn0    PREFIX mn: the mobile node
#               (HoA 2001:db8:1::100, down while away)
#                             (CoA 2001:db8:2::100)
#
# Home link 2001:db8:1::/64, foreign link 2001:db8:2::/64, correspondent link
# 2001:db8:3::/64. The root-side ends have IPv6 disabled (only ha-router talks
# on them); the namespace ends have TX checksum offload off, so TCP from real
# kernel sockets carries full checksums across the home agent.
#
# up is idempotent (it tears down whatever half-built state exists first);
# down always removes everything, ignoring what is already gone, and first ends
# the processes still running inside the namespaces.
set -uo pipefail

P=${2:-mip6-}
NS_ALL="${P}home ${P}fgn ${P}hnode ${P}cn ${P}mn"
ROOT_IFS="ha-home ha-fgn ha-cn"

HA_HOME=2001:db8:1::1
HOME_NODE=2001:db8:1::20
HOA=2001:db8:1::100
FGN_RTR=2001:db8:2::1
COA=2001:db8:2::100
CN_RTR=2001:db8:3::1
CN=2001:db8:3::10

q() { "$@" >/dev/null 2>&1; }
nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

down() {
	local ns pid
	for ns in $NS_ALL; do
		[ -e "/run/netns/$ns" ] || continue
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			q kill -TERM "$pid"
		done
	done
	for ns in $NS_ALL; do
		[ -e "/run/netns/$ns" ] || continue
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			q kill -KILL "$pid"
		done
		q ip netns del "$ns"
	done
	for i in $ROOT_IFS; do
		q ip link del "$i"
	done
	return 0
}

# A namespace with lo up, no RA/DAD noise. $2 = 1 makes it a pure L2 box.
mkns() {
	ip netns add "$1" || return 1
	nsx "$1" ip link set lo up
	nsx "$1" sysctl -qw net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 \
		net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
		net.ipv6.conf.default.dad_transmits=0
	if [ "${2:-0}" = 1 ]; then
		nsx "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	fi
}

# A bridge namespace (pure L2): br0 with no multicast snooping (ha-router sends
# no MLD reports; solicited-node multicast must be flooded), no STP delay, and no
# br_netfilter (it would validate IPv6 headers and silently eat malformed frames
# that tests send to the home agent on purpose).
mkbridge() {
	mkns "$1" 1 || return 1
	q nsx "$1" sysctl -qw net.bridge.bridge-nf-call-ip6tables=0 \
		net.bridge.bridge-nf-call-iptables=0 net.bridge.bridge-nf-call-arptables=0
	nsx "$1" ip link add br0 type bridge stp_state 0 forward_delay 0 mcast_snooping 0 &&
		nsx "$1" ip link set br0 up
}

# A veth from the root namespace (IPv6 off) into namespace $2 as $3.
root_veth() {
	ip link add "$1" type veth peer name "$3" netns "$2" &&
		sysctl -qw "net.ipv6.conf.$1.disable_ipv6=1" &&
		ip link set "$1" up
}

host_if() {
	local ns=$1 ifn=$2 addr=$3
	q nsx "$ns" ethtool -K "$ifn" tx off
	nsx "$ns" ip link set "$ifn" up && nsx "$ns" ip -6 addr add "$addr" dev "$ifn" nodad
}

up() {
	down
	local H=${P}home F=${P}fgn
	mkbridge "$H" && mkbridge "$F" || return 1
	mkns "${P}hnode" && mkns "${P}cn" && mkns "${P}mn" || return 1
	ip -n "${P}hnode" link add eth0 type veth peer name p-hn netns "$H" &&
		ip -n "${P}mn" link add home0 type veth peer name p-mn netns "$H" &&
		ip -n "${P}mn" link add fgn0 type veth peer name p-mn netns "$F" || return 1
	root_veth ha-home "$H" p-ha && root_veth ha-fgn "$F" p-ha || return 1
	root_veth ha-cn "${P}cn" eth0 || return 1
	for port in p-ha p-hn p-mn; do
		nsx "$H" ip link set "$port" master br0 up || return 1
	done
	for port in p-ha p-mn; do
		nsx "$F" ip link set "$port" master br0 up || return 1
	done

	host_if "${P}hnode" eth0 "$HOME_NODE/64" &&
		nsx "${P}hnode" ip -6 route add default via "$HA_HOME" || return 1
	host_if "${P}cn" eth0 "$CN/64" &&
		nsx "${P}cn" ip -6 route add default via "$CN_RTR" || return 1
	# The mobile node starts away from home: home0 down, CoA on fgn0.
	q nsx "${P}mn" ethtool -K home0 tx off
	host_if "${P}mn" fgn0 "$COA/64" &&
		nsx "${P}mn" ip -6 route add default via "$FGN_RTR" dev fgn0 || return 1
	return 0
}

status() {
	local ns
	for ns in $NS_ALL; do
		echo "== $ns"
		[ -e "/run/netns/$ns" ] && nsx "$ns" ip -br addr
	done
	for i in $ROOT_IFS; do ip -br link show "$i" 2>/dev/null; done
}

case "${1:-}" in
up)
	if ! up; then
		echo "topology.sh: up failed, cleaning up" >&2
		down
		exit 1
	fi
	;;
down) down ;;
status) status ;;
*)
	echo "usage: $0 up|down|status [PREFIX]" >&2
	exit 2
	;;
esac
