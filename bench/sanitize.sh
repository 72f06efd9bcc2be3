#!/usr/bin/env bash
# Builds the `asan` preset (AddressSanitizer + UBSan) in build/asan and runs
# the whole test suite under it, printing how long each step took.
# Usage: bench/sanitize.sh [ctest arguments...]   (e.g. -R tst_scanner)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${FACEFOLIO_JOBS:-2}
# Report every UBSan finding with a stack and fail the test on it; ASan's
# leak check stays on. dlib/OpenBLAS allocate per-thread buffers once; those
# are not leaks of Facefolio's making and would hide real findings.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
start=$(date +%s)
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
built=$(date +%s)
status=0
ctest --preset asan --timeout 1800 "$@" || status=$?
done_at=$(date +%s)
echo "asan: build $((built - start)) s, tests $((done_at - built)) s, total $((done_at - start)) s"
exit $status
