smp-remind --clinic ../../share/examples/clinic.yaml --today 2026-11-22 remind/clinic/c-1003.yaml remind/extra/dup/c-1003.yaml
