#!/bin/sh
# plan-bench.sh [BUILD]: smp-plan planning one new client against a folder
# of 1,000 and of 10,000 other client files, against the floor: libyaml
# merely parsing the same files (tests/bench/floor).  Target: smp-plan
# takes at most 1.5 times the floor.  Files come from
# tests/bench/gen-clients (the smp-remind bench's generator), moved into
# one folder, since smp-plan reads the client file's folder and not its
# subfolders.  Each figure is the best of RUNS runs (default 7), so a busy
# machine disturbs it least.  Prints "PASS bench ..." or "FAIL bench ...".
set -u
TOP=${TOP:-$(pwd)}
BUILD=${1:-${BUILD:-$TOP/build}}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
RUNS=${RUNS:-7}
SIZES=${SIZES:-1000 10000}
LIMIT=${LIMIT:-1.5}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/smp-plan-bench.XXXXXX")}
B=$WORK/plan-bench
PLAN=$BUILD/smp-plan
FLOOR=$BUILD/tests/floor
CLINIC=$TOP/share/examples/clinic.yaml

fail() { echo "FAIL bench $*"; }
if ! [ -x "$PLAN" ]; then
	fail "setup: no $PLAN (run make)"
	exit 1
fi
mkdir -p "$B"
if ! [ -x "$FLOOR" ]; then
	FLOOR=$B/floor
	# shellcheck disable=SC2046
	cc -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -O2 -o "$FLOOR" \
	    "$TOP/tests/bench/floor.c" $(pkg-config --cflags --libs yaml-0.1) ||
	    { fail "setup: cannot build the floor"; exit 1; }
fi

now_ns() { date +%s%N; }

# best CMD...: the fastest of RUNS runs, in microseconds.
best() {
	min=
	i=0
	while [ $i -lt "$RUNS" ]; do
		t0=$(now_ns)
		"$@" > /dev/null 2>&1 || { echo "FAILED"; return; }
		t=$((($(now_ns) - t0) / 1000))
		if [ -z "$min" ] || [ "$t" -lt "$min" ]; then min=$t; fi
		i=$((i + 1))
	done
	echo "$min"
}

# A client who only had a consultation, to be planned from scratch.
sed 's/^id: c-0107$/id: bench-new/' "$TOP/share/examples/clients/c-0107.yaml" \
    > "$B/new.yaml"

status=0
for n in $SIZES; do
	dir=$B/flat-$n
	if ! [ -d "$dir" ]; then
		rm -rf "$B/gen-$n"
		GEN_TODAY=2026-11-22 /usr/bin/python3 "$TOP/tests/bench/gen-clients" \
		    "$n" "$B/gen-$n" 42 || { fail "setup: gen-clients $n"; exit 1; }
		mkdir -p "$dir"
		find "$B/gen-$n" -name '*.yaml' -exec mv -t "$dir" {} +
		rm -rf "$B/gen-$n"
	fi
	floor=$(best "$FLOOR" "$dir")
	plan=$(best "$PLAN" --clinic "$CLINIC" --today 2026-11-22 --dir "$dir" \
	    "$B/new.yaml")
	if [ "$floor" = FAILED ] || [ "$plan" = FAILED ]; then
		fail "$n clients: a run failed"
		status=1
		continue
	fi
	ratio=$(awk -v p="$plan" -v f="$floor" 'BEGIN { printf "%.2f", p / f }')
	line="smp-plan, $n clients: $((plan / 1000)) ms, floor $((floor / 1000)) ms, ${ratio}x (target <= ${LIMIT}x)"
	if awk -v r="$ratio" -v l="$LIMIT" 'BEGIN { exit !(r <= l) }'; then
		echo "PASS bench $line"
	else
		echo "FAIL bench $line"
		status=1
	fi
done
exit $status
