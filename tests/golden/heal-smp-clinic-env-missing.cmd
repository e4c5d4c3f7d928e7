SMP_CLINIC=heal/no-such-clinic.yaml smp-heal --today 2026-11-08 ../../share/examples/clients/c-0042.yaml
