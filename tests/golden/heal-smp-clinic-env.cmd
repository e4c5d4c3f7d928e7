SMP_CLINIC=heal/clinic-slow.yaml smp-heal --today 2026-11-08 -f tsv ../../share/examples/clients/c-0042.yaml
