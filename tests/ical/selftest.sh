#!/bin/sh
# selftest.sh: test the .ics checkers on tests/ical/samples.
#
# good-*.ics must pass check-ics.sh and give the event list in good-*.expected;
# each bad-*.ics must fail, for the reason listed below (a pattern its output
# must contain), so a checker that fails for some other reason is caught too.
# Also checks that make-samples.py still writes the committed samples and,
# if valgrind is installed, that ical-libical runs clean.
# Prints ok/FAIL per case; exit 1 on any FAIL.
#
# Env: ICAL_LIBICAL as for check-ics.sh; if unset and the binary next to this
# script is missing, it is built into a temporary directory.
set -u
here=$(cd "$(dirname "$0")" && pwd)
samples=$here/samples
python=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
failed=0

ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; failed=1; }

if [ -z "${ICAL_LIBICAL:-}" ] && [ ! -x "$here/ical-libical" ]; then
    # shellcheck disable=SC2046  # pkg-config output is meant to split
    cc -std=c11 -Wall -Wextra -Werror -o "$tmp/ical-libical" "$here/ical-libical.c" \
        $(pkg-config --cflags --libs libical) || { bad "build ical-libical"; exit 1; }
    ICAL_LIBICAL=$tmp/ical-libical
fi
export ICAL_LIBICAL="${ICAL_LIBICAL:-$here/ical-libical}"

# Why each bad sample must be rejected.
expect() {
    case $1 in
    bad-76-octets) echo '76 octets, more than 75' ;;
    bad-bare-cr) echo 'bare CR line end' ;;
    bad-bare-lf) echo 'bare LF line end' ;;
    bad-no-final-crlf) echo 'last line has no CRLF' ;;
    bad-fold-utf8) echo 'not valid UTF-8 on its own' ;;
    bad-dup-uid) echo 'appears twice' ;;
    bad-tzid-no-vtimezone) echo 'has no VTIMEZONE with TZID:Europe/Warsaw' ;;
    bad-prefixed-tzid) echo 'is not an IANA name' ;;
    bad-method) echo 'METHOD property' ;;
    bad-no-class) echo 'without exactly one CLASS:PRIVATE' ;;
    bad-floating) echo 'floating time' ;;
    bad-unescaped-comma) echo "unescaped ','" ;;
    bad-parse-error) echo 'libical failed' ;;
    bad-wrong-vtimezone) echo 'other instants than the system tzdata' ;;
    bad-vtimezone-utc-rdate) echo 'RDATE in DAYLIGHT must be local time' ;;
    bad-vtimezone-until) echo 'libical and vobject disagree' ;;
    *) return 1 ;;
    esac
}

for f in "$samples"/*.ics; do
    name=$(basename "$f" .ics)
    out=$("$here/check-ics.sh" -p "$f" 2>&1)
    rc=$?
    case $name in
    good-*)
        if [ $rc -ne 0 ]; then
            bad "$name: rejected:"; echo "$out" | sed 's/^/     /'
        elif [ "$out" != "$(cat "$samples/$name.expected")" ]; then
            bad "$name: event list differs from $name.expected:"
            echo "$out" | diff -u "$samples/$name.expected" - | sed 's/^/     /'
        else
            ok "$name"
        fi ;;
    *)
        if ! want=$(expect "$name"); then
            bad "$name: no expected failure listed in selftest.sh"
        elif [ $rc -eq 0 ]; then
            bad "$name: accepted"
        elif ! printf '%s\n' "$out" | grep -qF -- "$want"; then
            bad "$name: rejected, but not for: $want"; echo "$out" | sed 's/^/     /'
        else
            ok "$name ($want)"
        fi ;;
    esac
done

mkdir "$tmp/samples"
if "$python" "$samples/make-samples.py" "$tmp/samples"; then
    stale=
    for f in "$tmp/samples"/*; do
        cmp -s "$f" "$samples/$(basename "$f")" || stale="$stale $(basename "$f")"
    done
    if [ -z "$stale" ]; then ok "make-samples.py output is committed"; else bad "stale samples:$stale"; fi
else
    bad "make-samples.py"
fi

if command -v valgrind >/dev/null 2>&1; then
    # Definite/indirect leaks and memory errors only: libical's ICU and
    # thread-local errno keep blocks reachable at exit, beyond our reach.
    for args in "$samples/good-basic.ics" "--builtin $samples/good-libical.ics" \
        "$samples/bad-parse-error.ics" "$samples/bad-tzid-no-vtimezone.ics"; do
        # shellcheck disable=SC2086  # args is two words on purpose
        if valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
            --error-exitcode=99 "$ICAL_LIBICAL" $args >/dev/null 2>"$tmp/vg"; [ $? -ne 99 ]; then
            ok "valgrind ical-libical $(basename "${args##* }")"
        else
            bad "valgrind ical-libical $args:"; sed 's/^/     /' "$tmp/vg"
        fi
    done
else
    echo "skip valgrind (not installed)"
fi
exit $failed
