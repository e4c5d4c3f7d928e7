#!/bin/sh
# smp-aftercare beyond its golden sheets (tests/golden/aftercare-*):
#  1. wrapping: at every width each line fits, counted by Python's own
#     Unicode tables (wide 2, combining 0), and only whitespace moves;
#  2. the Polish sheet comes out Polish whatever the caller's locale says,
#     on a machine with no Polish locale generated;
#  3. a clinic adds a catalog for its own language without touching C;
#  4. the catalogs: the .pot matches the sources, pl.po is complete and
#     keeps every {placeholder};
#  5. html: only the page's own tags and attributes, nothing to load, all
#     client markup shown as text;
#  6. the calendar carries no name, note, condition or personal instruction.
# Prints "PASS aftercare ..." or "FAIL aftercare ...: detail" per check.
set -u
TOP=${TOP:-$(pwd)}
BUILD=${BUILD:-$TOP/build}
WORK=${WORK:-$(mktemp -d)}
PY=/usr/bin/python3
D=$TOP/tests/data/aftercare
T=$WORK/aftercare
rm -rf "$T"
mkdir -p "$T/home"
export HOME="$T/home" TZ=UTC LC_ALL=C.UTF-8 SMP_LOCALEDIR="$BUILD/locale" \
    SOURCE_DATE_EPOCH=1763769600
unset SMP_CLINIC XDG_CONFIG_HOME SMP_TODAY LANGUAGE
AC="${SMP_WRAP:-} $BUILD/smp-aftercare"
PL="--clinic $D/clinic-north-pl.yaml --today 2027-02-01"

pass() { echo "PASS aftercare $*"; }
fail() { echo "FAIL aftercare $*"; }
check() { name=$1; shift; if "$@" > "$T/check.out" 2>&1; then pass "$name"
	else fail "$name: $(head -c 600 "$T/check.out")"; fi; }

# 1. Every line within the width, and the words the same at any width.
cat > "$T/widths.py" <<'EOF'
import re, sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ('Mn', 'Me')
               else 2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
def words(text):
    lines = [l for l in text.split('\n') if not re.fullmatch(r'[=-]+', l)]
    return re.sub(r'\s+', '', ''.join(lines))
w, narrow, wide = int(sys.argv[1]), open(sys.argv[2]).read(), open(sys.argv[3]).read()
bad = [l for l in narrow.split('\n') if width(l) > w]
if bad:
    sys.exit('%d lines over %d columns, first: %r' % (len(bad), w, bad[0]))
if words(narrow) != words(wide):
    sys.exit('wrapping at %d changed more than whitespace' % w)
if any(l != l.rstrip() for l in narrow.split('\n')):
    sys.exit('trailing whitespace at %d' % w)
EOF
for f in width escape january complete; do
	$AC $PL -w 1000 "$D/$f.yaml" > "$T/$f-1000.txt" 2>&1
	for w in 20 23 31 40 57 72 99; do
		$AC $PL -w $w "$D/$f.yaml" > "$T/$f-$w.txt" 2>&1
		check "wrap $f.yaml at $w columns" \
		    $PY "$T/widths.py" $w "$T/$f-$w.txt" "$T/$f-1000.txt"
	done
done

# 2. Polish whatever the environment: no LANG at all, C, POSIX, a Polish
# locale that is not generated, a LANGUAGE that asks for German.
env -i PATH="$PATH" SMP_LOCALEDIR="$SMP_LOCALEDIR" HOME="$HOME" \
    $AC $PL "$D/complete.yaml" > "$T/pl-ref.txt" 2>&1
if grep -q "16 listopada 2026 włącznie" "$T/pl-ref.txt"; then
	pass "Polish with an empty environment"
else
	fail "Polish with an empty environment: $(head -n 8 "$T/pl-ref.txt")"
fi
for e in "LC_ALL=C" "LC_ALL=POSIX" "LANG=pl_PL.UTF-8" "LC_ALL=pl_PL.UTF-8" \
    "LANGUAGE=de:en" "LC_MESSAGES=C LANGUAGE=en" "LC_ALL=C.UTF-8 LANGUAGE=de"; do
	env -i PATH="$PATH" SMP_LOCALEDIR="$SMP_LOCALEDIR" HOME="$HOME" $e \
	    $AC $PL "$D/complete.yaml" > "$T/pl.txt" 2>&1
	check "the same Polish sheet with $e" cmp "$T/pl-ref.txt" "$T/pl.txt"
done
env -i PATH="$PATH" HOME="$HOME" SMP_LOCALEDIR="$T/nowhere" \
    $AC $PL "$D/complete.yaml" > "$T/nocat.txt" 2>&1
check "no catalog found: English, exit 0" grep -q "^Aftercare after your" "$T/nocat.txt"

# 3. A clinic's own catalog, dropped into a locale folder: German.
mkdir -p "$T/locale/de/LC_MESSAGES"
cat > "$T/de.po" <<'EOF'
msgid ""
msgstr ""
"Project-Id-Version: smp-tools 0.1.0\n"
"PO-Revision-Date: 2026-11-22 12:00+0100\n"
"Last-Translator: A clinic\n"
"Language-Team: German\n"
"Language: de\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Aftercare after your SMP treatment"
msgstr "Pflegehinweise nach Ihrer SMP-Behandlung"

msgctxt "date"
msgid "{day} {month} {year}"
msgstr "{day}. {month} {year}"

msgctxt "month in a date"
msgid "November"
msgstr "November"

msgid "No shaving until {date}."
msgstr "Bis einschließlich {date} nicht rasieren."

msgctxt "language tag"
msgid "en"
msgstr "de"
EOF
msgfmt --check -o "$T/locale/de/LC_MESSAGES/smp-tools.mo" "$T/de.po"
SMP_LOCALEDIR=$T/locale $AC $PL "$D/lang-de.yaml" > "$T/de.txt" 2>&1
check "a clinic's German catalog: title" grep -q "^Pflegehinweise nach Ihrer SMP-Behandlung$" "$T/de.txt"
check "a clinic's German catalog: its date order" \
    grep -q "^- Bis einschließlich 7. November 2026 nicht rasieren.$" "$T/de.txt"
SMP_LOCALEDIR=$T/locale $AC $PL -f html "$D/lang-de.yaml" > "$T/de.html" 2>&1
check "a clinic's German catalog: html lang" grep -q '^<html lang="de">$' "$T/de.html"

# 4. The catalogs against the sources.
make -s -C "$TOP" POT="$T/fresh.pot" pot > "$T/pot.log" 2>&1
check "smp-tools.pot has every msgid of the sources" \
    msgcmp --use-untranslated "$T/fresh.pot" "$TOP/share/locale/smp-tools.pot"
check "smp-tools.pot has no msgid the sources dropped" \
    msgcmp --use-untranslated "$TOP/share/locale/smp-tools.pot" "$T/fresh.pot"
for po in "$TOP"/share/locale/po/*.po; do
	l=$(basename "$po" .po)
	check "$l.po translates every msgid" msgcmp "$po" "$T/fresh.pot"
	msgfmt --check --statistics -o /dev/null "$po" 2> "$T/stats"
	check "$l.po has no fuzzy or untranslated entry" \
	    grep -qvE "fuzzy|untranslated" "$T/stats"
	check "$l.po keeps every {placeholder}" $PY - "$po" <<'EOF'
import re, sys
entries = open(sys.argv[1]).read().split('\n\n')
def field(e, name):
    parts = re.findall(r'^%s "(.*)"\n((?:".*"\n?)*)' % re.escape(name), e + '\n', re.M)
    return [p[0] + ''.join(re.findall(r'"(.*)"', p[1])) for p in parts]
bad = []
for e in entries:
    ids = field(e, 'msgid')
    if not ids or ids[0] == '':
        continue
    want = set(re.findall(r'\{\w+\}', ids[0]))
    strs = field(e, 'msgstr') + [s for i in range(4) for s in field(e, 'msgstr[%d]' % i)]
    for s in strs:
        if set(re.findall(r'\{\w+\}', s)) != want:
            bad.append((ids[0], s))
if bad:
    sys.exit('placeholders differ: %r' % bad[:3])
EOF
done

# 5. The html page: its own tags and attributes only, nothing to fetch.
cat > "$T/page.py" <<'EOF'
import sys
from html.parser import HTMLParser
TAGS = {'html', 'head', 'meta', 'title', 'style', 'body', 'main', 'p', 'h1',
        'h2', 'section', 'ul', 'li', 'time', 'br'}
ATTRS = {'lang', 'charset', 'name', 'content', 'http-equiv', 'class', 'datetime'}
VOID = {'meta', 'br'}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.errors = [], [], []
    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.errors.append('tag <%s>' % tag)
        for a, v in attrs:
            if a not in ATTRS:
                self.errors.append('attribute %s on <%s>' % (a, tag))
        if tag not in VOID:
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append('</%s> out of place' % tag)
    def handle_data(self, d):
        self.text.append(d)
p = P()
p.feed(open(sys.argv[1], encoding='utf-8').read())
p.close()
if p.stack:
    p.errors.append('unclosed %r' % p.stack)
text = ''.join(p.text)
for want in sys.argv[2:]:
    if want not in text:
        p.errors.append('text %r not shown' % want)
if p.errors:
    sys.exit('; '.join(p.errors[:5]))
EOF
$AC --clinic "$D/clinic-hostile.yaml" --today 2026-11-22 -f html \
    "$D/escape.yaml" > "$T/escape.html" 2>&1
check "html: hostile client and clinic stay text" $PY "$T/page.py" "$T/escape.html" \
    "<script>alert(\"pwned\")</script>" "<img src=x onerror=alert(1)>" \
    "&amp; &lt;not an entity&gt;" "O'Brien & <script>alert('name')</script>" \
    "Anna <em>Nowak</em> & 'Partner'" "</title><script>x()</script>"
for f in january july width complete; do
	$AC $PL -f html "$D/$f.yaml" > "$T/$f.html" 2>&1
	check "html: $f.yaml is a well-formed page of its own tags" \
	    $PY "$T/page.py" "$T/$f.html"
done

# 6. The calendar: generic rules only.
$AC $PL --ics "$T/jan.ics" "$D/january.yaml" > /dev/null 2>&1
tr -d '\r' < "$T/jan.ics" > "$T/jan.txt"
for word in Wiśniewski psoriasis "thin skin" poszewce crown X-WR VTODO; do
	check "calendar does not carry \"$word\"" sh -c "! grep -qi '$word' '$T/jan.txt'"
done
n=$(grep -c '^BEGIN:VEVENT' "$T/jan.txt")
for p in 'CLASS:PRIVATE' 'TRIGGER:PT9H' 'DTSTART;VALUE=DATE:' 'DTEND;VALUE=DATE:'; do
	check "calendar: $p on each of the $n events" \
	    test "$(grep -c "^$p" "$T/jan.txt")" = "$n"
done
check "calendar: 8 events" test "$n" = 8
