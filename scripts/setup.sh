#!/usr/bin/env bash
# Installs every Debian 12 package the home agent needs (idempotent,
# non-interactive, one `apt-get update` at most) and builds it into build/.
# Usage: scripts/setup.sh [BUILD_DIR] [extra meson setup args...]
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(
	build-essential g++ meson ninja-build pkg-config
	libdpdk-dev dpdk librte-crypto-ipsec-mb23 libpcap-dev libipsec-mb-dev libyang2-dev libyang2-tools libcmocka-dev
	python3 python3-scapy python3-cryptography tshark iproute2 ethtool ndisc6 iputils-ping
	clang-format libclang-rt-14-dev
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
	echo "setup: installing ${missing[*]}"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -q
	$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

BUILD="${1:-build}"
shift || true
if [ ! -f "$BUILD/build.ninja" ]; then
	meson setup "$BUILD" "$@"
fi
ninja -C "$BUILD"
