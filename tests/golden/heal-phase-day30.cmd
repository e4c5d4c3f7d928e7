smp-heal --clinic ../../share/examples/clinic.yaml --today 2026-12-03 ../../share/examples/clients/c-0042.yaml
