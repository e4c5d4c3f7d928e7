#!/bin/sh
# make bench: smp-remind against the floor, libyaml's bare parser run over
# the same files on one thread (tests/bench/floor.c), for 1,000, 10,000
# and 100,000 generated clients (tests/bench/gen-clients, seeded, kept in
# $BUILD/bench until the generator changes).
#
# Each configuration runs BENCH_RUNS times (default 21, and 7 from
# 100,000 clients, whose runs take seconds) after a warm-up,
# in turn with the others, and its best wall time counts: on a shared
# machine the best run is the least disturbed one, and where one run in
# two is disturbed (by a third or more, seen here) it takes a score of
# runs for the best of each configuration to be an undisturbed one.  Printed: seconds, CPU
# seconds, files per second, the ratio to the floor, and peak memory (the
# largest resident set, from tests/bench/runstat.c).  Two rows follow for
# reference, not judged: the floor as two processes on two halves of the
# folders at once (what two busy cores of this machine deliver together),
# and the floor linked with mimalloc, the allocator the tools use in place
# of glibc's malloc (how much of the floor is malloc).
#
# The targets (issue 6): with --jobs 1 at most 1.3 times the floor; with
# the default jobs on 2 or more cores under 0.75 times the floor; peak
# memory at 100,000 clients no more than at 1,000 and under 16 MiB.  The
# exit status is 1 when one is missed.  Timings want an idle machine: run
# it as `nice -n -20 make bench` where others share it.
#
# The speed targets are judged from BENCH_JUDGE_FROM clients (default
# 10,000).  The floor reads 1,000 clients in about 30 ms, and smp-remind
# has costs that do not grow with the clinic: starting (loading libical
# and the ICU libraries it needs, measured below) and one VTIMEZONE a
# zone in the feed (libical, about 0.7 ms each).  At 1,000 clients they
# are a quarter of the floor; from 10,000 on, a few per cent.  The 1,000
# rows are printed all the same, and so is the start-up.
#
#   sh tests/bench/bench.sh [BUILD]     BENCH_SIZES="1000 10000" to choose
set -u
BUILD=${1:-build}
TOP=$(pwd)
DIR=${BENCH_DIR:-$BUILD/bench}
SIZES=${BENCH_SIZES:-"1000 10000 100000"}
RUNS=${BENCH_RUNS:-}
SEED=${BENCH_SEED:-42}
JUDGE_FROM=${BENCH_JUDGE_FROM:-10000}
CORES=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
TIME=$BUILD/tests/runstat
export TZ=UTC LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1763769600
REMIND="$BUILD/smp-remind --clinic $TOP/share/examples/clinic.yaml --today 2026-11-22"

for b in "$BUILD/smp-remind" "$BUILD/tests/floor" "$BUILD/tests/floor-mimalloc" \
    "$TIME"; do
	[ -x "$b" ] || { echo "bench: $b is not built (make bench builds it)"; exit 1; }
done
mkdir -p "$DIR"

# clients N: the folder of N generated clients, made once per seed and
# version of the generator.
GEN=$(cksum < "$TOP/tests/bench/gen-clients" | cut -d' ' -f1)
clients() {
	d=$DIR/remind-clients-$1-$SEED-$GEN
	if [ ! -f "$d/.done" ]; then
		rm -rf "$d"
		echo "bench: generating $1 clients in $d" >&2
		/usr/bin/python3 "$TOP/tests/bench/gen-clients" "$1" "$d" "$SEED" ||
			exit 1
		touch "$d/.done"
	fi
	echo "$d"
}

# One line of runstat (wall user system rss) per run, per configuration:
# $DIR/remind-runs.K for configuration K.
run_once() {	# K CMD...
	k=$1
	shift
	"$TIME" "$DIR/remind-time.out" "$@" > /dev/null 2> "$DIR/remind-err.out"
	status=$?
	if [ $status -gt 1 ]; then
		echo "bench: $* exited $status:" >&2
		head -5 "$DIR/remind-err.out" >&2
		exit 1
	fi
	tail -n 1 "$DIR/remind-time.out" >> "$DIR/remind-runs.$k"
}

# The best wall seconds of configuration K, the CPU seconds (user +
# system) of that run, and the median peak RSS in KiB (it varies by a
# page or two from run to run).
best() {
	sort -n "$DIR/remind-runs.$1" | awk '{ w[NR] = $1; c[NR] = $2 + $3 } END {
		printf "%s %.2f ", w[1], c[1] }'
	awk '{ print $4 }' "$DIR/remind-runs.$1" | sort -n | awk '{ m[NR] = $1 }
		END { print m[int((NR + 1) / 2)] }'
}

# The configurations: 0 is the floor; 5 is the floor run as two
# processes on the two halves of the folders at once, which shows what two
# cores of this machine give when both are busy (a shared host may give
# much less than twice one); 6 is the floor with mimalloc's malloc.
MODES="floor|tsv -j1|ics -j1|tsv default|ics default|floor, 2 halves at once|floor with mimalloc"
command_of() {	# K DIR -> the command line
	case $1 in
	0) echo "$BUILD/tests/floor $2" ;;
	1) echo "$REMIND -j 1 $2" ;;
	2) echo "$REMIND -j 1 --ics $DIR/remind-feed.ics $2" ;;
	3) echo "$REMIND $2" ;;
	4) echo "$REMIND --ics $DIR/remind-feed.ics $2" ;;
	5) echo "sh $TOP/tests/bench/halves.sh $BUILD/tests/floor $2" ;;
	6) echo "$BUILD/tests/floor-mimalloc $2" ;;
	esac
}

row() {	# label n wall cpu rss floor
	awk -v l="$1" -v n="$2" -v w="$3" -v c="$4" -v m="$5" -v f="$6" 'BEGIN {
		if (w <= 0) w = 0.005
		printf "%-24s %8d %8.3f %8.2f %10.0f %7.2f %8.1f\n", l, n, w, c,
		    n / w, w / f, m / 1024 }'
}

printf '%-24s %8s %8s %8s %10s %7s %8s\n' "run ($CORES cores)" clients seconds \
	cpu-s files/s floor× "MiB"
fails=0
for n in $SIZES; do
	d=$(clients "$n") || exit 1
	# round robin, not one configuration after another: a burst of load
	# on the host then spreads over all of them
	for k in 0 1 2 3 4 5 6; do
		rm -f "$DIR/remind-runs.$k"
		$(command_of $k "$d") > /dev/null 2>&1	# warm the cache
	done
	runs=${RUNS:-21}
	[ -z "$RUNS" ] && [ "$n" -ge 100000 ] && runs=7
	i=0
	while [ $i -lt "$runs" ]; do
		for k in 0 1 2 3 4 5 6; do
			run_once $k $(command_of $k "$d")
		done
		i=$((i + 1))
	done
	set -- $(best 0)
	floor=$1
	row "floor (libyaml only)" "$n" "$1" "$2" "$3" "$floor"
	# how much the same command varied here: the median over the best
	spread=$(sort -n "$DIR/remind-runs.0" | awk '{ w[NR] = $1 } END {
		printf "%.0f", 100 * (w[int((NR + 1) / 2)] / w[1] - 1) }')
	for k in 1 2 3 4 5 6; do
		mode=$(echo "$MODES" | cut -d'|' -f$((k + 1)))
		set -- $(best $k)
		if [ $k -ge 5 ]; then
			row "$mode" "$n" "$1" "$2" "$3" "$floor"
			continue
		fi
		row "smp-remind $mode" "$n" "$1" "$2" "$3" "$floor"
		ratio=$(awk -v w="$1" -v f="$floor" 'BEGIN { printf "%.3f", w / f }')
		[ "$n" -lt "$JUDGE_FROM" ] && mode="$mode (not judged)"
		case $mode in
		*judged*) ;;
		*-j1)	awk "BEGIN { exit !($ratio > 1.3) }" &&
			{ echo "  over target: $mode is ${ratio}x the floor (1.3)"; fails=$((fails + 1)); } ;;
		*)	[ "$CORES" -ge 2 ] && awk "BEGIN { exit !($ratio >= 0.75) }" &&
			{ echo "  over target: $mode is ${ratio}x the floor (0.75)"; fails=$((fails + 1)); } ;;
		esac
		eval "rss_${n}_$k=$3"	# the median peak of configuration k
	done
	echo "  (the floor's median run was ${spread}% slower than its best: the machine's noise)"
done
# Memory, configuration by configuration: the median peak at 100,000
# clients against the same at 1,000.  The same command's peak varies by
# up to about 250 KiB from run to run, mostly in the shared libraries:
# the kernel maps their pages 64 KiB around each fault, and which code
# runs depends on how the threads meet (libc alone was 1,508-1,688 KiB
# over eight runs of one command).  So up to 256 KiB more counts as flat.
for k in 1 2 3 4; do
	eval "small=\${rss_1000_$k:-} big=\${rss_100000_$k:-}"
	[ -n "$small" ] && [ -n "$big" ] || continue
	mode=$(echo "$MODES" | cut -d'|' -f$((k + 1)))
	echo "peak memory, $mode: $small KiB at 1,000 clients, $big KiB at 100,000"
	[ "$big" -gt 16384 ] && { echo "  over target: more than 16 MiB"; fails=$((fails + 1)); }
	if [ "$big" -gt $((small + 256)) ]; then
		echo "  over target: $((big - small)) KiB more at 100,000 than at 1,000"
		fails=$((fails + 1))
	fi
done
[ "$CORES" -lt 2 ] && echo "note: one core: the default-jobs target needs two"
# what starting costs, before any file: best of 20
startup() {
	i=0
	: > "$DIR/remind-start.runs"
	while [ $i -lt 20 ]; do
		"$TIME" "$DIR/remind-time.out" "$@" > /dev/null 2>&1
		tail -n 1 "$DIR/remind-time.out" >> "$DIR/remind-start.runs"
		i=$((i + 1))
	done
	sort -n "$DIR/remind-start.runs" | head -n 1 | awk '{ printf "%.1f ms", $1 * 1000 }'
}
mkdir -p "$DIR/empty"
echo "start-up, an empty folder: smp-remind $(startup $REMIND -j 1 "$DIR/empty"), floor $(startup "$BUILD/tests/floor" "$DIR/empty")"
# Instructions do not depend on what else the host runs: callgrind's
# count for one thread, on the smallest folder, beside the timings.
instructions() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
	    2>&1 > /dev/null | sed -n 's/.*Collected : *//p'
}
if command -v valgrind > /dev/null 2>&1; then
	n=$(echo $SIZES | cut -d' ' -f1)
	d=$(clients "$n")
	f=$(instructions "$BUILD/tests/floor" "$d")
	m=$(instructions "$BUILD/tests/floor-mimalloc" "$d")
	t=$(instructions $REMIND -j 1 "$d")
	i=$(instructions $REMIND -j 1 --ics "$DIR/remind-feed.ics" "$d")
	awk -v n="$n" -v f="$f" -v m="$m" -v t="$t" -v i="$i" 'BEGIN {
		printf "instructions at %d clients (callgrind): floor %.1fM, tsv -j1 %.1fM (%.2fx), ics -j1 %.1fM (%.2fx)\n",
		    n, f / 1e6, t / 1e6, t / f, i / 1e6, i / f
		printf "  floor with mimalloc %.1fM (%.2fx)\n", m / 1e6, m / f }'
fi
[ "$JUDGE_FROM" -gt 1000 ] && echo "speed targets judged from $JUDGE_FROM clients (see the head of tests/bench/bench.sh)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (timings need an idle machine)"
[ $fails = 0 ]
