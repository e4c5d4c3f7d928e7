smp-remind --clinic ../../share/examples/clinic.yaml --today 2026-11-22 -f text remind/clinic/c-1014.yaml
