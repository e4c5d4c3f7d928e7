# The reminder falls on 2026-12-01: the day before the window, its first
# day, its last day, and the day after it.
for t in 2026-12-02 2026-12-01 2026-11-17 2026-11-16; do
	echo "== --today $t"
	smp-remind --clinic ../../share/examples/clinic.yaml --today $t --kinds assessment remind/kinds/assessment.yaml
	echo "exit $?"
done
