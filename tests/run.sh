#!/bin/sh
# Runs every test of smp-tools against the binaries in BUILD and ends with
# the line "N passed, N failed".  SMP_WRAP, if set, runs each tool under a
# wrapper (valgrind).  Each part prints PASS/FAIL lines; this counts them.
set -u
BUILD=${1:-build}
case $BUILD in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
TOP=$(pwd)
export TOP BUILD
WORK=$(mktemp -d "${TMPDIR:-/tmp}/smp-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
export WORK
log=$WORK/results

# Each part appends PASS/FAIL lines to the log and shows failures.
part() {
	name=$1
	shift
	"$@" > "$WORK/part.out" 2>&1
	status=$?
	grep -E '^(PASS|FAIL) ' "$WORK/part.out" >> "$log"
	grep -E '^FAIL ' "$WORK/part.out" | sed "s/^/[$name] /"
	if [ $status -ne 0 ] && ! grep -q '^FAIL ' "$WORK/part.out"; then
		echo "FAIL $name: exited $status without a FAIL line" | tee -a "$log"
		tail -n 20 "$WORK/part.out"
	fi
	echo "$name: $(grep -c '^PASS ' "$WORK/part.out") passed, $(grep -c '^FAIL ' "$WORK/part.out") failed"
}

: > "$log"
for t in "$BUILD"/tests/test-*; do
	[ -x "$t" ] || continue
	part "unit $(basename "$t")" ${SMP_UNIT_WRAP:-} "$t"
done
for s in "$TOP"/tests/cli/*.sh; do
	part "cli $(basename "$s" .sh)" sh "$s"
done
passed=$(grep -c '^PASS ' "$log")
failed=$(grep -c '^FAIL ' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
