smp-heal --clinic ../../share/examples/clinic.yaml --today 2026-11-22 -f json ../../share/examples/clients/*.yaml
