#!/bin/sh
# Makes the hostile inputs that are too big or too odd to commit:
# `sh make-big.sh DIR` writes DIR/hostile/NAME.yaml for every NAME below.
# Each has a NAME.expect beside this script, like the committed cases.
# Plain POSIX sh and awk; the whole set takes well under a second.
set -eu
dir=${1:?usage: make-big.sh DIR}/hostile
mkdir -p "$dir"
cd "$dir"

head='smp: 1
id: c-9001
name: Test Client
timezone: Europe/Warsaw
'
sessions='sessions:
  - n: 1
    kind: base
    start: 2026-11-10 10:00
    status: done
'

# rep N STRING: STRING N times, no newline.
rep() {
	awk -v n="$1" -v s="$2" 'BEGIN {
		# by doubling: linear, where appending one at a time is not
		out = ""
		while (n > 0) {
			if (n % 2 == 1)
				out = out s
			n = int(n / 2)
			if (n > 0)
				s = s s
		}
		printf "%s", out
	}'
}

# 100,000 nested flow sequences and mappings: libyaml 0.2.5 has no
# nesting limit of its own (23 s here without the loader's cap).
{ printf '%s' "$head"; printf 'x: '; rep 100000 '['; printf '\n'; } \
    > deep-flow-seq.yaml
{ printf '%s' "$head"; printf 'x: '; rep 100000 '{a: '; printf '\n'; } \
    > deep-flow-map.yaml

# 100,000 nested block sequences on one line ("- - - ... - 1").
{ printf '%s' "$head"; printf 'x:\n'; rep 100000 '- '; printf '1\n'; } \
    > deep-block-seq.yaml

# 1,000 nested block mappings, each one space deeper (about 500 KB).
{ printf '%s' "$head"
  awk 'BEGIN { for (i = 0; i < 1000; i++) printf "%*sa:\n", i, "" }'
} > deep-block-map.yaml

# A 1.5 MiB scalar: the file is over the 1 MiB cap.
{ printf 'smp: 1\nid: c-9001\nname: '; rep 1572864 x; printf '\n'; } \
    > huge-scalar.yaml

# A 2 MiB file of well-formed YAML: a very long healing log.
{ printf '%s%shealing:\n' "$head" "$sessions"
  awk 'BEGIN { for (i = 0; i < 40000; i++)
	printf "  - {date: 2026-11-14, session: 1, note: crusts shedding}\n" }'
} > big-file.yaml

# A 4 GiB sparse file: costs no disk, must not be read whole.
: > sparse-4g.yaml
truncate -s 4G sparse-4g.yaml 2>/dev/null ||
    dd if=/dev/null of=sparse-4g.yaml bs=1 seek=4294967296 2>/dev/null

# An id of 900,000 characters (the file stays under the cap): the
# message must quote it short.
{ printf 'smp: 1\nid: '; rep 900000 x; printf ' y\nname: Test Client\n'; } \
    > huge-id.yaml

# A name of 900,000 characters: valid, accepted.
{ printf 'smp: 1\nid: c-9001\nname: '; rep 900000 x
  printf '\ntimezone: Europe/Warsaw\n%s' "$sessions"; } > huge-name.yaml

# 200,000 distinct keys (3 characters each, 1,000,000 bytes): accepted.
{ printf '%s%s' "$head" "$sessions"
  awk 'BEGIN { a = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	n = 0
	for (i = 1; i <= 62 && n < 200000; i++)
	for (j = 1; j <= 62 && n < 200000; j++)
	for (k = 1; k <= 62 && n < 200000; k++) {
		key = substr(a, i, 1) substr(a, j, 1) substr(a, k, 1)
		if (key == "smp")	# the one real key of three letters
			continue
		printf "%s:\n", key
		n++
	} }'
} > many-keys.yaml

# The same with the last key a repeat of the first (line 200,009).
{ sed '$d' many-keys.yaml; printf 'aaa:\n'; } > many-keys-dup.yaml

# The most nodes a byte can buy: 500,000 one-letter items in a flow
# list (accepted, an unknown key), and 520,000 keys with null values in
# a flow mapping, one node per byte, all of them the same key.
{ printf '%s%s' "$head" "$sessions"; printf 'x: ['; rep 499999 'a,'
  printf 'a]\n'; } > many-items.yaml
{ printf '%s%s' "$head" "$sessions"; printf 'x: {'; rep 519999 'a,'
  printf 'a}\n'; } > many-nulls.yaml

# A billion laughs: nine levels of aliases, each ten times the last.
{ printf '%s' "$head"
  printf 'lol0: &a0 "lol"\n'
  i=1
  while [ $i -le 9 ]; do
	p=$((i - 1))
	printf 'lol%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n' \
	    $i $i $p $p $p $p $p $p $p $p $p $p
	i=$((i + 1))
  done
  printf 'notes: *a9\n'
} > alias-bomb.yaml

# One 600,000-character line with an error after it on the same line.
{ printf '%s' "$head"; printf 'profile: {skin: oily, notes: '; rep 600000 x
  printf ', norwood: 9}\n'; } > long-line.yaml

# Paths that are not plain readable files.  The runner runs these from
# DIR, so hostile/NAME.yaml names them.  The mode-000 file only stops a
# reader that is not root; procmem.yaml opens but fails to read (EIO)
# even for root.
rm -f loop.yaml loop2.yaml fifo.yaml devzero.yaml procmem.yaml \
    dangling.yaml notdir.yaml
ln -s loop2.yaml loop.yaml
ln -s loop.yaml loop2.yaml
ln -s nothing-here.yaml dangling.yaml
ln -s alias-bomb.yaml/x.yaml notdir.yaml
ln -s /proc/self/mem procmem.yaml
rm -rf directory.yaml && mkdir directory.yaml
chmod 644 unreadable.yaml 2>/dev/null || :
printf '%s%s' "$head" "$sessions" > unreadable.yaml
chmod 000 unreadable.yaml
mkfifo fifo.yaml
ln -s /dev/zero devzero.yaml

# A time zone name is not a path: this one climbs out of the zoneinfo
# folder to the FIFO above (through the reader's own cwd, so the text
# of the message does not depend on where DIR is).
{ printf 'smp: 1\nid: c-9001\nname: Test Client\n'
  printf 'timezone: ../../../../../../proc/self/cwd/hostile/fifo.yaml\n'
  printf '%s' "$sessions"; } > tz-fifo.yaml
