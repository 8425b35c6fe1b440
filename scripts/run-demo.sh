#!/usr/bin/env bash
# The README's main job: installs what is needed, builds, and runs the
# demonstration home agent on the standard topology's home link.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
exec build/apps/ha-router/ha-router --no-huge --no-pci --file-prefix "ha-demo-$$" -l 0 -m 256 \
	--log-level='*:warning' -- --demo
