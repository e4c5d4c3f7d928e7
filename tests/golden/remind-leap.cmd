# 2024-02-29 + 5 years - 6 months for one factor = 2028-08-28 (clinic-format.md)
for t in 2028-08-27 2028-08-28 2029-02-28 2034-02-28; do
	echo "== --today $t"
	smp-remind --clinic ../../share/examples/clinic.yaml --today $t --days 0 remind/kinds/leap.yaml
	echo "exit $?"
done
