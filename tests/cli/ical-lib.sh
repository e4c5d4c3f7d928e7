#!/bin/sh
# The library's calendar with timed events across daylight-saving changes
# (written by build/tests/test-ical) read back by the four parsers at the
# UTC instants worked out by hand in tests/ical/expected/lib-timed.list.
TOP=${TOP:-$(pwd)}
BUILD=${BUILD:-$TOP/build}
WORK=${WORK:-$(mktemp -d)}
export ICAL_LIBICAL=$BUILD/tests/ical-libical
[ -f "$WORK/lib-timed.ics" ] || WORK=$WORK "$BUILD/tests/test-ical" >/dev/null
if sh "$TOP/tests/ical/check-ics.sh" -p "$WORK/lib-timed.ics" > "$WORK/lib-timed.got" 2>&1 &&
    diff -u "$TOP/tests/ical/expected/lib-timed.list" "$WORK/lib-timed.got"; then
	echo "PASS ical-lib timed events at the right instants in all parsers"
else
	echo "FAIL ical-lib timed events"
	cat "$WORK/lib-timed.got" | head -20
fi
