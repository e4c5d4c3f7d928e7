#!/bin/sh
# smp-remind beyond the golden listings: the same bytes for any number of
# threads, UIDs that stay put from run to run, no health field in any
# output, the folder search (hidden names, symbolic links, loops), the
# feed replaced whole, and output errors.
set -u
TOP=${TOP:-$(pwd)}
BUILD=${BUILD:-$TOP/build}
WORK=${WORK:-$(mktemp -d)}
T=$WORK/remind
rm -rf "$T" && mkdir -p "$T"
export TZ=UTC LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1763769600
unset SMP_CLINIC XDG_CONFIG_HOME SMP_TODAY
remind() { ${SMP_WRAP:-} "$BUILD/smp-remind" --clinic "$TOP/share/examples/clinic.yaml" --today 2026-11-22 "$@"; }
DATA=$TOP/tests/data/remind
ICAL_LIBICAL=${ICAL_LIBICAL:-$BUILD/tests/ical-libical}
export ICAL_LIBICAL

ok() { echo "PASS remind $1"; }
no() { echo "FAIL remind $1${2:+: $2}"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else no "$name"; fi; }

# ---- the same bytes on 1 and 8 threads, over many files -----------------
# fewer under valgrind or a sanitizer, which take 20 to 50 times longer
MANY=3000
[ -n "${SMP_WRAP:-}${ASAN_OPTIONS:-}" ] && MANY=400
/usr/bin/python3 "$TOP/tests/bench/gen-clients" $MANY "$T/many" 7
cp -r "$DATA/clinic" "$T/many/zz-clinic"
# one client whose events outgrow a 64 KiB chunk of the feed's writer
# and a window of the spool: 400 planned sessions, a day apart
/usr/bin/python3 - "$T/many/zz-long.yaml" <<'PY'
import datetime, sys
day = datetime.date(2027, 1, 4)
with open(sys.argv[1], "w") as f:
    f.write("smp: 1\nid: zz-long\nname: Long Course\ntimezone: Europe/Warsaw\nsessions:\n")
    for n in range(1, 401):
        d = day + datetime.timedelta(days=n)
        f.write("  - {n: %d, kind: touch-up, start: %s 10:00, status: planned}\n" % (n, d))
PY
for j in 1 8; do
	remind -j $j --days 60 --ics "$T/feed-$j.ics" "$T/many" > "$T/list-$j.tsv"
	echo $? > "$T/exit-$j"
	remind -j $j --days 60 -f json "$T/many" > "$T/list-$j.json"
	remind -j $j --days 60 -f text "$T/many" > "$T/list-$j.txt"
done
check "jobs: exit 0 on 1 and 8 threads" [ "$(cat "$T/exit-1") $(cat "$T/exit-8")" = "0 0" ]
for f in tsv json txt; do
	check "jobs: -j1 and -j8 give the same $f" cmp -s "$T/list-1.$f" "$T/list-8.$f"
done
check "jobs: -j1 and -j8 give the same feed" cmp -s "$T/feed-1.ics" "$T/feed-8.ics"
check "jobs: the long client's 400 sessions are in the feed" \
    [ "$(grep -c '^UID:zz-long\.session-' "$T/feed-8.ics")" = 400 ]
n=$(wc -l < "$T/list-1.tsv")
check "jobs: the listing is not trivial ($n lines)" [ "$n" -gt $((MANY / 10)) ]
# sorted by date, then id (bytewise), then kind in the table's order
awk -F '\t' 'BEGIN { split("appointment assessment book-next refresh refresh-overdue faded", k, " ");
	for (i in k) rank[k[i]] = i }
	{ key = sprintf("%s\t%s\t%d", $1, $3, rank[$2]); print key }' "$T/list-1.tsv" > "$T/keys"
check "order: by date, id, kind" sh -c "LC_ALL=C sort -c '$T/keys'"
if sh "$TOP/tests/ical/check-ics.sh" "$T/feed-1.ics" > "$T/check.out" 2>&1; then
	ok "feed of $MANY clients passes the four parsers and the byte rules"
else
	no "feed of $MANY clients fails the checkers" "$(head -5 "$T/check.out")"
fi

# ---- libical's zone cache under threads ------------------------------------
# A clinic on UTC has not asked libical for a zone before the workers
# start, and names outside zone.tab (US/Eastern) or unknown (Mars/Olympus)
# make libical 3.0 grow its zone list: the runs that race without the
# zone lock.
Z=$T/zones
mkdir -p "$Z"
printf 'smp-clinic: 1\nname: UTC Clinic\ntimezone: UTC\n' > "$T/utc-clinic.yaml"
i=0
for z in US/Eastern US/Pacific Etc/GMT+3 Asia/Calcutta Europe/Kiev \
    Mars/Olympus Europe/Warsaw America/New_York Etc/GMT-5 Canada/Atlantic \
    Asia/Tokyo US/Central Etc/UTC GB Europe/Belfast; do
	for k in 1 2 3; do
		i=$((i + 1))
		printf 'smp: 1\nid: z-%03d\nname: Zone %s\ntimezone: %s\nsessions:\n  - {n: 1, kind: base, start: 2026-11-30 10:00, status: planned}\n' \
		    $i "$z" "$z" > "$Z/z-$i.yaml"
	done
done
zremind() { ${SMP_WRAP:-} "$BUILD/smp-remind" --clinic "$T/utc-clinic.yaml" --today 2026-11-22 "$@"; }
zremind -j 1 --ics "$T/z1.ics" "$Z" > "$T/z1.tsv" 2> "$T/z1.err"
zremind -j 8 --ics "$T/z8.ics" "$Z" > "$T/z8.tsv" 2> "$T/z8.err"
check "zones: -j1 and -j8 give the same listing" cmp -s "$T/z1.tsv" "$T/z8.tsv"
check "zones: -j1 and -j8 give the same feed" cmp -s "$T/z1.ics" "$T/z8.ics"
check "zones: -j1 and -j8 give the same diagnostics" cmp -s "$T/z1.err" "$T/z8.err"
check "zones: unknown zones reported, the others listed" [ "$(wc -l < "$T/z1.err") $(wc -l < "$T/z1.tsv")" = "3 42" ]
if [ -z "${SMP_WRAP:-}${ASAN_OPTIONS:-}" ] && command -v valgrind > /dev/null 2>&1; then
	valgrind --tool=helgrind --error-exitcode=9 "$BUILD/smp-remind" \
	    --clinic "$T/utc-clinic.yaml" --today 2026-11-22 -j 4 \
	    --ics "$T/zh.ics" "$Z" > /dev/null 2> "$T/helgrind.err"
	check "zones: helgrind finds no race on 4 threads" \
	    grep -q 'ERROR SUMMARY: 0 errors' "$T/helgrind.err"
fi

# ---- UIDs: the same on a second run, and when a file changes ------------
uids() { grep -a '^UID:' "$1" | LC_ALL=C sort; }
remind --days 60 --ics "$T/again.ics" "$T/many" > /dev/null
check "uid: a second run gives the same feed" cmp -s "$T/feed-1.ics" "$T/again.ics"
touch -d '2026-01-01 00:00:00 UTC' "$T/many/000/c-000001.yaml"
SOURCE_DATE_EPOCH= remind --days 60 --ics "$T/later.ics" "$T/many" > /dev/null
uids "$T/feed-1.ics" > "$T/uids-1"
uids "$T/later.ics" > "$T/uids-2"
check "uid: same UIDs after a file changed and without SOURCE_DATE_EPOCH" cmp -s "$T/uids-1" "$T/uids-2"
check "uid: never twice in one feed" [ -z "$(uniq -d "$T/uids-1")" ]
check "uid: id.kind-n@uid_domain" [ -z "$(grep -av '^UID:[A-Za-z0-9._-]*\.[a-z-]*-[0-9]*@smp-center\.example.$' "$T/uids-1")" ]

# ---- no health field in the feed or the listing -------------------------
remind --days 60 --ics "$T/health.ics" "$DATA/clinic" > "$T/health.tsv"
remind --days 60 -f json "$DATA/clinic" > "$T/health.json"
remind --days 60 -f text "$DATA/clinic" > "$T/health.txt"
values=$(grep -ho 'HEALTH-[A-Z-]*-[0-9]*' "$DATA/clinic"/*.yaml | sort -u)
check "privacy: the test clients hold health values" [ "$(echo "$values" | wc -l)" -ge 7 ]
for v in $values; do
	if grep -aq "$v" "$T/health.ics" "$T/health.tsv" "$T/health.json" "$T/health.txt"; then
		no "privacy: $v leaked"
	else
		ok "privacy: $v is in no output"
	fi
done
# and in the generated clinic: conditions and notes never show
for v in psoriasis eczema "even take-up" "crusts shedding" pillowcase; do
	if grep -aq "$v" "$T/feed-1.ics" "$T/list-1.tsv" "$T/list-1.json"; then
		no "privacy: \"$v\" leaked from the generated clients"
	else
		ok "privacy: \"$v\" is in no output"
	fi
done
check "privacy: every event is CLASS:PRIVATE" [ "$(grep -ac '^BEGIN:VEVENT' "$T/feed-1.ics")" = "$(grep -ac '^CLASS:PRIVATE' "$T/feed-1.ics")" ]

# ---- the folder search ----------------------------------------------------
S=$T/search
mkdir -p "$S/real/sub" "$S/.hidden" "$S/loop" "$T/outside"
cp "$DATA/clinic/c-1002.yaml" "$S/real/sub/"
cp "$DATA/clinic/c-1015.yml" "$T/outside/"
cp "$DATA/clinic/c-1003.yaml" "$S/.hidden/"
cp "$DATA/clinic/c-1004.yaml" "$S/.dot.yaml"
ln -s ../real "$S/loop/to-real"			# a link to a folder: not followed
ln -s .. "$S/loop/up"				# a loop, if it were followed
ln -s ../outside/c-1015.yml "$S/link.yaml"	# a link to a file: read
ln -s nowhere.yaml "$S/dangling.yaml"		# reported, the others go on
mkfifo "$S/fifo.yaml" 2>/dev/null
remind "$S" > "$T/search.out" 2> "$T/search.err"
status=$?
check "search: exit 66 for the dangling link" [ $status = 66 ]
check "search: a file in a subfolder is found" grep -q 'c-1002' "$T/search.out"
check "search: a file is read through a link" grep -q 'c-1015' "$T/search.out"
check "search: hidden files and folders skipped" [ -z "$(grep -E 'c-1003|c-1004' "$T/search.out")" ]
check "search: the dangling link is named" grep -q 'dangling.yaml: error: cannot open' "$T/search.err"
if [ -p "$S/fifo.yaml" ]; then
	check "search: a FIFO in a folder is reported, not opened" grep -q 'fifo.yaml: error: not a regular file' "$T/search.err"
fi
check "search: links to folders not followed" [ "$(grep -c error "$T/search.err")" -le 2 ]
remind "$S/loop/to-real" > "$T/named.out"
check "search: a link to a folder named on the command line is searched" grep -q c-1002 "$T/named.out"

# ---- the feed file is replaced whole, its mode kept ----------------------
F=$T/pub
mkdir -p "$F"
echo old > "$F/feed.ics"
chmod 640 "$F/feed.ics"
remind --ics "$F/feed.ics" "$DATA/clinic" > /dev/null
check "feed: written" grep -q '^BEGIN:VCALENDAR' "$F/feed.ics"
check "feed: mode kept" [ "$(stat -c %a "$F/feed.ics")" = 640 ]
check "feed: no temporary file left" [ "$(ls -A "$F")" = feed.ics ]
ln -s feed.ics "$F/link.ics"
remind --ics "$F/link.ics" "$DATA/clinic" > /dev/null
check "feed: written through a symbolic link, which stays" [ -L "$F/link.ics" ]
check "feed: the header" [ "$(head -c 200 "$F/feed.ics" | tr -d '\r' | grep -c -e '^X-WR-CALNAME:SMP Center Warsaw$' -e '^REFRESH-INTERVAL;VALUE=DURATION:PT1H$' -e '^X-PUBLISHED-TTL:PT1H$')" = 3 ]
# a FIFO (or a device) is written into, not replaced by a file
mkfifo "$F/pipe.ics"
timeout 30 cat "$F/pipe.ics" > "$F/piped.ics" &
remind --ics "$F/pipe.ics" "$DATA/clinic" > /dev/null
check "feed: into a FIFO, exit 0" [ $? = 0 ]
wait
check "feed: the FIFO is still one" [ -p "$F/pipe.ics" ]
check "feed: what came through the FIFO is the feed" cmp -s "$F/piped.ics" "$F/feed.ics"

# ---- output errors -----------------------------------------------------------
if [ -w /dev/full ]; then
	remind "$DATA/clinic" > /dev/full 2> "$T/full.err"
	check "full: a full stdout is exit 73" [ $? = 73 ]
	remind --ics - "$DATA/clinic" > /dev/full 2> "$T/full.err"
	check "full: a full stdout for the feed is exit 73" [ $? = 73 ]
fi
remind --ics "$T/nowhere/feed.ics" "$DATA/clinic" > /dev/null 2>&1
check "unwritable: exit 73" [ $? = 73 ]
# (without SMP_WRAP: valgrind itself needs a TMPDIR that is a folder)
TMPDIR=$T/no-such-dir "$BUILD/smp-remind" --clinic "$TOP/share/examples/clinic.yaml" \
    --today 2026-11-22 --days 3650 -j 2 "$T/many" > "$T/long.tsv" 2> "$T/tmp.err"
check "tmpdir: a TMPDIR that is no folder falls back to /tmp" [ $? = 0 ]
check "tmpdir: a listing longer than memory holds comes out sorted" sh -c "cut -f1,3 '$T/long.tsv' | LC_ALL=C sort -c"
exit 0
