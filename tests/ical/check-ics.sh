#!/bin/sh
# check-ics.sh [-p] FILE...: verify .ics files with independent checkers.
#
# For each file: ical-bytes.py (bytes and policy), then the canonical event
# list from libical, Python icalendar, Python vobject and ical.js, which must
# be identical; and libical once more with TZIDs resolved from the system
# tzdata instead of the file's VTIMEZONE, which must match too (catches a
# VTIMEZONE that is wrong or cut to too few years).
#
# Silent with exit 0 when everything passes; otherwise prints what failed and
# exits 1.  -p prints the agreed event list of each file (for tests that
# compare it with the expected events).
#
# Env: ICAL_LIBICAL  the ical-libical binary (default: next to this script;
#                    build: cc -std=c11 -O2 -o tests/ical/ical-libical
#                    tests/ical/ical-libical.c $(pkg-config --cflags --libs libical))
#      PYTHON        default /usr/bin/python3 (needs Debian's icalendar, vobject)
#      NODE          default node (ical.js from tests/ical/node_modules:
#                    npm install --prefix tests/ical)
set -u
here=$(cd "$(dirname "$0")" && pwd)
libical=${ICAL_LIBICAL:-$here/ical-libical}
python=${PYTHON:-/usr/bin/python3}
node=${NODE:-node}

print=0
if [ "${1:-}" = "-p" ]; then print=1; shift; fi
[ $# -gt 0 ] || { echo "usage: check-ics.sh [-p] FILE..." >&2; exit 2; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0

fail() { echo "check-ics: $*"; status=1; }

# run NAME CMD...: canonical list into $tmp/NAME; a failure prints its output.
run() {
    name=$1; shift
    if ! "$@" >"$tmp/$name" 2>"$tmp/$name.err"; then
        fail "$f: $name failed:"
        sed 's/^/    /' "$tmp/$name.err" "$tmp/$name"
        rm -f "$tmp/$name"
    fi
}

for f in "$@"; do
    if [ ! -r "$f" ]; then fail "$f: cannot read"; continue; fi
    "$python" "$here/ical-bytes.py" "$f" || fail "$f: byte checks failed (above)"
    rm -f "$tmp"/*

    if [ -x "$libical" ]; then
        run libical "$libical" "$f"
        run tzdata "$libical" --builtin "$f"
    else
        fail "$f: $libical is not built (see the header of $0)"
    fi
    run icalendar "$python" "$here/ical-py.py" icalendar "$f"
    run vobject "$python" "$here/ical-py.py" vobject "$f"
    if [ -d "$here/node_modules/ical.js" ]; then
        run ical.js "$node" "$here/ical-js.js" "$f"
    else
        fail "$f: ical.js NOT CHECKED: $here/node_modules/ical.js missing (npm install --prefix tests/ical)"
    fi

    # Compare every list that was produced with the first one (libical's).
    ref=
    for name in libical icalendar vobject ical.js; do
        [ -f "$tmp/$name" ] || continue
        if [ -z "$ref" ]; then ref=$name; continue; fi
        cmp -s "$tmp/$ref" "$tmp/$name" && continue
        fail "$f: $ref and $name disagree:"
        diff -u --label "$ref" --label "$name" "$tmp/$ref" "$tmp/$name" | sed 's/^/    /'
    done
    if [ -f "$tmp/libical" ] && [ -f "$tmp/tzdata" ] && ! cmp -s "$tmp/libical" "$tmp/tzdata"; then
        fail "$f: the file's VTIMEZONE gives other instants than the system tzdata:"
        diff -u --label "file VTIMEZONE" --label "system tzdata" "$tmp/libical" "$tmp/tzdata" | sed 's/^/    /'
    fi
    if [ $print = 1 ] && [ -n "$ref" ]; then cat "$tmp/$ref"; fi
done
exit $status
