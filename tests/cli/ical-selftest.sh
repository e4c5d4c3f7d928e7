#!/bin/sh
# The calendar checkers check themselves: good samples pass, and each bad
# sample fails for the reason it was built to show.
TOP=${TOP:-$(pwd)}
BUILD=${BUILD:-$TOP/build}
ICAL_LIBICAL=$BUILD/tests/ical-libical sh "$TOP/tests/ical/selftest.sh" 2>&1 |
	sed -n -e 's/^ok  *\(.*\)/PASS ical-checker \1/p' \
	    -e 's/^FAIL  *\(.*\)/FAIL ical-checker \1/p'
