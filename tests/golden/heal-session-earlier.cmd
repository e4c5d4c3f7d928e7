smp-heal --clinic ../../share/examples/clinic.yaml --today 2026-11-22 --session 1 ../../share/examples/clients/c-0012.yaml
