smp-heal --clinic heal/clinic-slow.yaml --today 2026-11-08 ../../share/examples/clients/c-0042.yaml
