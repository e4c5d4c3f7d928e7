#!/bin/sh
# Every man page passes Debian mandoc's lint at warning level.
TOP=${TOP:-$(pwd)}
for m in "$TOP"/share/man/man1/*.1 "$TOP"/share/man/man5/*.5; do
	out=$(mandoc -Tlint -W warning "$m" 2>&1)
	if [ -z "$out" ]; then echo "PASS man $(basename "$m")"
	else echo "FAIL man $(basename "$m"): $out"; fi
done
