smp-remind --clinic ../../share/examples/clinic.yaml --today 2026-11-22 --days 0 --ics - remind/clinic/c-1005.yaml remind/clinic/c-1006.yaml remind/clinic/c-1018.yaml
