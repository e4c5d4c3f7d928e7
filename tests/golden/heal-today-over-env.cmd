SMP_TODAY=2026-12-03 smp-heal --clinic ../../share/examples/clinic.yaml --today 2026-11-08 -f json ../../share/examples/clients/*.yaml
