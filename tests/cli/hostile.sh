#!/bin/sh
# Hostile client files: every tests/hostile/NAME.expect is one case.
# Line 1 of NAME.expect is the exit status smp-heal must give, line 2 the
# exact stderr (empty for a file that must be accepted).  The input is
# tests/hostile/NAME.yaml, run from tests/; or, when that is not
# committed, the file tests/hostile/make-big.sh makes at test time in
# $WORK/hostile-gen/hostile/NAME.yaml, run from $WORK/hostile-gen.  Either
# way the tool sees the path "hostile/NAME.yaml".
#
# Each case must also finish in under 1 s (10 s under SMP_WRAP or a
# sanitizer), never die of a signal, and print nothing on stdout when it
# fails.  Unwrapped, it runs under `ulimit -v 1000000` (about 1 GB).
# `hostile.sh NAME...` runs only those cases.
set -u
TOP=${TOP:-$(pwd)}
BUILD=${BUILD:-$TOP/build}
if [ -z "${WORK:-}" ]; then
	WORK=$(mktemp -d)
	# ours to remove: it holds a mode-000 file and a 4 GiB sparse one
	trap 'chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
	trap 'exit 130' INT TERM
fi
HOSTILE=$TOP/tests/hostile
GEN=$WORK/hostile-gen
TODAY=2026-11-22

wrapped=0
if [ -n "${SMP_WRAP:-}" ] || [ -n "${ASAN_OPTIONS:-}" ]; then
	wrapped=1
fi
if [ -n "${SMP_WRAP:-}" ]; then
	# valgrind runs ~50 times slower: here it looks for memory errors,
	# the time limit is the unwrapped run's
	limit_ms=60000 timeout_s=120
elif [ $wrapped = 1 ]; then
	limit_ms=10000 timeout_s=20
else
	limit_ms=1000 timeout_s=5
fi

# Milliseconds since the epoch (GNU date; whole seconds elsewhere).
now_ms() {
	t=$(date +%s%N)
	case $t in
	*N) echo $(($(date +%s) * 1000)) ;;
	*) echo $((t / 1000000)) ;;
	esac
}

# An empty home and no clinic from the environment: the built-in defaults.
mkdir -p "$WORK/home"
HOME=$WORK/home TZ=UTC LC_ALL=C.UTF-8
export HOME TZ LC_ALL
unset SMP_CLINIC XDG_CONFIG_HOME SMP_TODAY SOURCE_DATE_EPOCH

if ! sh "$HOSTILE/make-big.sh" "$GEN" > "$WORK/make-big.log" 2>&1; then
	echo "FAIL hostile make-big.sh: $(head -n 3 "$WORK/make-big.log")"
fi

# Shows a file in a FAIL message: indented, so that no line of a hostile
# tool's output can pass for a PASS line, and every byte outside printable
# ASCII written as \xNN, so the log stays text (grep calls a file with
# invalid UTF-8 "binary" and stops printing its lines).
show() {
	printf '    %s:' "$1"
	if [ -s "$2" ]; then
		head -n 5 "$2" | head -c 600 | LC_ALL=C awk '
		BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i }
		{
			out = ""
			for (i = 1; i <= length($0); i++) {
				c = substr($0, i, 1)
				o = ord[c]
				if (o < 32 || o > 126)
					out = out sprintf("\\x%02x", o)
				else
					out = out c
			}
			printf "%s%s\n", NR == 1 ? " " : "        ", out
		}'
	else
		echo " (nothing)"
	fi
}

run_case() {
	name=$1
	exp=$HOSTILE/$name.expect
	if [ ! -f "$exp" ]; then
		echo "FAIL hostile $name: no hostile/$name.expect"
		return
	fi
	if [ -f "$HOSTILE/$name.yaml" ]; then
		dir=$TOP/tests
	elif [ -e "$GEN/hostile/$name.yaml" ] || [ -L "$GEN/hostile/$name.yaml" ]
	then
		dir=$GEN
	else
		echo "FAIL hostile $name: no hostile/$name.yaml, committed or made"
		return
	fi
	if [ "$name" = unreadable ] && [ "$(id -u)" = 0 ]; then
		# root reads a mode-000 file; procmem covers "cannot read"
		echo "skip hostile $name: running as root, who can read mode 000"
		return
	fi
	want_rc=$(sed -n 1p "$exp")
	sed -n 2p "$exp" > "$WORK/want.stderr"
	[ -s "$WORK/want.stderr" ] && [ "$(cat "$WORK/want.stderr")" = "" ] &&
	    : > "$WORK/want.stderr"
	out=$WORK/got.stdout err=$WORK/got.stderr
	start=$(now_ms)
	(
		cd "$dir" || exit 99
		# dash and bash both have -v; POSIX leaves it out
		# shellcheck disable=SC3045
		[ $wrapped = 1 ] || ulimit -v 1000000 || exit 98
		# SMP_WRAP unquoted on purpose: "valgrind -q --error-exitcode=99"
		# shellcheck disable=SC2086
		exec timeout "$timeout_s" ${SMP_WRAP:-} "$BUILD/smp-heal" \
		    --today "$TODAY" "hostile/$name.yaml"
	) > "$out" 2> "$err" < /dev/null
	rc=$?
	ms=$(($(now_ms) - start))
	why=
	if [ $rc = 124 ]; then
		why="$why; timed out after ${timeout_s}s"
	elif [ $rc -ge 128 ]; then
		why="$why; killed by signal $((rc - 128))"
	fi
	[ "$rc" = "$want_rc" ] || why="$why; exit $rc, want $want_rc"
	if [ $ms -ge $limit_ms ]; then
		why="$why; took ${ms} ms (limit ${limit_ms} ms)"
	fi
	if [ $rc != 0 ] && [ -s "$out" ]; then
		why="$why; failed but wrote $(wc -c < "$out") bytes to stdout"
	fi
	if [ $rc = 0 ] && [ ! -s "$out" ]; then
		why="$why; accepted but printed nothing"
	fi
	if ! cmp -s "$WORK/want.stderr" "$err"; then
		why="$why; stderr differs:
$(show want "$WORK/want.stderr")
$(show got "$err")"
	fi
	if [ -z "$why" ]; then
		echo "PASS hostile $name"
	else
		echo "FAIL hostile $name: ${why#; } (${ms} ms)"
	fi
}

if [ $# -gt 0 ]; then
	for n in "$@"; do run_case "$n"; done
else
	for exp in "$HOSTILE"/*.expect; do
		run_case "$(basename "$exp" .expect)"
	done
fi
