#!/bin/sh
# make bench: smp-remind against the floor, libyaml's bare parser run over
# the same files on one thread (tests/bench/floor.c).  For 1,000, 10,000
# and 100,000 generated clients (tests/bench/gen-clients, seeded, kept in
# $BUILD/bench between runs), each run is timed BENCH_RUNS times (default
# 3) after a warm-up, and the best wall time counts.  Printed: files per
# second, the ratio to the floor, and peak memory (/usr/bin/time's
# maximum resident set).  The targets (issue 6): with --jobs 1 at most
# 1.3 times the floor; with the default jobs on 2 or more cores under
# 0.75 times the floor; peak memory at 100,000 clients no more than at
# 1,000 and under 16 MiB.
#
#   sh tests/bench/bench.sh [BUILD]     BENCH_SIZES="1000 10000" to choose
set -u
BUILD=${1:-build}
TOP=$(pwd)
DIR=${BENCH_DIR:-$BUILD/bench}
SIZES=${BENCH_SIZES:-"1000 10000 100000"}
RUNS=${BENCH_RUNS:-3}
SEED=${BENCH_SEED:-42}
CORES=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
TIME=/usr/bin/time
export TZ=UTC LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1763769600
REMIND="$BUILD/smp-remind --clinic $TOP/share/examples/clinic.yaml --today 2026-11-22"

[ -x "$TIME" ] || { echo "bench: needs GNU time in $TIME (apt-get install time)"; exit 1; }
for b in "$BUILD/smp-remind" "$BUILD/tests/floor"; do
	[ -x "$b" ] || { echo "bench: $b is not built (make bench builds it)"; exit 1; }
done
mkdir -p "$DIR"

# clients N: the folder of N generated clients, made once per seed.
clients() {
	d=$DIR/clients-$1-$SEED
	if [ ! -f "$d/.done" ]; then
		rm -rf "$d"
		echo "bench: generating $1 clients in $d" >&2
		/usr/bin/python3 "$TOP/tests/bench/gen-clients" "$1" "$d" "$SEED" ||
			exit 1
		touch "$d/.done"
	fi
	echo "$d"
}

# best CMD...: runs CMD RUNS times after a warm-up; prints the best wall
# seconds and the largest peak RSS in KiB.
best() {
	"$@" > /dev/null 2>&1
	wall= rss=0
	i=0
	while [ $i -lt "$RUNS" ]; do
		$TIME -f '%e %M' -o "$DIR/time.out" "$@" > /dev/null 2> "$DIR/err.out"
		status=$?
		if [ $status -gt 1 ]; then
			echo "bench: $* exited $status:" >&2
			head -5 "$DIR/err.out" >&2
			exit 1
		fi
		read -r w m < "$DIR/time.out"
		if [ -z "$wall" ] || awk "BEGIN { exit !($w < $wall) }"; then
			wall=$w
		fi
		[ "$m" -gt "$rss" ] && rss=$m
		i=$((i + 1))
	done
	echo "$wall $rss"
}

row() {	# label n wall rss floor
	awk -v l="$1" -v n="$2" -v w="$3" -v m="$4" -v f="$5" 'BEGIN {
		if (w <= 0) w = 0.005
		printf "%-22s %8d %8.3f %10.0f %7.2f %8.1f\n", l, n, w, n / w,
		    w / f, m / 1024 }'
}

printf '%-22s %8s %8s %10s %7s %8s\n' "run ($CORES cores)" clients seconds \
	files/s floor× "MiB"
fails=0
rss_small= rss_big=
for n in $SIZES; do
	d=$(clients "$n") || exit 1
	set -- $(best "$BUILD/tests/floor" "$d")
	floor=$1
	row "floor (libyaml only)" "$n" "$1" "$2" "$floor"
	for mode in "tsv -j1" "ics -j1" "tsv default" "ics default"; do
		set -- $mode
		args=
		[ "$2" = -j1 ] && args="-j 1"
		[ "$1" = ics ] && args="$args --ics $DIR/feed.ics"
		set -- $(best $REMIND $args "$d")
		row "smp-remind $mode" "$n" "$1" "$2" "$floor"
		ratio=$(awk -v w="$1" -v f="$floor" 'BEGIN { printf "%.3f", w / f }')
		case $mode in
		*-j1)	awk "BEGIN { exit !($ratio > 1.3) }" &&
			{ echo "  over target: $mode is ${ratio}x the floor (1.3)"; fails=$((fails + 1)); } ;;
		*)	[ "$CORES" -ge 2 ] && awk "BEGIN { exit !($ratio >= 0.75) }" &&
			{ echo "  over target: $mode is ${ratio}x the floor (0.75)"; fails=$((fails + 1)); } ;;
		esac
		[ "$n" = 1000 ] && [ "$2" -gt "${rss_small:-0}" ] && rss_small=$2
		[ "$n" = 100000 ] && [ "$2" -gt "${rss_big:-0}" ] && rss_big=$2
	done
done
if [ -n "$rss_small" ] && [ -n "$rss_big" ]; then
	echo "peak memory: $rss_small KiB at 1,000 clients, $rss_big KiB at 100,000"
	[ "$rss_big" -gt 16384 ] && { echo "  over target: more than 16 MiB"; fails=$((fails + 1)); }
	[ "$rss_big" -gt "$rss_small" ] &&
		echo "  note: $((rss_big - rss_small)) KiB more at 100,000 than at 1,000"
fi
[ "$CORES" -lt 2 ] && echo "note: one core: the default-jobs target needs two"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (timings need an idle machine)"
[ $fails = 0 ]
