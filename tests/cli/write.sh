#!/bin/sh
# The writer under smp-heal --log (lib/edit.c, lib/log.c, lib/save.c),
# against client-format.md "Writing":
#  1. bytes: every byte but the new item stays (tests/data/write/NAME.yaml
#     becomes exactly NAME.expected; diff shows added lines only, or the one
#     line of a null, [] or flow list); the result loads in smp-heal and in
#     PyYAML (a YAML 1.1 reader) as the old client plus exactly the new
#     entry, and notes that need quoting read back as the same string;
#  2. modes and links: mode and owner kept, written through a symlink, a
#     read-only folder is exit 73; a broken file, a file the entry would
#     push over the loader's value cap, or a missing --session is never
#     written;
#  3. 50 writers at once: every entry in exactly once;
#  4. changed under us: a lock held, the file replaced while we wait, and a
#     writer that ignores the lock: both changes or a clean 75, never a
#     lost entry;
#  5. SIGKILL at random moments and `ulimit -f`: the old file or a valid
#     new one, never a mix, and no stray *.yaml / *.yml.
# Prints "PASS write ..." or "FAIL write ...: detail" per check.
# SMP_WRAP (valgrind) prefixes every writing tool command (the checks
# that a result still loads run bare); the concurrency and crash loops
# then run fewer rounds.
set -u
TOP=${TOP:-$(pwd)}
BUILD=${BUILD:-$TOP/build}
WORK=${WORK:-$(mktemp -d)}
DATA=$TOP/tests/data/write
HEAL=$BUILD/smp-heal
CLINIC=$TOP/share/smp/clinic.yaml
PY=/usr/bin/python3
TODAY=2026-11-22
W=$WORK/write
rm -rf "$W"
mkdir -p "$W/home"
export HOME="$W/home" TZ=UTC LC_ALL=C.UTF-8
unset SMP_CLINIC XDG_CONFIG_HOME SMP_TODAY
WRAP=${SMP_WRAP:-}
NCONC=50
NCRASH=200
HOLD=13
[ -n "$WRAP" ] && { NCONC=10; NCRASH=20; HOLD=30; }

pass() { echo "PASS write $*"; }
fail() { echo "FAIL write $*"; }
# A tool that hangs is killed (exit 137) rather than hanging the suite.
TMO=30
[ -n "$WRAP" ] && TMO=300
heal() {
	timeout -s KILL $TMO $WRAP "$HEAL" --clinic "$CLINIC" --today "$TODAY" "$@"
}
# Does FILE still load (exit 0 or 1, not 65)?  Reading is the golden
# tests' business under valgrind, so this one runs bare.
loads() {
	timeout -s KILL $TMO "$HEAL" --clinic "$CLINIC" --today "$TODAY" "$1" \
	    > /dev/null 2>&1 < /dev/null
}
loads_ok() { loads "$1"; [ $? -le 1 ]; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
first() { head -n 1 "$1" | cut -c 1-200; }
# Files whose names end in .yaml or .yml in folder $1, other than $2.
strays() {
	for x in "$1"/*.yaml "$1"/*.yml "$1"/.*.yaml "$1"/.*.yml; do
		[ -e "$x" ] && [ "$x" != "$1/$2" ] && printf '%s ' "${x##*/}"
	done
}
temps() { ls -A "$1" | grep -c "^\.$2\.......\$"; }

T0=$(now_ms)
if ! [ -x "$HEAL" ]; then
	fail "setup: no $HEAL (run make)"
	exit 1
fi
if ! $PY -c 'import yaml' 2>/dev/null; then
	fail "setup: $PY cannot import yaml (python3-yaml)"
	exit 1
fi

# The YAML 1.1 reader's view.  A manifest line is: label, old file, new
# file, file with the note's exact bytes, --log's exit, its stderr, and
# the exit of smp-heal reading the new file.  The new file must read as
# the old client with exactly one more healing entry {date, session (the
# latest done, if any), note} and nothing else changed.
cat > "$W/check.py" <<'EOF'
import datetime, sys, yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
def load(path, fast=False):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=Loader if fast else yaml.SafeLoader)

def check(old, new, notefile, rc, err, loadrc):
    if rc != "0":
        with open(err, errors="replace") as f:
            return "--log exited %s: %s" % (rc, f.read().strip()[:200])
    if loadrc not in ("0", "1"):
        return "smp-heal cannot read the new file (exit %s)" % loadrc
    with open(notefile, "rb") as f:
        note = f.read().decode("utf-8")
    try:
        o, n = load(old), load(new)
    except yaml.YAMLError as e:
        return "PyYAML: %s" % str(e).replace("\n", " ")[:200]
    oh = o.get("healing") or []
    nh = n.get("healing")
    if not isinstance(nh, list) or len(nh) != len(oh) + 1:
        return "healing is %r, want the old %d entries + 1" % (nh, len(oh))
    done = [s["n"] for s in o.get("sessions") or [] if s.get("status") == "done"]
    want = {"date": datetime.date(2026, 11, 22), "note": note}
    if done:
        want["session"] = max(done)
    if nh[-1] != want:
        return "new entry reads %r, want %r" % (nh[-1], want)
    if nh[:-1] != oh:
        return "the old entries changed"
    o.pop("healing", None)
    n.pop("healing", None)
    if o != n or list(o) != list(n):
        diff = [k for k in set(o) | set(n) if o.get(k) != n.get(k)]
        return "other fields changed: %s" % diff
    return None

def manifest(path):
    for line in open(path, encoding="utf-8"):
        label, *rest = line.rstrip("\n").split("\t")
        why = check(*rest)
        print("PASS write %s" % label if why is None else
              "FAIL write %s: %s" % (label, why))

def notes(path, prefix, count, base):
    """every note prefix1..prefixN exactly once, the base entries kept"""
    n = load(path, True)["healing"]
    b = load(base, True)["healing"]
    got = [e.get("note") for e in n]
    bad = ["%s%d x%d" % (prefix, i, got.count("%s%d" % (prefix, i)))
           for i in range(1, count + 1) if got.count("%s%d" % (prefix, i)) != 1]
    if n[:len(b)] != b:
        bad.append("the old entries changed")
    if len(n) != len(b) + count:
        bad.append("%d entries, want %d" % (len(n), len(b) + count))
    print(", ".join(bad) if bad else "ok")

def big(src, out, count):
    """a ~500 KB client: src plus count healing entries"""
    text = open(src, encoding="utf-8").read()
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
        for i in range(count):
            f.write("  - date: 2026-11-%02d\n    session: 1\n    note: entry %d,"
                    " crusts shedding, mild itch, slept on a clean pillowcase\n"
                    % (i % 28 + 1, i))

def ignore(folder, mode, other):
    """a writer that ignores the lock: the moment the tool's temporary
    file appears, append to the file in place or rename a new one over"""
    import os, time
    target = os.path.join(folder, "c.yaml")
    open(os.path.join(folder, "ready"), "w").close()
    end = time.time() + 60
    while time.time() < end and not os.path.exists(os.path.join(folder, "stop")):
        tmp = [n for n in os.listdir(folder) if n.startswith(".c.yaml.")]
        if tmp:
            if mode == "append":
                with open(target, "a") as f:
                    f.write(other + "\n")
            else:
                os.replace(os.path.join(folder, "o.tmp"), target)
            # "early" if the tool had not renamed yet: bar a gap of a few
            # system calls, its last look before the rename was to come
            early = os.path.exists(os.path.join(folder, tmp[0]))
            with open(os.path.join(folder, "acted"), "w") as f:
                f.write("early" if early else "late")
            return

cmd = sys.argv[1]
if cmd == "ignore":
    ignore(sys.argv[2], sys.argv[3], sys.argv[4])
elif cmd == "manifest":
    manifest(sys.argv[2])
elif cmd == "notes":
    notes(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
elif cmd == "big":
    big(sys.argv[2], sys.argv[3], int(sys.argv[4]))
elif cmd == "has":
    got = [e.get("note") for e in load(sys.argv[2], True).get("healing") or []]
    print(" ".join("%s:%d" % (w, got.count(w)) for w in sys.argv[3:]))
EOF
check() { $PY "$W/check.py" "$@"; }

# ---- 4a (started first, it waits out the lock limit in the background):
# a lock held for longer than the tool waits: exit 75 and nothing written.
mkdir -p "$W/longlock"
cp "$DATA/middle.yaml" "$W/longlock/c.yaml"
flock "$W/longlock/c.yaml" sh -c ': > "$1"; sleep $2' sh "$W/longlock/held" $HOLD &
LONG_HOLDER=$!
i=0
while [ ! -e "$W/longlock/held" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i+1)); done
(
	s=$(now_ms)
	heal --log "too late" "$W/longlock/c.yaml" > /dev/null 2> "$W/longlock/err"
	echo $? > "$W/longlock/rc"
	echo $(($(now_ms) - s)) > "$W/longlock/ms"
) &
LONG_TOOL=$!

# ---- 1. bytes ------------------------------------------------------------
B=$W/bytes
mkdir -p "$B"
: > "$B/manifest"
# One case: $1 label, $2 input, $3 expected, $4 changed lines allowed in
# diff (0: additions only), $5 the note.
bytes_case() {
	label=$1 in=$2 exp=$3 changed=$4 note=$5
	d=$B/$label
	mkdir -p "$d"
	cp "$in" "$d/c.yaml"
	printf '%s' "$note" > "$d/note"
	heal --log "$note" "$d/c.yaml" > "$d/out" 2> "$d/err" < /dev/null
	rc=$?
	loads "$d/c.yaml"
	loadrc=$?
	printf 'load %s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$in" "$d/c.yaml" \
	    "$d/note" "$rc" "$d/err" "$loadrc" >> "$B/manifest"
	if [ $rc -ne 0 ]; then
		fail "bytes $label: --log exited $rc: $(first "$d/err")"
		return
	fi
	diff "$in" "$d/c.yaml" > "$d/diff"
	removed=$(grep -c '^<' "$d/diff")
	added=$(grep -c '^>' "$d/diff")
	if ! cmp -s "$exp" "$d/c.yaml"; then
		fail "bytes $label: not the expected bytes; diff expected got:"
		diff "$exp" "$d/c.yaml" | cat -A | head -n 12
	elif [ "$removed" -gt "$changed" ] || [ "$added" -lt 1 ]; then
		fail "bytes $label: diff changes $removed old lines (allowed $changed)"
	else
		pass "bytes $label"
	fi
}
LC="light crusts"
FC="light crusts, less itch"
while read -r name changed note; do
	case $note in
	flow) note=$FC ;;
	*) note=$LC ;;
	esac
	bytes_case "$name" "$DATA/$name.yaml" "$DATA/$name.expected" \
	    "$changed" "$note"
done <<EOF
comments 0
middle 0
flow-sessions 0 flow
empty-flow 1
null 0
tilde 1
flow-list 1 flow
flow-multiline 1 flow
no-key 0
no-eol 1
no-eol-null 1
lukasz 0
block-scalars 0
block-before 0
indentless 0
four-space 0
unknown 0
bom 0
bom-no-key 0
doc-markers 0
EOF
# The same with CRLF line endings.
for name in comments tilde no-key flow-list empty-flow block-scalars; do
	note=$LC
	case $name in flow-*) note=$FC ;; esac
	sed 's/$/\r/' "$DATA/$name.yaml" > "$B/crlf-$name.in"
	sed 's/$/\r/' "$DATA/$name.expected" > "$B/crlf-$name.exp"
	changed=0
	case $name in tilde|flow-list|empty-flow) changed=1 ;; esac
	bytes_case "crlf-$name" "$B/crlf-$name.in" "$B/crlf-$name.exp" \
	    "$changed" "$note"
done

# Notes that need quoting, in a block list and in a flow list: each must
# read back in PyYAML as the very same string.
TAB=$(printf '\t')
CR=$(printf '\r')
NL='
'
NEL=$(printf '\302\205')
LS=$(printf '\342\200\250')
mknote() {
	case $1 in
	yes) n=yes ;;
	no) n=no ;;
	Off) n=Off ;;
	zeros) n=01234 ;;
	time) n=12:30 ;;
	date) n=2026-11-22 ;;
	float) n=1e3 ;;
	colon) n='a: b' ;;
	hash) n='# x' ;;
	space-hash) n='itch #2 gone' ;;
	lead-space) n=' leading space' ;;
	trail-space) n='trailing space ' ;;
	tab) n="a${TAB}tab" ;;
	newline) n="line 1${NL}line 2" ;;
	final-newline) n="text${NL}" ;;
	cr) n="a${CR}b" ;;
	quotes) n='she said "ok" \ C:\dir\ '"'"'single'"'" ;;
	backslash-n) n='a\nb' ;;
	comma) n='a, b' ;;
	brackets) n='[x] {y}, z' ;;
	tilde) n='~' ;;
	null) n=null ;;
	dash) n='- dash' ;;
	star) n='*anchor' ;;
	polish) n='swędzi, ale mniej — Łukasz Wójcik' ;;
	inf) n=.inf ;;
	nan) n=.NaN ;;
	equals) n='=' ;;
	merge) n='<<' ;;
	timestamp) n='2026-11-22 10:00:00' ;;
	nel) n="a${NEL}b" ;;
	line-sep) n="a${LS}b" ;;
	esac
}
N=$W/notes
mkdir -p "$N"
# No expected bytes here, only the reader's view: the file ends inside a
# clip block scalar without a newline, so adding text after it changes
# that scalar's value unless the new key goes elsewhere.
d=$B/block-eof
mkdir -p "$d"
cp "$DATA/block-eof.yaml" "$d/c.yaml"
printf '%s' "$LC" > "$d/note"
heal --log "$LC" "$d/c.yaml" > /dev/null 2> "$d/err" < /dev/null
rc=$?
loads "$d/c.yaml"
printf 'load %s\t%s\t%s\t%s\t%s\t%s\t%s\n' block-eof "$DATA/block-eof.yaml" \
    "$d/c.yaml" "$d/note" "$rc" "$d/err" "$?" >> "$B/manifest"

# The two lists run side by side.
notes_in() {
	ctx=$1
	base=$DATA/middle.yaml
	[ $ctx = flow ] && base=$DATA/flow-list.yaml
	for label in yes no Off zeros time date float colon hash space-hash \
	    lead-space trail-space tab newline final-newline cr quotes \
	    backslash-n comma brackets tilde null dash star polish inf nan \
	    equals merge timestamp nel line-sep; do
		mknote $label
		f=$N/$ctx-$label
		cp "$base" "$f.yaml"
		printf '%s' "$n" > "$f.note"
		heal --log "$n" "$f.yaml" > /dev/null 2> "$f.err" < /dev/null
		rc=$?
		loads "$f.yaml"
		printf 'note %s %s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ctx" "$label" \
		    "$base" "$f.yaml" "$f.note" "$rc" "$f.err" "$?" \
		    >> "$N/manifest-$ctx"
	done
}
notes_in block &
nb=$!
notes_in flow &
nf=$!
wait $nb $nf
cat "$N/manifest-block" "$N/manifest-flow" >> "$B/manifest"
check manifest "$B/manifest"
T1=$(now_ms)

# ---- 2. modes and links ----------------------------------------------------
M=$W/modes
mkdir -p "$M"
cp "$DATA/middle.yaml" "$M/m.yaml"
chmod 0640 "$M/m.yaml"
heal --log "$LC" "$M/m.yaml" > /dev/null 2> "$M/err"
rc=$?
mode=$(stat -c %a "$M/m.yaml")
if [ $rc = 0 ] && [ "$mode" = 640 ] && cmp -s "$M/m.yaml" "$DATA/middle.expected"; then
	pass "mode 0640 kept"
else
	fail "mode 0640 kept: exit $rc, mode now $mode $(first "$M/err")"
fi
if [ "$(id -u)" = 0 ]; then
	cp "$DATA/middle.yaml" "$M/o.yaml"
	chown 65534:65534 "$M/o.yaml"
	heal --log "$LC" "$M/o.yaml" > /dev/null 2>&1
	rc=$?
	own=$(stat -c %u:%g "$M/o.yaml")
	if [ $rc = 0 ] && [ "$own" = 65534:65534 ]; then
		pass "owner kept"
	else
		fail "owner kept: exit $rc, owner now $own, was 65534:65534"
	fi
fi

# A relative symlink in another folder: the link stays, the target changes.
mkdir -p "$M/real" "$M/links"
cp "$DATA/middle.yaml" "$M/real/c.yaml"
chmod 0600 "$M/real/c.yaml"
ln -s ../real/c.yaml "$M/links/c.yaml"
heal --log "$LC" "$M/links/c.yaml" > /dev/null 2> "$M/err"
rc=$?
if [ $rc = 0 ] && [ -L "$M/links/c.yaml" ] &&
    [ "$(readlink "$M/links/c.yaml")" = ../real/c.yaml ] &&
    cmp -s "$M/real/c.yaml" "$DATA/middle.expected" &&
    [ "$(stat -c %a "$M/real/c.yaml")" = 600 ] &&
    [ "$(ls -A "$M/links")" = c.yaml ] && [ "$(ls -A "$M/real")" = c.yaml ]; then
	pass "symlink written through"
else
	fail "symlink written through: exit $rc $(first "$M/err");" \
	    "links/: $(ls -lA "$M/links" | tail -n +2 | tr '\n' ' ')" \
	    "real/: $(ls -A "$M/real" | tr '\n' ' ')"
fi

# A read-only folder: 73, nothing changed.  root writes anywhere, so it
# drops the capabilities that let it.
mkdir -p "$M/ro"
cp "$DATA/middle.yaml" "$M/ro/c.yaml"
chmod 0555 "$M/ro"
asuser=
if [ "$(id -u)" = 0 ]; then
	asuser="setpriv --bounding-set=-dac_override,-dac_read_search,-fowner --inh-caps=-all"
	command -v setpriv > /dev/null || asuser=none
fi
if [ "$asuser" = none ]; then
	echo "SKIP write read-only folder: root without setpriv"
else
	$asuser timeout -s KILL $TMO $WRAP "$HEAL" --clinic "$CLINIC" --today $TODAY --log "$LC" \
	    "$M/ro/c.yaml" > /dev/null 2> "$M/err"
	rc=$?
	if [ $rc = 73 ] && cmp -s "$M/ro/c.yaml" "$DATA/middle.yaml" &&
	    [ "$(ls -A "$M/ro")" = c.yaml ]; then
		pass "read-only folder: exit 73, file unchanged"
	else
		fail "read-only folder: exit $rc (want 73) $(first "$M/err")"
	fi
fi
chmod 0755 "$M/ro"

# Files with an error are never written.
printf '{smp: 1, id: c-flow, name: Flo}\n' > "$M/flowmap.in"
printf 'smp: 1\nid: c-syn\nname: [unclosed\nhealing:\n' > "$M/syntax.in"
for f in "$TOP/tests/data/heal/bad-date.yaml" "$TOP/tests/data/heal/dup-key.yaml" \
    "$TOP/tests/data/heal/bad-minutes.yaml" "$M/flowmap.in" "$M/syntax.in"; do
	n=$(basename "$f")
	n=${n%.*}
	cp "$f" "$M/bad-$n.yaml"
	heal --log "$LC" "$M/bad-$n.yaml" > /dev/null 2> "$M/err"
	rc=$?
	if [ $rc = 65 ] && cmp -s "$f" "$M/bad-$n.yaml"; then
		pass "file with an error not written ($n)"
	else
		fail "file with an error not written ($n): exit $rc (want 65)," \
		    "$(cmp -s "$f" "$M/bad-$n.yaml" && echo unchanged || echo CHANGED)"
	fi
done

# A file just under the loader's cap on values: the new entry takes it
# over, so --log must refuse cleanly (nothing written, one clear message).
cap_file() {
	awk -v pad="$1" 'BEGIN { printf "smp: 1\nid: c-cap\nname: Cap\nx: [0"
		for (i = 1; i < pad; i++) printf ",0"; printf "]\n" }' > "$M/cap.yaml"
}
lo=1000 hi=300000
cap_file $hi
if loads_ok "$M/cap.yaml"; then
	pass "value cap: none below $hi values"
else
	while [ $((hi - lo)) -gt 1 ]; do
		mid=$(((lo + hi) / 2))
		cap_file $mid
		if loads_ok "$M/cap.yaml"; then lo=$mid; else hi=$mid; fi
	done
	cap_file $lo
	cp "$M/cap.yaml" "$M/cap.orig"
	heal --log "$LC" "$M/cap.yaml" > /dev/null 2> "$M/err"
	rc=$?
	twice=$(grep -o 'would not read back' "$M/err" | wc -l)
	if [ $rc != 0 ] && [ $rc -lt 128 ] && cmp -s "$M/cap.yaml" "$M/cap.orig" &&
	    [ "$twice" -le 1 ]; then
		pass "file at the value cap ($lo): exit $rc, nothing written"
	else
		fail "file at the value cap ($lo): exit $rc, $(cmp -s "$M/cap.yaml" \
		    "$M/cap.orig" && echo unchanged || echo CHANGED), message:" \
		    "$(first "$M/err")"
	fi
fi

# --session 9 that does not exist: nothing written.
cp "$DATA/middle.yaml" "$M/s9.yaml"
heal --log "$LC" --session 9 "$M/s9.yaml" > /dev/null 2> "$M/err"
rc=$?
if [ $rc != 0 ] && [ $rc -lt 128 ] && cmp -s "$M/s9.yaml" "$DATA/middle.yaml"; then
	pass "--session 9 missing: exit $rc, nothing written"
else
	fail "--session 9 missing: exit $rc, file $(cmp -s "$M/s9.yaml" \
	    "$DATA/middle.yaml" && echo unchanged || echo CHANGED)"
fi
T2=$(now_ms)

# ---- 3. concurrency ------------------------------------------------------
C=$W/conc
mkdir -p "$C/c" "$C/out"
cp "$DATA/middle.yaml" "$C/c/c.yaml"
pids=
i=1
while [ $i -le $NCONC ]; do
	( heal --log "note $i" "$C/c/c.yaml" > "$C/out/$i" 2>&1
	  echo $? > "$C/out/rc.$i" ) &
	pids="$pids $!"
	i=$((i + 1))
done
wait $pids
bad=
i=1
while [ $i -le $NCONC ]; do
	rc=$(cat "$C/out/rc.$i" 2>/dev/null)
	[ "$rc" = 0 ] || bad="$bad note-$i:exit-$rc($(first "$C/out/$i"))"
	i=$((i + 1))
done
loads "$C/c/c.yaml"
loadrc=$?
got=$(check notes "$C/c/c.yaml" "note " $NCONC "$DATA/middle.yaml" 2>&1)
s=$(strays "$C/c" c.yaml)
T3=$(now_ms)
if [ -z "$bad" ] && [ "$got" = ok ] && [ $loadrc -le 1 ] && [ -z "$s" ] &&
    [ "$(ls -A "$C/c")" = c.yaml ]; then
	pass "$NCONC concurrent writers: every entry once, all exit 0 ($((T3 - T2)) ms)"
else
	fail "$NCONC concurrent writers: exits:${bad:- all 0}; entries: $got;" \
	    "load exit $loadrc; folder: $(ls -A "$C/c" | tr '\n' ' ')"
fi

# ---- 4. changed under us -------------------------------------------------
L=$W/lock
# A held lock: wait, then succeed (or 75 after the wait limit).
mkdir -p "$L/held"
cp "$DATA/middle.yaml" "$L/held/c.yaml"
flock "$L/held/c.yaml" sh -c ': > "$1"; sleep 2' sh "$L/held/ready" &
holder=$!
i=0
while [ ! -e "$L/held/ready" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i+1)); done
s=$(now_ms)
heal --log "$LC" "$L/held/c.yaml" > /dev/null 2> "$L/err"
rc=$?
ms=$(($(now_ms) - s))
wait $holder
if [ $rc = 0 ] && [ $ms -ge 1500 ] && cmp -s "$L/held/c.yaml" "$DATA/middle.expected"; then
	pass "lock held 2 s: waited $ms ms, then wrote"
elif [ $rc = 75 ] && cmp -s "$L/held/c.yaml" "$DATA/middle.yaml"; then
	pass "lock held 2 s: exit 75 after $ms ms, nothing written"
else
	fail "lock held 2 s: exit $rc after $ms ms $(first "$L/err")"
fi

# The lock holder replaces the file (a new inode) while we wait: we must
# add to the new file, or refuse with 75.
OTHER='  - date: 2026-11-21
    session: 1
    note: other writer'
mkdir -p "$L/swap"
cp "$DATA/base.yaml" "$L/swap/c.yaml"
flock "$L/swap/c.yaml" sh -c ': > "$1"; sleep 1
	cp "$2" "$2.tmp" && printf "%s\n" "$3" >> "$2.tmp" && mv "$2.tmp" "$2"
	sleep 0.5' sh "$L/swap/ready" "$L/swap/c.yaml" "$OTHER" &
holder=$!
i=0
while [ ! -e "$L/swap/ready" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i+1)); done
heal --log "mine" "$L/swap/c.yaml" > /dev/null 2> "$L/err"
rc=$?
wait $holder
got=$(check has "$L/swap/c.yaml" "other writer" mine)
if [ $rc = 0 ] && [ "$got" = "other writer:1 mine:1" ]; then
	pass "file replaced while waiting: both entries kept"
elif [ $rc = 75 ] && [ "$got" = "other writer:1 mine:0" ]; then
	pass "file replaced while waiting: clean 75, other entry kept"
else
	fail "file replaced while waiting: exit $rc, entries $got $(first "$L/err")"
fi

# A writer that ignores the lock changes the file the moment our temporary
# file appears (after the tool read the file, before its rename): the
# change must survive, or the tool must say 75.  It appends in place, or
# renames a new file (another inode) over.
$PY "$W/check.py" big "$DATA/base.yaml" "$W/big.yaml" 4300
for mode in append replace; do
	lost=0 r0=0 r75=0 missed=0 theirs=0 late=0 other=
	for k in 1 2 3 4 5; do
		d=$L/ign-$mode-$k
		mkdir -p "$d"
		cp "$W/big.yaml" "$d/c.yaml"
		# the replacement is made beforehand: only the rename is left
		cp "$W/big.yaml" "$d/o.tmp"
		printf '%s\n' "$OTHER" >> "$d/o.tmp"
		check ignore "$d" $mode "$OTHER" &
		ig=$!
		i=0
		while [ ! -e "$d/ready" ] && [ $i -lt 500 ]; do
			sleep 0.01
			i=$((i + 1))
		done
		heal --log "mine" "$d/c.yaml" > /dev/null 2> "$d/err"
		rc=$?
		: > "$d/stop"
		wait $ig
		if [ ! -e "$d/acted" ]; then
			missed=$((missed + 1))
			continue
		fi
		got=$(check has "$d/c.yaml" "other writer" mine)
		case "$mode $rc $got" in
		*" 0 other writer:1 mine:1") r0=$((r0 + 1)) ;;
		*" 75 other writer:1 mine:0") r75=$((r75 + 1)) ;;
		# the ignorer renamed after our rename: its own race, which no
		# lock it ignores can prevent
		"replace 0 other writer:1 mine:0") theirs=$((theirs + 1)) ;;
		# too late to tell: the tool may have had its last look
		*) if [ "$(cat "$d/acted")" = late ]; then
			late=$((late + 1))
		   else
			lost=$((lost + 1))
			other="$other [exit $rc: $got]"
		   fi ;;
		esac
	done
	tally="$r0 kept both, $r75 exit 75, $theirs lost to the ignorer's own race, $late lost too late to tell, $missed missed the window"
	if [ $lost = 0 ]; then
		pass "lock ignored ($mode while we write): $tally"
	else
		fail "lock ignored ($mode while we write): $lost of 5 lost the" \
		    "other writer's entry:$other ($tally); it changed the file" \
		    "after the tool's check and before its rename"
	fi
done
T4=$(now_ms)

# ---- 5. crash safety -----------------------------------------------------
K=$W/crash
mkdir -p "$K/d"
cp "$W/big.yaml" "$K/d/c.yaml"
cp "$W/big.yaml" "$K/state"
# How long one write takes (the slowest of three), to spread the kills
# over it.
cp "$W/big.yaml" "$K/probe.yaml"
t=5
for k in 1 2 3; do
	s=$(now_ms)
	heal --log "probe" "$K/probe.yaml" > /dev/null 2>&1
	s=$(($(now_ms) - s))
	[ $s -gt $t ] && t=$s
done
SEED=${SMP_TEST_SEED:-$(date +%s)}
awk -v seed="$SEED" -v n="$NCRASH" -v t="$t" 'BEGIN { srand(seed)
	for (i = 1; i <= n; i++) printf "%.4f\n", (0.5 + rand() * t * 1.3) / 1000 }' \
    > "$K/delays"
old=0 new=0 mixed= stray=
i=0
while read -r delay; do
	i=$((i + 1))
	timeout -s KILL "$delay" $WRAP "$HEAL" --clinic "$CLINIC" --today $TODAY \
	    --log "kill $i" "$K/d/c.yaml" > /dev/null 2>&1 < /dev/null
	printf '  - date: %s\n    session: 1\n    note: kill %d\n' $TODAY $i |
	    cat "$K/state" - > "$K/next"
	if cmp -s "$K/d/c.yaml" "$K/state"; then
		old=$((old + 1))
	elif cmp -s "$K/d/c.yaml" "$K/next"; then
		new=$((new + 1))
		mv "$K/next" "$K/state"
	else
		mixed="kill $i after ${delay}s: $(cmp "$K/d/c.yaml" "$K/state" 2>&1 | head -n 1)"
		break
	fi
	s=$(strays "$K/d" c.yaml)
	if [ -n "$s" ]; then
		stray="after kill $i: $s"
		break
	fi
done < "$K/delays"
loads "$K/d/c.yaml"
loadrc=$?
left=$(temps "$K/d" c.yaml)
T5=$(now_ms)
if [ -z "$mixed" ] && [ -z "$stray" ] && [ $loadrc -le 1 ]; then
	pass "crash: $i SIGKILLs (${t} ms a write, seed $SEED): $old left the" \
	    "old file, $new the new one, $left temporary files left," \
	    "$((T5 - T4)) ms"
else
	fail "crash: ${mixed:-}${stray:+stray files $stray} (load exit $loadrc," \
	    "seed $SEED)"
fi

# ulimit -f: the new file cannot be written.  Exit 73, old file intact,
# nothing left behind.
# valgrind writes files of its own at start, so under SMP_WRAP a limit of
# 0 would stop valgrind, not the tool.
ulimits="big small"
[ -n "$WRAP" ] && ulimits=big
for what in $ulimits; do
	d=$K/ulimit-$what
	mkdir -p "$d"
	if [ $what = big ]; then
		cp "$W/big.yaml" "$d/c.yaml"
		lim=100
	else
		cp "$DATA/base.yaml" "$d/c.yaml"
		lim=0
	fi
	cp "$d/c.yaml" "$d/orig"
	( ulimit -f $lim && exec timeout -s KILL $TMO $WRAP "$HEAL" --clinic "$CLINIC" --today $TODAY \
	    --log "$LC" "$d/c.yaml" ) > /dev/null 2> "$d/err"
	rc=$?
	s=$(strays "$d" c.yaml)
	if [ $rc = 73 ] && cmp -s "$d/c.yaml" "$d/orig" && [ -z "$s" ]; then
		pass "ulimit -f $lim ($what file): exit 73, file intact," \
		    "$(temps "$d" c.yaml) temporary files left"
	else
		fail "ulimit -f $lim ($what file): exit $rc (want 73)," \
		    "$(cmp -s "$d/c.yaml" "$d/orig" && echo intact || echo CHANGED)," \
		    "strays: ${s:-none} $(first "$d/err")"
	fi
done

# ---- 4a, collected -------------------------------------------------------
wait $LONG_TOOL
wait $LONG_HOLDER
rc=$(cat "$W/longlock/rc")
ms=$(cat "$W/longlock/ms")
if [ "$rc" = 75 ] && [ "$ms" -ge 9000 ] &&
    cmp -s "$W/longlock/c.yaml" "$DATA/middle.yaml"; then
	pass "lock held past the wait limit: exit 75 after $ms ms, nothing written"
else
	fail "lock held past the wait limit: exit $rc after $ms ms" \
	    "$(first "$W/longlock/err")"
fi
T6=$(now_ms)
echo "timing: bytes+notes $((T1 - T0)) ms, modes $((T2 - T1)) ms," \
    "concurrency $((T3 - T2)) ms, lock $((T4 - T3)) ms," \
    "crash+ulimit $((T5 - T4))+$((T6 - T5)) ms, total $((T6 - T0)) ms"
