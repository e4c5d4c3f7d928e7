#!/bin/sh
# Installs the Debian packages smp-tools needs (as root), or prints the
# command to do it.  `deps.sh build` for building; `deps.sh test` adds
# what the test suite uses: the independent calendar parsers, valgrind,
# clang's sanitizer runtimes and mandoc.
set -eu
build="gcc make pkg-config libyaml-dev libical-dev libmimalloc-dev gettext"
test="$build python3 python3-icalendar python3-vobject python3-yaml
	valgrind clang libclang-rt-14-dev mandoc gettext util-linux"
case "${1:-build}" in
build) want=$build ;;
test) want=$test ;;
*) echo "usage: deps.sh build|test" >&2; exit 2 ;;
esac
missing=
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
# node and npm may come from outside Debian (with an npm of their own
# that Debian's npm package conflicts with): ask for the commands.
if [ "$1" = test ]; then
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "deps: installing$missing"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
	else
		echo "deps: missing Debian packages. Run, then try again:" >&2
		echo "  sudo apt-get install -y$missing" >&2
		exit 1
	fi
fi
# ical.js, Mozilla's parser, comes from the npm registry into the tree.
if [ "$1" = test ] && [ ! -d tests/ical/node_modules/ical.js ]; then
	echo "deps: npm install ical.js into tests/ical/node_modules"
	npm install --silent --no-audit --no-fund --prefix tests/ical >/dev/null
fi
exit 0
