smp-plan --clinic ../../share/examples/clinic.yaml --today 2026-11-22 --quote ../../share/examples/clients/c-0042.yaml
