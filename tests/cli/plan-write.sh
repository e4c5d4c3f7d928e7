#!/bin/sh
# smp-plan --write against client-format.md "Writing", on copies in $WORK:
#  1. bytes: tests/data/plan/write/NAME.yaml becomes exactly NAME.expected
#     (read by hand); every changed line lies in the sessions block (or
#     plan.sessions with --sessions); PyYAML, a YAML 1.1 reader, reads the
#     sessions the tool printed; a second run changes nothing;
#  2. the file keeps its mode and its symbolic link; nothing is written
#     when the plan is refused, cannot be placed, or the file is broken;
#     a plan that changes nothing leaves the file's time alone;
#  3. the lock: a writer that holds it is waited for; ten smp-plan
#     --write at once give the same file as one;
#  4. the calendar after a write carries the new SEQUENCE.
# Prints "PASS plan-write ..." or "FAIL plan-write ...: detail" per check.
set -u
TOP=${TOP:-$(pwd)}
BUILD=${BUILD:-$TOP/build}
WORK=${WORK:-$(mktemp -d)}
DATA=$TOP/tests/data/plan/write
CLINIC=$DATA/clinic.yaml
PLAN=$BUILD/smp-plan
PY=/usr/bin/python3
W=$WORK/plan-write
rm -rf "$W"
mkdir -p "$W/home"
export HOME="$W/home" TZ=UTC LC_ALL=C.UTF-8
unset SMP_CLINIC XDG_CONFIG_HOME SMP_TODAY SOURCE_DATE_EPOCH
WRAP=${SMP_WRAP:-}

pass() { echo "PASS plan-write $*"; }
fail() { echo "FAIL plan-write $*"; }
# shellcheck disable=SC2086  # WRAP is a command line
plan() {
	timeout -s KILL 120 $WRAP "$PLAN" --clinic "$CLINIC" --today 2027-04-30 "$@"
}

if ! [ -x "$PLAN" ]; then
	fail "setup: no $PLAN (run make)"
	exit 1
fi
if ! $PY -c 'import yaml' 2>/dev/null; then
	fail "setup: $PY cannot import yaml (python3-yaml)"
	exit 1
fi

# check.py OLD NEW JSON: NEW changes OLD only inside the sessions and plan
# blocks (a missing block may only be added), and PyYAML reads in NEW the
# sessions the tool printed as JSON Lines.
cat > "$W/check.py" <<'EOF'
import difflib, json, sys, yaml

old_b, new_b = (open(p, "rb").read() for p in sys.argv[1:3])
old = old_b.decode("utf-8-sig").splitlines(True)
new = new_b.decode("utf-8-sig").splitlines(True)
top = yaml.compose("".join(old))
spans = []
for k, v in (top.value if top is not None else []):
    if k.value in ("sessions", "plan"):
        end = v.end_mark.line + (1 if v.end_mark.column else 0)
        spans.append((k.start_mark.line, max(end, k.start_mark.line + 1)))
for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new,
        autojunk=False).get_opcodes():
    if tag == "equal":
        continue
    inside = any(a <= i1 and i2 <= b for a, b in spans)
    if not inside and not (tag == "insert"):
        sys.exit("line %d changed outside sessions/plan: %r" % (i1 + 1,
                 old[i1:i2]))
doc = yaml.safe_load(new_b.decode("utf-8-sig"))
want = [json.loads(l) for l in open(sys.argv[3])]
got = {s["n"]: s for s in doc.get("sessions") or []}
for w in want:
    s = got.get(w["n"])
    if s is None:
        sys.exit("session %d missing" % w["n"])
    for key in ("kind", "start", "practitioner", "shade", "status"):
        have = s.get(key)
        if key == "start" and have is not None:
            have = str(have).replace("T", " ")
        if have != w[key]:
            sys.exit("session %d %s: file %r, tool %r" % (w["n"], key,
                     have, w[key]))
EOF

# name, options
cat > "$W/cases" <<'EOF'
bom
comments
crlf
empty-list
flow-items
flow-sessions
indent4
markers
no-eol
no-sessions --sessions 2
null-list --sessions 2
plan-flow --sessions 2
shorter --sessions 2
values
EOF

while read -r name opts; do
	d=$W/$name
	mkdir -p "$d"
	cp "$DATA/$name.yaml" "$d/"
	f=$d/$name.yaml
	# shellcheck disable=SC2086
	if ! plan $opts --write "$f" > "$d/out" 2> "$d/err"; then
		fail "bytes $name: exit $?: $(head -c 300 "$d/err")"
		continue
	fi
	if cmp -s "$f" "$DATA/$name.expected"; then
		pass "bytes $name"
	else
		fail "bytes $name: not the expected bytes"
		diff "$DATA/$name.expected" "$f" | head -n 20
	fi
	# shellcheck disable=SC2086
	plan $opts -f json "$f" > "$d/json" 2>> "$d/err"
	if $PY "$W/check.py" "$DATA/$name.yaml" "$f" "$d/json" > "$d/py" 2>&1
	then
		pass "yaml11 $name"
	else
		fail "yaml11 $name: $(tail -n 1 "$d/py")"
	fi
	cp "$f" "$d/again"
	# shellcheck disable=SC2086
	plan $opts --write "$f" > "$d/out2" 2>&1
	if cmp -s "$f" "$d/again" && ! grep -q '^Written' "$d/out2"; then
		pass "idempotent $name"
	else
		fail "idempotent $name: a second run changed the file"
	fi
done < "$W/cases"

# ---- 2. modes, links, and when nothing may be written --------------------

d=$W/mode
mkdir -p "$d"
cp "$DATA/comments.yaml" "$d/c.yaml"
chmod 640 "$d/c.yaml"
plan --write "$d/c.yaml" > /dev/null 2>&1
m=$(stat -c %a "$d/c.yaml")
if [ "$m" = 640 ] && cmp -s "$d/c.yaml" "$DATA/comments.expected"; then
	pass "mode kept"
else
	fail "mode kept: mode $m"
fi

d=$W/link
mkdir -p "$d/real"
cp "$DATA/comments.yaml" "$d/real/c.yaml"
ln -s real/c.yaml "$d/link.yaml"
plan --write --dir "$d/real" "$d/link.yaml" > /dev/null 2>&1
if [ -L "$d/link.yaml" ] && cmp -s "$d/real/c.yaml" "$DATA/comments.expected"
then
	pass "through a symbolic link"
else
	fail "through a symbolic link"
fi

# refused, no slot, broken: the file is left exactly as it was
d=$W/never
mkdir -p "$d"
printf 'smp: 1\nid: w-keloid\nname: K\nprofile:\n  conditions: [keloid]\n' \
    > "$d/refused.yaml"
printf 'smp: 1\nid: w-broken\nname: B\nsessions:\n  - n: 1\n    kind: base\n    start: 2027-02-30 10:00\n    status: planned\n' \
    > "$d/broken.yaml"
cp "$DATA/comments.yaml" "$d/noslot.yaml"
for f in refused broken noslot; do
	cp "$d/$f.yaml" "$d/$f.before"
	touch -d '2025-01-01 00:00' "$d/$f.yaml"
done
touch -d '2025-01-01 00:00' "$d/refused.before"
expect_unwritten() {
	name=$1 want=$2
	shift 2
	plan "$@" --write "$d/$name.yaml" > /dev/null 2>&1
	rc=$?
	if [ $rc = "$want" ] && cmp -s "$d/$name.yaml" "$d/$name.before" &&
	    [ "$(stat -c %Y "$d/$name.yaml")" = \
	    "$(date -d '2025-01-01 00:00' +%s)" ]; then
		pass "not written: $name (exit $rc)"
	else
		fail "not written: $name: exit $rc (want $want) or file changed"
	fi
}
expect_unwritten refused 3 --dir "$W/home"
expect_unwritten broken 65 --dir "$W/home"
expect_unwritten noslot 1 --dir "$W/home" \
    --clinic "$TOP/tests/data/plan/errors/clinic.yaml"

# a plan that changes nothing does not touch the file
d=$W/same
mkdir -p "$d"
cp "$DATA/values.expected" "$d/v.yaml"
touch -d '2025-01-01 00:00' "$d/v.yaml"
plan --write "$d/v.yaml" > "$d/out" 2>&1
if [ "$(stat -c %Y "$d/v.yaml")" = "$(date -d '2025-01-01 00:00' +%s)" ] &&
    ! grep -q '^Written' "$d/out"; then
	pass "nothing to change: not written"
else
	fail "nothing to change: the file was written"
fi

# ---- 3. the lock ---------------------------------------------------------

d=$W/lock
mkdir -p "$d"
cp "$DATA/comments.yaml" "$d/c.yaml"
flock "$d/c.yaml" sleep 1 &
holder=$!
sleep 0.2
plan --write "$d/c.yaml" > "$d/out" 2>&1
rc=$?
wait $holder
if [ $rc = 0 ] && cmp -s "$d/c.yaml" "$DATA/comments.expected"; then
	pass "waits for the lock"
else
	fail "waits for the lock: exit $rc"
fi

d=$W/many
mkdir -p "$d"
cp "$DATA/comments.yaml" "$d/c.yaml"
pids=
for i in 1 2 3 4 5 6 7 8 9 10; do
	plan --write "$d/c.yaml" > "$d/out.$i" 2>&1 &
	pids="$pids $!"
done
bad=0
for p in $pids; do
	wait "$p" || bad=$((bad + 1))
done
if [ $bad = 0 ] && cmp -s "$d/c.yaml" "$DATA/comments.expected" &&
    [ "$(grep -l '^Written' "$d"/out.* | wc -l)" = 1 ]; then
	pass "ten writers at once: one plan, written once"
else
	fail "ten writers at once: $bad failed or the file differs"
fi

# ---- 4. the calendar after the write ---------------------------------------

d=$W/ics
mkdir -p "$d"
cp "$DATA/comments.yaml" "$d/c.yaml"
plan --write --ics "$d/c.ics" "$d/c.yaml" > /dev/null 2>&1
seq2=$(tr -d '\r' < "$d/c.ics" | awk '/^UID:w-comments.session-2@/ { s = 1 }
    s && /^SEQUENCE:/ { print substr($0, 10); exit }')
lm=$(tr -d '\r' < "$d/c.ics" | awk -F: '/^LAST-MODIFIED:/ { print $2; exit }')
want=$(date -u -d "@$(stat -c %Y "$d/c.yaml")" +%Y%m%dT%H%M%SZ)
if [ "$seq2" = 1 ] && [ "$lm" = "$want" ]; then
	pass "calendar after the write: SEQUENCE 1, LAST-MODIFIED of the new file"
else
	fail "calendar after the write: SEQUENCE '$seq2', LAST-MODIFIED '$lm' (want $want)"
fi
