smp-remind --clinic ../../share/examples/clinic.yaml --today 2026-11-22 --days 3660 -j 3 remind/clinic
