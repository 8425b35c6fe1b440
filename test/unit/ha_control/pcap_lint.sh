#!/bin/sh
# Run the ha_control test programs with HAC_PCAP set, then check every packet
# the control plane emitted with mip6-pcap-lint (tshark + a byte walker).
# Usage: pcap_lint.sh TOOLS_DIR TEST_EXE...   Exit 77 (skip) without the tool.
tool="$1/mip6-pcap-lint"
shift
if [ ! -f "$tool" ] || ! command -v tshark >/dev/null 2>&1 || [ ! -x /usr/bin/python3 ]; then
	echo "skip: $tool or tshark not available"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for exe in "$@"; do
	HAC_PCAP="$tmp/out.pcap" "$exe" >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
done
exec /usr/bin/python3 "$tool" "$tmp/out.pcap"
