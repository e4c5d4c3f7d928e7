SMP_TODAY=2026-11-30 smp-remind --clinic ../../share/examples/clinic.yaml --days 0 remind/clinic
