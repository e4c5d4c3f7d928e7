smp-remind --clinic ../../share/examples/clinic.yaml --today 2026-11-22 --days 0 remind/clinic
