SMP_TODAY=2026-11-08 smp-heal --clinic ../../share/examples/clinic.yaml ../../share/examples/clients/c-0042.yaml
