#!/bin/sh
# `make install` puts every file where a Debian packager expects it, and
# `make uninstall` takes every one of them back.
TOP=${TOP:-$(pwd)}
BUILD=${BUILD:-$TOP/build}
WORK=${WORK:-$(mktemp -d)}
dest=$WORK/destdir
rm -rf "$dest"
# A build tree of its own, with the default flags: the one under test may
# be a sanitizer build, which a relink for PREFIX=/usr would break.
BUILD=$WORK/build-install
make -s -j2 -C "$TOP" BUILD="$BUILD" DESTDIR="$dest" PREFIX=/usr install \
    > "$WORK/install.log" 2>&1 || { echo "FAIL install: make install failed"; cat "$WORK/install.log"; exit 1; }

expect() {
	if [ -f "$dest/$1" ]; then echo "PASS install $1"; else echo "FAIL install $1 missing"; fi
}
for b in "$BUILD"/smp-*; do
	[ -x "$b" ] && expect "usr/bin/$(basename "$b")"
done
for m in "$TOP"/share/man/man1/*.1; do expect "usr/share/man/man1/$(basename "$m")"; done
expect usr/share/man/man5/smp-client.5
expect usr/share/man/man5/smp-clinic.5
expect usr/share/smp/clinic.yaml
expect usr/share/doc/smp-tools/README.md
expect usr/share/doc/smp-tools/examples/clinic.yaml

# Nothing may land outside the FHS places a package uses.
stray=$(cd "$dest" && find . -type f | grep -vE '^\./usr/(bin|share/(man|smp|doc|locale))/')
if [ -z "$stray" ]; then echo "PASS install nothing outside usr/{bin,share}"; else echo "FAIL install stray files: $stray"; fi
# The installed clinic.yaml spells out the built-in defaults: with it and
# with no clinic file at all, the tools give the same answers.
c=$TOP/share/examples/clients/c-0042.yaml
a=$(cd "$WORK" && HOME=$WORK SOURCE_DATE_EPOCH=1 "$BUILD/smp-heal" --today 2026-11-08 \
    --ics - --clinic "$dest/usr/share/smp/clinic.yaml" "$c" 2>&1)
b=$(cd "$WORK" && HOME=$WORK SOURCE_DATE_EPOCH=1 "$BUILD/smp-heal" --today 2026-11-08 \
    --ics - "$c" 2>&1)
if [ -n "$a" ] && [ "$a" = "$b" ]; then
	echo "PASS install clinic.yaml gives the built-in defaults"
else
	echo "FAIL install clinic.yaml and the built-in defaults disagree"
fi

make -s -C "$TOP" BUILD="$BUILD" DESTDIR="$dest" PREFIX=/usr uninstall \
    > "$WORK/uninstall.log" 2>&1 || echo "FAIL uninstall: make uninstall failed"
left=$(find "$dest" -type f)
if [ -z "$left" ]; then echo "PASS uninstall removes every file"; else echo "FAIL uninstall left: $left"; fi
