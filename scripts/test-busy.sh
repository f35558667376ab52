#!/usr/bin/env bash
# The whole test suite (npm test: unit and e2e) with every core busy, as on a shared or slow
# machine: stress-ng keeps one CPU hog per core running for the whole suite and is stopped at
# the end whatever happens (success, failure, Ctrl-C). A test that fails here and passes on a
# quiet machine waits for a time instead of a condition: fix the test.
#   scripts/test-busy.sh                 the whole suite
#   scripts/test-busy.sh tests/ui        extra arguments go to vitest
set -euo pipefail
cd "$(dirname "$0")/.."
command -v stress-ng >/dev/null 2>&1 || { echo "test-busy: stress-ng is not installed (apt-get install stress-ng)" >&2; exit 2; }
hogs="${BUSY_HOGS:-$(nproc)}"
stress-ng --cpu "$hogs" --quiet &
stress=$!
trap 'kill "$stress" 2>/dev/null || true; wait "$stress" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
echo "test-busy: $hogs CPU hogs running (stress-ng pid $stress)" >&2
started=$SECONDS
npx vitest run "$@"
echo "test-busy: the suite passed with $hogs CPU hogs in $((SECONDS - started)) s" >&2
