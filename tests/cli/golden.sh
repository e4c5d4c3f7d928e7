#!/bin/sh
# Golden CLI tests, in the manner of calendar(1)'s regress: each
# tests/golden/NAME.cmd is one shell command run in tests/data with the
# tools on PATH; NAME.out holds its expected stdout, then "--- stderr",
# stderr, and "--- exit N".  Every .ics a case writes into $OUT is also
# handed to the independent calendar checkers.
# `golden.sh --update NAME...` writes NAME.out from the current tools:
# read every such file before you commit it.
set -u
TOP=${TOP:-$(pwd)}
BUILD=${BUILD:-$TOP/build}
export ICAL_LIBICAL=${ICAL_LIBICAL:-$BUILD/tests/ical-libical}
WORK=${WORK:-$(mktemp -d)}
update=0
[ "${1:-}" = --update ] && { update=1; shift; }

run_case() {
	cmd=$1
	name=$(basename "$cmd" .cmd)
	OUT=$WORK/out-$name
	rm -rf "$OUT" && mkdir -p "$OUT" "$WORK/home"
	got=$WORK/got-$name
	(
		cd "$TOP/tests/data" || exit 99
		export OUT PATH="$WORK/wrap:$BUILD:$PATH" HOME="$WORK/home" \
		    TZ=UTC LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1763769600
		unset SMP_CLINIC XDG_CONFIG_HOME SMP_TODAY
		sh "$cmd" > "$got.stdout" 2> "$got.stderr"
		echo $? > "$got.exit"
	)
	{ cat "$got.stdout"; echo "--- stderr"; cat "$got.stderr"
	  echo "--- exit $(cat "$got.exit")"; } > "$got"
	if [ $update = 1 ]; then
		cp "$got" "${cmd%.cmd}.out"
		echo "updated $name"
		return
	fi
	if diff -u "${cmd%.cmd}.out" "$got" > "$got.diff"; then
		echo "PASS golden $name"
	else
		echo "FAIL golden $name"
		head -n 40 "$got.diff"
	fi
	for ics in "$OUT"/*.ics; do
		[ -f "$ics" ] || continue
		if sh "$TOP/tests/ical/check-ics.sh" "$ics" > "$got.ics" 2>&1; then
			echo "PASS ics $name/$(basename "$ics")"
		else
			echo "FAIL ics $name/$(basename "$ics")"
			head -n 20 "$got.ics"
		fi
	done
}

# LAST-MODIFIED comes from file times: make them the same on every checkout.
find "$TOP/tests/data" "$TOP/share/examples" -name '*.yaml' \
    -exec touch -d '2025-11-01 12:00:00 UTC' {} +

# SMP_WRAP (valgrind) wraps every tool through small scripts on PATH.
mkdir -p "$WORK/wrap"
if [ -n "${SMP_WRAP:-}" ]; then
	for b in "$BUILD"/smp-*; do
		printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$SMP_WRAP" "$b" \
		    > "$WORK/wrap/$(basename "$b")"
		chmod +x "$WORK/wrap/$(basename "$b")"
	done
fi

if [ $# -gt 0 ]; then
	for n in "$@"; do run_case "$TOP/tests/golden/$n.cmd"; done
else
	for cmd in "$TOP"/tests/golden/*.cmd; do run_case "$cmd"; done
fi
