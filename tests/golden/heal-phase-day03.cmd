smp-heal --clinic ../../share/examples/clinic.yaml --today 2026-11-06 ../../share/examples/clients/c-0042.yaml
