#!/bin/sh
# halves.sh FLOOR DIR: FLOOR over the first half of DIR's folders and over
# the second half at once, for the bench's picture of two busy cores.
floor=$1
set -- $(ls -d "$2"/*/ | sort)
n=$(( $# / 2 ))
first= second= i=0
for d; do
	if [ $i -lt $n ]; then first="$first $d"; else second="$second $d"; fi
	i=$((i + 1))
done
$floor $first &
$floor $second
status=$?
wait $! || status=1
exit $status
