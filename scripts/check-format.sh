#!/usr/bin/env bash
# Fails if clang-format would change any C/C++ source of the project.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=0
while IFS= read -r f; do
	if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
		echo "format: $f needs clang-format" >&2
		bad=1
	fi
done < <(git ls-files '*.c' '*.h' '*.cc' '*.cpp' 2>/dev/null || find include lib cp apps test -name '*.[ch]')
[ "$bad" -eq 0 ] && echo "format: ok"
exit "$bad"
