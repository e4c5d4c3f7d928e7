#!/bin/sh
# Runs each fuzz target for SECONDS on a corpus seeded from the tests'
# own files; any crash, leak or timeout fails.  The corpora grow in
# build-fuzz/corpus-* from run to run.
set -u
seconds=$1
shift
status=0
for t in "$@"; do
	corpus=build-fuzz/corpus-$t
	mkdir -p "$corpus"
	case $t in
	fuzz-client) seeds="share/examples/clients tests/data tests/hostile tests/fuzz/regress" ;;
	fuzz-clinic) seeds="share/examples/clinic.yaml share/smp tests/data" ;;
	fuzz-dates) seeds="tests/fuzz/seeds-dates" ;;
	esac
	for s in $seeds; do
		find "$s" -type f \( -name '*.yaml' -o -name '*.yml' -o \
		    -path '*seeds-dates*' \) -size -100k 2>/dev/null |
		    while read -r f; do cp "$f" "$corpus/" 2>/dev/null; done
	done
	echo "== $t for $seconds s"
	if ! "build-fuzz/$t" -max_total_time="$seconds" -timeout=5 \
	    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix=build-fuzz/"$t"- "$corpus" \
	    > "build-fuzz/$t.log" 2>&1; then
		echo "FAIL $t: see build-fuzz/$t.log"
		grep -E 'ERROR|SUMMARY|Test unit written' "build-fuzz/$t.log" | head
		status=1
	else
		grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' \
		    "build-fuzz/$t.log"
		echo "PASS $t"
	fi
done
exit $status
