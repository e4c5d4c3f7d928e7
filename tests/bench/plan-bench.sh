#!/bin/sh
# plan-bench.sh [BUILD]: smp-plan planning one new client against a folder
# of 1,000 and of 10,000 other client files, against the floor: libyaml
# merely parsing the same files (tests/bench/floor).  Target: smp-plan
# takes at most 1.5 times the floor.  Files come from
# tests/bench/gen-clients (the smp-remind bench's generator), all in one
# folder, since smp-plan reads the client file's folder and not its
# subfolders; they are kept in $BENCH_DIR (default BUILD/bench) between
# runs.  Each figure is the best of RUNS runs (default 7), the floor's
# and smp-plan's taken in turn; the target is
# judged on CPU time (user + system, from tests/bench/runstat), which a
# busy machine shifts far less than wall time; both are printed.  Prints
# "PASS bench ..." or "FAIL bench ...".
set -u
TOP=${TOP:-$(pwd)}
BUILD=${1:-${BUILD:-$TOP/build}}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
RUNS=${RUNS:-7}
SIZES=${SIZES:-1000 10000}
LIMIT=${LIMIT:-1.5}
SEED=${BENCH_SEED:-42}
B=${BENCH_DIR:-$BUILD/bench}
PLAN=$BUILD/smp-plan
FLOOR=$BUILD/tests/floor
RUNSTAT=$BUILD/tests/runstat
CLINIC=$TOP/share/examples/clinic.yaml

fail() { echo "FAIL bench $*"; }
if ! [ -x "$PLAN" ]; then
	fail "setup: no $PLAN (run make)"
	exit 1
fi
mkdir -p "$B"
if ! [ -x "$FLOOR" ]; then
	FLOOR=$B/plan-floor
	# shellcheck disable=SC2046
	cc -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -O2 -o "$FLOOR" \
	    "$TOP/tests/bench/floor.c" $(pkg-config --cflags --libs yaml-0.1) ||
	    { fail "setup: cannot build the floor"; exit 1; }
fi
if ! [ -x "$RUNSTAT" ]; then
	RUNSTAT=$B/plan-runstat
	cc -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -O2 -o "$RUNSTAT" \
	    "$TOP/tests/bench/runstat.c" ||
	    { fail "setup: cannot build runstat"; exit 1; }
fi

# One run of a command: its runstat line (wall user system rss) onto
# the file K; fails if the command did.
run_once() {	# K CMD...
	k=$1
	shift
	"$RUNSTAT" "$B/plan-run" "$@" > /dev/null 2>&1 || return 1
	tail -n 1 "$B/plan-run" >> "$B/plan-runs.$k"
}

# The best CPU and wall seconds in the file K.
best() {
	awk 'NR == 1 || $2 + $3 < c { c = $2 + $3 }
	    NR == 1 || $1 < w { w = $1 } END { printf "%.4f %.4f\n", c, w }' \
	    "$B/plan-runs.$1"
}

# The floor and smp-plan RUNS times each, taking turns, after a warm-up
# of each: a burst of load on the host then falls on both, not on one.
# Prints "plan-cpu plan-wall floor-cpu floor-wall", or FAILED.
bench_pair() {	# DIR
	dir=$1
	# the smp-plan command, held as the arguments
	set -- "$PLAN" --clinic "$CLINIC" --today 2026-11-22 --dir "$dir" \
	    "$B/plan-new.yaml"
	: > "$B/plan-runs.floor"
	: > "$B/plan-runs.plan"
	"$FLOOR" "$dir" > /dev/null 2>&1
	"$@" > /dev/null 2>&1
	i=0
	while [ $i -lt "$RUNS" ]; do
		if ! run_once floor "$FLOOR" "$dir" || ! run_once plan "$@"; then
			echo FAILED
			return
		fi
		i=$((i + 1))
	done
	echo "$(best plan) $(best floor)"
}

# A client who only had a consultation, to be planned from scratch.
sed 's/^id: c-0107$/id: bench-new/' "$TOP/share/examples/clients/c-0107.yaml" \
    > "$B/plan-new.yaml"

status=0
for n in $SIZES; do
	dir=$B/plan-clients-$n-$SEED
	if ! [ -f "$dir/.done" ]; then
		rm -rf "$dir" "$dir.gen"
		GEN_TODAY=2026-11-22 /usr/bin/python3 "$TOP/tests/bench/gen-clients" \
		    "$n" "$dir.gen" "$SEED" || { fail "setup: gen-clients $n"; exit 1; }
		mkdir -p "$dir"
		find "$dir.gen" -name '*.yaml' -exec mv -t "$dir" {} +
		rm -rf "$dir.gen"
		touch "$dir/.done"
	fi
	result=$(bench_pair "$dir")
	if [ "$result" = FAILED ]; then
		fail "$n clients: a run failed"
		status=1
		continue
	fi
	# shellcheck disable=SC2086
	set -- $result
	ratio=$(awk -v p="$1" -v f="$3" 'BEGIN { printf "%.2f", p / f }')
	wratio=$(awk -v p="$2" -v f="$4" 'BEGIN { printf "%.2f", p / f }')
	line=$(awk -v n="$n" -v p="$1" -v f="$3" -v r="$ratio" -v wp="$2" \
	    -v wf="$4" -v wr="$wratio" -v l="$LIMIT" 'BEGIN { printf \
	    "smp-plan, %d clients: CPU %.0f ms, floor %.0f ms, %sx (target <= %sx); wall %.0f ms, floor %.0f ms, %sx", \
	    n, p * 1000, f * 1000, r, l, wp * 1000, wf * 1000, wr }')
	if awk -v r="$ratio" -v l="$LIMIT" 'BEGIN { exit !(r <= l) }'; then
		echo "PASS bench $line"
	else
		echo "FAIL bench $line"
		status=1
	fi
done
exit $status
