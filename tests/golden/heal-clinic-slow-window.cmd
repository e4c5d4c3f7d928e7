smp-heal --clinic heal/clinic-slow.yaml --today 2026-12-13 ../../share/examples/clients/*.yaml
