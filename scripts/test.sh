#!/usr/bin/env bash
# The test command of the README: from a fresh clone on Debian 12, installs
# what is needed, builds, checks formatting, runs the test suites, then runs
# the unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh build
scripts/check-format.sh

meson test -C build --print-errorlogs --num-processes 2

# Sanitizer pass over the unit suite.
scripts/setup.sh build-asan -Db_sanitize=address,undefined -Db_lundef=false \
	-Dbuildtype=debug
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	meson test -C build-asan --suite unit --print-errorlogs --num-processes 2
